// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - information about tasks and contexts
 */

#include "vserver.h"

int vc_task_xid(pid_t pid)
{
	return (int)vc_syscall(VCMD_task_xid, (uint32_t)pid, NULL);
}

int vc_vx_info(uint32_t xid, struct vc_vx_info *info)
{
	struct vcmd_vx_info_v0 data = { .xid = 0, .initpid = 0 };

	if (vc_syscall(VCMD_vx_info, xid, &data) == -1)
		return -1;
	info->xid = data.xid;
	info->initpid = data.initpid;
	return 0;
}

int vc_ctx_stat(uint32_t xid, struct vc_ctx_stat *stat)
{
	struct vcmd_ctx_stat_v0 data = { .usecnt = 0, .tasks = 0 };

	if (vc_syscall(VCMD_ctx_stat, xid, &data) == -1)
		return -1;
	stat->usecnt = data.usecnt;
	stat->tasks = data.tasks;
	return 0;
}

int vc_virt_stat(uint32_t xid, struct vc_virt_stat *stat)
{
	struct vcmd_virt_stat_v0 data = { .offset = 0 };
	int i;

	if (vc_syscall(VCMD_virt_stat, xid, &data) == -1)
		return -1;
	stat->offset = data.offset;
	stat->uptime = data.uptime;
	stat->nr_threads = data.nr_threads;
	stat->nr_running = data.nr_running;
	stat->nr_uninterruptible = data.nr_uninterruptible;
	stat->nr_onhold = data.nr_onhold;
	stat->nr_forks = data.nr_forks;
	for (i = 0; i < 3; i++)
		stat->load[i] = data.load[i];
	return 0;
}
