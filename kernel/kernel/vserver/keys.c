// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The keys of a guest
 *
 * Key rings are per user, not per context: uid 0's user keyring is the
 * same for the host's root and every guest's root, and a session keyring
 * passes to the guest with the tasks the tools fork into it.  Going by
 * the permission bits alone, a guest's root could search, read, link,
 * update or revoke the host's keys and another guest's.
 *
 * Each key records the context of the task that made it (key_alloc; a
 * kernel thread's keys are the host's), and a task of a guest may use
 * only the keys its own context made (key_permission): any other key is
 * refused with EACCES, whatever its permission bits and whoever possesses
 * it.  A guest thus cannot use a user keyring the host made; the host
 * (and the spectator) may use every key.  The record is written once,
 * before the key is published, and never changes.
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/key.h>
#include <linux/lsm_hooks.h>

#include "context.h"
#include "keys.h"
#include "lsm.h"
#include "task.h"

/* The context that made a key (its LSM blob). */
static u32 *key_xid(const struct key *key)
{
	return key->security + vserver_blob_sizes.lbs_key;
}

static int hook_key_alloc(struct key *key, const struct cred *cred,
			  unsigned long flags)
{
	*key_xid(key) = current_xid();
	return 0;
}

static int hook_key_permission(key_ref_t key_ref, const struct cred *cred,
			       enum key_need_perm need_perm)
{
	struct vx_info *vxi = current_vx();

	if (!vxi)
		return 0;
	if (*key_xid(key_ref_to_ptr(key_ref)) != vxi->core.id)
		return -EACCES;
	return 0;
}

static struct security_hook_list vserver_key_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(key_alloc, hook_key_alloc),
	LSM_HOOK_INIT(key_permission, hook_key_permission),
};

/**
 * vserver_add_key_hooks - Register the hooks that keep a guest to its keys
 */
void __init vserver_add_key_hooks(void)
{
	security_add_hooks(vserver_key_hooks, ARRAY_SIZE(vserver_key_hooks),
			   &vserver_lsmid);
}
