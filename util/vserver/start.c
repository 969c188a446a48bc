// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver start - bring a guest up (util-vserver.md §1.3, our order)
 *
 * In this process, holding the guest's lock: the configuration is read
 * and checked whole, the root and the init command are looked at, the
 * scriptlets initialize and prepre-start run, the interface addresses go
 * onto their host devices, pre-start runs.  Then a child does what has
 * to happen in the guest's context, each step named so that a failure
 * says which one:
 *
 *   cgroup      a cgroup v2 of its own (memory and cpu limits act on it)
 *   namespaces  new mount, UTS, IPC and pid namespaces (mounts private)
 *   context     ctx_create, the namespaces stored as space 0
 *   attributes  cflags, bcaps, ccaps
 *   limits      rlimits/
 *   scheduler   sched/
 *   uts         uts/ and the context name (the cfgdir: how the tools map
 *               a context back to its guest)
 *   network     the network context with the guest's addresses
 *   mounts      the root bound on itself, fstab's mounts under it
 *   root        pivot_root into it, the host's tree detached (on an
 *               initramfs host, moved over / and chrooted to; the
 *               kernel's '..' barrier keeps rootfs out of reach)
 *   init        the first process of the pid namespace (pid 1) mounts
 *               /proc, ends the setup and runs init by its style
 *
 * The child reports its steps through a pipe; when one fails, or init
 * cannot run, this process undoes everything done (kills the context,
 * removes the addresses and the cgroup) and says which step failed.
 * On success it writes the run file and leaves a small monitor that
 * waits for the context to end: a guest that ends itself by reboot(2) is
 * started again, one that halts is cleaned up.
 *
 * $VSERVER_FAIL_STEP=<step> makes that step fail, for the tests of the
 * rollback.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/capability.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <poll.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "defaults.h"
#include "dlimit.h"
#include "frontend.h"

#ifndef __NR_pivot_root
#define __NR_pivot_root	155
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

/* Where a systemd guest's init says READY=1 (a datagram socket). */
#define NOTIFY_PATH	"/run/host/notify"

/* --- the interfaces on the host -------------------------------------- */

static int ip_addr(const struct guest_iface *ifc, const char *op, bool quiet)
{
	char addr[VC_NET_IP_STRSZ + 8], label[40];
	char *argv[12];
	int n = 0;

	snprintf(addr, sizeof(addr), "%s/%u", ifc->ip, ifc->addr.prefix);
	argv[n++] = "ip";
	argv[n++] = "addr";
	argv[n++] = (char *)op;
	argv[n++] = addr;
	argv[n++] = "dev";
	argv[n++] = (char *)ifc->addr.dev;
	if (ifc->label[0] && !strcmp(op, "add") &&
	    ifc->addr.family == AF_INET) {
		snprintf(label, sizeof(label), "%s:%s", ifc->addr.dev,
			 ifc->label);
		argv[n++] = "label";
		argv[n++] = label;
	}
	argv[n] = NULL;
	return run_command(argv, quiet);
}

int ifaces_add(const struct guest *g, int *added)
{
	int i;

	*added = 0;
	for (i = 0; i < g->niface; i++) {
		const struct guest_iface *ifc = &g->iface[i];
		char *up[] = { "ip", "link", "set", (char *)ifc->addr.dev,
			       "up", NULL };
		int st;

		if (ifc->nodev)
			continue;
		st = ip_addr(ifc, "add", false);
		if (st) {
			warnf("%s: cannot add %s/%u to %s (ip exited with %d)",
			      g->name, ifc->ip, ifc->addr.prefix,
			      ifc->addr.dev, st);
			return -1;
		}
		*added = i + 1;
		if (!ifc->down && run_command(up, false)) {
			warnf("%s: cannot bring %s up", g->name, ifc->addr.dev);
			return -1;
		}
	}
	if (fail_step("interfaces")) {
		warnf("%s: interfaces: injected failure", g->name);
		return -1;
	}
	return 0;
}

void ifaces_del(const struct guest *g, int n)
{
	int i;

	for (i = 0; i < n && i < g->niface; i++)
		if (!g->iface[i].nodev)
			ip_addr(&g->iface[i], "del", true);
}

/* --- the cgroup ------------------------------------------------------ */

static const char *cgroup_base(void)
{
	const char *b = getenv("VSERVER_CGROUP_BASE");

	return b && *b ? b : "/sys/fs/cgroup/vserver";
}

void guest_cgroup(const struct guest *g, char *buf, size_t size)
{
	pathf(buf, size, "%s/%s", cgroup_base(), g->name);
}

