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
#include <linux/vserver_inet.h>
#include <linux/vserver_netview.h>
#include <net/ipv6.h>

#include "helper.h"
#include "network.h"
#include "proc.h"
#include "task.h"

/*
 * Not published yet: the snapshot is still the creator's alone.  The
 * loopback address needs the id; then /proc/virtnet/<nid>.
 */
static int nx_setup(struct vs_core *c)
{
	struct nx_info *nxi = container_of(c, struct nx_info, core);
	struct nx_addrs *addrs = rcu_dereference_protected(nxi->addrs, true);
	int err;

	addrs->lback = htonl(INADDR_LOOPBACK ^ ((c->id & 0xFFFF) << 8));
	err = vserver_proc_add_network(nxi);
	if (!err)
		static_branch_enable(&vserver_net_active);
	return err;
}

static void nx_release(struct vs_core *c)
{
	vserver_proc_remove_network(container_of(c, struct nx_info, core));
}

static void nx_unhashed(struct vs_core *c)
{
	struct nx_info *nxi = container_of(c, struct nx_info, core);

	if (nx_flags(nxi) & NXF_SC_HELPER)
		vs_helper_state(VS_HELPER_NETDOWN, nxi->core.id);
	pr_debug("network context %u is gone\n", nxi->core.id);
}

static void nx_free(struct vs_core *c)
{
	struct nx_info *nxi = container_of(c, struct nx_info, core);

	/* No reader is left: the snapshot can go at once. */
	kfree(rcu_dereference_protected(nxi->addrs, true));
	kfree(nxi);
}

/* The hashed network contexts, by nid. */
static struct vs_registry nx_registry = {
	VS_REGISTRY_INIT(nx_registry),
	.min_id = NX_MIN_ID,
	.min_dynamic_id = NX_MIN_DYNAMIC_ID,
	.max_id = NX_MAX_ID,
	.persistent = NXF_PERSISTENT,
	.one_time = NXF_ONE_TIME,
	.setup = nx_setup,
	.release = nx_release,
	.unhashed = nx_unhashed,
	.free = nx_free,
};

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
	return vs_core_count_active(&nx_registry);
}

/**
 * nx_count_total - Number of allocated network contexts
 *
 * Return: the number.
 */
int nx_count_total(void)
{
	return vs_core_count_total(&nx_registry);
}

/**
 * nx_get - Take a reference to a network context
 * @nxi: The network context, referenced or RCU-protected by the caller.
 *
 * Return: @nxi.
 */
struct nx_info *nx_get(struct nx_info *nxi)
{
	vs_core_get(&nxi->core);
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
	if (nxi)
		vs_core_put(&nxi->core);
}

/**
 * nx_lookup - Find a hashed network context
 * @nid: Its id.
 *
 * Return: the network context with a reference, or NULL.
 */
struct nx_info *nx_lookup(u32 nid)
{
	struct vs_core *c = vs_core_lookup(&nx_registry, nid);

	return c ? container_of(c, struct nx_info, core) : NULL;
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
	int err;

	nxi = kzalloc(sizeof(*nxi), GFP_KERNEL_ACCOUNT);
	addrs = nx_addrs_alloc(0, 0);
	if (!nxi || !addrs) {
		kfree(nxi);
		kfree(addrs);
		return ERR_PTR(-ENOMEM);
	}
	vs_core_init(&nx_registry, &nxi->core, flags);
	mutex_init(&nxi->addr_lock);
	nxi->ncaps = NX_DEFAULT_NCAPS;
	addrs->bcast = htonl(INADDR_BROADCAST);
	RCU_INIT_POINTER(nxi->addrs, addrs);

	/* Published: nx_lookup() finds it from here on. */
	err = vs_core_establish(&nx_registry, &nxi->core, nid);
	if (err) {
		kfree(addrs);
		kfree(nxi);
		return ERR_PTR(err);
	}
	return nxi;
}

/**
 * nx_enter - Count one more live task in a network context
 * @nxi: The network context.
 *
 * Return: 0, or -ESRCH if it is no longer hashed.
 */
int nx_enter(struct nx_info *nxi)
{
	return vs_core_enter(&nxi->core);
}

/**
 * nx_leave - Count one live task less in a network context
 * @nxi: The network context.
 *
 * The last task to leave a network context that is not persistent
 * unhashes it.  May be called in any context.
 */
void nx_leave(struct nx_info *nxi)
{
	vs_core_leave(&nxi->core);
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
	vs_core_created(&nxi->core);
}

/**
 * nx_abandon - Unhash a new network context that no task could enter
 * @nxi: The network context, as nx_create() returned it.
 */
void nx_abandon(struct nx_info *nxi)
{
	vs_core_abandon(&nxi->core);
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
	return vs_core_set_flags(&nxi->core, value, mask);
}

