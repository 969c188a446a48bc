/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Inode attributes (see iattr.c)
 */

#ifndef _KERNEL_VSERVER_IATTR_H
#define _KERNEL_VSERVER_IATTR_H

#include <linux/types.h>

struct path;

/**
 * struct vx_iattr - The attributes of one file, as the commands carry them
 * @tag: The tag: the file's project id (0: none, or no project ids).
 * @flags: IATTR_* values.
 * @mask: IATTR_* bits reported (get) or to change (set).
 */
struct vx_iattr {
	u32 tag;
	u32 flags;
	u32 mask;
};

void vx_iattr_get(const struct path *path, struct vx_iattr *attr);
int vx_iattr_set(const struct path *path, const struct vx_iattr *attr);

#endif /* _KERNEL_VSERVER_IATTR_H */
