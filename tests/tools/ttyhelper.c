// SPDX-License-Identifier: GPL-2.0
/*
 * ttyhelper - the two sides of the terminal attacks of t0040/t0041
 *
 * Host side:
 *   ttyhelper hold [--cons] [--input TEXT] [--secret TEXT --wait FILE]
 *             -- CMD...
 *       runs CMD in a new session on a fresh pty (33 rows, 77 columns;
 *       its controlling terminal, fds 0, 1, 2), keeps a slave descriptor and the master,
 *       copies the master's output to stdout after "output:"; --input is
 *       written to the master first (what the admin types); --cons sends
 *       the host's console output (TIOCCONS) to the pty first.  After CMD
 *       ends: --secret is "typed" and FILE waited for (10 s).  Prints
 *         status=N       CMD's exit status
 *         injected=N     bytes waiting in the pty's input (TIOCSTI)
 *         hungup=0|1     whether the pty was hung up (vhangup)
 *   ttyhelper runas UID CMD...   setgid/setuid UID, then exec CMD
 *
 * Guest side (copied into the guest's root):
 *   ttyhelper sti              TIOCSTI of "echo PWNED\n" on fd 0 and on
 *                              /dev/tty; prints what each did
 *   ttyhelper vhangup          vhangup(); prints ok or the errno
 *   ttyhelper daemon FILE      leaves a daemon holding fd 0 and
 *                              /proc/<ppid>/fd/0, which reads a line from
 *                              them and writes it (or the errno) to FILE
 *   ttyhelper fd N MARKER      whether fd N is open; fchdir(N) and whether
 *                              MARKER (relative) is reachable from there
 *   ttyhelper console          writes a line to /dev/console
 *   ttyhelper euid             prints the effective uid
 */

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "ok";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENXIO: return "ENXIO";
	case EIO: return "EIO";
	case EBADF: return "EBADF";
	case ENOTTY: return "ENOTTY";
	case ENOENT: return "ENOENT";
	default: return strerror(e);
	}
}

static void drain(int master, int ms)
{
	char buf[4096];
	struct pollfd p = { .fd = master, .events = POLLIN };

	while (poll(&p, 1, ms) > 0) {
		ssize_t n = read(master, buf, sizeof(buf));

		if (n <= 0)
			break;
		if (write(1, buf, (size_t)n) < 0)
			break;
	}
}

static int hold(int argc, char **argv)
{
	const char *input = NULL, *secret = NULL, *wait_file = NULL;
	int master, slave, i, status, injected = 0, cons = 0;
	struct termios t;
	pid_t pid;

	for (i = 2; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--cons"))
			cons = 1;
		else if (!strcmp(argv[i], "--input") && i + 1 < argc)
			input = argv[++i];
		else if (!strcmp(argv[i], "--secret") && i + 1 < argc)
			secret = argv[++i];
		else if (!strcmp(argv[i], "--wait") && i + 1 < argc)
			wait_file = argv[++i];
	}
	if (i + 1 >= argc) {
		fprintf(stderr, "ttyhelper hold: no command\n");
		return 2;
	}
	argv += i + 1;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master))
		return perror("ptmx"), 2;
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0)
		return perror("pts"), 2;
	{
		/* A size of its own, for the window size check. */
		struct winsize ws = { .ws_row = 33, .ws_col = 77 };

		ioctl(master, TIOCSWINSZ, &ws);
	}
	if (cons && ioctl(slave, TIOCCONS)) {
		perror("TIOCCONS");
		return 2;
	}
	if (input && write(master, input, strlen(input)) < 0)
		return perror("input"), 2;
	fflush(stdout);
	printf("output:\n");
	fflush(stdout);
	pid = fork();
	if (!pid) {
		setsid();
		if (ioctl(slave, TIOCSCTTY, 0))
			perror("TIOCSCTTY");
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		close(master);
		if (slave > 2)
			close(slave);
		execvp(argv[0], argv);
		_exit(127);
	}
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		drain(master, 100);
	}
	drain(master, 0);
	printf("\nstatus=%d\n", WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status));
	if (ioctl(slave, FIONREAD, &injected))
		injected = -1;
	printf("injected=%d\n", injected);
	printf("hungup=%d\n", ioctl(slave, TCGETS, &t) && errno == EIO);
	if (cons) {
		int fd = open("/dev/console", O_RDONLY | O_NOCTTY);

		/* The host's console back to where it was. */
		if (fd >= 0) {
			ioctl(fd, TIOCCONS);
			close(fd);
		}
	}
	if (secret) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		if (write(master, secret, strlen(secret)) < 0 ||
		    write(master, "\n", 1) < 0)
			perror("secret");
		for (i = 0; i < 100 && wait_file && access(wait_file, F_OK);
		     i++) {
			drain(master, 0);
			nanosleep(&ts, NULL);
		}
	}
	fflush(stdout);
	return 0;
}

