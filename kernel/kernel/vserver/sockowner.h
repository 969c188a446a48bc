/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The context a socket was made in
 */

#ifndef _KERNEL_VSERVER_SOCKOWNER_H
#define _KERNEL_VSERVER_SOCKOWNER_H

struct socket;
struct vx_info;

struct vx_info *vx_socket_owner(struct socket *sock);
void vserver_add_sockowner_hooks(void);

#endif /* _KERNEL_VSERVER_SOCKOWNER_H */
