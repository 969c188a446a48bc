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
 */

#include "common.h"

#include <linux/preempt.h>
#include <linux/vserver_conntrack.h>

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
