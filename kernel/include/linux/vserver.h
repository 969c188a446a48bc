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
struct task_struct;

#ifdef CONFIG_VSERVER

void vserver_exit_task(struct task_struct *tsk);
bool vserver_task_visible(struct task_struct *tsk);
bool vserver_pid_visible(struct pid *pid);
void vserver_proc_pid_status(struct seq_file *m, struct task_struct *tsk);

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

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_H */
