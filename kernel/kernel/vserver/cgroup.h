/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The memory and cpu cgroups of a context
 */

#ifndef _KERNEL_VSERVER_CGROUP_H
#define _KERNEL_VSERVER_CGROUP_H

#include <linux/types.h>

struct vx_info;

struct cgroup_subsys_state;
struct mem_cgroup;

void vx_cgroup_init(struct vx_info *vxi);
struct cgroup_subsys_state *vx_own_css(struct cgroup_subsys_state *css);
struct mem_cgroup *vx_memcg(const struct vx_info *vxi);
void vx_cgroup_release(struct vx_info *vxi);
int vx_rss_set(struct vx_info *vxi, u64 pages);
long vx_rss_stat(const struct vx_info *vxi, long *max, long *hits);
void vx_rss_reset_max(struct vx_info *vxi);

#endif /* _KERNEL_VSERVER_CGROUP_H */
