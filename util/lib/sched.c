// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the CPU scheduler of a context: set_sched v5, get_sched v5
 * and sched_info
 */

#include <string.h>

#include "vserver.h"

/* What set_sched reads of a field left out of the mask: "keep it". */
static int32_t field(const struct vc_sched *s, uint32_t bits, int32_t value)
{
	return (s->mask & bits) ? value : VC_SCHED_KEEP;
}

int vc_set_sched(uint32_t xid, const struct vc_sched *sched)
{
	struct vcmd_sched_v5 data;

	memset(&data, 0, sizeof(data));
	data.mask = sched->mask;
	data.cpu_id = field(sched, VXSM_CPU_ID, sched->cpu_id);
	data.bucket_id = field(sched, VXSM_BUCKET_ID, sched->bucket_id);
	data.fill_rate[0] = field(sched, VXSM_FILL_RATE, sched->fill_rate);
	data.fill_rate[1] = field(sched, VXSM_FILL_RATE2, sched->fill_rate2);
	data.interval[0] = field(sched, VXSM_INTERVAL, sched->interval);
	data.interval[1] = field(sched, VXSM_INTERVAL2, sched->interval2);
	data.tokens = field(sched, VXSM_TOKENS, sched->tokens);
	data.tokens_min = field(sched, VXSM_TOKENS_MIN, sched->tokens_min);
	data.tokens_max = field(sched, VXSM_TOKENS_MAX, sched->tokens_max);
	data.prio_bias = field(sched, VXSM_PRIO_BIAS, sched->prio_bias);
	return (int)vc_syscall(VCMD_set_sched, xid, &data);
}

int vc_get_sched(uint32_t xid, struct vc_sched *sched)
{
	struct vcmd_sched_v5 data;

	memset(&data, 0, sizeof(data));
	data.cpu_id = sched->cpu_id;
	data.bucket_id = sched->bucket_id;
	if (vc_syscall(VCMD_get_sched, xid, &data) == -1)
		return -1;
	sched->mask = data.mask;
	sched->cpu_id = data.cpu_id;
	sched->bucket_id = data.bucket_id;
	sched->fill_rate = data.fill_rate[0];
	sched->fill_rate2 = data.fill_rate[1];
	sched->interval = data.interval[0];
	sched->interval2 = data.interval[1];
	sched->tokens = data.tokens;
	sched->tokens_min = data.tokens_min;
	sched->tokens_max = data.tokens_max;
	sched->prio_bias = data.prio_bias;
	return 0;
}

int vc_sched_info(uint32_t xid, struct vc_sched_info *info)
{
	struct vcmd_sched_info data;

	memset(&data, 0, sizeof(data));
	data.cpu_id = info->cpu_id;
	data.bucket_id = info->bucket_id;
	if (vc_syscall(VCMD_sched_info, xid, &data) == -1)
		return -1;
	info->cpu_id = data.cpu_id;
	info->bucket_id = data.bucket_id;
	info->user_msec = data.user_msec;
	info->sys_msec = data.sys_msec;
	info->hold_msec = data.hold_msec;
	info->token_usec = data.token_usec;
	return 0;
}
