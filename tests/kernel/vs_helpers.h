/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - Helpers for the process-context tests
 *
 * Most of these tests need several tasks in several contexts at once: a
 * task that creates a context moves into it, so the test program itself
 * (which must stay in the host, xid 0) never creates or enters one.
 * Instead it starts "agents": forked helper processes that wait for
 * requests on a socket, run one function of this program per request and
 * send back its result and errno.  The test program keeps every check on
 * its side, in kselftest style:
 *
 *	ASSERT_EQ(-1, vs_create(&a, 150, VXF_INIT_SET));
 *	ASSERT_EQ(EPERM, errno);
 *
 * runs ctx_create in agent a and checks its result there.  Agents are
 * forks of the test program, so a function pointer names the same
 * function in both.
 *
 * An agent exits when its socket is closed, that is when the test stops it
 * or when the test program ends (also by a failed ASSERT): contexts die
 * with their tasks, so nothing survives a test.  An agent can fork a new
 * agent (vs_agent_fork), which then lives in the same context.
 *
 * All helpers are static; each test program is self-contained, as
 * kselftest_harness.h expects.
 */

#ifndef _VSERVER_SELFTEST_VS_HELPERS_H
#define _VSERVER_SELFTEST_VS_HELPERS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>

#include "common.h"

/* ------------------------------------------------------------------ */
/* Constants                                                          */
/* ------------------------------------------------------------------ */

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define VS_CAP(c)	(1ULL << (c))

/* The bounding set a new context gets (util-vserver's "secure" set). */
#define VS_DEFAULT_BCAPS						\
	(VS_CAP(CAP_CHOWN) | VS_CAP(CAP_DAC_OVERRIDE) |			\
	 VS_CAP(CAP_DAC_READ_SEARCH) | VS_CAP(CAP_FOWNER) |		\
	 VS_CAP(CAP_FSETID) | VS_CAP(CAP_KILL) | VS_CAP(CAP_SETGID) |	\
	 VS_CAP(CAP_SETUID) | VS_CAP(CAP_NET_BIND_SERVICE) |		\
	 VS_CAP(CAP_SYS_CHROOT) | VS_CAP(CAP_SYS_PTRACE) |		\
	 VS_CAP(CAP_SYS_TTY_CONFIG) | VS_CAP(CAP_LEASE) |		\
	 VS_CAP(CAP_SETFCAP) | VS_CAP(CAP_SYS_BOOT) |			\
	 VS_CAP(CAP_AUDIT_WRITE))

/* The context caps a new context gets. */
#define VS_DEFAULT_CCAPS	VXC_SET_UTSNAME

#define VS_NOBODY		65534

/* How long a context may take to go away after its last task was reaped. */
#define VS_GONE_TIMEOUT_MS	5000

/* The agent's end of its socket. */
#define VS_AGENT_FD		3

#define VS_DATA_MAX		8192

/* Something a process-visibility test can read from another process. */
static uint64_t vs_marker __attribute__((unused)) =
	0x5653657276657221ULL;

/* ------------------------------------------------------------------ */
/* Small utilities                                                    */
/* ------------------------------------------------------------------ */

static void __attribute__((unused)) vs_msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Finds the line of text that starts with key (e.g. "Tasks:\t") and copies
 * the rest of it, without the newline, to out.  Returns 0, or -1 if there
 * is no such line.
 */
static int __attribute__((unused)) vs_field(const char *text, const char *key,
					    char *out, size_t size)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen)) {
			const char *v = p + klen;
			size_t n = strcspn(v, "\n");

			if (n >= size)
				n = size - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return 0;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* The value of line key as a number in base; -1 if absent or not a number. */
static int __attribute__((unused)) vs_field_u64(const char *text,
						const char *key, int base,
						uint64_t *val)
{
	char buf[128], *end;

	if (vs_field(text, key, buf, sizeof(buf)))
		return -1;
	if (!buf[0])
		return -1;
	errno = 0;
	*val = strtoull(buf, &end, base);
	if (errno || *end)
		return -1;
	return 0;
}

/* Does the directory list an entry of this name?  -1 if it cannot be read. */
static int __attribute__((unused)) vs_dir_has(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (!strcmp(e->d_name, name))
			found = 1;
	closedir(d);
	return found;
}

/* The names of a directory, each followed by '\n', "." and ".." left out. */
static ssize_t __attribute__((unused)) vs_list_dir(const char *dir, char *buf,
						   size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len = 0;

	if (!d)
		return -1;
	buf[0] = '\0';
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (len + n + 2 > size)
			break;
		memcpy(buf + len, e->d_name, n);
		len += n;
		buf[len++] = '\n';
		buf[len] = '\0';
	}
	closedir(d);
	return len;
}

