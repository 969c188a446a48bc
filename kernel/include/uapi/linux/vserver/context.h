/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Context ids, context flags (cflags) and context caps (ccaps)
 */

#ifndef _UAPI_LINUX_VSERVER_CONTEXT_H
#define _UAPI_LINUX_VSERVER_CONTEXT_H

#include <linux/types.h>

/**
 * DOC: context ids
 *
 * - 0: the host; tasks that were never put in a context.  It sees and acts
 *   on every task.
 * - 1: the spectator; entered only with ``ctx_migrate(1)``, has no context
 *   structure, sees every task and acts on none.
 * - 2..65535: guests; 49152..65535 is the range ``ctx_create(-1)`` picks a
 *   free id from.
 * - ``(__u32)-1`` as the @id of a command: the caller's own context.
 */
#define VX_ADMIN_ID		0
#define VX_WATCH_ID		1
#define VX_MIN_ID		2
#define VX_MIN_DYNAMIC_ID	49152
#define VX_MAX_ID		65535
#define VX_DYNAMIC_ID		((__u32)-1)
#define VX_SELF_ID		((__u32)-1)

/**
 * DOC: context flags
 *
 * The cflags word of a context (``get_cflags``/``set_cflags``).  Bits 32..34
 * are one-time state flags: once cleared they can never be set again.
 *
 * - %VXF_INFO_PRIVATE: the context cannot be entered (``ctx_migrate``,
 *   ``enter_space`` fail with ``EACCES``) unless it is in STATE_SETUP.
 * - %VXF_INFO_INIT: show the guest's init as pid 1.
 * - %VXF_VIRT_UPTIME, %VXF_VIRT_LOAD, %VXF_VIRT_MEM: virtualise uptime and
 *   process start times, the load average, and meminfo for the guest.
 * - %VXF_HIDE_VINFO: omit the ``VxID:``/``NxID:`` lines of the guest's
 *   tasks in /proc/<pid>/status.
 * - %VXF_STATE_SETUP: the context is being set up; SETUP commands may be
 *   used from inside, and the bounding set is applied when it is cleared.
 * - %VXF_STATE_INIT: clearing it from inside makes the caller the guest's
 *   init and reaper.
 * - %VXF_STATE_ADMIN: the host may administrate the context.
 * - %VXF_SC_HELPER: run the vshelper on start-up and shut-down.
 * - %VXF_REBOOT_KILL: reboot(2) in the guest also kills its tasks.
 * - %VXF_PERSISTENT: keep the context while it has no tasks.
 */
#define VXF_INFO_SCHED		0x00000002ULL
#define VXF_INFO_NPROC		0x00000004ULL
#define VXF_INFO_PRIVATE	0x00000008ULL
#define VXF_INFO_INIT		0x00000010ULL
#define VXF_INFO_HIDE		0x00000020ULL
#define VXF_INFO_ULIMIT		0x00000040ULL
#define VXF_INFO_NSPACE		0x00000080ULL
#define VXF_SCHED_HARD		0x00000100ULL
#define VXF_SCHED_PRIO		0x00000200ULL
#define VXF_SCHED_PAUSE		0x00000400ULL
#define VXF_VIRT_MEM		0x00010000ULL
#define VXF_VIRT_UPTIME		0x00020000ULL
#define VXF_VIRT_CPU		0x00040000ULL
#define VXF_VIRT_LOAD		0x00080000ULL
#define VXF_VIRT_TIME		0x00100000ULL
#define VXF_HIDE_MOUNT		0x01000000ULL
#define VXF_HIDE_VINFO		0x04000000ULL
#define VXF_STATE_SETUP		(1ULL << 32)
#define VXF_STATE_INIT		(1ULL << 33)
#define VXF_STATE_ADMIN		(1ULL << 34)
#define VXF_SC_HELPER		(1ULL << 36)
#define VXF_REBOOT_KILL		(1ULL << 37)
#define VXF_PERSISTENT		(1ULL << 38)
#define VXF_FORK_RSS		(1ULL << 48)
#define VXF_PROLIFIC		(1ULL << 49)
#define VXF_IGNEG_NICE		(1ULL << 52)

#define VXF_ONE_TIME		(VXF_STATE_SETUP | VXF_STATE_INIT | VXF_STATE_ADMIN)
#define VXF_INIT_SET		(VXF_STATE_SETUP | VXF_STATE_INIT | VXF_STATE_ADMIN)

/**
 * DOC: context caps
 *
 * Context capabilities (ccaps) let a guest do specific things its bounding
 * set alone would not allow.
 *
 * - %VXC_SET_UTSNAME: set the guest's own host and domain name.
 * - %VXC_SET_RLIMIT: raise resource limits.
 * - %VXC_SECURE_MOUNT: mount without CAP_SYS_ADMIN the safe kinds (tmpfs,
 *   proc, devpts, mqueue, read-only sysfs, cgroup2 of its own cgroup
 *   namespace), bind its own directories, tighten mounts (vserver.rst).
 */
#define VXC_SET_UTSNAME		0x00000001ULL
#define VXC_SET_RLIMIT		0x00000002ULL
#define VXC_FS_SECURITY		0x00000004ULL
#define VXC_FS_TRUSTED		0x00000008ULL
#define VXC_TIOCSTI		0x00000010ULL
#define VXC_SYSLOG		0x00001000ULL
#define VXC_OOM_ADJUST		0x00002000ULL
#define VXC_AUDIT_CONTROL	0x00004000ULL
#define VXC_SECURE_MOUNT	0x00010000ULL
#define VXC_SECURE_REMOUNT	0x00020000ULL
#define VXC_BINARY_MOUNT	0x00040000ULL
#define VXC_QUOTA_CTL		0x00100000ULL
#define VXC_ADMIN_MAPPER	0x00200000ULL
#define VXC_ADMIN_CLOOP		0x00400000ULL

/* ctx_migrate flags. */
#define VXM_SET_INIT		0x00000001
#define VXM_SET_REAPER		0x00000002

#endif /* _UAPI_LINUX_VSERVER_CONTEXT_H */
