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
void vserver_add_mount_hooks(void);

#endif /* _KERNEL_VSERVER_ISOLATION_H */
