// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite, issue 17 (escapes): attempts by root in a
 * guest to reach host services through addresses the stack rewrites
 * after the socket hooks ran (IPv4 sockaddrs and v4-mapped addresses on
 * IPv6 sockets, the unspecified destination, source overrides in cmsgs),
 * through SO_REUSEPORT groups shared with the host, and to signal or
 * inspect host tasks through process groups and user ids (SIGIO, SIGURG,
 * getpriority/setpriority, ioprio_get/ioprio_set, kill).  The world and
 * the verdicts are those of attack.h; README lists the attempts.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/icmp6.h>
#include <netinet/ip_icmp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>
#include <poll.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

#ifndef IOPRIO_CLASS_IDLE
#define IOPRIO_CLASS_BE		2
#define IOPRIO_CLASS_IDLE	3
#define IOPRIO_PRIO_VALUE(c, d)	(((c) << 13) | (d))
#define IOPRIO_WHO_PROCESS	1
#define IOPRIO_WHO_PGRP		2
#define IOPRIO_WHO_USER		3
#endif

/* Host sockets of these tests (other than attack.h's). */
#define E_PORT_UANY	4110	/* host UDP on 0.0.0.0 */
#define E_PORT_T6	4111	/* host TCP on [::1] */
#define E_PORT_U6	4112	/* host UDP on [::1] */
#define E_PORT_TANY	4113	/* host TCP on 0.0.0.0 */
#define E_PORT_RU4	4114	/* host UDP reuseport group on 0.0.0.0 */
#define E_PORT_RU6	4115	/* host UDP reuseport group on [::] */
#define E_PORT_RT4	4116	/* host TCP reuseport group on 0.0.0.0 */
#define E_PORT_RT6	4117	/* host TCP reuseport group on [::] */
#define E_UID		1234	/* the uid of the host's group member */
#define E_NICE		5	/* its nice value */
#define E_IOPRIO	IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)

/* attack.h's helpers these attempts do not need. */
static const void *const e_unused[] __attribute__((unused)) = {
	at_uncount, at_outside_root, at_arg2, at_guest_chrooted,
};

FIXTURE(attack) {
	struct at_world w;
	pid_t leader, member;	/* a host process group without leader */
};

FIXTURE_SETUP(attack)
{
	int ok = at_world_up(&self->w) == 0;

	if (!ok)
		at_world_down();
	self->leader = self->member = -1;
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why);
}

FIXTURE_TEARDOWN(attack)
{
	if (self->member > 0) {
		kill(self->member, SIGKILL);
		waitpid(self->member, NULL, 0);
	}
	at_restore_host();
	EXPECT_TRUE(at_world_down())
		TH_LOG("the contexts did not go away");
}

/* ================================================================== */
/* Host side                                                          */
/* ================================================================== */