/* Is name one of the '\n'-terminated lines of list? */
static int __attribute__((unused)) vs_list_has(const char *list,
					       const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p && *p) {
		if (!strncmp(p, name, n) && p[n] == '\n')
			return 1;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return 0;
}

/* The highest capability number of the running kernel. */
static int __attribute__((unused)) vs_cap_last_cap(void)
{
	char buf[32];

	if (read_file("/proc/sys/kernel/cap_last_cap", buf, sizeof(buf)) <= 0)
		return CAP_LAST_CAP;
	return atoi(buf);
}

/* Every capability of the running kernel. */
static uint64_t __attribute__((unused)) vs_all_caps(void)
{
	int last = vs_cap_last_cap();

	return last >= 63 ? ~0ULL : (1ULL << (last + 1)) - 1;
}

/* ------------------------------------------------------------------ */
/* Capabilities of the calling process                                */
/* ------------------------------------------------------------------ */

static int __attribute__((unused)) vs_capget(pid_t pid, uint64_t *eff,
					     uint64_t *prm, uint64_t *inh)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = pid };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d))
		return -1;
	if (eff)
		*eff = d[0].effective | (uint64_t)d[1].effective << 32;
	if (prm)
		*prm = d[0].permitted | (uint64_t)d[1].permitted << 32;
	if (inh)
		*inh = d[0].inheritable | (uint64_t)d[1].inheritable << 32;
	return 0;
}

static int __attribute__((unused)) vs_capset(uint64_t eff, uint64_t prm,
					     uint64_t inh)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)eff, (uint32_t)prm, (uint32_t)inh },
		{ (uint32_t)(eff >> 32), (uint32_t)(prm >> 32),
		  (uint32_t)(inh >> 32) },
	};

	return syscall(SYS_capset, &h, d);
}

/* Removes the caps in mask from the effective, permitted, inheritable sets. */
static int __attribute__((unused)) vs_drop_caps(uint64_t mask)
{
	uint64_t eff, prm, inh;

	if (vs_capget(0, &eff, &prm, &inh))
		return -1;
	return vs_capset(eff & ~mask, prm & ~mask, inh & ~mask);
}

/* The bounding set of the caller, from PR_CAPBSET_READ. */
static uint64_t __attribute__((unused)) vs_capbset(void)
{
	int last = vs_cap_last_cap(), c;
	uint64_t set = 0;

	for (c = 0; c <= last && c < 64; c++)
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1)
			set |= VS_CAP(c);
	return set;
}

/* ------------------------------------------------------------------ */
/* Agents                                                             */
/* ------------------------------------------------------------------ */

struct vs_msg;
typedef long (*vs_fn)(struct vs_msg *m);

/**
 * struct vs_msg - One request to an agent, and its answer
 * @fn: The function the agent runs; NULL is never sent.
 * @arg: Its arguments.
 * @ret: Its result.
 * @err: errno after it (the agent clears errno before the call).
 * @fd: A descriptor that came with the request, -1 if none; the function
 *      owns it.
 * @data: Data in and out.
 */
struct vs_msg {
	vs_fn fn;
	long arg[6];
	long ret;
	int err;
	int fd;
	unsigned char data[VS_DATA_MAX];
};

/**
 * struct vs_agent - The test program's handle on one agent
 * @pid: Its pid (as seen from the host).
 * @fd: The test's end of its socket, -1 once stopped.
 * @parent: The agent that forked it, NULL if the test program did.
 * @name: For messages.
 */
struct vs_agent {
	pid_t pid;
	int fd;
	struct vs_agent *parent;
	const char *name;
};

/* The name of agent a for messages; NULL is the test program itself. */
static __attribute__((unused, returns_nonnull)) const char *
vs_name(const struct vs_agent *a)
{
	if (!a)
		return "the test";
	return a->name ? a->name : "an agent";
}

#define VS_MAX_AGENTS 32
static struct vs_agent *vs_agents[VS_MAX_AGENTS] __attribute__((unused));
static int vs_nagents __attribute__((unused));

