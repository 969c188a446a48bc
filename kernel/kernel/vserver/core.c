// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The lifetime core shared by contexts and network contexts
 *
 * Both kinds live the same way.  An entry is made with its id reserved
 * in the registry (vs_core_init(), vs_core_reserve()), completed by its
 * kind and published (vs_core_publish()); from then on lookups find it.
 * Its creator enters it and calls vs_core_created(), or gives it up with
 * vs_core_abandon().  It stays in the registry ("hashed") while it has
 * tasks or is persistent; when neither holds, it is unhashed once: its
 * kind's visible parts are released, the id is freed and the registry's
 * reference dropped.  The structure lives on while tasks, sockets or
 * readers still reference it, and is freed after an RCU grace period.
 */

#include "common.h"

#include <linux/err.h>
#include <linux/hardirq.h>

#include "core.h"

static void vs_core_free_rcu(struct rcu_head *head)
{
	struct vs_core *c = container_of(head, struct vs_core, rcu);
	struct vs_registry *reg = c->reg;

	reg->free(c);
	atomic_dec(&reg->total);
}

/**
 * vs_core_get - Take a reference
 * @c: The entry; the caller holds a reference or an RCU read lock under
 *     which @c cannot be freed.
 */
void vs_core_get(struct vs_core *c)
{
	refcount_inc(&c->usecnt);
}

/**
 * vs_core_put - Drop a reference
 * @c: The entry.
 *
 * The last reference frees it after an RCU grace period.  May be called
 * in any context, softirq included.
 */
void vs_core_put(struct vs_core *c)
{
	if (refcount_dec_and_test(&c->usecnt))
		call_rcu(&c->rcu, vs_core_free_rcu);
}

/**
 * vs_core_lookup - Find a hashed entry by id
 * @reg: The registry.
 * @id: The id.
 *
 * Return: the entry with a reference for the caller, or NULL.
 */
struct vs_core *vs_core_lookup(struct vs_registry *reg, u32 id)
{
	struct vs_core *c;

	if (id < reg->min_id || id > reg->max_id)
		return NULL;
	rcu_read_lock();
	c = xa_load(&reg->xa, id);
	if (c && (!READ_ONCE(c->hashed) || !refcount_inc_not_zero(&c->usecnt)))
		c = NULL;
	rcu_read_unlock();
	return c;
}

/* Takes it out of the registry; @c is no longer hashed. */
static void vs_core_unhash(struct vs_core *c)
{
	struct vs_registry *reg = c->reg;

	might_sleep();
	/* The kind's /proc entry goes first: the id may be reused at once. */
	reg->release(c);
	xa_erase(&reg->xa, c->id);
	atomic_dec(&reg->active);
	reg->unhashed(c);
	vs_core_put(c);
}

static void vs_core_unhash_workfn(struct work_struct *work)
{
	vs_core_unhash(container_of(work, struct vs_core, unhash_work));
}

/*
 * Under @c->lock: whether @c has to go now, and if so marks it unhashed.
 * @abandon: its creator gives it up; persistence does not keep it.
 */
static bool vs_core_mark_unhashed(struct vs_core *c, bool abandon)
{
	lockdep_assert_held(&c->lock);
	if (!c->hashed || c->creating || atomic_read(&c->tasks))
		return false;
	if (!abandon && (c->flags & c->reg->persistent))
		return false;
	c->hashed = false;
	return true;
}

/**
 * vs_core_init - Start a new entry
 * @reg: Its registry.
 * @c: The core, zeroed.
 * @flags: Its initial flags.
 *
 * The entry has two references, the registry's and the caller's, is
 * hashed and being created.  Undone by vs_core_uninit() until it is
 * published.
 */
void vs_core_init(struct vs_registry *reg, struct vs_core *c, u64 flags)
{
	c->reg = reg;
	refcount_set(&c->usecnt, 2);
	spin_lock_init(&c->lock);
	c->hashed = true;
	c->creating = true;
	c->flags = flags;
	INIT_WORK(&c->unhash_work, vs_core_unhash_workfn);
	atomic_inc(&reg->total);
}

/**
 * vs_core_uninit - Undo vs_core_init() of an entry never published
 * @reg: Its registry.
 * @c: The core.
 *
 * The caller frees the structure itself.
 */
void vs_core_uninit(struct vs_registry *reg, struct vs_core *c)
{
	atomic_dec(&reg->total);
}

/**
 * vs_core_reserve - Reserve the id of a new entry
 * @reg: The registry.
 * @c: The core, as vs_core_init() made it.
 * @id: The id, @reg->min_id..@reg->max_id, or (u32)-1 for a free one in
 *      @reg->min_dynamic_id..@reg->max_id.
 *
 * Return: 0 with @c->id set, or -EINVAL for a bad @id, -EBUSY if the id
 * exists and is still being set up (see &vs_registry.busy), -EEXIST if it
 * exists otherwise, -ENOSPC if no dynamic id is free, -ENOMEM.
 */
int vs_core_reserve(struct vs_registry *reg, struct vs_core *c, u32 id)
{
	struct vs_core *old;
	int err;

	if (id == (u32)-1) {
		err = xa_alloc(&reg->xa, &id, NULL,
			       XA_LIMIT(reg->min_dynamic_id, reg->max_id),
			       GFP_KERNEL);
		if (err == -EBUSY)
			err = -ENOSPC;
	} else if (id < reg->min_id || id > reg->max_id) {
		err = -EINVAL;
	} else {
		err = xa_insert(&reg->xa, id, NULL, GFP_KERNEL);
		if (err == -EBUSY) {
			/* Reserved, or hashed and still set up: busy. */
			old = reg->busy ? vs_core_lookup(reg, id) : NULL;
			if (!reg->busy ||
			    (old && !(READ_ONCE(old->flags) & reg->busy)))
				err = -EEXIST;
			if (old)
				vs_core_put(old);
		}
	}
	if (!err)
		c->id = id;
	return err;
}

