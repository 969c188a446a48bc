// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - feature probing
 *
 * Each feature is a range of API versions and a condition on the VCI
 * word, with the thresholds util-vserver's vc_isSupported() uses, so that
 * scripts asking "vserver-info - FEATURE <name>" get the same answers.
 */

#include <strings.h>
#include <errno.h>

#include "internal.h"
#include "vserver.h"

/**
 * struct feature - when a kernel has a feature
 * @name: util-vserver's name
 * @min: lowest API version that has it
 * @below: first API version that no longer has it; 0 for none
 * @vci_set: VCI bits that must be set
 * @vci_clear: VCI bits that must be clear
 * @absent: not part of the vs2.3 ABI at all
 */
struct feature {
	const char *name;
	uint32_t min;
	uint32_t below;
	uint32_t vci_set;
	uint32_t vci_clear;
	bool absent;
};

static const struct feature features[] = {
	[VC_FEATURE_VKILL] = { "VKILL", .min = 0x00010004 },
	[VC_FEATURE_IATTR] = { "IATTR", .min = 0x00010011 },
	[VC_FEATURE_RLIMIT] = { "RLIMIT", .min = 0x00010004 },
	[VC_FEATURE_COMPAT] = { "COMPAT" },
	[VC_FEATURE_MIGRATE] = { "MIGRATE", .min = 0x00010012 },
	[VC_FEATURE_NAMESPACE] = { "NAMESPACE", .min = 0x00010012 },
	[VC_FEATURE_SCHED] = { "SCHED", .min = 0x00020000 },
	[VC_FEATURE_VINFO] = { "VINFO", .min = 0x00010010 },
	[VC_FEATURE_VHI] = { "VHI", .min = 0x00010010 },
	[VC_FEATURE_VSHELPER0] = { "VSHELPER0", .min = 0x00010000,
				   .below = 0x00010010 },
	[VC_FEATURE_VSHELPER] = { "VSHELPER", .min = 0x00010000 },
	[VC_FEATURE_VWAIT] = { "VWAIT", .min = 0x00010025 },
	[VC_FEATURE_VNET] = { "VNET", .min = 0x00020001 },
	[VC_FEATURE_VSTAT] = { "VSTAT", .min = 0x00020103,
			       .below = 0x00020306 },
	[VC_FEATURE_PPTAG] = { "PPTAG", .vci_set = BIT32(VCI_KCBIT_PPTAG) },
	[VC_FEATURE_PIDSPACE] = { "PIDSPACE", .min = 0x00020201 },
	[VC_FEATURE_SPACES] = { "SPACES", .vci_set = BIT32(VCI_KCBIT_SPACES) },
	[VC_FEATURE_PERSISTENT] = { "PERSISTENT", .min = 0x00020002 },
	[VC_FEATURE_PIVOT_ROOT] = { "PIVOT_ROOT", .min = 0x00020304 },
	[VC_FEATURE_MEMCG] = { "MEMCG", .min = 0x00020306,
			       .vci_set = BIT32(VCI_KCBIT_MEMCG) },
	[VC_FEATURE_DYNAMIC] = { "DYNAMIC",
				 .vci_clear = BIT32(VCI_KCBIT_NO_DYNAMIC) },
	[VC_FEATURE_BME] = { "BME", .absent = true },
};

_Static_assert(ARRAY_SIZE(features) == VC_FEATURE_NR,
	       "every enum vc_feature needs an entry in features[]");

static const struct feature *feature_get(enum vc_feature feature)
{
	if ((unsigned int)feature >= ARRAY_SIZE(features))
		return NULL;
	return &features[feature];
}

bool vc_feature_check(enum vc_feature feature, uint32_t version, uint32_t vci)
{
	const struct feature *f = feature_get(feature);

	if (!f || f->absent)
		return false;
	if (version < f->min || (f->below && version >= f->below))
		return false;
	return (vci & f->vci_set) == f->vci_set && !(vci & f->vci_clear);
}

bool vc_is_supported(enum vc_feature feature)
{
	int version = vc_get_version();
	int vci;

	if (version == -1)
		return false;
	vci = vc_get_vci();
	if (vci == -1)
		vci = 0;
	return vc_feature_check(feature, (uint32_t)version, (uint32_t)vci);
}

const char *vc_feature_name(enum vc_feature feature)
{
	const struct feature *f = feature_get(feature);

	return f ? f->name : NULL;
}

int vc_feature_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(features); i++)
		if (!strcasecmp(features[i].name, name))
			return (int)i;
	errno = EINVAL;
	return -1;
}
