// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite: what a guest learns of the host's and the
 * other guests' network (issue 17, leaks).  Each test is one attempt by
 * root in guest A (NXF_HIDE_NETIF, the default) to read something it
 * must not see; the attempt "escapes" when the answer shows any of it.
 *
 * Besides the world of attack.h (the host's addresses and the other
 * guests' addresses on dummy0, host listeners on 127.0.0.1 and
 * 192.0.2.1), each test gives the host an interface of its own that no
 * guest uses, vsleak0, with 203.0.113.1/24 and 2001:db8:17::1/64, a
 * neighbour 203.0.113.7, a route to 198.18.17.0/24 via 203.0.113.254,
 * an IPv6 route and a nexthop object on it, and a TCP listener on
 * [::1].  Leaks are found by content: an address, an interface name or
 * index, a socket of the host or of another guest in the answer.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/fib_rules.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/if_link.h>
#include <linux/inet_diag.h>
#include <linux/mii.h>
#include <linux/neighbour.h>
#include <linux/netdev.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <linux/sock_diag.h>
#include <linux/sockios.h>
#include <linux/unix_diag.h>
#include <mqueue.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

#define LK_IF		"vsleak0"	/* the host's own interface */
#define LK_IF2		"vsleak1"	/* made while a guest listens */
#define LK_4		"203.0.113.1"
#define LK_4B		"203.0.113.2"	/* added while a guest listens */
#define LK_NEIGH	"203.0.113.7"
#define LK_NEIGH2	"203.0.113.8"
#define LK_GW		"203.0.113.254"
#define LK_NET		"198.18.17.0"
#define LK_NET2		"198.18.18.0"
#define LK_6		"2001:db8:17::1"
#define LK_6B		"2001:db8:17::2"
#define LK_NET6		"2001:db8:1717::"
#define LK_NET6B	"2001:db8:1718::"
#define LK_PORT6	4117		/* host TCP listener on [::1] */
#define LK_PORT_A	4171		/* guest A's own listener */
#define LK_NH_ID	17

/* Addresses the guest must never read: all but its own 192.0.2.11. */
static const char *const lk_secret_ips[] = {
	LK_4, LK_4B, LK_NEIGH, LK_NEIGH2, LK_GW, LK_NET, LK_NET2,
	LK_6, LK_6B, LK_NET6, LK_NET6B,
	VN_HOST4, VN_HOST4B, VN_B4, VN_C4, VN_A4B, VN_C4B, VN_SPARE4,
	VN_HOST6, VN_A6, VN_B6, VN_C6, VN_SPARE6,
	"ff02::1:ff00:1", "ff02::1:ff00:12",
};

/* The same in the forms of /proc/net files. */
static const char *const lk_secret_text[] = {
	LK_IF, LK_IF2, "203.0.113.", "198.18.17.", "198.18.18.",
	"20010db8001700000000000000000001", "20010db8000000000000000000000001",
	"20010db8000000000000000000000012", "2001:db8:17::",
	"007100CB", "001112C6",	/* 203.0.113.0, 198.18.17.0 in hex */
	"3333ff000001", "3333ff000012",	/* the host's, B's groups */
};

/* attack.h's helpers this file does not need. */
static const void *const lk_unused[] __attribute__((unused)) = {
	at_reached, at_outside_root, at_guest_chrooted,
};

/* The host's rules are in place (lk_up). */
static int lk_have_rules;

FIXTURE(leak) {
	struct at_world w;
	int lk_ifindex;
	int lo6_fd;
};

/* ------------------------------------------------------------------ */
/* Netlink plumbing (both sides)                                       */
/* ------------------------------------------------------------------ */

struct lk_req {
	struct nlmsghdr h;
	char buf[1024];
};

static void lk_init(struct lk_req *r, int type, int flags, const void *hdr,
		    size_t hlen)
{
	memset(r, 0, sizeof(*r));
	r->h.nlmsg_type = type;
	r->h.nlmsg_flags = NLM_F_REQUEST | flags;
	r->h.nlmsg_seq = 17;
	r->h.nlmsg_len = NLMSG_LENGTH(hlen);
	if (hlen)
		memcpy(NLMSG_DATA(&r->h), hdr, hlen);
}

static void lk_attr(struct lk_req *r, int type, const void *data, size_t len)
{
	vn_nl_attr((char *)r, sizeof(*r), type, data, len);
}

/* Sends r on a new socket of proto; returns the socket or -1. */
static int lk_send(int proto, struct lk_req *r)
{
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	struct timeval tv = { 2, 0 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (sendto(fd, r, r->h.nlmsg_len, 0, (void *)&k, sizeof(k)) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* The host: a request with an acknowledgement; 0 or -1 with errno. */
static int lk_host_req(int proto, struct lk_req *r)
{
	char buf[8192];
	int fd, err = EPROTO;
	ssize_t n;

	r->h.nlmsg_flags |= NLM_F_ACK;
	fd = lk_send(proto, r);
	if (fd < 0)
		return -1;
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_ERROR) {
				err = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
				goto out;
			}
	}
	err = errno;
out:
	close(fd);
	if (err == EEXIST)
		err = 0;
	errno = err;
	return err ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* The host's extra network                                            */
/* ------------------------------------------------------------------ */

static int lk_link_add(const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct lk_req r;
	struct rtattr *li;
	size_t off;

	lk_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
	lk_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	off = NLMSG_ALIGN(r.h.nlmsg_len);
	lk_attr(&r, IFLA_LINKINFO, NULL, 0);
	li = (struct rtattr *)((char *)&r + off);
	lk_attr(&r, IFLA_INFO_KIND, "dummy", 5);
	li->rta_len = r.h.nlmsg_len - off;
	return lk_host_req(NETLINK_ROUTE, &r);
}

static void lk_link_del(const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct lk_req r;

	lk_init(&r, RTM_DELLINK, 0, &ifi, sizeof(ifi));
	lk_attr(&r, IFLA_IFNAME, name, strlen(name) + 1);
	lk_host_req(NETLINK_ROUTE, &r);
}

static int lk_neigh_add(int ifindex, const char *ip)
{
	struct ndmsg nd = { .ndm_family = AF_INET, .ndm_ifindex = ifindex,
			    .ndm_state = NUD_PERMANENT };
	unsigned char mac[6] = { 2, 0, 0, 0, 0x17, 7 };
	struct in_addr a = vn_ip4(ip);
	struct lk_req r;

	lk_init(&r, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, &nd,
		sizeof(nd));
	lk_attr(&r, NDA_DST, &a, sizeof(a));
	lk_attr(&r, NDA_LLADDR, mac, sizeof(mac));
	return lk_host_req(NETLINK_ROUTE, &r);
}

static int lk_route_add(int ifindex, const char *dst, int plen,
			const char *gw)
{
	struct rtmsg rt = { .rtm_dst_len = plen, .rtm_table = RT_TABLE_MAIN,
			    .rtm_protocol = RTPROT_STATIC,
			    .rtm_scope = RT_SCOPE_UNIVERSE,
			    .rtm_type = RTN_UNICAST };
	struct lk_req r;
	uint32_t oif = ifindex;

	rt.rtm_family = vn_family(dst);
	lk_init(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, &rt,
		sizeof(rt));
	if (rt.rtm_family == AF_INET) {
		struct in_addr d = vn_ip4(dst);

		lk_attr(&r, RTA_DST, &d, sizeof(d));
		if (gw) {
			struct in_addr g = vn_ip4(gw);

			lk_attr(&r, RTA_GATEWAY, &g, sizeof(g));
		}
	} else {
		struct in6_addr d = vn_ip6(dst);

		lk_attr(&r, RTA_DST, &d, sizeof(d));
	}
	lk_attr(&r, RTA_OIF, &oif, sizeof(oif));
	return lk_host_req(NETLINK_ROUTE, &r);
}

static int lk_nexthop_add(int ifindex)
{
	struct nhmsg nh = { .nh_family = AF_INET };
	struct in_addr g = vn_ip4(LK_GW);
	uint32_t id = LK_NH_ID, oif = ifindex;
	struct lk_req r;

	lk_init(&r, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE, &nh,
		sizeof(nh));
	lk_attr(&r, NHA_ID, &id, sizeof(id));
	lk_attr(&r, NHA_OIF, &oif, sizeof(oif));
	lk_attr(&r, NHA_GATEWAY, &g, sizeof(g));
	return lk_host_req(NETLINK_ROUTE, &r);
}

/*
 * The host's policy routing rules (CONFIG_IP_MULTIPLE_TABLES and
 * CONFIG_IPV6_MULTIPLE_TABLES): each names an interface by name and a
 * network of the host's.
 */
static const struct {
	int prio;
	const char *net;	/* from (iif) or to (oif) this network */
	int plen;
	int attr;		/* FRA_IIFNAME or FRA_OIFNAME */
	const char *ifname;
} lk_rules[] = {
	{ 17001, LK_NET, 24, FRA_IIFNAME, LK_IF },
	{ 17002, LK_NET6, 48, FRA_OIFNAME, LK_IF },
	/* An interface that does not exist (yet): the guest sees none. */
	{ 17003, LK_NET2, 24, FRA_OIFNAME, LK_IF2 },
};

/* Adds (or deletes) lk_rules[i]; 0 or -1 with errno. */
static int lk_rule(size_t i, int add)
{
	struct fib_rule_hdr frh = { .action = FR_ACT_TO_TBL };
	uint32_t prio = lk_rules[i].prio, table = 117;
	const char *ifn = lk_rules[i].ifname;
	struct lk_req r;
	int sel;

	frh.family = vn_family(lk_rules[i].net);
	if (lk_rules[i].attr == FRA_IIFNAME) {
		frh.src_len = lk_rules[i].plen;
		sel = FRA_SRC;
	} else {
		frh.dst_len = lk_rules[i].plen;
		sel = FRA_DST;
	}
	lk_init(&r, add ? RTM_NEWRULE : RTM_DELRULE,
		add ? NLM_F_CREATE | NLM_F_EXCL : 0, &frh, sizeof(frh));
	lk_attr(&r, FRA_PRIORITY, &prio, sizeof(prio));
	lk_attr(&r, FRA_TABLE, &table, sizeof(table));
	lk_attr(&r, lk_rules[i].attr, ifn, strlen(ifn) + 1);
	if (frh.family == AF_INET) {
		struct in_addr a = vn_ip4(lk_rules[i].net);

		lk_attr(&r, sel, &a, sizeof(a));
	} else {
		struct in6_addr a = vn_ip6(lk_rules[i].net);

		lk_attr(&r, sel, &a, sizeof(a));
	}
	return lk_host_req(NETLINK_ROUTE, &r);
}

/* -1 with errno if the kernel has no policy routing for a family. */
static int lk_rules_up(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lk_rules); i++)
		if (lk_rule(i, 1))
			return -1;
	return 0;
}

