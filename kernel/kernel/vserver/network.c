// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Network contexts: registry, lifetime and addresses
 *
 * A network context holds the addresses a guest may use on the host's
 * network stack.  Like a context, it is in the registry ("hashed") from its
 * creation until its last task exits or leaves, unless it is persistent;
 * sockets made in it keep the structure, not the registry entry.
 *
 * The addresses are an immutable snapshot replaced as a whole under
 * &nx_info.addr_lock, so that the socket paths read them under RCU without
 * any lock.
 */

#include "common.h"

#include <linux/slab.h>
#include <linux/static_key.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <linux/vserver_inet.h>
#include <net/ipv6.h>

#include "helper.h"
#include "network.h"
#include "proc.h"

/* The hashed network contexts, by nid.  RCU readers, xa_lock writers. */
static DEFINE_XARRAY_ALLOC(nx_registry);

static atomic_t nx_total = ATOMIC_INIT(0);
static atomic_t nx_active = ATOMIC_INIT(0);

/*
 * Enabled with the first network context: until then the socket paths
 * of the host cost one patched-out branch.
 */
DEFINE_STATIC_KEY_FALSE(vserver_net_active);
EXPORT_SYMBOL_GPL(vserver_net_active);

/**
 * nx_count_active - Number of hashed network contexts
 *
 * Return: the number.
 */
int nx_count_active(void)
{
	return atomic_read(&nx_active);
}

/**
 * nx_count_total - Number of allocated network contexts
 *
 * Return: the number.
 */
int nx_count_total(void)
{
	return atomic_read(&nx_total);
}

static void nx_free_rcu(struct rcu_head *head)
{
	struct nx_info *nxi = container_of(head, struct nx_info, rcu);

	/* No reader is left: the snapshot can go at once. */
	kfree(rcu_dereference_protected(nxi->addrs, true));
	kfree(nxi);
	atomic_dec(&nx_total);
}

/**
 * nx_get - Take a reference to a network context
 * @nxi: The network context, referenced or RCU-protected by the caller.
 *
 * Return: @nxi.
 */
struct nx_info *nx_get(struct nx_info *nxi)
{
	refcount_inc(&nxi->usecnt);
	return nxi;
}

/**
 * nx_put - Drop a reference to a network context
 * @nxi: The network context, or NULL.
 *
 * May be called in any context, including softirq (socket freeing).
 */
void nx_put(struct nx_info *nxi)
{
	if (nxi && refcount_dec_and_test(&nxi->usecnt))
		call_rcu(&nxi->rcu, nx_free_rcu);
}

/**
 * nx_lookup - Find a hashed network context
 * @nid: Its id.
 *
 * Return: the network context with a reference, or NULL.
 */
struct nx_info *nx_lookup(u32 nid)
{
	struct nx_info *nxi;

	if (nid < NX_MIN_ID || nid > NX_MAX_ID)
		return NULL;
	rcu_read_lock();
	nxi = xa_load(&nx_registry, nid);
	if (nxi && (!READ_ONCE(nxi->hashed) ||
		    !refcount_inc_not_zero(&nxi->usecnt)))
		nxi = NULL;
	rcu_read_unlock();
	return nxi;
}

static void nx_unhash(struct nx_info *nxi)
{
	might_sleep();
	vserver_proc_remove_network(nxi);
	xa_erase(&nx_registry, nxi->nid);
	atomic_dec(&nx_active);
	if (nx_flags(nxi) & NXF_SC_HELPER)
		vs_helper_state(VS_HELPER_NETDOWN, nxi->nid);
	pr_debug("network context %u is gone\n", nxi->nid);
	nx_put(nxi);
}

struct nx_unhash_work {
	struct work_struct work;
	struct nx_info *nxi;
};

static void nx_unhash_workfn(struct work_struct *work)
{
	struct nx_unhash_work *w = container_of(work, struct nx_unhash_work,
						work);

	nx_unhash(w->nxi);
	kfree(w);
}

