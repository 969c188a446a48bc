// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - network contexts: creating, entering, flags, capabilities
 * and address entries
 *
 * The address commands come in three generations; util-vserver's netv2
 * API (lib/syscall_netadd-netv2.hc) picked net_add_ipv4 v1 and
 * net_add_ipv6, and so does this file, with v2 for the ranges v1 cannot
 * carry.  The struct vc_net_addr of the callers knows no versions.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "vserver.h"

_Static_assert(sizeof(struct vcmd_net_flags_v0) == 16 &&
	       sizeof(struct vcmd_net_caps_v0) == 16,
	       "the nflags and ncaps commands carry two 64-bit words");

int vc_parse_nid(const char *str, uint32_t *nid)
{
	return vc_parse_xid(str, nid);
}

int vc_net_create(uint32_t nid, uint64_t flags)
{
	struct vcmd_net_create data = { .flagword = flags };
	long ret = vc_syscall(VCMD_net_create, nid, &data);
	struct vc_flags change;

	if (ret != -1 || errno != ENOSYS)
		return (int)ret;
	/* A kernel without v1 (or without vserver: ENOSYS again). */
	ret = vc_syscall(VCMD_net_create_v0, nid, NULL);
	if (ret == -1 || flags == NXF_INIT_SET)
		return (int)ret;
	change.value = flags;
	change.mask = flags ^ NXF_INIT_SET;
	if (vc_set_nflags((uint32_t)ret, &change))
		return -1;
	return (int)ret;
}

int vc_net_migrate(uint32_t nid)
{
	return (int)vc_syscall(VCMD_net_migrate, nid, NULL);
}

int vc_task_nid(pid_t pid)
{
	return (int)vc_syscall(VCMD_task_nid, (uint32_t)pid, NULL);
}

int vc_nx_info(uint32_t nid, struct vc_nx_info *info)
{
	struct vcmd_nx_info_v0 data = { .nid = 0 };

	if (vc_syscall(VCMD_nx_info, nid, &data) == -1)
		return -1;
	info->nid = data.nid;
	return 0;
}

static int get_pair(uint32_t cmd, uint32_t nid, struct vc_flags *out)
{
	uint64_t pair[2] = { 0, 0 };

	if (vc_syscall(cmd, nid, pair) == -1)
		return -1;
	out->value = pair[0];
	out->mask = pair[1];
	return 0;
}

static int set_pair(uint32_t cmd, uint32_t nid, const struct vc_flags *in)
{
	uint64_t pair[2] = { in->value, in->mask };

	return (int)vc_syscall(cmd, nid, pair);
}

int vc_get_nflags(uint32_t nid, struct vc_flags *flags)
{
	return get_pair(VCMD_get_nflags, nid, flags);
}

int vc_set_nflags(uint32_t nid, const struct vc_flags *flags)
{
	return set_pair(VCMD_set_nflags, nid, flags);
}

int vc_get_ncaps(uint32_t nid, struct vc_flags *caps)
{
	return get_pair(VCMD_get_ncaps, nid, caps);
}

int vc_set_ncaps(uint32_t nid, const struct vc_flags *caps)
{
	return set_pair(VCMD_set_ncaps, nid, caps);
}

/* The IPv4 mask of a prefix length, network byte order. */
static struct in_addr mask4(unsigned int prefix)
{
	struct in_addr mask;

	mask.s_addr = htonl(prefix ? UINT32_MAX << (32 - prefix) : 0);
	return mask;
}

/* The IPv6 mask of a prefix length. */
static struct in6_addr mask6(unsigned int prefix)
{
	struct in6_addr mask;
	unsigned int i;

	for (i = 0; i < 16; i++) {
		unsigned int bits = prefix > 8 * i ? prefix - 8 * i : 0;

		mask.s6_addr[i] = bits >= 8 ? 0xff :
			(uint8_t)(0xff00 >> bits);
	}
	return mask;
}

static bool is_zero6(const struct in6_addr *a)
{
	static const struct in6_addr zero;

	return !memcmp(a, &zero, sizeof(zero));
}

