/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - IPv4 and IPv6 sockets of network contexts
 */

#ifndef _KERNEL_VSERVER_INET_H
#define _KERNEL_VSERVER_INET_H

struct socket;

void vserver_inet_sock_created(struct socket *sock, int family);
void vserver_add_inet_hooks(void);

#endif /* _KERNEL_VSERVER_INET_H */
