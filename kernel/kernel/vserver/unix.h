/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - UNIX sockets: abstract names and peers per context
 */

#ifndef _KERNEL_VSERVER_UNIX_H
#define _KERNEL_VSERVER_UNIX_H

void vserver_add_unix_hooks(void);

#endif /* _KERNEL_VSERVER_UNIX_H */