/* The last task may leave where sleeping is not allowed (failed fork). */
static void nx_unhash_any_context(struct nx_info *nxi)
{
	struct nx_unhash_work *w;

	if (in_task()) {
		nx_unhash(nxi);
		return;
	}
	w = kmalloc(sizeof(*w), GFP_ATOMIC | __GFP_NOFAIL);
	INIT_WORK(&w->work, nx_unhash_workfn);
	w->nxi = nxi;
	schedule_work(&w->work);
}

/*
 * A snapshot with room for @cap4 IPv4 and @cap6 IPv6 entries and none in
 * use.
 */
static struct nx_addrs *nx_addrs_alloc(unsigned int cap4, unsigned int cap6)
{
	struct nx_addrs *a;

	a = kzalloc(struct_size(a, data, (cap4 * sizeof(*a->v4) +
					  cap6 * sizeof(*a->v6)) /
				sizeof(u32)),
		    GFP_KERNEL_ACCOUNT);
	if (!a)
		return NULL;
	a->v4 = (struct nx_addr4 *)a->data;
	a->v6 = (struct nx_addr6 *)(a->v4 + cap4);
	return a;
}

/**
 * nx_create - Create and hash a network context
 * @nid: Its id, NX_MIN_ID..NX_MAX_ID, or NX_DYNAMIC_ID for a free id in
 *       NX_MIN_DYNAMIC_ID..NX_MAX_ID.
 * @flags: Its initial flags.
 *
 * The loopback address is 127.0.0.1 ^ (nid << 8), the broadcast address
 * 255.255.255.255; there is no other address.
 *
 * Return: the network context with a reference for the caller, or an
 * ERR_PTR: -EINVAL (bad id), -EEXIST, -ENOSPC (no dynamic id), -ENOMEM.
 */
struct nx_info *nx_create(u32 nid, u64 flags)
{
	struct nx_addrs *addrs;
	struct nx_info *nxi;
	u32 id;
	int err;

	if (nid != NX_DYNAMIC_ID && (nid < NX_MIN_ID || nid > NX_MAX_ID))
		return ERR_PTR(-EINVAL);
	nxi = kzalloc(sizeof(*nxi), GFP_KERNEL_ACCOUNT);
	addrs = nx_addrs_alloc(0, 0);
	if (!nxi || !addrs) {
		kfree(nxi);
		kfree(addrs);
		return ERR_PTR(-ENOMEM);
	}
	refcount_set(&nxi->usecnt, 2);	/* the registry's and the caller's */
	spin_lock_init(&nxi->lock);
	mutex_init(&nxi->addr_lock);
	nxi->hashed = true;
	nxi->creating = true;
	nxi->flags = flags;
	nxi->ncaps = NX_DEFAULT_NCAPS;
	addrs->bcast = htonl(INADDR_BROADCAST);
	RCU_INIT_POINTER(nxi->addrs, addrs);
	atomic_inc(&nx_total);

	/* The id is reserved (a NULL entry) until the context is complete. */
	if (nid == NX_DYNAMIC_ID) {
		err = xa_alloc(&nx_registry, &id, NULL,
			       XA_LIMIT(NX_MIN_DYNAMIC_ID, NX_MAX_ID),
			       GFP_KERNEL);
		if (err == -EBUSY)
			err = -ENOSPC;
	} else {
		id = nid;
		err = xa_insert(&nx_registry, id, NULL, GFP_KERNEL);
		if (err == -EBUSY)
			err = -EEXIST;
	}
	if (err)
		goto out_free;
	nxi->nid = id;
	addrs->lback = htonl(INADDR_LOOPBACK ^ ((id & 0xFFFF) << 8));
	err = vserver_proc_add_network(nxi);
	if (err)
		goto out_erase;
	static_branch_enable(&vserver_net_active);
	/* Published: nx_lookup() finds it from here on. */
	err = xa_err(xa_store(&nx_registry, id, nxi, GFP_KERNEL));
	if (err)
		goto out_proc;
	atomic_inc(&nx_active);
	return nxi;

out_proc:
	vserver_proc_remove_network(nxi);
out_erase:
	xa_erase(&nx_registry, id);
out_free:
	kfree(addrs);
	kfree(nxi);
	atomic_dec(&nx_total);
	return ERR_PTR(err);
}

