/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Network contexts
 */

#ifndef _KERNEL_VSERVER_NETWORK_H
#define _KERNEL_VSERVER_NETWORK_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <uapi/linux/vserver/network.h>

#include "core.h"

struct proc_dir_entry;

#define NX_DEFAULT_NCAPS	NXC_RAW_ICMP

/**
 * struct nx_addr4 - One IPv4 entry of a network context
 * @type: NXA_TYPE_ADDR, NXA_TYPE_MASK or NXA_TYPE_RANGE.
 * @flags: Flags given with the entry, kept and shown.
 * @ip: The address, the network (MASK, already masked) or the first
 *      address of the range.
 * @ip2: The end of a range (excluded), else 0.
 * @mask: The network mask (ADDR: of the address's network).
 */
struct nx_addr4 {
	u16 type;
	u16 flags;
	__be32 ip;
	__be32 ip2;
	__be32 mask;
};

/**
 * struct nx_addr6 - One IPv6 entry of a network context
 * @type: NXA_TYPE_ADDR or NXA_TYPE_MASK.
 * @flags: Flags given with the entry.
 * @prefix: Prefix length: of the network (MASK), of the address's
 *          network (ADDR; the entry matches the address only).
 * @ip: The address, or the network (masked).
 * @mask: The mask of @prefix.
 */
struct nx_addr6 {
	u16 type;
	u16 flags;
	u32 prefix;
	struct in6_addr ip;
	struct in6_addr mask;
};

/**
 * struct nx_addrs - The addresses of a network context, as one snapshot
 * @rcu: Frees a replaced snapshot after a grace period.
 * @bcast: The broadcast address.
 * @lback: The loopback address.
 * @n4: Number of IPv4 entries in @v4.
 * @n6: Number of IPv6 entries in @v6.
 * @v4: IPv4 entries, in the order they were added; points into @data.
 * @v6: IPv6 entries, in the order they were added; points into @data.
 * @data: The entries: room for @n4 (and for one more when the snapshot is
 *        a copy being changed) IPv4 ones, then as many IPv6 ones.
 *
 * A snapshot is never changed once published: a change makes a copy and
 * replaces the pointer (see &nx_info.addrs), so readers under RCU see one
 * consistent set.  A snapshot holds as many entries as it has, not
 * NX_MAX_ADDRS: a guest with one address costs one entry.
 */
struct nx_addrs {
	struct rcu_head rcu;
	__be32 bcast;
	__be32 lback;
	unsigned int n4;
	unsigned int n6;
	struct nx_addr4 *v4;
	struct nx_addr6 *v6;
	u32 data[];
};

/**
 * struct nx_info - A network context
 *
 * @core: Its lifetime (struct vs_core): id, references (also one per
 *        socket made in it, until the sock is freed), live tasks,
 *        @core.lock, hashed, being created, flags (NXF_*).  @core.lock
 *        also protects @ncaps.
 * @ncaps: Network context caps (NXC_*), read with READ_ONCE().
 * @addr_lock: Serialises changes of @addrs.  Mutex, taken without @core.lock.
 * @addrs: The current address snapshot; never NULL.  Readers use RCU
 *         (the socket paths run under rcu_read_lock() or call nx_addrs()).
 * @proc_dir: /proc/virtnet/<nid>, or NULL; removed at unhashing.
 */
struct nx_info {
	struct vs_core core;
	u64 ncaps;
	struct mutex addr_lock; /* see @addr_lock above */
	struct nx_addrs __rcu *addrs;
	struct proc_dir_entry *proc_dir;
};

struct nx_info *nx_get(struct nx_info *nxi);
void nx_put(struct nx_info *nxi);
struct nx_info *nx_lookup(u32 nid);
struct nx_info *nx_create(u32 nid, u64 flags);
int nx_enter(struct nx_info *nxi);
void nx_leave(struct nx_info *nxi);
void nx_created(struct nx_info *nxi);
void nx_abandon(struct nx_info *nxi);
u64 nx_set_flags(struct nx_info *nxi, u64 value, u64 mask);
void nx_set_ncaps(struct nx_info *nxi, u64 value, u64 mask);
int nx_count_active(void);
int nx_count_total(void);
long nx_create_current(u32 nid, u64 flags);
int nx_may_enter(const struct nx_info *nxi);

int nx_addr4_add(struct nx_info *nxi, const struct nx_addr4 *a);
int nx_addr4_remove(struct nx_info *nxi, const struct nx_addr4 *a);
int nx_addr4_set_special(struct nx_info *nxi, u16 mod, __be32 ip);
int nx_addr6_add(struct nx_info *nxi, const struct nx_addr6 *a);
int nx_addr6_remove(struct nx_info *nxi, const struct nx_addr6 *a);

/**
 * nx_flags - The flags of a network context
 * @nxi: The network context.
 *
 * Return: the NXF_* flags.
 */
static inline u64 nx_flags(const struct nx_info *nxi)
{
	return READ_ONCE(nxi->core.flags);
}

/**
 * nx_addrs - The address snapshot of a network context
 * @nxi: The network context.
 *
 * Return: the snapshot, valid until the caller's rcu_read_unlock().
 */
static inline const struct nx_addrs *nx_addrs(const struct nx_info *nxi)
{
	return rcu_dereference(nxi->addrs);
}

#endif /* _KERNEL_VSERVER_NETWORK_H */
