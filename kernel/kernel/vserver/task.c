// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The context of a task: inheritance, exit and migration
 *
 * Every task carries its context in its LSM blob.  A child inherits its
 * parent's context at fork; a task leaves its context when it exits (so
 * that a context is gone as soon as its last task is, even before the
 * zombies are reaped) or migrates to another one.
 */

#include "common.h"

#include <linux/lsm_hooks.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/vserver.h>

#include "context.h"
#include "isolation.h"
#include "limit.h"
#include "lsm.h"
#include "task.h"

/**
 * task_get_vx - The context of a task, with a reference
 * @t: The task.
 *
 * Return: the context, which the caller releases with vx_put(), or NULL
 * for the host and the spectator.
 */
struct vx_info *task_get_vx(struct task_struct *t)
{
	struct vx_info *vxi;

	rcu_read_lock();
	vxi = rcu_dereference(vserver_task(t)->vxi);
	if (vxi && !refcount_inc_not_zero(&vxi->core.usecnt))
		vxi = NULL;
	rcu_read_unlock();
	return vxi;
}

/* @vt becomes a live task of @vxi (sets @vt->live). */
static void vx_link_task(struct vx_info *vxi, struct vserver_task *vt)
{
	spin_lock_bh(&vxi->task_lock);
	list_add_tail(&vt->vx_node, &vxi->task_list);
	vt->live = true;
	spin_unlock_bh(&vxi->task_lock);
}

/* @vt is no longer a live task of @vxi (clears @vt->live). */
static void vx_unlink_task(struct vx_info *vxi, struct vserver_task *vt)
{
	spin_lock_bh(&vxi->task_lock);
	list_del_init(&vt->vx_node);
	vt->live = false;
	spin_unlock_bh(&vxi->task_lock);
}

/**
 * vx_walk_tasks - Call @fn for each live task of a context
 * @vxi: The context.
 * @fn: Called with @vxi->task_lock held and bottom halves off, in an RCU
 *      read-side section; must not sleep.
 * @arg: Passed to @fn.
 *
 * Costs the context's tasks, not the system's.
 */
void vx_walk_tasks(struct vx_info *vxi,
		   void (*fn)(struct task_struct *t, void *arg), void *arg)
{
	struct vserver_task *vt;

	rcu_read_lock();
	spin_lock_bh(&vxi->task_lock);
	list_for_each_entry(vt, &vxi->task_list, vx_node)
		fn(vt->self, arg);
	spin_unlock_bh(&vxi->task_lock);
	rcu_read_unlock();
}

/**
 * vx_migrate_current - Move the current task to another context
 * @vxi: The new context, or NULL for the spectator.
 * @xid: The new context id: @vxi->core.id, or VX_WATCH_ID.
 *
 * Return: 0, or -ESRCH if @vxi is no longer hashed.
 */
int vx_migrate_current(struct vx_info *vxi, u32 xid)
{
	struct vserver_task *vt = vserver_task(current);
	struct vx_info *old = current_vx();
	bool was_live = vt->live;
	int err;

	if (vxi == old && xid == vt->xid)
		return 0;
	/* Before the first task is not the host's (isolation.c). */
	vserver_ctx_activate();
	if (vxi) {
		err = vx_enter(vxi);
		if (err)
			return err;
		vx_get(vxi);
	}
	if (old && was_live)
		vx_unlink_task(old, vt);
	rcu_assign_pointer(vt->vxi, vxi);
	WRITE_ONCE(vt->xid, xid);
	if (vxi)
		vx_link_task(vxi, vt);
	if (old) {
		if (was_live)
			vx_leave(old);
		vx_put(old);
	}
	/* Only a failed allocation leaves the task on the old counters. */
	if (vx_ucounts_switch())
		pr_warn_ratelimited("xid %u: per-user counters not moved\n",
				    xid);
	return 0;
}

/**
 * nx_migrate_current - Move the current task to another network context
 * @nxi: The new network context, or NULL for the spectator.
 * @nid: The new id: @nxi->core.id, or 1.
 *
 * Return: 0, or -ESRCH if @nxi is no longer hashed.
 */
int nx_migrate_current(struct nx_info *nxi, u32 nid)
{
	struct vserver_task *vt = vserver_task(current);
	struct nx_info *old = current_nx();
	bool was_live = vt->nlive;
	int err;

	if (nxi == old && nid == vt->nid)
		return 0;
	if (nxi) {
		err = nx_enter(nxi);
		if (err)
			return err;
		nx_get(nxi);
	}
	rcu_assign_pointer(vt->nxi, nxi);
	WRITE_ONCE(vt->nid, nid);
	vt->nlive = !!nxi;
	if (old) {
		if (was_live)
			nx_leave(old);
		nx_put(old);
	}
	return 0;
}

/* The network context side of vserver_exit_task(). */
static void nx_exit_task(struct vserver_task *vt)
{
	struct nx_info *nxi = rcu_dereference_protected(vt->nxi, true);

	if (!nxi || !vt->nlive)
		return;
	vt->nlive = false;
	nx_leave(nxi);
}

