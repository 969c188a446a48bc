// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * psfilter - where vps puts its CONTEXT column into the output of ps
 *
 * util-vserver's vps inserts a 20-character column after the PID column
 * and finds each line's pid by the header's column (util-vserver.md
 * §4.4).  Here the pid is taken as the same blank-separated field as
 * "PID" in the header, which also holds when a wide pid shifts the
 * columns (the fields before PID, USER or UID, have no blanks in ps
 * output), and the column goes where the widest pid ends, so that it
 * lines up under its heading whether ps aligns "PID" with its numbers
 * (procps) or not (busybox).
 */

#include <string.h>

#include "psfilter.h"
#include "vserver.h"

#define XID_WIDTH	5

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Finds field @n of @line: its start and end offsets. */
static bool find_field(const char *line, size_t len, size_t n, size_t *start,
		       size_t *end)
{
	size_t i = 0, field = 0;

	for (;;) {
		while (i < len && is_blank(line[i]))
			i++;
		if (i == len)
			return false;
		*start = i;
		while (i < len && !is_blank(line[i]))
			i++;
		*end = i;
		if (field++ == n)
			return true;
	}
}

bool ps_parse_header(const char *line, size_t len, struct ps_layout *layout)
{
	size_t n, start, end;

	for (n = 0; find_field(line, len, n, &start, &end); n++) {
		if (end - start == 3 && !memcmp(line + start, "PID", 3)) {
			layout->pid_field = n;
			layout->pid_end = end;
			return true;
		}
	}
	return false;
}

bool ps_parse_row(const char *line, size_t len,
		  const struct ps_layout *layout, pid_t *pid, size_t *end)
{
	size_t start, i;
	long value = 0;

	if (!find_field(line, len, layout->pid_field, &start, end))
		return false;
	for (i = start; i < *end; i++) {
		if (line[i] < '0' || line[i] > '9' || value > 99999999)
			return false;
		value = value * 10 + (line[i] - '0');
	}
	*pid = (pid_t)value;
	return true;
}

size_t ps_insert_at(const char *line, size_t len, size_t column,
		    size_t end)
{
	size_t i;

	if (end >= column)
		return end < len ? end + 1 : len;
	if (column >= len)
		return len;
	for (i = end; i < column; i++)
		if (!is_blank(line[i]))
			break;
	if (i == column)
		return column;
	return end < len ? end + 1 : len;
}

char *ps_context_column(char *buf, long xid, const char *name)
{
	char num[VC_FMT_BUFSZ];
	const char *id = xid < 0 ? "ERR" : vc_fmt_uint(num, (uint64_t)xid,
						      10, 0);
	size_t len = 0, n = strlen(id);

	while (len + n < XID_WIDTH)
		buf[len++] = ' ';
	memcpy(buf + len, id, n);
	len += n;
	buf[len++] = ' ';
	if (name) {
		n = strlen(name);
		memcpy(buf + len, name, n);
		len += n;
	}
	if (len < PS_CONTEXT_WIDTH) {
		while (len < PS_CONTEXT_WIDTH)
			buf[len++] = ' ';
	} else {
		buf[len++] = ' ';
	}
	buf[len] = '\0';
	return buf;
}