/* A host socket on ip (IPv4 or IPv6 text) and port; listening if TCP. */
static int e_host_sock(int type, const char *ip, int port, int reuseport)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1, fd;

	memset(&ss, 0, sizeof(ss));
	if (strchr(ip, ':')) {
		struct sockaddr_in6 *s6 = (void *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		inet_pton(AF_INET6, ip, &s6->sin6_addr);
		len = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		inet_pton(AF_INET, ip, &s4->sin_addr);
		len = sizeof(*s4);
	}
	fd = socket(ss.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (reuseport)
		setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(fd, (void *)&ss, len) ||
	    (type == SOCK_STREAM && listen(fd, 64))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* How many datagrams or connections wait on host socket fd. */
static int e_drain(int fd, int type)
{
	char buf[64];
	int n = 0, c;

	for (;;) {
		if (type == SOCK_STREAM) {
			c = accept(fd, NULL, NULL);
			if (c < 0)
				break;
			close(c);
		} else if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0) {
			break;
		}
		n++;
	}
	return n;
}

/*
 * The host sends n datagrams (or connects n times, all at once, waiting
 * at most 3 s for them) to ip:port.  Returns how many went through.
 */
static int e_host_hits(int type, const char *ip, int port, int n)
{
	struct pollfd p[64];
	int i, done = 0, pending = 0;

	if (n > 64)
		n = 64;
	for (i = 0; i < n; i++) {
		struct sockaddr_storage ss;
		socklen_t len;
		int fd;

		p[i].fd = -1;
		memset(&ss, 0, sizeof(ss));
		if (strchr(ip, ':')) {
			struct sockaddr_in6 *s6 = (void *)&ss;

			s6->sin6_family = AF_INET6;
			s6->sin6_port = htons(port);
			inet_pton(AF_INET6, ip, &s6->sin6_addr);
			len = sizeof(*s6);
		} else {
			struct sockaddr_in *s4 = (void *)&ss;

			s4->sin_family = AF_INET;
			s4->sin_port = htons(port);
			inet_pton(AF_INET, ip, &s4->sin_addr);
			len = sizeof(*s4);
		}
		fd = socket(ss.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    0);
		if (fd < 0)
			continue;
		if (type == SOCK_DGRAM) {
			if (sendto(fd, "h", 1, 0, (void *)&ss, len) == 1)
				done++;
			close(fd);
		} else if (!connect(fd, (void *)&ss, len)) {
			done++;
			close(fd);
		} else if (errno == EINPROGRESS) {
			p[i].fd = fd;
			p[i].events = POLLOUT;
			pending++;
		} else {
			close(fd);
		}
	}
	/*
	 * A connection that a guest's socket took and cannot answer hangs:
	 * wait until every one is done or none moved for 5 s.
	 */
	while (pending) {
		int ready = poll(p, n, 5000);

		if (ready <= 0)
			break;
		for (i = 0; i < n; i++) {
			int err = -1;
			socklen_t l = sizeof(err);

			if (p[i].fd < 0 || !p[i].revents)
				continue;
			if (!getsockopt(p[i].fd, SOL_SOCKET, SO_ERROR, &err, &l) &&
			    !err)
				done++;
			close(p[i].fd);
			p[i].fd = -1;
			pending--;
		}
	}
	for (i = 0; i < n; i++) {
		if (p[i].fd >= 0)
			close(p[i].fd);
	}
	return done;
}

static void e_sigdie(int sig)
{
	(void)sig;
	_exit(9);
}

/*
 * A host process group whose leader has exited: the leader makes the
 * group, a member (uid E_UID, nice E_NICE, I/O priority E_IOPRIO, dying
 * of SIGIO, SIGURG and SIGUSR1 too) joins it, the leader is reaped.
 * join >= 0: the member joins that group instead and no leader is made.
 * Returns the group's id, or -1.
 */
static pid_t e_host_group(pid_t *member, pid_t join)
{
	int r[2], p[2];
	pid_t leader = -1, pg = join, m;
	char c;

	if (pipe2(r, O_CLOEXEC) || pipe2(p, O_CLOEXEC))
		return -1;
	if (join < 0) {
		leader = fork();
		if (leader < 0)
			return -1;
		if (leader == 0) {
			setpgid(0, 0);
			close(r[0]);
			if (write(r[1], "K", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		if (read(r[0], &c, 1) != 1)
			return -1;
		pg = leader;
	}
	m = fork();
	if (m < 0)
		return -1;
	if (m == 0) {
		close(r[0]);
		close(p[1]);
		if (setpgid(0, pg))
			_exit(2);
		signal(SIGIO, e_sigdie);
		signal(SIGURG, e_sigdie);
		signal(SIGUSR1, e_sigdie);
		if (setresgid(E_UID, E_UID, E_UID) ||
		    setresuid(E_UID, E_UID, E_UID))
			_exit(3);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (write(r[1], "K", 1) != 1)
			_exit(1);
		while (read(p[0], &c, 1) < 0)
			;
		_exit(0);
	}
	close(r[1]);
	close(p[0]);
	/* p[1] stays open (close-on-exec): the member's lifeline. */
	if (read(r[0], &c, 1) != 1) {
		close(r[0]);
		return -1;
	}
	close(r[0]);
	setpriority(PRIO_PROCESS, m, E_NICE);
	syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, m, E_IOPRIO);
	if (leader > 0) {
		kill(leader, SIGKILL);
		waitpid(leader, NULL, 0);
	}
	*member = m;
	return pg;
}

/* Is the host member alive and as it was made? */
static int e_member_ok(pid_t m, char *why, size_t size)
{
	int status;

	if (waitpid(m, &status, WNOHANG) != 0) {
		snprintf(why, size, "the host group's member is gone: status 0x%x",
			 status);
		return 0;
	}
	/* A signal sent but not yet acted on counts too. */
	if (at_status_num(m, "SigPnd:\t") != 0 ||
	    at_status_num(m, "ShdPnd:\t") != 0) {
		snprintf(why, size, "the host group's member has a signal pending");
		return 0;
	}
	errno = 0;
	if (getpriority(PRIO_PROCESS, m) != E_NICE) {
		snprintf(why, size, "the host group's member has nice %d",
			 getpriority(PRIO_PROCESS, m));
		return 0;
	}
	if (syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, m) != E_IOPRIO) {
		snprintf(why, size, "the host group's member has I/O priority 0x%lx",
			 syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, m));
		return 0;
	}
	return 1;
}

#define MEMBER_OK()							\
	do {								\
		char __why[256] = "";					\
		NO_ESCAPE(e_member_ok(self->member, __why, sizeof(__why)), \
			  "%s", __why);					\
	} while (0)

#define HOST_GROUP()							\
	do {								\
		self->leader = e_host_group(&self->member, -1);		\
		ASSERT_LT(0, self->leader)				\
			TH_LOG("cannot make the host's process group");	\
	} while (0)

/* ================================================================== */
/* Guest side: sockets                                                */
/* ================================================================== */

/* An address in text: IPv6 if it has a ':', else IPv4. */
static socklen_t g_addr(struct sockaddr_storage *ss, const char *ip, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (strchr(ip, ':')) {
		struct sockaddr_in6 *s6 = (void *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		if (inet_pton(AF_INET6, ip, &s6->sin6_addr) != 1)
			return 0;
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		if (inet_pton(AF_INET, ip, &s4->sin_addr) != 1)
			return 0;
		return sizeof(*s4);
	}
}

/*
 * One network attempt, described by the string
 *   "<sock> <op> <dst> <port> [<bind address> | <source for pktinfo>]"
 * sock: tcp4 tcp6 udp4 udp6 ping4 ping6 raw4 raw6; op: connect (TCP
 * connect, or connect then send), sendto, fastopen (sendto with
 * MSG_FASTOPEN, a TCP connect), pktinfo (sendmsg with
 * IP_PKTINFO or IPV6_PKTINFO naming the source); dst: an IPv4 address
 * makes an AF_INET sockaddr even on an IPv6 socket.
 */
static long g_net(long arg)
{
	char sock[16], op[16], dst[64], extra[64] = "";
	struct sockaddr_storage ss, bs;
	socklen_t len, blen;
	unsigned char pkt[16] = { 0 };
	int port, fam, type, proto = 0, fd;

	if (sscanf((const char *)arg, "%15s %15s %63s %d %63s", sock, op, dst,
		   &port, extra) < 4)
		return -2;
	fam = sock[strlen(sock) - 1] == '6' ? AF_INET6 : AF_INET;
	if (!strncmp(sock, "tcp", 3)) {
		type = SOCK_STREAM;
	} else if (!strncmp(sock, "udp", 3)) {
		type = SOCK_DGRAM;
	} else if (!strncmp(sock, "ping", 4)) {
		type = SOCK_DGRAM;
		proto = fam == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	} else {
		type = SOCK_RAW;
		proto = fam == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	}
	/* An echo request: what ping and raw ICMP sockets may send. */
	pkt[0] = fam == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
	if (fam == AF_INET && type == SOCK_RAW) {
		/* The checksum of 08 00 00 00 00 00 00 00. */
		pkt[2] = 0xf7;
		pkt[3] = 0xff;
	}
	fd = socket(fam, type, proto);
	if (fd < 0) {
		NOTE("socket: %s", strerror(errno));
		return -2;
	}
	len = g_addr(&ss, dst, port);
	if (!len)
		return -2;
	if (extra[0] && strcmp(op, "pktinfo")) {
		blen = g_addr(&bs, extra, 0);
		if (!blen || bind(fd, (void *)&bs, blen)) {
			NOTE("bind %s: %s", extra, strerror(errno));
			return -2;
		}
	}
	if (!strcmp(op, "connect")) {
		if (connect(fd, (void *)&ss, len))
			return -1;
		if (type == SOCK_STREAM)
			return 0;
		return send(fd, pkt, 8, 0) == 8 ? 0 : -1;
	}
	if (!strcmp(op, "sendto"))
		return sendto(fd, pkt, 8, 0, (void *)&ss, len) == 8 ? 0 : -1;
	if (!strcmp(op, "fastopen"))
		return sendto(fd, pkt, 8, MSG_FASTOPEN, (void *)&ss, len) == 8 ?
		       0 : -1;
	if (!strcmp(op, "pktinfo")) {
		union {
			char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
			struct cmsghdr align;
		} u;
		struct iovec iov = { pkt, 8 };
		struct msghdr mh = { .msg_name = &ss, .msg_namelen = len,
				     .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = u.buf };
		struct cmsghdr *c;

		memset(&u, 0, sizeof(u));
		mh.msg_controllen = sizeof(u.buf);
		c = CMSG_FIRSTHDR(&mh);
		if (strchr(extra, ':')) {
			struct in6_pktinfo *pi;

			c->cmsg_level = IPPROTO_IPV6;
			c->cmsg_type = IPV6_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(*pi));
			pi = (struct in6_pktinfo *)CMSG_DATA(c);
			inet_pton(AF_INET6, extra, &pi->ipi6_addr);
		} else {
			struct in_pktinfo *pi;

			c->cmsg_level = IPPROTO_IP;
			c->cmsg_type = IP_PKTINFO;
			c->cmsg_len = CMSG_LEN(sizeof(*pi));
			pi = (struct in_pktinfo *)CMSG_DATA(c);
			inet_pton(AF_INET, extra, &pi->ipi_spec_dst);
		}
		mh.msg_controllen = c->cmsg_len;
		return sendmsg(fd, &mh, 0) == 8 ? 0 : -1;
	}
	return -2;
}

/*
 * "What" must be refused with EPERM (want) or at least not reach the
 * host socket fd (-1: none to look at).
 */
static void e_net(struct __test_metadata *_metadata, const char *desc,
		  const char *what, int fd, int want)
{
	long r;
	int err;

	r = ATTEMPT(AT_INIT, g_net, at_arg(desc, NULL), what);
	err = errno;
	TH_LOG("%s: %ld (%s)", desc, r, r ? strerror(err) : "ok");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run: %s",
				at_sh->res.note);
	if (want)
		REFUSED(r, err, want);
	if (fd >= 0)
		NO_ESCAPE(!at_reached(fd), "the host's socket was reached (%s)",
			  desc);
	HOST_OK();
}

