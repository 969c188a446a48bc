// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Process isolation between contexts
 *
 * A task in a guest sees and acts on the tasks of its own context only.
 * The host (xid 0) sees and acts on every task; the spectator (xid 1)
 * sees every task and acts on none.
 *
 * Seeing is enforced where tasks are found: lookups by pid number
 * (find_task_by_vpid(), pidfd_open()) and /proc (patches to those files
 * call vserver_task_visible()); a hidden task does not exist for the
 * caller (ESRCH, ENOENT).  Acting is enforced by the LSM hooks below, as
 * a second line behind the lookups, and for the spectator.
 *
 * A pid may name a process group or session whose leader has exited: it
 * exists for the caller if one of its members does.  Walks over a group
 * or a uid (getpriority, setpriority, ioprio_set) skip the tasks the
 * caller cannot see (patches to kernel/sys.c and block/ioprio.c), and
 * SIGIO/SIGURG is checked per target task when it is sent: a file whose
 * owner was set by a guest signals only that guest's tasks, whatever
 * tasks the owner's process group holds by then.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/pid.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/vserver.h>

#include "isolation.h"
#include "lsm.h"
#include "task.h"

/**
 * vx_can_see_xid - May the current task see things of context @xid?
 * @xid: The context id of the thing.
 *
 * Return: true for the host and the spectator, and for the own context.
 */
bool vx_can_see_xid(u32 xid)
{
	const u32 me = current_xid();

	return me == VX_ADMIN_ID || me == VX_WATCH_ID || me == xid;
}

/**
 * vserver_ctx_activate - Switch the process hooks on
 *
 * Called before a task first enters a context; may sleep.  Until then
 * the hooks below (and vserver_task_visible(), vserver_pid_visible())
 * return at one static branch (lsm.c's vserver_ctx_active).
 */
void vserver_ctx_activate(void)
{
	if (!static_key_enabled(&vserver_ctx_active))
		static_branch_enable(&vserver_ctx_active);
}

/**
 * __vserver_task_visible - See vserver_task_visible()
 * @tsk: The task.
 *
 * Return: true if it may.
 */
bool __vserver_task_visible(struct task_struct *tsk)
{
	return vx_can_see_xid(task_xid(tsk));
}
EXPORT_SYMBOL_GPL(__vserver_task_visible);

/* Does @pid have tasks of @type, and may the caller see one of them? */
static bool members_visible(struct pid *pid, enum pid_type type, bool *any)
{
	struct task_struct *t;

	hlist_for_each_entry_rcu(t, &pid->tasks[type], pid_links[type]) {
		*any = true;
		if (__vserver_task_visible(t))
			return true;
	}
	return false;
}

/**
 * __vserver_pid_visible - See vserver_pid_visible()
 * @pid: The pid; one without tasks is visible (the caller fails later).
 *
 * The task of the pid decides; a process group or session whose leader
 * has exited is visible if one of its members is.  The host and the
 * spectator see every pid: no lookup for them.
 *
 * Return: true if it may.
 */
bool __vserver_pid_visible(struct pid *pid)
{
	const u32 me = current_xid();
	struct task_struct *t;
	bool visible = true, any = false;

	if (me == VX_ADMIN_ID || me == VX_WATCH_ID)
		return true;
	rcu_read_lock();
	t = pid_task(pid, PIDTYPE_PID);
	if (!t)
		t = pid_task(pid, PIDTYPE_TGID);
	if (t)
		visible = task_xid(t) == me;
	else if (!members_visible(pid, PIDTYPE_PGID, &any) &&
		 !members_visible(pid, PIDTYPE_SID, &any))
		visible = !any;
	rcu_read_unlock();
	return visible;
}
EXPORT_SYMBOL_GPL(__vserver_pid_visible);

/**
 * vx_can_act - May the current task act on @t?
 * @t: The target task.
 *
 * Return: 0 for the host and for a task of the caller's own context;
 * otherwise -EPERM for the spectator and -ESRCH (@t does not exist for
 * the caller) for a guest.
 */
