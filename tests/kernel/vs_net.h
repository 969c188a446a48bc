/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - Helpers for the network context tests
 *
 * Network contexts (nids) are created by agents (vs_helpers.h), as
 * process contexts are: net_create moves the caller into the new network
 * context, and the test program itself stays in the host (xid 0, nid 0).
 * A socket belongs to the network context of the task that created it,
 * so every socket operation of a guest runs in its agent: the agent keeps
 * the socket, the test names it by the agent's descriptor number and
 * runs socket(), bind(), connect(), accept(), send and receive there
 * (vn_socket(&a, ...), vn_bind(&a, fd, ...), ...).  The same helpers with
 * agent NULL run in the test program itself: that is the host side.
 *
 * Nothing an agent runs blocks for long: connect and accept poll for at
 * most a time-out, receives poll first, and every socket made by
 * vn_socket has SO_RCVTIMEO and SO_SNDTIMEO set.
 *
 * vn_net_setup() prepares the network the socket tests need: lo and
 * dummy0 up, and the addresses of the host and of the guests (VN_*
 * below) on dummy0, IPv6 without duplicate address detection.  It may
 * run many times in one boot.
 *
 * Include after kselftest_harness.h (for the VN_* assertion shorthands)
 * with _GNU_SOURCE defined before any header.
 */

#ifndef _VSERVER_SELFTEST_VS_NET_H
#define _VSERVER_SELFTEST_VS_NET_H

#include <arpa/inet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/un.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "vs_helpers.h"

#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>

/* ------------------------------------------------------------------ */
/* Constants                                                          */
/* ------------------------------------------------------------------ */

/* How long an expected connection, datagram or reply may take. */
#define VN_IO_MS	2000
/* How long to wait to be sure that something does not come. */
#define VN_QUIET_MS	300

#define VN_NID_SELF	NX_SELF_ID
#define VN_DYNAMIC_ID	NX_DYNAMIC_ID
#define VN_MIN_DYNAMIC_ID NX_MIN_DYNAMIC_ID
#define VN_MAX_ID	NX_MAX_ID

/* The interface that carries the test addresses. */
#ifndef VN_IFNAME
#define VN_IFNAME	"dummy0"
#endif

/* Addresses of the host: on dummy0, never given to a guest. */
#define VN_HOST4	"192.0.2.1"
#define VN_HOST4B	"198.51.100.1"
#define VN_HOST6	"2001:db8::1"
/* Addresses the tests give to guests; all of them are on dummy0 too. */
#define VN_A4		"192.0.2.11"
#define VN_B4		"192.0.2.12"
#define VN_C4		"192.0.2.13"
#define VN_A4B		"198.51.100.11"
#define VN_C4B		"198.51.100.13"
#define VN_A6		"2001:db8::11"
#define VN_B6		"2001:db8::12"
#define VN_C6		"2001:db8::13"
/* On dummy0, but nobody's: neither a guest's nor used by the host. */
#define VN_SPARE4	"192.0.2.99"
#define VN_SPARE6	"2001:db8::99"

#define VN_MASK24	"255.255.255.0"
#define VN_MASK32	"255.255.255.255"

/* The prefix length of every address on dummy0. */
static const struct {
	const char *ip;
	int prefix;
} vn_dummy_addrs[] __attribute__((unused)) = {
	{ VN_HOST4, 24 }, { VN_HOST4B, 24 }, { VN_A4, 24 }, { VN_B4, 24 },
	{ VN_C4, 24 }, { VN_A4B, 24 }, { VN_C4B, 24 }, { VN_SPARE4, 24 },
	{ VN_HOST6, 64 }, { VN_A6, 64 }, { VN_B6, 64 }, { VN_C6, 64 },
	{ VN_SPARE6, 64 },
};

/* ------------------------------------------------------------------ */
/* Addresses                                                          */
/* ------------------------------------------------------------------ */

/* A socket address of any family the tests use. */
struct vn_addr {
	socklen_t len;
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
		struct sockaddr_un sun;
		struct sockaddr_storage ss;
	} u;
};

static int vn_is6(const char *ip)
{
	return strchr(ip, ':') != NULL;
}

/* The IPv4 address in dotted form; aborts on a typo in a test. */
static struct in_addr __attribute__((unused)) vn_ip4(const char *ip)
{
	struct in_addr a;

	if (inet_pton(AF_INET, ip, &a) != 1) {
		fprintf(stderr, "# bad IPv4 address in a test: %s\n", ip);
		abort();
	}
	return a;
}

static struct in6_addr __attribute__((unused)) vn_ip6(const char *ip)
{
	struct in6_addr a;

	if (inet_pton(AF_INET6, ip, &a) != 1) {
		fprintf(stderr, "# bad IPv6 address in a test: %s\n", ip);
		abort();
	}
	return a;
}

/*
 * The socket address ip:port, AF_INET6 if ip has a colon (also for
 * v4-mapped addresses such as "::ffff:192.0.2.11"), else AF_INET.
 */
static struct vn_addr __attribute__((unused)) vn_sa(const char *ip,
						     uint16_t port)
{
	struct vn_addr a;

	memset(&a, 0, sizeof(a));
	if (vn_is6(ip)) {
		a.u.sin6.sin6_family = AF_INET6;
		a.u.sin6.sin6_port = htons(port);
		a.u.sin6.sin6_addr = vn_ip6(ip);
		a.len = sizeof(a.u.sin6);
	} else {
		a.u.sin.sin_family = AF_INET;
		a.u.sin.sin_port = htons(port);
		a.u.sin.sin_addr = vn_ip4(ip);
		a.len = sizeof(a.u.sin);
	}
	return a;
}

/* The family of socket for address ip. */
static int __attribute__((unused)) vn_family(const char *ip)
{
	return vn_is6(ip) ? AF_INET6 : AF_INET;
}

/* An abstract AF_UNIX address. */
static struct vn_addr __attribute__((unused)) vn_unix(const char *name)
{
	struct vn_addr a;
	size_t n = strlen(name);

	memset(&a, 0, sizeof(a));
	a.u.sun.sun_family = AF_UNIX;
	if (n > sizeof(a.u.sun.sun_path) - 1)
		n = sizeof(a.u.sun.sun_path) - 1;
	memcpy(a.u.sun.sun_path + 1, name, n);
	a.len = offsetof(struct sockaddr_un, sun_path) + 1 + n;
	return a;
}

static uint16_t __attribute__((unused)) vn_port(const struct vn_addr *a)
{
	if (a->u.sa.sa_family == AF_INET6)
		return ntohs(a->u.sin6.sin6_port);
	if (a->u.sa.sa_family == AF_INET)
		return ntohs(a->u.sin.sin_port);
	return 0;
}