static void lk_rules_down(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lk_rules); i++)
		lk_rule(i, 0);
}

static int lk_listen6(const char *ip, int port)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(port) };
	int one = 1, fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	sa.sin6_addr = vn_ip6(ip);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (void *)&sa, sizeof(sa)) || listen(fd, 4)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void lk_down(void)
{
	lk_rules_down();
	lk_link_del(LK_IF2);
	lk_link_del(LK_IF);
}

/* The host's interface, addresses, neighbour, routes, nexthop. */
static int lk_up(int *ifindex, char *why, size_t size)
{
	char path[128];
	int i;

	lk_down();
	if (lk_link_add(LK_IF)) {
		snprintf(why, size, "creating %s: %s", LK_IF, strerror(errno));
		return -1;
	}
	i = if_nametoindex(LK_IF);
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 LK_IF);
	vn_write_file(path, "0");
	if (!i || vn_link_up(LK_IF) || vn_addr_add(i, LK_4, 24) ||
	    vn_addr_add(i, LK_6, 64) || lk_neigh_add(i, LK_NEIGH) ||
	    lk_route_add(i, LK_NET, 24, LK_GW) ||
	    lk_route_add(i, LK_NET6, 48, NULL)) {
		snprintf(why, size, "setting up %s: %s", LK_IF,
			 strerror(errno));
		return -1;
	}
	/* A nexthop object needs CONFIG_INET; missing is not fatal. */
	lk_nexthop_add(i);
	/* Without policy routing, the rule dumps are skipped. */
	lk_have_rules = lk_rules_up() == 0;
	*ifindex = i;
	return 0;
}

FIXTURE_SETUP(leak)
{
	int ok = at_world_up(&self->w) == 0;
	char why[256] = "";

	if (!ok)
		at_world_down();
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why);
	ASSERT_EQ(0, lk_up(&self->lk_ifindex, why, sizeof(why)))
		TH_LOG("%s", why);
	self->lo6_fd = lk_listen6("::1", LK_PORT6);
	ASSERT_LE(0, self->lo6_fd) TH_LOG("listener on [::1]: %s",
					  strerror(errno));
}

FIXTURE_TEARDOWN(leak)
{
	if (self->lo6_fd >= 0)
		close(self->lo6_fd);
	lk_down();
	at_restore_host();
	EXPECT_TRUE(at_world_down())
		TH_LOG("the contexts did not go away");
}

/* ------------------------------------------------------------------ */
/* In the guest: looking for secrets                                   */
/* ------------------------------------------------------------------ */

/* Does the binary message contain a secret address? */
static const char *lk_bin_secret(const void *p, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lk_secret_ips); i++) {
		const char *ip = lk_secret_ips[i];
		struct in6_addr a6;
		struct in_addr a4;

		if (vn_is6(ip)) {
			a6 = vn_ip6(ip);
			if (memmem(p, len, &a6, sizeof(a6)))
				return ip;
		} else {
			a4 = vn_ip4(ip);
			if (memmem(p, len, &a4, sizeof(a4)))
				return ip;
		}
	}
	if (memmem(p, len, LK_IF, strlen(LK_IF)) ||
	    memmem(p, len, LK_IF2, strlen(LK_IF2)))
		return "an interface name of the host";
	return NULL;
}

/* An attribute of type in the message after a header of hlen bytes. */
static const struct rtattr *lk_rta(const struct nlmsghdr *h, size_t hlen,
				   int type)
{
	const struct rtattr *a;
	int len;

	if (h->nlmsg_len < NLMSG_LENGTH(hlen))
		return NULL;
	a = (const struct rtattr *)((const char *)NLMSG_DATA(h) +
				    NLMSG_ALIGN(hlen));
	len = h->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(hlen));
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if ((a->rta_type & NLA_TYPE_MASK) == type)
			return a;
	return NULL;
}

/* The index of the interface a message is about, if it says. */
static int lk_msg_ifindex(const struct nlmsghdr *h)
{
	const struct rtattr *a = NULL;
	const void *d = NLMSG_DATA(h);

	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
		return ((const struct ifinfomsg *)d)->ifi_index;
	case RTM_NEWADDR:
	case RTM_GETMULTICAST:
	case RTM_GETANYCAST:
		return ((const struct ifaddrmsg *)d)->ifa_index;
	case RTM_NEWNEIGH:
		return ((const struct ndmsg *)d)->ndm_ifindex;
	case RTM_NEWSTATS:
		return ((const struct if_stats_msg *)d)->ifindex;
	case RTM_NEWROUTE:
		a = lk_rta(h, sizeof(struct rtmsg), RTA_OIF);
		break;
	case RTM_NEWNETCONF:
		a = lk_rta(h, sizeof(struct netconfmsg), NETCONFA_IFINDEX);
		break;
	case RTM_NEWNEXTHOP:
		a = lk_rta(h, sizeof(struct nhmsg), NHA_OIF);
		break;
	}
	return a ? *(const int *)RTA_DATA(a) : 0;
}

/* What of the host a message shows, or NULL. */
static const char *lk_msg_secret(const struct nlmsghdr *h, int ifx)
{
	static char why[96];
	const char *s;
	int i;

	if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
		return NULL;
	i = lk_msg_ifindex(h);
	if (i == ifx) {
		snprintf(why, sizeof(why), "message type %d about %s",
			 h->nlmsg_type, LK_IF);
		return why;
	}
	s = lk_bin_secret(NLMSG_DATA(h), h->nlmsg_len - NLMSG_HDRLEN);
	if (s) {
		snprintf(why, sizeof(why), "message type %d shows %s",
			 h->nlmsg_type, s);
		return why;
	}
	return NULL;
}

/*
 * Sends r, reads every answer.  Returns 0 and a note if an answer shows
 * a secret, -1 if none did (errno: the request's error, or 0), -3 if
 * the kernel does not have what was asked (with want_skip).
 */
