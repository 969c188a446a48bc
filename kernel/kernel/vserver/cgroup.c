// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Memory and CPU of a context, through its cgroups
 *
 * The resident memory limit (RLIMIT_RSS) and the CPU share and cap of a
 * context (sched.c) are enforced by the memory and cpu cgroup controllers, which
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

/**
 * vx_own_css - A cgroup of the context's own
 * @css: One of the context's cgroups, or NULL.
 *
 * Return: @css, or NULL for the root cgroup (a context made there has
 * none of its own).
 */
struct cgroup_subsys_state *vx_own_css(struct cgroup_subsys_state *css)
{
	return css && css->parent ? css : NULL;
}

#ifdef CONFIG_MEMCG
/**
 * vx_memcg - The memory cgroup of a context's own
 * @vxi: The context.
 *
 * Return: the memory cgroup, or NULL if the context has none of its own.
 */
struct mem_cgroup *vx_memcg(const struct vx_info *vxi)
{
	struct cgroup_subsys_state *css = vx_own_css(vxi->mem_css);

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
#endif
