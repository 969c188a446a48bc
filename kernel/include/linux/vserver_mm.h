/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - the address-space hooks
 *
 * The hooks of fork, mmap, mlock and mmap_lock.h's writers.  mmap_lock.h
 * is included by most of the kernel, so they live here, apart from
 * linux/vserver.h: a change to the other hooks then rebuilds what uses
 * them, not the whole tree.
 */

#ifndef _LINUX_VSERVER_MM_H
#define _LINUX_VSERVER_MM_H

#include <linux/types.h>

struct mm_struct;

#ifdef CONFIG_VSERVER

void vserver_mm_init(struct mm_struct *mm);
void vserver_mm_sync(struct mm_struct *mm);
void vserver_mm_exit(struct mm_struct *mm);
bool vserver_mm_may_expand(struct mm_struct *mm, unsigned long total);
bool vserver_mm_may_fork(struct mm_struct *mm);
bool vserver_mm_may_lock(struct mm_struct *mm, unsigned long locked);

#else /* !CONFIG_VSERVER */

static inline void vserver_mm_sync(struct mm_struct *mm)
{
}

static inline void vserver_mm_init(struct mm_struct *mm)
{
}

static inline void vserver_mm_exit(struct mm_struct *mm)
{
}

static inline bool vserver_mm_may_expand(struct mm_struct *mm,
					 unsigned long total)
{
	return true;
}

static inline bool vserver_mm_may_fork(struct mm_struct *mm)
{
	return true;
}

static inline bool vserver_mm_may_lock(struct mm_struct *mm,
				       unsigned long locked)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_MM_H */
