/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - cgroup v2 helpers
 *
 * The memory and CPU limits of a context act on the cgroups its creator
 * was in at ctx_create.  These helpers mount cgroup2 on /sys/fs/cgroup
 * if it is not there, enable controllers for the root's children, make
 * and remove the children, move processes into them and read and write
 * their files.  A cgroup is named by its path below /sys/fs/cgroup
 * ("vstest-1960").
 *
 * All helpers return -1 with errno set on an error.  They are static, so
 * that each test program is self-contained.
 */

#ifndef _VSERVER_SELFTEST_VS_CGROUP_H
#define _VSERVER_SELFTEST_VS_CGROUP_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define VS_CG_ROOT	"/sys/fs/cgroup"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

/* "max" in a cgroup file, as vs_cg_u64() reports it. */
#define VS_CG_MAX	UINT64_MAX

static void __attribute__((unused)) vs_cg_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* The path of file (NULL: the directory) of cgroup cg ("": the root). */
static void __attribute__((unused)) vs_cg_path(char *out, size_t size,
					       const char *cg,
					       const char *file)
{
	snprintf(out, size, "%s%s%s%s%s", VS_CG_ROOT, *cg ? "/" : "", cg,
		 file ? "/" : "", file ? file : "");
}

/* Is cgroup2 mounted on /sys/fs/cgroup? */
static int __attribute__((unused)) vs_cg_mounted(void)
{
	struct statfs s;

	return !statfs(VS_CG_ROOT, &s) && s.f_type == CGROUP2_SUPER_MAGIC;
}

/*
 * Reads file of cgroup cg into buf (NUL-terminated).  Returns the length.
 */
static ssize_t __attribute__((unused)) vs_cg_read(const char *cg,
						  const char *file, char *buf,
						  size_t size)
{
	char path[256];
	ssize_t n, len = 0;
	int fd, err;

	vs_cg_path(path, sizeof(path), cg, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	err = errno;
	close(fd);
	buf[len] = '\0';
	if (n < 0) {
		errno = err;
		return -1;
	}
	return len;
}

/* Writes value to file of cgroup cg in one write(2).  Returns 0. */
static int __attribute__((unused)) vs_cg_write(const char *cg,
					       const char *file,
					       const char *value)
{
	const size_t len = strlen(value);
	char path[256];
	ssize_t n;
	int fd, err;

	vs_cg_path(path, sizeof(path), cg, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, value, len);
	err = errno;
	close(fd);
	if (n != (ssize_t)len) {
		errno = n < 0 ? err : EIO;
		return -1;
	}
	return 0;
}

/*
 * A file of cgroup cg that holds one number ("max": VS_CG_MAX).  Returns
 * 0, or -1 (errno EINVAL if it is not a number).
 */
static int __attribute__((unused)) vs_cg_u64(const char *cg, const char *file,
					     uint64_t *val)
{
	char buf[64], *end;

	if (vs_cg_read(cg, file, buf, sizeof(buf)) <= 0)
		return -1;
	if (!strcmp(buf, "max\n")) {
		*val = VS_CG_MAX;
		return 0;
	}
	errno = 0;
	*val = strtoull(buf, &end, 10);
	if (errno || end == buf || (*end && *end != '\n')) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/*
 * The value of key in a flat keyed file of cgroup cg ("populated 1",
 * "max 3").  Returns 0, or -1 (errno ENOENT if there is no such key).
 */
static int __attribute__((unused)) vs_cg_key(const char *cg, const char *file,
					     const char *key, uint64_t *val)
{
	const size_t klen = strlen(key);
	char buf[4096], *p;

	if (vs_cg_read(cg, file, buf, sizeof(buf)) < 0)
		return -1;
	for (p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			*val = strtoull(p + klen + 1, NULL, 10);
			return 0;
		}
	}
	errno = ENOENT;
	return -1;
}

/* Does the space-separated list in file of cg hold word? */
static int __attribute__((unused)) vs_cg_has_word(const char *cg,
						  const char *file,
						  const char *word)
{
	const size_t wlen = strlen(word);
	char buf[1024], *p;

	if (vs_cg_read(cg, file, buf, sizeof(buf)) < 0)
		return 0;
	for (p = buf; *p; p += strcspn(p, " \n"), p += strspn(p, " \n"))
		if (!strncmp(p, word, wlen) &&
		    (p[wlen] == ' ' || p[wlen] == '\n' || !p[wlen]))
			return 1;
	return 0;
}

/*
 * Mounts cgroup2 on /sys/fs/cgroup unless it is mounted there, and
 * enables the controllers in the space-separated list (e.g. "memory cpu")
 * for the root's children.  Returns 0, or -1 (errno ENODEV for a
 * controller the kernel does not have).
 */
static int __attribute__((unused)) vs_cg_setup(const char *controllers)
{
	char list[128], *word, *save;

	if (!vs_cg_mounted() &&
	    mount("cgroup2", VS_CG_ROOT, "cgroup2", 0, NULL))
		return -1;
	snprintf(list, sizeof(list), "%s", controllers);
	for (word = strtok_r(list, " ", &save); word;
	     word = strtok_r(NULL, " ", &save)) {
		char plus[64];

		if (vs_cg_has_word("", "cgroup.subtree_control", word))
			continue;
		if (!vs_cg_has_word("", "cgroup.controllers", word)) {
			errno = ENODEV;
			return -1;
		}
		snprintf(plus, sizeof(plus), "+%s", word);
		if (vs_cg_write("", "cgroup.subtree_control", plus))
			return -1;
	}
	return 0;
}

/* Does cgroup cg exist? */
static int __attribute__((unused)) vs_cg_exists(const char *cg)
{
	char path[256];
	struct stat st;

	vs_cg_path(path, sizeof(path), cg, NULL);
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/*
 * Removes cgroup cg (no child cgroups): kills what is still in it
 * (cgroup.kill), waits until it is empty, then removes it, all within
 * ms milliseconds.  Returns 0 (also if it did not exist).
 */
static int __attribute__((unused)) vs_cg_remove(const char *cg,
						unsigned int ms)
{
	char path[256];
	unsigned int t;
	uint64_t pop;

	if (!vs_cg_exists(cg))
		return 0;
	vs_cg_path(path, sizeof(path), cg, NULL);
	for (t = 0; t <= ms; t += 10) {
		if (!rmdir(path) || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			return -1;
		if (!vs_cg_key(cg, "cgroup.events", "populated", &pop) && pop)
			vs_cg_write(cg, "cgroup.kill", "1");
		vs_cg_msleep(10);
	}
	errno = EBUSY;
	return -1;
}

/* Makes cgroup cg, removing a leftover of that name first.  Returns 0. */
static int __attribute__((unused)) vs_cg_create(const char *cg)
{
	char path[256];

	if (vs_cg_remove(cg, 5000))
		return -1;
	vs_cg_path(path, sizeof(path), cg, NULL);
	return mkdir(path, 0755);
}

/* Moves process pid into cgroup cg ("": the root).  Returns 0. */
static int __attribute__((unused)) vs_cg_enter(const char *cg, pid_t pid)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%d", (int)pid);
	return vs_cg_write(cg, "cgroup.procs", buf);
}

/* Is process pid in cgroup cg (its /proc/<pid>/cgroup says "0::/cg")? */
static int __attribute__((unused)) vs_cg_is_in(const char *cg, pid_t pid)
{
	char path[64], buf[512], want[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	snprintf(want, sizeof(want), "0::/%s\n", cg);
	return !!strstr(buf, want);
}

#endif /* _VSERVER_SELFTEST_VS_CGROUP_H */
