/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Registration as a Linux security module
 */

#ifndef _KERNEL_VSERVER_LSM_H
#define _KERNEL_VSERVER_LSM_H

#include <linux/lsm_hooks.h>
#include <linux/types.h>

extern bool vserver_lsm_enabled;
extern const struct lsm_id vserver_lsmid;

struct vx_info;

/**
 * struct vserver_file - vserver's part of a file's security blob
 * @vxi: The context the file is charged to (limit.c), or NULL.
 * @fown_xid: The context of the task that last set the file's owner for
 *            SIGIO and SIGURG (F_SETOWN and its relatives), 0 for the
 *            host; written under the owner's lock, read locklessly.
 *
 * The blob is zeroed when the file is allocated and freed with it.
 */
struct vserver_file {
	struct vx_info *vxi;
	u32 fown_xid;
};

#endif /* _KERNEL_VSERVER_LSM_H */
