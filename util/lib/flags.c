// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the cflags, ccaps, bcaps and unshare mask of a context
 *
 * The four words travel as a pair (value, mask) of 64-bit words in all
 * four kernel structures, vcmd_ctx_flags_v0, vcmd_ctx_caps_v1,
 * vcmd_bcaps and vcmd_umask; one helper per direction serves them all.
 */

#include "vserver.h"

_Static_assert(sizeof(struct vcmd_ctx_flags_v0) == 16 &&
	       sizeof(struct vcmd_ctx_caps_v1) == 16 &&
	       sizeof(struct vcmd_bcaps) == 16 &&
	       sizeof(struct vcmd_umask) == 16,
	       "the flag commands carry two 64-bit words");

static int get_pair(uint32_t cmd, uint32_t xid, struct vc_flags *out)
{
	uint64_t pair[2] = { 0, 0 };

	if (vc_syscall(cmd, xid, pair) == -1)
		return -1;
	out->value = pair[0];
	out->mask = pair[1];
	return 0;
}

static int set_pair(uint32_t cmd, uint32_t xid, const struct vc_flags *in)
{
	uint64_t pair[2] = { in->value, in->mask };

	return (int)vc_syscall(cmd, xid, pair);
}

int vc_get_cflags(uint32_t xid, struct vc_flags *flags)
{
	return get_pair(VCMD_get_cflags, xid, flags);
}

int vc_set_cflags(uint32_t xid, const struct vc_flags *flags)
{
	return set_pair(VCMD_set_cflags, xid, flags);
}

int vc_get_ccaps(uint32_t xid, struct vc_flags *caps)
{
	return get_pair(VCMD_get_ccaps, xid, caps);
}

int vc_set_ccaps(uint32_t xid, const struct vc_flags *caps)
{
	return set_pair(VCMD_set_ccaps, xid, caps);
}

int vc_get_bcaps(uint32_t xid, struct vc_flags *caps)
{
	return get_pair(VCMD_get_bcaps, xid, caps);
}

int vc_set_bcaps(uint32_t xid, const struct vc_flags *caps)
{
	return set_pair(VCMD_set_bcaps, xid, caps);
}

int vc_get_umask(uint32_t xid, struct vc_flags *umask)
{
	return get_pair(VCMD_get_umask, xid, umask);
}

int vc_set_umask(uint32_t xid, const struct vc_flags *umask)
{
	return set_pair(VCMD_set_umask, xid, umask);
}
