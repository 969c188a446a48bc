/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Context commands: lifecycle, information, flags and caps
 */

#ifndef _UAPI_LINUX_VSERVER_CONTEXT_CMD_H
#define _UAPI_LINUX_VSERVER_CONTEXT_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

/*
 * The commands, their privileges and errors are described in
 * Documentation/userspace-api/vserver.rst.
 */

/* Information */
#define VCMD_task_xid		VC_CMD(VINFO, 1, 0)
#define VCMD_vx_info		VC_CMD(VINFO, 5, 0)
#define VCMD_ctx_stat		VC_CMD(VSTAT, 0, 0)
#define VCMD_virt_stat		VC_CMD(VSTAT, 3, 0)

/**
 * struct vcmd_vx_info_v0 - Answer of ``vx_info``
 * @xid: The context id.
 * @initpid: The pid (in the initial pid namespace) of the guest's init,
 *           0 if it has none.
 */
struct vcmd_vx_info_v0 {
	__u32 xid;
	__u32 initpid;
};

/**
 * struct vcmd_ctx_stat_v0 - Answer of ``ctx_stat``
 * @usecnt: References to the context.
 * @tasks: Tasks in the context.
 */
struct vcmd_ctx_stat_v0 {
	__u32 usecnt;
	__u32 tasks;
};

/**
 * struct vcmd_virt_stat_v0 - Answer of ``virt_stat``
 * @offset: Time bias of the context, in nanoseconds.
 * @uptime: Nanoseconds since the context was created.
 * @nr_threads: Tasks in the context.
 * @nr_running: Runnable tasks.
 * @nr_uninterruptible: Tasks in uninterruptible sleep.
 * @nr_onhold: Tasks held by the scheduler (always 0).
 * @nr_forks: Forks since the context was created.
 * @load: Load average over 1, 5 and 15 minutes, fixed point (FSHIFT 11).
 */
struct vcmd_virt_stat_v0 {
	__u64 offset;
	__u64 uptime;
	__u32 nr_threads;
	__u32 nr_running;
	__u32 nr_uninterruptible;
	__u32 nr_onhold;
	__u32 nr_forks;
	__u32 load[3];
};

/* Lifecycle */
#define VCMD_ctx_create_v0	VC_CMD(VPROC, 1, 0)
#define VCMD_ctx_create		VC_CMD(VPROC, 1, 1)
#define VCMD_ctx_migrate_v0	VC_CMD(PROCMIG, 1, 0)
#define VCMD_ctx_migrate	VC_CMD(PROCMIG, 1, 1)
#define VCMD_ctx_kill		VC_CMD(PROCTRL, 1, 0)
#define VCMD_wait_exit		VC_CMD(EVENT, 99, 0)

/**
 * struct vcmd_ctx_create - Argument of ``ctx_create`` (v1)
 * @flagword: Initial cflags of the new context.
 */
struct vcmd_ctx_create {
	__u64 flagword;
};

/**
 * struct vcmd_ctx_migrate - Argument of ``ctx_migrate`` (v1)
 * @flagword: %VXM_SET_INIT and/or %VXM_SET_REAPER.
 */
struct vcmd_ctx_migrate {
	__u64 flagword;
};

/**
 * struct vcmd_ctx_kill_v0 - Argument of ``ctx_kill``
 * @pid: 0: every task of the context; -1: every task but the guest's
 *       init; 1: the guest's init; else the task with this pid.
 * @sig: The signal.
 */
struct vcmd_ctx_kill_v0 {
	__s32 pid;
	__s32 sig;
};

/**
 * struct vcmd_wait_exit_v0 - Answer of ``wait_exit``
 * @reboot_cmd: The last reboot(2) command of the guest, 0 if none.
 * @exit_code: Exit code of the guest's init.
 */
struct vcmd_wait_exit_v0 {
	__s32 reboot_cmd;
	__s32 exit_code;
};

