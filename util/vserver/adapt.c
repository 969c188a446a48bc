// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver build - a distribution's root adapted to being a guest
 *
 * A root made by debootstrap, unpacked from a template or cloned is a
 * machine's: it would start gettys on terminals a guest has not, set the
 * hardware clock, load modules, start udev, configure and take down the
 * network interfaces, check and mount file systems and remount / read-only
 * at the end, none of which a guest may or needs to do (the host does it:
 * the guest's addresses, mounts and clock are the host's business).  After
 * the method, build:
 *
 *   - comments out the getty lines of /etc/inittab (a guest has no
 *     virtual terminals; its console is "vserver NAME console"), and
 *     makes its ctrlaltdel (what vserver stop sends a plain-init guest)
 *     halt instead of reboot;
 *   - disables the init scripts of guest_disabled[] below: their links in
 *     /etc/rc?.d and their names in insserv's /etc/init.d/.depend.* go,
 *     and /etc/insserv/overrides/<name> (the script's LSB header with no
 *     runlevels) keeps insserv from making them again when a package is
 *     installed.  "update-rc.d <name> defaults" after removing the
 *     override brings one back;
 *   - comments out rsyslog's imklog (the kernel's log is the host's).
 *
 * /etc/hostname and /etc/hosts are written by build.c (etc_files) for
 * every method.  Everything is done through the root's descriptor (paths
 * resolved inside it, links of the guest's never followed).
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

/* Scripts that cannot work in a guest, or that the host does for it. */
static const char *const guest_disabled[] = {
	"hwclock.sh",		/* the host's clock */
	"udev", "kmod",		/* devices and modules are the host's */
	"networking",		/* the addresses are the host's (ifupdown) */
	"keyboard-setup.sh", "console-setup.sh", "brightness",
	"checkroot.sh", "checkfs.sh",	/* fsck */
	"mountkernfs.sh", "mountdevsubfs.sh", "mount-configfs",
	"mountall.sh", "mountnfs.sh",	/* the guest's fstab is the host's */
	"umountfs", "umountnfs.sh", "umountroot",
	"procps",		/* sysctl: the host's */
	"hostname.sh",		/* uts/nodename */
	"halt", "reboot",	/* the guest's init ends it (reboot(2)) */
	"bootlogs",		/* dmesg: the kernel log is the host's */
	/* /run and /run/lock are fresh tmpfs, /tmp is fstab's tmpfs */
	"checkroot-bootclean.sh", "mountall-bootclean.sh",
	"mountnfs-bootclean.sh",
};

static bool disabled(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(guest_disabled); i++)
		if (strlen(guest_disabled[i]) == len &&
		    !memcmp(guest_disabled[i], word, len))
			return true;
	return false;
}