static int __attribute__((unused)) vs_send_msg(int sock,
					       const struct vs_msg *m, int fd)
{
	struct iovec iov = { (void *)m, sizeof(*m) };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	if (fd >= 0) {
		struct cmsghdr *c;

		memset(&u, 0, sizeof(u));
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof(u.buf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*m) ? 0 : -1;
}

/* Returns 1 for a message, 0 at the end, -1 on an error. */
static int __attribute__((unused)) vs_recv_msg(int sock, struct vs_msg *m,
					       int *fd)
{
	struct iovec iov = { m, sizeof(*m) };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	ssize_t n;

	*fd = -1;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(fd, CMSG_DATA(c), sizeof(int));
	return n == (ssize_t)sizeof(*m) ? 1 : -1;
}

/* The agent's life: answer requests until the socket ends. */
static void __attribute__((unused, noreturn)) vs_agent_main(int fd)
{
	static struct vs_msg m;
	sigset_t none;

	if (fd != VS_AGENT_FD) {
		dup2(fd, VS_AGENT_FD);
		close(fd);
	}
	fcntl(VS_AGENT_FD, F_SETFD, FD_CLOEXEC);
	/* Hold no other socket, so that every agent sees its own end. */
	syscall(SYS_close_range, VS_AGENT_FD + 1, ~0U, 0);
	/* Children (forked agents, adopted orphans) are reaped at once. */
	signal(SIGCHLD, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	for (;;) {
		int rfd;

		if (vs_recv_msg(VS_AGENT_FD, &m, &rfd) <= 0)
			_exit(0);
		m.fd = rfd;
		errno = 0;
		m.ret = m.fn(&m);
		m.err = errno;
		if (vs_send_msg(VS_AGENT_FD, &m, -1))
			_exit(0);
	}
}

static void vs_agent_register(struct vs_agent *a)
{
	if (vs_nagents < VS_MAX_AGENTS)
		vs_agents[vs_nagents++] = a;
}

/* Starts an agent forked from the caller (which stays where it is). */
static int __attribute__((unused)) vs_agent_start(struct vs_agent *a,
						  const char *name)
{
	int sv[2];
	pid_t pid;

	a->fd = -1;
	a->pid = -1;
	a->parent = NULL;
	a->name = name;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		vs_agent_main(sv[1]);
	}
	close(sv[1]);
	a->fd = sv[0];
	a->pid = pid;
	vs_agent_register(a);
	return 0;
}

/*
 * Runs fn(args) in agent a, with in (inlen bytes) as its data and an
 * optional descriptor to pass along (passfd, -1 for none; the caller keeps
 * its own copy).  Copies outlen bytes of the answer's data to out.  Returns
 * the function's result with errno set to the agent's errno; -1 with
 * errno ENOTCONN if the agent is gone.
 */
static long __attribute__((unused)) vs_callx(struct vs_agent *a, vs_fn fn,
					     const long *args, int passfd,
					     const void *in, size_t inlen,
					     void *out, size_t outlen)
{
	static struct vs_msg m;
	int rfd;

	memset(&m, 0, sizeof(m));
	m.fn = fn;
	memcpy(m.arg, args, sizeof(m.arg));
	m.fd = -1;
	if (in && inlen)
		memcpy(m.data, in, inlen < VS_DATA_MAX ? inlen : VS_DATA_MAX);
	if (a->fd < 0 || vs_send_msg(a->fd, &m, passfd) ||
	    vs_recv_msg(a->fd, &m, &rfd) != 1) {
		fprintf(stderr, "# agent %s (pid %d) is gone\n",
			vs_name(a), a->pid);
		errno = ENOTCONN;
		return -1;
	}
	if (rfd >= 0)
		close(rfd);
	if (out && outlen)
		memcpy(out, m.data,
		       outlen < VS_DATA_MAX ? outlen : VS_DATA_MAX);
	errno = m.err;
	return m.ret;
}

#define VS_ARGS(...)	((const long[6]){ __VA_ARGS__ })

/* VS_CALL(agent, fn, args...): fn(args) in the agent, no data. */
#define VS_CALL(a, fn, ...)						\
	vs_callx((a), (fn), VS_ARGS(__VA_ARGS__), -1, NULL, 0, NULL, 0)
/* VS_CALL_FD(agent, fd, fn, args...): the same, passing a descriptor. */
#define VS_CALL_FD(a, fd, fn, ...)					\
	vs_callx((a), (fn), VS_ARGS(__VA_ARGS__), (fd), NULL, 0, NULL, 0)
/* VS_CALL_IO(agent, fn, in, inlen, out, outlen, args...): with data. */
#define VS_CALL_IO(a, fn, in, inlen, out, outlen, ...)			\
	vs_callx((a), (fn), VS_ARGS(__VA_ARGS__), -1, (in), (inlen),	\
		 (out), (outlen))

/* In the agent: forks a new agent on the socket that came along. */
static long vs_fn_fork_agent(struct vs_msg *m)
{
	pid_t pid;

	if (m->fd < 0) {
		errno = EBADF;
		return -1;
	}
	pid = fork();
	if (pid == 0)
		vs_agent_main(m->fd);
	close(m->fd);
	m->fd = -1;
	return pid;
}

/* Starts an agent forked by agent parent: it lives in parent's context. */
static int __attribute__((unused)) vs_agent_fork(struct vs_agent *parent,
						 struct vs_agent *a,
						 const char *name)
{
	int sv[2];
	long pid;

	a->fd = -1;
	a->pid = -1;
	a->parent = parent;
	a->name = name;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -1;
	pid = VS_CALL_FD(parent, sv[1], vs_fn_fork_agent);
	close(sv[1]);
	if (pid <= 0) {
		close(sv[0]);
		return -1;
	}
	a->fd = sv[0];
	a->pid = pid;
	vs_agent_register(a);
	return 0;
}

/* Has the process gone (reaped)?  Polls for up to ms milliseconds. */
static int vs_wait_pid_gone(pid_t pid, unsigned int ms)
{
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		if (kill(pid, 0) && errno == ESRCH)
			return 0;
		vs_msleep(10);
	}
	return -1;
}

