// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest's disk limits: vserver build --disk-limit and .defaults/dlimits
 * write them, vserver start applies them.
 *
 *   dlimits/<N>/directory      the directory (absolute), usually the root
 *   dlimits/<N>/space_total    KiB, or "inf"
 *   dlimits/<N>/inodes_total   inodes, or "inf"
 *   dlimits/<N>/reservedspace  percent of the space df inside does not
 *                              show as available
 *   dlimits/<N>/disabled       skip this one
 *
 * As util-vserver had them.  A limit is the project quota of the guest's
 * tag (its context id) on the directory's file system: the directory
 * must be of that project with PROJINHERIT, so that its new files are
 * too; build makes the guest's root so, and start tags a directory that
 * is not yet (a guest built before, a new dlimits entry) with its whole
 * tree on that file system.  The file system keeps the usage.
 */

/* dietlibc declares the *at() calls only with this. */
#define _ATFILE_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dlimit.h"

/* --disk-limit: KiB and inodes; 0 when not given. */
static uint64_t opt_kib, opt_inodes;

/* "<n>[KMGT]" in KiB (a plain number is KiB, as space_total). */
static bool parse_size(const char *s, uint64_t *kib)
{
	static const char units[] = "KMGT";
	char num[32];
	const char *u;
	size_t len = strlen(s);
	unsigned int shift = 0;

	if (!len || len >= sizeof(num))
		return false;
	memcpy(num, s, len + 1);
	u = strchr(units, num[len - 1]);
	if (u && num[len - 1]) {
		shift = 10 * (unsigned int)(u - units);
		num[len - 1] = '\0';
	}
	if (!parse_uint(num, (VC_CDLIM_KEEP - 1) >> shift, kib) || !*kib)
		return false;
	*kib <<= shift;
	return true;
}

int dlimit_option(const char *spec)
{
	const char *comma = strchr(spec, ',');
	char size[32];

	if ((comma ? (size_t)(comma - spec) : strlen(spec)) >= sizeof(size))
		goto bad;
	snprintf(size, sizeof(size), "%.*s",
		 comma ? (int)(comma - spec) : (int)strlen(spec), spec);
	if (!parse_size(size, &opt_kib))
		goto bad;
	if (comma && (!parse_uint(comma + 1, VC_CDLIM_KEEP - 1,
				  &opt_inodes) || !opt_inodes))
		goto bad;
	return 0;
bad:
	warnf("build: --disk-limit %s: <size>[,<inodes>] is needed: a size in "
	      "KiB or with a suffix K, M, G, T, and a number of inodes", spec);
	return -1;
}

/* Sets the project of the file fd to xid, a directory's PROJINHERIT. */
static int set_project_fd(int fd, uint32_t xid, bool dir)
{
	struct fsxattr fa;
	uint32_t inherit = dir ? FS_XFLAG_PROJINHERIT : 0;

	if (ioctl(fd, FS_IOC_FSGETXATTR, &fa))
		return -1;
	if (fa.fsx_projid == xid && (fa.fsx_xflags & inherit) == inherit)
		return 0;
	fa.fsx_projid = xid;
	fa.fsx_xflags |= inherit;
	return ioctl(fd, FS_IOC_FSSETXATTR, &fa);
}

/* The project of dir, or -1 (errno) if it has none it inherits. */
static long dir_project(const char *dir)
{
	struct fsxattr fa;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long ret = -1;

	if (fd < 0)
		return -1;
	if (!ioctl(fd, FS_IOC_FSGETXATTR, &fa))
		ret = (fa.fsx_xflags & FS_XFLAG_PROJINHERIT) ?
		      (long)fa.fsx_projid : 0;
	close(fd);
	return ret;
}

/*
 * Gives the tree below the directory dfd (on device dev) project xid:
 * directories and regular files (symbolic links and devices cannot be
 * opened for it; they stay in the project they have).
 */
