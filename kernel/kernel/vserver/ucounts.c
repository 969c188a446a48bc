// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The per-user counters of a guest's users are the guest's own
 *
 * The kernel counts some resources per user, in the task's ucounts,
 * keyed by (user namespace, uid): processes (RLIMIT_NPROC), queued
 * signals and POSIX timers (RLIMIT_SIGPENDING), POSIX message queue
 * bytes (RLIMIT_MSGQUEUE) and SHM_LOCKed memory (RLIMIT_MEMLOCK).  A
 * guest runs in the initial user namespace: root or nobody in a guest
 * would share these counters with root or nobody of the host and of
 * every other guest, and could use them up for all.
 *
 * So a guest task's ucounts are keyed by a user namespace of its
 * context's own, a "key" that is never a task's user namespace:
 * set_cred_ucounts() asks vserver_ucounts_ns() for it.  The key's
 * ucounts (its parent in the kernel's walk) is one ucounts for the whole
 * context, whose counters are limited by the key's rlimit_max: the
 * context's hard RLIMIT_SIGPENDING and VLIMIT_POSIXMQ, enforced by the
 * kernel's own walk (inc_rlimit_get_ucounts(), inc_rlimit_ucounts()).
 * That ucounts is keyed by (vx_root_key, xid); vx_root_key ends the walk.
 * Nothing of a guest is charged to the host's counters, and the host's
 * limits stay as they are.
 *
 * A key outlives its context as long as objects charged to it do (a
 * queued signal, a message queue, credentials held by an open file):
 * each ucounts holds a reference to its key, and the table holds one
 * more.  A key is freed when only the table's reference is left, when
 * the next key is made; a new context with the same id takes over a key
 * that is still there (with its limits reset to the new context's).
 * Without CONFIG_USER_NS the kernel counts no references to user
 * namespaces, and guests share the per-user counters with the host.
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/user_namespace.h>
#include <linux/vserver_share.h>

#include "context.h"
#include "limit.h"
#include "task.h"

/**
 * struct vx_ukey - The key of a context's per-user counters
 * @ns: The key; only ucount.c's fields (count, ucounts, rlimit_max,
 *      ucount_max) are used.  ns.ucounts is the context's total.
 * @xid: The context id.
 * @start: The start time of the context the limits are from.
 * @node: In vx_ukeys.
 *
 * In vx_ukeys under vx_ukeys_lock, which also protects @start and the
 * writes of @ns.rlimit_max.  ns.ns.count is 1 for the table and one
 * more for every ucounts keyed by it and every caller of ukey_get().
 */
struct vx_ukey {
	struct user_namespace ns;
	u32 xid;
	u64 start;
	struct list_head node;
};

static DEFINE_SPINLOCK(vx_ukeys_lock);
static LIST_HEAD(vx_ukeys);

/* The key of the contexts' totals: never freed, ends the kernel's walk. */
static struct user_namespace vx_root_key = {
	.ns.count = REFCOUNT_INIT(1),
};

static long hard_of(struct vx_info *vxi, unsigned int id)
{
	const u64 hard = READ_ONCE(vxi->limits[id].hard);

	return hard > LONG_MAX ? LONG_MAX : hard;
}

/* Under vx_ukeys_lock. */
static void ukey_set_limits(struct vx_ukey *k, struct vx_info *vxi)
{
	k->start = vxi->start_time;
	WRITE_ONCE(k->ns.rlimit_max[UCOUNT_RLIMIT_NPROC], LONG_MAX);
	WRITE_ONCE(k->ns.rlimit_max[UCOUNT_RLIMIT_MEMLOCK], LONG_MAX);
	WRITE_ONCE(k->ns.rlimit_max[UCOUNT_RLIMIT_SIGPENDING],
		   hard_of(vxi, RLIMIT_SIGPENDING));
	WRITE_ONCE(k->ns.rlimit_max[UCOUNT_RLIMIT_MSGQUEUE],
		   hard_of(vxi, VLIMIT_POSIXMQ));
}

/* Under vx_ukeys_lock. */
static struct vx_ukey *ukey_find(u32 xid)
{
	struct vx_ukey *k;

	list_for_each_entry(k, &vx_ukeys, node)
		if (k->xid == xid)
			return k;
	return NULL;
}

static void ukey_free(struct vx_ukey *k)
{
	put_ucounts(k->ns.ucounts);
	kfree(k);
}

/*
 * The key of @vxi's counters, with a reference (see ukey_put()); made if
 * there is none.  May sleep.
 */
static struct user_namespace *ukey_get(struct vx_info *vxi)
{
	struct vx_ukey *k, *tmp, *new = NULL;
	LIST_HEAD(unused);

	for (;;) {
		spin_lock(&vx_ukeys_lock);
		k = ukey_find(vxi->core.id);
		if (k || new)
			break;
		spin_unlock(&vx_ukeys_lock);

		new = kzalloc(sizeof(*new), GFP_KERNEL_ACCOUNT);
		if (!new)
			return ERR_PTR(-ENOMEM);
		refcount_set(&new->ns.ns.count, 1);
		new->xid = vxi->core.id;
		new->ns.ucounts = alloc_ucounts(&vx_root_key,
						KUIDT_INIT(vxi->core.id));
		if (!new->ns.ucounts) {
			kfree(new);
			return ERR_PTR(-ENOMEM);
		}
	}
	if (!k) {
		/* Keys nothing is charged to any more go now. */
		list_for_each_entry_safe(k, tmp, &vx_ukeys, node)
			if (refcount_read(&k->ns.ns.count) == 1)
				list_move(&k->node, &unused);
		k = new;
		new = NULL;
		list_add(&k->node, &vx_ukeys);
		ukey_set_limits(k, vxi);
	} else if (k->start != vxi->start_time) {
		ukey_set_limits(k, vxi);
	}
	get_user_ns(&k->ns);
	spin_unlock(&vx_ukeys_lock);

	if (new)
		ukey_free(new);
	list_for_each_entry_safe(new, tmp, &unused, node)
		ukey_free(new);
	return &k->ns;
}

static void ukey_put(struct user_namespace *ns)
{
	/* Never the last reference: the table keeps one. */
	refcount_dec(&ns->ns.count);
}

/**
 * vserver_ucounts_ns - The key of the current guest's per-user counters
 * @ns: The user namespace of the credentials being set up.
 *
 * Called by set_cred_ucounts() for credentials of the current task.
 *
 * Return: NULL for the host, the spectator and user namespaces a guest
 * made itself (their counters are keyed by them); else the key, with a
 * reference for vserver_ucounts_ns_put(), or ERR_PTR(-ENOMEM).
 */
struct user_namespace *vserver_ucounts_ns(struct user_namespace *ns)
{
	struct vx_info *vxi = current_vx();

	if (!IS_ENABLED(CONFIG_USER_NS) || !vxi || ns != &init_user_ns)
		return NULL;
	return ukey_get(vxi);
}
EXPORT_SYMBOL_GPL(vserver_ucounts_ns);

/**
 * vserver_ucounts_ns_put - Drop the reference of vserver_ucounts_ns()
 * @ns: Its result (NULL and errors are ignored).
 */
void vserver_ucounts_ns_put(struct user_namespace *ns)
{
	if (!IS_ERR_OR_NULL(ns))
		ukey_put(ns);
}
EXPORT_SYMBOL_GPL(vserver_ucounts_ns_put);

/**
 * vx_ucounts_switch - Key the current task's counters by its context
 *
 * After the task changed its context: the credentials are replaced by
 * ones whose ucounts belong to the new context (or to the host), which
 * moves the task's RLIMIT_NPROC count there (commit_creds()).
 *
 * Return: 0 or -ENOMEM.
 */
int vx_ucounts_switch(void)
{
	struct cred *new = prepare_creds();
	int err;

	if (!new)
		return -ENOMEM;
	err = set_cred_ucounts(new);
	if (err || new->ucounts == current_ucounts()) {
		abort_creds(new);
		return err;
	}
	commit_creds(new);
	return 0;
}

/**
 * vx_ucounts_fix - Key the counters of prepared credentials by the context
 * @new: Credentials from prepare_creds() of the current task, maybe
 *       prepared before it changed its context.
 *
 * Return: 0 or -ENOMEM.
 */
int vx_ucounts_fix(struct cred *new)
{
	return set_cred_ucounts(new);
}

/**
 * vx_ucounts_limit_changed - A limit kept in the key changed
 * @vxi: The context.
 */
void vx_ucounts_limit_changed(struct vx_info *vxi)
{
	struct vx_ukey *k;

	spin_lock(&vx_ukeys_lock);
	k = ukey_find(vxi->core.id);
	if (k)
		ukey_set_limits(k, vxi);
	spin_unlock(&vx_ukeys_lock);
}

/**
 * vx_ucounts_total - What a context's users have of a per-user resource
 * @vxi: The context.
 * @type: UCOUNT_RLIMIT_SIGPENDING or UCOUNT_RLIMIT_MSGQUEUE.
 *
 * Return: the sum over the context's users (0 if none was counted yet).
 */
long vx_ucounts_total(struct vx_info *vxi, int type)
{
	struct vx_ukey *k;
	long v = 0;

	spin_lock(&vx_ukeys_lock);
	k = ukey_find(vxi->core.id);
	if (k && k->start == vxi->start_time)
		v = atomic_long_read(&k->ns.ucounts->rlimit[type]);
	spin_unlock(&vx_ukeys_lock);
	return v;
}
