// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite, a guest that runs systemd: the safe mounts
 * of VXC_SECURE_MOUNT and the guest's own cgroup subtree (issue 20).
 *
 * The world is attack.h's, with two changes made by the host before it
 * is built: the test task is put in a cgroup of its own (so the guest's
 * context is created there: its delegated cgroup), and in the "ns"
 * variant it enters a new cgroup namespace rooted there, as vserver start
 * does; the "nons" variant leaves the guest in the host's cgroup
 * namespace.  Guest A is given VXC_SECURE_MOUNT by the host.  The
 * attempts: mounting other kinds, sysfs read-write, remounting the host's
 * mounts or tightened ones loose, unsharing more than a mount namespace,
 * writing the cgroup files the host set on the guest's cgroup, mounting a
 * cgroup2 that shows the host's tree, moving a host task in.  What a
 * systemd guest needs is checked to work as well (tmpfs, proc, devpts,
 * mqueue, read-only sysfs, cgroup2 of its subtree, sub-cgroups).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/timex.h>
#include <sys/uio.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

/* attack.h's helpers for attempts this program does not make. */
static const void *const at_unused[] __attribute__((unused)) = {
	at_outside_root, at_guest_chrooted, at_reached, at_go_on,
	at_await_ready, at_ready_wait,
};

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC	0x63677270
#endif

#define CG_ROOT		"/sys/fs/cgroup"
#define CG_GUEST	CG_ROOT "/vs-at20"		/* delegated */
#define CG_MARK		CG_ROOT "/vs-at20-host-mark"	/* host only */

static int cg_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* rmdir of a cgroup and of what is under it, deepest first. */
static void cg_rmtree(const char *dir)
{
	char sub[512];
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_type == DT_DIR && de->d_name[0] != '.') {
			snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
			cg_rmtree(sub);
		}
	closedir(d);
	rmdir(dir);
}

/* The harness runs each test in a child: its cgroups go afterwards. */
static void __attribute__((destructor)) cg_cleanup(void)
{
	if (at_sh && getpid() == at_sh->main_pid) {
		cg_rmtree(CG_GUEST);
		rmdir(CG_MARK);
	}
}

FIXTURE(attack) {
	struct at_world w;
};

FIXTURE_VARIANT(attack) {
	bool cgroupns;
};

FIXTURE_VARIANT_ADD(attack, ns) {
	.cgroupns = true,
};

FIXTURE_VARIANT_ADD(attack, nons) {
	.cgroupns = false,
};

FIXTURE_SETUP(attack)
{
	struct statfs sfs;
	char pid[32];
	int ok;

	/* cgroup2 on /sys/fs/cgroup, as vserver start mounts it. */
	if (statfs(CG_ROOT, &sfs) || sfs.f_type != CGROUP2_SUPER_MAGIC)
		ASSERT_EQ(0, mount("none", CG_ROOT, "cgroup2", 0, NULL))
			TH_LOG("mount cgroup2 on %s: %s", CG_ROOT,
			       strerror(errno));
	/*
	 * What an earlier test left: its guest's last tasks may still be
	 * exiting (on a loaded machine the VM's init reaps them late), and
	 * a cgroup with tasks cannot go: retry until it has gone.
	 */
	for (ok = 0; ok < 30000; ok++) {
		cg_rmtree(CG_GUEST);
		if (access(CG_GUEST, F_OK) && errno == ENOENT)
			break;
		usleep(10000);
	}
	ASSERT_EQ(0, mkdir(CG_GUEST, 0755)) TH_LOG("mkdir %s: %s", CG_GUEST,
						   strerror(errno));
	ASSERT_EQ(0, mkdir(CG_GUEST "/inner", 0755));
	if (mkdir(CG_MARK, 0755))
		ASSERT_EQ(EEXIST, errno);
	snprintf(pid, sizeof(pid), "%d\n", getpid());
	ASSERT_EQ(0, cg_write(CG_GUEST "/cgroup.procs", pid));
	if (variant->cgroupns)
		ASSERT_EQ(0, unshare(CLONE_NEWCGROUP));
	ok = at_world_up(&self->w) == 0;
	if (!ok)
		at_world_down();
	ASSERT_TRUE(ok) TH_LOG("cannot build the world: %s", self->w.why);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, AT_XA, VXC_SECURE_MOUNT,
			    VXC_SECURE_MOUNT));
}

FIXTURE_TEARDOWN(attack)
{
	at_restore_host();
	EXPECT_TRUE(at_world_down())
		TH_LOG("the contexts did not go away");
}

/* Mounts (type, flags) on a fresh /tmp/m of the guest. */
static long g_mount(long arg)
{
	const char *type = at_arg2(arg);
	unsigned long flags = strtoul((const char *)arg, NULL, 0);

	mkdir("/tmp/m", 0755);
	umount2("/tmp/m", MNT_DETACH);
	return mount("none", "/tmp/m", type, flags, NULL);
}

