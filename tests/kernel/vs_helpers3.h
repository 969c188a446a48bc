/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - Helpers for the resource limit tests
 *
 * The limit commands (get/set_rlimit, get_rlimit_mask, rlimit_stat,
 * reset_hits, reset_minmax), /proc/virtual/<xid>/limit, and what agents
 * need to fill a context up to a limit and to release it again: objects
 * (files, pipes, sockets...) and tasks (children, threads) an agent keeps
 * between calls, in arrays of its own.
 *
 * Include it after vs_helpers2.h (and, like it, with _GNU_SOURCE defined
 * before any header).
 */

#ifndef _VSERVER_SELFTEST_VS_HELPERS3_H
#define _VSERVER_SELFTEST_VS_HELPERS3_H

#include <arpa/inet.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/un.h>

#include <linux/vserver/limit.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>

#include "vs_helpers2.h"

/* ------------------------------------------------------------------ */
/* Constants                                                          */
/* ------------------------------------------------------------------ */

/*
 * The limits this kernel enforces, as get_rlimit_mask reports them:
 * those vserver counts itself and RLIMIT_RSS, which the context's memory
 * cgroup enforces (rsrc_test.c tests it).  limit_test.c tests the
 * commands and the first three (vs_limits[] below), objlimit_test.c the
 * others.
 */
#define VS_LIMITS_ENFORCED						\
	((1U << RLIMIT_NPROC) | (1U << RLIMIT_NOFILE) | (1U << VLIMIT_NSOCK) | \
	 (1U << RLIMIT_RSS) | (1U << RLIMIT_AS) | (1U << RLIMIT_MEMLOCK) | \
	 (1U << RLIMIT_LOCKS) | (1U << RLIMIT_MSGQUEUE) |		\
	 (1U << VLIMIT_SHMEM) | (1U << VLIMIT_SEMARY) | (1U << VLIMIT_NSEMS) | \
	 (1U << VLIMIT_OPENFD) | (1U << RLIMIT_SIGPENDING) |		\
	 (1U << VLIMIT_POSIXMQ) | (1U << VLIMIT_AIO))

/* Every row of the limit file, in its order: the ABI's table. */
static const struct {
	uint32_t id;
	const char *name;
} vs_limit_rows[] __attribute__((unused)) = VLIMIT_ROWS_INIT;
_Static_assert(ARRAY_SIZE(vs_limit_rows) == VLIMIT_NROWS,
	       "VLIMIT_NROWS counts the rows of VLIMIT_ROWS_INIT");

/* The limits limit_test.c fills up. */
static const struct {
	uint32_t id;
} vs_limits[] __attribute__((unused)) = {
	{ RLIMIT_NPROC },
	{ RLIMIT_NOFILE },
	{ VLIMIT_NSOCK },
};
#define VS_NLIMITS ARRAY_SIZE(vs_limits)

/* The name of a limit id for messages: its row's. */
static __attribute__((unused, returns_nonnull)) const char *
vs_limit_name(uint32_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vs_limit_rows); i++)
		if (vs_limit_rows[i].id == id)
			return vs_limit_rows[i].name;
	return "?";
}

/* ------------------------------------------------------------------ */
/* Commands                                                           */
/* ------------------------------------------------------------------ */

_Static_assert(sizeof(struct vcmd_ctx_rlimit_v0) == 32,
	       "vcmd_ctx_rlimit_v0 is 32 bytes");
_Static_assert(sizeof(struct vcmd_rlimit_stat_v0) == 32,
	       "vcmd_rlimit_stat_v0 is 32 bytes");
_Static_assert(sizeof(struct vcmd_ctx_rlimit_mask_v0) == 12,
	       "vcmd_ctx_rlimit_mask_v0 is 12 bytes");

/* get_rlimit_mask into *m (0xa5-filled first). */
static long __attribute__((unused))
vs_rlimit_mask(struct vs_agent *a, struct vcmd_ctx_rlimit_mask_v0 *m)
{
	memset(m, 0xa5, sizeof(*m));
	return vs_cmd(a, VCMD_get_rlimit_mask, 0, m, sizeof(*m));
}

