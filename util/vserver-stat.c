// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver-stat(8) - one line of numbers per running context, from
 * /proc/virtual and the processes' /proc/<pid>/stat, through vserver(2)
 * ctx_migrate (to the spectator), task_xid and get_vhi_name
 *
 *   CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME
 *   0       12  10.5M   2.1M   0m00s41   0m01s02   2m13s50 root server
 *   42       2   1.2M   512K   0m00s00   0m00s01   0m05s12 web
 *
 * The tool becomes the spectator (context 1), which sees every process,
 * then counts each process (but itself) in the context task_xid names:
 * processes, virtual size, resident size, user and system time
 * (with those of reaped children), and the age of the oldest process.
 * Every context of /proc/virtual gets a line, the host (0) always, the
 * spectator only when it has processes.  The layout is util-vserver's
 * (util-vserver.md §4.4).
 *
 * Exit status: 0; 1 on errors and bad usage.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

#define NAME_WIDTH	20

struct row {
	uint32_t xid;
	bool listed;		/* in /proc/virtual */
	unsigned int procs;
	uint64_t vsize, rss_pages;
	uint64_t utime, stime;	/* clock ticks */
	uint64_t oldest;	/* start time of the oldest process, ticks */
};

static struct row *rows;
static size_t nrows, rows_cap;

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [options]\n",
	    "\n",
	    "Show the running contexts: CTX the context id (0 the host, 1\n",
	    "the spectator), PROC its processes, VSZ and RSS their virtual\n",
	    "and resident memory, userTIME and sysTIME their CPU time,\n",
	    "UPTIME the age of the oldest, NAME the context's name.\n",
	    "\n",
	    "Options:\n",
	    " -O, --sort <key>   accepted and ignored, as by util-vserver\n",
	    " -h, --help         display this help and exit\n",
	    " -V, --version      display version and exit\n",
	    "\n",
	    "See vserver-stat(8).\n");
	exit(EXIT_SUCCESS);
}

static struct row *find_row(uint32_t xid, bool add)
{
	size_t i;

	for (i = 0; i < nrows; i++)
		if (rows[i].xid == xid)
			return &rows[i];
	if (!add)
		return NULL;
	if (nrows == rows_cap) {
		size_t cap = rows_cap ? 2 * rows_cap : 64;
		struct row *r = realloc(rows, cap * sizeof(*r));

		if (!r)
			die(EXIT_FAILURE, "out of memory");
		rows = r;
		rows_cap = cap;
	}
	memset(&rows[nrows], 0, sizeof(rows[nrows]));
	rows[nrows].xid = xid;
	rows[nrows].oldest = UINT64_MAX;
	return &rows[nrows++];
}

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->xid < y->xid ? -1 : x->xid > y->xid;
}

/* Reads a small /proc file whole; returns its length or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t n, len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((size_t)len < size - 1) {
		n = read(fd, buf + len, size - 1 - (size_t)len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

static bool is_number(const char *s)
{
	uint64_t v;

	return parse_uint(s, UINT32_MAX, &v);
}

static void list_contexts(void)
{
	DIR *dir = opendir("/proc/virtual");
	struct dirent *d;
	uint64_t xid;

	if (!dir)
		die_err(EXIT_FAILURE, errno, "cannot read /proc/virtual");
	while ((d = readdir(dir)))
		if (parse_uint(d->d_name, VC_XID_MAX, &xid))
			find_row((uint32_t)xid, true)->listed = true;
	closedir(dir);
}

static void count_process(const char *pid_str, pid_t self)
{
	char path[64], buf[2048];
	struct vc_proc_stat st;
	struct row *row;
	uint64_t pid;
	int xid;

	if (!parse_uint(pid_str, INT32_MAX, &pid) || (pid_t)pid == self)
		return;
	xid = vc_task_xid((pid_t)pid);
	if (xid < 0) {
		if (errno != ESRCH)
			die_err(EXIT_FAILURE, errno, "cannot find the context ",
				"of pid ", pid_str);
		return;		/* gone meanwhile */
	}
	strcpy(path, "/proc/");
	strcat(path, pid_str);
	strcat(path, "/stat");
	if (read_file(path, buf, sizeof(buf)) <= 0 ||
	    vc_proc_stat_parse(buf, &st))
		return;		/* gone meanwhile */
	row = find_row((uint32_t)xid, true);
	row->procs++;
	row->vsize += st.vsize;
	row->rss_pages += st.rss;
	row->utime += st.utime + st.cutime;
	row->stime += st.stime + st.cstime;
	if (st.starttime < row->oldest)
		row->oldest = st.starttime;
}