#define NET(desc, what, fd, want) e_net(_metadata, desc, what, fd, want)

/* A host socket for one test, closed at its end by the world's exit. */
#define HOST_SOCK(type, ip, port)					\
	({								\
		int __fd = e_host_sock((type), (ip), (port), 0);	\
		ASSERT_LE(0, __fd) TH_LOG("host socket %s:%d: %s", (ip), \
					  (port), strerror(errno));	\
		__fd;							\
	})

/* ------------------------------------------------------------------ */
/* IPv4 addresses on IPv6 sockets                                     */
/* ------------------------------------------------------------------ */

TEST_F(attack, udp6_sendto_af_inet_host_loopback)
{
	NET("udp6 sendto 127.0.0.1 4104", "sendto() an AF_INET sockaddr 127.0.0.1 on a UDPv6 socket: the host's UDP service -> the guest's own loopback only",
	    W->udp_fd, 0);
}

TEST_F(attack, udp6_sendto_af_inet_other_loopback)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "0.0.0.0", E_PORT_UANY);

	NET("udp6 sendto 127.0.0.2 4110", "sendto() an AF_INET sockaddr 127.0.0.2 on a UDPv6 socket: a host UDP service on 0.0.0.0 -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_sendto_af_inet_neighbour_loopback)
{
	char d[96];

	snprintf(d, sizeof(d), "udp6 sendto %s 4103", vn_lback(AT_XB));
	NET(d, "sendto() an AF_INET sockaddr of the other guest's loopback on a UDPv6 socket -> EPERM",
	    -1, EPERM);
}

TEST_F(attack, udp6_connect_af_inet_host_loopback)
{
	NET("udp6 connect 127.0.0.1 4104", "connect() a UDPv6 socket to an AF_INET 127.0.0.1 and send: the host's UDP service -> the guest's own loopback only",
	    W->udp_fd, 0);
}

TEST_F(attack, udp6_connect_af_inet_other_loopback)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "0.0.0.0", E_PORT_UANY);

	NET("udp6 connect 127.0.0.2 4110", "connect() a UDPv6 socket to an AF_INET 127.0.0.2 (host UDP service on 0.0.0.0) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_connect_af_inet_neighbour_loopback)
{
	char d[96];

	snprintf(d, sizeof(d), "udp6 connect %s 4103", vn_lback(AT_XB));
	NET(d, "connect() a UDPv6 socket to an AF_INET sockaddr of the other guest's loopback -> EPERM",
	    -1, EPERM);
}

/* ------------------------------------------------------------------ */
/* v4-mapped destinations on IPv6 sockets                             */
/* ------------------------------------------------------------------ */

TEST_F(attack, tcp6_connect_v4mapped_host_loopback)
{
	NET("tcp6 connect ::ffff:127.0.0.1 4101", "connect() a TCPv6 socket to ::ffff:127.0.0.1 (the host's TCP service) -> the guest's own loopback only",
	    W->lo_fd, 0);
}

TEST_F(attack, tcp6_connect_v4mapped_other_loopback)
{
	int fd = HOST_SOCK(SOCK_STREAM, "0.0.0.0", E_PORT_TANY);

	NET("tcp6 connect ::ffff:127.0.0.2 4113", "connect() a TCPv6 socket to ::ffff:127.0.0.2 (a host TCP service on 0.0.0.0) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, tcp6_connect_v4mapped_neighbour_loopback)
{
	char d[96];

	snprintf(d, sizeof(d), "tcp6 connect ::ffff:%s 4103", vn_lback(AT_XB));
	NET(d, "connect() a TCPv6 socket to the other guest's loopback service, v4-mapped -> EPERM",
	    -1, EPERM);
}

TEST_F(attack, udp6_sendto_v4mapped_host_loopback)
{
	NET("udp6 sendto ::ffff:127.0.0.1 4104", "sendto() ::ffff:127.0.0.1 on a UDPv6 socket (the host's UDP service) -> the guest's own loopback only",
	    W->udp_fd, 0);
}

TEST_F(attack, udp6_sendto_v4mapped_other_loopback)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "0.0.0.0", E_PORT_UANY);

	NET("udp6 sendto ::ffff:127.0.0.2 4110", "sendto() ::ffff:127.0.0.2 on a UDPv6 socket (a host UDP service on 0.0.0.0) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_connect_v4mapped_neighbour_loopback)
{
	char d[96];

	snprintf(d, sizeof(d), "udp6 connect ::ffff:%s 4103", vn_lback(AT_XB));
	NET(d, "connect() a UDPv6 socket to the other guest's loopback, v4-mapped -> EPERM",
	    -1, EPERM);
}

TEST_F(attack, udp6_pktinfo_v4mapped_host_source)
{
	NET("udp6 pktinfo ::ffff:192.0.2.1 4105 ::ffff:127.0.0.1", "sendmsg() to ::ffff:192.0.2.1 on a UDPv6 socket with the host's 127.0.0.1 as source (IPV6_PKTINFO, v4-mapped) -> EPERM",
	    W->udph_fd, EPERM);
}

TEST_F(attack, udp6_pktinfo_host_ipv6_source)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "::", E_PORT_U6);

	NET("udp6 pktinfo " VN_HOST6 " 4112 ::1", "sendmsg() to the host's " VN_HOST6 " with the host's ::1 as source (IPV6_PKTINFO) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp4_pktinfo_host_loopback_source)
{
	NET("udp4 pktinfo 192.0.2.1 4105 127.0.0.1", "sendmsg() to the host's 192.0.2.1 with the host's 127.0.0.1 as source (IP_PKTINFO) -> EPERM",
	    W->udph_fd, EPERM);
}

/* ------------------------------------------------------------------ */
/* The unspecified destination                                        */
/* ------------------------------------------------------------------ */

TEST_F(attack, tcp6_connect_unspecified)
{
	int fd = HOST_SOCK(SOCK_STREAM, "::1", E_PORT_T6);

	NET("tcp6 connect :: 4111", "connect() a TCPv6 socket to [::] (the stack makes it [::1], a host TCP service) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, tcp6_fastopen_unspecified)
{
	int fd = HOST_SOCK(SOCK_STREAM, "::1", E_PORT_T6);

	NET("tcp6 fastopen :: 4111", "sendto(MSG_FASTOPEN) [::] on a TCPv6 socket (connects to [::1], a host TCP service) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, tcp4_fastopen_other_loopback)
{
	int fd = HOST_SOCK(SOCK_STREAM, "0.0.0.0", E_PORT_TANY);

	NET("tcp4 fastopen 127.0.0.2 4113", "sendto(MSG_FASTOPEN) 127.0.0.2 on a TCP socket (a host TCP service on 0.0.0.0) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_sendto_unspecified)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "::1", E_PORT_U6);

	NET("udp6 sendto :: 4112", "sendto() [::] on a UDPv6 socket (the stack makes it [::1], a host UDP service) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_connect_unspecified)
{
	int fd = HOST_SOCK(SOCK_DGRAM, "::1", E_PORT_U6);

	NET("udp6 connect :: 4112", "connect() a UDPv6 socket to [::] and send (a host UDP service on [::1]) -> EPERM",
	    fd, EPERM);
}

TEST_F(attack, udp6_v4mapped_bound_sendto_unspecified)
{
	NET("udp6 sendto :: 4104 ::ffff:192.0.2.11", "a UDPv6 socket bound to its own ::ffff:192.0.2.11 sends to [::] (the stack makes it 127.0.0.1, the host's UDP service) -> not the host",
	    W->udp_fd, 0);
}

TEST_F(attack, udp6_v4mapped_bound_connect_unspecified)
{
	NET("udp6 connect :: 4104 ::ffff:192.0.2.11", "a UDPv6 socket bound to its own ::ffff:192.0.2.11 connects to [::] and sends (the host's 127.0.0.1 UDP service) -> not the host",
	    W->udp_fd, 0);
}

TEST_F(attack, tcp6_v4mapped_bound_connect_unspecified)
{
	NET("tcp6 connect :: 4101 ::ffff:192.0.2.11", "a TCPv6 socket bound to its own ::ffff:192.0.2.11 connects to [::] (the host's 127.0.0.1 TCP service) -> not the host",
	    W->lo_fd, 0);
}

TEST_F(attack, tcp4_connect_inaddr_any)
{
	NET("tcp4 connect 0.0.0.0 4101", "connect() a TCP socket to 0.0.0.0 (the host's 127.0.0.1 TCP service) -> not the host",
	    W->lo_fd, 0);
}

TEST_F(attack, udp4_sendto_inaddr_any)
{
	NET("udp4 sendto 0.0.0.0 4104", "sendto() 0.0.0.0 on a UDP socket (the host's 127.0.0.1 UDP service) -> not the host",
	    W->udp_fd, 0);
}

TEST_F(attack, udp6_sendto_v4mapped_inaddr_any)
{
	NET("udp6 sendto ::ffff:0.0.0.0 4104", "sendto() ::ffff:0.0.0.0 on a UDPv6 socket (the host's 127.0.0.1 UDP service) -> not the host",
	    W->udp_fd, 0);
}

TEST_F(attack, tcp6_connect_v4mapped_inaddr_any)
{
	NET("tcp6 connect ::ffff:0.0.0.0 4101", "connect() a TCPv6 socket to ::ffff:0.0.0.0 (the host's 127.0.0.1 TCP service) -> not the host",
	    W->lo_fd, 0);
}

static long g_lsrr(long arg)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(AT_PORT_U) };
	/* NOP, LSRR (len 7, ptr 4) via hop, then padding to 8 bytes. */
	unsigned char opt[8] = { 1, 131, 7, 4 };
	in_addr_t hop = inet_addr((const char *)arg);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return -2;
	memcpy(opt + 4, &hop, 4);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(fd, IPPROTO_IP, IP_OPTIONS, opt, sizeof(opt))) {
		NOTE("IP_OPTIONS: %s", strerror(errno));
		return -1;
	}
	return sendto(fd, "x", 1, 0, (void *)&sa, sizeof(sa)) == 1 ? 0 : -1;
}

TEST_F(attack, udp4_source_route_to_host_loopback)
{
	long r = ATTEMPT(AT_INIT, g_lsrr, at_arg(AT_A4, NULL),
		"IP_OPTIONS loose source route through its own 192.0.2.11 to 127.0.0.1 (the host's UDP service) -> not the host");

	TH_LOG("sendto: %ld (%s)", r, r ? strerror(errno) : "ok");
	usleep(100000);
	NO_ESCAPE(!at_reached(W->udp_fd), "the host's 127.0.0.1 UDP socket got the datagram");
	HOST_OK();
}

/* ------------------------------------------------------------------ */
/* ICMP: ping sockets and raw sockets                                 */
/* ------------------------------------------------------------------ */

/* Lets gid 0 make ping sockets for one test (the guest's root). */
#define PING_ON()							\
	do {								\
		char __old[64] = "";					\
		read_file("/proc/sys/net/ipv4/ping_group_range", __old,	\
			  sizeof(__old));				\
		snprintf(e_ping_old, sizeof(e_ping_old), "%s", __old);	\
		ASSERT_EQ(0, at_write_file(				\
			"/proc/sys/net/ipv4/ping_group_range", "0 0"));	\
	} while (0)

static char e_ping_old[64];

static void e_ping_off(void)
{
	if (e_ping_old[0])
		at_write_file("/proc/sys/net/ipv4/ping_group_range",
			      e_ping_old);
}

TEST_F(attack, ping4_other_loopback)
{
	PING_ON();
	NET("ping4 sendto 127.0.0.2 0", "ICMP echo by a ping socket to 127.0.0.2 (the host's loopback) -> EPERM",
	    -1, EPERM);
	e_ping_off();
}

TEST_F(attack, ping6_unspecified)
{
	PING_ON();
	NET("ping6 sendto :: 0", "ICMPv6 echo by a ping socket to [::] (the host's [::1]) -> EPERM",
	    -1, EPERM);
	e_ping_off();
}

TEST_F(attack, raw4_icmp_connect_other_loopback)
{
	NET("raw4 connect 127.0.0.2 0", "raw ICMP socket connected to 127.0.0.2 (the host's loopback), then an echo request -> EPERM",
	    -1, EPERM);
}

TEST_F(attack, raw6_icmp_unspecified)
{
	NET("raw6 sendto :: 0", "raw ICMPv6 socket: an echo request to [::] (the stack makes it [::1]) -> EPERM",
	    -1, EPERM);
}

/* ------------------------------------------------------------------ */
/* Raw ICMP: the type that was checked is the type that is sent        */
/* ------------------------------------------------------------------ */

#define E_FLIP_SENDS	40000	/* echo requests of the racing attempt */

/*
 * A raw ICMP socket sends echo requests whose type byte a second
 * process (sharing the page) flips between ICMP_ECHO and
 * ICMP_TIMESTAMP all the time: a check that reads the type from user
 * memory before the stack reads it again for the packet can pass an
 * echo request and send a timestamp request.  Bounded by the number of
 * sends, not by time.  Returns 0; the verdict is the host's.
 */
static long g_raw_flip(long unused)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	volatile unsigned char *pkt;
	cpu_set_t cpus;
	long i, sent = 0, refused = 0;
	pid_t flipper;
	int fd;

	inet_pton(AF_INET, AT_HOST4, &sin.sin_addr);
	pkt = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (pkt == MAP_FAILED)
		return -2;
	pkt[0] = ICMP_ECHO;
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0) {
		NOTE("socket: %s", strerror(errno));
		return -2;
	}
	flipper = fork();
	if (flipper == 0) {
		CPU_ZERO(&cpus);
		CPU_SET(1, &cpus);
		sched_setaffinity(0, sizeof(cpus), &cpus);
		/* One flip per iteration: either value may be seen. */
		for (;;)
			pkt[0] ^= ICMP_ECHO ^ ICMP_TIMESTAMP;
	}
	if (flipper < 0)
		return -2;
	/* The count bounds the attempt, not attack.h's 20 s. */
	alarm(600);
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	sched_setaffinity(0, sizeof(cpus), &cpus);
	for (i = 0; i < E_FLIP_SENDS; i++) {
		if (sendto(fd, (const void *)pkt, 20, 0, (void *)&sin,
			   sizeof(sin)) == 20)
			sent++;
		else if (errno == EPERM)
			refused++;
	}
	kill(flipper, SIGKILL);
	waitpid(flipper, NULL, 0);
	NOTE("%ld sends: %ld sent, %ld refused", i, sent, refused);
	return 0;
}

TEST_F(attack, raw4_icmp_type_flipped_after_check)
{
	struct icmp_filter { uint32_t data; } only_ts = {
		~(1U << ICMP_TIMESTAMP) };
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	unsigned char buf[256];
	int fd, got = 0;
	long r;

	/* The host counts timestamp requests from guest A's address. */
	fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    IPPROTO_ICMP);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, setsockopt(fd, SOL_RAW, 1 /* ICMP_FILTER */, &only_ts,
				sizeof(only_ts)));
	r = ATTEMPT(AT_INIT, g_raw_flip, 0, "raw ICMP socket: echo requests whose type another process flips to timestamp request between the check and the send -> only echo requests leave");
	ASSERT_EQ(0, r) TH_LOG("the attempt could not run: %s",
			       at_sh->res.note);
	for (;;) {
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0,
				     (void *)&from, &flen);
		char a[INET_ADDRSTRLEN];

		if (n < 0)
			break;
		inet_ntop(AF_INET, &from.sin_addr, a, sizeof(a));
		if (!strcmp(a, AT_A4))
			got++;
	}
	close(fd);
	TH_LOG("timestamp requests from the guest: %d", got);
	NO_ESCAPE(got == 0, "%d timestamp requests left the guest", got);
	HOST_OK();
}

/* ------------------------------------------------------------------ */
/* Protocols the network context does not confine                    */
/* ------------------------------------------------------------------ */

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP	262
#endif
#ifndef AF_SMC
#define AF_SMC		43
#endif

static long g_unconfined(long unused)
{
	static const int s[][3] = {
		{ AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP },
		{ AF_INET6, SOCK_STREAM, IPPROTO_SCTP },
		{ AF_INET, SOCK_DCCP, 0 },
		{ AF_INET, SOCK_STREAM, IPPROTO_MPTCP },
		{ AF_INET6, SOCK_STREAM, IPPROTO_MPTCP },
		{ AF_INET, SOCK_DGRAM, 115 /* L2TP/IP */ },
		{ AF_SMC, SOCK_STREAM, 0 },
		{ AF_RDS, SOCK_SEQPACKET, 0 },
		{ AF_RXRPC, SOCK_DGRAM, PF_INET },
		{ AF_TIPC, SOCK_RDM, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		int fd = socket(s[i][0], s[i][1], s[i][2]);

		if (fd >= 0) {
			NOTE("socket(%d, %d, %d) was made", s[i][0], s[i][1],
			     s[i][2]);
			return 0;
		}
		if (errno != EPROTONOSUPPORT && errno != EAFNOSUPPORT &&
		    errno != ESOCKTNOSUPPORT) {
			NOTE("socket(%d, %d, %d): %s", s[i][0], s[i][1],
			     s[i][2], strerror(errno));
			return -1;
		}
	}
	errno = EPROTONOSUPPORT;
	return -1;
}

TEST_F(attack, socket_unconfined_protocols)
{
	long r = ATTEMPT(AT_INIT, g_unconfined, 0,
		"socket() of SCTP, DCCP, MPTCP, L2TP/IP, SMC, RDS, RXRPC and TIPC (routes and kernel sockets past the network context) -> EPROTONOSUPPORT/EAFNOSUPPORT");

	REFUSED(r, errno, EPROTONOSUPPORT);
	HOST_OK();
}

/* ------------------------------------------------------------------ */
/* SO_REUSEPORT groups                                                */
/* ------------------------------------------------------------------ */

/*
 * Joins a reuseport group on "<tcp|udp><4|6> <address> <port>", lets the
 * host send, then counts what it got.  Returns that count, or -1 if the
 * bind (or listen) was refused.
 */
static long g_reuse(long arg)
{
	char sock[16], ip[64];
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1, port, fd, type, n = 0;
	char buf[64];

	if (sscanf((const char *)arg, "%15s %63s %d", sock, ip, &port) != 3)
		return -2;
	type = sock[0] == 't' ? SOCK_STREAM : SOCK_DGRAM;
	len = g_addr(&ss, ip, port);
	fd = socket(ss.ss_family, type | SOCK_NONBLOCK, 0);
	if (!len || fd < 0)
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(fd, (void *)&ss, len) ||
	    (type == SOCK_STREAM && listen(fd, 64))) {
		int e = errno;

		NOTE("refused: %s", strerror(e));
		at_ready_wait();
		errno = e;
		return -1;
	}
	at_ready_wait();
	for (;;) {
		if (type == SOCK_STREAM) {
			int c = accept(fd, NULL, NULL);

			if (c < 0)
				break;
			close(c);
		} else if (recv(fd, buf, sizeof(buf), 0) < 0) {
			break;
		}
		n++;
	}
	NOTE("joined the group; got %d", n);
	return n;
}

static void e_reuse(struct __test_metadata *_metadata, int type,
		    const char *bindto, int port, const char *what)
{
	char d[96];
	int hfd, sent = 0, want, got, err;
	long r;

	hfd = e_host_sock(type, bindto, port, 1);
	ASSERT_LE(0, hfd) TH_LOG("host socket: %s", strerror(errno));
	snprintf(d, sizeof(d), "%s%c %s %d", type == SOCK_STREAM ? "tcp" : "udp",
		 strchr(bindto, ':') ? '6' : '4', bindto, port);
	at_begin(what);
	ASSERT_EQ(0, at_start(AT_INIT, g_reuse, at_arg(d, NULL)));
	ASSERT_EQ(0, at_await_ready());
	sent += e_host_hits(type, "127.0.0.1", port, 16);
	want = 16;
	if (strchr(bindto, ':')) {
		sent += e_host_hits(type, "::1", port, 16);
		want += 16;
	}
	at_go_on();
	r = at_finish(AT_INIT, NULL);
	err = errno;
	TH_LOG("guest: %s", at_sh->res.note);
	got = e_drain(hfd, type);
	NO_ESCAPE(r <= 0, "the guest got %ld of the host's %d %s", r, sent,
		  type == SOCK_STREAM ? "connections" : "datagrams");
	NO_ESCAPE(sent == want, "only %d of the host's %d %s went through",
		  sent, want, type == SOCK_STREAM ? "connections" : "datagrams");
	EXPECT_EQ(sent, got) TH_LOG("the host's socket got %d of %d", got,
				    sent);
	if (r == -1)
		EXPECT_EQ(EADDRINUSE, err);
	close(hfd);
	HOST_OK();
}

TEST_F(attack, reuseport_udp6_join_host_group)
{
	e_reuse(_metadata, SOCK_DGRAM, "::", E_PORT_RU6,
		"SO_REUSEPORT: a UDP socket on [::] joins the host's group on [::] (same uid): take datagrams to 127.0.0.1 and ::1 -> EADDRINUSE");
}

TEST_F(attack, reuseport_udp4_join_host_group)
{
	e_reuse(_metadata, SOCK_DGRAM, "0.0.0.0", E_PORT_RU4,
		"SO_REUSEPORT: a UDP socket on 0.0.0.0 joins the host's group on 0.0.0.0: take datagrams to 127.0.0.1 -> EADDRINUSE");
}

TEST_F_TIMEOUT(attack, reuseport_tcp6_join_host_group, 60)
{
	e_reuse(_metadata, SOCK_STREAM, "::", E_PORT_RT6,
		"SO_REUSEPORT: a TCP listener on [::] joins the host's group on [::]: take connections to 127.0.0.1 and ::1 -> EADDRINUSE");
}

TEST_F_TIMEOUT(attack, reuseport_tcp4_join_host_group, 60)
{
	e_reuse(_metadata, SOCK_STREAM, "0.0.0.0", E_PORT_RT4,
		"SO_REUSEPORT: a TCP listener on 0.0.0.0 joins the host's group on 0.0.0.0: take connections to 127.0.0.1 -> EADDRINUSE");
}

/* ================================================================== */
/* Process groups and user ids                                        */
/* ================================================================== */

/* F_SETOWN_EX(type, pid), F_SETSIG(SIGKILL), O_ASYNC, then I/O. */
static long g_setown_ex(long arg)
{
	struct f_owner_ex o;
	int p[2], type;
	long r;

	if (sscanf((const char *)arg, "%d %d", &type, &o.pid) != 2 ||
	    pipe(p))
		return -2;
	o.type = type;
	r = fcntl(p[0], F_SETOWN_EX, &o);
	fcntl(p[0], F_SETSIG, SIGKILL);
	fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK);
	if (write(p[1], "x", 1) != 1)
		NOTE("write failed");
	return r;
}

static void e_setown_ex(struct __test_metadata *_metadata, int type,
			pid_t pid, const char *what, int want)
{
	char d[64];
	long r;

	snprintf(d, sizeof(d), "%d %d", type, pid);
	r = ATTEMPT(AT_OUTER, g_setown_ex, at_arg(d, NULL), what);
	REFUSED(r, errno, want);
}

TEST_F(attack, sigio_setown_ex_pgrp_without_leader)
{
	HOST_GROUP();
	e_setown_ex(_metadata, F_OWNER_PGRP, self->leader,
		    "F_SETOWN_EX(F_OWNER_PGRP) a host process group whose leader exited, F_SETSIG(SIGKILL), O_ASYNC, write -> ESRCH",
		    ESRCH);
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, sigio_setown_ex_pid_host_task)
{
	HOST_GROUP();
	e_setown_ex(_metadata, F_OWNER_PID, self->member,
		    "F_SETOWN_EX(F_OWNER_PID) a host process, F_SETSIG(SIGKILL), O_ASYNC, write -> ESRCH",
		    ESRCH);
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, sigio_setown_ex_tid_host_thread)
{
	HOST_GROUP();
	e_setown_ex(_metadata, F_OWNER_TID, self->member,
		    "F_SETOWN_EX(F_OWNER_TID) a host thread, F_SETSIG(SIGKILL), O_ASYNC, write -> ESRCH",
		    ESRCH);
	MEMBER_OK();
	HOST_OK();
}

static long g_setown_neg(long pgid)
{
	int p[2];
	long r;

	if (pipe(p))
		return -2;
	r = fcntl(p[0], F_SETOWN, -(int)pgid);
	fcntl(p[0], F_SETSIG, SIGKILL);
	fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK);
	if (write(p[1], "x", 1) != 1)
		NOTE("write failed");
	return r;
}

