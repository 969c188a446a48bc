// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * common - helpers shared by the vserver tools
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "vserver.h"

const char *tool_name = "vserver";

void tool_init(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	tool_name = slash ? slash + 1 : argv0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static noreturn void write_error(void)
{
	const char *why = strerror(errno);

	warnmsg("write error: ", why);
	exit(EXIT_FAILURE);
}

static void flush(int fd, const char *buf, size_t len)
{
	if (write_all(fd, buf, len) && fd == STDOUT_FILENO)
		write_error();
}

/* Gathers the strings so that a short message takes one write(2). */
void write_strs(int fd, ...)
{
	char buf[512];
	size_t len = 0;
	const char *s;
	va_list ap;

	va_start(ap, fd);
	while ((s = va_arg(ap, const char *))) {
		size_t n = strlen(s);

		if (len + n > sizeof(buf)) {
			flush(fd, buf, len);
			len = 0;
		}
		if (n > sizeof(buf)) {
			flush(fd, s, n);
			continue;
		}
		memcpy(buf + len, s, n);
		len += n;
	}
	va_end(ap);
	flush(fd, buf, len);
}

noreturn void errtryhelp(int status)
{
	write_strs(STDERR_FILENO, "Try '", tool_name,
		   " --help' for more information.\n", (char *)NULL);
	exit(status);
}

/* The one long option "--<word>" names, or NULL. */
static const struct option *find_long_option(const char *word,
					     const struct option *longopts)
{
	size_t len = strcspn(word, "=");
	const struct option *found = NULL, *o;

	for (o = longopts; o->name; o++) {
		if (strncmp(o->name, word, len))
			continue;
		if (!o->name[len])
			return o;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

/* Whether "--<word>" names exactly one long option, used correctly. */
static bool long_option_ok(const char *word, const struct option *longopts)
{
	const struct option *found = find_long_option(word, longopts);

	return found && !(strchr(word, '=') && found->has_arg == no_argument);
}

/* What the last tool_getopt() call was given, for errbadopt(). */
static const char *last_shortopts;
static const struct option *last_longopts;

int tool_getopt(int argc, char *argv[], const char *shortopts,
		const struct option *longopts)
{
	const char *word = optind < argc ? argv[optind] : "";

	last_shortopts = shortopts;
	last_longopts = longopts;

	opterr = 0;
	if (!strncmp(word, "--", 2) && word[2]) {
		const struct option *o = find_long_option(word + 2, longopts);

		/* dietlibc also has its say about a missing argument. */
		if (!long_option_ok(word + 2, longopts) ||
		    (o->has_arg == required_argument && !strchr(word, '=') &&
		     optind + 1 >= argc)) {
			optind++;
			return '?';
		}
	}
	return getopt_long(argc, argv, shortopts, longopts, NULL);
}

int tool_next_opt(int argc, char *argv[], const char *shortopts,
		  const struct option *longopts, void (*usage)(void),
		  int status)
{
	int prev = optind;
	int c = tool_getopt(argc, argv, shortopts, longopts);

	/* dietlibc says ':' for a short option without its value. */
	if (c == '?' || c == ':')
		errbadopt(argv, prev, status);
	if (c == 'h')
		usage();
	if (c == 'V')
		print_version();
	return c;
}

/*
 * Inside a group of short options ("-qz") optind stays put until the
 * group's last letter, so the rejected word is argv[optind] if optind did
 * not move and argv[optind - 1] if it did.
 */
noreturn void errbadopt(char *const argv[], int prev_optind, int status)
{
	const char *word = argv[optind > prev_optind ? optind - 1 : optind];
	char letter[2] = { (char)optopt, '\0' };
	const char *known = optopt && last_shortopts ?
			    strchr(last_shortopts, optopt) : NULL;

	/* A good long option can only have failed for want of an argument. */
	if (!strncmp(word, "--", 2) && last_longopts &&
	    long_option_ok(word + 2, last_longopts))
		warnmsg("option '", word, "' requires an argument");
	else if (!strncmp(word, "--", 2))
		warnmsg("unrecognized option '", word, "'");
	else if (known && known[1] == ':')
		warnmsg("option requires an argument -- '", letter, "'");
	else
		warnmsg("invalid option -- '", letter, "'");
	errtryhelp(status);
}

char *api_str(uint32_t version, char *buf)
{
	char num[VC_FMT_BUFSZ];
	char dotted[VC_VERSION_STRSZ];

	buf[0] = '\0';
	strcat(buf, vc_fmt_uint(num, version >> 16, 16, 4));
	strcat(buf, ":");
	strcat(buf, vc_fmt_uint(num, version & 0xffff, 16, 4));
	strcat(buf, " (");
	strcat(buf, vc_version_str(version, dotted));
	strcat(buf, ")");
	return buf;
}

noreturn void print_version(void)
{
	int version = vc_get_version();
	char buf[API_STRSZ];

	out(tool_name, " (vserver) " VSERVER_UTIL_VERSION "\n");
	if (version == -1)
		out("kernel vserver API: none (", vc_strerror(errno), ")\n");
	else
		out("kernel vserver API: ", api_str((uint32_t)version, buf),
		    "\n");
	exit(EXIT_SUCCESS);
}

noreturn void die_errv(int status, int errnum, ...)
{
	const char *s, *msg = vc_strerror(errnum);
	va_list ap;

	if (errnum == ENOSYS && vc_get_version() == -1)
		die(status, msg);
	write_strs(STDERR_FILENO, tool_name, ": ", (char *)NULL);
	va_start(ap, errnum);
	while ((s = va_arg(ap, const char *)))
		write_strs(STDERR_FILENO, s, (char *)NULL);
	va_end(ap);
	write_strs(STDERR_FILENO, ": ", msg, "\n", (char *)NULL);
	exit(status);
}

noreturn void die_list(int status, const char *what, const char *list,
		       const struct vc_list_error *err)
{
	char entry[128];
	size_t len = err->len < sizeof(entry) - 1 ? err->len :
						   sizeof(entry) - 1;

	memcpy(entry, err->entry, len);
	entry[len] = '\0';
	switch (err->code) {
	case VC_LIST_EMPTY:
		usage_error(status, "empty entry in ", what, " list '", list,
			    "'");
	case VC_LIST_BADBIT:
		usage_error(status, "bad bit number in ", what, " list: '",
			    entry, "'");
	case VC_LIST_BADNUM:
		usage_error(status, "bad number in ", what, " list: '", entry,
			    "'");
	default:
		usage_error(status, "unknown ", what, " '", entry, "'");
	}
}

enum value_file read_value_file(const char *path, char *buf, size_t size,
				int status)
{
	char *start, *end;
	struct stat st;
	size_t len = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return VALUE_ABSENT;
		if (errno == EISDIR)
			return VALUE_DIRECTORY;
		die_err(status, errno, "cannot open '", path, "'");
	}
	if (fstat(fd, &st))
		die_err(status, errno, "cannot read '", path, "'");
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return VALUE_DIRECTORY;
	}
	if (!S_ISREG(st.st_mode))
		die(status, "'", path, "' is not a regular file");
	for (;;) {
		ssize_t n = read(fd, buf + len, size - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die_err(status, errno, "cannot read '", path, "'");
		if (!n)
			break;
		len += (size_t)n;
		if (len == size)
			die(status, "'", path, "' is too large for a value");
	}
	close(fd);
	if (memchr(buf, '\0', len))
		die(status, "'", path, "' is not text (it holds a NUL byte)");
	buf[len] = '\0';
	/* The first line, without blanks around it. */
	buf[strcspn(buf, "\n")] = '\0';
	for (end = buf + strlen(buf); end > buf && strchr(" \t\r", end[-1]);)
		*--end = '\0';
	start = buf + strspn(buf, " \t");
	memmove(buf, start, strlen(start) + 1);
	return VALUE_READ;
}

uint32_t guest_self_xid(int status)
{
	int self = vc_task_xid(0);

	if (self < 0)
		die_err(status, errno, "cannot find the current context");
	if (self <= VC_XID_SPECTATOR)
		usage_error(status, "the caller is in no guest context: ",
			    "give --xid <xid>");
	return (uint32_t)self;
}

bool parse_uint(const char *s, uint64_t max, uint64_t *value)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if ((uint64_t)(*s - '0') > max ||
		    v > (max - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*value = v;
	return true;
}

/* 0 if @path is an executable regular file, else an errno value. */
static int check_file(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return errno == EACCES ? EACCES : ENOENT;
	if (!S_ISREG(st.st_mode) || access(path, X_OK))
		return EACCES;
	return 0;
}

int find_command(const char *cmd)
{
	const char *path = getenv("PATH");
	int found = ENOENT;

	if (!*cmd)
		return ENOENT;
	if (strchr(cmd, '/'))
		return check_file(cmd);
	if (!path)
		path = "/bin:/usr/bin";
	for (;;) {
		const char *end = strchr(path, ':');
		size_t dirlen = end ? (size_t)(end - path) : strlen(path);
		char file[4096];
		int err;

		if (dirlen + 1 + strlen(cmd) < sizeof(file)) {
			/* An empty entry is the current directory. */
			memcpy(file, dirlen ? path : ".", dirlen ? dirlen : 1);
			dirlen = dirlen ? dirlen : 1;
			file[dirlen] = '/';
			strcpy(file + dirlen + 1, cmd);
			err = check_file(file);
			if (!err)
				return 0;
			if (err == EACCES)
				found = EACCES;
		}
		if (!end)
			return found;
		path = end + 1;
	}
}

noreturn void exec_command(char *const argv[])
{
	int err;

	execvp(argv[0], argv);
	err = errno;
	warnmsg("cannot execute '", argv[0], "': ", strerror(err));
	exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
}

noreturn void exit_like_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			die(EXIT_FAILURE, "waitpid: ", strerror(errno));
	}
	if (WIFEXITED(status))
		exit(WEXITSTATUS(status));
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		sigset_t set;

		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), sig);
		exit(128 + sig);
	}
	exit(EXIT_FAILURE);
}

