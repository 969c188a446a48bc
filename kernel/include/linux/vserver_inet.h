/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The hooks of the IPv4/IPv6 stack for network contexts
 *
 * A socket made by a task of a network context may use only the
 * context's addresses.  Where the stack has an LSM hook (socket creation,
 * bind, connect, sendmsg, receive) vserver uses it; the places below have
 * none: the lookup of wildcard-bound sockets, bind conflicts and
 * SO_REUSEPORT groups, the choice of a source address, the destination
 * as the stack resolved it, and the listings of interfaces and
 * addresses that NXF_HIDE_NETIF filters.  Each call costs one static
 * branch until the first network context is made.
 */

#ifndef _LINUX_VSERVER_INET_H
#define _LINUX_VSERVER_INET_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct flowi4;
struct flowi6;
struct in6_addr;
struct net_device;
struct sock;

#ifdef CONFIG_VSERVER

DECLARE_STATIC_KEY_FALSE(vserver_net_active);

bool __vserver_sk_rcv_addr4(const struct sock *sk, __be32 daddr);
bool __vserver_sk_rcv_addr6(const struct sock *sk,
			    const struct in6_addr *daddr);
bool __vserver_sk_addrs_overlap(const struct sock *sk,
				const struct sock *sk2);
int __vserver_inet_src(const struct sock *sk, struct flowi4 *fl4);
int __vserver_inet6_src(const struct sock *sk, struct flowi6 *fl6);
int __vserver_inet_dst(const struct sock *sk, struct flowi4 *fl4,
		       bool connect);
int __vserver_inet6_dst(const struct sock *sk, struct flowi6 *fl6,
			bool connect);
bool __vserver_sk_same_nx(const struct sock *sk, const struct sock *sk2);
bool __vserver_raw_icmp(int family, int protocol);
int __vserver_raw_send(const struct sock *sk, int proto, u8 type);
bool __vserver_ifa4_visible(const struct net_device *dev, __be32 addr);
bool __vserver_ifa6_visible(const struct in6_addr *addr);
bool __vserver_dev_visible(const struct net_device *dev);
bool __vserver_sk_visible(const struct sock *sk);
void __vserver_inet_hide_lback(const struct sock *sk, __be32 *addr);

/**
 * vserver_sk_rcv_addr4 - May a wildcard-bound socket receive for @daddr?
 * @sk: A socket bound to the IPv4 (or IPv6) wildcard address.
 * @daddr: The destination of the packet.
 *
 * Return: true for a host socket, or if @daddr is one of the addresses
 * of the socket's network context.
 */
static inline bool vserver_sk_rcv_addr4(const struct sock *sk, __be32 daddr)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sk_rcv_addr4(sk, daddr);
	return true;
}

/**
 * vserver_sk_rcv_addr6 - IPv6 version of vserver_sk_rcv_addr4()
 * @sk: A socket bound to the IPv6 wildcard address.
 * @daddr: The destination of the packet.
 *
 * Return: true for a host socket, or if @daddr belongs to the socket's
 * network context.
 */
static inline bool vserver_sk_rcv_addr6(const struct sock *sk,
					const struct in6_addr *daddr)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sk_rcv_addr6(sk, daddr);
	return true;
}

/**
 * vserver_sk_addrs_overlap - May two sockets' bound addresses overlap?
 * @sk: A socket being bound.
 * @sk2: A socket bound to the same port.
 *
 * A wildcard-bound socket of a network context covers the context's
 * addresses only, so two guests can bind the same port.
 *
 * Return: false if the sockets can never receive for the same address.
 */
static inline bool vserver_sk_addrs_overlap(const struct sock *sk,
					    const struct sock *sk2)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sk_addrs_overlap(sk, sk2);
	return true;
}

/**
 * vserver_inet_src - Choose or check the IPv4 source address of a flow
 * @sk: The socket sending, or NULL.
 * @fl4: The flow; a zero source is replaced by one of the socket's
 *       network context.
 *
 * Return: 0, or -EPERM if the source is not the context's or the context
 * has no IPv4 address.
 */
