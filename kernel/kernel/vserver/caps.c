// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The bounding set of a context (bcaps)
 *
 * No task of a context holds or uses a capability outside the context's
 * bcaps once the context is out of STATE_SETUP (during setup its only
 * tasks are the host's tools configuring it):
 *
 * - a task's credentials are clamped to bcaps when the setup ends
 *   (set_cflags clearing STATE_SETUP from inside) and when it migrates
 *   into a context that is out of setup;
 * - exec clamps the new credentials, so setuid-root binaries and file
 *   capabilities cannot give more;
 * - capable() denies a capability outside bcaps, which covers tasks that
 *   were in the context before bcaps were lowered.
 */

#include "common.h"

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/lsm_hooks.h>

#include "caps.h"
#include "limit.h"
#include "lsm.h"
#include "task.h"
#include "tty.h"

static kernel_cap_t vx_bcaps(const struct vx_info *vxi)
{
	kernel_cap_t caps = { .val = READ_ONCE(vxi->bcaps.val) };

	return caps;
}

static void clamp_cred(struct cred *cred, const kernel_cap_t bcaps)
{
	cred->cap_bset = cap_intersect(cred->cap_bset, bcaps);
	cred->cap_permitted = cap_intersect(cred->cap_permitted, bcaps);
	cred->cap_effective = cap_intersect(cred->cap_effective, bcaps);
	cred->cap_inheritable = cap_intersect(cred->cap_inheritable, bcaps);
	cred->cap_ambient = cap_intersect(cred->cap_ambient, bcaps);
}

/**
 * vx_commit_clamped_creds - Install credentials clamped to bcaps
 * @vxi: The context of the current task.
 * @new: Credentials from prepare_creds(), consumed.
 */
void vx_commit_clamped_creds(const struct vx_info *vxi, struct cred *new)
{
	clamp_cred(new, vx_bcaps(vxi));
	/* @new may have been prepared before the task entered @vxi. */
	if (vx_ucounts_fix(new))
		pr_warn_ratelimited("xid %u: per-user counters not moved\n",
				    vxi->core.id);
	commit_creds(new);
}

/**
 * vx_migrate_clamped - Move the current task into a context
 * @vxi: The context.
 *
 * Out of STATE_SETUP the task's credentials are clamped to the
 * context's bounding set in the same step.
 *
 * Return: 0, -ENOMEM, or -ESRCH if @vxi is no longer hashed.
 */
int vx_migrate_clamped(struct vx_info *vxi)
{
	struct cred *new = NULL;
	int err;

	if (!(vx_flags(vxi) & VXF_STATE_SETUP)) {
		new = prepare_creds();
		if (!new)
			return -ENOMEM;
	}
	err = vx_migrate_current(vxi, vxi->core.id);
	if (err) {
		if (new)
			abort_creds(new);
		return err;
	}
	if (new)
		vx_commit_clamped_creds(vxi, new);
	return 0;
}

static bool bcaps_apply(const struct vx_info *vxi)
{
	return vxi && !(vx_flags(vxi) & VXF_STATE_SETUP);
}

static int hook_capable(const struct cred *cred, struct user_namespace *ns,
			int cap, unsigned int opts)
{
	const struct vx_info *vxi;

	/* Checks of another task's credentials are about that task. */
	if (cred != current_cred())
		return 0;
	vxi = current_vx();
	if (bcaps_apply(vxi) && !cap_raised(vx_bcaps(vxi), cap))
		return -EPERM;
	/* vhangup() of a terminal that is not the guest's own (tty.c). */
	if (vxi && cap == CAP_SYS_TTY_CONFIG && vx_tty_config_denied())
		return -EPERM;
	return 0;
}

static int hook_bprm_creds_from_file(struct linux_binprm *bprm,
				     const struct file *file)
{
	const struct vx_info *vxi = current_vx();

	if (bcaps_apply(vxi))
		clamp_cred(bprm->cred, vx_bcaps(vxi));
	return 0;
}

static struct security_hook_list vserver_caps_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(capable, hook_capable),
	LSM_HOOK_INIT(bprm_creds_from_file, hook_bprm_creds_from_file),
};

/**
 * vserver_add_caps_hooks - Register the bounding set hooks
 */
void __init vserver_add_caps_hooks(void)
{
	security_add_hooks(vserver_caps_hooks, ARRAY_SIZE(vserver_caps_hooks),
			   &vserver_lsmid);
}
