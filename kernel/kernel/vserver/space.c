// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Spaces: the namespaces a context keeps for its guest
 *
 * set_space stores the caller's current namespaces (and, with CLONE_FS,
 * its root and working directory) in one of the context's VX_SPACES
 * slots; enter_space puts the caller into stored ones, through the same
 * install checks as setns(2).  This is how a host tool enters a running
 * guest's mount table, host name, IPC and pid namespace.
 */

#include "common.h"

#include <linux/fs_struct.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/path.h>
#include <linux/pid_namespace.h>
#include <linux/proc_ns.h>
#include <linux/sched.h>
#include <linux/utsname.h>
#include <uapi/linux/sched.h>

#include "context.h"
#include "space.h"

/*
 * The namespace types, by slot.  The pid slot holds the namespace for
 * children: a task cannot change its own pid namespace, and entering a
 * guest's means that what the task forks next lives in it.
 */
static const struct {
	u64 flag;
	const struct proc_ns_operations *ops;
} space_types[VX_SPACE_TYPES] = {
	{ CLONE_NEWNS, &mntns_operations },
	{ CLONE_NEWUTS, &utsns_operations },
	{ CLONE_NEWIPC, &ipcns_operations },
	{ CLONE_NEWPID, &pidns_for_children_operations },
#ifdef CONFIG_NET_NS
	{ CLONE_NEWNET, &netns_operations },
#endif
#ifdef CONFIG_CGROUPS
	{ CLONE_NEWCGROUP, &cgroupns_operations },
#endif
};

#define UTS_SLOT 1

/**
 * vx_space_supported - The mask bits a space can hold
 *
 * Return: CLONE_FS and the CLONE_NEW* bits of the supported types.
 */
u64 vx_space_supported(void)
{
	u64 mask = CLONE_FS;
	int i;

	for (i = 0; i < VX_SPACE_TYPES; i++)
		mask |= space_types[i].flag;
	return mask;
}

/*
 * The caller's namespace of slot @i, with a reference.  The pid namespace
 * for children is taken as it is: the guest's is usually stored between
 * its unshare() and its first fork, when it has no init yet and the
 * namespace operations would not hand it out.
 */
static struct ns_common *get_ns(int i)
{
	if (space_types[i].flag == CLONE_NEWPID)
		return &get_pid_ns(current->nsproxy->pid_ns_for_children)->ns;
	return space_types[i].ops->get(current);
}

static void put_space(struct vx_space *space)
{
	int i;

	for (i = 0; i < VX_SPACE_TYPES; i++) {
		if (space->ns[i])
			space_types[i].ops->put(space->ns[i]);
		space->ns[i] = NULL;
	}
	if (space->fs)
		free_fs_struct(space->fs);
	space->fs = NULL;
	space->mask = 0;
}

/**
 * vx_space_set - Store the caller's namespaces in a space
 * @vxi: The context.
 * @index: The space, below VX_SPACES.
 * @mask: What to store: bits of vx_space_supported().
 *
 * What the mask names replaces what was stored; the rest stays.
 *
 * Return: 0, -EINVAL for a bad @index or @mask, -ENOMEM.
 */
int vx_space_set(struct vx_info *vxi, unsigned int index, u64 mask)
{
	struct vx_space new = { .mask = mask };
	struct vx_space *space;
	int i, err = -ENOMEM;

	if (index >= VX_SPACES || (mask & ~vx_space_supported()))
		return -EINVAL;
	for (i = 0; i < VX_SPACE_TYPES; i++) {
		if (!(mask & space_types[i].flag))
			continue;
		new.ns[i] = get_ns(i);
		if (!new.ns[i])
			goto out_put;
	}
	if (mask & CLONE_FS) {
		new.fs = copy_fs_struct(current->fs);
		if (!new.fs)
			goto out_put;
	}

	mutex_lock(&vxi->space_lock);
	space = &vxi->space[index];
	for (i = 0; i < VX_SPACE_TYPES; i++)
		if (new.ns[i])
			swap(space->ns[i], new.ns[i]);
	if (new.fs)
		swap(space->fs, new.fs);
	space->mask |= mask;
	mutex_unlock(&vxi->space_lock);
	err = 0;

out_put:
	/* Releases what was replaced, or what was taken on failure. */
	put_space(&new);
	return err;
}

