// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vdu(8) - the disk usage of a context: the space and inodes of its
 * project (its tag) on the file system of each directory, as the file
 * system counts them (quotactl_fd(Q_GETQUOTA) of the project)
 *
 *   vdu --xid <xid> [--space] [--inodes] [--blocksize <n>] [--script]
 *       <dir>...
 *
 * util-vserver's vdu walked the trees and added up the files of a tag;
 * with project quotas the file system keeps that count for the whole
 * file system, so the walk is not needed: each directory names a file
 * system.  Space is in units of --blocksize bytes (default 1024),
 * rounded up.  Without --script a line is "<dir> <space> <inodes>" (the
 * values asked for, both by default); with it only the values.
 *
 * Exit status (util-vserver's): 0; 1 for a bad option; 255 for any
 * other error.
 */

#include <errno.h>
#include <fcntl.h>
#include <linux/quota.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vserver.h"
#include "xidtool.h"

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd	443
#endif

enum { OPT_SPACE = XID_TOOL_OPT_XID + 1, OPT_INODES, OPT_BLOCKSIZE,
       OPT_SCRIPT };

struct args {
	uint64_t blocksize;
	bool space, inodes, script;
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " --xid <xid> [--space] [--inodes] ",
	    "[--blocksize <n>] [--script]\n",
	    "        <dir>...\n",
	    "\n",
	    "Show the disk usage of a context on the file system of each\n",
	    "directory: the space and inodes of its project (its tag),\n",
	    "as the file system counts them.\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>       the context (its tag: the project id)\n",
	    "     --space           show the space (default: both)\n",
	    "     --inodes          show the inodes (default: both)\n",
	    "     --blocksize <n>   space in units of n bytes (default 1024)\n",
	    "     --script          the numbers only\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "See vdu(8).\n");
	exit(EXIT_SUCCESS);
}

static void option(void *ctx, int c, const char *arg)
{
	struct args *a = ctx;

	switch (c) {
	case OPT_SPACE:
		a->space = true;
		break;
	case OPT_INODES:
		a->inodes = true;
		break;
	case OPT_BLOCKSIZE:
		if (!parse_uint(arg, 1ULL << 30, &a->blocksize) ||
		    !a->blocksize)
			usage_error(XID_TOOL_ERROR, "invalid block size '",
				    arg, "'");
		break;
	case OPT_SCRIPT:
		a->script = true;
		break;
	}
}

/* The usage of project xid on the file system of dir; -1 (errno). */
static int project_usage(const char *dir, uint32_t xid, struct if_dqblk *q)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	memset(q, 0, sizeof(*q));
	ret = (int)sys4(SYS_quotactl_fd, fd, QCMD(Q_GETQUOTA, PRJQUOTA), xid,
			(long)q);
	if (ret && errno == ENOENT)	/* no dquot yet: nothing used */
		ret = 0;
	ret = ret ? -1 : 0;
	close(fd);
	return ret;
}

static int show(const void *ctx, uint32_t xid, const char *dir)
{
	const struct args *a = ctx;
	/* Neither --space nor --inodes: both. */
	bool both = !a->space && !a->inodes;
	bool space = a->space || both, inodes = a->inodes || both;
	char n1[VC_FMT_BUFSZ], n2[VC_FMT_BUFSZ];
	struct if_dqblk q;

	if (project_usage(dir, xid, &q)) {
		xid_path_warn("read the usage", xid, dir, errno == ESRCH ||
			      errno == ENOSYS || errno == EOPNOTSUPP ?
			      "the file system has no project quotas" :
			      vc_strerror(errno));
		return -1;
	}
	if (!a->script)
		out(dir, " ");
	out(space ? vc_fmt_uint(n1, (q.dqb_curspace + a->blocksize - 1) /
				a->blocksize, 10, 0) : "",
	    space && inodes ? " " : "",
	    inodes ? vc_fmt_uint(n2, q.dqb_curinodes, 10, 0) : "", "\n");
	return 0;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, XID_TOOL_OPT_XID },
		{ "space", no_argument, NULL, OPT_SPACE },
		{ "inodes", no_argument, NULL, OPT_INODES },
		{ "blocksize", required_argument, NULL, OPT_BLOCKSIZE },
		{ "script", no_argument, NULL, OPT_SCRIPT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct xid_tool vdu = {
		.longopts = longopts,
		.usage = usage,
		.option = option,
		.none = "no directory",
		.each = show,
	};
	struct args a = { .blocksize = 1024 };

	return xid_tool_main(&vdu, &a, argc, argv);
}
