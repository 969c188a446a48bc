// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver build - make a new guest (util-vserver.md §2)
 *
 *   vserver <name> build -m <method> [<options>] [-- <method args>]
 *
 * Everything given is checked first; then the configuration directory
 * and the root are created, the configuration written, and the method
 * fills the root:
 *
 *   skeleton     the configuration and an empty root (dev, proc, etc...)
 *   busybox      a small working guest from the host's static busybox:
 *                its applets, an inittab, rc scripts, passwd (no network)
 *   template     -t <archive> (tar, .gz, .bz2, .xz), repeatable
 *   clone        --source <guest or directory>: a copy of another root
 *   debootstrap  -d <suite> [-m <mirror>]: the host's debootstrap
 *
 * An existing guest is never overwritten without --force (which moves
 * the old configuration and root aside as <path>.~<time>~); a failed
 * build removes only what it created.
 */

#define _ATFILE_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "defaults.h"
#include "dlimit.h"
#include "frontend.h"

enum method { M_SKELETON, M_BUSYBOX, M_TEMPLATE, M_CLONE, M_DEBOOTSTRAP };

static const char *const method_names[] = {
	"skeleton", "busybox", "template", "clone", "debootstrap"
};

struct build {
	enum method method;
	bool force, have_xid;
	uint32_t xid;
	const char *hostname, *flags, *initstyle, *rootdir;
	int niface;
	struct {
		char name[16];
		struct vc_net_addr addr;
	} iface[VS_MAX_IFACES];
	/* method arguments */
	const char *templates[16];
	int ntemplates;
	const char *source, *suite, *mirror, *busybox;
	const char *dbargs[8];		/* debootstrap's options */
	int ndbargs;
	/* what this build created, for the rollback */
	bool made_cfgdir, made_vdir;
	char vdir[VS_PATH_MAX];
	/* the root, opened once: every path in it is resolved from here */
	int rootfd;
	/* the step under way, for the message of a failed build */
	const char *step;
};

/* "vserver: build: <what>", the --help hint, exit 2. */
static noreturn void build_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static noreturn void build_usage_error(const char *fmt, ...)
{
	char prefix[64];
	va_list ap;

	snprintf(prefix, sizeof(prefix), "%s: build: ", tool_name);
	va_start(ap, fmt);
	write_fmtv(STDERR_FILENO, prefix, fmt, ap);
	va_end(ap);
	write_strs(STDERR_FILENO, "Try 'vserver <name> build --help' for more "
		   "information.\n", (char *)NULL);
	exit(VS_EXIT_USAGE);
}

static void build_help(void)
{
	out("Usage: vserver <name> build -m <method> [<options>] "
	    "[-- <method args>]\n",
	    "\n",
	    "Make a new guest: /etc/vservers/<name>/ and its root.\n",
	    "\n",
	    "Methods and their arguments (after --):\n",
	    "  skeleton                     the configuration and an empty "
	    "root\n",
	    "  busybox [--busybox <file>]   a minimal guest from the host's "
	    "static\n",
	    "                               busybox (default /bin/busybox)\n",
	    "  template -t <archive>...     unpack root archives (tar, gz, "
	    "bz2, xz)\n",
	    "  clone --source <guest|dir>   a copy of another guest's root\n",
	    "  debootstrap -d <suite> [-m <mirror>] [--unpack-tarball <file>]\n"
	    "              [--variant <v>] [--include|--exclude <pkgs>] "
	    "[--foreign]\n",
	    "                               Debian through the host's "
	    "debootstrap\n",
	    "\n",
	    "Options:\n",
	    "  --context <xid>              static context id (2..49151; "
	    "default:\n",
	    "                               the first free one from 40000)\n",
	    "  --hostname <name>            uts/nodename (default: the "
	    "guest's name)\n",
	    "  --interface [<name>=][<dev>:]<ip>[/<prefix>]\n",
	    "                               an address; repeatable; no "
	    "<dev>: nodev\n",
	    "  --flags <f1,f2,...>          context flags (cflags)\n",
	    "  --initstyle <sysv|plain|systemd> apps/init/style (busybox: "
	    "plain)\n",
	    "  --rootdir <dir>              where the root goes "
	    "(default /vservers)\n",
	    "  --limit <name>=<value>       a limit instead of the default "
	    "(rlimits/)\n",
	    "  --disk-limit <size>[,<inodes>]\n",
	    "                               a disk limit on the root "
	    "(dlimits/0;\n",
	    "                               size in KiB or with K, M, G, T)\n",
	    "  --force                      move an existing guest aside "
	    "first\n");
}

