// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - the streams between the caller and a command in a guest
 *
 * No descriptor of the caller's goes into a guest: a terminal would let
 * guest code push input into the admin's shell (TIOCSTI), hang it up,
 * keep reading what the admin types after the command ended; a file or a
 * directory would be reopened or fchdir()ed to out of the guest's root.
 * The command gets instead, for each of its standard streams:
 *
 *   - when the caller's stream is a terminal: the slave of a fresh
 *     pseudo-terminal opened from the guest's own devpts (so that it is
 *     the guest's and nothing else: the kernel refuses TIOCSTI and the
 *     like on any other, see vserver.rst), in a new session whose
 *     controlling terminal it is;
 *   - else a pipe.
 *
 * and this file's io_proxy() copies the bytes between the caller's
 * descriptors and the master or the pipes, in the host, until the command
 * ends: the caller's terminal in raw mode (restored after), end of input
 * passed on (the pipe closed; ^D on the terminal), the window size
 * followed (SIGWINCH -> TIOCSWINSZ), and SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT sent on to the command.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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
#ifndef __NR_close_range
#define __NR_close_range	436
#endif

/*
 * close_range(2) is in every kernel this runs on (5.9, the vserver
 * patch is for 6.12): no loop over descriptors.  glibc has a wrapper
 * since 2.34; dietlibc (which says it is glibc) has neither it nor
 * syscall().
 */
int close_from(int lowfd)
{
#if !defined(__dietlibc__) && defined(__GLIBC__) && \
	(__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	return close_range((unsigned int)lowfd, ~0U, 0);
#else
	return (int)sys4(__NR_close_range, lowfd, (long)~0U, 0, 0);
#endif
}

int send_fd(int sock, int fd)
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
	return sendmsg(sock, &mh, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

int recv_fd(int sock)
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
	while (recvmsg(sock, &mh, MSG_CMSG_CLOEXEC) <= 0)
		if (errno != EINTR)
			return -1;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

int open_guest_pty(int *slave)
{
	int unlock = 0, master, err;

	/* The guest's own devpts: the instance mounted on its /dev/pts. */
	master = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		return -1;
	if (ioctl(master, TIOCSPTLCK, &unlock))
		goto fail;
	*slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*slave < 0)
		goto fail;
	return master;
fail:
	err = errno;
	close(master);
	errno = err;
	return -1;
}

int check_ptmx(int fd)
{
	struct stat st;

	/*
	 * What came back from the guest must be a pty's master (ptmx, 5:2,
	 * in devpts or not): we write the caller's input to it and ioctl it.
	 */
	if (fd >= 0 && (fstat(fd, &st) || !S_ISCHR(st.st_mode) ||
			st.st_rdev != (dev_t)(5 << 8 | 2))) {
		warnf("the guest's terminal is no pty master; ignored");
		close(fd);
		return -1;
	}
	return fd;
}

bool write_all(int fd, const char *buf, size_t len)
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

static volatile sig_atomic_t got_winch, got_chld;
static volatile pid_t fwd_pid;

static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
}

static void on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

static void on_fwd(int sig)
{
	if (fwd_pid > 0)
		kill(fwd_pid, sig);
}

static const int fwd_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

void forward_signals(pid_t pid)
{
	struct sigaction sa = { .sa_handler = on_fwd };
	size_t i;

	fwd_pid = pid;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(fwd_sigs); i++)
		sigaction(fwd_sigs[i], &sa, NULL);
}

/* Reads what @fd has and copies it to @out (-1: dropped); false at end. */
static bool pump(int fd, int out, bool *out_ok)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	if (out >= 0 && *out_ok && !write_all(out, buf, (size_t)n))
		*out_ok = false;	/* EPIPE: the rest is dropped */
	return true;
}

static void sync_winsize(int from, int master)
{
	struct winsize ws;

	if (from >= 0 && !ioctl(from, TIOCGWINSZ, &ws))
		ioctl(master, TIOCSWINSZ, &ws);
}

/* io_proxy()'s state. */
struct proxy {
	struct io_streams *s;
	pid_t child;
	int term;		/* the caller's terminal: input from it */
	int out_tty;		/* and output to it */
	int status;		/* the child's, once @done */
	int drain;		/* polls since the child ended */
	bool raw, done, in_open;
	bool out_ok[3];
	int src[3];		/* the master, the output and error pipes */
	struct termios saved;
	struct sigaction old_winch, old_chld, old_pipe;
};

/* The caller's terminal raw, the signals caught, the sources polled. */
static void proxy_start(struct proxy *px)
{
	struct sigaction sa = { .sa_handler = on_winch },
			 ign = { .sa_handler = SIG_IGN };
	struct io_streams *s = px->s;
	int i;

	px->term = px->out_tty = -1;
	for (i = 0; i < 3; i++)
		if (s->tty[i] && px->term < 0)
			px->term = i;
	for (i = 1; i < 3; i++)
		if (s->tty[i] && px->out_tty < 0)
			px->out_tty = i;
	if (s->master_is_sock)
		px->out_tty = 1;
	if (s->master >= 0 && s->tty[0] && isatty(0) &&
	    !tcgetattr(0, &px->saved)) {
		struct termios r = px->saved;

		cfmakeraw(&r);
		px->raw = !tcsetattr(0, TCSANOW, &r);
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, &px->old_winch);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, &px->old_chld);
	sigaction(SIGPIPE, &ign, &px->old_pipe);
	if (px->child > 0)
		forward_signals(px->child);
	if (s->master >= 0 && px->term >= 0)
		sync_winsize(px->term, s->master);
	px->src[0] = s->master;
	px->src[1] = s->from_out;
	px->src[2] = s->from_err;
	for (i = 0; i < 3; i++)
		if (px->src[i] >= 0)
			fcntl(px->src[i], F_SETFL,
			      fcntl(px->src[i], F_GETFL) | O_NONBLOCK);
	px->in_open = s->to_in >= 0 ||
		      (s->master >= 0 && (s->tty[0] || s->master_is_sock));
}

