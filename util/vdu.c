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

#include "common.h"
#include "vserver.h"

#define EXIT_ERROR	255

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd	443
#endif

enum { OPT_XID = 0x100, OPT_SPACE, OPT_INODES, OPT_BLOCKSIZE, OPT_SCRIPT };

struct args {
	uint32_t xid;
	uint64_t blocksize;
	bool have_xid, space, inodes, script;
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

static void parse_args(int argc, char *argv[], struct args *a)
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, OPT_XID },
		{ "space", no_argument, NULL, OPT_SPACE },
		{ "inodes", no_argument, NULL, OPT_INODES },
		{ "blocksize", required_argument, NULL, OPT_BLOCKSIZE },
		{ "script", no_argument, NULL, OPT_SCRIPT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};

	for (;;) {
		int prev = optind;
		int c = tool_getopt(argc, argv, "+hV", longopts);

		if (c == -1)
			break;
		switch (c) {
		case OPT_XID:
			if (vc_parse_xid(optarg, &a->xid) ||
			    a->xid == VC_XID_SELF || a->xid < 2)
				usage_error(EXIT_ERROR, "invalid context id '",
					    optarg, "'");
			a->have_xid = true;
			break;
		case OPT_SPACE:
			a->space = true;
			break;
		case OPT_INODES:
			a->inodes = true;
			break;
		case OPT_BLOCKSIZE:
			if (!parse_uint(optarg, 1ULL << 30, &a->blocksize) ||
			    !a->blocksize)
				usage_error(EXIT_ERROR, "invalid block size '",
					    optarg, "'");
			break;
		case OPT_SCRIPT:
			a->script = true;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		default:
			errbadopt(argv, prev, EXIT_FAILURE);
		}
	}
}

/*
 * quotactl_fd(2): dietlibc has neither it nor syscall() (as sys4() of
 * the front end).
 */
static long quotactl_fd(int fd, unsigned int cmd, uint32_t id, void *addr)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	register long r10 __asm__("r10") = (long)addr;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "0"((long)SYS_quotactl_fd), "D"((long)fd),
			       "S"((long)cmd), "d"((long)id), "r"(r10)
			     : "rcx", "r11", "memory");
	if ((unsigned long)ret >= (unsigned long)-4095L) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
#else
	return syscall(SYS_quotactl_fd, fd, cmd, id, addr);
#endif
}

/* The usage of project xid on the file system of dir; -1 (errno). */
static int project_usage(const char *dir, uint32_t xid, struct if_dqblk *q)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	memset(q, 0, sizeof(*q));
	ret = (int)quotactl_fd(fd, QCMD(Q_GETQUOTA, PRJQUOTA), xid, q);
	if (ret && errno == ENOENT)	/* no dquot yet: nothing used */
		ret = 0;
	ret = ret ? -1 : 0;
	close(fd);
	return ret;
}

static int show(const struct args *a, const char *dir)
{
	char n1[VC_FMT_BUFSZ], n2[VC_FMT_BUFSZ];
	struct if_dqblk q;
	uint64_t space;

	if (project_usage(dir, a->xid, &q)) {
		warnmsg("cannot read the usage of ", vc_fmt_uint(n1, a->xid,
			10, 0), " on '", dir, "': ", errno == ESRCH ||
			errno == ENOSYS || errno == EOPNOTSUPP ?
			"the file system has no project quotas" :
			vc_strerror(errno));
		return -1;
	}
	space = (q.dqb_curspace + a->blocksize - 1) / a->blocksize;
	if (!a->script)
		out(dir, " ");
	out(a->space ? vc_fmt_uint(n1, space, 10, 0) : "",
	    a->space && a->inodes ? " " : "",
	    a->inodes ? vc_fmt_uint(n2, q.dqb_curinodes, 10, 0) : "", "\n");
	return 0;
}

int main(int argc, char *argv[])
{
	struct args a = { .blocksize = 1024 };
	int i, failed = 0;

	tool_init(argv[0]);
	parse_args(argc, argv, &a);
	if (!a.have_xid)
		usage_error(EXIT_ERROR, "no context: give --xid <xid>");
	if (optind == argc)
		usage_error(EXIT_ERROR, "no directory");
	if (!a.space && !a.inodes)
		a.space = a.inodes = true;
	for (i = optind; i < argc; i++)
		failed |= show(&a, argv[i]);
	return failed ? EXIT_ERROR : EXIT_SUCCESS;
}
