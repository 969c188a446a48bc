// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vlimit(8) - show or set the resource limits of a context through
 * vserver(2) get_rlimit_mask, get_rlimit and set_rlimit
 *
 *   vlimit [-c|--xid <xid>] [-nd] [-a|--all]
 *          [[-MSH] --<resource>|--<nr> <value>]...
 *          [--dir <dir> [--missingok]] [--] [<command> [<arg>...]]
 *
 * As util-vserver's vlimit: the limits given are set first (-H, the hard
 * limit, unless -M or -S says otherwise), then -a lists every limit the
 * kernel supports, then the command is executed.  The default context is
 * the caller's own, so that the tool works in the exec chain that builds
 * a guest.  Without a limit, --dir, -a or a command it lists the limits
 * (util-vserver did nothing).
 *
 * Only what get_rlimit_mask reports is used: a limit (or a minimum or soft
 * value) it lacks is an error on the command line and a warning, the file
 * being ignored, in --dir, where old configurations may name limits this
 * kernel does not have.
 *
 * Exit status (util-vserver's): 0; 255 for any error; 126/127 if the
 * command cannot be run.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255

enum {
	OPT_DIR = 0x100,
	OPT_MISSINGOK,
	OPT_LIMIT = 0x1000,	/* + limit id: --<resource> or --<nr> */
};

/* The three values of a limit, in the order -a shows them. */
enum { K_MIN, K_SOFT, K_HARD, K_NR };

static const char *const kind_names[K_NR] = {
	"minimum", "soft limit", "hard limit",
};
static const char *const kind_suffix[K_NR] = { ".min", ".soft", ".hard" };

/* Where a value to set comes from. */
enum source {
	SRC_NONE,
	SRC_CLI,	/* --<resource>, after -M, -S and/or -H */
	SRC_FILE,	/* <dir>/<resource>.min, .soft or .hard */
	SRC_PLAIN,	/* <dir>/<resource>: all three values */
};

/* The values to set of one limit id. */
struct change {
	uint64_t value[K_NR];
	enum source src[K_NR];
	bool plain;		/* <dir>/<resource> was read */
};

static struct change changes[VC_RLIMIT_IDS];

static bool has_change(const struct change *c)
{
	return c->src[K_MIN] || c->src[K_SOFT] || c->src[K_HARD];
}

static bool numeric, decimal;

static noreturn void usage(void)
{
	unsigned int id, col = 10;

	out("Usage:\n",
	    " ", tool_name, " [-c <xid>] [-nd] [-a] [[-MSH] --<resource> ",
	    "<value>]...\n",
	    "        [--dir <dir> [--missingok]] [--] [<command> ",
	    "[<arg>...]]\n",
	    "\n",
	    "Set the given resource limits of a context, list them with -a,\n",
	    "then run the command, if one is given.  Given no limit, --dir\n",
	    "or command, list the limits.\n",
	    "\n",
	    "Options:\n",
	    " -c, --xid <xid>       the context (default: self, the caller)\n",
	    " -a, --all             list every limit this kernel supports:\n",
	    "                       name, minimum, soft and hard limit\n",
	    " -n                    list limits by number, not by name\n",
	    " -d                    list values in decimal, not in hex\n",
	    " -M                    the next limit option sets the minimum\n",
	    " -S                    ... the soft limit\n",
	    " -H                    ... the hard limit (the default)\n",
	    "     --<resource> <value>\n",
	    "                       set a limit of the resource (below)\n",
	    "     --<nr> <value>    set a limit by its number, 0..31\n",
	    "     --dir <dir>       read limits from the files <resource>\n",
	    "                       (all three values) and <resource>.min,\n",
	    "                       .soft, .hard in <dir>; the command line\n",
	    "                       wins\n",
	    "     --missingok       a missing <dir> is no error\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "Resources:");
	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		const char *name = vc_rlimit_name(id);

		if (!name)
			continue;
		if (col + 1 + strlen(name) > 72) {
			out("\n          ");
			col = 10;
		}
		out(" ", name);
		col += 1 + (unsigned int)strlen(name);
	}
	out("\n\n",
	    "A value is a number, decimal or hex (0x), with an optional\n",
	    "suffix k (1000), m (1000000), K (1024) or M (1048576), or inf.\n",
	    "\n",
	    "See vlimit(8).\n");
	exit(EXIT_SUCCESS);
}

/* The name of a limit in messages: "nproc", or its number. */
static const char *label(unsigned int id, char *buf)
{
	const char *name = vc_rlimit_name(id);

	return name ? name : vc_fmt_uint(buf, id, 10, 0);
}

static noreturn void bad_value(int err, const char *value, unsigned int id)
{
	char num[VC_FMT_BUFSZ];

	if (err == ERANGE)
		usage_error(EXIT_ERROR, "value '", value, "' for --",
			    label(id, num), " is out of range");
	usage_error(EXIT_ERROR, "invalid value '", value, "' for --",
		    label(id, num));
}

/* <dir>/<resource><suffix> */
static void file_path(char *path, size_t size, const char *dir,
		      unsigned int id, const char *suffix)
{
	const char *name = vc_rlimit_name(id);

	if (strlen(dir) + 1 + strlen(name) + strlen(suffix) >= size)
		die(EXIT_ERROR, "directory name too long: '", dir, "'");
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
	strcat(path, suffix);
}

/* Reads the value in a file; false if there is no such file. */
static bool read_file(const char *path, uint64_t *value)
{
	char start[128];

	switch (read_value_file(path, start, sizeof(start), EXIT_ERROR)) {
	case VALUE_ABSENT:
		return false;
	case VALUE_DIRECTORY:
		die(EXIT_ERROR, "'", path, "' is a directory, not a file");
	case VALUE_READ:
		break;
	}
	if (vc_parse_limit(start, value)) {
		if (errno == ERANGE)
			die(EXIT_ERROR, "value '", start, "' in '", path,
			    "' is out of range");
		die(EXIT_ERROR, "invalid value '", start, "' in '", path,
		    "'");
	}
	return true;
}

/*
 * util-vserver's rlimits/ directory: <resource> sets all three values,
 * <resource>.min, .soft and .hard one each; a limit given on the command
 * line is not read.  Every file is read before anything is set.
 */
static void read_dir(const char *dir, bool missingok)
{
	char path[4096];
	struct stat st;
	unsigned int id;
	int k;

	if (stat(dir, &st)) {
		if (errno == ENOENT && missingok)
			return;
		die_err(EXIT_ERROR, errno, "cannot use '", dir, "'");
	}
	if (!S_ISDIR(st.st_mode))
		die_err(EXIT_ERROR, ENOTDIR, "cannot use '", dir, "'");
	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		struct change *c = &changes[id];
		uint64_t v;

		if (!vc_rlimit_name(id) || has_change(c))
			continue;
		file_path(path, sizeof(path), dir, id, "");
		c->plain = read_file(path, &v);
		if (c->plain)
			for (k = 0; k < K_NR; k++) {
				c->value[k] = v;
				c->src[k] = SRC_PLAIN;
			}
		for (k = 0; k < K_NR; k++) {
			file_path(path, sizeof(path), dir, id, kind_suffix[k]);
			if (read_file(path, &c->value[k]))
				c->src[k] = SRC_FILE;
		}
	}
}

