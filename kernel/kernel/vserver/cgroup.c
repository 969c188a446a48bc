// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Memory and CPU of a context, through its cgroups
 *
 * The resident memory limit (RLIMIT_RSS) and the CPU share and cap of a
 * context are enforced by the memory and cpu cgroup controllers, which
 * already reclaim and OOM-kill within a group and schedule groups fairly:
 * vserver does not duplicate them.  The context's cgroup is the one its
 * creator was in at ctx_create: the tools (vcontext --create, vserver
 * start) put each guest in a cgroup of its own first.  A context created
 * in the root cgroup has none: its memory and CPU commands fail with
 * EBUSY.
 *
 * vserver sets the cgroup's memory.max, cpu.max and cpu.weight; an admin
 * may as well write them directly.
 */

#include "common.h"

#include <linux/cgroup.h>
#include <linux/memcontrol.h>
#include <linux/page_counter.h>
#include <linux/sched.h>
#include <linux/sched/prio.h>
#include <linux/seq_file.h>
#include <linux/vserver.h>
#include <uapi/linux/vserver/limit.h>

#include "cgroup.h"
#include "cgroupfs.h"
#include "context.h"
#include "task.h"

/**
 * vx_cgroup_init - Record the cgroups of a new context
 * @vxi: The context, made by the current task.
 */
void vx_cgroup_init(struct vx_info *vxi)
{
#ifdef CONFIG_MEMCG
	vxi->mem_css = task_get_css(current, memory_cgrp_id);
#endif
#ifdef CONFIG_CGROUP_SCHED
	vxi->cpu_css = task_get_css(current, cpu_cgrp_id);
#endif
	vx_cgroupfs_init(vxi);
	vxi->sched.fill_rate = 1;
	vxi->sched.interval = 1;
}

/**
 * vx_cgroup_release - Drop the cgroups of a context being freed
 * @vxi: The context.  May be called in any context.
 */
void vx_cgroup_release(struct vx_info *vxi)
{
	if (vxi->mem_css)
		css_put(vxi->mem_css);
	if (vxi->cpu_css)
		css_put(vxi->cpu_css);
	vx_cgroupfs_release(vxi);
}

/* A cgroup of the context's own: not the root one. */
static struct cgroup_subsys_state *own(struct cgroup_subsys_state *css)
{
	return css && css->parent ? css : NULL;
}

#ifdef CONFIG_MEMCG
static struct mem_cgroup *vx_memcg(const struct vx_info *vxi)
{
	struct cgroup_subsys_state *css = own(vxi->mem_css);

	return css ? mem_cgroup_from_css(css) : NULL;
}

/**
 * vx_rss_set - Set the resident memory limit of a context
 * @vxi: The context.
 * @pages: The hard limit in pages, or CRLIM_INFINITY.
 *
 * What is above a lowered limit is reclaimed, or OOM-killed within the
 * context's cgroup.  May sleep.
 *
 * Return: 0, or -EBUSY if the context has no memory cgroup of its own
 * (for a limit other than CRLIM_INFINITY).
 */
int vx_rss_set(struct vx_info *vxi, u64 pages)
{
	struct mem_cgroup *memcg = vx_memcg(vxi);

	/* No limit needs no cgroup. */
	if (!memcg)
		return pages == CRLIM_INFINITY ? 0 : -EBUSY;
	/* One victim at a time: the guest's idle tasks were not in the way. */
	mem_cgroup_set_max(memcg, pages >= PAGE_COUNTER_MAX ?
			   PAGE_COUNTER_MAX : (unsigned long)pages, true);
	return 0;
}

/**
 * vx_rss_stat - The resident memory of a context
 * @vxi: The context.
 * @max: Set to the largest usage seen (the cgroup's watermark).
 * @hits: Set to the times the usage reached the limit (memory.events
 *        "max" of the cgroup).
 *
 * Return: the pages charged to the context's cgroup, 0 without one.
 */
long vx_rss_stat(const struct vx_info *vxi, long *max, long *hits)
{
	struct mem_cgroup *memcg = vx_memcg(vxi);

	*max = 0;
	*hits = 0;
	if (!memcg)
		return 0;
	*max = READ_ONCE(memcg->memory.watermark);
	*hits = atomic_long_read(&memcg->memory_events[MEMCG_MAX]);
	return page_counter_read(&memcg->memory);
}

/**
 * vx_rss_reset_max - Restart the largest usage seen from the current one
 * @vxi: The context.
 */
void vx_rss_reset_max(struct vx_info *vxi)
{
	struct mem_cgroup *memcg = vx_memcg(vxi);

	if (memcg)
		page_counter_reset_watermark(&memcg->memory);
}

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
int vx_rss_set(struct vx_info *vxi, u64 pages)
{
	return pages == CRLIM_INFINITY ? 0 : -EBUSY;
}

long vx_rss_stat(const struct vx_info *vxi, long *max, long *hits)
{
	*max = 0;
	*hits = 0;
	return 0;
}

void vx_rss_reset_max(struct vx_info *vxi)
{
}

void vserver_virt_meminfo(struct sysinfo *si, long *available, long *cached,
			  unsigned long *sreclaimable,
			  unsigned long *sunreclaim)
{
}
#endif

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
	struct cgroup_subsys_state *css = own(vxi->cpu_css);
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
	spin_lock(&vxi->lock);
	vxi->sched = *s;
	spin_unlock(&vxi->lock);
	return 0;
#else
	return -EBUSY;
#endif
}