static void count_processes(void)
{
	DIR *dir = opendir("/proc");
	pid_t self = getpid();
	struct dirent *d;

	if (!dir)
		die_err(EXIT_FAILURE, errno, "cannot read /proc");
	while ((d = readdir(dir)))
		if (is_number(d->d_name))
			count_process(d->d_name, self);
	closedir(dir);
}

/* /proc/uptime in milliseconds ("12345.67 ..."). */
static uint64_t uptime_ms(void)
{
	uint64_t secs = 0, frac = 0, scale = 1000;
	char buf[128], *p = buf;

	if (read_file("/proc/uptime", buf, sizeof(buf)) <= 0)
		die_err(EXIT_FAILURE, errno, "cannot read /proc/uptime");
	while (*p >= '0' && *p <= '9')
		secs = secs * 10 + (uint64_t)(*p++ - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && scale > 1; p++) {
			scale /= 10;
			frac += (uint64_t)(*p - '0') * scale;
		}
	return secs * 1000 + frac;
}

/* Writes @s right-aligned so that it ends at column @end of @line. */
static void put_right(char *line, size_t *len, size_t end, const char *s)
{
	size_t n = strlen(s);

	while (*len + n < end)
		line[(*len)++] = ' ';
	if (*len && line[*len - 1] != ' ')
		line[(*len)++] = ' ';
	memcpy(line + *len, s, n);
	*len += n;
}

static void name_of(const struct row *r, char *buf, size_t size)
{
	if (r->xid == VC_XID_HOST)
		strcpy(buf, "root server");
	else if (r->xid == VC_XID_SPECTATOR)
		strcpy(buf, "monitoring server");
	else if (vc_ctx_name(r->xid, buf, size))
		buf[0] = '\0';
	buf[size > NAME_WIDTH ? NAME_WIDTH : size - 1] = '\0';
}

static void print_row(const struct row *r, uint64_t now, uint64_t hz,
		      uint64_t page)
{
	char line[256], num[VC_FMT_BUFSZ], s[VC_FMT_SHORTSZ];
	char name[VC_VHI_NAME_MAX + 1];
	uint64_t age = 0;
	size_t len = 0;

	if (r->procs && r->oldest * 1000 / hz < now) {
		age = now - r->oldest * 1000 / hz;
	} else if (!r->procs) {
		struct vc_virt_stat vs;

		if (!vc_virt_stat(r->xid, &vs))
			age = vs.uptime / 1000000;
	}
	put_right(line, &len, 0, vc_fmt_uint(num, r->xid, 10, 0));
	put_right(line, &len, 10, vc_fmt_uint(num, r->procs, 10, 0));
	put_right(line, &len, 17, vc_fmt_mem(s, r->vsize));
	put_right(line, &len, 24, vc_fmt_mem(s, r->rss_pages * page));
	put_right(line, &len, 34, vc_fmt_time(s, r->utime * 1000 / hz));
	put_right(line, &len, 44, vc_fmt_time(s, r->stime * 1000 / hz));
	put_right(line, &len, 54, vc_fmt_time(s, age));
	line[len++] = ' ';
	line[len] = '\0';
	name_of(r, name, sizeof(name));
	out(line, name, "\n");
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "sort", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	long hz = sysconf(_SC_CLK_TCK), page = sysconf(_SC_PAGESIZE);
	uint64_t now;
	size_t i;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+O:hV", longopts,
				      usage, EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case 'O':
			break;
		}
	}
	if (optind < argc)
		usage_error(EXIT_FAILURE, "unexpected argument '", argv[optind],
			    "'");
	if (hz <= 0)
		hz = 100;
	if (page <= 0)
		page = 4096;

	if (vc_ctx_migrate(VC_XID_SPECTATOR, 0) < 0)
		die_err(EXIT_FAILURE, errno, "cannot become the spectator ",
			"(context 1)");
	find_row(VC_XID_HOST, true)->listed = true;
	list_contexts();
	count_processes();
	now = uptime_ms();

	qsort(rows, nrows, sizeof(*rows), cmp_rows);
	out("CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME\n");
	for (i = 0; i < nrows; i++)
		if (rows[i].listed || rows[i].procs)
			print_row(&rows[i], now, (uint64_t)hz,
				  (uint64_t)page);
	return EXIT_SUCCESS;
}
