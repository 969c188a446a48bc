// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of the network context capabilities (ncaps)
 *
 * util-vserver's names (lib/ncaps-net.c: tun_create, raw_icmp) and the
 * vs2.3 multicast, with the bit values of <linux/vserver/network.h>.
 */

#include "internal.h"
#include "vserver.h"

static const struct vc_name ncap_names[] = {
	NAME("tun_create", NXC_TUN_CREATE),
	NAME("raw_icmp", NXC_RAW_ICMP),
	NAME("multicast", NXC_MULTICAST),
};

const struct vc_name_table vc_ncap_names = {
	.prefix = "NXC_",
	.names = ncap_names,
	.count = ARRAY_SIZE(ncap_names),
	.all = NXC_TUN_CREATE | NXC_RAW_ICMP | NXC_MULTICAST,
};