/**
 * vserver_exit_task - A task exits: it no longer counts in its context
 * @tsk: The exiting task (current), called from do_exit() before its
 *       parent is notified.
 *
 * The task keeps its context (and its reference) until it is freed, so a
 * zombie still shows its context.
 */
void vserver_exit_task(struct task_struct *tsk)
{
	struct vserver_task *vt = vserver_task(tsk);
	struct vx_info *vxi = rcu_dereference_protected(vt->vxi, true);

	nx_exit_task(vt);
	if (!vxi || !vt->live)
		return;
	if (thread_group_leader(tsk)) {
		/* Counted before it leaves: never below the real count. */
		atomic_inc(&vxi->zombies);
		vt->zombie = true;
		spin_lock(&vxi->core.lock);
		if (vxi->initpid == tsk->pid) {
			vxi->exit_code = tsk->exit_code;
			vxi->initpid = 0;
		}
		if (vxi->reaper == tsk->pid)
			vxi->reaper = 0;
		spin_unlock(&vxi->core.lock);
	}
	vx_unlink_task(vxi, vt);
	vx_leave(vxi);
}
EXPORT_SYMBOL_GPL(vserver_exit_task);

/**
 * vserver_release_task - A process is reaped: it no longer counts
 * @p: The task, released by release_task().
 */
void vserver_release_task(struct task_struct *p)
{
	struct vserver_task *vt = vserver_task(p);
	/* A dead task's context no longer changes. */
	struct vx_info *vxi = rcu_dereference_protected(vt->vxi, true);

	if (!vt->zombie)
		return;
	vt->zombie = false;
	atomic_dec(&vxi->zombies);
	vx_nproc_seen(vxi);
}
EXPORT_SYMBOL_GPL(vserver_release_task);

static int hook_task_alloc(struct task_struct *task,
			   unsigned long clone_flags)
{
	const struct vserver_task *parent = vserver_task(current);
	struct vserver_task *vt = vserver_task(task);
	struct vx_info *vxi = current_vx();
	struct nx_info *nxi = current_nx();

	vt->self = task;
	INIT_LIST_HEAD(&vt->vx_node);
	vt->xid = parent->xid;
	vt->tag = parent->tag;
	if (vxi) {
		/* The parent is a live task of vxi: it is hashed. */
		if (!vx_nproc_charge(vxi))
			return -EAGAIN;
		atomic_inc(&vxi->nr_forks);
		RCU_INIT_POINTER(vt->vxi, vx_get(vxi));
		vx_link_task(vxi, vt);
	}
	vt->nid = parent->nid;
	if (nxi) {
		/* The parent is a live task of nxi: it is hashed. */
		atomic_inc(&nxi->core.tasks);
		vt->nlive = true;
		RCU_INIT_POINTER(vt->nxi, nx_get(nxi));
	}
	return 0;
}

static void hook_task_free(struct task_struct *task)
{
	struct vserver_task *vt = vserver_task(task);
	struct vx_info *vxi = rcu_dereference_protected(vt->vxi, true);
	struct nx_info *nxi = rcu_dereference_protected(vt->nxi, true);

	/* Only a task that never ran (failed fork) is still live here. */
	if (nxi) {
		if (vt->nlive)
			nx_leave(nxi);
		nx_put(nxi);
	}
	if (!vxi)
		return;
	if (vt->live) {
		vx_unlink_task(vxi, vt);
		vx_leave(vxi);
	}
	if (vt->zombie)
		atomic_dec(&vxi->zombies);
	vx_put(vxi);
}

static struct security_hook_list vserver_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
	LSM_HOOK_INIT(task_free, hook_task_free),
};

/**
 * vserver_add_task_hooks - Register the task lifetime hooks
 */
void __init vserver_add_task_hooks(void)
{
	security_add_hooks(vserver_task_hooks, ARRAY_SIZE(vserver_task_hooks),
			   &vserver_lsmid);
}

/**
 * vserver_find_reaper - The reaper of the context of an exiting task
 * @father: The exiting task whose children need a new parent.
 *
 * Called by find_new_reaper() with tasklist_lock held for writing, which
 * keeps the returned task from being released.
 *
 * Return: the context's reaper if it is another live task of the same
 * context and pid namespace as @father, else NULL.
 */
struct task_struct *vserver_find_reaper(struct task_struct *father)
{
	struct task_struct *reaper = NULL;
	struct vx_info *vxi;
	pid_t pid;

	rcu_read_lock();
	vxi = rcu_dereference(vserver_task(father)->vxi);
	pid = vxi ? READ_ONCE(vxi->reaper) : 0;
	if (pid)
		reaper = find_task_by_pid_ns(pid, &init_pid_ns);
	if (reaper && (reaper == father || same_thread_group(reaper, father) ||
		       task_xid(reaper) != vxi->core.id ||
		       task_active_pid_ns(reaper) !=
		       task_active_pid_ns(father)))
		reaper = NULL;
	rcu_read_unlock();
	return reaper;
}
EXPORT_SYMBOL_GPL(vserver_find_reaper);
