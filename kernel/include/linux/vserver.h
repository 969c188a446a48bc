/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The hooks the rest of the kernel calls
 *
 * Only the places that have no LSM hook call into vserver directly; each
 * call has a stub here so that callers need no #ifdef.
 */

#ifndef _LINUX_VSERVER_H
#define _LINUX_VSERVER_H

#include <linux/jump_label.h>
#include <linux/types.h>
#include <linux/vserver_mm.h>

struct file_lock_core;
struct kern_ipc_perm;
struct mm_struct;
struct path;
struct pid;
struct seq_file;
struct sysinfo;
struct task_struct;
struct timespec64;

/**
 * enum vserver_ipc_kind - The System V IPC objects vserver limits
 * @VSERVER_IPC_SHM: A shared memory segment, charged in pages.
 * @VSERVER_IPC_MSG: A message queue, charged its capacity in bytes.
 * @VSERVER_IPC_SEM: A semaphore set, charged its semaphores.
 */
enum vserver_ipc_kind {
	VSERVER_IPC_SHM,
	VSERVER_IPC_MSG,
	VSERVER_IPC_SEM,
};

#ifdef CONFIG_VSERVER

void vserver_exit_task(struct task_struct *tsk);
void vserver_release_task(struct task_struct *p);
bool __vserver_task_visible(struct task_struct *tsk);
bool __vserver_pid_visible(struct pid *pid);
void vserver_proc_pid_status(struct seq_file *m, struct task_struct *tsk);
struct task_struct *vserver_find_reaper(struct task_struct *father);
int vserver_check_utsname(void);
int vserver_reboot(unsigned int cmd);
u64 vserver_virt_boottime_ns(u64 ns);
void vserver_virt_uptime(struct timespec64 *ts);
void vserver_virt_btime(struct timespec64 *btime);
void vserver_virt_loadavg(unsigned long avnrun[3], unsigned int *running,
			  int *threads);
void vserver_virt_meminfo(struct sysinfo *si, long *available, long *cached,
			  unsigned long *sreclaimable,
			  unsigned long *sunreclaim);
int vserver_ipc_charge(struct kern_ipc_perm *perm, enum vserver_ipc_kind kind,
		       unsigned long amount);
int vserver_ipc_msg_resize(struct kern_ipc_perm *perm, unsigned long qbytes);
void vserver_ipc_uncharge(struct kern_ipc_perm *perm,
			  enum vserver_ipc_kind kind);
bool vserver_locks_may_add(unsigned int n);
void vserver_lock_inserted(struct file_lock_core *flc);
void vserver_lock_removed(struct file_lock_core *flc);
bool vserver_fs_confined(void);
bool vserver_dotdot_barrier(const struct path *path);
bool vserver_may_mount(void);

/*
 * Enabled when the first task enters a context (a guest or the
 * spectator), never disabled: until then every task is the host's, sees
 * every task and may act on it, and the process hooks cost one static
 * branch.
 */
DECLARE_STATIC_KEY_FALSE(vserver_ctx_active);

/**
 * vserver_task_visible - May the current task see @tsk?
 * @tsk: The task.
 *
 * Return: true for the host and the spectator, and for a task of the
 * caller's own context.
 */
static inline bool vserver_task_visible(struct task_struct *tsk)
{
	if (static_branch_unlikely(&vserver_ctx_active))
		return __vserver_task_visible(tsk);
	return true;
}

/**
 * vserver_pid_visible - May the current task see the task(s) of @pid?
 * @pid: The pid; one without tasks is visible (the caller fails later).
 *
 * Return: true if it may (see __vserver_pid_visible()).
 */
static inline bool vserver_pid_visible(struct pid *pid)
{
	if (static_branch_unlikely(&vserver_ctx_active))
		return __vserver_pid_visible(pid);
	return true;
}

#else /* !CONFIG_VSERVER */

static inline void vserver_exit_task(struct task_struct *tsk)
{
}

static inline void vserver_release_task(struct task_struct *p)
{
}

static inline bool vserver_task_visible(struct task_struct *tsk)
{
	return true;
}

static inline bool vserver_pid_visible(struct pid *pid)
{
	return true;
}

static inline void vserver_proc_pid_status(struct seq_file *m,
					   struct task_struct *tsk)
{
}

static inline struct task_struct *
vserver_find_reaper(struct task_struct *father)
{
	return NULL;
}

static inline int vserver_check_utsname(void)
{
	return 0;
}

static inline int vserver_reboot(unsigned int cmd)
{
	return 1;
}

static inline u64 vserver_virt_boottime_ns(u64 ns)
{
	return ns;
}

static inline void vserver_virt_uptime(struct timespec64 *ts)
{
}

static inline void vserver_virt_btime(struct timespec64 *btime)
{
}

static inline void vserver_virt_loadavg(unsigned long avnrun[3],
					unsigned int *running,
					int *threads)
{
}

static inline void vserver_virt_meminfo(struct sysinfo *si, long *available,
					long *cached,
					unsigned long *sreclaimable,
					unsigned long *sunreclaim)
{
}

static inline int vserver_ipc_charge(struct kern_ipc_perm *perm,
				     enum vserver_ipc_kind kind,
				     unsigned long amount)
{
	return 0;
}

static inline int vserver_ipc_msg_resize(struct kern_ipc_perm *perm,
					 unsigned long qbytes)
{
	return 0;
}

static inline void vserver_ipc_uncharge(struct kern_ipc_perm *perm,
					enum vserver_ipc_kind kind)
{
}

static inline bool vserver_locks_may_add(unsigned int n)
{
	return true;
}

static inline void vserver_lock_inserted(struct file_lock_core *flc)
{
}

static inline void vserver_lock_removed(struct file_lock_core *flc)
{
}

static inline bool vserver_fs_confined(void)
{
	return false;
}

static inline bool vserver_may_mount(void)
{
	return false;
}

static inline bool vserver_dotdot_barrier(const struct path *path)
{
	return false;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_H */
