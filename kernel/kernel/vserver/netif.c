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
 *
 * Of /proc/net such a guest sees only the files filtered for it; of the
 * per-interface sysctl directories only those of interfaces it sees.
 */

#include "common.h"

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/nsproxy.h>
#include <linux/rcupdate.h>
#include <linux/sysctl.h>
#include <linux/vserver_inet.h>
#include <linux/vserver_netview.h>
#include <net/net_namespace.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include "inet.h"
#include "netif.h"
#include "network.h"
#include "task.h"

/**
 * vserver_hiding_nx - The current task's context, if it hides interfaces
 *
 * Return: the network context of the current task if it has
 * NXF_HIDE_NETIF, or NULL.
 */
struct nx_info *vserver_hiding_nx(void)
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
	const struct nx_info *nxi = vserver_hiding_nx();

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
	const struct nx_info *nxi = vserver_hiding_nx();

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
	const struct nx_info *nxi = vserver_hiding_nx();
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

/*
 * The files of /proc/net whose content is filtered for the reader (the
 * interface and address lists, the routes by interface, the socket
 * tables; unix.c scopes the UNIX sockets).  Every other file describes
 * the namespace as a whole (fib_trie, arp, ipv6_route, igmp, igmp6,
 * mcfilter, snmp, netstat, sockstat, dev_snmp6/, stat/, ptype,
 * netlink, packet, protocols, ...) and does not exist for a guest that
 * hides interfaces.  An allow-list: a file added by a future kernel
 * stays hidden until it is filtered.
 */
static const char *const proc_net_shown[] = {
	".", "..", "dev", "if_inet6", "route", "tcp", "tcp6", "udp", "udp6",
	"udplite", "udplite6", "raw", "raw6", "unix",
};

/**
 * __vserver_proc_net_visible - See vserver_proc_net_visible()
 * @name: The name.
 * @len: Its length.
 *
 * Return: whether the current task sees /proc/net/@name.
 */
bool __vserver_proc_net_visible(const char *name, unsigned int len)
{
	size_t i;

	if (!vserver_hiding_nx())
		return true;
	for (i = 0; i < ARRAY_SIZE(proc_net_shown); i++)
		if (strlen(proc_net_shown[i]) == len &&
		    !memcmp(proc_net_shown[i], name, len))
			return true;
	return false;
}
EXPORT_SYMBOL_GPL(__vserver_proc_net_visible);

static bool dir_is(const struct ctl_dir *dir, const char *a, const char *b)
{
	const struct ctl_table *t = dir ? dir->header.ctl_table : NULL;

	if (!t || !t->procname)
		return false;
	return !strcmp(t->procname, a) || (b && !strcmp(t->procname, b));
}

/**
 * __vserver_sysctl_visible - See vserver_sysctl_visible()
 * @dir: The directory.
 * @name: The entry's name.
 * @len: Its length.
 *
 * Return: false if @dir is net/{ipv4,ipv6}/{conf,neigh} and @name an
 * interface the current task does not see.
 */
bool __vserver_sysctl_visible(const struct ctl_dir *dir, const char *name,
			      size_t len)
{
	const struct ctl_dir *proto;
	struct net_device *dev;
	char ifname[IFNAMSIZ];
	bool ret;

	if (!vserver_hiding_nx() || len >= IFNAMSIZ ||
	    !dir_is(dir, "conf", "neigh"))
		return true;
	proto = dir->header.parent;
	if (!dir_is(proto, "ipv4", "ipv6") ||
	    !dir_is(proto->header.parent, "net", NULL))
		return true;
	memcpy(ifname, name, len);
	ifname[len] = '\0';
	rcu_read_lock();
	dev = dev_get_by_name_rcu(current->nsproxy->net_ns, ifname);
	ret = !dev || __vserver_dev_visible(dev);
	rcu_read_unlock();
	return ret;
}
EXPORT_SYMBOL_GPL(__vserver_sysctl_visible);
