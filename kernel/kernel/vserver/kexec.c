// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - kexec from a guest
 *
 * A guest keeps CAP_SYS_BOOT (reboot(2) ends the guest, see reboot.c),
 * which is also the capability of kexec_load(2) and kexec_file_load(2).
 * Those stage, replace or unload the machine's next kernel and its crash
 * (kdump) kernel: kernel/kexec_core.c's kexec_load_permitted(), which
 * both calls go through for loads and unloads of either kind, asks
 * vserver_kexec_permitted() after its capability check.
 */

#include "common.h"

#include <linux/vserver_kexec.h>

#include "task.h"

/**
 * vserver_kexec_permitted - Whether the caller may load or unload a kexec
 * or crash kernel
 *
 * Return: true for a host task; false for a guest's task and the
 * spectator's, whatever their capabilities.
 */
bool vserver_kexec_permitted(void)
{
	return current_xid() == 0;
}
EXPORT_SYMBOL_GPL(vserver_kexec_permitted);