/* ================================================================== */
/* What a systemd guest needs works                                   */
/* ================================================================== */

TEST_F(attack, safe_kinds_mount)
{
	static const char *const kinds[] = { "tmpfs", "proc", "devpts",
					     "mqueue" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		long r = ATTEMPT(AT_INIT, g_mount, at_arg("0", kinds[i]),
				 "mount() a safe kind with VXC_SECURE_MOUNT "
				 "-> allowed");

		EXPECT_EQ(0, r) TH_LOG("%s: %s", kinds[i], strerror(errno));
	}
	{
		long r = ATTEMPT(AT_INIT, g_mount, at_arg("1", "sysfs"),
				 "mount() sysfs read-only -> allowed");

		EXPECT_EQ(0, r) TH_LOG("sysfs ro: %s", strerror(errno));
	}
	HOST_OK();
}

/* ================================================================== */
/* Other kinds, sysfs read-write, remounts                            */
/* ================================================================== */

TEST_F(attack, mount_other_kinds)
{
	static const char *const kinds[] = {
		"ramfs", "debugfs", "tracefs", "securityfs", "bpf",
		"configfs", "pstore", "hugetlbfs", "cgroup", "ext4",
		"efivarfs", "binfmt_misc",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		long r = ATTEMPT(AT_INIT, g_mount, at_arg("0", kinds[i]),
				 "mount() a kind outside the safe list "
				 "-> EPERM");

		TH_LOG("kind %s", kinds[i]);
		REFUSED(r, errno, EPERM);
	}
	HOST_OK();
}

