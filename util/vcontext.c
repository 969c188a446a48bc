// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vcontext(8) - create or enter a context, then run a command, through
 * vserver(2) ctx_create, ctx_migrate and set_cflags
 *
 *   vcontext --create [--xid <xid>] [--cgroup <dir>] [<opts>] [--]
 *            <command> [<arg>...]
 *   vcontext --migrate --xid <xid> [<opts>] [--] <command> [<arg>...]
 *   vcontext --migrate-self [<opts>] [--] <command> [<arg>...]
 *
 * One link of util-vserver's exec chain (util-vserver.md §4.1): each step
 * is done in an order that lets it fail before anything it cannot undo.
 * A context made by --create holds only this process until the command
 * runs, so any failure before the exec ends it with the process; the
 * persistent flag (--flag persistent) is set only in the last flag change,
 * after every check, so a failed setup leaves no empty context behind.
 * The guest's new mount namespace is made private at once, so that its
 * mounts never reach the host's.  --cgroup puts the caller in a cgroup v2
 * of its own before ctx_create, so that the context's memory and CPU
 * limits act on it; any failure after that moves the caller back and
 * removes the directories it made.
 *
 * Exit status (util-vserver's): 255 for errors and bad usage, 254 when
 * --create finds the context already there, 126/127 when the command
 * cannot be run; else the command's.
 */

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <string.h>

#include "cgroup.h"
#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255
#define EXIT_EXISTS	254

enum {
	OPT_CREATE = 0x100,
	OPT_MIGRATE,
	OPT_MIGRATE_SELF,
	OPT_XID,
	OPT_ENDSETUP,
	OPT_INITPID,
	OPT_CHROOT,
	OPT_DISCONNECT,
	OPT_UID,
	OPT_GID,
	OPT_SILENT,
	OPT_SILENTEXIST,
	OPT_FLAG,
	OPT_CGROUP,
};

struct args {
	struct ctx_mode mode;
	uint32_t xid;
	bool endsetup, initpid, chroot, disconnect, silent, silentexist;
	const char *uid, *gid;
	const char *cgroup;	/* for --create, tidied */
	uint64_t flags;		/* for --create */
	uint64_t flag_mask;	/* the flags --flag named */
	char **cmd;
};

/* With --disconnect: the write end of the pipe to the waiting parent. */
static int sync_fd = -1;

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " --create [--xid <xid>] [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    " ", tool_name, " --migrate --xid <xid> [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    " ", tool_name, " --migrate-self [<options>] [--] ",
	    "<command> [<arg>...]\n",
	    "\n",
	    "Create a context or move into one, then run a command in it.\n",
	    "\n",
	    "Operations:\n",
	    "     --create          create a context (a free dynamic id\n",
	    "                       without --xid) and enter it\n",
	    "     --migrate         enter the context --xid names\n",
	    "     --migrate-self    stay in the current context\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>       the context (also --ctx)\n",
	    "     --flag <list>     initial context flags, for --create\n",
	    "     --cgroup <dir>    for --create: create the cgroup v2 <dir>\n",
	    "                       (on a mounted cgroup2 file system) if\n",
	    "                       needed and move into it first; the\n",
	    "                       context's memory and CPU limits act\n",
	    "                       on it\n",
	    "     --endsetup        end the context's setup (clamps to its\n",
	    "                       bounding set)\n",
	    "     --initpid         make the command the context's init\n",
	    "     --chroot          chroot to the current directory\n",
	    "     --uid <user>      run the command as this user\n",
	    "     --gid <group>     run the command with this group\n",
	    "     --disconnect      run the command in the background, in a\n",
	    "                       session of its own\n",
	    "     --silent          do not print the new context's id\n",
	    "     --silentexist     no message when --create finds the\n",
	    "                       context already there\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "Exit status: 254 if --create finds the context there, 255 for\n",
	    "other errors, 126/127 if the command cannot be run.\n",
	    "\n",
	    "See vcontext(8).\n");
	exit(EXIT_SUCCESS);
}

