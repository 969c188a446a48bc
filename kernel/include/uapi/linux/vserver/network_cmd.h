/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Network context commands
 */

#ifndef _UAPI_LINUX_VSERVER_NETWORK_CMD_H
#define _UAPI_LINUX_VSERVER_NETWORK_CMD_H

#include <linux/types.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/vserver/switch.h>

#define VCMD_task_nid		VC_CMD(VINFO, 2, 0)
#define VCMD_nx_info		VC_CMD(VINFO, 6, 0)

/**
 * struct vcmd_nx_info_v0 - Answer of ``nx_info``
 * @nid: The network context id.
 */
struct vcmd_nx_info_v0 {
	__u32 nid;
};

#define VCMD_net_create_v0	VC_CMD(VNET, 1, 0)
#define VCMD_net_create		VC_CMD(VNET, 1, 1)
#define VCMD_net_migrate	VC_CMD(NETMIG, 1, 0)

/**
 * struct vcmd_net_create - Argument of ``net_create`` (v1)
 * @flagword: Initial nflags.
 */
struct vcmd_net_create {
	__u64 flagword;
};

#define VCMD_get_nflags		VC_CMD(FLAGS, 5, 0)
#define VCMD_set_nflags		VC_CMD(FLAGS, 6, 0)
#define VCMD_get_ncaps		VC_CMD(FLAGS, 7, 0)
#define VCMD_set_ncaps		VC_CMD(FLAGS, 8, 0)

/**
 * struct vcmd_net_flags_v0 - Argument of ``get_nflags``/``set_nflags``
 * @flagword: The flags, or the new values of the bits in @mask.
 * @mask: Bits that may be / are to be changed.
 */
struct vcmd_net_flags_v0 {
	__u64 flagword;
	__u64 mask;
};

/**
 * struct vcmd_net_caps_v0 - Argument of ``get_ncaps``/``set_ncaps``
 * @ncaps: The caps, or the new values of the bits in @cmask.
 * @cmask: Bits that may be / are to be changed.
 */
struct vcmd_net_caps_v0 {
	__u64 ncaps;
	__u64 cmask;
};

#define VCMD_net_add		VC_CMD(NETALT, 1, 0)
#define VCMD_net_remove		VC_CMD(NETALT, 2, 0)
#define VCMD_net_add_ipv4_v1	VC_CMD(NETALT, 1, 1)
#define VCMD_net_rem_ipv4_v1	VC_CMD(NETALT, 2, 1)
#define VCMD_net_add_ipv4	VC_CMD(NETALT, 1, 2)
#define VCMD_net_rem_ipv4	VC_CMD(NETALT, 2, 2)
#define VCMD_net_add_ipv6	VC_CMD(NETALT, 3, 1)
#define VCMD_net_remove_ipv6	VC_CMD(NETALT, 4, 1)

/**
 * struct vcmd_net_addr_v0 - Argument of ``net_add``/``net_remove`` (v0)
 * @type: NXA_TYPE_IPV4 (add @count pairs), or with NXA_MOD_BCAST /
 *        NXA_MOD_LBACK (set from @ip[0]); NXA_TYPE_ANY to remove all.
 * @count: Pairs of @ip/@mask to add, 1..4.
 * @ip: Addresses, network byte order.
 * @mask: Their masks.
 */
struct vcmd_net_addr_v0 {
	__u16 type;
	__u16 count;
	struct in_addr ip[4];
	struct in_addr mask[4];
};

/**
 * struct vcmd_net_addr_ipv4_v1 - Argument of the v1 IPv4 address commands
 * @type: NXA_TYPE_ADDR or NXA_TYPE_MASK, optionally with a NXA_MOD_*.
 * @flags: Flags of the entry.
 * @ip: The address.
 * @mask: Its mask.
 */
struct vcmd_net_addr_ipv4_v1 {
	__u16 type;
	__u16 flags;
	struct in_addr ip;
	struct in_addr mask;
};

/**
 * struct vcmd_net_addr_ipv4_v2 - Argument of the v2 IPv4 address commands
 * @type: As for v1, or NXA_TYPE_RANGE.
 * @flags: Flags of the entry.
 * @ip: The address, or the first of the range.
 * @ip2: The end of the range (not included).
 * @mask: The mask.
 */
struct vcmd_net_addr_ipv4_v2 {
	__u16 type;
	__u16 flags;
	struct in_addr ip;
	struct in_addr ip2;
	struct in_addr mask;
};

/**
 * struct vcmd_net_addr_ipv6_v1 - Argument of the IPv6 address commands
 * @type: NXA_TYPE_ADDR (the mask is all ones), NXA_TYPE_MASK, or for
 *        removal NXA_TYPE_ANY.
 * @flags: Flags of the entry.
 * @prefix: Prefix length of a network.
 * @ip: The address.
 * @mask: Its mask.
 */
struct vcmd_net_addr_ipv6_v1 {
	__u16 type;
	__u16 flags;
	__u32 prefix;
	struct in6_addr ip;
	struct in6_addr mask;
};

#endif /* _UAPI_LINUX_VSERVER_NETWORK_CMD_H */
