/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The vshelper (see helper.c)
 */

#ifndef _KERNEL_VSERVER_HELPER_H
#define _KERNEL_VSERVER_HELPER_H

#include <linux/types.h>

/**
 * enum vs_helper_event - State changes the vshelper is told about
 * @VS_HELPER_STARTUP: A context was created with VXF_SC_HELPER.
 * @VS_HELPER_SHUTDOWN: A context with VXF_SC_HELPER is gone.
 * @VS_HELPER_NETUP: A network context was created with NXF_SC_HELPER.
 * @VS_HELPER_NETDOWN: A network context with NXF_SC_HELPER is gone.
 *
 * The values are the helper's VS_CMD for these events.
 */
enum vs_helper_event {
	VS_HELPER_STARTUP = 1,
	VS_HELPER_SHUTDOWN = 2,
	VS_HELPER_NETUP = 3,
	VS_HELPER_NETDOWN = 4,
};

int vs_helper_reboot(u32 xid, unsigned int cmd);
int vs_helper_state(enum vs_helper_event event, u32 id);

#endif /* _KERNEL_VSERVER_HELPER_H */