TEST_F(attack, sigio_setown_pgrp_without_leader)
{
	long r;

	HOST_GROUP();
	r = ATTEMPT(AT_OUTER, g_setown_neg, self->leader,
		"F_SETOWN(-pgrp) a host process group whose leader exited, F_SETSIG(SIGKILL), O_ASYNC, write -> ESRCH");
	REFUSED(r, errno, ESRCH);
	MEMBER_OK();
	HOST_OK();
}

static long g_fiosetown(long pgid)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0), own = -(int)pgid;

	if (s < 0)
		return -2;
	return ioctl(s, FIOSETOWN, &own);
}

TEST_F(attack, sigio_fiosetown_pgrp_without_leader)
{
	long r;

	HOST_GROUP();
	r = ATTEMPT(AT_OUTER, g_fiosetown, self->leader,
		"ioctl(FIOSETOWN) on a socket to a host process group whose leader exited -> ESRCH");
	REFUSED(r, errno, ESRCH);
	MEMBER_OK();
	HOST_OK();
}

/*
 * The guest leads a process group of its own, which a host task joins
 * (the host may); SIGIO (F_SETSIG(SIGUSR1)) or SIGURG to that group must
 * reach the guest's tasks only.
 */
static long g_own_group(long urg)
{
	int p[2];

	signal(SIGUSR1, SIG_IGN);
	signal(SIGURG, SIG_IGN);
	if (setpgid(0, 0))
		return -2;
	at_sh->res.v[0] = getpgrp();
	at_ready_wait();
	if (!urg) {
		if (pipe(p) || fcntl(p[0], F_SETOWN, -getpgrp()))
			return -1;
		fcntl(p[0], F_SETSIG, SIGUSR1);
		fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK);
		if (write(p[1], "x", 1) != 1)
			return -2;
	} else {
		struct sockaddr_in sa = { .sin_family = AF_INET,
			.sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		socklen_t len = sizeof(sa);
		int l = socket(AF_INET, SOCK_STREAM, 0), c, a;

		if (l < 0 || bind(l, (void *)&sa, len) || listen(l, 1) ||
		    getsockname(l, (void *)&sa, &len))
			return -2;
		c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (void *)&sa, len))
			return -2;
		a = accept(l, NULL, NULL);
		if (a < 0 || fcntl(a, F_SETOWN, -getpgrp()))
			return -1;
		if (send(c, "u", 1, MSG_OOB) != 1)
			return -2;
	}
	/* Let the signal fly before the test looks. */
	usleep(100000);
	return 0;
}

