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

#endif /* _KERNEL_VSERVER_LSM_H */
