// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cgroup - putting the caller in a cgroup v2 of its own
 *
 * Paths below the root of the cgroup2 file system are kept relative to a
 * descriptor of that root, so that cgroup_undo() still finds them after
 * the caller has changed its root directory.
 */

/* dietlibc declares the *at() calls only with this. */
#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "common.h"
#include "vserver.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

/* Room for a cgroup path and the name of a file in it. */
#define PATHSZ		(CGROUP_PATH_MAX + 64)

/* The controllers a context's limits need, and what they act on. */
static const struct {
	const char *name;
	const char *what;
} controllers[] = {
	{ "memory", "memory limit" },
	{ "cpu", "CPU settings" },
};

/* What cgroup_undo() undoes. */
static struct {
	int root_fd;		/* the root of the cgroup2 file system */
	char root[PATHSZ];	/* its path */
	char path[PATHSZ];	/* the cgroup */
	char dir[PATHSZ];	/* the cgroup, relative to the root */
	size_t created;		/* length of the first part of dir created */
	char orig[PATHSZ];	/* the caller's cgroup before; "." the root */
	bool have_orig;
	bool moved;
} cg = { .root_fd = -1 };

const char *cgroup_path_check(const char *path, char *buf, size_t size)
{
	const char *s = path;
	size_t len = 0;

	if (*s != '/')
		return "is not an absolute path";
	while (*s) {
		size_t n;

		s += strspn(s, "/");
		n = strcspn(s, "/");
		if (!n)
			break;
		if ((n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return "holds a '.' or '..' component";
		if (len + 1 + n > CGROUP_PATH_MAX || len + 1 + n >= size)
			return "is too long";
		buf[len++] = '/';
		memcpy(buf + len, s, n);
		len += n;
		s += n;
	}
	if (!len)
		return "is the root directory";
	buf[len] = '\0';
	return NULL;
}

/* <root>[/<rel>][/<name>], for messages. */
static char *abs_path(char *buf, const char *rel, const char *name)
{
	strcpy(buf, cg.root);
	if (strcmp(rel, ".")) {
		if (strcmp(buf, "/"))
			strcat(buf, "/");
		strcat(buf, rel);
	}
	if (name) {
		if (strcmp(buf, "/"))
			strcat(buf, "/");
		strcat(buf, name);
	}
	return buf;
}

/* <rel>/<name> relative to the root descriptor. */
static char *rel_path(char *buf, const char *rel, const char *name)
{
	strcpy(buf, rel);
	strcat(buf, "/");
	strcat(buf, name);
	return buf;
}

/* Reads a small file into @buf, NUL-terminated; -1 with errno. */
static int read_at(int dirfd, const char *path, char *buf, size_t size)
{
	size_t len = 0;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while (len < size - 1) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			errno = err;
			return -1;
		}
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return 0;
}

/* Writes a word to a cgroup file; -1 with errno. */
static int write_at(int dirfd, const char *path, const char *word)
{
	int fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -1;
	do
		n = write(fd, word, strlen(word));
	while (n < 0 && errno == EINTR);
	err = errno;
	close(fd);
	errno = err;
	return n < 0 ? -1 : 0;
}

/* Whether a list of words separated by blanks holds @word. */
static bool has_word(const char *list, const char *word)
{
	size_t len = strlen(word);

	for (;;) {
		size_t n;

		list += strspn(list, " \t\n");
		n = strcspn(list, " \t\n");
		if (!n)
			return false;
		if (n == len && !strncmp(list, word, n))
			return true;
		list += n;
	}
}

/* The caller's cgroup v2, from the "0::<path>" line of /proc/self/cgroup. */
static void find_orig(void)
{
	char buf[4096];
	const char *line = buf;

	if (read_at(AT_FDCWD, "/proc/self/cgroup", buf, sizeof(buf)))
		return;
	while (*line) {
		size_t n = strcspn(line, "\n");

		if (n >= 4 && !strncmp(line, "0::/", 4) &&
		    n - 4 <= CGROUP_PATH_MAX) {
			if (n == 4) {
				strcpy(cg.orig, ".");
			} else {
				memcpy(cg.orig, line + 4, n - 4);
				cg.orig[n - 4] = '\0';
			}
			cg.have_orig = true;
			return;
		}
		line += n;
		if (*line)
			line++;
	}
}

/* Why a controller could not be enabled, for the warning. */
struct refusal {
	char file[PATHSZ];
	char why[PATHSZ + 64];
};

static void refuse(struct refusal *r, const char *file, const char *why,
		   const char *why2)
{
	if (r->file[0])
		return;
	strcpy(r->file, file);
	strcpy(r->why, why);
	strcat(r->why, why2);
}

/*
 * Enables the controllers for the children of <rel> that its
 * cgroup.controllers has and its cgroup.subtree_control lacks, all in one
 * write, so that the kernel enables all or none; records the first
 * refusal of each.  Not in a cgroup with processes of its own (but the
 * root): it cannot pass memory on, and cpu alone would make it a thread
 * root, where the new cgroup could take no process.
 */
static void enable_controllers(const char *rel, struct refusal *refused)
{
	char path[PATHSZ], file[PATHSZ], have[512], on[512], words[64];
	bool want[ARRAY_SIZE(controllers)];
	size_t i;
	int err;

	abs_path(file, rel, "cgroup.subtree_control");
	if (read_at(cg.root_fd, rel_path(path, rel, "cgroup.controllers"),
		    have, sizeof(have)))
		have[0] = '\0';
	if (read_at(cg.root_fd, rel_path(path, rel, "cgroup.subtree_control"),
		    on, sizeof(on)))
		on[0] = '\0';
	words[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(controllers); i++) {
		want[i] = has_word(have, controllers[i].name) &&
			  !has_word(on, controllers[i].name);
		if (!want[i])
			continue;
		strcat(words, words[0] ? " +" : "+");
		strcat(words, controllers[i].name);
	}
	if (!words[0])
		return;
	if (strcmp(rel, ".") &&
	    (read_at(cg.root_fd, rel_path(path, rel, "cgroup.procs"), on,
		     sizeof(on)) || on[0])) {
		path[0] = '\'';
		abs_path(path + 1, rel, NULL);
		for (i = 0; i < ARRAY_SIZE(controllers); i++)
			if (want[i])
				refuse(&refused[i], file, path,
				       "' has processes of its own");
		return;
	}
	if (!write_at(cg.root_fd, rel_path(path, rel, "cgroup.subtree_control"),
		      words))
		return;
	err = errno;
	for (i = 0; i < ARRAY_SIZE(controllers); i++)
		if (want[i])
			refuse(&refused[i], file, strerror(err), "");
}

/* mkdir of <rel>; EEXIST is fine. */
static void make_dir(const char *rel, int status)
{
	char path[PATHSZ];
	int err;

	if (!mkdirat(cg.root_fd, rel, 0755)) {
		if (!cg.created)
			cg.created = strlen(rel);
		return;
	}
	if (errno == EEXIST)
		return;
	err = errno;
	cgroup_undo();
	die_err(status, err, "cannot create cgroup '",
		abs_path(path, rel, NULL), "'");
}

void cgroup_check(const char *dir, int status)
{
	char path[PATHSZ], parent[PATHSZ];
	struct stat st, pst;
	struct statfs sfs;
	size_t len = strlen(dir);

	/* The deepest part of @dir that exists. */
	strcpy(path, dir);
	while (stat(path, &st)) {
		if (errno != ENOENT)
			die_err(status, errno, "cannot use '", path, "'");
		*strrchr(path, '/') = '\0';
		if (!path[0])
			strcpy(path, "/");
	}
	if (strlen(path) == len && !S_ISDIR(st.st_mode))
		die_err(status, ENOTDIR, "cannot use '", dir, "'");
	if (statfs(path, &sfs))
		die_err(status, errno, "cannot use '", path, "'");
	if (sfs.f_type != CGROUP2_SUPER_MAGIC)
		die(status, "cannot use '", dir, "' as a cgroup: '", path,
		    "' is not on a cgroup2 file system");

	/* Up while the parent is on the same file system. */
	while (strcmp(path, "/")) {
		strcpy(parent, path);
		*strrchr(parent, '/') = '\0';
		if (!parent[0])
			strcpy(parent, "/");
		if (stat(parent, &pst))
			die_err(status, errno, "cannot use '", parent, "'");
		if (pst.st_dev != st.st_dev)
			break;
		strcpy(path, parent);
	}
	if (strlen(path) >= len)
		die(status, "cannot use '", dir, "' as a cgroup: it is the ",
		    "root of its cgroup2 file system");
	strcpy(cg.path, dir);
	strcpy(cg.root, path);
	strcpy(cg.dir, dir + (strcmp(path, "/") ? strlen(path) + 1 : 1));
}

void cgroup_join(int status)
{
	const char *dir = cg.path;
	struct refusal refused[ARRAY_SIZE(controllers)];
	char rel[PATHSZ], path[PATHSZ], buf[512];
	char *slash;
	size_t i;
	int err;

	memset(refused, 0, sizeof(refused));
	cg.root_fd = open(cg.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg.root_fd < 0)
		die_err(status, errno, "cannot open '", cg.root, "'");
	find_orig();

	/* Each cgroup above the new one, from the root down, then it. */
	enable_controllers(".", refused);
	for (slash = strchr(cg.dir, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		memcpy(rel, cg.dir, (size_t)(slash - cg.dir));
		rel[slash - cg.dir] = '\0';
		make_dir(rel, status);
		enable_controllers(rel, refused);
	}
	make_dir(cg.dir, status);

	rel_path(rel, cg.dir, "cgroup.controllers");
	if (read_at(cg.root_fd, rel, buf, sizeof(buf))) {
		err = errno;
		cgroup_undo();
		die_err(status, err, "cannot read '",
			abs_path(path, cg.dir, "cgroup.controllers"), "'");
	}
	for (i = 0; i < ARRAY_SIZE(controllers); i++) {
		if (has_word(buf, controllers[i].name))
			continue;
		warnmsg("the ", controllers[i].name, " controller is not ",
			"available in '", dir, "' (cgroup.controllers): the ",
			"context's ", controllers[i].what, " will not act on ",
			"this cgroup");
		if (refused[i].file[0])
			warnmsg("'+", controllers[i].name, "' in '",
				refused[i].file, "': ", refused[i].why);
	}

	rel_path(rel, cg.dir, "cgroup.procs");
	if (write_at(cg.root_fd, rel, "0")) {
		err = errno;
		cgroup_undo();
		die_err(status, err, "cannot write '",
			abs_path(path, cg.dir, "cgroup.procs"), "'");
	}
	cg.moved = true;
}

void cgroup_undo(void)
{
	char path[PATHSZ];

	if (cg.root_fd < 0)
		return;
	if (cg.moved && cg.have_orig)
		write_at(cg.root_fd, rel_path(path, cg.orig, "cgroup.procs"),
			 "0");
	cg.moved = false;
	if (cg.created) {
		strcpy(path, cg.dir);
		for (;;) {
			char *slash;

			unlinkat(cg.root_fd, path, AT_REMOVEDIR);
			if (strlen(path) <= cg.created)
				break;
			slash = strrchr(path, '/');
			if (!slash)
				break;
			*slash = '\0';
		}
	}
	cg.created = 0;
}
