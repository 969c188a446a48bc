// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver(8) - build, start, stop and enter guests configured in
 * /etc/vservers (util-vserver compatible), through libvserver
 *
 *   vserver [<options>] <name> <command> [<args>]
 *   vserver [<options>] --marked <mark> start|stop
 *
 * <name> is a guest in /etc/vservers ($VSERVER_CONFDIR), or a path to
 * its configuration directory.  Exit status as util-vserver's: start and
 * stop 0 also when there is nothing to do; running 0/1; status 0/3; 5
 * for an unknown guest, 2 for an unknown command or bad usage; 1 for
 * failures; exec, suexec and enter end as their command.
 */

#include <dirent.h>
#include <sys/wait.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "frontend.h"

static noreturn void usage(void)
{
	out("Usage:\n",
	    " vserver [<options>] <name> <command> [<args>...]\n",
	    " vserver [<options>] --marked <mark> start|stop\n",
	    "\n",
	    "Build, start, stop and enter the guest <name> configured in\n",
	    "/etc/vservers/<name>/ (or the configuration directory <name>\n",
	    "if it holds a '/').\n",
	    "\n",
	    "Commands:\n",
	    "  start                  start the guest (nothing if it runs)\n",
	    "  stop                   stop the guest (nothing if it does not "
	    "run)\n",
	    "  restart                stop, then start\n",
	    "  condrestart            restart if it runs\n",
	    "  enter                  a root shell in the guest, on a "
	    "terminal of its own\n",
	    "  exec <cmd> [<arg>...]  run a command in the guest as root\n",
	    "  suexec <user> <cmd> [<arg>...]\n",
	    "                         run a command in the guest as <user>\n",
	    "  console                attach to the guest's console "
	    "(Ctrl-] detaches)\n",
	    "  status                 say whether it runs (exit 0) or not "
	    "(exit 3)\n",
	    "  running                exit 0 if it runs, 1 if not\n",
	    "  build -m <method> ...  make a new guest (build --help)\n",
	    "  delete [--force]       remove its root and configuration\n",
	    "\n",
	    "Options:\n",
	    "     --marked <mark>     start or stop every guest whose "
	    "apps/init/mark\n",
	    "                         is <mark> (and that is not disabled)\n",
	    " -q, --silent            no progress messages; delete asks "
	    "nothing\n",
	    " -h, --help              display this help and exit\n",
	    " -V, --version           display version and exit\n",
	    "\n",
	    "Exit status: 0 success, 1 failure, 2 bad usage or unknown "
	    "command,\n",
	    "3 status of a stopped guest, 5 unknown guest.\n",
	    "\n",
	    "See vserver(8) and vserver-config(5).\n");
	exit(EXIT_SUCCESS);
}

static void print_uptime(const char *runfile)
{
	struct stat st;
	char buf[VC_FMT_SHORTSZ];

	if (stat(runfile, &st))
		return;
	out("Uptime: ", vc_fmt_time(buf, (uint64_t)(time(NULL) -
						   st.st_mtime) * 1000),
	    "\n");
}

static int cmd_status(struct guest *g, const char *arg, bool only_exit)
{
	uint32_t xid = guest_running(g);
	char num[VC_FMT_BUFSZ], tasks[VC_FMT_BUFSZ];

	if (only_exit)
		return xid ? 0 : 1;
	if (!xid) {
		out("Vserver '", arg, "' is stopped\n");
		return VS_EXIT_STOPPED;
	}
	out("Vserver '", arg, "' is running at context '",
	    vc_fmt_uint(num, xid, 10, 0), "'\n");
	out("Number of processes: ", vc_fmt_uint(tasks, ctx_tasks(xid), 10, 0),
	    "\n");
	print_uptime(g->runfile);
	return 0;
}

static int restart(struct guest *g, bool only_if_running)
{
	char *stop[] = { "stop", NULL }, *start[] = { "start", NULL };
	struct guest copy = *g;
	int ret;

	if (only_if_running && !guest_running(g))
		return 0;
	ret = cmd_stop(g, 1, stop);
	if (ret)
		return ret;
	return cmd_start(&copy, 1, start);
}

