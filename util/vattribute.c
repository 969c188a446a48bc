// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vattribute(8) - show or change the flags, capabilities and unshare
 * mask of a context through vserver(2) get/set_cflags, _ccaps, _bcaps and
 * _umask
 *
 *   vattribute [--xid <xid>] --set [--flag <list>] [--ccap <list>]
 *              [--bcap <list>] [--umask <list>] [--secure] [--] [<cmd>...]
 *   vattribute [--xid <xid>] --get [--] [<cmd>...]
 *
 * Lists use util-vserver's syntax (vc_list_parse()); each option adds to
 * what the earlier ones of its kind said, --secure starts the two
 * capability sets afresh.  The flags are changed last, so that a list
 * that ends the setup ("~state_setup") does so after the other changes.
 *
 * Exit status (util-vserver's): 0; 1 for a bad list or a failed change;
 * 255 for a bad option; 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

#define EXIT_USAGE	255

enum {
	OPT_XID = 0x100,
	OPT_SET,
	OPT_GET,
	OPT_FLAG,
	OPT_CCAP,
	OPT_BCAP,
	OPT_UMASK,
	OPT_SECURE,
};

/* One word to change: its table, the message noun, the accumulated lists. */
/* In the order --get prints and --set applies them: flags last. */
enum { W_BCAP, W_CCAP, W_UMASK, W_FLAG, W_NR };

static struct tool_word words[W_NR] = {
	[W_BCAP] = { &vc_bcap_names, "bcap", "bcapabilities", "bcaps",
		     vc_get_bcaps, vc_set_bcaps, { 0, 0 } },
	[W_CCAP] = { &vc_ccap_names, "ccap", "ccapabilities", "ccaps",
		     vc_get_ccaps, vc_set_ccaps, { 0, 0 } },
	[W_UMASK] = { &vc_umask_names, "namespace", "umask", "umask",
		      vc_get_umask, vc_set_umask, { 0, 0 } },
	[W_FLAG] = { &vc_cflag_names, "flag", "flags", "flags",
		     vc_get_cflags, vc_set_cflags, { 0, 0 } },
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--xid <xid>] --set [<changes>] [--] ",
	    "[<command> [<arg>...]]\n",
	    " ", tool_name, " [--xid <xid>] --get [--] ",
	    "[<command> [<arg>...]]\n",
	    "\n",
	    "Change or show the flags, capabilities and unshare mask of a\n",
	    "context, then run the command, if one is given.\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>      the context (default: self, the caller's)\n",
	    "     --set            change the context (the default)\n",
	    "     --get            print the current values as lists\n",
	    "     --flag <list>    context flags, e.g. virt_uptime,~persistent\n",
	    "     --ccap <list>    context capabilities, e.g. set_utsname\n",
	    "     --bcap <list>    bounding set, e.g. ~CAP_NET_RAW,SYS_TIME\n",
	    "     --umask <list>   namespaces the guest may unshare: mnt uts\n",
	    "                      ipc user pid net cgroup time\n",
	    "     --secure         start the bounding set and context\n",
	    "                      capabilities from the secure defaults\n",
	    " -h, --help           display this help and exit\n",
	    " -V, --version        display version and exit\n",
	    "\n",
	    "A list is comma-separated: name sets, ~name or !name clears,\n",
	    "^<n> is bit n, all and none stand for every name.\n",
	    "\n",
	    "See vattribute(8).\n");
	exit(EXIT_SUCCESS);
}

/* util-vserver's --secure: both capability words replaced whole. */
static void secure(void)
{
	words[W_BCAP].change = (struct vc_flags){ vc_secure_bcaps(), ~0ULL };
	words[W_CCAP].change = (struct vc_flags){ vc_secure_ccaps(), ~0ULL };
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, OPT_XID },
		{ "set", no_argument, NULL, OPT_SET },
		{ "get", no_argument, NULL, OPT_GET },
		{ "flag", required_argument, NULL, OPT_FLAG },
		{ "ccap", required_argument, NULL, OPT_CCAP },
		{ "bcap", required_argument, NULL, OPT_BCAP },
		{ "umask", required_argument, NULL, OPT_UMASK },
		{ "secure", no_argument, NULL, OPT_SECURE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	uint32_t xid = VC_XID_SELF;
	char name[VC_FMT_BUFSZ];
	bool get = false, changes = false;

	tool_init(argv[0]);
	for (;;) {
		int prev = optind;
		int c = tool_getopt(argc, argv, "+hV", longopts);

		if (c == -1)
			break;
		switch (c) {
		case OPT_XID:
			if (vc_parse_xid(optarg, &xid))
				usage_error(EXIT_FAILURE, "invalid context id '",
					    optarg, "'");
			break;
		case OPT_SET:
			get = false;
			break;
		case OPT_GET:
			get = true;
			break;
		case OPT_FLAG:
			word_add_list(&words[W_FLAG], optarg);
			changes = true;
			break;
		case OPT_CCAP:
			word_add_list(&words[W_CCAP], optarg);
			changes = true;
			break;
		case OPT_BCAP:
			word_add_list(&words[W_BCAP], optarg);
			changes = true;
			break;
		case OPT_UMASK:
			word_add_list(&words[W_UMASK], optarg);
			changes = true;
			break;
		case OPT_SECURE:
			secure();
			changes = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			errbadopt(argv, prev, EXIT_USAGE);
		}
	}
	if (get && changes)
		usage_error(EXIT_FAILURE, "--get takes no changes");

	if (xid == VC_XID_SELF) {
		int self = vc_task_xid(0);

		if (self < 0)
			die_err(EXIT_FAILURE, errno, "cannot find the current ",
				"context");
		if (self <= VC_XID_SPECTATOR)
			usage_error(EXIT_FAILURE, "the caller is in no guest ",
				    "context: give --xid <xid>");
		/* Keep asking for "self": a guest may only name its own. */
		vc_fmt_uint(name, (uint32_t)self, 10, 0);
	} else {
		vc_fmt_uint(name, xid, 10, 0);
	}

	if (get)
		words_print(words, W_NR, xid, "context", name);
	else
		words_set(words, W_NR, xid, "context", name);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
