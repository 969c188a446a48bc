// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - classes of context ids, and context ids on command lines
 */

#include <errno.h>
#include <string.h>

#include "internal.h"
#include "vserver.h"

/* util-vserver's names, as printed by "vserver-info <xid> XIDTYPE". */
static const char *const type_names[] = {
	[VC_XID_TYPE_INVALID] = "invalid",
	[VC_XID_TYPE_HOST] = "main",
	[VC_XID_TYPE_SPECTATOR] = "watch",
	[VC_XID_TYPE_STATIC] = "static",
	[VC_XID_TYPE_DYNAMIC] = "dynamic",
};

_Static_assert(ARRAY_SIZE(type_names) == VC_XID_TYPE_NR,
	       "every enum vc_xid_type needs a name");

enum vc_xid_type vc_xid_type(uint32_t xid)
{
	if (xid == VC_XID_HOST)
		return VC_XID_TYPE_HOST;
	if (xid == VC_XID_SPECTATOR)
		return VC_XID_TYPE_SPECTATOR;
	if (xid < VC_XID_DYNAMIC_MIN)
		return VC_XID_TYPE_STATIC;
	if (xid <= VC_XID_MAX)
		return VC_XID_TYPE_DYNAMIC;
	return VC_XID_TYPE_INVALID;
}

const char *vc_xid_type_name(enum vc_xid_type type)
{
	if ((unsigned int)type >= ARRAY_SIZE(type_names))
		return NULL;
	return type_names[type];
}

int vc_parse_xid(const char *str, uint32_t *xid)
{
	uint32_t value = 0;
	const char *p;

	if (!strcmp(str, "self")) {
		*xid = VC_XID_SELF;
		return 0;
	}
	if (!*str)
		goto invalid;
	for (p = str; *p; p++) {
		if (*p < '0' || *p > '9')
			goto invalid;
		/* Keep counting past the maximum, without overflowing. */
		if (value <= VC_XID_MAX)
			value = value * 10 + (uint32_t)(*p - '0');
	}
	if (value > VC_XID_MAX) {
		errno = ERANGE;
		return -1;
	}
	*xid = value;
	return 0;
invalid:
	errno = EINVAL;
	return -1;
}
