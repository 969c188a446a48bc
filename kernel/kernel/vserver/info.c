// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - API version and kernel configuration word
 *
 * The configuration word tells user space which optional features this
 * kernel was built with, one VCI_KCBIT_* bit each.  A bit is set only
 * when the feature is implemented and built in.
 */

#include <linux/bits.h>
#include <linux/kconfig.h>
#include <uapi/linux/vserver/switch.h>

#include "info.h"

/**
 * vserver_vci - Build the VCMD_get_vci configuration word
 *
 * Return: the set of VCI_KCBIT_* bits describing this kernel.
 */
u32 vserver_vci(void)
{
	/*
	 * Set: spaces (set/enter_space), the v2 network contexts (the
	 * net_add/rem_ipv4 v1/v2 and IPv6 commands) and memory limits
	 * enforced through the memory cgroup.  Clear: NO_DYNAMIC (dynamic
	 * ids 49152..65535 are supported), PROC_SECURE (/proc entries are
	 * not hidden by an iattr default), the vs2.2 scheduler bits, COWBL
	 * and FULLCOWBL (no copy-on-write unification), DEBUG, HISTORY.
	 * With quotas built, TAGGED is INTERN (the tag is the project id
	 * kept in the inode) and PPTAG is set (tag_migrate sets a task's
	 * own tag).
	 */
	u32 vci = BIT(VCI_KCBIT_SPACES) | BIT(VCI_KCBIT_NETV2);

	if (IS_ENABLED(CONFIG_MEMCG))
		vci |= BIT(VCI_KCBIT_MEMCG);
	if (IS_ENABLED(CONFIG_QUOTA))
		vci |= (VCI_TAGGED_INTERN << VCI_KCBIT_TAGGED) |
		       BIT(VCI_KCBIT_PPTAG);
	return vci;
}
