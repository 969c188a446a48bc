// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - IPv4 and IPv6 sockets of network contexts
 *
 * An IPv4 or IPv6 socket made by a task of a network context belongs to
 * that context for its whole life (its LSM blob holds a reference), and
 * may use only the context's addresses:
 *
 * - bind: the context's addresses only (else -EADDRNOTAVAIL); 127.0.0.1
 *   means the context's loopback address with NXF_LBACK_REMAP; the
 *   wildcard becomes the first address with NXF_SINGLE_IP, and otherwise
 *   stays a wildcard that the lookup hooks restrict to the context's
 *   addresses, even in a family the context has none of (it then
 *   listens on nothing of that family but the context's loopback);
 * - connect/sendmsg: 127.0.0.1 is remapped the same way, other loopback
 *   destinations need NXF_LBACK_ALLOW (-EPERM); the source address is
 *   always the context's (vserver_inet_src(), called by the routing code);
 *   the destination is checked again where the stack has resolved it
 *   (vserver_inet_dst(), called by the routing code, and at TCP connect):
 *   an AF_INET sockaddr or a v4-mapped address on an IPv6 socket, [::]
 *   (the stack's [::1] or ::ffff:127.0.0.1) and 0.0.0.0 end there;
 * - SO_REUSEPORT groups hold sockets of one network context only;
 * - raw sockets: ICMP only, with NXC_RAW_ICMP, echo requests only (the
 *   type the stack copied for the packet, __vserver_raw_send());
 *   packet sockets: never; IPv4/IPv6 protocols other than TCP, UDP,
 *   UDP-Lite and ICMP, and the families whose sockets make kernel
 *   sockets of the host (SMC, RDS, RXRPC, TIPC): as if not built.
 *
 * UNIX sockets are not isolated by address; they are isolated by the
 * file system.
 */

#include "common.h"

#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/vserver_inet.h>
#include <net/flow.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/sock.h>

#include "inet.h"
#include "lsm.h"
#include "network.h"
#include "task.h"

static inline struct nx_info **sock_nx_slot(const struct sock *sk)
{
	return sk->sk_security + vserver_blob_sizes.lbs_sock;
}

/*
 * The network context of a socket: stable while the socket lives.  Time
 * wait and request sockets (in bind buckets and routing calls) have no
 * LSM blob: they count as the host's.
 */
static inline struct nx_info *sk_nx(const struct sock *sk)
{
	if (!sk_fullsock(sk) || !sk->sk_security)
		return NULL;
	return *sock_nx_slot(sk);
}

/* Address matching, on a snapshot read under RCU. */

static bool ours4(const struct nx_addrs *a, __be32 ip)
{
	unsigned int i;

	if (ip == a->lback || ip == a->bcast)
		return true;
	for (i = 0; i < a->n4; i++) {
		const struct nx_addr4 *e = &a->v4[i];

		switch (e->type) {
		case NXA_TYPE_ADDR:
			if (ip == e->ip || ip == (e->ip | ~e->mask))
				return true;
			break;
		case NXA_TYPE_MASK:
			if ((ip & e->mask) == e->ip)
				return true;
			break;
		case NXA_TYPE_RANGE:
			if (ntohl(ip) >= ntohl(e->ip) &&
			    ntohl(ip) < ntohl(e->ip2))
				return true;
			break;
		}
	}
	return false;
}

static bool ours6(const struct nx_addrs *a, const struct in6_addr *ip)
{
	unsigned int i;

	for (i = 0; i < a->n6; i++) {
		const struct nx_addr6 *e = &a->v6[i];

		if (e->type == NXA_TYPE_ADDR ? ipv6_addr_equal(ip, &e->ip) :
		    ipv6_prefix_equal(ip, &e->ip, e->prefix))
			return true;
	}
	return false;
}

/* The first address the context can send from, or 0. */
static __be32 first4(const struct nx_addrs *a)
{
	unsigned int i;

	for (i = 0; i < a->n4; i++)
		if (a->v4[i].type == NXA_TYPE_ADDR ||
		    a->v4[i].type == NXA_TYPE_RANGE)
			return a->v4[i].ip;
	return 0;
}

/* Entry @e as an interval of host-order addresses. */
static void range4(const struct nx_addr4 *e, u32 *lo, u32 *hi)
{
	*lo = ntohl(e->ip);
	switch (e->type) {
	case NXA_TYPE_MASK:
		*hi = *lo | ~ntohl(e->mask);
		break;
	case NXA_TYPE_RANGE:
		*hi = ntohl(e->ip2) - 1;
		break;
	default:
		*hi = *lo;
	}
}

static bool overlap4(const struct nx_addrs *a, const struct nx_addrs *b)
{
	unsigned int i, j;
	u32 lo1, hi1, lo2, hi2;

	if (a->lback == b->lback)
		return true;
	for (i = 0; i < a->n4; i++) {
		range4(&a->v4[i], &lo1, &hi1);
		for (j = 0; j < b->n4; j++) {
			range4(&b->v4[j], &lo2, &hi2);
			if (lo1 <= hi2 && lo2 <= hi1)
				return true;
		}
	}
	return false;
}

static bool overlap6(const struct nx_addrs *a, const struct nx_addrs *b)
{
	unsigned int i, j;

	for (i = 0; i < a->n6; i++) {
		const struct nx_addr6 *x = &a->v6[i];

		for (j = 0; j < b->n6; j++) {
			const struct nx_addr6 *y = &b->v6[j];
			u32 p = min(x->type == NXA_TYPE_ADDR ? 128 : x->prefix,
				    y->type == NXA_TYPE_ADDR ? 128 : y->prefix);

			if (ipv6_prefix_equal(&x->ip, &y->ip, p))
				return true;
		}
	}
	return false;
}

/**
 * nx_has_addr4 - Is an IPv4 address one of a network context's?
 * @nxi: The network context.
 * @addr: The address.
 *
 * Return: true for an address of an entry, the broadcast or the loopback
 * address.
 */
bool nx_has_addr4(const struct nx_info *nxi, __be32 addr)
{
	bool ok;

	rcu_read_lock();
	ok = ours4(nx_addrs(nxi), addr);
	rcu_read_unlock();
	return ok;
}

/**
 * nx_has_addr6 - Is an IPv6 address one of a network context's?
 * @nxi: The network context.
 * @addr: The address.
 *
 * Return: true for an address of an entry.
 */
bool nx_has_addr6(const struct nx_info *nxi, const struct in6_addr *addr)
{
	bool ok;

	rcu_read_lock();
	ok = ours6(nx_addrs(nxi), addr);
	rcu_read_unlock();
	return ok;
}

/* Hooks called by the stack (see <linux/vserver_inet.h>). */

/**
 * __vserver_sk_rcv_addr4 - See vserver_sk_rcv_addr4()
 * @sk: The socket.
 * @daddr: The destination.
 *
 * Return: whether @sk may receive for @daddr.
 */
bool __vserver_sk_rcv_addr4(const struct sock *sk, __be32 daddr)
{
	struct nx_info *nxi = sk_nx(sk);

	return !nxi || ipv4_is_multicast(daddr) || nx_has_addr4(nxi, daddr);
}
EXPORT_SYMBOL_GPL(__vserver_sk_rcv_addr4);

/**
 * __vserver_sk_rcv_addr6 - See vserver_sk_rcv_addr6()
 * @sk: The socket.
 * @daddr: The destination.
 *
 * Return: whether @sk may receive for @daddr.
 */
bool __vserver_sk_rcv_addr6(const struct sock *sk,
			    const struct in6_addr *daddr)
{
	struct nx_info *nxi = sk_nx(sk);

	if (!nxi || ipv6_addr_is_multicast(daddr))
		return true;
	if (ipv6_addr_v4mapped(daddr))
		return __vserver_sk_rcv_addr4(sk, daddr->s6_addr32[3]);
	return nx_has_addr6(nxi, daddr);
}
EXPORT_SYMBOL_GPL(__vserver_sk_rcv_addr6);

/*
 * The bound address of a socket: *v4 (0 for a wildcard), and for IPv6
 * sockets *v6 (NULL unless a real IPv6 address is bound).  Returns true
 * for a wildcard.
 */
static bool sk_bound(const struct sock *sk, __be32 *v4,
		     const struct in6_addr **v6)
{
	*v4 = sk->sk_rcv_saddr;
	*v6 = NULL;
#if IS_ENABLED(CONFIG_IPV6)
	if (sk->sk_family == AF_INET6) {
		const struct in6_addr *a = &sk->sk_v6_rcv_saddr;

		if (ipv6_addr_any(a))
			return true;
		if (ipv6_addr_v4mapped(a)) {
			*v4 = a->s6_addr32[3];
			return false;
		}
		*v6 = a;
		return false;
	}
#endif
	return !*v4;
}

/* Do the addresses @a of a wildcard socket cover the one bound by @sk? */
static bool covers(const struct nx_addrs *a, const struct sock *sk)
{
	const struct in6_addr *v6;
	__be32 v4;

	sk_bound(sk, &v4, &v6);
	return v6 ? ours6(a, v6) : ours4(a, v4);
}

/**
 * __vserver_sk_addrs_overlap - See vserver_sk_addrs_overlap()
 * @sk: The socket being bound.
 * @sk2: A socket on the same port.
 *
 * Return: false if the two cannot receive for the same address.
 */
bool __vserver_sk_addrs_overlap(const struct sock *sk, const struct sock *sk2)
{
	struct nx_info *nx1 = sk_nx(sk), *nx2 = sk_nx(sk2);
	const struct in6_addr *a6, *b6;
	bool any1, any2, ret;
	__be32 a4, b4;

	if (nx1 == nx2)
		return true;
	any1 = sk_bound(sk, &a4, &a6);
	any2 = sk_bound(sk2, &b4, &b6);
	/* Two bound addresses: the stack compares them itself. */
	if (!any1 && !any2)
		return true;
	rcu_read_lock();
	if (any1 && any2) {
		/* A host wildcard covers everything. */
		if (!nx1 || !nx2)
			ret = true;
		else
			ret = overlap4(nx_addrs(nx1), nx_addrs(nx2)) ||
			      overlap6(nx_addrs(nx1), nx_addrs(nx2));
	} else if (any1) {
		ret = !nx1 || covers(nx_addrs(nx1), sk2);
	} else {
		ret = !nx2 || covers(nx_addrs(nx2), sk);
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__vserver_sk_addrs_overlap);

/**
 * __vserver_sk_visible - See vserver_sk_visible()
 * @sk: The socket.
 *
 * Return: whether the current task sees @sk in socket listings.
 */
bool __vserver_sk_visible(const struct sock *sk)
{
	struct nx_info *me = current_nx();
	const struct in6_addr *v6;
	__be32 v4;

	if (!me)
		return true;
	if (sk_fullsock(sk))
		return sk_nx(sk) == me;
	/* Request and time-wait sockets: by their local address. */
	sk_bound(sk, &v4, &v6);
	return v6 ? nx_has_addr6(me, v6) : nx_has_addr4(me, v4);
}
EXPORT_SYMBOL_GPL(__vserver_sk_visible);

/**
 * __vserver_inet_hide_lback - See vserver_inet_hide_lback()
 * @sk: The socket.
 * @addr: The address reported.
 */
void __vserver_inet_hide_lback(const struct sock *sk, __be32 *addr)
{
	struct nx_info *nxi = sk_nx(sk);

	if (!nxi || !(nx_flags(nxi) & NXF_HIDE_LBACK))
		return;
	rcu_read_lock();
	if (*addr == nx_addrs(nxi)->lback)
		*addr = htonl(INADDR_LOOPBACK);
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(__vserver_inet_hide_lback);

/*
 * The source for @daddr when none is bound: the first address with
 * SINGLE_IP; else the routed source if it is the context's; else the
 * first address in the network of the routed source; else the first one.
 */
static __be32 choose_src4(const struct sock *sk, const struct nx_info *nxi,
			  const struct nx_addrs *a, const struct flowi4 *fl4)
{
	__be32 first = first4(a), src;
	struct flowi4 fl = *fl4;
	struct rtable *rt;
	unsigned int i;

	if (!first || (nx_flags(nxi) & NXF_SINGLE_IP) || a->n4 == 1)
		return first;
	rt = __ip_route_output_key(sock_net(sk), &fl);
	if (IS_ERR(rt))
		return first;
	ip_rt_put(rt);
	src = fl.saddr;
	if (!src)
		return first;
	for (i = 0; i < a->n4; i++)
		if (a->v4[i].type == NXA_TYPE_ADDR && a->v4[i].ip == src)
			return src;
	for (i = 0; i < a->n4; i++) {
		const struct nx_addr4 *e = &a->v4[i];

		if (e->type == NXA_TYPE_ADDR &&
		    !((e->ip ^ src) & e->mask))
			return e->ip;
	}
	return first;
}

/**
 * __vserver_inet_src - See vserver_inet_src()
 * @sk: The socket.
 * @fl4: The flow.
 *
 * Return: 0 or -EPERM.
 */
int __vserver_inet_src(const struct sock *sk, struct flowi4 *fl4)
{
	struct nx_info *nxi = sk_nx(sk);
	const struct nx_addrs *a;
	int ret = 0;

	if (!nxi)
		return 0;
	rcu_read_lock();
	a = nx_addrs(nxi);
	if (fl4->saddr) {
		if (!ours4(a, fl4->saddr))
			ret = -EPERM;
	} else if (ipv4_is_loopback(fl4->daddr)) {
		fl4->saddr = a->lback;
	} else {
		fl4->saddr = choose_src4(sk, nxi, a, fl4);
		if (!fl4->saddr)
			ret = -EPERM;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__vserver_inet_src);

/* The first IPv6 address in the network of @daddr, else the first one. */
static const struct in6_addr *choose_src6(const struct nx_addrs *a,
					  const struct in6_addr *daddr)
{
	const struct in6_addr *first = NULL;
	unsigned int i;

	for (i = 0; i < a->n6; i++) {
		const struct nx_addr6 *e = &a->v6[i];

		if (e->type != NXA_TYPE_ADDR)
			continue;
		if (ipv6_prefix_equal(&e->ip, daddr, e->prefix))
			return &e->ip;
		if (!first)
			first = &e->ip;
	}
	return first;
}

/**
 * __vserver_inet6_src - See vserver_inet6_src()
 * @sk: The socket.
 * @fl6: The flow.
 *
 * Return: 0 or -EPERM.
 */
int __vserver_inet6_src(const struct sock *sk, struct flowi6 *fl6)
{
	struct nx_info *nxi = sk_nx(sk);
	const struct in6_addr *src;
	const struct nx_addrs *a;
	int ret = 0;

	if (!nxi)
		return 0;
	rcu_read_lock();
	a = nx_addrs(nxi);
	if (!ipv6_addr_any(&fl6->saddr)) {
		if (!ours6(a, &fl6->saddr))
			ret = -EPERM;
	} else if (!ipv6_addr_loopback(&fl6->daddr)) {
		/* Loopback needs LBACK_ALLOW, checked at connect/sendmsg. */
		src = choose_src6(a, &fl6->daddr);
		if (src)
			fl6->saddr = *src;
		else
			ret = -EPERM;
	}
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__vserver_inet6_src);

static bool raw_icmp_ok(const struct nx_info *nxi, int family, int protocol)
{
	return (READ_ONCE(nxi->ncaps) & NXC_RAW_ICMP) &&
	       ((family == AF_INET && protocol == IPPROTO_ICMP) ||
		(family == AF_INET6 && protocol == IPPROTO_ICMPV6));
}

/**
 * __vserver_raw_icmp - See vserver_raw_icmp()
 * @family: The family.
 * @protocol: The protocol.
 *
 * Return: whether the current task may make a raw ICMP socket.
 */
bool __vserver_raw_icmp(int family, int protocol)
{
	struct nx_info *nxi = current_nx();

	return nxi && raw_icmp_ok(nxi, family, protocol);
}
EXPORT_SYMBOL_GPL(__vserver_raw_icmp);

/**
 * __vserver_raw_send - See vserver_raw_send()
 * @sk: The raw socket.
 * @proto: The flow's protocol.
 * @type: The ICMP type of the message, as the stack copied it.
 *
 * Return: 0 for a host socket and for an echo request, else -EPERM.
 */
int __vserver_raw_send(const struct sock *sk, int proto, u8 type)
{
	if (!sk_nx(sk))
		return 0;
	if (sk->sk_family == AF_INET)
		return proto == IPPROTO_ICMP && type == ICMP_ECHO ? 0 : -EPERM;
	return proto == IPPROTO_ICMPV6 && type == ICMPV6_ECHO_REQUEST ?
	       0 : -EPERM;
}
EXPORT_SYMBOL_GPL(__vserver_raw_send);

/* LSM hooks */

/*
 * The IPv4 and IPv6 protocols whose sockets vserver confines: TCP, UDP,
 * UDP-Lite and ICMP (ping and raw).  The others (SCTP, DCCP, MPTCP,
 * L2TP/IP, ...) bind, route or make kernel sockets (subflows) past the
 * hooks above, so a guest cannot make them, as if they were not built.
 */
static bool inet_proto_ok(int type, int protocol)
{
	switch (type) {
	case SOCK_STREAM:
		return !protocol || protocol == IPPROTO_TCP;
	case SOCK_DGRAM:
		return !protocol || protocol == IPPROTO_UDP ||
		       protocol == IPPROTO_UDPLITE ||
		       protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6;
	case SOCK_RAW:
		return true;	/* raw_icmp_ok() decides */
	}
	return false;
}

static int hook_socket_create(int family, int type, int protocol, int kern)
{
	struct nx_info *nxi = current_nx();

	if (!nxi || kern)
		return 0;
	switch (family) {
	case AF_PACKET:
		return -EPERM;
	case AF_INET:
	case AF_INET6:
		if (!inet_proto_ok(type, protocol))
			return -EPROTONOSUPPORT;
		if (type == SOCK_RAW && !raw_icmp_ok(nxi, family, protocol))
			return -EPERM;
		return 0;
	case AF_SMC:
	case AF_RDS:
	case AF_RXRPC:
	case AF_TIPC:
		/* Their kernel sockets would be the host's. */
		return -EAFNOSUPPORT;
	}
	return 0;
}

/**
 * vserver_inet_sock_created - Give a new socket its network context
 * @sock: A socket made by the current task for user space.
 * @family: Its family.
 *
 * Called from the socket_post_create hook of the limits (an LSM has one
 * slot per hook).  IPv4 and IPv6 sockets of a task in a network context
 * belong to it until they are freed.
 */
void vserver_inet_sock_created(struct socket *sock, int family)
{
	struct nx_info *nxi = current_nx();

	if (!nxi || !sock->sk || (family != AF_INET && family != AF_INET6))
		return;
	*sock_nx_slot(sock->sk) = nx_get(nxi);
}

static void hook_sk_free(struct sock *sk)
{
	nx_put(*sock_nx_slot(sk));
}

static void hook_sk_clone(const struct sock *sk, struct sock *newsk)
{
	struct nx_info *nxi = sk_nx(sk);

	*sock_nx_slot(newsk) = nxi ? nx_get(nxi) : NULL;
}

/* The IPv4 address of a sockaddr for @sk, or NULL if it has none. */
static __be32 *sockaddr_v4(struct sock *sk, struct sockaddr *address,
			   int addrlen)
{
	if (sk->sk_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)address;

		if (addrlen < (int)sizeof(*sin) ||
		    (sin->sin_family != AF_INET &&
		     sin->sin_family != AF_UNSPEC))
			return NULL;
		return &sin->sin_addr.s_addr;
	}
	if (sk->sk_family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)address;
		struct sockaddr_in *sin = (struct sockaddr_in *)address;

		/* UDPv6 hands an AF_INET sockaddr to the IPv4 code. */
		if (addrlen >= (int)sizeof(*sin) && sin->sin_family == AF_INET)
			return &sin->sin_addr.s_addr;
		if (addrlen < SIN6_LEN_RFC2133 ||
		    sin6->sin6_family != AF_INET6 ||
		    !ipv6_addr_v4mapped(&sin6->sin6_addr))
			return NULL;
		return &sin6->sin6_addr.s6_addr32[3];
	}
	return NULL;
}

/* The IPv6 address of a sockaddr for an IPv6 socket, not v4-mapped. */
static struct in6_addr *sockaddr_v6(struct sock *sk, struct sockaddr *address,
				    int addrlen)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)address;

	if (sk->sk_family != AF_INET6 || addrlen < SIN6_LEN_RFC2133 ||
	    sin6->sin6_family != AF_INET6 ||
	    ipv6_addr_v4mapped(&sin6->sin6_addr))
		return NULL;
	return &sin6->sin6_addr;
}

static int bind4(const struct nx_info *nxi, const struct nx_addrs *a,
		 __be32 *ip)
{
	const u64 flags = nx_flags(nxi);

	if (*ip == htonl(INADDR_ANY)) {
		if ((flags & NXF_SINGLE_IP) && first4(a))
			*ip = first4(a);
		return 0;
	}
	if (*ip == htonl(INADDR_LOOPBACK) && (flags & NXF_LBACK_REMAP)) {
		*ip = a->lback;
		return 0;
	}
	return ours4(a, *ip) ? 0 : -EADDRNOTAVAIL;
}

/*
 * The wildcard binds whatever addresses the context has: the lookup hooks
 * restrict it to them, so in a context without IPv6 addresses an IPV6_V6ONLY
 * socket on [::] listens on nothing (as on a host without a global address
 * of that family), and a dual-stack one serves the IPv4 addresses.  An
 * IPv4-mapped address is one of its IPv4 addresses or nothing.
 */
static int bind6(const struct nx_info *nxi, const struct nx_addrs *a,
		 const struct in6_addr *ip)
{
	if (ipv6_addr_any(ip))
		return 0;
	if (ipv6_addr_v4mapped(ip))
		return ours4(a, ip->s6_addr32[3]) ? 0 : -EADDRNOTAVAIL;
	if (ipv6_addr_loopback(ip))
		return (nx_flags(nxi) & NXF_LBACK_ALLOW) ? 0 : -EADDRNOTAVAIL;
	return ours6(a, ip) ? 0 : -EADDRNOTAVAIL;
}

static int hook_socket_bind(struct socket *sock, struct sockaddr *address,
			    int addrlen)
{
	struct sock *sk = sock->sk;
	struct nx_info *nxi = sk ? sk_nx(sk) : NULL;
	struct in6_addr *v6;
	__be32 *v4;
	int ret = 0;

	if (!nxi)
		return 0;
	rcu_read_lock();
	v4 = sockaddr_v4(sk, address, addrlen);
	v6 = v4 ? NULL : sockaddr_v6(sk, address, addrlen);
	if (v4)
		ret = bind4(nxi, nx_addrs(nxi), v4);
	else if (v6)
		ret = bind6(nxi, nx_addrs(nxi), v6);
	rcu_read_unlock();
	return ret;
}

/* A destination: loopback is the context's own, or needs LBACK_ALLOW. */
static int dest4(const struct nx_info *nxi, __be32 *ip)
{
	const u64 flags = nx_flags(nxi);
	__be32 lback;

	if (!ipv4_is_loopback(*ip))
		return 0;
	rcu_read_lock();
	lback = nx_addrs(nxi)->lback;
	rcu_read_unlock();
	if (*ip == lback)
		return 0;
	if (*ip == htonl(INADDR_LOOPBACK) && (flags & NXF_LBACK_REMAP)) {
		*ip = lback;
		return 0;
	}
	return (flags & NXF_LBACK_ALLOW) ? 0 : -EPERM;
}

static int dest(struct sock *sk, struct sockaddr *address, int addrlen)
{
	struct nx_info *nxi = sk_nx(sk);
	struct in6_addr *v6;
	__be32 *v4;

	if (!nxi || !address)
		return 0;
	v4 = sockaddr_v4(sk, address, addrlen);
	if (v4)
		return dest4(nxi, v4);
	v6 = sockaddr_v6(sk, address, addrlen);
	if (v6 && ipv6_addr_loopback(v6) &&
	    !(nx_flags(nxi) & NXF_LBACK_ALLOW))
		return -EPERM;
	return 0;
}

/*
 * A TCP socket's peer is checked when it connects; later routes (and
 * those of sockets accepted from a peer, which may be a host address on
 * loopback) go to that peer.  Datagram and raw sockets choose a
 * destination at every send.
 */
static bool dst_checked(const struct sock *sk, bool connect)
{
	return connect || sk->sk_type != SOCK_STREAM;
}

/**
 * __vserver_inet_dst - See vserver_inet_dst()
 * @sk: The socket.
 * @fl4: The flow.
 * @connect: Called at connect.
 *
 * Return: 0 or -EPERM.
 */
int __vserver_inet_dst(const struct sock *sk, struct flowi4 *fl4,
		       bool connect)
{
	struct nx_info *nxi = sk_nx(sk);

	if (!nxi || !dst_checked(sk, connect))
		return 0;
	/*
	 * 0.0.0.0 is routed to the source, which vserver_inet_src() made
	 * the context's own.
	 */
	return dest4(nxi, &fl4->daddr);
}
EXPORT_SYMBOL_GPL(__vserver_inet_dst);

/**
 * __vserver_inet6_dst - See vserver_inet6_dst()
 * @sk: The socket.
 * @fl6: The flow.
 * @connect: Called at connect.
 *
 * Return: 0 or -EPERM.
 */
int __vserver_inet6_dst(const struct sock *sk, struct flowi6 *fl6,
			bool connect)
{
	struct nx_info *nxi = sk_nx(sk);
	struct in6_addr *d = &fl6->daddr;

	if (!nxi || !dst_checked(sk, connect))
		return 0;
	if (ipv6_addr_v4mapped(d))
		return dest4(nxi, &d->s6_addr32[3]);
	/* [::] is the host's [::1] as well. */
	if ((ipv6_addr_any(d) || ipv6_addr_loopback(d)) &&
	    !(nx_flags(nxi) & NXF_LBACK_ALLOW))
		return -EPERM;
	return 0;
}
EXPORT_SYMBOL_GPL(__vserver_inet6_dst);

/**
 * __vserver_sk_same_nx - See vserver_sk_same_nx()
 * @sk: A socket.
 * @sk2: Another one.
 *
 * Return: whether both belong to the same network context (or the host).
 */
bool __vserver_sk_same_nx(const struct sock *sk, const struct sock *sk2)
{
	return sk_nx(sk) == sk_nx(sk2);
}
EXPORT_SYMBOL_GPL(__vserver_sk_same_nx);

static int hook_socket_connect(struct socket *sock, struct sockaddr *address,
			       int addrlen)
{
	return sock->sk ? dest(sock->sk, address, addrlen) : 0;
}

static int hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
			       int size)
{
	struct sock *sk = sock->sk;

	if (!sk || !sk_nx(sk))
		return 0;
	/* A raw socket's ICMP type: vserver_raw_send(). */
	return dest(sk, msg->msg_name, msg->msg_namelen);
}