/*
 * debootstrap's own options build passes on: --unpack-tarball <file> (a
 * --make-tarball archive: no mirror needed), --variant <v>, --include
 * and --exclude <pkgs>, --foreign (the first stage only).  Return:
 * whether @a was one; *@takes: whether it took the value @v.
 */
static bool debootstrap_arg(struct build *b, const char *a, const char *v,
			    bool *takes)
{
	static const char *const known[] = {
		"--unpack-tarball", "--variant", "--include", "--exclude",
	};
	size_t k;

	*takes = true;
	if (!strcmp(a, "--foreign")) {
		if (b->ndbargs + 1 > (int)ARRAY_SIZE(b->dbargs))
			build_usage_error("too many debootstrap options");
		b->dbargs[b->ndbargs++] = a;
		*takes = false;
		return true;
	}
	if (!v)
		return false;
	for (k = 0; k < ARRAY_SIZE(known); k++) {
		if (strcmp(a, known[k]))
			continue;
		if (b->ndbargs + 2 > (int)ARRAY_SIZE(b->dbargs))
			build_usage_error("too many debootstrap options");
		if (!strcmp(a, "--unpack-tarball") && v[0] != '/')
			build_usage_error("--unpack-tarball: an absolute path "
					  "is needed");
		b->dbargs[b->ndbargs++] = a;
		b->dbargs[b->ndbargs++] = v;
		return true;
	}
	return false;
}

static void parse_method_args(struct build *b, int argc, char **argv)
{
	bool takes;
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (b->method == M_TEMPLATE && !strcmp(a, "-t") && v) {
			if (b->ntemplates >= 16)
				build_usage_error("too many -t");
			b->templates[b->ntemplates++] = v;
			i++;
		} else if (b->method == M_CLONE && !strcmp(a, "--source") &&
			   v) {
			b->source = v;
			i++;
		} else if (b->method == M_DEBOOTSTRAP && !strcmp(a, "-d") &&
			   v) {
			b->suite = v;
			i++;
		} else if (b->method == M_DEBOOTSTRAP && !strcmp(a, "-m") &&
			   v) {
			b->mirror = v;
			i++;
		} else if (b->method == M_DEBOOTSTRAP &&
			   debootstrap_arg(b, a, v, &takes)) {
			i += takes;
		} else if (b->method == M_BUSYBOX && !strcmp(a, "--busybox") &&
			   v) {
			b->busybox = v;
			i++;
		} else {
			build_usage_error("method %s: unknown or incomplete "
					  "argument '%s'",
					  method_names[b->method], a);
		}
	}
	if (b->method == M_TEMPLATE && !b->ntemplates)
		build_usage_error("method template needs -- -t <archive>");
	if (b->method == M_CLONE && !b->source)
		build_usage_error("method clone needs -- --source <guest>");
	if (b->method == M_DEBOOTSTRAP && !b->suite)
		build_usage_error("method debootstrap needs -- -d <suite>");
}

/* Context ids the other guests' configurations name. */
static bool xid_taken(uint32_t xid, const char *self, char *who,
		      size_t size)
{
	char path[VS_PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(conf_dir());
	bool taken = false;

	if (!d)
		return false;
	while (!taken && (de = readdir(d))) {
		char *text;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, self))
			continue;
		pathf(path, sizeof(path), "%s/%s/context", conf_dir(),
		      de->d_name);
		text = read_file(path, NULL);
		if (text && strtoul(text, NULL, 10) == xid) {
			taken = true;
			snprintf(who, size, "%s", de->d_name);
		}
		free(text);
	}
	closedir(d);
	return taken;
}

