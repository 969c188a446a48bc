// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - the connection tracking table and guests
 *
 * net/netfilter/nf_conntrack_core.c's __nf_conntrack_alloc() asks
 * vserver_ct_may_alloc() for every new entry, after counting it and
 * before it makes room by early drop; past the host's reserve, whose
 * packet it is decides.  An entry is a guest's when the
 * packet that makes it is sent by a guest's task (the LOCAL_OUT hook
 * runs in the sender's process context: connect(2), sendmsg(2)); entries
 * made in softirq context (packets from other machines, timers) are the
 * host's, whose firewall rules govern them.  nf_conntrack_max is passed
 * in, as conntrack may be a module.
 *
 * Then vserver_ct_charge() counts a guest's entry in &vx_info.ct_entries,
 * within the guest's share of the table, and the entry keeps a reference
 * to the context (struct vserver_ct_owner) until nf_conntrack_free()
 * gives the charge back: an entry outlives the sockets and the tasks that
 * made it, and its charge goes to the context it was counted in, even if
 * that context is gone and its id used again.
 */

#include "common.h"

#include <linux/atomic.h>
#include <linux/preempt.h>
#include <linux/vserver_conntrack.h>

#include "context.h"
#include "task.h"

/**
 * __vserver_ct_host_packet - See vserver_ct_may_alloc()
 *
 * Return: whether the packet conntrack is about to track is the host's:
 * false when a guest's task (or the spectator's) sends it.
 */
bool __vserver_ct_host_packet(void)
{
	return !in_task() || !current_xid();
}
EXPORT_SYMBOL_GPL(__vserver_ct_host_packet);

/**
 * __vserver_ct_charge - See vserver_ct_charge()
 * @owner: Set to the context charged, or to none.
 * @max: nf_conntrack_max (0: no limit, and no share).
 *
 * A guest may hold (max - max / VX_CT_HOST_RESERVE) / VX_CT_GUEST_SHARE
 * entries; its count never goes above that, not even for a moment.
 *
 * Return: false if the guest holds its share already.
 */
bool __vserver_ct_charge(struct vserver_ct_owner *owner, unsigned int max)
{
	struct vx_info *vxi;
	unsigned int share;
	int v;

	owner->vxi = NULL;
	if (!in_task())
		return true;
	vxi = current_vx();
	if (!vxi)
		return true;	/* the host, the spectator */
	share = (max - max / VX_CT_HOST_RESERVE) / VX_CT_GUEST_SHARE;
	v = atomic_read(&vxi->ct_entries);
	do {
		if (max && v >= share)
			return false;
	} while (!atomic_try_cmpxchg(&vxi->ct_entries, &v, v + 1));
	owner->vxi = vx_get(vxi);
	return true;
}
EXPORT_SYMBOL_GPL(__vserver_ct_charge);

/**
 * __vserver_ct_uncharge - See vserver_ct_uncharge()
 * @owner: A charge made by __vserver_ct_charge(); cleared.
 */
void __vserver_ct_uncharge(struct vserver_ct_owner *owner)
{
	struct vx_info *vxi = owner->vxi;

	owner->vxi = NULL;
	atomic_dec(&vxi->ct_entries);
	vx_put(vxi);
}
EXPORT_SYMBOL_GPL(__vserver_ct_uncharge);