/* get_rlimit of limit id of context xid into *r (0xa5-filled first). */
static long __attribute__((unused))
vs_get_rlimit(struct vs_agent *a, uint32_t xid, uint32_t id,
	      struct vcmd_ctx_rlimit_v0 *r)
{
	memset(r, 0xa5, sizeof(*r));
	r->id = id;
	return vs_cmd(a, VCMD_get_rlimit, xid, r, sizeof(*r));
}

static long __attribute__((unused))
vs_set_rlimit(struct vs_agent *a, uint32_t xid, uint32_t id, uint64_t min,
	      uint64_t soft, uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.minimum = min;
	r.softlimit = soft;
	r.maximum = hard;
	return vs_cmd(a, VCMD_set_rlimit, xid, &r, sizeof(r));
}

/* set_rlimit of the hard limit only (soft kept, minimum unset). */
static long __attribute__((unused))
vs_set_hard(struct vs_agent *a, uint32_t xid, uint32_t id, uint64_t hard)
{
	return vs_set_rlimit(a, xid, id, CRLIM_UNSET, CRLIM_KEEP, hard);
}

/* rlimit_stat of limit id of context xid into *s (0xa5-filled first). */
static long __attribute__((unused))
vs_rlimit_stat(struct vs_agent *a, uint32_t xid, uint32_t id,
	       struct vcmd_rlimit_stat_v0 *s)
{
	memset(s, 0xa5, sizeof(*s));
	s->id = id;
	return vs_cmd(a, VCMD_rlimit_stat, xid, s, sizeof(*s));
}

static long __attribute__((unused)) vs_reset_hits(struct vs_agent *a,
						  uint32_t xid)
{
	return vs_cmd(a, VCMD_reset_hits, xid, NULL, 0);
}

static long __attribute__((unused)) vs_reset_minmax(struct vs_agent *a,
						    uint32_t xid)
{
	return vs_cmd(a, VCMD_reset_minmax, xid, NULL, 0);
}

/*
 * The current value of a limit, as the test sees it; -1 (and a message)
 * if rlimit_stat fails.
 */
static long long __attribute__((unused)) vs_lvalue(uint32_t xid, uint32_t id)
{
	struct vcmd_rlimit_stat_v0 s;

	if (vs_rlimit_stat(NULL, xid, id, &s)) {
		fprintf(stderr, "# rlimit_stat(%u, %s): %s\n", xid,
			vs_limit_name(id), strerror(errno));
		return -1;
	}
	return (long long)s.value;
}

/* The hit counter of a limit; -1 (and a message) if rlimit_stat fails. */
static long long __attribute__((unused)) vs_lhits(uint32_t xid, uint32_t id)
{
	struct vcmd_rlimit_stat_v0 s;

	if (vs_rlimit_stat(NULL, xid, id, &s)) {
		fprintf(stderr, "# rlimit_stat(%u, %s): %s\n", xid,
			vs_limit_name(id), strerror(errno));
		return -1;
	}
	return s.hits;
}

/*
 * Polls until the value of limit id of xid is want; returns the last
 * value seen (want once reached).
 */
static long long __attribute__((unused))
vs_wait_lvalue(uint32_t xid, uint32_t id, long long want, unsigned int ms)
{
	long long v = -1;
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		v = vs_lvalue(xid, id);
		if (v == want)
			break;
		vs_msleep(10);
	}
	return v;
}

/* ------------------------------------------------------------------ */
/* /proc/virtual/<xid>/limit                                          */
/* ------------------------------------------------------------------ */

/*
 * One row of the limit file: the line of text that starts with name
 * (e.g. "PROC:") into line; 0, or -1 if there is none.
 */
static int __attribute__((unused)) vs_limit_line(const char *text,
						 const char *name, char *line,
						 size_t size)
{
	char key[32];

	snprintf(key, sizeof(key), "%s\t", name);
	if (vs_field(text, key, line, size))
		return -1;
	return 0;
}

/* A value as the limit file shows it: -1 for CRLIM_INFINITY. */
static void __attribute__((unused)) vs_limit_show(char *out, size_t size,
						  uint64_t v)
{
	if (v == CRLIM_INFINITY)
		snprintf(out, size, "-1");
	else
		snprintf(out, size, "%llu", (unsigned long long)v);
}

/*
 * The row of limit id of xid as it should read, from rlimit_stat and
 * get_rlimit: "<cur>\t<min>/<max>\t<soft>/<hard>\t<hits>" (after the
 * "NAME:\t").  0, or -1 if a command fails.
 */
