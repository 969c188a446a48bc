// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * naddress(8) - add or remove the addresses of a network context through
 * vserver(2) net_add_ipv4, net_rem_ipv4, net_add_ipv6 and net_remove_ipv6
 *
 *   naddress (--add|--remove|--set) [--silent] [--nid <nid>]
 *            [--ip <addr>]... [--mask <net>]... [--range <ip1>-<ip2>]...
 *            [--bcast <ip>] [--lback <ip>] [--] [<cmd>...]
 *
 * One link of util-vserver's exec chain (util-vserver.md §4.2): chbind
 * is ncontext, nattribute and naddress in one.  The entries are applied
 * in the order given; the first failure ends the tool, naming the entry.
 *
 * Exit status (util-vserver's): 0; 255 for bad usage and failures;
 * 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

#define EXIT_ERROR	255

enum {
	OPT_ADD = 0x100,
	OPT_REMOVE,
	OPT_SET,
	OPT_NID,
	OPT_SILENT,
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " (--add|--remove|--set) [--silent] ",
	    "[--nid <nid>] [<addresses>]\n",
	    "          [--] [<command> [<arg>...]]\n",
	    "\n",
	    "Add addresses to a network context or remove them, then run\n",
	    "the command, if one is given.\n",
	    "\n",
	    "Operations:\n",
	    "     --add             add the addresses\n",
	    "     --remove          remove them (as they were added)\n",
	    "     --set             remove every address, then add these\n",
	    "\n",
	    "Options:\n",
	    "     --nid <nid>       the network context (default: self, the\n",
	    "                       caller's)\n",
	    "     --ip <addr>       an address, IPv4 or IPv6:\n",
	    "                       [<dev>:]<ip>[/<prefix>|/<mask>]; or an\n",
	    "                       IPv4 range <ip1>-<ip2> (up to, not\n",
	    "                       including, ip2)\n",
	    "     --mask <net>      a whole network: <ip>/<prefix>\n",
	    "     --range <range>   an IPv4 range: <ip1>-<ip2>\n",
	    "     --bcast <ip>      the broadcast address (IPv4)\n",
	    "     --lback <ip>      the loopback address (IPv4)\n",
	    "     --silent          do not print the addresses\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "See naddress(8).\n");
	exit(EXIT_SUCCESS);
}

/* The command line. */
struct opts {
	struct net_addrs addrs;
	bool add, remove, set, silent;
	bool special;		/* a broadcast or loopback address */
	uint32_t nid;
};

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "add", no_argument, NULL, OPT_ADD },
		{ "remove", no_argument, NULL, OPT_REMOVE },
		{ "set", no_argument, NULL, OPT_SET },
		{ "nid", required_argument, NULL, OPT_NID },
		NET_LONGOPT_IP,
		NET_LONGOPT_MASK,
		NET_LONGOPT_RANGE,
		NET_LONGOPT_BCAST,
		NET_LONGOPT_LBACK,
		{ "silent", no_argument, NULL, OPT_SILENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_ERROR);
		int kind;

		if (c == -1)
			break;
		kind = net_addr_option(&o->addrs, c, optarg, EXIT_ERROR);
		if (kind) {
			o->special |= kind == 2;
			continue;
		}
		switch (c) {
		case OPT_ADD:
			o->add = true;
			break;
		case OPT_REMOVE:
			o->remove = true;
			break;
		case OPT_SET:
			o->set = true;
			break;
		case OPT_NID:
			o->nid = net_parse_nid(optarg, true, EXIT_ERROR);
			break;
		case OPT_SILENT:
			o->silent = true;
			break;
		}
	}
}

static void check_args(const struct opts *o)
{
	if (o->add + o->remove + o->set == 0)
		usage_error(EXIT_ERROR, "one of --add, --remove and --set is ",
			    "needed");
	if (o->add + o->remove + o->set > 1)
		usage_error(EXIT_ERROR, "--add, --remove and --set exclude ",
			    "each other");
	if (o->remove && o->special)
		usage_error(EXIT_ERROR, "the broadcast and loopback ",
			    "addresses can only be set, not removed");
	if (o->remove && !o->addrs.n)
		usage_error(EXIT_ERROR, "nothing to remove: give --ip, ",
			    "--mask or --range");
}

int main(int argc, char *argv[])
{
	static struct opts o = { .nid = VC_NID_SELF };
	const struct vc_net_addr all = {
		.family = AF_UNSPEC, .type = NXA_TYPE_ANY,
	};
	char name[VC_FMT_BUFSZ];

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	check_args(&o);
	vc_fmt_uint(name, o.nid == VC_NID_SELF ? net_self(EXIT_ERROR) : o.nid,
		    10, 0);
	if (o.set && vc_net_remove(o.nid, &all))
		die_err(EXIT_ERROR, errno, "cannot remove the addresses of ",
			"network context ", name);
	if (o.remove)
		net_addrs_remove(o.nid, name, &o.addrs, o.silent, EXIT_ERROR);
	else
		net_addrs_add(o.nid, name, &o.addrs, o.silent, EXIT_ERROR);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
