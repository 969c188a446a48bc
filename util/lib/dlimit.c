// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - disk limits (the project quota of a tag on a file system)
 * and a task's tag: add/rem/set/get_dlimit, task_tag, tag_migrate
 */

#include <string.h>

#include "internal.h"
#include "vserver.h"

static int dlimit_base(uint32_t cmd, const char *path, uint32_t tag,
		       uint32_t flags)
{
	struct vcmd_ctx_dlimit_base_v0 data;

	memset(&data, 0, sizeof(data));
	data.name = (uintptr_t)path;
	data.flags = flags;
	return (int)vc_syscall(cmd, tag, &data);
}

int vc_add_dlimit(const char *path, uint32_t tag, uint32_t flags)
{
	return dlimit_base(VCMD_add_dlimit, path, tag, flags);
}

int vc_rem_dlimit(const char *path, uint32_t tag, uint32_t flags)
{
	return dlimit_base(VCMD_rem_dlimit, path, tag, flags);
}

int vc_set_dlimit(const char *path, uint32_t tag, uint32_t flags,
		  const struct vc_ctx_dlimit *lim)
{
	struct vcmd_ctx_dlimit_v0 data;

	memset(&data, 0, sizeof(data));
	data.name = (uintptr_t)path;
	data.space_used = lim->space_used;
	data.space_total = lim->space_total;
	data.inodes_used = lim->inodes_used;
	data.inodes_total = lim->inodes_total;
	data.reserved = lim->reserved;
	data.flags = flags;
	return (int)vc_syscall(VCMD_set_dlimit, tag, &data);
}

int vc_get_dlimit(const char *path, uint32_t tag, uint32_t flags,
		  struct vc_ctx_dlimit *lim)
{
	struct vcmd_ctx_dlimit_v0 data;

	memset(&data, 0, sizeof(data));
	data.name = (uintptr_t)path;
	data.flags = flags;
	if (vc_syscall(VCMD_get_dlimit, tag, &data) == -1)
		return -1;
	lim->space_used = data.space_used;
	lim->space_total = data.space_total;
	lim->inodes_used = data.inodes_used;
	lim->inodes_total = data.inodes_total;
	lim->reserved = data.reserved;
	return 0;
}

long vc_get_task_tag(pid_t pid)
{
	return vc_syscall(VCMD_task_tag, (uint32_t)pid, NULL);
}

int vc_tag_migrate(uint32_t tag)
{
	return (int)vc_syscall(VCMD_tag_migrate, tag, NULL);
}
