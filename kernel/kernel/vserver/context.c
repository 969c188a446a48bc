// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Process contexts: registry, lifetime and membership
 *
 * A context is in the registry ("hashed") from its creation until its last
 * task exits or leaves, unless it is persistent.  Unhashing removes it from
 * the registry and /proc, wakes wait_exit() and drops the registry's
 * reference; the structure itself lives on while tasks (zombies included)
 * or readers still reference it.
 */

#include "common.h"

#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "context.h"
#include "helper.h"
#include "isolation.h"
#include "proc.h"

/* The hashed contexts, by xid.  Readers use RCU, writers the xa_lock. */
static DEFINE_XARRAY_ALLOC(vx_registry);

static atomic_t vx_total = ATOMIC_INIT(0);
static atomic_t vx_active = ATOMIC_INIT(0);

/**
 * vx_count_active - Number of hashed contexts
 *
 * Return: the number.
 */
int vx_count_active(void)
{
	return atomic_read(&vx_active);
}

/**
 * vx_count_total - Number of allocated contexts, hashed or not
 *
 * Return: the number.
 */
int vx_count_total(void)
{
	return atomic_read(&vx_total);
}

/**
 * vx_visit_rcu - Call @fn for each hashed context
 * @fn: Called under rcu_read_lock(); must not sleep.
 */
void vx_visit_rcu(void (*fn)(struct vx_info *vxi))
{
	struct vx_info *vxi;
	unsigned long xid;

	rcu_read_lock();
	xa_for_each(&vx_registry, xid, vxi)
		fn(vxi);
	rcu_read_unlock();
}

static void vx_free_rcu(struct rcu_head *head)
{
	struct vx_info *vxi = container_of(head, struct vx_info, rcu);

	vx_cgroup_release(vxi);
	kfree(vxi);
	atomic_dec(&vx_total);
}

/**
 * vx_get - Take a reference to a context
 * @vxi: The context; the caller already holds a reference or an RCU
 *       read lock under which @vxi cannot be freed.
 *
 * Return: @vxi.
 */
struct vx_info *vx_get(struct vx_info *vxi)
{
	refcount_inc(&vxi->usecnt);
	return vxi;
}

/**
 * vx_put - Drop a reference to a context
 * @vxi: The context, or NULL.
 *
 * The last reference frees the context after an RCU grace period.  May be
 * called in any context.
 */
void vx_put(struct vx_info *vxi)
{
	if (vxi && refcount_dec_and_test(&vxi->usecnt))
		call_rcu(&vxi->rcu, vx_free_rcu);
}

/**
 * vx_lookup - Find a hashed context by id
 * @xid: The context id.
 *
 * Return: the context with a reference the caller must drop with vx_put(),
 * or NULL.
 */
struct vx_info *vx_lookup(u32 xid)
{
	struct vx_info *vxi;

	if (xid < VX_MIN_ID || xid > VX_MAX_ID)
		return NULL;
	rcu_read_lock();
	vxi = xa_load(&vx_registry, xid);
	if (vxi && (!READ_ONCE(vxi->hashed) ||
		    !refcount_inc_not_zero(&vxi->usecnt)))
		vxi = NULL;
	rcu_read_unlock();
	return vxi;
}

static void vx_unhash(struct vx_info *vxi)
{
	might_sleep();
	/* /proc/virtual/<xid> goes first: the id may be reused at once. */
	vserver_proc_remove_context(vxi);
	xa_erase(&vx_registry, vxi->xid);
	atomic_dec(&vx_active);
	vx_space_release(vxi);
	vx_root_release(vxi);
	wake_up_all(&vxi->exit_wq);
	if (vx_flags(vxi) & VXF_SC_HELPER)
		vs_helper_state(VS_HELPER_SHUTDOWN, vxi->xid);
	pr_debug("context %u is gone\n", vxi->xid);
	vx_put(vxi);
}

/*
 * The last task can leave from a context that cannot sleep (a task freed
 * from an RCU callback after a failed fork); the unhashing then runs from
 * the system workqueue.
 */
