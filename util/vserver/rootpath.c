// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - paths inside a guest's root
 *
 * A guest's root is the guest's: any name in it may be a symbolic link
 * put there by the guest, or by the template it was built from (a Debian
 * root has var/run -> /run and var/lock -> /run/lock), that a host path
 * string like "<vdir>/var/run" would follow out to the host.  The tools
 * therefore never build such a string.  They open the root once and
 * resolve every path relative to that descriptor with openat2(2)
 * RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS: ".." stops at the root and an
 * absolute link is taken relative to the root, as the guest itself would
 * see it.  What is created or changed is named by (directory descriptor,
 * last component), with the *at() calls, and never followed when it is a
 * link (O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, mknodat, symlinkat): an existing
 * entry of the wrong kind is an error that names the path, not something
 * to write through.
 *
 * Every function returns 0 or a descriptor, or -1 with errno set and a
 * message "<what> <path in the guest>: <reason>" printed.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "frontend.h"

#ifndef __NR_openat2
#define __NR_openat2	437
#endif

/* Our own copy: dietlibc's headers have no <linux/openat2.h> wrapper. */
struct vs_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};

#define VS_RESOLVE_NO_MAGICLINKS	0x02
#define VS_RESOLVE_IN_ROOT		0x10

int open_in_root(int rootfd, const char *path, int flags)
{
	struct vs_open_how how = {
		.flags = (uint64_t)flags | O_CLOEXEC,
		.resolve = VS_RESOLVE_IN_ROOT | VS_RESOLVE_NO_MAGICLINKS,
	};

	if (flags & O_CREAT)
		how.mode = 0600;
	return (int)sys4(__NR_openat2, rootfd, (long)path, (long)&how,
			 sizeof(how));
}

