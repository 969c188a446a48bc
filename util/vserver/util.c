// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - helpers of the front end: progress lines, files, commands, the
 * guest's lock and run state, scriptlets, the failure-injection hook
 */

#define _ATFILE_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontend.h"

char self_exe[VS_PATH_MAX];

void say(const struct guest *g, const char *fmt, ...)
{
	char prefix[300];
	va_list ap;

	if (getenv("VSERVER_QUIET"))
		return;
	snprintf(prefix, sizeof(prefix), "%s: ", g->name);
	va_start(ap, fmt);
	write_fmtv(STDOUT_FILENO, prefix, fmt, ap);
	va_end(ap);
}

void pathf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		dief(VS_EXIT_FAIL, "path too long: '%.100s...'", buf);
}

/* read_file()'s failure: @fd closed, @buf freed, errno @err; NULL. */
static char *read_fail(int fd, char *buf, int err)
{
	free(buf);
	close(fd);
	errno = err;
	return NULL;
}

char *read_file(const char *path, size_t *lenp)
{
	size_t len = 0, size = 4096;
	struct stat st;
	char *buf, *nb;
	/* A FIFO or a device in place of a file must not block or act. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st))
		return read_fail(fd, NULL, errno);
	/* EINVAL: the callers say "not a regular file" for it. */
	if (!S_ISREG(st.st_mode))
		return read_fail(fd, NULL, S_ISDIR(st.st_mode) ? EISDIR :
				 EINVAL);
	buf = malloc(size);
	if (!buf)
		return read_fail(fd, NULL, ENOMEM);
	for (;;) {
		ssize_t n;

		if (len + 1 >= size) {
			if (size >= 1 << 20)
				return read_fail(fd, buf, EFBIG);
			size *= 2;
			nb = realloc(buf, size);
			if (!nb)
				return read_fail(fd, buf, ENOMEM);
			buf = nb;
		}
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return read_fail(fd, buf, errno);
		if (!n)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

int write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		      O_NOFOLLOW, 0644);
	int err;

	if (fd < 0)
		return -1;
	while (len) {
		ssize_t n = write(fd, text, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			close(fd);
			errno = err;
			return -1;
		}
		text += n;
		len -= (size_t)n;
	}
	return close(fd);
}

int mkdir_p(const char *path)
{
	char buf[VS_PATH_MAX];
	char *p;

	if (strlen(path) >= sizeof(buf)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

bool exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

int run_command(char *const argv[], bool quiet)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 127;
	if (!pid) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				dup2(fd, STDERR_FILENO);
			}
		}
		execvp(argv[0], argv);
		warnf("cannot execute '%s': %s", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

int guest_lock(const struct guest *g)
{
	char path[VS_PATH_MAX];
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int fd;

	if (mkdir_p(run_dir()))
		dief(VS_EXIT_FAIL, "cannot create '%s': %s", run_dir(),
		     strerror(errno));
	pathf(path, sizeof(path), "%s/.%s.lock", run_dir(), g->name);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		dief(VS_EXIT_FAIL, "cannot open the lock '%s': %s", path,
		     strerror(errno));
	while (fcntl(fd, F_SETLKW, &fl))
		if (errno != EINTR)
			dief(VS_EXIT_FAIL, "cannot lock '%s': %s", path,
			     strerror(errno));
	return fd;
}

unsigned int ctx_tasks(uint32_t xid)
{
	struct vc_ctx_stat st;

	if (vc_ctx_stat(xid, &st))
		return 0;
	return st.tasks ? st.tasks : 1;
}

uint32_t guest_running(const struct guest *g)
{
	char *text = read_file(g->runfile, NULL);
	char ctxname[VC_VHI_NAME_MAX + 1];
	uint64_t xid;
	size_t n;

	if (!text)
		return 0;
	n = strcspn(text, "\n");
	text[n] = '\0';
	if (!parse_uint(text, VC_XID_MAX, &xid) || xid < 2) {
		free(text);
		unlink(g->runfile);
		return 0;
	}
	free(text);
	/* The context must still be this guest's: its name is the cfgdir. */
	if (ctx_tasks((uint32_t)xid) &&
	    !vc_get_vhi_name((uint32_t)xid, VHIN_CONTEXT, ctxname,
			     sizeof(ctxname)) &&
	    !strcmp(ctxname, g->cfgdir))
		return (uint32_t)xid;
	return 0;
}

bool ctx_wait_gone(uint32_t xid, unsigned int ms)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	unsigned int waited = 0;

	while (ctx_tasks(xid)) {
		if (waited >= ms)
			return false;
		nanosleep(&ts, NULL);
		waited += 50;
	}
	return true;
}

bool fail_step(const char *step)
{
	const char *want = getenv("VSERVER_FAIL_STEP");

	if (want && !strcmp(want, step)) {
		errno = EIO;
		return true;
	}
	return false;
}

/* Runs one scriptlet: executable files directly, others with sh. */
static bool run_hook_file(const struct guest *g, const char *path,
			  const char *hook, const char *cwd)
{
	char *argv[] = { "/bin/sh", (char *)path, (char *)hook,
			 (char *)g->name, NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return false;
	if (!pid) {
		if (chdir(cwd))
			_exit(126);
		if (!access(path, X_OK))
			execv(path, argv + 1);
		else
			execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return true;
	warnf("%s: scriptlet '%s' failed (status %d)", g->name, path,
	      WIFEXITED(status) ? WEXITSTATUS(status) :
	      128 + WTERMSIG(status));
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* <base>/<hook> and <base>/<hook>.d/\*; *any set when one exists. */
static bool run_hooks_in(const struct guest *g, const char *base,
			 const char *hook, const char *cwd, bool *any)
{
	char path[VS_PATH_MAX], dir[VS_PATH_MAX];
	char *names[128];
	struct dirent *de;
	struct stat st;
	size_t n = 0, i;
	bool ok = true;
	DIR *d;

	pathf(path, sizeof(path), "%s/%s", base, hook);
	if (!stat(path, &st) && S_ISREG(st.st_mode)) {
		*any = true;
		ok &= run_hook_file(g, path, hook, cwd);
	}
	pathf(dir, sizeof(dir), "%s/%s.d", base, hook);
	d = opendir(dir);
	if (!d)
		return ok;
	while ((de = readdir(d)) && n < ARRAY_SIZE(names)) {
		if (de->d_name[0] == '.')
			continue;
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		pathf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!stat(path, &st) && S_ISREG(st.st_mode)) {
			*any = true;
			if (ok)
				ok &= run_hook_file(g, path, hook, cwd);
		}
		free(names[i]);
	}
	return ok;
}

bool run_hooks(const struct guest *g, const char *hook)
{
	char base[VS_PATH_MAX];
	const char *cwd;
	bool any = false, ok;

	cwd = (!strcmp(hook, "initialize") || !strcmp(hook, "prepre-start")) ?
	      g->cfgdir : g->vdir;
	pathf(base, sizeof(base), "%s/scripts", g->cfgdir);
	ok = run_hooks_in(g, base, hook, cwd, &any);
	/* The defaults only when the guest has none for this hook. */
	if (!any) {
		pathf(base, sizeof(base), "%s/.defaults/scripts", conf_dir());
		ok &= run_hooks_in(g, base, hook, cwd, &any);
	}
	return ok;
}
