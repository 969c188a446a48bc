// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Sockets of network contexts: bind, bind conflicts,
 * source address selection, what a wildcard socket of a guest receives,
 * loopback remapping, explicit source addresses, raw ICMP sockets,
 * packet sockets and UNIX sockets, over IPv4 and IPv6, TCP and UDP
 *
 * The network (vn_net_setup, vs_net.h): lo and dummy0 up, the host's
 * addresses 192.0.2.1/24, 198.51.100.1/24 and 2001:db8::1/64 on dummy0,
 * and the addresses the guests get (192.0.2.11..13, 198.51.100.11/13,
 * 2001:db8::11..13) there as well, as on a real Linux-VServer host.
 *
 * Every test uses network context ids of its own (1800..1899) and ports
 * of its own (21000 + 10 * its number ..).  A guest is an agent that
 * created a network context (it stays in the host's process context);
 * its sockets live in the agent, the test runs the socket calls there
 * (vn_* of vs_net.h) and, with agent NULL, its own host-side ones.
 * Whatever waits has a time-out: VN_IO_MS for what must come, VN_QUIET_MS
 * to see that something does not.
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_net.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/* Gives nid each address of the NULL-terminated list (ADDR; IPv4 /24). */
static void add_addrs(struct __test_metadata *_metadata, uint32_t nid,
		      const char *const *ips)
{
	for (; *ips; ips++) {
		if (vn_family(*ips) == AF_INET6) {
			ASSERT_LE(0, vn_add6(nid, *ips))
				TH_LOG("net_add_ipv6(%u, %s): %s", nid, *ips,
				       strerror(errno));
		} else {
			ASSERT_LE(0, vn_add4(nid, *ips, VN_MASK24))
				TH_LOG("net_add_ipv4_v1(%u, %s/24): %s", nid,
				       *ips, strerror(errno));
		}
	}
}

/* Agent a creates network context nid with flags and these addresses. */
#define GUEST(a, nid, flags, ...)					\
	do {								\
		static const char *const _ips[] = {			\
			__VA_ARGS__, NULL };				\
		VN_GUEST(a, nid, flags);				\
		add_addrs(_metadata, (nid), _ips);			\
	} while (0)

/*
 * a and b, with 127.0.0.1 counting as the same address as lb (a guest's
 * loopback address, which it may be shown as 127.0.0.1) if lb is not
 * NULL.
 */
static int same_addr(const struct vn_addr *a, const struct vn_addr *b,
		     const char *lb)
{
	struct vn_addr x = *a, y = *b;

	if (lb) {
		struct vn_addr one = vn_sa("127.0.0.1", 0);

		if (vn_ip_is(&x, lb))
			x.u.sin.sin_addr = one.u.sin.sin_addr;
		if (vn_ip_is(&y, lb))
			y.u.sin.sin_addr = one.u.sin.sin_addr;
	}
	return vn_addr_eq(&x, &y);
}

/* The address of a is ip, or 127.0.0.1 with ip lb. */
static int addr_is(const struct vn_addr *a, const char *ip, const char *lb)
{
	return vn_ip_is(a, ip) ||
	       (lb && !strcmp(ip, lb) && vn_ip_is(a, "127.0.0.1"));
}

/* A byte each way between c of agent ca and s of agent sa. */
static void exchange(struct __test_metadata *_metadata, struct vs_agent *ca,
		     int c, struct vs_agent *sa, int s)
{
	char b[8];

	ASSERT_EQ(1, vn_send(ca, c, NULL, "x", 1))
		TH_LOG("%s: send: %s", vs_name(ca), strerror(errno));
	ASSERT_EQ(1, vn_recv(sa, s, VN_IO_MS, NULL, b, sizeof(b)))
		TH_LOG("%s: no byte came: %s", vs_name(sa), strerror(errno));
	EXPECT_EQ('x', b[0]);
	ASSERT_EQ(1, vn_send(sa, s, NULL, "y", 1))
		TH_LOG("%s: send: %s", vs_name(sa), strerror(errno));
	ASSERT_EQ(1, vn_recv(ca, c, VN_IO_MS, NULL, b, sizeof(b)))
		TH_LOG("%s: no byte came back: %s", vs_name(ca),
		       strerror(errno));
	EXPECT_EQ('y', b[0]);
}

/*
 * A new TCP socket of ca (NULL: the test) connects to dst; the
 * connection must arrive at listener lfd of sa (NULL: the test): the
 * accepted socket's local address is dst, its peer the client's own
 * address, which is peer_ip if that is not NULL.  A byte goes each way.
 * lb: the loopback address of a guest involved, which may be shown as
 * 127.0.0.1 (NULL if none).
 */
static void expect_arrives(struct __test_metadata *_metadata,
			   struct vs_agent *ca, const struct vn_addr *dst,
			   struct vs_agent *sa, int lfd, const char *peer_ip,
			   const char *lb)
{
	struct vn_addr local, peer, cl;
	int c, s;

	VN_SOCKET(c, ca, dst->u.sa.sa_family, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(ca, c, dst))
		TH_LOG("%s: connect to %s: %s", vs_name(ca), vn_str(dst),
		       strerror(errno));
	s = vn_accept(sa, lfd, VN_IO_MS, &local, &peer);
	ASSERT_LE(0, s)
		TH_LOG("the connection of %s to %s did not arrive at the "
		       "listener of %s: %s", vs_name(ca), vn_str(dst),
		       vs_name(sa), strerror(errno));
	EXPECT_TRUE(same_addr(&local, dst, lb))
		TH_LOG("%s accepted a connection to %s on %s", vs_name(sa),
		       vn_str(dst), vn_str(&local));
	ASSERT_EQ(0, vn_sockname(ca, c, &cl));
	EXPECT_TRUE(same_addr(&peer, &cl, lb))
		TH_LOG("%s sees the peer %s, the client %s is on %s",
		       vs_name(sa), vn_str(&peer), vs_name(ca), vn_str(&cl));
	if (peer_ip) {
		EXPECT_TRUE(addr_is(&peer, peer_ip, lb))
			TH_LOG("the connection of %s to %s came from %s, "
			       "expected %s", vs_name(ca), vn_str(dst),
			       vn_str(&peer), peer_ip);
	}
	exchange(_metadata, ca, c, sa, s);
	vn_close(ca, c);
	vn_close(sa, s);
}

/* As expect_arrives, for ip:port. */
#define ARRIVES(ca, ip, port, sa, lfd, peer_ip)				\
	do {								\
		struct vn_addr _d = vn_sa((ip), (port));		\
		expect_arrives(_metadata, (ca), &_d, (sa), (lfd),	\
			       (peer_ip), NULL);			\
	} while (0)

/* A TCP connect of ca to ip:port fails with err. */
static void expect_connect_fails(struct __test_metadata *_metadata,
				 struct vs_agent *ca, const char *ip,
				 uint16_t port, int err)
{
	struct vn_addr d = vn_sa(ip, port);
	long r;
	int c, e;

	VN_SOCKET(c, ca, d.u.sa.sa_family, SOCK_STREAM, 0);
	r = vn_connect(ca, c, &d);
	e = errno;
	EXPECT_EQ(-1, r)
		TH_LOG("%s: connect to %s succeeded, expected %s",
		       vs_name(ca), vn_str(&d), strerror(err));
	if (r == -1) {
		EXPECT_EQ(err, e)
			TH_LOG("%s: connect to %s: %s, expected %s",
			       vs_name(ca), vn_str(&d), strerror(e),
			       strerror(err));
	}
	vn_close(ca, c);
}

/*
 * A TCP connect of ca to ip:port is not accepted: refused (a reset), or,
 * should the SYN be dropped, timed out.
 */
static void expect_not_accepted(struct __test_metadata *_metadata,
				struct vs_agent *ca, const char *ip,
				uint16_t port)
{
	struct vn_addr d = vn_sa(ip, port);
	long r;
	int c, e;

	VN_SOCKET(c, ca, d.u.sa.sa_family, SOCK_STREAM, 0);
	r = vn_connect(ca, c, &d);
	e = errno;
	EXPECT_EQ(-1, r)
		TH_LOG("%s: connect to %s was accepted", vs_name(ca),
		       vn_str(&d));
	if (r == -1) {
		EXPECT_TRUE(e == ECONNREFUSED || e == ETIMEDOUT)
			TH_LOG("%s: connect to %s: %s, expected it refused",
			       vs_name(ca), vn_str(&d), strerror(e));
	}
	vn_close(ca, c);
}

/* Nothing (no connection, no datagram) arrives at fd of a for a while. */
#define QUIET(a, fd, what)						\
	EXPECT_EQ(0, vn_readable((a), (fd), VN_QUIET_MS))		\
		TH_LOG("something arrived at %s of %s", (what),		\
		       vs_name(a))

/*
 * Socket sfd of sender (NULL: the test) sends payload to ip:port; it
 * arrives at socket rfd of receiver, from from_ip if that is not NULL.
 */
static void expect_dgram(struct __test_metadata *_metadata,
			 struct vs_agent *sender, int sfd, const char *ip,
			 uint16_t port, struct vs_agent *receiver, int rfd,
			 const char *payload, const char *from_ip)
{
	struct vn_addr d = vn_sa(ip, port), from;
	size_t len = strlen(payload);
	char buf[256];

	ASSERT_EQ((long)len, vn_send(sender, sfd, &d, payload, len))
		TH_LOG("%s: sendto %s: %s", vs_name(sender), vn_str(&d),
		       strerror(errno));
	ASSERT_EQ((long)len, vn_recv(receiver, rfd, VN_IO_MS, &from, buf,
				     sizeof(buf)))
		TH_LOG("\"%s\" to %s did not arrive at the socket of %s: %s",
		       payload, vn_str(&d), vs_name(receiver),
		       strerror(errno));
	EXPECT_STREQ(payload, buf)
		TH_LOG("%s got \"%s\" instead of \"%s\" sent to %s",
		       vs_name(receiver), buf, payload, vn_str(&d));
	if (from_ip) {
		EXPECT_TRUE(vn_ip_is(&from, from_ip))
			TH_LOG("\"%s\" from %s to %s came from %s, expected %s",
			       payload, vs_name(sender), vn_str(&d),
			       vn_str(&from), from_ip);
	}
}

/* A bind of a new socket (type) of a to ip:port fails with err. */
static void expect_bind_fails(struct __test_metadata *_metadata,
			      struct vs_agent *a, int type, const char *ip,
			      uint16_t port, int err)
{
	struct vn_addr d = vn_sa(ip, port);
	const char *step;
	int fd, e;

	fd = vn_bound(a, type, &d, 0, &step);
	e = errno;
	EXPECT_EQ(-1, fd)
		TH_LOG("%s: %s bind to %s succeeded, expected %s",
		       vs_name(a), type == SOCK_STREAM ? "TCP" : "UDP",
		       vn_str(&d), strerror(err));
	if (fd < 0) {
		EXPECT_STREQ("bind", step)
			TH_LOG("%s: %s failed: %s", vs_name(a), step,
			       strerror(e));
		EXPECT_EQ(err, e)
			TH_LOG("%s: %s bind to %s: %s, expected %s",
			       vs_name(a), type == SOCK_STREAM ? "TCP" : "UDP",
			       vn_str(&d), strerror(e), strerror(err));
	} else {
		vn_close(a, fd);
	}
}

/*
 * A bind of a new socket (type) of a to ip:port works and getsockname
 * shows ip (or, with lb, 127.0.0.1 for lb) and the port.  Returns the
 * socket (open).
 */
static int expect_bind_works(struct __test_metadata *_metadata,
			     struct vs_agent *a, int type, const char *ip,
			     uint16_t port, const char *shown, const char *lb)
{
	struct vn_addr d = vn_sa(ip, port), n;
	const char *step;
	int fd;

	fd = vn_bound(a, type, &d, 0, &step);
	EXPECT_LE(0, fd)
		TH_LOG("%s: %s %s to %s: %s", vs_name(a),
		       type == SOCK_STREAM ? "TCP" : "UDP", step, vn_str(&d),
		       strerror(errno));
	if (fd < 0)
		return -1;
	EXPECT_EQ(0, vn_sockname(a, fd, &n));
	EXPECT_TRUE(addr_is(&n, shown, lb) && vn_port(&n) == port)
		TH_LOG("%s: bound to %s, getsockname shows %s, expected %s",
		       vs_name(a), vn_str(&d), vn_str(&n), shown);
	return fd;
}

static const int types[] = { SOCK_STREAM, SOCK_DGRAM };

/*
 * The network of the tests, at the start of each: lo and dummy0 up, the
 * addresses on dummy0 (vn_net_setup does nothing that is done already).
 */
#define NET_UP()							\
	do {								\
		char _why[256];						\
		ASSERT_EQ(0, vn_net_setup(_why, sizeof(_why)))		\
			TH_LOG("network setup: %s", _why);		\
	} while (0)

/* ------------------------------------------------------------------ */
/* bind                                                               */
/* ------------------------------------------------------------------ */

TEST(bind_own_address)
{
	const uint16_t port = 21010;
	struct vs_agent a;
	size_t t;

	NET_UP();

	GUEST(a, 1801, NXF_INIT_SET, VN_A4, VN_A6);
	for (t = 0; t < ARRAY_SIZE(types); t++) {
		vn_close(&a, expect_bind_works(_metadata, &a, types[t], VN_A4,
					       port, VN_A4, NULL));
		vn_close(&a, expect_bind_works(_metadata, &a, types[t], VN_A6,
					       port, VN_A6, NULL));
		/* v4-mapped on an IPv6 socket. */
		vn_close(&a, expect_bind_works(_metadata, &a, types[t],
					       "::ffff:" VN_A4, port + 1,
					       VN_A4, NULL));
	}
	vs_agents_stop_all();
}

TEST(bind_foreign_address_refused)
{
	const uint16_t port = 21020;
	const char *foreign[] = {
		VN_HOST4, VN_HOST4B, VN_B4, VN_SPARE4, VN_A4B, "127.0.0.2",
		vn_lback(1803), VN_HOST6, VN_B6, VN_SPARE6, "::1",
		"::ffff:" VN_HOST4, "::ffff:" VN_B4,
	};
	struct vs_agent a, b;
	size_t t, i;

	NET_UP();

	GUEST(a, 1802, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(b, 1803, NXF_INIT_SET, VN_B4, VN_B6);
	for (i = 0; i < ARRAY_SIZE(foreign); i++) {
		/* The address is there: the host binds it. */
		vn_close(NULL, expect_bind_works(_metadata, NULL, SOCK_DGRAM,
						 foreign[i], port, foreign[i],
						 NULL));
		for (t = 0; t < ARRAY_SIZE(types); t++)
			expect_bind_fails(_metadata, &a, types[t], foreign[i],
					  port, EADDRNOTAVAIL);
	}
	vs_agents_stop_all();
}

TEST(bind_mask_and_range_entries)
{
	const uint16_t port = 21030;
	const char *inside[] = {
		VN_A4B, VN_HOST4B, VN_A4, VN_B4, VN_A6, VN_B6, VN_C6,
	};
	const char *outside[] = {
		VN_C4, VN_HOST4, VN_SPARE4, VN_HOST6, VN_SPARE6,
	};
	struct vs_agent a;
	size_t t, i;

	NET_UP();

	VN_GUEST(a, 1804, NXF_INIT_SET);
	ASSERT_LE(0, vn_v1(NULL, 0, 1804, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24))
		TH_LOG("MASK 198.51.100.0/24: %s", strerror(errno));
	/* 192.0.2.11 and .12; .13 is the end, not included. */
	ASSERT_LE(0, vn_v2(NULL, 0, 1804, NXA_TYPE_RANGE, VN_A4, VN_C4,
			   "0.0.0.0"))
		TH_LOG("RANGE %s-%s: %s", VN_A4, VN_C4, strerror(errno));
	ASSERT_LE(0, vn_v6(NULL, 0, 1804, NXA_TYPE_MASK, "2001:db8::10", 124))
		TH_LOG("MASK 2001:db8::10/124: %s", strerror(errno));

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		for (i = 0; i < ARRAY_SIZE(inside); i++)
			vn_close(&a, expect_bind_works(_metadata, &a, types[t],
						       inside[i], port,
						       inside[i], NULL));
		for (i = 0; i < ARRAY_SIZE(outside); i++)
			expect_bind_fails(_metadata, &a, types[t], outside[i],
					  port, EADDRNOTAVAIL);
	}
	vs_agents_stop_all();
}

/*
 * A wildcard of a family the guest has no address of binds, as it does on
 * a host without a global address of that family (Debian's sshd and
 * lighttpd bind [::] and 0.0.0.0 both), and listens on nothing of that
 * family but the guest's own loopback.
 */
TEST(bind_wildcard_without_entries_listens_on_nothing)
{
	const uint16_t port = 21040;
	static const char *const v4[] = { VN_HOST4, VN_A4, VN_B4 };
	static const char *const v6[] = { VN_HOST6, VN_A6, VN_B6 };
	const char *la = vn_lback(1805);
	struct vn_addr one = vn_sa("127.0.0.1", port);
	struct vs_agent a, b, c;
	int l4a, l6b, l4c, l6c;
	size_t t, i;

	NET_UP();

	GUEST(a, 1805, NXF_INIT_SET, VN_A6);
	GUEST(b, 1806, NXF_INIT_SET, VN_B4);
	VN_GUEST(c, 1807, NXF_INIT_SET);
	for (t = 0; t < ARRAY_SIZE(types); t++) {
		/* No IPv4 entry: the IPv4 wildcard binds all the same. */
		vn_close(&a, expect_bind_works(_metadata, &a, types[t],
					       "0.0.0.0", port, "0.0.0.0",
					       NULL));
		vn_close(&a, expect_bind_works(_metadata, &a, types[t], "::",
					       port, "::", NULL));
		/* No IPv6 entry (vn_bound() makes it IPV6_V6ONLY). */
		vn_close(&b, expect_bind_works(_metadata, &b, types[t], "::",
					       port, "::", NULL));
		vn_close(&b, expect_bind_works(_metadata, &b, types[t],
					       "0.0.0.0", port, "0.0.0.0",
					       NULL));
		/* Nothing at all. */
		vn_close(&c, expect_bind_works(_metadata, &c, types[t],
					       "0.0.0.0", port, "0.0.0.0",
					       NULL));
		vn_close(&c, expect_bind_works(_metadata, &c, types[t], "::",
					       port, "::", NULL));
	}

	/* Such listeners take nothing of the host's or the others'. */
	VN_LISTENER(l4a, &a, "0.0.0.0", port);
	VN_LISTENER(l6b, &b, "::", port + 1);
	VN_LISTENER(l4c, &c, "0.0.0.0", port + 2);
	VN_LISTENER(l6c, &c, "::", port + 2);
	for (i = 0; i < ARRAY_SIZE(v4); i++) {
		expect_not_accepted(_metadata, NULL, v4[i], port);
		expect_not_accepted(_metadata, NULL, v4[i], port + 2);
	}
	for (i = 0; i < ARRAY_SIZE(v6); i++) {
		expect_not_accepted(_metadata, NULL, v6[i], port + 1);
		expect_not_accepted(_metadata, NULL, v6[i], port + 2);
	}
	QUIET(&a, l4a, "the IPv4 wildcard of an IPv6-only guest");
	QUIET(&b, l6b, "the IPv6 wildcard of an IPv4-only guest");
	QUIET(&c, l4c, "the IPv4 wildcard of a guest without addresses");
	QUIET(&c, l6c, "the IPv6 wildcard of a guest without addresses");
	/* The guest's own loopback still reaches its IPv4 wildcard. */
	expect_arrives(_metadata, &a, &one, &a, l4a, la, la);
	vs_agents_stop_all();
}

TEST(bind_wildcard_single_ip_binds_first_address)
{
	const uint16_t port = 21050;
	struct vs_agent a, c;
	int l;

	NET_UP();

	GUEST(a, 1808, NXF_INIT_SET | NXF_SINGLE_IP, VN_A4);
	l = expect_bind_works(_metadata, &a, SOCK_STREAM, "0.0.0.0", port,
			      VN_A4, NULL);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, vn_listen(&a, l));
	ARRIVES(NULL, VN_A4, port, &a, l, NULL);
	vn_close(&a, expect_bind_works(_metadata, &a, SOCK_DGRAM, "0.0.0.0",
				       port, VN_A4, NULL));

	/* SINGLE_IP set again after a second entry: the first counts. */
	GUEST(c, 1809, NXF_INIT_SET, VN_C4B, VN_C4);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1809, NXF_SINGLE_IP,
			    NXF_SINGLE_IP));
	vn_close(&c, expect_bind_works(_metadata, &c, SOCK_STREAM, "0.0.0.0",
				       port + 1, VN_C4B, NULL));
	vn_close(&c, expect_bind_works(_metadata, &c, SOCK_DGRAM, "0.0.0.0",
				       port + 1, VN_C4B, NULL));
	vs_agents_stop_all();
}