/*
 * Ends agent a: closes its socket and waits until it has gone (reaped by
 * the test program, or by whoever its parent is).  SIGKILL after 5 s.
 * Returns 0 if it ended by itself.
 */
static int __attribute__((unused)) vs_agent_stop(struct vs_agent *a)
{
	int status, t, ret = 0;

	if (a->fd < 0)
		return 0;
	close(a->fd);
	a->fd = -1;
	if (!a->parent) {
		for (t = 0; t < 500; t++) {
			if (waitpid(a->pid, &status, WNOHANG) != 0)
				return 0;
			vs_msleep(10);
		}
		kill(a->pid, SIGKILL);
		waitpid(a->pid, &status, 0);
		return -1;
	}
	if (vs_wait_pid_gone(a->pid, 5000)) {
		kill(a->pid, SIGKILL);
		vs_wait_pid_gone(a->pid, 5000);
		ret = -1;
	}
	return ret;
}

/* Kills agent a with SIGKILL and waits until it has gone. */
static void __attribute__((unused)) vs_agent_kill(struct vs_agent *a)
{
	if (a->fd < 0)
		return;
	kill(a->pid, SIGKILL);
	close(a->fd);
	a->fd = -1;
	if (!a->parent)
		waitpid(a->pid, NULL, 0);
	else
		vs_wait_pid_gone(a->pid, 5000);
}

/* Stops every agent still running, the youngest first. */
static void __attribute__((unused)) vs_agents_stop_all(void)
{
	while (vs_nagents > 0)
		vs_agent_stop(vs_agents[--vs_nagents]);
}

/* ------------------------------------------------------------------ */
/* Functions agents run                                               */
/* ------------------------------------------------------------------ */

/* vserver(arg0, arg1, arg2 ? data : NULL) */
static long vs_fn_vserver(struct vs_msg *m)
{
	return vserver(m->arg[0], m->arg[1], m->arg[2] ? m->data : NULL);
}

static long __attribute__((unused)) vs_fn_getpid(struct vs_msg *m)
{
	return getpid();
}

/* Drops the capabilities in arg0 (effective, permitted, inheritable). */
static long __attribute__((unused)) vs_fn_drop_caps(struct vs_msg *m)
{
	return vs_drop_caps(m->arg[0]);
}

/* Keeps only the capabilities in arg0. */
static long __attribute__((unused)) vs_fn_keep_caps(struct vs_msg *m)
{
	return vs_drop_caps(~(uint64_t)m->arg[0]);
}

