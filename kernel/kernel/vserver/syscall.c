// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The vserver(2) system call and its commands
 *
 * Every command is one entry of vserver_commands[]: its command word, the
 * privilege and context rules it needs, and its handler.  The dispatcher
 * looks the command word up, checks the rules in a fixed order, looks up
 * the target context, and calls the handler; command words not in the
 * table fail with -ENOSYS, as in the vs2.3 ABI.  This is the only file
 * that reads or writes user memory.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/cred.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/namei.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/prio.h>
#include <linux/sort.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/vserver.h>
#include <uapi/linux/sched.h>
#include <uapi/linux/vserver/context_cmd.h>
#include <uapi/linux/vserver/dlimit_cmd.h>
#include <uapi/linux/vserver/inode_cmd.h>
#include <uapi/linux/vserver/limit_cmd.h>
#include <uapi/linux/vserver/network_cmd.h>
#include <uapi/linux/vserver/sched_cmd.h>
#include <uapi/linux/vserver/space_cmd.h>
#include <uapi/linux/vserver/switch.h>

#include "abi.h"
#include "caps.h"
#include "context.h"
#include "cvirt.h"
#include "dlimit.h"
#include "helper.h"
#include "iattr.h"
#include "info.h"
#include "isolation.h"
#include "limit.h"
#include "lsm.h"
#include "network.h"
#include "signal.h"
#include "space.h"
#include "task.h"
#include "uts.h"

/**
 * struct vserver_call - One invocation of vserver(2)
 *
 * @cmd: The command word, as passed by user space.
 * @id: The second argument: a context id, a pid or a descriptor,
 *      depending on the command.
 * @data: The third argument: the command's user-space structure, or
 *        NULL for commands without data.
 * @vxi: The target context for commands with %VCF_VXI, with a reference
 *       the dispatcher drops after the handler; else NULL.
 * @nxi: The target network context for commands with %VCF_NXI, the same
 *       way; else NULL.
 * @inside: The caller is a task of @vxi configuring it during its setup
 *          (a %VCF_SETUP command issued from inside).
 *
 * Lives on the stack of the calling task for the duration of the call.
 */
struct vserver_call {
	u32 cmd;
	u32 id;
	void __user *data;
	struct vx_info *vxi;
	struct nx_info *nxi;
	bool inside;
};

/*
 * Privilege levels of a command (the "perm" column of the vs2.3 tables):
 * 0 needs nothing, anything from VCP_ADMIN up needs CAP_SYS_ADMIN in the
 * initial user namespace.
 */
#define VCP_NONE	0
#define VCP_ADMIN	2

/*
 * Rules of a command, checked in this order:
 * VCF_RES:   CAP_SYS_RESOURCE as well (-EPERM);
 * VCF_IMMUT: CAP_LINUX_IMMUTABLE as well (-EPERM);
 * VCF_HOST:  the caller is in the host context (-EPERM) ...
 * VCF_SETUP: ... or, for a command with VCF_HOST, the caller's own
 *            context is still in STATE_SETUP and is the target;
 * VCF_VXI:   @id names a context (-ESRCH if there is none, or if it is
 *            another context than a guest caller's own); any negative
 *            @id (util-vserver sends -1 and -2) is the caller's own;
 * VCF_NXI:   @id names a network context, the same way;
 * VCF_ADMIN: the target, unless configured from inside, has
 *            STATE_ADMIN (-EACCES).
 */
#define VCF_VXI		0x01
#define VCF_HOST	0x02
#define VCF_SETUP	0x04
#define VCF_ADMIN	0x08
#define VCF_RES		0x10
#define VCF_NXI		0x20
#define VCF_IMMUT	0x40

/**
 * struct vserver_command - One entry of the command table
 *
 * @cmd: The command word (VCMD_*).
 * @perm: The privilege needed: %VCP_NONE or %VCP_ADMIN and above.
 * @flags: The rules of the command (VCF_*).
 * @handler: Carries the command out; returns a non-negative result or
 *           a negative errno.
 *
 * The table is sorted by @cmd at boot and read-only afterwards.
 */
struct vserver_command {
	u32 cmd;
	u8 perm;
	u8 flags;
	long (*handler)(const struct vserver_call *call);
};

/* Version and configuration */

static long vc_get_version(const struct vserver_call *call)
{
	return VCI_VERSION;
}

static long vc_get_vci(const struct vserver_call *call)
{
	return vserver_vci();
}

/* Information */

/* The context (@id_of: task_xid) or network context id of a task. */
static long task_id(u32 pid, u32 (*id_of)(const struct task_struct *t))
{
	struct task_struct *t;
	long id = -ESRCH;

	if (!pid)
		return id_of(current);
	/* Tasks the caller may not see are not found. */
	rcu_read_lock();
	t = find_task_by_vpid(pid);
	if (t)
		id = id_of(t);
	rcu_read_unlock();
	return id;
}

static long vc_task_xid(const struct vserver_call *call)
{
	return task_id(call->id, task_xid);
}

/*
 * Commands whose @id names the caller's own context when negative, as
 * vs2.3 did (util-vserver's VC_SAMECTX is -2): the own context with a
 * reference, NULL in the host and the spectator.
 */
static bool is_self_id(u32 id)
{
	return (s32)id < 0;
}

static struct vx_info *lookup_vx(u32 id)
{
	struct vx_info *own;

	if (!is_self_id(id))
		return vx_lookup(id);
	own = current_vx();
	return own ? vx_get(own) : NULL;
}

static struct nx_info *lookup_nx(u32 id)
{
	struct nx_info *own;

	if (!is_self_id(id))
		return nx_lookup(id);
	own = current_nx();
	return own ? nx_get(own) : NULL;
}

