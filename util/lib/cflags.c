// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the context flags (cflags)
 *
 * util-vserver's names (lib/cflags-v13.c; util-vserver.md §3.2), with the
 * bit values of the vs2.3 uapi header.  A few bits exist only in the
 * tools of that era and are named here so that old configuration files
 * still parse: lock, hide_netif (moved to the network context in vs2.3),
 * igneg_ionice.  "all" leaves out the one-time state flags, which are
 * changed only when named.
 */

#include "internal.h"
#include "vserver.h"

#define VXF_INFO_LOCK		BIT64(0)	/* util-vserver only */
#define VXF_HIDE_NETIF		BIT64(25)	/* vs2.2; unused in vs2.3 */
#define VXF_IGNEG_IONICE	BIT64(53)	/* util-vserver only */

static const struct vc_name cflag_names[] = {
	NAME("lock", VXF_INFO_LOCK),
	NAME("info_sched", VXF_INFO_SCHED),
	NAME("nproc", VXF_INFO_NPROC),
	NAME("private", VXF_INFO_PRIVATE),
	NAME("fakeinit", VXF_INFO_INIT),
	NAME("hideinfo", VXF_INFO_HIDE),
	NAME("ulimit", VXF_INFO_ULIMIT),
	NAME("namespace", VXF_INFO_NSPACE),
	NAME("sched_hard", VXF_SCHED_HARD),
	NAME("sched_prio", VXF_SCHED_PRIO),
	NAME("sched_pause", VXF_SCHED_PAUSE),
	NAME("virt_mem", VXF_VIRT_MEM),
	NAME("virt_uptime", VXF_VIRT_UPTIME),
	NAME("virt_cpu", VXF_VIRT_CPU),
	NAME("virt_load", VXF_VIRT_LOAD),
	NAME("virt_time", VXF_VIRT_TIME),
	NAME("hide_mount", VXF_HIDE_MOUNT),
	NAME("hide_netif", VXF_HIDE_NETIF),
	NAME("hide_vinfo", VXF_HIDE_VINFO),
	NAME("state_setup", VXF_STATE_SETUP),
	NAME("state_init", VXF_STATE_INIT),
	NAME("state_admin", VXF_STATE_ADMIN),
	NAME("sc_helper", VXF_SC_HELPER),
	NAME("reboot_kill", VXF_REBOOT_KILL),
	NAME("persistent", VXF_PERSISTENT),
	NAME("fork_rss", VXF_FORK_RSS),
	NAME("prolific", VXF_PROLIFIC),
	NAME("igneg_nice", VXF_IGNEG_NICE),
	NAME("igneg_ionice", VXF_IGNEG_IONICE),

	/* The long forms of the kernel's VXF_INFO_* names. */
	ALIAS("info_lock", VXF_INFO_LOCK),
	ALIAS("info_nproc", VXF_INFO_NPROC),
	ALIAS("info_private", VXF_INFO_PRIVATE),
	ALIAS("info_init", VXF_INFO_INIT),
	ALIAS("info_hide", VXF_INFO_HIDE),
	ALIAS("info_ulimit", VXF_INFO_ULIMIT),
	ALIAS("info_nspace", VXF_INFO_NSPACE),
	ALIAS("info_namespace", VXF_INFO_NSPACE),

	/* Pseudo flags of util-vserver. */
	ALIAS("secure", VXF_HIDE_NETIF),
	ALIAS("default", VXF_VIRT_UPTIME | VXF_SC_HELPER),
};

const struct vc_name_table vc_cflag_names = {
	.prefix = "VXF_",
	.names = cflag_names,
	.count = ARRAY_SIZE(cflag_names),
	.all = (VXF_INFO_LOCK | VXF_INFO_SCHED | VXF_INFO_NPROC |
		VXF_INFO_PRIVATE | VXF_INFO_INIT | VXF_INFO_HIDE |
		VXF_INFO_ULIMIT | VXF_INFO_NSPACE | VXF_SCHED_HARD |
		VXF_SCHED_PRIO | VXF_SCHED_PAUSE | VXF_VIRT_MEM |
		VXF_VIRT_UPTIME | VXF_VIRT_CPU | VXF_VIRT_LOAD | VXF_VIRT_TIME |
		VXF_HIDE_MOUNT | VXF_HIDE_NETIF | VXF_HIDE_VINFO |
		VXF_SC_HELPER | VXF_REBOOT_KILL | VXF_PERSISTENT |
		VXF_FORK_RSS | VXF_PROLIFIC | VXF_IGNEG_NICE |
		VXF_IGNEG_IONICE),
};
