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
#include "limit.h"
#include "space.h"

struct cgroup_subsys_state;
struct proc_dir_entry;
struct task_struct;

/**
 * struct vx_info - A process context (a guest)
 *
 * @xid: The context id, 2..65535.  Constant.
 * @usecnt: References to this structure: one while the context is in the
 *          registry (hashed), one per task whose blob points here (from
 *          the task's entry until its task_struct is freed), and one per
 *          temporary user (lookups, /proc readers).  The structure is
 *          freed after an RCU grace period when it drops to zero.
 * @tasks: Live tasks in the context: tasks that entered it (fork,
 *         create, migrate) and have not yet left it or exited.  Changes
 *         from zero only under @lock.
 * @zombies: Processes of the context that exited and are not reaped yet.
 *           They count in RLIMIT_NPROC with @tasks: unreaped children
 *           would otherwise let a guest take every pid of the machine.
 * @lock: Protects @flags, @ccaps, @bcaps, @umask, @wmask, @initpid,
 *        @reaper, @hashed, @creating, @exit_code, @reboot_cmd,
 *        @helper_busy and @badness, and the zero
 *        transitions of @tasks.  Spinlock, taken without other vserver
 *        locks held.
 * @hashed: The context is in the registry and can be found and entered.
 *          Goes from true to false once, under @lock.
 * @creating: Its creator has not yet entered it (vx_created()) or given
 *            it up (vx_abandon()): it is not unhashed meanwhile.
 * @flags: Context flags (VXF_*).
 * @ccaps: Context capabilities (VXC_*).
 * @bcaps: Bounding set of the context's tasks.
 * @umask: CLONE_NEW* bits the guest may unshare.
 * @initpid: Pid (in the initial pid namespace) of the guest's init, or 0.
 * @reaper: Pid (in the initial pid namespace) of the orphan reaper, or 0.
 * @exit_code: Exit code of the guest's init when it exited.
 * @reboot_cmd: Last reboot(2) command of the guest, or 0.
 * @helper_busy: A reboot(2) of the guest is starting the vshelper
 *               (helper.c); under @lock.
 * @wmask: The vs2.3 "warn mask" (get/set_wmask): stored and shown, no
 *         denial is logged by it.
 * @badness: The OOM badness bias (get/set_badness), stored and shown in
 *           /proc/virtual/<xid>/info; under @lock.
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
 * @sample_running: Scratch counter of the load work.
 * @sample_unintr: Scratch counter of the load work.
 * @limits: Resource limits and their counters, by limit id.
 * @rss_hits_base: The cgroup's memory.events "max" count at the last
 *                 reset_hits; under @lock.
 * @mem_css: The memory cgroup the creator was in, referenced; constant.
 * @cpu_css: The cpu cgroup the creator was in, referenced; constant.
 * @dfl_cgrp: The cgroup v2 the creator was in, delegated to the guest
 *            (cgroupfs.c), referenced, NULL for the root cgroup; constant.
 * @sched: The scheduler settings last set, under @lock.
 * @space_lock: Protects @space; a mutex, taken without @lock held.
 * @space: The stored namespaces (set_space), released at unhashing.
 * @name: Free-form context name (vhi name field CONTEXT), under @lock.
 * @root: The root of the task that ended the setup from inside, the
 *        barrier of '..' for the context's tasks (hostfs.c); set once
 *        under @lock, released at unhashing.
 * @rcu: Frees the structure after a grace period.
 */
struct vx_info {
	u32 xid;
	refcount_t usecnt;
	atomic_t tasks;
	atomic_t zombies;
	spinlock_t lock; /* see @lock above */
	bool hashed;
	bool creating;
	u64 flags;
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
	atomic_t sample_running;
	atomic_t sample_unintr;
	struct vx_limit limits[VLIMIT_NUM];
	long rss_hits_base;
	struct cgroup_subsys_state *mem_css;
	struct cgroup_subsys_state *cpu_css;
	struct cgroup *dfl_cgrp;
	struct vx_sched sched;
	struct mutex space_lock; /* see @space_lock above */
	struct vx_space space[VX_SPACES];
	char name[__NEW_UTS_LEN + 1];
	struct path root;
	struct rcu_head rcu;
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

/**
 * vx_flags - The context flags, for readers that need no consistency
 * with other fields.
 * @vxi: The context.
 *
 * Return: the VXF_* flags.
 */
static inline u64 vx_flags(const struct vx_info *vxi)
{
	return READ_ONCE(vxi->flags);
}

#endif /* _KERNEL_VSERVER_CONTEXT_H */
