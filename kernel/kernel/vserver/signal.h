/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Signals to a whole context
 */

#ifndef _KERNEL_VSERVER_SIGNAL_H
#define _KERNEL_VSERVER_SIGNAL_H

struct vx_info;

int vx_kill(struct vx_info *vxi, int pid, int sig);
int vx_kill_all(struct vx_info *vxi, int sig, bool but_init);

#endif /* _KERNEL_VSERVER_SIGNAL_H */
