// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Per-context resource limits
 *
 * Each limit counts a resource over all tasks of a context and refuses
 * the allocation that would exceed the hard limit:
 *
 * - RLIMIT_NPROC: tasks, and processes that exited until they are reaped
 *   (fork and clone fail with EAGAIN);
 * - RLIMIT_NOFILE: open files (struct file), charged when a task of the
 *   context opens or creates one and uncharged when the last reference
 *   goes, whoever holds it then (open, pipe, socket... fail with EMFILE);
 * - VLIMIT_NSOCK: sockets made by socket(2), socketpair(2) and accept(2)
 *   (those fail with EMFILE; an accept at the limit fails before it
 *   waits), uncharged when the socket is released;
 * - RLIMIT_RSS: the memory charged to the context's memory cgroup (pages),
 *   limited by its memory.max (see cgroup.c);
 * - RLIMIT_AS and RLIMIT_MEMLOCK: address space and locked memory (pages),
 *   see vm.c;
 * - RLIMIT_LOCKS: file locks, see flock.c;
 * - RLIMIT_MSGQUEUE, VLIMIT_SHMEM, VLIMIT_SEMARY, VLIMIT_NSEMS: System V
 *   IPC objects, see ipc.c;
 * - VLIMIT_OPENFD: the open files of RLIMIT_NOFILE (the same counter;
 *   the lower of the two hard limits applies, refusals count as hits of
 *   RLIMIT_NOFILE);
 * - RLIMIT_SIGPENDING and VLIMIT_POSIXMQ: queued signals (and POSIX
 *   timers) and POSIX message queue bytes of all the guest's users,
 *   limited by the kernel's own per-user accounting (ucounts.c); no hits
 *   are counted for them;
 * - VLIMIT_AIO: AIO events (io_setup(2)), see vserver_aio_charge().
 *
 * The charged context is remembered in the object's LSM blob, so the
 * uncharge goes to it even if the object outlived its task.
 *
 * Open files and sockets pin their context without a reference each
 * (open and close, socket and accept are the hottest charged paths).
 * While the context is hashed, the registry's reference keeps it.  When
 * it is unhashed (no task is left that could charge one), for each of
 * RLIMIT_NOFILE and VLIMIT_NSOCK vx_limits_unhashed() takes a reference
 * and adds VX_LIMIT_GONE to the counter: from then on every charge is
 * over the limit (every maximum is below VX_LIMIT_GONE) and refused, and
 * the uncharge that brings the counter back to VX_LIMIT_GONE, that of
 * the last file or socket, drops the reference (vx_limits_unhashed()
 * itself if none was left).  One atomic counter decides, so exactly one
 * of them drops it, and only after the last uncharge.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/user_namespace.h>
#include <linux/vserver_share.h>

#include "context.h"
#include "limit.h"
#include "lsm.h"
#include "task.h"

static void seen(struct vx_limit *l, long v)
{
	long old = atomic_long_read(&l->max);

	while (v > old && !atomic_long_try_cmpxchg(&l->max, &old, v))
		;
	old = atomic_long_read(&l->min);
	while (v < old && !atomic_long_try_cmpxchg(&l->min, &old, v))
		;
}

/*
 * The limits vserver counts and enforces; RLIMIT_RSS is enforced through
 * the memory cgroup of the context (cgroup.c).
 */
static const bool vx_enforced[VLIMIT_NUM] = {
	[RLIMIT_NPROC]		= true,
	[RLIMIT_AS]		= IS_ENABLED(CONFIG_MMU),
	[RLIMIT_MEMLOCK]	= IS_ENABLED(CONFIG_MMU),
	[RLIMIT_RSS]		= IS_ENABLED(CONFIG_MEMCG),
	[RLIMIT_NOFILE]		= true,
	[VLIMIT_OPENFD]		= true,
	[RLIMIT_LOCKS]		= IS_ENABLED(CONFIG_FILE_LOCKING),
	[VLIMIT_NSOCK]		= true,
	[RLIMIT_MSGQUEUE]	= IS_ENABLED(CONFIG_SYSVIPC),
	[VLIMIT_SHMEM]		= IS_ENABLED(CONFIG_SYSVIPC),
	[VLIMIT_SEMARY]		= IS_ENABLED(CONFIG_SYSVIPC),
	[VLIMIT_NSEMS]		= IS_ENABLED(CONFIG_SYSVIPC),
	[RLIMIT_SIGPENDING]	= true,
	[VLIMIT_POSIXMQ]	= IS_ENABLED(CONFIG_POSIX_MQUEUE),
	[VLIMIT_AIO]		= IS_ENABLED(CONFIG_AIO),
};