TEST_F(attack, sigio_to_own_group_joined_by_host_task)
{
	pid_t pg;
	long r;

	at_begin("F_SETOWN(-own pgrp) with F_SETSIG(SIGUSR1) on a group the guest leads and a host task joined: SIGIO -> the guest's tasks only");
	ASSERT_EQ(0, at_start(AT_OUTER, g_own_group, 0));
	ASSERT_EQ(0, at_await_ready());
	pg = at_sh->res.v[0];
	self->leader = e_host_group(&self->member, pg);
	at_go_on();
	r = at_finish(AT_OUTER, NULL);
	ASSERT_LT(0, self->leader) TH_LOG("the host task cannot join %d", pg);
	TH_LOG("guest: %ld (%s) %s", r, strerror(errno), at_sh->res.note);
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, sigurg_to_own_group_joined_by_host_task)
{
	pid_t pg;
	long r;

	at_begin("F_SETOWN(-own pgrp) on a TCP socket of a group the guest leads and a host task joined, then urgent data: SIGURG -> the guest's tasks only");
	ASSERT_EQ(0, at_start(AT_OUTER, g_own_group, 1));
	ASSERT_EQ(0, at_await_ready());
	pg = at_sh->res.v[0];
	self->leader = e_host_group(&self->member, pg);
	at_go_on();
	r = at_finish(AT_OUTER, NULL);
	ASSERT_LT(0, self->leader) TH_LOG("the host task cannot join %d", pg);
	TH_LOG("guest: %ld (%s) %s", r, strerror(errno), at_sh->res.note);
	MEMBER_OK();
	HOST_OK();
}

