// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Virtualised uptime and load average (VIRT_UPTIME, VIRT_LOAD)
 *
 * A guest whose context has VXF_VIRT_UPTIME sees time since boot counted
 * from the creation of its context: /proc/uptime, sysinfo(2) and the
 * start times of /proc/<pid>/stat, with /proc/stat's btime moved to that
 * creation.  With VXF_VIRT_LOAD it sees the load average of its own tasks
 * in /proc/loadavg.
 *
 * The load averages of all contexts are sampled together every
 * LOAD_FREQ by one work item that walks the tasks once, so the cost does
 * not grow with the number of contexts and nothing is added to the
 * scheduler's paths.
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
 * vserver_virt_btime - Turn the boot time into the caller's view
 * @btime: The wall-clock time of the boot (/proc/stat's btime), in place.
 *
 * A guest with VIRT_UPTIME booted when its context was created, so that
 * btime plus a start time of /proc/<pid>/stat is the wall-clock time the
 * task started, as on the host (ps's START).
 */
void vserver_virt_btime(struct timespec64 *btime)
{
	const u64 bias = uptime_bias();

	if (bias)
		*btime = timespec64_add(*btime, ns_to_timespec64(bias));
}
EXPORT_SYMBOL_GPL(vserver_virt_btime);

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
	*threads = atomic_read(&vxi->tasks);
}
EXPORT_SYMBOL_GPL(vserver_virt_loadavg);

static void fold_load(struct vx_info *vxi)
{
	const unsigned int running = atomic_xchg(&vxi->sample_running, 0);
	const unsigned int unintr = atomic_xchg(&vxi->sample_unintr, 0);
	const unsigned long active = (running + unintr) * FIXED_1;

	WRITE_ONCE(vxi->load[0], calc_load(vxi->load[0], EXP_1, active));
	WRITE_ONCE(vxi->load[1], calc_load(vxi->load[1], EXP_5, active));
	WRITE_ONCE(vxi->load[2], calc_load(vxi->load[2], EXP_15, active));
	WRITE_ONCE(vxi->nr_running, running);
	WRITE_ONCE(vxi->nr_unintr, unintr);
	WRITE_ONCE(vxi->load_updates, vxi->load_updates + 1);
}

/* As the scheduler counts it: uninterruptible, not idle, not frozen. */
static bool counts_as_blocked(const struct task_struct *t)
{
	const unsigned int state = READ_ONCE(t->__state);

	return (state & TASK_UNINTERRUPTIBLE) && !(state & TASK_NOLOAD) &&
	       !(state & TASK_FROZEN);
}

static void sample_load(struct work_struct *work);
static DECLARE_DELAYED_WORK(load_work, sample_load);

static void sample_load(struct work_struct *work)
{
	struct task_struct *g, *t;
	struct vx_info *vxi;

	if (vx_count_active()) {
		rcu_read_lock();
		for_each_process_thread(g, t) {
			vxi = rcu_dereference(vserver_task(t)->vxi);
			if (!vxi || !vserver_task(t)->live)
				continue;
			if (task_is_running(t))
				atomic_inc(&vxi->sample_running);
			else if (counts_as_blocked(t))
				atomic_inc(&vxi->sample_unintr);
		}
		rcu_read_unlock();
		vx_visit_rcu(fold_load);
	}
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
	stat->nr_threads = atomic_read(&vxi->tasks);
	stat->nr_running = READ_ONCE(vxi->nr_running);
	stat->nr_unintr = READ_ONCE(vxi->nr_unintr);
	stat->nr_forks = atomic_read(&vxi->nr_forks);
	stat->load_updates = READ_ONCE(vxi->load_updates);
	for (i = 0; i < 3; i++)
		stat->load[i] = READ_ONCE(vxi->load[i]);
}

/**
 * vx_cputime - The CPU time of a context's live tasks
 * @vxi: The context.
 * @utime: Set to the user time, ns.
 * @stime: Set to the system time, ns.
 *
 * Walks every task: for commands and /proc, not for hot paths.
 */
void vx_cputime(const struct vx_info *vxi, u64 *utime, u64 *stime)
{
	struct task_struct *g, *t;
	u64 ut, st;

	*utime = 0;
	*stime = 0;
	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (rcu_access_pointer(vserver_task(t)->vxi) != vxi ||
		    !vserver_task(t)->live)
			continue;
		/* As getrusage() and /proc: ticks scaled to the runtime. */
		task_cputime_adjusted(t, &ut, &st);
		*utime += ut;
		*stime += st;
	}
	rcu_read_unlock();
}

static int __init vserver_cvirt_init(void)
{
	schedule_delayed_work(&load_work, LOAD_FREQ);
	return 0;
}
late_initcall(vserver_cvirt_init);