/*
 * The rows of /proc/virtual/<xid>/limit, as the ABI orders them; a
 * count other than that of the declaration in limit.h fails the build.
 */
const struct vx_limit_row vx_limit_rows[] = VLIMIT_ROWS_INIT;

/**
 * vx_limit_enforced - Whether vserver counts and enforces a limit
 * @id: The limit id.
 *
 * Return: true for a limit of vx_limits_enforced().
 */
bool vx_limit_enforced(unsigned int id)
{
	return id < VLIMIT_NUM && vx_enforced[id];
}

/**
 * vx_limits_enforced - The limits vserver counts and enforces
 *
 * Return: a mask of BIT(id) of the enforced limits.
 */
u32 vx_limits_enforced(void)
{
	u32 mask = 0;
	int i;

	for (i = 0; i < VLIMIT_NUM; i++)
		if (vx_enforced[i])
			mask |= BIT(i);
	return mask;
}

/**
 * vx_limits_init - Set every limit of a new context to unlimited
 * @vxi: The context.
 */
void vx_limits_init(struct vx_info *vxi)
{
	int i;

	for (i = 0; i < VLIMIT_NUM; i++) {
		vxi->limits[i].soft = CRLIM_INFINITY;
		vxi->limits[i].hard = CRLIM_INFINITY;
	}
	vxi->files_max = VX_LIMIT_GONE - 1;
}

static bool over_hard(u64 hard, long v)
{
	return hard != CRLIM_INFINITY && v > 0 && (u64)v > hard;
}

static bool over(const struct vx_limit *l, long v)
{
	return over_hard(READ_ONCE(l->hard), v);
}

/* Open files: RLIMIT_NOFILE and VLIMIT_OPENFD limit the same counter. */
static bool over_id(struct vx_info *vxi, unsigned int id, long v)
{
	if (id == RLIMIT_NOFILE &&
	    over_hard(READ_ONCE(vxi->limits[VLIMIT_OPENFD].hard), v))
		return true;
	return over(&vxi->limits[id], v);
}

/**
 * vx_limit_add - Count more of a resource, within the hard limit
 * @vxi: The context.
 * @id: The limit id.
 * @n: How much more.
 *
 * Return: true, or false (and one more hit) if that would exceed the hard
 * limit; nothing is counted then.
 */
bool vx_limit_add(struct vx_info *vxi, unsigned int id, unsigned long n)
{
	struct vx_limit *l = &vxi->limits[id];
	long v = atomic_long_read(&l->cur);

	/* Never above the limit, not even for a moment (min/max, readers). */
	do {
		if (over_id(vxi, id, v + n)) {
			atomic_inc(&l->hits);
			return false;
		}
	} while (!atomic_long_try_cmpxchg(&l->cur, &v, v + n));
	seen(l, v + n);
	return true;
}

/**
 * vx_limit_force - Count more of a resource, whatever the limit
 * @vxi: The context.
 * @id: The limit id.
 * @n: How much more.
 *
 * For resources whose limit was checked by vx_limit_may_add() before.
 */
void vx_limit_force(struct vx_info *vxi, unsigned int id, unsigned long n)
{
	seen(&vxi->limits[id], atomic_long_add_return(n, &vxi->limits[id].cur));
}

/**
 * vx_limit_may_add - Whether a context may have more of a resource
 * @vxi: The context.
 * @id: The limit id.
 * @n: How much more.
 *
 * Return: true, or false (and one more hit) if that would exceed the hard
 * limit.  Nothing is counted.
 */
bool vx_limit_may_add(struct vx_info *vxi, unsigned int id, unsigned long n)
{
	struct vx_limit *l = &vxi->limits[id];

	if (!over_id(vxi, id, atomic_long_read(&l->cur) + n))
		return true;
	atomic_inc(&l->hits);
	return false;
}

/**
 * vx_limit_charge - Count one more unit of a resource
 * @vxi: The context.
 * @id: The limit id.
 *
 * Return: true, or false (and one more hit) if that would exceed the hard
 * limit.
 */
bool vx_limit_charge(struct vx_info *vxi, unsigned int id)
{
	return vx_limit_add(vxi, id, 1);
}