/*
 * What the kernel does not support, for messages, into a buffer of 64
 * bytes: "limit 'rss'", or "the soft limit of 'nproc'" for a @kind.
 */
static void unsupported(char *buf, unsigned int id, int kind)
{
	char num[VC_FMT_BUFSZ];

	strcpy(buf, kind >= 0 ? "the " : "limit '");
	if (kind >= 0) {
		strcat(buf, kind_names[kind]);
		strcat(buf, " of '");
	}
	strcat(buf, label(id, num));
	strcat(buf, "'");
}

/*
 * Refuses a limit given on the command line that the kernel does not
 * support, or a value of it (minimum, soft or hard) it does not support.
 */
static void check_cli(const struct vc_rlimit_mask *mask)
{
	const uint32_t kind_mask[K_NR] = { mask->min, mask->soft, mask->hard };
	const uint32_t all = mask->min | mask->soft | mask->hard;
	char what[64];
	unsigned int id;
	int k;

	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		const uint32_t bit = UINT32_C(1) << id;

		for (k = 0; k < K_NR; k++) {
			if (changes[id].src[k] != SRC_CLI ||
			    (kind_mask[k] & bit))
				continue;
			unsupported(what, id, (all & bit) ? k : -1);
			die(EXIT_ERROR, what, " is not supported by this ",
			    "kernel");
		}
	}
}

