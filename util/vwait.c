// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vwait(8) - wait until a context is gone, through vserver(2) wait_exit
 *
 *   vwait [--timeout <s>] [--terminate] [--status-fd <fd>] [--] <xid>
 *   vwait --xid <xid> [...]
 *
 * Writes one status line, util-vserver's (util-vserver.md §4.4):
 *
 *   FINISHED <code>   the context is gone; <code> is the exit status of
 *                     its init (128 + signal if a signal ended it)
 *   KILLED            --terminate: time out, the context was killed
 *   TIMEOUT           time out
 *   ERROR <errno>     wait_exit failed
 *
 * and, after FINISHED, "REBOOT <command>" when the guest ended itself
 * with reboot(2) (restart, halt, poweroff, restart2).  The lines go to
 * --status-fd, or to standard output.
 *
 * Exit status: 0 FINISHED, 1 KILLED or bad usage, 2 TIMEOUT, 127 ERROR.
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "common.h"
#include "vserver.h"

enum {
	OPT_TIMEOUT = 0x100,
	OPT_TERMINATE,
	OPT_STATUS_FD,
	OPT_XID,
};

#define EXIT_KILLED	1
#define EXIT_TIMEOUT	2
#define EXIT_ERROR	127

static volatile sig_atomic_t timed_out;

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [<options>] [--] <xid>\n",
	    " ", tool_name, " [<options>] --xid <xid>\n",
	    "\n",
	    "Wait until a context is gone and report how it ended:\n",
	    "FINISHED <exit status of its init>, then REBOOT <command> if\n",
	    "the guest called reboot(2); KILLED, TIMEOUT or ERROR <errno>.\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>         the context\n",
	    "     --timeout <s>       give up after <s> seconds\n",
	    "     --terminate         on time out, kill the context\n",
	    "     --status-fd <fd>    write the status to <fd> (default 1)\n",
	    " -h, --help              display this help and exit\n",
	    " -V, --version           display version and exit\n",
	    "\n",
	    "Exit status: 0 FINISHED, 1 KILLED, 2 TIMEOUT, 127 ERROR.\n",
	    "\n",
	    "See vwait(8).\n");
	exit(EXIT_SUCCESS);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* The shell's view of a wait status: the code, or 128 + the signal. */
static unsigned int exit_code(int status)
{
	if (WIFEXITED(status))
		return (unsigned int)WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + (unsigned int)WTERMSIG(status);
	return (unsigned int)status;
}

static noreturn void report(int fd, const char *line, int status)
{
	write_strs(fd, line, (char *)NULL);
	exit(status);
}

/* The command line. */
struct opts {
	bool terminate, have_xid;
	uint64_t timeout, fd;
	uint32_t xid;
};

static void parse_args(int argc, char *argv[], struct opts *o)
{
	static const struct option longopts[] = {
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "terminate", no_argument, NULL, OPT_TERMINATE },
		{ "status-fd", required_argument, NULL, OPT_STATUS_FD },
		{ "xid", required_argument, NULL, OPT_XID },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case OPT_TIMEOUT:
			if (!parse_uint(optarg, 100000000, &o->timeout))
				usage_error(EXIT_FAILURE, "invalid timeout '",
					    optarg, "'");
			break;
		case OPT_TERMINATE:
			o->terminate = true;
			break;
		case OPT_STATUS_FD:
			if (!parse_uint(optarg, 1000000, &o->fd))
				usage_error(EXIT_FAILURE, "invalid file ",
					    "descriptor '", optarg, "'");
			break;
		case OPT_XID:
			if (vc_parse_xid(optarg, &o->xid) ||
			    o->xid == VC_XID_SELF)
				usage_error(EXIT_FAILURE, "invalid context id '",
					    optarg, "'");
			o->have_xid = true;
			break;
		}
	}
}

/* The context: --xid, else the one argument. */
static void context_arg(int argc, char *argv[], struct opts *o)
{
	if (!o->have_xid) {
		if (optind == argc)
			usage_error(EXIT_FAILURE, "no context given");
		if (vc_parse_xid(argv[optind], &o->xid) ||
		    o->xid == VC_XID_SELF)
			usage_error(EXIT_FAILURE, "invalid context id '",
				    argv[optind], "'");
		optind++;
	}
	if (optind < argc)
		usage_error(EXIT_FAILURE, "only one context can be waited for");
}

/* wait_exit failed with @err: ERROR, TIMEOUT, or KILLED (--terminate). */
static noreturn void wait_failed(const struct opts *o, int err)
{
	char line[128], num[VC_FMT_BUFSZ];

	if (err != EINTR) {
		if (err == ENOSYS && vc_get_version() == -1)
			warnmsg(vc_strerror(err));
		else
			warnmsg("cannot wait for context ",
				vc_fmt_uint(num, o->xid, 10, 0), ": ",
				vc_strerror(err));
		strcpy(line, "ERROR ");
		strcat(line, vc_fmt_uint(num, (uint64_t)err, 10, 0));
		strcat(line, "\n");
		report((int)o->fd, line, EXIT_ERROR);
	}
	if (!o->terminate)
		report((int)o->fd, "TIMEOUT\n", EXIT_TIMEOUT);
	vc_ctx_kill(o->xid, 1, SIGKILL);
	vc_ctx_kill(o->xid, 0, SIGKILL);
	report((int)o->fd, "KILLED\n", EXIT_KILLED);
}

int main(int argc, char *argv[])
{
	struct opts o = { .fd = STDOUT_FILENO };
	struct sigaction sa = { .sa_handler = on_alarm };
	char line[128], num[VC_FMT_BUFSZ];
	struct vc_wait_exit res;
	const char *reboot;

	tool_init(argv[0]);
	parse_args(argc, argv, &o);
	context_arg(argc, argv, &o);
	/* No SA_RESTART: the alarm ends wait_exit with EINTR. */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	if (o.timeout)
		alarm((unsigned int)o.timeout);
	while (vc_wait_exit(o.xid, &res))
		if (errno != EINTR || timed_out)
			wait_failed(&o, errno);
	alarm(0);

	strcpy(line, "FINISHED ");
	strcat(line, vc_fmt_uint(num, exit_code(res.exit_code), 10, 0));
	strcat(line, "\n");
	reboot = vc_reboot_cmd_name(res.reboot_cmd);
	if (res.reboot_cmd) {
		strcat(line, "REBOOT ");
		if (reboot)
			strcat(line, reboot);
		else
			strcat(line, vc_fmt_uint(num, (uint32_t)res.reboot_cmd,
						 16, 8));
		strcat(line, "\n");
	}
	report((int)o.fd, line, EXIT_SUCCESS);
}
