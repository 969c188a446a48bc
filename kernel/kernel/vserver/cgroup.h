/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Memory and CPU of a context, through its cgroups
 */

#ifndef _KERNEL_VSERVER_CGROUP_H
#define _KERNEL_VSERVER_CGROUP_H

#include <linux/types.h>

struct vx_info;

/* The period of the CPU cap, in microseconds (cpu.max's default). */
#define VX_SCHED_PERIOD_US	100000

/**
 * struct vx_sched - The scheduler settings of a context
 * @fill_rate: With @interval, the CPU cap: @fill_rate / @interval of one
 *             CPU (1/1 or more: none).
 * @interval: See @fill_rate.
 * @prio_bias: The CPU share, as a nice level.
 */
struct vx_sched {
	s32 fill_rate;
	s32 interval;
	s32 prio_bias;
};

void vx_cgroup_init(struct vx_info *vxi);
void vx_cgroup_release(struct vx_info *vxi);
int vx_rss_set(struct vx_info *vxi, u64 pages);
long vx_rss_stat(const struct vx_info *vxi, long *max, long *hits);
void vx_rss_reset_max(struct vx_info *vxi);
int vx_sched_set(struct vx_info *vxi, const struct vx_sched *s);

#endif /* _KERNEL_VSERVER_CGROUP_H */
