// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - reboot(2) inside a guest
 *
 * A guest's restart, halt or power-off ends the guest: the command is
 * recorded for wait_exit (so that the host's tools restart the guest when
 * asked) and every process of the context is killed.  Nothing of it
 * reaches the machine.  When a vshelper is configured (helper.c), it is
 * started first with the event, as util-vserver's restart-on-reboot
 * expects; while one runs for the guest, another reboot(2) of the guest
 * fails with -EAGAIN, and one that could not start fails with -EPERM.
 */

#include "common.h"

#include <linux/reboot.h>
#include <linux/signal.h>
#include <linux/vserver.h>

#include "context.h"
#include "helper.h"
#include "signal.h"
#include "task.h"

/**
 * vserver_reboot - reboot(2) of a task that may be in a guest
 * @cmd: The LINUX_REBOOT_CMD_* command.
 *
 * Called after the capability and magic checks of reboot(2).
 *
 * Return: 1 for a host task, for which reboot(2) goes on.  For a guest,
 * the result of reboot(2): 0 for the commands that end the guest and for
 * the Ctrl-Alt-Del settings (which change nothing), -EAGAIN or -EPERM
 * from the vshelper (see above), -EPERM for the rest.
 */
int vserver_reboot(unsigned int cmd)
{
	struct vx_info *vxi = current_vx();
	int err;

	if (!vxi)
		return current_xid() == VX_WATCH_ID ? -EPERM : 1;

	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		spin_lock(&vxi->core.lock);
		if (vxi->helper_busy) {
			spin_unlock(&vxi->core.lock);
			return -EAGAIN;
		}
		vxi->helper_busy = true;
		vxi->reboot_cmd = cmd;
		spin_unlock(&vxi->core.lock);
		err = vs_helper_reboot(vxi->core.id, cmd);
		spin_lock(&vxi->core.lock);
		vxi->helper_busy = false;
		spin_unlock(&vxi->core.lock);
		vx_kill_all(vxi, SIGKILL, false);
		return err;
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EPERM;
	}
}
EXPORT_SYMBOL_GPL(vserver_reboot);
