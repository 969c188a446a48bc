// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Tags and disk limits on project quotas:
 * add/rem/set/get_dlimit and their errors, EDQUOT for space and inodes
 * inside a guest while the host and another guest go on writing, no
 * CAP_SYS_RESOURCE bypass for a guest, statfs() inside (limit, usage,
 * the reserved percentage), files a guest creates outside its project
 * tree charged to its tag, task_tag and tag_migrate, the guards (project
 * ids, PROJINHERIT, quotactl) and the get_vci bits.
 *
 * Runs on the disk host: the directory is /vs-dlimit-test on the ext4
 * root, mounted with prjquota.  VS_DLIMIT_DIR names another directory
 * (t0051-xfs.sh runs the test on an XFS file system mounted with
 * prjquota) and VS_DLIMIT_DEV its device (quotactl(2) by device name,
 * /dev/vda by default).  Tags and contexts 1900..1999 are this test's.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/vfs.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "vs_project.h"
#include "common.h"

#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>
#include <linux/vserver/dlimit_cmd.h>
#include <linux/vserver/inode_cmd.h>

#define DL_CHUNK	(64 * 1024)
#define DL_XFS_MAGIC	0x58465342

/* The directory the test works in, and its file system's device. */
static const char *dl_env(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

#define DL_DIR		dl_env("VS_DLIMIT_DIR", "/vs-dlimit-test")
#define DL_DEV		dl_env("VS_DLIMIT_DEV", "/dev/vda")

/*
 * XFS never lets CAP_SYS_RESOURCE pass a quota hard limit (ext4 does),
 * and reports a project's limit as ENOSPC, the "disk" being full.
 */
static bool dl_on_xfs(void)
{
	struct statfs st;

	return !statfs(DL_DIR, &st) && st.f_type == DL_XFS_MAGIC;
}

/* The error of a write past a project's hard limit. */
static int dl_full(void)
{
	return dl_on_xfs() ? ENOSPC : EDQUOT;
}

#ifndef SYS_quotactl_fd
#define SYS_quotactl_fd 443
#endif

/* A fresh directory DL_DIR/name of project tag (0: none, no PROJINHERIT). */
static int make_dir(const char *name, unsigned int tag, char *path)
{
	sprintf(path, "%s/%s", DL_DIR, name);
	mkdir(DL_DIR, 0755);
	if (mkdir(path, 0777) && errno != EEXIST)
		return -1;
	return vs_set_project(path, tag, tag != 0);
}

static long dl_base(uint32_t cmd, uint32_t tag, const char *path)
{
	struct vcmd_ctx_dlimit_base_v0 b = { .name = (uintptr_t)path };

	return vserver(cmd, tag, &b);
}

static long dl_set(uint32_t tag, const char *path, uint32_t kib,
		   uint32_t inodes, uint32_t reserved)
{
	struct vcmd_ctx_dlimit_v0 d = {
		.name = (uintptr_t)path, .space_total = kib,
		.inodes_total = inodes, .reserved = reserved,
		.space_used = CDLIM_KEEP, .inodes_used = CDLIM_KEEP,
	};

	return vserver(VCMD_set_dlimit, tag, &d);
}

static long dl_get(uint32_t tag, const char *path,
		   struct vcmd_ctx_dlimit_v0 *d)
{
	memset(d, 0, sizeof(*d));
	d->name = (uintptr_t)path;
	return vserver(VCMD_get_dlimit, tag, d);
}

/* Add and set a limit; clean what an earlier run left. */
static long dl_limit(uint32_t tag, const char *path, uint32_t kib,
		     uint32_t inodes, uint32_t reserved)
{
	dl_base(VCMD_rem_dlimit, tag, path);
	if (dl_base(VCMD_add_dlimit, tag, path))
		return -1;
	return dl_set(tag, path, kib, inodes, reserved);
}

/* Writes into path until an error; returns the bytes written. */
static long fill(const char *path, long max)
{
	static char buf[DL_CHUNK];
	long total = 0;
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	memset(buf, 'v', sizeof(buf));
	while (total < max) {
		n = write(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		total += n;
	}
	if (total >= max)
		errno = 0;
	n = errno;
	close(fd);
	errno = n;
	return total;
}

/*
 * Runs fn(arg) in a child in a new context xid (0: in the host), still
 * in its setup, so with every capability; returns fn's exit status
 * (fn returns 0..255), -1 if the child could not run it.
 */
static int in_ctx(uint32_t xid, int (*fn)(const void *), const void *arg)
{
	struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		if (xid && vserver(VCMD_ctx_create, xid, &c) != (long)xid)
			_exit(255);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void wait_ctx_gone(uint32_t xid)
{
	char p[64];
	int i;

	snprintf(p, sizeof(p), "/proc/virtual/%u", xid);
	for (i = 0; i < 500 && access(p, F_OK) == 0; i++)
		usleep(10000);
}

/* fn: fill arg (a path) up to 64 MiB; 0 if it stopped at the limit. */
static int fill_edquot(const void *arg)
{
	long n = fill(arg, 64L << 20);

	/* XFS may refuse the file itself: its inode needs blocks. */
	if (n < 0)
		return errno == dl_full() ? 0 : 2;
	return errno == dl_full() ? 0 : 1;
}

/* fn: write 1 MiB into arg; 0 if all was written. */
static int fill_mib(const void *arg)
{
	return fill(arg, 1L << 20) == 1L << 20 ? 0 : 1;
}

TEST(errors)
{
	struct vcmd_ctx_dlimit_v0 d;
	char dir[256], nosuch[300];

	ASSERT_EQ(0, make_dir("errors", 1901, dir));
	snprintf(nosuch, sizeof(nosuch), "%s/no/such", DL_DIR);
	dl_base(VCMD_rem_dlimit, 1901, dir);
	EXPECT_EQ(-1, vserver(VCMD_add_dlimit, 1901, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, vserver(VCMD_get_dlimit, 1901, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 0, dir));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 70000, dir));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 1901, nosuch));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 1901, "/proc"));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 1901, "/tmp"));
	EXPECT_EQ(EOPNOTSUPP, errno);
	EXPECT_EQ(-1, dl_set(1901, dir, 100, 10, 0));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, dl_get(1901, dir, &d));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, dl_base(VCMD_rem_dlimit, 1901, dir));
	EXPECT_EQ(ESRCH, errno);
	ASSERT_EQ(0, dl_base(VCMD_add_dlimit, 1901, dir));
	EXPECT_EQ(-1, dl_base(VCMD_add_dlimit, 1901, dir));
	EXPECT_EQ(EEXIST, errno);
	EXPECT_EQ(-1, dl_set(1901, dir, 100, 10, 101));
	EXPECT_EQ(EINVAL, errno);
	d.name = (uintptr_t)dir;
	d.flags = 0x100;
	EXPECT_EQ(-1, vserver(VCMD_set_dlimit, 1901, &d));
	EXPECT_EQ(EINVAL, errno);
	/* No limit yet: infinity; a fresh project dir is one inode. */
	ASSERT_EQ(0, dl_get(1901, dir, &d));
	EXPECT_EQ(CDLIM_INFINITY, d.space_total);
	EXPECT_EQ(CDLIM_INFINITY, d.inodes_total);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1901, dir));
}