struct vx_unhash_work {
	struct work_struct work;
	struct vx_info *vxi;
};

static void vx_unhash_workfn(struct work_struct *work)
{
	struct vx_unhash_work *w = container_of(work, struct vx_unhash_work,
						work);

	vx_unhash(w->vxi);
	kfree(w);
}

static void vx_unhash_any_context(struct vx_info *vxi)
{
	struct vx_unhash_work *w;

	if (in_task()) {
		vx_unhash(vxi);
		return;
	}
	w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOFAIL);
	INIT_WORK(&w->work, vx_unhash_workfn);
	w->vxi = vxi;
	schedule_work(&w->work);
}

/**
 * vx_create - Create and hash a new context
 * @xid: The id, VX_MIN_ID..VX_MAX_ID, or VX_DYNAMIC_ID for a free one
 *       in VX_MIN_DYNAMIC_ID..VX_MAX_ID.
 * @flags: Its initial flags.
 *
 * The new context has no task; the caller enters it with vx_enter() and
 * then calls vx_created(), or gives it up with vx_abandon().  Until then
 * it is not unhashed, whatever others do with it.  It is complete
 * (id, /proc/virtual entry) before vx_lookup() can find it.
 *
 * Return: the context with one reference for the caller, or an ERR_PTR:
 * -EINVAL for a bad @xid, -EBUSY if the id exists and is still being set
 * up, -EEXIST if it exists otherwise, -ENOSPC if no dynamic id is free,
 * -ENOMEM.
 */
struct vx_info *vx_create(u32 xid, u64 flags)
{
	struct vx_info *vxi, *old;
	u32 id;
	int err;

	if (xid != VX_DYNAMIC_ID && (xid < VX_MIN_ID || xid > VX_MAX_ID))
		return ERR_PTR(-EINVAL);

	vxi = kzalloc(sizeof(*vxi), GFP_KERNEL_ACCOUNT);
	if (!vxi)
		return ERR_PTR(-ENOMEM);
	refcount_set(&vxi->usecnt, 2);	/* the registry's and the caller's */
	spin_lock_init(&vxi->lock);
	mutex_init(&vxi->space_lock);
	init_waitqueue_head(&vxi->exit_wq);
	vxi->hashed = true;
	vxi->creating = true;
	vxi->flags = flags;
	vxi->ccaps = VX_DEFAULT_CCAPS;
	vxi->bcaps.val = VX_DEFAULT_BCAPS;
	vxi->start_time = ktime_get_boottime_ns();
	vx_limits_init(vxi);
	vx_cgroup_init(vxi);
	atomic_inc(&vx_total);

	/* The id is reserved (a NULL entry) until the context is complete. */
	if (xid == VX_DYNAMIC_ID) {
		err = xa_alloc(&vx_registry, &id, NULL,
			       XA_LIMIT(VX_MIN_DYNAMIC_ID, VX_MAX_ID),
			       GFP_KERNEL);
		if (err == -EBUSY)
			err = -ENOSPC;
	} else {
		id = xid;
		err = xa_insert(&vx_registry, id, NULL, GFP_KERNEL);
		if (err == -EBUSY) {
			/* Being created (reserved) or still set up: EBUSY. */
			old = vx_lookup(id);
			if (old && !(vx_flags(old) & VXF_STATE_SETUP))
				err = -EEXIST;
			vx_put(old);
		}
	}
	if (err)
		goto out_free;
	vxi->xid = id;
	err = vserver_proc_add_context(vxi);
	if (err)
		goto out_erase;
	/* Published: vx_lookup() finds it from here on. */
	err = xa_err(xa_store(&vx_registry, id, vxi, GFP_KERNEL));
	if (err)
		goto out_proc;
	atomic_inc(&vx_active);
	return vxi;

out_proc:
	vserver_proc_remove_context(vxi);
out_erase:
	xa_erase(&vx_registry, id);
out_free:
	vx_cgroup_release(vxi);
	kfree(vxi);
	atomic_dec(&vx_total);
	return ERR_PTR(err);
}

