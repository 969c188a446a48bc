/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - CPU scheduling commands (the vs2.2 set_sched v5 interface)
 */

#ifndef _UAPI_LINUX_VSERVER_SCHED_CMD_H
#define _UAPI_LINUX_VSERVER_SCHED_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

/**
 * DOC: scheduler commands
 *
 * The vs2.2 token bucket is mapped onto the cpu cgroup of the context:
 * @fill_rate[0] / @interval[0] is the CPU cap, as a fraction of one CPU
 * in total (cpu.max; 1/1 or more: no cap), and @prio_bias the CPU share,
 * as the weight of that nice level against the host's tasks at nice 0
 * (cpu.weight).  The token counts, the second rate (idle time), the cpu
 * and bucket ids are accepted and ignored.
 */
#define VCMD_set_sched		VC_CMD(SCHED, 1, 5)
#define VCMD_get_sched		VC_CMD(SCHED, 2, 5)
#define VCMD_sched_info		VC_CMD(SCHED, 3, 0)

#define VXSM_FILL_RATE		0x0001
#define VXSM_INTERVAL		0x0002
#define VXSM_FILL_RATE2		0x0004
#define VXSM_INTERVAL2		0x0008
#define VXSM_TOKENS		0x0010
#define VXSM_TOKENS_MIN		0x0020
#define VXSM_TOKENS_MAX		0x0040
#define VXSM_PRIO_BIAS		0x0100
#define VXSM_IDLE_TIME		0x0200
#define VXSM_FORCE		0x0400
#define VXSM_CPU_ID		0x1000
#define VXSM_BUCKET_ID		0x2000
#define VXSM_MSEC		0x4000

/*
 * A rate or interval that set_sched leaves as it is; @prio_bias is kept
 * only by leaving %VXSM_PRIO_BIAS out of the mask (-2 is a valid bias).
 */
#define SCHED_KEEP		(-2)

/**
 * struct vcmd_sched_v5 - Argument of ``set_sched`` and ``get_sched``
 * @mask: The fields set (VXSM_*).
 * @cpu_id: The CPU of per-CPU settings (ignored).
 * @bucket_id: The bucket (ignored).
 * @fill_rate: Tokens per interval; [0] with @interval[0] is the cap.
 * @interval: The interval, in jiffies (or ms with %VXSM_MSEC).
 * @tokens: Current tokens (ignored).
 * @tokens_min: Tokens to resume (ignored).
 * @tokens_max: Bucket size (ignored).
 * @prio_bias: The CPU share, as a nice level (-20..19).
 */
struct vcmd_sched_v5 {
	__u32 mask;
	__s32 cpu_id;
	__s32 bucket_id;
	__s32 fill_rate[2];
	__s32 interval[2];
	__s32 tokens;
	__s32 tokens_min;
	__s32 tokens_max;
	__s32 prio_bias;
};

/**
 * struct vcmd_sched_info - Answer of ``sched_info``
 * @cpu_id: The CPU asked for (-1: all; only -1 is supported).
 * @bucket_id: The bucket (0).
 * @user_msec: User time of the context's live tasks, ms.
 * @sys_msec: System time of the context's live tasks, ms.
 * @hold_msec: Time the cap held the context back, ms.
 * @token_usec: Microseconds per token: the CPU time one token of
 *              @fill_rate stands for.
 * @vavavoom: Unused, 0.
 */
struct vcmd_sched_info {
	__s32 cpu_id;
	__s32 bucket_id;
	__u64 user_msec;
	__u64 sys_msec;
	__u64 hold_msec;
	__u32 token_usec;
	__s32 vavavoom;
};

#define VCMD_set_prio_bias	VC_CMD(SCHED, 4, 0)
#define VCMD_get_prio_bias	VC_CMD(SCHED, 5, 0)

/**
 * struct vcmd_prio_bias - Argument of ``set_prio_bias``/``get_prio_bias``
 * @cpu_id: -1 (all CPUs): the bias is per context, not per CPU; get
 *          accepts any possible CPU and answers the context's bias.
 * @prio_bias: The CPU share, as a nice level; set clamps it to -20..19.
 */
struct vcmd_prio_bias {
	__s32 cpu_id;
	__s32 prio_bias;
};

#endif /* _UAPI_LINUX_VSERVER_SCHED_CMD_H */
