// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vspace(8) - make, store or enter the namespaces ("spaces") of a context
 * through unshare(2) and vserver(2) set_space and enter_space
 *
 *   vspace --new <spaces> [--] <command> [<arg>...]
 *   vspace --set <spaces> [--xid <xid>] [--index <n>] [--] [<command>...]
 *   vspace --enter <xid> [<spaces>] [--index <n>] [--] <command> [<arg>...]
 *
 * <spaces> is --mask <list> (mnt,uts,ipc,user,pid,net,cgroup,time,fs), the
 * options --mount --fs --ipc --uts --user --pid --net --cgroup --time
 * --default, and --~<space> to take one away again.  Called as
 * vnamespace, the mount namespace and the root (--mount --fs) are
 * selected from the start, like util-vserver's vnamespace script.
 *
 * A new or entered pid (or time) namespace holds only the children of
 * the caller; vspace then forks, runs the command in the child, waits,
 * and exits as the child did, so that the command is pid 1 of a new pid
 * namespace, or a process of the entered one.
 *
 * Exit status (util-vserver's): 255 for errors and bad usage; 126/127 if
 * the command cannot be run; else the command's.
 */

#include <errno.h>
#include <sched.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

enum {
	OPT_XID = 0x100,
	OPT_DEFAULT,
	/* One option per space, and its --~ form: (flag << 1) | remove. */
	OPT_SPACE = 0x1000,
};

#define SPACE_OPT(name, flag)						\
	{ name, no_argument, NULL, OPT_SPACE + 2 * (flag) },		\
	{ "~" name, no_argument, NULL, OPT_SPACE + 2 * (flag) + 1 }

/* The spaces, by the bit number of their CLONE_* flag. */
enum {
	SP_FS = 9,		/* CLONE_FS */
	SP_TIME = 7,		/* CLONE_NEWTIME */
	SP_MOUNT = 17,		/* CLONE_NEWNS */
	SP_CGROUP = 25,		/* CLONE_NEWCGROUP */
	SP_UTS = 26,		/* CLONE_NEWUTS */
	SP_IPC = 27,		/* CLONE_NEWIPC */
	SP_USER = 28,		/* CLONE_NEWUSER */
	SP_PID = 29,		/* CLONE_NEWPID */
	SP_NET = 30,		/* CLONE_NEWNET */
};

_Static_assert((1 << SP_FS) == CLONE_FS && (1 << SP_TIME) == CLONE_NEWTIME &&
	       (1 << SP_MOUNT) == CLONE_NEWNS &&
	       (1 << SP_CGROUP) == CLONE_NEWCGROUP &&
	       (1 << SP_UTS) == CLONE_NEWUTS && (1 << SP_IPC) == CLONE_NEWIPC &&
	       (1 << SP_USER) == CLONE_NEWUSER &&
	       (1 << SP_PID) == CLONE_NEWPID && (1 << SP_NET) == CLONE_NEWNET,
	       "space options are numbered by their CLONE_* bit");

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " --new <spaces> [--] <command> [<arg>...]\n",
	    " ", tool_name, " --set <spaces> [--xid <xid>] [--index <n>] ",
	    "[--] [<command> [<arg>...]]\n",
	    " ", tool_name, " --enter <xid> [<spaces>] [--index <n>] [--] ",
	    "<command> [<arg>...]\n",
	    "\n",
	    "Make new namespaces, store the current ones in a context, or\n",
	    "enter those a context stores; then run the command.\n",
	    "\n",
	    "Operations:\n",
	    " -n, --new             unshare the spaces\n",
	    " -s, --set             store the caller's spaces in the context\n",
	    " -e, --enter <xid>     enter the spaces context <xid> stores\n",
	    "                       (all of them if none is named)\n",
	    "\n",
	    "Spaces:\n",
	    " -m, --mask <list>     a list: mnt uts ipc user pid net cgroup\n",
	    "                       time fs, or a number\n",
	    "     --mount --uts --ipc --user --pid --net --cgroup --time\n",
	    "                       one namespace\n",
	    "     --fs              the root and working directory\n",
	    "     --default         the kernel's default spaces of a guest\n",
	    "     --~<space>        leave a space out again, e.g. --~ipc\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>       the context of --set (default: self)\n",
	    " -i, --index <n>       which of the context's sets (default 0)\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "See vspace(8).\n");
	exit(EXIT_SUCCESS);
}

static void add_list(uint64_t *mask, const char *list)
{
	struct vc_list_error err;
	uint64_t named = 0;

	if (vc_list_parse(&vc_space_names, list, mask, &named, &err))
		die_list(EXIT_ERROR, "space", list, &err);
}

/* --new: unshare, and fork when only the children get the namespace. */
static void new_spaces(uint64_t mask)
{
	pid_t pid;

	if (unshare((int)mask))
		die_err(EXIT_ERROR, errno, "cannot unshare the namespaces");
	if (mask & CLONE_NEWNS)
		make_mounts_private(EXIT_ERROR);
	if (!(mask & (CLONE_NEWPID | CLONE_NEWTIME)))
		return;
	pid = fork();
	if (pid < 0)
		die_err(EXIT_ERROR, errno, "cannot fork");
	if (pid)
		exit_like_child(pid);
}

