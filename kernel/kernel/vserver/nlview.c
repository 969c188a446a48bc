// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - What a guest reads from netlink (NXF_HIDE_NETIF)
 *
 * A guest shares the host's network namespace, and netlink describes the
 * namespace as a whole.  For a guest that hides interfaces:
 *
 * - rtnetlink dumps pass through a filter, in the reader's context, that
 *   keeps a message only if everything it names is visible to the reader
 *   (interface, local and source address) and drops the message types it
 *   does not know;
 * - the rtnetlink requests for one object (not dumps) that name an
 *   interface are refused with ENODEV when the guest does not see it,
 *   and those whose answer cannot be filtered (a route or nexthop
 *   lookup) with EPERM;
 * - sock_diag requests are limited to the IPv4 and IPv6 families, whose
 *   answers are filtered (UNIX, netlink and packet sockets are not);
 * - no netlink socket joins a multicast group: a notification is built
 *   once for every listener and cannot be filtered per reader (link,
 *   address, route, neighbour and netconf changes, uevents, ethtool).
 */

#include "common.h"

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_addrlabel.h>
#include <linux/if_link.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/lsm_hooks.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/vserver_inet.h>
#include <linux/vserver_netview.h>
#include <net/ipv6.h>
#include <net/rtnh.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "inet.h"
#include "lsm.h"
#include "netif.h"
#include "task.h"

/* The interface @ifindex exists and the current task sees it. */
static bool ifindex_visible(struct net *net, int ifindex)
{
	struct net_device *dev;
	bool ret;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	ret = dev && __vserver_dev_visible(dev);
	rcu_read_unlock();
	return ret;
}

/* An address in @nla (of @family) is one the current task sees. */
static bool addr_visible(struct net *net, int family,
			 const struct nlattr *nla, int ifindex)
{
	const struct nx_info *nxi = vserver_hiding_nx();
	struct net_device *dev;
	struct in6_addr a6;
	__be32 a4;
	bool ret;

	if (!nxi)
		return true;
	if (family == AF_INET && nla_len(nla) >= sizeof(a4)) {
		a4 = nla_get_in_addr(nla);
		if (!ipv4_is_loopback(a4))
			return nx_has_addr4(nxi, a4);
		/* 127.0.0.1 on lo, as the address dumps show it. */
		rcu_read_lock();
		dev = ifindex ? dev_get_by_index_rcu(net, ifindex) : NULL;
		ret = dev && __vserver_ifa4_visible(dev, a4);
		rcu_read_unlock();
		return ret;
	}
	if (family == AF_INET6 && nla_len(nla) >= sizeof(a6)) {
		a6 = nla_get_in6_addr(nla);
		return ipv6_addr_loopback(&a6) || nx_has_addr6(nxi, &a6);
	}
	return false;
}

/* Routes: the output interfaces, the source and, for local, the address. */
static bool route_visible(struct net *net, const struct nlmsghdr *nlh)
{
	const struct nlattr *nla, *prefsrc = NULL, *dst = NULL, *mp = NULL;
	const struct rtmsg *rtm;
	int rem, oif = 0;

	if (nlmsg_len(nlh) < sizeof(*rtm))
		return false;
	rtm = nlmsg_data(nlh);
	nlmsg_for_each_attr(nla, nlh, sizeof(*rtm), rem) {
		switch (nla_type(nla)) {
		case RTA_OIF:
			if (nla_len(nla) < sizeof(u32))
				return false;
			oif = nla_get_u32(nla);
			if (!ifindex_visible(net, oif))
				return false;
			break;
		case RTA_PREFSRC:
			prefsrc = nla;
			break;
		case RTA_DST:
			dst = nla;
			break;
		case RTA_MULTIPATH:
			mp = nla;
			break;
		}
	}
	if (prefsrc && !addr_visible(net, rtm->rtm_family, prefsrc, oif))
		return false;
	if ((rtm->rtm_type == RTN_LOCAL || rtm->rtm_type == RTN_ANYCAST ||
	     rtm->rtm_type == RTN_BROADCAST) &&
	    (!dst || !addr_visible(net, rtm->rtm_family, dst, oif)))
		return false;
	if (mp) {
		const struct rtnexthop *nh = nla_data(mp);
		int len = nla_len(mp);

		while (rtnh_ok(nh, len)) {
			if (!ifindex_visible(net, nh->rtnh_ifindex))
				return false;
			nh = rtnh_next(nh, &len);
		}
	}
	return true;
}