static long vc_vx_info(const struct vserver_call *call)
{
	struct vcmd_vx_info_v0 info = {
		.xid = call->vxi->core.id,
		.initpid = READ_ONCE(call->vxi->initpid),
	};

	return copy_to_user(call->data, &info, sizeof(info)) ? -EFAULT : 0;
}

static long vc_ctx_stat(const struct vserver_call *call)
{
	struct vcmd_ctx_stat_v0 stat = {
		.usecnt = refcount_read(&call->vxi->core.usecnt),
		.tasks = atomic_read(&call->vxi->core.tasks),
	};

	return copy_to_user(call->data, &stat, sizeof(stat)) ? -EFAULT : 0;
}

static long vc_virt_stat(const struct vserver_call *call)
{
	struct vcmd_virt_stat_v0 arg = { .offset = 0, .nr_onhold = 0 };
	struct vx_cvirt_stat stat;
	int i;

	vx_cvirt_stat(call->vxi, &stat);
	arg.uptime = stat.uptime;
	arg.nr_threads = stat.nr_threads;
	arg.nr_running = stat.nr_running;
	arg.nr_uninterruptible = stat.nr_unintr;
	arg.nr_forks = stat.nr_forks;
	for (i = 0; i < 3; i++)
		arg.load[i] = stat.load[i];
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* Lifecycle */

static long vc_ctx_create(const struct vserver_call *call)
{
	struct vcmd_ctx_create data = { .flagword = VXF_INIT_SET };

	/* As in vs2.3, no data means the default flags. */
	if (VC_VERSION(call->cmd) >= 1 && call->data &&
	    copy_from_user(&data, call->data, sizeof(data)))
		return -EFAULT;
	if (!vserver_lsm_enabled)
		return -EOPNOTSUPP;
	return vx_create_current(call->id, data.flagword,
				 VC_VERSION(call->cmd) == 0);
}

static long vc_ctx_migrate(const struct vserver_call *call)
{
	struct vcmd_ctx_migrate data = { .flagword = 0 };
	struct vx_info *vxi;
	int err;

	if (VC_VERSION(call->cmd) >= 1 && call->data &&
	    copy_from_user(&data, call->data, sizeof(data)))
		return -EFAULT;
	if (data.flagword & ~(u64)(VXM_SET_INIT | VXM_SET_REAPER))
		return -EINVAL;
	if (call->id == VX_WATCH_ID) {
		vx_migrate_current(NULL, VX_WATCH_ID);
		return VX_WATCH_ID;
	}

	vxi = lookup_vx(call->id);
	if (!vxi)
		return -ESRCH;
	err = vx_may_enter(vxi, true);
	if (!err)
		err = vx_migrate_clamped(vxi);
	if (err)
		goto out_put;
	if (data.flagword)
		vx_set_init(vxi, task_tgid_nr(current),
			    data.flagword & VXM_SET_INIT,
			    data.flagword & VXM_SET_REAPER);
out_put:
	vx_put(vxi);
	return err;
}

static long vc_ctx_kill(const struct vserver_call *call)
{
	struct vcmd_ctx_kill_v0 arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	return vx_kill(call->vxi, arg.pid, arg.sig);
}

static long vc_wait_exit(const struct vserver_call *call)
{
	struct vx_info *vxi = call->vxi;
	struct vcmd_wait_exit_v0 arg;
	int err;

	err = wait_event_interruptible(vxi->exit_wq, !READ_ONCE(vxi->core.hashed));
	if (err)
		return err;
	spin_lock(&vxi->core.lock);
	arg.reboot_cmd = vxi->reboot_cmd;
	arg.exit_code = vxi->exit_code;
	spin_unlock(&vxi->core.lock);
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* Flags and capabilities */

static long put_pair(void __user *data, u64 value, u64 mask)
{
	const u64 pair[2] = { value, mask };

	return copy_to_user(data, pair, sizeof(pair)) ? -EFAULT : 0;
}

static long get_pair(const void __user *data, u64 *value, u64 *mask)
{
	u64 pair[2];

	if (copy_from_user(pair, data, sizeof(pair)))
		return -EFAULT;
	*value = pair[0];
	*mask = pair[1];
	return 0;
}

static long vc_get_cflags(const struct vserver_call *call)
{
	const u64 flags = vx_flags(call->vxi);

	/* One-time bits that are already clear cannot change any more. */
	return put_pair(call->data, flags,
			vs_core_flag_mask(&call->vxi->core, flags));
}

static long vc_set_cflags(const struct vserver_call *call)
{
	u64 value, mask;
	long err;

	err = get_pair(call->data, &value, &mask);
	return err ? err : vx_change_flags(call->vxi, value, mask,
					   call->inside);
}

/*
 * The 64-bit fields of get/set_ccaps, get/set_bcaps and get/set_umask:
 * where the command's field is, which bits it can hold, and whether
 * other bits are an error (umask) or ignored (caps).
 */
static u64 *pair_field(const struct vserver_call *call, u64 *valid,
		       bool *strict)
{
	struct vx_info *vxi = call->vxi;

	*strict = false;
	switch (call->cmd) {
	case VCMD_get_ccaps:
	case VCMD_set_ccaps:
		*valid = ~0ULL;
		return &vxi->ccaps;
	case VCMD_get_bcaps:
	case VCMD_set_bcaps:
		*valid = CAP_VALID_MASK;
		return &vxi->bcaps.val;
	case VCMD_get_wmask:
	case VCMD_set_wmask:
		*valid = ~0ULL;
		return &vxi->wmask;
	default:
		*valid = VX_UMASK_VALID;
		*strict = true;
		return &vxi->umask;
	}
}

static long vc_get_field(const struct vserver_call *call)
{
	bool strict;
	u64 valid;

	return put_pair(call->data, READ_ONCE(*pair_field(call, &valid,
							  &strict)), ~0ULL);
}

static long vc_set_field(const struct vserver_call *call)
{
	u64 value, mask, valid, *field;
	bool strict;
	long err;

	err = get_pair(call->data, &value, &mask);
	if (err)
		return err;
	field = pair_field(call, &valid, &strict);
	if (strict && (value & mask & ~valid))
		return -EINVAL;
	vx_set_field(call->vxi, field, value & valid, mask);
	return 0;
}

/* Rules of the command groups: see the VCF_* comment. */
/* Resource limits */

static long get_limit_id(const struct vserver_call *call, u32 *id)
{
	if (copy_from_user(id, call->data, sizeof(*id)))
		return -EFAULT;
	return *id < VLIMIT_NUM && (vx_limits_enforced() & BIT(*id)) ? 0 :
	       -EINVAL;
}

static long vc_get_rlimit(const struct vserver_call *call)
{
	struct vcmd_ctx_rlimit_v0 arg = { .minimum = CRLIM_UNSET };
	struct vx_limit *l;
	long err;

	err = get_limit_id(call, &arg.id);
	if (err)
		return err;
	l = &call->vxi->limits[arg.id];
	arg.softlimit = READ_ONCE(l->soft);
	arg.maximum = READ_ONCE(l->hard);
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_set_rlimit(const struct vserver_call *call)
{
	struct vcmd_ctx_rlimit_v0 arg;
	struct vx_limit *l;
	long err = 0;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (arg.id >= VLIMIT_NUM || !(vx_limits_enforced() & BIT(arg.id)))
		return -EINVAL;
	/*
	 * The minimum is accepted and ignored, as in vs2.3 (util-vserver
	 * writes min = soft = hard); get_rlimit answers it as unset.
	 */
	if (arg.maximum != CRLIM_KEEP)
		err = vx_limit_set_hard(call->vxi, arg.id, arg.maximum);
	if (err)
		return err;
	l = &call->vxi->limits[arg.id];
	spin_lock(&call->vxi->core.lock);
	if (arg.softlimit != CRLIM_KEEP)
		WRITE_ONCE(l->soft, arg.softlimit);
	spin_unlock(&call->vxi->core.lock);
	return 0;
}

static long vc_get_rlimit_mask(const struct vserver_call *call)
{
	const struct vcmd_ctx_rlimit_mask_v0 arg = {
		.minimum = 0,
		.softlimit = 0,
		.maximum = vx_limits_enforced(),
	};

	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_rlimit_stat(const struct vserver_call *call)
{
	struct vcmd_rlimit_stat_v0 arg;
	struct vx_limit_stat st;
	long err;

	err = get_limit_id(call, &arg.id);
	if (err)
		return err;
	vx_limit_stat(call->vxi, arg.id, &st);
	arg.hits = st.hits;
	arg.value = st.value;
	arg.minimum = st.min;
	arg.maximum = st.max;
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_reset_hits(const struct vserver_call *call)
{
	vx_limits_reset_hits(call->vxi);
	return 0;
}

static long vc_reset_minmax(const struct vserver_call *call)
{
	vx_limits_reset_minmax(call->vxi);
	return 0;
}

/* CPU scheduling */

static long vc_set_sched(const struct vserver_call *call)
{
	struct vcmd_sched_v5 arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	return vx_sched_change(call->vxi, arg.mask, arg.fill_rate[0],
			       arg.interval[0], arg.prio_bias);
}

static long vc_get_sched(const struct vserver_call *call)
{
	struct vcmd_sched_v5 arg = {
		.mask = VXSM_FILL_RATE | VXSM_INTERVAL | VXSM_PRIO_BIAS,
		.cpu_id = -1,
	};
	struct vx_sched s;

	vx_sched_get(call->vxi, &s);
	arg.fill_rate[0] = s.fill_rate;
	arg.interval[0] = s.interval;
	arg.prio_bias = s.prio_bias;
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_sched_info(const struct vserver_call *call)
{
	struct vcmd_sched_info arg;
	u64 utime, stime;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (arg.cpu_id != -1)
		return -EINVAL;
	vx_cputime(call->vxi, &utime, &stime);
	arg.bucket_id = 0;
	arg.user_msec = div_u64(utime, NSEC_PER_MSEC);
	arg.sys_msec = div_u64(stime, NSEC_PER_MSEC);
	arg.hold_msec = 0;
	arg.token_usec = jiffies_to_usecs(1);
	arg.vavavoom = 0;
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* Spaces */

static long get_space_arg(const struct vserver_call *call, u64 *mask,
			  u32 *index)
{
	struct vcmd_space_mask_v2 arg = { .mask = 0, .index = 0 };
	size_t size;

	*mask = 0;
	*index = 0;
	/* Version 0, or no data (as vs2.3 allowed): mask 0, space 0. */
	if (!call->data)
		return 0;
	switch (VC_VERSION(call->cmd)) {
	case 0:
		return 0;
	case 1:
		size = sizeof(struct vcmd_space_mask_v1);
		break;
	default:
		/* Up to the index: util-vserver's struct has no @pad. */
		size = offsetofend(struct vcmd_space_mask_v2, index);
		break;
	}
	if (copy_from_user(&arg, call->data, size))
		return -EFAULT;
	*mask = arg.mask;
	*index = arg.index;
	return 0;
}

static long vc_set_space(const struct vserver_call *call)
{
	u32 index;
	u64 mask;
	long err;

	err = get_space_arg(call, &mask, &index);
	return err ? err : vx_space_set(call->vxi, index, mask);
}

static long vc_enter_space(const struct vserver_call *call)
{
	u32 index;
	u64 mask;
	long err;

	err = vx_may_enter(call->vxi, false);
	if (err)
		return err;
	err = get_space_arg(call, &mask, &index);
	return err ? err : vx_space_enter(call->vxi, index, mask);
}

static long put_space_mask(const struct vserver_call *call, u64 mask)
{
	const struct vcmd_space_mask_v1 arg = { .mask = mask };

	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_get_space_mask(const struct vserver_call *call)
{
	u64 mask = vx_space_supported();

	/* The old command knows only what the vs2.2 spaces held. */
	if (call->cmd == VCMD_get_space_mask_v0)
		mask &= CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC;
	return put_space_mask(call, mask);
}

static long vc_get_space_default(const struct vserver_call *call)
{
	return put_space_mask(call, CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS |
			      CLONE_NEWIPC);
}

/* Host identity */

static long vc_get_vhi_name(const struct vserver_call *call)
{
	struct vcmd_vhi_name_v0 arg;
	long err;

	if (copy_from_user(&arg.field, call->data, sizeof(arg.field)))
		return -EFAULT;
	memset(arg.name, 0, sizeof(arg.name));
	memset(arg.pad, 0, sizeof(arg.pad));
	err = vx_get_vhi_name(call->vxi, arg.field, arg.name);
	if (err)
		return err;
	return copy_to_user(call->data, &arg, offsetofend(typeof(arg), name)) ?
	       -EFAULT : 0;
}

static long vc_set_vhi_name(const struct vserver_call *call)
{
	struct vcmd_vhi_name_v0 arg;

	if (copy_from_user(&arg, call->data, offsetofend(typeof(arg), name)))
		return -EFAULT;
	arg.name[sizeof(arg.name) - 1] = '\0';
	return vx_set_vhi_name(call->vxi, arg.field, arg.name);
}

/* Network contexts */

static long vc_task_nid(const struct vserver_call *call)
{
	return task_id(call->id, task_nid);
}

static long vc_nx_info(const struct vserver_call *call)
{
	const struct vcmd_nx_info_v0 info = { .nid = call->nxi->core.id };

	return copy_to_user(call->data, &info, sizeof(info)) ? -EFAULT : 0;
}

static long vc_net_create(const struct vserver_call *call)
{
	struct vcmd_net_create data = { .flagword = NXF_INIT_SET };

	/* As in vs2.3, no data means the default flags. */
	if (VC_VERSION(call->cmd) >= 1 && call->data &&
	    copy_from_user(&data, call->data, sizeof(data)))
		return -EFAULT;
	if (!vserver_lsm_enabled)
		return -EOPNOTSUPP;
	return nx_create_current(call->id, data.flagword);
}

static long vc_net_migrate(const struct vserver_call *call)
{
	struct nx_info *nxi;
	long err;

	if (call->id == VX_WATCH_ID) {
		nx_migrate_current(NULL, VX_WATCH_ID);
		return VX_WATCH_ID;
	}
	nxi = lookup_nx(call->id);
	if (!nxi)
		return -ESRCH;
	err = nx_may_enter(nxi);
	if (!err)
		err = nx_migrate_current(nxi, nxi->core.id);
	nx_put(nxi);
	return err;
}

static long vc_get_nflags(const struct vserver_call *call)
{
	const u64 flags = nx_flags(call->nxi);

	return put_pair(call->data, flags,
			vs_core_flag_mask(&call->nxi->core, flags));
}

static long vc_get_ncaps(const struct vserver_call *call)
{
	return put_pair(call->data, READ_ONCE(call->nxi->ncaps), ~0ULL);
}

/* set_nflags and set_ncaps */
static long vc_set_npair(const struct vserver_call *call)
{
	u64 value, mask;
	long err;

	err = get_pair(call->data, &value, &mask);
	if (err)
		return err;
	if (call->cmd == VCMD_set_nflags)
		nx_set_flags(call->nxi, value, mask);
	else
		nx_set_ncaps(call->nxi, value, mask);
	return 0;
}

/* net_add v0: up to four addresses, or the broadcast/loopback address. */
static long vc_net_add_v0(const struct vserver_call *call)
{
	struct vcmd_net_addr_v0 arg;
	struct nx_addr4 e = { .type = NXA_TYPE_ADDR };
	long err;
	int i;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	switch (arg.type) {
	case NXA_TYPE_IPV4:
		if (arg.count < 1 || arg.count > ARRAY_SIZE(arg.ip))
			return -EINVAL;
		for (i = 0; i < arg.count; i++) {
			e.ip = arg.ip[i].s_addr;
			e.mask = arg.mask[i].s_addr;
			err = nx_addr4_add(call->nxi, &e);
			if (err)
				return err;
		}
		return arg.count;
	case NXA_TYPE_IPV4 | NXA_MOD_BCAST:
	case NXA_TYPE_IPV4 | NXA_MOD_LBACK:
		return nx_addr4_set_special(call->nxi,
					    arg.type & ~NXA_TYPE_IPV4,
					    arg.ip[0].s_addr);
	default:
		return -EINVAL;
	}
}

static long vc_net_remove_v0(const struct vserver_call *call)
{
	const struct nx_addr4 all = { .type = NXA_TYPE_ANY };
	struct vcmd_net_addr_v0 arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (arg.type != NXA_TYPE_ANY)
		return -EINVAL;
	return nx_addr4_remove(call->nxi, &all);
}

/*
 * The IPv4 entry of net_add/rem_ipv4 v1 and v2.  The family bit is
 * optional (util-vserver clears it).  Returns the type, or -EINVAL for
 * one the command version does not know.
 */
static long get_addr4(const struct vserver_call *call, struct nx_addr4 *e)
{
	struct vcmd_net_addr_ipv4_v2 arg = { .ip2.s_addr = 0 };
	u16 type;

	if (VC_VERSION(call->cmd) == 1) {
		struct vcmd_net_addr_ipv4_v1 v1;

		if (copy_from_user(&v1, call->data, sizeof(v1)))
			return -EFAULT;
		arg.type = v1.type;
		arg.flags = v1.flags;
		arg.ip = v1.ip;
		arg.mask = v1.mask;
	} else if (copy_from_user(&arg, call->data, sizeof(arg))) {
		return -EFAULT;
	}
	type = arg.type == NXA_TYPE_ANY ? arg.type :
	       arg.type & ~NXA_TYPE_IPV4;
	switch (type & ~(NXA_MOD_BCAST | NXA_MOD_LBACK)) {
	case NXA_TYPE_ADDR:
	case NXA_TYPE_MASK:
	case NXA_TYPE_ANY:
		break;
	case NXA_TYPE_RANGE:
		if (VC_VERSION(call->cmd) < 2 ||
		    ntohl(arg.ip.s_addr) >= ntohl(arg.ip2.s_addr))
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	e->type = type;
	e->flags = arg.flags;
	e->ip = arg.ip.s_addr;
	e->ip2 = arg.ip2.s_addr;
	e->mask = arg.mask.s_addr;
	return type;
}

static long vc_net_add_ipv4(const struct vserver_call *call)
{
	struct nx_addr4 e;
	long type;

	type = get_addr4(call, &e);
	if (type < 0)
		return type;
	switch (type) {
	case NXA_TYPE_ADDR | NXA_MOD_BCAST:
	case NXA_TYPE_ADDR | NXA_MOD_LBACK:
		return nx_addr4_set_special(call->nxi,
					    type & ~NXA_TYPE_ADDR, e.ip);
	case NXA_TYPE_ADDR:
	case NXA_TYPE_MASK:
	case NXA_TYPE_RANGE:
		return nx_addr4_add(call->nxi, &e);
	default:
		return -EINVAL;
	}
}

static long vc_net_rem_ipv4(const struct vserver_call *call)
{
	struct nx_addr4 e;
	long type;

	type = get_addr4(call, &e);
	if (type < 0)
		return type;
	if (type & (NXA_MOD_BCAST | NXA_MOD_LBACK))
		return -EINVAL;
	return nx_addr4_remove(call->nxi, &e);
}

static long get_addr6(const struct vserver_call *call, struct nx_addr6 *e)
{
	struct vcmd_net_addr_ipv6_v1 arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	switch (arg.type) {
	case NXA_TYPE_ADDR:
		if (!arg.prefix)
			arg.prefix = 128;
		fallthrough;
	case NXA_TYPE_MASK:
		if (arg.prefix > 128)
			return -EINVAL;
		break;
	case NXA_TYPE_ANY:
		break;
	default:
		return -EINVAL;
	}
	e->type = arg.type;
	e->flags = arg.flags;
	e->prefix = arg.prefix;
	e->ip = arg.ip;
	return 0;
}

static long vc_net_add_ipv6(const struct vserver_call *call)
{
	struct nx_addr6 e;
	long err;

	err = get_addr6(call, &e);
	if (err)
		return err;
	if (e.type == NXA_TYPE_ANY)
		return -EINVAL;
	return nx_addr6_add(call->nxi, &e);
}

static long vc_net_remove_ipv6(const struct vserver_call *call)
{
	struct nx_addr6 e;
	long err;

	err = get_addr6(call, &e);
	return err ? err : nx_addr6_remove(call->nxi, &e);
}

/* Priority bias, OOM badness */

/* -1 (every CPU) or a possible CPU: the bias is the same on all. */
static bool valid_cpu_id(s32 cpu)
{
	return cpu == -1 ||
	       (cpu >= 0 && (unsigned int)cpu < nr_cpu_ids &&
		cpu_possible(cpu));
}

static long vc_set_prio_bias(const struct vserver_call *call)
{
	struct vcmd_prio_bias arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (!valid_cpu_id(arg.cpu_id))
		return -EINVAL;
	return vx_sched_set_prio_bias(call->vxi, arg.prio_bias);
}

static long vc_get_prio_bias(const struct vserver_call *call)
{
	struct vcmd_prio_bias arg;
	struct vx_sched s;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (!valid_cpu_id(arg.cpu_id))
		return -EINVAL;
	vx_sched_get(call->vxi, &s);
	arg.prio_bias = s.prio_bias;
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_get_badness(const struct vserver_call *call)
{
	struct vcmd_badness_v0 arg;

	spin_lock(&call->vxi->core.lock);
	arg.bias = call->vxi->badness;
	spin_unlock(&call->vxi->core.lock);
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_set_badness(const struct vserver_call *call)
{
	struct vcmd_badness_v0 arg;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	spin_lock(&call->vxi->core.lock);
	call->vxi->badness = arg.bias;
	spin_unlock(&call->vxi->core.lock);
	return 0;
}

/* Inode attributes and tags */

static long vc_task_tag(const struct vserver_call *call)
{
	struct task_struct *t;
	long tag = -ESRCH;

	if (!call->id)
		return task_tag(current);
	rcu_read_lock();
	t = find_task_by_vpid(call->id);
	if (t)
		tag = task_tag(t);
	rcu_read_unlock();
	return tag;
}

static long vc_tag_migrate(const struct vserver_call *call)
{
	vx_tag_migrate(call->id);
	return 0;
}

/* Disk limits: @name is a path, followed; @id is the tag. */

static long vc_add_rem_dlimit(const struct vserver_call *call)
{
	struct vcmd_ctx_dlimit_base_v0 arg;
	struct path path;
	long err;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	if (arg.flags)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, u64_to_user_ptr(arg.name), LOOKUP_FOLLOW,
			   &path);
	if (err)
		return err;
	if (call->cmd == VCMD_add_dlimit)
		err = vx_dlimit_add(&path, call->id);
	else
		err = vx_dlimit_rem(&path, call->id);
	path_put(&path);
	return err;
}

static long vc_set_get_dlimit(const struct vserver_call *call)
{
	struct vcmd_ctx_dlimit_v0 arg;
	struct path path;
	long err;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	err = user_path_at(AT_FDCWD, u64_to_user_ptr(arg.name), LOOKUP_FOLLOW,
			   &path);
	if (err)
		return err;
	if (call->cmd == VCMD_set_dlimit) {
		err = vx_dlimit_set(&path, call->id, &arg);
	} else {
		err = vx_dlimit_get(&path, call->id, &arg);
		if (!err && copy_to_user(call->data, &arg, sizeof(arg)))
			err = -EFAULT;
	}
	path_put(&path);
	return err;
}

static long get_iattr_path(const struct vserver_call *call,
			   struct vcmd_ctx_iattr_v1 *arg, struct path *path)
{
	const size_t size = offsetofend(struct vcmd_ctx_iattr_v1, mask);

	if (copy_from_user(arg, call->data, size))
		return -EFAULT;
	return user_path_at(AT_FDCWD, u64_to_user_ptr(arg->name), 0, path);
}

static long vc_get_iattr(const struct vserver_call *call)
{
	struct vcmd_ctx_iattr_v1 arg;
	struct vx_iattr attr;
	struct path path;
	long err;

	err = get_iattr_path(call, &arg, &path);
	if (err)
		return err;
	vx_iattr_get(&path, &attr);
	path_put(&path);
	arg.tag = attr.tag;
	arg.flags = attr.flags;
	arg.mask = attr.mask;
	return copy_to_user(call->data, &arg,
			    offsetofend(struct vcmd_ctx_iattr_v1, mask)) ?
	       -EFAULT : 0;
}

static long vc_set_iattr(const struct vserver_call *call)
{
	struct vcmd_ctx_iattr_v1 arg;
	struct vx_iattr attr;
	struct path path;
	long err;

	err = get_iattr_path(call, &arg, &path);
	if (err)
		return err;
	attr.tag = arg.tag;
	attr.flags = arg.flags;
	attr.mask = arg.mask;
	err = vx_iattr_set(&path, &attr);
	path_put(&path);
	return err;
}

static long vc_fget_iattr(const struct vserver_call *call)
{
	struct vcmd_ctx_fiattr_v0 arg;
	struct vx_iattr attr;
	struct fd f = fdget(call->id);

	if (!fd_file(f))
		return -EBADF;
	vx_iattr_get(&fd_file(f)->f_path, &attr);
	fdput(f);
	arg.tag = attr.tag;
	arg.flags = attr.flags;
	arg.mask = attr.mask;
	return copy_to_user(call->data, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long vc_fset_iattr(const struct vserver_call *call)
{
	struct vcmd_ctx_fiattr_v0 arg;
	struct vx_iattr attr;
	struct fd f;
	long err;

	if (copy_from_user(&arg, call->data, sizeof(arg)))
		return -EFAULT;
	f = fdget(call->id);
	if (!fd_file(f))
		return -EBADF;
	attr.tag = arg.tag;
	attr.flags = arg.flags;
	attr.mask = arg.mask;
	err = vx_iattr_set(&fd_file(f)->f_path, &attr);
	fdput(f);
	return err;
}

#define VCF_INFO	VCF_VXI
#define VCF_CREATE	VCF_HOST
#define VCF_CONFIG	(VCF_VXI | VCF_HOST | VCF_SETUP | VCF_ADMIN | VCF_RES)
#define VCF_ENTER	(VCF_VXI | VCF_HOST | VCF_ADMIN)
#define VCF_CONTROL	(VCF_VXI | VCF_HOST | VCF_RES)
#define VCF_WAIT	(VCF_VXI | VCF_HOST)
#define VCF_NINFO	VCF_NXI
#define VCF_NCREATE	(VCF_HOST | VCF_SETUP)
#define VCF_NCONFIG	(VCF_NXI | VCF_HOST | VCF_SETUP | VCF_ADMIN)
#define VCF_ISET	(VCF_HOST | VCF_IMMUT)
#define VCF_DLIMIT	(VCF_HOST | VCF_RES)

static struct vserver_command vserver_commands[] __ro_after_init = {
	{ VCMD_get_version,	VCP_NONE,	0,		vc_get_version },
	{ VCMD_get_vci,		VCP_NONE,	0,		vc_get_vci },
	{ VCMD_task_xid,	VCP_NONE,	0,		vc_task_xid },
	{ VCMD_task_tag,	VCP_NONE,	0,		vc_task_tag },
	{ VCMD_tag_migrate,	VCP_ADMIN,	VCF_CREATE,	vc_tag_migrate },
	{ VCMD_add_dlimit,	VCP_ADMIN,	VCF_DLIMIT,	vc_add_rem_dlimit },
	{ VCMD_rem_dlimit,	VCP_ADMIN,	VCF_DLIMIT,	vc_add_rem_dlimit },
	{ VCMD_set_dlimit,	VCP_ADMIN,	VCF_DLIMIT,	vc_set_get_dlimit },
	{ VCMD_get_dlimit,	VCP_ADMIN,	VCF_HOST,	vc_set_get_dlimit },
	{ VCMD_get_iattr,	VCP_ADMIN,	0,		vc_get_iattr },
	{ VCMD_set_iattr,	VCP_ADMIN,	VCF_ISET,	vc_set_iattr },
	{ VCMD_fget_iattr,	VCP_ADMIN,	0,		vc_fget_iattr },
	{ VCMD_fset_iattr,	VCP_ADMIN,	VCF_ISET,	vc_fset_iattr },
	{ VCMD_vx_info,		VCP_NONE,	VCF_INFO,	vc_vx_info },
	{ VCMD_ctx_stat,	VCP_NONE,	VCF_INFO,	vc_ctx_stat },
	{ VCMD_virt_stat,	VCP_NONE,	VCF_INFO,	vc_virt_stat },
	{ VCMD_ctx_create_v0,	VCP_ADMIN,	VCF_CREATE,	vc_ctx_create },
	{ VCMD_ctx_create,	VCP_ADMIN,	VCF_CREATE,	vc_ctx_create },
	{ VCMD_ctx_migrate_v0,	VCP_ADMIN,	VCF_CREATE,	vc_ctx_migrate },
	{ VCMD_ctx_migrate,	VCP_ADMIN,	VCF_CREATE,	vc_ctx_migrate },
	{ VCMD_ctx_kill,	VCP_ADMIN,	VCF_CONTROL,	vc_ctx_kill },
	{ VCMD_wait_exit,	VCP_ADMIN,	VCF_WAIT,	vc_wait_exit },
	{ VCMD_get_cflags,	VCP_NONE,	VCF_INFO,	vc_get_cflags },
	{ VCMD_set_cflags,	VCP_ADMIN,	VCF_CONFIG,	vc_set_cflags },
	{ VCMD_get_ccaps,	VCP_NONE,	VCF_INFO,	vc_get_field },
	{ VCMD_set_ccaps,	VCP_ADMIN,	VCF_CONFIG,	vc_set_field },
	{ VCMD_get_bcaps,	VCP_NONE,	VCF_INFO,	vc_get_field },
	{ VCMD_set_bcaps,	VCP_ADMIN,	VCF_CONFIG,	vc_set_field },
	{ VCMD_get_umask,	VCP_NONE,	VCF_INFO,	vc_get_field },
	{ VCMD_set_umask,	VCP_ADMIN,	VCF_CONFIG,	vc_set_field },
	{ VCMD_get_wmask,	VCP_NONE,	VCF_INFO,	vc_get_field },
	{ VCMD_set_wmask,	VCP_ADMIN,	VCF_CONFIG,	vc_set_field },
	{ VCMD_get_badness,	VCP_NONE,	VCF_INFO,	vc_get_badness },
	{ VCMD_set_badness,	VCP_ADMIN,	VCF_CONFIG,	vc_set_badness },
	{ VCMD_set_space_v1,	VCP_ADMIN,	VCF_CONFIG,	vc_set_space },
	{ VCMD_set_space,	VCP_ADMIN,	VCF_CONFIG,	vc_set_space },
	{ VCMD_enter_space_v0,	VCP_ADMIN,	VCF_ENTER,	vc_enter_space },
	{ VCMD_enter_space_v1,	VCP_ADMIN,	VCF_ENTER,	vc_enter_space },
	{ VCMD_enter_space,	VCP_ADMIN,	VCF_ENTER,	vc_enter_space },
	{ VCMD_get_space_mask_v0, VCP_NONE,	0,		vc_get_space_mask },
	{ VCMD_get_space_mask,	VCP_NONE,	0,		vc_get_space_mask },
	{ VCMD_get_space_default, VCP_NONE,	0,	vc_get_space_default },
	{ VCMD_get_rlimit,	VCP_NONE,	VCF_INFO,	vc_get_rlimit },
	{ VCMD_set_rlimit,	VCP_ADMIN,	VCF_CONFIG,	vc_set_rlimit },
	{ VCMD_get_rlimit_mask,	VCP_NONE,	0,	vc_get_rlimit_mask },
	{ VCMD_rlimit_stat,	VCP_NONE,	VCF_INFO,	vc_rlimit_stat },
	{ VCMD_reset_hits,	VCP_ADMIN,	VCF_CONFIG,	vc_reset_hits },
	{ VCMD_reset_minmax,	VCP_ADMIN,	VCF_CONFIG,	vc_reset_minmax },
	{ VCMD_set_sched,	VCP_ADMIN,	VCF_CONFIG,	vc_set_sched },
	{ VCMD_get_sched,	VCP_NONE,	VCF_INFO,	vc_get_sched },
	{ VCMD_sched_info,	VCP_NONE,	VCF_INFO,	vc_sched_info },
	{ VCMD_set_prio_bias,	VCP_ADMIN,	VCF_CONFIG,	vc_set_prio_bias },
	{ VCMD_get_prio_bias,	VCP_NONE,	VCF_INFO,	vc_get_prio_bias },
	{ VCMD_get_vhi_name,	VCP_NONE,	VCF_INFO,	vc_get_vhi_name },
	{ VCMD_set_vhi_name,	VCP_ADMIN,	VCF_CONFIG,	vc_set_vhi_name },
	{ VCMD_task_nid,	VCP_NONE,	0,		vc_task_nid },
	{ VCMD_nx_info,		VCP_NONE,	VCF_NINFO,	vc_nx_info },
	{ VCMD_net_create_v0,	VCP_ADMIN,	VCF_NCREATE,	vc_net_create },
	{ VCMD_net_create,	VCP_ADMIN,	VCF_NCREATE,	vc_net_create },
	{ VCMD_net_migrate,	VCP_ADMIN,	VCF_CREATE,	vc_net_migrate },
	{ VCMD_get_nflags,	VCP_NONE,	VCF_NINFO,	vc_get_nflags },
	{ VCMD_set_nflags,	VCP_ADMIN,	VCF_NCONFIG,	vc_set_npair },
	{ VCMD_get_ncaps,	VCP_NONE,	VCF_NINFO,	vc_get_ncaps },
	{ VCMD_set_ncaps,	VCP_ADMIN,	VCF_NCONFIG,	vc_set_npair },
	{ VCMD_net_add,		VCP_ADMIN,	VCF_NCONFIG,	vc_net_add_v0 },
	{ VCMD_net_remove,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_remove_v0 },
	{ VCMD_net_add_ipv4_v1,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_add_ipv4 },
	{ VCMD_net_rem_ipv4_v1,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_rem_ipv4 },
	{ VCMD_net_add_ipv4,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_add_ipv4 },
	{ VCMD_net_rem_ipv4,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_rem_ipv4 },
	{ VCMD_net_add_ipv6,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_add_ipv6 },
	{ VCMD_net_remove_ipv6,	VCP_ADMIN,	VCF_NCONFIG,	vc_net_remove_ipv6 },
};

static const struct vserver_command *find_command(const u32 cmd)
{
	size_t lo = 0, hi = ARRAY_SIZE(vserver_commands);

	while (lo < hi) {
		const size_t mid = lo + (hi - lo) / 2;
		const u32 here = vserver_commands[mid].cmd;

		if (here == cmd)
			return &vserver_commands[mid];
		if (here < cmd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The target of a command, found (@c: of its network context or
 * context) or not: see the VCF_* comment.  @own: the caller's own id of
 * that kind; @admin: the kind's STATE_ADMIN flag.
 */
static long check_target(const struct vserver_command *c,
			 const struct vserver_call *call,
			 const struct vs_core *target, u32 own, u64 admin)
{
	const u32 me = current_xid();

	if (!target)
		return -ESRCH;
	if (me != VX_ADMIN_ID && me != VX_WATCH_ID && target->id != own)
		return -ESRCH;
	if ((c->flags & VCF_ADMIN) && !call->inside &&
	    !(READ_ONCE(target->flags) & admin))
		return -EACCES;
	return 0;
}

/* Checks the rules of @c and finds the target; see the VCF_* comment. */
static long prepare_call(const struct vserver_command *c,
			 struct vserver_call *call)
{
	const u32 me = current_xid();
	struct vx_info *own = current_vx();

	if (c->perm >= VCP_ADMIN && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	if ((c->flags & VCF_RES) && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if ((c->flags & VCF_IMMUT) && !capable(CAP_LINUX_IMMUTABLE))
		return -EPERM;
	if ((c->flags & VCF_HOST) && me != VX_ADMIN_ID) {
		if (!(c->flags & VCF_SETUP) || !own ||
		    !(vx_flags(own) & VXF_STATE_SETUP))
			return -EPERM;
		call->inside = true;
	}
	if (c->flags & VCF_NXI) {
		call->nxi = lookup_nx(call->id);
		return check_target(c, call,
				    call->nxi ? &call->nxi->core : NULL,
				    task_nid(current), NXF_STATE_ADMIN);
	}
	if (!(c->flags & VCF_VXI))
		return 0;
	call->vxi = lookup_vx(call->id);
	return check_target(c, call, call->vxi ? &call->vxi->core : NULL, me,
			    VXF_STATE_ADMIN);
}

/**
 * sys_vserver - The Linux-VServer system call
 *
 * @cmd: Command word, see VC_CMD() in <linux/vserver/switch.h>.
 * @id: Target of the command: a context id, pid or descriptor.
 * @data: Command-specific structure in user memory, or NULL.
 *
 * Return: a non-negative, command-specific result, or:
 *
 * - %ENOSYS: @cmd is not a command this kernel implements;
 * - %EPERM: the caller lacks the privilege the command needs, or is in a
 *   guest and the command is for the host (or for the setup phase);
 * - %ESRCH: @id names no context the caller can see;
 * - %EACCES: the target context may not be administrated from the host;
 * - %EFAULT: @data is not readable or writable as the command needs;
 * - any errno of the command itself (see vserver.rst).
 */
SYSCALL_DEFINE3(vserver, u32, cmd, u32, id, void __user *, data)
{
	struct vserver_call call = { .cmd = cmd, .id = id, .data = data };
	const struct vserver_command *c;
	long ret;

	c = find_command(cmd);
	if (!c) {
		pr_debug_ratelimited("unimplemented VCMD_%02d_%d[%d]\n",
				     VC_CATEGORY(cmd), VC_COMMAND(cmd),
				     VC_VERSION(cmd));
		return -ENOSYS;
	}
	ret = prepare_call(c, &call);
	if (!ret)
		ret = c->handler(&call);
	vx_put(call.vxi);
	nx_put(call.nxi);
	return ret;
}

static int cmp_command(const void *a, const void *b)
{
	const u32 x = ((const struct vserver_command *)a)->cmd;
	const u32 y = ((const struct vserver_command *)b)->cmd;

	return x < y ? -1 : x > y;
}

static int __init sort_command_table(void)
{
	size_t i;

	build_check_abi();
	sort(vserver_commands, ARRAY_SIZE(vserver_commands),
	     sizeof(vserver_commands[0]), cmp_command, NULL);
	for (i = 1; i < ARRAY_SIZE(vserver_commands); i++)
		if (WARN_ON(vserver_commands[i - 1].cmd ==
			    vserver_commands[i].cmd))
			return -EINVAL;
	return 0;
}
core_initcall(sort_command_table);

#if IS_ENABLED(CONFIG_VSERVER_KUNIT_TEST)
#include "syscall_kunit.c"
#endif