static int __attribute__((unused)) vs_limit_row_expected(uint32_t xid,
							 uint32_t id,
							 char *out,
							 size_t size)
{
	struct vcmd_rlimit_stat_v0 s;
	struct vcmd_ctx_rlimit_v0 r;
	char soft[32], hard[32];

	if (vs_rlimit_stat(NULL, xid, id, &s) ||
	    vs_get_rlimit(NULL, xid, id, &r)) {
		if (errno != EINVAL)
			return -1;
		/* A limit the kernel does not count: vs2.3's unset row. */
		snprintf(out, size, "0\t0/0\t-1/-1\t0");
		return 0;
	}
	vs_limit_show(soft, sizeof(soft), r.softlimit);
	vs_limit_show(hard, sizeof(hard), r.maximum);
	snprintf(out, size, "%lld\t%lld/%lld\t%s/%s\t%u",
		 (long long)s.value, (long long)s.minimum,
		 (long long)s.maximum, soft, hard, s.hits);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Objects an agent keeps: files, pipes, sockets...                    */
/* ------------------------------------------------------------------ */

/* What vs_fn_make makes. */
enum vs_kind {
	VS_K_OPEN,		/* open("/dev/null") */
	VS_K_PIPE,		/* pipe(): 2 files */
	VS_K_UNIX,		/* socket(AF_UNIX, SOCK_DGRAM) */
	VS_K_SOCKETPAIR,	/* socketpair(AF_UNIX): 2 sockets, 2 files */
	VS_K_UDP,		/* socket(AF_INET, SOCK_DGRAM), bound */
	VS_K_TCP,		/* socket(AF_INET, SOCK_STREAM) */
	VS_K_TCPL,		/* the same, listening on 127.0.0.1 */
	VS_K_MEMFD,		/* memfd_create() */
	VS_K_EVENTFD,		/* eventfd() */
	VS_K_EPOLL,		/* epoll_create1() */
	VS_K_TIMERFD,		/* timerfd_create() */
	VS_K_SIGNALFD,		/* signalfd() */
	VS_K_PIDFD,		/* pidfd_open() of the caller */
	VS_K_OPATH,		/* open("/", O_PATH) */
	VS_K_DUP,		/* dup() of the first object kept */
	VS_K_DUP2,		/* fcntl(F_DUPFD_CLOEXEC) of the first one */
	VS_NKINDS
};

static const char *const vs_kind_names[VS_NKINDS] __attribute__((unused)) = {
	"open", "pipe", "unix socket", "socketpair", "udp socket",
	"tcp socket", "tcp listener", "memfd", "eventfd", "epoll", "timerfd",
	"signalfd", "pidfd", "O_PATH", "dup", "F_DUPFD",
};

#define VS_HELD_MAX	4096

/* In an agent: the descriptors it keeps, oldest first. */
static int vs_held[VS_HELD_MAX] __attribute__((unused));
static int vs_nheld __attribute__((unused));

/* Makes one object of kind k; its descriptors go to fds.  Returns 1 or 2. */
static int __attribute__((unused)) vs_make(int k, int fds[2])
{
	sigset_t set;
	int r;

	switch (k) {
	case VS_K_OPEN:
		fds[0] = open("/dev/null", O_RDWR | O_CLOEXEC);
		break;
	case VS_K_PIPE:
		return pipe2(fds, O_CLOEXEC) ? -1 : 2;
	case VS_K_UNIX:
		fds[0] = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		break;
	case VS_K_SOCKETPAIR:
		return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0,
				  fds) ? -1 : 2;
	case VS_K_UDP:
	case VS_K_TCPL: {
		struct sockaddr_in sin = {
			.sin_family = AF_INET,
			.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		};

		fds[0] = socket(AF_INET, (k == VS_K_UDP ? SOCK_DGRAM :
					  SOCK_STREAM) | SOCK_CLOEXEC, 0);
		if (fds[0] >= 0 &&
		    (bind(fds[0], (struct sockaddr *)&sin, sizeof(sin)) ||
		     (k == VS_K_TCPL && listen(fds[0], 4)))) {
			int err = errno;

			close(fds[0]);
			errno = err;
			return -1;
		}
		break;
	}
	case VS_K_TCP:
		fds[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		break;
	case VS_K_MEMFD:
		fds[0] = memfd_create("vs-limit", MFD_CLOEXEC);
		break;
	case VS_K_EVENTFD:
		fds[0] = eventfd(0, EFD_CLOEXEC);
		break;
	case VS_K_EPOLL:
		fds[0] = epoll_create1(EPOLL_CLOEXEC);
		break;
	case VS_K_TIMERFD:
		fds[0] = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
		break;
	case VS_K_SIGNALFD:
		sigemptyset(&set);
		sigaddset(&set, SIGUSR2);
		fds[0] = signalfd(-1, &set, SFD_CLOEXEC);
		break;
	case VS_K_PIDFD:
		fds[0] = syscall(SYS_pidfd_open, getpid(), 0);
		break;
	case VS_K_OPATH:
		fds[0] = open("/", O_PATH | O_CLOEXEC);
		break;
	case VS_K_DUP:
	case VS_K_DUP2:
		if (!vs_nheld) {
			errno = EBADF;
			return -1;
		}
		fds[0] = k == VS_K_DUP ? dup(vs_held[0]) :
			 fcntl(vs_held[0], F_DUPFD_CLOEXEC, 0);
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	r = fds[0] < 0 ? -1 : 1;
	return r;
}

/*
 * Makes up to arg1 objects of kind arg0 and keeps them.  Returns how
 * many it made: arg1, or fewer with errno that of the first failure
 * (which ends the loop).
 */
static long __attribute__((unused)) vs_fn_make(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[1]; i++) {
		int fds[2], n, j;

		if (vs_nheld + 2 > VS_HELD_MAX) {
			errno = ENOSPC;
			return i;
		}
		n = vs_make(m->arg[0], fds);
		if (n < 0)
			return i;
		for (j = 0; j < n; j++)
			vs_held[vs_nheld++] = fds[j];
	}
	errno = 0;
	return i;
}

/* Closes the arg0 descriptors kept last (all if arg0 <= 0). */
static long __attribute__((unused)) vs_fn_close(struct vs_msg *m)
{
	long n = m->arg[0] <= 0 || m->arg[0] > vs_nheld ? vs_nheld : m->arg[0];
	long i;

	for (i = 0; i < n; i++)
		close(vs_held[--vs_nheld]);
	return n;
}

/* Closes the descriptor kept at index arg0 (the others move down). */
static long __attribute__((unused)) vs_fn_close_at(struct vs_msg *m)
{
	long i = m->arg[0];

	if (i < 0 || i >= vs_nheld) {
		errno = EINVAL;
		return -1;
	}
	close(vs_held[i]);
	memmove(&vs_held[i], &vs_held[i + 1],
		(vs_nheld - i - 1) * sizeof(vs_held[0]));
	vs_nheld--;
	return 0;
}

/* Keeps the descriptor that came with the call. */
static long __attribute__((unused)) vs_fn_keep_fd(struct vs_msg *m)
{
	if (m->fd < 0 || vs_nheld >= VS_HELD_MAX) {
		errno = EBADF;
		return -1;
	}
	vs_held[vs_nheld++] = m->fd;
	m->fd = -1;
	return vs_nheld - 1;
}

/*
 * arg1 times: makes an object of kind arg0 and closes it.  Returns the
 * number of failures; errno is that of the first one.
 */
static long __attribute__((unused)) vs_fn_make_cycles(struct vs_msg *m)
{
	int first = 0;
	long i, fails = 0;

	for (i = 0; i < m->arg[1]; i++) {
		int fds[2], n, j;

		n = vs_make(m->arg[0], fds);
		if (n < 0) {
			if (!fails++)
				first = errno;
			continue;
		}
		for (j = 0; j < n; j++)
			close(fds[j]);
	}
	errno = first;
	return fails;
}

/* ------------------------------------------------------------------ */
/* Listening sockets, accept                                          */
/* ------------------------------------------------------------------ */

/* An address a listening socket of an agent is on. */
struct vs_addr {
	socklen_t len;
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_un sun;
	} u;
};