/* Becomes uid and gid nobody (which drops every capability). */
static long __attribute__((unused)) vs_fn_become_nobody(struct vs_msg *m)
{
	if (setgroups(0, NULL) || setresgid(VS_NOBODY, VS_NOBODY, VS_NOBODY))
		return -1;
	return setresuid(VS_NOBODY, VS_NOBODY, VS_NOBODY);
}

/* data out: u64 effective, permitted, inheritable, bounding set. */
static long __attribute__((unused)) vs_fn_caps(struct vs_msg *m)
{
	uint64_t v[4];

	if (vs_capget(0, &v[0], &v[1], &v[2]))
		return -1;
	v[3] = vs_capbset();
	memcpy(m->data, v, sizeof(v));
	return 0;
}

static void *vs_sleeper(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

/* Starts a thread that sleeps until the agent exits; returns 0. */
static long __attribute__((unused)) vs_fn_thread(struct vs_msg *m)
{
	pthread_t t;
	int err = pthread_create(&t, NULL, vs_sleeper, NULL);

	if (err) {
		errno = err;
		return -1;
	}
	pthread_detach(t);
	return 0;
}

/* data in: a path; data out: the file's contents.  Returns the length. */
static long __attribute__((unused)) vs_fn_read_file(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	return read_file(path, (char *)m->data, VS_DATA_MAX);
}

/* data in: a directory; data out: its names, one a line. */
static long __attribute__((unused)) vs_fn_list_dir(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	return vs_list_dir(path, (char *)m->data, VS_DATA_MAX);
}

/* data in: a path; access(path, F_OK). */
static long __attribute__((unused)) vs_fn_access(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	return access(path, F_OK);
}

/* ------------------------------------------------------------------ */
/* vserver(2) commands, run by an agent or (a == NULL) by the caller   */
/* ------------------------------------------------------------------ */

static long __attribute__((unused)) vs_cmd(struct vs_agent *a, uint32_t cmd,
					   uint32_t id, void *data, size_t size)
{
	if (!a)
		return vserver(cmd, id, data);
	return vs_callx(a, vs_fn_vserver, VS_ARGS(cmd, id, data != NULL), -1,
			data, size, data, size);
}

static long __attribute__((unused)) vs_create(struct vs_agent *a, uint32_t id,
					      uint64_t flags)
{
	struct vcmd_ctx_create c = { .flagword = flags };

	return vs_cmd(a, VCMD_ctx_create, id, &c, sizeof(c));
}

static long __attribute__((unused)) vs_create_v0(struct vs_agent *a,
						 uint32_t id)
{
	return vs_cmd(a, VCMD_ctx_create_v0, id, NULL, 0);
}

static long __attribute__((unused)) vs_migrate(struct vs_agent *a,
					       uint32_t id, uint64_t flags)
{
	struct vcmd_ctx_migrate c = { .flagword = flags };

	return vs_cmd(a, VCMD_ctx_migrate, id, &c, sizeof(c));
}

static long __attribute__((unused)) vs_migrate_v0(struct vs_agent *a,
						  uint32_t id)
{
	return vs_cmd(a, VCMD_ctx_migrate_v0, id, NULL, 0);
}

static long __attribute__((unused)) vs_task_xid(struct vs_agent *a, pid_t pid)
{
	return vs_cmd(a, VCMD_task_xid, pid, NULL, 0);
}

static long __attribute__((unused)) vs_vx_info(struct vs_agent *a, uint32_t id,
					       struct vcmd_vx_info_v0 *vi)
{
	memset(vi, 0xff, sizeof(*vi));
	return vs_cmd(a, VCMD_vx_info, id, vi, sizeof(*vi));
}

static long __attribute__((unused)) vs_ctx_stat(struct vs_agent *a,
						uint32_t id,
						struct vcmd_ctx_stat_v0 *st)
{
	memset(st, 0xff, sizeof(*st));
	return vs_cmd(a, VCMD_ctx_stat, id, st, sizeof(*st));
}

/*
 * The flag, ccaps, bcaps and umask commands all take a pair of u64: the
 * value, then the mask.
 */
struct vs_pair {
	uint64_t value;
	uint64_t mask;
};

_Static_assert(sizeof(struct vcmd_ctx_flags_v0) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_ctx_flags_v0, mask) == 8 &&
	       sizeof(struct vcmd_ctx_caps_v1) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_ctx_caps_v1, cmask) == 8 &&
	       sizeof(struct vcmd_bcaps) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_bcaps, bmask) == 8 &&
	       sizeof(struct vcmd_umask) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_umask, mask) == 8,
	       "get/set structures are pairs of u64");

