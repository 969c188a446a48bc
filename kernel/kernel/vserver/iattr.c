// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Inode attributes (get/set_iattr, fget/fset_iattr)
 *
 * The vs2.3 inode attributes, as far as today's kernel holds them:
 *
 * - IATTR_IMMUTABLE is the inode's immutable flag, read and changed
 *   through the file system's fileattr operations (as chattr +i does,
 *   with the same CAP_LINUX_IMMUTABLE check);
 * - IATTR_BARRIER: every guest's root stops '..' (hostfs.c), so a guest
 *   never walks above its root, which is what util-vserver's barrier on
 *   the parent of the guests' roots is for; setting or clearing it on a
 *   directory is accepted and changes nothing;
 * - IATTR_ADMIN/WATCH/HIDE: /proc entries are not hidden from guests by
 *   this attribute (the proc entries guests must not see are hidden by
 *   their own rules), so an entry is reported visible to the host and the
 *   spectator, and only requests that leave it visible are accepted;
 * - IATTR_TAG is the file's project id (dlimit.c: a tag is a project),
 *   read and set through the fileattr operations as FS_IOC_FSGETXATTR
 *   and FS_IOC_FSSETXATTR do (ext4, XFS), so chxid and lsxid work; on a
 *   file system without project ids it is not reported, and setting it
 *   fails with -EINVAL, as vs2.3 did on an untagged file system;
 * - IATTR_IXUNLINK, IATTR_COW need file system support (unification)
 *   that this kernel does not have: setting them fails with -EINVAL.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/fileattr.h>
#include <linux/magic.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/quota.h>
#include <uapi/linux/vserver/inode_cmd.h>

#include "iattr.h"

#define IATTR_KNOWN							\
	(IATTR_TAG | IATTR_FLAGS | IATTR_BARRIER | IATTR_IXUNLINK |	\
	 IATTR_IMMUTABLE | IATTR_COW)

static bool is_proc(const struct inode *inode)
{
	return inode->i_sb->s_magic == PROC_SUPER_MAGIC;
}

/*
 * Whether the file system of @path keeps project ids: ext4 and XFS
 * (ext4 without its project feature keeps every file in project 0).
 */
static bool has_projid(const struct path *path)
{
	return path->mnt->mnt_sb->s_quota_types & QTYPE_MASK_PRJ;
}

/**
 * vx_iattr_get - The attributes of a file
 * @path: The file.
 * @attr: Filled in: tag, flags and the mask of the bits reported.
 */
void vx_iattr_get(const struct path *path, struct vx_iattr *attr)
{
	const struct inode *inode = d_inode(path->dentry);
	struct fileattr fa = { .fsx_valid = true }; /* a hint */

	attr->tag = 0;
	attr->flags = 0;
	attr->mask = IATTR_IMMUTABLE | IATTR_IXUNLINK | IATTR_COW;
	if (has_projid(path) && !vfs_fileattr_get(path->dentry, &fa)) {
		attr->tag = fa.fsx_projid;
		attr->flags |= IATTR_TAG;
		attr->mask |= IATTR_TAG;
	}
	if (IS_IMMUTABLE(inode))
		attr->flags |= IATTR_IMMUTABLE;
	if (S_ISDIR(inode->i_mode))
		attr->mask |= IATTR_BARRIER;
	if (is_proc(inode)) {
		attr->flags |= IATTR_ADMIN | IATTR_WATCH;
		attr->mask |= IATTR_FLAGS;
	}
}

static int set_immutable(const struct path *path, bool on)
{
	struct dentry *dentry = path->dentry;
	struct fileattr fa;
	u32 flags;
	int err;

	err = vfs_fileattr_get(dentry, &fa);
	if (err)
		return err == -ENOIOCTLCMD ? -EINVAL : err;
	flags = fa.flags & ~FS_IMMUTABLE_FL;
	if (on)
		flags |= FS_IMMUTABLE_FL;
	if (flags == fa.flags)
		return 0;
	fileattr_fill_flags(&fa, flags);
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	err = vfs_fileattr_set(mnt_idmap(path->mnt), dentry, &fa);
	mnt_drop_write(path->mnt);
	return err == -ENOIOCTLCMD ? -EINVAL : err;
}

/*
 * Sets the project id of @path to @tag as FS_IOC_FSSETXATTR does, keeping
 * its other attributes (vfs_fileattr_set() refuses it to guests).
 */
static int set_tag(const struct path *path, u32 tag)
{
	struct dentry *dentry = path->dentry;
	struct fileattr old = { .fsx_valid = true }, fa;
	int err;

	if (!has_projid(path))
		return -EINVAL;
	err = vfs_fileattr_get(dentry, &old);
	if (err)
		return err == -ENOIOCTLCMD ? -EINVAL : err;
	if (old.fsx_projid == tag)
		return 0;
	fileattr_fill_xflags(&fa, old.fsx_xflags);
	fa.fsx_extsize = old.fsx_extsize;
	fa.fsx_cowextsize = old.fsx_cowextsize;
	fa.fsx_projid = tag;
	err = mnt_want_write(path->mnt);
	if (err)
		return err;
	err = vfs_fileattr_set(mnt_idmap(path->mnt), dentry, &fa);
	mnt_drop_write(path->mnt);
	/* ext4 without its project feature keeps every file in project 0. */
	return err == -ENOIOCTLCMD || err == -EOPNOTSUPP ? -EINVAL : err;
}

/**
 * vx_iattr_set - Change the attributes of a file
 * @path: The file.
 * @attr: The new values (@attr->flags) of the bits in @attr->mask.
 *
 * Every requested bit is checked before anything changes; the tag is
 * set before the immutable flag (an immutable file's project cannot
 * change).
 *
 * Return: 0; -EINVAL for an unknown bit, a tag on a file system without
 * project ids or out of their range, a proc visibility that
 * hides the entry, a barrier on a non-directory, IXUNLINK or COW set, or
 * an immutable flag the file system does not hold; the errors of
 * changing the tag or the immutable flag (-EPERM without
 * CAP_LINUX_IMMUTABLE, -EROFS ...).
 */
int vx_iattr_set(const struct path *path, const struct vx_iattr *attr)
{
	const struct inode *inode = d_inode(path->dentry);
	const u32 mask = attr->mask, set = attr->flags & mask;

	if (mask & ~IATTR_KNOWN)
		return -EINVAL;
	if ((mask & IATTR_TAG) && !has_projid(path))
		return -EINVAL;
	if (set & (IATTR_IXUNLINK | IATTR_COW))
		return -EINVAL;
	if ((mask & IATTR_FLAGS) && (!is_proc(inode) || (set & IATTR_HIDE)))
		return -EINVAL;
	if ((set & IATTR_BARRIER) && !S_ISDIR(inode->i_mode))
		return -EINVAL;
	if (mask & IATTR_TAG) {
		int err = set_tag(path, attr->tag);

		if (err)
			return err;
	}
	if (mask & IATTR_IMMUTABLE)
		return set_immutable(path, set & IATTR_IMMUTABLE);
	return 0;
}
