// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Registration as a Linux security module
 *
 * Isolation between contexts is enforced through LSM hooks.  The module
 * is named "vserver" and is ordered LSM_ORDER_LAST, so it runs whenever it
 * is built in, whatever CONFIG_LSM or lsm= say: distribution configs list
 * their LSMs explicitly (Debian's CONFIG_LSM has no "vserver"), and a
 * kernel whose guests silently lost their isolation because of a boot
 * parameter would be worse than one that cannot switch it off.
 */

#include "common.h"

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <linux/printk.h>
#include <linux/vserver.h>
#include <uapi/linux/lsm.h>

#include "caps.h"
#include "dlimit.h"
#include "hostfs.h"
#include "inet.h"
#include "ipc.h"
#include "isolation.h"
#include "keys.h"
#include "limit.h"
#include "lsm.h"
#include "netif.h"
#include "sockowner.h"
#include "task.h"
#include "tty.h"
#include "unix.h"

/*
 * Whether the "vserver" LSM was initialised.  Commands that create
 * isolation refuse to run without it.
 */
bool vserver_lsm_enabled __ro_after_init;

/*
 * Off until the first task enters a context (vserver_ctx_activate(),
 * linux/vserver.h): the process hooks of a host that never had a guest
 * cost one static branch.
 */
DEFINE_STATIC_KEY_FALSE(vserver_ctx_active);
EXPORT_SYMBOL_GPL(vserver_ctx_active);

const struct lsm_id vserver_lsmid = {
	.name = VSERVER_NAME,
	.id = LSM_ID_VSERVER,
};

struct lsm_blob_sizes vserver_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct vserver_task),
	.lbs_file = sizeof(struct vserver_file),
	.lbs_inode = sizeof(struct vx_info *),
	.lbs_ipc = sizeof(struct vx_ipc_charge),
	.lbs_sock = sizeof(struct nx_info *),
	.lbs_key = sizeof(u32),
};

static int __init vserver_lsm_init(void)
{
	vserver_add_task_hooks();
	vserver_add_isolation_hooks();
	vserver_add_hostfs_hooks();
	vserver_add_unix_hooks();
	vserver_add_caps_hooks();
	vserver_add_limit_hooks();
	vserver_add_sockowner_hooks();
	vserver_add_ipc_hooks();
	vserver_add_inet_hooks();
	vserver_add_tty_hooks();
	vserver_add_nlview_hooks();
	vserver_add_key_hooks();
	vserver_add_dlimit_hooks();
	vserver_add_mount_hooks();
	vserver_lsm_enabled = true;
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(vserver) = {
	.name = VSERVER_NAME,
	.order = LSM_ORDER_LAST,
	.blobs = &vserver_blob_sizes,
	.init = vserver_lsm_init,
};
