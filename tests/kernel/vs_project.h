/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vs_project.h - The project id and PROJINHERIT flag of a file, as the
 * host sets and reads them with the file system's own interface
 * (FS_IOC_FSGETXATTR, FS_IOC_FSSETXATTR): for the disk-limit tests
 * (tests/kernel/dlimit_test.c, tests/attack/disk19_test.c).
 */

#ifndef VS_PROJECT_H
#define VS_PROJECT_H

#include <fcntl.h>
#include <linux/fs.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Gives @path project @projid, with or without PROJINHERIT; 0 or -1. */
static inline int vs_set_project(const char *path, unsigned int projid,
				 bool inherit)
{
	struct fsxattr fa;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, FS_IOC_FSGETXATTR, &fa);
	if (!ret) {
		fa.fsx_projid = projid;
		if (inherit)
			fa.fsx_xflags |= FS_XFLAG_PROJINHERIT;
		else
			fa.fsx_xflags &= ~FS_XFLAG_PROJINHERIT;
		ret = ioctl(fd, FS_IOC_FSSETXATTR, &fa);
	}
	close(fd);
	return ret;
}

/* The project id of @path, or -1. */
static inline long vs_projid(const char *path)
{
	struct fsxattr fa;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long ret;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, FS_IOC_FSGETXATTR, &fa) ? -1 : (long)fa.fsx_projid;
	close(fd);
	return ret;
}

/* Whether @path has PROJINHERIT (false if it cannot be read). */
static inline bool vs_proj_inherits(const char *path)
{
	struct fsxattr fa;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ret;

	if (fd < 0)
		return false;
	ret = !ioctl(fd, FS_IOC_FSGETXATTR, &fa) &&
	      (fa.fsx_xflags & FS_XFLAG_PROJINHERIT);
	close(fd);
	return ret;
}

#endif /* VS_PROJECT_H */
