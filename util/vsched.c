// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsched(8) - show or set the CPU scheduler settings of a context through
 * vserver(2) set_sched, get_sched and sched_info
 *
 *   vsched [--xid <xid>] [--fill-rate <n>] [--interval <n>] [--tokens <n>]
 *          [--tokens-min <n>] [--tokens-max <n>] [--prio-bias <n>]
 *          [--fill-rate2 <n>] [--interval2 <n>] [--cpu-id <n>]
 *          [--bucket-id <n>] [--idle-time] [--force]
 *          [--dir <dir> [--missingok]] [--] [<command> [<arg>...]]
 *
 * util-vserver's options and sched/ files.  The kernel maps the token
 * bucket onto the context's cpu cgroup: fill-rate / interval of one CPU
 * is the cap (cpu.max), prio-bias the share (cpu.weight of that nice
 * level); the token counts, the second rate, the cpu and bucket ids are
 * passed through and ignored.  The settings given are set in one call,
 * then the command is executed; given no setting, --dir or command, the
 * settings and CPU times of the context are shown.  The default context is
 * the caller's own, so that the tool works in the chain that builds a
 * guest.  A setting on the command line wins over its --dir file.
 *
 * Exit status (util-vserver's): 0; 255 for errors; 1 for a bad option, a
 * bad value in a --dir file, or a refused change read with --dir; 126/127
 * if the command cannot be run.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255
#define EXIT_DIR	1	/* util-vserver's status for --dir problems */

enum {
	OPT_XID = 0x100,
	OPT_DIR,
	OPT_MISSINGOK,
	OPT_FORCE,
	OPT_IDLE_TIME,
	OPT_CPU_MASK,
	OPT_FIELD = 0x1000,	/* + index into fields[] */
};

/*
 * The settings with a value: option and file name, mask bit, and where
 * the value lives in struct vc_sched.
 */
struct field {
	const char *name;
	uint32_t bit;
	size_t offset;
};

enum {
	F_FILL_RATE, F_INTERVAL, F_FILL_RATE2, F_INTERVAL2, F_TOKENS,
	F_TOKENS_MIN, F_TOKENS_MAX, F_PRIO_BIAS, F_CPU_ID, F_BUCKET_ID, F_NR
};

#define FIELD(i, n, b, f) [i] = { n, b, offsetof(struct vc_sched, f) }

/* In the order vsched shows them. */
static const struct field fields[F_NR] = {
	FIELD(F_FILL_RATE, "fill-rate", VXSM_FILL_RATE, fill_rate),
	FIELD(F_INTERVAL, "interval", VXSM_INTERVAL, interval),
	FIELD(F_FILL_RATE2, "fill-rate2", VXSM_FILL_RATE2, fill_rate2),
	FIELD(F_INTERVAL2, "interval2", VXSM_INTERVAL2, interval2),
	FIELD(F_TOKENS, "tokens", VXSM_TOKENS, tokens),
	FIELD(F_TOKENS_MIN, "tokens-min", VXSM_TOKENS_MIN, tokens_min),
	FIELD(F_TOKENS_MAX, "tokens-max", VXSM_TOKENS_MAX, tokens_max),
	FIELD(F_PRIO_BIAS, "prio-bias", VXSM_PRIO_BIAS, prio_bias),
	FIELD(F_CPU_ID, "cpu-id", VXSM_CPU_ID, cpu_id),
	FIELD(F_BUCKET_ID, "bucket-id", VXSM_BUCKET_ID, bucket_id),
};

static int32_t *value_of(struct vc_sched *s, const struct field *f)
{
	return (int32_t *)((char *)s + f->offset);
}

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--xid <xid>] [<setting>...] [--force] ",
	    "[--dir <dir> [--missingok]]\n",
	    "        [--] [<command> [<arg>...]]\n",
	    "\n",
	    "Set the CPU scheduler settings of a context, then run the\n",
	    "command, if one is given.  Given no setting, --dir or command,\n",
	    "show the settings and CPU times of the context.\n",
	    "\n",
	    "Settings:\n",
	    "     --fill-rate <n>   the CPU cap is <fill-rate>/<interval>\n",
	    "     --interval <n>    of one CPU (1/1 or more: no cap)\n",
	    "     --prio-bias <n>   the CPU share: the weight of nice level\n",
	    "                       <n> (-20..19) against the host's tasks\n",
	    "     --tokens <n>, --tokens-min <n>, --tokens-max <n>,\n",
	    "     --fill-rate2 <n>, --interval2 <n>, --cpu-id <n>,\n",
	    "     --bucket-id <n>, --idle-time\n",
	    "                       util-vserver's token bucket: passed on,\n",
	    "                       ignored by the kernel\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>       the context (default: self, the caller)\n",
	    "     --force           apply the settings at once (passed on)\n",
	    "     --dir <dir>       read settings from the files of these\n",
	    "                       names in <dir> (and priority-bias); the\n",
	    "                       command line wins\n",
	    "     --missingok       a missing <dir> is no error\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "A value is a decimal number, with an optional sign.\n",
	    "Exit status: 1 for a bad option or a problem with --dir, 255\n",
	    "for other errors, 126/127 if the command cannot be run.\n",
	    "\n",
	    "See vsched(8).\n");
	exit(EXIT_SUCCESS);
}

