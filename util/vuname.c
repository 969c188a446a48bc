// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vuname(8) - show or set the uname fields and the name of a context
 * through vserver(2) get_vhi_name and set_vhi_name
 *
 *   vuname [--xid <xid>] [-g] [<tag>...]
 *   vuname [--xid <xid>] -t <tag>=<value>... [--] [<command> [<arg>...]]
 *   vuname [--xid <xid>] --dir <dir> [--missingok] [--] [<command>...]
 *
 * Tags: context sysname nodename release version machine domainname.  The
 * uname fields live in the UTS namespace the context keeps as space 0
 * (vcontext --create gives it one).
 *
 * Exit status (util-vserver's): 0; 255 for errors and unknown tags; 1 for
 * a bad option; 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255
#define NFIELDS		(VHIN_DOMAINNAME + 1)

enum {
	OPT_DIR = 0x100,
	OPT_MISSINGOK,
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--xid <xid>] [-g] [<tag>...]\n",
	    " ", tool_name, " [--xid <xid>] [-s] -t <tag>=<value>... [--] ",
	    "[<command> [<arg>...]]\n",
	    " ", tool_name, " [--xid <xid>] --dir <dir> [--missingok] [--] ",
	    "[<command> [<arg>...]]\n",
	    "\n",
	    "Show or set the uname fields and the name of a context.\n",
	    "\n",
	    "Options:\n",
	    " -x, --xid <xid>            the context (default: self)\n",
	    " -g, --get                  print the tags (all without any),\n",
	    "                            separated by blanks\n",
	    " -s, --set                  set the tags given with -t\n",
	    " -t, --tag <tag>=<value>    set <tag> to <value>; repeatable\n",
	    "     --dir <dir>            set each tag from the file of that\n",
	    "                            name in <dir>\n",
	    "     --missingok            a missing <dir> is no error\n",
	    " -h, --help                 display this help and exit\n",
	    " -V, --version              display version and exit\n",
	    "\n",
	    "Tags: context sysname nodename release version machine ",
	    "domainname\n",
	    "\n",
	    "See vuname(8).\n");
	exit(EXIT_SUCCESS);
}

static int field_of(const char *name, size_t len, const char *word)
{
	int field = vc_vhi_field_by_name(name, len);

	if (field < 0)
		usage_error(EXIT_ERROR, "unknown tag '", word, "'");
	return field;
}

/* Reads the first line of <dir>/<tag>; false if there is no such file. */
static bool read_tag_file(const char *dir, const char *tag, char *buf,
			  size_t size)
{
	char path[4096];

	if (strlen(dir) + 1 + strlen(tag) >= sizeof(path))
		die(EXIT_ERROR, "directory name too long: '", dir, "'");
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, tag);
	switch (read_value_file(path, buf, size, EXIT_ERROR)) {
	case VALUE_ABSENT:
		return false;
	case VALUE_DIRECTORY:
		die(EXIT_ERROR, "'", path, "' is a directory, not a file");
	case VALUE_READ:
		break;
	}
	if (strlen(buf) > VC_VHI_NAME_MAX)
		die(EXIT_ERROR, "the value in '", path, "' is longer than 64 ",
		    "bytes");
	return true;
}

static const char *xid_name(uint32_t xid, char *buf)
{
	return xid == VC_XID_SELF ? "self" : vc_fmt_uint(buf, xid, 10, 0);
}

static void set_field(uint32_t xid, int field, const char *value)
{
	char num[VC_FMT_BUFSZ];

	if (vc_set_vhi_name(xid, field, value))
		die_err(EXIT_ERROR, errno, "cannot set the ",
			vc_vhi_field_name(field), " of context ",
			xid_name(xid, num));
}

