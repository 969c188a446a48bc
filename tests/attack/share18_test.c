// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite: what a guest shares with the host.
 *
 * Each attempt fills, from guest A (attack.h's world: limits on tasks,
 * files and sockets), a resource the kernel keeps per user or for the
 * whole machine, and while the guest still holds it the host (root and
 * an unprivileged host user) and the neighbour guest must still get
 * theirs: POSIX message queue bytes (RLIMIT_MSGQUEUE per uid), queued
 * real-time signals (RLIMIT_SIGPENDING per uid), processes as nobody
 * (RLIMIT_NPROC of a host daemon running as nobody), AIO events
 * (fs.aio-max-nr), and abstract UNIX names, both ways.  The "limited"
 * variants set guest A's own limits for these resources and check that
 * they are what refuses the guest.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <linux/aio_abi.h>
#include <mqueue.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
/* The world has helpers for attempts that this file does not make. */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "attack.h"

#ifndef VLIMIT_POSIXMQ
#define VLIMIT_POSIXMQ	24
#define VLIMIT_AIO	25
#endif

FIXTURE(attack) {
	struct at_world w;
};

/*
 * Guest A as the world makes it (limits on tasks, files and sockets
 * only), or with the limits "vserver build" writes by default on top
 * (defaults.c; the world's lower tasks, files and sockets stay).
 */
FIXTURE_VARIANT(attack) {
	bool build_defaults;
};

FIXTURE_VARIANT_ADD(attack, world) {
	.build_defaults = false,
};

FIXTURE_VARIANT_ADD(attack, build_defaults) {
	.build_defaults = true,
};

static int set_limit(uint32_t id, uint64_t hard);

/* The defaults of vserver build for what this file fills. */
static int set_build_defaults(void)
{
	char buf[32] = "";
	long aio_max;

	if (read_file("/proc/sys/fs/aio-max-nr", buf, sizeof(buf) - 1) <= 0)
		return -1;
	aio_max = atol(buf);
	return set_limit(RLIMIT_SIGPENDING, 4096) ||
	       set_limit(VLIMIT_POSIXMQ, 4 * 819200) ||
	       set_limit(VLIMIT_AIO, aio_max / 8 > 128 ? aio_max / 8 : 128) ||
	       set_limit(RLIMIT_LOCKS, 4096) ||
	       set_limit(RLIMIT_MSGQUEUE, 16 << 20) ||
	       set_limit(VLIMIT_SEMARY, 128) ||
	       set_limit(VLIMIT_NSEMS, 4096) ? -1 : 0;
}

FIXTURE_SETUP(attack)
{
	int ok = at_world_up(&self->w) == 0;

	if (!ok)
		at_world_down();
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why);
	if (variant->build_defaults)
		ASSERT_EQ(0, set_build_defaults())
			TH_LOG("the default limits: %s", strerror(errno));
}

FIXTURE_TEARDOWN(attack)
{
	at_restore_host();
	EXPECT_TRUE(at_world_down())
		TH_LOG("the contexts did not go away");
}

#define NOBODY		65534

/* Who tries to get the resource while the guest holds it. */
enum who { HOST_ROOT, HOST_NOBODY, NEIGHBOUR };

static const char *const who_name[] = { "host root", "host nobody",
					"neighbour guest" };

/*
 * Runs fn in a fresh task as who; returns 0 if fn got the resource,
 * else the errno it failed with (or 255 if the task could not become
 * who).
 */
static int as(enum who who, int (*fn)(long), long arg)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0) {
		if (who == NEIGHBOUR && vs_migrate(NULL, AT_XB, 0))
			_exit(255);
		if (who == HOST_NOBODY && (setgroups(0, NULL) ||
					   setgid(NOBODY) || setuid(NOBODY)))
			_exit(255);
		_exit(fn(arg));
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 254;
	return WEXITSTATUS(st);
}

/* Sets one of guest A's limits (the hard one) from the host. */
static int set_limit(uint32_t id, uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 r = { .id = id, .minimum = CRLIM_KEEP,
					.softlimit = hard, .maximum = hard };

	return vs_cmd(NULL, VCMD_set_rlimit, AT_XA, &r, sizeof(r)) ? -1 : 0;
}