TEST(units_and_keep)
{
	struct vcmd_ctx_dlimit_v0 d;
	char dir[256];

	ASSERT_EQ(0, make_dir("units", 1902, dir));
	ASSERT_EQ(0, dl_limit(1902, dir, 2048, 100, 5));
	ASSERT_EQ(0, dl_get(1902, dir, &d));
	EXPECT_EQ(2048, d.space_total);
	EXPECT_EQ(100, d.inodes_total);
	EXPECT_EQ(5, d.reserved);
	/* KEEP leaves a field; MiB with DLIMF_SHIFT. */
	ASSERT_EQ(0, dl_set(1902, dir, CDLIM_KEEP, 50, CDLIM_KEEP));
	d.flags = DLIMF_SHIFT | (DLIME_MEGA << DLIMS_TOTAL);
	d.name = (uintptr_t)dir;
	ASSERT_EQ(0, vserver(VCMD_get_dlimit, 1902, &d));
	EXPECT_EQ(2, d.space_total);
	EXPECT_EQ(50, d.inodes_total);
	EXPECT_EQ(5, d.reserved);
	ASSERT_EQ(0, dl_base(VCMD_rem_dlimit, 1902, dir));
	ASSERT_EQ(0, dl_base(VCMD_add_dlimit, 1902, dir));
	ASSERT_EQ(0, dl_get(1902, dir, &d));
	EXPECT_EQ(CDLIM_INFINITY, d.space_total);
	EXPECT_EQ(0, d.reserved);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1902, dir));
}