/* Reads every file first: a bad one changes nothing. */
static void set_from_dir(uint32_t xid, const char *dir, bool missingok)
{
	char values[NFIELDS][256];
	bool found[NFIELDS];
	int field;

	if (access(dir, F_OK)) {
		if (errno == ENOENT && missingok)
			return;
		die_err(EXIT_ERROR, errno, "cannot use '", dir, "'");
	}
	for (field = 0; field < NFIELDS; field++)
		found[field] = read_tag_file(dir, vc_vhi_field_name(field),
					     values[field],
					     sizeof(values[field]));
	for (field = 0; field < NFIELDS; field++)
		if (found[field])
			set_field(xid, field, values[field]);
}

/* util-vserver prints "???" for a field it cannot read. */
static void print_field(uint32_t xid, int field, const char *sep)
{
	char value[VC_VHI_NAME_MAX + 1], num[VC_FMT_BUFSZ];

	if (vc_get_vhi_name(xid, field, value, sizeof(value))) {
		if (errno != EINVAL)
			die_err(EXIT_ERROR, errno, "cannot read the ",
				vc_vhi_field_name(field), " of context ",
				xid_name(xid, num));
		strcpy(value, "???");
	}
	out(sep, value);
}

/* The command line. */
struct opts {
	const char *values[NFIELDS];	/* --tag's, NULL: not given */
	const char *dir;
	bool set, get, missingok, any;
	uint32_t xid;
};

/* --tag <tag>=<value>. */
static void tag_option(struct opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int field;

	if (!eq)
		usage_error(EXIT_ERROR, "'", arg, "' is not <tag>=<value>");
	field = field_of(arg, (size_t)(eq - arg), arg);
	if (strlen(eq + 1) > VC_VHI_NAME_MAX)
		usage_error(EXIT_ERROR, "the value of '", arg,
			    "' is longer than 64 bytes");
	o->values[field] = eq + 1;
	o->any = true;
}

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, 'x' },
		{ "get", no_argument, NULL, 'g' },
		{ "set", no_argument, NULL, 's' },
		{ "tag", required_argument, NULL, 't' },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "missingok", no_argument, NULL, OPT_MISSINGOK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+x:gst:hV", longopts,
				      usage, EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case 'x':
			if (vc_parse_xid(optarg, &o->xid))
				usage_error(EXIT_ERROR, "invalid context id '",
					    optarg, "'");
			break;
		case 'g':
			o->get = true;
			break;
		case 's':
			o->set = true;
			break;
		case 't':
			tag_option(o, optarg);
			break;
		case OPT_DIR:
			o->dir = optarg;
			break;
		case OPT_MISSINGOK:
			o->missingok = true;
			break;
		}
	}
}

/* Without --tag or --dir: the fields named (all by default), one line. */
static int print_fields(int argc, char *argv[], uint32_t xid)
{
	const char *sep = "";
	int i, field;

	for (i = optind; i < argc; i++)
		field_of(argv[i], strlen(argv[i]), argv[i]);
	if (optind == argc) {
		for (field = 0; field < NFIELDS; field++, sep = " ")
			print_field(xid, field, sep);
	}
	for (; optind < argc; optind++, sep = " ")
		print_field(xid, field_of(argv[optind], strlen(argv[optind]),
					  argv[optind]), sep);
	out("\n");
	return EXIT_SUCCESS;
}

int main(int argc, char *argv[])
{
	struct opts o = { .xid = VC_XID_SELF };
	int field;

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	if (o.get && (o.set || o.any || o.dir))
		usage_error(EXIT_ERROR, "--get excludes --set, --tag and ",
			    "--dir");
	if (o.set && !o.any && !o.dir)
		usage_error(EXIT_ERROR, "--set needs --tag <tag>=<value>");
	if (!o.any && !o.dir)
		return print_fields(argc, argv, o.xid);
	if (o.dir)
		set_from_dir(o.xid, o.dir, o.missingok);
	for (field = 0; field < NFIELDS; field++)
		if (o.values[field])
			set_field(o.xid, field, o.values[field]);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
