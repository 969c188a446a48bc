// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Safe mounts of a guest without CAP_SYS_ADMIN (VXC_SECURE_MOUNT)
 *
 * An init such as systemd mounts API file systems and sets up a private
 * mount namespace for services (PrivateTmp, ProtectSystem...).  None of
 * that needs CAP_SYS_ADMIN's power over the host, so a guest out of setup
 * whose context has VXC_SECURE_MOUNT (vs2.3's "secure mount" ccap) may,
 * without CAP_SYS_ADMIN, through mount(2) and umount(2) only:
 *
 * - mount new tmpfs, proc (of its own pid namespace), devpts (always a new
 *   instance), mqueue (of its own IPC namespace), sysfs read-only, and
 *   cgroup2 while its cgroup namespace is rooted in its own cgroup
 *   (cgroupfs.c: it sees its own subtree only);
 * - bind and move mounts of its own mount namespace (the kernel refuses
 *   sources of any other namespace; the guest's namespace holds its root
 *   and what is mounted under it), and change their propagation (its
 *   namespace is private from the host's since start);
 * - remount a bind with its per-mount flags tightened only: a read-only,
 *   nosuid, nodev or noexec mount stays so, whoever made it (the host's
 *   read-only binds, the read-only /sys);
 * - unmount the mounts of its namespace.
 *
 * Not a new mount namespace (unshare(CLONE_NEWNS) still needs
 * CAP_SYS_ADMIN): systemd's sandboxing (ProtectSystem=strict with
 * ReadWritePaths=) makes a bind read-only and then read-write again,
 * which "tighten only" refuses, and systemd fails the unit; without a
 * namespace of its own systemd runs the unit unsandboxed, as in other
 * containers.  Locking the flags the host set (as mounts copied into a
 * user namespace are locked) would allow both.
 *
 * Superblock remounts, every other file system type, fsopen(2),
 * fsmount(2), open_tree(2), move_mount(2), mount_setattr(2) and
 * pivot_root(2) still need CAP_SYS_ADMIN, as before.  Device nodes on a
 * guest's tmpfs need CAP_MKNOD and setuid files give no more than the
 * context's bounding set, as on its root file system.
 *
 * fs/namespace.c (path_mount, can_umount), fs/super.c (mount_capable),
 * and fs/sysfs/mount.c ask vserver_may_mount() where they ask for
 * CAP_SYS_ADMIN; the sb_mount
 * hook below, which path_mount calls first, refuses what is not listed.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <uapi/linux/mount.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/vserver.h>

#include "cgroupfs.h"
#include "context.h"
#include "isolation.h"
#include "lsm.h"
#include "task.h"

/* The caller's context if it is a guest out of setup with the ccap. */
static struct vx_info *secure_mount_vx(void)
{
	struct vx_info *vxi = current_vx();

	if (!vxi || (vx_flags(vxi) & VXF_STATE_SETUP) ||
	    !(READ_ONCE(vxi->ccaps) & VXC_SECURE_MOUNT))
		return NULL;
	return vxi;
}

/**
 * vserver_may_mount - Whether a guest may mount without CAP_SYS_ADMIN
 *
 * Asked where mount(2), umount(2) and the creation of a superblock ask
 * for CAP_SYS_ADMIN; what is mounted is checked by the sb_mount hook.
 *
 * Return: true for a guest out of setup with %VXC_SECURE_MOUNT.
 */
bool vserver_may_mount(void)
{
	return secure_mount_vx();
}
EXPORT_SYMBOL_GPL(vserver_may_mount);

/* The MS_* flags a bind remount must keep, from the mount's own. */
static unsigned long kept_flags(const struct vfsmount *mnt)
{
	int f = READ_ONCE(mnt->mnt_flags);
	unsigned long ms = 0;

	if (f & MNT_READONLY)
		ms |= MS_RDONLY;
	if (f & MNT_NOSUID)
		ms |= MS_NOSUID;
	if (f & MNT_NODEV)
		ms |= MS_NODEV;
	if (f & MNT_NOEXEC)
		ms |= MS_NOEXEC;
	return ms;
}

static int new_mount_allowed(const struct vx_info *vxi, const char *type,
			     unsigned long flags)
{
	if (!type)
		return -EPERM;
	if (!strcmp(type, "tmpfs") || !strcmp(type, "proc") ||
	    !strcmp(type, "devpts") || !strcmp(type, "mqueue"))
		return 0;
	if (!strcmp(type, "sysfs"))
		return flags & MS_RDONLY ? 0 : -EPERM;
	if (!strcmp(type, "cgroup2"))
		return vx_cgroupfs_inside(vxi) ? 0 : -EPERM;
	return -EPERM;
}

static int hook_sb_mount(const char *dev_name, const struct path *path,
			 const char *type, unsigned long flags, void *data)
{
	const unsigned long prop = MS_SHARED | MS_PRIVATE | MS_SLAVE |
				   MS_UNBINDABLE;
	struct vx_info *vxi = secure_mount_vx();

	/* A guest that holds CAP_SYS_ADMIN mounts as its bcaps allow. */
	if (!vxi || ns_capable_noaudit(current_user_ns(), CAP_SYS_ADMIN))
		return 0;
	if (flags & MS_REMOUNT) {
		if (!(flags & MS_BIND))
			return -EPERM;
		return kept_flags(path->mnt) & ~flags ? -EPERM : 0;
	}
	if (flags & (prop | MS_BIND | MS_MOVE))
		return 0;
	return new_mount_allowed(vxi, type, flags);
}

static struct security_hook_list vserver_mount_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(sb_mount, hook_sb_mount),
};

/**
 * vserver_add_mount_hooks - Register the hook of the guests' safe mounts
 */
void __init vserver_add_mount_hooks(void)
{
	security_add_hooks(vserver_mount_hooks,
			   ARRAY_SIZE(vserver_mount_hooks), &vserver_lsmid);
}