static int writef(const char *dir, const char *rel, const char *text)
{
	char path[VS_PATH_MAX], parent[VS_PATH_MAX];
	char *slash;

	pathf(path, sizeof(path), "%s/%s", dir, rel);
	pathf(parent, sizeof(parent), "%s", path);
	slash = strrchr(parent, '/');
	*slash = '\0';
	if (mkdir_p(parent) || write_file(path, text)) {
		warnf("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* interfaces/<n>/: ip, prefix, dev or nodev, name. */
static int write_ifaces(const struct guest *g, const struct build *b)
{
	char text[512];
	int i;

	for (i = 0; i < b->niface; i++) {
		char rel[64], ip[VC_NET_IP_STRSZ];

		vc_net_ip_format(b->iface[i].addr.family, &b->iface[i].addr.ip,
				 ip);
		snprintf(rel, sizeof(rel), "interfaces/%d/ip", i);
		snprintf(text, sizeof(text), "%s\n", ip);
		if (writef(g->cfgdir, rel, text))
			return -1;
		snprintf(rel, sizeof(rel), "interfaces/%d/prefix", i);
		snprintf(text, sizeof(text), "%u\n", b->iface[i].addr.prefix);
		if (writef(g->cfgdir, rel, text))
			return -1;
		if (b->iface[i].addr.dev[0] &&
		    strcmp(b->iface[i].addr.dev, "nodev")) {
			snprintf(rel, sizeof(rel), "interfaces/%d/dev", i);
			snprintf(text, sizeof(text), "%s\n",
				 b->iface[i].addr.dev);
		} else {
			snprintf(rel, sizeof(rel), "interfaces/%d/nodev", i);
			text[0] = '\0';
		}
		if (writef(g->cfgdir, rel, text))
			return -1;
		if (b->iface[i].name[0]) {
			snprintf(rel, sizeof(rel), "interfaces/%d/name", i);
			snprintf(text, sizeof(text), "%s\n",
				 b->iface[i].name);
			if (writef(g->cfgdir, rel, text))
				return -1;
		}
	}
	return 0;
}

static int write_config(struct guest *g, struct build *b)
{
	char path[VS_PATH_MAX], text[512];
	const char *fstab_default =
		"none\t/proc\t\tproc\tdefaults\t\t0 0\n"
		"none\t/tmp\t\ttmpfs\tsize=16m,mode=1777\t0 0\n"
		"none\t/dev/pts\tdevpts\tgid=5,mode=620\t\t0 0\n";
	char *fstab;
	int i;

	snprintf(text, sizeof(text), "%u\n", b->xid);
	if (writef(g->cfgdir, "context", text))
		return -1;
	snprintf(text, sizeof(text), "%s\n", b->hostname ? b->hostname :
		 g->name);
	if (writef(g->cfgdir, "uts/nodename", text))
		return -1;
	pathf(path, sizeof(path), "%s/vdir", g->cfgdir);
	if (symlink(b->vdir, path)) {
		warnf("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	pathf(path, sizeof(path), "%s/run", g->cfgdir);
	if (symlink(g->runfile, path)) {
		warnf("cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	if (write_ifaces(g, b))
		return -1;
	if (b->initstyle) {
		snprintf(text, sizeof(text), "%s\n", b->initstyle);
		if (writef(g->cfgdir, "apps/init/style", text))
			return -1;
	}
	if (b->flags) {
		char list[512], *p;

		snprintf(list, sizeof(list), "%s\n", b->flags);
		for (p = list; *p; p++)
			if (*p == ',')
				*p = '\n';
		if (writef(g->cfgdir, "cflags", list))
			return -1;
	}
	pathf(path, sizeof(path), "%s/.defaults/fstab", conf_dir());
	fstab = read_file(path, NULL);
	i = writef(g->cfgdir, "fstab", fstab ? fstab : fstab_default);
	free(fstab);
	return i;
}

/* mkdir in the new root, mode @mode (an existing one is kept). */
static int rdir(int rootfd, const char *rel, mode_t mode)
{
	return rp_mkdir(rootfd, rel, mode);
}

static int rlink(int rootfd, const char *rel, const char *target)
{
	return rp_symlink(rootfd, rel, target);
}

/*
 * The root's skeleton: directories and the device nodes a guest needs.
 * Only what is missing is made; what a template or a clone brought
 * (var/run -> /run in a Debian root) is the guest's and stays.
 */
static int skeleton_root(int rootfd)
{
	static const struct {
		const char *name;
		unsigned int major, minor;
		mode_t mode;
	} devs[] = {
		{ "dev/null", 1, 3, 0666 }, { "dev/zero", 1, 5, 0666 },
		{ "dev/full", 1, 7, 0666 }, { "dev/random", 1, 8, 0666 },
		{ "dev/urandom", 1, 9, 0666 }, { "dev/tty", 5, 0, 0666 },
	};
	static const char *const dirs[] = {
		"dev", "dev/pts", "dev/shm", "proc", "sys", "etc", "bin",
		"sbin", "usr", "usr/bin", "usr/sbin", "lib", "var", "var/log",
		"var/run", "var/lock", "home", "mnt",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		if (rdir(rootfd, dirs[i], 0755))
			return -1;
	if (rdir(rootfd, "tmp", 01777) || rdir(rootfd, "root", 0700))
		return -1;
	for (i = 0; i < ARRAY_SIZE(devs); i++)
		/* The old encoding, right for these small numbers. */
		if (rp_mknod(rootfd, devs[i].name, S_IFCHR | devs[i].mode,
			     (dev_t)(devs[i].major << 8 | devs[i].minor)))
			return -1;
	if (rlink(rootfd, "dev/ptmx", "pts/ptmx") ||
	    rlink(rootfd, "dev/fd", "/proc/self/fd") ||
	    rlink(rootfd, "dev/stdin", "/proc/self/fd/0") ||
	    rlink(rootfd, "dev/stdout", "/proc/self/fd/1") ||
	    rlink(rootfd, "dev/stderr", "/proc/self/fd/2"))
		return -1;
	return 0;
}

/*
 * /etc/hosts: localhost, then the guest's name on its addresses (Debian's
 * 127.0.1.1 when it has none), so that "hostname -f" finds it.
 */
static void hosts_text(const struct guest *g, const struct build *b,
		       char *text, size_t size)
{
	const char *host = b->hostname ? b->hostname : g->name;
	const char *dot = strchr(host, '.');
	char names[300];
	size_t n;
	int i;

	if (dot)
		snprintf(names, sizeof(names), "%s %.*s", host,
			 (int)(dot - host), host);
	else
		snprintf(names, sizeof(names), "%s", host);
	n = (size_t)snprintf(text, size, "127.0.0.1\tlocalhost\n");
	for (i = 0; i < b->niface && n < size; i++) {
		char ip[VC_NET_IP_STRSZ];

		vc_net_ip_format(b->iface[i].addr.family, &b->iface[i].addr.ip,
				 ip);
		n += (size_t)snprintf(text + n, size - n, "%s\t%s\n", ip, names);
	}
	if (!b->niface && n < size)
		n += (size_t)snprintf(text + n, size - n, "127.0.1.1\t%s\n",
				      names);
	if (n < size)
		snprintf(text + n, size - n,
			 "\n::1\t\tlocalhost ip6-localhost ip6-loopback\n"
			 "ff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n");
}

static int etc_files(const struct guest *g, const struct build *b)
{
	char text[4096];
	const char *host = b->hostname ? b->hostname : g->name;
	char *resolv;
	int i;

	hosts_text(g, b, text, sizeof(text));
	if (rp_write(b->rootfd, "etc/hosts", text, 0644))
		return -1;
	snprintf(text, sizeof(text), "%s\n", host);
	if (rp_write(b->rootfd, "etc/hostname", text, 0644))
		return -1;
	resolv = read_file("/etc/resolv.conf", NULL);
	if (resolv) {
		i = rp_write(b->rootfd, "etc/resolv.conf", resolv, 0644);
		free(resolv);
		if (i)
			return -1;
	}
	return 0;
}

/* A file of the guest, 0644. */
static int rwrite(int rootfd, const char *rel, const char *text)
{
	return rp_write(rootfd, rel, text, 0644);
}

static int script(int rootfd, const char *rel, const char *text)
{
	return rp_write(rootfd, rel, text, 0755);
}

/* The applets of the host's busybox @src, one path per line. */
static char *applet_list(const char *src)
{
	char *list = NULL;
	size_t len = 0, size = 0;
	int p[2], status;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return NULL;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return NULL;
	}
	if (!pid) {
		dup2(p[1], STDOUT_FILENO);
		execl(src, src, "--list-full", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		ssize_t n;

		if (len + 4097 > size) {
			char *nl = realloc(list, size + 65536);

			if (!nl)
				break;
			list = nl;
			size += 65536;
		}
		n = read(p[0], list + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(p[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!list || !WIFEXITED(status) || WEXITSTATUS(status)) {
		free(list);
		return NULL;
	}
	list[len] = '\0';
	return list;
}

/* busybox's /etc, its rc scripts and a web page. */
static int busybox_files(const struct guest *g, struct build *b)
{
	char dst[VS_PATH_MAX];

	if (rwrite(b->rootfd, "etc/passwd",
		   "root:x:0:0:root:/root:/bin/sh\n"
		   "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n") ||
	    rwrite(b->rootfd, "etc/group",
		   "root:x:0:\ntty:x:5:\nnogroup:x:65534:\n") ||
	    rwrite(b->rootfd, "etc/shadow", "root:*:19000:0:99999:7:::\n") ||
	    rwrite(b->rootfd, "etc/inittab",
		   "# busybox init: rcS at start, rcK at the end; a\n"
		   "# ctrl-alt-del (vserver stop) powers the guest off\n"
		   "::sysinit:/etc/init.d/rcS\n"
		   "::ctrlaltdel:/sbin/poweroff\n"
		   "::shutdown:/etc/init.d/rcK\n") ||
	    rwrite(b->rootfd, "etc/profile",
		   "export PATH=/bin:/sbin:/usr/bin:/usr/sbin\n"
		   "PS1='\\h:\\w\\$ '\n") ||
	    rwrite(b->rootfd, "etc/rc.d/README",
		   "Services: executable files S<NN><name> here are run\n"
		   "with 'start' when the guest starts and 'stop' when it\n"
		   "stops (rcS, rcK).\n") ||
	    rdir(b->rootfd, "var/www", 0755))
		return -1;
	snprintf(dst, sizeof(dst), "<html><body>Hello from %s</body></html>\n",
		 g->name);
	if (rp_write(b->rootfd, "var/www/index.html", dst, 0644) ||
	    script(b->rootfd, "etc/init.d/rcS",
		   "#!/bin/sh\n"
		   "# Starts the services of /etc/rc.d in order.\n"
		   "for s in /etc/rc.d/S*; do\n"
		   "\t[ -x \"$s\" ] && \"$s\" start\n"
		   "done\n"
		   "exit 0\n") ||
	    script(b->rootfd, "etc/init.d/rcK",
		   "#!/bin/sh\n"
		   "# Stops the services of /etc/rc.d in reverse order.\n"
		   "for s in $(ls -r /etc/rc.d/S* 2>/dev/null); do\n"
		   "\t[ -x \"$s\" ] && \"$s\" stop\n"
		   "done\n"
		   "exit 0\n") ||
	    script(b->rootfd, "etc/init.d/rc",
		   "#!/bin/sh\n"
		   "# rc <runlevel> for the sysv init style: 0 and 6 stop;\n"
		   "# the others have nothing to do (the init ran rcS).\n"
		   "case \"$1\" in\n"
		   "0|6) exec /etc/init.d/rcK ;;\n"
		   "esac\n"
		   "exit 0\n"))
		return -1;
	return 0;
}

static int method_busybox(const struct guest *g, struct build *b)
{
	const char *src = b->busybox ? b->busybox : "/bin/busybox";
	char *list;
	int n = 0;
	char *p;

	say(g, "copying %s into the guest", src);
	if (rp_copy(b->rootfd, "bin/busybox", src, 0755))
		return -1;
	/* The applets, as links to /bin/busybox where busybox puts them. */
	list = applet_list(src);
	if (!list) {
		warnf("cannot list the applets of %s", src);
		return -1;
	}
	for (p = strtok(list, "\n"); p; p = strtok(NULL, "\n")) {
		if (strchr(p, '.') || !*p || p[0] == '/')
			continue;
		if (rlink(b->rootfd, p, "/bin/busybox")) {
			free(list);
			return -1;
		}
		n++;
	}
	free(list);
	say(g, "%d applets linked", n);
	return busybox_files(g, b);
}

/* tar's decompression option from the archive's first bytes. */
static const char *tar_filter(const char *file)
{
	unsigned char m[6] = { 0 };
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return NULL;
	n = read(fd, m, sizeof(m));
	close(fd);
	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		return "-z";
	if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h')
		return "-j";
	if (n >= 6 && !memcmp(m, "\xfd" "7zXZ\0", 6))
		return "-J";
	return "";
}

static int method_template(const struct guest *g, struct build *b)
{
	int i;

	for (i = 0; i < b->ntemplates; i++) {
		const char *filter = tar_filter(b->templates[i]);
		char *argv[10];
		int n = 0, st;

		if (!filter) {
			warnf("cannot read %s: %s", b->templates[i],
			      strerror(errno));
			return -1;
		}
		say(g, "unpacking %s", b->templates[i]);
		argv[n++] = "tar";
		argv[n++] = "-x";
		if (*filter)
			argv[n++] = (char *)filter;
		argv[n++] = "--numeric-owner";
		argv[n++] = "-f";
		argv[n++] = (char *)b->templates[i];
		argv[n++] = "-C";
		argv[n++] = b->vdir;
		argv[n] = NULL;
		st = run_command(argv, false);
		if (st) {
			warnf("tar failed on %s (status %d)", b->templates[i],
			      st);
			return -1;
		}
	}
	return skeleton_root(b->rootfd);
}

static int method_clone(const struct guest *g, struct build *b)
{
	char src[VS_PATH_MAX], from[VS_PATH_MAX + 4];
	char *argv[] = { "cp", "-a", from, b->vdir, NULL };
	struct guest other;
	struct stat st;

	if (b->source[0] == '/') {
		pathf(src, sizeof(src), "%s", b->source);
	} else {
		if (!guest_locate(b->source, &other)) {
			warnf("clone: no guest '%s'", b->source);
			return -1;
		}
		guest_load(&other);
		pathf(src, sizeof(src), "%s", other.vdir);
		if (guest_running(&other))
			warnf("warning: guest '%s' is running; its copy may be "
			      "inconsistent", b->source);
	}
	if (stat(src, &st) || !S_ISDIR(st.st_mode)) {
		warnf("clone: the source %s is no directory", src);
		return -1;
	}
	say(g, "copying %s", src);
	pathf(from, sizeof(from), "%s/.", src);
	if (run_command(argv, false)) {
		warnf("clone: copying %s failed", src);
		return -1;
	}
	return skeleton_root(b->rootfd);
}

static int method_debootstrap(const struct guest *g, struct build *b)
{
	char *argv[16];
	int n = 0, i;

	argv[n++] = "debootstrap";
	for (i = 0; i < b->ndbargs; i++)
		argv[n++] = (char *)b->dbargs[i];
	argv[n++] = (char *)b->suite;
	argv[n++] = b->vdir;
	if (b->mirror)
		argv[n++] = (char *)b->mirror;
	argv[n] = NULL;

	if (find_command("debootstrap")) {
		warnf("debootstrap: not installed on the host "
		      "(apt-get install debootstrap)");
		return -1;
	}
	say(g, "running debootstrap %s (this takes a while)", b->suite);
	if (run_command(argv, false)) {
		warnf("debootstrap failed");
		return -1;
	}
	return skeleton_root(b->rootfd);
}

static void rollback(struct guest *g, struct build *b)
{
	if (b->rootfd >= 0)
		close(b->rootfd);
	b->rootfd = -1;
	if (b->made_vdir && remove_tree(b->vdir, true))
		warnf("%s: could not remove all of %s", g->name, b->vdir);
	if (b->made_cfgdir && remove_tree(g->cfgdir, true))
		warnf("%s: could not remove all of %s", g->name, g->cfgdir);
	warnf("%s: build failed at step '%s' (the message above names the "
	      "path); what it created was removed", g->name, b->step);
}

/* Moves @path aside as <path>.~<time>~ (--force). */
static int move_aside(const char *path)
{
	char aside[VS_PATH_MAX];

	pathf(aside, sizeof(aside), "%s.~%ld~", path, (long)time(NULL));
	if (rename(path, aside)) {
		warnf("cannot move %s aside: %s", path, strerror(errno));
		return -1;
	}
	warnf("moved the old %s to %s", path, aside);
	return 0;
}

static bool dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	bool empty = true;

	if (!d)
		return true;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/*
 * The directory of the guests' roots.  Made mode 000 when it is made: a
 * guest's root holds what the guest put there (setuid-root programs,
 * world-writable directories), which no user of the host may reach; the
 * tools run as root and go through.  An existing one with access for
 * others is warned about, not changed.
 */
static int vdir_base(const char *base)
{
	struct stat st;

	if (!stat(base, &st)) {
		if (!S_ISDIR(st.st_mode)) {
			warnf("%s is not a directory", base);
			return -1;
		}
		if (st.st_mode & 0077)
			warnf("warning: %s is mode %04o: users of the host can "
			      "reach the guests' roots (setuid programs "
			      "included); chmod 000 %s", base,
			      (unsigned int)(st.st_mode & 07777), base);
		return 0;
	}
	if (mkdir_p(base) || chmod(base, 0)) {
		warnf("cannot create %s: %s", base, strerror(errno));
		return -1;
	}
	return 0;
}

/* --- the options ------------------------------------------------------ */

/* build's long options without a letter of their own. */
enum {
	OPT_FORCE = 256, OPT_CONTEXT, OPT_HOSTNAME, OPT_INTERFACE, OPT_FLAGS,
	OPT_INITSTYLE, OPT_DISK_LIMIT, OPT_LIMIT, OPT_ROOTDIR,
};

static const struct option build_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "interface", required_argument, NULL, OPT_INTERFACE },
	{ "flags", required_argument, NULL, OPT_FLAGS },
	{ "initstyle", required_argument, NULL, OPT_INITSTYLE },
	{ "disk-limit", required_argument, NULL, OPT_DISK_LIMIT },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "rootdir", required_argument, NULL, OPT_ROOTDIR },
	{ NULL, 0, NULL, 0 }
};

static void opt_method(struct build *b, const char *val)
{
	size_t k;

	for (k = 0; k < ARRAY_SIZE(method_names); k++)
		if (!strcmp(val, method_names[k]))
			b->method = (enum method)k;
	if ((int)b->method < 0)
		build_usage_error("unknown method '%s' (skeleton, busybox, "
				  "template, clone, debootstrap)", val);
}

static void opt_context(struct build *b, const char *val)
{
	uint64_t v;

	if (!parse_uint(val, VC_XID_DYNAMIC_MIN - 1, &v) || v < 2)
		build_usage_error("invalid context '%s' (2..%u)", val,
				  VC_XID_DYNAMIC_MIN - 1);
	b->xid = (uint32_t)v;
	b->have_xid = true;
}

static void opt_interface(struct build *b, const char *val)
{
	struct conf_err err;

	if (b->niface >= VS_MAX_IFACES)
		build_usage_error("too many --interface");
	if (conf_interface_spec(val, b->iface[b->niface].name,
				&b->iface[b->niface].addr, &err))
		build_usage_error("--interface: %s", err.msg);
	b->niface++;
}

static void opt_flags(struct build *b, const char *val)
{
	uint64_t fv = 0, fm = 0;
	struct vc_list_error le;

	if (vc_list_parse(&vc_cflag_names, val, &fv, &fm, &le))
		build_usage_error("--flags: unknown flag '%.*s'", (int)le.len,
				  le.entry);
	b->flags = val;
}

/* One option of build's, already known to getopt_long(). */
static void build_option(struct build *b, int c, const char *val)
{
	switch (c) {
	case 'm':
		opt_method(b, val);
		break;
	case OPT_FORCE:
		b->force = true;
		break;
	case OPT_CONTEXT:
		opt_context(b, val);
		break;
	case OPT_HOSTNAME:
		if (!*val || strlen(val) > VC_VHI_NAME_MAX ||
		    strchr(val, '/') || strchr(val, ' '))
			build_usage_error("invalid --hostname");
		b->hostname = val;
		break;
	case OPT_INTERFACE:
		opt_interface(b, val);
		break;
	case OPT_FLAGS:
		opt_flags(b, val);
		break;
	case OPT_INITSTYLE:
		if (strcmp(val, "sysv") && strcmp(val, "plain") &&
		    strcmp(val, "systemd"))
			build_usage_error("--initstyle: sysv, plain or "
					  "systemd");
		b->initstyle = val;
		break;
	case OPT_DISK_LIMIT:
		if (dlimit_option(val))
			build_usage_error("invalid --disk-limit");
		break;
	case OPT_LIMIT:
		if (defaults_limit_option(val))
			build_usage_error("invalid --limit");
		break;
	case OPT_ROOTDIR:
		if (val[0] != '/')
			build_usage_error("--rootdir: an absolute path is "
					  "needed");
		b->rootdir = val;
		break;
	}
}

/*
 * The options up to "--" and the method's arguments after it.  A bad
 * option, one without its value and any word that is not an option
 * before "--" are one usage error.  Return: false after --help.
 */
static bool build_options(struct build *b, int argc, char **argv)
{
	int c, prev;

	/* 0, not 1: both C libraries then forget the front end's options. */
	optind = 0;
	for (;;) {
		prev = optind ? optind : 1;
		c = tool_getopt(argc, argv, "+hm:", build_longopts);
		if (c == -1)
			break;
		if (c == 'h') {
			build_help();
			return false;
		}
		/* dietlibc says ':' for a short option without its value. */
		if (c == '?' || c == ':')
			build_usage_error("unknown or incomplete option '%s'",
					  argv[optind > prev ? optind - 1 :
					       optind]);
		build_option(b, c, optarg);
	}
	/* getopt_long() steps over a "--" it stops at; not over a word. */
	if (optind < argc && optind == prev)
		build_usage_error("unknown or incomplete option '%s'",
				  argv[optind]);
	if ((int)b->method < 0)
		build_usage_error("no method: -m <method> is needed");
	parse_method_args(b, argc - optind, argv + optind);
	if (b->method == M_BUSYBOX && !b->initstyle)
		b->initstyle = "plain";
	return true;
}

/* --- the build --------------------------------------------------------- */

/* The context: given, or the first free one from 40000. */
static void build_pick_xid(const struct guest *g, struct build *b)
{
	char who[256];

	if (b->have_xid && xid_taken(b->xid, g->name, who, sizeof(who)))
		dief(VS_EXIT_FAIL, "%s: context %u is the context of guest "
		     "'%s' already", g->name, b->xid, who);
	if (!b->have_xid)
		for (b->xid = 40000; xid_taken(b->xid, g->name, who,
						sizeof(who)); b->xid++)
			;
}

/* Never over an existing guest, unless --force.  Return: 0, or -1. */
static int build_make_room(const struct guest *g, const struct build *b)
{
	struct stat st;

	if (!lstat(g->cfgdir, &st)) {
		if (!b->force)
			dief(VS_EXIT_FAIL, "%s: %s exists already; use --force "
			     "to build anew (the old one is kept aside)",
			     g->name, g->cfgdir);
		if (guest_running(g))
			dief(VS_EXIT_FAIL, "%s: is running; stop it first",
			     g->name);
		if (move_aside(g->cfgdir))
			return -1;
	}
	if (!lstat(b->vdir, &st) && !(S_ISDIR(st.st_mode) &&
				      dir_empty(b->vdir))) {
		if (!b->force)
			dief(VS_EXIT_FAIL, "%s: the root %s exists and is not "
			     "empty; use --force", g->name, b->vdir);
		if (move_aside(b->vdir))
			return -1;
	}
	return 0;
}

/*
 * The configuration directory, then the root under @base, opened.
 * Return: 0, or -1 when a message said why (what was made is noted in
 * @b for the rollback).
 */
static int build_make_dirs(struct guest *g, struct build *b,
			   const char *base)
{
	b->step = "configuration directory";
	if (mkdir_p(conf_dir()) || mkdir(g->cfgdir, 0755)) {
		warnf("cannot create %s: %s", g->cfgdir, strerror(errno));
		return -1;
	}
	b->made_cfgdir = true;
	b->step = "root";
	if (vdir_base(base))
		return -1;
	if (mkdir(b->vdir, 0755)) {
		if (errno != EEXIST) {
			warnf("cannot create %s: %s", b->vdir,
			      strerror(errno));
			return -1;
		}
	} else {
		b->made_vdir = true;
	}
	b->rootfd = root_open(b->vdir);
	return b->rootfd < 0 ? -1 : 0;
}

static int run_method(const struct guest *g, struct build *b)
{
	b->step = method_names[b->method];
	switch (b->method) {
	case M_SKELETON:
		return skeleton_root(b->rootfd);
	case M_BUSYBOX:
		if (skeleton_root(b->rootfd))
			return -1;
		return method_busybox(g, b);
	case M_TEMPLATE:
		return method_template(g, b);
	case M_CLONE:
		return method_clone(g, b);
	case M_DEBOOTSTRAP:
		return method_debootstrap(g, b);
	}
	return -1;
}

/* The configuration, the root's contents, its adaptation: 0, or -1. */
static int build_fill(struct guest *g, struct build *b)
{
	b->step = "configuration";
	if (write_config(g, b) || defaults_write_rlimits(g) ||
	    dlimit_build(g, b->vdir, b->xid))
		return -1;
	if (run_method(g, b))
		return -1;
	b->step = "etc files";
	if (etc_files(g, b))
		return -1;
	if (b->method != M_SKELETON && b->method != M_BUSYBOX) {
		b->step = "adaptation";
		if (adapt_distribution(g, b->rootfd))
			return -1;
	}
	b->step = "build";
	if (fail_step("build")) {
		warnf("%s: injected failure ($VSERVER_FAIL_STEP=build)",
		      g->name);
		return -1;
	}
	return 0;
}

int cmd_build(struct guest *g, int argc, char **argv)
{
	struct build b = { .method = -1, .rootfd = -1, .step = "options" };
	char base[VS_PATH_MAX];

	if (!build_options(&b, argc, argv))
		return 0;
	build_pick_xid(g, &b);
	if (b.rootdir)
		pathf(base, sizeof(base), "%s", b.rootdir);
	else
		conf_vdirbase(base, sizeof(base));
	pathf(b.vdir, sizeof(b.vdir), "%s/%s", base, g->name);
	if (build_make_room(g, &b))
		return VS_EXIT_FAIL;

	say(g, "building with method %s in %s", method_names[b.method],
	    b.vdir);
	if (build_make_dirs(g, &b, base)) {
		if (!b.made_cfgdir) {
			warnf("%s: build failed at step '%s'", g->name,
			      b.step);
			return VS_EXIT_FAIL;
		}
		rollback(g, &b);
		return VS_EXIT_FAIL;
	}
	if (build_fill(g, &b)) {
		rollback(g, &b);
		return VS_EXIT_FAIL;
	}
	close(b.rootfd);
	say(g, "built: context %u, root %s", b.xid, b.vdir);
	return 0;
}
