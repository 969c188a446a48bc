/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - More helpers for the agent model of vs_helpers.h
 *
 * Spaces, host identity, ctx_kill, wait_exit, reboot and virt_stat, and
 * a few things the tests of those need from their agents: calls that
 * run in the background (wait_exit blocks), the host pid of an agent that
 * lives in a pid namespace of its own, signal counters, namespace inode
 * numbers.
 *
 * Include it after vs_helpers.h (and, like it, with _GNU_SOURCE defined
 * before any header).
 */

#ifndef _VSERVER_SELFTEST_VS_HELPERS2_H
#define _VSERVER_SELFTEST_VS_HELPERS2_H

#include <poll.h>
#include <sched.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include <linux/reboot.h>
#include <linux/vserver/space_cmd.h>

#include "vs_helpers.h"

/* ------------------------------------------------------------------ */
/* Constants                                                          */
/* ------------------------------------------------------------------ */

/* What get_space_mask reports: every namespace a space can hold. */
#define VS_SPACE_ALL							\
	((uint64_t)(CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC |	\
		    CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP))
/* What get_space_mask_v0 and get_space_default report. */
#define VS_SPACE_OLD							\
	((uint64_t)(CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC))

/* The namespaces vs_fn_ns_all reports, in this order. */
enum vs_ns {
	VS_NS_MNT,
	VS_NS_UTS,
	VS_NS_IPC,
	VS_NS_NET,
	VS_NS_CGROUP,
	VS_NS_PID_FOR_CHILDREN,
	VS_NS_PID,
	VS_NNS
};

static const char *const vs_ns_names[VS_NNS] __attribute__((unused)) = {
	"mnt", "uts", "ipc", "net", "cgroup", "pid_for_children", "pid",
};

/* The name of namespace i of enum vs_ns, for messages. */
static __attribute__((unused, returns_nonnull)) const char *vs_ns_name(int i)
{
	return i >= 0 && i < VS_NNS ? vs_ns_names[i] : "?";
}

/* The CLONE_* bit of each namespace of enum vs_ns (0 for VS_NS_PID). */
static const uint64_t vs_ns_flags[VS_NNS] __attribute__((unused)) = {
	CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET,
	CLONE_NEWCGROUP, CLONE_NEWPID, 0,
};

/* ------------------------------------------------------------------ */
/* Calls that run in the background                                   */
/* ------------------------------------------------------------------ */

/*
 * Sends fn(args) to agent a without waiting for the answer, which
 * vs_call_wait() collects.  No other call may go to a in between.
 * Returns 0, or -1 with errno ENOTCONN if the agent is gone.
 */
static int __attribute__((unused)) vs_call_send(struct vs_agent *a, vs_fn fn,
						const long *args,
						const void *in, size_t inlen)
{
	static struct vs_msg m;

	memset(&m, 0, sizeof(m));
	m.fn = fn;
	memcpy(m.arg, args, sizeof(m.arg));
	m.fd = -1;
	if (in && inlen)
		memcpy(m.data, in, inlen < VS_DATA_MAX ? inlen : VS_DATA_MAX);
	if (a->fd < 0 || vs_send_msg(a->fd, &m, -1)) {
		errno = ENOTCONN;
		return -1;
	}
	return 0;
}

/*
 * Waits up to ms milliseconds for the answer to the call vs_call_send()
 * sent to a.  Returns 1 when it came, with *ret the function's result,
 * errno its errno and outlen bytes of its data in out; 0 if the call is
 * still running; -1 (errno ENOTCONN) if the agent is gone.
 */
