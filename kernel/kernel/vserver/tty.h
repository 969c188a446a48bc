/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Terminals that are not the guest's own
 */

#ifndef _KERNEL_VSERVER_TTY_H
#define _KERNEL_VSERVER_TTY_H

#include <linux/types.h>

struct file;

#ifdef CONFIG_TTY
bool vx_tty_config_denied(void);
bool vx_tty_open_denied(const struct file *file);
void vserver_add_tty_hooks(void);
#else
static inline bool vx_tty_config_denied(void)
{
	return false;
}

static inline bool vx_tty_open_denied(const struct file *file)
{
	return false;
}

static inline void vserver_add_tty_hooks(void)
{
}
#endif

#endif /* _KERNEL_VSERVER_TTY_H */