static long lk_ask(int proto, struct lk_req *r, int ifx, int *nmsg)
{
	char buf[32768];
	int fd, err = 0, n_ok = 0;
	ssize_t n;

	fd = lk_send(proto, r);
	if (fd < 0)
		return -1;
	for (;;) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			err = errno;
			break;
		}
		if (n == 0) {
			NOTE("an empty datagram in the answer");
			close(fd);
			return 0;
		}
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const char *s = lk_msg_secret(h, ifx);

			if (s) {
				NOTE("%s", s);
				close(fd);
				return 0;
			}
			if (h->nlmsg_type == NLMSG_ERROR) {
				err = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
				goto done;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				goto done;
			n_ok++;
		}
		if (!(r->h.nlmsg_flags & NLM_F_DUMP) && n_ok)
			break;
	}
done:
	close(fd);
	if (nmsg)
		*nmsg = n_ok;
	errno = err;
	return -1;
}

/* A dump of rtnetlink type for family, header of hlen bytes. */
static long lk_dump(int type, int family, size_t hlen, int ifx)
{
	char hdr[64] = { 0 };
	struct lk_req r;
	long ret;

	hdr[0] = family;
	lk_init(&r, type, NLM_F_DUMP, hdr, hlen);
	if (type == RTM_GETSTATS)
		((struct if_stats_msg *)NLMSG_DATA(&r.h))->filter_mask =
			1 << (IFLA_STATS_LINK_64 - 1);
	ret = lk_ask(NETLINK_ROUTE, &r, ifx, NULL);
	if (ret == -1 && (errno == EOPNOTSUPP || errno == EAFNOSUPPORT))
		return -3;
	return ret;
}

/* Text: does it show a secret? (dotted addresses end at a non-digit) */
static const char *lk_text_secret(const char *t)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lk_secret_text); i++)
		if (strstr(t, lk_secret_text[i]))
			return lk_secret_text[i];
	for (i = 0; i < ARRAY_SIZE(lk_secret_ips); i++) {
		const char *ip = lk_secret_ips[i], *p = t;
		size_t n = strlen(ip);

		if (vn_is6(ip))
			continue;
		while ((p = strstr(p, ip))) {
			if ((p == t || !isdigit((unsigned char)p[-1])) &&
			    !isdigit((unsigned char)p[n]))
				return ip;
			p += n;
		}
	}
	return NULL;
}

static char lk_text[65536];

/* Reads path into lk_text; -1 with errno if it cannot be opened. */
static int lk_read(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got < sizeof(lk_text) - 1 &&
	       (n = read(fd, lk_text + got, sizeof(lk_text) - 1 - got)) > 0)
		got += n;
	lk_text[got] = '\0';
	close(fd);
	return 0;
}

/* A directory's names, space-separated, into lk_text. */
static int lk_list(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	size_t got = 0;

	if (!d)
		return -1;
	lk_text[0] = '\0';
	while ((e = readdir(d)) && got < sizeof(lk_text) - 64)
		got += snprintf(lk_text + got, sizeof(lk_text) - got, " %s ",
				e->d_name);
	closedir(d);
	return 0;
}

/* ================================================================== */
/* rtnetlink dumps                                                     */
/* ================================================================== */

