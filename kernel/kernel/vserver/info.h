/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - API version and kernel configuration word
 */

#ifndef _KERNEL_VSERVER_INFO_H
#define _KERNEL_VSERVER_INFO_H

#include <linux/types.h>

/*
 * VCI_VERSION - the API version returned by VCMD_get_version.
 *
 * 0x00020309 is API 2.3.9: the vs2.3 ABI (0x000203xx) so that util-vserver
 * selects its vs2.3 code paths, one step above the last historical
 * release (2.3.8).
 */
#define VCI_VERSION 0x00020309

u32 vserver_vci(void);

#endif /* _KERNEL_VSERVER_INFO_H */