/**
 * vx_limit_sub - Count less of a resource
 * @vxi: The context.
 * @id: The limit id.
 * @n: How much less.
 */
void vx_limit_sub(struct vx_info *vxi, unsigned int id, unsigned long n)
{
	struct vx_limit *l = &vxi->limits[id];

	seen(l, atomic_long_sub_return(n, &l->cur));
}

/**
 * vx_limit_uncharge - Count one unit less
 * @vxi: The context.
 * @id: The limit id.
 */
void vx_limit_uncharge(struct vx_info *vxi, unsigned int id)
{
	vx_limit_sub(vxi, id, 1);
}

/**
 * vx_nproc_charge - Count a new task of the context against RLIMIT_NPROC
 * @vxi: The context; the forking parent is one of its live tasks.
 *
 * RLIMIT_NPROC counts the live tasks and the unreaped processes
 * (&vx_info.zombies).
 *
 * Return: true if the task may be created; it is then counted in
 * &vx_info.tasks.
 */
bool vx_nproc_charge(struct vx_info *vxi)
{
	struct vx_limit *l = &vxi->limits[RLIMIT_NPROC];
	int v = atomic_read(&vxi->core.tasks);

	/*
	 * Not from zero: the parent is still counted.  Never above the
	 * limit, not even for a moment (min/max, readers).
	 */
	do {
		if (over(l, v + 1 + atomic_read(&vxi->zombies))) {
			atomic_inc(&l->hits);
			return false;
		}
	} while (!atomic_try_cmpxchg(&vxi->core.tasks, &v, v + 1));
	vx_nproc_seen(vxi);
	return true;
}

/**
 * vx_nproc_seen - Record the task count after a change for min/max
 * @vxi: The context.
 */
void vx_nproc_seen(struct vx_info *vxi)
{
	seen(&vxi->limits[RLIMIT_NPROC], vx_limit_value(vxi, RLIMIT_NPROC));
}

/**
 * vx_limit_value - The current value of a limit
 * @vxi: The context.
 * @id: The limit id.
 *
 * Return: the value.
 */
long vx_limit_value(struct vx_info *vxi, unsigned int id)
{
	long max, hits;

	if (id == RLIMIT_NPROC)
		return atomic_read(&vxi->core.tasks) + atomic_read(&vxi->zombies);
	if (id == RLIMIT_RSS)
		return vx_rss_stat(vxi, &max, &hits);
	if (id == VLIMIT_OPENFD)
		id = RLIMIT_NOFILE;
	if (id == RLIMIT_NOFILE || id == VLIMIT_NSOCK) {
		long v = atomic_long_read(&vxi->limits[id].cur);

		return v >= VX_LIMIT_GONE ? v - VX_LIMIT_GONE : v;
	}
	if (id == RLIMIT_SIGPENDING)
		return vx_ucounts_total(vxi, UCOUNT_RLIMIT_SIGPENDING);
	if (id == VLIMIT_POSIXMQ)
		return vx_ucounts_total(vxi, UCOUNT_RLIMIT_MSGQUEUE);
	return atomic_long_read(&vxi->limits[id].cur);
}

/**
 * vx_limit_stat - The counters of a limit
 * @vxi: The context.
 * @id: The limit id.
 * @st: Filled in.
 */
void vx_limit_stat(struct vx_info *vxi, unsigned int id,
		   struct vx_limit_stat *st)
{
	struct vx_limit *l = &vxi->limits[id];
	long max = 0, hits = 0;

	if (id == RLIMIT_RSS) {
		st->value = vx_rss_stat(vxi, &max, &hits);
		hits -= READ_ONCE(vxi->rss_hits_base);
	} else {
		st->value = vx_limit_value(vxi, id);
		hits = atomic_read(&l->hits);
	}
	seen(l, st->value);
	st->min = atomic_long_read(&l->min);
	st->max = max(atomic_long_read(&l->max), max);
	st->hits = hits;
}

/**
 * vx_limit_set_hard - Set a hard limit
 * @vxi: The context.
 * @id: The limit id, one of vx_limits_enforced().
 * @hard: The limit, or CRLIM_INFINITY.
 *
 * May sleep (RLIMIT_RSS reclaims what is above a lowered limit).
 *
 * Return: 0, or -EBUSY for RLIMIT_RSS of a context without a memory
 * cgroup of its own.
 */