/* In an agent: its listening socket, -1 if none. */
static int vs_listener __attribute__((unused)) = -1;

/*
 * Makes the agent's listening socket (not kept in vs_held): arg0 0 for
 * AF_UNIX (a path in /tmp: abstract names are per context, and the test
 * connects from the host), 1 for TCP on 127.0.0.1.  data out: struct
 * vs_addr.  Returns 0.
 */
static long __attribute__((unused)) vs_fn_listen(struct vs_msg *m)
{
	struct vs_addr a;
	int fd;

	memset(&a, 0, sizeof(a));
	if (m->arg[0]) {
		a.u.sin.sin_family = AF_INET;
		a.u.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		a.len = sizeof(a.u.sin);
	} else {
		static int n;

		a.u.sun.sun_family = AF_UNIX;
		a.len = offsetof(struct sockaddr_un, sun_path) + 1 +
			snprintf(a.u.sun.sun_path, sizeof(a.u.sun.sun_path),
				 "/tmp/vs-limit-%d-%d", getpid(), n++);
		unlink(a.u.sun.sun_path);
	}
	fd = socket(a.u.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, &a.u.sa, a.len) || listen(fd, 64) ||
	    getsockname(fd, &a.u.sa, &a.len)) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	if (vs_listener >= 0)
		close(vs_listener);
	vs_listener = fd;
	memcpy(m->data, &a, sizeof(a));
	return 0;
}