#define LK_DUMP(name, type, family, hdr, what)				\
static long g_##name(long ifx)						\
{									\
	return lk_dump(type, family, sizeof(hdr), ifx);			\
}									\
TEST_F(leak, name)							\
{									\
	long r = ATTEMPT(AT_INIT, g_##name, self->lk_ifindex, what);	\
	if (r == -3 || (type == RTM_GETRULE && !lk_have_rules))	\
		AT_SKIP("this kernel has no such dump");		\
	ASSERT_NE(-2, r);						\
	REFUSED(r, 0, 0);						\
	HOST_OK();							\
}

LK_DUMP(rtnl_dump_links, RTM_GETLINK, AF_UNSPEC, struct ifinfomsg,
	"rtnetlink link dump (ip link): the host's interface vsleak0 -> only its own")
LK_DUMP(rtnl_dump_addr4, RTM_GETADDR, AF_INET, struct ifaddrmsg,
	"rtnetlink IPv4 address dump: the host's and the other guests' addresses -> only its own")
LK_DUMP(rtnl_dump_addr6, RTM_GETADDR, AF_INET6, struct ifaddrmsg,
	"rtnetlink IPv6 address dump: the host's and the other guests' addresses -> only its own")
LK_DUMP(rtnl_dump_route4, RTM_GETROUTE, AF_INET, struct rtmsg,
	"rtnetlink IPv4 route dump (every table): the host's routes, sources and local addresses -> none")
LK_DUMP(rtnl_dump_route6, RTM_GETROUTE, AF_INET6, struct rtmsg,
	"rtnetlink IPv6 route dump (every table): the host's routes and local addresses -> none")
LK_DUMP(rtnl_dump_neigh, RTM_GETNEIGH, AF_UNSPEC, struct ndmsg,
	"rtnetlink neighbour dump (ip neigh): the host's neighbour on vsleak0 -> none")
LK_DUMP(rtnl_dump_stats, RTM_GETSTATS, AF_UNSPEC, struct if_stats_msg,
	"rtnetlink RTM_GETSTATS dump: counters of the host's interfaces -> none")
LK_DUMP(rtnl_dump_netconf4, RTM_GETNETCONF, AF_INET, struct netconfmsg,
	"rtnetlink IPv4 netconf dump: the host's interfaces' settings -> none")
LK_DUMP(rtnl_dump_netconf6, RTM_GETNETCONF, AF_INET6, struct netconfmsg,
	"rtnetlink IPv6 netconf dump: the host's interfaces' settings -> none")
LK_DUMP(rtnl_dump_nexthop, RTM_GETNEXTHOP, AF_UNSPEC, struct nhmsg,
	"rtnetlink nexthop dump: the host's nexthop on vsleak0 -> none")
LK_DUMP(rtnl_dump_rules, RTM_GETRULE, AF_INET, struct rtmsg,
	"rtnetlink IPv4 rule dump: rules naming the host's interfaces, present or not -> none")
LK_DUMP(rtnl_dump_rules6, RTM_GETRULE, AF_INET6, struct rtmsg,
	"rtnetlink IPv6 rule dump: a rule naming the host's interface -> none")
LK_DUMP(rtnl_dump_multicast6, RTM_GETMULTICAST, AF_INET6, struct ifaddrmsg,
	"rtnetlink IPv6 multicast membership dump: groups derived from the host's addresses -> none")
LK_DUMP(rtnl_dump_anycast6, RTM_GETANYCAST, AF_INET6, struct ifaddrmsg,
	"rtnetlink IPv6 anycast dump: the host's anycast addresses -> none")

/*
 * Hundreds of the host's routes: whole batches of the dump are left
 * out, and the guest must still get a dump that ends (NLMSG_DONE), with
 * no empty datagram and nothing of them.
 */
static long g_dump_many(long ifx)
{
	long r = lk_dump(RTM_GETROUTE, AF_INET, sizeof(struct rtmsg), ifx);

	if (r == -1 && errno) {
		NOTE("the dump failed: %s", strerror(errno));
		return -2;
	}
	return r;
}

TEST_F(leak, rtnl_dump_route4_many_hidden)
{
	char ip[INET_ADDRSTRLEN];
	long r;
	int i;

	for (i = 0; i < 600; i++) {
		snprintf(ip, sizeof(ip), "198.19.%d.%d", i / 256, i % 256);
		ASSERT_EQ(0, lk_route_add(self->lk_ifindex, ip, 32, LK_GW))
			TH_LOG("adding route %s: %s", ip, strerror(errno));
	}
	r = ATTEMPT(AT_INIT, g_dump_many, self->lk_ifindex,
		    "rtnetlink IPv4 route dump among 600 routes of the host (whole batches hidden) -> a complete dump, none of them");
	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

/* ================================================================== */
/* rtnetlink requests for one object                                   */
/* ================================================================== */

static long g_get_link(long ifx)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifx };
	struct lk_req r;

	lk_init(&r, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	if (lk_ask(NETLINK_ROUTE, &r, ifx, NULL) == 0)
		return 0;
	ifi.ifi_index = 0;
	lk_init(&r, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	lk_attr(&r, IFLA_IFNAME, LK_IF, strlen(LK_IF) + 1);
	return lk_ask(NETLINK_ROUTE, &r, ifx, NULL);
}

TEST_F(leak, rtnl_get_host_link)
{
	long r = ATTEMPT(AT_INIT, g_get_link, self->lk_ifindex,
		"rtnetlink RTM_GETLINK of vsleak0 by index and by name -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

static long g_get_neigh(long ifx)
{
	struct ndmsg nd = { .ndm_family = AF_INET, .ndm_ifindex = ifx };
	struct in_addr a = vn_ip4(LK_NEIGH);
	struct lk_req r;

	lk_init(&r, RTM_GETNEIGH, 0, &nd, sizeof(nd));
	lk_attr(&r, NDA_DST, &a, sizeof(a));
	return lk_ask(NETLINK_ROUTE, &r, ifx, NULL);
}

TEST_F(leak, rtnl_get_host_neighbour)
{
	long r = ATTEMPT(AT_INIT, g_get_neigh, self->lk_ifindex,
		"rtnetlink RTM_GETNEIGH of 203.0.113.7 on vsleak0 (exact) -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

static long g_get_stats(long ifx)
{
	struct if_stats_msg st = { .ifindex = ifx,
				   .filter_mask =
					1 << (IFLA_STATS_LINK_64 - 1) };
	struct lk_req r;
	int n = 0;
	long ret;

	lk_init(&r, RTM_GETSTATS, 0, &st, sizeof(st));
	ret = lk_ask(NETLINK_ROUTE, &r, ifx, &n);
	return ret == 0 || n ? 0 : ret;
}

TEST_F(leak, rtnl_get_host_stats)
{
	long r = ATTEMPT(AT_INIT, g_get_stats, self->lk_ifindex,
		"rtnetlink RTM_GETSTATS of vsleak0 (exact) -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

static long g_get_netconf(long ifx)
{
	struct netconfmsg nc = { .ncm_family = AF_INET };
	struct lk_req r;
	int32_t i = ifx;
	int n = 0;
	long ret;

	lk_init(&r, RTM_GETNETCONF, 0, &nc, sizeof(nc));
	lk_attr(&r, NETCONFA_IFINDEX, &i, sizeof(i));
	ret = lk_ask(NETLINK_ROUTE, &r, ifx, &n);
	return ret == 0 || n ? 0 : ret;
}

TEST_F(leak, rtnl_get_host_netconf)
{
	long r = ATTEMPT(AT_INIT, g_get_netconf, self->lk_ifindex,
		"rtnetlink RTM_GETNETCONF of vsleak0 (exact) -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

static long g_get_route(long ifx)
{
	struct rtmsg rt = { .rtm_family = AF_INET, .rtm_dst_len = 32 };
	struct in_addr d = vn_ip4("198.18.17.5");
	struct lk_req r;

	lk_init(&r, RTM_GETROUTE, 0, &rt, sizeof(rt));
	lk_attr(&r, RTA_DST, &d, sizeof(d));
	return lk_ask(NETLINK_ROUTE, &r, ifx, NULL);
}

TEST_F(leak, rtnl_get_route_via_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_get_route, self->lk_ifindex,
		"rtnetlink RTM_GETROUTE to 198.18.17.5 (ip route get): the host's gateway and interface -> refused");

	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_get_addr6(long ifx)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_INET6 };
	struct in6_addr a = vn_ip6(LK_6);
	struct lk_req r;
	int n = 0;
	long ret;

	lk_init(&r, RTM_GETADDR, 0, &ifa, sizeof(ifa));
	lk_attr(&r, IFA_ADDRESS, &a, sizeof(a));
	ret = lk_ask(NETLINK_ROUTE, &r, ifx, &n);
	return ret == 0 || n ? 0 : ret;
}

TEST_F(leak, rtnl_get_host_address6)
{
	long r = ATTEMPT(AT_INIT, g_get_addr6, self->lk_ifindex,
		"rtnetlink RTM_GETADDR of 2001:db8:17::1 (exact): does the host have it? -> refused");

	REFUSED(r, 0, 0);
	HOST_OK();
}

/* ================================================================== */
/* Notifications                                                       */
/* ================================================================== */

enum lk_change { LK_NEWLINK, LK_NEWADDR4, LK_NEWADDR6, LK_NEWROUTE4,
		 LK_NEWROUTE6, LK_NEWNEIGH };

static const struct {
	int proto;
	int group;	/* 0: bind with groups = ~0 (legacy bits) */
} lk_sub[] = {
	[LK_NEWLINK] = { NETLINK_ROUTE, RTNLGRP_LINK },
	[LK_NEWADDR4] = { NETLINK_ROUTE, RTNLGRP_IPV4_IFADDR },
	[LK_NEWADDR6] = { NETLINK_ROUTE, RTNLGRP_IPV6_IFADDR },
	[LK_NEWROUTE4] = { NETLINK_ROUTE, RTNLGRP_IPV4_ROUTE },
	[LK_NEWROUTE6] = { NETLINK_ROUTE, RTNLGRP_IPV6_ROUTE },
	[LK_NEWNEIGH] = { NETLINK_ROUTE, RTNLGRP_NEIGH },
};

/* Reads what is queued (the change happened before "go on"). */
static long lk_drain(int fd, int ifx)
{
	char buf[16384];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const char *s = lk_msg_secret(h, ifx);

			NOTE("received a notification (type %d)%s%s",
			     h->nlmsg_type, s ? ": " : "", s ? s : "");
			return 0;
		}
	}
	return -1;
}

/* arg: change | ifindex << 8.  Subscribe, wait for the host's change. */
static long g_listen(long arg)
{
	int c = arg & 0xff, ifx = arg >> 8, grp = lk_sub[c].group;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, lk_sub[c].proto);
	int e1, e2, r1, r2;
	long ret;

	if (fd < 0)
		return -2;
	/* Both ways: the legacy bit mask and NETLINK_ADD_MEMBERSHIP. */
	sa.nl_groups = grp <= 32 ? 1u << (grp - 1) : 0;
	r1 = bind(fd, (void *)&sa, sizeof(sa));
	e1 = errno;
	r2 = setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			sizeof(grp));
	e2 = errno;
	at_ready_wait();
	if (r1 && r2) {
		NOTE("subscription refused: %s, %s", strerror(e1),
		     strerror(e2));
		errno = e2;
		return -1;
	}
	ret = lk_drain(fd, ifx);
	close(fd);
	return ret;
}

static int lk_change(enum lk_change c, int ifx)
{
	switch (c) {
	case LK_NEWLINK:
		return lk_link_add(LK_IF2);
	case LK_NEWADDR4:
		return vn_addr_add(ifx, LK_4B, 24);
	case LK_NEWADDR6:
		return vn_addr_add(ifx, LK_6B, 64);
	case LK_NEWROUTE4:
		return lk_route_add(ifx, LK_NET2, 24, LK_GW);
	case LK_NEWROUTE6:
		return lk_route_add(ifx, LK_NET6B, 48, NULL);
	case LK_NEWNEIGH:
		return lk_neigh_add(ifx, LK_NEIGH2);
	}
	return -1;
}

/*
 * The host listens too, and waits for the notification of its change
 * (the kernel delivers it to every member in the same call): then what
 * the guest could get is queued before it reads, whatever the timing.
 */
static int lk_host_listener(int proto, int group)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { 10, 0 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto);

	if (fd < 0)
		return -1;
	sa.nl_groups = 1u << (group - 1);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(fd, (void *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

static int lk_host_heard(int fd)
{
	char buf[16384];
	ssize_t n = recv(fd, buf, sizeof(buf), 0);

	close(fd);
	return n > 0 ? 0 : -1;
}

#define LK_LISTEN(name, change, what)					\
TEST_F(leak, name)							\
{									\
	long r;								\
	int hfd;							\
									\
	at_begin(what);							\
	ASSERT_EQ(0, at_start(AT_INIT, g_listen,			\
			      (change) | self->lk_ifindex << 8));	\
	ASSERT_EQ(0, at_await_ready());					\
	hfd = lk_host_listener(lk_sub[change].proto,			\
			       lk_sub[change].group);			\
	ASSERT_LE(0, hfd) TH_LOG("the host cannot listen");		\
	EXPECT_EQ(0, lk_change((change), self->lk_ifindex))		\
		TH_LOG("the host's change failed: %s", strerror(errno)); \
	EXPECT_EQ(0, lk_host_heard(hfd))				\
		TH_LOG("no notification came to the host either");	\
	at_go_on();							\
	r = at_finish(AT_INIT, NULL);					\
	TH_LOG("guest: %s", at_sh->res.note);				\
	ASSERT_NE(-2, r);						\
	NO_ESCAPE(r == -1, "the guest watched the host's change");	\
	HOST_OK();							\
}

LK_LISTEN(rtnl_watch_links, LK_NEWLINK,
	"rtnetlink RTNLGRP_LINK: watch the host make interface vsleak1 -> nothing")
LK_LISTEN(rtnl_watch_addr4, LK_NEWADDR4,
	"rtnetlink RTNLGRP_IPV4_IFADDR: watch the host add 203.0.113.2 -> nothing")
LK_LISTEN(rtnl_watch_addr6, LK_NEWADDR6,
	"rtnetlink RTNLGRP_IPV6_IFADDR: watch the host add 2001:db8:17::2 -> nothing")
LK_LISTEN(rtnl_watch_route4, LK_NEWROUTE4,
	"rtnetlink RTNLGRP_IPV4_ROUTE: watch the host add a route -> nothing")
LK_LISTEN(rtnl_watch_route6, LK_NEWROUTE6,
	"rtnetlink RTNLGRP_IPV6_ROUTE: watch the host add an IPv6 route -> nothing")
LK_LISTEN(rtnl_watch_neigh, LK_NEWNEIGH,
	"rtnetlink RTNLGRP_NEIGH: watch the host add a neighbour -> nothing")

static long g_uevent(long unused)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
	int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			NETLINK_KOBJECT_UEVENT);
	char buf[4096];
	ssize_t n;
	int r, e;

	if (fd < 0) {
		NOTE("no uevent socket: %s", strerror(errno));
		at_ready_wait();
		return -1;
	}
	r = bind(fd, (void *)&sa, sizeof(sa));
	e = errno;
	at_ready_wait();
	if (r) {
		NOTE("bind refused: %s", strerror(e));
		errno = e;
		return -1;
	}
	n = recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
	if (n > 0) {
		buf[n] = '\0';
		NOTE("uevent: %.200s", buf);
		return 0;
	}
	return -1;
}

TEST_F(leak, uevent_watch_host_devices)
{
	long r;
	int hfd;

	at_begin("NETLINK_KOBJECT_UEVENT: watch the host's device events (the host makes vsleak1) -> nothing");
	ASSERT_EQ(0, at_start(AT_INIT, g_uevent, 0));
	ASSERT_EQ(0, at_await_ready());
	hfd = lk_host_listener(NETLINK_KOBJECT_UEVENT, 1);
	ASSERT_LE(0, hfd) TH_LOG("the host cannot listen");
	EXPECT_EQ(0, lk_link_add(LK_IF2));
	EXPECT_EQ(0, lk_host_heard(hfd)) TH_LOG("no uevent came to the host");
	at_go_on();
	r = at_finish(AT_INIT, NULL);
	TH_LOG("guest: %s", at_sh->res.note);
	NO_ESCAPE(r == -1, "the guest watched the host's device events");
	HOST_OK();
}

/* ================================================================== */
/* sock_diag                                                           */
/* ================================================================== */

/* An exact lookup; 1 found, 0 not found, -1 with errno on an error. */
static int lk_diag_one(int family, int proto, const char *ip, int port)
{
	struct inet_diag_req_v2 q = { .sdiag_family = family,
				      .sdiag_protocol = proto,
				      .idiag_states = ~0u };
	char buf[8192];
	struct lk_req r;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int fd, ret = -1;
	ssize_t n;

	/*
	 * UDP's exact lookup (udp_dump_one) takes the socket's own address
	 * and port from the "dst" fields, TCP's from "src".
	 */
	__be32 *own = proto == IPPROTO_UDP ? q.id.idiag_dst : q.id.idiag_src;

	if (proto == IPPROTO_UDP)
		q.id.idiag_dport = htons(port);
	else
		q.id.idiag_sport = htons(port);
	q.id.idiag_cookie[0] = q.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	if (family == AF_INET) {
		struct in_addr a = vn_ip4(ip);

		memcpy(own, &a, sizeof(a));
	} else {
		struct in6_addr a = vn_ip6(ip);

		memcpy(own, &a, sizeof(a));
	}
	lk_init(&r, SOCK_DIAG_BY_FAMILY, 0, &q, sizeof(q));
	fd = lk_send(NETLINK_SOCK_DIAG, &r);
	if (fd < 0)
		return -1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0 && NLMSG_OK(h, (size_t)n)) {
		if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
			ret = 1;
		} else if (h->nlmsg_type == NLMSG_ERROR) {
			errno = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
			ret = errno == ENOENT ? 0 : -1;
		}
	}
	close(fd);
	return ret;
}

/* arg: at_arg(ip, "family proto port"); its own socket must be found. */
static long g_diag(long arg)
{
	const char *ip = (const char *)arg;
	int family, proto, port, fd, own;
	struct vn_addr a;

	if (sscanf(at_arg2(arg), "%d %d %d", &family, &proto, &port) != 3)
		return -2;
	/* Its own socket, to show that the lookup works at all. */
	a = vn_sa(family == AF_INET ? VN_A4 : "::", LK_PORT_A);
	/* (an IPv6 socket on [::] is found by its IPv4-mapped address) */
	fd = socket(family, proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM,
		    0);
	if (fd < 0 || bind(fd, &a.u.sa, a.len) ||
	    (proto == IPPROTO_TCP && listen(fd, 1)))
		return -2;
	own = lk_diag_one(family, proto,
			  family == AF_INET ? VN_A4 : "::ffff:" VN_A4,
			  LK_PORT_A);
	if (own != 1) {
		NOTE("its own socket is not found either (%s)",
		     own < 0 ? strerror(errno) : "ENOENT");
		return -3;
	}
	switch (lk_diag_one(family, proto, ip, port)) {
	case 1:
		NOTE("the host's socket %s port %d is found", ip, port);
		return 0;
	case 0:
		errno = ENOENT;
		return -1;
	default:
		return -1;
	}
}

#define LK_DIAG(name, ip, family, proto, port, what)			\
TEST_F(leak, name)							\
{									\
	char a2[32];							\
	long r;								\
									\
	snprintf(a2, sizeof(a2), "%d %d %d", family, proto, port);	\
	r = ATTEMPT(AT_INIT, g_diag, at_arg(ip, a2), what);		\
	if (r == -3)							\
		AT_SKIP("no sock_diag for this protocol here");		\
	ASSERT_NE(-2, r);						\
	REFUSED(r, errno, ENOENT);					\
	HOST_OK();							\
}

LK_DIAG(diag_exact_tcp4_host_loopback, "127.0.0.1", AF_INET, IPPROTO_TCP,
	AT_PORT_LO,
	"sock_diag exact TCP lookup of the host's listener 127.0.0.1:4101 (port scan) -> ENOENT")
LK_DIAG(diag_exact_tcp4_host_address, AT_HOST4, AF_INET, IPPROTO_TCP,
	AT_PORT_H,
	"sock_diag exact TCP lookup of the host's listener 192.0.2.1:4102 -> ENOENT")
LK_DIAG(diag_exact_tcp6_host_loopback, "::1", AF_INET6, IPPROTO_TCP,
	LK_PORT6,
	"sock_diag exact TCP lookup of the host's listener [::1]:4117 -> ENOENT")
LK_DIAG(diag_exact_tcp4_neighbour_loopback, vn_lback(AT_XB), AF_INET,
	IPPROTO_TCP, AT_PORT_B,
	"sock_diag exact TCP lookup of the other guest's listener on its loopback address -> ENOENT")
LK_DIAG(diag_exact_udp4_host_loopback, "127.0.0.1", AF_INET, IPPROTO_UDP,
	AT_PORT_U,
	"sock_diag exact UDP lookup of the host's socket 127.0.0.1:4104 -> ENOENT")
LK_DIAG(diag_exact_udp4_host_address, AT_HOST4, AF_INET, IPPROTO_UDP,
	AT_PORT_UH,
	"sock_diag exact UDP lookup of the host's socket 192.0.2.1:4105 -> ENOENT")

/*
 * SOCK_DESTROY (CONFIG_INET_DIAG_DESTROY, as Debian has it) of the
 * socket bound to ip:port: the kernel's answer, 0 (destroyed) or an
 * errno; -1 if there was none.  EPERM (no CAP_NET_ADMIN) tells that the
 * socket exists as well as a success would.
 */
static int lk_destroy_one(int family, int proto, const char *ip, int port)
{
	struct inet_diag_req_v2 q = { .sdiag_family = family,
				      .sdiag_protocol = proto,
				      .idiag_states = ~0u };
	char buf[8192];
	struct lk_req r;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	int fd, ret = -1;
	ssize_t n;

	q.id.idiag_sport = htons(port);
	q.id.idiag_cookie[0] = q.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
	if (family == AF_INET) {
		struct in_addr a = vn_ip4(ip);

		memcpy(q.id.idiag_src, &a, sizeof(a));
	} else {
		struct in6_addr a = vn_ip6(ip);

		memcpy(q.id.idiag_src, &a, sizeof(a));
		/* v4-mapped both ways: the IPv4 table is searched */
		if (!strncmp(ip, "::ffff:", 7)) {
			a = vn_ip6("::ffff:0.0.0.0");
			memcpy(q.id.idiag_dst, &a, sizeof(a));
		}
	}
	lk_init(&r, SOCK_DESTROY, NLM_F_ACK, &q, sizeof(q));
	fd = lk_send(NETLINK_SOCK_DIAG, &r);
	if (fd < 0)
		return errno;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n > 0 && NLMSG_OK(h, (size_t)n) && h->nlmsg_type == NLMSG_ERROR)
		ret = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
	close(fd);
	return ret;
}

/* arg: at_arg(ip, "family proto port"); its own socket is the control. */
static long g_destroy(long arg)
{
	const char *ip = (const char *)arg;
	int family, proto, port, fd, own, e;
	struct vn_addr a;

	if (sscanf(at_arg2(arg), "%d %d %d", &family, &proto, &port) != 3)
		return -2;
	a = vn_sa(family == AF_INET ? VN_A4 : "::", LK_PORT_A);
	fd = socket(family, proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM,
		    0);
	if (fd < 0 || bind(fd, &a.u.sa, a.len) ||
	    (proto == IPPROTO_TCP && listen(fd, 1)))
		return -2;
	/* Found, and not the guest's to destroy (no CAP_NET_ADMIN). */
	own = lk_destroy_one(family, proto,
			     family == AF_INET ? VN_A4 : "::ffff:" VN_A4,
			     LK_PORT_A);
	if (own == EOPNOTSUPP || own == EINVAL || own == ENOENT) {
		NOTE("no SOCK_DESTROY for this protocol (%s)", strerror(own));
		return -3;
	}
	if (own != EPERM && own != 0) {
		NOTE("its own socket: %s, expected EPERM",
		     own < 0 ? "no answer" : strerror(own));
		return -2;
	}
	e = lk_destroy_one(family, proto, ip, port);
	if (e == 0 || e == EPERM) {
		NOTE("the socket %s port %d is found (%s)", ip, port,
		     e ? "EPERM" : "destroyed");
		return 0;
	}
	errno = e < 0 ? EPROTO : e;
	return -1;
}

#define LK_DESTROY(name, ip, family, proto, port, what)			\
TEST_F(leak, name)							\
{									\
	char a2[32];							\
	long r;								\
									\
	snprintf(a2, sizeof(a2), "%d %d %d", family, proto, port);	\
	r = ATTEMPT(AT_INIT, g_destroy, at_arg(ip, a2), what);		\
	if (r == -3)							\
		AT_SKIP("no SOCK_DESTROY for this protocol here");	\
	ASSERT_NE(-2, r);						\
	REFUSED(r, errno, ENOENT);					\
	HOST_OK();							\
}

LK_DESTROY(diag_destroy_udp4_host_loopback, "127.0.0.1", AF_INET,
	   IPPROTO_UDP, AT_PORT_U,
	   "sock_diag SOCK_DESTROY of the host's UDP socket 127.0.0.1:4104 (destroy it, or learn it exists from EPERM) -> ENOENT")
LK_DESTROY(diag_destroy_udp4_host_address, AT_HOST4, AF_INET, IPPROTO_UDP,
	   AT_PORT_UH,
	   "sock_diag SOCK_DESTROY of the host's UDP socket 192.0.2.1:4105 -> ENOENT")
LK_DESTROY(diag_destroy_udp6_host_loopback, "::ffff:127.0.0.1", AF_INET6,
	   IPPROTO_UDP, AT_PORT_U,
	   "sock_diag SOCK_DESTROY, IPv6 request with v4-mapped addresses, of the host's UDP socket 127.0.0.1:4104 -> ENOENT")
LK_DESTROY(diag_destroy_tcp4_host_loopback, "127.0.0.1", AF_INET,
	   IPPROTO_TCP, AT_PORT_LO,
	   "sock_diag SOCK_DESTROY of the host's TCP listener 127.0.0.1:4101 -> ENOENT")
LK_DESTROY(diag_destroy_tcp6_host_loopback, "::1", AF_INET6, IPPROTO_TCP,
	   LK_PORT6,
	   "sock_diag SOCK_DESTROY of the host's TCP listener [::1]:4117 -> ENOENT")
LK_DESTROY(diag_destroy_tcp4_neighbour_loopback, vn_lback(AT_XB), AF_INET,
	   IPPROTO_TCP, AT_PORT_B,
	   "sock_diag SOCK_DESTROY of the other guest's listener on its loopback address -> ENOENT")

/* A dump of family's sockets through sock_diag: any of the host's? */
static long g_diag_dump(long family)
{
	union {
		struct unix_diag_req u;
		struct inet_diag_req_v2 i;
		char raw[64];
	} q;
	struct lk_req r;
	char buf[32768];
	int fd, nmsg = 0;
	ssize_t n;

	memset(&q, 0, sizeof(q));
	if (family == AF_UNIX) {
		q.u.sdiag_family = AF_UNIX;
		q.u.udiag_states = ~0u;
		q.u.udiag_show = UDIAG_SHOW_NAME;
	} else {
		q.i.sdiag_family = family;	/* AF_NETLINK, AF_PACKET */
		q.i.idiag_states = ~0u;
	}
	lk_init(&r, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, &q, sizeof(q));
	fd = lk_send(NETLINK_SOCK_DIAG, &r);
	if (fd < 0) {
		NOTE("refused: %s", strerror(errno));
		return -1;
	}
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				goto done;
			if (h->nlmsg_type == NLMSG_ERROR) {
				errno = -((struct nlmsgerr *)
					  NLMSG_DATA(h))->error;
				close(fd);
				return errno == ENOENT ? -3 : -1;
			}
			nmsg++;
		}
	}