/*
 * Guest 1903 fills its 1 MiB: EDQUOT although it has every capability
 * (CAP_SYS_RESOURCE included); meanwhile the host (no project) and
 * guest 1904 (its own limit) write 1 MiB each.  The host's
 * CAP_SYS_RESOURCE passes the same limit, as Linux lets it.
 */
TEST(space_limit)
{
	struct vcmd_ctx_dlimit_v0 d;
	char a[256], b[256], h[256], f[300];

	ASSERT_EQ(0, make_dir("space-a", 1903, a));
	ASSERT_EQ(0, make_dir("space-b", 1904, b));
	ASSERT_EQ(0, make_dir("space-host", 0, h));
	ASSERT_EQ(0, dl_limit(1903, a, 1024, CDLIM_INFINITY, 0));
	ASSERT_EQ(0, dl_limit(1904, b, 4096, CDLIM_INFINITY, 0));
	snprintf(f, sizeof(f), "%s/big", a);
	EXPECT_EQ(0, in_ctx(1903, fill_edquot, f));
	ASSERT_EQ(0, dl_get(1903, a, &d));
	EXPECT_LE(d.space_used, 1024);
	EXPECT_GE(d.space_used, 1024 - DL_CHUNK / 1024);
	snprintf(f, sizeof(f), "%s/file", b);
	EXPECT_EQ(0, in_ctx(1904, fill_mib, f));
	snprintf(f, sizeof(f), "%s/file", h);
	EXPECT_EQ(0, in_ctx(0, fill_mib, f));
	/*
	 * The host's root is above the limit, by Linux's rule on ext4
	 * (dquot); XFS enforces project limits on everyone.
	 */
	snprintf(f, sizeof(f), "%s/host-file", a);
	if (dl_on_xfs()) {
		EXPECT_EQ(0, in_ctx(0, fill_edquot, f));
		ASSERT_EQ(0, dl_get(1903, a, &d));
		EXPECT_LE(d.space_used, 1024);
	} else {
		EXPECT_EQ(0, in_ctx(0, fill_mib, f));
		ASSERT_EQ(0, dl_get(1903, a, &d));
		EXPECT_GT(d.space_used, 1024);
	}
	wait_ctx_gone(1903);
	wait_ctx_gone(1904);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1903, a));
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1904, b));
}

/* fn: create files in arg until an error; exit 0 at the limit. */
static int make_files(const void *arg)
{
	char p[300];
	int i, fd;

	for (i = 0; i < 1000; i++) {
		snprintf(p, sizeof(p), "%s/f%d", (const char *)arg, i);
		fd = open(p, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return errno == dl_full() ? 0 : 1;
		close(fd);
	}
	return 2;
}

TEST(inode_limit)
{
	struct vcmd_ctx_dlimit_v0 d;
	char a[256];

	ASSERT_EQ(0, make_dir("inodes", 1905, a));
	ASSERT_EQ(0, dl_limit(1905, a, CDLIM_INFINITY, 20, 0));
	EXPECT_EQ(0, in_ctx(1905, make_files, a));
	ASSERT_EQ(0, dl_get(1905, a, &d));
	EXPECT_EQ(20, d.inodes_used);
	EXPECT_EQ(20, d.inodes_total);
	wait_ctx_gone(1905);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1905, a));
}

