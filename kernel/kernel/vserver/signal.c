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

/* One pass of vx_kill_all(). */
struct kill_pass {
	struct vx_info *vxi;
	int sig;
	bool but_init;
	pid_t initpid;
	bool sent;
	bool again;
};

/*
 * Whether @t is the thread through which its process is signalled: its
 * leader, or when the leader is no longer a live task of the context,
 * its first live thread in it.  A process is the context's when its
 * leader is (as for_each_process() and task_xid() would have it).
 */
static bool signals_process(struct vx_info *vxi, struct task_struct *t)
{
	struct task_struct *leader = t->group_leader, *u;

	if (t == leader)
		return true;
	if (task_xid(leader) != vxi->core.id || vserver_task(leader)->live)
		return false;
	for_each_thread(leader, u)
		if (vserver_task(u)->live &&
		    rcu_access_pointer(vserver_task(u)->vxi) == vxi)
			return u == t;
	return false;
}

static void kill_task(struct task_struct *t, void *arg)
{
	struct kill_pass *kp = arg;

	/*
	 * A child still being forked is not signalled yet (its signal state
	 * is not its own): with SIGKILL, another pass follows.
	 */
	if (READ_ONCE(t->__state) == TASK_NEW) {
		kp->again |= kp->sig == SIGKILL;
		return;
	}
	if (!signals_process(kp->vxi, t))
		return;
	if (kp->but_init && task_tgid_nr(t) == kp->initpid)
		return;
	if (kp->sig == SIGKILL && fatal_signal_pending(t))
		return;
	if (!group_send_sig_info(kp->sig, SEND_SIG_PRIV, t, PIDTYPE_TGID)) {
		kp->sent = true;
		kp->again |= kp->sig == SIGKILL;
	}
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
	struct kill_pass kp = {
		.vxi = vxi,
		.sig = sig,
		.but_init = but_init,
		.initpid = READ_ONCE(vxi->initpid),
	};
	int pass = 0;

	do {
		kp.again = false;
		/* The context's own tasks, not every task of the system. */
		vx_walk_tasks(vxi, kill_task, &kp);
		cond_resched();
	} while (kp.again && ++pass < VX_KILL_PASSES);
	return kp.sent ? 0 : -ESRCH;
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