/* Flags and capabilities */
#define VCMD_get_cflags		VC_CMD(FLAGS, 1, 0)
#define VCMD_set_cflags		VC_CMD(FLAGS, 2, 0)
#define VCMD_get_ccaps		VC_CMD(FLAGS, 3, 1)
#define VCMD_set_ccaps		VC_CMD(FLAGS, 4, 1)
#define VCMD_get_bcaps		VC_CMD(FLAGS, 9, 0)
#define VCMD_set_bcaps		VC_CMD(FLAGS, 10, 0)
#define VCMD_get_umask		VC_CMD(FLAGS, 13, 0)
#define VCMD_set_umask		VC_CMD(FLAGS, 14, 0)

/**
 * struct vcmd_ctx_flags_v0 - Argument of ``get_cflags``/``set_cflags``
 * @flagword: The flags (get), or the new values of the bits in @mask (set).
 * @mask: Bits that may be changed (get), or that are to be changed (set).
 */
struct vcmd_ctx_flags_v0 {
	__u64 flagword;
	__u64 mask;
};

/**
 * struct vcmd_ctx_caps_v1 - Argument of ``get_ccaps``/``set_ccaps``
 * @ccaps: The context caps, or the new values of the bits in @cmask.
 * @cmask: Bits that may be / are to be changed.
 */
struct vcmd_ctx_caps_v1 {
	__u64 ccaps;
	__u64 cmask;
};

/**
 * struct vcmd_bcaps - Argument of ``get_bcaps``/``set_bcaps``
 * @bcaps: The bounding set, bit n = capability n, or the new values of
 *         the bits in @bmask.
 * @bmask: Bits that may be / are to be changed.
 */
struct vcmd_bcaps {
	__u64 bcaps;
	__u64 bmask;
};

/**
 * struct vcmd_umask - Argument of ``get_umask``/``set_umask``
 * @umask: CLONE_NEW* bits the guest may unshare, or their new values.
 * @mask: Bits that may be / are to be changed.
 */
struct vcmd_umask {
	__u64 umask;
	__u64 mask;
};

#define VCMD_get_wmask		VC_CMD(FLAGS, 15, 0)
#define VCMD_set_wmask		VC_CMD(FLAGS, 16, 0)

/**
 * struct vcmd_wmask - Argument of ``get_wmask``/``set_wmask``
 * @wmask: The vs2.3 "warn mask", or the new values of the bits in @mask.
 *         Stored and shown in /proc/virtual/<xid>/status; this kernel
 *         logs no denial because of it.
 * @mask: Bits that may be / are to be changed.
 */
struct vcmd_wmask {
	__u64 wmask;
	__u64 mask;
};

/* Memory control */
#define VCMD_get_badness	VC_CMD(MEMCTRL, 5, 0)
#define VCMD_set_badness	VC_CMD(MEMCTRL, 6, 0)

/**
 * struct vcmd_badness_v0 - Argument of ``get_badness``/``set_badness``
 * @bias: The OOM badness bias of the context's tasks.  Stored and shown
 *        ("OOM:" in /proc/virtual/<xid>/info); the OOM killer of this
 *        kernel works on the guest's memory cgroup and does not add it.
 */
struct vcmd_badness_v0 {
	__s64 bias;
};

/* Host identity */
#define VCMD_set_vhi_name	VC_CMD(VHOST, 1, 0)
#define VCMD_get_vhi_name	VC_CMD(VHOST, 2, 0)

/* Fields of struct vcmd_vhi_name_v0. */
enum vhi_name_field {
	VHIN_CONTEXT = 0,
	VHIN_SYSNAME,
	VHIN_NODENAME,
	VHIN_RELEASE,
	VHIN_VERSION,
	VHIN_MACHINE,
	VHIN_DOMAINNAME,
};

/**
 * struct vcmd_vhi_name_v0 - Argument of ``get_vhi_name``/``set_vhi_name``
 * @field: Which name (enum vhi_name_field).
 * @name: The name, NUL-terminated within 65 bytes.
 * @pad: Zero; makes the 72-byte layout of the vs2.3 ABI explicit.
 */
struct vcmd_vhi_name_v0 {
	__u32 field;
	char name[65];
	char pad[3];
};

#endif /* _UAPI_LINUX_VSERVER_CONTEXT_CMD_H */