/* get_cflags, get_ccaps, get_bcaps or get_umask. */
static long __attribute__((unused)) vs_get(struct vs_agent *a, uint32_t cmd,
					   uint32_t id, uint64_t *value,
					   uint64_t *mask)
{
	struct vs_pair p = { 0xdeadbeefdeadbeefULL, 0xdeadbeefdeadbeefULL };
	long ret = vs_cmd(a, cmd, id, &p, sizeof(p));
	int err = errno;

	if (value)
		*value = p.value;
	if (mask)
		*mask = p.mask;
	errno = err;
	return ret;
}

/* set_cflags, set_ccaps, set_bcaps or set_umask. */
static long __attribute__((unused)) vs_set(struct vs_agent *a, uint32_t cmd,
					   uint32_t id, uint64_t value,
					   uint64_t mask)
{
	struct vs_pair p = { value, mask };

	return vs_cmd(a, cmd, id, &p, sizeof(p));
}

/* Just the value of a get command; ~0 (and a message) if it fails. */
static uint64_t __attribute__((unused)) vs_getv(uint32_t cmd, uint32_t id)
{
	uint64_t v;

	if (vs_get(NULL, cmd, id, &v, NULL)) {
		fprintf(stderr, "# get 0x%08x on %u: %s\n", cmd, id,
			strerror(errno));
		return ~0ULL;
	}
	return v;
}

/* The four set commands with their get commands, for loops. */
struct vs_setget {
	uint32_t set, get;
	const char *name;
};

static const struct vs_setget vs_setgets[] __attribute__((unused)) = {
	{ VCMD_set_cflags, VCMD_get_cflags, "cflags" },
	{ VCMD_set_ccaps, VCMD_get_ccaps, "ccaps" },
	{ VCMD_set_bcaps, VCMD_get_bcaps, "bcaps" },
	{ VCMD_set_umask, VCMD_get_umask, "umask" },
};
#define VS_NSETGET ARRAY_SIZE(vs_setgets)

/*
 * A harmless change each set command can make: a bit that is clear in a
 * new context (and back).
 */
static uint64_t __attribute__((unused)) vs_harmless_bit(uint32_t set)
{
	switch (set) {
	case VCMD_set_cflags:
		return VXF_VIRT_UPTIME;
	case VCMD_set_ccaps:
		return VXC_SET_RLIMIT;
	case VCMD_set_bcaps:
		return VS_CAP(CAP_SYS_NICE);
	default:
		return 0x04000000ULL;	/* CLONE_NEWUTS */
	}
}

/* Clears VXF_STATE_SETUP of context id, as agent a (NULL: the caller). */
static long __attribute__((unused)) vs_clear_setup(struct vs_agent *a,
						   uint32_t id)
{
	return vs_set(a, VCMD_set_cflags, id, 0, VXF_STATE_SETUP);
}

/*
 * Polls (as the caller) until context xid is gone (vx_info says ESRCH).
 * Returns 0 once gone, -1 if it is still there after ms milliseconds.
 */
static int __attribute__((unused)) vs_wait_gone(uint32_t xid, unsigned int ms)
{
	struct vcmd_vx_info_v0 vi;
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		if (vs_vx_info(NULL, xid, &vi) == -1 && errno == ESRCH)
			return 0;
		vs_msleep(10);
	}
	return -1;
}

/* Polls until ctx_stat of xid shows n tasks; returns the last count seen. */
static long __attribute__((unused)) vs_wait_tasks(uint32_t xid, uint32_t n,
						  unsigned int ms)
{
	struct vcmd_ctx_stat_v0 st;
	unsigned int t;
	long last = -1;

	for (t = 0; t <= ms; t += 10) {
		if (vs_ctx_stat(NULL, xid, &st) == 0) {
			last = st.tasks;
			if (st.tasks == n)
				break;
		}
		vs_msleep(10);
	}
	return last;
}

/* ------------------------------------------------------------------ */
/* /proc                                                              */
/* ------------------------------------------------------------------ */

