// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ncontext(8) - create or enter a network context, then run a command,
 * through vserver(2) net_create, net_migrate and set_nflags
 *
 *   ncontext --create [--nid <nid>] [<opts>] [--] <command> [<arg>...]
 *   ncontext --migrate --nid <nid> [<opts>] [--] <command> [<arg>...]
 *   ncontext --migrate-self [<opts>] [--] <command> [<arg>...]
 *
 * One link of util-vserver's exec chain (util-vserver.md §4.2), the
 * network twin of vcontext.  A network context made by --create holds
 * only this process until the command runs, so any failure before the
 * exec ends it with the process: the persistent flag is set, and
 * state_admin or state_setup cleared, only in the last flag change.
 *
 * Exit status (util-vserver's): 255 for errors and bad usage, 254 when
 * --create finds the network context already there, 126/127 when the
 * command cannot be run; else the command's.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

#define EXIT_ERROR	255
#define EXIT_EXISTS	254

enum {
	OPT_CREATE = 0x100,
	OPT_MIGRATE,
	OPT_MIGRATE_SELF,
	OPT_NID,
	OPT_ENDSETUP,
	OPT_FLAG,
	OPT_SILENT,
	OPT_SILENTEXIST,
};

struct args {
	struct ctx_mode mode;
	uint32_t nid;
	bool endsetup, silent, silentexist;
	uint64_t flags;		/* for --create */
	uint64_t flag_mask;	/* the flags --flag named */
	char **cmd;
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " --create [--nid <nid>] [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    " ", tool_name, " --migrate --nid <nid> [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    " ", tool_name, " --migrate-self [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    "\n",
	    "Create a network context or move into one, then run a command\n",
	    "in it.\n",
	    "\n",
	    "Operations:\n",
	    "     --create          create a network context (a free dynamic\n",
	    "                       id without --nid) and enter it\n",
	    "     --migrate         enter the network context --nid names\n",
	    "     --migrate-self    stay in the current network context\n",
	    "\n",
	    "Options:\n",
	    "     --nid <nid>       the network context\n",
	    "     --flag <list>     initial network flags, for --create\n",
	    "                       (default lback_remap,hide_netif,\n",
	    "                       hide_lback,state_admin)\n",
	    "     --endsetup        clear the state_setup flag\n",
	    "     --silent          do not print the new network context\n",
	    "     --silentexist     no message when --create finds the\n",
	    "                       network context already there\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "Exit status: 254 if --create finds the network context there,\n",
	    "255 for other errors, 126/127 if the command cannot be run.\n",
	    "\n",
	    "See ncontext(8).\n");
	exit(EXIT_SUCCESS);
}

static char *nid_str(uint32_t nid, char *buf)
{
	return vc_fmt_uint(buf, nid, 10, 0);
}

static noreturn void create(const struct args *a)
{
	uint32_t want = a->mode.have_id ? a->nid : VC_NID_DYNAMIC;
	struct net_create plan = net_create_plan(a->flags, a->endsetup);
	char num[VC_FMT_BUFSZ];
	int nid;

	nid = vc_net_create(want, plan.flags);
	if (nid < 0) {
		int err = errno;

		if (err == EEXIST) {
			if (a->silentexist)
				exit(EXIT_EXISTS);
			die_err(EXIT_EXISTS, err, "cannot create network ",
				"context ", nid_str(want, num));
		}
		if (want == VC_NID_DYNAMIC)
			die_err(EXIT_ERROR, err, "cannot create a network ",
				"context");
		die_err(EXIT_ERROR, err, "cannot create network context ",
			nid_str(want, num));
	}
	nid_str((uint32_t)nid, num);
	if (!a->silent)
		out("New network context is ", num, "\n");
	if (plan.final.mask && vc_set_nflags((uint32_t)nid, &plan.final))
		die_err(EXIT_ERROR, errno, "cannot change the flags of ",
			"network context ", num);
	exec_command(a->cmd);
}

static noreturn void migrate(const struct args *a)
{
	const struct vc_flags endsetup = { 0, NXF_STATE_SETUP };
	char num[VC_FMT_BUFSZ];
	uint32_t nid = a->nid;

	if (a->mode.migrate_self) {
		int self = vc_task_nid(0);

		if (self < 0)
			die_err(EXIT_ERROR, errno, "cannot find the current ",
				"network context");
		nid = (uint32_t)self;
		if (nid <= VC_NID_SPECTATOR && a->endsetup)
			die(EXIT_ERROR, "--migrate-self: the caller is in no ",
			    "guest network context");
	} else if (vc_net_migrate(nid) < 0) {
		die_err(EXIT_ERROR, errno, "cannot migrate to network ",
			"context ", nid_str(nid, num));
	}
	/* After the move: a private network context admits only in setup. */
	if (a->endsetup && vc_set_nflags(nid, &endsetup))
		die_err(EXIT_ERROR, errno, "cannot end the setup of network ",
			"context ", nid_str(nid, num));
	exec_command(a->cmd);
}

/* One option; a bad one exits. */
static void option(struct args *a, int c)
{
	struct vc_list_error err;

	switch (c) {
	case OPT_CREATE:
		a->mode.create = true;
		break;
	case OPT_MIGRATE:
		a->mode.migrate = true;
		break;
	case OPT_MIGRATE_SELF:
		a->mode.migrate_self = true;
		break;
	case OPT_NID:
		a->nid = net_parse_nid(optarg, false, EXIT_ERROR);
		a->mode.have_id = true;
		break;
	case OPT_ENDSETUP:
		a->endsetup = true;
		break;
	case OPT_FLAG:
		if (vc_list_parse(&vc_nflag_names, optarg, &a->flags,
				  &a->flag_mask, &err))
			die_list(EXIT_ERROR, "flag", optarg, &err);
		break;
	case OPT_SILENT:
		a->silent = true;
		break;
	case OPT_SILENTEXIST:
		a->silentexist = true;
		break;
	}
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "migrate", no_argument, NULL, OPT_MIGRATE },
		{ "migrate-self", no_argument, NULL, OPT_MIGRATE_SELF },
		{ "nid", required_argument, NULL, OPT_NID },
		{ "endsetup", no_argument, NULL, OPT_ENDSETUP },
		{ "flag", required_argument, NULL, OPT_FLAG },
		{ "silent", no_argument, NULL, OPT_SILENT },
		{ "silentexist", no_argument, NULL, OPT_SILENTEXIST },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct args a = { .flags = NXF_INIT_SET };

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_ERROR);

		if (c == -1)
			break;
		option(&a, c);
	}
	a.mode.flags = a.flag_mask != 0;
	ctx_mode_check(&a.mode, "nid", EXIT_ERROR);
	if (optind >= argc)
		usage_error(EXIT_ERROR, "no command given");
	a.cmd = argv + optind;
	net_check_command(a.cmd[0]);
	if (a.mode.create)
		create(&a);
	migrate(&a);
}