/* A u32 or s32 interface index in attribute @type; 0 if absent. */
static int attr_ifindex(const struct nlmsghdr *nlh, int hdrlen, int type)
{
	const struct nlattr *nla;
	int rem;

	if (nlmsg_len(nlh) < hdrlen)
		return -1;
	nlmsg_for_each_attr(nla, nlh, hdrlen, rem)
		if (nla_type(nla) == type)
			return nla_len(nla) >= sizeof(u32) ?
			       (int)nla_get_u32(nla) : -1;
	return 0;
}

/*
 * A rule names interfaces by name: shown only if the reader sees every
 * one of them.  A name that is no interface (yet) is not seen: the
 * host's rules for interfaces to come are its own.
 */
static bool rule_visible(struct net *net, const struct nlmsghdr *nlh)
{
	const struct nlattr *nla;
	char name[IFNAMSIZ];
	int rem;

	if (nlmsg_len(nlh) < sizeof(struct fib_rule_hdr))
		return false;
	nlmsg_for_each_attr(nla, nlh, sizeof(struct fib_rule_hdr), rem) {
		struct net_device *dev;
		bool hidden;

		if (nla_type(nla) != FRA_IIFNAME &&
		    nla_type(nla) != FRA_OIFNAME)
			continue;
		nla_strscpy(name, nla, sizeof(name));
		rcu_read_lock();
		dev = dev_get_by_name_rcu(net, name);
		hidden = !dev || !__vserver_dev_visible(dev);
		rcu_read_unlock();
		if (hidden)
			return false;
	}
	return true;
}

static bool ifaddr_visible(struct net *net, const struct nlmsghdr *nlh)
{
	const struct ifaddrmsg *ifa;
	const struct nlattr *nla;
	int rem;

	if (nlmsg_len(nlh) < sizeof(*ifa))
		return false;
	ifa = nlmsg_data(nlh);
	if (!ifindex_visible(net, ifa->ifa_index))
		return false;
	nlmsg_for_each_attr(nla, nlh, sizeof(*ifa), rem)
		if ((nla_type(nla) == IFA_LOCAL ||
		     (nla_type(nla) == IFA_ADDRESS &&
		      ifa->ifa_family == AF_INET6)) &&
		    !addr_visible(net, ifa->ifa_family, nla, ifa->ifa_index))
			return false;
	return true;
}

