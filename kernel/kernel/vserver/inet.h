/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - IPv4 and IPv6 sockets of network contexts
 */

#ifndef _KERNEL_VSERVER_INET_H
#define _KERNEL_VSERVER_INET_H

#include <linux/types.h>

struct in6_addr;
struct nx_info;
struct socket;

bool nx_has_addr4(const struct nx_info *nxi, __be32 addr);
bool nx_has_addr6(const struct nx_info *nxi, const struct in6_addr *addr);
void vserver_inet_sock_created(struct socket *sock, int family);
void vserver_add_inet_hooks(void);

#endif /* _KERNEL_VSERVER_INET_H */
