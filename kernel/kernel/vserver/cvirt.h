/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Virtualised uptime and load average
 */

#ifndef _KERNEL_VSERVER_CVIRT_H
#define _KERNEL_VSERVER_CVIRT_H

#include <linux/types.h>

struct vx_info;

/**
 * struct vx_cvirt_stat - A snapshot of a context's counters
 * @uptime: Nanoseconds since the context was created.
 * @nr_threads: Tasks.
 * @nr_running: Runnable tasks at the last load sample.
 * @nr_unintr: Tasks in uninterruptible sleep at the last load sample.
 * @nr_forks: Forks since creation.
 * @load_updates: Load samples taken.
 * @load: Load averages, FSHIFT fixed point.
 */
struct vx_cvirt_stat {
	u64 uptime;
	u32 nr_threads;
	u32 nr_running;
	u32 nr_unintr;
	u32 nr_forks;
	u32 load_updates;
	unsigned long load[3];
};

void vx_cvirt_stat(const struct vx_info *vxi, struct vx_cvirt_stat *stat);

#endif /* _KERNEL_VSERVER_CVIRT_H */