/* "192.0.2.1:80", "[2001:db8::1]:80", "(none)", for messages. */
static __attribute__((unused)) const char *vn_str(const struct vn_addr *a)
{
	static char buf[8][INET6_ADDRSTRLEN + 16];
	static int n;
	char *out = buf[n++ % 8], ip[INET6_ADDRSTRLEN];

	if (!a || !a->len) {
		snprintf(out, sizeof(buf[0]), "(none)");
	} else if (a->u.sa.sa_family == AF_INET) {
		inet_ntop(AF_INET, &a->u.sin.sin_addr, ip, sizeof(ip));
		snprintf(out, sizeof(buf[0]), "%s:%u", ip, vn_port(a));
	} else if (a->u.sa.sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &a->u.sin6.sin6_addr, ip, sizeof(ip));
		snprintf(out, sizeof(buf[0]), "[%s]:%u", ip, vn_port(a));
	} else {
		snprintf(out, sizeof(buf[0]), "(family %d)",
			 a->u.sa.sa_family);
	}
	return out;
}

/*
 * a with a v4-mapped IPv6 address (::ffff:a.b.c.d) turned into the plain
 * IPv4 one, for comparisons: a dual-stack socket shows IPv4 peers so.
 */
static __attribute__((unused)) struct vn_addr vn_unmap(const struct vn_addr *a)
{
	struct vn_addr x = *a;

	if (a->len && a->u.sa.sa_family == AF_INET6 &&
	    IN6_IS_ADDR_V4MAPPED(&a->u.sin6.sin6_addr)) {
		memset(&x, 0, sizeof(x));
		x.u.sin.sin_family = AF_INET;
		x.u.sin.sin_port = a->u.sin6.sin6_port;
		memcpy(&x.u.sin.sin_addr, &a->u.sin6.sin6_addr.s6_addr[12], 4);
		x.len = sizeof(x.u.sin);
	}
	return x;
}

/*
 * Is the address (not the port) of a the address ip?  v4-mapped
 * addresses count as the IPv4 ones.
 */
static int __attribute__((unused)) vn_ip_is(const struct vn_addr *a,
					    const char *ip)
{
	struct vn_addr x = vn_unmap(a), y;

	if (!a->len)
		return 0;
	y = vn_sa(ip, 0);
	y = vn_unmap(&y);
	if (x.u.sa.sa_family != y.u.sa.sa_family)
		return 0;
	if (x.u.sa.sa_family == AF_INET6)
		return !memcmp(&x.u.sin6.sin6_addr, &y.u.sin6.sin6_addr,
			       sizeof(struct in6_addr));
	return x.u.sin.sin_addr.s_addr == y.u.sin.sin_addr.s_addr;
}

/* Same address and port?  v4-mapped addresses count as the IPv4 ones. */
static int __attribute__((unused)) vn_addr_eq(const struct vn_addr *a,
					      const struct vn_addr *b)
{
	struct vn_addr x = vn_unmap(a), y = vn_unmap(b);

	if (!x.len || !y.len || x.u.sa.sa_family != y.u.sa.sa_family)
		return 0;
	if (x.u.sa.sa_family == AF_INET)
		return x.u.sin.sin_addr.s_addr == y.u.sin.sin_addr.s_addr &&
		       x.u.sin.sin_port == y.u.sin.sin_port;
	if (x.u.sa.sa_family == AF_INET6)
		return !memcmp(&x.u.sin6.sin6_addr, &y.u.sin6.sin6_addr,
			       sizeof(struct in6_addr)) &&
		       x.u.sin6.sin6_port == y.u.sin6.sin6_port;
	return 0;
}

/*
 * The loopback address net_create gives network context nid:
 * 127.0.0.1 ^ ((nid & 0xffff) << 8), dotted.
 */
static __attribute__((unused)) const char *vn_lback(uint32_t nid)
{
	static char buf[4][INET_ADDRSTRLEN];
	static int n;
	char *out = buf[n++ % 4];
	struct in_addr a;

	a.s_addr = htonl(0x7f000001u ^ ((nid & 0xffffu) << 8));
	inet_ntop(AF_INET, &a, out, INET_ADDRSTRLEN);
	return out;
}

/* ------------------------------------------------------------------ */
/* Network setup of the VM                                            */
/* ------------------------------------------------------------------ */

static int vn_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Sets IFF_UP on interface name (if it is not up already). */
static int vn_link_up(const char *name)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), err;

	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(s, SIOCGIFFLAGS, &ifr))
		goto fail;
	if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(s, SIOCSIFFLAGS, &ifr))
			goto fail;
	}
	close(s);
	return 0;
fail:
	err = errno;
	close(s);
	errno = err;
	return -1;
}

/* Appends attribute type to the message in buf (of size bytes). */
static void vn_nl_attr(char *buf, size_t size, int type, const void *data,
		       size_t len)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	size_t off = NLMSG_ALIGN(nh->nlmsg_len);
	struct rtattr rta;

	if (off + RTA_SPACE(len) > size)
		abort();
	memset(buf + off, 0, RTA_SPACE(len));
	rta.rta_type = type;
	rta.rta_len = RTA_LENGTH(len);
	memcpy(buf + off, &rta, sizeof(rta));
	memcpy(buf + off + RTA_LENGTH(0), data, len);
	nh->nlmsg_len = off + RTA_ALIGN(rta.rta_len);
}

/*
 * Adds ip/prefix to interface ifindex with RTM_NEWADDR (IPv6 with
 * IFA_F_NODAD: usable at once).  An address that is there already counts
 * as added.  Returns 0, or -1 with errno set.
 */
static int vn_addr_add(int ifindex, const char *ip, int prefix)
{
	union {
		struct nlmsghdr nh;
		char buf[512];
	} req;
	union {
		struct nlmsghdr nh;
		char buf[4096];
	} ans;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct timeval tv = { 2, 0 };
	struct ifaddrmsg ifa;
	int s, err = 0, done = 0;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

	memset(&req, 0, sizeof(req));
	memset(&ifa, 0, sizeof(ifa));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
	req.nh.nlmsg_type = RTM_NEWADDR;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL |
			     NLM_F_ACK;
	req.nh.nlmsg_seq = 1;
	ifa.ifa_prefixlen = prefix;
	ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	ifa.ifa_index = ifindex;
	if (vn_is6(ip)) {
		struct in6_addr a = vn_ip6(ip);
		uint32_t flags = IFA_F_NODAD;

		ifa.ifa_family = AF_INET6;
		ifa.ifa_flags = IFA_F_NODAD;
		memcpy(req.buf + NLMSG_HDRLEN, &ifa, sizeof(ifa));
		vn_nl_attr(req.buf, sizeof(req), IFA_ADDRESS, &a, sizeof(a));
		vn_nl_attr(req.buf, sizeof(req), IFA_FLAGS, &flags,
			   sizeof(flags));
	} else {
		struct in_addr a = vn_ip4(ip), b;
		uint32_t mask = prefix ? ~0u << (32 - prefix) : 0;

		b.s_addr = a.s_addr | htonl(~mask);
		ifa.ifa_family = AF_INET;
		memcpy(req.buf + NLMSG_HDRLEN, &ifa, sizeof(ifa));
		vn_nl_attr(req.buf, sizeof(req), IFA_LOCAL, &a, sizeof(a));
		vn_nl_attr(req.buf, sizeof(req), IFA_ADDRESS, &a, sizeof(a));
		vn_nl_attr(req.buf, sizeof(req), IFA_BROADCAST, &b,
			   sizeof(b));
	}
	if (sendto(s, req.buf, req.nh.nlmsg_len, 0,
		   (struct sockaddr *)&kernel,
		   sizeof(kernel)) != (ssize_t)req.nh.nlmsg_len) {
		err = errno;
		goto out;
	}
	while (!done) {
		ssize_t n = recv(s, ans.buf, sizeof(ans), 0);
		struct nlmsghdr *nh;

		if (n < 0) {
			err = errno;
			break;
		}
		for (nh = &ans.nh; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq != 1)
				continue;
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr e;

				memcpy(&e, NLMSG_DATA(nh), sizeof(e));
				err = -e.error;
				done = 1;
				break;
			}
			if (nh->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
		}
	}
