// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Tags and disk limits on project quotas
 *
 * A task's tag is the project id of the files it creates: its context id
 * in a guest, or what tag_migrate set.  The file system charges a
 * project's files to its project quota, so a disk limit is the hard
 * limit of the project quota of (file system, tag): set and read here
 * with the quota operations of the super block, as quotactl(2) does.
 * vserver build makes the guest's root a PROJINHERIT directory of its
 * project; ext4 and XFS give a guest's new files its tag wherever they
 * are (vserver_new_inode_projid(), vserver_inode_tag()), and statfs() on
 * a PROJINHERIT directory
 * reports the project's limit and usage, which is what df shows inside.
 *
 * What vs2.3 kept per limit besides the quota is the reserved
 * percentage and whether the limit was added: a registry of (device,
 * tag) entries, below.  A guest cannot change project ids, PROJINHERIT
 * flags (vserver_fileattr_set()) or quotas, and does not pass a limit by
 * CAP_SYS_RESOURCE.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/fileattr.h>
#include <linux/list.h>
#include <linux/lsm_hooks.h>
#include <linux/mount.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/quota.h>
#include <linux/slab.h>
#include <linux/statfs.h>
#include <linux/vserver_dlimit.h>
#include <uapi/linux/fs.h>
#include <uapi/linux/vserver/dlimit_cmd.h>

#include "dlimit.h"
#include "lsm.h"
#include "task.h"

/**
 * struct vx_dlimit - A disk limit added with add_dlimit
 * @list: In vx_dlimits, under vx_dlimit_lock.
 * @dev: The device of the file system (its s_dev).
 * @tag: The tag (project id).
 * @reserved: Percent of the limit statfs() does not show as available.
 *
 * Freed by rem_dlimit.  An entry outlives an unmount of its file system
 * (the quota lives in the file system and comes back with it).
 */
struct vx_dlimit {
	struct list_head list;
	dev_t dev;
	u32 tag;
	u32 reserved;
};

static LIST_HEAD(vx_dlimits);
static DEFINE_MUTEX(vx_dlimit_lock);

/* Under vx_dlimit_lock. */
static struct vx_dlimit *dlimit_find(dev_t dev, u32 tag)
{
	struct vx_dlimit *dl;

	list_for_each_entry(dl, &vx_dlimits, list)
		if (dl->dev == dev && dl->tag == tag)
			return dl;
	return NULL;
}

/*
 * The file system of @path must enforce project quotas through quota
 * operations that set and read limits.
 */
static int dlimit_sb_ok(struct super_block *sb)
{
	const struct quotactl_ops *qc = sb->s_qcop;
	struct qc_state state;
	int err;

	if (!qc || !qc->get_dqblk || !qc->set_dqblk || !qc->get_state ||
	    !(sb->s_quota_types & QTYPE_MASK_PRJ))
		return -EOPNOTSUPP;
	err = qc->get_state(sb, &state);
	if (err)
		return err;
	if (!(state.s_state[PRJQUOTA].flags & QCI_LIMITS_ENFORCED))
		return -EOPNOTSUPP;
	return 0;
}

/*
 * The file system of @path for the disk limit of @tag: its super block,
 * or ERR_PTR(-EINVAL) for a bad tag, or of the error of dlimit_sb_ok().
 */
static struct super_block *dlimit_sb(const struct path *path, u32 tag)
{
	struct super_block *sb = path->mnt->mnt_sb;
	int err;

	if (tag == 0 || tag > 0xFFFF)
		return ERR_PTR(-EINVAL);
	err = dlimit_sb_ok(sb);
	return err ? ERR_PTR(err) : sb;
}

/**
 * vx_dlimit_add - Register the disk limit of a tag on a file system
 * @path: A path on the file system.
 * @tag: The tag.
 *
 * Return: 0; -EINVAL for a bad tag, -EOPNOTSUPP without project quotas,
 * -EEXIST if registered, -ENOMEM.
 */
int vx_dlimit_add(const struct path *path, u32 tag)
{
	struct super_block *sb = dlimit_sb(path, tag);
	struct vx_dlimit *dl;
	int err = 0;

	if (IS_ERR(sb))
		return PTR_ERR(sb);
	dl = kzalloc(sizeof(*dl), GFP_KERNEL);
	if (!dl)
		return -ENOMEM;
	dl->dev = sb->s_dev;
	dl->tag = tag;
	mutex_lock(&vx_dlimit_lock);
	if (dlimit_find(dl->dev, tag)) {
		err = -EEXIST;
	} else {
		list_add(&dl->list, &vx_dlimits);
		dl = NULL;
	}
	mutex_unlock(&vx_dlimit_lock);
	kfree(dl);
	return err;
}

