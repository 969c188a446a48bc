// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - inode attributes: get_iattr, set_iattr (a file's tag is
 * its project id on ext4 and XFS)
 */

#include <string.h>

#include "internal.h"
#include "vserver.h"

int vc_get_iattr(const char *path, uint32_t *tag, uint32_t *flags,
		 uint32_t *mask)
{
	struct vcmd_ctx_iattr_v1 data;

	memset(&data, 0, sizeof(data));
	data.name = (uintptr_t)path;
	if (vc_syscall(VCMD_get_iattr, 0, &data) == -1)
		return -1;
	if (tag)
		*tag = data.tag;
	if (flags)
		*flags = data.flags;
	if (mask)
		*mask = data.mask;
	return 0;
}

int vc_set_iattr(const char *path, uint32_t tag, uint32_t flags,
		 uint32_t mask)
{
	struct vcmd_ctx_iattr_v1 data;

	memset(&data, 0, sizeof(data));
	data.name = (uintptr_t)path;
	data.tag = tag;
	data.flags = flags;
	data.mask = mask;
	return (int)vc_syscall(VCMD_set_iattr, 0, &data);
}
