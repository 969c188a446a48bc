/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Spaces: the namespaces a context keeps for its guest
 */

#ifndef _KERNEL_VSERVER_SPACE_H
#define _KERNEL_VSERVER_SPACE_H

#include <linux/types.h>
#include <uapi/linux/vserver/space_cmd.h>

struct fs_struct;
struct ns_common;
struct uts_namespace;
struct vx_info;

/* The namespace types a space can hold, in this order. */
#define VX_SPACE_TYPES	6

/**
 * struct vx_space - One stored set of namespaces of a context
 *
 * @mask: CLONE_NEW* bits (and CLONE_FS) of what is stored.
 * @ns: The stored namespaces, one per type slot, with a reference each;
 *      NULL where nothing is stored.
 * @fs: Root and working directory (CLONE_FS), or NULL.
 *
 * Protected by &vx_info.space_lock; released when the context is
 * unhashed.
 */
struct vx_space {
	u64 mask;
	struct ns_common *ns[VX_SPACE_TYPES];
	struct fs_struct *fs;
};

u64 vx_space_supported(void);
int vx_space_set(struct vx_info *vxi, unsigned int index, u64 mask);
int vx_space_enter(struct vx_info *vxi, unsigned int index, u64 mask);
u64 vx_space_mask(struct vx_info *vxi, unsigned int index);
void vx_space_inums(struct vx_info *vxi, unsigned int index,
		    unsigned int inum[VX_SPACE_TYPES]);
struct uts_namespace *vx_space_get_uts(struct vx_info *vxi);
void vx_space_release(struct vx_info *vxi);

#endif /* _KERNEL_VSERVER_SPACE_H */
