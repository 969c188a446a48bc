/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vserver - the front end's private header: a guest's configuration as
 * read from /etc/vservers/<name>/, and the operations on it
 *
 * One concern per file: conftext.c parses the text of configuration files
 * (no I/O, fuzzed), config.c reads a configuration directory, util.c holds
 * paths, files, locks, commands and the run state, build.c, delete.c,
 * start.c, stop.c and enter.c the commands, main.c the command line.
 */

#ifndef _VSERVER_FRONTEND_H
#define _VSERVER_FRONTEND_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "common.h"
#include "vserver.h"

/* Exit statuses, as util-vserver's vserver(8). */
#define VS_EXIT_FAIL		1
#define VS_EXIT_USAGE		2	/* unknown command, bad usage */
#define VS_EXIT_STOPPED		3	/* status: not running */
#define VS_EXIT_NOGUEST		5	/* no such guest */

#define VS_PATH_MAX		4096
#define VS_MAX_IFACES		64
#define VS_MAX_MOUNTS		64
#define VS_MAX_ARGS		64
#define VS_MAX_KILLSEQ		16

/* --- conftext.c: the text of configuration files ---------------------- */

/*
 * Why a text was refused: conf_* functions return -1 and fill this in,
 * with @line the 1-based line and @msg what is wrong.
 */
struct conf_err {
	unsigned int line;
	char msg[256];
};

/**
 * conf_next_line - the next line of a text, for the list and argv files
 * @text: the text; *@pos is the offset of the next line
 * @len: its length
 * @pos: in/out, the offset
 * @lineno: in/out, the line number of the line returned
 * @line: receives a pointer to the line (not NUL-terminated)
 * @linelen: receives its length, without the newline
 *
 * Return: true if a line was returned.
 */
bool conf_next_line(const char *text, size_t len, size_t *pos,
		    unsigned int *lineno, const char **line, size_t *linelen);

/**
 * conf_check_text - refuse what no configuration file may hold
 * @text: the text
 * @len: its length
 * @err: filled in on failure
 *
 * A NUL byte or a carriage return (DOS line ends) is refused.
 *
 * Return: 0, or -1.
 */
int conf_check_text(const char *text, size_t len, struct conf_err *err);

/**
 * conf_scalar - the first line of a scalar file, blanks trimmed
 * @text: the text
 * @len: its length
 * @buf: receives the value
 * @size: size of @buf
 * @err: filled in on failure: an empty first line, a value too long
 *
 * Return: 0, or -1.
 */
int conf_scalar(const char *text, size_t len, char *buf, size_t size,
		struct conf_err *err);

/**
 * conf_list - apply a list file ("name" per line or comma-separated,
 *             "#" comments, blank lines) to a word
 * @table: the names
 * @what: what the list names, for messages ("bcapability")
 * @text: the text
 * @len: its length
 * @value: the word
 * @mask: collects the bits named
 * @err: filled in on failure (the line of the bad entry)
 *
 * Return: 0, or -1.
 */
int conf_list(const struct vc_name_table *table, const char *what,
	      const char *text, size_t len, uint64_t *value, uint64_t *mask,
	      struct conf_err *err);

/**
 * conf_argv - split an argv file (one element per line) into words
 * @text: the text, NUL-terminated; it is changed in place
 * @len: its length
 * @argv: receives pointers into @text, NULL-terminated
 * @max: room in @argv, the NULL included
 * @comments: skip blank lines and lines starting with '#'
 * @err: filled in on failure (too many, none at all)
 *
 * Return: the number of words, or -1.
 */
int conf_argv(char *text, size_t len, char **argv, int max, bool comments,
	      struct conf_err *err);

/* A killseq: signal, then (wait seconds, signal) pairs. */
struct conf_killseq {
	int n;				/* signals */
	int sig[VS_MAX_KILLSEQ];
	unsigned int wait[VS_MAX_KILLSEQ];	/* after sig[i], for i < n-1 */
};

/**
 * conf_killseq - parse apps/init/killseq ("15 5 9": blanks or lines)
 * @text: the text
 * @len: its length
 * @ks: receives the sequence
 * @err: filled in on failure
 *
 * Return: 0, or -1.
 */
