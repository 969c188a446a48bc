// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - the guest's init in the sysv style (pid 1 of the guest)
 *
 * A sysv guest runs its distribution's rc scripts, not its own init: the
 * front end's process that becomes pid 1 of the guest's pid namespace
 * stays there as a small init, which does what sysvinit does for a
 * server that has no terminals:
 *
 *   - it is called "init" ([runlevel]): comm and the command line, so
 *     that ps in the guest shows init, not the host's command line;
 *   - boot: /etc/init.d/rcS (RUNLEVEL=S), then /etc/init.d/rc <runlevel>
 *     (RUNLEVEL=<runlevel>, PREVLEVEL=N), their output on the guest's
 *     console; the start command learns the rc script's exit status;
 *   - utmp and wtmp: a BOOT_TIME record and a RUN_LVL record per change
 *     (what runlevel(8), who -r and who -b read), utmp made anew at boot
 *     (owned by the group utmp, as logins write it);
 *   - it reaps orphans;
 *   - /run/initctl: a FIFO that takes sysvinit's requests (struct
 *     initreq: magic 0x03091969, INIT_CMD_RUNLVL and the runlevel), as
 *     telinit, shutdown, halt and reboot send them: a new runlevel runs
 *     "/etc/init.d/rc <level>"; 0 and 6 run the stop scripts (rc 0, rc 6),
 *     end the guest's remaining processes (SIGTERM, then SIGKILL) and end
 *     the guest with reboot(2): LINUX_REBOOT_CMD_RESTART for 6 (the
 *     monitor of vserver start starts it again), POWER_OFF for 0;
 *   - SIGTERM, SIGINT and SIGPWR (vserver stop, a Ctrl-Alt-Del) run the
 *     stop runlevel (apps/init/runlevel.stop) the same way and end with
 *     a halt.  SIGUSR1 opens /run/initctl anew, SIGHUP and the other
 *     requests are accepted and do nothing.
 *
 * Nothing of the host is reachable from here: this runs after the pivot
 * into the guest's root, with the guest's console as its streams.
 */

#define _ATFILE_SOURCE 1

#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontend.h"

#ifndef __NR_reboot
#define __NR_reboot	169
#endif

#define INITCTL		"/run/initctl"
#define UTMP_FILE	"/var/run/utmp"
#define WTMP_FILE	"/var/log/wtmp"

/* sysvinit's request on /run/initctl (initreq.h), 384 bytes. */
#define INITREQ_MAGIC	0x03091969
#define INIT_CMD_RUNLVL	1
struct initreq {
	int32_t magic;
	int32_t cmd;
	int32_t runlevel;
	int32_t sleeptime;
	char data[368];
};

/*
 * A utmp record as glibc writes it on x86_64 (struct utmp, 384 bytes),
 * spelled out so that dietlibc's own layout does not matter.
 */
#define UT_RUN_LVL	1
#define UT_BOOT_TIME	2
struct vutmp {
	int16_t type;
	int16_t pad;
	int32_t pid;
	char line[32];
	char id[4];
	char user[32];
	char host[256];
	int16_t termination, exit;
	int32_t session;
	int32_t tv_sec, tv_usec;
	int32_t addr_v6[4];
	char unused[20];
};

_Static_assert(sizeof(struct initreq) == 384, "struct initreq");
_Static_assert(sizeof(struct vutmp) == 384, "struct utmp");

struct vinit {
	const struct guest *g;
	char **env;		/* the base environment, RUNLEVEL etc. added */
	char level, prev;	/* the current and the previous runlevel */
	int report_fd;
	int fifo;
	int sigpipe[2];
};

static volatile sig_atomic_t got_stop, got_usr1;
static int sig_wfd = -1;

static void on_signal(int sig)
{
	int e = errno;
	char c = (char)sig;

	if (sig == SIGTERM || sig == SIGINT || sig == SIGPWR)
		got_stop = 1;
	else if (sig == SIGUSR1)
		got_usr1 = 1;
	if (sig_wfd >= 0 && write(sig_wfd, &c, 1) < 0)
		errno = e;
	errno = e;
}

/* A line on the console (our standard error). */
static void say_console(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void say_console(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 2, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 3)
		n = sizeof(buf) - 3;
	buf[n++] = '\r';
	buf[n++] = '\n';
	write_all(STDERR_FILENO, buf, (size_t)n);
}

/*
 * The command line: the host's argv area becomes "init [N]" followed by
 * NULs, and comm "init".  The host's environment strings (this process
 * is a fork of the host's vserver start, and /proc/1/environ is the
 * guest's to read) are wiped at the first call.
 */