/*
 * Sets the hard limits of the project @tag (bytes and inodes, 0 for
 * none; U64_MAX leaves one as it is), as Q_SETQUOTA does.
 */
static int dlimit_set_quota(const struct path *path, u32 tag, u64 space,
			    u64 inodes)
{
	struct super_block *sb = path->mnt->mnt_sb;
	struct qc_dqblk q = { .d_fieldmask = 0 };
	struct kqid qid = make_kqid_projid(make_kprojid(&init_user_ns, tag));
	int err;

	if (space != U64_MAX) {
		q.d_fieldmask |= QC_SPC_HARD;
		q.d_spc_hardlimit = space;
	}
	if (inodes != U64_MAX) {
		q.d_fieldmask |= QC_INO_HARD;
		q.d_ino_hardlimit = inodes;
	}
	if (!q.d_fieldmask)
		return 0;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	down_read(&sb->s_umount);
	err = sb->s_root ? sb->s_qcop->set_dqblk(sb, qid, &q) : -ENODEV;
	up_read(&sb->s_umount);
	mnt_drop_write(path->mnt);
	return err;
}

/**
 * vx_dlimit_rem - Remove the disk limit of a tag on a file system
 * @path: A path on the file system.
 * @tag: The tag.
 *
 * Clears the project's hard limits; its usage stays counted.
 *
 * Return: 0; -EINVAL, -EOPNOTSUPP as vx_dlimit_add(), -ESRCH if not
 * registered, or the error of the quota operation.
 */
int vx_dlimit_rem(const struct path *path, u32 tag)
{
	struct super_block *sb = dlimit_sb(path, tag);
	struct vx_dlimit *dl;

	if (IS_ERR(sb))
		return PTR_ERR(sb);
	mutex_lock(&vx_dlimit_lock);
	dl = dlimit_find(sb->s_dev, tag);
	if (dl)
		list_del(&dl->list);
	mutex_unlock(&vx_dlimit_lock);
	if (!dl)
		return -ESRCH;
	kfree(dl);
	return dlimit_set_quota(path, tag, 0, 0);
}

/* The shift of a space field's unit: KiB, or its exponent with SHIFT. */
static unsigned int dlimit_shift(u32 flags, unsigned int field)
{
	if (!(flags & DLIMF_SHIFT))
		return 10;
	return 10 * ((flags >> field) & 3);
}

/* A limit from user space: U64_MAX to keep, 0 for none. */
static u64 dlimit_in(u32 value, unsigned int shift)
{
	if (value == CDLIM_KEEP)
		return U64_MAX;
	if (value == CDLIM_INFINITY)
		return 0;
	return (u64)value << shift;
}

/* A value to user space, rounded up; a limit of 0 is none. */
static u32 dlimit_out(u64 value, unsigned int shift, bool limit)
{
	u64 v = (value + (1ULL << shift) - 1) >> shift;

	if (limit && !value)
		return CDLIM_INFINITY;
	return min_t(u64, v, CDLIM_KEEP - 1);
}

#define DLIMF_VALID	(DLIMF_SHIFT | (3 << DLIMS_USED) | (3 << DLIMS_TOTAL))

/*
 * The super block of the registered disk limit of @tag on the file system
 * of @path.  *@reserved, unless CDLIM_KEEP, becomes the limit's reserved
 * percentage; then it is set to that percentage.  ERR_PTR as
 * dlimit_sb(), or ERR_PTR(-ESRCH) if the limit is not registered.
 */
static struct super_block *dlimit_entry(const struct path *path, u32 tag,
					u32 *reserved)
{
	struct super_block *sb = dlimit_sb(path, tag);
	struct vx_dlimit *dl;

	if (IS_ERR(sb))
		return sb;
	mutex_lock(&vx_dlimit_lock);
	dl = dlimit_find(sb->s_dev, tag);
	if (dl && *reserved != CDLIM_KEEP)
		dl->reserved = *reserved;
	if (dl)
		*reserved = dl->reserved;
	mutex_unlock(&vx_dlimit_lock);
	return dl ? sb : ERR_PTR(-ESRCH);
}

