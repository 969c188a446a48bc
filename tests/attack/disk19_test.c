// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite: a guest against its disk limit.
 *
 * The world (attack.h) is put on the disk host's ext4 root (mounted with
 * prjquota) instead of /tmp: guest A's root is a PROJINHERIT directory
 * of project AT_XA with a hard limit of DK_LIMIT_KIB, set by the host
 * with the file system's own interfaces (FS_IOC_FSSETXATTR, quotactl),
 * as vserver build and start do.  /shared in the guest's root is a
 * directory of no project (as a bind mount shared with the host would
 * be), writable by everyone.  Each attempt tries, as root in the guest
 * (default capabilities: no SYS_ADMIN, no SYS_RESOURCE), to store more
 * than the limit or to move its files out of its project; after it the
 * project must still hold every file of the guest and its usage must be
 * at most the limit, and the host must still write.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/timex.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "vs_project.h"
#include "vs_net.h"
#include "vs_helpers3.h"
/* The world has helpers for attempts that this file does not make. */
#pragma GCC diagnostic ignored "-Wunused-function"
#define AT_DIR		"/vs-attack19"
#include "attack.h"

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd	443
#endif

#define DK_LIMIT_KIB	1024
#define DK_SHARED	AT_ROOT "/shared"
#define DK_HOSTFILE	AT_DIR "/host-file"

FIXTURE(attack) {
	struct at_world w;
};

/*
 * One attempt: @fn runs as the guest's init with @path (at_arg()) or 0,
 * and must fail with @refused; then the project holds every file of the
 * guest within its limit, and the host is as it was.
 */
FIXTURE_VARIANT(attack) {
	at_fn fn;
	const char *path;
	const char *what;
	int refused;
};

/* quotactl_fd on the world's file system for project AT_XA. */
static int dk_quota(int cmd, struct if_dqblk *q)
{
	int fd = open(AT_DIR, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -1;
	ret = syscall(SYS_quotactl_fd, fd, QCMD(cmd, PRJQUOTA), AT_XA, q);
	close(fd);
	return ret;
}

/* The project's usage in KiB, its hard limit in KiB; -1 on error. */
static long dk_used_kib(long *limit)
{
	struct if_dqblk q;

	if (dk_quota(Q_GETQUOTA, &q))
		return -1;
	*limit = q.dqb_bhardlimit;	/* 1 KiB quota blocks */
	return (q.dqb_curspace + 1023) / 1024;
}

/* The guest's files and directories of the previous attempt go. */
static void dk_clean(void)
{
	if (system("rm -rf " AT_ROOT "/tmp/* " DK_SHARED " " DK_HOSTFILE))
		ksft_print_msg("cleaning the guest's files failed\n");
}

static int dk_setup(void)
{
	struct if_dqblk q = {
		.dqb_bhardlimit = DK_LIMIT_KIB, .dqb_valid = QIF_BLIMITS,
	};

	dk_clean();
	if (mkdir(DK_SHARED, 01777) || chmod(DK_SHARED, 01777))
		return -1;
	return vs_set_project(AT_ROOT, AT_XA, true) ||
	       vs_set_project(AT_ROOT "/tmp", AT_XA, true) ||
	       vs_set_project(DK_SHARED, 0, false) ||
	       dk_quota(Q_SETQUOTA, &q) ? -1 : 0;
}

FIXTURE_SETUP(attack)
{
	int ok = at_world_up(&self->w) == 0;

	if (!ok)
		at_world_down();
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why);
	ASSERT_EQ(0, dk_setup()) TH_LOG("the project: %s", strerror(errno));
}

FIXTURE_TEARDOWN(attack)
{
	at_restore_host();
	EXPECT_TRUE(at_world_down())
		TH_LOG("the contexts did not go away");
	dk_clean();
}

/* Writes into path until refused or max bytes; returns what it wrote. */
static long dk_fill(const char *path, long max)
{
	static char buf[65536];
	long total = 0;
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	memset(buf, 'g', sizeof(buf));
	while (total < max) {
		n = write(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		total += n;
	}
	n = total < max ? errno : 0;
	fsync(fd);
	close(fd);
	errno = n;
	return total;
}

/*
 * After an attempt: the project's usage is within its limit, every file
 * the guest made (in its tree and in /shared) is of its project, and the
 * host still writes 1 MiB.
 */
static int dk_contained(char *why, size_t size)
{
	long limit = -1, used = dk_used_kib(&limit);
	long p0 = vs_projid(AT_ROOT);
	long p1 = vs_projid(AT_ROOT "/tmp/big");
	long p2 = vs_projid(DK_SHARED "/big");

	if (used < 0 || limit != DK_LIMIT_KIB)
		snprintf(why, size, "the project's quota: %ld KiB of %ld",
			 used, limit);
	else if (used > DK_LIMIT_KIB)
		snprintf(why, size, "the project uses %ld KiB of %d", used,
			 DK_LIMIT_KIB);
	else if (p0 != AT_XA || !vs_proj_inherits(AT_ROOT))
		snprintf(why, size, "the guest's root: project %ld, %s", p0,
			 vs_proj_inherits(AT_ROOT) ? "PROJINHERIT" :
			 "no PROJINHERIT");
	else if ((p1 >= 0 && p1 != AT_XA) || (p2 >= 0 && p2 != AT_XA))
		snprintf(why, size, "guest files of projects %ld and %ld",
			 p1, p2);
	else if (dk_fill(DK_HOSTFILE, 1 << 20) != 1 << 20)
		snprintf(why, size, "the host cannot write: %s",
			 strerror(errno));
	else
		return 1;
	return 0;
}

#define CONTAINED()							\
	do {								\
		char __why[160];					\
		NO_ESCAPE(dk_contained(__why, sizeof(__why)), "%s", __why); \
	} while (0)

/* Guest: fill path (arg) with up to 4 MiB; the bytes written. */
static long g_fill(long arg)
{
	long n = dk_fill((const char *)arg, 4L << 20);

	at_sh->res.v[0] = n;
	NOTE("%ld KiB written, then %s", n / 1024, strerror(errno));
	return n < 4L << 20 ? -1 : n;
}

/* Guest: write 512 KiB, give the file project 0, write 4 MiB more. */
static long g_fsxattr(long unused)
{
	struct fsxattr fa;
	int fd;

	if (dk_fill("/tmp/big", 512 << 10) != 512 << 10)
		return -2;
	fd = open("/tmp/big", O_RDONLY);
	if (fd < 0 || ioctl(fd, FS_IOC_FSGETXATTR, &fa))
		return -2;
	fa.fsx_projid = 0;
	if (ioctl(fd, FS_IOC_FSSETXATTR, &fa))
		return -1;
	NOTE("the file's project is now 0");
	return 0;
}

/* Guest: clear PROJINHERIT of its root, then fill a new file. */
static long g_setflags(long unused)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	int flags;

	if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &flags))
		return -2;
	flags &= ~FS_PROJINHERIT_FL;
	if (ioctl(fd, FS_IOC_SETFLAGS, &flags))
		return -1;
	NOTE("PROJINHERIT of / cleared");
	return 0;
}