/*
 * Drops what --dir gives and the kernel does not support, with a warning
 * for each file ignored; old configurations may name limits this kernel
 * lacks.  The values of a plain <resource> file it does not support are
 * dropped silently, as long as it supports the limit itself.
 */
static void check_dir(const struct vc_rlimit_mask *mask, const char *dir)
{
	const uint32_t kind_mask[K_NR] = { mask->min, mask->soft, mask->hard };
	const uint32_t all = mask->min | mask->soft | mask->hard;
	char what[64], path[4096];
	unsigned int id;
	int k;

	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		struct change *c = &changes[id];
		const uint32_t bit = UINT32_C(1) << id;

		if (c->plain && !(all & bit)) {
			file_path(path, sizeof(path), dir, id, "");
			unsupported(what, id, -1);
			warnmsg("ignoring '", path, "': ", what, " is not ",
				"supported by this kernel");
		}
		for (k = 0; k < K_NR; k++) {
			if ((c->src[k] != SRC_FILE && c->src[k] != SRC_PLAIN) ||
			    (kind_mask[k] & bit))
				continue;
			if (c->src[k] == SRC_FILE) {
				file_path(path, sizeof(path), dir, id,
					  kind_suffix[k]);
				unsupported(what, id, (all & bit) ? k : -1);
				warnmsg("ignoring '", path, "': ", what,
					" is not supported by this kernel");
			}
			c->src[k] = SRC_NONE;
		}
	}
}

static void set_limits(uint32_t xid, const char *name)
{
	char num[VC_FMT_BUFSZ];
	unsigned int id;

	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		const struct change *c = &changes[id];
		struct vc_rlimit lim = {
			VC_LIM_KEEP, VC_LIM_KEEP, VC_LIM_KEEP
		};

		if (!has_change(c))
			continue;
		if (c->src[K_MIN])
			lim.min = c->value[K_MIN];
		if (c->src[K_SOFT])
			lim.soft = c->value[K_SOFT];
		if (c->src[K_HARD])
			lim.hard = c->value[K_HARD];
		if (vc_set_rlimit(xid, id, &lim))
			die_err(EXIT_ERROR, errno, "cannot set limit '",
				label(id, num), "' of context ", name);
	}
}

/* "  <value>", padded to @width unless it is 0. */
static void append_value(char *line, bool supported, uint64_t value,
			 size_t width)
{
	char num[VC_FMT_BUFSZ];
	size_t len = strlen(line) + 2;

	strcat(line, "  ");
	if (!supported) {
		strcat(line, "N/A");
	} else if (value == VC_LIM_INFINITY) {
		strcat(line, "inf");
	} else {
		if (!decimal)
			strcat(line, "0x");
		strcat(line, vc_fmt_uint(num, value, decimal ? 10 : 16, 0));
	}
	while (strlen(line) < len + width)
		strcat(line, " ");
}

/*
 * util-vserver's layout: the name (upper case) or number in 10 columns,
 * then the minimum, soft and hard limit in 20 columns each, "N/A" for a
 * value the kernel does not support, "inf" for no limit.
 */
static void show_limits(uint32_t xid, const char *name,
			const struct vc_rlimit_mask *mask)
{
	char line[160], num[VC_FMT_BUFSZ];
	unsigned int id;

	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		const uint32_t bit = UINT32_C(1) << id;
		const char *lname = vc_rlimit_name(id);
		struct vc_rlimit lim;
		size_t i;

		if (!((mask->min | mask->soft | mask->hard) & bit))
			continue;
		if (vc_get_rlimit(xid, id, &lim))
			die_err(EXIT_ERROR, errno, "cannot read limit '",
				label(id, num), "' of context ", name);
		if (numeric || !lname)
			lname = vc_fmt_uint(num, id, 10, 0);
		for (i = 0; lname[i] && i < 40; i++)
			line[i] = (char)(lname[i] >= 'a' && lname[i] <= 'z' ?
					 lname[i] - 'a' + 'A' : lname[i]);
		for (; i < 10; i++)
			line[i] = ' ';
		line[i] = '\0';
		append_value(line, mask->min & bit, lim.min, 18);
		append_value(line, mask->soft & bit, lim.soft, 18);
		append_value(line, mask->hard & bit, lim.hard, 0);
		out(line, "\n");
	}
}