static long g_kill_neg(long pgid)
{
	return kill(-(pid_t)pgid, SIGKILL);
}

TEST_F(attack, kill_host_group_without_leader)
{
	long r;

	HOST_GROUP();
	r = ATTEMPT(AT_OUTER, g_kill_neg, self->leader,
		"kill(-pgrp, SIGKILL) a host process group whose leader exited -> ESRCH");
	REFUSED(r, errno, ESRCH);
	MEMBER_OK();
	HOST_OK();
}

static long g_setpgid_into(long pgid)
{
	return setpgid(0, (pid_t)pgid);
}

TEST_F(attack, setpgid_into_host_group_without_leader)
{
	long r;

	HOST_GROUP();
	r = ATTEMPT(AT_OUTER, g_setpgid_into, self->leader,
		"setpgid() itself into a host process group whose leader exited (same session) -> EPERM");
	REFUSED(r, errno, EPERM);
	MEMBER_OK();
	HOST_OK();
}

static long g_kill_own_group(long unused)
{
	signal(SIGUSR1, SIG_IGN);
	return kill(0, SIGUSR1);
}

TEST_F(attack, kill_own_group_shared_with_host)
{
	long r;

	/* The test's group, which the guest's entered task is in too. */
	signal(SIGUSR1, SIG_IGN);
	self->leader = e_host_group(&self->member, getpgrp());
	ASSERT_LT(0, self->leader) TH_LOG("cannot join the host's group");
	r = ATTEMPT(AT_OUTER, g_kill_own_group, 0,
		"kill(0, SIGUSR1) from a task that entered the guest in a host process group (vserver exec keeps it): only the guest's own tasks");
	TH_LOG("kill(0): %ld (%s)", r, r ? strerror(errno) : "ok");
	MEMBER_OK();
	HOST_OK();
}

