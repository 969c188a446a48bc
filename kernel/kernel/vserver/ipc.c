// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Limits of System V IPC objects
 *
 * A System V IPC object is charged to the context of the task that
 * creates it, for as long as the object exists (whoever removes it, and
 * also when its IPC namespace goes away):
 *
 * - VLIMIT_SHMEM: the pages of shared memory segments (shmget);
 * - RLIMIT_MSGQUEUE: the capacity in bytes (msg_qbytes) of message queues
 *   (msgget, and msgctl(IPC_SET) when it changes the capacity);
 * - VLIMIT_SEMARY: semaphore sets (semget);
 * - VLIMIT_NSEMS: the semaphores in them.
 *
 * A creation that would exceed a hard limit fails with ENOSPC, as when it
 * exceeds the IPC namespace's own limits (shmall, msgmni, semmns...); an
 * IPC_SET that would, with ENOSPC as well.
 *
 * The IPC code calls vserver_ipc_charge() once the object's security blob
 * exists; the blob remembers the context and the amount.  The removal of
 * the object (IPC_RMID, or the end of its IPC namespace) gives it back
 * through vserver_ipc_uncharge(), at once, not when the object is freed
 * after an RCU grace period; the free hooks give back what a failed
 * creation had charged.
 */

#include "common.h"

#include <linux/ipc.h>
#include <linux/lsm_hooks.h>
#include <linux/vserver.h>

#include "context.h"
#include "ipc.h"
#include "limit.h"
#include "lsm.h"
#include "task.h"

static struct vx_ipc_charge *ipc_charge(struct kern_ipc_perm *perm)
{
	return perm->security + vserver_blob_sizes.lbs_ipc;
}

static unsigned int kind_limit(enum vserver_ipc_kind kind)
{
	switch (kind) {
	case VSERVER_IPC_SHM:
		return VLIMIT_SHMEM;
	case VSERVER_IPC_MSG:
		return RLIMIT_MSGQUEUE;
	default:
		return VLIMIT_NSEMS;
	}
}

/**
 * vserver_ipc_charge - Charge a new IPC object to the creator's context
 * @perm: The object, its security blob allocated.
 * @kind: What it is.
 * @amount: Its size: pages, bytes or semaphores.
 *
 * A failure needs no undo: the object's free hook gives back what was
 * charged, if anything.
 *
 * Return: 0, or -ENOSPC if that exceeds a hard limit of the context.
 */
int vserver_ipc_charge(struct kern_ipc_perm *perm, enum vserver_ipc_kind kind,
		       unsigned long amount)
{
	struct vx_ipc_charge *c = ipc_charge(perm);
	struct vx_info *vxi = current_vx();

	if (!vxi)
		return 0;
	if (kind == VSERVER_IPC_SEM && !vx_limit_charge(vxi, VLIMIT_SEMARY))
		return -ENOSPC;
	if (!vx_limit_add(vxi, kind_limit(kind), amount)) {
		if (kind == VSERVER_IPC_SEM)
			vx_limit_uncharge(vxi, VLIMIT_SEMARY);
		return -ENOSPC;
	}
	c->vxi = vx_get(vxi);
	c->amount = amount;
	return 0;
}
EXPORT_SYMBOL_GPL(vserver_ipc_charge);

/**
 * vserver_ipc_msg_resize - Charge a message queue's new capacity
 * @perm: The queue, locked.
 * @qbytes: Its new msg_qbytes.
 *
 * Return: 0, or -ENOSPC if a larger capacity exceeds the hard limit of the
 * context the queue is charged to.
 */
int vserver_ipc_msg_resize(struct kern_ipc_perm *perm, unsigned long qbytes)
{
	struct vx_ipc_charge *c = ipc_charge(perm);

	if (!c->vxi)
		return 0;
	if (qbytes > c->amount &&
	    !vx_limit_add(c->vxi, RLIMIT_MSGQUEUE, qbytes - c->amount))
		return -ENOSPC;
	if (qbytes < c->amount)
		vx_limit_sub(c->vxi, RLIMIT_MSGQUEUE, c->amount - qbytes);
	c->amount = qbytes;
	return 0;
}
EXPORT_SYMBOL_GPL(vserver_ipc_msg_resize);

/**
 * vserver_ipc_uncharge - Give back what an IPC object is charged
 * @perm: The object, being removed or freed.
 * @kind: What it is.
 *
 * Only the first call gives back.
 */
void vserver_ipc_uncharge(struct kern_ipc_perm *perm,
			  enum vserver_ipc_kind kind)
{
	struct vx_ipc_charge *c = ipc_charge(perm);

	if (!c->vxi)
		return;
	vx_limit_sub(c->vxi, kind_limit(kind), c->amount);
	if (kind == VSERVER_IPC_SEM)
		vx_limit_uncharge(c->vxi, VLIMIT_SEMARY);
	vx_put(c->vxi);
	c->vxi = NULL;
}
EXPORT_SYMBOL_GPL(vserver_ipc_uncharge);

static void hook_shm_free_security(struct kern_ipc_perm *perm)
{
	vserver_ipc_uncharge(perm, VSERVER_IPC_SHM);
}

static void hook_msg_queue_free_security(struct kern_ipc_perm *perm)
{
	vserver_ipc_uncharge(perm, VSERVER_IPC_MSG);
}

static void hook_sem_free_security(struct kern_ipc_perm *perm)
{
	vserver_ipc_uncharge(perm, VSERVER_IPC_SEM);
}

static struct security_hook_list vserver_ipc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(shm_free_security, hook_shm_free_security),
	LSM_HOOK_INIT(msg_queue_free_security, hook_msg_queue_free_security),
	LSM_HOOK_INIT(sem_free_security, hook_sem_free_security),
};

/**
 * vserver_add_ipc_hooks - Register the IPC accounting hooks
 */
void __init vserver_add_ipc_hooks(void)
{
	security_add_hooks(vserver_ipc_hooks, ARRAY_SIZE(vserver_ipc_hooks),
			   &vserver_lsmid);
}
