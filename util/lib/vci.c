// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names in the kernel configuration word (VCMD_get_vci)
 */

#include "internal.h"
#include "vserver.h"

static const char *const bit_names[32] = {
	[VCI_KCBIT_NO_DYNAMIC] = "NO_DYNAMIC",
	[VCI_KCBIT_PROC_SECURE] = "PROC_SECURE",
	[VCI_KCBIT_HARDCPU] = "HARDCPU",
	[VCI_KCBIT_IDLELIMIT] = "IDLELIMIT",
	[VCI_KCBIT_IDLETIME] = "IDLETIME",
	[VCI_KCBIT_COWBL] = "COWBL",
	[VCI_KCBIT_FULLCOWBL] = "FULLCOWBL",
	[VCI_KCBIT_SPACES] = "SPACES",
	[VCI_KCBIT_NETV2] = "NETV2",
	[VCI_KCBIT_MEMCG] = "MEMCG",
	[VCI_KCBIT_MEMCG_SWAP] = "MEMCG_SWAP",
	[VCI_KCBIT_DEBUG] = "DEBUG",
	[VCI_KCBIT_HISTORY] = "HISTORY",
	[VCI_KCBIT_PPTAG] = "PPTAG",
	[VCI_KCBIT_MORE] = "MORE",
};

/* Values of the 3-bit tagging field; 6 has no name. */
static const char *const tagging_names[8] = {
	[0] = "NONE",
	[1] = "UID16",
	[2] = "GID16",
	[3] = "ID24",
	[4] = "INTERN",
	[5] = "RUNTIME",
	[7] = "UNKNOWN",
};

const char *vc_vci_bit_name(unsigned int bit)
{
	if (bit >= ARRAY_SIZE(bit_names))
		return NULL;
	return bit_names[bit];
}

unsigned int vc_vci_tagging(uint32_t vci)
{
	return (vci & VC_VCI_TAGGING_MASK) >> VC_VCI_TAGGING_SHIFT;
}

const char *vc_vci_tagging_name(unsigned int tagging)
{
	if (tagging >= ARRAY_SIZE(tagging_names))
		return NULL;
	return tagging_names[tagging];
}
