/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver hostile-guest suite - the world every attempt runs in
 *
 * Each test (one attempt) gets a fresh world, built by the fixture the
 * way a guest is set up by the tools (util-vserver's chain: new mount,
 * UTS and IPC namespaces, ctx_create, net_create, net_add, limits,
 * set_space, the guest's root, a PID namespace whose first task is the
 * guest's init, the setup ended from inside):
 *
 *   host victim   a host task (xid 0) with a secret in its memory, its
 *                 environment and an open file;
 *   neighbour     another guest (context and network context AT_XB, with
 *                 its own address and a listener on its loopback), whose
 *                 task is a victim as well;
 *   guest A       the attacker (AT_XA): default bcaps and ccaps (no
 *                 SYS_ADMIN, SYS_MODULE, SYS_TIME, MKNOD, NET_ADMIN,
 *                 NET_RAW, SYS_RAWIO, SYS_RESOURCE, SYSLOG, ...), root
 *                 directory AT_ROOT made its / with pivot_root in its own
 *                 mount namespace, /proc mounted there by the host tools,
 *                 address 192.0.2.11 on dummy0, limits on tasks, files
 *                 and sockets.  Two of its tasks run attempts:
 *                   AT_INIT   the guest's init (pid 1 of the guest's PID
 *                             namespace) forks a task per attempt;
 *                   AT_OUTER  a task that entered the guest as
 *                             "vserver exec" does (enter_space without
 *                             the PID namespace, net_migrate,
 *                             ctx_migrate): it lives in the host's PID
 *                             namespace, so it can name host pids; this
 *                             tests the context isolation itself, not
 *                             the PID namespace.
 *   the host      listeners on 127.0.0.1, on the host address 192.0.2.1
 *                 (TCP and UDP) and on an abstract UNIX address; a SysV
 *                 shared memory segment and a POSIX message queue; a
 *                 pseudo-terminal; a secret file outside the guest's root.
 *
 * An attempt is a function run as root in a fresh task of guest A (every
 * descriptor closed but a few "handed in" ones, AT_FD_*).  It returns a
 * result with errno; it can leave numbers and a note in at_res.  The test
 * then checks the result precisely and the world: at_host_ok() looks at
 * every victim (alive, not traced, not reniced, limits, memory, host
 * name, clock, sysctls, interfaces, the secret file).  An attempt
 * "escapes" when it succeeds where it must fail or when anything outside
 * guest A changed; NO_ESCAPE() counts it and fails the test.  At the end
 * the program prints "# attack: N attempts, E escapes".
 */

#ifndef _VSERVER_ATTACK_H
#define _VSERVER_ATTACK_H

#include <linux/vserver/space_cmd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/time.h>

/* ------------------------------------------------------------------ */
/* Constants                                                          */
/* ------------------------------------------------------------------ */

#define AT_XA		3110		/* the attacker: context and nid */
#define AT_XB		3120		/* the neighbour */
#define AT_A4		VN_A4		/* 192.0.2.11 */
#define AT_B4		VN_B4		/* 192.0.2.12 */
#define AT_HOST4	VN_HOST4	/* 192.0.2.1 */

#define AT_PORT_LO	4101	/* host TCP listener on 127.0.0.1 */
#define AT_PORT_H	4102	/* host TCP listener on 192.0.2.1 */
#define AT_PORT_B	4103	/* neighbour's listener on its loopback */
#define AT_PORT_U	4104	/* host UDP socket on 127.0.0.1 */
#define AT_PORT_UH	4105	/* host UDP socket on 192.0.2.1 */
#define AT_ABSTRACT	"vs-attack-host"	/* host abstract UNIX socket */
#define AT_SHM_KEY	0x56534154	/* host SysV shm key */
#define AT_MQ		"/vs-attack-host"	/* host POSIX queue */

/* A test may put the world on another file system (disk19: the ext4 root). */
#ifndef AT_DIR
#define AT_DIR		"/tmp/vs-attack"
#endif
#define AT_ROOT		AT_DIR "/guest"		/* guest A's root */
#define AT_SECRET	AT_DIR "/host-secret"	/* outside every root */
#define AT_SECRET_TEXT	"HOST-SECRET\n"
#define AT_ENV_SECRET	"VS_ATTACK_SECRET=host-environ-secret"

/* Guest limits: tasks, open files, sockets. */
#define AT_NPROC	30
#define AT_NOFILE	100
#define AT_NSOCK	20

/* Descriptors every attempt has (the rest are closed). */
#define AT_FD_SOCK	3	/* request socket (plumbing) */
#define AT_FD_EVT	4	/* write end: "ready" to the test */
#define AT_FD_GO	5	/* read end: "go on" from the test */
#define AT_FD_HVPIDFD	6	/* handed in: pidfd of the host victim */
#define AT_FD_NBPIDFD	7	/* handed in: pidfd of the neighbour */
#define AT_FD_HOSTMNT	8	/* handed in: the host's mount namespace */
#define AT_FD_PTY	9	/* handed in: a host terminal (pty slave) */
#define AT_NFDS		7

/* The victims' secret file descriptor number. */
#define AT_VICTIM_FD	10

/* Where an attempt runs. */
enum at_where { AT_INIT, AT_OUTER, AT_CHROOTED };

/* ------------------------------------------------------------------ */
/* Shared state                                                       */
/* ------------------------------------------------------------------ */

/**
 * struct at_res - What an attempt reports
 * @ret: Its result (the attempt function's return value).
 * @err: errno after it.
 * @v: Numbers it wants to show.
 * @note: Text it wants to show.
 */
struct at_res {
	long ret;
	int err;
	long v[4];
	char note[512];
};

