// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - What a guest sees of the host's interfaces (NXF_HIDE_NETIF)
 *
 * With NXF_HIDE_NETIF, the address and interface listings a guest reads
 * (netlink dumps of addresses and links, the SIOCGIFCONF/SIOCGIFADDR
 * ioctls, /proc/net/if_inet6 and /proc/net/dev) show only the addresses
 * of its network context and the interfaces that carry them, plus the
 * loopback interface with 127.0.0.1.  The listings are the reader's view:
 * the task reading decides, whoever made the socket.
 */

#include "common.h"

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/vserver_inet.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include "inet.h"
#include "network.h"
#include "task.h"

/* The current task's network context if it hides interfaces, or NULL. */
static struct nx_info *hiding_nx(void)
{
	struct nx_info *nxi = current_nx();

	if (!nxi || !(nx_flags(nxi) & NXF_HIDE_NETIF))
		return NULL;
	return nxi;
}

static bool ifa4_visible(const struct nx_info *nxi,
			 const struct net_device *dev, __be32 addr)
{
	if (ipv4_is_loopback(addr))
		return dev->flags & IFF_LOOPBACK;
	return nx_has_addr4(nxi, addr);
}

/**
 * __vserver_ifa4_visible - See vserver_ifa4_visible()
 * @dev: The interface.
 * @addr: The address.
 *
 * Return: whether the current task sees the address.
 */
bool __vserver_ifa4_visible(const struct net_device *dev, __be32 addr)
{
	const struct nx_info *nxi = hiding_nx();

	return !nxi || ifa4_visible(nxi, dev, addr);
}
EXPORT_SYMBOL_GPL(__vserver_ifa4_visible);

/**
 * __vserver_ifa6_visible - See vserver_ifa6_visible()
 * @addr: The address.
 *
 * Return: whether the current task sees the address.
 */
bool __vserver_ifa6_visible(const struct in6_addr *addr)
{
	const struct nx_info *nxi = hiding_nx();

	return !nxi || nx_has_addr6(nxi, addr);
}
EXPORT_SYMBOL_GPL(__vserver_ifa6_visible);

/**
 * __vserver_dev_visible - See vserver_dev_visible()
 * @dev: The interface.
 *
 * Return: whether the current task sees the interface.
 */
bool __vserver_dev_visible(const struct net_device *dev)
{
	const struct nx_info *nxi = hiding_nx();
	const struct inet6_ifaddr *ifa6;
	const struct in_ifaddr *ifa;
	const struct inet6_dev *idev;
	const struct in_device *in_dev;
	bool seen = false;

	if (!nxi || (dev->flags & IFF_LOOPBACK))
		return true;
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa4_visible(nxi, dev, ifa->ifa_local)) {
				seen = true;
				break;
			}
		}
	}
	idev = seen ? NULL : __in6_dev_get(dev);
	if (idev) {
		list_for_each_entry_rcu(ifa6, &idev->addr_list, if_list) {
			if (nx_has_addr6(nxi, &ifa6->addr)) {
				seen = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	return seen;
}
EXPORT_SYMBOL_GPL(__vserver_dev_visible);
