// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Virtualised uptime, load average and memory (VIRT_UPTIME,
 * VIRT_LOAD, VIRT_MEM)
 *
 * A guest whose context has VXF_VIRT_UPTIME sees time since boot counted
 * from the creation of its context: /proc/uptime, sysinfo(2) and the
 * start times of /proc/<pid>/stat, with /proc/stat's btime moved to that
 * creation.  With VXF_VIRT_LOAD it sees the load average of its own tasks
 * in /proc/loadavg; with VXF_VIRT_MEM its memory limit as the machine's
 * memory (/proc/meminfo, sysinfo(2)).
 *
 * The load averages of all contexts are sampled together every
 * LOAD_FREQ by one work item that walks each context's own task list
 * (&vx_info.task_list), so the cost is that of the guests' tasks, not of
 * every task of the system, and nothing is added to the scheduler's
 * paths.
 */

#include "common.h"

#include <linux/init.h>
#include <linux/memcontrol.h>
#include <linux/page_counter.h>
#include <linux/sched/loadavg.h>
#include <linux/sched/signal.h>
#include <linux/time64.h>
#include <linux/vserver.h>
#include <linux/workqueue.h>

#include "cgroup.h"
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

	vx_walk_tasks(vxi, sample_task, &ls);
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

#ifdef CONFIG_MEMCG
/**
 * vserver_virt_meminfo - A guest's memory as /proc/meminfo and sysinfo(2)
 * @si: The machine's figures, in pages (si_meminfo(), si_swapinfo()).
 * @available: MemAvailable in pages, or NULL.
 * @cached: Cached in pages, or NULL.
 * @sreclaimable: SReclaimable in pages, or NULL.
 * @sunreclaim: SUnreclaim in pages, or NULL.
 *
 * In a context with %VXF_VIRT_MEM and an RSS limit, the total memory is
 * the limit, the free (and available) memory what the context has not
 * used of it, the cached and shared memory and the slab the file, shmem
 * and slab pages of its memory cgroup, and there is no swap: free(1) and
 * top(1) inside the guest tell the truth about what the guest can have
 * (free(1) counts SReclaimable as cache: the host's would exceed it).
 */
void vserver_virt_meminfo(struct sysinfo *si, long *available, long *cached,
			  unsigned long *sreclaimable,
			  unsigned long *sunreclaim)
{
	struct vx_info *vxi = current_vx();
	struct mem_cgroup *memcg;
	long usage;
	u64 limit;

	if (!vxi || !(vx_flags(vxi) & VXF_VIRT_MEM))
		return;
	memcg = vx_memcg(vxi);
	limit = READ_ONCE(vxi->limits[RLIMIT_RSS].hard);
	if (!memcg || limit == CRLIM_INFINITY || limit >= si->totalram)
		return;
	usage = page_counter_read(&memcg->memory);
	si->totalram = limit;
	si->freeram = usage < limit ? limit - usage : 0;
	si->bufferram = 0;
	si->sharedram = min_t(unsigned long, si->totalram,
			      memcg_page_state(memcg, NR_SHMEM));
	si->totalhigh = 0;
	si->freehigh = 0;
	si->totalswap = 0;
	si->freeswap = 0;
	if (available)
		*available = si->freeram;
	if (cached)
		*cached = min_t(long, usage,
				memcg_page_state(memcg, NR_FILE_PAGES));
	if (sreclaimable)
		*sreclaimable = min_t(unsigned long, usage,
				      memcg_page_state(memcg,
						       NR_SLAB_RECLAIMABLE_B) >>
				      PAGE_SHIFT);
	if (sunreclaim)
		*sunreclaim = min_t(unsigned long, usage,
				    memcg_page_state(memcg,
						     NR_SLAB_UNRECLAIMABLE_B) >>
				    PAGE_SHIFT);
}
EXPORT_SYMBOL_GPL(vserver_virt_meminfo);
#else
void vserver_virt_meminfo(struct sysinfo *si, long *available, long *cached,
			  unsigned long *sreclaimable,
			  unsigned long *sunreclaim)
{
}
EXPORT_SYMBOL_GPL(vserver_virt_meminfo);
#endif

static int __init vserver_cvirt_init(void)
{
	schedule_delayed_work(&load_work, LOAD_FREQ);
	return 0;
}
late_initcall(vserver_cvirt_init);