/* Mounts cgroup2 on /sys/fs/cgroup if nothing is there; true if usable. */
static bool cgroup_ready(void)
{
	struct statfs sfs;

	if (!statfs("/sys/fs/cgroup", &sfs) &&
	    sfs.f_type == CGROUP2_SUPER_MAGIC)
		return true;
	if (mount("none", "/sys/fs/cgroup", "cgroup2", 0, NULL))
		return false;
	return true;
}

/* --- the child: steps in the guest's context ------------------------- */

static int report_fd = -1;
/* The child's end of the socket the console's master goes back by. */
static int console_sock = -1;

/* One line of the report pipe: @kind, then the text. */
static void report(enum report_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void report(enum report_kind kind, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	buf[0] = (char)kind;
	va_start(ap, fmt);
	n = vsnprintf(buf + 1, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 3)
		n = sizeof(buf) - 3;
	n++;
	buf[n++] = '\n';
	if (write(report_fd, buf, (size_t)n) < 0)
		return;
}

static const char *cur_step = "";

static void step(const char *name)
{
	cur_step = name;
	report(REPORT_STEP, "%s", name);
	if (fail_step(name)) {
		report(REPORT_FAIL, "%s\tinjected failure "
		       "($VSERVER_FAIL_STEP)", name);
		_exit(1);
	}
}

static noreturn void step_fail(int err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static noreturn void step_fail(int err, const char *fmt, ...)
{
	char buf[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (err)
		report(REPORT_FAIL, "%s\t%s: %s", cur_step, buf,
		       vc_strerror(err));
	else
		report(REPORT_FAIL, "%s\t%s", cur_step, buf);
	_exit(1);
}

/*
 * Mounts one fstab entry; @rootfd is the guest's root.  The mount point
 * is resolved inside the root (openat2 RESOLVE_IN_ROOT: a symbolic link
 * in the guest cannot point it elsewhere) and mounted on as ".".
 */
static void do_mount(int rootfd, const struct conf_mount *m)
{
	const char *type = m->type;
	char data[300];
	int fd;

	fd = open_in_root(rootfd, m->dst, O_PATH | O_DIRECTORY);
	if (fd < 0)
		step_fail(errno, "fstab:%u: mount point %s in the guest",
			  m->line, m->dst);
	if (fchdir(fd))
		step_fail(errno, "fstab:%u: mount point %s in the guest",
			  m->line, m->dst);
	close(fd);
	snprintf(data, sizeof(data), "%s", m->data);
	if (!strcmp(type, "devpts") && !strstr(data, "ptmxmode="))
		snprintf(data, sizeof(data), "%s%sptmxmode=0666", m->data,
			 m->data[0] ? "," : "");
	if (m->flags & MS_BIND)
		type = NULL;
	if (mount(m->src, ".", type, m->flags, data[0] ? data : NULL))
		step_fail(errno, "fstab:%u: cannot mount %s on %s", m->line,
			  m->src, m->dst);
	/*
	 * A bind ignores MS_RDONLY: a remount makes it read-only.  "." is
	 * still the directory under the new mount: the mount point is
	 * looked up again, which finds the mount's root.
	 */
	if ((m->flags & MS_BIND) && (m->flags & MS_RDONLY)) {
		fd = open_in_root(rootfd, m->dst, O_PATH | O_DIRECTORY);
		if (fd < 0 || fchdir(fd))
			step_fail(errno, "fstab:%u: mount point %s in the "
				  "guest", m->line, m->dst);
		close(fd);
		if (mount(NULL, ".", NULL, MS_BIND | MS_REMOUNT | m->flags,
			  NULL))
			step_fail(errno, "fstab:%u: cannot make %s read-only",
				  m->line, m->dst);
	}
	if (fchdir(rootfd))
		step_fail(errno, "cannot change to the guest's root");
}

/* Mounted from the guest's pid namespace, by its first process. */
static bool late_mount(const struct conf_mount *m)
{
	return !strcmp(m->type, "proc") || !strcmp(m->type, "sysfs");
}

static void set_words(const struct guest *g)
{
	struct vc_flags f;

	if (vc_set_cflags(VC_XID_SELF, &g->cflags))
		step_fail(errno, "cannot set the context flags");
	/*
	 * systemd drops capabilities from its services' bounding sets:
	 * CAP_SETPCAP, which within the context's bounding set only narrows.
	 */
	f = (struct vc_flags){ g->bcaps | (g->style == INIT_SYSTEMD ?
					   1ULL << CAP_SETPCAP : 0), ~0ULL };
	if (vc_set_bcaps(VC_XID_SELF, &f))
		step_fail(errno, "cannot set the bounding capabilities");
	/* systemd mounts API file systems and services' namespaces. */
	f = (struct vc_flags){ g->ccaps | (g->style == INIT_SYSTEMD ?
					   VXC_SECURE_MOUNT : 0), ~0ULL };
	if (vc_set_ccaps(VC_XID_SELF, &f))
		step_fail(errno, "cannot set the context capabilities");
}

static void set_limits(const struct guest *g)
{
	struct vc_rlimit_mask mask;
	unsigned int id;

	if (vc_get_rlimit_mask(&mask))
		step_fail(errno, "cannot read the supported limits");
	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		struct vc_rlimit l;

		if (!g->rlimit_set[id])
			continue;
		l = g->rlimit[id];
		if (!(mask.hard & (1U << id)))
			step_fail(0, "rlimits/%s: this kernel does not "
				  "support this limit", vc_rlimit_name(id));
		if (!(mask.min & (1U << id)))
			l.min = VC_LIM_KEEP;
		if (!(mask.soft & (1U << id)))
			l.soft = VC_LIM_KEEP;
		if (vc_set_rlimit(VC_XID_SELF, id, &l))
			step_fail(errno, "rlimits/%s: cannot set the limit",
				  vc_rlimit_name(id));
	}
}

static void set_uts(const struct guest *g)
{
	int f;

	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++) {
		if (!g->uts[f])
			continue;
		if (vc_set_vhi_name(VC_XID_SELF, f, g->uts[f]))
			step_fail(errno, "uts/%s: cannot set '%s'",
				  vc_vhi_field_name(f), g->uts[f]);
	}
	if (vc_set_vhi_name(VC_XID_SELF, VHIN_CONTEXT, g->cfgdir))
		step_fail(errno, "cannot set the context name");
}

static void set_network(const struct guest *g)
{
	uint32_t want = g->have_xid ? g->nid : VC_NID_DYNAMIC;
	struct vc_flags f;
	int i;

	if (vc_net_create(want, NXF_INIT_SET) < 0)
		step_fail(errno, "cannot create the network context");
	if (g->nflags.mask && vc_set_nflags(VC_NID_SELF, &g->nflags))
		step_fail(errno, "nflags: cannot set the network flags");
	f = (struct vc_flags){ g->ncaps, ~0ULL };
	if (vc_set_ncaps(VC_NID_SELF, &f))
		step_fail(errno, "ncapabilities: cannot set them");
	for (i = 0; i < g->niface; i++) {
		struct vc_net_addr a = g->iface[i].addr;

		a.dev[0] = '\0';
		if (vc_net_add(VC_NID_SELF, &a))
			step_fail(errno, "interfaces/%s: cannot add %s",
				  g->iface[i].id, g->iface[i].ip);
	}
}

/* The init command by style; @argv has room for VS_MAX_ARGS. */
static void init_argv(const struct guest *g, char **argv, bool explicit_rl)
{
	int n = 0;

	if (g->cmd_start[0]) {
		for (n = 0; g->cmd_start[n]; n++)
			argv[n] = g->cmd_start[n];
	} else if (g->style == INIT_SYSTEMD) {
		argv[n++] = "/sbin/init";
	} else if (g->style == INIT_PLAIN) {
		argv[n++] = "/sbin/init";
		if (explicit_rl)
			argv[n++] = (char *)g->runlevel;
	} else {
		argv[n++] = "/etc/init.d/rc";
		argv[n++] = (char *)g->runlevel;
	}
	argv[n] = NULL;
}

/* The environment of init: apps/init/environment, else a PATH. */
static void init_env(const struct guest *g, char **env, int style_sysv)
{
	static char rl[64];
	int n = 0, i;

	if (g->environ[0]) {
		for (i = 0; g->environ[i] && n < VS_MAX_ARGS - 6; i++)
			env[n++] = g->environ[i];
	} else {
		env[n++] = "PATH=/bin:/usr/bin:/sbin:/usr/sbin";
	}
	/* systemd's Container Interface: who runs it, where to notify. */
	env[n++] = "container=vserver";
	if (g->style == INIT_SYSTEMD)
		env[n++] = "NOTIFY_SOCKET=" NOTIFY_PATH;
	if (style_sysv) {
		snprintf(rl, sizeof(rl), "RUNLEVEL=%s", g->runlevel);
		env[n++] = "PREVLEVEL=N";
		env[n++] = rl;
	}
	env[n] = NULL;
}

/*
 * The guest's own console (console.c): a pty of the guest's devpts, its
 * slave bound over /dev/console, its master sent back to the host.  We
 * are in the guest's root and mount namespace: no path here reaches the
 * host.  Return: the slave, or -1 (a warning said why).
 */
static int guest_console(void)
{
	char pts[64];
	int master, slave, n, fd;
	struct stat st;

	master = open_guest_pty(&slave);
	if (master < 0) {
		report(REPORT_WARN, "no console: no pty in the guest "
		       "(/dev/pts/ptmx: %s)", strerror(errno));
		return -1;
	}
	if (ioctl(master, TIOCGPTN, &n)) {
		report(REPORT_WARN, "no console: TIOCGPTN: %s",
		       strerror(errno));
		goto fail;
	}
	snprintf(pts, sizeof(pts), "/dev/pts/%d", n);
	/*
	 * A link or a missing node becomes an empty file to mount on; a
	 * node is never opened (it may be the host's console, 5:1).
	 */
	if (!lstat("/dev/console", &st) && S_ISLNK(st.st_mode))
		unlink("/dev/console");
	if (lstat("/dev/console", &st) && errno == ENOENT) {
		fd = open("/dev/console", O_WRONLY | O_CREAT | O_EXCL |
			  O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
	}
	if (mount(pts, "/dev/console", NULL, MS_BIND, NULL)) {
		report(REPORT_WARN, "no console: cannot bind %s over "
		       "/dev/console: %s", pts, strerror(errno));
		goto fail;
	}
	if (send_fd(console_sock, master))
		report(REPORT_WARN, "the console's master could not be "
		       "passed: %s", strerror(errno));
	close(master);
	return slave;
fail:
	close(master);
	close(slave);
	return -1;
}

/*
 * systemd's NOTIFY_SOCKET: a datagram socket bound in the guest's /run
 * (fresh, apifs.c), passed to the host before the console's master; the
 * host reads READY=1 from it.  A failure is a warning: start then does
 * not wait for the guest to be ready.
 */
static void notify_socket(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (mkdir("/run/host", 0755) && errno != EEXIST)
		goto fail;
	unlink(NOTIFY_PATH);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		goto fail;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", NOTIFY_PATH);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    chmod(NOTIFY_PATH, 0600)) {
		close(fd);
		goto fail;
	}
	report(REPORT_NOTIFY, "%s", "");
	if (send_fd(console_sock, fd))
		report(REPORT_WARN, "the notify socket could not be "
		       "passed: %s", strerror(errno));
	close(fd);
	return;
fail:
	report(REPORT_WARN, "no %s: %s; start will not wait for READY=1",
	       NOTIFY_PATH, strerror(errno));
}

/* The guest's pid 1. */
static noreturn void guest_init(const struct guest *g, int nullfd,
				bool use_cgroup)
{
	struct vc_flags end = { 0, VXF_STATE_SETUP | VXF_STATE_INIT };
	char *argv[VS_MAX_ARGS], *env[VS_MAX_ARGS];
	char rlpath[VS_PATH_MAX];
	int i, rootfd, cons;

	step("init");
	rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0)
		step_fail(errno, "cannot open the guest's root");
	for (i = 0; i < g->nmount; i++)
		if (late_mount(&g->mount[i]))
			do_mount(rootfd, &g->mount[i]);
	if (apifs_late(g, rootfd, use_cgroup))
		step_fail(errno, "%s", apifs_error());
	close(rootfd);
	if (chdir("/"))
		step_fail(errno, "cannot change to the guest's root");
	pathf(rlpath, sizeof(rlpath), "%s/apps/init/runlevel", g->cfgdir);
	init_argv(g, argv, exists(rlpath));
	init_env(g, env, g->style == INIT_SYSV && !g->cmd_start[0]);
	if (find_command(argv[0]))
		step_fail(ENOENT, "cannot find %s in the guest", argv[0]);
	/*
	 * No descriptor of the host's but the report pipe goes in: init's
	 * streams are the guest's console (else /dev/null).
	 */
	if (g->style == INIT_SYSTEMD && !g->cmd_start[0]) {
		if (apifs_systemd_dropins())
			report(REPORT_WARN, "%s: %s", apifs_error(),
			       strerror(errno));
		notify_socket();
	}
	cons = guest_console();
	close(console_sock);
	if (cons < 0)
		cons = nullfd;
	if (dup2(cons, 0) < 0 || dup2(cons, 1) < 0 || dup2(cons, 2) < 0)
		step_fail(errno, "cannot redirect the standard streams");
	if (report_fd != 3) {
		if (dup2(report_fd, 3) < 0)
			step_fail(errno, "cannot move the report pipe");
		report_fd = 3;
	}
	fcntl(report_fd, F_SETFD, FD_CLOEXEC);
	if (close_from(4))
		step_fail(errno, "cannot close the host's descriptors");
	setsid();
	if (vc_set_cflags(VC_XID_SELF, &end))
		step_fail(errno, "cannot end the setup of the context");
	/* sysv: no init of the guest's; this process stays its init. */
	if (g->style == INIT_SYSV && !g->cmd_start[0])
		vinit(g, env, report_fd);
	execve(argv[0], argv, env);
	step_fail(errno, "cannot execute %s", argv[0]);
}

