/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Network contexts: flags (nflags), caps (ncaps), address types
 */

#ifndef _UAPI_LINUX_VSERVER_NETWORK_H
#define _UAPI_LINUX_VSERVER_NETWORK_H

#include <linux/types.h>

/**
 * DOC: network context ids
 *
 * As for contexts: 0 is the host (no restriction), 1 the spectator (no
 * restriction, no structure), 2..65535 network contexts, of which
 * ``net_create(-1)`` picks a free one in 49152..65535.  ``(__u32)-1`` as
 * the @id of another command is the caller's own network context.
 */
#define NX_ADMIN_ID		0
#define NX_WATCH_ID		1
#define NX_MIN_ID		2
#define NX_MIN_DYNAMIC_ID	49152
#define NX_MAX_ID		65535
#define NX_DYNAMIC_ID		((__u32)-1)
#define NX_SELF_ID		((__u32)-1)

/* Address entries a network context holds per address family. */
#define NX_MAX_ADDRS		64

/**
 * DOC: network context flags
 *
 * - %NXF_INFO_PRIVATE: the network context cannot be entered.
 * - %NXF_SINGLE_IP: INADDR_ANY binds, and unbound sockets send from, the
 *   first IPv4 address.
 * - %NXF_LBACK_REMAP: 127.0.0.1 means the context's own loopback address
 *   (127.0.0.1 ^ (nid << 8) unless set otherwise).
 * - %NXF_LBACK_ALLOW: loopback destinations are allowed without remapping.
 * - %NXF_HIDE_NETIF: address and interface listings show only the
 *   context's addresses and the interfaces that carry them.
 * - %NXF_HIDE_LBACK: the context's loopback address is shown as 127.0.0.1.
 * - %NXF_STATE_SETUP, %NXF_STATE_ADMIN: one-time state flags, as for
 *   contexts.
 * - %NXF_PERSISTENT: keep the network context while it has no tasks.
 */
#define NXF_INFO_PRIVATE	0x00000008ULL
#define NXF_SINGLE_IP		0x00000100ULL
#define NXF_LBACK_REMAP		0x00000200ULL
#define NXF_LBACK_ALLOW		0x00000400ULL
#define NXF_HIDE_NETIF		0x02000000ULL
#define NXF_HIDE_LBACK		0x04000000ULL
#define NXF_STATE_SETUP		(1ULL << 32)
#define NXF_STATE_ADMIN		(1ULL << 34)
#define NXF_SC_HELPER		(1ULL << 36)
#define NXF_PERSISTENT		(1ULL << 38)

#define NXF_ONE_TIME		(NXF_STATE_SETUP | NXF_STATE_ADMIN)
#define NXF_INIT_SET		(NXF_STATE_ADMIN | NXF_HIDE_NETIF |	\
				 NXF_LBACK_REMAP | NXF_HIDE_LBACK)

/* Network context caps. */
#define NXC_TUN_CREATE		0x00000001ULL
#define NXC_RAW_ICMP		0x00000100ULL
#define NXC_MULTICAST		0x00001000ULL

/**
 * DOC: address types
 *
 * The @type of the address commands: a family (v0 command), then what
 * the entry is — one address (%NXA_TYPE_ADDR), a network (ip/mask,
 * %NXA_TYPE_MASK) or a range (ip up to, not including, ip2,
 * %NXA_TYPE_RANGE) — or with %NXA_MOD_BCAST / %NXA_MOD_LBACK the
 * broadcast or loopback address of the context.  %NXA_TYPE_ANY removes
 * every entry.
 */
#define NXA_TYPE_IPV4		0x0001
#define NXA_TYPE_IPV6		0x0002
#define NXA_TYPE_NONE		0x0000
#define NXA_TYPE_ANY		0x00FF
#define NXA_TYPE_ADDR		0x0010
#define NXA_TYPE_MASK		0x0020
#define NXA_TYPE_RANGE		0x0040
#define NXA_MASK_ALL		(NXA_TYPE_ADDR | NXA_TYPE_MASK | NXA_TYPE_RANGE)
#define NXA_MOD_BCAST		0x0100
#define NXA_MOD_LBACK		0x0200
#define NXA_LOOPBACK		0x1000
#define NXA_MASK_BIND		(NXA_MASK_ALL | NXA_MOD_BCAST | NXA_MOD_LBACK)
#define NXA_MASK_SHOW		(NXA_MASK_ALL | NXA_LOOPBACK)

#endif /* _UAPI_LINUX_VSERVER_NETWORK_H */
