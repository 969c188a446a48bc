/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * common - helpers shared by the vserver tools (not part of libvserver)
 *
 * Output goes straight to write(2), never through stdio, so that tools
 * linked with dietlibc stay small.  Messages are lists of strings; the
 * macros end the list.  Every tool, the vserver front end included,
 * reports through this one API: "<tool>: <text>\n" on standard error,
 * warnmsg() to go on, die() to exit with a status, usage_error() to
 * point to --help; warnf() and dief() are the same two with a printf
 * format, for messages that hold numbers (msgf.c).
 */

#ifndef _VSERVER_UTIL_COMMON_H
#define _VSERVER_UTIL_COMMON_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <sys/types.h>
#include <unistd.h>

#include "vserver.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define __maybe_unused	__attribute__((unused))

/* Size of a buffer for api_str(). */
#define API_STRSZ	32

/* The name the tool was started as, without directories. */
extern const char *tool_name;

/**
 * tool_init - remember the tool's name for messages
 * @argv0: argv[0]
 */
void tool_init(const char *argv0);

/**
 * write_strs - write a NULL-terminated list of strings to @fd
 * @fd: file descriptor
 *
 * A failed write to standard output ends the tool with a message and
 * EXIT_FAILURE; failed writes to other descriptors are ignored.
 */
void write_strs(int fd, ...) __attribute__((sentinel));

/* out("a", "b") - write strings to standard output. */
#define out(...)	write_strs(STDOUT_FILENO, __VA_ARGS__, (char *)NULL)

/* warnmsg("a", "b") - "<tool>: ab\n" on standard error. */
#define warnmsg(...)							\
	write_strs(STDERR_FILENO, tool_name, ": ", __VA_ARGS__, "\n",	\
		   (char *)NULL)

/* die(status, "a", "b") - warnmsg(), then exit(status). */
#define die(status, ...)						\
	do {								\
		warnmsg(__VA_ARGS__);					\
		exit(status);						\
	} while (0)