/* Step "cgroup": into a cgroup v2 of the guest's own. */
static void setup_cgroup(const struct guest *g)
{
	char cg[VS_PATH_MAX], tidy[CGROUP_PATH_MAX + 1];
	const char *why;

	guest_cgroup(g, cg, sizeof(cg));
	why = cgroup_path_check(cg, tidy, sizeof(tidy));
	if (why)
		step_fail(0, "cgroup '%s' %s", cg, why);
	cgroup_check(tidy, 1);
	cgroup_join(1);
}

/* Steps "namespaces" and "context" (reported as REPORT_XID). */
static void setup_context(const struct guest *g, bool use_cgroup)
{
	uint32_t want = g->have_xid ? g->xid : VC_XID_SELF;
	int xid, spaces;

	step("namespaces");
	/* In its own cgroup: the guest's cgroup namespace is rooted there. */
	spaces = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID |
		 (use_cgroup ? CLONE_NEWCGROUP : 0);
	if (unshare(spaces))
		step_fail(errno, "cannot unshare the namespaces");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		step_fail(errno, "cannot make the mounts private");

	step("context");
	xid = vc_ctx_create(want, VXF_INIT_SET);
	if (xid < 0)
		step_fail(errno, "cannot create context %u",
			  g->have_xid ? g->xid : 0);
	report(REPORT_XID, "%d", xid);
	if (vc_set_space(VC_XID_SELF, spaces, 0))
		step_fail(errno, "cannot store the namespaces of context %d",
			  xid);
}

