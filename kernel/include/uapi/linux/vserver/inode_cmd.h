/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Inode attribute commands and the task tag commands
 */

#ifndef _UAPI_LINUX_VSERVER_INODE_CMD_H
#define _UAPI_LINUX_VSERVER_INODE_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

/**
 * DOC: inode attributes
 *
 * Bits of the @flags and @mask fields of the iattr commands:
 *
 * - %IATTR_TAG: the @tag field.  A file's tag is its project id
 *   (dlimit_cmd.h), as FS_IOC_FSGETXATTR/FSSETXATTR (lsattr -p, chattr
 *   -p) read and set it: get reports it (in @flags and @mask) on a file
 *   system with project ids (ext4, XFS), set changes it there (the
 *   file's other attributes kept) and fails with ``-EINVAL`` elsewhere;
 * - %IATTR_ADMIN, %IATTR_WATCH, %IATTR_HIDE: visibility of a /proc entry
 *   to the host, the spectator and guests.  Every /proc entry is shown to
 *   the host and the spectator; clearing %IATTR_HIDE is accepted (entries
 *   are not hidden by default), setting it fails with ``-EINVAL``;
 * - %IATTR_BARRIER: the chroot barrier of a directory.  Every guest's
 *   root is a barrier for '..' (a guest never walks above its root), so
 *   setting or clearing the bit on a directory is accepted and changes
 *   nothing; it is reported as clear;
 * - %IATTR_IMMUTABLE: the inode's immutable flag (as ``chattr +i``),
 *   needs %CAP_LINUX_IMMUTABLE;
 * - %IATTR_IXUNLINK, %IATTR_COW: "immutable but unlinkable" and
 *   copy-on-write link breaking (unified guests) need file system support
 *   this kernel does not have: setting them fails with ``-EINVAL``.
 */
#define IATTR_TAG		0x01000000
#define IATTR_ADMIN		0x00000001
#define IATTR_WATCH		0x00000002
#define IATTR_HIDE		0x00000004
#define IATTR_FLAGS		0x00000007
#define IATTR_BARRIER		0x00010000
#define IATTR_IXUNLINK		0x00020000
#define IATTR_IMMUTABLE		0x00040000
#define IATTR_COW		0x00080000

#define VCMD_get_iattr		VC_CMD(INODE, 1, 1)
#define VCMD_set_iattr		VC_CMD(INODE, 2, 1)
#define VCMD_fget_iattr		VC_CMD(INODE, 3, 0)
#define VCMD_fset_iattr		VC_CMD(INODE, 4, 0)

/**
 * struct vcmd_ctx_iattr_v1 - Argument of ``get_iattr``/``set_iattr``
 * @name: Path of the file; a final symbolic link is not followed.
 * @tag: The file's tag (0: untagged).
 * @flags: IATTR_* values (get: the attributes; set: the new values of
 *         the bits in @mask).
 * @mask: IATTR_* bits (get: the bits this kernel reports for the file;
 *        set: the bits to change).
 * @pad: Zero; the padding of the vs2.3 layout (24 bytes) made explicit.
 */
struct vcmd_ctx_iattr_v1 {
	__u64 name;
	__u32 tag;
	__u32 flags;
	__u32 mask;
	__u32 pad;
};

/**
 * struct vcmd_ctx_fiattr_v0 - Argument of ``fget_iattr``/``fset_iattr``
 * @tag: As in struct vcmd_ctx_iattr_v1.
 * @flags: As in struct vcmd_ctx_iattr_v1.
 * @mask: As in struct vcmd_ctx_iattr_v1.
 *
 * The file is the descriptor passed as the id.
 */
struct vcmd_ctx_fiattr_v0 {
	__u32 tag;
	__u32 flags;
	__u32 mask;
};

/**
 * DOC: tags
 *
 * A task's tag is the project id its new files get on a file system
 * with project quotas (dlimit_cmd.h): the context id of a guest's task,
 * 0 (the file system's choice) for the host and the spectator, unless
 * ``tag_migrate`` set one.
 *
 * ``VCMD_task_tag`` (46/3/0): the tag of the task with pid @id (0: the
 * caller).
 *
 * ``VCMD_tag_migrate`` (35/1/0): sets the caller's tag to @id masked to
 * 16 bits (0: back to the context id), from the host only; it is
 * inherited at fork and kept when the task enters a context.
 */
#define VCMD_task_tag		VC_CMD(VINFO, 3, 0)
#define VCMD_tag_migrate	VC_CMD(TAGMIG, 1, 0)

#endif /* _UAPI_LINUX_VSERVER_INODE_CMD_H */