/**
 * vx_space_enter - Put the caller into stored namespaces
 * @vxi: The context.
 * @index: The space, below VX_SPACES.
 * @mask: What to enter; 0 for everything the space holds.
 *
 * Return: 0; -EINVAL for a bad @index or for bits the space does not
 * hold; -ENOMEM; or an error of the namespaces' install checks (-EPERM).
 */
int vx_space_enter(struct vx_info *vxi, unsigned int index, u64 mask)
{
	struct ns_common *nss[VX_SPACE_TYPES];
	const struct proc_ns_operations *ops[VX_SPACE_TYPES];
	struct path root = {}, pwd = {};
	struct vx_space *space;
	unsigned int n = 0, i;
	int err = 0;

	if (index >= VX_SPACES)
		return -EINVAL;
	mutex_lock(&vxi->space_lock);
	space = &vxi->space[index];
	if (!mask)
		mask = space->mask;
	if (!mask || (mask & ~space->mask)) {
		mutex_unlock(&vxi->space_lock);
		return -EINVAL;
	}
	for (i = 0; i < VX_SPACE_TYPES; i++) {
		if (!(mask & space_types[i].flag))
			continue;
		nss[n] = space->ns[i];
		ops[n] = space_types[i].ops;
		refcount_inc(&nss[n]->count);
		n++;
	}
	if (mask & CLONE_FS) {
		spin_lock(&space->fs->lock);
		root = space->fs->root;
		pwd = space->fs->pwd;
		path_get(&root);
		path_get(&pwd);
		spin_unlock(&space->fs->lock);
	}
	mutex_unlock(&vxi->space_lock);

	if (n)
		err = setns_common(nss, n);
	if (!err && (mask & CLONE_FS)) {
		set_fs_root(current->fs, &root);
		set_fs_pwd(current->fs, &pwd);
	}
	if (mask & CLONE_FS) {
		path_put(&root);
		path_put(&pwd);
	}
	for (i = 0; i < n; i++)
		ops[i]->put(nss[i]);
	return err;
}

/**
 * vx_space_mask - What a space holds
 * @vxi: The context.
 * @index: The space, below VX_SPACES.
 *
 * Return: the mask of the stored namespaces.
 */
u64 vx_space_mask(struct vx_info *vxi, unsigned int index)
{
	u64 mask;

	mutex_lock(&vxi->space_lock);
	mask = vxi->space[index].mask;
	mutex_unlock(&vxi->space_lock);
	return mask;
}

/**
 * vx_space_inums - Inode numbers of the namespaces a space holds
 * @vxi: The context.
 * @index: The space, below VX_SPACES.
 * @inum: Receives, per type slot (mnt, uts, ipc, pid for children, net,
 *        cgroup), the number /proc/<pid>/ns/ shows, or 0.
 */
void vx_space_inums(struct vx_info *vxi, unsigned int index,
		    unsigned int inum[VX_SPACE_TYPES])
{
	int i;

	mutex_lock(&vxi->space_lock);
	for (i = 0; i < VX_SPACE_TYPES; i++)
		inum[i] = vxi->space[index].ns[i] ?
			  vxi->space[index].ns[i]->inum : 0;
	mutex_unlock(&vxi->space_lock);
}

/**
 * vx_space_get_uts - The UTS namespace of space 0
 * @vxi: The context.
 *
 * Return: the namespace with a reference (put_uts_ns()), or NULL if the
 * context stores none.
 */
struct uts_namespace *vx_space_get_uts(struct vx_info *vxi)
{
	struct uts_namespace *uts = NULL;
	struct ns_common *ns;

	mutex_lock(&vxi->space_lock);
	ns = vxi->space[0].ns[UTS_SLOT];
	if (ns) {
		uts = container_of(ns, struct uts_namespace, ns);
		get_uts_ns(uts);
	}
	mutex_unlock(&vxi->space_lock);
	return uts;
}

/**
 * vx_space_release - Drop every stored namespace of a context
 * @vxi: The context, being unhashed.
 */
void vx_space_release(struct vx_info *vxi)
{
	int i;

	mutex_lock(&vxi->space_lock);
	for (i = 0; i < VX_SPACES; i++)
		put_space(&vxi->space[i]);
	mutex_unlock(&vxi->space_lock);
}
