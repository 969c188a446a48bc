// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the reboot(2) commands a guest may give
 *
 * vc_wait_exit() reports the guest's last reboot(2) command; the names
 * are the actions the vs2.3 vshelper was called with.
 */

#include <linux/reboot.h>

#include "internal.h"
#include "vserver.h"

static const struct {
	uint32_t cmd;
	const char *name;
} commands[] = {
	{ 0, "none" },
	{ LINUX_REBOOT_CMD_RESTART, "restart" },
	{ LINUX_REBOOT_CMD_HALT, "halt" },
	{ LINUX_REBOOT_CMD_POWER_OFF, "poweroff" },
	{ LINUX_REBOOT_CMD_RESTART2, "restart2" },
	{ LINUX_REBOOT_CMD_SW_SUSPEND, "swsusp" },
	{ LINUX_REBOOT_CMD_KEXEC, "kexec" },
	{ LINUX_REBOOT_CMD_CAD_ON, "cad_on" },
	{ LINUX_REBOOT_CMD_CAD_OFF, "cad_off" },
};

const char *vc_reboot_cmd_name(int32_t cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (commands[i].cmd == (uint32_t)cmd)
			return commands[i].name;
	return NULL;
}
