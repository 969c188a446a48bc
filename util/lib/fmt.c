// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - number formatting without stdio
 *
 * dietlibc's printf family costs several kilobytes per static binary and
 * warns at link time; tools format numbers with this instead, and
 * vserver-stat its memory sizes and times.
 */

#include <errno.h>
#include <string.h>

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

/* Appends @value with at least @width digits; returns the new end. */
static char *put_num(char *p, uint64_t value, unsigned int width)
{
	char num[VC_FMT_BUFSZ];
	const char *s = vc_fmt_uint(num, value, 10, width);

	while (*s)
		*p++ = *s++;
	return p;
}

char *vc_fmt_mem(char *buf, uint64_t bytes)
{
	static const char suffixes[] = "KMGTP";
	uint64_t value = bytes;
	unsigned int step = 0, tenth = 0;
	char *p;

	while (value >= 1000 && step < sizeof(suffixes) - 1) {
		tenth = (unsigned int)((value % 1024) * 10 / 1024);
		value /= 1024;
		step++;
	}
	if (value > 9999)
		value = 9999;
	if (value >= 1000)
		tenth = 0;
	p = put_num(buf, value, 0);
	if (tenth) {
		*p++ = '.';
		*p++ = (char)('0' + tenth);
	}
	if (step)
		*p++ = suffixes[step - 1];
	*p = '\0';
	return buf;
}

char *vc_fmt_time(char *buf, uint64_t msec)
{
	const uint64_t secs = msec / 1000, cs = msec % 1000 / 10;
	const uint64_t ss = secs % 60, mm = secs / 60 % 60;
	const uint64_t hh = secs / 3600 % 24, days = secs / 86400;
	char *p = buf;

	if (days > 999999) {
		memcpy(buf, "INVALID", sizeof("INVALID"));
		return buf;
	}
	if (days > 999) {
		p = put_num(p, days / 365, 0);
		*p++ = 'y';
		p = put_num(p, days % 365, 3);
		*p++ = 'd';
		p = put_num(p, hh, 2);
	} else if (days) {
		p = put_num(p, days, 0);
		*p++ = 'd';
		p = put_num(p, hh, 2);
		*p++ = 'h';
		p = put_num(p, mm, 2);
	} else if (hh) {
		p = put_num(p, hh, 0);
		*p++ = 'h';
		p = put_num(p, mm, 2);
		*p++ = 'm';
		p = put_num(p, ss, 2);
	} else {
		p = put_num(p, mm, 0);
		*p++ = 'm';
		p = put_num(p, ss, 2);
		*p++ = 's';
		p = put_num(p, cs, 2);
	}
	*p = '\0';
	return buf;
}
