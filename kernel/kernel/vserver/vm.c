// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Limits of address space (RLIMIT_AS) and locked memory
 * (RLIMIT_MEMLOCK)
 *
 * An address space (mm) is charged to the context of the task that
 * creates it, by fork or exec, for as long as it exists: its total_vm
 * counts in the context's RLIMIT_AS and its locked_vm in RLIMIT_MEMLOCK,
 * both in pages.  (A task that migrates into a context keeps its address
 * space charged where it was until it execs.)
 *
 * The mm remembers what it has charged; whenever its mmap_lock is
 * released or downgraded after a write (every change of total_vm and
 * locked_vm happens under it), and after munmap lowers total_vm under the
 * downgraded lock, vserver_mm_sync() moves the charge to the new values.
 * So the counters are exact whenever no address space of the context is
 * being changed, at no cost on the paths that change them.
 *
 * The checks run where the kernel checks the rlimits of one process:
 * may_expand_vm() (mmap, brk, mremap, stack growth: ENOMEM) for AS, and
 * mlock_future_ok(), mlock, mlockall and account_locked_vm() for MEMLOCK
 * (EAGAIN or ENOMEM, as for RLIMIT_MEMLOCK; CAP_IPC_LOCK does not lift
 * the context's limit).  A change is refused if the context's other
 * address spaces plus what this one would have exceed the hard limit.
 * Racing changes of two address spaces of one context may take it above
 * the limit by one change each.  A fork whose copy takes the context
 * above its AS limit fails with ENOMEM.
 */

#include "common.h"

#include <linux/mm_types.h>
#include <linux/vserver.h>

#include "context.h"
#include "limit.h"
#include "lsm.h"
#include "task.h"

/**
 * vserver_mm_init - Charge a new address space to the caller's context
 * @mm: The address space, being set up by fork or exec.
 */
void vserver_mm_init(struct mm_struct *mm)
{
	/* Early address spaces (poking_init) come before the task blobs. */
	struct vx_info *vxi = vserver_lsm_enabled ? current_vx() : NULL;

	mm->mm_vx = vxi ? vx_get(vxi) : NULL;
	mm->vx_total_vm = 0;
	mm->vx_locked_vm = 0;
}
EXPORT_SYMBOL_GPL(vserver_mm_init);

static void move_charge(struct vx_info *vxi, unsigned int id,
			unsigned long *charged, unsigned long now)
{
	if (now > *charged)
		vx_limit_force(vxi, id, now - *charged);
	else if (now < *charged)
		vx_limit_sub(vxi, id, *charged - now);
	*charged = now;
}

/**
 * vserver_mm_sync - Charge an address space's current size
 * @mm: The address space, charged; its mmap_lock held for writing, or
 *      downgraded by the writer (no other writer, no other sync).
 */
void vserver_mm_sync(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->mm_vx;

	move_charge(vxi, RLIMIT_AS, &mm->vx_total_vm, READ_ONCE(mm->total_vm));
	move_charge(vxi, RLIMIT_MEMLOCK, &mm->vx_locked_vm,
		    READ_ONCE(mm->locked_vm));
}
EXPORT_SYMBOL_GPL(vserver_mm_sync);

/**
 * vserver_mm_exit - Give back all an address space had charged
 * @mm: The address space, torn down (no user left).
 *
 * Called once its mappings are gone, and again when it is freed; may be
 * called in any context.
 */
void vserver_mm_exit(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->mm_vx;

	if (!vxi)
		return;
	move_charge(vxi, RLIMIT_AS, &mm->vx_total_vm, 0);
	move_charge(vxi, RLIMIT_MEMLOCK, &mm->vx_locked_vm, 0);
	mm->mm_vx = NULL;
	vx_put(vxi);
}
EXPORT_SYMBOL_GPL(vserver_mm_exit);

static bool may_have(struct vx_info *vxi, unsigned int id,
		     unsigned long charged, unsigned long want)
{
	return want <= charged || vx_limit_may_add(vxi, id, want - charged);
}

/**
 * vserver_mm_may_expand - Whether an address space may grow
 * @mm: The address space, its mmap_lock held for writing.
 * @total: The total_vm (pages) it would have.
 *
 * Return: true, or false (one more hit) if the context would exceed its
 * RLIMIT_AS.
 */
bool vserver_mm_may_expand(struct mm_struct *mm, unsigned long total)
{
	struct vx_info *vxi = mm->mm_vx;

	return !vxi || may_have(vxi, RLIMIT_AS, mm->vx_total_vm, total);
}
EXPORT_SYMBOL_GPL(vserver_mm_may_expand);

/**
 * vserver_mm_may_fork - Whether a copied address space fits in the limit
 * @mm: The copy fork made, charged.
 *
 * Return: true, or false (one more hit) if the context is now above its
 * RLIMIT_AS.
 */
bool vserver_mm_may_fork(struct mm_struct *mm)
{
	struct vx_info *vxi = mm->mm_vx;

	return !vxi || vx_limit_may_add(vxi, RLIMIT_AS, 0);
}
EXPORT_SYMBOL_GPL(vserver_mm_may_fork);

/**
 * vserver_mm_may_lock - Whether an address space may lock more memory
 * @mm: The address space, its mmap_lock held for writing.
 * @locked: The locked_vm (pages) it would have.
 *
 * Return: true, or false (one more hit) if the context would exceed its
 * RLIMIT_MEMLOCK.
 */
bool vserver_mm_may_lock(struct mm_struct *mm, unsigned long locked)
{
	struct vx_info *vxi = mm->mm_vx;

	return !vxi || may_have(vxi, RLIMIT_MEMLOCK, mm->vx_locked_vm, locked);
}
EXPORT_SYMBOL_GPL(vserver_mm_may_lock);
