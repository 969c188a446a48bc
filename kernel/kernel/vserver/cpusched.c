// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The CPU share, cap and time of a context (set_sched,
 * prio_bias, sched_info)
 *
 * The vs2.3 token bucket is the cap of the context's cpu cgroup
 * (cpu.max: fill_rate / interval of one CPU), its priority bias the
 * cgroup's weight (cpu.weight of that nice level): the scheduler's own
 * group scheduling does the rest.  The settings last set are kept in
 * &vx_info.sched for get_sched, get_prio_bias and /proc.  The CPU time
 * of a context (sched_info) is summed over its own task list.
 */

#include "common.h"

#include <linux/cgroup.h>
#include <linux/minmax.h>
#include <linux/sched.h>
#include <linux/sched/cputime.h>
#include <linux/sched/prio.h>
#include <linux/vserver.h>
#include <uapi/linux/vserver/sched_cmd.h>

#include "cgroup.h"
#include "context.h"
#include "cpusched.h"
#include "task.h"

/*
 * Nice -20..19 as a cgroup weight: the scheduler's weights of the nice
 * levels (sched_prio_to_weight[]) in cpu.weight units (nice 0 = 100).
 */
static u64 bias_weight(int bias)
{
	static const u16 weights[NICE_WIDTH] = {
		8668, 7007, 5516, 4519, 3544, 2847, 2271, 1827, 1460, 1164,
		932, 744, 596, 479, 381, 305, 244, 194, 155, 125,
		100, 80, 64, 51, 41, 33, 27, 21, 17, 13,
		11, 8, 7, 5, 4, 4, 3, 2, 2, 1,
	};

	return weights[clamp(bias, MIN_NICE, MAX_NICE) - MIN_NICE];
}

/**
 * vx_sched_set - Set the CPU share and cap of a context
 * @vxi: The context.
 * @s: The new settings: the cap is @s->fill_rate / @s->interval of one
 *     CPU (1/1 or more: no cap), the share the weight of nice level
 *     @s->prio_bias against the host's tasks at nice 0.
 *
 * Return: 0, -EBUSY if the context has no cpu cgroup of its own, or
 * -EINVAL for values the cpu controller refuses.
 */
int vx_sched_set(struct vx_info *vxi, const struct vx_sched *s)
{
#if defined(CONFIG_CFS_BANDWIDTH) && defined(CONFIG_GROUP_SCHED_WEIGHT)
	struct cgroup_subsys_state *css = vx_own_css(vxi->cpu_css);
	u64 quota = U64_MAX;
	int err;

	if (!css)
		return -EBUSY;
	if (s->fill_rate <= 0 || s->interval <= 0)
		return -EINVAL;
	if (s->fill_rate < s->interval)
		quota = div_u64((u64)VX_SCHED_PERIOD_US * s->fill_rate,
				s->interval);
	err = sched_css_set_max(css, VX_SCHED_PERIOD_US, quota);
	if (!err)
		err = sched_css_set_weight(css, bias_weight(s->prio_bias));
	if (err)
		return err == -ERANGE ? -EINVAL : err;
	spin_lock(&vxi->core.lock);
	vxi->sched = *s;
	spin_unlock(&vxi->core.lock);
	return 0;
#else
	return -EBUSY;
#endif
}

/**
 * vx_sched_get - The scheduler settings last set
 * @vxi: The context.
 * @s: Receives them.
 */
void vx_sched_get(struct vx_info *vxi, struct vx_sched *s)
{
	spin_lock(&vxi->core.lock);
	*s = vxi->sched;
	spin_unlock(&vxi->core.lock);
}

/**
 * vx_sched_change - Change some scheduler settings, as set_sched does
 * @vxi: The context.
 * @mask: Which to change: %VXSM_FILL_RATE, %VXSM_INTERVAL,
 *        %VXSM_PRIO_BIAS.
 * @fill_rate: The new fill rate; %SCHED_KEEP keeps it.
 * @interval: The new interval; %SCHED_KEEP keeps it.
 * @prio_bias: The new bias (-2 is a valid one: only @mask keeps it).
 *
 * Return: as vx_sched_set().
 */
int vx_sched_change(struct vx_info *vxi, u32 mask, s32 fill_rate,
		    s32 interval, s32 prio_bias)
{
	struct vx_sched s;

	vx_sched_get(vxi, &s);
	if ((mask & VXSM_FILL_RATE) && fill_rate != SCHED_KEEP)
		s.fill_rate = fill_rate;
	if ((mask & VXSM_INTERVAL) && interval != SCHED_KEEP)
		s.interval = interval;
	if (mask & VXSM_PRIO_BIAS)
		s.prio_bias = prio_bias;
	return vx_sched_set(vxi, &s);
}

/**
 * vx_sched_set_prio_bias - Set the priority bias, as set_prio_bias does
 * @vxi: The context.
 * @prio_bias: The bias, clamped to the nice levels.
 *
 * Return: as vx_sched_set().
 */
int vx_sched_set_prio_bias(struct vx_info *vxi, s32 prio_bias)
{
	struct vx_sched s;

	vx_sched_get(vxi, &s);
	s.prio_bias = clamp(prio_bias, MIN_NICE, MAX_NICE);
	return vx_sched_set(vxi, &s);
}

struct cputime_sum {
	u64 utime;
	u64 stime;
};

static void add_cputime(struct task_struct *t, void *arg)
{
	struct cputime_sum *sum = arg;
	u64 ut, st;

	/* A task still being forked has no time of its own yet. */
	if (READ_ONCE(t->__state) == TASK_NEW)
		return;
	/* As getrusage() and /proc: ticks scaled to the runtime. */
	task_cputime_adjusted(t, &ut, &st);
	sum->utime += ut;
	sum->stime += st;
}

/**
 * vx_cputime - The CPU time of a context's live tasks
 * @vxi: The context.
 * @utime: Set to the user time, ns.
 * @stime: Set to the system time, ns.
 *
 * Walks the context's own tasks only (a guest can ask for it through
 * sched_info).
 */
void vx_cputime(struct vx_info *vxi, u64 *utime, u64 *stime)
{
	struct cputime_sum sum = { 0, 0 };

	vx_walk_tasks(vxi, add_cputime, &sum);
	*utime = sum.utime;
	*stime = sum.stime;
}
