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
 * enter gives the shell a terminal of its own: a pseudo-terminal of the
 * guest's devpts, whose master end is passed back to a proxy that stays
 * in the host context.  The host's terminal never goes into the guest,
 * where root could push input into it (TIOCSTI) or be ptraced by a
 * process holding it.
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

#ifndef TIOCGPTPEER
#define TIOCGPTPEER	_IO('T', 0x41)
#endif
#ifndef TIOCSPTLCK
#define TIOCSPTLCK	_IOW('T', 0x31, int)
#endif

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
			fail(VS_EXIT_FAIL, "no user '%s' in the guest's "
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
		fail(126, "cannot set the groups: %s", strerror(errno));
	if (setgid(ids->gid) || setuid(ids->uid))
		fail(126, "cannot change to user '%s': %s", user,
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
		fail(VS_EXIT_FAIL, "%s: cannot enter the namespaces of context "
		     "%u: %s", g->name, xid, vc_strerror(errno));
	if (nid > 1 && vc_net_migrate((uint32_t)nid))
		fail(VS_EXIT_FAIL, "%s: cannot enter network context %d: %s",
		     g->name, nid, vc_strerror(errno));
	if (vc_ctx_migrate(xid, 0))
		fail(VS_EXIT_FAIL, "%s: cannot enter context %u: %s", g->name,
		     xid, vc_strerror(errno));
	if (chdir("/"))
		fail(VS_EXIT_FAIL, "%s: cannot change to the guest's root",
		     g->name);
}

static uint32_t running_or_fail(struct guest *g)
{
	uint32_t xid;

	if (guest_load(g))
		msg("%s: warning: configuration errors", g->name);
	xid = guest_running(g);
	if (!xid)
		fail(VS_EXIT_FAIL, "%s: not running", g->name);
	return xid;
}

int cmd_exec(struct guest *g, const char *user, char **argv, bool pty)
{
	struct ids ids;
	uint32_t xid;
	pid_t pid;

	(void)pty;
	xid = running_or_fail(g);
	join_guest(g, xid);
	lookup_user(user, &ids);
	pid = fork();
	if (pid < 0)
		fail(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
	if (!pid) {
		become(user, &ids);
		exec_command(argv);
	}
	exit_like_child(pid);
}

/* --- enter ----------------------------------------------------------- */

static int send_fd(int sock, int fd)
{
	char dummy = 'M';
	struct iovec iov = { .iov_base = &dummy, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr mh = { 0 };
	struct cmsghdr *c;

	memset(&u, 0, sizeof(u));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = sizeof(u.buf);
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &mh, 0) < 0 ? -1 : 0;
}

static int recv_fd(int sock)
{
	char dummy;
	struct iovec iov = { .iov_base = &dummy, .iov_len = 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u;
	struct msghdr mh = { 0 };
	struct cmsghdr *c;
	int fd;

	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = u.buf;
	mh.msg_controllen = sizeof(u.buf);
	if (recvmsg(sock, &mh, 0) <= 0)
		return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

static volatile sig_atomic_t winch;

static void on_winch(int sig)
{
	(void)sig;
	winch = 1;
}

/* Copies between the caller's terminal (or stdin) and the master. */
static void proxy(int master)
{
	struct termios saved, raw;
	bool tty = isatty(STDIN_FILENO), in_open = true;
	struct sigaction sa = { .sa_handler = on_winch };
	struct winsize ws;
	char buf[4096];

	if (tty) {
		tcgetattr(STDIN_FILENO, &saved);
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
		if (!ioctl(STDIN_FILENO, TIOCGWINSZ, &ws))
			ioctl(master, TIOCSWINSZ, &ws);
		sigaction(SIGWINCH, &sa, NULL);
	}
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = master, .events = POLLIN },
			{ .fd = in_open ? STDIN_FILENO : -1, .events = POLLIN },
		};
		ssize_t n;

		if (winch) {
			winch = 0;
			if (!ioctl(STDIN_FILENO, TIOCGWINSZ, &ws))
				ioctl(master, TIOCSWINSZ, &ws);
		}
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = read(master, buf, sizeof(buf));
			if (n <= 0)
				break;
			if (!write_all(STDOUT_FILENO, buf, (size_t)n))
				break;
		}
		if (in_open && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = read(STDIN_FILENO, buf, sizeof(buf));
			if (n <= 0) {
				/* End of input: an end-of-file to the shell. */
				char eof = 4;

				in_open = false;
				write_all(master, &eof, 1);
				continue;
			}
			if (!write_all(master, buf, (size_t)n))
				break;
		}
	}
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
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
	else if (!access("/bin/bash", X_OK))
		src = bash;
	else
		src = sh;
	for (i = 0; src[i] && i < VS_MAX_ARGS - 1; i++)
		argv[i] = src[i];
	argv[i] = NULL;
}