int vx_limit_set_hard(struct vx_info *vxi, unsigned int id, u64 hard)
{
	if (id == RLIMIT_RSS) {
		int err = vx_rss_set(vxi, hard);

		if (err)
			return err;
	}
	spin_lock(&vxi->core.lock);
	WRITE_ONCE(vxi->limits[id].hard, hard);
	if (id == RLIMIT_NOFILE || id == VLIMIT_OPENFD)
		WRITE_ONCE(vxi->files_max,
			   min3(vxi->limits[RLIMIT_NOFILE].hard,
				vxi->limits[VLIMIT_OPENFD].hard,
				(u64)VX_LIMIT_GONE - 1));
	spin_unlock(&vxi->core.lock);
	if (id == RLIMIT_SIGPENDING || id == VLIMIT_POSIXMQ)
		vx_ucounts_limit_changed(vxi);
	return 0;
}

/**
 * vx_limits_reset_hits - Zero the hit counters of a context
 * @vxi: The context.
 */
void vx_limits_reset_hits(struct vx_info *vxi)
{
	long max, hits;
	int i;

	for (i = 0; i < VLIMIT_NUM; i++)
		atomic_set(&vxi->limits[i].hits, 0);
	vx_rss_stat(vxi, &max, &hits);
	spin_lock(&vxi->core.lock);
	WRITE_ONCE(vxi->rss_hits_base, hits);
	spin_unlock(&vxi->core.lock);
}

/**
 * vx_limits_reset_minmax - Restart min/max from the current values
 * @vxi: The context.
 */
void vx_limits_reset_minmax(struct vx_info *vxi)
{
	int i;

	vx_rss_reset_max(vxi);
	for (i = 0; i < VLIMIT_NUM; i++) {
		struct vx_limit *l = &vxi->limits[i];
		const long v = vx_limit_value(vxi, i);

		atomic_long_set(&l->min, v);
		atomic_long_set(&l->max, v);
	}
}

/**
 * vserver_aio_charge - Count AIO events of io_setup(2) in a guest
 * @vxp: Where the context charged is kept (NULL: the host).
 * @nr: The events asked for.
 * @used: fs/aio.c's aio_nr: the events of the whole machine.
 * @max: fs.aio-max-nr.
 *
 * Called under fs/aio.c's aio_nr_lock after its own check, which
 * serializes every charge.  All guests together may not take more than
 * half of fs.aio-max-nr, so that the host always keeps the other half;
 * each guest at most its VLIMIT_AIO, and without one at most an eighth of
 * fs.aio-max-nr, so that one guest leaves the others most of their half.
 *
 * Return: true, or false if the guest must be refused (EAGAIN).
 */
bool vserver_aio_charge(struct vx_info **vxp, unsigned long nr,
			unsigned long used, unsigned long max)
{
	struct vx_info *vxi = current_vx();

	*vxp = NULL;
	if (!vxi)
		return true;
	if (used + nr > max / 2)
		return false;
	if (READ_ONCE(vxi->limits[VLIMIT_AIO].hard) == CRLIM_INFINITY &&
	    atomic_long_read(&vxi->limits[VLIMIT_AIO].cur) + nr > max / 8) {
		atomic_inc(&vxi->limits[VLIMIT_AIO].hits);
		return false;
	}
	if (!vx_limit_add(vxi, VLIMIT_AIO, nr))
		return false;
	*vxp = vx_get(vxi);
	return true;
}
EXPORT_SYMBOL_GPL(vserver_aio_charge);

/**
 * vserver_aio_uncharge - Give back the AIO events of a killed kioctx
 * @vxi: The context vserver_aio_charge() charged, or NULL.
 * @nr: The events.
 */
void vserver_aio_uncharge(struct vx_info *vxi, unsigned long nr)
{
	if (!vxi)
		return;
	vx_limit_sub(vxi, VLIMIT_AIO, nr);
	vx_put(vxi);
}
EXPORT_SYMBOL_GPL(vserver_aio_uncharge);

/* Objects remember the context they were charged to. */

static struct vx_info **file_vx(const struct file *file)
{
	return file->f_security + vserver_blob_sizes.lbs_file;
}

/* The slow paths of the pinned charges, out of line. */
static noinline bool pinned_refused(struct vx_limit *l, long v)
{
	/* Not a hit: a charge after the unhashing (an exiting task's). */
	if (v < VX_LIMIT_GONE - 1)
		atomic_inc(&l->hits);
	return false;
}