int root_open(const char *vdir)
{
	int fd = open(vdir, O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		warnf("cannot open the guest's root %s: %s", vdir,
		      strerror(errno));
	return fd;
}

static int fail_path(const char *what, const char *rel, int err)
{
	warnf("cannot %s /%s in the guest's root: %s", what, rel,
	      strerror(err));
	errno = err;
	return -1;
}

/*
 * Opens the directory that holds @rel (resolved in the root) and returns
 * its descriptor; *@base points to the last component of @rel.
 */
static int open_parent(int rootfd, const char *rel, const char **base)
{
	char dir[VS_PATH_MAX];
	const char *slash;
	int fd;

	while (*rel == '/')
		rel++;
	slash = strrchr(rel, '/');
	*base = slash ? slash + 1 : rel;
	if (!**base || !strcmp(*base, ".") || !strcmp(*base, "..")) {
		errno = EINVAL;
		return -1;
	}
	if (!slash)
		return open_in_root(rootfd, ".", O_PATH | O_DIRECTORY);
	if ((size_t)(slash - rel) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, rel, (size_t)(slash - rel));
	dir[slash - rel] = '\0';
	fd = open_in_root(rootfd, dir, O_PATH | O_DIRECTORY);
	return fd;
}

int rp_mkdir(int rootfd, const char *rel, mode_t mode)
{
	const char *base;
	int dfd, fd, err;
	mode_t old;

	dfd = open_parent(rootfd, rel, &base);
	if (dfd < 0)
		return fail_path("reach the directory of", rel, errno);
	old = umask(0);
	if (!mkdirat(dfd, base, mode)) {
		umask(old);
		close(dfd);
		return 0;
	}
	err = errno;
	umask(old);
	if (err != EEXIST) {
		close(dfd);
		return fail_path("create the directory", rel, err);
	}
	/*
	 * It exists: a directory, or a symbolic link, which is the guest's
	 * (var/lock -> /run/lock in a Debian root, dangling until the guest
	 * boots), is left as it is and never followed; anything else is an
	 * error.
	 */
	fd = openat(dfd, base, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	err = errno;
	if (fd >= 0) {
		close(fd);
		close(dfd);
		return 0;
	}
	if (err == ELOOP || err == ENOTDIR) {
		struct stat st;

		if (!fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISLNK(st.st_mode)) {
			close(dfd);
			return 0;
		}
		err = ENOTDIR;
	}
	close(dfd);
	return fail_path("create the directory", rel, err);
}

int rp_mkdir_p(int rootfd, const char *rel, mode_t mode)
{
	char buf[VS_PATH_MAX];
	char *p;

	while (*rel == '/')
		rel++;
	if (strlen(rel) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return fail_path("create", rel, errno);
	}
	strcpy(buf, rel);
	for (p = buf; *p; p++) {
		if (*p != '/' || p == buf)
			continue;
		*p = '\0';
		if (rp_mkdir(rootfd, buf, mode))
			return -1;
		*p = '/';
	}
	return *buf ? rp_mkdir(rootfd, buf, mode) : 0;
}

/* Creates or truncates the regular file @rel, @mode, for writing. */
static int create_file(int rootfd, const char *rel, mode_t mode)
{
	const char *base;
	struct stat st;
	int dfd, fd, err;

	dfd = open_parent(rootfd, rel, &base);
	if (dfd < 0)
		return fail_path("reach the directory of", rel, errno);
	fd = openat(dfd, base, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		    O_NONBLOCK | O_NOCTTY | O_CLOEXEC, mode);
	err = errno;
	close(dfd);
	if (fd < 0)
		return fail_path("write", rel, err);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return fail_path("write (not a regular file)", rel, EINVAL);
	}
	if (fchmod(fd, mode)) {
		err = errno;
		close(fd);
		return fail_path("change the mode of", rel, err);
	}
	return fd;
}

static int write_all_fd(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int rp_write(int rootfd, const char *rel, const char *text, mode_t mode)
{
	char dir[VS_PATH_MAX];
	char *slash;
	int fd;

	while (*rel == '/')
		rel++;
	pathf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		if (rp_mkdir_p(rootfd, dir, 0755))
			return -1;
	}
	fd = create_file(rootfd, rel, mode);
	if (fd < 0)
		return -1;
	if (write_all_fd(fd, text, strlen(text))) {
		int err = errno;

		close(fd);
		return fail_path("write", rel, err);
	}
	if (close(fd))
		return fail_path("write", rel, errno);
	return 0;
}

int rp_copy(int rootfd, const char *rel, const char *src, mode_t mode)
{
	char buf[65536];
	int in, out, err = 0;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		warnf("cannot read %s: %s", src, strerror(errno));
		return -1;
	}
	out = create_file(rootfd, rel, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (!n)
			break;
		if (write_all_fd(out, buf, (size_t)n)) {
			err = errno;
			break;
		}
	}
	close(in);
	if (close(out) && !err)
		err = errno;
	if (err)
		return fail_path("copy into", rel, err);
	return 0;
}

int rp_mknod(int rootfd, const char *rel, mode_t mode, dev_t dev)
{
	const char *base;
	struct stat st;
	int dfd, err = 0;
	mode_t old;

	dfd = open_parent(rootfd, rel, &base);
	if (dfd < 0)
		return fail_path("reach the directory of", rel, errno);
	/* An existing entry, whatever it is, is the guest's. */
	if (!fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW)) {
		close(dfd);
		return 0;
	}
	old = umask(0);
	if (mknodat(dfd, base, mode, dev))
		err = errno;
	umask(old);
	close(dfd);
	return err ? fail_path("create the device", rel, err) : 0;
}

int rp_symlink(int rootfd, const char *rel, const char *target)
{
	const char *base;
	struct stat st;
	int dfd, err = 0;

	dfd = open_parent(rootfd, rel, &base);
	if (dfd < 0)
		return fail_path("reach the directory of", rel, errno);
	if (!fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW)) {
		close(dfd);
		return 0;
	}
	if (symlinkat(target, dfd, base))
		err = errno;
	close(dfd);
	return err ? fail_path("create the link", rel, err) : 0;
}

int rp_unlink(int rootfd, const char *rel)
{
	const char *base;
	int dfd, err = 0;

	dfd = open_parent(rootfd, rel, &base);
	if (dfd < 0)
		return errno == ENOENT ? 0 : -1;
	if (unlinkat(dfd, base, 0) && errno != ENOENT)
		err = errno;
	close(dfd);
	errno = err;
	return err ? -1 : 0;
}