int cmd_enter(struct guest *g, int argc, char **argv)
{
	char *sh[VS_MAX_ARGS];
	int sv[2], master, status;
	uint32_t xid;
	pid_t pid;

	(void)argv;
	if (argc > 1)
		fail(VS_EXIT_USAGE, "enter takes no arguments");
	if (!isatty(STDIN_FILENO) && !getenv("VSERVER_ENTER_PTY")) {
		xid = running_or_fail(g);
		join_guest(g, xid);
		shell_argv(g, sh);
		pid = fork();
		if (pid < 0)
			fail(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
		if (!pid) {
			struct ids ids;

			lookup_user("0", &ids);
			become("0", &ids);
			exec_command(sh);
		}
		exit_like_child(pid);
	}
	xid = running_or_fail(g);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		fail(VS_EXIT_FAIL, "cannot make a socket pair: %s",
		     strerror(errno));
	pid = fork();
	if (pid < 0)
		fail(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
	if (!pid) {
		int unlock = 0, slave;
		struct ids ids;
		pid_t sh_pid;

		close(sv[0]);
		join_guest(g, xid);
		master = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (master < 0)
			master = open("/dev/ptmx", O_RDWR | O_NOCTTY |
				      O_CLOEXEC);
		if (master < 0)
			fail(VS_EXIT_FAIL, "%s: no terminal in the guest "
			     "(/dev/pts/ptmx: %s); is devpts in its fstab?",
			     g->name, strerror(errno));
		if (ioctl(master, TIOCSPTLCK, &unlock))
			fail(VS_EXIT_FAIL, "cannot unlock the terminal: %s",
			     strerror(errno));
		slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
		if (slave < 0)
			fail(VS_EXIT_FAIL, "cannot open the terminal: %s",
			     strerror(errno));
		if (send_fd(sv[1], master))
			fail(VS_EXIT_FAIL, "cannot pass the terminal: %s",
			     strerror(errno));
		close(master);
		close(sv[1]);
		shell_argv(g, sh);
		lookup_user("0", &ids);
		sh_pid = fork();
		if (sh_pid < 0)
			fail(VS_EXIT_FAIL, "cannot fork: %s", strerror(errno));
		if (!sh_pid) {
			setsid();
			if (ioctl(slave, TIOCSCTTY, 0) < 0 ||
			    dup2(slave, 0) < 0 || dup2(slave, 1) < 0 ||
			    dup2(slave, 2) < 0)
				fail(126, "cannot set up the terminal: %s",
				     strerror(errno));
			if (slave > 2)
				close(slave);
			become("0", &ids);
			setenv("HOME", ids.home, 1);
			exec_command(sh);
		}
		close(slave);
		/* Keep the caller's terminal out of the guest. */
		{
			int fd = open("/dev/null", O_RDWR);

			if (fd >= 0) {
				dup2(fd, 0);
				dup2(fd, 1);
				dup2(fd, 2);
			}
		}
		exit_like_child(sh_pid);
	}
	close(sv[1]);
	master = recv_fd(sv[0]);
	close(sv[0]);
	if (master >= 0) {
		proxy(master);
		close(master);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return VS_EXIT_FAIL;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
