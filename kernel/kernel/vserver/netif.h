/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - What a guest sees of the host's interfaces (NXF_HIDE_NETIF)
 */

#ifndef _KERNEL_VSERVER_NETIF_H
#define _KERNEL_VSERVER_NETIF_H

#include <linux/init.h>

struct nx_info;

struct nx_info *vserver_hiding_nx(void);
void __init vserver_add_nlview_hooks(void);

#endif /* _KERNEL_VSERVER_NETIF_H */