/* A whole decimal number from INT32_MIN to INT32_MAX, with a sign. */
static bool parse_int32(const char *s, int32_t *value)
{
	bool neg = *s == '-';
	uint64_t v;

	if (*s == '-' || *s == '+')
		s++;
	if (!parse_uint(s, neg ? UINT64_C(2147483648) : INT32_MAX, &v))
		return false;
	*value = neg ? (int32_t)(-(int64_t)v) : (int32_t)v;
	return true;
}

/* <dir>/<name> into a buffer of 4096 bytes. */
static void file_path(char *path, const char *dir, const char *name)
{
	if (strlen(dir) + 1 + strlen(name) >= 4096)
		die(EXIT_ERROR, "directory name too long: '", dir, "'");
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
}

/*
 * Reads the value in <dir>/<name>; false if there is no such file (a
 * directory of that name is no file: a per-CPU one).
 */
static bool read_file(const char *dir, const char *name, int32_t *value)
{
	char path[4096], start[128];

	file_path(path, dir, name);
	if (read_value_file(path, start, sizeof(start), EXIT_DIR) != VALUE_READ)
		return false;
	if (!parse_int32(start, value))
		die(EXIT_DIR, "invalid value '", start, "' in '", path, "'");
	return true;
}

/* Whether <dir>/<name> exists and is no directory. */
static bool flag_file(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;

	file_path(path, dir, name);
	if (stat(path, &st)) {
		if (errno == ENOENT)
			return false;
		die_err(EXIT_ERROR, errno, "cannot use '", path, "'");
	}
	return !S_ISDIR(st.st_mode);
}

/*
 * util-vserver's per-CPU settings, the subdirectories of <dir>, are
 * ignored: the kernel has one setting per context and would read them as
 * the context's.
 */
static void warn_subdirs(const char *dir)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		die_err(EXIT_ERROR, errno, "cannot read '", dir, "'");
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		file_path(path, dir, de->d_name);
		if (!stat(path, &st) && S_ISDIR(st.st_mode))
			warnmsg("ignoring '", path, "': per-CPU settings are ",
				"not supported by this kernel");
	}
	closedir(d);
}

/*
 * util-vserver's sched/ directory: a file per setting, named as the
 * option (priority-bias too, which wins over prio-bias), idle-time a flag
 * file; fill-rate2 and interval2 set the idle-time flag, as there.  Fills
 * in what the command line did not give.  Every file is read before
 * anything is set.  Returns false for a missing <dir> with --missingok.
 */
static bool read_dir(const char *dir, bool missingok, struct vc_sched *s)
{
	struct stat st;
	unsigned int i;
	int32_t v;

	if (stat(dir, &st)) {
		if (errno == ENOENT && missingok)
			return false;
		die_err(EXIT_ERROR, errno, "cannot use '", dir, "'");
	}
	if (!S_ISDIR(st.st_mode))
		die_err(EXIT_ERROR, ENOTDIR, "cannot use '", dir, "'");
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct field *f = &fields[i];
		bool found;

		if (s->mask & f->bit)
			continue;
		found = read_file(dir, f->name, &v);
		if (i == F_PRIO_BIAS && read_file(dir, "priority-bias", &v))
			found = true;
		if (!found)
			continue;
		*value_of(s, f) = v;
		s->mask |= f->bit;
		if (f->bit & (VXSM_FILL_RATE2 | VXSM_INTERVAL2))
			s->mask |= VXSM_IDLE_TIME;
	}
	if (flag_file(dir, "idle-time"))
		s->mask |= VXSM_IDLE_TIME;
	warn_subdirs(dir);
	return true;
}

static void set_sched(uint32_t xid, const char *name,
		      const struct vc_sched *s, int status)
{
	int err;

	if (!vc_set_sched(xid, s))
		return;
	err = errno;
	if (err != EBUSY)
		die_err(status, err, "cannot set the scheduler of context ",
			name);
	warnmsg("cannot set the scheduler of context ", name, ": ",
		vc_strerror(err));
	die(status, "context ", name, " has no cgroup of its own; create it ",
	    "with 'vcontext --create --cgroup <dir>'");
}

/* One line: the name in 12 columns, then the value. */
static void show_line(const char *name, bool negative, uint64_t value)
{
	char line[64], num[VC_FMT_BUFSZ];

	strcpy(line, name);
	while (strlen(line) < 12)
		strcat(line, " ");
	if (negative)
		strcat(line, "-");
	strcat(line, vc_fmt_uint(num, value, 10, 0));
	out(line, "\n");
}