/**
 * nx_enter - Count one more live task in a network context
 * @nxi: The network context.
 *
 * Return: 0, or -ESRCH if it is no longer hashed.
 */
int nx_enter(struct nx_info *nxi)
{
	int err = 0;

	spin_lock(&nxi->lock);
	if (nxi->hashed)
		atomic_inc(&nxi->tasks);
	else
		err = -ESRCH;
	spin_unlock(&nxi->lock);
	return err;
}

/**
 * nx_leave - Count one live task less in a network context
 * @nxi: The network context.
 *
 * The last task to leave a network context that is not persistent
 * unhashes it.
 */
void nx_leave(struct nx_info *nxi)
{
	bool unhash = false;

	if (!atomic_dec_and_lock(&nxi->tasks, &nxi->lock))
		return;
	if (nxi->hashed && !nxi->creating &&
	    !(nxi->flags & NXF_PERSISTENT)) {
		nxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&nxi->lock);
	if (unhash)
		nx_unhash_any_context(nxi);
}

/**
 * nx_created - The creator has entered its new network context
 * @nxi: The network context, as nx_create() returned it.
 *
 * From now on it is unhashed when it has neither tasks nor
 * %NXF_PERSISTENT.
 */
void nx_created(struct nx_info *nxi)
{
	bool unhash = false;

	spin_lock(&nxi->lock);
	nxi->creating = false;
	if (nxi->hashed && !(nxi->flags & NXF_PERSISTENT) &&
	    !atomic_read(&nxi->tasks)) {
		nxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&nxi->lock);
	if (unhash)
		nx_unhash(nxi);
}

/**
 * nx_abandon - Unhash a new network context that no task could enter
 * @nxi: The network context, as nx_create() returned it.
 */
void nx_abandon(struct nx_info *nxi)
{
	bool unhash = false;

	spin_lock(&nxi->lock);
	nxi->creating = false;
	if (nxi->hashed && !atomic_read(&nxi->tasks)) {
		nxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&nxi->lock);
	if (unhash)
		nx_unhash(nxi);
}

/**
 * nx_set_flags - Change the flags of a network context
 * @nxi: The network context.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change; one-time bits can only be cleared.
 *
 * Clearing %NXF_PERSISTENT of a network context without tasks unhashes it.
 *
 * Return: the flags before the change.
 */
u64 nx_set_flags(struct nx_info *nxi, u64 value, u64 mask)
{
	bool unhash = false;
	u64 old, new;

	spin_lock(&nxi->lock);
	old = nxi->flags;
	mask &= ~(NXF_ONE_TIME & ~old);
	new = (old & ~mask) | (value & mask);
	WRITE_ONCE(nxi->flags, new);
	if (nxi->hashed && !nxi->creating && !(new & NXF_PERSISTENT) &&
	    !atomic_read(&nxi->tasks)) {
		nxi->hashed = false;
		unhash = true;
	}
	spin_unlock(&nxi->lock);
	if (unhash)
		nx_unhash(nxi);
	return old;
}

/**
 * nx_set_ncaps - Change the caps of a network context
 * @nxi: The network context.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.
 */
void nx_set_ncaps(struct nx_info *nxi, u64 value, u64 mask)
{
	spin_lock(&nxi->lock);
	WRITE_ONCE(nxi->ncaps, (nxi->ncaps & ~mask) | (value & mask));
	spin_unlock(&nxi->lock);
}

/*
 * Address changes: copy the snapshot, let @fn change the copy, publish
 * it.  @fn returns a non-negative result or an errno; on error nothing
 * is published.  Runs under &nx_info.addr_lock.
 */