static int tag_tree(int dfd, dev_t dev, uint32_t xid)
{
	DIR *d = fdopendir(dfd);
	struct dirent *e;
	int ret = 0;

	if (!d)
		return -1;
	while (!ret && (e = readdir(d))) {
		struct stat st;
		int fd;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    st.st_dev != dev ||
		    !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
			continue;
		fd = openat(dfd, e->d_name, O_RDONLY | O_NOFOLLOW |
			    O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ret = set_project_fd(fd, xid, S_ISDIR(st.st_mode));
		if (!ret && S_ISDIR(st.st_mode))
			ret = tag_tree(fd, dev, xid);
		else
			close(fd);
	}
	closedir(d);
	return ret;
}

/* Makes dir and its tree (on its file system) of project xid. */
static int tag_dir(const char *dir, uint32_t xid)
{
	struct stat st;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st))
		return -1;
	if (set_project_fd(fd, xid, true)) {
		close(fd);
		return -1;
	}
	return tag_tree(fd, st.st_dev, xid);
}

/* Writes dlimits/0 from --disk-limit. */
static int write_option(const struct guest *g, const char *vdir)
{
	char dir[VS_PATH_MAX], path[VS_PATH_MAX], path2[VS_PATH_MAX + 1];
	char num[32];

	pathf(dir, sizeof(dir), "%s/dlimits/0", g->cfgdir);
	if (mkdir_p(dir))
		return -1;
	pathf(path, sizeof(path), "%s/directory", dir);
	snprintf(path2, sizeof(path2), "%s\n", vdir);
	if (write_file(path, path2))
		return -1;
	snprintf(num, sizeof(num), "%llu\n", (unsigned long long)opt_kib);
	pathf(path, sizeof(path), "%s/space_total", dir);
	if (write_file(path, num))
		return -1;
	snprintf(num, sizeof(num), "%llu\n", (unsigned long long)opt_inodes);
	pathf(path, sizeof(path), "%s/inodes_total", dir);
	return opt_inodes ? write_file(path, num) : 0;
}

/* Copies one file of .defaults/dlimits/<n>/ if it exists. */
static int copy_default(const char *from, const char *to, const char *name)
{
	char src[VS_PATH_MAX], dst[VS_PATH_MAX], buf[VS_PATH_MAX];

	pathf(src, sizeof(src), "%s/%s", from, name);
	pathf(dst, sizeof(dst), "%s/%s", to, name);
	if (read_value_file(src, buf, sizeof(buf) - 1, VS_EXIT_FAIL) !=
	    VALUE_READ)
		return 0;
	strcat(buf, "\n");
	return write_file(dst, buf);
}

/* Copies .defaults/dlimits/<n>/, the directory defaulting to vdir. */
static int write_defaults(const struct guest *g, const char *vdir)
{
	static const char *const names[] = {
		"space_total", "inodes_total", "reservedspace", "directory",
	};
	char from[VS_PATH_MAX], to[VS_PATH_MAX], path[VS_PATH_MAX];
	char line[VS_PATH_MAX + 1];
	struct dirent *e;
	DIR *d;
	int ret = 0;

	pathf(from, sizeof(from), "%s/.defaults/dlimits", conf_dir());
	d = opendir(from);
	if (!d)
		return 0;
	while (!ret && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		pathf(from, sizeof(from), "%s/.defaults/dlimits/%s",
		      conf_dir(), e->d_name);
		pathf(to, sizeof(to), "%s/dlimits/%s", g->cfgdir, e->d_name);
		pathf(path, sizeof(path), "%s/directory", to);
		snprintf(line, sizeof(line), "%s\n", vdir);
		ret = mkdir_p(to) || write_file(path, line);
		for (size_t i = 0; !ret && i < ARRAY_SIZE(names); i++)
			ret = copy_default(from, to, names[i]);
	}
	closedir(d);
	return ret;
}