/* vserver --marked <mark> start|stop */
static int marked(const char *mark, const char *cmd)
{
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (strcmp(cmd, "start") && strcmp(cmd, "stop"))
		usage_error(VS_EXIT_USAGE, "--marked: start or stop");
	d = opendir(conf_dir());
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[VS_PATH_MAX], *text;
		struct guest g;
		pid_t pid;
		int st;

		if (de->d_name[0] == '.')
			continue;
		pathf(path, sizeof(path), "%s/%s/apps/init/mark", conf_dir(),
		      de->d_name);
		text = read_file(path, NULL);
		if (!text)
			continue;
		text[strcspn(text, "\n")] = '\0';
		if (strcmp(text, mark) || !guest_locate(de->d_name, &g)) {
			free(text);
			continue;
		}
		free(text);
		pathf(path, sizeof(path), "%s/disabled", g.cfgdir);
		if (!strcmp(cmd, "start") && exists(path))
			continue;
		pid = fork();
		if (pid == 0) {
			char *argv[] = { (char *)cmd, NULL };

			_exit(!strcmp(cmd, "start") ? cmd_start(&g, 1, argv) :
			      cmd_stop(&g, 1, argv));
		}
		if (pid > 0 && waitpid(pid, &st, 0) == pid &&
		    (!WIFEXITED(st) || WEXITSTATUS(st)))
			ret = VS_EXIT_FAIL;
	}
	closedir(d);
	return ret;
}

char **main_argv;

/* The front end's own options, before <name>; *@mark gets --marked's. */
static void main_options(int argc, char *argv[], const char **mark)
{
	static const struct option longopts[] = {
		{ "silent", no_argument, NULL, 'q' },
		{ "sync", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "debug", no_argument, NULL, 'd' },
		{ "marked", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int c = tool_next_opt(argc, argv, "+qsvdhV", longopts,
				      usage, VS_EXIT_USAGE);

		if (c == -1)
			break;
		switch (c) {
		case 'q':
			setenv("VSERVER_QUIET", "1", 1);
			setenv("VSERVER_SILENT", "1", 1);
			break;
		case 's':
		case 'v':
		case 'd':
			break;
		case 'M':
			*mark = optarg;
			break;
		}
	}
}

/* Runs <command> [<args>] (@argv[0] is the command) on the guest @g. */
static int dispatch(struct guest *g, const char *arg, int argc, char **argv)
{
	const char *cmd = argv[0];

	if (!strcmp(cmd, "start"))
		return cmd_start(g, argc, argv);
	if (!strcmp(cmd, "stop"))
		return cmd_stop(g, argc, argv);
	if (!strcmp(cmd, "restart") || !strcmp(cmd, "condrestart")) {
		if (argc > 1)
			usage_error(VS_EXIT_USAGE, cmd, " takes no arguments");
		return restart(g, !strcmp(cmd, "condrestart"));
	}
	if (!strcmp(cmd, "status") || !strcmp(cmd, "running")) {
		if (argc > 1)
			usage_error(VS_EXIT_USAGE, cmd, " takes no arguments");
		return cmd_status(g, arg, !strcmp(cmd, "running"));
	}
	if (!strcmp(cmd, "enter"))
		return cmd_enter(g, argc, argv);
	if (!strcmp(cmd, "exec")) {
		if (argc < 2)
			usage_error(VS_EXIT_USAGE, "exec needs a command");
		return cmd_exec(g, "0", argv + 1, NULL);
	}
	if (!strcmp(cmd, "suexec")) {
		if (argc < 3)
			usage_error(VS_EXIT_USAGE, "suexec needs a user and a "
				    "command");
		return cmd_exec(g, argv[1], argv + 2, NULL);
	}
	if (!strcmp(cmd, "console"))
		return cmd_console(g, argc, argv);
	if (!strcmp(cmd, "build"))
		return cmd_build(g, argc, argv);
	if (!strcmp(cmd, "delete"))
		return cmd_delete(g, argc, argv);
	usage_error(VS_EXIT_USAGE, "unknown command '", cmd, "'");
}

int main(int argc, char *argv[])
{
	const char *mark = NULL, *cmd, *arg;
	static struct guest g;
	ssize_t n;

	main_argv = argv;
	tool_init(argv[0]);
	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n > 0)
		self_exe[n] = '\0';
	else
		strcpy(self_exe, "/usr/sbin/vserver");
	main_options(argc, argv, &mark);
	if (mark) {
		if (optind + 1 != argc)
			usage_error(VS_EXIT_USAGE, "--marked <mark> takes one "
				    "command, start or stop");
		return marked(mark, argv[optind]);
	}
	if (optind >= argc)
		usage_error(VS_EXIT_USAGE, "no guest given");
	if (optind + 1 >= argc)
		usage_error(VS_EXIT_USAGE, "no command given");
	arg = argv[optind];
	cmd = argv[optind + 1];
	if (!guest_locate(arg, &g) && strcmp(cmd, "build")) {
		dief(VS_EXIT_NOGUEST, "no guest '%s': %s does not exist "
		     "(build it with 'vserver %s build -m busybox')", arg,
		     g.cfgdir, arg);
	}
	return dispatch(&g, arg, argc - optind - 1, argv + optind + 1);
}
