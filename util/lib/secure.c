// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the "secure" defaults of a guest
 *
 * util-vserver's vattribute --secure keeps the capabilities a usual
 * guest needs and drops those that reach the machine (modules, raw I/O,
 * the clock, mknod, network administration).  DESIGN.md makes the same
 * set the default of a new context: CHOWN ... SETFCAP as in util-vserver's
 * getinsecurebcaps.c, plus SYS_BOOT (reboot(2) only ends the guest) and
 * AUDIT_WRITE, and the context capability SET_UTSNAME.
 */

#include <linux/capability.h>

#include "internal.h"
#include "vserver.h"

uint64_t vc_secure_bcaps(void)
{
	return BIT64(CAP_CHOWN) | BIT64(CAP_DAC_OVERRIDE) |
	       BIT64(CAP_DAC_READ_SEARCH) | BIT64(CAP_FOWNER) |
	       BIT64(CAP_FSETID) | BIT64(CAP_KILL) | BIT64(CAP_SETGID) |
	       BIT64(CAP_SETUID) | BIT64(CAP_NET_BIND_SERVICE) |
	       BIT64(CAP_SYS_CHROOT) | BIT64(CAP_SYS_PTRACE) |
	       BIT64(CAP_SYS_TTY_CONFIG) | BIT64(CAP_LEASE) |
	       BIT64(CAP_SETFCAP) | BIT64(CAP_SYS_BOOT) |
	       BIT64(CAP_AUDIT_WRITE);
}

uint64_t vc_secure_ccaps(void)
{
	return VXC_SET_UTSNAME;
}
