// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the context name and the uname fields of a guest (vhi)
 */

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "vserver.h"

_Static_assert(sizeof(((struct vcmd_vhi_name_v0 *)0)->name) ==
	       VC_VHI_NAME_MAX + 1, "vhi names are 64 bytes and a NUL");

/* util-vserver's tag names (vuname, uts/ files), by field. */
static const char *const field_names[] = {
	[VHIN_CONTEXT] = "context",
	[VHIN_SYSNAME] = "sysname",
	[VHIN_NODENAME] = "nodename",
	[VHIN_RELEASE] = "release",
	[VHIN_VERSION] = "version",
	[VHIN_MACHINE] = "machine",
	[VHIN_DOMAINNAME] = "domainname",
};

int vc_get_vhi_name(uint32_t xid, enum vhi_name_field field, char *buf,
		    size_t size)
{
	struct vcmd_vhi_name_v0 data;
	size_t len;

	memset(&data, 0, sizeof(data));
	data.field = (uint32_t)field;
	if (vc_syscall(VCMD_get_vhi_name, xid, &data) == -1)
		return -1;
	data.name[VC_VHI_NAME_MAX] = '\0';
	len = strlen(data.name);
	if (len >= size) {
		errno = ERANGE;
		return -1;
	}
	memcpy(buf, data.name, len + 1);
	return 0;
}

int vc_set_vhi_name(uint32_t xid, enum vhi_name_field field,
		    const char *name)
{
	struct vcmd_vhi_name_v0 data;
	size_t len = strlen(name);

	if (len > VC_VHI_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(&data, 0, sizeof(data));
	data.field = (uint32_t)field;
	memcpy(data.name, name, len);
	return (int)vc_syscall(VCMD_set_vhi_name, xid, &data);
}

const char *vc_vhi_field_name(enum vhi_name_field field)
{
	if ((unsigned int)field >= ARRAY_SIZE(field_names))
		return NULL;
	return field_names[field];
}

int vc_vhi_field_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(field_names); i++)
		if (strlen(field_names[i]) == len &&
		    !strncasecmp(field_names[i], name, len))
			return (int)i;
	errno = EINVAL;
	return -1;
}
