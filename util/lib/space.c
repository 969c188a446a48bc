// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the namespaces ("spaces") a context keeps
 */

#include "vserver.h"

int vc_set_space(uint32_t xid, uint64_t mask, uint32_t index)
{
	struct vcmd_space_mask_v2 data = { .mask = mask, .index = index };

	return (int)vc_syscall(VCMD_set_space, xid, &data);
}

int vc_enter_space(uint32_t xid, uint64_t mask, uint32_t index)
{
	struct vcmd_space_mask_v2 data = { .mask = mask, .index = index };

	return (int)vc_syscall(VCMD_enter_space, xid, &data);
}

static int get_mask(uint32_t cmd, uint64_t *mask)
{
	struct vcmd_space_mask_v1 data = { .mask = 0 };

	if (vc_syscall(cmd, 0, &data) == -1)
		return -1;
	*mask = data.mask;
	return 0;
}

int vc_get_space_mask(uint64_t *mask)
{
	return get_mask(VCMD_get_space_mask, mask);
}

int vc_get_space_default(uint64_t *mask)
{
	return get_mask(VCMD_get_space_default, mask);
}