/*
 * Shared by every process of the program (mapped before the harness
 * forks): the counters and the result of the current attempt.
 */
struct at_shared {
	int attempts;
	int escapes;
	int skipped;
	int escaped_now;
	int counted_now;
	pid_t main_pid;
	struct at_res res;
	/*
	 * Arguments the test makes after guest A was forked (its copy of
	 * the test's memory does not have them): pass pointers into here.
	 */
	char in[1024];
};

static struct at_shared *at_sh;

/* A secret in the victims' memory (the same address in every fork). */
static volatile uint64_t at_marker = 0x5653544152474554ULL;
#define AT_MARKER	0x5653544152474554ULL

/**
 * struct at_world - One test's world, as the host sees it
 */
struct at_world {
	pid_t hv, nb, gh, go;		/* host victim, neighbour, holder, outer */
	int hv_pipe, nb_pipe;		/* their lifelines (write ends) */
	int hv_pidfd, nb_pidfd;
	pid_t hv_pgid;
	int gi_sock, go_sock;		/* requests to AT_INIT, AT_OUTER */
	pid_t gc;			/* AT_CHROOTED, started on demand */
	int gc_sock;
	int evt_r, go_w;		/* "ready" from, "go on" to attempts */
	int lo_fd, host_fd, udp_fd, udph_fd, unix_fd;	/* host listeners */
	int pty_master, pty_slave;
	int hostmnt_fd;
	int shm_id;
	int mq;
	dev_t root_dev;
	ino_t root_ino;
	unsigned char handle[sizeof(struct file_handle) + MAX_HANDLE_SZ];
	/* The state at_host_ok() compares with. */
	char hostname[65];
	char sysctl[8][256];
	struct rlimit hv_nofile;
	int hv_ioprio;
	struct timespec rt0, mono0;
	long adj_freq;
	char why[512];
};

static struct at_world *W;

/*
 * Host sysctls whose value at_host_ok() compares (and at_restore_host()
 * puts back); "" where this kernel has none.
 */
static const char *const at_sysctls[] = {
	"/proc/sys/kernel/core_pattern",
	"/proc/sys/kernel/poweroff_cmd",
	"/proc/sys/vm/panic_on_oom",
	"/proc/sys/net/ipv4/ip_forward",
	"/proc/sys/kernel/sysrq",
	"/proc/sys/kernel/printk",
};
#define AT_NSYSCTL	(sizeof(at_sysctls) / sizeof(at_sysctls[0]))

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

static int at_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	err = errno;
	close(fd);
	errno = err;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Copies src to dst with mode (for the guest's root). */
static int at_copy(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	unlink(dst);
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
	close(in);
	if (fchown(out, 0, 0) || fchmod(out, mode))
		n = -1;
	close(out);
	return n < 0 ? -1 : 0;
}

/* The state letter of /proc/<pid>/stat, '?' if unreadable. */
static char at_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* A number field ("TracerPid:") of /proc/<pid>/status, -1 if none. */
static long at_status_num(pid_t pid, const char *key)
{
	char path[64], buf[4096], val[64];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0 ||
	    vs_field(buf, key, val, sizeof(val)))
		return -1;
	return strtol(val, NULL, 10);
}

/* Reads 8 bytes at &at_marker in pid (as the host). */
static int at_peek_marker(pid_t pid, uint64_t *v)
{
	struct iovec l = { v, sizeof(*v) };
	struct iovec r = { (void *)&at_marker, sizeof(*v) };

	return process_vm_readv(pid, &l, 1, &r, 1, 0) == sizeof(*v) ? 0 : -1;
}

/* Is pid a live, untraced, unstopped child of ours? */
static int at_alive(pid_t pid, const char *name, char *why, size_t size)
{
	int status;
	char st;

	if (waitpid(pid, &status, WNOHANG) != 0) {
		snprintf(why, size, "%s (pid %d) is gone: status 0x%x", name,
			 pid, status);
		return 0;
	}
	st = at_state(pid);
	if (st != 'S' && st != 'R') {
		snprintf(why, size, "%s (pid %d) is in state %c", name, pid,
			 st);
		return 0;
	}
	if (at_status_num(pid, "TracerPid:\t") != 0) {
		snprintf(why, size, "%s (pid %d) is traced", name, pid);
		return 0;
	}
	return 1;
}

static int at_sched_ok(pid_t pid, const char *name, char *why, size_t size)
{
	uint64_t m;

	errno = 0;
	if (getpriority(PRIO_PROCESS, pid) != 0 || errno) {
		snprintf(why, size, "%s: nice is now %d", name,
			 getpriority(PRIO_PROCESS, pid));
		return 0;
	}
	if (sched_getscheduler(pid) != SCHED_OTHER) {
		snprintf(why, size, "%s: scheduling policy is now %d", name,
			 sched_getscheduler(pid));
		return 0;
	}
	if (at_peek_marker(pid, &m) || m != AT_MARKER) {
		snprintf(why, size, "%s: its memory changed (0x%llx)", name,
			 (unsigned long long)m);
		return 0;
	}
	return 1;
}

static int at_link_up(const char *name)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int up;

	if (fd < 0)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	up = !ioctl(fd, SIOCGIFFLAGS, &ifr) && (ifr.ifr_flags & IFF_UP);
	close(fd);
	return up;
}

static void at_read_host_state(struct at_world *w)
{
	struct timex tx = { .modes = 0 };

	gethostname(w->hostname, sizeof(w->hostname));
	size_t i;

	for (i = 0; i < AT_NSYSCTL; i++) {
		w->sysctl[i][0] = '\0';
		read_file(at_sysctls[i], w->sysctl[i], sizeof(w->sysctl[i]));
	}
	clock_gettime(CLOCK_REALTIME, &w->rt0);
	clock_gettime(CLOCK_MONOTONIC, &w->mono0);
	adjtimex(&tx);
	w->adj_freq = tx.freq;
}