done:
	close(fd);
	if (nmsg) {
		NOTE("%d sockets listed", nmsg);
		return 0;
	}
	return -1;
}

TEST_F(leak, diag_dump_unix_sockets)
{
	long r = ATTEMPT(AT_INIT, g_diag_dump, AF_UNIX,
		"sock_diag dump of UNIX sockets (ss -x): the host's sockets and paths -> refused");

	if (r == -3)
		AT_SKIP("no unix_diag in this kernel");
	REFUSED(r, 0, 0);
	HOST_OK();
}

TEST_F(leak, diag_dump_netlink_sockets)
{
	long r = ATTEMPT(AT_INIT, g_diag_dump, AF_NETLINK,
		"sock_diag dump of netlink sockets: the host's sockets and their port ids -> refused");

	if (r == -3)
		AT_SKIP("no netlink_diag in this kernel");
	REFUSED(r, 0, 0);
	HOST_OK();
}

/* ================================================================== */
/* Interface ioctls and ethtool                                        */
/* ================================================================== */

static long g_ethtool(long unused)
{
	struct ethtool_drvinfo di = { .cmd = ETHTOOL_GDRVINFO };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;

	if (fd < 0)
		return -2;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, LK_IF);
	ifr.ifr_data = (void *)&di;
	if (ioctl(fd, SIOCETHTOOL, &ifr))
		return -1;
	NOTE("SIOCETHTOOL on vsleak0: driver %s", di.driver);
	return 0;
}

