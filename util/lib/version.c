// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - API version and configuration words
 */

#include <string.h>

#include "vserver.h"

int vc_get_version(void)
{
	return (int)vc_syscall(VCMD_get_version, 0, NULL);
}

int vc_get_vci(void)
{
	return (int)vc_syscall(VCMD_get_vci, 0, NULL);
}

static char *append_dec(char *p, unsigned int value)
{
	char num[VC_FMT_BUFSZ];
	size_t len;

	vc_fmt_uint(num, value, 10, 0);
	len = strlen(num);
	memcpy(p, num, len);
	return p + len;
}

/* Longest result: "65535.255.255", 14 bytes with the NUL. */
char *vc_version_str(uint32_t version, char *buf)
{
	char *p = buf;

	p = append_dec(p, version >> 16);
	*p++ = '.';
	p = append_dec(p, (version >> 8) & 0xff);
	*p++ = '.';
	p = append_dec(p, version & 0xff);
	*p = '\0';
	return buf;
}