/* The options without a letter of their own. */
static const struct option fixed_opts[] = {
	{ "xid", required_argument, NULL, 'c' },
	{ "all", no_argument, NULL, 'a' },
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "missingok", no_argument, NULL, OPT_MISSINGOK },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
};

/* What the command line asks besides the limits (in changes[]). */
struct opts {
	struct option longopts[ARRAY_SIZE(fixed_opts) + 2 * VC_RLIMIT_IDS + 1];
	char numbers[VC_RLIMIT_IDS][4];
	const char *dir;
	bool show, missingok, cli;
	unsigned int pending;	/* -M, -S, -H waiting for their limit */
	uint32_t xid;
};

/*
 * The fixed options, --<resource>, --<nr> (in increasing order, so that
 * "--1" is no abbreviation of "--10"), the end.
 */
static void make_longopts(struct opts *o)
{
	unsigned int id, n = ARRAY_SIZE(fixed_opts);

	memcpy(o->longopts, fixed_opts, sizeof(fixed_opts));
	for (id = 0; id < VC_RLIMIT_IDS; id++)
		if (vc_rlimit_name(id))
			o->longopts[n++] = (struct option){
				vc_rlimit_name(id), required_argument, NULL,
				OPT_LIMIT + (int)id };
	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		vc_fmt_uint(o->numbers[id], id, 10, 0);
		o->longopts[n++] = (struct option){
			o->numbers[id], required_argument, NULL,
			OPT_LIMIT + (int)id };
	}
	o->longopts[n] = (struct option){ NULL, 0, NULL, 0 };
}

/* --<resource> <value>: the limits -M, -S, -H named (else the hard). */
static void cli_limit(struct opts *o, unsigned int id, const char *arg)
{
	uint64_t v;
	int k;

	if (vc_parse_limit(arg, &v))
		bad_value(errno, arg, id);
	if (!o->pending)
		o->pending = 1U << K_HARD;
	for (k = 0; k < K_NR; k++) {
		if (!(o->pending & (1U << k)))
			continue;
		changes[id].value[k] = v;
		changes[id].src[k] = SRC_CLI;
	}
	o->pending = 0;
	o->cli = true;
}

/* One option that is no limit. */
static void option(struct opts *o, int c)
{
	switch (c) {
	case 'c':
		if (vc_parse_xid(optarg, &o->xid))
			usage_error(EXIT_ERROR, "invalid context id '",
				    optarg, "'");
		break;
	case 'a':
		o->show = true;
		break;
	case 'n':
		numeric = true;
		break;
	case 'd':
		decimal = true;
		break;
	case 'M':
		o->pending |= 1U << K_MIN;
		break;
	case 'S':
		o->pending |= 1U << K_SOFT;
		break;
	case 'H':
		o->pending |= 1U << K_HARD;
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
	make_longopts(o);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+c:andMSHhV", o->longopts,
				      usage, EXIT_ERROR);

		if (c == -1)
			break;
		if (c >= OPT_LIMIT && c < OPT_LIMIT + VC_RLIMIT_IDS)
			cli_limit(o, (unsigned int)(c - OPT_LIMIT), optarg);
		else
			option(o, c);
	}
	if (o->pending)
		usage_error(EXIT_ERROR, "-M, -S or -H without a limit option ",
			    "after it");
}

int main(int argc, char *argv[])
{
	static struct opts o = { .xid = VC_XID_SELF };
	struct vc_rlimit_mask mask;
	char name[VC_FMT_BUFSZ];
	unsigned int id;

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	if (o.dir)
		read_dir(o.dir, o.missingok);
	if (!o.cli && !o.dir && optind == argc)
		o.show = true;
	for (id = 0; id < VC_RLIMIT_IDS && !has_change(&changes[id]); id++)
		;
	if (id < VC_RLIMIT_IDS || o.show) {
		if (vc_get_rlimit_mask(&mask))
			die_err(EXIT_ERROR, errno, "cannot read which limits ",
				"this kernel supports");
		check_cli(&mask);
		if (o.dir)
			check_dir(&mask, o.dir);
		/* "self" is asked for as "self": a guest may only name
		 * its own context. */
		vc_fmt_uint(name, o.xid == VC_XID_SELF ?
			    guest_self_xid(EXIT_ERROR) : o.xid, 10, 0);
		set_limits(o.xid, name);
		if (o.show)
			show_limits(o.xid, name, &mask);
	}
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
