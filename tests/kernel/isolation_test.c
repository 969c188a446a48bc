// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Process isolation between contexts
 *
 * Every test sets up (fixture "iso"):
 *
 *	h	a host task (xid 0)
 *	a1	the creator of guest A
 *	a2	a second task of A
 *	b1	the creator of guest B
 *	s	a spectator task (xid 1)
 *
 * and tries one operation on a task from every point of view:
 *
 *	a1 -> h, a1 -> b1, b1 -> a1, b1 -> a2	ESRCH: a guest sees only
 *						its own context
 *	a1 -> a2				works: same context
 *	h -> a1, h -> b1			works: the host sees all
 *	s -> a1, s -> b1, s -> h		works if it only looks,
 *						EPERM if it acts: the
 *						spectator sees all and acts
 *						on none
 *
 * Variants: "setup" (both guests in STATE_SETUP, a2 forked inside A) and
 * "running" (both guests out of setup, a2 a host task migrated into A):
 * isolation holds however a task entered its context.
 *
 * Operations a kernel may lack (kcmp, process_vm_readv, ioprio_*) are
 * skipped when the host gets ENOSYS.
 *
 * Context ids: 500..979, two per test, from a hash of the test name; the
 * teardown waits until both are gone.
 */

#define _GNU_SOURCE
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/resource.h>

#include "kselftest_harness.h"
#include "vs_helpers.h"

#ifndef IOPRIO_WHO_PROCESS
#define IOPRIO_WHO_PROCESS 1
#endif
#ifndef KCMP_VM
#define KCMP_VM 1
#endif

/* ------------------------------------------------------------------ */
/* Operations, run by agents; arg0 is the target pid                  */
/* ------------------------------------------------------------------ */

/* SIGURG: ignored by default, so no target is harmed. */
static long fn_kill(struct vs_msg *m)
{
	return kill(m->arg[0], SIGURG);
}

static long fn_tgkill(struct vs_msg *m)
{
	return syscall(SYS_tgkill, m->arg[0], m->arg[0], SIGURG);
}

static long fn_rt_sigqueueinfo(struct vs_msg *m)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGURG;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	return syscall(SYS_rt_sigqueueinfo, m->arg[0], SIGURG, &si);
}

static long fn_pidfd_open(struct vs_msg *m)
{
	long fd = syscall(SYS_pidfd_open, m->arg[0], 0);

	if (fd >= 0)
		close(fd);
	return fd;
}

/* The pidfd comes with the request (opened by the host). */
static long fn_pidfd_send_signal(struct vs_msg *m)
{
	long ret = syscall(SYS_pidfd_send_signal, m->fd, SIGURG, NULL, 0);
	int err = errno;

	close(m->fd);
	errno = err;
	return ret;
}

/* Attaches (arg1 0) or seizes (arg1 1), then lets go again. */
static long fn_ptrace(struct vs_msg *m)
{
	const pid_t pid = m->arg[0];
	long ret;
	int st, err;

	signal(SIGCHLD, SIG_DFL);
	if (m->arg[1])
		ret = ptrace(PTRACE_SEIZE, pid, 0, 0);
	else
		ret = ptrace(PTRACE_ATTACH, pid, 0, 0);
	err = errno;
	if (ret == 0) {
		if (m->arg[1] && ptrace(PTRACE_INTERRUPT, pid, 0, 0))
			ret = -3;
		if (waitpid(pid, &st, __WALL) != pid)
			ret = -4;
		if (ptrace(PTRACE_DETACH, pid, 0, 0))
			ret = -5;
	}
	signal(SIGCHLD, SIG_IGN);
	errno = err;
	return ret;
}

static long fn_ptrace_attach(struct vs_msg *m)
{
	m->arg[1] = 0;
	return fn_ptrace(m);
}

static long fn_ptrace_seize(struct vs_msg *m)
{
	m->arg[1] = 1;
	return fn_ptrace(m);
}

/* getpriority may return -1 as a value; nice values here are >= 0. */
static long fn_getpriority(struct vs_msg *m)
{
	return getpriority(PRIO_PROCESS, m->arg[0]);
}

/* Sets the nice value every agent has (that of the test). */
static long fn_setpriority(struct vs_msg *m)
{
	int nice = getpriority(PRIO_PROCESS, 0);

	return setpriority(PRIO_PROCESS, m->arg[0], nice);
}