int vx_can_act(const struct task_struct *t)
{
	u32 me;

	if (!static_branch_unlikely(&vserver_ctx_active))
		return 0;
	me = current_xid();
	if (me == VX_ADMIN_ID || task_xid(t) == me)
		return 0;
	return me == VX_WATCH_ID ? -EPERM : -ESRCH;
}

static int hook_task_kill(struct task_struct *p, struct kernel_siginfo *info,
			  int sig, const struct cred *cred)
{
	/* A send on behalf of someone else (async I/O) is not the caller's. */
	if (cred)
		return 0;
	/*
	 * Never -ESRCH here: kill_pid_info_type() takes it for a task that
	 * died meanwhile and retries forever.  Guests do not get this far
	 * with another context's pid anyway: find_vpid() hides it.
	 */
	return vx_can_act(p) ? -EPERM : 0;
}

static int hook_ptrace_access_check(struct task_struct *child,
				    unsigned int mode)
{
	/* The spectator may read what it can see, but never attach. */
	if (current_xid() == VX_WATCH_ID && (mode & PTRACE_MODE_READ))
		return 0;
	return vx_can_act(child) ? -EPERM : 0;
}

static int hook_task_setnice(struct task_struct *p, int nice)
{
	return vx_can_act(p);
}

static int hook_task_setioprio(struct task_struct *p, int ioprio)
{
	return vx_can_act(p);
}

static int hook_task_getioprio(struct task_struct *p)
{
	return vserver_task_visible(p) ? 0 : -ESRCH;
}

static u32 *file_fown_xid(const struct file *file)
{
	struct vserver_file *vf = file->f_security +
				  vserver_blob_sizes.lbs_file;

	return &vf->fown_xid;
}

/* F_SETOWN and its relatives: remember who set the owner. */
static void hook_file_set_fowner(struct file *file)
{
	WRITE_ONCE(*file_fown_xid(file), current_xid());
}

/*
 * SIGIO and SIGURG, for each task of the owner (a process, a thread, a
 * process group): an owner set by a guest signals that guest's tasks
 * only, one set by the host any task.
 */
static int hook_file_send_sigiotask(struct task_struct *tsk,
				    struct fown_struct *fown, int sig)
{
	u32 owner = READ_ONCE(*file_fown_xid(fown->file));

	return owner == VX_ADMIN_ID || task_xid(tsk) == owner ? 0 : -EPERM;
}

static int hook_task_setscheduler(struct task_struct *p)
{
	return vx_can_act(p);
}

static int hook_task_movememory(struct task_struct *p)
{
	return vx_can_act(p);
}

static int hook_task_setpgid(struct task_struct *p, pid_t pgid)
{
	return vx_can_act(p);
}

static int hook_task_prlimit(const struct cred *cred, const struct cred *tcred,
			     unsigned int flags)
{
	/*
	 * The target was found by pid, which hides other contexts' tasks
	 * from guests; the spectator may read limits, not change others'.
	 */
	if (current_xid() == VX_WATCH_ID && (flags & LSM_PRLIMIT_WRITE) &&
	    cred != tcred)
		return -EPERM;
	return 0;
}

static struct security_hook_list vserver_isolation_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_kill, hook_task_kill),
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(task_setnice, hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, hook_task_setioprio),
	LSM_HOOK_INIT(task_getioprio, hook_task_getioprio),
	LSM_HOOK_INIT(file_set_fowner, hook_file_set_fowner),
	LSM_HOOK_INIT(file_send_sigiotask, hook_file_send_sigiotask),
	LSM_HOOK_INIT(task_setscheduler, hook_task_setscheduler),
	LSM_HOOK_INIT(task_movememory, hook_task_movememory),
	LSM_HOOK_INIT(task_setpgid, hook_task_setpgid),
	LSM_HOOK_INIT(task_prlimit, hook_task_prlimit),
};

/**
 * vserver_add_isolation_hooks - Register the process isolation hooks
 */
void __init vserver_add_isolation_hooks(void)
{
	security_add_hooks(vserver_isolation_hooks,
			   ARRAY_SIZE(vserver_isolation_hooks), &vserver_lsmid);
}
