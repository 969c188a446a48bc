// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fswalk - the directory walk of chxid and lsxid
 */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "common.h"
#include "fswalk.h"

static int walk_dir(const struct fswalk *w, const char *dir, dev_t dev,
		    char *path, size_t size)
{
	size_t len = strlen(dir);
	struct dirent *e;
	struct stat st;
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		warnmsg("cannot read '", dir, "': ", strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		const char *n = e->d_name;

		if (!strcmp(n, ".") || !strcmp(n, "..") ||
		    (n[0] == '.' && !w->all))
			continue;
		if (len + 1 + strlen(n) >= size) {
			warnmsg("'", dir, "/", n, "': ", strerror(ENAMETOOLONG));
			ret = -1;
			continue;
		}
		memcpy(path, dir, len);
		path[len] = '/';
		strcpy(path + len + 1, n);
		if (lstat(path, &st)) {
			warnmsg("cannot read '", path, "': ", strerror(errno));
			ret = -1;
			continue;
		}
		ret |= w->visit(w, path, &st);
		if (w->recursive && S_ISDIR(st.st_mode) &&
		    (!w->xdev || st.st_dev == dev)) {
			char *sub = strdup(path);

			if (!sub) {
				warnmsg("'", path, "': ", strerror(ENOMEM));
				ret = -1;
				continue;
			}
			ret |= walk_dir(w, sub, dev, path, size);
			free(sub);
		}
	}
	closedir(d);
	return ret ? -1 : 0;
}

int fswalk_entries(const struct fswalk *w, const char *dir, dev_t dev)
{
	char path[PATH_MAX];

	return walk_dir(w, dir, dev, path, sizeof(path));
}

int fswalk_path(const struct fswalk *w, const char *path, bool self)
{
	struct stat st;
	int ret = 0;

	if (lstat(path, &st)) {
		warnmsg("cannot read '", path, "': ", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return w->visit(w, path, &st);
	if (self)
		ret = w->visit(w, path, &st);
	if (!self || w->recursive)
		ret |= fswalk_entries(w, path, st.st_dev);
	return ret ? -1 : 0;
}
