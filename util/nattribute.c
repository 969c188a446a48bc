// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nattribute(8) - show or change the flags and capabilities of a network
 * context through vserver(2) get/set_nflags and get/set_ncaps
 *
 *   nattribute [--nid <nid>] --set [--flag <list>] [--ncap <list>]
 *              [--secure] [--] [<cmd>...]
 *   nattribute [--nid <nid>] --get [--] [<cmd>...]
 *
 * The network twin of vattribute: lists use util-vserver's syntax
 * (vc_list_parse()), each option adds to what the earlier ones of its
 * kind said, --secure starts afresh; the flags are changed after the
 * capabilities, so that a list clearing state_admin does so last.
 *
 * Exit status (util-vserver's): 0; 1 for a bad list or a failed change;
 * 255 for a bad option; 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

#define EXIT_USAGE	255

enum {
	OPT_NID = 0x100,
	OPT_SET,
	OPT_GET,
	OPT_FLAG,
	OPT_NCAP,
	OPT_SECURE,
};

/* One word: its table, the message nouns, the accumulated lists. */
/* In the order --get prints and --set applies them: flags last. */
enum { W_NCAP, W_FLAG, W_NR };

static struct tool_word words[W_NR] = {
	[W_NCAP] = { &vc_ncap_names, "ncap", "ncapabilities", "ncaps",
		     vc_get_ncaps, vc_set_ncaps, { 0, 0 } },
	[W_FLAG] = { &vc_nflag_names, "flag", "flags", "flags",
		     vc_get_nflags, vc_set_nflags, { 0, 0 } },
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--nid <nid>] --set [<changes>] [--] ",
	    "[<command> [<arg>...]]\n",
	    " ", tool_name, " [--nid <nid>] --get [--] ",
	    "[<command> [<arg>...]]\n",
	    "\n",
	    "Change or show the flags and capabilities of a network context,\n",
	    "then run the command, if one is given.\n",
	    "\n",
	    "Options:\n",
	    "     --nid <nid>      the network context (default: self, the\n",
	    "                      caller's)\n",
	    "     --set            change the network context (the default)\n",
	    "     --get            print the current values as lists\n",
	    "     --flag <list>    network flags, e.g. single_ip,~hide_netif\n",
	    "     --ncap <list>    network capabilities: tun_create raw_icmp\n",
	    "                      multicast\n",
	    "     --secure         start the capabilities from the secure\n",
	    "                      default (raw_icmp) and set hide_netif\n",
	    " -h, --help           display this help and exit\n",
	    " -V, --version        display version and exit\n",
	    "\n",
	    "A list is comma-separated: name sets, ~name or !name clears,\n",
	    "^<n> is bit n, all and none stand for every name.\n",
	    "\n",
	    "See nattribute(8).\n");
	exit(EXIT_SUCCESS);
}

/* The secure defaults: what a new network context starts with. */
static void secure(void)
{
	words[W_NCAP].change = (struct vc_flags){ NXC_RAW_ICMP, ~0ULL };
	words[W_FLAG].change.value |= NXF_HIDE_NETIF;
	words[W_FLAG].change.mask |= NXF_HIDE_NETIF;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "nid", required_argument, NULL, OPT_NID },
		{ "set", no_argument, NULL, OPT_SET },
		{ "get", no_argument, NULL, OPT_GET },
		{ "flag", required_argument, NULL, OPT_FLAG },
		{ "ncap", required_argument, NULL, OPT_NCAP },
		{ "secure", no_argument, NULL, OPT_SECURE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	uint32_t nid = VC_NID_SELF;
	char name[VC_FMT_BUFSZ];
	bool get = false, changes = false;

	tool_init(argv[0]);
	for (;;) {
		int prev = optind;
		int c = tool_getopt(argc, argv, "+hV", longopts);

		if (c == -1)
			break;
		switch (c) {
		case OPT_NID:
			nid = net_parse_nid(optarg, true, EXIT_FAILURE);
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
		case OPT_NCAP:
			word_add_list(&words[W_NCAP], optarg);
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

	/* Keep asking for "self": a guest may only name its own. */
	vc_fmt_uint(name, nid == VC_NID_SELF ? net_self(EXIT_FAILURE) : nid,
		    10, 0);
	if (get)
		words_print(words, W_NR, nid, "network context", name);
	else
		words_set(words, W_NR, nid, "network context", name);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