static void show_int(const char *name, int32_t value)
{
	show_line(name, value < 0,
		  value < 0 ? (uint64_t)(-(int64_t)value) : (uint64_t)value);
}

/* The settings get_sched reports, then the times of sched_info. */
static void show(uint32_t xid, const char *name)
{
	struct vc_sched s = { .cpu_id = VC_SCHED_ALL_CPUS };
	struct vc_sched_info info = { .cpu_id = VC_SCHED_ALL_CPUS };
	unsigned int i;

	if (vc_get_sched(xid, &s))
		die_err(EXIT_ERROR, errno, "cannot read the scheduler of ",
			"context ", name);
	if (vc_sched_info(xid, &info))
		die_err(EXIT_ERROR, errno, "cannot read the CPU times of ",
			"context ", name);
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (s.mask & fields[i].bit)
			show_int(fields[i].name, *value_of(&s, &fields[i]));
	if (s.mask & VXSM_IDLE_TIME)
		out("idle-time\n");
	show_line("user-msec", false, info.user_msec);
	show_line("sys-msec", false, info.sys_msec);
	show_line("hold-msec", false, info.hold_msec);
	show_line("token-usec", false, info.token_usec);
}

/* A long option that sets a field. */
#define SETTING(name, f) { name, required_argument, NULL, OPT_FIELD + (f) }

/* The command line's settings and options. */
struct opts {
	struct vc_sched s;
	const char *dir;
	bool missingok;
	uint32_t xid;
};

/* One option that sets no field; a bad one exits. */
static void option(struct opts *o, int c)
{
	switch (c) {
	case OPT_XID:
		if (vc_parse_xid(optarg, &o->xid))
			usage_error(EXIT_ERROR, "invalid context id '",
				    optarg, "'");
		break;
	case OPT_IDLE_TIME:
		o->s.mask |= VXSM_IDLE_TIME;
		break;
	case OPT_FORCE:
		o->s.mask |= VXSM_FORCE;
		break;
	case OPT_CPU_MASK:
		warnmsg("the '--cpu_mask' option is deprecated and ",
			"has no effect");
		break;
	case OPT_DIR:
		o->dir = optarg;
		break;
	case OPT_MISSINGOK:
		o->missingok = true;
		break;
	}
}

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, OPT_XID },
		{ "ctx", required_argument, NULL, OPT_XID },
		SETTING("fill-rate", F_FILL_RATE),
		SETTING("interval", F_INTERVAL),
		SETTING("fill-rate2", F_FILL_RATE2),
		SETTING("interval2", F_INTERVAL2),
		SETTING("tokens", F_TOKENS),
		SETTING("tokens-min", F_TOKENS_MIN),
		SETTING("tokens_min", F_TOKENS_MIN),
		SETTING("tokens-max", F_TOKENS_MAX),
		SETTING("tokens_max", F_TOKENS_MAX),
		SETTING("prio-bias", F_PRIO_BIAS),
		SETTING("prio_bias", F_PRIO_BIAS),
		SETTING("priority-bias", F_PRIO_BIAS),
		SETTING("priority_bias", F_PRIO_BIAS),
		SETTING("cpu-id", F_CPU_ID),
		SETTING("bucket-id", F_BUCKET_ID),
		{ "cpu_mask", required_argument, NULL, OPT_CPU_MASK },
		{ "idle-time", no_argument, NULL, OPT_IDLE_TIME },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "missingok", no_argument, NULL, OPT_MISSINGOK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_FAILURE);
		const struct field *f;
		int32_t v;

		if (c == -1)
			break;
		if (c < OPT_FIELD || c >= OPT_FIELD + F_NR) {
			option(o, c);
			continue;
		}
		f = &fields[c - OPT_FIELD];
		if (!parse_int32(optarg, &v))
			usage_error(EXIT_ERROR, "invalid value '", optarg,
				    "' for --", f->name);
		*value_of(&o->s, f) = v;
		o->s.mask |= f->bit;
	}
}

int main(int argc, char *argv[])
{
	struct opts o = { .xid = VC_XID_SELF };
	bool from_dir = false;

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	if (o.dir)
		from_dir = read_dir(o.dir, o.missingok, &o.s);

	if ((o.s.mask & ~(uint32_t)VXSM_FORCE) ||
	    (!o.dir && optind == argc)) {
		char name[VC_FMT_BUFSZ];

		/* "self" is asked for as "self": a guest may only name its
		 * own context. */
		vc_fmt_uint(name, o.xid == VC_XID_SELF ?
			    guest_self_xid(EXIT_ERROR) : o.xid, 10, 0);
		if (o.s.mask & ~(uint32_t)VXSM_FORCE)
			set_sched(o.xid, name, &o.s,
				  from_dir ? EXIT_DIR : EXIT_ERROR);
		else
			show(o.xid, name);
	}
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
