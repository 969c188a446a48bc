/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The guest's host identity (vhi names)
 */

#ifndef _KERNEL_VSERVER_UTS_H
#define _KERNEL_VSERVER_UTS_H

#include <linux/utsname.h>

struct vx_info;

int vx_get_vhi_name(struct vx_info *vxi, u32 field,
		    char name[__NEW_UTS_LEN + 1]);
int vx_set_vhi_name(struct vx_info *vxi, u32 field,
		    const char name[__NEW_UTS_LEN + 1]);

#endif /* _KERNEL_VSERVER_UTS_H */