/* Whether the current task may read the dumped message @nlh. */
static bool rtnl_msg_visible(struct net *net, const struct nlmsghdr *nlh)
{
	int ifindex;

	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return true;	/* NLMSG_DONE, NLMSG_ERROR */
	switch (nlh->nlmsg_type) {
	case RTM_NEWLINK:
		if (nlmsg_len(nlh) < sizeof(struct ifinfomsg))
			return false;
		return ifindex_visible(net, ((struct ifinfomsg *)
					     nlmsg_data(nlh))->ifi_index);
	case RTM_NEWADDR:
		return ifaddr_visible(net, nlh);
	case RTM_NEWROUTE:
		return route_visible(net, nlh);
	case RTM_NEWNEIGH:
		if (nlmsg_len(nlh) < sizeof(struct ndmsg))
			return false;
		return ifindex_visible(net, ((struct ndmsg *)
					     nlmsg_data(nlh))->ndm_ifindex);
	case RTM_NEWSTATS:
		if (nlmsg_len(nlh) < sizeof(struct if_stats_msg))
			return false;
		return ifindex_visible(net, ((struct if_stats_msg *)
					     nlmsg_data(nlh))->ifindex);
	case RTM_NEWNETCONF:
		ifindex = attr_ifindex(nlh, sizeof(struct netconfmsg),
				       NETCONFA_IFINDEX);
		if (ifindex == NETCONFA_IFINDEX_ALL ||
		    ifindex == NETCONFA_IFINDEX_DEFAULT)
			return true;
		return ifindex > 0 && ifindex_visible(net, ifindex);
	case RTM_NEWNEXTHOP:
		ifindex = attr_ifindex(nlh, sizeof(struct nhmsg), NHA_OIF);
		return !ifindex || (ifindex > 0 &&
				    ifindex_visible(net, ifindex));
	case RTM_NEWRULE:
		return rule_visible(net, nlh);
	case RTM_NEWADDRLABEL:
		if (nlmsg_len(nlh) < sizeof(struct ifaddrlblmsg))
			return false;
		ifindex = ((struct ifaddrlblmsg *)nlmsg_data(nlh))->ifal_index;
		return !ifindex || ifindex_visible(net, ifindex);
	case RTM_NEWNSID:
		return true;
	default:
		/*
		 * Multicast and anycast memberships (their addresses are
		 * derived from the host's), neighbour tables, queueing
		 * disciplines, bridge tables, and what a future kernel
		 * adds: not shown.
		 */
		return false;
	}
}

/**
 * __vserver_netlink_dump_filter - See vserver_netlink_dump_filter()
 * @sk: The netlink socket.
 * @skb: The batch of messages, linear.
 *
 * Return: true if messages were removed.
 */
bool __vserver_netlink_dump_filter(const struct sock *sk, struct sk_buff *skb)
{
	struct net *net = sock_net(sk);
	unsigned int off = 0, kept = 0;
	bool removed = false;

	if (sk->sk_protocol != NETLINK_ROUTE || !vserver_hiding_nx() ||
	    skb_is_nonlinear(skb))
		return false;
	while (skb->len - off >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(skb->data + off);
		unsigned int len = NLMSG_ALIGN(nlh->nlmsg_len);

		if (nlh->nlmsg_len < NLMSG_HDRLEN ||
		    nlh->nlmsg_len > skb->len - off)
			break;
		len = min(len, skb->len - off);
		if (rtnl_msg_visible(net, nlh)) {
			if (kept != off)
				memmove(skb->data + kept, nlh, len);
			kept += len;
		} else {
			removed = true;
		}
		off += len;
	}
	if (!removed)
		return false;
	/* Whatever did not parse as a message stays, after the kept ones. */
	if (off < skb->len) {
		memmove(skb->data + kept, skb->data + off, skb->len - off);
		kept += skb->len - off;
	}
	skb_trim(skb, kept);
	return true;
}
EXPORT_SYMBOL_GPL(__vserver_netlink_dump_filter);

/**
 * __vserver_netlink_join - See vserver_netlink_join()
 * @sk: The netlink socket.
 *
 * Return: 0 or -EPERM.
 */
int __vserver_netlink_join(const struct sock *sk)
{
	return vserver_hiding_nx() ? -EPERM : 0;
}
EXPORT_SYMBOL_GPL(__vserver_netlink_join);

