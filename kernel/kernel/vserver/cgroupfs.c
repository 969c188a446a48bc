// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - A guest manages its own cgroup subtree
 *
 * An init such as systemd organises its services in cgroups below its
 * own: cgroup v2 delegation.  The context's cgroup (the creator's cgroup
 * v2 at ctx_create, where vserver start puts each guest) is delegated to
 * the guest as the cgroup v2 documentation describes it: once out of
 * setup, a task of the guest may open for writing
 *
 * - any interface file of a cgroup strictly below the context's cgroup
 *   (limits there only narrow the ones above: the host's limits on the
 *   context's cgroup still bound the whole subtree);
 * - cgroup.procs, cgroup.threads and cgroup.subtree_control of the
 *   context's cgroup itself, never its other files (memory.max, cpu.max,
 *   ... are the host's limits on the guest);
 *
 * and only while its cgroup namespace is rooted at or below the
 * context's cgroup: the kernel then refuses, by itself, to move a task
 * from or to a cgroup outside that namespace (cgroup.procs writes check
 * both ends against the writer's cgroup namespace), so that a guest can
 * neither pull a task of the host in nor push one of its own out.  vserver
 * start makes that namespace in the guest's cgroup.  Nothing of a cgroup
 * v1 hierarchy, and nothing of a context created in the root cgroup, is
 * writable by the guest.
 *
 * The cgroup of a file is its kernfs parent's: cgroups are freed after an
 * RCU grace period, and the open file pins its kernfs node and parents,
 * so the lookups below are done under rcu_read_lock().
 */

#include "common.h"

#include <linux/cgroup.h>
#include <linux/fs.h>
#include <linux/kernfs.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "cgroupfs.h"
#include "context.h"

/**
 * vx_cgroupfs_init - Record the cgroup v2 delegated to a new context
 * @vxi: The context, made by the current task.
 *
 * The creator's cgroup v2, referenced; none if it is the root cgroup.
 */
void vx_cgroupfs_init(struct vx_info *vxi)
{
	struct cgroup *cgrp;

	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	if (cgroup_parent(cgrp) && cgroup_tryget(cgrp))
		vxi->dfl_cgrp = cgrp;
	rcu_read_unlock();
}

/**
 * vx_cgroupfs_release - Drop the delegated cgroup of a context
 * @vxi: The context being freed.  May be called in any context.
 */
void vx_cgroupfs_release(struct vx_info *vxi)
{
	if (vxi->dfl_cgrp)
		cgroup_put(vxi->dfl_cgrp);
	vxi->dfl_cgrp = NULL;
}

/* The caller's cgroup namespace is rooted at or below @own.  RCU held. */
static bool cgroupns_inside(struct cgroup *own)
{
	struct cgroup_namespace *ns = current->nsproxy->cgroup_ns;

	return cgroup_is_descendant(ns->root_cset->dfl_cgrp, own);
}

/**
 * vx_cgroupfs_inside - Whether the caller sees only its context's subtree
 * @vxi: The caller's context.
 *
 * Return: true if @vxi has a delegated cgroup and the caller's cgroup
 * namespace is rooted at it or below it.
 */
bool vx_cgroupfs_inside(const struct vx_info *vxi)
{
	bool ok;

	if (!vxi->dfl_cgrp)
		return false;
	rcu_read_lock();
	ok = cgroupns_inside(vxi->dfl_cgrp);
	rcu_read_unlock();
	return ok;
}

static bool root_file_writable(const char *name)
{
	return !strcmp(name, "cgroup.procs") ||
	       !strcmp(name, "cgroup.threads") ||
	       !strcmp(name, "cgroup.subtree_control");
}

/**
 * vx_cgroupfs_writable - Whether a guest may open a cgroup v2 file to write
 * @vxi: The caller's context, out of setup.
 * @file: A file of a cgroup2 file system being opened for writing.
 *
 * Return: 0, or -EACCES.
 */
int vx_cgroupfs_writable(const struct vx_info *vxi, const struct file *file)
{
	struct kernfs_node *kn, *dir;
	struct cgroup *own = vxi->dfl_cgrp, *cgrp;
	int ret = -EACCES;

	if (!own)
		return -EACCES;
	kn = kernfs_node_from_dentry(file->f_path.dentry);
	if (!kn || kernfs_type(kn) != KERNFS_FILE)
		return -EACCES;
	rcu_read_lock();
	dir = kn->parent;
	cgrp = dir ? dir->priv : NULL;
	if (!cgrp || !cgroupns_inside(own))
		goto out;
	if (cgrp != own && cgroup_is_descendant(cgrp, own))
		ret = 0;
	else if (cgrp == own && root_file_writable(kn->name))
		ret = 0;
out:
	rcu_read_unlock();
	return ret;
}
