/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Common definitions of the subsystem's own files
 */

#ifndef _KERNEL_VSERVER_COMMON_H
#define _KERNEL_VSERVER_COMMON_H

#define VSERVER_NAME "vserver"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) VSERVER_NAME ": " fmt

#endif /* _KERNEL_VSERVER_COMMON_H */