static void sti(int fd, const char *what)
{
	const char *s = "echo PWNED\n";
	int e = 0;

	for (; *s; s++)
		if (ioctl(fd, TIOCSTI, s)) {
			e = errno;
			break;
		}
	printf("sti %s: %s\n", what, err(e));
}

static int daemon_mode(const char *file)
{
	int p[2], fd0, fdp;
	char path[64], c;
	pid_t parent = getpid();

	if (pipe(p))
		return 1;
	if (fork()) {
		/* The exec'd command ends once the daemon holds the fds. */
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			return 1;
		printf("daemon started\n");
		return 0;
	}
	close(p[0]);
	setsid();
	snprintf(path, sizeof(path), "/proc/%d/fd/0", (int)parent);
	fdp = open(path, O_RDONLY | O_NOCTTY);
	fd0 = dup(0);
	{
		int null = open("/dev/null", O_RDWR);

		dup2(null, 1);
		dup2(null, 2);
	}
	if (write(p[1], "x", 1) != 1)
		_exit(1);
	close(p[1]);
	{
		char buf[256] = "";
		ssize_t n = -1;
		int e = 0, out;
		int fd = fdp >= 0 ? fdp : fd0;
		struct pollfd pf = { .fd = fd, .events = POLLIN };

		/* At most 20 s: the holder types its secret at once. */
		if (fd >= 0 && poll(&pf, 1, 20000) > 0)
			n = read(fd, buf, sizeof(buf) - 1);
		e = errno;
		out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (n > 0) {
			buf[n] = '\0';
			dprintf(out, "read: %s", buf);
		} else {
			dprintf(out, "read: %s (proc fd %s)\n",
				n == 0 ? "EOF" : err(e),
				fdp >= 0 ? "opened" : "not opened");
		}
		close(out);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(m, "hold"))
		return hold(argc, argv);
	if (!strcmp(m, "runas") && argc > 3) {
		gid_t gid = (gid_t)atoi(argv[2]);

		if (setgroups(1, &gid) || setgid(gid) ||
		    setuid((uid_t)atoi(argv[2])))
			return perror("runas"), 2;
		execv(argv[3], argv + 3);
		printf("exec %s: %s\n", argv[3], err(errno));
		return 126;
	}
	if (!strcmp(m, "sti")) {
		int fd;

		sti(0, "fd0");
		fd = open("/dev/tty", O_RDWR | O_NOCTTY);
		if (fd < 0) {
			printf("open /dev/tty: %s\n", err(errno));
		} else {
			printf("open /dev/tty: ok\n");
			sti(fd, "/dev/tty");
		}
		return 0;
	}
	if (!strcmp(m, "vhangup")) {
		signal(SIGHUP, SIG_IGN);
		printf("vhangup: %s\n", err(vhangup() ? errno : 0));
		return 0;
	}
	if (!strcmp(m, "daemon") && argc > 2)
		return daemon_mode(argv[2]);
	if (!strcmp(m, "fd") && argc > 3) {
		int fd = atoi(argv[2]);

		if (fcntl(fd, F_GETFD) < 0) {
			printf("fd %d: %s\n", fd, err(errno));
			return 0;
		}
		printf("fd %d: open\n", fd);
		if (fchdir(fd)) {
			printf("fchdir: %s\n", err(errno));
			return 0;
		}
		printf("escape: %s\n", access(argv[3], F_OK) ? "no" : "yes");
		return 0;
	}
	if (!strcmp(m, "console")) {
		int fd = open("/dev/console", O_WRONLY | O_NOCTTY);
		const char *line = "H14-CONSOLE-MARK\n";

		if (fd < 0 || write(fd, line, strlen(line)) < 0)
			printf("console: %s\n", err(errno));
		else
			printf("console: ok\n");
		return 0;
	}
	if (!strcmp(m, "euid")) {
		printf("euid=%d\n", (int)geteuid());
		return 0;
	}
	fprintf(stderr, "usage: see the comment in ttyhelper.c\n");
	return 2;
}