int dlimit_build(const struct guest *g, const char *vdir, uint32_t xid)
{
	char path[VS_PATH_MAX];
	bool limited;

	if (opt_kib ? write_option(g, vdir) : write_defaults(g, vdir)) {
		warnf("%s: cannot write dlimits/: %s", g->name,
		      strerror(errno));
		return -1;
	}
	pathf(path, sizeof(path), "%s/dlimits", g->cfgdir);
	limited = exists(path);
	/* The root is empty: what is made in it inherits the project. */
	if (tag_dir(vdir, xid) && limited) {
		warnf("%s: %s cannot be made a project directory (%s): the file "
		      "system needs project quotas for a disk limit (ext4: "
		      "features quota,project, mount option prjquota; XFS: mount "
		      "option prjquota)", g->name, vdir, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- start ----------------------------------------------------------- */

/*
 * Reads dlimits/<n>/<name>: a number up to max, or "inf" (or absent:
 * dflt).  A bad value is an error naming the file.
 */
static int read_number(const char *dir, const char *name, uint64_t max,
		       uint32_t dflt, uint32_t *v)
{
	char path[VS_PATH_MAX], buf[64];
	uint64_t n;

	pathf(path, sizeof(path), "%s/%s", dir, name);
	switch (read_value_file(path, buf, sizeof(buf), VS_EXIT_FAIL)) {
	case VALUE_ABSENT:
		*v = dflt;
		return 0;
	case VALUE_DIRECTORY:
		break;
	case VALUE_READ:
		if (max > 100 && !strcmp(buf, "inf")) {
			*v = VC_CDLIM_INFINITY;
			return 0;
		}
		if (parse_uint(buf, max, &n)) {
			*v = (uint32_t)n;
			return 0;
		}
		warnf("%s: invalid value '%s': %s", path, buf, max > 100 ?
		      "a number or 'inf'" : "a percentage, 0..100");
		return -1;
	}
	warnf("%s: a file with a value is needed", path);
	return -1;
}

/* Reads dlimits/<n>/: its directory and limits. */
static int read_entry(const char *dir, char *target, size_t size,
		      struct vc_ctx_dlimit *lim)
{
	char path[VS_PATH_MAX];

	memset(lim, 0, sizeof(*lim));
	lim->space_used = lim->inodes_used = VC_CDLIM_KEEP;
	pathf(path, sizeof(path), "%s/directory", dir);
	if (read_value_file(path, target, size, VS_EXIT_FAIL) != VALUE_READ ||
	    target[0] != '/') {
		warnf("%s: an absolute directory is needed", path);
		return -1;
	}
	return read_number(dir, "space_total", VC_CDLIM_KEEP - 1,
			   VC_CDLIM_INFINITY, &lim->space_total) ||
	       read_number(dir, "inodes_total", VC_CDLIM_KEEP - 1,
			   VC_CDLIM_INFINITY, &lim->inodes_total) ||
	       read_number(dir, "reservedspace", 100, 0, &lim->reserved);
}

/* Applies one dlimits/<n>/ to the guest's tag. */
static int apply_entry(const struct guest *g, const char *dir)
{
	struct vc_ctx_dlimit lim;
	char target[VS_PATH_MAX];

	if (read_entry(dir, target, sizeof(target), &lim))
		return -1;
	if (dir_project(target) != (long)g->xid) {
		say(g, "making %s and its files project %u", target, g->xid);
		if (tag_dir(target, g->xid))
			goto fs_error;
	}
	if ((vc_add_dlimit(target, g->xid, 0) && errno != EEXIST) ||
	    vc_set_dlimit(target, g->xid, 0, &lim))
		goto fs_error;
	return 0;
fs_error:
	if (errno == EOPNOTSUPP || errno == ENOTTY)
		warnf("%s: %s: the file system of %s has no enforced project "
		      "quotas (ext4: features quota,project and mount option "
		      "prjquota; XFS: mount option prjquota): the disk limit "
		      "cannot be applied", g->name, dir, target);
	else
		warnf("%s: %s: cannot apply the disk limit on %s: %s", g->name,
		      dir, target, vc_strerror(errno));
	return -1;
}

int dlimits_apply(const struct guest *g)
{
	char base[VS_PATH_MAX], dir[VS_PATH_MAX];
	struct dirent *e;
	int ret = 0;
	DIR *d;

	pathf(base, sizeof(base), "%s/dlimits", g->cfgdir);
	d = opendir(base);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while (!ret && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		pathf(dir, sizeof(dir), "%s/%s/disabled", base, e->d_name);
		if (exists(dir))
			continue;
		pathf(dir, sizeof(dir), "%s/%s", base, e->d_name);
		if (!g->have_xid) {
			warnf("%s: %s: a disk limit needs a static context "
			      "(the file 'context')", g->name, dir);
			ret = -1;
		} else {
			ret = apply_entry(g, dir);
		}
	}
	closedir(d);
	return ret;
}
