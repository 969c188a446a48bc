// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - a guest's own console, and vserver NAME console
 *
 * A guest's /dev/console is not the host's: start opens a pseudo-terminal
 * from the guest's own devpts (inside the guest, so that it is the
 * guest's: see guestio.c), bind-mounts its slave over the guest's
 * /dev/console in the guest's mount namespace, gives it to the guest's
 * init as its standard streams, and passes the master back to the host.
 * There the console keeper, a small process the monitor of the guest
 * starts and ends, holds the master, appends what the guest writes to
 * /var/log/vservers/<name>/console.log (else <rundir>/<name>.console.log),
 * and serves one client at a time on the UNIX socket
 * <rundir>/<name>.console (mode 0600): vserver <name> console, which
 * copies between the caller's terminal and the console until Ctrl-]
 * (or the end of its input).  Nothing a guest writes to its console
 * reaches the host's console or virtual terminals.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "frontend.h"

#define CONSOLE_DETACH	0x1d	/* Ctrl-] */

static const char *log_base(void)
{
	const char *b = getenv("VSERVER_LOGDIR");

	return b && *b ? b : "/var/log/vservers";
}

static int console_addr(const struct guest *g, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if ((size_t)snprintf(sa->sun_path, sizeof(sa->sun_path),
			     "%s/%s.console", run_dir(), g->name) >=
	    sizeof(sa->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int open_log(const struct guest *g)
{
	char path[VS_PATH_MAX];
	int fd;

	pathf(path, sizeof(path), "%s/%s", log_base(), g->name);
	if (!mkdir_p(path)) {
		chmod(path, 0700);
		pathf(path, sizeof(path), "%s/%s/console.log", log_base(),
		      g->name);
		fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
			  O_CLOEXEC | O_NOCTTY, 0600);
		if (fd >= 0)
			return fd;
	}
	pathf(path, sizeof(path), "%s/%s.console.log", run_dir(), g->name);
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
		    O_CLOEXEC | O_NOCTTY, 0600);
}

static volatile sig_atomic_t keeper_end;

static void on_end(int sig)
{
	(void)sig;
	keeper_end = 1;
}

/* The keeper's descriptors; -1 where there is none. */
struct keeper {
	int master, lfd, logfd, client;
	bool idle;		/* no slave open: the master is not polled */
};

/* The listening socket <rundir>/<name>.console, mode 0600; -1 if none. */
static int keeper_listen(const struct guest *g)
{
	struct sockaddr_un addr;
	int lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (lfd >= 0 && !console_addr(g, &addr)) {
		mode_t old = umask(077);

		unlink(addr.sun_path);
		if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) ||
		    listen(lfd, 1)) {
			close(lfd);
			lfd = -1;
		}
		umask(old);
	}
	return lfd;
}

/* What the guest wrote: to the log and the client. */
static void keeper_output(struct keeper *k)
{
	char buf[4096];
	ssize_t n = read(k->master, buf, sizeof(buf));

	if (n > 0) {
		if (k->logfd >= 0 && !write_all(k->logfd, buf, (size_t)n)) {
			close(k->logfd);
			k->logfd = -1;
		}
		if (k->client >= 0 && !write_all(k->client, buf, (size_t)n)) {
			close(k->client);
			k->client = -1;
		}
	} else if (n < 0 && errno != EINTR && errno != EAGAIN) {
		/* No slave open (EIO): wait, not spin. */
		k->idle = true;
	}
}

/* A new client: the one, or turned away while there is one. */
static void keeper_accept(struct keeper *k)
{
	int c = accept4(k->lfd, NULL, NULL, SOCK_CLOEXEC);

	if (c >= 0 && k->client >= 0) {
		write_all(c, "vserver: the console is in use\r\n", 32);
		close(c);
	} else if (c >= 0) {
		k->client = c;
	}
}

/* What the client typed: to the guest. */
static void keeper_input(struct keeper *k)
{
	char buf[4096];
	ssize_t n = read(k->client, buf, sizeof(buf));

	if (n <= 0 && !(n < 0 && errno == EINTR)) {
		close(k->client);
		k->client = -1;
	} else if (n > 0) {
		write_all(k->master, buf, (size_t)n);
	}
}

noreturn void console_keeper(const struct guest *g, int master)
{
	struct sigaction sa = { .sa_handler = on_end };
	struct keeper k = { .master = master, .client = -1 };
	struct sockaddr_un addr;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* A guest that reads nothing must not stop the keeper. */
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	k.logfd = open_log(g);
	k.lfd = keeper_listen(g);
	while (!keeper_end) {
		struct pollfd p[3] = {
			{ .fd = k.idle ? -1 : master, .events = POLLIN },
			{ .fd = k.lfd, .events = POLLIN },
			{ .fd = k.client, .events = POLLIN },
		};

		k.idle = false;
		if (poll(p, 3, p[0].fd < 0 ? 1000 : -1) < 0)
			continue;
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
			keeper_output(&k);
		if (p[1].revents & POLLIN)
			keeper_accept(&k);
		if (k.client >= 0 &&
		    (p[2].revents & (POLLIN | POLLHUP | POLLERR)))
			keeper_input(&k);
	}
	if (k.lfd >= 0 && !console_addr(g, &addr))
		unlink(addr.sun_path);
	_exit(0);
}

int cmd_console(struct guest *g, int argc, char **argv)
{
	struct io_streams s = { .master = -1, .to_in = -1, .from_out = -1,
				.from_err = -1, .detach = CONSOLE_DETACH };
	struct sockaddr_un addr;
	int i, fd;

	(void)argv;
	if (argc > 1)
		dief(VS_EXIT_USAGE, "console takes no arguments");
	if (guest_load(g))
		warnf("%s: warning: configuration errors", g->name);
	if (!guest_running(g))
		dief(VS_EXIT_FAIL, "%s: not running", g->name);
	if (console_addr(g, &addr))
		dief(VS_EXIT_FAIL, "%s: the console's socket path is too long",
		     g->name);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
		dief(VS_EXIT_FAIL, "%s: no console (%s: %s); was it started "
		     "by this version of vserver?", g->name, addr.sun_path,
		     strerror(errno));
	for (i = 0; i < 3; i++)
		s.tty[i] = isatty(i);
	s.master = fd;
	s.master_is_sock = true;
	if (s.tty[0])
		warnf("%s: console attached; Ctrl-] detaches", g->name);
	io_proxy(&s, -1);
	if (s.master >= 0)
		close(s.master);
	if (s.tty[0])
		write_all(STDERR_FILENO, "\r\n", 2);
	return 0;
}

void console_tail(const struct guest *g, int lines)
{
	char path[VS_PATH_MAX], *text, *p;
	size_t len;
	int n = 0;

	pathf(path, sizeof(path), "%s/%s/console.log", log_base(), g->name);
	text = read_file(path, &len);
	if (!text) {
		pathf(path, sizeof(path), "%s/%s.console.log", run_dir(),
		      g->name);
		text = read_file(path, &len);
	}
	if (!text)
		return;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		text[--len] = '\0';
	for (p = text + len; p > text; p--)
		if (p[-1] == '\n' && ++n >= lines)
			break;
	warnf("%s: the last lines of its console (%s):", g->name, path);
	for (char *c = p; *c; c++)
		if (*c != '\n' && (*c < ' ' || *c == 0x7f) && *c != '\t')
			*c = ' ';
	fprintf(stderr, "%s\n", p);
	free(text);
}
