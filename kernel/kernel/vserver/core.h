/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The lifetime core shared by contexts and network contexts
 */

#ifndef _KERNEL_VSERVER_CORE_H
#define _KERNEL_VSERVER_CORE_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

struct vs_core;

/*
 * The fields of a &struct vs_registry named @name that are the same for
 * every kind: an empty registry.
 */
#define VS_REGISTRY_INIT(name)					\
	.xa = XARRAY_INIT((name).xa, XA_FLAGS_ALLOC),		\
	.total = ATOMIC_INIT(0),				\
	.active = ATOMIC_INIT(0)

/**
 * struct vs_registry - The registry of one kind of context
 *
 * @xa: The hashed entries, by id.  Readers use RCU, writers the xa_lock.
 *      An id is reserved (a NULL entry) while its entry is being made.
 * @total: Allocated entries, hashed or not.
 * @active: Hashed entries.
 * @min_id: The lowest id.
 * @min_dynamic_id: The lowest id given out for the dynamic id.
 * @max_id: The highest id.
 * @persistent: The flag that keeps an entry without tasks hashed.
 * @one_time: Flags that, once clear, cannot be set again.
 * @busy: The flag of an entry still being set up: creating its id again
 *        fails with -EBUSY, not -EEXIST (0: always -EEXIST).
 * @setup: Makes a new entry visible by its id (its /proc directory) once
 *         the id is reserved, before it is published; 0 or an errno.
 *         May sleep.
 * @release: Undoes what @setup did, before the id is freed.  May sleep.
 * @unhashed: The kind's own teardown, after the id is freed and before
 *            the registry's reference is dropped.  May sleep.
 * @free: Frees the containing structure; called after a grace period.
 *
 * Constant after its definition, apart from @xa and the counters.
 */
struct vs_registry {
	struct xarray xa;
	atomic_t total;
	atomic_t active;
	u32 min_id;
	u32 min_dynamic_id;
	u32 max_id;
	u64 persistent;
	u64 one_time;
	u64 busy;
	int (*setup)(struct vs_core *c);
	void (*release)(struct vs_core *c);
	void (*unhashed)(struct vs_core *c);
	void (*free)(struct vs_core *c);
};

/**
 * struct vs_core - The lifetime of a context or network context
 *
 * @reg: The registry it belongs to.  Constant.
 * @id: Its id.  Constant once hashed.
 * @usecnt: References: one while hashed, one per task whose blob points
 *          here (until the task_struct is freed), one per socket of a
 *          network context (until the sock is freed), and one per
 *          temporary user.  The last one frees the structure after an
 *          RCU grace period.
 * @tasks: Live tasks in it: tasks that entered it (fork, create,
 *         migrate) and have not yet left it or exited.  Changes from
 *         zero only under @lock.
 * @lock: Protects @hashed, @creating, @flags and the zero transitions of
 *        @tasks, and the container's own fields its comment names.
 *        Spinlock, taken without other vserver locks held.
 * @hashed: In the registry, can be found and entered.  Goes from true
 *          to false once, under @lock.
 * @creating: Its creator has neither entered it (vs_core_created()) nor
 *            given it up (vs_core_abandon()): it is not unhashed
 *            meanwhile.
 * @flags: The VXF_* or NXF_* flags; written under @lock, read with
 *         READ_ONCE().
 * @unhash_work: Unhashes it from the system workqueue when its last task
 *               leaves where sleeping is not allowed (a task freed from
 *               an RCU callback after a failed fork).
 * @rcu: Frees the structure after a grace period.
 *
 * The unhashing is decided in one place (vs_core_mark_unhashed()): an
 * entry goes when it is hashed, no longer being created, has no task
 * and is not persistent.
 */
struct vs_core {
	struct vs_registry *reg;
	u32 id;
	refcount_t usecnt;
	atomic_t tasks;
	spinlock_t lock; /* see @lock above */
	bool hashed;
	bool creating;
	u64 flags;
	struct work_struct unhash_work;
	struct rcu_head rcu;
};

void vs_core_init(struct vs_registry *reg, struct vs_core *c, u64 flags);
int vs_core_reserve(struct vs_registry *reg, struct vs_core *c, u32 id);
int vs_core_publish(struct vs_registry *reg, struct vs_core *c);
int vs_core_establish(struct vs_registry *reg, struct vs_core *c, u32 id);
void vs_core_unreserve(struct vs_registry *reg, struct vs_core *c);
void vs_core_uninit(struct vs_registry *reg, struct vs_core *c);
struct vs_core *vs_core_lookup(struct vs_registry *reg, u32 id);
void vs_core_get(struct vs_core *c);
void vs_core_put(struct vs_core *c);
int vs_core_enter(struct vs_core *c);
bool vs_core_leave(struct vs_core *c);
void vs_core_created(struct vs_core *c);
void vs_core_abandon(struct vs_core *c);
u64 vs_core_set_flags(struct vs_core *c, u64 value, u64 mask);
u64 vs_core_flag_mask(const struct vs_core *c, u64 flags);

/**
 * vs_core_count_active - Number of hashed entries of a registry
 * @reg: The registry.
 *
 * Return: the number.
 */
static inline int vs_core_count_active(struct vs_registry *reg)
{
	return atomic_read(&reg->active);
}

/**
 * vs_core_count_total - Number of allocated entries of a registry
 * @reg: The registry.
 *
 * Return: the number.
 */
static inline int vs_core_count_total(struct vs_registry *reg)
{
	return atomic_read(&reg->total);
}

#endif /* _KERNEL_VSERVER_CORE_H */