/*
 * Before a poll: the window size, whether the child ended.  Return: the
 * poll's timeout, or -2 when the drain after the child's end is over.
 */
static int proxy_tick(struct proxy *px)
{
	int timeout = -1;

	if (got_winch) {
		got_winch = 0;
		if (px->s->master >= 0)
			sync_winsize(px->term, px->s->master);
	}
	if (!px->done && px->child > 0) {
		pid_t r = waitpid(px->child, &px->status, WNOHANG);

		got_chld = 0;
		if (r == px->child)
			px->done = true;
	}
	if (px->done) {
		/*
		 * What the command wrote before it ended, no more (a daemon
		 * it left may keep its streams open).
		 */
		timeout = 0;
		px->in_open = false;
		if (++px->drain > 256)
			return -2;
	}
	if (!px->done && px->child > 0 && timeout < 0)
		timeout = 1000;	/* a SIGCHLD between check and poll */
	return timeout;
}

/* Copies what the sources have to the caller's 1 and 2. */
static void proxy_outputs(struct proxy *px, const struct pollfd *p)
{
	int i;

	for (i = 0; i < 3; i++) {
		int out = i == 0 ? px->out_tty : i;

		if (px->src[i] < 0 ||
		    !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if (pump(px->src[i], out, &px->out_ok[i ? i : 1]))
			continue;
		/* The master's end (EIO) ends a console. */
		if (i == 0 && px->child <= 0)
			px->done = true;
		if (i != 0 || px->child <= 0) {
			close(px->src[i]);
			px->src[i] = -1;
			if (i == 0)
				px->s->master = -1;
		} else {
			/* Hung up, not ended: stop polling. */
			px->src[i] = -1;
		}
	}
}

/* The caller's input has ended: so does the command's. */
static void proxy_input_end(struct proxy *px, int to)
{
	struct io_streams *s = px->s;

	px->in_open = false;
	if (to == s->to_in && s->to_in >= 0) {
		close(s->to_in);
		s->to_in = -1;
	} else if (to >= 0 && s->master_is_sock) {
		shutdown(to, SHUT_WR);
	} else if (to >= 0) {
		char eof = 4;	/* ^D */

		write_all(to, &eof, 1);
	}
}

enum proxy_next { PROXY_ON, PROXY_POLL, PROXY_END };

/*
 * Copies the caller's input to the command.  Return: PROXY_END at the
 * detach byte, PROXY_POLL to poll again at once, else PROXY_ON.
 */
static enum proxy_next proxy_input(struct proxy *px)
{
	struct io_streams *s = px->s;
	int to = (s->tty[0] || s->master_is_sock) && s->master >= 0 ?
		 s->master : s->to_in;
	char buf[4096], *end;
	ssize_t r = read(0, buf, sizeof(buf));

	if (r < 0 && errno == EINTR)
		return PROXY_POLL;
	if (r <= 0) {
		proxy_input_end(px, to);
		return PROXY_POLL;
	}
	end = s->detach ? memchr(buf, s->detach, (size_t)r) : NULL;
	if (end)
		r = end - buf;
	if (to >= 0 && !write_all(to, buf, (size_t)r))
		px->in_open = false;
	return end ? PROXY_END : PROXY_ON;
}

/* The caller's terminal and signals as they were; the pipes closed. */
static void proxy_stop(struct proxy *px)
{
	int i;

	if (px->raw)
		tcsetattr(0, TCSANOW, &px->saved);
	sigaction(SIGWINCH, &px->old_winch, NULL);
	sigaction(SIGCHLD, &px->old_chld, NULL);
	sigaction(SIGPIPE, &px->old_pipe, NULL);
	fwd_pid = 0;
	if (px->s->to_in >= 0) {
		close(px->s->to_in);
		px->s->to_in = -1;
	}
	for (i = 1; i < 3; i++)
		if (px->src[i] >= 0)
			close(px->src[i]);
}

/* One poll of the sources and the input.  Return: false at the end. */
static bool proxy_step(struct proxy *px)
{
	struct pollfd p[4];
	int i, n, timeout = proxy_tick(px);

	if (timeout == -2)
		return false;
	for (i = 0; i < 3; i++) {
		p[i].fd = px->src[i];
		p[i].events = POLLIN;
	}
	p[3].fd = px->in_open ? 0 : -1;
	p[3].events = POLLIN;
	n = poll(p, 4, timeout);
	if (n < 0)
		return errno == EINTR;
	if (!n)
		return !px->done;
	proxy_outputs(px, p);
	if (px->in_open && (p[3].revents & (POLLIN | POLLHUP | POLLERR))) {
		enum proxy_next next = proxy_input(px);

		if (next != PROXY_ON)
			return next == PROXY_POLL;
	}
	return !(px->child <= 0 && px->src[0] < 0);
}

int io_proxy(struct io_streams *s, pid_t child)
{
	struct proxy px = { .s = s, .child = child,
			    .out_ok = { true, true, true } };

	proxy_start(&px);
	while (proxy_step(&px))
		;
	proxy_stop(&px);
	if (child <= 0)
		return 0;
	while (!px.done && waitpid(child, &px.status, 0) < 0)
		if (errno != EINTR)
			return VS_EXIT_FAIL;
	if (WIFEXITED(px.status))
		return WEXITSTATUS(px.status);
	return 128 + WTERMSIG(px.status);
}
