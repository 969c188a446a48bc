// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver enter, exec, suexec - run a command in a running guest
 * (util-vserver.md §1.5)
 *
 * The caller enters the namespaces the guest keeps as space 0 (mount
 * table and root, host name, IPC, and the pid namespace for what it forks
 * next), its network context and its context, looks the user up in the
 * guest's own /etc/passwd, and forks the command: it is a process of the
 * guest in every respect, clamped to the guest's bounding set.
 *
 * The caller itself stays in the host: a child, stripped of every
 * descriptor but the streams guestio.c gives the command (a pty of the
 * guest's own devpts where the caller has a terminal, pipes elsewhere)
 * and a socket back to the caller, joins the guest and forks the
 * command, which runs
 *
 *   - in a new session (the pty as its controlling terminal, if any);
 *   - with only descriptors 0, 1 and 2;
 *   - in the guest's root directory, /;
 *   - with a clean environment: PATH=/usr/local/sbin:/usr/local/bin:
 *     /usr/sbin:/usr/bin:/sbin:/bin, HOME (the user's, from the guest's
 *     /etc/passwd), and TERM, LANG and LC_ALL as the caller has them; for
 *     stop's rc script RUNLEVEL and PREVLEVEL too.  Nothing else.
 *
 * The caller copies the bytes (guestio.c) and ends as the command.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "frontend.h"


struct ids {
	uid_t uid;
	gid_t gid;
	bool by_name;
	char home[256];
};

/* The user, looked up in the guest's files (we are in its root). */
static void lookup_user(const char *user, struct ids *ids)
{
	uint64_t v;

	memset(ids, 0, sizeof(*ids));
	strcpy(ids->home, "/");
	if (parse_uint(user, UINT32_MAX - 1, &v)) {
		struct passwd *pw = getpwuid((uid_t)v);

		ids->uid = (uid_t)v;
		ids->gid = pw ? pw->pw_gid : (gid_t)v;
		if (pw && pw->pw_dir)
			snprintf(ids->home, sizeof(ids->home), "%s",
				 pw->pw_dir);
		return;
	}
	{
		struct passwd *pw = getpwnam(user);

		if (!pw)
			dief(VS_EXIT_FAIL, "no user '%s' in the guest's "
			     "/etc/passwd", user);
		ids->uid = pw->pw_uid;
		ids->gid = pw->pw_gid;
		ids->by_name = true;
		snprintf(ids->home, sizeof(ids->home), "%s",
			 pw->pw_dir ? pw->pw_dir : "/");
	}
}

static void become(const char *user, const struct ids *ids)
{
	if (ids->by_name ? initgroups(user, ids->gid) :
	    setgroups(1, &ids->gid))
		dief(126, "cannot set the groups: %s", strerror(errno));
	if (setgid(ids->gid) || setuid(ids->uid))
		dief(126, "cannot change to user '%s': %s", user,
		     strerror(errno));
}

/* Joins the running guest; the caller's children are then its tasks. */
static void join_guest(struct guest *g, uint32_t xid)
{
	struct vc_vx_info info;
	int nid = -1;

	if (!vc_vx_info(xid, &info) && info.initpid)
		nid = vc_task_nid((pid_t)info.initpid);
	if (nid < 0)
		nid = (int)g->nid;
	if (vc_enter_space(xid, 0, 0))
		dief(VS_EXIT_FAIL, "%s: cannot enter the namespaces of context "
		     "%u: %s", g->name, xid, vc_strerror(errno));
	if (nid > 1 && vc_net_migrate((uint32_t)nid))
		dief(VS_EXIT_FAIL, "%s: cannot enter network context %d: %s",
		     g->name, nid, vc_strerror(errno));
	if (vc_ctx_migrate(xid, 0))
		dief(VS_EXIT_FAIL, "%s: cannot enter context %u: %s", g->name,
		     xid, vc_strerror(errno));
	if (chdir("/"))
		dief(VS_EXIT_FAIL, "%s: cannot change to the guest's root",
		     g->name);
}

static uint32_t running_or_fail(struct guest *g)
{
	uint32_t xid;

	if (guest_load(g))
		warnf("%s: warning: configuration errors", g->name);
	xid = guest_running(g);
	if (!xid)
		dief(VS_EXIT_FAIL, "%s: not running", g->name);
	return xid;
}

/* The shell: cfgdir/shell, .defaults/shell, else bash or sh. */
static void shell_argv(const struct guest *g, char **argv)
{
	static char *bash[] = { "/bin/bash", "-login", NULL };
	static char *sh[] = { "/bin/sh", "-l", NULL };
	char **src;
	int i;

	if (g->shell[0])
		src = (char **)g->shell;
	else if (!access("/bin/bash", X_OK))	/* in the guest's root */
		src = bash;
	else
		src = sh;
	for (i = 0; src[i] && i < VS_MAX_ARGS - 1; i++)
		argv[i] = src[i];
	argv[i] = NULL;
}

/* The clean environment of a command in a guest (see above). */
static void clean_env(const struct ids *ids, char *const *extra)
{
	static char *env[VS_MAX_ARGS + 8];
	static char home[300];
	static const char *const pass[] = { "TERM", "LANG", "LC_ALL" };
	char *keep[ARRAY_SIZE(pass)];
	extern char **environ;
	size_t i;
	int n = 0;

	for (i = 0; i < ARRAY_SIZE(pass); i++) {
		const char *v = getenv(pass[i]);
		size_t len = strlen(pass[i]) + (v ? strlen(v) : 0) + 2;

		keep[i] = NULL;
		if (v && (keep[i] = malloc(len)))
			snprintf(keep[i], len, "%s=%s", pass[i], v);
	}
	env[n++] = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
		   "/sbin:/bin";
	snprintf(home, sizeof(home), "HOME=%s", ids->home);
	env[n++] = home;
	for (i = 0; i < ARRAY_SIZE(pass); i++)
		if (keep[i])
			env[n++] = keep[i];
	for (i = 0; extra && extra[i] && n < VS_MAX_ARGS + 7; i++)
		env[n++] = extra[i];
	env[n] = NULL;
	environ = env;
}

/* A pipe, both ends close-on-exec (the child dup2()s its end). */
static void make_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC))
		dief(VS_EXIT_FAIL, "cannot make a pipe: %s", strerror(errno));
}

