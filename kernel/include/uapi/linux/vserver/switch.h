/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - The vserver(2) command word and the version commands
 *
 * This header is the only place the vserver ABI is defined.  It follows
 * the Linux-VServer vs2.3 ABI so that existing clients (util-vserver)
 * work unmodified with the commands this kernel implements.
 */

#ifndef _UAPI_LINUX_VSERVER_SWITCH_H
#define _UAPI_LINUX_VSERVER_SWITCH_H

#include <linux/types.h>

/**
 * DOC: command word
 *
 * The first argument of ``vserver(cmd, id, data)`` is a command word::
 *
 *   bits 31..30  zero
 *   bits 29..24  category  (VC_CAT_*)
 *   bits 23..16  command number within the category
 *   bits 15..12  zero
 *   bits 11..0   version of the command's data layout
 *
 * Every (category, number, version) triple is a command of its own; a
 * triple this kernel does not implement fails with ``-ENOSYS``.
 */
#define VC_CMD(c, i, v)							\
	((((VC_CAT_ ## c) & 0x3F) << 24) | (((i) & 0xFF) << 16) |	\
	 ((v) & 0xFFF))

/** VC_CATEGORY - the category of command word @c */
#define VC_CATEGORY(c)		(((c) >> 24) & 0x3F)
/** VC_COMMAND - the command number of command word @c */
#define VC_COMMAND(c)		(((c) >> 16) & 0xFF)
/** VC_VERSION - the data layout version of command word @c */
#define VC_VERSION(c)		((c) & 0xFFF)

/* clang-format off */
#define VC_CAT_VERSION		0	/* system: version and config */
#define VC_CAT_VSETUP		1	/* system: legacy setup */
#define VC_CAT_VHOST		2	/* system: host identity (uts) */
#define VC_CAT_DEVICE		6	/* system: device mapping */
#define VC_CAT_VPROC		9	/* process: create context */
#define VC_CAT_PROCALT		10	/* process: spaces */
#define VC_CAT_PROCMIG		11	/* process: migrate */
#define VC_CAT_PROCTRL		12	/* process: signals */
#define VC_CAT_SCHED		14	/* process: scheduler */
#define VC_CAT_MEMCTRL		20	/* memory: OOM bias */
#define VC_CAT_VNET		25	/* network: create */
#define VC_CAT_NETALT		26	/* network: addresses */
#define VC_CAT_NETMIG		27	/* network: migrate */
#define VC_CAT_NETCTRL		28	/* network: control */
#define VC_CAT_TAGMIG		35	/* vfs: tag migrate */
#define VC_CAT_DLIMIT		36	/* vfs: disk limits */
#define VC_CAT_INODE		38	/* vfs: inode attributes */
#define VC_CAT_VSTAT		40	/* other: statistics */
#define VC_CAT_VINFO		46	/* other: info queries */
#define VC_CAT_EVENT		48	/* special: events */
#define VC_CAT_FLAGS		52	/* special: flags, caps, masks */
#define VC_CAT_VSPACE		54	/* special: space masks */
#define VC_CAT_DEBUG		56	/* special: debug */
#define VC_CAT_RLIMIT		60	/* special: resource limits */
#define VC_CAT_SYSTEST		61	/* special: syscall test */
#define VC_CAT_COMPAT		63	/* legacy compatibility */
/* clang-format on */

/**
 * DOC: version commands
 *
 * ``VCMD_get_version`` (0/0/0): returns the API version as the syscall
 * result: high 16 bits major, low 16 bits minor and patch (0x00020309 is
 * API 2.3.9).  @id and @data are ignored.  Needs no privilege.
 *
 * ``VCMD_get_vci`` (0/1/0): returns the kernel configuration word, a set
 * of ``VCI_KCBIT_*`` bits telling which optional features this kernel has.
 * @id and @data are ignored.  Needs no privilege.
 *
 * Possible returned errors: none; a kernel without vserver support fails
 * the system call itself with ``-ENOSYS``.
 */
#define VCMD_get_version	VC_CMD(VERSION, 0, 0)
#define VCMD_get_vci		VC_CMD(VERSION, 1, 0)

/**
 * DOC: VCI config bits
 *
 * Bits of the ``VCMD_get_vci`` word (``VCI_KCBIT_*`` are bit numbers):
 *
 * - %VCI_KCBIT_NO_DYNAMIC: dynamic context ids (49152..65535) are not
 *   supported.
 * - %VCI_KCBIT_PROC_SECURE: /proc entries are hidden from guests by default.
 * - %VCI_KCBIT_SPACES: contexts store and enter namespaces ("spaces").
 * - %VCI_KCBIT_NETV2: network contexts with the v2 address commands.
 * - %VCI_KCBIT_MEMCG: memory limits are enforced.
 * - %VCI_KCBIT_DEBUG: the kernel was built with vserver debugging.
 *
 * - %VCI_KCBIT_TAGGED: three bits, how files are tagged: %VCI_TAGGED_INTERN
 *   (4) is the tag kept in the inode, here the project id.
 * - %VCI_KCBIT_PPTAG: a task has its own tag (``tag_migrate``).
 *
 * This kernel sets SPACES, NETV2 and, when built with the memory cgroup,
 * MEMCG; when built with quotas, TAGGED = %VCI_TAGGED_INTERN and PPTAG.
 * It leaves NO_DYNAMIC clear (dynamic ids work) and every other bit
 * clear.
 */
#define VCI_KCBIT_NO_DYNAMIC	0
#define VCI_KCBIT_PROC_SECURE	4
#define VCI_KCBIT_HARDCPU	5
#define VCI_KCBIT_IDLELIMIT	6
#define VCI_KCBIT_IDLETIME	7
#define VCI_KCBIT_COWBL		8
#define VCI_KCBIT_FULLCOWBL	9
#define VCI_KCBIT_SPACES	10
#define VCI_KCBIT_NETV2		11
#define VCI_KCBIT_MEMCG		12
#define VCI_KCBIT_MEMCG_SWAP	13
#define VCI_KCBIT_DEBUG		16
#define VCI_KCBIT_HISTORY	20
#define VCI_KCBIT_TAGGED	24
#define VCI_KCBIT_PPTAG		28
#define VCI_TAGGED_INTERN	4
#define VCI_KCBIT_MORE		31

#endif /* _UAPI_LINUX_VSERVER_SWITCH_H */
