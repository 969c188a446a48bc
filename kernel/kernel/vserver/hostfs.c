// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The host's kernel interfaces are not a guest's to change
 *
 * A guest's root is the host's uid 0, and many kernel interfaces check no
 * more than that: the files of /proc/sys (vm.panic_on_oom, kernel.printk,
 * kernel.poweroff_cmd...), /proc/sysrq-trigger, the files of /sys and of
 * the other kernel file systems.  Once its setup is over, a guest may
 * open for writing:
 *
 * - in /proc: the directories of its processes (/proc/<pid>, self and
 *   thread-self; other contexts' processes are hidden already) and
 *   /proc/sys/kernel/{hostname,domainname}, which are its own UTS names;
 * - nothing in sysfs, debugfs, tracefs, securityfs, pstore, efivarfs,
 *   bpffs and cgroup v1; in cgroup v2, the files of its own subtree as
 *   cgroupfs.c says (its own cgroup's limits are set from the host).
 *
 * Anything else fails with EACCES, as a read-only file would.  The host
 * and the tools that set a guest up (in STATE_SETUP) are not restricted.
 *
 * open_by_handle_at(2) asks vserver_fs_confined(): CAP_DAC_READ_SEARCH
 * does not let a guest decode handles of files outside the directory it
 * names (in its root), as it would let the host.
 *
 * The root of the task that ends a guest's setup is a barrier for '..'
 * in the guest's path walks (vserver_dotdot_barrier()).
 *
 * Also here: the kernel log is the host's, so a guest reads or controls
 * it (syslog(2), /proc/kmsg, reading /dev/kmsg) only with VXC_SYSLOG.
 */

#include "common.h"

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/path.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/string.h>
#include <linux/vserver.h>

#include "cgroupfs.h"
#include "context.h"
#include "hostfs.h"
#include "lsm.h"
#include "task.h"
#include "tty.h"

/* The current task's context, if it is a guest out of setup. */
static struct vx_info *confined_vx(void)
{
	struct vx_info *vxi = current_vx();

	if (vxi && !(vx_flags(vxi) & VXF_STATE_SETUP))
		return vxi;
	return NULL;
}

/**
 * vserver_fs_confined - Whether the caller is confined to its guest's files
 *
 * For the places that let a capability reach files by other means than a
 * path (open_by_handle_at).
 *
 * Return: true for a task of a guest out of setup.
 */
bool vserver_fs_confined(void)
{
	return confined_vx();
}
EXPORT_SYMBOL_GPL(vserver_fs_confined);

/**
 * vx_root_set - Make the caller's root the barrier of its context
 * @vxi: The caller's context, whose setup the caller ends.
 */
void vx_root_set(struct vx_info *vxi)
{
	struct path root;

	get_fs_root(current->fs, &root);
	spin_lock(&vxi->core.lock);
	if (!vxi->root.dentry) {
		vxi->root.mnt = root.mnt;
		WRITE_ONCE(vxi->root.dentry, root.dentry);
		root.dentry = NULL;
	}
	spin_unlock(&vxi->core.lock);
	if (root.dentry)
		path_put(&root);
}

/**
 * vx_root_release - Drop the barrier of an unhashed context
 * @vxi: The context, without live tasks.
 */
void vx_root_release(struct vx_info *vxi)
{
	struct path root;

	spin_lock(&vxi->core.lock);
	root = vxi->root;
	vxi->root.mnt = NULL;
	WRITE_ONCE(vxi->root.dentry, NULL);
	spin_unlock(&vxi->core.lock);
	if (root.dentry)
		path_put(&root);
}

/**
 * vserver_dotdot_barrier - Whether '..' stays where it is
 * @path: Where a path walk of the caller is.
 *
 * A guest's root stays its root when the guest chroots below it: '..'
 * from a directory outside the new root (a cwd or a descriptor kept from
 * before) stops at the guest's root, as at a root (chroot escapes).
 *
 * Return: true if @path is the root of the caller's context (and the
 * caller a guest out of setup).
 */
bool vserver_dotdot_barrier(const struct path *path)
{
	struct vx_info *vxi = confined_vx();

	return vxi && path->dentry == READ_ONCE(vxi->root.dentry);
}
EXPORT_SYMBOL_GPL(vserver_dotdot_barrier);

static bool is_pid_name(const char *name)
{
	if (!strcmp(name, "self") || !strcmp(name, "thread-self"))
		return true;
	if (!*name)
		return false;
	for (; *name; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

/*
 * Whether a guest may write to this file of /proc.  proc's dentries are
 * never renamed, so the names are stable while the file holds its path.
 */
static bool proc_writable(const struct file *file)
{
	struct dentry *d = file->f_path.dentry;
	struct dentry *top = NULL, *second = NULL, *third = NULL;
	bool ok = false;

	rcu_read_lock();
	while (!IS_ROOT(d)) {
		third = second;
		second = top;
		top = d;
		d = READ_ONCE(d->d_parent);
	}
	if (top && is_pid_name(top->d_name.name))
		ok = true;
	else if (top && third == file->f_path.dentry &&
		 !strcmp(top->d_name.name, "sys") &&
		 !strcmp(second->d_name.name, "kernel") &&
		 (!strcmp(third->d_name.name, "hostname") ||
		  !strcmp(third->d_name.name, "domainname")))
		ok = true;
	rcu_read_unlock();
	return ok;
}

static int hook_file_open(struct file *file)
{
	/* The host's console devices (tty.c). */
	if (vx_tty_open_denied(file))
		return -EPERM;
	if (!(file->f_mode & FMODE_WRITE) || !confined_vx())
		return 0;
	switch (file_inode(file)->i_sb->s_magic) {
	case PROC_SUPER_MAGIC:
		return proc_writable(file) ? 0 : -EACCES;
	case SYSFS_MAGIC:
	case DEBUGFS_MAGIC:
	case TRACEFS_MAGIC:
	case SECURITYFS_MAGIC:
	case PSTOREFS_MAGIC:
	case EFIVARFS_MAGIC:
	case BPF_FS_MAGIC:
	case CGROUP_SUPER_MAGIC:
		return -EACCES;
	case CGROUP2_SUPER_MAGIC:
		return vx_cgroupfs_writable(current_vx(), file);
	default:
		return 0;
	}
}

static int hook_syslog(int type)
{
	struct vx_info *vxi = confined_vx();

	if (vxi && !(READ_ONCE(vxi->ccaps) & VXC_SYSLOG))
		return -EPERM;
	return 0;
}

static struct security_hook_list vserver_hostfs_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(syslog, hook_syslog),
};

/**
 * vserver_add_hostfs_hooks - Register the hooks that guard host interfaces
 */
void __init vserver_add_hostfs_hooks(void)
{
	security_add_hooks(vserver_hostfs_hooks,
			   ARRAY_SIZE(vserver_hostfs_hooks), &vserver_lsmid);
}