/* An rtnetlink request for one object (not a dump) by a hiding guest. */
static int rtnl_request_ok(struct net *net, const struct nlmsghdr *nlh)
{
	const struct nlattr *nla;
	int ifindex, rem;

	/*
	 * Changes need CAP_NET_ADMIN; dumps (either NLM_F_DUMP bit, as
	 * rtnetlink tells them) are filtered.
	 */
	if (nlh->nlmsg_type < RTM_BASE || nlh->nlmsg_type > RTM_MAX ||
	    (nlh->nlmsg_type & 3) != (RTM_GETLINK & 3) ||
	    (nlh->nlmsg_flags & NLM_F_DUMP))
		return 0;
	switch (nlh->nlmsg_type) {
	case RTM_GETLINK:	/* rtnl_getlink() asks vserver */
	case RTM_GETNSID:
	case RTM_GETADDRLABEL:	/* the host's policy, no interface */
		return 0;
	case RTM_GETADDR:
		if (nlmsg_len(nlh) < sizeof(struct ifaddrmsg))
			return 0;
		ifindex = ((struct ifaddrmsg *)nlmsg_data(nlh))->ifa_index;
		if (ifindex && !ifindex_visible(net, ifindex))
			return -ENODEV;
		nlmsg_for_each_attr(nla, nlh, sizeof(struct ifaddrmsg), rem)
			if ((nla_type(nla) == IFA_ADDRESS ||
			     nla_type(nla) == IFA_LOCAL) &&
			    !addr_visible(net, AF_INET6, nla, ifindex))
				return -EADDRNOTAVAIL;
		return 0;
	case RTM_GETNEIGH:
		if (nlmsg_len(nlh) < sizeof(struct ndmsg))
			return 0;
		ifindex = ((struct ndmsg *)nlmsg_data(nlh))->ndm_ifindex;
		return ifindex_visible(net, ifindex) ? 0 : -ENODEV;
	case RTM_GETSTATS:
		if (nlmsg_len(nlh) < sizeof(struct if_stats_msg))
			return 0;
		ifindex = ((struct if_stats_msg *)nlmsg_data(nlh))->ifindex;
		return ifindex_visible(net, ifindex) ? 0 : -ENODEV;
	case RTM_GETNETCONF:
		ifindex = attr_ifindex(nlh, sizeof(struct netconfmsg),
				       NETCONFA_IFINDEX);
		if (ifindex <= 0 || ifindex_visible(net, ifindex))
			return 0;
		return -ENODEV;
	default:
		/* Route and nexthop lookups, and the rest: not filtered. */
		return -EPERM;
	}
}

/* sock_diag: only the families whose answers vserver filters. */
static int diag_request_ok(const struct nlmsghdr *nlh)
{
	const struct sock_diag_req *req;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY &&
	    nlh->nlmsg_type != SOCK_DESTROY)
		return 0;	/* TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK: inet */
	if (nlmsg_len(nlh) < sizeof(*req))
		return 0;	/* sock_diag refuses it */
	req = nlmsg_data(nlh);
	if (req->sdiag_family == AF_INET || req->sdiag_family == AF_INET6)
		return 0;
	return -EPERM;
}

/* Every request a task sends to the kernel through netlink. */
static int hook_netlink_send(struct sock *sk, struct sk_buff *skb)
{
	const struct nlmsghdr *nlh;
	unsigned int off = 0;
	int ret = 0;

	if (sk->sk_protocol == NETLINK_ROUTE ? !vserver_hiding_nx() :
	    sk->sk_protocol != NETLINK_SOCK_DIAG ||
	    (!current_vx() && !current_nx()))
		return 0;
	if (skb_is_nonlinear(skb))
		return -EINVAL;
	while (!ret && skb->len - off >= NLMSG_HDRLEN) {
		nlh = (const struct nlmsghdr *)(skb->data + off);
		if (nlh->nlmsg_len < NLMSG_HDRLEN ||
		    nlh->nlmsg_len > skb->len - off)
			break;
		if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
			ret = 0;	/* the kernel ignores it */
		else if (sk->sk_protocol == NETLINK_ROUTE)
			ret = rtnl_request_ok(sock_net(sk), nlh);
		else
			ret = diag_request_ok(nlh);
		off += min(NLMSG_ALIGN(nlh->nlmsg_len), skb->len - off);
	}
	return ret;
}

static struct security_hook_list vserver_nlview_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(netlink_send, hook_netlink_send),
};

/**
 * vserver_add_nlview_hooks - Register the netlink hooks of the guests' view
 */
void __init vserver_add_nlview_hooks(void)
{
	security_add_hooks(vserver_nlview_hooks,
			   ARRAY_SIZE(vserver_nlview_hooks), &vserver_lsmid);
}
