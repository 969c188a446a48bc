// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the context capabilities (ccaps)
 *
 * util-vserver's names (lib/ccaps-v13.c; util-vserver.md §3.2) with the
 * bit values of the vs2.3 uapi header, and its deprecated aliases.
 * raw_icmp (moved to the network context in vs2.3), dev_mount, kthread
 * and namespace are bits of the tools of that era that the vs2.3 header
 * does not define; they are named so that old files still parse.
 */

#include "internal.h"
#include "vserver.h"

#define VXC_RAW_ICMP		BIT64(8)	/* vs2.2; an ncap in vs2.3 */
#define VXC_DEV_MOUNT		BIT64(19)	/* util-vserver only */
#define VXC_KTHREAD		BIT64(24)	/* util-vserver only */
#define VXC_NAMESPACE		BIT64(25)	/* util-vserver only */

static const struct vc_name ccap_names[] = {
	NAME("set_utsname", VXC_SET_UTSNAME),
	NAME("set_rlimit", VXC_SET_RLIMIT),
	NAME("fs_security", VXC_FS_SECURITY),
	NAME("fs_trusted", VXC_FS_TRUSTED),
	NAME("tiocsti", VXC_TIOCSTI),
	NAME("raw_icmp", VXC_RAW_ICMP),
	NAME("syslog", VXC_SYSLOG),
	NAME("oom_adjust", VXC_OOM_ADJUST),
	NAME("audit_control", VXC_AUDIT_CONTROL),
	NAME("secure_mount", VXC_SECURE_MOUNT),
	NAME("secure_remount", VXC_SECURE_REMOUNT),
	NAME("binary_mount", VXC_BINARY_MOUNT),
	NAME("dev_mount", VXC_DEV_MOUNT),
	NAME("quota_ctl", VXC_QUOTA_CTL),
	NAME("admin_mapper", VXC_ADMIN_MAPPER),
	NAME("admin_cloop", VXC_ADMIN_CLOOP),
	NAME("kthread", VXC_KTHREAD),
	NAME("namespace", VXC_NAMESPACE),

	/* Deprecated names util-vserver still reads. */
	ALIAS("utsname", VXC_SET_UTSNAME),
	ALIAS("rlimit", VXC_SET_RLIMIT),
	ALIAS("icmp", VXC_RAW_ICMP),
	ALIAS("ping", VXC_RAW_ICMP),
	ALIAS("mount", VXC_SECURE_MOUNT),
	ALIAS("remount", VXC_SECURE_REMOUNT),
};

const struct vc_name_table vc_ccap_names = {
	.prefix = "VXC_",
	.names = ccap_names,
	.count = ARRAY_SIZE(ccap_names),
	.all = (VXC_SET_UTSNAME | VXC_SET_RLIMIT | VXC_FS_SECURITY |
		VXC_FS_TRUSTED | VXC_TIOCSTI | VXC_RAW_ICMP | VXC_SYSLOG |
		VXC_OOM_ADJUST | VXC_AUDIT_CONTROL | VXC_SECURE_MOUNT |
		VXC_SECURE_REMOUNT | VXC_BINARY_MOUNT | VXC_DEV_MOUNT |
		VXC_QUOTA_CTL | VXC_ADMIN_MAPPER | VXC_ADMIN_CLOOP |
		VXC_KTHREAD | VXC_NAMESPACE),
};
