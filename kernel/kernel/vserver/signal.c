// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Signals to a whole context (ctx_kill)
 *
 * The host signals a guest by context: all of its processes, all but
 * its init, its init, or one of its processes.  A context the host may
 * not administrate (no STATE_ADMIN) can still be shut down in order: its
 * init may be signalled, and all of its processes when it has no init.
 */

#include "common.h"

#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/signal.h>

#include "context.h"
#include "signal.h"
#include "task.h"

/*
 * One pass over the processes of the context; with SIGKILL, those that
 * are dying already are skipped.  Returns whether a process got the
 * signal; sets *again if one got SIGKILL now (it may have forked while
 * the pass ran).
 */
static bool kill_pass(struct vx_info *vxi, int sig, bool but_init,
		      bool *again)
{
	const pid_t initpid = READ_ONCE(vxi->initpid);
	struct task_struct *p;
	bool sent = false;

	rcu_read_lock();
	for_each_process(p) {
		if (task_xid(p) != vxi->core.id)
			continue;
		if (but_init && task_tgid_nr(p) == initpid)
			continue;
		if (sig == SIGKILL && fatal_signal_pending(p))
			continue;
		if (!group_send_sig_info(sig, SEND_SIG_PRIV, p, PIDTYPE_TGID)) {
			sent = true;
			*again = sig == SIGKILL;
		}
	}
	rcu_read_unlock();
	return sent;
}

/* Passes of SIGKILL until none finds a process that is not dying. */
#define VX_KILL_PASSES 64

/**
 * vx_kill_all - Signal every process of a context
 * @vxi: The context.
 * @sig: The signal.
 * @but_init: Spare the context's init.
 *
 * SIGKILL is repeated until a pass finds no process that is not dying
 * yet, so that children forked while a pass ran (a fork bomb) are not
 * missed.
 *
 * Return: 0 if a process was signalled, else -ESRCH.
 */
int vx_kill_all(struct vx_info *vxi, int sig, bool but_init)
{
	bool sent = false, again;
	int pass = 0;

	do {
		again = false;
		if (kill_pass(vxi, sig, but_init, &again))
			sent = true;
		cond_resched();
	} while (again && ++pass < VX_KILL_PASSES);
	return sent ? 0 : -ESRCH;
}

static int kill_one(struct vx_info *vxi, struct task_struct *p, int sig)
{
	if (!p || task_xid(p) != vxi->core.id)
		return -ESRCH;
	return group_send_sig_info(sig, SEND_SIG_PRIV, p, PIDTYPE_TGID);
}

/**
 * vx_kill - Signal processes of a context, as ctx_kill does
 * @vxi: The context.
 * @pid: 0: every process; -1: all but the init; 1: the init; else the
 *       process with this pid in the caller's pid namespace.
 * @sig: The signal.
 *
 * Return: 0; -EINVAL for a bad signal; -EACCES for a target the host may
 * not signal in a context without STATE_ADMIN; -ESRCH if no process was
 * found.
 */
int vx_kill(struct vx_info *vxi, int pid, int sig)
{
	const pid_t initpid = READ_ONCE(vxi->initpid);
	const bool admin = vx_flags(vxi) & VXF_STATE_ADMIN;
	int err;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!admin && pid != 1 && !(pid <= 0 && !initpid))
		return -EACCES;

	switch (pid) {
	case 0:
	case -1:
		return vx_kill_all(vxi, sig, pid == -1);
	case 1:
		if (!initpid)
			return -ESRCH;
		/* An init that may not be administrated is asked to stop. */
		if (!admin && atomic_read(&vxi->core.tasks) > 1)
			sig = SIGINT;
		rcu_read_lock();
		err = kill_one(vxi, find_task_by_pid_ns(initpid, &init_pid_ns),
			       sig);
		rcu_read_unlock();
		return err;
	default:
		rcu_read_lock();
		err = kill_one(vxi, find_task_by_vpid(pid), sig);
		rcu_read_unlock();
		return err;
	}
}
