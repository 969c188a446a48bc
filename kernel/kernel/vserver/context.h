/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Process contexts
 */

#ifndef _KERNEL_VSERVER_CONTEXT_H
#define _KERNEL_VSERVER_CONTEXT_H

#include <linux/capability.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/utsname.h>
#include <linux/wait.h>
#include <uapi/linux/sched.h>
#include <uapi/linux/vserver/context.h>

#include "cgroup.h"
#include "core.h"
#include "cpusched.h"
#include "limit.h"
#include "space.h"

struct cgroup_subsys_state;
struct proc_dir_entry;
struct task_struct;

/**
 * struct vx_info - A process context (a guest)
 *
 * @core: Its lifetime (struct vs_core): id, references, live tasks,
 *        @core.lock, hashed, being created, flags (VXF_*).
 *        @core.lock also protects @ccaps, @bcaps, @umask, @wmask,
 *        @initpid, @reaper, @exit_code, @reboot_cmd, @helper_busy,
 *        @badness, @rss_hits_base, @sched, @name and @root.
 * @zombies: Processes of the context that exited and are not reaped yet.
 *           They count in RLIMIT_NPROC with the live tasks: unreaped
 *           children would otherwise let a guest take every pid of the
 *           machine.
 * @ccaps: Context capabilities (VXC_*).
 * @bcaps: Bounding set of the context's tasks.
 * @umask: CLONE_NEW* bits the guest may unshare.
 * @initpid: Pid (in the initial pid namespace) of the guest's init, or 0.
 * @reaper: Pid (in the initial pid namespace) of the orphan reaper, or 0.
 * @exit_code: Exit code of the guest's init when it exited.
 * @reboot_cmd: Last reboot(2) command of the guest, or 0.
 * @helper_busy: A reboot(2) of the guest is starting the vshelper
 *               (helper.c); under @core.lock.
 * @wmask: The vs2.3 "warn mask" (get/set_wmask): stored and shown, no
 *         denial is logged by it.
 * @badness: The OOM badness bias (get/set_badness), stored and shown in
 *           /proc/virtual/<xid>/info; under @core.lock.
 * @start_time: Boot-time clock, ns, when the context was created.
 *              Constant.
 * @exit_wq: Woken when the context is unhashed (wait_exit).
 * @proc_dir: /proc/virtual/<xid>, or NULL.  Set at creation, removed
 *            when the context is unhashed.
 * @nr_forks: Tasks forked in the context since its creation.
 * @load: Load averages (1, 5, 15 min) of the context's tasks, FSHIFT
 *        fixed point; written by the load work only.
 * @nr_running: Runnable tasks at the last load sample.
 * @nr_unintr: Tasks in uninterruptible sleep at the last load sample.
 * @load_updates: Load samples taken.
 * @limits: Resource limits and their counters, by limit id.
 * @files_max: The most files the context may have open: the lower hard
 *             limit of RLIMIT_NOFILE and VLIMIT_OPENFD, below
 *             VX_LIMIT_GONE (limit.c); written under @core.lock, read
 *             with READ_ONCE() by the file charge, its one compare.
 * @rss_hits_base: The cgroup's memory.events "max" count at the last
 *                 reset_hits; under @core.lock.
 * @ct_entries: Conntrack entries charged to the context (conntrack.c);
 *              atomic, changed when an entry is made and freed.
 * @mem_css: The memory cgroup the creator was in, referenced; constant.
 * @cpu_css: The cpu cgroup the creator was in, referenced; constant.
 * @dfl_cgrp: The cgroup v2 the creator was in, delegated to the guest
 *            (cgroupfs.c), referenced, NULL for the root cgroup; constant.
 * @sched: The scheduler settings last set, under @core.lock.
 * @space_lock: Protects @space; a mutex, taken without @lock held.
 * @space: The stored namespaces (set_space), released at unhashing.
 * @name: Free-form context name (vhi name field CONTEXT), under @core.lock.
 * @task_lock: Protects @task_list; a spinlock taken with bottom halves
 *             off, inside @core.lock if both are held.
 * @task_list: The live tasks of the context (&vserver_task.vx_node), for
 *             the walks that need them (load, CPU time, ctx_kill)
 *             without walking every task of the system.
 * @root: The root of the task that ended the setup from inside, the
 *        barrier of '..' for the context's tasks (hostfs.c); set once
 *        under @core.lock, released at unhashing.
 */