/*
 * Waits until nothing is charged to limit id of guest A any more.  The
 * world's guest A has the xid of the previous attempt's, whose queues
 * and signals the kernel frees after its IPC namespace is gone (a
 * deferred work); they stay charged to the context's counters until
 * then.  A state, not a time: polls rlimit_stat, gives up after 20 s.
 */
static int drained(uint32_t id)
{
	struct vcmd_rlimit_stat_v0 st;
	int i;

	for (i = 0; i < 2000; i++) {
		if (vs_rlimit_stat(NULL, AT_XA, id, &st))
			return -1;
		if (!st.value)
			return 0;
		usleep(10000);
	}
	errno = EBUSY;
	return -1;
}

/* The guest's task does the rest as uid (0 or NOBODY). */
static int become(long uid)
{
	if (!uid)
		return 0;
	return setgroups(0, NULL) || setgid(uid) || setuid(uid) ? -1 : 0;
}

/*
 * Checks, while an attempt holds what it took (it said "ready"), that
 * who still gets it with fn; then lets the attempt go on and ends it.
 */
#define STILL_GETS(fn, arg, ...)					\
	do {								\
		enum who __w[] = { __VA_ARGS__ };			\
		unsigned int __i;					\
		long __r;						\
		ASSERT_EQ(0, at_await_ready())				\
			TH_LOG("the attempt never got ready");		\
		for (__i = 0; __i < sizeof(__w) / sizeof(__w[0]); __i++) { \
			int __e = as(__w[__i], (fn), (arg));		\
			NO_ESCAPE(__e == 0, "%s no longer gets it: %s",	\
				  who_name[__w[__i]], strerror(__e));	\
		}							\
		at_go_on();						\
		__r = at_finish(AT_INIT, NULL);				\
		if (at_sh->res.note[0])					\
			TH_LOG("guest: %s", at_sh->res.note);		\
		EXPECT_EQ(0, __r) TH_LOG("the attempt failed: %s",	\
					 strerror(errno));		\
	} while (0)

static void begin(at_fn fn, long arg, const char *what)
{
	at_begin(what);
	at_start(AT_INIT, fn, arg);
}

/* ================================================================== */
/* POSIX message queues: RLIMIT_MSGQUEUE bytes per user               */
/* ================================================================== */

static struct mq_attr mq_big = { .mq_maxmsg = 10, .mq_msgsize = 8192 };

/* Guest: as uid (arg), open queues until refused; hold them. */
static long g_mq_fill(long uid)
{
	char name[32];
	int n = 0;

	if (become(uid))
		return -2;
	for (n = 0; n < 1000; n++) {
		snprintf(name, sizeof(name), "/share18-g%d", n);
		if (mq_open(name, O_RDWR | O_CREAT, 0600, &mq_big) < 0)
			break;
	}
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = errno;
	NOTE("%d queues of 10 x 8192 bytes, then %s", n, strerror(errno));
	at_ready_wait();
	return n > 0 && n < 1000 ? 0 : -1;
}

static int h_mq_open(long unused)
{
	char name[32];
	mqd_t q;

	snprintf(name, sizeof(name), "/share18-h%d", getpid());
	q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &mq_big);
	if (q < 0)
		return errno;
	mq_unlink(name);
	return 0;
}

TEST_F_TIMEOUT(attack, mq_bytes_of_uid0, 300)
{
	begin(g_mq_fill, 0,
	      "root in the guest fills uid 0's POSIX message queue bytes -> host root and the neighbour's root still mq_open()");
	STILL_GETS(h_mq_open, 0, HOST_ROOT, NEIGHBOUR);
	HOST_OK();
}

TEST_F_TIMEOUT(attack, mq_bytes_of_nobody, 300)
{
	begin(g_mq_fill, NOBODY,
	      "nobody in the guest fills uid 65534's POSIX message queue bytes -> host nobody still mq_open()s");
	STILL_GETS(h_mq_open, 0, HOST_NOBODY);
	HOST_OK();
}