static int __attribute__((unused)) vs_call_wait(struct vs_agent *a,
						unsigned int ms, long *ret,
						void *out, size_t outlen)
{
	static struct vs_msg m;
	struct pollfd p = { .fd = a->fd, .events = POLLIN };
	int n, rfd;

	if (a->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	do
		n = poll(&p, 1, ms);
	while (n < 0 && errno == EINTR);
	if (n == 0)
		return 0;
	if (n < 0 || vs_recv_msg(a->fd, &m, &rfd) != 1) {
		errno = ENOTCONN;
		return -1;
	}
	if (rfd >= 0)
		close(rfd);
	if (out && outlen)
		memcpy(out, m.data,
		       outlen < VS_DATA_MAX ? outlen : VS_DATA_MAX);
	if (ret)
		*ret = m.ret;
	errno = m.err;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Agents: host pids, death                                           */
/* ------------------------------------------------------------------ */

/*
 * The caller's pid as the host sees it: /proc is the host's proc mount,
 * whose /proc/self names the caller by its pid in the initial pid
 * namespace even when getpid() answers in a namespace of its own.
 */
static long vs_fn_hostpid(struct vs_msg *m)
{
	char buf[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return atol(buf);
}

/*
 * As vs_agent_fork(), but a->pid is the new agent's host pid even when
 * the parent forks into a pid namespace of its own (vs_agent_fork gives
 * the pid fork() returned, which is in the parent's namespace for
 * children).
 */
static int __attribute__((unused)) vs_agent_fork2(struct vs_agent *parent,
						  struct vs_agent *a,
						  const char *name)
{
	long pid;

	if (vs_agent_fork(parent, a, name))
		return -1;
	pid = VS_CALL(a, vs_fn_hostpid);
	if (pid <= 0)
		return -1;
	a->pid = pid;
	return 0;
}

/* Agent p forks agent a; a->pid is its host pid. */
#define VS_FORK2(p, a)							\
	do {								\
		ASSERT_EQ(0, vs_agent_fork2(&(p), &(a), #a))		\
			TH_LOG("agent " #p " cannot fork agent " #a	\
			       ": %s", strerror(errno));		\
	} while (0)

/* The state letter of /proc/<pid>/stat; 0 if there is no such process. */
static char __attribute__((unused)) vs_proc_state(pid_t pid)
{
	char path[64], buf[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	return p[2];
}

/*
 * Has agent a died (by a signal or exit, not by being stopped)?  Polls
 * for up to ms milliseconds.  Returns 1 once it is dead (reaped if the
 * test program is its parent; a zombie counts as dead) and forgets its
 * socket; 0 if it still lives.
 */
static int __attribute__((unused)) vs_agent_dead(struct vs_agent *a,
						 unsigned int ms)
{
	unsigned int t;
	int status;

	for (t = 0; t <= ms; t += 10) {
		int dead = 0;

		if (!a->parent) {
			pid_t r = waitpid(a->pid, &status, WNOHANG);

			dead = r == a->pid || (r < 0 && errno == ECHILD);
		} else {
			char s = vs_proc_state(a->pid);

			dead = (kill(a->pid, 0) && errno == ESRCH) ||
			       s == 'Z' || s == 'X';
		}
		if (dead) {
			if (a->fd >= 0)
				close(a->fd);
			a->fd = -1;
			return 1;
		}
		vs_msleep(10);
	}
	return 0;
}

/* Is agent a alive: does it still answer? */
static int __attribute__((unused)) vs_agent_alive(struct vs_agent *a)
{
	return a->fd >= 0 && VS_CALL(a, vs_fn_getpid) > 0;
}

/* ------------------------------------------------------------------ */
/* Functions agents run                                               */
/* ------------------------------------------------------------------ */

/* _exit(arg0): the call never answers. */
static long __attribute__((unused)) vs_fn_exit(struct vs_msg *m)
{
	_exit(m->arg[0]);
}

static long __attribute__((unused)) vs_fn_getppid(struct vs_msg *m)
{
	return getppid();
}

static long __attribute__((unused)) vs_fn_unshare(struct vs_msg *m)
{
	return unshare(m->arg[0]);
}

/* data in: a name; arg0 0: sethostname, 1: setdomainname. */
static long __attribute__((unused)) vs_fn_setname(struct vs_msg *m)
{
	char name[128];

	memcpy(name, m->data, sizeof(name));
	name[sizeof(name) - 1] = '\0';
	if (m->arg[0])
		return setdomainname(name, strlen(name));
	return sethostname(name, strlen(name));
}

/* data out: struct utsname. */
static long __attribute__((unused)) vs_fn_uname(struct vs_msg *m)
{
	struct utsname u;

	if (uname(&u))
		return -1;
	memcpy(m->data, &u, sizeof(u));
	return 0;
}

/* data in: a path.  chroot(path), then chdir("/"). */
static long __attribute__((unused)) vs_fn_chroot(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	if (chroot(path))
		return -1;
	return chdir("/");
}

/* data in: a path. */
static long __attribute__((unused)) vs_fn_chdir(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	return chdir(path);
}

/* data out: the working directory. */
static long __attribute__((unused)) vs_fn_getcwd(struct vs_msg *m)
{
	return getcwd((char *)m->data, 256) ? 0 : -1;
}

/* data in: a path; returns its inode number (stat, following links). */
static long __attribute__((unused)) vs_fn_stat_ino(struct vs_msg *m)
{
	char path[256];
	struct stat st;

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	if (stat(path, &st))
		return -1;
	return (long)st.st_ino;
}

/*
 * data out: u64[VS_NNS], the inode numbers of the caller's
 * /proc/self/ns/<name> in the order of enum vs_ns; 0 for one that cannot
 * be read (pid_for_children before the first process of a new pid
 * namespace exists).  Returns 0.
 */
static long __attribute__((unused)) vs_fn_ns_all(struct vs_msg *m)
{
	uint64_t ino[VS_NNS];
	char path[64];
	struct stat st;
	int i;

	for (i = 0; i < VS_NNS; i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s",
			 vs_ns_names[i]);
		ino[i] = stat(path, &st) ? 0 : st.st_ino;
	}
	memcpy(m->data, ino, sizeof(ino));
	return 0;
}

/*
 * The namespace inodes of process pid, read by the caller from
 * /proc/<pid>/ns (for a process whose own root has no /proc).  Returns 0.
 */
static long __attribute__((unused)) vs_ns_all_pid(pid_t pid,
						  uint64_t ino[VS_NNS])
{
	char path[64];
	struct stat st;
	int i;

	for (i = 0; i < VS_NNS; i++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", pid,
			 vs_ns_names[i]);
		ino[i] = stat(path, &st) ? 0 : st.st_ino;
	}
	return 0;
}

/* The namespace inodes of agent a (NULL: the caller). */
static long __attribute__((unused)) vs_ns_all(struct vs_agent *a,
					      uint64_t ino[VS_NNS])
{
	static struct vs_msg m;

	if (!a) {
		long r = vs_fn_ns_all(&m);

		memcpy(ino, m.data, VS_NNS * sizeof(uint64_t));
		return r;
	}
	memset(ino, 0, VS_NNS * sizeof(uint64_t));
	return VS_CALL_IO(a, vs_fn_ns_all, NULL, 0, ino,
			  VS_NNS * sizeof(uint64_t));
}

/* Signals counted by vs_sig_count, by number. */
static volatile sig_atomic_t vs_sigcounts[65] __attribute__((unused));

static void vs_sig_count(int sig)
{
	if (sig > 0 && sig < 65)
		vs_sigcounts[sig]++;
}

/*
 * Counts signal arg0 from now on (the count starts at 0), with
 * SA_RESTART if arg1.
 */
static long __attribute__((unused)) vs_fn_catch(struct vs_msg *m)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = vs_sig_count;
	sa.sa_flags = m->arg[1] ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	if (m->arg[0] <= 0 || m->arg[0] >= 65) {
		errno = EINVAL;
		return -1;
	}
	vs_sigcounts[m->arg[0]] = 0;
	return sigaction(m->arg[0], &sa, NULL);
}

/* How often signal arg0 came since vs_fn_catch. */
static long __attribute__((unused)) vs_fn_sigcount(struct vs_msg *m)
{
	if (m->arg[0] <= 0 || m->arg[0] >= 65) {
		errno = EINVAL;
		return -1;
	}
	return vs_sigcounts[m->arg[0]];
}

/* reboot(2) with command arg0 and no argument. */
static long __attribute__((unused)) vs_fn_reboot(struct vs_msg *m)
{
	return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       (unsigned int)m->arg[0], NULL);
}

/* vserver(arg0, arg1, (void *)arg2): for bad pointers. */
static long __attribute__((unused)) vs_fn_vserver_ptr(struct vs_msg *m)
{
	return vserver(m->arg[0], m->arg[1], (void *)m->arg[2]);
}

/* ------------------------------------------------------------------ */
/* Commands                                                           */
/* ------------------------------------------------------------------ */

/* get_space_mask (ver 1), get_space_mask_v0 (ver 0) or, ver 2, default. */
static long __attribute__((unused)) vs_space_mask(struct vs_agent *a, int ver,
						  uint64_t *mask)
{
	static const uint32_t cmds[] = {
		VCMD_get_space_mask_v0, VCMD_get_space_mask,
		VCMD_get_space_default,
	};
	struct vcmd_space_mask_v1 s = { .mask = 0xdeadbeefdeadbeefULL };
	long r = vs_cmd(a, cmds[ver], 0, &s, sizeof(s));
	int err = errno;

	*mask = s.mask;
	errno = err;
	return r;
}

/* set_space: ver 1 (index must be 0 there) or 2. */
static long __attribute__((unused)) vs_set_space(struct vs_agent *a,
						 uint32_t id, uint64_t mask,
						 uint32_t index, int ver)
{
	if (ver == 1) {
		struct vcmd_space_mask_v1 s = { .mask = mask };

		return vs_cmd(a, VCMD_set_space_v1, id, &s, sizeof(s));
	} else {
		struct vcmd_space_mask_v2 s = {
			.mask = mask, .index = index, .pad = 0 };

		return vs_cmd(a, VCMD_set_space, id, &s, sizeof(s));
	}
}

/* enter_space: ver 0 (no data), 1 (mask, index 0) or 2. */
static long __attribute__((unused)) vs_enter_space(struct vs_agent *a,
						   uint32_t id, uint64_t mask,
						   uint32_t index, int ver)
{
	if (ver == 0)
		return vs_cmd(a, VCMD_enter_space_v0, id, NULL, 0);
	if (ver == 1) {
		struct vcmd_space_mask_v1 s = { .mask = mask };

		return vs_cmd(a, VCMD_enter_space_v1, id, &s, sizeof(s));
	} else {
		struct vcmd_space_mask_v2 s = {
			.mask = mask, .index = index, .pad = 0 };

		return vs_cmd(a, VCMD_enter_space, id, &s, sizeof(s));
	}
}

/*
 * The masks of space 0 and 1 from the "Spaces:" line of
 * /proc/virtual/<xid>/status.  -1 if there is none.
 */
static int __attribute__((unused)) vs_spaces(uint32_t xid, uint64_t *m0,
					     uint64_t *m1)
{
	char buf[4096], line[128];
	unsigned long long a, b;
	char tail;

	if (vs_read_virtual(xid, "status", buf, sizeof(buf)) <= 0 ||
	    vs_field(buf, "Spaces:\t", line, sizeof(line)) ||
	    strlen(line) != 17 ||
	    sscanf(line, "%8llx %8llx%c", &a, &b, &tail) != 2)
		return -1;
	*m0 = a;
	*m1 = b;
	return 0;
}

/* The "Spaces:" line itself ("" if none). */
static void __attribute__((unused)) vs_spaces_line(uint32_t xid, char *out,
						   size_t size)
{
	char buf[4096];

	out[0] = '\0';
	if (vs_read_virtual(xid, "status", buf, sizeof(buf)) <= 0 ||
	    vs_field(buf, "Spaces:\t", out, size))
		out[0] = '\0';
}

/* get_vhi_name of field into name[65] (0x5a-filled first). */
static long __attribute__((unused)) vs_get_vhi(struct vs_agent *a, uint32_t id,
					       uint32_t field, char *name)
{
	struct vcmd_vhi_name_v0 v;
	long r;
	int err;

	memset(&v, 0x5a, sizeof(v));
	v.field = field;
	r = vs_cmd(a, VCMD_get_vhi_name, id, &v, sizeof(v));
	err = errno;
	memcpy(name, v.name, sizeof(v.name));
	errno = err;
	return r;
}

/* set_vhi_name of field to the 65 bytes of raw (no terminator needed). */
static long __attribute__((unused)) vs_set_vhi_raw(struct vs_agent *a,
						   uint32_t id, uint32_t field,
						   const char *raw)
{
	struct vcmd_vhi_name_v0 v;

	memset(&v, 0, sizeof(v));
	v.field = field;
	memcpy(v.name, raw, sizeof(v.name));
	return vs_cmd(a, VCMD_set_vhi_name, id, &v, sizeof(v));
}

/* set_vhi_name of field to the string name (at most 64 characters). */
static long __attribute__((unused)) vs_set_vhi(struct vs_agent *a, uint32_t id,
					       uint32_t field, const char *name)
{
	char raw[65];
	size_t n = strlen(name);

	memset(raw, 0, sizeof(raw));
	memcpy(raw, name, n < 64 ? n : 64);
	return vs_set_vhi_raw(a, id, field, raw);
}

static long __attribute__((unused)) vs_ctx_kill(struct vs_agent *a,
						uint32_t id, int32_t pid,
						int32_t sig)
{
	struct vcmd_ctx_kill_v0 k = { .pid = pid, .sig = sig };

	return vs_cmd(a, VCMD_ctx_kill, id, &k, sizeof(k));
}

/* Starts wait_exit(id) in agent a; vs_wait_exit_end() collects it. */
static int __attribute__((unused)) vs_wait_exit_start(struct vs_agent *a,
						      uint32_t id)
{
	struct vcmd_wait_exit_v0 w = { 0x5a5a5a5a, 0x5a5a5a5a };

	return vs_call_send(a, vs_fn_vserver,
			    VS_ARGS(VCMD_wait_exit, id, 1), &w, sizeof(w));
}

/*
 * Waits up to ms for the wait_exit vs_wait_exit_start() started.  As
 * vs_call_wait(): 1 when it returned (its result in *ret, its answer in
 * *w, errno set), 0 if it still blocks, -1 if the agent is gone.
 */
static int __attribute__((unused)) vs_wait_exit_end(struct vs_agent *a,
						    unsigned int ms, long *ret,
						    struct vcmd_wait_exit_v0 *w)
{
	return vs_call_wait(a, ms, ret, w, sizeof(*w));
}

static long __attribute__((unused)) vs_virt_stat(struct vs_agent *a,
						 uint32_t id,
						 struct vcmd_virt_stat_v0 *vs)
{
	memset(vs, 0xff, sizeof(*vs));
	return vs_cmd(a, VCMD_virt_stat, id, vs, sizeof(*vs));
}

/* ------------------------------------------------------------------ */
/* Shorthands for test bodies                                         */
/* ------------------------------------------------------------------ */

/* Agent a creates context id with flags and ends its setup from inside. */
#define VS_RUNNING_GUEST(a, id, flags)					\
	do {								\
		VS_GUEST(a, id, flags);					\
		ASSERT_EQ(0, vs_clear_setup(&(a), VX_SELF_ID))		\
			TH_LOG("agent " #a ": end of setup: %s",	\
			       strerror(errno));			\
	} while (0)

#ifdef __KSELFTEST_HARNESS_H
/* wait_exit checks shared by the tests (need kselftest_harness.h). */
/* Starts wait_exit(id) in agent w. */
#define START_WAIT(w, id)						\
	ASSERT_EQ(0, vs_wait_exit_start(&(w), (id)))			\
		TH_LOG("agent " #w " is gone")

/* wait_exit in agent w still blocks after ms milliseconds. */
#define EXPECT_BLOCKS(w, ms)						\
	do {								\
		long _r;						\
		struct vcmd_wait_exit_v0 _x;				\
		EXPECT_EQ(0, vs_wait_exit_end(&(w), (ms), &_r, &_x))	\
			TH_LOG("wait_exit in " #w " returned %ld (%s)",	\
			       _r, strerror(errno));			\
	} while (0)

/*
 * wait_exit in agent w returns within ms milliseconds; its result goes
 * to *ret, errno, and *x.  On a time-out the agent is killed (it would
 * block for ever).
 */
static void __attribute__((unused)) expect_returns(struct __test_metadata *_metadata,
			   struct vs_agent *w, unsigned int ms, long *ret,
			   struct vcmd_wait_exit_v0 *x)
{
	int r;

	*ret = -2;
	r = vs_wait_exit_end(w, ms, ret, x);
	if (r == 0) {
		TH_LOG("wait_exit in %s still blocks after %u ms",
		       vs_name(w), ms);
		vs_agent_kill(w);
	}
	ASSERT_EQ(1, r);
}
#endif

#endif /* _VSERVER_SELFTEST_VS_HELPERS2_H */