static int hook_socket_setsockopt(struct socket *sock, int level, int optname)
{
	struct sock *sk = sock->sk;

	if (!sk || !sk_nx(sk) || sk->sk_type != SOCK_RAW)
		return 0;
	if ((level == SOL_IP && optname == IP_HDRINCL) ||
	    (level == SOL_IPV6 && optname == IPV6_HDRINCL))
		return -EPERM;
	return 0;
}

/* A raw socket of a guest sees only packets to the guest's addresses. */
static int hook_sock_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	if (sk->sk_type != SOCK_RAW || !sk_nx(sk))
		return 0;
	if (skb->protocol == htons(ETH_P_IP))
		return __vserver_sk_rcv_addr4(sk, ip_hdr(skb)->daddr) ? 0 :
		       -EPERM;
	if (skb->protocol == htons(ETH_P_IPV6))
		return __vserver_sk_rcv_addr6(sk, &ipv6_hdr(skb)->daddr) ? 0 :
		       -EPERM;
	return 0;
}

static struct security_hook_list vserver_inet_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(socket_create, hook_socket_create),
	LSM_HOOK_INIT(sk_free_security, hook_sk_free),
	LSM_HOOK_INIT(sk_clone_security, hook_sk_clone),
	LSM_HOOK_INIT(socket_bind, hook_socket_bind),
	LSM_HOOK_INIT(socket_connect, hook_socket_connect),
	LSM_HOOK_INIT(socket_sendmsg, hook_socket_sendmsg),
	LSM_HOOK_INIT(socket_setsockopt, hook_socket_setsockopt),
	LSM_HOOK_INIT(socket_sock_rcv_skb, hook_sock_rcv_skb),
};

/**
 * vserver_add_inet_hooks - Register the socket hooks of network contexts
 */
void __init vserver_add_inet_hooks(void)
{
	security_add_hooks(vserver_inet_hooks, ARRAY_SIZE(vserver_inet_hooks),
			   &vserver_lsmid);
}

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "inet_kunit.c"
#endif
