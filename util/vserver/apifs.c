// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver start - the guest's API file systems
 *
 * What an init (systemd's Container Interface, and a sysv init as well)
 * expects to find mounted when it starts in a container, mounted by the
 * front end for every init style:
 *
 *   early, on the root before pivot_root (before fstab's mounts):
 *     /dev            a tmpfs with the minimal nodes (null, zero, full,
 *                     random, urandom, tty; console is the guest's own,
 *                     bound later), ptmx, fd, stdin, stdout, stderr links
 *     /dev/pts        devpts, a new instance (ptmxmode=0666)
 *     /dev/shm        tmpfs, 1777
 *     /dev/mqueue     mqueue of the guest's IPC namespace
 *     /run            a FRESH tmpfs on each start (no stale pid file
 *                     survives a restart), /run/lock one too (1777), and
 *                     /run/host/container-manager ("vserver")
 *   late, by the guest's pid 1 (its own pid namespace):
 *     /proc           proc of the guest's pid namespace, with /proc/sys
 *                     and /proc/sysrq-trigger bound read-only on
 *                     themselves (the kernel refuses the writes anyway;
 *                     read-only tells init not to try)
 *     /sys            sysfs, read-only
 *     /sys/fs/cgroup  cgroup2 of the guest's cgroup namespace (made in
 *                     its own cgroup by the namespaces step): the guest
 *                     sees and manages its delegated subtree only
 *
 * A mount point the guest's fstab names is left to the fstab (the
 * admin's line wins), and one that does not exist in the guest's root is
 * skipped: nothing is created in the guest's root itself.  Mount points
 * are resolved inside the root (openat2 RESOLVE_IN_ROOT), as fstab's.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend.h"

/* What failed, for the step's message. */
static char apifs_err[300];

const char *apifs_error(void)
{
	return apifs_err;
}

static int failed(int err, const char *fmt, const char *arg)
{
	snprintf(apifs_err, sizeof(apifs_err), fmt, arg);
	errno = err;
	return -1;
}

/* Whether the guest's fstab mounts something on @dst itself. */
static bool in_fstab(const struct guest *g, const char *dst)
{
	for (int i = 0; i < g->nmount; i++) {
		const char *d = g->mount[i].dst;

		while (d[0] == '/' && d[1] == '/')
			d++;
		if (!strcmp(d, dst))
			return true;
	}
	return false;
}

/*
 * Mounts @type on @dst (absolute, in the guest's root @rootfd).
 * Return: 1 mounted, 0 skipped (the fstab has it, or no such directory),
 * -1 failed (apifs_err says what).
 */
static int mount_at(const struct guest *g, int rootfd, const char *dst,
		    const char *type, unsigned long flags, const char *data)
{
	int fd, ret = 1;

	if (in_fstab(g, dst))
		return 0;
	fd = open_in_root(rootfd, dst, O_PATH | O_DIRECTORY);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 :
			failed(errno, "mount point %s in the guest", dst);
	if (fchdir(fd) ||
	    mount(type, ".", type, flags, data)) {
		ret = failed(errno, "cannot mount the guest's %s", dst);
		goto out;
	}
	/* A read-only mount read-only for sure (a bind needs the remount). */
	if ((flags & (MS_BIND | MS_RDONLY)) == (MS_BIND | MS_RDONLY) &&
	    mount(NULL, ".", NULL, MS_REMOUNT | flags, NULL))
		ret = failed(errno, "cannot make the guest's %s read-only",
			     dst);
out:
	close(fd);
	if (fchdir(rootfd) && ret > 0)
		ret = failed(errno, "cannot change to the guest's root%s", "");
	return ret;
}

/* /dev's content: a fresh tmpfs has nothing. */
static int dev_nodes(int rootfd)
{
	static const struct {
		const char *name;
		unsigned int major, minor;
	} nodes[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
	};
	static const struct {
		const char *name, *target;
	} links[] = {
		{ "ptmx", "pts/ptmx" }, { "fd", "/proc/self/fd" },
		{ "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" },
		{ "stderr", "/proc/self/fd/2" },
	};
	static const char *const dirs[] = { "pts", "shm", "mqueue" };
	int dev, ret = 0;
	size_t i = 0;

	dev = open_in_root(rootfd, "/dev", O_PATH | O_DIRECTORY);
	if (dev < 0)
		return failed(errno, "cannot open the guest's %s", "/dev");
	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]) && !ret; i++)
		/* The old encoding, right for these small numbers. */
		if (mknodat(dev, nodes[i].name, S_IFCHR | 0666,
			    (dev_t)(nodes[i].major << 8 | nodes[i].minor)) ||
		    fchmodat(dev, nodes[i].name, 0666, 0))
			ret = failed(errno, "cannot make /dev/%s",
				     nodes[i].name);
	for (i = 0; i < sizeof(links) / sizeof(links[0]) && !ret; i++)
		if (symlinkat(links[i].target, dev, links[i].name))
			ret = failed(errno, "cannot make /dev/%s",
				     links[i].name);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && !ret; i++)
		if (mkdirat(dev, dirs[i], 0755))
			ret = failed(errno, "cannot make /dev/%s", dirs[i]);
	close(dev);
	return ret;
}

