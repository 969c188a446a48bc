/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - the connection tracking table and guests
 *
 * Guests share the host's network namespace, so their connections and
 * flows take entries of the one conntrack table of the machine
 * (net.netfilter.nf_conntrack_max).  A full table drops the packets of
 * every new connection, the host's too, and the entries a guest makes
 * outlive its sockets (an assured UDP stream for 120 s, a closed TCP
 * connection in TIME_WAIT for 120 s), so a guest's socket limit does
 * not bound them.  The guests together may fill the table only up to
 * max - max / VX_CT_HOST_RESERVE: the rest is the host's.  Of that
 * guests' part, one guest holds at most 1/VX_CT_GUEST_SHARE: each entry
 * is charged to the guest whose packet made it until it is freed.
 */

#ifndef _LINUX_VSERVER_CONNTRACK_H
#define _LINUX_VSERVER_CONNTRACK_H

#include <linux/compiler.h>
#include <linux/types.h>

/* The host keeps 1/VX_CT_HOST_RESERVE of the conntrack table. */
#define VX_CT_HOST_RESERVE	8
/* One guest holds at most 1/VX_CT_GUEST_SHARE of the guests' part. */
#define VX_CT_GUEST_SHARE	4

struct vx_info;

/**
 * struct vserver_ct_owner - The guest a conntrack entry is charged to
 * @vxi: Its context, with a reference, or NULL (the host's entry).
 *
 * A member of struct nf_conn, set when the entry is allocated and
 * cleared when it is freed; nothing else reads or writes it, so it
 * needs no lock.  Empty without CONFIG_VSERVER.
 */
struct vserver_ct_owner {
#ifdef CONFIG_VSERVER
	struct vx_info *vxi;
#endif
};

#ifdef CONFIG_VSERVER

bool __vserver_ct_host_packet(void);
bool __vserver_ct_charge(struct vserver_ct_owner *owner, unsigned int max);
void __vserver_ct_uncharge(struct vserver_ct_owner *owner);

/**
 * vserver_ct_may_alloc - Whether the packet being tracked may take a new
 * entry of the conntrack table
 * @count: The number of entries with this one.
 * @max: nf_conntrack_max (0: no limit); passed in, as conntrack may be
 *	a module.
 *
 * Return: true below the host's reserve and for the host's packets;
 * false for a guest's packet that would take from the reserve.
 */
static inline bool vserver_ct_may_alloc(unsigned int count, unsigned int max)
{
	if (likely(!max || count <= max - max / VX_CT_HOST_RESERVE))
		return true;
	return __vserver_ct_host_packet();
}

/**
 * vserver_ct_charge - Charge a new conntrack entry to the guest whose
 * packet makes it
 * @owner: Set to the guest charged (or to none, for the host's packets);
 *	the caller stores it in the entry, or gives it back with
 *	vserver_ct_uncharge() if the entry is not made after all.
 * @max: nf_conntrack_max (0: no limit).
 *
 * Return: false (nothing charged) if the guest already holds its share,
 * 1/VX_CT_GUEST_SHARE of the guests' part of the table.
 */
static inline bool vserver_ct_charge(struct vserver_ct_owner *owner,
				     unsigned int max)
{
	return __vserver_ct_charge(owner, max);
}

/**
 * vserver_ct_uncharge - Give back a conntrack entry's charge
 * @owner: What vserver_ct_charge() set; cleared.
 *
 * May be called in any context (entries are freed from softirq and
 * RCU callbacks).
 */
static inline void vserver_ct_uncharge(struct vserver_ct_owner *owner)
{
	if (owner->vxi)
		__vserver_ct_uncharge(owner);
}

#else /* !CONFIG_VSERVER */

static inline bool vserver_ct_may_alloc(unsigned int count, unsigned int max)
{
	return true;
}

static inline bool vserver_ct_charge(struct vserver_ct_owner *owner,
				     unsigned int max)
{
	return true;
}

static inline void vserver_ct_uncharge(struct vserver_ct_owner *owner)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_CONNTRACK_H */