/**
 * vx_dlimit_set - Set the disk limit of a tag on a file system
 * @path: A path on the file system.
 * @tag: The tag.
 * @arg: The limits, in the units of @arg->flags (struct
 *       vcmd_ctx_dlimit_v0); the used fields are ignored.
 *
 * Return: 0; -EINVAL for a bad tag, flag or percentage, -EOPNOTSUPP,
 * -ESRCH if not registered, or the error of the quota operation.
 */
int vx_dlimit_set(const struct path *path, u32 tag,
		  const struct vcmd_ctx_dlimit_v0 *arg)
{
	u32 reserved = arg->reserved;
	struct super_block *sb;

	if ((arg->flags & ~DLIMF_VALID) ||
	    (reserved > 100 && reserved != CDLIM_KEEP))
		return -EINVAL;
	sb = dlimit_entry(path, tag, &reserved);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	return dlimit_set_quota(path, tag,
				dlimit_in(arg->space_total,
					  dlimit_shift(arg->flags, DLIMS_TOTAL)),
				dlimit_in(arg->inodes_total, 0));
}

/**
 * vx_dlimit_get - Read the disk limit and usage of a tag
 * @path: A path on the file system.
 * @tag: The tag.
 * @arg: Filled in, in the units of @arg->flags, which the caller set.
 *
 * Return: 0; errors as vx_dlimit_set().
 */
int vx_dlimit_get(const struct path *path, u32 tag,
		  struct vcmd_ctx_dlimit_v0 *arg)
{
	struct kqid qid = make_kqid_projid(make_kprojid(&init_user_ns, tag));
	u32 reserved = CDLIM_KEEP;
	struct super_block *sb;
	struct qc_dqblk q;
	int err;

	if (arg->flags & ~DLIMF_VALID)
		return -EINVAL;
	sb = dlimit_entry(path, tag, &reserved);
	if (IS_ERR(sb))
		return PTR_ERR(sb);
	down_read(&sb->s_umount);
	err = sb->s_root ? sb->s_qcop->get_dqblk(sb, qid, &q) : -ENODEV;
	up_read(&sb->s_umount);
	if (err)
		return err;
	arg->space_used = dlimit_out(q.d_space,
				     dlimit_shift(arg->flags, DLIMS_USED), false);
	arg->space_total = dlimit_out(q.d_spc_hardlimit,
				      dlimit_shift(arg->flags, DLIMS_TOTAL),
				      true);
	arg->inodes_used = dlimit_out(q.d_ino_count, 0, false);
	arg->inodes_total = dlimit_out(q.d_ino_hardlimit, 0, true);
	arg->reserved = reserved;
	return 0;
}

/**
 * vx_tag_migrate - Set the tag of the current task
 * @tag: The tag, masked to 16 bits as in vs2.3; 0 for the context id.
 */
void vx_tag_migrate(u32 tag)
{
	WRITE_ONCE(vserver_task(current)->tag, tag & 0xFFFF);
}

/**
 * vserver_inode_tag - The project id of the files the caller creates
 *
 * Called by XFS (xfs_get_initial_prid(), for every new inode in a
 * directory, also to pick the project quota charged for it): a guest's
 * files are charged to it wherever it creates them.
 *
 * Return: the caller's tag, or 0 to leave the choice to the file
 * system (the parent's project with PROJINHERIT, else the default).
 */
u32 vserver_inode_tag(void)
{
	return task_tag(current);
}
EXPORT_SYMBOL_GPL(vserver_inode_tag);

/**
 * vserver_new_inode_projid - The project of a file the caller creates
 * @projid: The project the file system chose (the parent's with
 *          PROJINHERIT, else the default); replaced by the caller's tag.
 *
 * Called by ext4 for every new inode of a file system with the project
 * feature: a guest's files are charged to it wherever it creates them.
 */
void vserver_new_inode_projid(kprojid_t *projid)
{
	u32 tag = vserver_inode_tag();

	if (tag)
		*projid = make_kprojid(&init_user_ns, tag);
}
EXPORT_SYMBOL_GPL(vserver_new_inode_projid);

/**
 * vserver_reserve_denied - Whether the caller may not pass quota or
 * reserve checks by its privileges
 *
 * Called where a file system lets CAP_SYS_RESOURCE (or the reserve's
 * owner, root) pass a quota hard limit or use the blocks reserved for
 * root: a guest's root is not the host's.
 *
 * Return: true for a guest's task.
 */
