/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The host's file systems guarded from guests, the '..' barrier
 */

#ifndef _KERNEL_VSERVER_HOSTFS_H
#define _KERNEL_VSERVER_HOSTFS_H

struct vx_info;

void vx_root_set(struct vx_info *vxi);
void vx_root_release(struct vx_info *vxi);
void vserver_add_hostfs_hooks(void);

#endif /* _KERNEL_VSERVER_HOSTFS_H */
