/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fswalk - the directory walk of chxid and lsxid (not part of libvserver)
 */

#ifndef _VSERVER_UTIL_FSWALK_H
#define _VSERVER_UTIL_FSWALK_H

#include <stdbool.h>
#include <sys/stat.h>

/**
 * struct fswalk - a walk over files
 * @recursive: go down into directories (-R)
 * @all: list names starting with '.' too (-a)
 * @xdev: do not go down into other file systems (-x)
 * @visit: called for each file with its path and lstat(); returns 0, or
 *         -1 after it reported a failure (the walk goes on)
 * @data: for @visit
 *
 * Symbolic links are visited, never followed.
 */
struct fswalk {
	bool recursive, all, xdev;
	int (*visit)(const struct fswalk *w, const char *path,
		     const struct stat *st);
	void *data;
};

/**
 * fswalk_entries - visit the entries of a directory ('.' and '..' never)
 * @w: the walk; with @w->recursive, each entry that is a directory is
 *     walked in turn after it is visited (on @dev only, with @w->xdev)
 * @dir: the directory
 * @dev: the device of the file system the walk started on
 *
 * Return: 0, or -1 if anything failed (reported).
 */
int fswalk_entries(const struct fswalk *w, const char *dir, dev_t dev);

/**
 * fswalk_path - visit a file, then, with @w->recursive, its entries
 * @w: the walk
 * @path: the file
 * @self: visit a directory itself (else only its entries, as ls does)
 *
 * Return: 0, or -1 if anything failed (reported).
 */
int fswalk_path(const struct fswalk *w, const char *path, bool self);

#endif /* _VSERVER_UTIL_FSWALK_H */
