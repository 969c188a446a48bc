/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The bounding set of a context
 */

#ifndef _KERNEL_VSERVER_CAPS_H
#define _KERNEL_VSERVER_CAPS_H

#include "context.h"

struct cred;

void vx_commit_clamped_creds(const struct vx_info *vxi, struct cred *new);
int vx_migrate_clamped(struct vx_info *vxi);
void vserver_add_caps_hooks(void);

#endif /* _KERNEL_VSERVER_CAPS_H */