static noinline void pinned_seen(struct vx_limit *l, long v)
{
	seen(l, v);
}

/*
 * One more of a pinning resource, if v + 1 stays within @max (which is
 * below VX_LIMIT_GONE: never after the unhashing).
 */
static __always_inline bool pinned_charge(struct vx_limit *l, u64 max)
{
	long v = atomic_long_read(&l->cur);

	/* Never above the limit, not even for a moment (min/max, readers). */
	do {
		if (unlikely((u64)v + 1 > max))
			return pinned_refused(l, v);
	} while (!atomic_long_try_cmpxchg(&l->cur, &v, v + 1));
	if (unlikely(v + 1 > atomic_long_read(&l->max)))
		pinned_seen(l, v + 1);
	return true;
}

/**
 * vx_file_charge - Count one more open file of a context
 * @vxi: The context of the current task.
 *
 * Within RLIMIT_NOFILE and VLIMIT_OPENFD; the charge pins @vxi until
 * vx_pinned_uncharge() (see the top of this file).
 *
 * Return: true, or false (and one more hit) if that would exceed a hard
 * limit.
 */
bool vx_file_charge(struct vx_info *vxi)
{
	return pinned_charge(&vxi->limits[RLIMIT_NOFILE],
			     READ_ONCE(vxi->files_max));
}

/**
 * vx_sock_charge - Count one more socket of a context
 * @vxi: The context of the current task.
 *
 * Within VLIMIT_NSOCK; the charge pins @vxi until vx_pinned_uncharge().
 *
 * Return: true, or false (and one more hit) if that would exceed the hard
 * limit.
 */
bool vx_sock_charge(struct vx_info *vxi)
{
	return pinned_charge(&vxi->limits[VLIMIT_NSOCK],
			     min_t(u64, READ_ONCE(vxi->limits[VLIMIT_NSOCK].hard),
				   VX_LIMIT_GONE - 1));
}

/**
 * vx_pinned_uncharge - Count one open file or socket less
 * @vxi: The context charged.
 * @id: RLIMIT_NOFILE or VLIMIT_NSOCK.
 *
 * The last one of an unhashed context unpins it: @vxi may be freed when
 * this returns.
 */
void vx_pinned_uncharge(struct vx_info *vxi, unsigned int id)
{
	struct vx_limit *l = &vxi->limits[id];
	long v = atomic_long_dec_return(&l->cur);

	if (unlikely(v >= VX_LIMIT_GONE)) {
		if (v == VX_LIMIT_GONE)
			vx_put(vxi);
		return;
	}
	if (unlikely(v < atomic_long_read(&l->min)))
		pinned_seen(l, v);
}

/* Pins vxi for what remains charged to limit id (see the top). */
static void pin_unhashed(struct vx_info *vxi, unsigned int id)
{
	vx_get(vxi);
	if (atomic_long_add_return(VX_LIMIT_GONE, &vxi->limits[id].cur) ==
	    VX_LIMIT_GONE)
		vx_put(vxi);
}

/**
 * vx_limits_unhashed - The context is unhashed: its files and sockets pin it
 * @vxi: The context; the caller holds the registry's reference.
 *
 * See the top of this file.
 */
void vx_limits_unhashed(struct vx_info *vxi)
{
	pin_unhashed(vxi, RLIMIT_NOFILE);
	pin_unhashed(vxi, VLIMIT_NSOCK);
}

static int hook_file_alloc_security(struct file *file)
{
	struct vx_info *vxi = current_vx();

	if (!vxi)
		return 0;
	if (!vx_file_charge(vxi))
		return -EMFILE;
	/* Its charge pins vxi (see the top of this file). */
	*file_vx(file) = vxi;
	return 0;
}

static void hook_file_free_security(struct file *file)
{
	struct vx_info *vxi = *file_vx(file);

	if (vxi)
		vx_pinned_uncharge(vxi, RLIMIT_NOFILE);
}

static struct security_hook_list vserver_limit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_alloc_security, hook_file_alloc_security),
	LSM_HOOK_INIT(file_free_security, hook_file_free_security),
};

/**
 * vserver_add_limit_hooks - Register the resource accounting hooks
 */
void __init vserver_add_limit_hooks(void)
{
	security_add_hooks(vserver_limit_hooks,
			   ARRAY_SIZE(vserver_limit_hooks), &vserver_lsmid);
}