/* Closes the listening socket. */
static long __attribute__((unused)) vs_fn_unlisten(struct vs_msg *m)
{
	if (vs_listener < 0) {
		errno = EBADF;
		return -1;
	}
	close(vs_listener);
	vs_listener = -1;
	return 0;
}

/*
 * Accepts up to arg0 connections and keeps them.  Without arg1, waits at
 * most 2 s for each to be pending (EAGAIN if none comes), with arg1
 * blocks in accept(2).  Returns how many it accepted, errno that of the
 * failure that ended the loop.
 */
static long __attribute__((unused)) vs_fn_accept(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[0]; i++) {
		int fd;

		if (vs_nheld >= VS_HELD_MAX) {
			errno = ENOSPC;
			return i;
		}
		if (!m->arg[1]) {
			struct pollfd p = { .fd = vs_listener,
					    .events = POLLIN };

			if (poll(&p, 1, 2000) != 1) {
				errno = EAGAIN;
				return i;
			}
		}
		fd = accept4(vs_listener, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			return i;
		vs_held[vs_nheld++] = fd;
	}
	errno = 0;
	return i;
}

/*
 * arg0 times: connects a socket to the own listening socket, accepts
 * the connection, closes both (arg1: the accepted one first).  Returns
 * the number of failures, errno that of the first.
 */
