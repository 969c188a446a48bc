/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - System V IPC objects charged to contexts
 */

#ifndef _KERNEL_VSERVER_IPC_H
#define _KERNEL_VSERVER_IPC_H

struct vx_info;

/**
 * struct vx_ipc_charge - What an IPC object is charged for (its LSM blob)
 * @vxi: The context charged, with a reference; NULL: nothing charged.
 * @amount: Pages (shm), bytes (msg) or semaphores (sem).
 *
 * Set once by vserver_ipc_charge() before the object is visible; @amount
 * of a message queue changes under the queue's lock (IPC_SET).  The free
 * hooks run when the object is freed, once.
 */
struct vx_ipc_charge {
	struct vx_info *vxi;
	unsigned long amount;
};

void vserver_add_ipc_hooks(void);

#endif /* _KERNEL_VSERVER_IPC_H */