TEST_F(attack, sysfs_rw)
{
	long r = ATTEMPT(AT_INIT, g_mount, at_arg("0", "sysfs"),
			 "mount() sysfs read-write -> EPERM");

	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_sysfs_loosen(long arg)
{
	(void)arg;
	mkdir("/tmp/m", 0755);
	if (mount("none", "/tmp/m", "sysfs", MS_RDONLY, NULL)) {
		NOTE("the read-only sysfs mount failed: %s", strerror(errno));
		errno = EIO;
		return -2;
	}
	return mount(NULL, "/tmp/m", NULL, MS_REMOUNT | MS_BIND, NULL);
}

TEST_F(attack, sysfs_remount_rw)
{
	long r = ATTEMPT(AT_INIT, g_sysfs_loosen, 0,
			 "bind-remount a read-only sysfs read-write -> EPERM");

	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_bind_loosen(long arg)
{
	(void)arg;
	mkdir("/tmp/m", 0755);
	if (mount("none", "/tmp/m", "tmpfs", 0, NULL) ||
	    mount(NULL, "/tmp/m", NULL,
		  MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL)) {
		NOTE("the tmpfs or its tightening failed: %s",
		     strerror(errno));
		errno = EIO;
		return -2;
	}
	return mount(NULL, "/tmp/m", NULL, MS_REMOUNT | MS_BIND | MS_NOSUID,
		     NULL);
}

TEST_F(attack, bind_remount_loosen)
{
	long r = ATTEMPT(AT_INIT, g_bind_loosen, 0,
			 "tighten a mount read-only (allowed), then remount "
			 "it read-write -> EPERM");

	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_remount_sb(long arg)
{
	return mount(NULL, (const char *)arg, NULL, MS_REMOUNT, NULL);
}

TEST_F(attack, remount_root_sb)
{
	long r = ATTEMPT(AT_INIT, g_remount_sb, at_arg("/", NULL),
			 "remount the host's file system under its root "
			 "-> EPERM");

	REFUSED(r, errno, EPERM);
	r = ATTEMPT(AT_INIT, g_remount_sb, at_arg("/proc", NULL),
		    "remount the proc the host mounted -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_unshare_more(long arg)
{
	return unshare((int)arg);
}

TEST_F(attack, unshare_other_ns)
{
	static const int flags[] = {
		CLONE_NEWNS, CLONE_NEWNS | CLONE_NEWNET, CLONE_NEWUTS,
		CLONE_NEWIPC,
		CLONE_NEWNS | CLONE_NEWCGROUP, CLONE_NEWPID,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		long r = ATTEMPT(AT_INIT, g_unshare_more, flags[i],
				 "unshare() a namespace (a mount namespace "
				 "would let it undo tightened flags) -> EPERM");

		TH_LOG("flags 0x%x", flags[i]);
		REFUSED(r, errno, EPERM);
	}
	HOST_OK();
}

/* ================================================================== */
/* The cgroup subtree                                                 */
/* ================================================================== */

/*
 * Mounts cgroup2 on /tmp/m and says what it shows: 1 the guest's own
 * cgroup (its "inner" child, no host mark), 2 the host's tree.
 */
static long g_cgroup_view(long arg)
{
	struct stat st;
	int inner, mark;

	(void)arg;
	mkdir("/tmp/m", 0755);
	umount2("/tmp/m", MNT_DETACH);
	if (mount("none", "/tmp/m", "cgroup2", 0, NULL))
		return -1;
	inner = !stat("/tmp/m/inner", &st);
	mark = !stat("/tmp/m/vs-at20-host-mark", &st);
	NOTE("inner %d, host mark %d", inner, mark);
	return mark ? 2 : inner ? 1 : 3;
}

TEST_F(attack, cgroup2_host_tree)
{
	long r = ATTEMPT(AT_INIT, g_cgroup_view, 0,
			 variant->cgroupns ?
			 "mount cgroup2 -> only the guest's own subtree" :
			 "mount cgroup2 outside a cgroup namespace of its "
			 "own (it would show the host's tree) -> EPERM");

	if (variant->cgroupns) {
		NO_ESCAPE(r != 2, "the guest's cgroup2 shows the host's tree");
		EXPECT_EQ(1, r) TH_LOG("%s", strerror(errno));
	} else {
		REFUSED(r, errno, EPERM);
	}
	HOST_OK();
}

/* Opens a file of the guest's cgroup2 mount for writing, writes arg. */
static long g_cgroup_write(long arg)
{
	const char *file = (const char *)arg, *text = at_arg2(arg);
	char path[256];
	int fd;

	mkdir("/tmp/m", 0755);
	umount2("/tmp/m", MNT_DETACH);
	if (mount("none", "/tmp/m", "cgroup2", 0, NULL)) {
		NOTE("cgroup2 mount: %s", strerror(errno));
		errno = EIO;
		return -2;
	}
	mkdir("/tmp/m/inner/sub", 0755);
	snprintf(path, sizeof(path), "/tmp/m/%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	if (write(fd, text, strlen(text)) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

TEST_F(attack, cgroup_own_limits)
{
	static const char *const files[] = { "cgroup.max.descendants",
					     "cgroup.max.depth",
					     "cgroup.freeze", "cgroup.kill" };
	unsigned int i;

	if (!variant->cgroupns)
		AT_SKIP("the guest mounts no cgroup2 without a namespace");
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		long r = ATTEMPT(AT_INIT, g_cgroup_write,
				 at_arg(files[i], "1"),
				 "write a file the host set on the guest's "
				 "own cgroup -> EACCES");

		TH_LOG("file %s", files[i]);
		EXPECT_NE(-2, r) TH_LOG("the guest could not mount cgroup2");
		if (r == -2)
			continue;
		REFUSED(r, errno, EACCES);
	}
	HOST_OK();
}

TEST_F(attack, cgroup_subtree_writable)
{
	long r;

	if (!variant->cgroupns)
		AT_SKIP("the guest mounts no cgroup2 without a namespace");
	r = ATTEMPT(AT_INIT, g_cgroup_write,
		    at_arg("inner/cgroup.max.descendants", "5"),
		    "write a file of a cgroup below its own -> allowed");
	EXPECT_EQ(0, r) TH_LOG("%s", strerror(errno));
	r = ATTEMPT(AT_INIT, g_cgroup_write,
		    at_arg("inner/sub/cgroup.procs", "0"),
		    "move itself into a cgroup it made -> allowed");
	EXPECT_EQ(0, r) TH_LOG("%s", strerror(errno));
	HOST_OK();
}

TEST_F(attack, cgroup_pull_host_task)
{
	char pid[32];
	long r;

	if (!variant->cgroupns)
		AT_SKIP("the guest mounts no cgroup2 without a namespace");
	/* AT_OUTER lives in the host's PID namespace: it can name hv. */
	snprintf(pid, sizeof(pid), "%d", self->w.hv);
	r = ATTEMPT(AT_OUTER, g_cgroup_write,
		    at_arg("inner/cgroup.procs", pid),
		    "move a host task into the guest's subtree -> refused");
	EXPECT_NE(-2, r) TH_LOG("the guest could not mount cgroup2");
	NO_ESCAPE(r != 0, "a host task was moved into the guest's cgroup");
	HOST_OK();
}

TEST_F(attack, cgroup_no_ns_writes)
{
	static const char *const files[] = { "cgroup.procs",
					     "inner/cgroup.procs",
					     "inner/cgroup.max.depth" };
	unsigned int i;

	if (variant->cgroupns)
		AT_SKIP("only outside a cgroup namespace of its own");
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		/* The host hands the file in: the guest cannot mount it. */
		long r;

		r = ATTEMPT(AT_INIT, g_cgroup_write, at_arg(files[i], "0"),
			    "write a cgroup file outside a cgroup namespace "
			    "of its own -> refused");
		NO_ESCAPE(r != 0, "wrote %s", files[i]);
	}
	HOST_OK();
}

TEST_HARNESS_MAIN