static char *read_in_root(int rootfd, const char *rel)
{
	int fd = open_in_root(rootfd, rel, O_RDONLY | O_NOFOLLOW);
	char *buf;
	size_t len = 0, size = 65536;
	ssize_t n;

	if (fd < 0)
		return NULL;
	buf = malloc(size + 1);
	if (!buf) {
		close(fd);
		return NULL;
	}
	while (len < size && (n = read(fd, buf + len, size - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return NULL;
		}
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* Removes the links to @name in /etc/rc?.d; the number removed. */
static int remove_links(int rootfd, const char *name)
{
	static const char levels[] = "0123456S";
	int removed = 0;
	size_t i;

	for (i = 0; levels[i]; i++) {
		char dir[32];
		struct dirent *de;
		DIR *d;
		int fd;

		snprintf(dir, sizeof(dir), "etc/rc%c.d", levels[i]);
		fd = open_in_root(rootfd, dir, O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			continue;
		d = fdopendir(fd);
		if (!d) {
			close(fd);
			continue;
		}
		while ((de = readdir(d))) {
			const char *n = de->d_name;

			if ((n[0] == 'S' || n[0] == 'K') &&
			    n[1] >= '0' && n[1] <= '9' &&
			    n[2] >= '0' && n[2] <= '9' && !strcmp(n + 3, name) &&
			    !unlinkat(fd, n, 0))
				removed++;
		}
		closedir(d);
	}
	return removed;
}

/*
 * /etc/insserv/overrides/<name>: the script's LSB header with empty
 * Default-Start and Default-Stop, which insserv then follows.
 */
static int write_override(int rootfd, const char *name, const char *script)
{
	const char *b = strstr(script, "### BEGIN INIT INFO");
	const char *e = b ? strstr(b, "### END INIT INFO") : NULL;
	char rel[128], *text, *o;
	const char *p;

	if (!b || !e)
		return 0;
	text = malloc((size_t)(e - b) + 256);
	if (!text)
		return -1;
	o = text;
	o += sprintf(o, "# vserver build: disabled in a guest\n");
	for (p = b; p < e; ) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(e - p);

		if (!strncmp(p, "# Default-Start:", 16))
			o += sprintf(o, "# Default-Start:\n");
		else if (!strncmp(p, "# Default-Stop:", 15))
			o += sprintf(o, "# Default-Stop:\n");
		else {
			memcpy(o, p, len);
			o += len;
		}
		p += len;
	}
	o += sprintf(o, "### END INIT INFO\n");
	*o = '\0';
	snprintf(rel, sizeof(rel), "etc/insserv/overrides/%s", name);
	if (rp_write(rootfd, rel, text, 0644)) {
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

static int disable_scripts(const struct guest *g, int rootfd)
{
	char names[512] = "";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(guest_disabled); i++) {
		const char *name = guest_disabled[i];
		char rel[128], *script;
		int n;

		snprintf(rel, sizeof(rel), "etc/init.d/%s", name);
		script = read_in_root(rootfd, rel);
		n = remove_links(rootfd, name);
		if (script && write_override(rootfd, name, script)) {
			free(script);
			return -1;
		}
		if (script || n) {
			size_t l = strlen(names);

			snprintf(names + l, sizeof(names) - l, " %s", name);
		}
		free(script);
	}
	if (names[0])
		say(g, "init scripts disabled for a guest:%s", names);
	return 0;
}

/*
 * insserv's /etc/init.d/.depend.{boot,start,stop} (what startpar orders
 * the scripts by) without the disabled scripts: their own lines go, and
 * their names in the others.
 */
static int adapt_depend(int rootfd, const char *rel)
{
	char *text = read_in_root(rootfd, rel), *out, *o, *p;
	int ret;

	if (!text)
		return 0;
	out = malloc(strlen(text) + 2);
	if (!out) {
		free(text);
		return -1;
	}
	o = out;
	for (p = text; *p; ) {
		size_t len = strcspn(p, "\n"), w = strcspn(p, ":");
		char *line = p, *q;

		p += len + (p[len] == '\n');
		if (w < len && !memchr(line, ' ', w) && disabled(line, w))
			continue;
		for (q = line; q < line + len; ) {
			size_t sp = strspn(q, " \t"), wl;

			if (q + sp >= line + len)
				break;
			wl = strcspn(q + sp, " \t\n");
			if (q + sp + wl > line + len)
				wl = (size_t)(line + len - q - sp);
			if (!disabled(q + sp, wl)) {
				memcpy(o, q, sp + wl);
				o += sp + wl;
			}
			q += sp + wl;
		}
		*o++ = '\n';
	}
	*o = '\0';
	ret = rp_write(rootfd, rel, out, 0644);
	free(out);
	free(text);
	return ret;
}

/*
 * rsyslog's imklog reads the kernel's log, which is the host's
 * (/proc/kmsg: EPERM in a guest): its line is commented out.
 */
static int adapt_rsyslog(int rootfd)
{
	char *text = read_in_root(rootfd, "etc/rsyslog.conf"), *out, *o, *p;
	int ret, n = 0;

	if (!text)
		return 0;
	out = malloc(strlen(text) * 2 + 256);
	if (!out) {
		free(text);
		return -1;
	}
	o = out;
	for (p = text; *p; ) {
		size_t len = strcspn(p, "\n");

		if (p[0] != '#' && (strstr(p, "\"imklog\"") ||
				    !strncmp(p, "$ModLoad imklog", 15)) &&
		    (size_t)(strstr(p, "imklog") - p) < len) {
			o += sprintf(o, "#vserver: the kernel log is the "
				     "host's: ");
			n++;
		}
		memcpy(o, p, len);
		o += len;
		*o++ = '\n';
		p += len + (p[len] == '\n');
	}
	*o = '\0';
	ret = n ? rp_write(rootfd, "etc/rsyslog.conf", out, 0644) : 0;
	free(out);
	free(text);
	return ret;
}

/* Gettys off, ctrlaltdel halts. */
static int adapt_inittab(const struct guest *g, int rootfd)
{
	char *text = read_in_root(rootfd, "etc/inittab"), *out, *o, *p;
	int gettys = 0, ret;

	if (!text)
		return 0;
	out = malloc(strlen(text) * 3 + 4096);
	if (!out) {
		free(text);
		return -1;
	}
	o = out;
	for (p = text; *p; ) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		char line[1024];

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		if (line[0] != '#' && strstr(line, ":respawn:") &&
		    strstr(line, "getty")) {
			o += sprintf(o, "#vserver: no terminal in a guest: %s",
				     line);
			gettys++;
		} else if (line[0] != '#' && strstr(line, ":ctrlaltdel:") &&
			   strstr(line, "shutdown") && strstr(line, " -r")) {
			o += sprintf(o, "#vserver: %s", line);
			o += sprintf(o, "ca:12345:ctrlaltdel:/sbin/shutdown "
				     "-t1 -h now\n");
		} else {
			memcpy(o, p, len);
			o += len;
		}
		if (len && p[len - 1] != '\n')
			*o++ = '\n';
		p += len;
	}
	*o = '\0';
	ret = rp_write(rootfd, "etc/inittab", out, 0644);
	if (!ret && gettys)
		say(g, "inittab: %d gettys disabled", gettys);
	free(out);
	free(text);
	return ret;
}

int adapt_distribution(const struct guest *g, int rootfd)
{
	if (adapt_inittab(g, rootfd) || disable_scripts(g, rootfd) ||
	    adapt_depend(rootfd, "etc/init.d/.depend.boot") ||
	    adapt_depend(rootfd, "etc/init.d/.depend.start") ||
	    adapt_depend(rootfd, "etc/init.d/.depend.stop") ||
	    adapt_rsyslog(rootfd))
		return -1;
	return 0;
}
