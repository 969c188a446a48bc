/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The /proc/virtual directory
 */

#ifndef _KERNEL_VSERVER_PROC_H
#define _KERNEL_VSERVER_PROC_H

#include "context.h"

struct nx_info;

int vserver_proc_add_context(struct vx_info *vxi);
void vserver_proc_remove_context(struct vx_info *vxi);
int vserver_proc_add_network(struct nx_info *nxi);
void vserver_proc_remove_network(struct nx_info *nxi);

#endif /* _KERNEL_VSERVER_PROC_H */
