/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Disk limit commands
 */

#ifndef _UAPI_LINUX_VSERVER_DLIMIT_CMD_H
#define _UAPI_LINUX_VSERVER_DLIMIT_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

/**
 * DOC: disk limits
 *
 * A disk limit is the project quota of a tag on the file system of a
 * path: the @id of every command is the tag (the project id; a guest's
 * tag is its context id unless ``tag_migrate`` set another one).  The
 * file system counts the usage; the commands set and read the hard
 * limits of the project with the quota operations, as quotactl(2) does.
 * The file system must have project quotas turned on and enforced
 * (ext4 with the project feature mounted with prjquota, XFS with
 * pquota); on any other the commands fail with ``-EOPNOTSUPP``.
 *
 * ``VCMD_add_dlimit`` (36/1/0) registers the limit of (file system, tag)
 * without changing the quota (``-EEXIST`` if it is registered);
 * ``VCMD_rem_dlimit`` (36/2/0) removes it and clears the project's hard
 * limits (``-ESRCH`` if it is not registered).  ``VCMD_set_dlimit``
 * (36/5/0) sets the limits of a registered one, ``VCMD_get_dlimit``
 * (36/6/0) reads them and the usage (``-ESRCH`` if not registered).
 * Both need the host and CAP_SYS_ADMIN; add, rem and set CAP_SYS_RESOURCE
 * too.  Other errors: ``-EFAULT`` (NULL or bad @data), ``-ENOENT`` and
 * the other errors of a path lookup, ``-EINVAL`` (a tag of 0 or above
 * 65535, a reserved percentage above 100, unknown @flags bits).
 */
#define VCMD_add_dlimit		VC_CMD(DLIMIT, 1, 0)
#define VCMD_rem_dlimit		VC_CMD(DLIMIT, 2, 0)
#define VCMD_set_dlimit		VC_CMD(DLIMIT, 5, 0)
#define VCMD_get_dlimit		VC_CMD(DLIMIT, 6, 0)

/* Values of the limit fields */
#define CDLIM_UNSET		0U
#define CDLIM_INFINITY		0xFFFFFFFFU
#define CDLIM_KEEP		0xFFFFFFFEU

/*
 * Units: without %DLIMF_SHIFT, space is in KiB.  With it, two bits at
 * %DLIMS_USED give the exponent of @space_used and two at %DLIMS_TOTAL
 * that of @space_total (DLIME_*: bytes, KiB, MiB, GiB).
 */
#define DLIMF_SHIFT		0x10
#define DLIMS_USED		0
#define DLIMS_TOTAL		2
#define DLIME_UNIT		0
#define DLIME_KILO		1
#define DLIME_MEGA		2
#define DLIME_GIGA		3

/**
 * struct vcmd_ctx_dlimit_base_v0 - Argument of ``add_dlimit``/``rem_dlimit``
 * @name: Path of a file on the file system (usually its mount point or
 *        the guest's root); symbolic links are followed.
 * @flags: Zero.
 * @pad: Zero; the padding of the vs2.3 layout (16 bytes) made explicit.
 */
struct vcmd_ctx_dlimit_base_v0 {
	__u64 name;
	__u32 flags;
	__u32 pad;
};

/**
 * struct vcmd_ctx_dlimit_v0 - Argument of ``set_dlimit``/``get_dlimit``
 * @name: As in struct vcmd_ctx_dlimit_base_v0.
 * @space_used: The project's usage (get; ignored by set: the file system
 *              counts it).
 * @space_total: The space hard limit; %CDLIM_INFINITY (or 0) for none,
 *               %CDLIM_KEEP (set) to leave it.
 * @inodes_used: The project's inodes (get; ignored by set).
 * @inodes_total: The inode hard limit, the same way.
 * @reserved: Percent of @space_total that statfs() inside the tag does
 *            not report as available (as a file system's root reserve);
 *            %CDLIM_KEEP to leave it.
 * @flags: %DLIMF_SHIFT and the exponents, or 0 for KiB.
 */
struct vcmd_ctx_dlimit_v0 {
	__u64 name;
	__u32 space_used;
	__u32 space_total;
	__u32 inodes_used;
	__u32 inodes_total;
	__u32 reserved;
	__u32 flags;
};

#endif /* _UAPI_LINUX_VSERVER_DLIMIT_CMD_H */
