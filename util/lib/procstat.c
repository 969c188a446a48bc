// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the fields of /proc/<pid>/stat that vserver-stat adds up
 *
 * "pid (comm) state ppid ..." (proc(5)); comm may hold blanks and ')', so
 * the fields are counted from the last ')'.  Numbers 14-17 are utime,
 * stime, cutime, cstime; 22 starttime, 23 vsize, 24 rss.
 */

#include <errno.h>
#include <string.h>

#include "internal.h"
#include "vserver.h"

/* Fields counted from 1 like proc(5); the first after ')' is 3 (state). */
#define FIELD_UTIME	14
#define FIELD_RSS	24

/* Reads an unsigned decimal; cutime and cstime are signed in the kernel. */
static const char *read_num(const char *p, uint64_t *value)
{
	uint64_t v = 0;
	bool neg = false;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9') {
		if (v > (UINT64_MAX - 9) / 10)
			return NULL;
		v = v * 10 + (uint64_t)(*p++ - '0');
	}
	*value = neg ? 0 : v;
	return p;
}

int vc_proc_stat_parse(const char *line, struct vc_proc_stat *st)
{
	uint64_t fields[FIELD_RSS + 1] = { 0 };
	const char *p = strrchr(line, ')');
	int field;

	if (!p || !strchr(line, '('))
		goto bad;
	p++;
	for (field = 3; field <= FIELD_RSS; field++) {
		if (*p != ' ')
			goto bad;
		p++;
		if (field == 3) {
			/* The state: one letter. */
			if (!*p || *p == ' ')
				goto bad;
			p++;
			continue;
		}
		p = read_num(p, &fields[field]);
		if (!p)
			goto bad;
	}
	if (*p && *p != ' ' && *p != '\n')
		goto bad;
	st->utime = fields[FIELD_UTIME];
	st->stime = fields[FIELD_UTIME + 1];
	st->cutime = fields[FIELD_UTIME + 2];
	st->cstime = fields[FIELD_UTIME + 3];
	st->starttime = fields[22];
	st->vsize = fields[23];
	st->rss = fields[FIELD_RSS];
	return 0;
bad:
	errno = EINVAL;
	return -1;
}
