// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tap - a minimal TAP producer for the host unit tests
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "tap.h"
#include "vserver.h"

#define DESC_SIZE	256

static unsigned int tests, failed;

static void join(char *buf, va_list ap)
{
	const char *s;

	buf[0] = '\0';
	while ((s = va_arg(ap, const char *)))
		strncat(buf, s, DESC_SIZE - 1 - strlen(buf));
}

static void result(bool pass, const char *desc, const char *directive)
{
	char num[VC_FMT_BUFSZ];

	tests++;
	failed += !pass;
	out(pass ? "ok " : "not ok ", vc_fmt_uint(num, tests, 10, 0), " - ",
	    desc, directive, "\n");
}

static char *fmt_int(long long value, char *buf)
{
	if (value >= 0)
		return vc_fmt_uint(buf, (uint64_t)value, 10, 0);
	buf[0] = '-';
	vc_fmt_uint(buf + 1, -(uint64_t)value, 10, 0);
	return buf;
}

bool tap_ok(bool pass, ...)
{
	char desc[DESC_SIZE];
	va_list ap;

	va_start(ap, pass);
	join(desc, ap);
	va_end(ap);
	result(pass, desc, "");
	return pass;
}

bool tap_is_str(const char *got, const char *want, ...)
{
	bool pass = got && want ? !strcmp(got, want) : got == want;
	char desc[DESC_SIZE];
	va_list ap;

	va_start(ap, want);
	join(desc, ap);
	va_end(ap);
	result(pass, desc, "");
	if (!pass)
		out("#   got: '", got ? got : "(null)", "'\n",
		    "#  want: '", want ? want : "(null)", "'\n");
	return pass;
}

bool tap_is_int(long long got, long long want, ...)
{
	char desc[DESC_SIZE], a[VC_FMT_BUFSZ + 1], b[VC_FMT_BUFSZ + 1];
	bool pass = got == want;
	va_list ap;

	va_start(ap, want);
	join(desc, ap);
	va_end(ap);
	result(pass, desc, "");
	if (!pass)
		out("#   got: ", fmt_int(got, a), "\n",
		    "#  want: ", fmt_int(want, b), "\n");
	return pass;
}

void tap_skip(const char *reason, ...)
{
	char desc[DESC_SIZE], directive[DESC_SIZE] = " # SKIP ";
	va_list ap;

	va_start(ap, reason);
	join(desc, ap);
	va_end(ap);
	strncat(directive, reason, DESC_SIZE - 1 - strlen(directive));
	result(true, desc, directive);
}

int tap_done(void)
{
	char num[VC_FMT_BUFSZ];

	out("1..", vc_fmt_uint(num, tests, 10, 0), "\n");
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