static inline int vserver_inet_src(const struct sock *sk, struct flowi4 *fl4)
{
	if (static_branch_unlikely(&vserver_net_active) && sk)
		return __vserver_inet_src(sk, fl4);
	return 0;
}

/**
 * vserver_inet6_src - IPv6 version of vserver_inet_src()
 * @sk: The socket sending, or NULL.
 * @fl6: The flow.
 *
 * Return: 0 or -EPERM.
 */
static inline int vserver_inet6_src(const struct sock *sk, struct flowi6 *fl6)
{
	if (static_branch_unlikely(&vserver_net_active) && sk)
		return __vserver_inet6_src(sk, fl6);
	return 0;
}

/**
 * vserver_inet_dst - Check the IPv4 destination of a flow
 * @sk: The socket sending, or NULL.
 * @fl4: The flow, after the stack rewrote the destination it was given
 *       (v4-mapped and AF_INET addresses of IPv6 sockets, [::]).
 * @connect: True at connect; otherwise TCP sockets are not checked
 *           (they send to the peer they connected to or accepted).
 *
 * A loopback destination must be the context's own: 127.0.0.1 becomes
 * it (NXF_LBACK_REMAP), others need NXF_LBACK_ALLOW.
 *
 * Return: 0, or -EPERM.
 */
static inline int vserver_inet_dst(const struct sock *sk, struct flowi4 *fl4,
				   bool connect)
{
	if (static_branch_unlikely(&vserver_net_active) && sk)
		return __vserver_inet_dst(sk, fl4, connect);
	return 0;
}

/**
 * vserver_inet6_dst - IPv6 version of vserver_inet_dst()
 * @sk: The socket sending, or NULL.
 * @fl6: The flow; [::] and [::1] need NXF_LBACK_ALLOW.
 * @connect: True at connect.
 *
 * Return: 0, or -EPERM.
 */
static inline int vserver_inet6_dst(const struct sock *sk, struct flowi6 *fl6,
				    bool connect)
{
	if (static_branch_unlikely(&vserver_net_active) && sk)
		return __vserver_inet6_dst(sk, fl6, connect);
	return 0;
}

/**
 * vserver_sk_same_nx - May two sockets share an SO_REUSEPORT group?
 * @sk: A socket joining a group.
 * @sk2: A socket of the group.
 *
 * The receive path checks only one socket of a group against the
 * packet's destination, so a group holds sockets of one network context.
 *
 * Return: true if both belong to the same network context (or the host).
 */
static inline bool vserver_sk_same_nx(const struct sock *sk,
				      const struct sock *sk2)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sk_same_nx(sk, sk2);
	return true;
}

/**
 * vserver_raw_icmp - May the current task make a raw ICMP socket anyway?
 * @family: AF_INET or AF_INET6.
 * @protocol: The socket's protocol.
 *
 * A guest without CAP_NET_RAW may make raw ICMP sockets when its network
 * context has NXC_RAW_ICMP; vserver then lets them send echo requests only.
 *
 * Return: true if so.
 */
static inline bool vserver_raw_icmp(int family, int protocol)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_raw_icmp(family, protocol);
	return false;
}

/**
 * vserver_raw_send - May a raw socket send this message?
 * @sk: The raw socket.
 * @proto: The flow's protocol (IPPROTO_RAW with IP_HDRINCL).
 * @type: The ICMP type the stack copied into the flow, from the same
 *        bytes it puts into the packet (raw_probe_proto_opt()).
 *
 * A raw socket of a network context sends ICMP echo requests only.  The
 * type is checked here, where the stack has copied it once for the flow
 * and the packet, not in the sendmsg hook: a second read of user memory
 * there could see another type than the one sent.
 *
 * Return: 0, or -EPERM.
 */
static inline int vserver_raw_send(const struct sock *sk, int proto, u8 type)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_raw_send(sk, proto, type);
	return 0;
}

