// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The vserver(2) system call and its command dispatcher
 *
 * Every command is one entry of vserver_commands[]: its command word, the
 * privilege it needs and its handler.  The dispatcher looks the command
 * word up, checks the privilege, and calls the handler; command words
 * not in the table fail with -ENOSYS, as in the vs2.3 ABI.
 */

#include "common.h"

#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/syscalls.h>
#include <uapi/linux/vserver/switch.h>

#include "info.h"

/**
 * struct vserver_call - One invocation of vserver(2)
 *
 * @cmd: The command word, as passed by user space.
 * @id: The second argument: a context id, a pid or a descriptor,
 *      depending on the command.
 * @data: The third argument: the command's user-space structure, or
 *        NULL for commands without data.
 *
 * Lives on the stack of the calling task for the duration of the call.
 */
struct vserver_call {
	u32 cmd;
	u32 id;
	void __user *data;
};

/*
 * Privilege levels of a command (the "perm" column of the vs2.3 tables):
 * 0 needs nothing, anything from VCP_ADMIN up needs CAP_SYS_ADMIN in the
 * initial user namespace.
 */
#define VCP_NONE	0
#define VCP_ADMIN	2

/**
 * struct vserver_command - One entry of the command table
 *
 * @cmd: The command word (VCMD_*).
 * @perm: The privilege needed: %VCP_NONE or %VCP_ADMIN and above.
 * @handler: Carries the command out; returns a non-negative result or
 *           a negative errno.
 *
 * The table is constant and sorted by @cmd.
 */
struct vserver_command {
	u32 cmd;
	u8 perm;
	long (*handler)(const struct vserver_call *call);
};

static long vc_get_version(const struct vserver_call *call)
{
	return VCI_VERSION;
}

static long vc_get_vci(const struct vserver_call *call)
{
	return vserver_vci();
}

static const struct vserver_command vserver_commands[] = {
	{ VCMD_get_version,	VCP_NONE,	vc_get_version },
	{ VCMD_get_vci,		VCP_NONE,	vc_get_vci },
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

static bool permitted(const struct vserver_command *const c)
{
	if (c->perm >= VCP_ADMIN && !capable(CAP_SYS_ADMIN))
		return false;
	return true;
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
 * - %EPERM: the caller lacks the privilege the command needs;
 * - any errno of the command itself (see vserver.rst).
 */
SYSCALL_DEFINE3(vserver, u32, cmd, u32, id, void __user *, data)
{
	const struct vserver_call call = { .cmd = cmd, .id = id, .data = data };
	const struct vserver_command *c;

	c = find_command(cmd);
	if (!c) {
		pr_debug_ratelimited("unimplemented VCMD_%02d_%d[%d]\n",
				     VC_CATEGORY(cmd), VC_COMMAND(cmd),
				     VC_VERSION(cmd));
		return -ENOSYS;
	}
	if (!permitted(c))
		return -EPERM;
	return c->handler(&call);
}

static int __init check_command_table(void)
{
	size_t i;

	for (i = 1; i < ARRAY_SIZE(vserver_commands); i++)
		if (WARN_ON(vserver_commands[i - 1].cmd >=
			    vserver_commands[i].cmd))
			return -EINVAL;
	return 0;
}
late_initcall(check_command_table);