static void set_name(char level)
{
	static char *area;
	static size_t size;
	extern char **environ;
	char name[32];
	int i;

	prctl(PR_SET_NAME, (unsigned long)"init", 0, 0, 0);
	if (!area && main_argv && main_argv[0]) {
		char *end;

		area = main_argv[0];
		end = area + strlen(area) + 1;
		for (i = 1; main_argv[i]; i++)
			if (main_argv[i] == end)
				end += strlen(end) + 1;
		size = (size_t)(end - area);
		for (i = 1; main_argv[i]; i++)
			main_argv[i] = NULL;
		for (i = 0; environ && environ[i]; i++)
			memset(environ[i], 0, strlen(environ[i]));
	}
	if (!area || size < 2)
		return;
	if (level)
		snprintf(name, sizeof(name), "init [%c]", level);
	else
		snprintf(name, sizeof(name), "init");
	memset(area, 0, size);
	memcpy(area, name, strlen(name) < size - 1 ? strlen(name) : size - 1);
}

/* --- utmp and wtmp ---------------------------------------------------- */

/* The gid of the group utmp in the guest's /etc/group, else 0. */
static gid_t utmp_gid(void)
{
	char *text = read_file("/etc/group", NULL), *p;
	gid_t gid = 0;

	if (!text)
		return 0;
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, "utmp:", 5)) {
			char *c = strchr(p + 5, ':');

			if (c)
				gid = (gid_t)strtoul(c + 1, NULL, 10);
			break;
		}
	}
	free(text);
	return gid;
}

static void utmp_record(struct vutmp *u, int type, const char *user,
			int32_t pid)
{
	struct timeval tv;

	memset(u, 0, sizeof(*u));
	gettimeofday(&tv, NULL);
	u->type = (int16_t)type;
	u->pid = pid;
	memcpy(u->line, "~", 2);
	memcpy(u->id, "~~", 2);
	snprintf(u->user, sizeof(u->user), "%s", user);
	u->tv_sec = (int32_t)tv.tv_sec;
	u->tv_usec = (int32_t)tv.tv_usec;
}

static int open_log_file(const char *path, int flags)
{
	int fd = open(path, flags | O_WRONLY | O_CLOEXEC | O_NOFOLLOW |
		      O_NOCTTY, 0664);

	if (fd >= 0 && (flags & O_CREAT)) {
		struct stat st;

		if (!fstat(fd, &st) && S_ISREG(st.st_mode) && !st.st_size &&
		    fchown(fd, 0, utmp_gid()))
			say_console("init: cannot chown %s: %s", path,
				    strerror(errno));
	}
	return fd;
}

static void wtmp_append(const struct vutmp *u)
{
	int fd = open_log_file(WTMP_FILE, O_APPEND | O_CREAT);

	if (fd < 0)
		return;
	if (!write_all(fd, (const char *)u, sizeof(*u)))
		say_console("init: cannot write %s: %s", WTMP_FILE,
			    strerror(errno));
	close(fd);
}

/* utmp slot 0 is the boot, slot 1 the runlevel: both ours, made first. */
static void utmp_write(const struct vutmp *u, off_t slot)
{
	int fd = open_log_file(UTMP_FILE, O_CREAT);

	if (fd < 0) {
		say_console("init: cannot open %s: %s", UTMP_FILE,
			    strerror(errno));
		return;
	}
	if (pwrite(fd, u, sizeof(*u), slot * (off_t)sizeof(*u)) !=
	    (ssize_t)sizeof(*u))
		say_console("init: cannot write %s: %s", UTMP_FILE,
			    strerror(errno));
	close(fd);
}

static void record_boot(void)
{
	struct vutmp u;
	int fd;

	/* utmp is made anew: the sessions of before the boot are gone. */
	unlink(UTMP_FILE);
	fd = open_log_file(UTMP_FILE, O_CREAT | O_TRUNC);
	if (fd >= 0)
		close(fd);
	utmp_record(&u, UT_BOOT_TIME, "reboot", 0);
	utmp_write(&u, 0);
	wtmp_append(&u);
}

static void record_level(struct vinit *v)
{
	struct vutmp u;

	utmp_record(&u, UT_RUN_LVL, "runlevel",
		    (int32_t)((unsigned char)v->level +
			      256 * (unsigned char)v->prev));
	utmp_write(&u, 1);
	wtmp_append(&u);
	set_name(v->level);
}