static long g_getprio(long arg)
{
	int which, who;
	long r;

	if (sscanf((const char *)arg, "%d %d", &which, &who) != 2)
		return -2;
	errno = 0;
	r = getpriority(which, who);
	if (r == -1 && errno)
		return -1;
	NOTE("getpriority answered %ld", r);
	return r;
}

static long g_setprio(long arg)
{
	int which, who;

	if (sscanf((const char *)arg, "%d %d", &which, &who) != 2)
		return -2;
	return setpriority(which, who, 19);
}

static void e_prio(struct __test_metadata *_metadata, at_fn fn, int which,
		   int who, const char *what)
{
	char d[64];
	long r;

	snprintf(d, sizeof(d), "%d %d", which, who);
	r = ATTEMPT(AT_OUTER, fn, at_arg(d, NULL), what);
	REFUSED(r, errno, ESRCH);
}

TEST_F(attack, getpriority_host_group_without_leader)
{
	HOST_GROUP();
	e_prio(_metadata, g_getprio, PRIO_PGRP, self->leader,
	       "getpriority(PRIO_PGRP) of a host process group whose leader exited -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, setpriority_host_group_without_leader)
{
	HOST_GROUP();
	e_prio(_metadata, g_setprio, PRIO_PGRP, self->leader,
	       "setpriority(PRIO_PGRP, 19) a host process group whose leader exited -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, getpriority_host_user)
{
	HOST_GROUP();
	e_prio(_metadata, g_getprio, PRIO_USER, E_UID,
	       "getpriority(PRIO_USER) of a uid only host tasks have -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, setpriority_host_user)
{
	HOST_GROUP();
	e_prio(_metadata, g_setprio, PRIO_USER, E_UID,
	       "setpriority(PRIO_USER, 19) a uid only host tasks have -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

static long g_ioprio_get(long arg)
{
	int which, who;
	long r;

	if (sscanf((const char *)arg, "%d %d", &which, &who) != 2)
		return -2;
	r = syscall(SYS_ioprio_get, which, who);
	if (r >= 0)
		NOTE("ioprio_get answered 0x%lx", r);
	return r < 0 ? -1 : r;
}

static long g_ioprio_set(long arg)
{
	int which, who;

	if (sscanf((const char *)arg, "%d %d", &which, &who) != 2)
		return -2;
	return syscall(SYS_ioprio_set, which, who,
		       IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0)) < 0 ? -1 : 0;
}

TEST_F(attack, ioprio_get_host_group_without_leader)
{
	HOST_GROUP();
	e_prio(_metadata, g_ioprio_get, IOPRIO_WHO_PGRP, self->leader,
	       "ioprio_get(IOPRIO_WHO_PGRP) of a host process group whose leader exited -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, ioprio_set_host_group_without_leader)
{
	HOST_GROUP();
	e_prio(_metadata, g_ioprio_set, IOPRIO_WHO_PGRP, self->leader,
	       "ioprio_set(IOPRIO_WHO_PGRP, IDLE) a host process group whose leader exited -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, ioprio_get_host_user)
{
	HOST_GROUP();
	e_prio(_metadata, g_ioprio_get, IOPRIO_WHO_USER, E_UID,
	       "ioprio_get(IOPRIO_WHO_USER) of a uid only host tasks have -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

TEST_F(attack, ioprio_set_host_user)
{
	HOST_GROUP();
	e_prio(_metadata, g_ioprio_set, IOPRIO_WHO_USER, E_UID,
	       "ioprio_set(IOPRIO_WHO_USER, IDLE) a uid only host tasks have -> ESRCH");
	MEMBER_OK();
	HOST_OK();
}

static long g_pidfd_pgrp(long pgid)
{
	return syscall(SYS_pidfd_open, (pid_t)pgid, 0);
}

TEST_F(attack, pidfd_open_host_group_without_leader)
{
	long r;

	HOST_GROUP();
	r = ATTEMPT(AT_OUTER, g_pidfd_pgrp, self->leader,
		"pidfd_open() the id of a host process group whose leader exited -> ESRCH");
	REFUSED(r, errno, ESRCH);
	MEMBER_OK();
	HOST_OK();
}

/* ================================================================== */
/* Terminals: a host terminal handed in, made the controlling one     */
/* ================================================================== */

/* setsid(), TIOCSCTTY on the host's pty (no one's controlling tty). */
static int g_take_tty(void)
{
	if (setsid() < 0 || ioctl(AT_FD_PTY, TIOCSCTTY, 0)) {
		NOTE("cannot take the terminal: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static long g_ctty_tiocsti(long unused)
{
	char c = 'x';

	g_take_tty();
	return ioctl(AT_FD_PTY, TIOCSTI, &c);
}

TEST_F(attack, tiocsti_host_terminal_made_controlling)
{
	char c;
	long r = ATTEMPT(AT_INIT, g_ctty_tiocsti, 0,
		"setsid(), TIOCSCTTY a host terminal handed in, then TIOCSTI on its own controlling terminal: type into the host's shell -> EPERM");

	REFUSED(r, errno, EPERM);
	NO_ESCAPE(read(W->pty_slave, &c, 1) < 0,
		  "input appeared on the host's terminal");
	HOST_OK();
}

static long g_ctty_vhangup(long unused)
{
	g_take_tty();
	return vhangup();
}

TEST_F(attack, vhangup_host_terminal_made_controlling)
{
	struct pollfd p;
	long r = ATTEMPT(AT_INIT, g_ctty_vhangup, 0,
		"setsid(), TIOCSCTTY a host terminal handed in, then vhangup(): hang up the host's terminal (its shell gets SIGHUP) -> EPERM");

	REFUSED(r, errno, EPERM);
	p.fd = W->pty_slave;
	p.events = POLLOUT;
	p.revents = 0;
	NO_ESCAPE(poll(&p, 1, 0) == 1 && !(p.revents & (POLLHUP | POLLERR)),
		  "the host's terminal was hung up (revents 0x%x)", p.revents);
	HOST_OK();
}

TEST_HARNESS_MAIN
