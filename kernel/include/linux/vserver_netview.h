/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - What a guest sees of the host: the hooks outside the stack
 *
 * With NXF_HIDE_NETIF a guest sees its own addresses and the interfaces
 * that carry them (see vserver_inet.h).  The places below publish the
 * network namespace as a whole: netlink (dumps, multicast groups),
 * /proc/net, the per-interface sysctl directories; and /proc/PID/mountinfo
 * shows paths of the host.  Each network check costs one static branch
 * until the first network context is made.
 */

#ifndef _LINUX_VSERVER_NETVIEW_H
#define _LINUX_VSERVER_NETVIEW_H

#include <linux/jump_label.h>
#include <linux/types.h>

struct ctl_dir;
struct path;
struct seq_file;
struct sk_buff;
struct sock;
struct vfsmount;

#ifdef CONFIG_VSERVER

DECLARE_STATIC_KEY_FALSE(vserver_net_active);

int __vserver_netlink_join(const struct sock *sk);
bool __vserver_netlink_dump_filter(const struct sock *sk, struct sk_buff *skb);
bool __vserver_proc_net_visible(const char *name, unsigned int len);
bool __vserver_sysctl_visible(const struct ctl_dir *dir, const char *name,
			      size_t len);
int vserver_show_mnt_root(struct seq_file *m, const struct vfsmount *mnt,
			  const struct path *root);

/**
 * vserver_netlink_join - May a netlink socket join multicast groups?
 * @sk: The socket.
 *
 * Notifications are built once for all listeners and cannot be filtered
 * per reader: a guest that hides interfaces joins no group.
 *
 * Return: 0, or -EPERM for a task of such a guest.
 */
static inline int vserver_netlink_join(const struct sock *sk)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_netlink_join(sk);
	return 0;
}

/**
 * vserver_netlink_dump_filter - Remove what the reader may not see
 * @sk: The netlink socket the dump is for, read by the current task.
 * @skb: The messages the dump callback just produced.
 *
 * Return: true if messages were removed.
 */
static inline bool vserver_netlink_dump_filter(const struct sock *sk,
					       struct sk_buff *skb)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_netlink_dump_filter(sk, skb);
	return false;
}

/**
 * vserver_proc_net_visible - Does the current task see /proc/net/@name?
 * @name: A name in /proc/net (not NUL-terminated).
 * @len: Its length.
 *
 * Return: false for a file a guest that hides interfaces may not read.
 */
static inline bool vserver_proc_net_visible(const char *name,
					    unsigned int len)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_proc_net_visible(name, len);
	return true;
}

/**
 * vserver_sysctl_visible - Does the current task see a sysctl entry?
 * @dir: The directory of the entry.
 * @name: Its name (not NUL-terminated).
 * @len: Its length.
 *
 * Return: false for the directory of an interface the task does not see
 * in net/{ipv4,ipv6}/{conf,neigh}.
 */
static inline bool vserver_sysctl_visible(const struct ctl_dir *dir,
					  const char *name, size_t len)
{
	if (static_branch_unlikely(&vserver_net_active))
		return __vserver_sysctl_visible(dir, name, len);
	return true;
}

#else

static inline int vserver_netlink_join(const struct sock *sk)
{
	return 0;
}

static inline bool vserver_netlink_dump_filter(const struct sock *sk,
					       struct sk_buff *skb)
{
	return false;
}

static inline bool vserver_proc_net_visible(const char *name,
					    unsigned int len)
{
	return true;
}

static inline bool vserver_sysctl_visible(const struct ctl_dir *dir,
					  const char *name, size_t len)
{
	return true;
}

static inline int vserver_show_mnt_root(struct seq_file *m,
					const struct vfsmount *mnt,
					const struct path *root)
{
	return 1;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_NETVIEW_H */