struct statfs_arg {
	const char *path;
	struct statfs st;
};

static struct statfs_arg *sf_shared;

/* fn: statfs() of the path into the shared page. */
static int do_statfs(const void *arg)
{
	return statfs(sf_shared->path, &sf_shared->st) ? 1 : 0;
}

TEST(statfs_inside)
{
	struct vcmd_ctx_dlimit_v0 d;
	char a[256], f[300];
	unsigned long long bs, used;

	sf_shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sf_shared);
	ASSERT_EQ(0, make_dir("statfs", 1906, a));
	ASSERT_EQ(0, dl_limit(1906, a, 8192, 100, 0));
	snprintf(f, sizeof(f), "%s/file", a);
	ASSERT_EQ(0, in_ctx(1906, fill_mib, f));
	sync();
	ASSERT_EQ(0, dl_get(1906, a, &d));
	sf_shared->path = a;
	ASSERT_EQ(0, in_ctx(1906, do_statfs, NULL));
	bs = sf_shared->st.f_bsize;
	used = (unsigned long long)d.space_used * 1024;
	EXPECT_EQ(8192ULL * 1024, sf_shared->st.f_blocks * bs);
	EXPECT_EQ(8192ULL * 1024 - used, sf_shared->st.f_bfree * bs);
	EXPECT_EQ(sf_shared->st.f_bfree, sf_shared->st.f_bavail);
	EXPECT_EQ(100, sf_shared->st.f_files);
	EXPECT_EQ(100 - d.inodes_used, sf_shared->st.f_ffree);
	/* 10 % reserved: not available to the guest, to the host it is. */
	ASSERT_EQ(0, dl_set(1906, a, CDLIM_KEEP, CDLIM_KEEP, 10));
	ASSERT_EQ(0, in_ctx(1906, do_statfs, NULL));
	EXPECT_EQ(sf_shared->st.f_bfree - sf_shared->st.f_blocks / 10,
		  sf_shared->st.f_bavail);
	ASSERT_EQ(0, in_ctx(0, do_statfs, NULL));
	EXPECT_EQ(sf_shared->st.f_bfree, sf_shared->st.f_bavail);
	wait_ctx_gone(1906);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1906, a));
}

/* fn: create arg (a path); 0 if its project is the caller's tag. */
static int create_tagged(const void *arg)
{
	long tag = vserver(VCMD_task_tag, 0, NULL);
	int fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return 1;
	close(fd);
	return vs_projid(arg) == tag ? 0 : 2;
}

/* A guest's file in a directory of no project is charged to its tag. */
TEST(charged_outside_tree)
{
	char h[256], f[300];

	ASSERT_EQ(0, make_dir("shared", 0, h));
	snprintf(f, sizeof(f), "%s/guest-file", h);
	EXPECT_EQ(0, in_ctx(1907, create_tagged, f));
	EXPECT_EQ(1907, vs_projid(f));
	snprintf(f, sizeof(f), "%s/host-file", h);
	EXPECT_EQ(0, in_ctx(0, create_tagged, f));
	EXPECT_EQ(0, vs_projid(f));
}

/* fn: tag_migrate(1999), then a file gets project 1999, in a context too. */
static int migrate_tag(const void *arg)
{
	struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };

	if (vserver(VCMD_tag_migrate, 1999 + 0x10000, NULL))
		return 1;
	if (vserver(VCMD_task_tag, 0, NULL) != 1999)
		return 2;
	if (create_tagged(arg))
		return 3;
	if (vserver(VCMD_ctx_create, 1908, &c) != 1908)
		return 4;
	if (vserver(VCMD_task_tag, 0, NULL) != 1999)
		return 5;
	/* A guest cannot change its tag. */
	if (vserver(VCMD_tag_migrate, 0, NULL) != -1 || errno != EPERM)
		return 6;
	return 0;
}

