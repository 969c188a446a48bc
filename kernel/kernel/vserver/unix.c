// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Abstract UNIX sockets stay within their context
 *
 * A UNIX socket bound to a path is reached through the file system, which
 * a guest's root confines (and which the host may share with a guest on
 * purpose, /dev/log say).  An abstract address (sun_path[0] == 0) lives in
 * the network namespace instead, which guests share with the host: so
 * abstract names are per context.  A name belongs to the context of the
 * socket bound to it (the context that made the socket), and af_unix
 * finds it only through a socket of the same context: bind, autobind,
 * connect and sendto of the host and of each guest see their own names
 * only (vserver_unix_same_owner()), so the same name can be bound once
 * in each.  As a second line, a guest connects or sends only to abstract
 * sockets made in its own context (ECONNREFUSED otherwise, as if nobody
 * listened).  The host lists every socket (/proc/net/unix, unix_diag), a
 * guest its own.
 */

#include "common.h"

#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/vserver_share.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "context.h"
#include "lsm.h"
#include "sockowner.h"
#include "task.h"
#include "unix.h"

static bool is_abstract(const struct sock *sk)
{
	/* Set once by bind, before the socket can be found. */
	const struct unix_address *addr = smp_load_acquire(&unix_sk(sk)->addr);

	return addr && addr->len > offsetof(struct sockaddr_un, sun_path) &&
	       !addr->name->sun_path[0];
}

static struct vx_info *sk_owner(const struct sock *sk)
{
	/* Set until the socket is released, after it left the name table. */
	struct socket *sock = READ_ONCE(sk->sk_socket);

	return sock ? vx_socket_owner(sock) : NULL;
}

/**
 * vserver_unix_same_owner - Whether two UNIX sockets share a name space
 * @a: A socket bound to an abstract name, in the name table.
 * @b: The socket that looks the name up (bind, connect, sendto).
 *
 * Called by af_unix under the lock of the name table's bucket.
 *
 * Return: true if both were made in the same context (or both by the
 * host).
 */
bool vserver_unix_same_owner(const struct sock *a, const struct sock *b)
{
	return sk_owner(a) == sk_owner(b);
}
EXPORT_SYMBOL_GPL(vserver_unix_same_owner);

/**
 * vserver_unix_visible - Whether the current task may list a UNIX socket
 * @sk: A socket in the name table (/proc/net/unix, unix_diag).
 *
 * Return: true for the host, and for a guest if the socket was made in
 * its context.
 */
bool vserver_unix_visible(const struct sock *sk)
{
	struct vx_info *vxi = current_vx();

	return !vxi || sk_owner(sk) == vxi;
}
EXPORT_SYMBOL_GPL(vserver_unix_visible);

static int may_reach(struct socket *other)
{
	struct vx_info *vxi = current_vx();

	if (!vxi)
		return 0;
	if (!other)
		return -ECONNREFUSED;
	if (!is_abstract(other->sk))
		return 0;
	return vx_socket_owner(other) == vxi ? 0 : -ECONNREFUSED;
}

/* @other is locked and listening. */
static int hook_unix_stream_connect(struct sock *sock, struct sock *other,
				    struct sock *newsk)
{
	return may_reach(other->sk_socket);
}

static int hook_unix_may_send(struct socket *sock, struct socket *other)
{
	return may_reach(other);
}

static struct security_hook_list vserver_unix_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT(unix_may_send, hook_unix_may_send),
};

/**
 * vserver_add_unix_hooks - Register the abstract UNIX socket hooks
 */
void __init vserver_add_unix_hooks(void)
{
	security_add_hooks(vserver_unix_hooks, ARRAY_SIZE(vserver_unix_hooks),
			   &vserver_lsmid);
}