static int nx_change_addrs(struct nx_info *nxi,
			   int (*fn)(struct nx_addrs *a, const void *arg),
			   const void *arg)
{
	struct nx_addrs *old, *new;
	int ret;

	mutex_lock(&nxi->addr_lock);
	old = rcu_dereference_protected(nxi->addrs,
					lockdep_is_held(&nxi->addr_lock));
	/* Room for one more of each: @fn adds or removes one entry. */
	new = nx_addrs_alloc(min_t(unsigned int, old->n4 + 1, NX_MAX_ADDRS),
			     min_t(unsigned int, old->n6 + 1, NX_MAX_ADDRS));
	if (!new) {
		mutex_unlock(&nxi->addr_lock);
		return -ENOMEM;
	}
	new->bcast = old->bcast;
	new->lback = old->lback;
	new->n4 = old->n4;
	new->n6 = old->n6;
	memcpy(new->v4, old->v4, old->n4 * sizeof(*old->v4));
	memcpy(new->v6, old->v6, old->n6 * sizeof(*old->v6));
	ret = fn(new, arg);
	if (ret >= 0) {
		rcu_assign_pointer(nxi->addrs, new);
		kfree_rcu(old, rcu);
		new = NULL;
	}
	mutex_unlock(&nxi->addr_lock);
	kfree(new);
	return ret;
}

static bool addr4_same(const struct nx_addr4 *a, const struct nx_addr4 *b)
{
	return a->type == b->type && a->ip == b->ip && a->mask == b->mask &&
	       a->ip2 == b->ip2;
}

static int do_addr4_add(struct nx_addrs *a, const void *arg)
{
	const struct nx_addr4 *e = arg;
	unsigned int i;

	for (i = 0; i < a->n4; i++)
		if (addr4_same(&a->v4[i], e))
			return -EEXIST;
	if (a->n4 >= NX_MAX_ADDRS)
		return -ENOSPC;
	a->v4[a->n4++] = *e;
	return a->n4;
}

/**
 * nx_addr4_add - Add an IPv4 entry
 * @nxi: The network context.
 * @a: The entry; a MASK entry's address is masked here.
 *
 * A second IPv4 entry clears %NXF_SINGLE_IP.
 *
 * Return: 0, -EEXIST for an entry already there, -ENOSPC, -ENOMEM.
 */
int nx_addr4_add(struct nx_info *nxi, const struct nx_addr4 *a)
{
	struct nx_addr4 e = *a;
	int ret;

	if (e.type == NXA_TYPE_MASK)
		e.ip &= e.mask;
	if (e.type != NXA_TYPE_RANGE)
		e.ip2 = 0;
	ret = nx_change_addrs(nxi, do_addr4_add, &e);
	if (ret > 1)
		nx_set_flags(nxi, 0, NXF_SINGLE_IP);
	return ret < 0 ? ret : 0;
}

static int do_addr4_remove(struct nx_addrs *a, const void *arg)
{
	const struct nx_addr4 *e = arg;
	unsigned int i;

	if (e->type == NXA_TYPE_ANY) {
		a->n4 = 0;
		return 0;
	}
	for (i = 0; i < a->n4; i++) {
		if (addr4_same(&a->v4[i], e)) {
			memmove(&a->v4[i], &a->v4[i + 1],
				(a->n4 - i - 1) * sizeof(a->v4[0]));
			a->n4--;
			return 0;
		}
	}
	return -ESRCH;
}

/**
 * nx_addr4_remove - Remove an IPv4 entry, or all of them
 * @nxi: The network context.
 * @a: The entry (type, address, mask, end of range), or type
 *     NXA_TYPE_ANY for all.
 *
 * Return: 0, -ESRCH if there is no such entry, -ENOMEM.
 */
