/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * psfilter - where vps puts its CONTEXT column into the output of ps
 */

#ifndef _VSERVER_UTIL_PSFILTER_H
#define _VSERVER_UTIL_PSFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Width of the CONTEXT column, its separating blank included. */
#define PS_CONTEXT_WIDTH	20

/**
 * struct ps_layout - what the header line of ps says
 * @pid_field: index of the PID column among the blank-separated fields
 * @pid_end: column just after "PID" in the header
 */
struct ps_layout {
	size_t pid_field;
	size_t pid_end;
};

/**
 * ps_parse_header - find the PID column in the header line of ps
 * @line: the header, without its newline
 * @len: its length
 * @layout: receives the layout
 *
 * "PID" must be a field of its own ("PPID", "PIDNS" do not count).
 *
 * Return: true if the header has a PID column.
 */
bool ps_parse_header(const char *line, size_t len, struct ps_layout *layout);

/**
 * ps_parse_row - find the pid of a line of ps output
 * @line: the line, without its newline
 * @len: its length
 * @layout: the layout of the header
 * @pid: receives the pid
 * @end: receives the offset just after the pid
 *
 * Return: true if the PID field of the line is a number.
 */
bool ps_parse_row(const char *line, size_t len,
		  const struct ps_layout *layout, pid_t *pid, size_t *end);

/**
 * ps_insert_at - where the CONTEXT column goes in one line
 * @line: the line, without its newline
 * @len: its length
 * @column: the column the pid column of every line ends before: one
 *          after the largest end of "PID" or of a pid
 * @end: the end of this line's "PID" or pid
 *
 * At @column when the blank before it belongs to the PID column (ps
 * right-aligns pids, and busybox's header "PID" is left-aligned above
 * them), else just after this line's pid and its blank.
 *
 * Return: the offset, at most @len.
 */
size_t ps_insert_at(const char *line, size_t len, size_t column,
		    size_t end);

/**
 * ps_context_column - the CONTEXT column of one process
 * @buf: receives the column, NUL-terminated; at least
 *       %PS_CONTEXT_WIDTH + 65 bytes
 * @xid: the process's context, or -1 if it could not be found ("ERR")
 * @name: the context's name, or NULL
 *
 * The id right-aligned in 5 characters, a blank, the name, padded with
 * blanks to %PS_CONTEXT_WIDTH; a longer name is followed by one blank.
 *
 * Return: @buf.
 */
char *ps_context_column(char *buf, long xid, const char *name);

#endif /* _VSERVER_UTIL_PSFILTER_H */
