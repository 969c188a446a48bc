/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - A guest manages its own cgroup subtree (cgroupfs.c)
 */

#ifndef _KERNEL_VSERVER_CGROUPFS_H
#define _KERNEL_VSERVER_CGROUPFS_H

#include <linux/errno.h>
#include <linux/types.h>

struct file;
struct vx_info;

#ifdef CONFIG_CGROUPS
void vx_cgroupfs_init(struct vx_info *vxi);
void vx_cgroupfs_release(struct vx_info *vxi);
bool vx_cgroupfs_inside(const struct vx_info *vxi);
int vx_cgroupfs_writable(const struct vx_info *vxi, const struct file *file);
#else
static inline void vx_cgroupfs_init(struct vx_info *vxi) { }
static inline void vx_cgroupfs_release(struct vx_info *vxi) { }
static inline bool vx_cgroupfs_inside(const struct vx_info *vxi)
{
	return false;
}

static inline int vx_cgroupfs_writable(const struct vx_info *vxi,
				       const struct file *file)
{
	return -EACCES;
}
#endif

#endif /* _KERNEL_VSERVER_CGROUPFS_H */