struct vx_info {
	struct vs_core core;
	atomic_t zombies;
	u64 ccaps;
	kernel_cap_t bcaps;
	u64 umask;
	pid_t initpid;
	pid_t reaper;
	int exit_code;
	int reboot_cmd;
	bool helper_busy;
	u64 wmask;
	s64 badness;
	u64 start_time;
	wait_queue_head_t exit_wq;
	struct proc_dir_entry *proc_dir;
	atomic_t nr_forks;
	unsigned long load[3];
	u32 nr_running;
	u32 nr_unintr;
	u32 load_updates;
	struct vx_limit limits[VLIMIT_NUM];
	u64 files_max;
	long rss_hits_base;
	atomic_t ct_entries;
	struct cgroup_subsys_state *mem_css;
	struct cgroup_subsys_state *cpu_css;
	struct cgroup *dfl_cgrp;
	struct vx_sched sched;
	struct mutex space_lock; /* see @space_lock above */
	struct vx_space space[VX_SPACES];
	char name[__NEW_UTS_LEN + 1];
	spinlock_t task_lock; /* see @task_lock above */
	struct list_head task_list;
	struct path root;
};

/* The bounding set of a new guest: util-vserver's "secure" default. */
#define VX_DEFAULT_BCAPS						\
	(BIT_ULL(CAP_CHOWN) | BIT_ULL(CAP_DAC_OVERRIDE) |		\
	 BIT_ULL(CAP_DAC_READ_SEARCH) | BIT_ULL(CAP_FOWNER) |		\
	 BIT_ULL(CAP_FSETID) | BIT_ULL(CAP_KILL) | BIT_ULL(CAP_SETGID) |	\
	 BIT_ULL(CAP_SETUID) | BIT_ULL(CAP_NET_BIND_SERVICE) |		\
	 BIT_ULL(CAP_SYS_CHROOT) | BIT_ULL(CAP_SYS_PTRACE) |		\
	 BIT_ULL(CAP_SYS_TTY_CONFIG) | BIT_ULL(CAP_LEASE) |		\
	 BIT_ULL(CAP_SETFCAP) | BIT_ULL(CAP_SYS_BOOT) |			\
	 BIT_ULL(CAP_AUDIT_WRITE))
#define VX_DEFAULT_CCAPS	VXC_SET_UTSNAME

/* The namespaces a context's umask can let the guest unshare. */
#define VX_UMASK_VALID							\
	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |	\
	 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME)

struct vx_info *vx_get(struct vx_info *vxi);
void vx_put(struct vx_info *vxi);
struct vx_info *vx_lookup(u32 xid);
struct vx_info *vx_create(u32 xid, u64 flags);
int vx_enter(struct vx_info *vxi);
void vx_leave(struct vx_info *vxi);
u64 vx_set_flags(struct vx_info *vxi, u64 value, u64 mask);
void vx_created(struct vx_info *vxi);
void vx_abandon(struct vx_info *vxi);
void vx_set_init(struct vx_info *vxi, pid_t pid, bool init, bool reaper);
void vx_set_field(struct vx_info *vxi, u64 *field, u64 value, u64 mask);
int vx_count_active(void);
void vx_visit_rcu(void (*fn)(struct vx_info *vxi));
int vx_count_total(void);
long vx_create_current(u32 xid, u64 flags, bool own_spaces);
int vx_may_enter(const struct vx_info *vxi, bool admin);
int vx_change_flags(struct vx_info *vxi, u64 value, u64 mask, bool inside);

/**
 * vx_flags - The context flags, for readers that need no consistency
 * with other fields.
 * @vxi: The context.
 *
 * Return: the VXF_* flags.
 */
static inline u64 vx_flags(const struct vx_info *vxi)
{
	return READ_ONCE(vxi->core.flags);
}

#endif /* _KERNEL_VSERVER_CONTEXT_H */