void make_mounts_private(int status)
{
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die_err(status, errno, "cannot make the mounts private");
}

void word_add_list(struct tool_word *w, const char *list)
{
	struct vc_list_error err;

	if (vc_list_parse(w->table, list, &w->change.value, &w->change.mask,
			  &err))
		die_list(EXIT_FAILURE, w->what, list, &err);
}

void words_print(const struct tool_word *w, int n, uint32_t id,
		 const char *kind, const char *name)
{
	char list[VC_LIST_STRSZ];
	int i;

	for (i = 0; i < n; i++) {
		struct vc_flags f;

		if (w[i].get(id, &f))
			die_err(EXIT_FAILURE, errno, "cannot read the ",
				w[i].noun, " of ", kind, " ", name);
		vc_list_format(w[i].table, f.value, list, sizeof(list));
		out(w[i].title, ":\n", list, "\n");
	}
}

void words_set(const struct tool_word *w, int n, uint32_t id,
	       const char *kind, const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!w[i].change.mask)
			continue;
		if (w[i].set(id, &w[i].change))
			die_err(EXIT_FAILURE, errno, "cannot change the ",
				w[i].noun, " of ", kind, " ", name);
	}
}

void ctx_mode_check(const struct ctx_mode *m, const char *id, int status)
{
	int modes = m->create + m->migrate + m->migrate_self;

	if (modes == 0)
		usage_error(status, "one of --create, --migrate and ",
			    "--migrate-self is needed");
	if (modes > 1)
		usage_error(status, "--create, --migrate and ",
			    "--migrate-self exclude each other");
	if (m->migrate && (!m->have_id || m->self_id))
		usage_error(status, "--migrate needs --", id, " <", id, ">");
	if (m->migrate_self && m->have_id)
		usage_error(status, "--migrate-self takes no --", id);
	if (m->flags && !m->create)
		usage_error(status, "--flag is only for --create");
}