/**
 * vx_enter - Count one more live task in a context
 * @vxi: The context.
 *
 * Return: 0, or -ESRCH if the context is no longer hashed.
 */
int vx_enter(struct vx_info *vxi)
{
	int err = 0;

	spin_lock(&vxi->lock);
	if (vxi->hashed)
		atomic_inc(&vxi->tasks);
	else
		err = -ESRCH;
	spin_unlock(&vxi->lock);
	vx_nproc_seen(vxi);
	return err;
}

/**
 * vx_leave - Count one live task less in a context
 * @vxi: The context.
 *
 * When the last live task leaves a context that is not persistent, the
 * context is unhashed.
 */
void vx_leave(struct vx_info *vxi)
{
	bool unhash = false;

	if (!atomic_dec_and_lock(&vxi->tasks, &vxi->lock)) {
		vx_nproc_seen(vxi);
		return;
	}
	if (vxi->hashed && !vxi->creating &&
	    !(vxi->flags & VXF_PERSISTENT)) {
		vxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&vxi->lock);
	if (unhash)
		vx_unhash_any_context(vxi);
}

/**
 * vx_set_flags - Change the flags of a context
 * @vxi: The context.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.  One-time state bits can only be cleared.
 *
 * Clearing %VXF_PERSISTENT of a context without tasks unhashes it.
 *
 * Return: the flags before the change.
 */
u64 vx_set_flags(struct vx_info *vxi, u64 value, u64 mask)
{
	bool unhash = false;
	u64 old, new;

	spin_lock(&vxi->lock);
	old = vxi->flags;
	/* One-time bits that are clear stay clear. */
	mask &= ~(VXF_ONE_TIME & ~old);
	new = (old & ~mask) | (value & mask);
	WRITE_ONCE(vxi->flags, new);
	if (vxi->hashed && !vxi->creating && !(new & VXF_PERSISTENT) &&
	    !atomic_read(&vxi->tasks)) {
		vxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&vxi->lock);
	if (unhash)
		vx_unhash(vxi);
	return old;
}

/**
 * vx_created - The creator has entered its new context
 * @vxi: The context, as vx_create() returned it.
 *
 * From now on the context is unhashed when it has neither tasks nor
 * %VXF_PERSISTENT.
 */
void vx_created(struct vx_info *vxi)
{
	bool unhash = false;

	spin_lock(&vxi->lock);
	vxi->creating = false;
	if (vxi->hashed && !(vxi->flags & VXF_PERSISTENT) &&
	    !atomic_read(&vxi->tasks)) {
		vxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&vxi->lock);
	if (unhash)
		vx_unhash(vxi);
}

/**
 * vx_abandon - Unhash a new context that no task could enter
 * @vxi: The context, as vx_create() returned it.
 */
void vx_abandon(struct vx_info *vxi)
{
	bool unhash = false;

	spin_lock(&vxi->lock);
	vxi->creating = false;
	if (vxi->hashed && !atomic_read(&vxi->tasks)) {
		vxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&vxi->lock);
	if (unhash)
		vx_unhash(vxi);
}

/**
 * vx_set_init - Record the guest's init and/or reaper
 * @vxi: The context.
 * @pid: Pid (initial pid namespace) of the task.
 * @init: Make it the init.
 * @reaper: Make it the reaper.
 */
void vx_set_init(struct vx_info *vxi, pid_t pid, bool init, bool reaper)
{
	spin_lock(&vxi->lock);
	if (init)
		WRITE_ONCE(vxi->initpid, pid);
	if (reaper)
		WRITE_ONCE(vxi->reaper, pid);
	spin_unlock(&vxi->lock);
}

/**
 * vx_set_field - Change the bits in @mask of a 64-bit field of a context
 * @vxi: The context.
 * @field: The field: &vxi->ccaps, &vxi->bcaps.val or &vxi->umask.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.
 */
void vx_set_field(struct vx_info *vxi, u64 *field, u64 value, u64 mask)
{
	spin_lock(&vxi->lock);
	WRITE_ONCE(*field, (*field & ~mask) | (value & mask));
	spin_unlock(&vxi->lock);
}