/* ADDR, MASK or RANGE; ADDR with one of BCAST and LBACK. */
static bool valid_type4(uint16_t type)
{
	switch (type) {
	case NXA_TYPE_ADDR:
	case NXA_TYPE_MASK:
	case NXA_TYPE_RANGE:
	case NXA_TYPE_ADDR | NXA_MOD_BCAST:
	case NXA_TYPE_ADDR | NXA_MOD_LBACK:
		return true;
	default:
		return false;
	}
}

/*
 * The IPv4 commands, v1 for addresses and networks, v2 for ranges.
 * util-vserver's convention: the address 0.0.0.0 stands for every
 * address, the network 0.0.0.0/0.
 */
static int ipv4(uint32_t cmd_v1, uint32_t cmd_v2, uint32_t nid,
		const struct vc_net_addr *a)
{
	uint16_t type = a->type;
	struct in_addr mask;

	if (type == NXA_TYPE_ANY) {
		struct vcmd_net_addr_ipv4_v1 data = { .type = NXA_TYPE_ANY };

		return (int)vc_syscall(cmd_v1, nid, &data);
	}
	if (a->prefix > 32 || !valid_type4(type)) {
		errno = EINVAL;
		return -1;
	}
	mask = mask4(a->prefix);
	if (type == NXA_TYPE_ADDR && a->ip.v4.s_addr == 0) {
		type = NXA_TYPE_MASK;
		mask.s_addr = 0;
	}
	if (type == NXA_TYPE_RANGE) {
		struct vcmd_net_addr_ipv4_v2 data = {
			.type = type, .flags = a->flags, .ip = a->ip.v4,
			.ip2 = a->ip2.v4, .mask = mask,
		};

		return (int)vc_syscall(cmd_v2, nid, &data);
	} else {
		struct vcmd_net_addr_ipv4_v1 data = {
			.type = type, .flags = a->flags, .ip = a->ip.v4,
			.mask = mask,
		};

		return (int)vc_syscall(cmd_v1, nid, &data);
	}
}

/* net_add_ipv6 and net_remove_ipv6: an address is always /128. */
static int ipv6(uint32_t cmd, uint32_t nid, const struct vc_net_addr *a)
{
	struct vcmd_net_addr_ipv6_v1 data;

	memset(&data, 0, sizeof(data));
	data.type = a->type;
	data.flags = a->flags;
	if (a->type != NXA_TYPE_ANY) {
		if ((a->type != NXA_TYPE_ADDR && a->type != NXA_TYPE_MASK) ||
		    a->prefix > 128) {
			errno = EINVAL;
			return -1;
		}
		data.prefix = a->type == NXA_TYPE_ADDR ? 128 : a->prefix;
		data.ip = a->ip.v6;
		if (a->type == NXA_TYPE_ADDR && is_zero6(&a->ip.v6)) {
			data.type = NXA_TYPE_MASK;
			data.prefix = 0;
		}
		data.mask = mask6(data.prefix);
	}
	return (int)vc_syscall(cmd, nid, &data);
}

int vc_net_add(uint32_t nid, const struct vc_net_addr *addr)
{
	if (addr->type == NXA_TYPE_ANY)
		goto invalid;
	if (addr->family == AF_INET)
		return ipv4(VCMD_net_add_ipv4_v1, VCMD_net_add_ipv4, nid, addr);
	if (addr->family == AF_INET6)
		return ipv6(VCMD_net_add_ipv6, nid, addr);
invalid:
	errno = EINVAL;
	return -1;
}

int vc_net_remove(uint32_t nid, const struct vc_net_addr *addr)
{
	if (addr->type & (NXA_MOD_BCAST | NXA_MOD_LBACK))
		goto invalid;
	if (addr->family == AF_UNSPEC && addr->type == NXA_TYPE_ANY) {
		struct vc_net_addr any = *addr;

		any.family = AF_INET;
		if (vc_net_remove(nid, &any))
			return -1;
		any.family = AF_INET6;
		return vc_net_remove(nid, &any);
	}
	if (addr->family == AF_INET)
		return ipv4(VCMD_net_rem_ipv4_v1, VCMD_net_rem_ipv4, nid, addr);
	if (addr->family == AF_INET6)
		return ipv6(VCMD_net_remove_ipv6, nid, addr);
invalid:
	errno = EINVAL;
	return -1;
}