TEST_F(leak, ethtool_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_ethtool, 0,
		"SIOCETHTOOL GDRVINFO on the host's interface vsleak0 -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

/* Every interface ioctl that reads: each must say ENODEV. */
static long g_ifioctls(long ifx)
{
	static const struct {
		unsigned long cmd;
		const char *name;
	} cmds[] = {
		{ SIOCGIFFLAGS, "SIOCGIFFLAGS" },
		{ SIOCGIFINDEX, "SIOCGIFINDEX" },
		{ SIOCGIFHWADDR, "SIOCGIFHWADDR" },
		{ SIOCGIFMTU, "SIOCGIFMTU" },
		{ SIOCGIFMAP, "SIOCGIFMAP" },
		{ SIOCGIFTXQLEN, "SIOCGIFTXQLEN" },
		{ SIOCGIFMETRIC, "SIOCGIFMETRIC" },
		{ SIOCGIFSLAVE, "SIOCGIFSLAVE" },
		{ SIOCGIFADDR, "SIOCGIFADDR" },
		{ SIOCGIFNETMASK, "SIOCGIFNETMASK" },
		{ SIOCGIFBRDADDR, "SIOCGIFBRDADDR" },
		{ SIOCGMIIPHY, "SIOCGMIIPHY" },
		{ SIOCGMIIREG, "SIOCGMIIREG" },
		{ SIOCGHWTSTAMP, "SIOCGHWTSTAMP" },
		{ SIOCWANDEV, "SIOCWANDEV" },
		{ SIOCGIFPFLAGS, "SIOCGIFPFLAGS" },
	};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;
	size_t i;

	if (fd < 0)
		return -2;
	/* The answer must be the one for an interface that does not exist. */
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		char data[256] = { 0 };
		int r[2], e[2], k;

		for (k = 0; k < 2; k++) {
			memset(&ifr, 0, sizeof(ifr));
			strcpy(ifr.ifr_name, k ? "vsnone0" : LK_IF);
			if (cmds[i].cmd == SIOCWANDEV ||
			    cmds[i].cmd == SIOCGHWTSTAMP)
				ifr.ifr_data = data;
			errno = 0;
			r[k] = ioctl(fd, cmds[i].cmd, &ifr);
			e[k] = errno;
		}
		if (r[0] != r[1] || e[0] != e[1]) {
			NOTE("%s on vsleak0: %s, on no interface: %s",
			     cmds[i].name, r[0] ? strerror(e[0]) : "success",
			     strerror(e[1]));
			return 0;
		}
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_ifindex = ifx;
	if (ioctl(fd, SIOCGIFNAME, &ifr) == 0 || errno != ENODEV) {
		NOTE("SIOCGIFNAME of its index: %s", ifr.ifr_name);
		return 0;
	}
	errno = ENODEV;
	return -1;
}

TEST_F(leak, interface_ioctls_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_ifioctls, self->lk_ifindex,
		"every SIOCGIF*/SIOCGMII*/SIOCWANDEV/SIOCGIFNAME ioctl on vsleak0 -> the answer for no interface (ENODEV)");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

static long g_bindtodevice(long unused)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -2;
	return setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, LK_IF,
			  strlen(LK_IF) + 1);
}