bool vserver_reserve_denied(void)
{
	return current_xid() > 1;
}
EXPORT_SYMBOL_GPL(vserver_reserve_denied);

/* The project and PROJINHERIT of @path, as FS_IOC_FSGETXATTR shows it. */
static bool dlimit_is_project_dir(const struct path *path, u32 tag)
{
	struct fileattr fa;

	if (vfs_fileattr_get(path->dentry, &fa))
		return false;
	return fa.fsx_projid == tag && (fa.fsx_xflags & FS_XFLAG_PROJINHERIT);
}

/**
 * vserver_statfs - Apply the reserved percentage of a disk limit
 * @path: The path statfs() was called on.
 * @buf: What the file system reported: for a PROJINHERIT directory of a
 *       project with a limit, the project's limit and usage.
 *
 * For a tagged caller on a directory of its own project whose limit has
 * a reserved percentage, that part of the limit is not available.
 */
void vserver_statfs(const struct path *path, struct kstatfs *buf)
{
	u32 tag = task_tag(current);
	struct vx_dlimit *dl;
	u64 reserve;
	u32 reserved = 0;

	if (!tag)
		return;
	mutex_lock(&vx_dlimit_lock);
	dl = dlimit_find(path->mnt->mnt_sb->s_dev, tag);
	if (dl)
		reserved = dl->reserved;
	mutex_unlock(&vx_dlimit_lock);
	if (!reserved || !dlimit_is_project_dir(path, tag))
		return;
	reserve = div_u64(buf->f_blocks * reserved, 100);
	buf->f_bavail = buf->f_bfree > reserve ? buf->f_bfree - reserve : 0;
}
EXPORT_SYMBOL_GPL(vserver_statfs);

/**
 * vserver_fileattr_set - Whether a file attribute change is refused
 * @old: The file's attributes, read under the inode lock.
 * @fa: The new attributes, completed from @old as vfs_fileattr_set()
 *      does for the bits the caller did not give.
 *
 * Called by vfs_fileattr_set() (FS_IOC_SETFLAGS, FS_IOC_FSSETXATTR and
 * the kernel's own callers) under the inode lock, after the VFS's checks
 * and before the file system changes anything, so what is checked is
 * what the file system sets.  Any owner may set project ids and
 * PROJINHERIT in the initial user namespace: a guest's task may change
 * neither (its usage would leave its limit); its other flags work as
 * before.
 *
 * Return: 0, or -EPERM to refuse the change.
 */
int vserver_fileattr_set(const struct fileattr *old,
			 const struct fileattr *fa)
{
	if (current_xid() <= 1)
		return 0;
	if (old->fsx_projid != fa->fsx_projid ||
	    ((old->fsx_xflags ^ fa->fsx_xflags) & FS_XFLAG_PROJINHERIT))
		return -EPERM;
	return 0;
}
EXPORT_SYMBOL_GPL(vserver_fileattr_set);

/* Quota commands that only read. */
static bool quotactl_reads(int cmds)
{
	switch (cmds) {
	case Q_GETFMT:
	case Q_GETINFO:
	case Q_GETQUOTA:
	case Q_GETNEXTQUOTA:
	case Q_XGETQSTAT:
	case Q_XGETQSTATV:
	case Q_XGETQUOTA:
	case Q_XGETNEXTQUOTA:
	case Q_SYNC:
	case Q_XQUOTASYNC:
		return true;
	}
	return false;
}

static int hook_quotactl(int cmds, int type, int id,
			 const struct super_block *sb)
{
	if (current_xid() > 1 && !quotactl_reads(cmds))
		return -EPERM;
	return 0;
}

static int hook_quota_on(struct dentry *dentry)
{
	return current_xid() > 1 ? -EPERM : 0;
}

static struct security_hook_list vserver_dlimit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(quotactl, hook_quotactl),
	LSM_HOOK_INIT(quota_on, hook_quota_on),
};

/**
 * vserver_add_dlimit_hooks - Register the hooks that guard quotas
 */
void __init vserver_add_dlimit_hooks(void)
{
	security_add_hooks(vserver_dlimit_hooks,
			   ARRAY_SIZE(vserver_dlimit_hooks), &vserver_lsmid);
}