/* The descriptors between guest_run() and its child. */
struct run_fds {
	int in[2], out[2], err[2];	/* -1 where there is none */
	int sv[2];			/* the pty's master comes back by it */
	bool use_pty, no_input;
};

/* Which streams are terminals; the pipes for the others. */
static void run_streams(struct io_streams *s, struct run_fds *f,
			bool force_pty)
{
	int i;

	for (i = 0; i < 3; i++) {
		s->tty[i] = force_pty || isatty(i);
		f->use_pty |= s->tty[i];
	}
	/*
	 * A terminal we are in the background of is not read (that would
	 * stop us, SIGTTIN): the command gets no input then, as a
	 * background job of a non-interactive shell.
	 */
	if (s->tty[0] && !force_pty && tcgetpgrp(0) != getpgrp()) {
		s->tty[0] = false;
		f->no_input = true;
	}
	if (!s->tty[0] && !f->no_input)
		make_pipe(f->in);
	if (!s->tty[1])
		make_pipe(f->out);
	/* Also where the child's own errors go while it joins the guest. */
	make_pipe(f->err);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, f->sv))
		dief(VS_EXIT_FAIL, "cannot make a socket pair: %s",
		     strerror(errno));
}

/*
 * In the guest: a pty of its devpts, the master sent to the caller on
 * @sock, which says when it has set the window size.  Return: the slave.
 */
static int run_pty(const struct guest *g, int sock)
{
	int master, slave = -1;
	char go;

	master = open_guest_pty(&slave);
	if (master < 0)
		dief(VS_EXIT_FAIL, "%s: no terminal in the guest "
		     "(/dev/pts/ptmx: %s); is devpts in its fstab?", g->name,
		     strerror(errno));
	if (send_fd(sock, master))
		dief(VS_EXIT_FAIL, "cannot pass the terminal: %s",
		     strerror(errno));
	close(master);
	/* The caller has set the window size: go on. */
	while (read(sock, &go, 1) < 0 && errno == EINTR)
		;
	return slave;
}

/* The command itself: a new session on @slave (-1: none), then exec. */
static noreturn void run_exec(const struct io_streams *s, int slave,
			      const char *user, const struct ids *ids,
			      char **argv, char *const *extra_env)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
				    SIGPIPE, SIGCHLD, SIGWINCH };
	sigset_t none;
	size_t i;

	/* Signals as in a new session, whatever ours were. */
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();
	if (slave >= 0) {
		if (ioctl(slave, TIOCSCTTY, 0) < 0)
			dief(126, "cannot set up the terminal: %s",
			     strerror(errno));
		for (i = 0; i < 3; i++)
			if (s->tty[i] && dup2(slave, (int)i) < 0)
				dief(126, "cannot set up the terminal: %s",
				     strerror(errno));
		close(slave);
	}
	become(user, ids);
	if (chdir("/"))
		dief(126, "cannot change to /: %s", strerror(errno));
	clean_env(ids, extra_env);
	exec_command(argv);
}

