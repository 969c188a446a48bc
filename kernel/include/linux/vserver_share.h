/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Hooks that keep what a guest shares with the host bounded:
 * per-user counters (ucounts), AIO events, abstract UNIX names
 *
 * Each call has a stub here so that callers need no #ifdef.
 */

#ifndef _LINUX_VSERVER_SHARE_H
#define _LINUX_VSERVER_SHARE_H

#include <linux/types.h>

struct sock;
struct user_namespace;
struct vx_info;

#ifdef CONFIG_VSERVER

struct user_namespace *vserver_ucounts_ns(struct user_namespace *ns);
void vserver_ucounts_ns_put(struct user_namespace *ns);
bool vserver_aio_charge(struct vx_info **vxp, unsigned long nr,
			unsigned long used, unsigned long max);
void vserver_aio_uncharge(struct vx_info *vxi, unsigned long nr);
bool vserver_unix_same_owner(const struct sock *a, const struct sock *b);
bool vserver_unix_visible(const struct sock *sk);

#else /* !CONFIG_VSERVER */

static inline struct user_namespace *
vserver_ucounts_ns(struct user_namespace *ns)
{
	return NULL;
}

static inline void vserver_ucounts_ns_put(struct user_namespace *ns)
{
}

static inline bool vserver_aio_charge(struct vx_info **vxp, unsigned long nr,
				      unsigned long used, unsigned long max)
{
	return true;
}

static inline void vserver_aio_uncharge(struct vx_info *vxi, unsigned long nr)
{
}

static inline bool vserver_unix_same_owner(const struct sock *a,
					   const struct sock *b)
{
	return true;
}

static inline bool vserver_unix_visible(const struct sock *sk)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_SHARE_H */