TEST_F(leak, bindtodevice_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_bindtodevice, 0,
		"SO_BINDTODEVICE to vsleak0: does the host have it? -> ENODEV");

	REFUSED(r, errno, ENODEV);
	HOST_OK();
}

/* The generic netlink family "ethtool": its id, or -1. */
static int lk_genl_family(int fd, const char *name)
{
	struct genlmsghdr g = { .cmd = CTRL_CMD_GETFAMILY, .version = 1 };
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	char buf[8192];
	struct lk_req r;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	const struct rtattr *a;
	ssize_t n;

	lk_init(&r, GENL_ID_CTRL, 0, &g, sizeof(g));
	lk_attr(&r, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	if (sendto(fd, &r, r.h.nlmsg_len, 0, (void *)&k, sizeof(k)) < 0)
		return -1;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n <= 0 || !NLMSG_OK(h, (size_t)n) ||
	    h->nlmsg_type != GENL_ID_CTRL)
		return -1;
	a = lk_rta(h, GENL_HDRLEN, CTRL_ATTR_FAMILY_ID);
	return a ? *(const uint16_t *)RTA_DATA(a) : -1;
}

static long g_ethtool_nl(long ifx)
{
	struct genlmsghdr g = { .cmd = ETHTOOL_MSG_FEATURES_GET, .version = 1 };
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	char buf[16384];
	struct lk_req r;
	struct rtattr *hdr;
	struct timeval tv = { 2, 0 };
	int fd, fam, dump;
	ssize_t n;
	size_t off;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	fam = lk_genl_family(fd, "ethtool");
	if (fam < 0)
		return -3;
	for (dump = 0; dump < 2; dump++) {
		lk_init(&r, fam, dump ? NLM_F_DUMP : 0, &g, sizeof(g));
		off = NLMSG_ALIGN(r.h.nlmsg_len);
		lk_attr(&r, ETHTOOL_A_FEATURES_HEADER | NLA_F_NESTED, NULL, 0);
		hdr = (struct rtattr *)((char *)&r + off);
		if (!dump)
			lk_attr(&r, ETHTOOL_A_HEADER_DEV_NAME, LK_IF,
				strlen(LK_IF) + 1);
		hdr->rta_len = r.h.nlmsg_len - off;
		if (sendto(fd, &r, r.h.nlmsg_len, 0, (void *)&k,
			   sizeof(k)) < 0)
			return -2;
		while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
			struct nlmsghdr *h = (struct nlmsghdr *)buf;

			for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
				if (h->nlmsg_type == NLMSG_DONE ||
				    h->nlmsg_type == NLMSG_ERROR)
					goto next;
				if (memmem(NLMSG_DATA(h), h->nlmsg_len -
					   NLMSG_HDRLEN, LK_IF,
					   strlen(LK_IF))) {
					NOTE("ethtool netlink %s shows vsleak0",
					     dump ? "dump" : "request");
					return 0;
				}
				if (!dump)
					goto next;
			}
		}
next:
		;
	}
	(void)ifx;
	return -1;
}

/* The generic netlink family "netdev": a device by index, and the dump. */
static long g_netdev_nl(long ifx)
{
	struct genlmsghdr g = { .cmd = NETDEV_CMD_DEV_GET, .version = 1 };
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	struct timeval tv = { 2, 0 };
	char buf[16384];
	struct lk_req r;
	uint32_t idx = ifx;
	int fd, fam, dump;
	ssize_t n;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	fam = lk_genl_family(fd, "netdev");
	if (fam < 0)
		return -3;
	for (dump = 0; dump < 2; dump++) {
		lk_init(&r, fam, dump ? NLM_F_DUMP : 0, &g, sizeof(g));
		if (!dump)
			lk_attr(&r, NETDEV_A_DEV_IFINDEX, &idx, sizeof(idx));
		if (sendto(fd, &r, r.h.nlmsg_len, 0, (void *)&k,
			   sizeof(k)) < 0)
			return -2;
		while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) {
			struct nlmsghdr *h = (struct nlmsghdr *)buf;
			int more = dump;

			for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
				const struct rtattr *a;

				if (h->nlmsg_type == NLMSG_DONE ||
				    h->nlmsg_type == NLMSG_ERROR) {
					more = 0;
					break;
				}
				a = lk_rta(h, GENL_HDRLEN,
					   NETDEV_A_DEV_IFINDEX);
				if (a && *(const uint32_t *)RTA_DATA(a) == idx) {
					NOTE("netdev netlink %s shows vsleak0's index",
					     dump ? "dump" : "request");
					return 0;
				}
			}
			if (!more)
				break;
		}
	}
	return -1;
}

TEST_F(leak, netdev_netlink_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_netdev_nl, self->lk_ifindex,
		"netdev netlink DEV_GET of vsleak0's index and the device dump -> nothing of vsleak0");

	if (r == -3)
		AT_SKIP("no netdev netlink family here");
	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

