// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * chbind(8) - run a command bound to addresses: create a network context
 * with them and enter it, through vserver(2) net_create, net_add_ipv4,
 * net_add_ipv6, set_ncaps, set_nflags and net_migrate
 *
 *   chbind [--silent] [--nid <nid>] [--ip <addr>]... [--bcast <ip>]
 *          [--lback <ip>] [--flag <list>]... [--ncap <list>]... [--secure]
 *          [--] <command> [<arg>...]
 *
 * util-vserver's chbind was a script running "ncontext --create --
 * nattribute --set -- naddress --add -- <command>", and, when the network
 * context already existed, "ncontext --migrate" into it (that is how the
 * commands of "vserver <guest> exec" join a running guest); this is the
 * same in one process.  The new network context holds only this process
 * until the command runs, so a failure of any step ends it with the
 * process; it is created administrable and not persistent, and only the
 * last step makes its flags the ones asked for.
 *
 * Exit status: 1 for an unknown option (util-vserver's script), 255 for
 * other bad usage and for errors, 126/127 if the command cannot be run;
 * else the command's.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

#define EXIT_ERROR	255

enum {
	OPT_NID = 0x100,
	OPT_FLAG,
	OPT_NCAP,
	OPT_SECURE,
	OPT_SILENT,
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--silent] [--nid <nid>] [--ip <addr>]... ",
	    "[--bcast <ip>] [--lback <ip>]\n",
	    "        [--flag <list>]... [--ncap <list>]... [--secure]\n",
	    "        [--] <command> [<arg>...]\n",
	    "\n",
	    "Run a command in a new network context that holds the given\n",
	    "addresses; if the network context exists, run it in that one.\n",
	    "\n",
	    "Options:\n",
	    "     --nid <nid>       the network context (default: a free\n",
	    "                       dynamic id)\n",
	    "     --ip <addr>       an address, IPv4 or IPv6:\n",
	    "                       [<dev>:]<ip>[/<prefix>|/<mask>]; or an\n",
	    "                       IPv4 range <ip1>-<ip2> (up to, not\n",
	    "                       including, ip2)\n",
	    "     --bcast <ip>      the broadcast address (IPv4)\n",
	    "     --lback <ip>      the loopback address (IPv4)\n",
	    "     --flag <list>     network flags, e.g. single_ip,persistent\n",
	    "                       (default lback_remap,hide_netif,\n",
	    "                       hide_lback,state_admin)\n",
	    "     --ncap <list>     network capabilities: tun_create\n",
	    "                       raw_icmp multicast (default raw_icmp)\n",
	    "     --secure          start the capabilities from raw_icmp and\n",
	    "                       set hide_netif\n",
	    "     --silent          do not print the network context and the\n",
	    "                       addresses\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "Exit status: 255 for errors, 126/127 if the command cannot be\n",
	    "run; else the command's.\n",
	    "\n",
	    "See chbind(8).\n");
	exit(EXIT_SUCCESS);
}

static char *nid_str(uint32_t nid, char *buf)
{
	return vc_fmt_uint(buf, nid, 10, 0);
}

/* The network context exists: run the command in it, as it is. */
static noreturn void join(uint32_t nid, char **cmd)
{
	char num[VC_FMT_BUFSZ];

	if (vc_net_migrate(nid) < 0)
		die_err(EXIT_ERROR, errno, "cannot migrate to network ",
			"context ", nid_str(nid, num));
	exec_command(cmd);
}

/* The command line. */
struct opts {
	struct net_addrs addrs;
	uint64_t flags, flag_mask;
	struct vc_flags ncaps;
	uint32_t want;
	bool silent;
};

/* One option that is no address option; a bad one exits. */
static void option(struct opts *o, int c)
{
	struct vc_list_error err;

	switch (c) {
	case OPT_NID:
		o->want = net_parse_nid(optarg, false, EXIT_ERROR);
		break;
	case OPT_FLAG:
		if (vc_list_parse(&vc_nflag_names, optarg, &o->flags,
				  &o->flag_mask, &err))
			die_list(EXIT_ERROR, "flag", optarg, &err);
		break;
	case OPT_NCAP:
		if (vc_list_parse(&vc_ncap_names, optarg, &o->ncaps.value,
				  &o->ncaps.mask, &err))
			die_list(EXIT_ERROR, "ncap", optarg, &err);
		break;
	case OPT_SECURE:
		o->ncaps = (struct vc_flags){ NXC_RAW_ICMP, ~0ULL };
		o->flags |= NXF_HIDE_NETIF;
		break;
	case OPT_SILENT:
		o->silent = true;
		break;
	}
}

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "nid", required_argument, NULL, OPT_NID },
		NET_LONGOPT_IP,
		NET_LONGOPT_BCAST,
		NET_LONGOPT_LBACK,
		{ "flag", required_argument, NULL, OPT_FLAG },
		{ "ncap", required_argument, NULL, OPT_NCAP },
		{ "secure", no_argument, NULL, OPT_SECURE },
		{ "silent", no_argument, NULL, OPT_SILENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_FAILURE);

		if (c == -1)
			break;
		if (!net_addr_option(&o->addrs, c, optarg, EXIT_ERROR))
			option(o, c);
	}
	if (optind >= argc)
		usage_error(EXIT_ERROR, "no command given");
}

int main(int argc, char *argv[])
{
	static struct opts o = { .flags = NXF_INIT_SET,
				 .want = VC_NID_DYNAMIC };
	struct net_create plan;
	char num[VC_FMT_BUFSZ];
	char **cmd;
	int nid;

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	cmd = argv + optind;
	net_check_command(cmd[0]);

	plan = net_create_plan(o.flags, false);
	nid = vc_net_create(o.want, plan.flags);
	if (nid < 0) {
		if (errno == EEXIST)
			join(o.want, cmd);
		if (o.want == VC_NID_DYNAMIC)
			die_err(EXIT_ERROR, errno, "cannot create a network ",
				"context");
		die_err(EXIT_ERROR, errno, "cannot create network context ",
			nid_str(o.want, num));
	}
	/* From here on, a failure ends the network context with us. */
	nid_str((uint32_t)nid, num);
	if (!o.silent)
		out("New network context is ", num, "\n");
	net_addrs_add((uint32_t)nid, num, &o.addrs, o.silent, EXIT_ERROR);
	if (o.ncaps.mask && vc_set_ncaps((uint32_t)nid, &o.ncaps))
		die_err(EXIT_ERROR, errno, "cannot change the ncaps of ",
			"network context ", num);
	if (plan.final.mask && vc_set_nflags((uint32_t)nid, &plan.final))
		die_err(EXIT_ERROR, errno, "cannot change the flags of ",
			"network context ", num);
	exec_command(cmd);
}