static int guest_tag_is_xid(const void *arg)
{
	return vserver(VCMD_task_tag, 0, NULL) == 1909 ? 0 : 1;
}

TEST(tag_migrate)
{
	char h[256], f[300];

	EXPECT_EQ(0, vserver(VCMD_task_tag, 0, NULL));
	ASSERT_EQ(0, make_dir("tagmig", 0, h));
	snprintf(f, sizeof(f), "%s/file", h);
	EXPECT_EQ(0, in_ctx(0, migrate_tag, f));
	EXPECT_EQ(1999, vs_projid(f));
	EXPECT_EQ(0, in_ctx(1909, guest_tag_is_xid, NULL));
	EXPECT_EQ(0, vserver(VCMD_task_tag, 0, NULL));
}

/* fn: the guest's attempts on its project; 0 if all were refused. */
static int change_project(const void *arg)
{
	char f[300];
	struct fsxattr fa;
	struct if_dqblk q = { .dqb_valid = QIF_LIMITS };
	int fd, flags, ret = 0;

	snprintf(f, sizeof(f), "%s/mine", (const char *)arg);
	fd = open(f, O_RDWR | O_CREAT, 0644);
	if (fd < 0 || ioctl(fd, FS_IOC_FSGETXATTR, &fa))
		return 10;
	fa.fsx_projid = 0;
	if (ioctl(fd, FS_IOC_FSSETXATTR, &fa) == 0 || errno != EPERM)
		ret |= 1;
	close(fd);
	fd = open(arg, O_RDONLY);
	if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &flags))
		return 11;
	flags &= ~FS_PROJINHERIT_FL;
	if (ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0 || errno != EPERM)
		ret |= 2;
	/* Flags other than PROJINHERIT still work. */
	flags |= FS_PROJINHERIT_FL | FS_NOATIME_FL;
	if (ioctl(fd, FS_IOC_SETFLAGS, &flags))
		ret |= 4;
	close(fd);
	if (syscall(SYS_quotactl, QCMD(Q_SETQUOTA, PRJQUOTA), DL_DEV,
		    1910, &q) == 0 || errno != EPERM)
		ret |= 8;
	if (syscall(SYS_quotactl_fd, open(arg, O_RDONLY),
		    QCMD(Q_SETQUOTA, PRJQUOTA), 1910, &q) == 0 ||
	    errno != EPERM)
		ret |= 16;
	return ret;
}

TEST(guest_cannot_change_project)
{
	struct vcmd_ctx_dlimit_v0 d;
	char a[256], f[300];

	ASSERT_EQ(0, make_dir("guard", 1910, a));
	ASSERT_EQ(0, dl_limit(1910, a, 1024, 100, 0));
	EXPECT_EQ(0, in_ctx(1910, change_project, a));
	snprintf(f, sizeof(f), "%s/mine", a);
	EXPECT_EQ(1910, vs_projid(f));
	EXPECT_EQ(1910, vs_projid(a));
	ASSERT_EQ(0, dl_get(1910, a, &d));
	EXPECT_EQ(1024, d.space_total);
	/* The host may. */
	EXPECT_EQ(0, vs_set_project(f, 0, 0));
	wait_ctx_gone(1910);
	EXPECT_EQ(0, dl_base(VCMD_rem_dlimit, 1910, a));
}

TEST(vci_tagging)
{
	long vci = vserver(VCMD_get_vci, 0, NULL);

	ASSERT_GE(vci, 0);
	EXPECT_EQ(VCI_TAGGED_INTERN, (vci >> VCI_KCBIT_TAGGED) & 7);
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_PPTAG));
}

TEST_HARNESS_MAIN
