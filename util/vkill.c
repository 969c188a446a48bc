// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vkill(8) - send a signal to processes of a context through vserver(2)
 * ctx_kill
 *
 *   vkill [--xid <xid>] [-s <signal>] [--] [<pid>...]
 *
 * Without a pid every process of the context gets the signal; pid 1 is the
 * context's init, -1 every process but its init.  Without --xid each pid
 * is signalled in the context it belongs to.
 *
 * Exit status (util-vserver's): 0 if every signal was sent, else 1.
 */

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--xid <xid>] [-s <signal>] [--] [<pid>...]\n",
	    "\n",
	    "Send a signal to processes of a context: to all of them without\n",
	    "a pid; pid 1 is the context's init, -1 all but its init.\n",
	    "\n",
	    "Options:\n",
	    " -c, --xid <xid>       the context (default: each pid's own)\n",
	    " -s, --signal <sig>    the signal, a name (TERM, SIGKILL) or a\n",
	    "                       number (default TERM)\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "See vkill(8).\n");
	exit(EXIT_SUCCESS);
}

static bool parse_pid(const char *s, int32_t *pid)
{
	uint64_t v;

	if (!strcmp(s, "-1")) {
		*pid = -1;
		return true;
	}
	if (!parse_uint(s, INT32_MAX, &v))
		return false;
	*pid = (int32_t)v;
	return true;
}

/* Signals one pid argument; returns false after a message if it fails. */
static bool kill_one(bool have_xid, uint32_t xid, const char *pid_str,
		     int sig)
{
	char num[VC_FMT_BUFSZ];
	int32_t pid;

	if (!parse_pid(pid_str, &pid)) {
		warnmsg("invalid pid '", pid_str, "'");
		return false;
	}
	if (!have_xid) {
		int x;

		if (pid <= 1) {
			warnmsg("pid ", pid_str, " needs --xid");
			return false;
		}
		x = vc_task_xid(pid);
		if (x < 0) {
			if (errno == ENOSYS)
				die_err(EXIT_FAILURE, errno, "cannot find ",
					"the context of pid ", pid_str);
			warnmsg("cannot find the context of pid ", pid_str,
				": ", vc_strerror(errno));
			return false;
		}
		xid = (uint32_t)x;
	}
	if (vc_ctx_kill(xid, pid, sig)) {
		if (errno == ENOSYS)
			die_err(EXIT_FAILURE, errno, "cannot signal");
		if (pid == 0)
			warnmsg("cannot signal context ",
				vc_fmt_uint(num, xid, 10, 0), ": ",
				vc_strerror(errno));
		else
			warnmsg("cannot signal pid ", pid_str, " in context ",
				vc_fmt_uint(num, xid, 10, 0), ": ",
				vc_strerror(errno));
		return false;
	}
	return true;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, 'c' },
		{ "signal", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	bool have_xid = false, all_ok = true;
	uint32_t xid = 0;
	int sig = SIGTERM;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+c:s:hV", longopts,
				      usage, EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case 'c':
			if (vc_parse_xid(optarg, &xid))
				usage_error(EXIT_FAILURE, "invalid context id '",
					    optarg, "'");
			have_xid = true;
			break;
		case 's':
			sig = vc_str2sig(optarg);
			if (sig < 0)
				usage_error(EXIT_FAILURE, "invalid signal '",
					    optarg, "'");
			break;
		}
	}
	if (!have_xid && optind == argc)
		usage_error(EXIT_FAILURE, "no pid and no --xid given");

	if (optind == argc)
		return kill_one(true, xid, "0", sig) ? EXIT_SUCCESS :
						      EXIT_FAILURE;
	for (; optind < argc; optind++)
		all_ok &= kill_one(have_xid, xid, argv[optind], sig);
	return all_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