/**
 * nx_create_current - Create a network context and move the current task
 * into it
 * @nid: The id, as for nx_create().
 * @flags: Its initial flags.
 *
 * Nothing of the caller changes unless the id is valid and free.  An
 * error after the creation (the vshelper, the migration) gives the new
 * network context up.
 *
 * Return: the new network context's id, or a negative errno.
 */
long nx_create_current(u32 nid, u64 flags)
{
	struct nx_info *nxi;
	long ret = 0;

	nxi = nx_create(nid, flags);
	if (IS_ERR(nxi))
		return PTR_ERR(nxi);
	if (flags & NXF_SC_HELPER)
		ret = vs_helper_state(VS_HELPER_NETUP, nxi->core.id);
	if (!ret)
		ret = nx_migrate_current(nxi, nxi->core.id);
	if (ret) {
		nx_set_flags(nxi, 0, NXF_SC_HELPER);
		nx_abandon(nxi);
	} else {
		nx_created(nxi);
		ret = nxi->core.id;
	}
	nx_put(nxi);
	return ret;
}

/**
 * nx_may_enter - Whether the host may move a task into a network context
 * @nxi: The network context.
 *
 * It needs %NXF_STATE_ADMIN, and with %NXF_INFO_PRIVATE to be in setup.
 *
 * Return: 0 or -EACCES.
 */
int nx_may_enter(const struct nx_info *nxi)
{
	const u64 flags = nx_flags(nxi);

	if ((flags & NXF_STATE_ADMIN) &&
	    (!(flags & NXF_INFO_PRIVATE) || (flags & NXF_STATE_SETUP)))
		return 0;
	return -EACCES;
}

/**
 * nx_set_ncaps - Change the caps of a network context
 * @nxi: The network context.
 * @value: New values of the bits in @mask.
 * @mask: The bits to change.
 */
void nx_set_ncaps(struct nx_info *nxi, u64 value, u64 mask)
{
	spin_lock(&nxi->core.lock);
	WRITE_ONCE(nxi->ncaps, (nxi->ncaps & ~mask) | (value & mask));
	spin_unlock(&nxi->core.lock);
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

/*
 * One family's entries in a snapshot being changed: @n entries of @size
 * bytes at @v, equal when @same says so.
 */
struct addr_table {
	void *v;
	unsigned int *n;
	size_t size;
	bool (*same)(const void *a, const void *b);
};

/* Appends @e unless it is there; returns the number of entries. */
static int table_add(const struct addr_table *t, const void *e)
{
	unsigned int i;

	for (i = 0; i < *t->n; i++)
		if (t->same(t->v + i * t->size, e))
			return -EEXIST;
	if (*t->n >= NX_MAX_ADDRS)
		return -ENOSPC;
	memcpy(t->v + (*t->n)++ * t->size, e, t->size);
	return *t->n;
}

/* Removes @e, or with @all every entry. */
static int table_remove(const struct addr_table *t, const void *e, bool all)
{
	unsigned int i;

	if (all) {
		*t->n = 0;
		return 0;
	}
	for (i = 0; i < *t->n; i++) {
		if (t->same(t->v + i * t->size, e)) {
			memmove(t->v + i * t->size, t->v + (i + 1) * t->size,
				(*t->n - i - 1) * t->size);
			(*t->n)--;
			return 0;
		}
	}
	return -ESRCH;
}

static bool addr4_same(const void *x, const void *y)
{
	const struct nx_addr4 *a = x, *b = y;

	return a->type == b->type && a->ip == b->ip && a->mask == b->mask &&
	       a->ip2 == b->ip2;
}

static struct addr_table table4(struct nx_addrs *a)
{
	return (struct addr_table){ a->v4, &a->n4, sizeof(a->v4[0]),
				    addr4_same };
}

static int do_addr4_add(struct nx_addrs *a, const void *arg)
{
	const struct addr_table t = table4(a);

	return table_add(&t, arg);
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
	const struct addr_table t = table4(a);

	return table_remove(&t, e, e->type == NXA_TYPE_ANY);
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

static bool addr6_same(const void *x, const void *y)
{
	const struct nx_addr6 *a = x, *b = y;

	return a->type == b->type && ipv6_addr_equal(&a->ip, &b->ip) &&
	       (a->type == NXA_TYPE_ADDR || a->prefix == b->prefix);
}

static struct addr_table table6(struct nx_addrs *a)
{
	return (struct addr_table){ a->v6, &a->n6, sizeof(a->v6[0]),
				    addr6_same };
}

static int do_addr6_add(struct nx_addrs *a, const void *arg)
{
	const struct addr_table t = table6(a);

	return table_add(&t, arg);
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
	int ret;

	addr6_prepare(&e);
	ret = nx_change_addrs(nxi, do_addr6_add, &e);
	return ret < 0 ? ret : 0;
}

static int do_addr6_remove(struct nx_addrs *a, const void *arg)
{
	const struct nx_addr6 *e = arg;
	const struct addr_table t = table6(a);

	return table_remove(&t, e, e->type == NXA_TYPE_ANY);
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
