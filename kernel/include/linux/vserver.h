/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The hooks the rest of the kernel calls
 *
 * Only the places that have no LSM hook call into vserver directly; each
 * call has a stub here so that callers need no #ifdef.
 */

#ifndef _LINUX_VSERVER_H
#define _LINUX_VSERVER_H

#include <linux/types.h>

struct pid;
struct seq_file;
struct sysinfo;
struct task_struct;
struct timespec64;

#ifdef CONFIG_VSERVER

void vserver_exit_task(struct task_struct *tsk);
bool vserver_task_visible(struct task_struct *tsk);
bool vserver_pid_visible(struct pid *pid);
void vserver_proc_pid_status(struct seq_file *m, struct task_struct *tsk);
struct task_struct *vserver_find_reaper(struct task_struct *father);
int vserver_check_utsname(void);
int vserver_reboot(unsigned int cmd);
u64 vserver_virt_boottime_ns(u64 ns);
void vserver_virt_uptime(struct timespec64 *ts);
void vserver_virt_loadavg(unsigned long avnrun[3], unsigned int *running,
			  int *threads);
void vserver_virt_meminfo(struct sysinfo *si, long *available, long *cached);

#else /* !CONFIG_VSERVER */

static inline void vserver_exit_task(struct task_struct *tsk)
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

static inline void vserver_virt_loadavg(unsigned long avnrun[3],
					unsigned int *running,
					int *threads)
{
}

static inline void vserver_virt_meminfo(struct sysinfo *si, long *available,
					long *cached)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_H */
