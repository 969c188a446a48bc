// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vps(8) - ps(1) with a context column, through vserver(2) ctx_migrate
 * (to the spectator), task_xid and get_vhi_name
 *
 *   vps [<ps option>...]
 *
 * The tool becomes the spectator (context 1), which sees every process,
 * runs ps with the given options, and inserts a CONTEXT column after the
 * PID column: the context id right-aligned in 5 characters and its name;
 * MAIN for the host, ALL_PROC for the spectator, ERR when the context of
 * a process cannot be found (util-vserver.md §4.4).  Output without a PID
 * column is passed through unchanged.
 *
 * Exit status: that of ps; 254 if vps itself fails (util-vserver's).
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "psfilter.h"
#include "vserver.h"

#define EXIT_ERROR	254

/* The names of the contexts seen so far. */
struct name_cache {
	long xid;
	char name[VC_VHI_NAME_MAX + 1];
};

static struct name_cache *names;
static size_t nnames;

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [<ps option>...]\n",
	    "\n",
	    "Run ps as the spectator, which sees the processes of every\n",
	    "context, with a CONTEXT column after PID: the context id and\n",
	    "its name (MAIN for the host, ALL_PROC for the spectator).\n",
	    "\n",
	    "Options (only as the first argument; all others go to ps):\n",
	    " --help       display this help and exit\n",
	    " --version    display version and exit\n",
	    "\n",
	    "See vps(8).\n");
	exit(EXIT_SUCCESS);
}

static const char *context_name(long xid)
{
	struct name_cache *n;
	size_t i;

	for (i = 0; i < nnames; i++)
		if (names[i].xid == xid)
			return names[i].name;
	n = realloc(names, (nnames + 1) * sizeof(*names));
	if (!n)
		die(EXIT_ERROR, "out of memory");
	names = n;
	n = &names[nnames++];
	n->xid = xid;
	if (xid == VC_XID_HOST)
		strcpy(n->name, "MAIN");
	else if (xid == VC_XID_SPECTATOR)
		strcpy(n->name, "ALL_PROC");
	else if (xid < 0 ||
		 vc_ctx_name((uint32_t)xid, n->name, sizeof(n->name)))
		n->name[0] = '\0';
	return n->name;
}

/* Reads everything ps writes. */
static char *read_all(int fd, size_t *len)
{
	size_t cap = 16384;
	char *buf = malloc(cap + 1);
	ssize_t n;

	*len = 0;
	if (!buf)
		die(EXIT_ERROR, "out of memory");
	for (;;) {
		if (*len == cap) {
			char *b = realloc(buf, 2 * cap + 1);

			if (!b)
				die(EXIT_ERROR, "out of memory");
			buf = b;
			cap *= 2;
		}
		n = read(fd, buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_err(EXIT_ERROR, errno, "cannot read the output of ",
				"ps");
		if (!n)
			break;
		*len += (size_t)n;
	}
	buf[*len] = '\0';
	return buf;
}

/* Writes @line (@len bytes) with @col inserted at @at, and a newline. */
static void put_line(const char *line, size_t len, size_t at, const char *col)
{
	char head[4096];

	while (at > sizeof(head) - 1) {
		/* Only pathological lines; write them in pieces. */
		memcpy(head, line, sizeof(head) - 1);
		head[sizeof(head) - 1] = '\0';
		out(head);
		line += sizeof(head) - 1;
		len -= sizeof(head) - 1;
		at -= sizeof(head) - 1;
	}
	memcpy(head, line, at);
	head[at] = '\0';
	out(head, col);
	while (at < len) {
		size_t n = len - at < sizeof(head) - 1 ? len - at :
							 sizeof(head) - 1;

		memcpy(head, line + at, n);
		head[n] = '\0';
		out(head);
		at += n;
	}
	out("\n");
}

/* Where the pid column ends: one after the widest pid or "PID". */
static size_t pid_column(const char *data, const char *end,
			 const struct ps_layout *layout)
{
	size_t column = layout->pid_end;
	const char *line = memchr(data, '\n', (size_t)(end - data));

	while (line && ++line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		size_t pid_end;
		pid_t pid;

		if (ps_parse_row(line, n, layout, &pid, &pid_end) &&
		    pid_end > column)
			column = pid_end;
		line = nl;
	}
	return column + 1;
}

static void filter(char *data, size_t len)
{
	char col[PS_CONTEXT_WIDTH + VC_VHI_NAME_MAX + 9];
	char *line = data, *end = data + len;
	struct ps_layout layout;
	size_t column = 0;
	bool first = true, have_pid = false;

	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		const char *c = "";
		size_t at = n, pid_end;
		pid_t pid;

		if (first) {
			first = false;
			have_pid = ps_parse_header(line, n, &layout);
			if (have_pid) {
				column = pid_column(data, end, &layout);
				at = ps_insert_at(line, n, column,
						  layout.pid_end);
				strcpy(col, "CONTEXT");
				memset(col + 7, ' ', PS_CONTEXT_WIDTH - 7);
				col[PS_CONTEXT_WIDTH] = '\0';
				c = col;
			}
		} else if (have_pid &&
			   ps_parse_row(line, n, &layout, &pid, &pid_end)) {
			long xid = vc_task_xid(pid);

			at = ps_insert_at(line, n, column, pid_end);
			c = ps_context_column(col, xid, context_name(xid));
		}
		/* A line that ends with its pid: keep a blank before us. */
		if (*c && at == n && n && line[n - 1] != ' ') {
			memmove(col + 1, c, strlen(c) + 1);
			col[0] = ' ';
			c = col;
		}
		put_line(line, n, at, c);
		line += n + 1;
	}
}

int main(int argc, char *argv[])
{
	int fds[2], null;
	size_t len;
	char *data;
	pid_t pid;

	tool_init(argv[0]);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage();
	if (argc > 1 && !strcmp(argv[1], "--version"))
		print_version();

	if (vc_ctx_migrate(VC_XID_SPECTATOR, 0) < 0)
		die_err(EXIT_ERROR, errno, "cannot become the spectator ",
			"(context 1)");
	if (pipe2(fds, O_CLOEXEC))
		die_err(EXIT_ERROR, errno, "cannot make a pipe");
	pid = fork();
	if (pid < 0)
		die_err(EXIT_ERROR, errno, "cannot fork");
	if (!pid) {
		null = open("/dev/null", O_RDONLY);
		if (null < 0 || dup2(null, STDIN_FILENO) < 0 ||
		    dup2(fds[1], STDOUT_FILENO) < 0)
			die_err(EXIT_ERROR, errno, "cannot set up ps");
		argv[0] = "ps";
		exec_command(argv);
	}
	close(fds[1]);
	data = read_all(fds[0], &len);
	close(fds[0]);
	filter(data, len);
	exit_like_child(pid);
}
