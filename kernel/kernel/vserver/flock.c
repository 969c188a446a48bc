// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The limit of file locks (RLIMIT_LOCKS)
 *
 * RLIMIT_LOCKS counts the file locks a context holds: flock(2) locks,
 * POSIX and OFD record locks (a locked range is one lock; ranges that
 * merge are one, a range split by an unlock is two) and leases.  A lock
 * is charged to the context of the task that makes it when it goes into
 * the inode's lock list and given back when it leaves the list, whoever
 * removes it (unlock, close, exit).
 *
 * fs/locks.c asks vserver_locks_may_add() before it inserts locks, at the
 * points where it can still fail the request without having changed
 * anything: a request that would exceed the hard limit fails with ENOLCK,
 * as when the kernel cannot allocate a lock.  That includes an unlock
 * that splits a locked range in two (POSIX allows ENOLCK there).
 */

#include "common.h"

#include <linux/filelock.h>
#include <linux/vserver.h>

#include "context.h"
#include "limit.h"
#include "task.h"

/**
 * vserver_locks_may_add - Whether the caller's context may hold more locks
 * @n: How many more the request inserts.
 *
 * Called with the inode's flc_lock held.  Requests of one context on
 * different inodes are checked independently, so racing ones may take it
 * above the limit by the number of CPUs at most.
 *
 * Return: true, or false (one more hit) if that exceeds the hard limit.
 */
bool vserver_locks_may_add(unsigned int n)
{
	struct vx_info *vxi = current_vx();

	return !vxi || !n || vx_limit_may_add(vxi, RLIMIT_LOCKS, n);
}
EXPORT_SYMBOL_GPL(vserver_locks_may_add);

/**
 * vserver_lock_inserted - Charge a lock going into an inode's lock list
 * @flc: The lock.
 *
 * Called with the inode's flc_lock held.
 */
void vserver_lock_inserted(struct file_lock_core *flc)
{
	struct vx_info *vxi = current_vx();

	if (!vxi || WARN_ON_ONCE(flc->flc_vx))
		return;
	vx_limit_force(vxi, RLIMIT_LOCKS, 1);
	flc->flc_vx = vx_get(vxi);
}
EXPORT_SYMBOL_GPL(vserver_lock_inserted);

/**
 * vserver_lock_removed - Give back a lock leaving an inode's lock list
 * @flc: The lock.
 *
 * Called with the inode's flc_lock held.
 */
void vserver_lock_removed(struct file_lock_core *flc)
{
	struct vx_info *vxi = flc->flc_vx;

	if (!vxi)
		return;
	flc->flc_vx = NULL;
	vx_limit_uncharge(vxi, RLIMIT_LOCKS);
	vx_put(vxi);
}
EXPORT_SYMBOL_GPL(vserver_lock_removed);
