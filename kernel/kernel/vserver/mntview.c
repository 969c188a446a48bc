// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The mounts a guest lists, relative to its root
 *
 * A guest's root is a directory of the host (/vservers/NAME) made the
 * root of its mount namespace by a bind mount.  The fourth field of
 * /proc/PID/mountinfo is the root of a mount inside its file system, so
 * it would show the guest the host's path of its root directory.  To a
 * task of a guest, a mount whose root lies below the caller's root
 * directory, in the same file system, is shown relative to that
 * directory; other mounts (from outside the guest's tree) as Linux
 * shows them.
 */

#include "common.h"

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/path.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vserver_netview.h>

#include "task.h"

/**
 * vserver_show_mnt_root - Show the root of a mount in mountinfo
 * @m: The mountinfo file.
 * @mnt: The mount shown.
 * @root: The root directory of the task that opened @m.
 *
 * Return: 0 if the field was written, 1 if the caller writes it as Linux
 * does, or a negative error.
 */
int vserver_show_mnt_root(struct seq_file *m, const struct vfsmount *mnt,
			  const struct path *root)
{
	const size_t half = PATH_MAX / 2;
	char *buf, *path, *rpath;
	size_t rlen;
	int ret = 1;

	if (!current_vx() || mnt->mnt_sb != root->mnt->mnt_sb ||
	    mnt->mnt_sb->s_op->show_path ||
	    !is_subdir(mnt->mnt_root, root->dentry))
		return 1;
	if (mnt->mnt_root == root->dentry) {
		seq_putc(m, '/');
		return 0;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	path = dentry_path_raw(mnt->mnt_root, buf, half);
	rpath = dentry_path_raw(root->dentry, buf + half, half);
	if (IS_ERR(path) || IS_ERR(rpath))
		goto out;
	rlen = strlen(rpath);
	if (rlen == 1)		/* the root of the file system */
		rlen = 0;
	if (strncmp(path, rpath, rlen) || path[rlen] != '/')
		goto out;
	seq_escape(m, path + rlen, " \t\n\\");
	ret = 0;
out:
	kfree(buf);
	return ret;
}
EXPORT_SYMBOL_GPL(vserver_show_mnt_root);
