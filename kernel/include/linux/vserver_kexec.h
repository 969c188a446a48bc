/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - kexec from a guest
 *
 * kexec_load(2) and kexec_file_load(2) stage or remove the kernel the
 * machine boots next (or on a crash): never a guest's business, even
 * with CAP_SYS_BOOT, which a guest keeps for reboot(2).
 */

#ifndef _LINUX_VSERVER_KEXEC_H
#define _LINUX_VSERVER_KEXEC_H

#include <linux/types.h>

#ifdef CONFIG_VSERVER

bool vserver_kexec_permitted(void);

#else /* !CONFIG_VSERVER */

static inline bool vserver_kexec_permitted(void)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_KEXEC_H */
