// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - userfaultfd from a guest
 *
 * fs/userfaultfd.c lets a task with CAP_SYS_PTRACE make a userfaultfd
 * that handles kernel faults (without UFFD_USER_MODE_ONLY) whatever
 * vm.unprivileged_userfaultfd says.  A guest's root has CAP_SYS_PTRACE
 * in its default bounding set, for its own processes; for kernel faults
 * it counts as unprivileged: the sysctl decides (0 on Debian: EPERM).
 */

#include "common.h"

#include <linux/vserver_uffd.h>

#include "task.h"

/**
 * vserver_uffd_privileged - Whether the caller's CAP_SYS_PTRACE lets it
 * handle kernel faults with a userfaultfd
 *
 * Return: true for a host task; false for a guest's task and the
 * spectator's.
 */
bool vserver_uffd_privileged(void)
{
	return current_xid() == 0;
}
EXPORT_SYMBOL_GPL(vserver_uffd_privileged);
