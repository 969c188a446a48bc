// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Virtualised uptime and load average (VIRT_UPTIME, VIRT_LOAD)
 *
 * A guest whose context has VXF_VIRT_UPTIME sees time since boot counted
 * from the creation of its context: /proc/uptime, sysinfo(2) and the
 * start times of /proc/<pid>/stat.  With VXF_VIRT_LOAD it sees the load
 * average of its own tasks in /proc/loadavg.
 *
 * The load averages of all contexts are sampled together every
 * LOAD_FREQ by one work item that walks each context's own task list
 * (&vx_info.task_list), so the cost is that of the guests' tasks, not of
 * every task of the system, and nothing is added to the scheduler's
 * paths.  The CPU time of a context (sched_info, /proc) is summed over
 * the same list.
 */

#include "common.h"

#include <linux/init.h>
#include <linux/sched/cputime.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/signal.h>
#include <linux/time64.h>
#include <linux/vserver.h>
#include <linux/workqueue.h>

#include "context.h"
#include "cvirt.h"
#include "task.h"

static u64 uptime_bias(void)
{
	const struct vx_info *vxi = current_vx();

	if (!vxi || !(vx_flags(vxi) & VXF_VIRT_UPTIME))
		return 0;
	return vxi->start_time;
}

/**
 * vserver_virt_boottime_ns - A boot-time clock value as the caller sees it
 * @ns: Nanoseconds since boot (after the time namespace's offset).
 *
 * Return: @ns, or for a guest with VIRT_UPTIME the nanoseconds since its
 * context was created (0 for times before).
 */
u64 vserver_virt_boottime_ns(u64 ns)
{
	const u64 bias = uptime_bias();

	return ns > bias ? ns - bias : 0;
}
EXPORT_SYMBOL_GPL(vserver_virt_boottime_ns);

/**
 * vserver_virt_uptime - Turn the uptime into the caller's view
 * @ts: The time since boot, changed in place.
 */
void vserver_virt_uptime(struct timespec64 *ts)
{
	const u64 bias = uptime_bias();
	u64 ns;

	if (!bias)
		return;
	ns = timespec64_to_ns(ts);
	*ts = ns_to_timespec64(ns > bias ? ns - bias : 0);
}
EXPORT_SYMBOL_GPL(vserver_virt_uptime);

/**
 * vserver_virt_loadavg - Turn the load average into the caller's view
 * @avnrun: The three load averages (FSHIFT fixed point), in place.
 * @running: Runnable tasks, in place.
 * @threads: Tasks, in place.
 */
void vserver_virt_loadavg(unsigned long avnrun[3], unsigned int *running,
			  int *threads)
{
	const struct vx_info *vxi = current_vx();
	int i;

	if (!vxi || !(vx_flags(vxi) & VXF_VIRT_LOAD))
		return;
	for (i = 0; i < 3; i++)
		avnrun[i] = READ_ONCE(vxi->load[i]) + FIXED_1 / 200;
	*running = READ_ONCE(vxi->nr_running);
	*threads = atomic_read(&vxi->core.tasks);
}
EXPORT_SYMBOL_GPL(vserver_virt_loadavg);

/* As the scheduler counts it: uninterruptible, not idle, not frozen. */
static bool counts_as_blocked(const struct task_struct *t)
{
	const unsigned int state = READ_ONCE(t->__state);

	return (state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD) &&
	       !(state & TASK_FROZEN);
}

struct load_sample {
	unsigned int running;
	unsigned int unintr;
};

static void sample_task(struct task_struct *t, void *arg)
{
	struct load_sample *ls = arg;

	if (task_is_running(t))
		ls->running++;
	else if (counts_as_blocked(t))
		ls->unintr++;
}

/* Samples the context's tasks and folds them into its load averages. */
static void sample_context(struct vx_info *vxi)
{
	struct load_sample ls = { 0, 0 };
	unsigned long active;

	vx_for_each_task(vxi, sample_task, &ls);
	active = (ls.running + ls.unintr) * FIXED_1;
	WRITE_ONCE(vxi->load[0], calc_load(vxi->load[0], EXP_1, active));
	WRITE_ONCE(vxi->load[1], calc_load(vxi->load[1], EXP_5, active));
	WRITE_ONCE(vxi->load[2], calc_load(vxi->load[2], EXP_15, active));
	WRITE_ONCE(vxi->nr_running, ls.running);
	WRITE_ONCE(vxi->nr_unintr, ls.unintr);
	WRITE_ONCE(vxi->load_updates, vxi->load_updates + 1);
}

static void sample_load(struct work_struct *work);
static DECLARE_DELAYED_WORK(load_work, sample_load);

static void sample_load(struct work_struct *work)
{
	vx_visit_rcu(sample_context);
	schedule_delayed_work(&load_work, LOAD_FREQ);
}

/**
 * vx_cvirt_stat - Counters of a context for virt_stat and /proc
 * @vxi: The context.
 * @stat: Receives the counters.
 */
void vx_cvirt_stat(const struct vx_info *vxi, struct vx_cvirt_stat *stat)
{
	int i;

	stat->uptime = ktime_get_boottime_ns() - vxi->start_time;
	stat->nr_threads = atomic_read(&vxi->core.tasks);
	stat->nr_running = READ_ONCE(vxi->nr_running);
	stat->nr_unintr = READ_ONCE(vxi->nr_unintr);
	stat->nr_forks = atomic_read(&vxi->nr_forks);
	stat->load_updates = READ_ONCE(vxi->load_updates);
	for (i = 0; i < 3; i++)
		stat->load[i] = READ_ONCE(vxi->load[i]);
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

	vx_for_each_task(vxi, add_cputime, &sum);
	*utime = sum.utime;
	*stime = sum.stime;
}

static int __init vserver_cvirt_init(void)
{
	schedule_delayed_work(&load_work, LOAD_FREQ);
	return 0;
}
late_initcall(vserver_cvirt_init);