#define DK_RACE_TRIES	50000

/*
 * Guest: FS_IOC_SETFLAGS on its root with a flags word that a second
 * process keeps flipping between "as they are" and "PROJINHERIT
 * cleared": a check that reads the word before the file system reads it
 * again passes the first value and lets the second through.
 */
static long g_setflags_race(long unused)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int flags, now, i, refused = 0, cleared = 0;
	volatile int *word;
	pid_t pid;

	if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &flags))
		return -2;
	word = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (word == MAP_FAILED)
		return -2;
	word[0] = flags;
	word[1] = 0;
	pid = fork();
	if (pid < 0)
		return -2;
	if (!pid) {
		word[1] = 1;
		/* Each value held a while: QEMU switches CPUs between blocks. */
		for (;;) {
			word[0] = flags & ~FS_PROJINHERIT_FL;
			for (i = 0; i < 1000; i++)
				word[2]++;
			word[0] = flags;
			for (i = 0; i < 1000; i++)
				word[2]++;
		}
	}
	while (!word[1])
		sched_yield();
	for (i = 0; i < DK_RACE_TRIES && !cleared; i++) {
		if (ioctl(fd, FS_IOC_SETFLAGS, (int *)word))
			refused++;
		cleared = !ioctl(fd, FS_IOC_GETFLAGS, &now) &&
			  !(now & FS_PROJINHERIT_FL);
		/* Let the flipper run between the calls on one CPU too. */
		if (!(i & 15))
			sched_yield();
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	NOTE("%d of %d FS_IOC_SETFLAGS refused%s", refused, i,
	     cleared ? "; PROJINHERIT of / cleared" : "");
	if (cleared)
		return 0;
	/* The cleared word never reached the kernel: nothing was tried. */
	if (!refused)
		return -2;
	errno = EPERM;
	return -1;
}

/* Guest: raise its own project's hard limit to 1 GiB with quotactl_fd. */
static long g_quotactl(long unused)
{
	struct if_dqblk q = {
		.dqb_bhardlimit = 1 << 20, .dqb_valid = QIF_BLIMITS,
	};
	int fd = open("/", O_RDONLY | O_DIRECTORY);

	if (fd < 0)
		return -2;
	return syscall(SYS_quotactl_fd, fd, QCMD(Q_SETQUOTA, PRJQUOTA),
		       AT_XA, &q);
}

FIXTURE_VARIANT_ADD(attack, write_past_the_limit) {
	.fn = g_fill, .path = "/tmp/big", .refused = EDQUOT,
	.what = "write 4 MiB into a guest with a 1 MiB disk limit -> EDQUOT",
};

FIXTURE_VARIANT_ADD(attack, write_into_a_shared_directory) {
	.fn = g_fill, .path = "/shared/big", .refused = EDQUOT,
	.what = "write 4 MiB into a directory of no project (a shared one) -> EDQUOT, the file is the guest's",
};

FIXTURE_VARIANT_ADD(attack, fssetxattr_moves_a_file_out_of_the_project) {
	.fn = g_fsxattr, .refused = EPERM,
	.what = "FS_IOC_FSSETXATTR: give the guest's own file project 0 (its usage off the limit) -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, setflags_clears_projinherit) {
	.fn = g_setflags, .refused = EPERM,
	.what = "FS_IOC_SETFLAGS: clear PROJINHERIT of the guest's root -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, setflags_race_clears_projinherit) {
	.fn = g_setflags_race, .refused = EPERM,
	.what = "FS_IOC_SETFLAGS on / with the flags word flipped by another process (PROJINHERIT cleared between two reads) -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, quotactl_raises_its_limit) {
	.fn = g_quotactl, .refused = EPERM,
	.what = "quotactl_fd(Q_SETQUOTA) of its own project to 1 GiB -> EPERM",
};

/* A bound for a hung attempt (the race tries 50000 times), not a speed check. */
TEST_F_TIMEOUT(attack, attempt, 300)
{
	long arg = variant->path ? at_arg(variant->path, NULL) : 0;
	long r = ATTEMPT(AT_INIT, variant->fn, arg, variant->what);

	REFUSED(r, errno, variant->refused);
	CONTAINED();
	HOST_OK();
}

TEST_HARNESS_MAIN
