// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - number formatting without stdio
 *
 * dietlibc's printf family costs several kilobytes per static binary and
 * warns at link time; tools format numbers with this instead.
 */

#include <errno.h>

#include "vserver.h"

char *vc_fmt_uint(char *buf, uint64_t value, unsigned int base,
		  unsigned int width)
{
	static const char digits[] = "0123456789abcdef";
	char rev[VC_FMT_BUFSZ];
	unsigned int len = 0, i;

	if ((base != 8 && base != 10 && base != 16) || width >= VC_FMT_BUFSZ) {
		errno = EINVAL;
		return NULL;
	}
	do {
		rev[len++] = digits[value % base];
		value /= base;
	} while (value);
	while (len < width)
		rev[len++] = '0';
	for (i = 0; i < len; i++)
		buf[i] = rev[len - 1 - i];
	buf[len] = '\0';
	return buf;
}