/* Step "mounts": the root bound on itself, fstab's early mounts. */
static void setup_mounts(const struct guest *g)
{
	int i, vdirfd;

	step("mounts");
	if (mount(g->vdir, g->vdir, NULL, MS_BIND | MS_REC, NULL))
		step_fail(errno, "cannot bind the root %s", g->vdir);
	vdirfd = open(g->vdir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (vdirfd < 0)
		step_fail(errno, "cannot open the root %s", g->vdir);
	if (apifs_early(g, vdirfd))
		step_fail(errno, "%s", apifs_error());
	for (i = 0; i < g->nmount; i++)
		if (!late_mount(&g->mount[i]))
			do_mount(vdirfd, &g->mount[i]);
	close(vdirfd);
}

/* Step "root": into the guest's root, the host's left behind. */
static void setup_root(const struct guest *g)
{
	step("root");
	if (chdir(g->vdir))
		step_fail(errno, "cannot enter %s", g->vdir);
	if (!sys4(__NR_pivot_root, (long)".", (long)".", 0, 0)) {
		if (umount2(".", MNT_DETACH))
			step_fail(errno, "cannot detach the host's root");
	} else if (errno == EINVAL) {
		/*
		 * The host's root is an initramfs (rootfs), which pivot_root
		 * cannot leave: the root is moved over it and chrooted to.
		 * rootfs stays below; the kernel's '..' barrier at the root
		 * the guest's setup ends with keeps it out of reach.
		 */
		if (mount(".", "/", NULL, MS_MOVE, NULL))
			step_fail(errno, "cannot move %s onto /", g->vdir);
		if (chroot("."))
			step_fail(errno, "cannot chroot to %s", g->vdir);
	} else {
		step_fail(errno, "cannot pivot_root to %s", g->vdir);
	}
	if (chdir("/"))
		step_fail(errno, "cannot change to the guest's root");
	if (vc_set_space(VC_XID_SELF, CLONE_FS, 0))
		step_fail(errno, "cannot store the guest's root");
}

/* The setup child: the steps in the guest's context, then its pid 1. */
static noreturn void setup_child(const struct guest *g, bool use_cgroup)
{
	int nullfd;
	pid_t pid;

	nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (nullfd < 0)
		step_fail(errno, "cannot open /dev/null");

	step("cgroup");
	if (use_cgroup)
		setup_cgroup(g);
	setup_context(g, use_cgroup);
	step("attributes");
	set_words(g);
	step("limits");
	set_limits(g);
	step("scheduler");
	if (g->have_sched && vc_set_sched(VC_XID_SELF, &g->sched))
		step_fail(errno, "sched/: cannot set the scheduler");
	step("uts");
	set_uts(g);
	step("network");
	set_network(g);
	setup_mounts(g);
	setup_root(g);

	pid = fork();
	if (pid < 0)
		step_fail(errno, "cannot fork the guest's init");
	if (!pid)
		guest_init(g, nullfd, use_cgroup);
	_exit(0);
}

/* --- the monitor ------------------------------------------------------ */

/* The monitor itself, in a session of its own. */
static noreturn void monitor(const struct guest *g, uint32_t xid, int master)
{
	struct vc_wait_exit res = { 0, 0 };
	int fd = open("/dev/null", O_RDWR), lock;
	pid_t keeper = -1;
	uint32_t running;
	char *text;

	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
	if (master >= 0 && dup2(master, 3) == 3)
		master = 3;
	else
		master = -1;
	if (close_from(4) || chdir("/"))
		_exit(1);
	if (master >= 0) {
		keeper = fork();
		if (!keeper)
			console_keeper(g, master);
		close(master);
	}
	while (vc_wait_exit(xid, &res))
		if (errno != EINTR)
			break;
	if (keeper > 0) {
		kill(keeper, SIGTERM);
		waitpid(keeper, NULL, 0);
	}
	lock = guest_lock(g);
	text = read_file(g->runfile, NULL);
	running = text ? (uint32_t)strtoul(text, NULL, 10) : 0;
	free(text);
	if (running != xid || ctx_tasks(xid))
		_exit(0);
	guest_cleanup(g);
	run_hooks(g, "post-stop");
	close(lock);
	if (res.reboot_cmd == (int32_t)LINUX_REBOOT_CMD_RESTART ||
	    res.reboot_cmd == (int32_t)LINUX_REBOOT_CMD_RESTART2) {
		char *argv[] = { "vserver", (char *)g->cfgdir, "start", NULL };

		execv(self_exe, argv);
	}
	_exit(0);
}

/*
 * Waits for the context to end.  If it ended by itself (the run file
 * still names it once the lock is ours: a stop removes it first) the
 * host side is cleaned up, and a reboot(2) starts the guest again.
 */
static void spawn_monitor(const struct guest *g, uint32_t xid, int master)
{
	pid_t pid = fork();

	if (pid < 0) {
		warnf("%s: warning: no monitor (fork: %s); a reboot in the "
		      "guest will not restart it", g->name, strerror(errno));
		return;
	}
	if (pid) {
		waitpid(pid, NULL, 0);
		return;
	}
	setsid();
	if (fork())
		_exit(0);
	monitor(g, xid, master);
}

/* --- a systemd guest's READY=1 ---------------------------------------- */

static bool has_ready(const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n == 7 && !strncmp(p, "READY=1", 7))
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

/*
 * Waits until the guest's init says READY=1 on @nfd, the guest ends, or
 * apps/init/timeout seconds (default 300) pass.  Return: true when ready,
 * else false with @why.
 */
static bool wait_ready(const struct guest *g, uint32_t xid, int nfd,
		       char *why, size_t size)
{
	char path[VS_PATH_MAX], *val;
	unsigned long limit = 300;
	struct timespec t0, t;

	pathf(path, sizeof(path), "%s/apps/init/timeout", g->cfgdir);
	val = read_file(path, NULL);
	if (val && strtoul(val, NULL, 10))
		limit = strtoul(val, NULL, 10);
	free(val);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { .fd = nfd, .events = POLLIN };
		char buf[4096];
		ssize_t n;

		if (poll(&p, 1, 1000) > 0) {
			n = recv(nfd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
			if (n > 0) {
				buf[n] = '\0';
				if (has_ready(buf))
					return true;
			}
		}
		if (!ctx_tasks(xid)) {
			snprintf(why, size, "the guest ended before its init "
				 "said READY=1");
			return false;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((unsigned long)(t.tv_sec - t0.tv_sec) >= limit) {
			snprintf(why, size, "no READY=1 from its init within "
				 "%lu s (apps/init/timeout)", limit);
			return false;
		}
	}
}

/* --- checks before anything is done ---------------------------------- */

static bool sanity(const struct guest *g)
{
	char path[VS_PATH_MAX];
	char *argv[VS_MAX_ARGS];
	struct stat st;
	bool ok = true;
	int rootfd, fd;

	if (strlen(g->cfgdir) > VC_VHI_NAME_MAX) {
		warnf("%s: the configuration directory '%s' is longer than %d "
		      "characters: the kernel cannot keep it as the context "
		      "name", g->name, g->cfgdir, VC_VHI_NAME_MAX);
		ok = false;
	}
	if (g->have_xid && ctx_tasks(g->xid)) {
		warnf("%s: context %u is in use by another guest or tool",
		      g->name, g->xid);
		ok = false;
	}
	rootfd = open(g->vdir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		warnf("%s: the guest's root %s: %s", g->name, g->vdir,
		      strerror(errno));
		return false;
	}
	pathf(path, sizeof(path), "%s/apps/init/runlevel", g->cfgdir);
	init_argv(g, argv, exists(path));
	fd = open_in_root(rootfd, argv[0], O_PATH);
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    !(st.st_mode & 0111)) {
		warnf("%s: the init command %s is not an executable file in "
		      "the guest (%s); check apps/init/style and cmd.start",
		      g->name, argv[0], fd < 0 ? strerror(errno) :
		      "not executable");
		ok = false;
	}
	if (fd >= 0)
		close(fd);
	for (int i = 0; i < g->nmount; i++) {
		fd = open_in_root(rootfd, g->mount[i].dst,
				  O_PATH | O_DIRECTORY);
		if (fd < 0) {
			warnf("%s/fstab:%u: the mount point %s is no directory "
			      "in the guest", g->cfgdir, g->mount[i].line,
			      g->mount[i].dst);
			ok = false;
		} else {
			close(fd);
		}
	}
	close(rootfd);
	return ok;
}

/* --- start ----------------------------------------------------------- */

/*
 * What the report pipe said: the last step begun, the context, the
 * runlevel's status, whether a notify socket comes, and the failure.
 */
struct start_state {
	char step[64];
	char failed[1100];	/* "<step>\t<why>"; "" while all is well */
	long xid;
	int rc_status;
	bool notify;
};

/* One line of the report pipe (enum report_kind, frontend.h). */
static void report_line(const struct guest *g, struct start_state *s,
			const char *line)
{
	switch ((enum report_kind)line[0]) {
	case REPORT_STEP:
		snprintf(s->step, sizeof(s->step), "%s", line + 1);
		break;
	case REPORT_XID:
		s->xid = strtol(line + 1, NULL, 10);
		break;
	case REPORT_RC:
		s->rc_status = atoi(line + 1);
		break;
	case REPORT_NOTIFY:
		s->notify = true;
		break;
	case REPORT_WARN:
		if (!getenv("VSERVER_QUIET"))
			warnf("%s: warning: %s", g->name, line + 1);
		break;
	case REPORT_FAIL:
		snprintf(s->failed, sizeof(s->failed), "%s", line + 1);
		break;
	}
}

/* Reads the report pipe @fd to its end (every writer gone). */
static void read_reports(const struct guest *g, struct start_state *s,
			 int fd)
{
	char buf[4096], *nl;
	size_t len = 0;

	for (;;) {
		ssize_t n = read(fd, buf + len, sizeof(buf) - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			*nl = '\0';
			report_line(g, s, buf);
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		if (len >= sizeof(buf) - 1)
			len = 0;
	}
}

/*
 * Whether the guest came up: the setup process ended well, the runlevel
 * (sysv) did, and init did not end at once.  Else @s->failed says why.
 */
static bool start_verdict(struct start_state *s, pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!s->failed[0] && (!WIFEXITED(status) || WEXITSTATUS(status)))
		snprintf(s->failed, sizeof(s->failed), "%s\tthe setup "
			 "process failed", s->step);
	if (!s->failed[0] && s->rc_status > 0)
		snprintf(s->failed, sizeof(s->failed), "init\tthe rc script "
			 "exited with %d", s->rc_status);
	/* An init that ends at once has not started the guest. */
	if (!s->failed[0] && s->xid > 1 &&
	    (usleep(200000), !ctx_tasks((uint32_t)s->xid)))
		snprintf(s->failed, sizeof(s->failed), "init\tthe guest ended "
			 "at once");
	return !s->failed[0];
}

/* Kills the context @xid (if any), removes the addresses and cgroup. */
static void start_undo(const struct guest *g, long xid)
{
	char cg[VS_PATH_MAX];

	if (xid > 1) {
		vc_ctx_kill((uint32_t)xid, 0, SIGKILL);
		ctx_wait_gone((uint32_t)xid, 10000);
	}
	ifaces_del(g, g->niface);
	guest_cgroup(g, cg, sizeof(cg));
	for (int i = 0; i < 50 && cgroup_remove_tree(cg) && errno == EBUSY;
	     i++)
		usleep(100000);
	warnf("%s: everything done was undone (context killed, addresses "
	      "and cgroup removed)", g->name);
}

/*
 * Everything before the child: checks, scriptlets, the addresses.
 * Return: 0, or the exit status after a message (what was done undone).
 */
static int start_prepare(const struct guest *g, bool *use_cgroup)
{
	int added = 0;

	if (!sanity(g) || dlimits_apply(g)) {
		warnf("%s: not started", g->name);
		return VS_EXIT_FAIL;
	}
	if (!run_hooks(g, "initialize") || !run_hooks(g, "prepre-start")) {
		warnf("%s: not started: a scriptlet failed", g->name);
		return VS_EXIT_FAIL;
	}
	if (g->have_xid)
		say(g, "starting: context %u, root %s", g->xid, g->vdir);
	else
		say(g, "starting: dynamic context, root %s", g->vdir);
	defaults_warn_unlimited(g);
	if (ifaces_add(g, &added)) {
		ifaces_del(g, added);
		warnf("%s: start failed at step 'interfaces'; the addresses "
		      "added were removed again", g->name);
		return VS_EXIT_FAIL;
	}
	if (!run_hooks(g, "pre-start")) {
		ifaces_del(g, g->niface);
		warnf("%s: start failed at step 'pre-start'; undone", g->name);
		return VS_EXIT_FAIL;
	}
	*use_cgroup = cgroup_ready();
	if (!*use_cgroup)
		warnf("%s: warning: no cgroup2 file system on /sys/fs/cgroup: "
		      "memory and CPU limits cannot act", g->name);
	return 0;
}

/*
 * Forks the setup child.  @report receives the read end of its report
 * pipe, @cons this side of the socket the notify socket and the
 * console's master come back by.  Return: the child.
 */
static pid_t spawn_setup(const struct guest *g, bool use_cgroup,
			 int *report, int *cons)
{
	int pipefd[2], sv[2];
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		dief(VS_EXIT_FAIL, "cannot make a pipe: %s", strerror(errno));
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		dief(VS_EXIT_FAIL, "cannot make a socket pair: %s",
		     strerror(errno));
	pid = fork();
	if (pid < 0)
		dief(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
	if (!pid) {
		close(pipefd[0]);
		close(sv[0]);
		report_fd = pipefd[1];
		console_sock = sv[1];
		setup_child(g, use_cgroup);
	}
	close(pipefd[1]);
	close(sv[1]);
	*report = pipefd[0];
	*cons = sv[0];
	return pid;
}

/* The run file and the cfgdir's "run" link of a started guest. */
static void start_record(const struct guest *g, long xid)
{
	char buf[32], link[VS_PATH_MAX];

	snprintf(buf, sizeof(buf), "%ld\n", xid);
	if (write_file(g->runfile, buf))
		warnf("%s: warning: cannot write %s: %s", g->name, g->runfile,
		      strerror(errno));
	pathf(link, sizeof(link), "%s/run", g->cfgdir);
	if (!exists(link) && symlink(g->runfile, link))
		warnf("%s: warning: cannot create %s", g->name, link);
}

/* A systemd guest: waits for READY=1 on @nfd; false when undone. */
static bool start_wait_ready(const struct guest *g, long xid, int nfd)
{
	char why[1100];
	bool ready = wait_ready(g, (uint32_t)xid, nfd, why, sizeof(why));

	close(nfd);
	if (ready)
		return true;
	warnf("%s: start failed at step 'ready': %s", g->name, why);
	console_tail(g, 20);
	/* No run file: the monitor leaves the cleanup to us. */
	unlink(g->runfile);
	start_undo(g, xid);
	return false;
}

/* Starts the guest; the lock is held.  Return: exit status. */
static int do_start(struct guest *g)
{
	struct start_state s = { .xid = -1, .rc_status = -1 };
	int report, cons, master, nfd = -1, ret;
	bool use_cgroup = false;
	pid_t pid;

	ret = start_prepare(g, &use_cgroup);
	if (ret)
		return ret;
	pid = spawn_setup(g, use_cgroup, &report, &cons);
	read_reports(g, &s, report);
	close(report);
	if (!start_verdict(&s, pid)) {
		char *tab = strchr(s.failed, '\t');

		close(cons);
		if (tab)
			*tab++ = '\0';
		warnf("%s: start failed at step '%s': %s", g->name, s.failed,
		      tab ? tab : "failed");
		start_undo(g, s.xid);
		return VS_EXIT_FAIL;
	}
	/* systemd's notify socket, then the console's master, if init got
	 * that far (else none). */
	if (s.notify)
		nfd = recv_fd(cons);
	master = check_ptmx(recv_fd(cons));
	close(cons);
	start_record(g, s.xid);
	g->xid = (uint32_t)s.xid;
	spawn_monitor(g, (uint32_t)s.xid, master);
	if (master >= 0)
		close(master);
	if (nfd >= 0 && !start_wait_ready(g, s.xid, nfd))
		return VS_EXIT_FAIL;
	run_hooks(g, "post-start");
	say(g, "started: context %ld, %s init", s.xid,
	    g->style == INIT_PLAIN ? "plain" :
	    g->style == INIT_SYSTEMD ? "systemd (ready)" : "sysv");
	return 0;
}

int cmd_start(struct guest *g, int argc, char **argv)
{
	int lock, ret;

	(void)argv;
	if (argc > 1)
		dief(VS_EXIT_USAGE, "start takes no arguments");
	if (guest_load(g))
		dief(VS_EXIT_FAIL, "%s: configuration errors, nothing "
		     "started", g->name);
	lock = guest_lock(g);
	if (guest_running(g)) {
		warnf("%s: warning: already running", g->name);
		close(lock);
		return 0;
	}
	ret = do_start(g);
	close(lock);
	return ret;
}