/**
 * vs_core_unreserve - Free the id of an entry never published
 * @reg: The registry.
 * @c: The core, after vs_core_reserve() succeeded.
 */
void vs_core_unreserve(struct vs_registry *reg, struct vs_core *c)
{
	xa_erase(&reg->xa, c->id);
}

/**
 * vs_core_publish - Make a complete entry findable by its id
 * @reg: The registry.
 * @c: The core, its id reserved.
 *
 * Return: 0 or -ENOMEM (the id stays reserved).
 */
int vs_core_publish(struct vs_registry *reg, struct vs_core *c)
{
	int err = xa_err(xa_store(&reg->xa, c->id, c, GFP_KERNEL));

	if (!err)
		atomic_inc(&reg->active);
	return err;
}

/**
 * vs_core_establish - Give a new entry its id and publish it
 * @reg: The registry.
 * @c: The core, as vs_core_init() made it; the kind's own fields are set.
 * @id: The id, as for vs_core_reserve().
 *
 * Reserves the id, makes the entry visible (&vs_registry.setup) and
 * publishes it: from then on lookups find it complete.  On an error
 * every step is undone, vs_core_uninit() included; the caller frees what
 * it allocated.
 *
 * Return: 0, or an errno of vs_core_reserve(), of &vs_registry.setup or
 * -ENOMEM.
 */
int vs_core_establish(struct vs_registry *reg, struct vs_core *c, u32 id)
{
	int err;

	err = vs_core_reserve(reg, c, id);
	if (err)
		goto out_uninit;
	err = reg->setup(c);
	if (err)
		goto out_unreserve;
	err = vs_core_publish(reg, c);
	if (!err)
		return 0;
	reg->release(c);
out_unreserve:
	vs_core_unreserve(reg, c);
out_uninit:
	vs_core_uninit(reg, c);
	return err;
}

/**
 * vs_core_enter - Count one more live task
 * @c: The entry.
 *
 * Return: 0, or -ESRCH if it is no longer hashed.
 */
int vs_core_enter(struct vs_core *c)
{
	int err = 0;

	spin_lock(&c->lock);
	if (c->hashed)
		atomic_inc(&c->tasks);
	else
		err = -ESRCH;
	spin_unlock(&c->lock);
	return err;
}

/**
 * vs_core_leave - Count one live task less
 * @c: The entry.
 *
 * When the last live task leaves an entry that is not persistent, the
 * entry is unhashed: at once where the caller may sleep, else from the
 * system workqueue (the registry's reference keeps @c meanwhile).  May be
 * called in any context.
 *
 * Return: true if other live tasks remain.
 */
bool vs_core_leave(struct vs_core *c)
{
	bool unhash;

	if (!atomic_dec_and_lock(&c->tasks, &c->lock))
		return true;
	unhash = vs_core_mark_unhashed(c, false);
	spin_unlock(&c->lock);
	if (!unhash)
		return false;
	if (in_task())
		vs_core_unhash(c);
	else
		schedule_work(&c->unhash_work);
	return false;
}

/**
 * vs_core_created - The creator has entered its new entry
 * @c: The entry, published.
 *
 * From now on it is unhashed when it has neither tasks nor persistence.
 * Must be called where the caller may sleep.
 */
void vs_core_created(struct vs_core *c)
{
	bool unhash;

	spin_lock(&c->lock);
	c->creating = false;
	unhash = vs_core_mark_unhashed(c, false);
	spin_unlock(&c->lock);
	if (unhash)
		vs_core_unhash(c);
}

/**
 * vs_core_abandon - Unhash a new entry that no task could enter
 * @c: The entry, published.
 *
 * Must be called where the caller may sleep.
 */
void vs_core_abandon(struct vs_core *c)
{
	bool unhash;

	spin_lock(&c->lock);
	c->creating = false;
	unhash = vs_core_mark_unhashed(c, true);
	spin_unlock(&c->lock);
	if (unhash)
		vs_core_unhash(c);
}

/**
 * vs_core_set_flags - Change the flags
 * @c: The entry.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.  One-time bits can only be cleared.
 *
 * Clearing persistence of an entry without tasks unhashes it.  Must be
 * called where the caller may sleep.
 *
 * Return: the flags before the change.
 */
u64 vs_core_set_flags(struct vs_core *c, u64 value, u64 mask)
{
	bool unhash;
	u64 old;

	spin_lock(&c->lock);
	old = c->flags;
	/* One-time bits that are clear stay clear. */
	mask &= ~(c->reg->one_time & ~old);
	WRITE_ONCE(c->flags, (old & ~mask) | (value & mask));
	unhash = vs_core_mark_unhashed(c, false);
	spin_unlock(&c->lock);
	if (unhash)
		vs_core_unhash(c);
	return old;
}

/**
 * vs_core_flag_mask - The flags that can still change
 * @c: The entry.
 * @flags: Its flags, as the caller read them.
 *
 * Return: every bit but the one-time bits clear in @flags.
 */
u64 vs_core_flag_mask(const struct vs_core *c, u64 flags)
{
	return ~(c->reg->one_time & ~flags);
}
