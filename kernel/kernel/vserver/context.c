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

#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/timekeeping.h>

#include "caps.h"
#include "context.h"
#include "helper.h"
#include "hostfs.h"
#include "proc.h"
#include "space.h"
#include "task.h"

static int vx_setup(struct vs_core *c)
{
	return vserver_proc_add_context(container_of(c, struct vx_info, core));
}

static void vx_release(struct vs_core *c)
{
	vserver_proc_remove_context(container_of(c, struct vx_info, core));
}

static void vx_unhashed(struct vs_core *c)
{
	struct vx_info *vxi = container_of(c, struct vx_info, core);

	vx_limits_unhashed(vxi);
	vx_space_release(vxi);
	vx_root_release(vxi);
	wake_up_all(&vxi->exit_wq);
	if (vx_flags(vxi) & VXF_SC_HELPER)
		vs_helper_state(VS_HELPER_SHUTDOWN, vxi->core.id);
	pr_debug("context %u is gone\n", vxi->core.id);
}

static void vx_free(struct vs_core *c)
{
	struct vx_info *vxi = container_of(c, struct vx_info, core);

	vx_cgroup_release(vxi);
	kfree(vxi);
}

/* The hashed contexts, by xid. */
static struct vs_registry vx_registry = {
	VS_REGISTRY_INIT(vx_registry),
	.min_id = VX_MIN_ID,
	.min_dynamic_id = VX_MIN_DYNAMIC_ID,
	.max_id = VX_MAX_ID,
	.persistent = VXF_PERSISTENT,
	.one_time = VXF_ONE_TIME,
	.busy = VXF_STATE_SETUP,
	.setup = vx_setup,
	.release = vx_release,
	.unhashed = vx_unhashed,
	.free = vx_free,
};

/**
 * vx_count_active - Number of hashed contexts
 *
 * Return: the number.
 */
int vx_count_active(void)
{
	return vs_core_count_active(&vx_registry);
}

/**
 * vx_count_total - Number of allocated contexts, hashed or not
 *
 * Return: the number.
 */
int vx_count_total(void)
{
	return vs_core_count_total(&vx_registry);
}

/**
 * vx_visit_rcu - Call @fn for each hashed context
 * @fn: Called under rcu_read_lock(); must not sleep.
 */
void vx_visit_rcu(void (*fn)(struct vx_info *vxi))
{
	struct vs_core *c;
	unsigned long xid;

	rcu_read_lock();
	xa_for_each(&vx_registry.xa, xid, c)
		fn(container_of(c, struct vx_info, core));
	rcu_read_unlock();
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
	vs_core_get(&vxi->core);
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
	if (vxi)
		vs_core_put(&vxi->core);
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
	struct vs_core *c = vs_core_lookup(&vx_registry, xid);

	return c ? container_of(c, struct vx_info, core) : NULL;
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
	struct vx_info *vxi;
	int err;

	vxi = kzalloc(sizeof(*vxi), GFP_KERNEL_ACCOUNT);
	if (!vxi)
		return ERR_PTR(-ENOMEM);
	vs_core_init(&vx_registry, &vxi->core, flags);
	mutex_init(&vxi->space_lock);
	init_waitqueue_head(&vxi->exit_wq);
	spin_lock_init(&vxi->task_lock);
	INIT_LIST_HEAD(&vxi->task_list);
	vxi->ccaps = VX_DEFAULT_CCAPS;
	vxi->bcaps.val = VX_DEFAULT_BCAPS;
	vxi->start_time = ktime_get_boottime_ns();
	vx_limits_init(vxi);
	vx_cgroup_init(vxi);

	/* Published: vx_lookup() finds it from here on. */
	err = vs_core_establish(&vx_registry, &vxi->core, xid);
	if (err) {
		vx_cgroup_release(vxi);
		kfree(vxi);
		return ERR_PTR(err);
	}
	return vxi;
}

/**
 * vx_enter - Count one more live task in a context
 * @vxi: The context.
 *
 * Return: 0, or -ESRCH if the context is no longer hashed.
 */
int vx_enter(struct vx_info *vxi)
{
	int err = vs_core_enter(&vxi->core);

	vx_nproc_seen(vxi);
	return err;
}

/**
 * vx_leave - Count one live task less in a context
 * @vxi: The context.
 *
 * When the last live task leaves a context that is not persistent, the
 * context is unhashed.  May be called in any context.
 */