static long __attribute__((unused)) vs_fn_accept_cycles(struct vs_msg *m)
{
	struct vs_addr a;
	long i, fails = 0;
	int first = 0;

	a.len = sizeof(a.u);
	if (vs_listener < 0 || getsockname(vs_listener, &a.u.sa, &a.len))
		return -1;
	for (i = 0; i < m->arg[0]; i++) {
		int c, s = -1;

		c = socket(a.u.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (c < 0 || connect(c, &a.u.sa, a.len) ||
		    (s = accept4(vs_listener, NULL, NULL, SOCK_CLOEXEC)) < 0) {
			if (!fails++)
				first = errno;
		}
		if (m->arg[1] && s >= 0)
			close(s);
		if (c >= 0)
			close(c);
		if (!m->arg[1] && s >= 0)
			close(s);
	}
	errno = first;
	return fails;
}

/* A socket of the caller (the test) connected to a, -1 on an error. */
static int __attribute__((unused)) vs_connect(const struct vs_addr *a)
{
	int fd = socket(a->u.sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, &a->u.sa, a->len)) {
		int err = errno;

		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

/* ------------------------------------------------------------------ */
/* Passing descriptors to the test                                    */
/* ------------------------------------------------------------------ */

/* In an agent: a socket to the test, for vs_fn_send_new; -1 if none. */
static int vs_chan __attribute__((unused)) = -1;

/* Keeps the socket that came with the call as the channel to the test. */
static long __attribute__((unused)) vs_fn_set_chan(struct vs_msg *m)
{
	if (m->fd < 0) {
		errno = EBADF;
		return -1;
	}
	if (vs_chan >= 0)
		close(vs_chan);
	vs_chan = m->fd;
	m->fd = -1;
	return 0;
}

static int __attribute__((unused)) vs_send_fd(int sock, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte = 'F';
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;

	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &mh, MSG_NOSIGNAL) == 1 ? 0 : -1;
}

/* The descriptor that came on sock; -1 if none. */
static int __attribute__((unused)) vs_recv_fd(int sock)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	struct cmsghdr *c;
	int fd = -1;

	if (recvmsg(sock, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT) != 1)
		return -1;
	for (c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

/*
 * Makes one object of kind arg0, sends its (first) descriptor to the
 * test over the channel and closes its own.  Returns 0.
 */
static long __attribute__((unused)) vs_fn_send_new(struct vs_msg *m)
{
	int fds[2], n, j, err;

	if (vs_chan < 0) {
		errno = EBADF;
		return -1;
	}
	n = vs_make(m->arg[0], fds);
	if (n < 0)
		return -1;
	err = vs_send_fd(vs_chan, fds[0]) ? errno : 0;
	for (j = 0; j < n; j++)
		close(fds[j]);
	errno = err;
	return err ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* Tasks an agent keeps: children, threads                            */
/* ------------------------------------------------------------------ */

#define VS_KIDS_MAX	256

/* In an agent: its sleeping children. */
static pid_t vs_kids[VS_KIDS_MAX] __attribute__((unused));
static int vs_nkids __attribute__((unused));
static pid_t vs_kid_parent __attribute__((unused));

/* The life of a child of vs_fn_spawn: sleep until killed. */
static void __attribute__((unused, noreturn)) vs_kid_main(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* The parent may have died before the line above. */
	if (getppid() != vs_kid_parent)
		_exit(0);
	close(VS_AGENT_FD);
	if (vs_chan >= 0)
		close(vs_chan);
	for (;;)
		pause();
}

/*
 * Forks up to arg0 children that sleep.  Returns how many it forked,
 * errno that of the fork that failed.
 */
static long __attribute__((unused)) vs_fn_spawn(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[0]; i++) {
		pid_t pid;

		if (vs_nkids >= VS_KIDS_MAX) {
			errno = ENOSPC;
			return i;
		}
		vs_kid_parent = getpid();
		pid = fork();
		if (pid < 0)
			return i;
		if (pid == 0)
			vs_kid_main();
		vs_kids[vs_nkids++] = pid;
	}
	errno = 0;
	return i;
}

/*
 * Kills the arg0 children forked last (all if arg0 <= 0) and waits until
 * they are gone.  Returns how many.
 */
static long __attribute__((unused)) vs_fn_unspawn(struct vs_msg *m)
{
	long n = m->arg[0] <= 0 || m->arg[0] > vs_nkids ? vs_nkids : m->arg[0];
	long i;

	for (i = 0; i < n; i++) {
		pid_t pid = vs_kids[--vs_nkids];

		kill(pid, SIGKILL);
		/* SIGCHLD is ignored: waitpid fails once it is gone. */
		while (waitpid(pid, NULL, 0) >= 0 || errno == EINTR)
			;
	}
	return n;
}

/*
 * arg0 times: forks a child that exits at once, and waits for it.
 * Returns the number of failed forks; errno is that of the first.
 */
static long __attribute__((unused)) vs_fn_fork_cycles(struct vs_msg *m)
{
	long i, fails = 0;
	int first = 0;

	/*
	 * Reaped by waitpid, which returns once the child is released: an
	 * automatically reaped child (SIGCHLD ignored) counts until the
	 * kernel releases it, a moment after waitpid reports it gone.
	 */
	signal(SIGCHLD, SIG_DFL);
	for (i = 0; i < m->arg[0]; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			if (!fails++)
				first = errno;
			continue;
		}
		if (pid == 0)
			_exit(0);
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	signal(SIGCHLD, SIG_IGN);
	errno = first;
	return fails;
}

/* vfork() a child that exits at once; returns its pid. */
static long __attribute__((unused)) vs_fn_vfork(struct vs_msg *m)
{
	pid_t pid = vfork();

	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		while (waitpid(pid, NULL, 0) >= 0 || errno == EINTR)
			;
		errno = 0;
	}
	return pid;
}

/* Threads of vs_fn_threads: they wait for vs_threads_stop. */
#define VS_THREADS_MAX	256
static pthread_t vs_threads[VS_THREADS_MAX] __attribute__((unused));
static int vs_nthreads __attribute__((unused));
static pthread_mutex_t vs_threads_lock __attribute__((unused)) =
	PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t vs_threads_cond __attribute__((unused)) =
	PTHREAD_COND_INITIALIZER;
static int vs_threads_stop __attribute__((unused));

static void *vs_thread_main(void *arg)
{
	pthread_mutex_lock(&vs_threads_lock);
	while (!vs_threads_stop)
		pthread_cond_wait(&vs_threads_cond, &vs_threads_lock);
	pthread_mutex_unlock(&vs_threads_lock);
	return NULL;
}

/*
 * Starts up to arg0 threads that wait.  Returns how many it started,
 * errno the error of pthread_create that failed.
 */
static long __attribute__((unused)) vs_fn_threads(struct vs_msg *m)
{
	pthread_attr_t attr;
	long i;

	vs_threads_stop = 0;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < m->arg[0]; i++) {
		int err;

		if (vs_nthreads >= VS_THREADS_MAX) {
			errno = ENOSPC;
			break;
		}
		err = pthread_create(&vs_threads[vs_nthreads], &attr,
				     vs_thread_main, NULL);
		if (err) {
			errno = err;
			break;
		}
		vs_nthreads++;
	}
	pthread_attr_destroy(&attr);
	if (i == m->arg[0])
		errno = 0;
	return i;
}