int apifs_early(const struct guest *g, int rootfd)
{
	const unsigned long nsd = MS_NOSUID | MS_NODEV;
	int fd, r;

	r = mount_at(g, rootfd, "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
		     "mode=0755,size=4m,nr_inodes=64k");
	if (r < 0 || (r > 0 && dev_nodes(rootfd)))
		return -1;
	if (mount_at(g, rootfd, "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		     "newinstance,ptmxmode=0666,mode=0620,gid=5") < 0 ||
	    mount_at(g, rootfd, "/dev/shm", "tmpfs", nsd,
		     "mode=1777,size=20%") < 0 ||
	    mount_at(g, rootfd, "/dev/mqueue", "mqueue", nsd | MS_NOEXEC,
		     NULL) < 0)
		return -1;
	r = mount_at(g, rootfd, "/run", "tmpfs", nsd,
		     "mode=0755,size=20%,nr_inodes=800k");
	if (r < 0)
		return -1;
	if (r > 0) {
		fd = open_in_root(rootfd, "/run", O_PATH | O_DIRECTORY);
		if (fd < 0 || mkdirat(fd, "lock", 01777) ||
		    fchmodat(fd, "lock", 01777, 0) ||
		    mkdirat(fd, "host", 0755)) {
			if (fd >= 0)
				close(fd);
			return failed(errno, "cannot make %s in the fresh /run",
				      "lock and host");
		}
		close(fd);
		fd = open_in_root(rootfd, "/run/host/container-manager",
				  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW);
		if (fd < 0 || write(fd, "vserver\n", 8) != 8 ||
		    fchmod(fd, 0444)) {
			if (fd >= 0)
				close(fd);
			return failed(errno, "cannot write %s",
				      "/run/host/container-manager");
		}
		close(fd);
	}
	if (mount_at(g, rootfd, "/run/lock", "tmpfs",
		     nsd | MS_NOEXEC, "mode=1777,size=5m") < 0)
		return -1;
	return 0;
}

int apifs_late(const struct guest *g, int rootfd, bool cgroup)
{
	const unsigned long nsde = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int r;

	r = mount_at(g, rootfd, "/proc", "proc", nsde, NULL);
	if (r < 0)
		return -1;
	if (r > 0) {
		static const char *const ro[] = { "/proc/sys",
						  "/proc/sysrq-trigger" };

		for (size_t i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
			int fd = open_in_root(rootfd, ro[i], O_PATH);
			char self[40];

			if (fd < 0)
				continue;
			snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
			if (mount(self, self, NULL, MS_BIND, NULL) ||
			    mount(NULL, self, NULL, MS_BIND | MS_REMOUNT |
				  MS_RDONLY | nsde, NULL)) {
				close(fd);
				return failed(errno, "cannot make %s "
					      "read-only", ro[i]);
			}
			close(fd);
		}
	}
	r = mount_at(g, rootfd, "/sys", "sysfs", nsde | MS_RDONLY, NULL);
	if (r < 0)
		return -1;
	if (cgroup && mount_at(g, rootfd, "/sys/fs/cgroup", "cgroup2", nsde,
			       NULL) < 0)
		return -1;
	return 0;
}

/*
 * Removes the cgroup @dir and the cgroups the guest made under it (its
 * init's delegated subtree), deepest first.  Return: 0, or -1 with errno
 * from the first rmdir that failed (EBUSY: a task is still in it).
 */
int cgroup_remove_tree(const char *dir)
{
	char sub[VS_PATH_MAX];
	struct dirent *de;
	int ret = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)))
		if (de->d_type == DT_DIR && strcmp(de->d_name, ".") &&
		    strcmp(de->d_name, "..")) {
			pathf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
			if (cgroup_remove_tree(sub))
				ret = -1;
		}
	closedir(d);
	if (rmdir(dir) && errno != ENOENT)
		return -1;
	return ret;
}

void apifs_detect_systemd(struct guest *g)
{
	char target[VS_PATH_MAX];
	const char *base;
	int rootfd, dir;
	ssize_t n;

	if (g->style != INIT_PLAIN || g->cmd_start[0] || !g->vdir[0])
		return;
	rootfd = open(g->vdir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		return;
	dir = open_in_root(rootfd, "/sbin", O_PATH | O_DIRECTORY);
	close(rootfd);
	if (dir < 0)
		return;
	n = readlinkat(dir, "init", target, sizeof(target) - 1);
	close(dir);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!strcmp(base, "systemd"))
		g->style = INIT_SYSTEMD;
}

/*
 * What systemd in the guest is told at each start, in the fresh /run
 * (runtime drop-ins of every service, socket, mount and swap unit; the
 * guest's /etc is not touched): KeyringMode=inherit.  The kernel lets a
 * guest use only the keys its own context made, and uid 0's user keyring
 * is the host's, so systemd's default (a session keyring per unit with
 * the user keyring linked in) would fail every unit (237/KEYRING).
 * Return: 0, or -1 with errno and apifs_error().
 */
int apifs_systemd_dropins(void)
{
	static const char *const units[][2] = {
		{ "service", "Service" }, { "socket", "Socket" },
		{ "mount", "Mount" }, { "swap", "Swap" },
	};
	char path[128], text[200];

	if ((mkdir("/run/systemd", 0755) && errno != EEXIST) ||
	    (mkdir("/run/systemd/system", 0755) && errno != EEXIST))
		return failed(errno, "cannot make %s", "/run/systemd/system");
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		int fd, n;

		snprintf(path, sizeof(path), "/run/systemd/system/%s.d",
			 units[i][0]);
		if (mkdir(path, 0755) && errno != EEXIST)
			return failed(errno, "cannot make %s", path);
		snprintf(path, sizeof(path),
			 "/run/systemd/system/%s.d/50-vserver.conf",
			 units[i][0]);
		n = snprintf(text, sizeof(text), "# vserver: the guest's kernel "
			     "keys are its own; uid 0's user keyring is the "
			     "host's\n[%s]\nKeyringMode=inherit\n",
			     units[i][1]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
			  O_CLOEXEC, 0644);
		if (fd < 0 || write(fd, text, (size_t)n) != n) {
			if (fd >= 0)
				close(fd);
			return failed(errno, "cannot write %s", path);
		}
		close(fd);
	}
	return 0;
}
