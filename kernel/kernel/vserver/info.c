// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - API version and kernel configuration word
 *
 * The configuration word tells user space which optional features this
 * kernel was built with, one VCI_KCBIT_* bit each.  A bit is set only
 * when the feature is implemented and built in.
 */

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
	 * Dynamic context ids are supported (NO_DYNAMIC stays clear).  Not
	 * built yet: /proc hidden by default, spaces, network contexts,
	 * memory limits, tagging.  Each feature sets its bit here when it
	 * lands.
	 */
	return 0;
}