/* In the --disconnect child: tell the parent that we did not exec. */
static void report_failure(void)
{
	if (sync_fd >= 0) {
		char byte = 'F';

		if (write(sync_fd, &byte, 1) < 0)
			return;
	}
}

/*
 * --disconnect: the child goes on in a session of its own; the parent
 * waits until the command runs (the pipe closes on exec) or the child
 * fails (it says so first), and exits with the child's status then.
 */
static void disconnect(void)
{
	int fds[2];
	pid_t pid;
	char byte;
	ssize_t n;

	if (pipe2(fds, O_CLOEXEC))
		die_err(EXIT_ERROR, errno, "cannot make a pipe");
	pid = fork();
	if (pid < 0)
		die_err(EXIT_ERROR, errno, "cannot fork");
	if (!pid) {
		close(fds[0]);
		sync_fd = fds[1];
		atexit(report_failure);
		if (setsid() < 0)
			die_err(EXIT_ERROR, errno, "cannot start a session");
		return;
	}
	close(fds[1]);
	do
		n = read(fds[0], &byte, 1);
	while (n < 0 && errno == EINTR);
	if (n > 0)
		exit_like_child(pid);
	exit(EXIT_SUCCESS);
}

static uint32_t parse_id(const char *s, const char *what)
{
	uint64_t id;

	if (!parse_uint(s, UINT32_MAX - 1, &id))
		usage_error(EXIT_ERROR, "invalid ", what, " '", s, "'");
	return (uint32_t)id;
}

static bool is_number(const char *s)
{
	return *s >= '0' && *s <= '9';
}

struct ids {
	bool set_uid, set_gid, by_name;
	uid_t uid;
	gid_t gid;
};

/* Looks the user and group up, in the guest's files after --chroot. */
static void lookup_ids(const struct args *a, struct ids *ids)
{
	if (a->uid) {
		ids->set_uid = true;
		if (is_number(a->uid)) {
			ids->uid = parse_id(a->uid, "uid");
		} else {
			struct passwd *pw = getpwnam(a->uid);

			if (!pw)
				die(EXIT_ERROR, "unknown user '", a->uid, "'");
			ids->uid = pw->pw_uid;
			ids->gid = pw->pw_gid;
			ids->set_gid = true;
			ids->by_name = true;
		}
	}
	if (a->gid) {
		ids->set_gid = true;
		if (is_number(a->gid)) {
			ids->gid = parse_id(a->gid, "gid");
		} else {
			struct group *gr = getgrnam(a->gid);

			if (!gr)
				die(EXIT_ERROR, "unknown group '", a->gid,
				    "'");
			ids->gid = gr->gr_gid;
		}
	}
}

/*
 * A user given by name gets its groups; a number, only --gid (or none):
 * the host's root groups must not follow the command into the guest.
 */
static void change_ids(const struct args *a, const struct ids *ids)
{
	if (ids->by_name) {
		if (initgroups(a->uid, ids->gid))
			die_err(EXIT_ERROR, errno, "cannot set the groups of '",
				a->uid, "'");
	} else if (ids->set_gid || ids->set_uid) {
		if (setgroups(ids->set_gid ? 1 : 0, &ids->gid))
			die_err(EXIT_ERROR, errno, "cannot set the groups");
	}
	if (ids->set_gid && setgid(ids->gid))
		die_err(EXIT_ERROR, errno, "cannot change the group");
	if (ids->set_uid && setuid(ids->uid))
		die_err(EXIT_ERROR, errno, "cannot change the user");
}

static void check_command(char *cmd)
{
	int err = find_command(cmd);

	if (err) {
		warnmsg("cannot execute '", cmd, "': ", strerror(err));
		exit(err == ENOENT ? 127 : 126);
	}
}

static char *xid_str(uint32_t xid, char *buf)
{
	return vc_fmt_uint(buf, xid, 10, 0);
}