/* guest_run()'s child: into the guest, then the command's parent. */
static noreturn void run_child(struct guest *g, uint32_t xid,
			       const char *user, char **argv,
			       char *const *extra_env,
			       const struct io_streams *s, struct run_fds *f)
{
	int null = open("/dev/null", O_RDWR), slave = -1;
	struct ids ids;
	pid_t cmd;

	/*
	 * Nothing of the caller's goes in: its streams are replaced by the
	 * pipes (or /dev/null, for a terminal's stream until the pty is
	 * there) and every other descriptor is closed.
	 */
	if (null < 0 ||
	    dup2(s->tty[0] || f->no_input ? null : f->in[0], 0) < 0 ||
	    dup2(s->tty[1] ? null : f->out[1], 1) < 0 ||
	    dup2(f->err[1], 2) < 0 ||
	    dup2(f->sv[1], 3) < 0 || close_from(4))
		_exit(VS_EXIT_FAIL);
	f->sv[1] = 3;
	fcntl(3, F_SETFD, FD_CLOEXEC);
	join_guest(g, xid);
	lookup_user(user, &ids);
	if (!argv) {
		static char *shell[VS_MAX_ARGS];

		shell_argv(g, shell);
		argv = shell;
	}
	if (f->use_pty)
		slave = run_pty(g, f->sv[1]);
	close(f->sv[1]);
	cmd = fork();
	if (cmd < 0)
		dief(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
	if (!cmd)
		run_exec(s, slave, user, &ids, argv, extra_env);
	if (slave >= 0)
		close(slave);
	forward_signals(cmd);
	exit_like_child(cmd);
}

/* The caller's side: its ends of the pipes; the pty's size, then go. */
static void run_parent(struct io_streams *s, struct run_fds *f)
{
	struct winsize ws;
	int i;

	close(f->sv[1]);
	if (f->in[0] >= 0)
		close(f->in[0]);
	if (f->out[1] >= 0)
		close(f->out[1]);
	if (f->err[1] >= 0)
		close(f->err[1]);
	s->to_in = f->in[1];
	s->from_out = f->out[0];
	s->from_err = f->err[0];
	if (f->use_pty) {
		s->master = check_ptmx(recv_fd(f->sv[0]));
		/* The size before the command starts, not after. */
		for (i = 0; i < 3 && s->master >= 0; i++)
			if (s->tty[i] && !ioctl(i, TIOCGWINSZ, &ws)) {
				ioctl(s->master, TIOCSWINSZ, &ws);
				break;
			}
		if (write(f->sv[0], "g", 1) < 0)
			warnf("warning: cannot start the command: %s",
			      strerror(errno));
	}
	close(f->sv[0]);
}

/*
 * guest_run - run @argv in the running guest as @user (see above)
 * @argv: the command; NULL: the guest's shell
 * @force_pty: a pty for all three streams even without a terminal
 *
 * Return: the command's exit status, 128 + signal; 126/127 as exec.
 */
static int guest_run(struct guest *g, uint32_t xid, const char *user,
		     char **argv, char *const *extra_env, bool force_pty)
{
	struct io_streams s = { .master = -1, .to_in = -1, .from_out = -1,
				.from_err = -1 };
	struct run_fds f = { .in = { -1, -1 }, .out = { -1, -1 },
			     .err = { -1, -1 } };
	int status;
	pid_t pid;

	run_streams(&s, &f, force_pty);
	pid = fork();
	if (pid < 0)
		dief(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
	if (!pid)
		run_child(g, xid, user, argv, extra_env, &s, &f);
	run_parent(&s, &f);
	status = io_proxy(&s, pid);
	if (s.master >= 0)
		close(s.master);
	return status;
}

int cmd_exec(struct guest *g, const char *user, char **argv,
	     char *const *extra_env)
{
	uint32_t xid = running_or_fail(g);

	return guest_run(g, xid, user, argv, extra_env, false);
}

int cmd_enter(struct guest *g, int argc, char **argv)
{
	uint32_t xid;

	(void)argv;
	if (argc > 1)
		dief(VS_EXIT_USAGE, "enter takes no arguments");
	xid = running_or_fail(g);
	return guest_run(g, xid, "0", NULL, NULL,
			 getenv("VSERVER_ENTER_PTY") != NULL);
}