void vx_leave(struct vx_info *vxi)
{
	if (vs_core_leave(&vxi->core))
		vx_nproc_seen(vxi);
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
	return vs_core_set_flags(&vxi->core, value, mask);
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
	vs_core_created(&vxi->core);
}

/**
 * vx_abandon - Unhash a new context that no task could enter
 * @vxi: The context, as vx_create() returned it.
 */
void vx_abandon(struct vx_info *vxi)
{
	vs_core_abandon(&vxi->core);
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
	spin_lock(&vxi->core.lock);
	if (init)
		WRITE_ONCE(vxi->initpid, pid);
	if (reaper)
		WRITE_ONCE(vxi->reaper, pid);
	spin_unlock(&vxi->core.lock);
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
	spin_lock(&vxi->core.lock);
	WRITE_ONCE(*field, (*field & ~mask) | (value & mask));
	spin_unlock(&vxi->core.lock);
}

/**
 * vx_create_current - Create a context and move the current task into it
 * @xid: The id, as for vx_create().
 * @flags: Its initial flags.
 * @own_spaces: Also give the caller (the new guest) its own UTS and IPC
 *              namespaces, stored as space 0 (ctx_create v0).
 *
 * The id is checked and reserved before anything of the caller changes:
 * a create that fails for the id (-EINVAL, -EEXIST, -EBUSY, -ENOSPC)
 * leaves the caller as it was.  A later error (-ENOMEM, the vshelper,
 * the migration) gives the new context up; the namespaces @own_spaces
 * unshared stay the caller's.
 *
 * Return: the new context's id, or a negative errno.
 */
long vx_create_current(u32 xid, u64 flags, bool own_spaces)
{
	const u64 spaces = CLONE_NEWUTS | CLONE_NEWIPC;
	struct vx_info *vxi;
	long ret = 0;

	vxi = vx_create(xid, flags);
	if (IS_ERR(vxi))
		return PTR_ERR(vxi);
	if (own_spaces) {
		ret = ksys_unshare(spaces);
		if (!ret)
			ret = vx_space_set(vxi, 0, spaces);
	}
	if (!ret && (flags & VXF_SC_HELPER))
		ret = vs_helper_state(VS_HELPER_STARTUP, vxi->core.id);
	if (!ret)
		ret = vx_migrate_clamped(vxi);
	if (ret) {
		/* A context that never started has no shutdown to report. */
		vx_set_flags(vxi, 0, VXF_SC_HELPER);
		vx_abandon(vxi);
	} else {
		vx_created(vxi);
		ret = vxi->core.id;
	}
	vx_put(vxi);
	return ret;
}

/**
 * vx_may_enter - Whether the host may move tasks or spaces into a context
 * @vxi: The context.
 * @admin: Also require %VXF_STATE_ADMIN.
 *
 * A context with %VXF_INFO_PRIVATE cannot be entered once out of setup.
 *
 * Return: 0 or -EACCES.
 */
int vx_may_enter(const struct vx_info *vxi, bool admin)
{
	const u64 flags = vx_flags(vxi);

	if (admin && !(flags & VXF_STATE_ADMIN))
		return -EACCES;
	if ((flags & VXF_INFO_PRIVATE) && !(flags & VXF_STATE_SETUP))
		return -EACCES;
	return 0;
}

/**
 * vx_change_flags - Change the flags of a context, as set_cflags does
 * @vxi: The context.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.
 * @inside: The caller is a task of @vxi configuring it during its setup.
 *
 * Ending the setup from inside (clearing %VXF_STATE_SETUP) sets the '..'
 * barrier at the caller's root and clamps the caller's credentials to
 * the bounding set; clearing %VXF_STATE_INIT from inside makes the
 * caller the guest's init and reaper.
 *
 * Return: 0 or -ENOMEM (nothing changed).
 */
int vx_change_flags(struct vx_info *vxi, u64 value, u64 mask, bool inside)
{
	struct cred *new = NULL;
	u64 old;

	/* Ending the setup from inside clamps the caller: prepare it. */
	if (inside && (mask & VXF_STATE_SETUP) && !(value & VXF_STATE_SETUP)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	}
	old = vx_set_flags(vxi, value, mask);
	if (new) {
		if (old & VXF_STATE_SETUP) {
			vx_root_set(vxi);
			vx_commit_clamped_creds(vxi, new);
		} else {
			abort_creds(new);
		}
	}
	if (inside && (old & VXF_STATE_INIT) &&
	    !(vx_flags(vxi) & VXF_STATE_INIT))
		vx_set_init(vxi, task_tgid_nr(current), true, true);
	return 0;
}