int conf_killseq(const char *text, size_t len, struct conf_killseq *ks,
		 struct conf_err *err);

/* One line of a guest's fstab. */
struct conf_mount {
	char src[256];
	char dst[256];		/* absolute, inside the guest */
	char type[32];
	unsigned long flags;	/* MS_* */
	char data[256];		/* the options mount(2) does not know */
	unsigned int line;
};

/**
 * conf_fstab_line - parse one non-comment line of fstab
 * @line: the line (not NUL-terminated)
 * @len: its length
 * @m: receives the entry
 * @err: filled in on failure (message only; the caller sets the line)
 *
 * "<src> <dst> <type> <options> [<dump> [<pass>]]".
 *
 * Return: 0, or -1.
 */
int conf_fstab_line(const char *line, size_t len, struct conf_mount *m,
		    struct conf_err *err);

/**
 * conf_interface_spec - parse a build --interface "[name=][dev:]ip[/prefix]"
 * @spec: the text
 * @name: receives the name (label), "" if none; 16 bytes
 * @addr: receives the address, its device in @addr->dev
 * @err: filled in on failure
 *
 * Return: 0, or -1.
 */
int conf_interface_spec(const char *spec, char *name,
			struct vc_net_addr *addr, struct conf_err *err);

/* --- config.c: a guest's configuration ------------------------------- */

/* INIT_SYSTEMD: style "systemd", or plain with /sbin/init a link to
 * systemd (util-vserver had no such style; guest_load tells them apart). */
enum init_style { INIT_SYSV, INIT_PLAIN, INIT_SYSTEMD };

struct guest_iface {
	char id[64];			/* the directory name */
	struct vc_net_addr addr;	/* ip, prefix; dev in addr.dev */
	char ip[VC_NET_IP_STRSZ];
	char label[16];			/* name: "<dev>:<name>" */
	bool nodev, down;
};

struct guest {
	char name[256];			/* basename of the cfgdir */
	char display[256];		/* name file, else @name */
	char cfgdir[VS_PATH_MAX];
	char vdir[VS_PATH_MAX];
	char runfile[VS_PATH_MAX];	/* /var/run/vservers/<name> */
	bool have_xid;
	uint32_t xid, nid;
	struct vc_flags cflags;		/* changes after create */
	uint64_t bcaps, ccaps;		/* whole words */
	uint64_t bcaps_named;		/* the bits bcapabilities names */
	struct vc_flags nflags;
	uint64_t ncaps;
	int niface;
	struct guest_iface iface[VS_MAX_IFACES];
	bool rlimit_set[VC_RLIMIT_IDS];
	struct vc_rlimit rlimit[VC_RLIMIT_IDS];
	bool have_sched;
	struct vc_sched sched;
	char *uts[VHIN_DOMAINNAME + 1];	/* NULL: not set */
	enum init_style style;
	char runlevel[32], runlevel_stop[32];
	char *cmd_start[VS_MAX_ARGS], *cmd_stop[VS_MAX_ARGS];
	char *environ[VS_MAX_ARGS];
	char *shell[VS_MAX_ARGS];
	char mark[64];
	struct conf_killseq killseq;
	int nmount;
	struct conf_mount mount[VS_MAX_MOUNTS];
	bool disabled;
};

/* Where configurations and run files live ($VSERVER_CONFDIR, ...). */
const char *conf_dir(void);
const char *run_dir(void);

/**
 * guest_locate - find a guest's configuration directory
 * @arg: a name (CONFDIR/<name>) or a path with a '/'
 * @g: receives name, cfgdir and runfile; the rest zeroed
 *
 * Return: true if the directory exists.
 */
bool guest_locate(const char *arg, struct guest *g);

/**
 * guest_load - read and check the whole configuration
 * @g: located by guest_locate()
 *
 * Prints one "file:line: what" message per problem to standard error.
 *
 * Return: 0, or the number of problems.
 */
int guest_load(struct guest *g);

/* The default vdir base (.defaults/vdirbase, else /vservers). */
void conf_vdirbase(char *buf, size_t size);

/* --- util.c ----------------------------------------------------------- */

