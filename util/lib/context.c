// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - creating and entering contexts, signals, waiting for the end
 */

#include "vserver.h"

int vc_ctx_create(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_create data = { .flagword = flags };

	return (int)vc_syscall(VCMD_ctx_create, xid, &data);
}

int vc_ctx_migrate(uint32_t xid, uint64_t flags)
{
	struct vcmd_ctx_migrate data = { .flagword = flags };

	return (int)vc_syscall(VCMD_ctx_migrate, xid, &data);
}

int vc_ctx_kill(uint32_t xid, int32_t pid, int32_t sig)
{
	struct vcmd_ctx_kill_v0 data = { .pid = pid, .sig = sig };

	return (int)vc_syscall(VCMD_ctx_kill, xid, &data);
}

int vc_wait_exit(uint32_t xid, struct vc_wait_exit *res)
{
	struct vcmd_wait_exit_v0 data = { .reboot_cmd = 0, .exit_code = 0 };

	if (vc_syscall(VCMD_wait_exit, xid, &data) == -1)
		return -1;
	res->reboot_cmd = data.reboot_cmd;
	res->exit_code = data.exit_code;
	return 0;
}
