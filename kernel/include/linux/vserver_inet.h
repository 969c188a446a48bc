/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The hooks of the IPv4/IPv6 stack for network contexts
 *
 * A socket made by a task of a network context may use only the
 * context's addresses.  Where the stack has an LSM hook (socket creation,
 * bind, connect, sendmsg, receive) vserver uses it; the places below have
 * none: the lookup of wildcard-bound sockets, bind conflicts, and the
 * choice of a source address.  Each call costs one static branch until
 * the first network context is made.
 */

#ifndef _LINUX_VSERVER_INET_H
#define _LINUX_VSERVER_INET_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct flowi4;
struct flowi6;
struct in6_addr;
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
bool __vserver_raw_icmp(int family, int protocol);

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

static inline bool vserver_raw_icmp(int family, int protocol)
{
	return false;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_INET_H */