/* --create: new namespaces for the guest, then the context. */
static uint32_t create(const struct args *a)
{
	uint32_t want = a->mode.have_id ? a->xid : VC_XID_SELF;
	char num[VC_FMT_BUFSZ];
	uint64_t spaces = 0;
	int xid;

	/*
	 * The cgroup first, so that the context takes it as its own; not on
	 * a kernel without vserver, which could not use it.
	 */
	if (a->cgroup) {
		cgroup_check(a->cgroup, EXIT_ERROR);
		if (vc_get_version() == -1)
			die_err(EXIT_ERROR, errno, "cannot create a context");
		cgroup_join(EXIT_ERROR);
		atexit(cgroup_undo);
	}

	/*
	 * Like util-vserver's ctx_create: the guest gets the default spaces
	 * (mount, UTS, IPC namespaces) of its own, stored as space 0, so
	 * that vuname and vspace --enter find them.  A kernel without
	 * vserver fails the query; the create below then says so.
	 */
	if (vc_get_space_default(&spaces))
		spaces = 0;
	if (spaces && unshare((int)spaces))
		die_err(EXIT_ERROR, errno, "cannot unshare the namespaces ",
			"of the new context");
	if (spaces & CLONE_NEWNS)
		make_mounts_private(EXIT_ERROR);

	xid = vc_ctx_create(want, a->flags & ~VXF_PERSISTENT);
	if (xid < 0) {
		int err = errno;

		if (err == EEXIST || err == EBUSY) {
			if (a->silentexist)
				exit(EXIT_EXISTS);
			die_err(EXIT_EXISTS, err, "cannot create context ",
				xid_str(want, num));
		}
		if (want == VC_XID_SELF)
			die_err(EXIT_ERROR, err, "cannot create a context");
		die_err(EXIT_ERROR, err, "cannot create context ",
			xid_str(want, num));
	}
	if (!a->silent)
		out("New security context is ", xid_str((uint32_t)xid, num),
		    "\n");
	if (spaces && vc_set_space(VC_XID_SELF, spaces, 0))
		die_err(EXIT_ERROR, errno, "cannot store the namespaces of ",
			"context ", num);
	return (uint32_t)xid;
}

static void do_chroot(bool inside, const char *xid)
{
	if (chroot(".") || chdir("/"))
		die_err(EXIT_ERROR, errno, "cannot chroot to the current ",
			"directory");
	/* The guest's root, for vspace --enter --fs. */
	if (inside && vc_set_space(VC_XID_SELF, CLONE_FS, 0))
		die_err(EXIT_ERROR, errno, "cannot store the root of ",
			"context ", xid);
}

static void set_flags(uint32_t target, const struct vc_flags *f,
		      const char *xid)
{
	if (f->mask && vc_set_cflags(target, f))
		die_err(EXIT_ERROR, errno, "cannot change the flags of ",
			"context ", xid);
}

static noreturn void run(const struct args *a)
{
	bool inside = a->mode.create || a->mode.migrate_self;
	struct vc_flags flags = { 0, 0 };
	struct ids ids = { 0 };
	char num[VC_FMT_BUFSZ];
	uint32_t xid;

	if (a->disconnect)
		disconnect();

	if (a->mode.create) {
		xid = create(a);
	} else if (a->mode.migrate_self) {
		int self = vc_task_xid(0);

		if (self < 0)
			die_err(EXIT_ERROR, errno, "cannot find the current ",
				"context");
		xid = (uint32_t)self;
		if (xid <= VC_XID_SPECTATOR &&
		    (a->endsetup || a->initpid || a->chroot))
			die(EXIT_ERROR, "--migrate-self: the caller is in no ",
			    "guest context");
	} else {
		xid = a->xid;
	}
	xid_str(xid, num);

	if (a->chroot)
		do_chroot(inside, num);
	lookup_ids(a, &ids);
	check_command(a->cmd[0]);

	if (a->endsetup)
		flags.mask |= VXF_STATE_SETUP;
	if (inside) {
		/* Clearing STATE_INIT from inside makes us init and reaper. */
		if (a->initpid)
			flags.mask |= VXF_STATE_INIT;
		if (a->mode.create && (a->flags & VXF_PERSISTENT)) {
			flags.value |= VXF_PERSISTENT;
			flags.mask |= VXF_PERSISTENT;
		}
		set_flags(VC_XID_SELF, &flags, num);
	} else {
		set_flags(xid, &flags, num);
		if (vc_ctx_migrate(xid, a->initpid ? VXM_SET_INIT : 0) < 0)
			die_err(EXIT_ERROR, errno, "cannot migrate to context ",
				num);
	}

	change_ids(a, &ids);
	exec_command(a->cmd);
}