/**
 * vserver_ifa4_visible - Does the current task see an IPv4 address?
 * @dev: The interface that has it.
 * @addr: The address (ifa_local).
 *
 * With NXF_HIDE_NETIF a guest sees its own addresses only (and 127.0.0.1
 * on the loopback interface).
 *
 * Return: true if it is listed to the current task.
 */
static inline bool vserver_ifa4_visible(const struct net_device *dev,
					__be32 addr)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_ifa4_visible(dev, addr);
	return true;
}

/**
 * vserver_ifa6_visible - Does the current task see an IPv6 address?
 * @addr: The address.
 *
 * Return: true if it is listed to the current task.
 */
static inline bool vserver_ifa6_visible(const struct in6_addr *addr)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_ifa6_visible(addr);
	return true;
}

/**
 * vserver_dev_visible - Does the current task see an interface?
 * @dev: The interface.
 *
 * With NXF_HIDE_NETIF a guest sees the loopback interface and those
 * that carry one of its addresses.  Call under RCU or RTNL.
 *
 * Return: true if it is listed to the current task.
 */
static inline bool vserver_dev_visible(const struct net_device *dev)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_dev_visible(dev);
	return true;
}

/**
 * vserver_sk_visible - Does the current task see a socket in listings?
 * @sk: A socket of any state (full, request or time-wait).
 *
 * /proc/net/{tcp,udp,raw}{,6} and sock_diag dumps show a guest only the
 * sockets of its network context (request and time-wait sockets: those
 * on its addresses).
 *
 * Return: true if it is listed to the current task.
 */
static inline bool vserver_sk_visible(const struct sock *sk)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sk_visible(sk);
	return true;
}

/**
 * vserver_inet_hide_lback - Show a guest's loopback address as 127.0.0.1
 * @sk: The socket whose address is reported.
 * @addr: The address getsockname(2) or getpeername(2) reports.
 *
 * With NXF_HIDE_LBACK, the loopback address of the socket's network
 * context (127.0.0.1 ^ (nid << 8)) is reported as 127.0.0.1.
 */
static inline void vserver_inet_hide_lback(const struct sock *sk,
					   __be32 *addr)
{
	if (static_branch_unlikely(&vserver_net_active))
		__vserver_inet_hide_lback(sk, addr);
}

#else /* !CONFIG_VSERVER */

static inline bool vserver_sk_rcv_addr4(const struct sock *sk, __be32 daddr)
{
	return true;
}

static inline bool vserver_sk_rcv_addr6(const struct sock *sk,
					const struct in6_addr *daddr)
{
	return true;
}

static inline bool vserver_sk_addrs_overlap(const struct sock *sk,
					    const struct sock *sk2)
{
	return true;
}

static inline int vserver_inet_src(const struct sock *sk, struct flowi4 *fl4)
{
	return 0;
}

static inline int vserver_inet6_src(const struct sock *sk, struct flowi6 *fl6)
{
	return 0;
}

static inline int vserver_inet_dst(const struct sock *sk, struct flowi4 *fl4,
				   bool connect)
{
	return 0;
}

static inline int vserver_inet6_dst(const struct sock *sk, struct flowi6 *fl6,
				    bool connect)
{
	return 0;
}

static inline bool vserver_sk_same_nx(const struct sock *sk,
				      const struct sock *sk2)
{
	return true;
}

static inline bool vserver_raw_icmp(int family, int protocol)
{
	return false;
}

static inline int vserver_raw_send(const struct sock *sk, int proto, u8 type)
{
	return 0;
}

static inline bool vserver_ifa4_visible(const struct net_device *dev,
					__be32 addr)
{
	return true;
}

static inline bool vserver_ifa6_visible(const struct in6_addr *addr)
{
	return true;
}

static inline bool vserver_dev_visible(const struct net_device *dev)
{
	return true;
}

static inline bool vserver_sk_visible(const struct sock *sk)
{
	return true;
}

static inline void vserver_inet_hide_lback(const struct sock *sk,
					   __be32 *addr)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_INET_H */