out:
	close(s);
	if (err == EEXIST)
		err = 0;
	errno = err;
	return err ? -1 : 0;
}

/*
 * The network of the tests: lo and dummy0 up, every address of
 * vn_dummy_addrs on dummy0.  Returns 0, or -1 with a message in why.
 */
static int __attribute__((unused)) vn_net_setup(char *why, size_t size)
{
	char path[128];
	unsigned int ifindex;
	size_t i;

	if (vn_link_up("lo")) {
		snprintf(why, size, "lo up: %s", strerror(errno));
		return -1;
	}
	/* No duplicate address detection: the addresses work at once. */
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
		 VN_IFNAME);
	vn_write_file(path, "0");
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 VN_IFNAME);
	vn_write_file(path, "0");
	if (vn_link_up(VN_IFNAME)) {
		snprintf(why, size, "%s up: %s (CONFIG_DUMMY?)", VN_IFNAME,
			 strerror(errno));
		return -1;
	}
	ifindex = if_nametoindex(VN_IFNAME);
	if (!ifindex) {
		snprintf(why, size, "no %s: %s", VN_IFNAME, strerror(errno));
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(vn_dummy_addrs); i++) {
		if (vn_addr_add(ifindex, vn_dummy_addrs[i].ip,
				vn_dummy_addrs[i].prefix)) {
			snprintf(why, size, "adding %s/%d to %s: %s",
				 vn_dummy_addrs[i].ip,
				 vn_dummy_addrs[i].prefix, VN_IFNAME,
				 strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Running a function in an agent or in the test itself               */
/* ------------------------------------------------------------------ */

/*
 * As vs_callx() without a descriptor, but agent NULL runs fn in the
 * caller (the test program: the host).
 */
static long vn_call(struct vs_agent *a, vs_fn fn, const long *args,
		    const void *in, size_t inlen, void *out, size_t outlen)
{
	static struct vs_msg m;
	long ret;
	int err;

	if (a)
		return vs_callx(a, fn, args, -1, in, inlen, out, outlen);
	memset(&m, 0, sizeof(m));
	m.fn = fn;
	memcpy(m.arg, args, sizeof(m.arg));
	m.fd = -1;
	if (in && inlen)
		memcpy(m.data, in, inlen < VS_DATA_MAX ? inlen : VS_DATA_MAX);
	errno = 0;
	ret = fn(&m);
	err = errno;
	if (out && outlen)
		memcpy(out, m.data,
		       outlen < VS_DATA_MAX ? outlen : VS_DATA_MAX);
	errno = err;
	return ret;
}

/* ------------------------------------------------------------------ */
/* Socket functions agents run (on their own descriptors)              */
/* ------------------------------------------------------------------ */

/* The largest payload of vn_fn_send / vn_fn_recv. */
#define VN_PAYLOAD_MAX	(VS_DATA_MAX - 2 * (int)sizeof(struct vn_addr))

static void vn_set_timeouts(int fd)
{
	struct timeval tv = { VN_IO_MS / 1000, (VN_IO_MS % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* Waits up to ms for events on fd: 1 when they came, 0 if not. */
static int vn_poll(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n;

	do
		n = poll(&p, 1, ms);
	while (n < 0 && errno == EINTR);
	return n > 0;
}

/* socket(arg0, arg1, arg2) with time-outs; returns the descriptor. */
static long __attribute__((unused)) vn_fn_socket(struct vs_msg *m)
{
	int fd = socket(m->arg[0], m->arg[1] | SOCK_CLOEXEC, m->arg[2]);

	if (fd >= 0)
		vn_set_timeouts(fd);
	return fd;
}

/* socketpair(AF_UNIX, arg0): data out: int[2]. */
static long __attribute__((unused)) vn_fn_socketpair(struct vs_msg *m)
{
	int sv[2];

	if (socketpair(AF_UNIX, m->arg[0] | SOCK_CLOEXEC, 0, sv))
		return -1;
	vn_set_timeouts(sv[0]);
	vn_set_timeouts(sv[1]);
	memcpy(m->data, sv, sizeof(sv));
	return 0;
}

/* bind(arg0, data in: struct vn_addr). */
static long __attribute__((unused)) vn_fn_bind(struct vs_msg *m)
{
	struct vn_addr a;

	memcpy(&a, m->data, sizeof(a));
	return bind(m->arg[0], &a.u.sa, a.len);
}

static long __attribute__((unused)) vn_fn_listen(struct vs_msg *m)
{
	return listen(m->arg[0], 16);
}

/*
 * connect(arg0, data in: struct vn_addr), waiting at most arg1 ms for it
 * to complete (ETIMEDOUT).
 */
static long __attribute__((unused)) vn_fn_connect(struct vs_msg *m)
{
	int fd = m->arg[0], fl, err = 0;
	socklen_t len = sizeof(err);
	struct vn_addr a;

	memcpy(&a, m->data, sizeof(a));
	fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	if (fcntl(fd, F_SETFL, fl | O_NONBLOCK))
		return -1;
	if (connect(fd, &a.u.sa, a.len)) {
		err = errno;
		if (err == EINPROGRESS) {
			if (!vn_poll(fd, POLLOUT, m->arg[1]))
				err = ETIMEDOUT;
			else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err,
					    &len))
				err = errno;
		}
	}
	fcntl(fd, F_SETFL, fl);
	errno = err;
	return err ? -1 : 0;
}

/*
 * Accepts a connection on listening socket arg0, waiting at most arg1 ms
 * (EAGAIN).  Returns the new descriptor; data out: struct vn_addr[2], its
 * local and its peer address.
 */
static long __attribute__((unused)) vn_fn_accept(struct vs_msg *m)
{
	struct vn_addr a[2];
	int fd;

	if (!vn_poll(m->arg[0], POLLIN, m->arg[1])) {
		errno = EAGAIN;
		return -1;
	}
	fd = accept4(m->arg[0], NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	vn_set_timeouts(fd);
	memset(a, 0, sizeof(a));
	a[0].len = a[1].len = sizeof(a[0].u);
	if (getsockname(fd, &a[0].u.sa, &a[0].len))
		a[0].len = 0;
	if (getpeername(fd, &a[1].u.sa, &a[1].len))
		a[1].len = 0;
	memcpy(m->data, a, sizeof(a));
	return fd;
}

/* arg1 0: getsockname(arg0), 1: getpeername(arg0); data out: vn_addr. */
static long __attribute__((unused)) vn_fn_name(struct vs_msg *m)
{
	struct vn_addr a;
	int r;

	memset(&a, 0, sizeof(a));
	a.len = sizeof(a.u);
	if (m->arg[1])
		r = getpeername(m->arg[0], &a.u.sa, &a.len);
	else
		r = getsockname(m->arg[0], &a.u.sa, &a.len);
	if (r)
		a.len = 0;
	memcpy(m->data, &a, sizeof(a));
	return r;
}

/*
 * Sends arg1 bytes on arg0.  data in: struct vn_addr (len 0: no
 * address, send()), then the bytes.
 */
static long __attribute__((unused)) vn_fn_send(struct vs_msg *m)
{
	struct vn_addr a;
	size_t len = m->arg[1];

	memcpy(&a, m->data, sizeof(a));
	if (len > VN_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	return sendto(m->arg[0], m->data + sizeof(a), len,
		      MSG_NOSIGNAL | MSG_DONTWAIT, a.len ? &a.u.sa : NULL,
		      a.len);
}

/*
 * Receives on arg0, waiting at most arg1 ms (EAGAIN).  Returns the
 * length; data out: struct vn_addr (the sender, len 0 if none), then the
 * bytes.
 */
static long __attribute__((unused)) vn_fn_recv(struct vs_msg *m)
{
	struct vn_addr a;
	ssize_t n;

	memset(&a, 0, sizeof(a));
	if (!vn_poll(m->arg[0], POLLIN, m->arg[1])) {
		errno = EAGAIN;
		return -1;
	}
	a.len = sizeof(a.u);
	n = recvfrom(m->arg[0], m->data + sizeof(a), VN_PAYLOAD_MAX,
		     MSG_DONTWAIT, &a.u.sa, &a.len);
	if (n < 0)
		return -1;
	memcpy(m->data, &a, sizeof(a));
	return n;
}

/* Is arg0 readable (a datagram, data, a connection) within arg1 ms? */
static long __attribute__((unused)) vn_fn_readable(struct vs_msg *m)
{
	return vn_poll(m->arg[0], POLLIN, m->arg[1]);
}

static long __attribute__((unused)) vn_fn_close(struct vs_msg *m)
{
	return close(m->arg[0]);
}

/* setsockopt(arg0, arg1, arg2, (int)arg3). */
static long __attribute__((unused)) vn_fn_setint(struct vs_msg *m)
{
	int v = m->arg[3];

	return setsockopt(m->arg[0], m->arg[1], m->arg[2], &v, sizeof(v));
}

/*
 * Sends arg1 bytes on arg0 with an explicit source address (IP_PKTINFO
 * ipi_spec_dst, or IPV6_PKTINFO ipi6_addr).  data in: struct vn_addr
 * destination, struct vn_addr source (only its address counts), bytes.
 */
static long __attribute__((unused)) vn_fn_send_from(struct vs_msg *m)
{
	struct vn_addr dst, src;
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} u;
	struct iovec iov;
	struct msghdr mh;
	struct cmsghdr *c;

	memcpy(&dst, m->data, sizeof(dst));
	memcpy(&src, m->data + sizeof(dst), sizeof(src));
	if ((size_t)m->arg[1] > VN_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	iov.iov_base = m->data + 2 * sizeof(dst);
	iov.iov_len = m->arg[1];
	memset(&u, 0, sizeof(u));
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &dst.u.sa;
	mh.msg_namelen = dst.len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	if (src.u.sa.sa_family == AF_INET6) {
		struct in6_pktinfo pi;

		memset(&pi, 0, sizeof(pi));
		pi.ipi6_addr = src.u.sin6.sin6_addr;
		mh.msg_controllen = CMSG_SPACE(sizeof(pi));
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	} else {
		struct in_pktinfo pi;

		memset(&pi, 0, sizeof(pi));
		pi.ipi_spec_dst = src.u.sin.sin_addr;
		mh.msg_controllen = CMSG_SPACE(sizeof(pi));
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = IPPROTO_IP;
		c->cmsg_type = IP_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
	}
	return sendmsg(m->arg[0], &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* The Internet checksum of len bytes. */
static uint16_t vn_csum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	while (len > 1) {
		sum += (p[0] << 8) | p[1];
		p += 2;
		len -= 2;
	}
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/*
 * Sends an ICMP (AF_INET, checksummed here) or ICMPv6 (AF_INET6, the
 * kernel checksums) message of type arg1, code 0, identifier arg2,
 * sequence 1 and 8 bytes of payload on raw socket arg0.  data in: struct
 * vn_addr, the destination.
 */
static long __attribute__((unused)) vn_fn_icmp_send(struct vs_msg *m)
{
	uint8_t pkt[16];
	struct vn_addr dst;
	uint16_t id = m->arg[2], seq = htons(1);

	memcpy(&dst, m->data, sizeof(dst));
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = m->arg[1];
	pkt[1] = 0;
	id = htons(id);
	memcpy(pkt + 4, &id, 2);
	memcpy(pkt + 6, &seq, 2);
	memcpy(pkt + 8, "vserver!", 8);
	if (dst.u.sa.sa_family == AF_INET) {
		uint16_t sum = vn_csum(pkt, sizeof(pkt));

		memcpy(pkt + 2, &sum, 2);
	}
	return sendto(m->arg[0], pkt, sizeof(pkt), MSG_DONTWAIT, &dst.u.sa,
		      dst.len);
}

/*
 * Waits at most arg1 ms on raw ICMP socket arg0 of family arg3 for an
 * echo reply (type 0 / 129) with identifier arg2; other packets are
 * skipped.  Returns 1 when one came (data out: struct vn_addr, where
 * from), 0 if none did.
 */
static long __attribute__((unused)) vn_fn_icmp_reply(struct vs_msg *m)
{
	struct timespec t0, t;
	int fd = m->arg[0], v6 = m->arg[3] == AF_INET6;
	uint16_t id = htons((uint16_t)m->arg[2]);
	uint8_t buf[1024];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct vn_addr from;
		long left;
		ssize_t n;
		size_t off = 0;

		clock_gettime(CLOCK_MONOTONIC, &t);
		left = m->arg[1] - ((t.tv_sec - t0.tv_sec) * 1000 +
				    (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0 || !vn_poll(fd, POLLIN, left))
			return 0;
		memset(&from, 0, sizeof(from));
		from.len = sizeof(from.u);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     &from.u.sa, &from.len);
		if (n < 0)
			continue;
		if (!v6) {
			/* A raw IPv4 socket gets the IP header too. */
			if (n < 20)
				continue;
			off = (buf[0] & 0x0f) * 4;
		}
		if ((size_t)n < off + 8)
			continue;
		if (buf[off] == (v6 ? 129 : 0) &&
		    !memcmp(buf + off + 4, &id, 2)) {
			memcpy(m->data, &from, sizeof(from));
			return 1;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The socket operations, in agent a or (a == NULL) in the test        */
/* ------------------------------------------------------------------ */

static int __attribute__((unused)) vn_socket(struct vs_agent *a, int family,
					     int type, int proto)
{
	return vn_call(a, vn_fn_socket, VS_ARGS(family, type, proto), NULL, 0,
		       NULL, 0);
}

static long __attribute__((unused)) vn_socketpair(struct vs_agent *a,
						  int type, int sv[2])
{
	return vn_call(a, vn_fn_socketpair, VS_ARGS(type), NULL, 0, sv,
		       2 * sizeof(int));
}

static long __attribute__((unused)) vn_bind(struct vs_agent *a, int fd,
					    const struct vn_addr *addr)
{
	return vn_call(a, vn_fn_bind, VS_ARGS(fd), addr, sizeof(*addr), NULL,
		       0);
}

static long __attribute__((unused)) vn_listen(struct vs_agent *a, int fd)
{
	return vn_call(a, vn_fn_listen, VS_ARGS(fd), NULL, 0, NULL, 0);
}

static long __attribute__((unused)) vn_connect(struct vs_agent *a, int fd,
					       const struct vn_addr *addr)
{
	return vn_call(a, vn_fn_connect, VS_ARGS(fd, VN_IO_MS), addr,
		       sizeof(*addr), NULL, 0);
}

/*
 * Accepts on listening socket fd within ms; the accepted socket's local
 * and peer addresses go to local and peer (either may be NULL).
 */
static int __attribute__((unused)) vn_accept(struct vs_agent *a, int fd,
					     int ms, struct vn_addr *local,
					     struct vn_addr *peer)
{
	struct vn_addr x[2];
	long r;
	int err;

	memset(x, 0, sizeof(x));
	r = vn_call(a, vn_fn_accept, VS_ARGS(fd, ms), NULL, 0, x, sizeof(x));
	err = errno;
	if (r < 0)
		memset(x, 0, sizeof(x));
	if (local)
		*local = x[0];
	if (peer)
		*peer = x[1];
	errno = err;
	return r;
}

static long __attribute__((unused)) vn_sockname(struct vs_agent *a, int fd,
						struct vn_addr *addr)
{
	return vn_call(a, vn_fn_name, VS_ARGS(fd, 0), NULL, 0, addr,
		       sizeof(*addr));
}

static long __attribute__((unused)) vn_peername(struct vs_agent *a, int fd,
						struct vn_addr *addr)
{
	return vn_call(a, vn_fn_name, VS_ARGS(fd, 1), NULL, 0, addr,
		       sizeof(*addr));
}

/* Sends len bytes of buf on fd, to addr (NULL: connected socket). */
static long __attribute__((unused)) vn_send(struct vs_agent *a, int fd,
					    const struct vn_addr *to,
					    const void *buf, size_t len)
{
	static unsigned char in[VS_DATA_MAX];
	struct vn_addr none;

	memset(&none, 0, sizeof(none));
	if (len > VN_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	memcpy(in, to ? to : &none, sizeof(none));
	memcpy(in + sizeof(none), buf, len);
	return vn_call(a, vn_fn_send, VS_ARGS(fd, len), in,
		       sizeof(none) + len, NULL, 0);
}

/*
 * Receives on fd within ms (-1 with EAGAIN if nothing came): at most
 * size - 1 bytes to buf, NUL-terminated; the sender to from (may be NULL).
 */
static long __attribute__((unused)) vn_recv(struct vs_agent *a, int fd,
					    int ms, struct vn_addr *from,
					    char *buf, size_t size)
{
	static unsigned char out[VS_DATA_MAX];
	struct vn_addr x;
	long r;
	int err;

	memset(out, 0, sizeof(x));
	r = vn_call(a, vn_fn_recv, VS_ARGS(fd, ms), NULL, 0, out,
		    sizeof(out));
	err = errno;
	memcpy(&x, out, sizeof(x));
	if (r < 0)
		memset(&x, 0, sizeof(x));
	if (from)
		*from = x;
	if (buf && size) {
		size_t n = r > 0 ? (size_t)r : 0;

		if (n > size - 1)
			n = size - 1;
		memcpy(buf, out + sizeof(x), n);
		buf[n] = '\0';
	}
	errno = err;
	return r;
}

/* 1 if fd becomes readable within ms, else 0. */
static long __attribute__((unused)) vn_readable(struct vs_agent *a, int fd,
						int ms)
{
	return vn_call(a, vn_fn_readable, VS_ARGS(fd, ms), NULL, 0, NULL, 0);
}

static long __attribute__((unused)) vn_close(struct vs_agent *a, int fd)
{
	if (fd < 0)
		return 0;
	return vn_call(a, vn_fn_close, VS_ARGS(fd), NULL, 0, NULL, 0);
}

static long __attribute__((unused)) vn_setint(struct vs_agent *a, int fd,
					      int level, int name, int val)
{
	return vn_call(a, vn_fn_setint, VS_ARGS(fd, level, name, val), NULL,
		       0, NULL, 0);
}

/* Sends len bytes to dst with source address src (IP(V6)_PKTINFO). */
static long __attribute__((unused)) vn_send_from(struct vs_agent *a, int fd,
						 const struct vn_addr *dst,
						 const struct vn_addr *src,
						 const void *buf, size_t len)
{
	static unsigned char in[VS_DATA_MAX];

	if (len > VN_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	memcpy(in, dst, sizeof(*dst));
	memcpy(in + sizeof(*dst), src, sizeof(*src));
	memcpy(in + 2 * sizeof(*dst), buf, len);
	return vn_call(a, vn_fn_send_from, VS_ARGS(fd, len), in,
		       2 * sizeof(*dst) + len, NULL, 0);
}

static long __attribute__((unused)) vn_icmp_send(struct vs_agent *a, int fd,
						 const struct vn_addr *dst,
						 int type, uint16_t id)
{
	return vn_call(a, vn_fn_icmp_send, VS_ARGS(fd, type, id), dst,
		       sizeof(*dst), NULL, 0);
}

/* 1 if an echo reply with identifier id comes within ms; from: sender. */
static long __attribute__((unused)) vn_icmp_reply(struct vs_agent *a, int fd,
						  int family, uint16_t id,
						  int ms, struct vn_addr *from)
{
	struct vn_addr x;
	long r;

	memset(&x, 0, sizeof(x));
	r = vn_call(a, vn_fn_icmp_reply, VS_ARGS(fd, ms, id, family), NULL, 0,
		    &x, sizeof(x));
	if (from)
		*from = r == 1 ? x : (struct vn_addr){ 0 };
	return r;
}

/*
 * A new socket of agent a (NULL: the test) of type, bound to *addr and,
 * with listen_too, listening.  An AF_INET6 socket is IPV6_V6ONLY unless
 * addr is v4-mapped.  Returns the descriptor, or -1 with errno set and
 * *step naming the call that failed.
 */
static int __attribute__((unused)) vn_bound(struct vs_agent *a, int type,
					    const struct vn_addr *addr,
					    int listen_too, const char **step)
{
	int fd, err;

	*step = "socket";
	fd = vn_socket(a, addr->u.sa.sa_family, type, 0);
	if (fd < 0)
		return -1;
	if (addr->u.sa.sa_family == AF_INET6 &&
	    !IN6_IS_ADDR_V4MAPPED(&addr->u.sin6.sin6_addr)) {
		*step = "IPV6_V6ONLY";
		if (vn_setint(a, fd, IPPROTO_IPV6, IPV6_V6ONLY, 1))
			goto fail;
	}
	*step = "bind";
	if (vn_bind(a, fd, addr))
		goto fail;
	*step = "listen";
	if (listen_too && vn_listen(a, fd))
		goto fail;
	return fd;
fail:
	err = errno;
	vn_close(a, fd);
	errno = err;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Network context commands, by agent a or (a == NULL) the test        */
/* ------------------------------------------------------------------ */

_Static_assert(sizeof(struct vcmd_net_flags_v0) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_net_flags_v0, mask) == 8 &&
	       sizeof(struct vcmd_net_caps_v0) == sizeof(struct vs_pair) &&
	       offsetof(struct vcmd_net_caps_v0, cmask) == 8,
	       "nflags and ncaps structures are pairs of u64");

/* net_create (v1) with flagword flags. */
static long __attribute__((unused)) vn_create(struct vs_agent *a, uint32_t nid,
					      uint64_t flags)
{
	struct vcmd_net_create c = { .flagword = flags };

	return vs_cmd(a, VCMD_net_create, nid, &c, sizeof(c));
}

static long __attribute__((unused)) vn_create_v0(struct vs_agent *a,
						 uint32_t nid)
{
	return vs_cmd(a, VCMD_net_create_v0, nid, NULL, 0);
}

static long __attribute__((unused)) vn_migrate(struct vs_agent *a,
					       uint32_t nid)
{
	return vs_cmd(a, VCMD_net_migrate, nid, NULL, 0);
}

static long __attribute__((unused)) vn_task_nid(struct vs_agent *a, pid_t pid)
{
	return vs_cmd(a, VCMD_task_nid, pid, NULL, 0);
}

static long __attribute__((unused)) vn_nx_info(struct vs_agent *a, uint32_t nid,
					       struct vcmd_nx_info_v0 *ni)
{
	memset(ni, 0xff, sizeof(*ni));
	return vs_cmd(a, VCMD_nx_info, nid, ni, sizeof(*ni));
}

/* The current nflags of nid (as the test); ~0 and a message on failure. */
static uint64_t __attribute__((unused)) vn_nflags(uint32_t nid)
{
	return vs_getv(VCMD_get_nflags, nid);
}

static uint64_t __attribute__((unused)) vn_ncaps(uint32_t nid)
{
	return vs_getv(VCMD_get_ncaps, nid);
}

/* net_add_ipv4_v1 / net_rem_ipv4_v1 (rem != 0). */
static long __attribute__((unused)) vn_v1(struct vs_agent *a, int rem,
					  uint32_t nid, uint16_t type,
					  const char *ip, const char *mask)
{
	struct vcmd_net_addr_ipv4_v1 v;

	memset(&v, 0, sizeof(v));
	v.type = type;
	v.ip = vn_ip4(ip);
	v.mask = vn_ip4(mask);
	return vs_cmd(a, rem ? VCMD_net_rem_ipv4_v1 : VCMD_net_add_ipv4_v1,
		      nid, &v, sizeof(v));
}

/* net_add_ipv4 / net_rem_ipv4 (v2). */
static long __attribute__((unused)) vn_v2(struct vs_agent *a, int rem,
					  uint32_t nid, uint16_t type,
					  const char *ip, const char *ip2,
					  const char *mask)
{
	struct vcmd_net_addr_ipv4_v2 v;

	memset(&v, 0, sizeof(v));
	v.type = type;
	v.ip = vn_ip4(ip);
	v.ip2 = vn_ip4(ip2);
	v.mask = vn_ip4(mask);
	return vs_cmd(a, rem ? VCMD_net_rem_ipv4 : VCMD_net_add_ipv4, nid, &v,
		      sizeof(v));
}

/* The IPv6 netmask of a prefix length. */
static struct in6_addr __attribute__((unused)) vn_mask6(unsigned int prefix)
{
	struct in6_addr m;
	unsigned int i;

	memset(&m, 0, sizeof(m));
	for (i = 0; i < 128 && i < prefix; i++)
		m.s6_addr[i / 8] |= 0x80 >> (i % 8);
	return m;
}

/* net_add_ipv6 / net_remove_ipv6; the mask field from prefix. */
static long __attribute__((unused)) vn_v6(struct vs_agent *a, int rem,
					  uint32_t nid, uint16_t type,
					  const char *ip, uint32_t prefix)
{
	struct vcmd_net_addr_ipv6_v1 v;

	memset(&v, 0, sizeof(v));
	v.type = type;
	v.prefix = prefix;
	v.ip = vn_ip6(ip);
	v.mask = vn_mask6(prefix);
	return vs_cmd(a, rem ? VCMD_net_remove_ipv6 : VCMD_net_add_ipv6, nid,
		      &v, sizeof(v));
}

/*
 * net_add (v0) / net_remove (v0): count pairs from ip[] and mask[]
 * (NULL entries are 0.0.0.0; the arrays may be NULL).
 */
static long __attribute__((unused)) vn_v0(struct vs_agent *a, int rem,
					  uint32_t nid, uint16_t type,
					  uint16_t count,
					  const char *const ip[4],
					  const char *const mask[4])
{
	struct vcmd_net_addr_v0 v;
	int i;

	memset(&v, 0, sizeof(v));
	v.type = type;
	v.count = count;
	for (i = 0; i < 4; i++) {
		if (ip && ip[i])
			v.ip[i] = vn_ip4(ip[i]);
		if (mask && mask[i])
			v.mask[i] = vn_ip4(mask[i]);
	}
	return vs_cmd(a, rem ? VCMD_net_remove : VCMD_net_add, nid, &v,
		      sizeof(v));
}

/* Shorthands, as the test: one IPv4 ADDR entry, one IPv6 ADDR entry. */
static long __attribute__((unused)) vn_add4(uint32_t nid, const char *ip,
					    const char *mask)
{
	return vn_v1(NULL, 0, nid, NXA_TYPE_ADDR, ip, mask);
}

static long __attribute__((unused)) vn_add6(uint32_t nid, const char *ip)
{
	return vn_v6(NULL, 0, nid, NXA_TYPE_ADDR, ip, 128);
}

/* ------------------------------------------------------------------ */
/* /proc/virtnet                                                      */
/* ------------------------------------------------------------------ */

/* Reads /proc/virtnet/<nid>/<file> as agent a (NULL: the test). */
static ssize_t __attribute__((unused)) vn_read_virtnet(struct vs_agent *a,
						       uint32_t nid,
						       const char *file,
						       char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/virtnet/%u/%s", nid, file);
	return vs_read_as(a, path, buf, size);
}

/*
 * The number after key (e.g. "#NActive:") on the line that starts with
 * it, blanks skipped; -1 if there is none.
 */
static long long __attribute__((unused)) vn_field_num(const char *text,
						      const char *key)
{
	char buf[128], *p, *end;
	long long v;

	if (vs_field(text, key, buf, sizeof(buf)))
		return -1;
	p = buf + strspn(buf, " \t");
	if (!*p)
		return -1;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || (*end && !strchr(" \t", *end)))
		return -1;
	return v;
}

/* #NTotal and #NActive of /proc/virtnet/status; -1 if unreadable. */
static int __attribute__((unused)) vn_virtnet_counts(long long *total,
						     long long *active)
{
	char buf[1024];

	if (read_file("/proc/virtnet/status", buf, sizeof(buf)) <= 0)
		return -1;
	*total = vn_field_num(buf, "#NTotal:");
	*active = vn_field_num(buf, "#NActive:");
	return *total < 0 || *active < 0 ? -1 : 0;
}

/* Polls until nx_info(nid) says ESRCH; 0 once it does, else -1. */
static int __attribute__((unused)) vn_wait_gone(uint32_t nid, unsigned int ms)
{
	struct vcmd_nx_info_v0 ni;
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		if (vn_nx_info(NULL, nid, &ni) == -1 && errno == ESRCH)
			return 0;
		vs_msleep(10);
	}
	return -1;
}

/*
 * Polls until the Tasks line of /proc/virtnet/<nid>/status is n; returns
 * the last count seen (-1 if never readable).
 */
static long long __attribute__((unused)) vn_wait_tasks(uint32_t nid,
						       long long n,
						       unsigned int ms)
{
	char buf[1024];
	long long last = -1;
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		if (vn_read_virtnet(NULL, nid, "status", buf,
				    sizeof(buf)) > 0) {
			last = vn_field_num(buf, "Tasks:");
			if (last == n)
				break;
		}
		vs_msleep(10);
	}
	return last;
}

/*
 * The address entries of an info file: the text after "<i>:\t" of every
 * line that starts with a number and a colon, in order, to out[] (at
 * most max).  Returns how many there are.
 */
static int __attribute__((unused)) vn_info_entries(const char *text,
						   char out[][128], int max)
{
	const char *p = text;
	int n = 0;

	while (p && *p) {
		size_t len = strcspn(p, "\n");
		size_t d = strspn(p, "0123456789");

		if (d > 0 && d < len && p[d] == ':') {
			const char *v = p + d + 1;
			size_t vl;

			while (*v == '\t' || *v == ' ')
				v++;
			vl = p + len - v;
			if (n < max) {
				if (vl > 127)
					vl = 127;
				memcpy(out[n], v, vl);
				out[n][vl] = '\0';
			}
			n++;
		}
		p += len;
		if (*p)
			p++;
	}
	return n;
}

/* The IPv4 entry text the info file shows: "<ip>-<ip2>/<mask>:<type>". */
static __attribute__((unused)) const char *
vn_entry4(const char *ip, const char *ip2, const char *mask, unsigned int type)
{
	static char buf[8][128];
	static int n;
	char *out = buf[n++ % 8];

	snprintf(out, sizeof(buf[0]), "%s-%s/%s:%04x", ip, ip2, mask, type);
	return out;
}

/*
 * Does entry e show the IPv6 address ip with prefix and type?  The
 * address may be written in any form inet_pton reads.
 */
static int vn_entry6_is(const char *e, const char *ip, unsigned int prefix,
			unsigned int type)
{
	char addr[128], tail[32];
	const char *slash = strrchr(e, '/');
	struct in6_addr a, b = vn_ip6(ip);
	size_t n;

	if (!slash)
		return 0;
	n = slash - e;
	if (n >= sizeof(addr))
		return 0;
	memcpy(addr, e, n);
	addr[n] = '\0';
	if (inet_pton(AF_INET6, addr, &a) != 1 || memcmp(&a, &b, sizeof(a)))
		return 0;
	snprintf(tail, sizeof(tail), "%u:%04x", prefix, type);
	return !strcmp(slash + 1, tail);
}

/* Is e an IPv6 entry (its address part reads as IPv6)? */
static int vn_entry_is6(const char *e)
{
	char addr[128];
	const char *slash = strrchr(e, '/');
	struct in6_addr a;
	size_t n;

	if (!slash || (n = slash - e) >= sizeof(addr))
		return 0;
	memcpy(addr, e, n);
	addr[n] = '\0';
	return inet_pton(AF_INET6, addr, &a) == 1;
}

#define VN_MAX_ENTRIES	160

/*
 * How many entries of family (AF_INET, AF_INET6) /proc/virtnet/<nid>/info
 * shows; -1 if unreadable.
 */
static int __attribute__((unused)) vn_count_entries(uint32_t nid, int family)
{
	static char text[VS_DATA_MAX * 2];
	static char ents[VN_MAX_ENTRIES][128];
	int n, i, c = 0;

	if (vn_read_virtnet(NULL, nid, "info", text, sizeof(text)) <= 0)
		return -1;
	n = vn_info_entries(text, ents, VN_MAX_ENTRIES);
	for (i = 0; i < n && i < VN_MAX_ENTRIES; i++)
		if (vn_entry_is6(ents[i]) == (family == AF_INET6))
			c++;
	return c;
}

/* Does /proc/virtnet/<nid>/info show the IPv4 entry?  -1: unreadable. */
static int __attribute__((unused)) vn_has_entry4(uint32_t nid, const char *ip,
						 const char *ip2,
						 const char *mask,
						 unsigned int type)
{
	static char text[VS_DATA_MAX * 2];
	static char ents[VN_MAX_ENTRIES][128];
	const char *want = vn_entry4(ip, ip2, mask, type);
	int n, i;

	if (vn_read_virtnet(NULL, nid, "info", text, sizeof(text)) <= 0)
		return -1;
	n = vn_info_entries(text, ents, VN_MAX_ENTRIES);
	for (i = 0; i < n && i < VN_MAX_ENTRIES; i++)
		if (!strcmp(ents[i], want))
			return 1;
	return 0;
}

/* Does /proc/virtnet/<nid>/info show the IPv6 entry?  -1: unreadable. */
static int __attribute__((unused)) vn_has_entry6(uint32_t nid, const char *ip,
						 unsigned int prefix,
						 unsigned int type)
{
	static char text[VS_DATA_MAX * 2];
	static char ents[VN_MAX_ENTRIES][128];
	int n, i;

	if (vn_read_virtnet(NULL, nid, "info", text, sizeof(text)) <= 0)
		return -1;
	n = vn_info_entries(text, ents, VN_MAX_ENTRIES);
	for (i = 0; i < n && i < VN_MAX_ENTRIES; i++)
		if (vn_entry6_is(ents[i], ip, prefix, type))
			return 1;
	return 0;
}

/* The value of line key of /proc/virtnet/<nid>/<file>, "(none)" if absent. */
static __attribute__((unused)) const char *vn_virtnet_field(uint32_t nid,
							    const char *file,
							    const char *key)
{
	static char buf[8][128];
	static int n;
	char text[VS_DATA_MAX], *out = buf[n++ % 8];

	if (vn_read_virtnet(NULL, nid, file, text, sizeof(text)) <= 0 ||
	    vs_field(text, key, out, sizeof(buf[0])))
		snprintf(out, sizeof(buf[0]), "(none)");
	return out;
}

/* ------------------------------------------------------------------ */
/* Shorthands for test bodies (they need the harness's _metadata)      */
/* ------------------------------------------------------------------ */

#ifdef __KSELFTEST_HARNESS_H

/* call fails with errno err (EXPECT). */
#define VN_EXPECT_ERR(err, call)					\
	do {								\
		long _r = (long)(call);					\
		int _e = errno;						\
		EXPECT_EQ(-1, _r)					\
			TH_LOG("%s returned %ld, expected -1 (%s)",	\
			       #call, _r, strerror(err));		\
		if (_r == -1) {						\
			EXPECT_EQ(err, _e)				\
				TH_LOG("%s: %s, expected %s", #call,	\
				       strerror(_e), strerror(err));	\
		}							\
	} while (0)

/* call fails with errno err (ASSERT). */
#define VN_ASSERT_ERR(err, call)					\
	do {								\
		long _r = (long)(call);					\
		int _e = errno;						\
		ASSERT_EQ(-1, _r)					\
			TH_LOG("%s returned %ld, expected -1 (%s)",	\
			       #call, _r, strerror(err));		\
		ASSERT_EQ(err, _e)					\
			TH_LOG("%s: %s, expected %s", #call,		\
			       strerror(_e), strerror(err));		\
	} while (0)

/* call returns 0 (ASSERT, with errno in the message). */
#define VN_ASSERT_OK(call)						\
	do {								\
		long _r = (long)(call);					\
		ASSERT_EQ(0, _r)					\
			TH_LOG("%s: %ld (%s)", #call, _r,		\
			       strerror(errno));			\
	} while (0)

/* call returns 0 (EXPECT). */
#define VN_EXPECT_OK(call)						\
	do {								\
		long _r = (long)(call);					\
		EXPECT_EQ(0, _r)					\
			TH_LOG("%s: %ld (%s)", #call, _r,		\
			       strerror(errno));			\
	} while (0)

/* Starts agent a and has it create network context nid with flags. */
#define VN_GUEST(a, nid, flags)						\
	do {								\
		VS_START(a);						\
		ASSERT_EQ((long)(nid), vn_create(&(a), (nid), (flags)))	\
			TH_LOG("agent " #a ": net_create(%u): %s",	\
			       (unsigned int)(nid), strerror(errno));	\
	} while (0)

/* Gives nid the IPv4 address ip/mask (net_add_ipv4_v1, ADDR). */
#define VN_ADD4(nid, ip, mask)						\
	do {								\
		ASSERT_LE(0, vn_add4((nid), (ip), (mask)))		\
			TH_LOG("net_add_ipv4_v1(%u, %s/%s): %s",	\
			       (unsigned int)(nid), (ip), (mask),	\
			       strerror(errno));			\
	} while (0)

/* Gives nid the IPv6 address ip (net_add_ipv6, ADDR). */
#define VN_ADD6(nid, ip)						\
	do {								\
		ASSERT_LE(0, vn_add6((nid), (ip)))			\
			TH_LOG("net_add_ipv6(%u, %s): %s",		\
			       (unsigned int)(nid), (ip),		\
			       strerror(errno));			\
	} while (0)

/* fd := a new socket of agent a (NULL: the test). */
#define VN_SOCKET(fd, a, family, type, proto)				\
	do {								\
		(fd) = vn_socket((a), (family), (type), (proto));	\
		ASSERT_LE(0, (fd))					\
			TH_LOG("%s: socket(%d, %d, %d): %s",		\
			       vs_name(a), (family), (type), (proto),	\
			       strerror(errno));			\
	} while (0)

/* Agent a (NULL: the test) binds fd to address *addr. */
#define VN_BIND(a, fd, addr)						\
	do {								\
		ASSERT_EQ(0, vn_bind((a), (fd), (addr)))		\
			TH_LOG("%s: bind(%s): %s", vs_name(a),		\
			       vn_str(addr), strerror(errno));		\
	} while (0)

/*
 * fd := a TCP socket of a (NULL: the test) bound to ip:port and
 * listening (IPV6_V6ONLY for IPv6).
 */
#define VN_LISTENER(fd, a, ip, port)					\
	do {								\
		struct vn_addr _l = vn_sa((ip), (port));		\
		const char *_s;						\
		(fd) = vn_bound((a), SOCK_STREAM, &_l, 1, &_s);		\
		ASSERT_LE(0, (fd))					\
			TH_LOG("%s: TCP listener on %s: %s: %s",	\
			       vs_name(a), vn_str(&_l), _s,		\
			       strerror(errno));			\
	} while (0)

/* fd := a UDP socket of a bound to ip:port (IPV6_V6ONLY for IPv6). */
#define VN_UDP(fd, a, ip, port)						\
	do {								\
		struct vn_addr _u = vn_sa((ip), (port));		\
		const char *_s;						\
		(fd) = vn_bound((a), SOCK_DGRAM, &_u, 0, &_s);		\
		ASSERT_LE(0, (fd))					\
			TH_LOG("%s: UDP socket on %s: %s: %s",		\
			       vs_name(a), vn_str(&_u), _s,		\
			       strerror(errno));			\
	} while (0)

#endif /* __KSELFTEST_HARNESS_H */

#endif /* _VSERVER_SELFTEST_VS_NET_H */
