/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - the address-space hook of mmap_lock.h
 *
 * mmap_lock.h is included by most of the kernel, so the one vserver
 * declaration it needs lives here, apart from linux/vserver.h: a change
 * to the other hooks then rebuilds what uses them, not the whole tree.
 */

#ifndef _LINUX_VSERVER_MM_H
#define _LINUX_VSERVER_MM_H

struct mm_struct;

#ifdef CONFIG_VSERVER

void vserver_mm_sync(struct mm_struct *mm);

#else /* !CONFIG_VSERVER */

static inline void vserver_mm_sync(struct mm_struct *mm)
{
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_MM_H */
