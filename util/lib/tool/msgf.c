// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * msgf - the tools' messages with a printf format (common.h)
 *
 * Apart from common.c so that only the tools that format numbers into
 * their messages (the vserver front end) link the C library's
 * formatting; the others stay small.
 */

#include <stdarg.h>
#include <stdio.h>

#include "common.h"

void write_fmtv(int fd, const char *prefix, const char *fmt, va_list ap)
{
	char buf[2048];
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	write_strs(fd, prefix, buf, "\n", (char *)NULL);
}

/* "<tool>: " */
static void warn_fmtv(const char *fmt, va_list ap)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "%s: ", tool_name);
	write_fmtv(STDERR_FILENO, prefix, fmt, ap);
}

void warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_fmtv(fmt, ap);
	va_end(ap);
}

noreturn void dief(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	warn_fmtv(fmt, ap);
	va_end(ap);
	exit(status);
}