/*
 * Is the world outside guest A as the fixture made it?  Fills W->why and
 * returns 0 if not.
 */
static int at_host_ok(void)
{
	struct at_world *w = W;
	char why[512] = "", buf[512];
	struct timespec rt, mono;
	struct rlimit rl;
	struct timex tx = { .modes = 0 };
	double drift;
	size_t i;
	int ok = 1;

	if (!at_alive(w->hv, "the host victim", why, sizeof(why)) ||
	    !at_alive(w->nb, "the neighbour's task", why, sizeof(why)) ||
	    !at_sched_ok(w->hv, "the host victim", why, sizeof(why)) ||
	    !at_sched_ok(w->nb, "the neighbour's task", why, sizeof(why)))
		ok = 0;
	else if (prlimit(w->hv, RLIMIT_NOFILE, NULL, &rl) ||
		 rl.rlim_cur != w->hv_nofile.rlim_cur ||
		 rl.rlim_max != w->hv_nofile.rlim_max) {
		snprintf(why, sizeof(why), "the host victim's NOFILE limit changed");
		ok = 0;
	} else if (syscall(SYS_ioprio_get, 1, w->hv) != w->hv_ioprio) {
		snprintf(why, sizeof(why), "the host victim's I/O priority changed");
		ok = 0;
	}
	gethostname(buf, sizeof(buf));
	if (ok && strcmp(buf, w->hostname)) {
		snprintf(why, sizeof(why), "the host name is now '%s'", buf);
		ok = 0;
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	drift = (rt.tv_sec - w->rt0.tv_sec) - (mono.tv_sec - w->mono0.tv_sec) +
		((rt.tv_nsec - w->rt0.tv_nsec) -
		 (mono.tv_nsec - w->mono0.tv_nsec)) / 1e9;
	if (ok && (drift > 2 || drift < -2)) {
		snprintf(why, sizeof(why), "the host clock moved by %.0f s",
			 drift);
		ok = 0;
	}
	adjtimex(&tx);
	if (ok && tx.freq != w->adj_freq) {
		snprintf(why, sizeof(why), "the host clock's frequency changed");
		ok = 0;
	}
	for (i = 0; ok && i < AT_NSYSCTL; i++) {
		buf[0] = '\0';
		read_file(at_sysctls[i], buf, sizeof(buf));
		if (strcmp(buf, w->sysctl[i])) {
			snprintf(why, sizeof(why), "%s is now '%.200s'",
				 at_sysctls[i], buf);
			ok = 0;
		}
	}
	if (ok && (!at_link_up("lo") || !at_link_up(VN_IFNAME))) {
		snprintf(why, sizeof(why), "lo or %s is down", VN_IFNAME);
		ok = 0;
	}
	buf[0] = '\0';
	if (ok && (read_file(AT_SECRET, buf, sizeof(buf)) < 0 ||
		   strcmp(buf, AT_SECRET_TEXT))) {
		snprintf(why, sizeof(why), "the host's secret file changed");
		ok = 0;
	}
	for (i = 0; why[i]; i++)
		if (why[i] < ' ')
			why[i] = ' ';
	snprintf(w->why, sizeof(w->why), "%s", why);
	return ok;
}

/* Puts back what an escaped attempt changed (so the next test is clean). */
static void at_restore_host(void)
{
	struct at_world *w = W;
	char buf[512];
	struct timespec rt, mono;
	size_t i;

	gethostname(buf, sizeof(buf));
	if (strcmp(buf, w->hostname))
		sethostname(w->hostname, strlen(w->hostname));
	for (i = 0; i < AT_NSYSCTL; i++) {
		buf[0] = '\0';
		read_file(at_sysctls[i], buf, sizeof(buf));
		if (strcmp(buf, w->sysctl[i]))
			at_write_file(at_sysctls[i], w->sysctl[i]);
	}
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	if (labs((rt.tv_sec - w->rt0.tv_sec) -
		 (mono.tv_sec - w->mono0.tv_sec)) > 2) {
		struct timespec t = {
			w->rt0.tv_sec + (mono.tv_sec - w->mono0.tv_sec),
			w->rt0.tv_nsec };
		clock_settime(CLOCK_REALTIME, &t);
	}
	{
		struct timex tx = { .modes = ADJ_FREQUENCY,
				    .freq = w->adj_freq };
		adjtimex(&tx);
	}
	vn_link_up("lo");
	vn_link_up(VN_IFNAME);
}

/* ------------------------------------------------------------------ */
/* Running attempts in guest A                                        */
/* ------------------------------------------------------------------ */

typedef long (*at_fn)(long arg);

struct at_req {
	at_fn fn;
	long arg;
};

/* Keeps the descriptors fds[0..n-1] as 3..3+n-1 and closes all others. */
static void at_keep_fds(const int *fds, int n)
{
	int tmp[16], i;

	for (i = 0; i < n; i++)
		tmp[i] = fds[i] >= 0 ? fcntl(fds[i], F_DUPFD, 100) : -1;
	syscall(SYS_close_range, 3, 99, 0);
	for (i = 0; i < n; i++) {
		if (tmp[i] >= 0)
			dup2(tmp[i], 3 + i);
		else
			dup2(open("/dev/null", O_RDONLY), 3 + i);
	}
	syscall(SYS_close_range, 3 + n, ~0U, 0);
}

/*
 * The loop of AT_INIT and AT_OUTER: a task per request, which runs the
 * attempt, stores its result and sends "R"; then the status of that task.
 */
static void __attribute__((noreturn)) at_serve(void)
{
	struct at_req rq;
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	for (;;) {
		int status = 0;
		pid_t pid;

		if (read(AT_FD_SOCK, &rq, sizeof(rq)) != sizeof(rq))
			_exit(0);
		memset(&at_sh->res, 0, sizeof(at_sh->res));
		at_sh->res.ret = -12345;
		pid = fork();
		if (pid == 0) {
			long r;
			char *c;

			/* Nothing an attempt does may block the suite. */
			alarm(20);
			errno = 0;
			r = rq.fn(rq.arg);
			at_sh->res.err = errno;
			at_sh->res.ret = r;
			/* One line in the TAP output. */
			for (c = at_sh->res.note; *c; c++)
				if (*c < ' ')
					*c = ' ';
			__sync_synchronize();
			if (write(AT_FD_SOCK, "R", 1) != 1)
				_exit(1);
			_exit(0);
		}
		if (pid < 0)
			status = -1;
		else
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
		/* The guest's init reaps its orphans too. */
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (write(AT_FD_SOCK, &status, sizeof(status)) != sizeof(status))
			_exit(0);
	}
}

static void at_fail_child(int fd, const char *what)
{
	char msg[200];

	snprintf(msg, sizeof(msg), "E%s: %s", what, strerror(errno));
	if (write(fd, msg, strlen(msg)) < 0)
		_exit(2);
	_exit(1);
}

/*
 * Waits for a child's "ready" byte ("E<message>" on failure) on fd.
 * Returns 0, or -1 with the message in W->why.
 */
static int at_wait_ready(int fd)
{
	char buf[256];
	struct pollfd p = { fd, POLLIN, 0 };
	ssize_t n;

	if (poll(&p, 1, 10000) != 1) {
		snprintf(W->why, sizeof(W->why), "no answer in 10 s");
		return -1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	if (n == 1 && buf[0] == 'K')
		return 0;
	buf[n > 0 ? n : 0] = '\0';
	snprintf(W->why, sizeof(W->why), "%s", n > 0 ? buf + 1 : "died");
	return -1;
}

/* The descriptors guest tasks get, in the order of AT_FD_*. */
static void at_guest_fds(int sock, int *fds)
{
	int i;

	for (i = 0; i < AT_NFDS; i++)
		fds[i] = 3 + i;
}

/*
 * Guest A's first task (the host pid the test knows as W->gh): sets up
 * the guest as the tools do, forks the guest's init and waits for it.
 */
static void __attribute__((noreturn)) at_guest_holder(int sock, int evt_w,
						      int go_r, int rfd)
{
	struct vcmd_space_mask_v2 sp = {
		.mask = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_FS,
	};
	int fds[AT_NFDS];
	pid_t init;
	int status;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC))
		at_fail_child(rfd, "unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		at_fail_child(rfd, "mount --make-rprivate /");
	if (vs_create(NULL, AT_XA, VXF_INIT_SET) != AT_XA)
		at_fail_child(rfd, "ctx_create");
	if (vn_create_v0(NULL, AT_XA) != AT_XA)
		at_fail_child(rfd, "net_create");
	if (vn_add4(AT_XA, AT_A4, VN_MASK32) < 0)
		at_fail_child(rfd, "net_add_ipv4");
	if (vs_set_hard(NULL, AT_XA, RLIMIT_NPROC, AT_NPROC) ||
	    vs_set_hard(NULL, AT_XA, RLIMIT_NOFILE, AT_NOFILE) ||
	    vs_set_hard(NULL, AT_XA, VLIMIT_NSOCK, AT_NSOCK))
		at_fail_child(rfd, "set_rlimit");
	if (sethostname("guest-a", 7))
		at_fail_child(rfd, "sethostname");
	/* The guest's root: its own mount, /proc and /dev/null in it. */
	if (mount(AT_ROOT, AT_ROOT, NULL, MS_BIND | MS_REC, NULL) ||
	    mount("proc", AT_ROOT "/proc", "proc",
		  MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) ||
	    mount("/dev/null", AT_ROOT "/dev/null", NULL, MS_BIND, NULL))
		at_fail_child(rfd, "mounts of the guest");
	/*
	 * Its mount becomes "/" of the guest's mount namespace and its
	 * root.  pivot_root(2) is what the tools do on a disk-based host;
	 * the test VM runs on the initramfs (rootfs), which pivot_root
	 * refuses, so the guest's mount is moved over "/" as switch_root
	 * does.  Either way ".." stops at the guest's mount: it sits on
	 * the namespace's root, so there is nothing above it to walk to.
	 */
	if (chdir(AT_ROOT) || mount(".", "/", NULL, MS_MOVE, NULL) ||
	    chroot(".") || chdir("/"))
		at_fail_child(rfd, "moving the guest's root to /");
	if (vserver(VCMD_set_space, VX_SELF_ID, &sp))
		at_fail_child(rfd, "set_space");
	at_guest_fds(sock, fds);
	fds[1] = evt_w;
	fds[2] = go_r;
	if (unshare(CLONE_NEWPID))
		at_fail_child(rfd, "unshare(CLONE_NEWPID)");
	init = fork();
	if (init < 0)
		at_fail_child(rfd, "fork");
	if (init == 0) {
		/* The guest's init: pid 1 there; it ends the setup. */
		if (vs_set(NULL, VCMD_set_cflags, VX_SELF_ID, 0,
			   VXF_STATE_INIT))
			at_fail_child(rfd, "clearing STATE_INIT");
		if (vs_clear_setup(NULL, VX_SELF_ID))
			at_fail_child(rfd, "clearing STATE_SETUP");
		if (write(rfd, "K", 1) != 1)
			_exit(1);
		close(rfd);
		at_keep_fds(fds, AT_NFDS);
		at_serve();
	}
	close(rfd);
	close(sock);
	syscall(SYS_close_range, 3, ~0U, 0);
	while (waitpid(init, &status, 0) < 0 && errno == EINTR)
		;
	_exit(0);
}

/* A task entering guest A as "vserver exec" does (host PID namespace). */
static void __attribute__((noreturn)) at_guest_outer(int sock, int evt_w,
						     int go_r, int rfd)
{
	struct vcmd_space_mask_v2 sp = {
		.mask = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_FS,
	};
	int fds[AT_NFDS];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (vserver(VCMD_enter_space, AT_XA, &sp))
		at_fail_child(rfd, "enter_space");
	if (vn_migrate(NULL, AT_XA))
		at_fail_child(rfd, "net_migrate");
	if (vs_migrate(NULL, AT_XA, 0))
		at_fail_child(rfd, "ctx_migrate");
	if (write(rfd, "K", 1) != 1)
		_exit(1);
	close(rfd);
	at_guest_fds(sock, fds);
	fds[1] = evt_w;
	fds[2] = go_r;
	at_keep_fds(fds, AT_NFDS);
	at_serve();
}

static int at_sock(enum at_where where)
{
	switch (where) {
	case AT_INIT:
		return W->gi_sock;
	case AT_OUTER:
		return W->go_sock;
	default:
		return W->gc_sock;
	}
}

/*
 * A task put into guest A as "vcontext --migrate --chroot" run in its
 * root directory does: chroot(2) there, in the host's mount namespace
 * (no mount of its own), net_migrate, ctx_migrate.
 */
static void __attribute__((noreturn)) at_guest_chrooted(int sock, int evt_w,
							int go_r, int rfd)
{
	int fds[AT_NFDS];

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (chdir(AT_ROOT) || chroot(".") || chdir("/"))
		at_fail_child(rfd, "chroot");
	if (vn_migrate(NULL, AT_XA))
		at_fail_child(rfd, "net_migrate");
	if (vs_migrate(NULL, AT_XA, 0))
		at_fail_child(rfd, "ctx_migrate");
	if (write(rfd, "K", 1) != 1)
		_exit(1);
	close(rfd);
	at_guest_fds(sock, fds);
	at_keep_fds(fds, AT_NFDS);
	at_serve();
}

/* Sends an attempt to AT_INIT or AT_OUTER without waiting for it. */
static int at_start(enum at_where where, at_fn fn, long arg)
{
	struct at_req rq = { fn, arg };
	int sock = at_sock(where);

	return write(sock, &rq, sizeof(rq)) == sizeof(rq) ? 0 : -1;
}

/*
 * Waits for the attempt's end.  Returns its result (with errno); the
 * task's wait status goes to *status (-1: its server died meanwhile, as
 * when the attempt ended the guest).  A result of -12345 with errno
 * ECHILD: no result at all.
 */
static long at_finish(enum at_where where, int *status)
{
	int sock = at_sock(where);
	int got_res = 0, st = -1;
	char buf[16];
	ssize_t n;

	for (;;) {
		n = read(sock, buf, sizeof(buf));
		if (n == 1 && buf[0] == 'R') {
			got_res = 1;
			continue;
		}
		if (n == sizeof(int))
			memcpy(&st, buf, sizeof(int));
		break;
	}
	if (status)
		*status = st;
	if (!got_res) {
		at_sh->res.ret = -12345;
		at_sh->res.err = ECHILD;
	}
	errno = at_sh->res.err;
	return at_sh->res.ret;
}

static long at_run(enum at_where where, at_fn fn, long arg)
{
	if (at_start(where, fn, arg)) {
		errno = ECHILD;
		return -12345;
	}
	return at_finish(where, NULL);
}

/* An argument for an attempt: the two strings a and b (b may be NULL). */
static long at_arg(const char *a, const char *b)
{
	size_t n = strlen(a) + 1;

	memset(at_sh->in, 0, sizeof(at_sh->in));
	snprintf(at_sh->in, sizeof(at_sh->in), "%s", a);
	if (b && n < sizeof(at_sh->in))
		snprintf(at_sh->in + n, sizeof(at_sh->in) - n, "%s", b);
	return (long)at_sh->in;
}

/* In an attempt: the second string of at_arg(). */
static const char *at_arg2(long arg)
{
	const char *a = (const char *)arg;

	return a + strlen(a) + 1;
}

/* In an attempt: tell the test that it is ready; wait for "go on". */
static void at_ready_wait(void)
{
	char c;

	if (write(AT_FD_EVT, "K", 1) != 1)
		return;
	if (read(AT_FD_GO, &c, 1) != 1)
		return;
}

/* In the test: wait for the attempt's "ready" (0), then let it go on. */
static int at_await_ready(void)
{
	struct pollfd p = { W->evt_r, POLLIN, 0 };
	char c;

	if (poll(&p, 1, 10000) != 1 || read(W->evt_r, &c, 1) != 1)
		return -1;
	return 0;
}

static void at_go_on(void)
{
	if (write(W->go_w, "G", 1) != 1)
		return;
}

/* In an attempt: is this task outside the guest's root? */
static int at_outside_root(void)
{
	struct stat st;

	if (access(AT_SECRET, F_OK) == 0)
		return 1;
	if (stat("/", &st) || st.st_dev != W->root_dev ||
	    st.st_ino != W->root_ino)
		return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Building the world                                                 */
/* ------------------------------------------------------------------ */

/* The guest's root directory: made once, checked every time. */
static int at_make_root(void)
{
	static const char *const dirs[] = {
		AT_DIR, AT_ROOT, AT_ROOT "/bin", AT_ROOT "/proc",
		AT_ROOT "/dev", AT_ROOT "/tmp", AT_ROOT "/etc",
	};
	static const char *const links[] = { "sh", "ls", "cat", "ps" };
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(dirs); i++)
		if (mkdir(dirs[i], 0755) && errno != EEXIST)
			return -1;
	chmod(AT_ROOT "/tmp", 01777);
	fd = open(AT_ROOT "/dev/null", O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	close(fd);
	if (stat(AT_ROOT "/bin/suid", &st)) {
		if (at_copy("/proc/self/exe", AT_ROOT "/bin/attack", 0755) ||
		    at_copy("/proc/self/exe", AT_ROOT "/bin/suid", 04755))
			return -1;
		if (!at_copy("/bin/busybox", AT_ROOT "/bin/busybox", 0755))
			for (i = 0; i < ARRAY_SIZE(links); i++) {
				char p[128];

				snprintf(p, sizeof(p), AT_ROOT "/bin/%s",
					 links[i]);
				if (symlink("busybox", p) && errno != EEXIST)
					return -1;
			}
	}
	fd = open(AT_SECRET, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, AT_SECRET_TEXT, strlen(AT_SECRET_TEXT)) !=
	    (ssize_t)strlen(AT_SECRET_TEXT))
		return -1;
	close(fd);
	if (stat(AT_ROOT, &st))
		return -1;
	W->root_dev = st.st_dev;
	W->root_ino = st.st_ino;
	return 0;
}

/* A victim task: the secret in memory, environment and an open file. */
static pid_t at_victim(int *pipe_w, int vxid, char *why, size_t size)
{
	int p[2], r[2];
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) || pipe2(r, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int keep[2] = { p[0], r[1] };
		int fd;

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		at_keep_fds(keep, 2);
		p[0] = 3;
		r[1] = 4;
		setpgid(0, 0);
		putenv(AT_ENV_SECRET);
		if (vxid) {
			/* The neighbour: a guest of its own, out of setup. */
			int l;
			struct sockaddr_in sa = { .sin_family = AF_INET,
				.sin_port = htons(AT_PORT_B),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

			if (vs_create(NULL, vxid, VXF_INIT_SET) != vxid)
				at_fail_child(r[1], "ctx_create (neighbour)");
			if (vn_create_v0(NULL, vxid) != vxid ||
			    vn_add4(vxid, AT_B4, VN_MASK32) < 0)
				at_fail_child(r[1], "network (neighbour)");
			l = socket(AF_INET, SOCK_STREAM, 0);
			if (l < 0 || bind(l, (void *)&sa, sizeof(sa)) ||
			    listen(l, 8))
				at_fail_child(r[1], "listener (neighbour)");
			if (vs_clear_setup(NULL, VX_SELF_ID))
				at_fail_child(r[1], "end of setup (neighbour)");
		}
		fd = open(AT_SECRET, O_RDONLY);
		if (fd < 0 || dup2(fd, AT_VICTIM_FD) < 0)
			at_fail_child(r[1], "secret fd");
		at_marker = AT_MARKER;
		if (write(r[1], "K", 1) != 1)
			_exit(1);
		while (read(p[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	close(r[1]);
	*pipe_w = p[1];
	if (at_wait_ready(r[0])) {
		char m[512];

		snprintf(m, sizeof(m), "victim: %.400s", W->why);
		snprintf(why, size, "%s", m);
		close(r[0]);
		return -1;
	}
	close(r[0]);
	return pid;
}

static int at_listener(int type, const char *ip, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(port) };
	int one = 1;
	int fd = socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, ip, &sa.sin_addr);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (void *)&sa, sizeof(sa)) ||
	    (type == SOCK_STREAM && listen(fd, 8))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Did anything reach the host socket fd (a connection or a datagram)? */
static int at_reached(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1;
}

/* Kills context xid and waits until it is gone. */
static void at_kill_ctx(uint32_t xid)
{
	struct vcmd_ctx_kill_v0 k = { .pid = 0, .sig = SIGKILL };
	struct vcmd_vx_info_v0 vi;

	if (vs_vx_info(NULL, xid, &vi) == 0)
		vserver(VCMD_ctx_kill, xid, &k);
}

static void at_reap(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = -1;
}

static int at_world_down(void)
{
	int ok = 1;

	at_kill_ctx(AT_XA);
	at_kill_ctx(AT_XB);
	at_reap(&W->go);
	at_reap(&W->gc);
	at_reap(&W->gh);
	at_reap(&W->nb);
	at_reap(&W->hv);
	if (W->shm_id >= 0)
		shmctl(W->shm_id, IPC_RMID, NULL);
	W->shm_id = -1;
	if (W->mq >= 0) {
		mq_close(W->mq);
		mq_unlink(AT_MQ);
	}
	W->mq = -1;
	if (vs_wait_gone(AT_XA, VS_GONE_TIMEOUT_MS) ||
	    vs_wait_gone(AT_XB, VS_GONE_TIMEOUT_MS) ||
	    vn_wait_gone(AT_XA, VS_GONE_TIMEOUT_MS) ||
	    vn_wait_gone(AT_XB, VS_GONE_TIMEOUT_MS))
		ok = 0;
	return ok;
}

static pid_t at_fork_guest(void (*fn)(int, int, int, int), int *sock_out,
			   int evt_w, int go_r)
{
	int sv[2], r[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) ||
	    pipe2(r, O_CLOEXEC))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int fds[AT_NFDS + 1] = {
			sv[1], evt_w, go_r, W->hv_pidfd, W->nb_pidfd,
			W->hostmnt_fd, W->pty_slave, r[1],
		};

		/* Only these, as AT_FD_SOCK.. and the ready pipe last. */
		at_keep_fds(fds, AT_NFDS + 1);
		fn(AT_FD_SOCK, AT_FD_EVT, AT_FD_GO, 3 + AT_NFDS);
	}
	close(sv[1]);
	close(r[1]);
	if (pid < 0 || at_wait_ready(r[0])) {
		close(r[0]);
		close(sv[0]);
		return -1;
	}
	close(r[0]);
	*sock_out = sv[0];
	return pid;
}

/* Builds the world; returns 0, or -1 with the reason in W->why. */
static int at_world_up(struct at_world *w)
{
	struct file_handle *fh = (struct file_handle *)w->handle;
	char why[256] = "";
	int evt[2], go[2], mnt_id;
	struct sockaddr_un su = { .sun_family = AF_UNIX };

	memset(w, 0, sizeof(*w));
	W = w;
	w->hv = w->nb = w->gh = w->go = w->gc = -1;
	w->shm_id = w->mq = -1;
	/* Contexts of an earlier test that failed badly. */
	at_kill_ctx(AT_XA);
	at_kill_ctx(AT_XB);
	vs_wait_gone(AT_XA, VS_GONE_TIMEOUT_MS);
	vs_wait_gone(AT_XB, VS_GONE_TIMEOUT_MS);

	if (vn_net_setup(why, sizeof(why))) {
		snprintf(w->why, sizeof(w->why), "network: %s", why);
		return -1;
	}
	if (at_make_root()) {
		snprintf(w->why, sizeof(w->why), "guest root: %s",
			 strerror(errno));
		return -1;
	}
	fh->handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, AT_SECRET, fh, &mnt_id, 0))
		fh->handle_bytes = 0;

	/* The host's listeners, IPC objects and terminal. */
	w->lo_fd = at_listener(SOCK_STREAM, "127.0.0.1", AT_PORT_LO);
	w->host_fd = at_listener(SOCK_STREAM, AT_HOST4, AT_PORT_H);
	w->udp_fd = at_listener(SOCK_DGRAM, "127.0.0.1", AT_PORT_U);
	w->udph_fd = at_listener(SOCK_DGRAM, AT_HOST4, AT_PORT_UH);
	w->unix_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
			    SOCK_CLOEXEC, 0);
	memcpy(su.sun_path + 1, AT_ABSTRACT, strlen(AT_ABSTRACT));
	if (w->lo_fd < 0 || w->host_fd < 0 || w->udp_fd < 0 ||
	    w->udph_fd < 0 || w->unix_fd < 0 ||
	    bind(w->unix_fd, (void *)&su,
		 offsetof(struct sockaddr_un, sun_path) + 1 +
		 strlen(AT_ABSTRACT)) || listen(w->unix_fd, 8)) {
		snprintf(w->why, sizeof(w->why), "host listeners: %s",
			 strerror(errno));
		return -1;
	}
	w->shm_id = shmget(AT_SHM_KEY, 4096, IPC_CREAT | 0600);
	if (w->shm_id >= 0) {
		char *p = shmat(w->shm_id, NULL, 0);

		if (p != (void *)-1) {
			strcpy(p, AT_SECRET_TEXT);
			shmdt(p);
		}
	}
	{
		struct mq_attr ma = { .mq_maxmsg = 4, .mq_msgsize = 64 };

		w->mq = mq_open(AT_MQ, O_RDWR | O_CREAT | O_NONBLOCK, 0600,
				&ma);
	}
	w->pty_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (w->pty_master < 0 || grantpt(w->pty_master) ||
	    unlockpt(w->pty_master)) {
		snprintf(w->why, sizeof(w->why), "pty: %s", strerror(errno));
		return -1;
	}
	w->pty_slave = open(ptsname(w->pty_master),
			    O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	w->hostmnt_fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (w->pty_slave < 0 || w->hostmnt_fd < 0) {
		snprintf(w->why, sizeof(w->why), "pty/ns: %s",
			 strerror(errno));
		return -1;
	}

	/* The victims. */
	w->hv = at_victim(&w->hv_pipe, 0, w->why, sizeof(w->why));
	if (w->hv < 0)
		return -1;
	w->hv_pgid = w->hv;
	w->hv_pidfd = syscall(SYS_pidfd_open, w->hv, 0);
	prlimit(w->hv, RLIMIT_NOFILE, NULL, &w->hv_nofile);
	w->hv_ioprio = syscall(SYS_ioprio_get, 1, w->hv);
	w->nb = at_victim(&w->nb_pipe, AT_XB, w->why, sizeof(w->why));
	if (w->nb < 0)
		return -1;
	w->nb_pidfd = syscall(SYS_pidfd_open, w->nb, 0);
	if (w->hv_pidfd < 0 || w->nb_pidfd < 0) {
		snprintf(w->why, sizeof(w->why), "pidfd_open: %s",
			 strerror(errno));
		return -1;
	}

	/* Guest A: its init, then a task entering it from the host. */
	if (pipe2(evt, O_CLOEXEC) || pipe2(go, O_CLOEXEC))
		return -1;
	w->evt_r = evt[0];
	w->go_w = go[1];
	w->gh = at_fork_guest(at_guest_holder, &w->gi_sock, evt[1], go[0]);
	if (w->gh < 0) {
		char m[512];

		snprintf(m, sizeof(m), "guest A: %.400s", w->why);
		snprintf(w->why, sizeof(w->why), "%s", m);
		return -1;
	}
	w->go = at_fork_guest(at_guest_outer, &w->go_sock, evt[1], go[0]);
	if (w->go < 0) {
		char m[512];

		snprintf(m, sizeof(m), "entering guest A: %.400s", w->why);
		snprintf(w->why, sizeof(w->why), "%s", m);
		return -1;
	}
	close(evt[1]);
	close(go[0]);
	at_read_host_state(w);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Counting and verdicts                                              */
/* ------------------------------------------------------------------ */

static void at_begin(const char *what)
{
	at_sh->escaped_now = 0;
	at_sh->counted_now = 1;
	__sync_fetch_and_add(&at_sh->attempts, 1);
	ksft_print_msg("attempt: %s\n", what);
}

/* The attempt cannot be made on this kernel: not counted. */
static void at_uncount(void)
{
	if (at_sh->counted_now) {
		__sync_fetch_and_sub(&at_sh->attempts, 1);
		__sync_fetch_and_add(&at_sh->skipped, 1);
		at_sh->counted_now = 0;
	}
}

static void at_escape(void)
{
	if (!at_sh->escaped_now && at_sh->counted_now) {
		at_sh->escaped_now = 1;
		__sync_fetch_and_add(&at_sh->escapes, 1);
	}
}

/* The verdict: cond must hold, else the attempt escaped. */
#define NO_ESCAPE(cond, fmt, ...)					\
	do {								\
		int __ok = !!(cond);					\
		if (!__ok) {						\
			at_escape();					\
			ksft_print_msg("ESCAPE: " fmt "\n", ##__VA_ARGS__); \
		}							\
		EXPECT_TRUE(__ok) TH_LOG("escape: " fmt, ##__VA_ARGS__); \
	} while (0)

/* The attempt (result r, errno e) must have failed with errno want. */
#define REFUSED(r, e, want)						\
	do {								\
		long __rr = (r);					\
		int __ee = (e);						\
		NO_ESCAPE(__rr == -1, "the attempt succeeded (%ld; %s)", \
			  __rr, at_sh->res.note);			\
		if (__rr == -1 && (want))				\
			EXPECT_EQ((want), __ee)				\
				TH_LOG("refused with %s, expected %s",	\
				       strerror(__ee), strerror(want));	\
	} while (0)

/* Nothing outside guest A changed. */
#define HOST_OK()							\
	NO_ESCAPE(at_host_ok(), "%s", W->why)

/* The attempt cannot be made here (e.g. the syscall is not built in). */
#define AT_SKIP(fmt, ...)						\
	do {								\
		at_uncount();						\
		SKIP(return, fmt, ##__VA_ARGS__);			\
	} while (0)

/* The test's sequence: say what is attempted, run it in guest A. */
#define ATTEMPT(where, fn, arg, what)					\
	({								\
		long __ret;						\
		at_begin(what);						\
		__ret = at_run((where), (fn), (arg));			\
		if (__ret == -12345 && errno == ECHILD)			\
			TH_LOG("the attempt reported nothing (its "	\
			       "guest task ended)");			\
		if (at_sh->res.note[0])					\
			TH_LOG("guest: %s", at_sh->res.note);		\
		__ret;							\
	})

#define NOTE(fmt, ...)							\
	snprintf(at_sh->res.note, sizeof(at_sh->res.note), fmt, ##__VA_ARGS__)

/*
 * The fixture "attack" of a program whose tests need only the world: it
 * is built before every test; after it, down() undoes what the test set
 * up on the host (at_no_down: nothing), the host's state is restored and
 * the world torn down.  Every such program uses this one definition.
 */
static inline void at_no_down(void)
{
}

#define AT_WORLD_FIXTURE(down)						\
FIXTURE(attack) {							\
	struct at_world w;						\
};									\
									\
FIXTURE_SETUP(attack)							\
{									\
	int ok = at_world_up(&self->w) == 0;				\
									\
	if (!ok)							\
		at_world_down();					\
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why); \
}									\
									\
FIXTURE_TEARDOWN(attack)						\
{									\
	down();								\
	at_restore_host();						\
	EXPECT_TRUE(at_world_down())					\
		TH_LOG("the contexts did not go away");			\
}

/* ------------------------------------------------------------------ */
/* The program: shared counters, the setuid helper, the summary       */
/* ------------------------------------------------------------------ */

/*
 * Run as /bin/suid (setuid root, in the guest's root) by a guest task of
 * uid 1000: exit 0 if exec gave it no capability outside the guest's
 * bounding set and mount is still refused.
 */
static void __attribute__((noreturn)) at_suid_helper(void)
{
	uint64_t eff = 0, prm = 0, inh = 0;

	if (geteuid() != 0)
		_exit(3);
	if (vs_capget(0, &eff, &prm, &inh))
		_exit(4);
	if ((eff | prm) & ~VS_DEFAULT_BCAPS)
		_exit(10);
	if (mount("none", "/tmp", "tmpfs", 0, NULL) == 0)
		_exit(11);
	_exit(0);
}

/* Before the harness's constructors (they map memory for every test). */
static void __attribute__((constructor(101))) at_init(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--at-suid"))
		at_suid_helper();
	at_sh = mmap(NULL, sizeof(*at_sh), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (at_sh == MAP_FAILED)
		_exit(1);
	memset(at_sh, 0, sizeof(*at_sh));
	at_sh->main_pid = getpid();
}

static void __attribute__((destructor)) at_summary(void)
{
	if (at_sh && getpid() == at_sh->main_pid) {
		printf("# attack: %d attempts, %d escapes", at_sh->attempts,
		       at_sh->escapes);
		if (at_sh->skipped)
			printf(" (%d not possible on this kernel, not counted)",
			       at_sh->skipped);
		printf("\n");
		fflush(stdout);
	}
}

#endif /* _VSERVER_ATTACK_H */