/* #CTotal and #CActive of /proc/virtual/status; -1 if unreadable. */
static int __attribute__((unused)) vs_virtual_counts(unsigned int *total,
						     unsigned int *active)
{
	char buf[1024];

	if (read_file("/proc/virtual/status", buf, sizeof(buf)) <= 0)
		return -1;
	if (sscanf(buf, "#CTotal:\t%u\n#CActive:\t%u\n", total, active) != 2)
		return -1;
	return 0;
}

/*
 * Waits until #CActive stops moving (contexts of earlier tests may still
 * be ending), then returns both counts.  -1 if unreadable.
 */
static int __attribute__((unused)) vs_virtual_stable(unsigned int *total,
						     unsigned int *active)
{
	unsigned int prev, t;

	if (vs_virtual_counts(total, &prev))
		return -1;
	for (t = 0; t < 50; t++) {
		vs_msleep(100);
		if (vs_virtual_counts(total, active))
			return -1;
		if (*active == prev)
			return 0;
		prev = *active;
	}
	return 0;
}

/* Reads /proc/virtual/<xid>/<file> (as the caller). */
static ssize_t __attribute__((unused)) vs_read_virtual(uint32_t xid,
						       const char *file,
						       char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/virtual/%u/%s", xid, file);
	return read_file(path, buf, size);
}

/* Reads a file as agent a (NULL: the caller) into buf. */
static ssize_t __attribute__((unused)) vs_read_as(struct vs_agent *a,
						  const char *path, char *buf,
						  size_t size)
{
	char in[256];

	if (!a)
		return read_file(path, buf, size);
	snprintf(in, sizeof(in), "%s", path);
	memset(buf, 0, size);
	return VS_CALL_IO(a, vs_fn_read_file, in, sizeof(in), buf,
			  size < VS_DATA_MAX ? size - 1 : VS_DATA_MAX - 1);
}

/* Lists a directory as agent a (NULL: the caller). */
static ssize_t __attribute__((unused)) vs_list_as(struct vs_agent *a,
						  const char *path, char *buf,
						  size_t size)
{
	char in[256];

	if (!a)
		return vs_list_dir(path, buf, size);
	snprintf(in, sizeof(in), "%s", path);
	memset(buf, 0, size);
	return VS_CALL_IO(a, vs_fn_list_dir, in, sizeof(in), buf,
			  size < VS_DATA_MAX ? size - 1 : VS_DATA_MAX - 1);
}

/* access(path, F_OK) as agent a (NULL: the caller). */
static long __attribute__((unused)) vs_access_as(struct vs_agent *a,
						 const char *path)
{
	char in[256];

	if (!a)
		return access(path, F_OK);
	snprintf(in, sizeof(in), "%s", path);
	return VS_CALL_IO(a, vs_fn_access, in, sizeof(in), NULL, 0);
}

/* FNV-1a, to spread per-test context ids of fixtures. */
static uint32_t __attribute__((unused)) vs_hash(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* ------------------------------------------------------------------ */
/* Shorthands for test bodies (they need the harness's _metadata)      */
/* ------------------------------------------------------------------ */

/* Starts agent a in the caller's context (the host, for the test). */
#define VS_START(a)							\
	do {								\
		ASSERT_EQ(0, vs_agent_start(&(a), #a))			\
			TH_LOG("cannot start agent " #a);		\
	} while (0)

/* Agent p forks agent a, which lives in p's context. */
#define VS_FORK(p, a)							\
	do {								\
		ASSERT_EQ(0, vs_agent_fork(&(p), &(a), #a))		\
			TH_LOG("agent " #p " cannot fork agent " #a);	\
	} while (0)

/* Starts agent a and has it create context id with these flags. */
#define VS_GUEST(a, id, flags)						\
	do {								\
		VS_START(a);						\
		ASSERT_EQ((long)(id), vs_create(&(a), (id), (flags)))	\
			TH_LOG("agent " #a ": ctx_create(%u): %s",	\
			       (unsigned int)(id), strerror(errno));	\
	} while (0)

/* Starts agent a and moves it to the spectator context (xid 1). */
#define VS_SPECTATOR(a)							\
	do {								\
		VS_START(a);						\
		ASSERT_EQ(1, vs_migrate(&(a), VX_WATCH_ID, 0))		\
			TH_LOG("agent " #a ": ctx_migrate(1): %s",	\
			       strerror(errno));			\
	} while (0)

#endif /* _VSERVER_SELFTEST_VS_HELPERS_H */
