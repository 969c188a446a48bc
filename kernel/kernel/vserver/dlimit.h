/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Tags and disk limits on project quotas
 */

#ifndef _KERNEL_VSERVER_DLIMIT_H
#define _KERNEL_VSERVER_DLIMIT_H

#include <linux/types.h>

struct path;
struct vcmd_ctx_dlimit_v0;

int vx_dlimit_add(const struct path *path, u32 tag);
int vx_dlimit_rem(const struct path *path, u32 tag);
int vx_dlimit_set(const struct path *path, u32 tag,
		  const struct vcmd_ctx_dlimit_v0 *arg);
int vx_dlimit_get(const struct path *path, u32 tag,
		  struct vcmd_ctx_dlimit_v0 *arg);
void vx_tag_migrate(u32 tag);
void vserver_add_dlimit_hooks(void);

#endif /* _KERNEL_VSERVER_DLIMIT_H */