TEST_F_TIMEOUT(attack, mq_bytes_limited, 300)
{
	ASSERT_EQ(0, drained(VLIMIT_POSIXMQ))
		TH_LOG("the previous attempt's queues stay charged: %s",
		       strerror(errno));
	ASSERT_EQ(0, set_limit(VLIMIT_POSIXMQ, 3 * 100000));
	begin(g_mq_fill, 0,
	      "a guest with VLIMIT_POSIXMQ 300000 fills it -> EMFILE after 3 queues; host root still mq_open()s");
	STILL_GETS(h_mq_open, 0, HOST_ROOT);
	EXPECT_EQ(3, at_sh->res.v[0]);
	EXPECT_EQ(EMFILE, at_sh->res.v[1]);
	HOST_OK();
}

/* ================================================================== */
/* Queued signals: RLIMIT_SIGPENDING per user                         */
/* ================================================================== */

/* Guest: as uid, queue real-time signals to a child until refused. */
static long g_sig_fill(long uid)
{
	union sigval sv = { 0 };
	sigset_t all;
	int p[2], n;
	pid_t c;
	char ch;

	if (become(uid) || pipe(p))
		return -2;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	c = fork();
	if (c < 0)
		return -2;
	if (c == 0) {
		close(p[1]);
		while (read(p[0], &ch, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(p[0]);
	for (n = 0; n < 1000000; n++)
		if (sigqueue(c, SIGRTMIN, sv))
			break;
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = errno;
	NOTE("%d signals queued, then %s", n, strerror(errno));
	at_ready_wait();
	kill(c, SIGKILL);
	waitpid(c, NULL, 0);
	return n > 0 && n < 1000000 ? 0 : -1;
}

static int h_sigqueue(long unused)
{
	union sigval sv = { 0 };
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &s, NULL);
	return sigqueue(getpid(), SIGRTMIN, sv) ? errno : 0;
}

TEST_F_TIMEOUT(attack, sigpending_of_uid0, 300)
{
	begin(g_sig_fill, 0,
	      "root in the guest queues signals up to uid 0's RLIMIT_SIGPENDING -> host root and the neighbour still sigqueue()");
	STILL_GETS(h_sigqueue, 0, HOST_ROOT, NEIGHBOUR);
	HOST_OK();
}

TEST_F_TIMEOUT(attack, sigpending_of_nobody, 300)
{
	begin(g_sig_fill, NOBODY,
	      "nobody in the guest queues signals up to uid 65534's RLIMIT_SIGPENDING -> host nobody still sigqueue()s");
	STILL_GETS(h_sigqueue, 0, HOST_NOBODY);
	HOST_OK();
}

TEST_F_TIMEOUT(attack, sigpending_limited, 300)
{
	ASSERT_EQ(0, drained(RLIMIT_SIGPENDING))
		TH_LOG("the previous attempt's signals stay charged: %s",
		       strerror(errno));
	ASSERT_EQ(0, set_limit(RLIMIT_SIGPENDING, 50));
	begin(g_sig_fill, 0,
	      "a guest with RLIMIT_SIGPENDING 50 queues signals -> EAGAIN at 50 (with what its other tasks have pending); host root still sigqueue()s");
	STILL_GETS(h_sigqueue, 0, HOST_ROOT);
	/* The guest's init may have a SIGCHLD pending: it counts too. */
	EXPECT_LE(45, at_sh->res.v[0]);
	EXPECT_GE(50, at_sh->res.v[0]);
	EXPECT_EQ(EAGAIN, at_sh->res.v[1]);
	HOST_OK();
}

/* ================================================================== */
/* Processes as nobody: a host daemon's RLIMIT_NPROC                  */
/* ================================================================== */

/* Guest: as many processes as nobody as the guest's limit lets it. */
static long g_nproc_fill(long unused)
{
	pid_t kids[AT_NPROC];
	int p[2], n, i;
	char ch;

	if (pipe(p))
		return -2;
	for (n = 0; n < AT_NPROC; n++) {
		kids[n] = fork();
		if (kids[n] < 0)
			break;
		if (kids[n] == 0) {
			close(p[1]);
			if (become(NOBODY))
				_exit(1);
			while (read(p[0], &ch, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
	}
	close(p[0]);
	at_sh->res.v[0] = n;
	NOTE("%d processes as nobody", n);
	at_ready_wait();
	close(p[1]);
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	return n >= 5 ? 0 : -1;
}

/* A daemon as nobody with RLIMIT_NPROC 4: it forks one helper. */
static int h_fork(long unused)
{
	struct rlimit r = { 4, 4 };
	int st;
	pid_t c;

	if (setrlimit(RLIMIT_NPROC, &r))
		return errno;
	if (getuid() == 0 && (setgroups(0, NULL) || setgid(NOBODY) ||
			      setuid(NOBODY)))
		return errno;
	c = fork();
	if (c < 0)
		return errno;
	if (c == 0)
		_exit(0);
	waitpid(c, &st, 0);
	return 0;
}

TEST_F_TIMEOUT(attack, nproc_of_nobody, 300)
{
	begin(g_nproc_fill, 0,
	      "the guest runs processes as uid 65534 -> a host daemon and a neighbour's daemon as nobody with RLIMIT_NPROC 4 still fork()");
	STILL_GETS(h_fork, 0, HOST_ROOT, NEIGHBOUR);
	HOST_OK();
}

/* ================================================================== */
/* AIO: fs.aio-max-nr for the whole machine                           */
/* ================================================================== */

/* Guest: io_setup() until refused; hold the contexts. */
static long g_aio_fill(long unused)
{
	aio_context_t ctx;
	int n;

	for (n = 0; n < 1000; n++) {
		ctx = 0;
		if (syscall(SYS_io_setup, 4096, &ctx))
			break;
	}
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = errno;
	NOTE("%d AIO contexts of 4096 events, then %s", n, strerror(errno));
	at_ready_wait();
	return n > 0 && n < 1000 ? 0 : -1;
}

static int h_io_setup(long unused)
{
	aio_context_t ctx = 0;

	if (syscall(SYS_io_setup, 128, &ctx))
		return errno;
	syscall(SYS_io_destroy, ctx);
	return 0;
}

TEST_F_TIMEOUT(attack, aio_max_nr, 300)
{
	begin(g_aio_fill, 0,
	      "the guest takes fs.aio-max-nr with io_setup() -> host root, host nobody and the neighbour still io_setup()");
	STILL_GETS(h_io_setup, 0, HOST_ROOT, HOST_NOBODY, NEIGHBOUR);
	HOST_OK();
}

TEST_F_TIMEOUT(attack, aio_limited, 300)
{
	ASSERT_EQ(0, set_limit(VLIMIT_AIO, 4096 + 4000));
	begin(g_aio_fill, 0,
	      "a guest with VLIMIT_AIO 8096 -> EAGAIN after 1 context of 4096; host root still io_setup()s");
	STILL_GETS(h_io_setup, 0, HOST_ROOT);
	EXPECT_EQ(1, at_sh->res.v[0]);
	EXPECT_EQ(EAGAIN, at_sh->res.v[1]);
	HOST_OK();
}

/* ================================================================== */
/* VLIMIT_OPENFD: the open files of RLIMIT_NOFILE                     */
/* ================================================================== */

/* Guest: open files until refused. */
static long g_open_fill(long unused)
{
	int n;

	for (n = 0; n < 1000; n++)
		if (open("/", O_RDONLY | O_DIRECTORY) < 0)
			break;
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = errno;
	NOTE("%d files opened, then %s", n, strerror(errno));
	return n < 1000 ? 0 : -1;
}

TEST_F_TIMEOUT(attack, openfd_limited, 300)
{
	struct vcmd_rlimit_stat_v0 st;
	long r;

	ASSERT_EQ(0, vs_rlimit_stat(NULL, AT_XA, RLIMIT_NOFILE, &st));
	ASSERT_EQ(0, set_limit(VLIMIT_OPENFD, st.value + 10));
	r = ATTEMPT(AT_INIT, g_open_fill, 0,
		    "a guest with VLIMIT_OPENFD (open files + 10) below its RLIMIT_NOFILE opens files -> EMFILE after at most 10");
	EXPECT_EQ(0, r);
	NO_ESCAPE(at_sh->res.v[0] <= 10, "%ld files opened",
		  at_sh->res.v[0]);
	EXPECT_LE(8, at_sh->res.v[0]);
	EXPECT_EQ(EMFILE, at_sh->res.v[1]);
	HOST_OK();
}

/* ================================================================== */
/* Abstract UNIX names                                                */
/* ================================================================== */

static socklen_t abstract(struct sockaddr_un *su, const char *name)
{
	memset(su, 0, sizeof(*su));
	su->sun_family = AF_UNIX;
	memcpy(su->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static int listen_abstract(const char *name)
{
	struct sockaddr_un su;
	socklen_t len = abstract(&su, name);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (void *)&su, len) || listen(fd, 4)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int connect_abstract(const char *name)
{
	struct sockaddr_un su;
	socklen_t len = abstract(&su, name);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (void *)&su, len)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Guest: bind @name first and hold it; afterwards, nobody connected. */
static long g_bind_first(long name)
{
	struct pollfd p;
	int fd = listen_abstract((const char *)name);

	if (fd < 0) {
		NOTE("bind: %s", strerror(errno));
		return -1;
	}
	at_ready_wait();
	p.fd = fd;
	p.events = POLLIN;
	if (poll(&p, 1, 0) == 1) {
		NOTE("the guest's listener got the host's connection");
		return -1;
	}
	return 0;
}

TEST_F_TIMEOUT(attack, abstract_name_taken_by_guest, 300)
{
	const char *name = "share18-guest-first";
	int l, c;

	begin(g_bind_first, at_arg(name, NULL),
	      "the guest binds an abstract name before the host daemon -> the host's bind succeeds and host clients reach the host");
	ASSERT_EQ(0, at_await_ready());
	l = listen_abstract(name);
	NO_ESCAPE(l >= 0, "the host's bind failed: %s", strerror(errno));
	c = connect_abstract(name);
	NO_ESCAPE(c >= 0, "the host's client cannot connect: %s",
		  strerror(errno));
	if (l >= 0)
		NO_ESCAPE(at_reached(l), "the host's client did not reach the host's listener");
	at_go_on();
	NO_ESCAPE(at_finish(AT_INIT, NULL) == 0, "%s", at_sh->res.note);
	if (c >= 0)
		close(c);
	if (l >= 0)
		close(l);
	HOST_OK();
}

/* Guest: bind the host's name too, connect to it: its own listener. */
static long g_bind_second(long name)
{
	int l, c;
	struct pollfd p;

	l = listen_abstract((const char *)name);
	if (l < 0) {
		NOTE("bind: %s", strerror(errno));
		return -1;
	}
	c = connect_abstract((const char *)name);
	if (c < 0) {
		NOTE("connect: %s", strerror(errno));
		return -1;
	}
	p.fd = l;
	p.events = POLLIN;
	if (poll(&p, 1, 0) != 1) {
		NOTE("the guest's client did not reach the guest's listener");
		return -1;
	}
	return 0;
}

TEST_F_TIMEOUT(attack, abstract_name_taken_by_host, 300)
{
	const char *name = "share18-host-first";
	int l = listen_abstract(name);
	long r;

	ASSERT_LE(0, l);
	r = ATTEMPT(AT_INIT, g_bind_second, at_arg(name, NULL),
		    "the host binds an abstract name first -> the guest binds it too, and its client reaches its own listener, not the host's");
	NO_ESCAPE(!at_reached(l), "the host's listener got the guest's connection");
	EXPECT_EQ(0, r) TH_LOG("the guest could not use the name: %s",
			       at_sh->res.note);
	close(l);
	HOST_OK();
}

/* The world's host listener (AT_ABSTRACT) is not the guest's to take. */
static long g_autobind_listing(long unused)
{
	char buf[16384];
	long n = read_file("/proc/net/unix", buf, sizeof(buf) - 1);

	if (n < 0)
		return -2;
	buf[n] = 0;
	if (strstr(buf, AT_ABSTRACT)) {
		NOTE("/proc/net/unix shows the host's abstract name");
		return 0;
	}
	return -1;
}

TEST_F_TIMEOUT(attack, abstract_name_listing, 300)
{
	long r = ATTEMPT(AT_INIT, g_autobind_listing, 0,
		"read /proc/net/unix for the host's abstract names -> not listed");

	REFUSED(r, errno, 0);
	HOST_OK();
}

TEST_HARNESS_MAIN
