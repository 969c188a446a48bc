/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The context of a task
 */

#ifndef _KERNEL_VSERVER_TASK_H
#define _KERNEL_VSERVER_TASK_H

#include <linux/list.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "context.h"
#include "network.h"

/**
 * struct vserver_task - What vserver keeps in each task (the LSM blob)
 *
 * @vxi: The task's context, or NULL for the host (0) and the spectator
 *       (1).  Written only by the task itself (create, migrate) with
 *       rcu_assign_pointer(); other tasks read it under RCU.  Holds a
 *       reference from the task's entry into the context until the
 *       task_struct is freed.
 * @xid: The task's context id, 0 for the host, 1 for the spectator.
 *       Written only by the task itself, read by others with READ_ONCE().
 * @live: The task is counted in @vxi->core.tasks: from its entry until it
 *        exits or leaves.  Only the task itself (or its freeing, after a
 *        failed fork) changes it.
 * @nxi: The task's network context, or NULL (nid 0 or 1); the same
 *       rules as for @vxi.
 * @nid: The task's network context id, as @xid.
 * @nlive: The task is counted in @nxi->core.tasks, as @live.
 * @zombie: The task is counted in @vxi->zombies: from its exit as a live
 *          thread group leader until it is reaped (or freed).
 * @tag: The tag (project id) its new files get, set by tag_migrate from
 *       the host, or 0: the context id (dlimit.c).  Written only by the
 *       task itself, inherited at fork, read by others with READ_ONCE().
 * @self: The task this blob belongs to.  Constant.
 * @vx_node: In @vxi->task_list exactly while @live; under
 *           @vxi->task_lock.
 */
struct vserver_task {
	struct vx_info __rcu *vxi;
	struct nx_info __rcu *nxi;
	u32 xid;
	u32 nid;
	u32 tag;
	bool live;
	bool nlive;
	bool zombie;
	struct task_struct *self;
	struct list_head vx_node;
};

extern struct lsm_blob_sizes vserver_blob_sizes;

static inline struct vserver_task *vserver_task(const struct task_struct *t)
{
	return t->security + vserver_blob_sizes.lbs_task;
}

/**
 * task_xid - The context id of a task
 * @t: The task.
 *
 * Return: the id, 0 for the host, 1 for the spectator.
 */
static inline u32 task_xid(const struct task_struct *t)
{
	return READ_ONCE(vserver_task(t)->xid);
}

/**
 * current_xid - The context id of the current task
 *
 * Return: the id, 0 for the host, 1 for the spectator.
 */
static inline u32 current_xid(void)
{
	return task_xid(current);
}

/**
 * current_vx - The context of the current task
 *
 * The current task holds a reference to its own context: the result is
 * valid until the task changes its context.
 *
 * Return: the context, or NULL for the host and the spectator.
 */
static inline struct vx_info *current_vx(void)
{
	return rcu_dereference_protected(vserver_task(current)->vxi, true);
}

/**
 * task_nid - The network context id of a task
 * @t: The task.
 *
 * Return: the id, 0 for the host, 1 for the spectator.
 */
static inline u32 task_nid(const struct task_struct *t)
{
	return READ_ONCE(vserver_task(t)->nid);
}

/**
 * current_nx - The network context of the current task
 *
 * The current task holds a reference to it: the result is valid until
 * the task changes its network context.
 *
 * Return: the network context, or NULL for the host and the spectator.
 */
static inline struct nx_info *current_nx(void)
{
	return rcu_dereference_protected(vserver_task(current)->nxi, true);
}

/**
 * task_tag - The tag of a task: the project id of the files it creates
 * @t: The task.
 *
 * Return: the tag set by tag_migrate, else the context id of a guest's
 * task, else 0 (the host and the spectator: files get the project the
 * file system gives them).
 */
static inline u32 task_tag(const struct task_struct *t)
{
	u32 tag = READ_ONCE(vserver_task(t)->tag);
	u32 xid = task_xid(t);

	if (tag)
		return tag;
	return xid > 1 ? xid : 0;
}

struct vx_info *task_get_vx(struct task_struct *t);
int vx_migrate_current(struct vx_info *vxi, u32 xid);
int nx_migrate_current(struct nx_info *nxi, u32 nid);
void vx_walk_tasks(struct vx_info *vxi,
		   void (*fn)(struct task_struct *t, void *arg), void *arg);
void vserver_add_task_hooks(void);

#endif /* _KERNEL_VSERVER_TASK_H */