int nx_addr4_remove(struct nx_info *nxi, const struct nx_addr4 *a)
{
	struct nx_addr4 e = *a;

	if (e.type == NXA_TYPE_MASK)
		e.ip &= e.mask;
	if (e.type != NXA_TYPE_RANGE)
		e.ip2 = 0;
	return nx_change_addrs(nxi, do_addr4_remove, &e);
}

struct special_arg {
	u16 mod;
	__be32 ip;
};

static int do_set_special(struct nx_addrs *a, const void *arg)
{
	const struct special_arg *s = arg;

	if (s->mod == NXA_MOD_BCAST)
		a->bcast = s->ip;
	else
		a->lback = s->ip;
	return 0;
}

/**
 * nx_addr4_set_special - Set the broadcast or loopback address
 * @nxi: The network context.
 * @mod: NXA_MOD_BCAST or NXA_MOD_LBACK.
 * @ip: The address.
 *
 * Return: 0 or -ENOMEM.
 */
int nx_addr4_set_special(struct nx_info *nxi, u16 mod, __be32 ip)
{
	const struct special_arg s = { .mod = mod, .ip = ip };

	return nx_change_addrs(nxi, do_set_special, &s);
}

static bool addr6_same(const struct nx_addr6 *a, const struct nx_addr6 *b)
{
	return a->type == b->type && ipv6_addr_equal(&a->ip, &b->ip) &&
	       (a->type == NXA_TYPE_ADDR || a->prefix == b->prefix);
}

static int do_addr6_add(struct nx_addrs *a, const void *arg)
{
	const struct nx_addr6 *e = arg;
	unsigned int i;

	for (i = 0; i < a->n6; i++)
		if (addr6_same(&a->v6[i], e))
			return -EEXIST;
	if (a->n6 >= NX_MAX_ADDRS)
		return -ENOSPC;
	a->v6[a->n6++] = *e;
	return 0;
}

static void addr6_prepare(struct nx_addr6 *e)
{
	static const struct in6_addr all_ones = {
		.s6_addr32 = { ~0U, ~0U, ~0U, ~0U },
	};

	const struct in6_addr ip = e->ip;

	/* ipv6_addr_prefix() clears its destination first: no aliasing. */
	ipv6_addr_prefix(&e->mask, &all_ones, e->prefix);
	if (e->type == NXA_TYPE_MASK)
		ipv6_addr_prefix(&e->ip, &ip, e->prefix);
}

/**
 * nx_addr6_add - Add an IPv6 entry
 * @nxi: The network context.
 * @a: The entry: type, address and prefix (0..128); the mask is derived
 *     from the prefix.
 *
 * Return: 0, -EEXIST, -ENOSPC, -ENOMEM.
 */
int nx_addr6_add(struct nx_info *nxi, const struct nx_addr6 *a)
{
	struct nx_addr6 e = *a;

	addr6_prepare(&e);
	return nx_change_addrs(nxi, do_addr6_add, &e);
}

static int do_addr6_remove(struct nx_addrs *a, const void *arg)
{
	const struct nx_addr6 *e = arg;
	unsigned int i;

	if (e->type == NXA_TYPE_ANY) {
		a->n6 = 0;
		return 0;
	}
	for (i = 0; i < a->n6; i++) {
		if (addr6_same(&a->v6[i], e)) {
			memmove(&a->v6[i], &a->v6[i + 1],
				(a->n6 - i - 1) * sizeof(a->v6[0]));
			a->n6--;
			return 0;
		}
	}
	return -ESRCH;
}

/**
 * nx_addr6_remove - Remove an IPv6 entry, or all of them
 * @nxi: The network context.
 * @a: The entry (type, address, prefix), or type NXA_TYPE_ANY for all.
 *
 * Return: 0, -ESRCH if there is no such entry, -ENOMEM.
 */
int nx_addr6_remove(struct nx_info *nxi, const struct nx_addr6 *a)
{
	struct nx_addr6 e = *a;

	if (e.type != NXA_TYPE_ANY)
		addr6_prepare(&e);
	return nx_change_addrs(nxi, do_addr6_remove, &e);
}