TEST_F(leak, ethtool_netlink_host_interface)
{
	long r = ATTEMPT(AT_INIT, g_ethtool_nl, self->lk_ifindex,
		"ethtool netlink FEATURES_GET of vsleak0 and its dump -> nothing of vsleak0");

	if (r == -3)
		AT_SKIP("no ethtool netlink family here");
	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

/* ================================================================== */
/* /proc                                                               */
/* ================================================================== */

/* arg: a path; a leak if it can be read and shows a secret. */
static long g_proc_text(long arg)
{
	const char *path = (const char *)arg, *s;

	if (lk_read(path)) {
		NOTE("%s: %s", path, strerror(errno));
		return -1;
	}
	s = lk_text_secret(lk_text);
	if (s) {
		NOTE("%s shows %s", path, s);
		return 0;
	}
	return -1;
}

/* arg: a path; a leak if it exists at all (its content is host-wide). */
static long g_proc_absent(long arg)
{
	const char *path = (const char *)arg;
	const char *p;

	for (p = path; *p; p += strlen(p) + 1) {
		if (access(p, F_OK) == 0) {
			NOTE("%s exists", p);
			return 0;
		}
	}
	return -1;
}

#define LK_PROC(name, path, what)					\
TEST_F(leak, name)							\
{									\
	long r = ATTEMPT(AT_INIT, g_proc_text, at_arg(path, NULL), what); \
	ASSERT_NE(-2, r);						\
	REFUSED(r, 0, 0);						\
	HOST_OK();							\
}

LK_PROC(proc_net_fib_trie, "/proc/net/fib_trie",
	"read /proc/net/fib_trie: the host's routes and local addresses -> nothing of them")
LK_PROC(proc_net_arp, "/proc/net/arp",
	"read /proc/net/arp: the host's neighbour 203.0.113.7 -> nothing of it")
LK_PROC(proc_net_ipv6_route, "/proc/net/ipv6_route",
	"read /proc/net/ipv6_route: the host's IPv6 routes -> nothing of them")
LK_PROC(proc_net_route, "/proc/net/route",
	"read /proc/net/route: the host's routes on vsleak0 -> nothing of them")
LK_PROC(proc_net_if_inet6, "/proc/net/if_inet6",
	"read /proc/net/if_inet6: the host's IPv6 addresses -> nothing of them")
LK_PROC(proc_net_dev, "/proc/net/dev",
	"read /proc/net/dev: the host's interface vsleak0 -> not listed")
LK_PROC(proc_net_igmp6, "/proc/net/igmp6",
	"read /proc/net/igmp6: the host's interfaces' multicast groups -> nothing of them")
LK_PROC(proc_net_dev_mcast, "/proc/net/dev_mcast",
	"read /proc/net/dev_mcast: link-layer groups derived from the host's addresses -> nothing of them")
LK_PROC(proc_net_mcfilter6, "/proc/net/mcfilter6",
	"read /proc/net/mcfilter6: the host's multicast source filters -> nothing of them")

#define LK_ABSENT(name, paths, what)					\
TEST_F(leak, name)							\
{									\
	static const char p[] = paths "\0";				\
	long r;								\
									\
	memcpy(at_sh->in, p, sizeof(p));				\
	r = ATTEMPT(AT_INIT, g_proc_absent, (long)at_sh->in, what);	\
	REFUSED(r, 0, 0);						\
	HOST_OK();							\
}

LK_ABSENT(proc_net_dev_snmp6_host_if, "/proc/net/dev_snmp6/vsleak0",
	"/proc/net/dev_snmp6/vsleak0: the host's interface counters -> no such file")
LK_ABSENT(proc_net_fib_triestat, "/proc/net/fib_triestat",
	"/proc/net/fib_triestat: the host's routing table statistics -> no such file")
LK_ABSENT(proc_net_counters, "/proc/net/snmp\0/proc/net/snmp6\0/proc/net/netstat",
	"/proc/net/snmp, snmp6, netstat: the namespace's protocol counters -> no such files")
LK_ABSENT(proc_net_sockstat, "/proc/net/sockstat\0/proc/net/sockstat6\0/proc/net/protocols",
	"/proc/net/sockstat, sockstat6, protocols: the namespace's socket counts -> no such files")
LK_ABSENT(proc_net_netlink_packet, "/proc/net/netlink\0/proc/net/packet\0/proc/net/ptype",
	"/proc/net/netlink, packet, ptype: the host's netlink and packet sockets, protocol handlers -> no such files")
LK_ABSENT(proc_net_stat_dir, "/proc/net/stat\0/proc/net/softnet_stat\0/proc/net/dev_snmp6",
	"/proc/net/stat/, softnet_stat, dev_snmp6/: per-CPU and per-interface counters of the host -> no such files")

static long g_list(long arg)
{
	const char *path = (const char *)arg, *s;

	if (lk_list(path)) {
		NOTE("%s: %s", path, strerror(errno));
		return -1;
	}
	s = lk_text_secret(lk_text);
	if (s) {
		NOTE("%s lists %s", path, s);
		return 0;
	}
	return -1;
}

#define LK_LIST(name, path, what)					\
TEST_F(leak, name)							\
{									\
	long r = ATTEMPT(AT_INIT, g_list, at_arg(path, NULL), what);	\
	REFUSED(r, 0, 0);						\
	HOST_OK();							\
}

LK_LIST(sysctl_ipv4_conf_names, "/proc/sys/net/ipv4/conf",
	"list /proc/sys/net/ipv4/conf: the host's interface names -> not vsleak0")
LK_LIST(sysctl_ipv6_conf_names, "/proc/sys/net/ipv6/conf",
	"list /proc/sys/net/ipv6/conf: the host's interface names -> not vsleak0")
LK_LIST(sysctl_ipv4_neigh_names, "/proc/sys/net/ipv4/neigh",
	"list /proc/sys/net/ipv4/neigh: the host's interface names -> not vsleak0")
LK_LIST(sysctl_ipv6_neigh_names, "/proc/sys/net/ipv6/neigh",
	"list /proc/sys/net/ipv6/neigh: the host's interface names -> not vsleak0")
LK_LIST(proc_net_dev_snmp6_names, "/proc/net/dev_snmp6",
	"list /proc/net/dev_snmp6: the host's interface names -> not vsleak0")

static long g_sysctl_lookup(long unused)
{
	static const char *const p[] = {
		"/proc/sys/net/ipv4/conf/" LK_IF "/forwarding",
		"/proc/sys/net/ipv6/conf/" LK_IF "/mtu",
		"/proc/sys/net/ipv4/neigh/" LK_IF "/gc_stale_time",
		"/proc/sys/net/ipv6/neigh/" LK_IF "/gc_stale_time",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(p); i++)
		if (access(p[i], F_OK) == 0) {
			NOTE("%s exists", p[i]);
			return 0;
		}
	errno = ENOENT;
	return -1;
}

TEST_F(leak, sysctl_lookup_host_interface)
{
	long r;

	/* The host looks first: its dentries must not serve the guest. */
	EXPECT_EQ(0, access("/proc/sys/net/ipv4/conf/" LK_IF "/forwarding",
			    F_OK));
	r = ATTEMPT(AT_INIT, g_sysctl_lookup, 0,
		"open /proc/sys/net/{ipv4,ipv6}/{conf,neigh}/vsleak0/...: the host's interface settings -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

static long g_proc_net_names(long unused)
{
	static const char *const shown[] = {
		".", "..", "dev", "if_inet6", "route", "tcp", "tcp6", "udp",
		"udp6", "udplite", "udplite6", "raw", "raw6", "unix",
	};
	DIR *d = opendir("/proc/net");
	struct dirent *e;
	size_t i;

	if (!d)
		return -2;
	while ((e = readdir(d))) {
		for (i = 0; i < ARRAY_SIZE(shown); i++)
			if (!strcmp(e->d_name, shown[i]))
				break;
		if (i == ARRAY_SIZE(shown)) {
			NOTE("/proc/net lists %s", e->d_name);
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return -1;
}

TEST_F(leak, proc_net_listing)
{
	long r = ATTEMPT(AT_INIT, g_proc_net_names, 0,
		"list /proc/net: files about the whole namespace -> only those filtered for the guest");

	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_mountinfo(long unused)
{
	char *p;

	if (lk_read("/proc/self/mountinfo"))
		return -2;
	/* (/tmp may be a file system of its own: its path inside it) */
	p = strstr(lk_text, "/vs-attack/guest");
	if (p) {
		char *nl = strchr(p, '\n');

		if (nl)
			*nl = '\0';
		NOTE("mountinfo: ...%s", p);
		return 0;
	}
	return -1;
}

TEST_F(leak, mountinfo_host_path_of_root)
{
	long r = ATTEMPT(AT_INIT, g_mountinfo, 0,
		"read /proc/self/mountinfo: the host's path of the guest's root (/tmp/vs-attack/guest) -> not shown");

	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

TEST_HARNESS_MAIN
