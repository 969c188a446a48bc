/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - userfaultfd from a guest
 *
 * A userfaultfd that handles kernel faults can hold the kernel inside
 * copy_from_user() for as long as its owner likes, the classic way to
 * win a kernel race; Linux gives it to CAP_SYS_PTRACE or to everyone
 * (vm.unprivileged_userfaultfd).  A guest keeps CAP_SYS_PTRACE for its
 * own processes: it is not privileged for this.
 */

#ifndef _LINUX_VSERVER_UFFD_H
#define _LINUX_VSERVER_UFFD_H

#include <linux/types.h>

#ifdef CONFIG_VSERVER

bool vserver_uffd_privileged(void);

#else /* !CONFIG_VSERVER */

static inline bool vserver_uffd_privileged(void)
{
	return true;
}

#endif /* CONFIG_VSERVER */

#endif /* _LINUX_VSERVER_UFFD_H */