/* Ends every thread of vs_fn_threads and joins it.  Returns how many. */
static long __attribute__((unused)) vs_fn_threads_end(struct vs_msg *m)
{
	long n = vs_nthreads;

	pthread_mutex_lock(&vs_threads_lock);
	vs_threads_stop = 1;
	pthread_cond_broadcast(&vs_threads_cond);
	pthread_mutex_unlock(&vs_threads_lock);
	while (vs_nthreads > 0)
		pthread_join(vs_threads[--vs_nthreads], NULL);
	return n;
}

/*
 * arg0 times: starts a thread that ends at once and joins it.  Returns
 * the number of failures; errno is the first error.
 */
static long __attribute__((unused)) vs_fn_thread_cycles(struct vs_msg *m)
{
	long i, fails = 0;
	int first = 0;

	vs_threads_stop = 1;
	for (i = 0; i < m->arg[0]; i++) {
		pthread_t t;
		int err = pthread_create(&t, NULL, vs_thread_main, NULL);

		if (err) {
			if (!fails++)
				first = err;
			continue;
		}
		pthread_join(t, NULL);
	}
	errno = first;
	return fails;
}

/*
 * A thread made with a bare clone(2): CLONE_THREAD and the rest, its own
 * small stack, no libc thread state.  It waits on a futex word and
 * exits with SYS_exit; the kernel clears its tid word when it is gone.
 */
#define VS_RAW_STACK	(64 * 1024)
static volatile int vs_raw_stop __attribute__((unused));
static volatile pid_t vs_raw_tid __attribute__((unused));

static int vs_raw_thread(void *arg)
{
	while (!vs_raw_stop)
		syscall(SYS_futex, &vs_raw_stop, FUTEX_WAIT, 0, NULL, NULL, 0);
	syscall(SYS_exit, 0);
	return 0;
}