static long fn_sched_getparam(struct vs_msg *m)
{
	struct sched_param p;

	return sched_getparam(m->arg[0], &p);
}

static long fn_sched_getscheduler(struct vs_msg *m)
{
	return sched_getscheduler(m->arg[0]);
}

/* Sets the affinity every agent has (that of the test). */
static long fn_sched_setaffinity(struct vs_msg *m)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -2;
	return sched_setaffinity(m->arg[0], sizeof(set), &set);
}

static long fn_ioprio_get(struct vs_msg *m)
{
	return syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, m->arg[0]);
}

/* Class NONE, level 0: what every task starts with. */
static long fn_ioprio_set(struct vs_msg *m)
{
	return syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, m->arg[0], 0);
}

static long fn_prlimit_get(struct vs_msg *m)
{
	struct rlimit r;

	return prlimit(m->arg[0], RLIMIT_NOFILE, NULL, &r);
}

/* Sets the limit every agent has (that of the test). */
static long fn_prlimit_set(struct vs_msg *m)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r))
		return -2;
	return prlimit(m->arg[0], RLIMIT_NOFILE, &r, NULL);
}

static long fn_kcmp(struct vs_msg *m)
{
	return syscall(SYS_kcmp, getpid(), m->arg[0], KCMP_VM, 0, 0);
}

/* Reads vs_marker from the target (the same address in every agent). */
static long fn_process_vm_readv(struct vs_msg *m)
{
	uint64_t v = 0;
	struct iovec local = { &v, sizeof(v) };
	struct iovec remote = { (void *)&vs_marker, sizeof(v) };
	long ret = syscall(SYS_process_vm_readv, m->arg[0], &local, 1,
			   &remote, 1, 0);

	if (ret == sizeof(v) && v != vs_marker)
		return -2;
	return ret;
}

static long fn_getpgid(struct vs_msg *m)
{
	return getpgid(m->arg[0]);
}

static long fn_getsid(struct vs_msg *m)
{
	return getsid(m->arg[0]);
}

/* access("/proc/<pid>") */
static long fn_proc_access(struct vs_msg *m)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%ld", m->arg[0]);
	return access(path, F_OK);
}

/* Is <pid> listed in /proc?  1 or 0; -1 if /proc cannot be read. */
static long fn_proc_lists(struct vs_msg *m)
{
	char name[32];

	snprintf(name, sizeof(name), "%ld", m->arg[0]);
	return vs_dir_has("/proc", name);
}

/* ------------------------------------------------------------------ */
/* The fixture                                                        */
/* ------------------------------------------------------------------ */

FIXTURE(iso) {
	struct vs_agent h, a1, a2, b1, s;
	uint32_t xa, xb;
};

FIXTURE_VARIANT(iso) {
	bool running;
};

FIXTURE_VARIANT_ADD(iso, setup) {
	.running = false,
};

FIXTURE_VARIANT_ADD(iso, running) {
	.running = true,
};

FIXTURE_SETUP(iso)
{
	const uint32_t slot = vs_hash(_metadata->name) % 120;

	self->xa = 500 + 4 * slot + (variant->running ? 2 : 0);
	self->xb = self->xa + 1;
	/* A failed earlier test may have left them; they end soon. */
	vs_wait_gone(self->xa, VS_GONE_TIMEOUT_MS);
	vs_wait_gone(self->xb, VS_GONE_TIMEOUT_MS);

	ASSERT_EQ(0, vs_agent_start(&self->h, "h"));
	ASSERT_EQ(0, vs_agent_start(&self->a1, "a1"));
	ASSERT_EQ(0, vs_agent_start(&self->b1, "b1"));
	ASSERT_EQ(0, vs_agent_start(&self->s, "s"));
	ASSERT_EQ(self->xa, vs_create(&self->a1, self->xa, VXF_INIT_SET))
		TH_LOG("ctx_create(%u): %s", self->xa, strerror(errno));
	ASSERT_EQ(self->xb, vs_create(&self->b1, self->xb, VXF_INIT_SET))
		TH_LOG("ctx_create(%u): %s", self->xb, strerror(errno));
	ASSERT_EQ(1, vs_migrate(&self->s, VX_WATCH_ID, 0))
		TH_LOG("ctx_migrate(1): %s", strerror(errno));

	if (!variant->running) {
		ASSERT_EQ(0, vs_agent_fork(&self->a1, &self->a2, "a2"));
	} else {
		ASSERT_EQ(0, vs_clear_setup(&self->a1, VX_SELF_ID))
			TH_LOG("%s", strerror(errno));
		ASSERT_EQ(0, vs_clear_setup(&self->b1, VX_SELF_ID))
			TH_LOG("%s", strerror(errno));
		ASSERT_EQ(0, vs_agent_start(&self->a2, "a2"));
		ASSERT_EQ(0, vs_migrate(&self->a2, self->xa, 0))
			TH_LOG("ctx_migrate(%u): %s", self->xa,
			       strerror(errno));
	}
	ASSERT_EQ(self->xa, vs_task_xid(NULL, self->a2.pid));
}

