// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The context a socket was made in
 *
 * A socket is charged to the context of the task that made it (socket,
 * socketpair, accept) against VLIMIT_NSOCK, and remembers that context
 * in its inode's blob: UNIX sockets (unix.c) ask it for the owner of a
 * peer.  The charge (which pins the context, limit.c) goes when the inode
 * goes, when the socket is released: not when its sock goes, which a peer
 * or an RCU grace period may keep longer.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <net/sock.h>

#include "context.h"
#include "inet.h"
#include "limit.h"
#include "lsm.h"
#include "sockowner.h"
#include "task.h"

static struct vx_info **inode_vx(const struct inode *inode)
{
	return inode->i_security + vserver_blob_sizes.lbs_inode;
}

static int charge_socket(struct socket *sock)
{
	struct vx_info *vxi = current_vx();

	if (!vxi)
		return 0;
	if (!vx_sock_charge(vxi))
		return -EMFILE;
	/* Its charge pins vxi (limit.c). */
	*inode_vx(SOCK_INODE(sock)) = vxi;
	return 0;
}

/**
 * vx_socket_owner - The context a socket was made in
 * @sock: The socket.
 *
 * Return: the context charged for it, NULL for a socket of the host or
 * the kernel; valid while the socket is.
 */
struct vx_info *vx_socket_owner(struct socket *sock)
{
	return *inode_vx(SOCK_INODE(sock));
}

static int hook_socket_post_create(struct socket *sock, int family, int type,
				   int protocol, int kern)
{
	if (kern)
		return 0;
	/* The one socket_post_create hook of vserver does this as well. */
	vserver_inet_sock_created(sock, family);
	return charge_socket(sock);
}

static int hook_socket_accept(struct socket *sock, struct socket *newsock)
{
	return charge_socket(newsock);
}

static void hook_inode_free_security(struct inode *inode)
{
	struct vx_info *vxi;

	if (!inode->i_security)
		return;
	vxi = *inode_vx(inode);
	if (vxi)
		vx_pinned_uncharge(vxi, VLIMIT_NSOCK);
}

static struct security_hook_list vserver_sockowner_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(socket_post_create, hook_socket_post_create),
	LSM_HOOK_INIT(socket_accept, hook_socket_accept),
	LSM_HOOK_INIT(inode_free_security, hook_inode_free_security),
};

/**
 * vserver_add_sockowner_hooks - Register the socket ownership hooks
 */
void __init vserver_add_sockowner_hooks(void)
{
	security_add_hooks(vserver_sockowner_hooks,
			   ARRAY_SIZE(vserver_sockowner_hooks), &vserver_lsmid);
}