/* Starts one bare clone(CLONE_THREAD) thread; returns its tid. */
static long __attribute__((unused)) vs_fn_raw_thread(struct vs_msg *m)
{
	static char *stack;
	const int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD | CLONE_SYSVSEM |
			  CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	long tid;

	if (vs_raw_tid) {
		errno = EBUSY;
		return -1;
	}
	if (!stack) {
		stack = mmap(NULL, VS_RAW_STACK, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (stack == MAP_FAILED) {
			stack = NULL;
			return -1;
		}
	}
	vs_raw_stop = 0;
	tid = clone(vs_raw_thread, stack + VS_RAW_STACK, flags, NULL,
		    &vs_raw_tid, NULL, &vs_raw_tid);
	if (tid < 0)
		vs_raw_tid = 0;
	else
		errno = 0;
	return tid;
}

/*
 * A bare thread with a file table of its own (no CLONE_FILES) that makes
 * (long)arg pipes and exits with them open, so that its exit has files
 * to close after the kernel has reported it gone (CLONE_CHILD_CLEARTID).
 * Only raw system calls: it shares the caller's TLS.
 */
static int vs_raw_pipes_thread(void *arg)
{
	long i, n = (long)arg;
	int fds[2];

	for (i = 0; i < n; i++)
		if (syscall(SYS_pipe2, fds, O_CLOEXEC))
			break;
	syscall(SYS_exit, 0);
	return 0;
}

/* Waits until the kernel has cleared *tid (the thread is gone for it). */
static void vs_wait_tid(volatile pid_t *tid)
{
	pid_t t;

	while ((t = *tid))
		syscall(SYS_futex, tid, FUTEX_WAIT, t, NULL, NULL, 0);
}

/*
 * arg0 times: a bare thread with arg1 pipes of its own exits; as soon as
 * the kernel reports it gone, another bare thread is started (and waited
 * for), then the caller waits until its context counts one task again.
 * Returns how many of the second threads could not be started, errno
 * that of the first failure; -1 (errno ETIMEDOUT) if the count never
 * came back.
 */
static long __attribute__((unused)) vs_fn_raw_exit_cycles(struct vs_msg *m)
{
	const int flags = CLONE_VM | CLONE_FS | CLONE_SIGHAND | CLONE_THREAD |
			  CLONE_SYSVSEM | CLONE_PARENT_SETTID |
			  CLONE_CHILD_CLEARTID;
	static char *stack;
	static volatile pid_t tid;
	long i, fails = 0;
	int first = 0;

	if (!stack) {
		stack = mmap(NULL, VS_RAW_STACK, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (stack == MAP_FAILED) {
			stack = NULL;
			return -1;
		}
	}
	for (i = 0; i < m->arg[0]; i++) {
		struct vcmd_rlimit_stat_v0 st;
		int t;

		if (clone(vs_raw_pipes_thread, stack + VS_RAW_STACK, flags,
			  (void *)m->arg[1], &tid, NULL, &tid) < 0)
			return -1;
		vs_wait_tid(&tid);
		if (clone(vs_raw_pipes_thread, stack + VS_RAW_STACK, flags,
			  (void *)0L, &tid, NULL, &tid) < 0) {
			if (!fails++)
				first = errno;
		} else {
			vs_wait_tid(&tid);
		}
		for (t = 0; t < 5000; t++) {
			memset(&st, 0, sizeof(st));
			st.id = RLIMIT_NPROC;
			if (!vserver(VCMD_rlimit_stat, VX_SELF_ID, &st) &&
			    st.value == 1)
				break;
			usleep(1000);
		}
		if (t == 5000) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
	errno = first;
	return fails;
}

/* Ends the bare thread and waits until the kernel reports it gone. */
static long __attribute__((unused)) vs_fn_raw_thread_end(struct vs_msg *m)
{
	pid_t tid;

	vs_raw_stop = 1;
	syscall(SYS_futex, &vs_raw_stop, FUTEX_WAKE, 1, NULL, NULL, 0);
	while ((tid = vs_raw_tid))
		syscall(SYS_futex, &vs_raw_tid, FUTEX_WAIT, tid, NULL, NULL, 0);
	return 0;
}

/*
 * A fork bomb: forks a child that closes the agent's socket and then
 * forks for ever, as do all its descendants; a failed fork waits arg0
 * microseconds.  Returns the pid of the first bomb process.
 */
static long __attribute__((unused)) vs_fn_fork_bomb(struct vs_msg *m)
{
	const long us = m->arg[0];
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid)
		return pid;
	for (;;) {
		/*
		 * Each bomb process dies with its parent, so that none
		 * outlives the agent (and the test).
		 */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		close(VS_AGENT_FD);
		parent = getpid();
		for (;;) {
			pid = fork();
			if (pid == 0)
				break;
			if (pid < 0 && us > 0)
				usleep(us);
		}
	}
}

/*
 * In an agent forked by another one: forgets what the parent kept (its
 * descriptors were closed by vs_agent_main, its children are not ours).
 */
static long __attribute__((unused)) vs_fn_forget(struct vs_msg *m)
{
	vs_nheld = 0;
	vs_nkids = 0;
	vs_nthreads = 0;
	vs_listener = -1;
	vs_chan = -1;
	return 0;
}

/* Agent p forks agent a (in p's context), which starts with nothing kept. */
#define VS_FORK_CLEAN(p, a)						\
	do {								\
		VS_FORK(p, a);						\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_forget));		\
	} while (0)

#endif /* _VSERVER_SELFTEST_VS_HELPERS3_H */
