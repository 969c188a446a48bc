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
 * max - max / VX_CT_HOST_RESERVE: the rest is the host's.
 */

#ifndef _LINUX_VSERVER_CONNTRACK_H
#define _LINUX_VSERVER_CONNTRACK_H

#include <linux/compiler.h>
#include <linux/types.h>

/* The host keeps 1/VX_CT_HOST_RESERVE of the conntrack table. */
#define VX_CT_HOST_RESERVE	8

#ifdef CONFIG_VSERVER

bool __vserver_ct_host_packet(void);

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

#else /* !CONFIG_VSERVER */

static inline bool vserver_ct_may_alloc(unsigned int count, unsigned int max)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_CONNTRACK_H */
