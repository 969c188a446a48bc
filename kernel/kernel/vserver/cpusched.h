/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The CPU share and cap of a context
 */

#ifndef _KERNEL_VSERVER_CPUSCHED_H
#define _KERNEL_VSERVER_CPUSCHED_H

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

int vx_sched_set(struct vx_info *vxi, const struct vx_sched *s);
void vx_sched_get(struct vx_info *vxi, struct vx_sched *s);
int vx_sched_change(struct vx_info *vxi, u32 mask, s32 fill_rate,
		    s32 interval, s32 prio_bias);
int vx_sched_set_prio_bias(struct vx_info *vxi, s32 prio_bias);
void vx_cputime(struct vx_info *vxi, u64 *utime, u64 *stime);

#endif /* _KERNEL_VSERVER_CPUSCHED_H */
