/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The keys of a guest
 */

#ifndef _KERNEL_VSERVER_KEYS_H
#define _KERNEL_VSERVER_KEYS_H

#ifdef CONFIG_KEYS
void vserver_add_key_hooks(void);
#else
static inline void vserver_add_key_hooks(void)
{
}
#endif

#endif /* _KERNEL_VSERVER_KEYS_H */