/* snprintf to a buffer that must be big enough; dies if not. */
void pathf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Messages are common.h's (warnf(), dief(), usage_error() ...); say() is
 * the front end's progress line: "<name>: <text>" on standard output,
 * none with $VSERVER_QUIET.
 */
void say(const struct guest *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * read_file - read a whole file (at most 1 MiB), NUL-terminated
 * @path: the file
 * @len: receives its length; may be NULL
 *
 * Return: a malloc'ed buffer, or NULL with errno set (ENOENT: none).
 */
char *read_file(const char *path, size_t *len);

/* Writes @text to @path (created 0644, truncated); -1 with errno. */
int write_file(const char *path, const char *text);

/* mkdir -p with mode 0755; -1 with errno. */
int mkdir_p(const char *path);

/* Whether @path exists (lstat). */
bool exists(const char *path);

/**
 * run_command - fork, exec and wait
 * @argv: the command
 * @quiet: standard output and error to /dev/null
 *
 * Return: its exit status, 128 + signal, or 127 if it could not run.
 */
int run_command(char *const argv[], bool quiet);

/* Takes the guest's lock (blocks); returns the descriptor. */
int guest_lock(const struct guest *g);

/* The guest's xid if it runs, else 0; removes a stale run file. */
uint32_t guest_running(const struct guest *g);

/* Number of tasks of a context; 0 if it is gone. */
unsigned int ctx_tasks(uint32_t xid);

/* Waits until context @xid is gone, at most @ms; true if gone. */
bool ctx_wait_gone(uint32_t xid, unsigned int ms);

/**
 * fail_step - the step the test hook $VSERVER_FAIL_STEP names
 * @step: the step about to be done
 *
 * Return: true if the test asks this step to fail (it then fails with
 * EIO, as if the kernel had refused).
 */
bool fail_step(const char *step);

/* Runs the guest's scriptlets of a hook; false if one failed. */
bool run_hooks(const struct guest *g, const char *hook);


/* --- rootpath.c: paths inside a guest's root ------------------------- */

/*
 * Every path in a guest's root is resolved relative to a descriptor of the
 * root with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS), and what is
 * created is made with the *at() calls on the resolved directory, never
 * following a link in the last component.  The rp_* functions print
 * "cannot <what> /<path> in the guest's root: <reason>" on failure and
 * return -1 with errno set.
 */

/* openat2(RESOLVE_IN_ROOT): @path resolved as if @rootfd were "/". */
int open_in_root(int rootfd, const char *path, int flags);
/* The root itself, O_PATH; -1 with a message. */
int root_open(const char *vdir);
/* mkdir, mode @mode exactly; an existing directory or symbolic link
 * (the guest's, not followed) is left as it is. */
int rp_mkdir(int rootfd, const char *rel, mode_t mode);
int rp_mkdir_p(int rootfd, const char *rel, mode_t mode);
/* Writes a regular file (created or truncated, mode @mode exactly; its
 * directories are made); a link in its place is an error. */
int rp_write(int rootfd, const char *rel, const char *text, mode_t mode);
/* Copies the host file @src into the root as @rel. */
int rp_copy(int rootfd, const char *rel, const char *src, mode_t mode);
/* A device node or a symbolic link, unless @rel exists already. */
int rp_mknod(int rootfd, const char *rel, mode_t mode, dev_t dev);
int rp_symlink(int rootfd, const char *rel, const char *target);
/* Removes @rel (not a directory); 0 if it does not exist. */
int rp_unlink(int rootfd, const char *rel);

/* --- apifs.c: the guest's API file systems (start) ---------------- */

/* /dev, /dev/pts, /dev/shm, /dev/mqueue, /run, /run/lock on the root
 * (before fstab's mounts); /proc, /sys, /sys/fs/cgroup by its pid 1.
 * Return: 0, or -1 with errno and apifs_error() saying what failed. */
int apifs_early(const struct guest *g, int rootfd);
int apifs_late(const struct guest *g, int rootfd, bool cgroup);
const char *apifs_error(void);
/* rmdir of a guest's cgroup and of the ones its init made under it. */
int cgroup_remove_tree(const char *dir);
/* systemd guests: runtime drop-ins in the fresh /run (by pid 1). */
int apifs_systemd_dropins(void);
/* A plain guest whose /sbin/init is systemd becomes INIT_SYSTEMD. */
void apifs_detect_systemd(struct guest *g);
/* The last @lines lines of the guest's console log, to stderr. */
void console_tail(const struct guest *g, int lines);

/* The guest's cgroup directory. */
void guest_cgroup(const struct guest *g, char *buf, size_t size);

/* The path of this program, for the restart after a guest's reboot. */
extern char self_exe[VS_PATH_MAX];

/* --- guestio.c: the streams of a command in a guest ------------------ */

/* The host's side of a command's streams; -1 where there is none. */
struct io_streams {
	int master;		/* the pty's master, for the terminal streams */
	int to_in;		/* the pipe to its standard input */
	int from_out, from_err;	/* the pipes from its output and errors */
	bool tty[3];		/* the caller's 0, 1, 2 are terminals */
	bool master_is_sock;	/* @master is a console's socket */
	char detach;		/* this input byte ends the proxy; 0: none */
};

/* close_range(@lowfd, ~0U, 0): 0, or -1 with errno. */
int close_from(int lowfd);
/* SCM_RIGHTS over a UNIX socket; recv_fd returns -1 on failure. */
int send_fd(int sock, int fd);
int recv_fd(int sock);
bool write_all(int fd, const char *buf, size_t len);
/* @fd if it is a pty master (ptmx), else closed and -1. */
int check_ptmx(int fd);
/* A new pty from the devpts of the root we are in; the master, or -1. */
int open_guest_pty(int *slave);
/* SIGINT, SIGTERM, SIGHUP, SIGQUIT from now on sent on to @pid. */
void forward_signals(pid_t pid);
/*
 * io_proxy - copy between the caller's 0, 1, 2 and @s until @child ends
 * (its remaining output is drained), or, for @child <= 0, until the
 * master ends.  Closes the pipes of @s, not the master.
 *
 * Return: @child's exit status (128 + signal), or 0.
 */
int io_proxy(struct io_streams *s, pid_t child);

/* --- the commands ---------------------------------------------------- */

int cmd_build(struct guest *g, int argc, char **argv);
int cmd_delete(struct guest *g, int argc, char **argv);
int cmd_start(struct guest *g, int argc, char **argv);
int cmd_stop(struct guest *g, int argc, char **argv);
int cmd_exec(struct guest *g, const char *user, char **argv,
	     char *const *extra_env);
int cmd_console(struct guest *g, int argc, char **argv);
int cmd_enter(struct guest *g, int argc, char **argv);

/*
 * start's report pipe: the setup child and the guest's pid 1 (until it
 * executes init) write one line an event, its kind then its text; start
 * reads them to the pipe's end.
 */
enum report_kind {
	REPORT_STEP = 'S',	/* "<step>": a step begins */
	REPORT_XID = 'X',	/* "<xid>": the context is made */
	REPORT_NOTIFY = 'N',	/* "": the notify socket comes first */
	REPORT_WARN = 'W',	/* "<text>": said, and the start goes on */
	REPORT_FAIL = 'F',	/* "<step>\t<why>": the start fails */
	REPORT_RC = 'R',	/* "<status>": the runlevel's (vinit) */
};

/* vinit.c: the guest's pid 1 in the sysv style (runs rcS, the runlevel,
 * serves /run/initctl); @report_fd gets REPORT_RC of the runlevel. */
noreturn void vinit(const struct guest *g, char **env, int report_fd);
/* adapt.c: a distribution's root made a guest's (build). */
int adapt_distribution(const struct guest *g, int rootfd);
/* main.c: main()'s argv, which vinit() renames "init". */
extern char **main_argv;

/* console.c: hold a guest's console (the monitor's child). */
noreturn void console_keeper(const struct guest *g, int master);

/* stop.c: remove the host side of a guest whose context is gone. */
void guest_cleanup(const struct guest *g);

/* start.c: the host addresses of the interfaces. */
int ifaces_add(const struct guest *g, int *added);
void ifaces_del(const struct guest *g, int n);

/* delete.c: remove a directory tree without following symlinks. */
int remove_tree(const char *path, bool one_fs);

#endif /* _VSERVER_FRONTEND_H */
