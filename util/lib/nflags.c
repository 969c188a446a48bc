// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the network context flags (nflags)
 *
 * util-vserver's names (lib/nflags-net.c; util-vserver.md §3.2) with the
 * bit values of the vs2.3 uapi header <linux/vserver/network.h>.  "lock"
 * is a bit of util-vserver's alone, named so that old configuration
 * files still parse.  "all" leaves out the one-time state flags, which
 * are changed only when named.
 */

#include "internal.h"
#include "vserver.h"

#define NXF_INFO_LOCK		BIT64(0)	/* util-vserver only */

static const struct vc_name nflag_names[] = {
	NAME("lock", NXF_INFO_LOCK),
	NAME("private", NXF_INFO_PRIVATE),
	NAME("single_ip", NXF_SINGLE_IP),
	NAME("lback_remap", NXF_LBACK_REMAP),
	NAME("lback_allow", NXF_LBACK_ALLOW),
	NAME("hide_netif", NXF_HIDE_NETIF),
	NAME("hide_lback", NXF_HIDE_LBACK),
	NAME("state_setup", NXF_STATE_SETUP),
	NAME("state_admin", NXF_STATE_ADMIN),
	NAME("sc_helper", NXF_SC_HELPER),
	NAME("persistent", NXF_PERSISTENT),

	/* util-vserver's other spellings. */
	ALIAS("remap_lback", NXF_LBACK_REMAP),
	ALIAS("info_lock", NXF_INFO_LOCK),
	ALIAS("info_private", NXF_INFO_PRIVATE),
};

const struct vc_name_table vc_nflag_names = {
	.prefix = "NXF_",
	.names = nflag_names,
	.count = ARRAY_SIZE(nflag_names),
	.all = (NXF_INFO_LOCK | NXF_INFO_PRIVATE | NXF_SINGLE_IP |
		NXF_LBACK_REMAP | NXF_LBACK_ALLOW | NXF_HIDE_NETIF |
		NXF_HIDE_LBACK | NXF_SC_HELPER | NXF_PERSISTENT),
};
