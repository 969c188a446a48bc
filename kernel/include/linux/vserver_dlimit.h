/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Disk limits on project quotas: the file systems' hooks
 *
 * A guest's files are charged to its tag (its project id) wherever it
 * creates them (ext4, XFS); a guest cannot change a file's project id or
 * PROJINHERIT flag (vfs_fileattr_set()); a guest never uses the root reserve of a file system or
 * passes a quota hard limit by CAP_SYS_RESOURCE; statfs() inside a tag
 * honours the reserved percentage of its disk limit.
 */

#ifndef _LINUX_VSERVER_DLIMIT_H
#define _LINUX_VSERVER_DLIMIT_H

#include <linux/projid.h>
#include <linux/types.h>

struct fileattr;
struct kstatfs;
struct path;

#ifdef CONFIG_VSERVER

bool vserver_reserve_denied(void);
u32 vserver_inode_tag(void);
void vserver_new_inode_projid(kprojid_t *projid);
int vserver_fileattr_set(const struct fileattr *old,
			 const struct fileattr *fa);
void vserver_statfs(const struct path *path, struct kstatfs *buf);

#else /* !CONFIG_VSERVER */

static inline bool vserver_reserve_denied(void)
{
	return false;
}

static inline u32 vserver_inode_tag(void)
{
	return 0;
}

static inline void vserver_new_inode_projid(kprojid_t *projid)
{
}

static inline int vserver_fileattr_set(const struct fileattr *old,
				       const struct fileattr *fa)
{
	return 0;
}

static inline void vserver_statfs(const struct path *path,
				  struct kstatfs *buf)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_DLIMIT_H */
