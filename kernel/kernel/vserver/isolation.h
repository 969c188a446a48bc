/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Process isolation between contexts
 */

#ifndef _KERNEL_VSERVER_ISOLATION_H
#define _KERNEL_VSERVER_ISOLATION_H

#include <linux/sched.h>
#include <linux/types.h>

struct vx_info;

bool vx_can_see_xid(u32 xid);
void vserver_ctx_activate(void);
int vx_can_act(const struct task_struct *t);
void vserver_add_isolation_hooks(void);
void vserver_add_hostfs_hooks(void);
void vx_root_set(struct vx_info *vxi);
void vx_root_release(struct vx_info *vxi);
void vserver_add_unix_hooks(void);

#endif /* _KERNEL_VSERVER_ISOLATION_H */