static void enter_spaces(uint32_t xid, uint64_t mask, uint32_t index)
{
	char num[VC_FMT_BUFSZ];
	pid_t pid;

	if (vc_enter_space(xid, mask, index))
		die_err(EXIT_ERROR, errno, "cannot enter the spaces of ",
			"context ", vc_fmt_uint(num, xid, 10, 0));
	/* A stored pid namespace holds what we fork; 0 may include it. */
	if (mask && !(mask & (CLONE_NEWPID | CLONE_NEWTIME)))
		return;
	pid = fork();
	if (pid < 0)
		die_err(EXIT_ERROR, errno, "cannot fork");
	if (pid)
		exit_like_child(pid);
}

static void set_spaces(uint32_t xid, uint64_t mask, uint32_t index)
{
	char num[VC_FMT_BUFSZ];

	if (vc_set_space(xid, mask, index)) {
		if (xid == VC_XID_SELF)
			die_err(EXIT_ERROR, errno, "cannot store the spaces ",
				"of the current context");
		die_err(EXIT_ERROR, errno, "cannot store the spaces of ",
			"context ", vc_fmt_uint(num, xid, 10, 0));
	}
}

/* The command line. */
struct opts {
	bool new, set, enter, have_xid;
	const char *enter_arg;
	uint32_t xid, index;
	uint64_t mask;
};

/* One option; a bad one exits. */
static void option(struct opts *o, int c)
{
	uint64_t value;

	switch (c) {
	case 'n':
		o->new = true;
		break;
	case 's':
		o->set = true;
		break;
	case 'e':
		o->enter = true;
		o->enter_arg = optarg;
		break;
	case 'm':
		add_list(&o->mask, optarg);
		break;
	case 'i':
		if (!parse_uint(optarg, VC_SPACES - 1, &value))
			usage_error(EXIT_ERROR, "invalid space index '",
				    optarg, "'");
		o->index = (uint32_t)value;
		break;
	case OPT_XID:
		if (vc_parse_xid(optarg, &o->xid))
			usage_error(EXIT_ERROR, "invalid context id '",
				    optarg, "'");
		o->have_xid = true;
		break;
	case OPT_DEFAULT:
		if (vc_get_space_default(&value))
			die_err(EXIT_ERROR, errno, "cannot read the ",
				"default spaces");
		o->mask |= value;
		break;
	}
}

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "new", no_argument, NULL, 'n' },
		{ "set", no_argument, NULL, 's' },
		{ "enter", required_argument, NULL, 'e' },
		{ "mask", required_argument, NULL, 'm' },
		{ "index", required_argument, NULL, 'i' },
		{ "xid", required_argument, NULL, OPT_XID },
		{ "default", no_argument, NULL, OPT_DEFAULT },
		SPACE_OPT("mount", SP_MOUNT),
		SPACE_OPT("fs", SP_FS),
		SPACE_OPT("ipc", SP_IPC),
		SPACE_OPT("uts", SP_UTS),
		SPACE_OPT("user", SP_USER),
		SPACE_OPT("pid", SP_PID),
		SPACE_OPT("net", SP_NET),
		SPACE_OPT("cgroup", SP_CGROUP),
		SPACE_OPT("time", SP_TIME),
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+nse:m:i:hV", longopts,
				      usage, EXIT_ERROR);
		uint64_t bit;

		if (c == -1)
			break;
		if (c < OPT_SPACE) {
			option(o, c);
			continue;
		}
		/* --<space> adds it, --~<space> removes it. */
		bit = UINT64_C(1) << ((c - OPT_SPACE) >> 1);
		if ((c - OPT_SPACE) & 1)
			o->mask &= ~bit;
		else
			o->mask |= bit;
	}
}

/* The options together: exactly one mode, the spaces, the command. */
static void check_args(int argc, struct opts *o)
{
	if (o->new + o->set + o->enter == 0)
		usage_error(EXIT_ERROR, "one of --new, --set and --enter is ",
			    "needed");
	if (o->new + o->set + o->enter > 1)
		usage_error(EXIT_ERROR, "--new, --set and --enter exclude ",
			    "each other");
	/* "--enter <xid>", or the brief form "--enter <spaces> --xid <xid>". */
	if (o->enter) {
		if (o->have_xid)
			add_list(&o->mask, o->enter_arg);
		else if (vc_parse_xid(o->enter_arg, &o->xid) ||
			 o->xid == VC_XID_SELF)
			usage_error(EXIT_ERROR, "invalid context id '",
				    o->enter_arg, "'");
	}
	if (o->new && o->have_xid)
		usage_error(EXIT_ERROR, "--new takes no --xid");
	if (!o->mask && !o->enter)
		usage_error(EXIT_ERROR, "no space given");
	if (optind >= argc && !o->set)
		usage_error(EXIT_ERROR, "no command given");
}

int main(int argc, char *argv[])
{
	struct opts o = { .xid = VC_XID_SELF };

	tool_init(argv[0]);
	if (!strcmp(tool_name, "vnamespace"))
		o.mask = CLONE_NEWNS | CLONE_FS;
	parse_args(argc, argv, &o);
	check_args(argc, &o);
	if (o.new)
		new_spaces(o.mask);
	else if (o.enter)
		enter_spaces(o.xid, o.mask, o.index);
	else
		set_spaces(o.xid, o.mask, o.index);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
