// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the Linux capabilities, for the bounding set
 *
 * The bounding set of a context (bcaps) has bit n for capability n.  The
 * names are the kernel's without "CAP_" (which may still be given), in
 * upper case as util-vserver prints them; reading ignores case.  The
 * numbers come from <linux/capability.h>; the library needs no libcap.
 */

#include <linux/capability.h>

#include "internal.h"
#include "vserver.h"

#define CAP(name)	NAME(#name, BIT64(CAP_ ## name))

static const struct vc_name bcap_names[] = {
	CAP(CHOWN),
	CAP(DAC_OVERRIDE),
	CAP(DAC_READ_SEARCH),
	CAP(FOWNER),
	CAP(FSETID),
	CAP(KILL),
	CAP(SETGID),
	CAP(SETUID),
	CAP(SETPCAP),
	CAP(LINUX_IMMUTABLE),
	CAP(NET_BIND_SERVICE),
	CAP(NET_BROADCAST),
	CAP(NET_ADMIN),
	CAP(NET_RAW),
	CAP(IPC_LOCK),
	CAP(IPC_OWNER),
	CAP(SYS_MODULE),
	CAP(SYS_RAWIO),
	CAP(SYS_CHROOT),
	CAP(SYS_PTRACE),
	CAP(SYS_PACCT),
	CAP(SYS_ADMIN),
	CAP(SYS_BOOT),
	CAP(SYS_NICE),
	CAP(SYS_RESOURCE),
	CAP(SYS_TIME),
	CAP(SYS_TTY_CONFIG),
	CAP(MKNOD),
	CAP(LEASE),
	CAP(AUDIT_WRITE),
	CAP(AUDIT_CONTROL),
	CAP(SETFCAP),
	CAP(MAC_OVERRIDE),
	CAP(MAC_ADMIN),
	CAP(SYSLOG),
	CAP(WAKE_ALARM),
	CAP(BLOCK_SUSPEND),
	CAP(AUDIT_READ),
	CAP(PERFMON),
	CAP(BPF),
	CAP(CHECKPOINT_RESTORE),
};

_Static_assert(ARRAY_SIZE(bcap_names) == CAP_LAST_CAP + 1,
	       "every capability of <linux/capability.h> needs a name");

const struct vc_name_table vc_bcap_names = {
	.prefix = "CAP_",
	.names = bcap_names,
	.count = ARRAY_SIZE(bcap_names),
	.all = BIT64(CAP_LAST_CAP + 1) - 1,
};