FIXTURE_TEARDOWN(iso)
{
	vs_agents_stop_all();
	EXPECT_EQ(0, vs_wait_gone(self->xa, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(0, vs_wait_gone(self->xb, VS_GONE_TIMEOUT_MS));
}

/* ------------------------------------------------------------------ */
/* The matrix                                                         */
/* ------------------------------------------------------------------ */

enum spectator {
	LOOKS,		/* the spectator may do it */
	ACTS,		/* the spectator gets EPERM */
	UNSAID,		/* not checked for the spectator */
};

/*
 * from does op on to: err 0 means it must work (result >= 0), else it must
 * fail with err.  With pidfd, the test opens a pidfd of to and passes it.
 * Returns the errno of the call.
 */
static int expect_op(struct __test_metadata *_metadata, const char *op,
		     vs_fn fn, bool pidfd, struct vs_agent *from,
		     struct vs_agent *to, int err)
{
	long ret;
	int e, fd = -1;

	if (pidfd) {
		fd = syscall(SYS_pidfd_open, to->pid, 0);
		EXPECT_LE(0, fd) TH_LOG("pidfd_open(%s) by the test: %s",
					vs_name(to), strerror(errno));
		if (fd < 0)
			return errno;
	}
	ret = VS_CALL_FD(from, fd, fn, to->pid);
	e = errno;
	if (fd >= 0)
		close(fd);
	if (err) {
		EXPECT_EQ(-1, ret)
			TH_LOG("%s by %s on %s", op, vs_name(from),
			       vs_name(to));
		EXPECT_EQ(err, e)
			TH_LOG("%s by %s on %s: %s", op, vs_name(from),
			       vs_name(to), strerror(e));
	} else {
		EXPECT_LE(0, ret)
			TH_LOG("%s by %s on %s: %s", op, vs_name(from),
			       vs_name(to), strerror(e));
	}
	return ret < 0 ? e : 0;
}

static void expect_matrix(struct __test_metadata *_metadata,
			  FIXTURE_DATA(iso) *self, const char *op, vs_fn fn,
			  enum spectator spect, bool pidfd)
{
	/* Does the kernel have it at all? */
	if (!pidfd && VS_CALL(&self->h, fn, self->a1.pid) == -1 &&
	    errno == ENOSYS)
		SKIP(return, "%s is not in this kernel", op);

	/* The host acts on all. */
	expect_op(_metadata, op, fn, pidfd, &self->h, &self->a1, 0);
	expect_op(_metadata, op, fn, pidfd, &self->h, &self->b1, 0);

	/* Same context. */
	expect_op(_metadata, op, fn, pidfd, &self->a1, &self->a2, 0);

	/* Across contexts. */
	expect_op(_metadata, op, fn, pidfd, &self->a1, &self->h, ESRCH);
	expect_op(_metadata, op, fn, pidfd, &self->a1, &self->b1, ESRCH);
	expect_op(_metadata, op, fn, pidfd, &self->b1, &self->a1, ESRCH);
	expect_op(_metadata, op, fn, pidfd, &self->b1, &self->a2, ESRCH);

	/* The spectator. */
	if (spect != UNSAID) {
		const int err = spect == ACTS ? EPERM : 0;

		expect_op(_metadata, op, fn, pidfd, &self->s, &self->a1, err);
		expect_op(_metadata, op, fn, pidfd, &self->s, &self->b1, err);
		expect_op(_metadata, op, fn, pidfd, &self->s, &self->h, err);
	}

	/* Nobody was harmed: every agent still answers. */
	EXPECT_EQ(self->xa, vs_task_xid(&self->a1, 0));
	EXPECT_EQ(self->xa, vs_task_xid(&self->a2, 0));
	EXPECT_EQ(self->xb, vs_task_xid(&self->b1, 0));
	EXPECT_EQ(0, vs_task_xid(&self->h, 0));
	EXPECT_EQ(1, vs_task_xid(&self->s, 0));
}

#define ISO_TEST(name, fn, spect)					\
	TEST_F(iso, name)						\
	{								\
		expect_matrix(_metadata, self, #name, fn, spect, false);\
	}

/* Signals */
ISO_TEST(kill, fn_kill, ACTS)
ISO_TEST(tgkill, fn_tgkill, ACTS)
ISO_TEST(rt_sigqueueinfo, fn_rt_sigqueueinfo, ACTS)

TEST_F(iso, pidfd_send_signal)
{
	expect_matrix(_metadata, self, "pidfd_send_signal",
		      fn_pidfd_send_signal, ACTS, true);
}

ISO_TEST(pidfd_open, fn_pidfd_open, LOOKS)

/* ptrace */
ISO_TEST(ptrace_attach, fn_ptrace_attach, ACTS)
ISO_TEST(ptrace_seize, fn_ptrace_seize, ACTS)

/* Priority and scheduling */
ISO_TEST(getpriority, fn_getpriority, LOOKS)
ISO_TEST(setpriority, fn_setpriority, ACTS)
ISO_TEST(sched_getparam, fn_sched_getparam, LOOKS)
ISO_TEST(sched_getscheduler, fn_sched_getscheduler, LOOKS)
ISO_TEST(sched_setaffinity, fn_sched_setaffinity, ACTS)
ISO_TEST(ioprio_get, fn_ioprio_get, LOOKS)
ISO_TEST(ioprio_set, fn_ioprio_set, ACTS)

/* Resource limits */
ISO_TEST(prlimit_get, fn_prlimit_get, LOOKS)
ISO_TEST(prlimit_set, fn_prlimit_set, ACTS)

/* Comparing and reading other processes */
ISO_TEST(kcmp, fn_kcmp, UNSAID)
ISO_TEST(process_vm_readv, fn_process_vm_readv, UNSAID)

/* Process groups and sessions */
ISO_TEST(getpgid, fn_getpgid, LOOKS)
ISO_TEST(getsid, fn_getsid, LOOKS)

/* /proc/<pid>: access() gives ENOENT for what cannot be seen. */
TEST_F(iso, proc_pid_directory)
{
	struct {
		struct vs_agent *from, *to;
		int err;
	} c[] = {
		{ &self->h, &self->a1, 0 },
		{ &self->h, &self->b1, 0 },
		{ &self->a1, &self->a2, 0 },
		{ &self->a1, &self->h, ENOENT },
		{ &self->a1, &self->b1, ENOENT },
		{ &self->b1, &self->a1, ENOENT },
		{ &self->b1, &self->a2, ENOENT },
		{ &self->s, &self->a1, 0 },
		{ &self->s, &self->b1, 0 },
		{ &self->s, &self->h, 0 },
	};
	char path[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		expect_op(_metadata, "access(/proc/<pid>)", fn_proc_access,
			  false, c[i].from, c[i].to, c[i].err);

	/* Not even a file below it. */
	snprintf(path, sizeof(path), "/proc/%d/status", self->h.pid);
	EXPECT_EQ(-1, vs_access_as(&self->a1, path));
	EXPECT_EQ(ENOENT, errno);
	snprintf(path, sizeof(path), "/proc/%d/status", self->b1.pid);
	EXPECT_EQ(-1, vs_access_as(&self->a1, path));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(iso, proc_readdir)
{
	struct {
		struct vs_agent *from, *to;
		int listed;
	} c[] = {
		{ &self->h, &self->a1, 1 },
		{ &self->h, &self->b1, 1 },
		{ &self->a1, &self->a1, 1 },
		{ &self->a1, &self->a2, 1 },
		{ &self->a1, &self->h, 0 },
		{ &self->a1, &self->b1, 0 },
		{ &self->b1, &self->a1, 0 },
		{ &self->b1, &self->a2, 0 },
		{ &self->s, &self->a1, 1 },
		{ &self->s, &self->b1, 1 },
		{ &self->s, &self->h, 1 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		EXPECT_EQ(c[i].listed,
			  VS_CALL(c[i].from, fn_proc_lists, c[i].to->pid))
			TH_LOG("does %s list %s (pid %d) in /proc?",
			       vs_name(c[i].from), vs_name(c[i].to),
			       c[i].to->pid);
	}
}

TEST_HARNESS_MAIN