TEST(bind_wildcard_multi_address_stays_wildcard)
{
	const uint16_t port = 21060;
	struct vs_agent a, c;
	int l;

	NET_UP();

	GUEST(a, 1810, NXF_INIT_SET, VN_A4, VN_A4B);
	l = expect_bind_works(_metadata, &a, SOCK_STREAM, "0.0.0.0", port,
			      "0.0.0.0", NULL);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, vn_listen(&a, l));
	/* It takes connections to either address. */
	ARRIVES(NULL, VN_A4, port, &a, l, NULL);
	ARRIVES(NULL, VN_A4B, port, &a, l, NULL);

	/* Created SINGLE_IP, but two entries clear it. */
	GUEST(c, 1811, NXF_INIT_SET | NXF_SINGLE_IP, VN_C4, VN_C4B);
	vn_close(&c, expect_bind_works(_metadata, &c, SOCK_STREAM, "0.0.0.0",
				       port + 1, "0.0.0.0", NULL));
	vs_agents_stop_all();
}

TEST(bind_loopback)
{
	const uint16_t port = 21070;
	const char *la = vn_lback(1812), *lb = vn_lback(1813),
		   *lc = vn_lback(1814);
	struct vs_agent a, b, c;
	size_t t;

	NET_UP();

	GUEST(a, 1812, NXF_INIT_SET, VN_A4);
	GUEST(b, 1813, NXF_STATE_ADMIN | NXF_LBACK_REMAP, VN_B4);
	GUEST(c, 1814, NXF_STATE_ADMIN, VN_C4);
	for (t = 0; t < ARRAY_SIZE(types); t++) {
		/* Remapped; with HIDE_LBACK it may be shown as 127.0.0.1. */
		vn_close(&a, expect_bind_works(_metadata, &a, types[t],
					       "127.0.0.1", port, la, la));
		vn_close(&a, expect_bind_works(_metadata, &a, types[t], la,
					       port, la, la));
		expect_bind_fails(_metadata, &a, types[t], "127.0.0.2", port,
				  EADDRNOTAVAIL);
		expect_bind_fails(_metadata, &a, types[t], lb, port,
				  EADDRNOTAVAIL);
		/* Without HIDE_LBACK: shown as what it is. */
		vn_close(&b, expect_bind_works(_metadata, &b, types[t],
					       "127.0.0.1", port, lb, NULL));
		/* Without LBACK_REMAP 127.0.0.1 is not its own ... */
		expect_bind_fails(_metadata, &c, types[t], "127.0.0.1", port,
				  EADDRNOTAVAIL);
		/* ... but its loopback address is. */
		vn_close(&c, expect_bind_works(_metadata, &c, types[t], lc,
					       port, lc, NULL));
	}
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Shared ports and conflicts                                         */
/* ------------------------------------------------------------------ */

TEST(shared_port_tcp)
{
	const uint16_t port = 21080;
	struct vs_agent a, b;
	int la, lb, lh;

	NET_UP();

	GUEST(a, 1815, NXF_INIT_SET, VN_A4);
	GUEST(b, 1816, NXF_INIT_SET, VN_B4);
	VN_LISTENER(la, &a, "0.0.0.0", port);
	VN_LISTENER(lb, &b, "0.0.0.0", port);
	VN_LISTENER(lh, NULL, VN_HOST4, port);

	ARRIVES(NULL, VN_A4, port, &a, la, NULL);
	ARRIVES(NULL, VN_B4, port, &b, lb, NULL);
	ARRIVES(NULL, VN_HOST4, port, NULL, lh, NULL);
	/* From guest to guest, and to the host: from the guest's address. */
	ARRIVES(&a, VN_B4, port, &b, lb, VN_A4);
	ARRIVES(&b, VN_A4, port, &a, la, VN_B4);
	ARRIVES(&a, VN_HOST4, port, NULL, lh, VN_A4);
	QUIET(&a, la, "the listener");
	QUIET(&b, lb, "the listener");
	QUIET(NULL, lh, "the listener");
	vs_agents_stop_all();
}

TEST(shared_port_udp)
{
	const uint16_t port = 21090;
	struct vs_agent a, b;
	int ua, ub, uh, uc;

	NET_UP();

	GUEST(a, 1817, NXF_INIT_SET, VN_A4);
	GUEST(b, 1818, NXF_INIT_SET, VN_B4);
	VN_UDP(ua, &a, "0.0.0.0", port);
	VN_UDP(ub, &b, "0.0.0.0", port);
	VN_UDP(uh, NULL, VN_HOST4, port);
	VN_SOCKET(uc, NULL, AF_INET, SOCK_DGRAM, 0);

	expect_dgram(_metadata, NULL, uc, VN_A4, port, &a, ua, "to-a", NULL);
	expect_dgram(_metadata, NULL, uc, VN_B4, port, &b, ub, "to-b", NULL);
	expect_dgram(_metadata, NULL, uc, VN_HOST4, port, NULL, uh, "to-h",
		     NULL);
	/* The wildcard socket of a guest sends from the guest's address. */
	expect_dgram(_metadata, &a, ua, VN_B4, port, &b, ub, "a-to-b", VN_A4);
	expect_dgram(_metadata, &b, ub, VN_HOST4, port, NULL, uh, "b-to-h",
		     VN_B4);
	QUIET(&a, ua, "the UDP socket");
	QUIET(&b, ub, "the UDP socket");
	QUIET(NULL, uh, "the UDP socket");
	vs_agents_stop_all();
}

TEST(shared_port_ipv6)
{
	const uint16_t port = 21100;
	struct vs_agent a, b;
	int la, lb, lh, ua, ub, uh, uc;

	NET_UP();

	GUEST(a, 1819, NXF_INIT_SET, VN_A6);
	GUEST(b, 1820, NXF_INIT_SET, VN_B6);
	VN_LISTENER(la, &a, "::", port);
	VN_LISTENER(lb, &b, "::", port);
	VN_LISTENER(lh, NULL, VN_HOST6, port);
	ARRIVES(NULL, VN_A6, port, &a, la, NULL);
	ARRIVES(NULL, VN_B6, port, &b, lb, NULL);
	ARRIVES(NULL, VN_HOST6, port, NULL, lh, NULL);
	ARRIVES(&a, VN_B6, port, &b, lb, VN_A6);
	ARRIVES(&b, VN_HOST6, port, NULL, lh, VN_B6);
	QUIET(&a, la, "the listener");
	QUIET(&b, lb, "the listener");
	QUIET(NULL, lh, "the listener");

	VN_UDP(ua, &a, "::", port);
	VN_UDP(ub, &b, "::", port);
	VN_UDP(uh, NULL, VN_HOST6, port);
	VN_SOCKET(uc, NULL, AF_INET6, SOCK_DGRAM, 0);
	expect_dgram(_metadata, NULL, uc, VN_A6, port, &a, ua, "to-a", NULL);
	expect_dgram(_metadata, NULL, uc, VN_B6, port, &b, ub, "to-b", NULL);
	expect_dgram(_metadata, NULL, uc, VN_HOST6, port, NULL, uh, "to-h",
		     NULL);
	expect_dgram(_metadata, &a, ua, VN_B6, port, &b, ub, "a-to-b", VN_A6);
	QUIET(&a, ua, "the UDP socket");
	QUIET(&b, ub, "the UDP socket");
	QUIET(NULL, uh, "the UDP socket");
	vs_agents_stop_all();
}

TEST(host_wildcard_conflicts_with_guests)
{
	const uint16_t port = 21110;
	struct vn_addr any6 = vn_sa("::", port);
	struct vs_agent a;
	int la, lh, ua, l6, fd;

	NET_UP();

	GUEST(a, 1821, NXF_INIT_SET, VN_A4, VN_A6);

	/* A guest's wildcard covers its addresses ... */
	VN_LISTENER(la, &a, "0.0.0.0", port);
	expect_bind_fails(_metadata, NULL, SOCK_STREAM, "0.0.0.0", port,
			  EADDRINUSE);
	expect_bind_fails(_metadata, NULL, SOCK_STREAM, VN_A4, port,
			  EADDRINUSE);
	expect_bind_fails(_metadata, &a, SOCK_STREAM, VN_A4, port, EADDRINUSE);
	/* A dual-stack host wildcard covers IPv4 as well. */
	VN_SOCKET(fd, NULL, AF_INET6, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_setint(NULL, fd, IPPROTO_IPV6, IPV6_V6ONLY, 0));
	EXPECT_EQ(-1, vn_bind(NULL, fd, &any6))
		TH_LOG("dual-stack host wildcard bound next to a guest's");
	EXPECT_EQ(EADDRINUSE, errno);
	vn_close(NULL, fd);
	/* ... and nothing else. */
	vn_close(NULL, expect_bind_works(_metadata, NULL, SOCK_STREAM, VN_B4,
					 port, VN_B4, NULL));
	vn_close(NULL, expect_bind_works(_metadata, NULL, SOCK_STREAM,
					 VN_HOST4, port, VN_HOST4, NULL));

	/* A host wildcard covers everything. */
	VN_LISTENER(lh, NULL, "0.0.0.0", port + 1);
	expect_bind_fails(_metadata, &a, SOCK_STREAM, "0.0.0.0", port + 1,
			  EADDRINUSE);
	expect_bind_fails(_metadata, &a, SOCK_STREAM, VN_A4, port + 1,
			  EADDRINUSE);

	/* UDP alike. */
	VN_UDP(ua, &a, "0.0.0.0", port + 2);
	expect_bind_fails(_metadata, NULL, SOCK_DGRAM, "0.0.0.0", port + 2,
			  EADDRINUSE);
	expect_bind_fails(_metadata, NULL, SOCK_DGRAM, VN_A4, port + 2,
			  EADDRINUSE);
	vn_close(NULL, expect_bind_works(_metadata, NULL, SOCK_DGRAM, VN_B4,
					 port + 2, VN_B4, NULL));

	/* IPv6 alike. */
	VN_LISTENER(l6, &a, "::", port + 3);
	expect_bind_fails(_metadata, NULL, SOCK_STREAM, "::", port + 3,
			  EADDRINUSE);
	expect_bind_fails(_metadata, NULL, SOCK_STREAM, VN_A6, port + 3,
			  EADDRINUSE);
	vn_close(NULL, expect_bind_works(_metadata, NULL, SOCK_STREAM, VN_B6,
					 port + 3, VN_B6, NULL));
	vn_close(&a, la);
	vn_close(NULL, lh);
	vn_close(&a, ua);
	vn_close(&a, l6);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Source addresses                                                   */
/* ------------------------------------------------------------------ */

TEST(connect_source_single_address)
{
	const uint16_t port = 21120;
	struct vs_agent a;
	int l4, l4b, l6, u4, u6, c;

	NET_UP();

	GUEST(a, 1822, NXF_INIT_SET, VN_A4, VN_A6);
	VN_LISTENER(l4, NULL, VN_HOST4, port);
	VN_LISTENER(l4b, NULL, VN_B4, port);
	VN_LISTENER(l6, NULL, VN_HOST6, port);
	ARRIVES(&a, VN_HOST4, port, NULL, l4, VN_A4);
	ARRIVES(&a, VN_B4, port, NULL, l4b, VN_A4);
	ARRIVES(&a, VN_HOST6, port, NULL, l6, VN_A6);

	/* UDP from an unbound socket. */
	VN_UDP(u4, NULL, VN_HOST4, port);
	VN_UDP(u6, NULL, VN_HOST6, port);
	VN_SOCKET(c, &a, AF_INET, SOCK_DGRAM, 0);
	expect_dgram(_metadata, &a, c, VN_HOST4, port, NULL, u4, "udp4",
		     VN_A4);
	vn_close(&a, c);
	VN_SOCKET(c, &a, AF_INET6, SOCK_DGRAM, 0);
	expect_dgram(_metadata, &a, c, VN_HOST6, port, NULL, u6, "udp6",
		     VN_A6);
	vn_close(&a, c);
	vs_agents_stop_all();
}

TEST(connect_source_multi_address)
{
	const uint16_t port = 21130;
	struct vn_addr c4b = vn_sa(VN_C4B, 0), dst = vn_sa(VN_HOST4, port),
		       from;
	struct vs_agent c;
	int l4, l4b, l6, u4, u4b, fd, s;

	NET_UP();

	/* First 198.51.100.13/24, then 192.0.2.13/24. */
	GUEST(c, 1823, NXF_INIT_SET, VN_C4B, VN_C4, VN_C6, VN_A6);
	VN_LISTENER(l4, NULL, VN_HOST4, port);
	VN_LISTENER(l4b, NULL, VN_HOST4B, port);
	VN_LISTENER(l6, NULL, VN_HOST6, port);
	/* The entry whose network holds the routed source. */
	ARRIVES(&c, VN_HOST4, port, NULL, l4, VN_C4);
	ARRIVES(&c, VN_HOST4B, port, NULL, l4b, VN_C4B);
	/* One of its IPv6 addresses. */
	VN_SOCKET(fd, &c, AF_INET6, SOCK_STREAM, 0);
	dst = vn_sa(VN_HOST6, port);
	ASSERT_EQ(0, vn_connect(&c, fd, &dst)) TH_LOG("%s", strerror(errno));
	s = vn_accept(NULL, l6, VN_IO_MS, NULL, &from);
	ASSERT_LE(0, s) TH_LOG("no connection at %s", vn_str(&dst));
	EXPECT_TRUE(vn_ip_is(&from, VN_C6) || vn_ip_is(&from, VN_A6))
		TH_LOG("IPv6 connection from %s, not from the guest",
		       vn_str(&from));
	vn_close(NULL, s);
	vn_close(&c, fd);

	VN_UDP(u4, NULL, VN_HOST4, port);
	VN_UDP(u4b, NULL, VN_HOST4B, port);
	VN_SOCKET(fd, &c, AF_INET, SOCK_DGRAM, 0);
	expect_dgram(_metadata, &c, fd, VN_HOST4, port, NULL, u4, "m1", VN_C4);
	expect_dgram(_metadata, &c, fd, VN_HOST4B, port, NULL, u4b, "m2",
		     VN_C4B);
	vn_close(&c, fd);

	/* Bound: the bound address, wherever to. */
	VN_SOCKET(fd, &c, AF_INET, SOCK_STREAM, 0);
	VN_BIND(&c, fd, &c4b);
	dst = vn_sa(VN_HOST4, port);
	ASSERT_EQ(0, vn_connect(&c, fd, &dst)) TH_LOG("%s", strerror(errno));
	s = vn_accept(NULL, l4, VN_IO_MS, NULL, &from);
	ASSERT_LE(0, s) TH_LOG("no connection at %s", vn_str(&dst));
	EXPECT_TRUE(vn_ip_is(&from, VN_C4B))
		TH_LOG("bound to %s, connected from %s", VN_C4B,
		       vn_str(&from));
	vn_close(NULL, s);
	vn_close(&c, fd);

	/* SINGLE_IP: always the first address. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1823, NXF_SINGLE_IP,
			    NXF_SINGLE_IP));
	ARRIVES(&c, VN_HOST4, port, NULL, l4, VN_C4B);
	VN_SOCKET(fd, &c, AF_INET, SOCK_DGRAM, 0);
	expect_dgram(_metadata, &c, fd, VN_HOST4, port, NULL, u4, "m3",
		     VN_C4B);
	vn_close(&c, fd);
	QUIET(NULL, u4, "the UDP socket");
	vs_agents_stop_all();
}

TEST(connect_without_family_entries_refused)
{
	const uint16_t port = 21140;
	struct vn_addr h4 = vn_sa(VN_HOST4, port), h6 = vn_sa(VN_HOST6, port);
	struct vs_agent a, b;
	int l4, l6, fd;

	NET_UP();

	VN_LISTENER(l4, NULL, VN_HOST4, port);
	VN_LISTENER(l6, NULL, VN_HOST6, port);

	GUEST(a, 1824, NXF_INIT_SET, VN_A6);
	expect_connect_fails(_metadata, &a, VN_HOST4, port, EPERM);
	VN_SOCKET(fd, &a, AF_INET, SOCK_DGRAM, 0);
	VN_EXPECT_ERR(EPERM, vn_send(&a, fd, &h4, "x", 1));
	vn_close(&a, fd);
	ARRIVES(&a, VN_HOST6, port, NULL, l6, VN_A6);

	GUEST(b, 1825, NXF_INIT_SET, VN_B4);
	expect_connect_fails(_metadata, &b, VN_HOST6, port, EPERM);
	VN_SOCKET(fd, &b, AF_INET6, SOCK_DGRAM, 0);
	VN_EXPECT_ERR(EPERM, vn_send(&b, fd, &h6, "x", 1));
	vn_close(&b, fd);
	ARRIVES(&b, VN_HOST4, port, NULL, l4, VN_B4);

	QUIET(NULL, l4, "the listener");
	QUIET(NULL, l6, "the listener");
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* What a guest's wildcard socket receives                            */
/* ------------------------------------------------------------------ */

TEST(udp_wildcard_receives_only_own_destinations)
{
	const uint16_t port = 21150;
	struct vn_addr to;
	struct vs_agent a;
	int ua, ua6, hb, hb6, uc, uc6;

	NET_UP();

	GUEST(a, 1826, NXF_INIT_SET, VN_A4, VN_A6);
	VN_UDP(ua, &a, "0.0.0.0", port);
	VN_UDP(hb, NULL, VN_B4, port);
	VN_SOCKET(uc, NULL, AF_INET, SOCK_DGRAM, 0);

	/* To addresses that are not the guest's: not to its socket. */
	to = vn_sa(VN_HOST4, port);
	ASSERT_EQ(2, vn_send(NULL, uc, &to, "h4", 2));
	to = vn_sa(VN_SPARE4, port);
	ASSERT_EQ(2, vn_send(NULL, uc, &to, "s4", 2));
	expect_dgram(_metadata, NULL, uc, VN_B4, port, NULL, hb, "b4", NULL);
	QUIET(&a, ua, "the wildcard UDP socket");
	/* To its own: the first thing it gets. */
	expect_dgram(_metadata, NULL, uc, VN_A4, port, &a, ua, "a4", NULL);

	VN_UDP(ua6, &a, "::", port);
	VN_UDP(hb6, NULL, VN_B6, port);
	VN_SOCKET(uc6, NULL, AF_INET6, SOCK_DGRAM, 0);
	to = vn_sa(VN_HOST6, port);
	ASSERT_EQ(2, vn_send(NULL, uc6, &to, "h6", 2));
	to = vn_sa(VN_SPARE6, port);
	ASSERT_EQ(2, vn_send(NULL, uc6, &to, "s6", 2));
	expect_dgram(_metadata, NULL, uc6, VN_B6, port, NULL, hb6, "b6", NULL);
	QUIET(&a, ua6, "the wildcard UDP6 socket");
	expect_dgram(_metadata, NULL, uc6, VN_A6, port, &a, ua6, "a6", NULL);
	QUIET(&a, ua, "the wildcard UDP socket");
	vs_agents_stop_all();
}

TEST(tcp_wildcard_accepts_only_own_destinations)
{
	const uint16_t port = 21160;
	struct vs_agent a;
	int la, la6;

	NET_UP();

	GUEST(a, 1827, NXF_INIT_SET, VN_A4, VN_A6);
	VN_LISTENER(la, &a, "0.0.0.0", port);
	expect_not_accepted(_metadata, NULL, VN_HOST4, port);
	expect_not_accepted(_metadata, NULL, VN_SPARE4, port);
	expect_not_accepted(_metadata, NULL, VN_B4, port);
	QUIET(&a, la, "the wildcard listener");
	ARRIVES(NULL, VN_A4, port, &a, la, NULL);

	VN_LISTENER(la6, &a, "::", port);
	expect_not_accepted(_metadata, NULL, VN_HOST6, port);
	expect_not_accepted(_metadata, NULL, VN_B6, port);
	QUIET(&a, la6, "the wildcard IPv6 listener");
	ARRIVES(NULL, VN_A6, port, &a, la6, NULL);
	QUIET(&a, la, "the wildcard listener");
	vs_agents_stop_all();
}

TEST(dual_stack_wildcard)
{
	const uint16_t port = 21170;
	struct vn_addr any = vn_sa("::", port);
	struct vs_agent a;
	int l;

	NET_UP();

	GUEST(a, 1828, NXF_INIT_SET, VN_A4, VN_A6);
	VN_SOCKET(l, &a, AF_INET6, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_setint(&a, l, IPPROTO_IPV6, IPV6_V6ONLY, 0));
	VN_BIND(&a, l, &any);
	ASSERT_EQ(0, vn_listen(&a, l));

	/* Its IPv4 and IPv6 addresses, nothing else. */
	ARRIVES(NULL, VN_A4, port, &a, l, NULL);
	ARRIVES(NULL, VN_A6, port, &a, l, NULL);
	expect_not_accepted(_metadata, NULL, VN_B4, port);
	expect_not_accepted(_metadata, NULL, VN_HOST4, port);
	expect_not_accepted(_metadata, NULL, VN_B6, port);
	expect_not_accepted(_metadata, NULL, VN_HOST6, port);
	QUIET(&a, l, "the dual-stack listener");
	vs_agents_stop_all();
}

/* A guest with IPv4 addresses only: [::] dual-stack serves them. */
TEST(dual_stack_wildcard_of_an_ipv4_guest)
{
	const uint16_t port = 21175;
	struct vn_addr any = vn_sa("::", port);
	struct vn_addr mapped = vn_sa("::ffff:" VN_B4, port);
	struct vn_addr foreign = vn_sa("::ffff:" VN_A4, port);
	struct vs_agent b;
	int l, s;

	NET_UP();

	GUEST(b, 1845, NXF_INIT_SET, VN_B4);
	VN_SOCKET(l, &b, AF_INET6, SOCK_STREAM, 0);
	VN_BIND(&b, l, &any);
	ASSERT_EQ(0, vn_listen(&b, l));
	ARRIVES(NULL, VN_B4, port, &b, l, NULL);
	expect_not_accepted(_metadata, NULL, VN_A4, port);
	expect_not_accepted(_metadata, NULL, VN_HOST4, port);
	expect_not_accepted(_metadata, NULL, VN_B6, port);
	QUIET(&b, l, "the dual-stack listener");
	vn_close(&b, l);

	/* An IPv4-mapped address: its own, not another's. */
	VN_SOCKET(s, &b, AF_INET6, SOCK_DGRAM, 0);
	EXPECT_EQ(-1, vn_bind(&b, s, &foreign));
	EXPECT_EQ(EADDRNOTAVAIL, errno);
	VN_BIND(&b, s, &mapped);
	vn_close(&b, s);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Loopback                                                           */
/* ------------------------------------------------------------------ */

TEST(loopback_reaches_own_listener_not_hosts)
{
	const uint16_t port = 21180;
	const char *la = vn_lback(1829);
	struct vn_addr one = vn_sa("127.0.0.1", port), l = vn_sa(la, port);
	struct vs_agent a;
	int lh, lg;

	NET_UP();

	GUEST(a, 1829, NXF_INIT_SET, VN_A4);
	VN_LISTENER(lh, NULL, "127.0.0.1", port);
	VN_LISTENER(lg, &a, "127.0.0.1", port);

	/* The guest's 127.0.0.1 is its own loopback address. */
	expect_arrives(_metadata, &a, &one, &a, lg, la, la);
	QUIET(NULL, lh, "the host's listener on 127.0.0.1");

	/* The host's 127.0.0.1 is the host's, its L reaches the guest. */
	expect_arrives(_metadata, NULL, &one, NULL, lh, NULL, NULL);
	expect_arrives(_metadata, NULL, &l, &a, lg, NULL, la);
	QUIET(&a, lg, "the guest's listener on 127.0.0.1");
	QUIET(NULL, lh, "the host's listener on 127.0.0.1");
	vs_agents_stop_all();
}

TEST(loopback_of_two_guests_do_not_meet)
{
	const uint16_t port = 21190;
	const char *la = vn_lback(1830), *lb = vn_lback(1831);
	struct vn_addr one = vn_sa("127.0.0.1", port), to;
	struct vs_agent a, b;
	int lga, lgb, fd;

	NET_UP();

	GUEST(a, 1830, NXF_INIT_SET, VN_A4);
	GUEST(b, 1831, NXF_INIT_SET, VN_B4);
	VN_LISTENER(lga, &a, "127.0.0.1", port);
	VN_LISTENER(lgb, &b, "127.0.0.1", port);

	expect_arrives(_metadata, &a, &one, &a, lga, la, la);
	expect_arrives(_metadata, &b, &one, &b, lgb, lb, lb);
	QUIET(&a, lga, "the listener of a");
	QUIET(&b, lgb, "the listener of b");

	/* Another guest's loopback address, or any other: refused. */
	expect_connect_fails(_metadata, &a, lb, port, EPERM);
	expect_connect_fails(_metadata, &b, la, port, EPERM);
	expect_connect_fails(_metadata, &a, "127.0.0.2", port, EPERM);
	VN_SOCKET(fd, &a, AF_INET, SOCK_DGRAM, 0);
	to = vn_sa(lb, port);
	VN_EXPECT_ERR(EPERM, vn_send(&a, fd, &to, "x", 1));
	to = vn_sa("127.0.0.2", port);
	VN_EXPECT_ERR(EPERM, vn_send(&a, fd, &to, "x", 1));
	vn_close(&a, fd);
	QUIET(&a, lga, "the listener of a");
	QUIET(&b, lgb, "the listener of b");
	vs_agents_stop_all();
}

TEST(loopback_ipv6_refused)
{
	const uint16_t port = 21200;
	struct vn_addr to = vn_sa("::1", port);
	struct vs_agent a, b;
	int lh, fd;

	NET_UP();

	VN_LISTENER(lh, NULL, "::1", port);
	GUEST(a, 1832, NXF_INIT_SET, VN_A4, VN_A6);
	expect_connect_fails(_metadata, &a, "::1", port, EPERM);
	VN_SOCKET(fd, &a, AF_INET6, SOCK_DGRAM, 0);
	VN_EXPECT_ERR(EPERM, vn_send(&a, fd, &to, "x", 1));
	vn_close(&a, fd);
	expect_bind_fails(_metadata, &a, SOCK_STREAM, "::1", port + 1,
			  EADDRNOTAVAIL);
	expect_bind_fails(_metadata, &a, SOCK_DGRAM, "::1", port + 1,
			  EADDRNOTAVAIL);
	QUIET(NULL, lh, "the host's listener on ::1");

	/* With LBACK_ALLOW ::1 can be bound. */
	GUEST(b, 1833, NXF_INIT_SET | NXF_LBACK_ALLOW, VN_B4, VN_B6);
	vn_close(&b, expect_bind_works(_metadata, &b, SOCK_STREAM, "::1",
				       port + 1, "::1", NULL));
	vs_agents_stop_all();
}

TEST(loopback_without_remap_refused)
{
	const uint16_t port = 21210;
	struct vs_agent c;
	int lh;

	NET_UP();

	VN_LISTENER(lh, NULL, "127.0.0.1", port);
	GUEST(c, 1834, NXF_STATE_ADMIN, VN_C4);
	expect_connect_fails(_metadata, &c, "127.0.0.1", port, EPERM);
	QUIET(NULL, lh, "the host's listener on 127.0.0.1");
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Explicit source addresses                                          */
/* ------------------------------------------------------------------ */

TEST(pktinfo_foreign_source_refused)
{
	const uint16_t port = 21220;
	static const char *const bad4[] = { VN_HOST4, VN_B4, VN_SPARE4 };
	static const char *const bad6[] = { VN_HOST6, VN_B6, VN_SPARE6 };
	struct vn_addr d4 = vn_sa(VN_HOST4, port), d6 = vn_sa(VN_HOST6, port),
		       src, from;
	struct vs_agent a, b;
	int u4, u6, fd;
	char buf[64];
	size_t i;

	NET_UP();

	GUEST(a, 1835, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(b, 1836, NXF_INIT_SET, VN_B4, VN_B6);
	VN_UDP(u4, NULL, VN_HOST4, port);
	VN_UDP(u6, NULL, VN_HOST6, port);

	VN_SOCKET(fd, &a, AF_INET, SOCK_DGRAM, 0);
	for (i = 0; i < ARRAY_SIZE(bad4); i++) {
		src = vn_sa(bad4[i], 0);
		EXPECT_EQ(-1, vn_send_from(&a, fd, &d4, &src, "bad", 3))
			TH_LOG("IP_PKTINFO source %s was accepted", bad4[i]);
		EXPECT_EQ(EPERM, errno)
			TH_LOG("IP_PKTINFO source %s: %s", bad4[i],
			       strerror(errno));
	}
	src = vn_sa(VN_A4, 0);
	ASSERT_EQ(4, vn_send_from(&a, fd, &d4, &src, "good", 4))
		TH_LOG("IP_PKTINFO source %s: %s", VN_A4, strerror(errno));
	ASSERT_EQ(4, vn_recv(NULL, u4, VN_IO_MS, &from, buf, sizeof(buf)))
		TH_LOG("the datagram from %s did not come", VN_A4);
	EXPECT_STREQ("good", buf);
	EXPECT_TRUE(vn_ip_is(&from, VN_A4)) TH_LOG("from %s", vn_str(&from));
	vn_close(&a, fd);

	VN_SOCKET(fd, &a, AF_INET6, SOCK_DGRAM, 0);
	for (i = 0; i < ARRAY_SIZE(bad6); i++) {
		src = vn_sa(bad6[i], 0);
		EXPECT_EQ(-1, vn_send_from(&a, fd, &d6, &src, "bad", 3))
			TH_LOG("IPV6_PKTINFO source %s was accepted", bad6[i]);
		EXPECT_EQ(EPERM, errno)
			TH_LOG("IPV6_PKTINFO source %s: %s", bad6[i],
			       strerror(errno));
	}
	src = vn_sa(VN_A6, 0);
	ASSERT_EQ(4, vn_send_from(&a, fd, &d6, &src, "good", 4))
		TH_LOG("IPV6_PKTINFO source %s: %s", VN_A6, strerror(errno));
	ASSERT_EQ(4, vn_recv(NULL, u6, VN_IO_MS, &from, buf, sizeof(buf)))
		TH_LOG("the datagram from %s did not come", VN_A6);
	EXPECT_STREQ("good", buf);
	EXPECT_TRUE(vn_ip_is(&from, VN_A6)) TH_LOG("from %s", vn_str(&from));
	vn_close(&a, fd);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Raw and packet sockets                                             */
/* ------------------------------------------------------------------ */

/* Agent a pings dst (ICMP or ICMPv6 echo) on a raw socket of its own. */
static void expect_ping(struct __test_metadata *_metadata, struct vs_agent *a,
			const char *dst, uint16_t id)
{
	struct vn_addr d = vn_sa(dst, 0), from;
	int v6 = vn_family(dst) == AF_INET6;
	int fd;

	VN_SOCKET(fd, a, d.u.sa.sa_family, SOCK_RAW,
		  v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
	ASSERT_EQ(16, vn_icmp_send(a, fd, &d, v6 ? 128 : 8, id))
		TH_LOG("%s: echo request to %s: %s", vs_name(a), dst,
		       strerror(errno));
	EXPECT_EQ(1, vn_icmp_reply(a, fd, d.u.sa.sa_family, id, VN_IO_MS,
				   &from))
		TH_LOG("%s: no echo reply from %s", vs_name(a), dst);
	vn_close(a, fd);
}

TEST(raw_icmp_echo)
{
	struct vs_agent a, a2, h;
	int fd;

	NET_UP();

	GUEST(a, 1837, NXF_INIT_SET, VN_A4, VN_A6);
	expect_ping(_metadata, &a, VN_HOST4, 0x1837);
	expect_ping(_metadata, &a, VN_HOST6, 0x1838);

	/* Even without CAP_NET_RAW ... */
	VS_FORK(a, a2);
	ASSERT_EQ(0, VS_CALL(&a2, vs_fn_drop_caps, VS_CAP(CAP_NET_RAW)));
	expect_ping(_metadata, &a2, VN_HOST4, 0x1839);
	expect_ping(_metadata, &a2, VN_HOST6, 0x183a);

	/* ... which a host task needs. */
	VS_START(h);
	ASSERT_EQ(0, VS_CALL(&h, vs_fn_drop_caps, VS_CAP(CAP_NET_RAW)));
	fd = vn_socket(&h, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	EXPECT_EQ(-1, fd) TH_LOG("a host task made a raw socket without "
				 "CAP_NET_RAW: the test proves nothing");
	vn_close(&h, fd);
	vs_agents_stop_all();
}

TEST(raw_icmp_sends_only_echo_requests)
{
	static const int bad4[] = { 0, 3, 13, 17 };
	static const int bad6[] = { 1, 129, 135, 136 };
	struct vn_addr h4 = vn_sa(VN_HOST4, 0), h6 = vn_sa(VN_HOST6, 0);
	struct vs_agent a;
	int r4, r6;
	size_t i;

	NET_UP();

	GUEST(a, 1838, NXF_INIT_SET, VN_A4, VN_A6);
	VN_SOCKET(r4, &a, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	for (i = 0; i < ARRAY_SIZE(bad4); i++) {
		EXPECT_EQ(-1, vn_icmp_send(&a, r4, &h4, bad4[i], 0x1838))
			TH_LOG("ICMP type %d was sent", bad4[i]);
		EXPECT_EQ(EPERM, errno)
			TH_LOG("ICMP type %d: %s", bad4[i], strerror(errno));
	}
	VN_EXPECT_ERR(EPERM, vn_setint(&a, r4, IPPROTO_IP, IP_HDRINCL, 1));
	/* The socket still sends echo requests. */
	EXPECT_EQ(16, vn_icmp_send(&a, r4, &h4, 8, 0x1838))
		TH_LOG("echo request: %s", strerror(errno));
	EXPECT_EQ(1, vn_icmp_reply(&a, r4, AF_INET, 0x1838, VN_IO_MS, NULL));

	VN_SOCKET(r6, &a, AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
	for (i = 0; i < ARRAY_SIZE(bad6); i++) {
		EXPECT_EQ(-1, vn_icmp_send(&a, r6, &h6, bad6[i], 0x1839))
			TH_LOG("ICMPv6 type %d was sent", bad6[i]);
		EXPECT_EQ(EPERM, errno)
			TH_LOG("ICMPv6 type %d: %s", bad6[i], strerror(errno));
	}
	EXPECT_EQ(16, vn_icmp_send(&a, r6, &h6, 128, 0x1839))
		TH_LOG("ICMPv6 echo request: %s", strerror(errno));
	EXPECT_EQ(1, vn_icmp_reply(&a, r6, AF_INET6, 0x1839, VN_IO_MS, NULL));
	vs_agents_stop_all();
}

TEST(raw_icmp_needs_ncap)
{
	struct vs_agent a;

	NET_UP();

	GUEST(a, 1839, NXF_INIT_SET, VN_A4, VN_A6);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1839, 0, NXC_RAW_ICMP))
		TH_LOG("clearing NXC_RAW_ICMP: %s", strerror(errno));
	VN_EXPECT_ERR(EPERM, vn_socket(&a, AF_INET, SOCK_RAW, IPPROTO_ICMP));
	VN_EXPECT_ERR(EPERM, vn_socket(&a, AF_INET6, SOCK_RAW,
				       IPPROTO_ICMPV6));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1839, NXC_RAW_ICMP,
			    NXC_RAW_ICMP));
	expect_ping(_metadata, &a, VN_HOST4, 0x183b);
	expect_ping(_metadata, &a, VN_HOST6, 0x183c);
	vs_agents_stop_all();
}

TEST(raw_other_protocols_refused)
{
	static const int protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_RAW,
				      IPPROTO_GRE };
	struct vs_agent a;
	size_t i;
	int fd;

	NET_UP();

	GUEST(a, 1840, NXF_INIT_SET, VN_A4, VN_A6);
	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		/* The host may. */
		fd = vn_socket(NULL, AF_INET, SOCK_RAW, protos[i]);
		EXPECT_LE(0, fd) TH_LOG("host: raw socket, protocol %d: %s",
					protos[i], strerror(errno));
		vn_close(NULL, fd);

		fd = vn_socket(&a, AF_INET, SOCK_RAW, protos[i]);
		EXPECT_EQ(-1, fd)
			TH_LOG("guest: raw IPv4 socket, protocol %d",
			       protos[i]);
		if (fd < 0) {
			EXPECT_EQ(EPERM, errno)
				TH_LOG("guest: raw IPv4 socket, protocol %d: "
				       "%s", protos[i], strerror(errno));
		}
		vn_close(&a, fd);

		fd = vn_socket(&a, AF_INET6, SOCK_RAW, protos[i]);
		EXPECT_EQ(-1, fd)
			TH_LOG("guest: raw IPv6 socket, protocol %d",
			       protos[i]);
		if (fd < 0) {
			EXPECT_EQ(EPERM, errno)
				TH_LOG("guest: raw IPv6 socket, protocol %d: "
				       "%s", protos[i], strerror(errno));
		}
		vn_close(&a, fd);
	}
	vs_agents_stop_all();
}

TEST(raw_icmp_receives_only_own_destinations)
{
	struct vn_addr b4 = vn_sa(VN_B4, 0);
	struct vs_agent a;
	int ra, rh;

	NET_UP();

	GUEST(a, 1841, NXF_INIT_SET, VN_A4);
	VN_SOCKET(ra, &a, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	/* The host pings an address of no guest: it sees the reply ... */
	VN_SOCKET(rh, NULL, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	ASSERT_EQ(16, vn_icmp_send(NULL, rh, &b4, 8, 0x1841))
		TH_LOG("host: echo request to %s: %s", VN_B4, strerror(errno));
	EXPECT_EQ(1, vn_icmp_reply(NULL, rh, AF_INET, 0x1841, VN_IO_MS, NULL))
		TH_LOG("host: no echo reply from %s", VN_B4);
	/* ... the guest's raw socket sees nothing of it. */
	QUIET(&a, ra, "the raw ICMP socket");
	vn_close(NULL, rh);
	vn_close(&a, ra);
	vs_agents_stop_all();
}

TEST(packet_sockets_refused)
{
	static const int ptypes[] = { SOCK_RAW, SOCK_DGRAM };
	struct vs_agent a, c;
	size_t i;
	int fd;

	NET_UP();

	GUEST(a, 1842, NXF_INIT_SET, VN_A4);
	VN_GUEST(c, 1843, NXF_INIT_SET);
	for (i = 0; i < ARRAY_SIZE(ptypes); i++) {
		fd = vn_socket(NULL, AF_PACKET, ptypes[i], htons(ETH_P_ALL));
		EXPECT_LE(0, fd) TH_LOG("host: AF_PACKET type %d: %s",
					ptypes[i], strerror(errno));
		vn_close(NULL, fd);
		VN_EXPECT_ERR(EPERM, vn_socket(&a, AF_PACKET, ptypes[i],
					       htons(ETH_P_ALL)));
		VN_EXPECT_ERR(EPERM, vn_socket(&a, AF_PACKET, ptypes[i], 0));
		VN_EXPECT_ERR(EPERM, vn_socket(&c, AF_PACKET, ptypes[i],
					       htons(ETH_P_IP)));
	}
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* UNIX sockets                                                       */
/* ------------------------------------------------------------------ */

TEST(unix_sockets_unaffected)
{
	static const int utypes[] = { SOCK_STREAM, SOCK_DGRAM };
	struct vn_addr ga, ha;
	struct vs_agent a;
	char name[64];
	int sv[2], l, c, s;
	size_t i;

	NET_UP();

	/* A guest without a single address. */
	VN_GUEST(a, 1844, NXF_INIT_SET);
	for (i = 0; i < ARRAY_SIZE(utypes); i++) {
		ASSERT_EQ(0, vn_socketpair(&a, utypes[i], sv))
			TH_LOG("socketpair type %d: %s", utypes[i],
			       strerror(errno));
		exchange(_metadata, &a, sv[0], &a, sv[1]);
		vn_close(&a, sv[0]);
		vn_close(&a, sv[1]);
	}

	/* A guest's listener, the host connects. */
	snprintf(name, sizeof(name), "vs-inet-1844-g-%d", getpid());
	ga = vn_unix(name);
	VN_SOCKET(l, &a, AF_UNIX, SOCK_STREAM, 0);
	VN_BIND(&a, l, &ga);
	ASSERT_EQ(0, vn_listen(&a, l));
	VN_SOCKET(c, NULL, AF_UNIX, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(NULL, c, &ga)) TH_LOG("%s", strerror(errno));
	s = vn_accept(&a, l, VN_IO_MS, NULL, NULL);
	ASSERT_LE(0, s) TH_LOG("guest: accept: %s", strerror(errno));
	exchange(_metadata, NULL, c, &a, s);
	vn_close(NULL, c);
	vn_close(&a, s);

	/* The host's listener, the guest connects. */
	snprintf(name, sizeof(name), "vs-inet-1844-h-%d", getpid());
	ha = vn_unix(name);
	VN_SOCKET(l, NULL, AF_UNIX, SOCK_STREAM, 0);
	VN_BIND(NULL, l, &ha);
	ASSERT_EQ(0, vn_listen(NULL, l));
	VN_SOCKET(c, &a, AF_UNIX, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(&a, c, &ha)) TH_LOG("%s", strerror(errno));
	s = vn_accept(NULL, l, VN_IO_MS, NULL, NULL);
	ASSERT_LE(0, s) TH_LOG("host: accept: %s", strerror(errno));
	exchange(_metadata, &a, c, NULL, s);
	vn_close(&a, c);
	vn_close(NULL, s);
	vn_close(NULL, l);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