/* --cgroup <dir>: a path under the cgroup2 root, tidied. */
static void cgroup_option(struct args *a, const char *arg)
{
	static char cgroup[CGROUP_PATH_MAX + 1];
	const char *why = cgroup_path_check(arg, cgroup, sizeof(cgroup));

	if (why)
		usage_error(EXIT_ERROR, "--cgroup '", arg, "' ", why);
	a->cgroup = cgroup;
}

/* One option; a bad one exits. */
static void option(struct args *a, int c)
{
	struct vc_list_error err;

	switch (c) {
	case OPT_CREATE:
		a->mode.create = true;
		break;
	case OPT_MIGRATE:
		a->mode.migrate = true;
		break;
	case OPT_MIGRATE_SELF:
		a->mode.migrate_self = true;
		break;
	case OPT_XID:
		if (vc_parse_xid(optarg, &a->xid))
			usage_error(EXIT_ERROR, "invalid context id '",
				    optarg, "'");
		a->mode.have_id = true;
		break;
	case OPT_ENDSETUP:
		a->endsetup = true;
		break;
	case OPT_INITPID:
		a->initpid = true;
		break;
	case OPT_CHROOT:
		a->chroot = true;
		break;
	case OPT_DISCONNECT:
		a->disconnect = true;
		break;
	case OPT_UID:
		a->uid = optarg;
		break;
	case OPT_GID:
		a->gid = optarg;
		break;
	case OPT_SILENT:
		a->silent = true;
		break;
	case OPT_SILENTEXIST:
		a->silentexist = true;
		break;
	case OPT_CGROUP:
		cgroup_option(a, optarg);
		break;
	case OPT_FLAG:
		if (vc_list_parse(&vc_cflag_names, optarg, &a->flags,
				  &a->flag_mask, &err))
			die_list(EXIT_ERROR, "flag", optarg, &err);
		break;
	}
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "create", no_argument, NULL, OPT_CREATE },
		{ "migrate", no_argument, NULL, OPT_MIGRATE },
		{ "migrate-self", no_argument, NULL, OPT_MIGRATE_SELF },
		{ "xid", required_argument, NULL, OPT_XID },
		{ "ctx", required_argument, NULL, OPT_XID },
		{ "endsetup", no_argument, NULL, OPT_ENDSETUP },
		{ "initpid", no_argument, NULL, OPT_INITPID },
		{ "fakeinit", no_argument, NULL, OPT_INITPID },
		{ "chroot", no_argument, NULL, OPT_CHROOT },
		{ "disconnect", no_argument, NULL, OPT_DISCONNECT },
		{ "uid", required_argument, NULL, OPT_UID },
		{ "gid", required_argument, NULL, OPT_GID },
		{ "silent", no_argument, NULL, OPT_SILENT },
		{ "silentexist", no_argument, NULL, OPT_SILENTEXIST },
		{ "flag", required_argument, NULL, OPT_FLAG },
		{ "cgroup", required_argument, NULL, OPT_CGROUP },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct args a = { .flags = VXF_INIT_SET };

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts,
				      usage, EXIT_ERROR);

		if (c == -1)
			break;
		option(&a, c);
	}
	a.mode.self_id = a.mode.have_id && a.xid == VC_XID_SELF;
	a.mode.flags = a.flag_mask != 0;
	ctx_mode_check(&a.mode, "xid", EXIT_ERROR);
	if (a.cgroup && !a.mode.create)
		usage_error(EXIT_ERROR, "--cgroup is only for --create");
	if (a.uid && is_number(a.uid))
		parse_id(a.uid, "uid");
	if (a.gid && is_number(a.gid))
		parse_id(a.gid, "gid");
	if (optind >= argc)
		usage_error(EXIT_ERROR, "no command given");
	a.cmd = argv + optind;
	run(&a);
}