/* --- running the rc scripts ------------------------------------------ */

/* The environment of a script: the base, then RUNLEVEL and PREVLEVEL. */
static void script_env(const struct vinit *v, char level, char prev,
		       char **env, size_t max)
{
	static char rl[16], pl[16];
	size_t n = 0, i;

	for (i = 0; v->env[i] && n < max - 6; i++)
		if (strncmp(v->env[i], "RUNLEVEL=", 9) &&
		    strncmp(v->env[i], "PREVLEVEL=", 10))
			env[n++] = v->env[i];
	snprintf(rl, sizeof(rl), "RUNLEVEL=%c", level);
	snprintf(pl, sizeof(pl), "PREVLEVEL=%c", prev);
	env[n++] = rl;
	env[n++] = pl;
	env[n++] = "CONSOLE=/dev/console";
	env[n++] = "INIT_VERSION=vserver-init";
	env[n] = NULL;
}

/*
 * Runs @argv and waits for it, reaping whatever else ends meanwhile.
 * Return: its exit status (128 + signal), 127 if it could not run.
 */
static int run_script(const struct vinit *v, char *const argv[], char level,
		      char prev)
{
	char *env[VS_MAX_ARGS + 8];
	sigset_t none;
	int status;
	pid_t pid, r;

	if (access(argv[0], X_OK)) {
		say_console("init: %s: %s", argv[0], strerror(errno));
		return 127;
	}
	script_env(v, level, prev, env, ARRAY_SIZE(env));
	pid = fork();
	if (pid < 0) {
		say_console("init: cannot fork %s: %s", argv[0],
			    strerror(errno));
		return 127;
	}
	if (!pid) {
		struct sigaction dfl = { .sa_handler = SIG_DFL };
		int s;

		for (s = 1; s < NSIG; s++)
			sigaction(s, &dfl, NULL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/*
		 * A session of its own; the console (our standard streams,
		 * the guest's own pty) is no controlling terminal: a script
		 * that hangs it up would take init's streams with it.
		 */
		setsid();
		execve(argv[0], argv, env);
		say_console("init: cannot execute %s: %s", argv[0],
			    strerror(errno));
		_exit(127);
	}
	for (;;) {
		r = waitpid(-1, &status, 0);
		if (r == pid)
			break;
		if (r < 0 && errno == ECHILD)
			return 127;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status);
}

static int run_rc(const struct vinit *v, char level, char prev)
{
	char arg[2] = { level, '\0' };
	char *argv[] = { "/etc/init.d/rc", arg, NULL };

	return run_script(v, argv, level, prev);
}

static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* --- /run/initctl ----------------------------------------------------- */

static void open_initctl(struct vinit *v)
{
	struct stat st;

	if (v->fifo >= 0)
		close(v->fifo);
	v->fifo = -1;
	if (!lstat(INITCTL, &st) && !S_ISFIFO(st.st_mode))
		unlink(INITCTL);
	if (mkfifo(INITCTL, 0600) && errno != EEXIST) {
		say_console("init: cannot make %s: %s", INITCTL,
			    strerror(errno));
		return;
	}
	/* Read and write: the last writer's close is no end of file. */
	v->fifo = open(INITCTL, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	if (v->fifo < 0)
		say_console("init: cannot open %s: %s", INITCTL,
			    strerror(errno));
}

/* --- the end ------------------------------------------------------------ */

static void kill_rest(void)
{
	int i;

	kill(-1, SIGTERM);
	kill(-1, SIGCONT);
	/* Up to 5 s for them to end, then SIGKILL. */
	for (i = 0; i < 50; i++) {
		reap();
		if (kill(-1, 0) && errno == ESRCH)
			return;
		usleep(100000);
	}
	kill(-1, SIGKILL);
	for (i = 0; i < 50; i++) {
		reap();
		if (kill(-1, 0) && errno == ESRCH)
			return;
		usleep(100000);
	}
}

/*
 * Runlevel 0 or 6 (or the stop runlevel): the stop scripts, the rest of
 * the guest's processes ended, then reboot(2) with @cmd, which in a guest
 * ends the guest and tells the host why.
 */
static noreturn void end_guest(struct vinit *v, char level, unsigned int cmd)
{
	struct vutmp u;

	v->prev = v->level;
	v->level = level;
	record_level(v);
	say_console("init: switching to runlevel %c", level);
	run_rc(v, level, v->prev);
	kill_rest();
	utmp_record(&u, UT_RUN_LVL, "shutdown", 0);
	wtmp_append(&u);
	sync();
	if (v->fifo >= 0)
		close(v->fifo);
	unlink(INITCTL);
	say_console("init: the guest %s", cmd == LINUX_REBOOT_CMD_RESTART ?
		    "restarts" : "halts");
	sys4(__NR_reboot, (long)LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	     (long)cmd, 0);
	say_console("init: reboot(2): %s; ending", strerror(errno));
	_exit(0);
}

/* A stop from the host: the stop runlevel (0 or 6), then a halt. */
static noreturn void stop_guest(struct vinit *v)
{
	char stop = v->g->runlevel_stop[0];

	if ((stop != '0' && stop != '6') || v->g->runlevel_stop[1])
		stop = '0';
	end_guest(v, stop, LINUX_REBOOT_CMD_POWER_OFF);
}

static void new_level(struct vinit *v, char level)
{
	if (level >= 'a' && level <= 'z')
		level = (char)(level - 'a' + 'A');
	switch (level) {
	case '0':
		end_guest(v, level, LINUX_REBOOT_CMD_POWER_OFF);
	case '6':
		end_guest(v, level, LINUX_REBOOT_CMD_RESTART);
	case '1': case '2': case '3': case '4': case '5': case 'S':
		if (level == 'S')
			level = '1';
		if (level == v->level)
			return;
		v->prev = v->level;
		v->level = level;
		record_level(v);
		say_console("init: switching to runlevel %c", level);
		run_rc(v, level, v->prev);
		return;
	default:
		/* Q (reload), U (re-execute), A-C (ondemand): nothing. */
		return;
	}
}

static void read_requests(struct vinit *v)
{
	struct initreq req;
	ssize_t n;

	for (;;) {
		n = read(v->fifo, &req, sizeof(req));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		if (n != (ssize_t)sizeof(req) || req.magic != INITREQ_MAGIC) {
			say_console("init: a malformed request on %s", INITCTL);
			continue;
		}
		if (req.cmd == INIT_CMD_RUNLVL)
			new_level(v, (char)req.runlevel);
	}
}

/* The runlevel's first character, if it is one. */
static char level_of(const char *s, char dflt)
{
	if (s && s[0] && !s[1] && ((s[0] >= '0' && s[0] <= '6') ||
				   s[0] == 'S' || s[0] == 's'))
		return s[0] == 's' ? 'S' : s[0];
	return dflt;
}

/* The signals init acts on, written to its self-pipe. */
static void catch_signals(struct vinit *v)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGPWR, SIGHUP,
				    SIGUSR1 };
	struct sigaction sa = { .sa_handler = on_signal };
	size_t i;

	if (pipe2(v->sigpipe, O_CLOEXEC | O_NONBLOCK) == 0)
		sig_wfd = v->sigpipe[1];
	else
		v->sigpipe[0] = -1;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < ARRAY_SIZE(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The boot: rcS, then the runlevel, whose status goes to start. */
static void boot(struct vinit *v, char level)
{
	char *rcs[] = { "/etc/init.d/rcS", NULL };
	char buf[64];
	int st;

	if (!access(rcs[0], F_OK)) {
		st = run_script(v, rcs, 'S', 'N');
		if (st)
			say_console("init: %s exited with %d", rcs[0], st);
	}
	record_boot();
	v->level = level;
	record_level(v);
	open_initctl(v);
	if (got_stop)
		stop_guest(v);
	st = run_rc(v, level, 'N');
	snprintf(buf, sizeof(buf), "%c%d\n", REPORT_RC, st);
	write_all(v->report_fd, buf, strlen(buf));
	close(v->report_fd);
}

noreturn void vinit(const struct guest *g, char **env, int report_fd)
{
	struct vinit v = { .g = g, .env = env, .level = 'N', .prev = 'N',
			   .report_fd = report_fd, .fifo = -1 };
	char buf[64];

	set_name(0);
	catch_signals(&v);
	umask(022);
	boot(&v, level_of(g->runlevel, '3'));
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = v.fifo, .events = POLLIN },
			{ .fd = v.sigpipe[0], .events = POLLIN },
		};

		reap();
		if (got_stop)
			stop_guest(&v);
		if (got_usr1) {
			got_usr1 = 0;
			open_initctl(&v);
		}
		if (poll(p, 2, -1) < 0)
			continue;
		if (p[1].revents & POLLIN)
			while (read(v.sigpipe[0], buf, sizeof(buf)) > 0)
				;
		if (v.fifo >= 0 && (p[0].revents & POLLIN))
			read_requests(&v);
	}
}
