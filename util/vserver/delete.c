// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver delete - remove a guest: its root and its configuration, and
 * nothing else
 *
 * A guest's root is written by the guest's root user, who may have put
 * symbolic links anywhere in it (/var/run -> /, etc -> /etc).  The walk
 * therefore never resolves a path: each directory is opened relative to
 * its parent's descriptor with O_NOFOLLOW | O_DIRECTORY, entries are
 * looked at with AT_SYMLINK_NOFOLLOW and removed with unlinkat(), so a
 * symbolic link is removed as a link and never followed, and a directory
 * on another file system (a mount point) is left alone, with a message.
 */

#define _ATFILE_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend.h"

static int empty_dir(int dfd, dev_t dev, const char *path, int depth);

/*
 * Removes the entry @name of the directory @dfd (on device @dev; @sub is
 * its path, for messages): a file, or a directory emptied first.
 */
static int remove_entry(int dfd, dev_t dev, const char *name,
			const char *sub, int depth)
{
	struct stat st;
	int sfd, ret;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
		warnf("cannot look at %s: %s", sub, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (!unlinkat(dfd, name, 0))
			return 0;
		warnf("cannot remove %s: %s", sub, strerror(errno));
		return -1;
	}
	if (st.st_dev != dev) {
		warnf("%s is a mount point (another file system): left alone",
		      sub);
		return -1;
	}
	sfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		     O_CLOEXEC);
	if (sfd < 0) {
		warnf("cannot open %s: %s", sub, strerror(errno));
		return -1;
	}
	ret = empty_dir(sfd, dev, sub, depth + 1);
	close(sfd);
	if (unlinkat(dfd, name, AT_REMOVEDIR)) {
		warnf("cannot remove %s: %s", sub, strerror(errno));
		ret = -1;
	}
	return ret;
}

/* Empties the directory @dfd (on device @dev); @path is for messages. */
static int empty_dir(int dfd, dev_t dev, const char *path, int depth)
{
	struct dirent *de;
	int ret = 0, fd;
	DIR *d;

	if (depth > 4096) {
		warnf("%s: too deep, left alone", path);
		return -1;
	}
	fd = dup(dfd);
	if (fd < 0 || !(d = fdopendir(fd))) {
		warnf("cannot read %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while ((de = readdir(d))) {
		char sub[VS_PATH_MAX], name[256];

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* dietlibc's readdir() may reuse one dirent for all streams. */
		snprintf(name, sizeof(name), "%s", de->d_name);
		snprintf(sub, sizeof(sub), "%s/%s", path, name);
		if (remove_entry(dfd, dev, name, sub, depth))
			ret = -1;
	}
	closedir(d);
	return ret;
}

int remove_tree(const char *path, bool one_fs)
{
	char parent[VS_PATH_MAX];
	const char *name;
	struct stat st;
	int pfd, dfd, ret;
	char *slash;

	(void)one_fs;
	pathf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	if (!slash || !slash[1])
		dief(VS_EXIT_FAIL, "refusing to remove '%s'", path);
	name = path + (slash - parent) + 1;
	if (slash == parent)
		strcpy(parent, "/");
	else
		*slash = '\0';
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		dief(VS_EXIT_FAIL, "refusing to remove '%s'", path);
	pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pfd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW)) {
		close(pfd);
		return errno == ENOENT ? 0 : -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		ret = unlinkat(pfd, name, 0);
		close(pfd);
		return ret;
	}
	dfd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		     O_CLOEXEC);
	if (dfd < 0) {
		close(pfd);
		return -1;
	}
	ret = empty_dir(dfd, st.st_dev, path, 0);
	close(dfd);
	if (!ret && unlinkat(pfd, name, AT_REMOVEDIR)) {
		warnf("cannot remove %s: %s", path, strerror(errno));
		ret = -1;
	}
	close(pfd);
	return ret;
}

int cmd_delete(struct guest *g, int argc, char **argv)
{
	bool force = false;
	char link[VS_PATH_MAX];
	int i, ret = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--force") || !strcmp(argv[i], "-f"))
			force = true;
		else
			dief(VS_EXIT_USAGE, "delete: unknown option '%s'",
			     argv[i]);
	}
	if (getenv("VSERVER_SILENT"))
		force = true;
	if (guest_load(g))
		warnf("%s: warning: configuration errors", g->name);
	if (!force) {
		char answer[16] = "";
		ssize_t n;

		write_strs(STDOUT_FILENO, "Are you sure you want to delete "
			   "the vserver ", g->name, " (y/N) ", (char *)NULL);
		n = read(STDIN_FILENO, answer, sizeof(answer) - 1);
		if (n <= 0 || (answer[0] != 'y' && answer[0] != 'Y')) {
			out("Not deleted\n");
			return VS_EXIT_USAGE;
		}
	}
	if (guest_running(g)) {
		char *stop[] = { "stop", NULL };

		if (cmd_stop(g, 1, stop))
			dief(VS_EXIT_FAIL, "%s: cannot stop it; not deleted",
			     g->name);
	}
	say(g, "removing the root %s", g->vdir);
	if (remove_tree(g->vdir, true)) {
		warnf("%s: the root %s was not removed completely", g->name,
		      g->vdir);
		ret = VS_EXIT_FAIL;
	}
	pathf(link, sizeof(link), "%s/.%s.lock", run_dir(), g->name);
	unlink(link);
	unlink(g->runfile);
	say(g, "removing the configuration %s", g->cfgdir);
	if (remove_tree(g->cfgdir, true)) {
		warnf("%s: the configuration %s was not removed completely",
		      g->name, g->cfgdir);
		ret = VS_EXIT_FAIL;
	}
	return ret;
}