/*
 * warnf("fmt", ...) - warnmsg() with a printf format; dief(status,
 * "fmt", ...) - die() with one.  A message is cut at 2 KiB.
 */
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void dief(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * write_fmtv - write "<prefix><formatted text>\n" to @fd, as write_strs()
 * @fd: file descriptor
 * @prefix: written first ("vserver: ", a guest's "name: ")
 * @fmt: printf format
 * @ap: its arguments
 */
void write_fmtv(int fd, const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* usage_error(status, "a", "b") - warnmsg(), then errtryhelp(status). */
#define usage_error(status, ...)					\
	do {								\
		warnmsg(__VA_ARGS__);					\
		errtryhelp(status);					\
	} while (0)

/*
 * die_err(status, errnum, "a", "b") - "<tool>: ab: <message>" and exit.
 * The message is vc_strerror(errnum); when the kernel has no vserver
 * support at all the line is only "<tool>: this kernel has no vserver
 * support", whatever the call was.
 */
#define die_err(status, errnum, ...)					\
	die_errv(status, errnum, __VA_ARGS__, (char *)NULL)
noreturn void die_errv(int status, int errnum, ...)
	__attribute__((sentinel));

struct vc_list_error;

/**
 * die_list - report a list vc_list_parse() rejected, point to --help, exit
 * @status: exit status
 * @what: what the list names, e.g. "bcap"
 * @list: the list as given
 * @err: the rejected entry
 *
 * One line naming the entry ("unknown bcap 'FOO'") or, for an empty
 * entry, the list; then the --help hint.
 */
noreturn void die_list(int status, const char *what, const char *list,
		       const struct vc_list_error *err);

/**
 * struct tool_word - a 64-bit word of flags or capabilities that
 * vattribute and nattribute change with lists and print with --get
 * @table: the names of its bits
 * @what: what a list names, in messages about a bad list ("bcap")
 * @title: the heading of --get ("bcapabilities")
 * @noun: in messages about a failed change ("bcaps")
 * @option: the long option that takes its lists ("bcap" for --bcap)
 * @get: reads the word of a context
 * @set: changes the bits of the mask
 * @change: the bits to set and their mask, collected from the lists
 */
struct tool_word {
	const char *option;
	const struct vc_name_table *table;
	const char *what;
	const char *title;
	const char *noun;
	int (*get)(uint32_t id, struct vc_flags *f);
	int (*set)(uint32_t id, const struct vc_flags *f);
	struct vc_flags change;
};

/**
 * word_add_list - add a list ("a,~b,^3") to the change of a word
 * @w: the word
 * @list: the list; a bad one exits with die_list() and EXIT_FAILURE
 */
void word_add_list(struct tool_word *w, const char *list);

/**
 * words_print - print each word of a context as "<title>:\n<list>\n"
 * @w: the words
 * @n: their number
 * @id: the context
 * @kind: "context" or "network context", for messages
 * @name: the context's id as text, for messages
 *
 * A word that cannot be read exits with EXIT_FAILURE.
 */
void words_print(const struct tool_word *w, int n, uint32_t id,
		 const char *kind, const char *name);

/**
 * words_set - apply the changes of the words, in their order
 * @w: the words
 * @n: their number
 * @id: the context
 * @kind: "context" or "network context", for messages
 * @name: the context's id as text, for messages
 *
 * A change the kernel refuses exits with EXIT_FAILURE.
 */
void words_set(const struct tool_word *w, int n, uint32_t id,
	       const char *kind, const char *name);

/**
 * struct attr_tool - what vattribute and nattribute differ in; the rest
 * (options, --get/--set, the order of the changes, running the command)
 * is attr_tool_main()
 * @id_option: the long option naming the context ("xid", "nid")
 * @kind: "context" or "network context", for messages
 * @self: the id that means the caller's own context
 * @words: the words, in the order --get prints and --set applies them
 * @nwords: their number
 * @parse_id: parses the argument of --<id_option>, or exits (status 1)
 * @self_id: the caller's own context id, or exits (status 1)
 * @secure: what --secure does to the words' changes
 * @usage: prints --help and exits 0 (it does not return)
 */
struct attr_tool {
	const char *id_option;
	const char *kind;
	uint32_t self;
	struct tool_word *words;
	int nwords;
	uint32_t (*parse_id)(const char *text);
	uint32_t (*self_id)(void);
	void (*secure)(struct tool_word *words);
	void (*usage)(void);
};

/**
 * struct ctx_mode - the mode options vcontext and ncontext share
 * @create: --create
 * @migrate: --migrate
 * @migrate_self: --migrate-self
 * @have_id: --xid or --nid was given
 * @self_id: and it named "self"
 * @flags: --flag was given
 */
struct ctx_mode {
	bool create, migrate, migrate_self;
	bool have_id, self_id;
	bool flags;
};

/**
 * ctx_mode_check - exit with a usage error unless the mode options fit
 * together: exactly one mode, --migrate with a context that is not
 * "self", --migrate-self without one, --flag only with --create
 * @m: the options
 * @id: the context option's name ("xid" or "nid")
 * @status: the exit status of a usage error
 */
void ctx_mode_check(const struct ctx_mode *m, const char *id, int status);

/* The most words an attr_tool may have (vattribute has four). */
#define ATTR_MAX_WORDS	8

/**
 * attr_tool_main - the main() of vattribute and nattribute
 * @t: the tool
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * Return: EXIT_SUCCESS; errors exit with util-vserver's codes (1 for a
 * bad list, id or a refused change, 255 for a bad option, 126/127 when
 * the command cannot be run).  With a command, it does not return.
 */
int attr_tool_main(const struct attr_tool *t, int argc, char *argv[]);

/**
 * guest_self_xid - the caller's context, which must be a guest's
 * @status: the exit status when it is not (or cannot be read)
 *
 * For the tools whose --xid defaults to "self": they keep asking the
 * kernel for "self" (a guest may only name its own context) and use
 * this for their messages and checks.
 *
 * Return: the context id; exits with a usage error ("give --xid <xid>")
 * if the caller is on the host or the spectator.
 */
uint32_t guest_self_xid(int status);

/**
 * parse_uint - parse a whole unsigned decimal number
 * @s: the text; digits only, no sign or blanks
 * @max: the largest value accepted
 * @value: receives the number
 *
 * Return: true if @s is a number up to @max.
 */
bool parse_uint(const char *s, uint64_t max, uint64_t *value);

/* What read_value_file() found. */
enum value_file {
	VALUE_ABSENT,		/* no such file */
	VALUE_READ,		/* the buffer holds its value */
	VALUE_DIRECTORY,	/* a directory of that name */
};

/**
 * read_value_file - read the value in a file of a settings directory
 * @path: the file (util-vserver's --dir layout: one value per file)
 * @buf: receives its first line, without the blanks around it
 * @size: the size of @buf
 * @status: the exit status when the file is bad
 *
 * The file must be a regular file of text, smaller than @size: a FIFO or
 * a device is not opened for long (no blocking, no terminal), and a file
 * that is not a regular file, is larger, holds a NUL byte or cannot be
 * read ends the tool (@status) with a message that names it.
 *
 * Return: what was found.
 */
enum value_file read_value_file(const char *path, char *buf, size_t size,
				int status);

/**
 * find_command - look a command up the way execvp() will
 * @cmd: the command; with a '/' it is a path, else it is searched in
 *       $PATH (default "/bin:/usr/bin")
 *
 * Lets a tool fail before a step it cannot undo, instead of after it.
 *
 * Return: 0 if an executable regular file is found, else ENOENT (none)
 * or EACCES (found, not executable).
 */
int find_command(const char *cmd);

/**
 * exec_command - execvp() the rest of the command line, or exit
 * @argv: the command and its arguments, NULL-terminated
 *
 * On failure: "<tool>: cannot execute '<cmd>': <reason>", then exit 127
 * if the command was not found and 126 if it was not executable (the
 * shell's codes).
 */
noreturn void exec_command(char *const argv[]);

/**
 * make_mounts_private - stop mount events crossing a new mount namespace
 * @status: exit status on failure
 *
 * Right after unshare(CLONE_NEWNS): marks every mount private, as
 * unshare(1) does, so that mounts made in the new namespace do not
 * propagate to the old one (systemd marks everything shared), nor the
 * other way.
 */
void make_mounts_private(int status);

/**
 * exit_like_child - wait for a child and end the same way
 * @pid: the child
 *
 * Exits with the child's exit status, or kills the caller with the
 * signal that killed the child (128 + signal if that does not end it).
 */
noreturn void exit_like_child(pid_t pid);

/**
 * errtryhelp - point to --help after a usage error, and exit
 * @status: exit status
 */
noreturn void errtryhelp(int status);

/**
 * tool_getopt - getopt_long() that behaves the same with every C library
 * @argc: argument count
 * @argv: argument vector
 * @shortopts: short options, starting with "+" so that glibc, like
 *             dietlibc, stops at the first non-option
 * @longopts: long options
 *
 * Prints nothing: on a bad option it returns '?' and the caller calls
 * errbadopt().  Unknown or ambiguous long
 * options, and arguments given to long options that take none, are
 * rejected here, because dietlibc's getopt_long() prints its own message
 * for them whatever opterr says.
 *
 * Return: as getopt_long().
 */
int tool_getopt(int argc, char *argv[], const char *shortopts,
		const struct option *longopts);

/**
 * tool_next_opt - the next of the tool's own options
 * @argc: argument count
 * @argv: argument vector
 * @shortopts: as tool_getopt()'s; 'h' is --help and 'V' --version
 * @longopts: as tool_getopt()'s
 * @usage: prints --help and exits 0 (for 'h')
 * @status: the exit status of a bad option
 *
 * The option loop every tool shares: --help and --version are done
 * here (print_version() for 'V'), a bad option is reported with
 * errbadopt(@status).
 *
 * Return: getopt_long()'s value of an option of the tool's, or -1 at the
 * end of the options (optind is then the first operand).
 */
int tool_next_opt(int argc, char *argv[], const char *shortopts,
		  const struct option *longopts, void (*usage)(void),
		  int status);

/**
 * errbadopt - report the option tool_getopt() just rejected, and exit
 * @argv: the argument vector given to tool_getopt()
 * @prev_optind: optind before that tool_getopt() call
 * @status: exit status
 */
noreturn void errbadopt(char *const argv[], int prev_optind, int status);

/**
 * sys4 - a system call with up to four arguments
 * @nr: its number
 * @a: first argument
 * @b: second
 * @c: third
 * @d: fourth
 *
 * For the calls the C libraries have no wrapper for (openat2,
 * pivot_root, quotactl_fd, close_range under dietlibc, which has no
 * syscall() either).
 *
 * Return: the call's result, or -1 with errno set.
 */
long sys4(long nr, long a, long b, long c, long d);

/**
 * api_str - format an API version word as "0002:0309 (2.3.9)"
 * @version: the version word
 * @buf: buffer of at least %API_STRSZ bytes
 *
 * Return: @buf.
 */
char *api_str(uint32_t version, char *buf);

/**
 * print_version - print the tool's and the kernel's version, and exit 0
 */
noreturn void print_version(void);

#endif /* _VSERVER_UTIL_COMMON_H */
