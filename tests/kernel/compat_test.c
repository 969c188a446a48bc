// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - util-vserver 0.30.215 compatibility
 *
 * One test per deviation issue 15 found: each issues the syscall sequence
 * util-vserver's tools issue (their command words, ids such as -2 for
 * "the caller's own context", NULL data, min = soft = hard) and checks
 * the vs2.3 answer; the vshelper tests point /proc/sys/kernel/vshelper at
 * a script that records its arguments and environment.
 *
 * Every test uses context ids of its own (2700..2749).
 */

#define _GNU_SOURCE
#include <sys/mount.h>
#include <sys/resource.h>

#include "kselftest_harness.h"
#include "vs_helpers2.h"
#include "vs_cgroup.h"

#include <linux/vserver/inode_cmd.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>
#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>
#include <linux/vserver/sched_cmd.h>
#include <linux/vserver/space_cmd.h>

/* util-vserver's VC_SAMECTX, as its wrappers pass it to the kernel. */
#define SAMECTX			((uint32_t)-2)

#define VSHELPER_SYSCTL		"/proc/sys/kernel/vshelper"
#define HELPER_SCRIPT		"/tmp/compat-vshelper"
#define HELPER_LOG		"/tmp/compat-vshelper.log"

/* ------------------------------------------------------------------ */
/* 1. Negative ids                                                     */
/* ------------------------------------------------------------------ */

/*
 * vcontext --create, then what vspace --set, vlimit, vuname --xid self
 * and vattribute do inside the new context: every id is -2.
 */
TEST(negative_id_is_the_callers_own_context)
{
	struct vcmd_space_mask_v2 sp = { .mask = 0x04000000ULL, .index = 0 };
	struct vcmd_net_create nc = { .flagword = NXF_INIT_SET };
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, h;
	uint64_t flags;
	uint32_t id;

	VS_GUEST(g, 2700, VXF_INIT_SET);
	/* vspace --set --default (util sends set_space v2 with -2). */
	EXPECT_EQ(0, vs_cmd(&g, VCMD_set_space, SAMECTX, &sp, sizeof(sp)))
		TH_LOG("set_space(-2): %s", strerror(errno));
	EXPECT_EQ(0, vs_vx_info(&g, SAMECTX, &vi))
		TH_LOG("vx_info(-2): %s", strerror(errno));
	EXPECT_EQ(2700, vi.xid);
	/* Any negative id, not only -1 and -2. */
	EXPECT_EQ(0, vs_vx_info(&g, (uint32_t)-100, &vi));
	EXPECT_EQ(2700, vi.xid);
	EXPECT_EQ(0, vs_set(&g, VCMD_set_cflags, SAMECTX, VXF_VIRT_UPTIME,
			    VXF_VIRT_UPTIME))
		TH_LOG("set_cflags(-2): %s", strerror(errno));
	EXPECT_EQ(0, vs_get(NULL, VCMD_get_cflags, 2700, &flags, NULL));
	EXPECT_TRUE(flags & VXF_VIRT_UPTIME);

	/* Network commands the same way (chbind --nid self). */
	EXPECT_EQ(2700, vs_cmd(&g, VCMD_net_create, 2700, &nc, sizeof(nc)));
	EXPECT_EQ(0, vs_get(&g, VCMD_get_nflags, SAMECTX, &flags, NULL))
		TH_LOG("get_nflags(-2): %s", strerror(errno));

	/* The host has no own context: -2 names none. */
	VS_START(h);
	EXPECT_EQ(-1, vs_vx_info(&h, SAMECTX, &vi));
	EXPECT_EQ(ESRCH, errno);
	id = SAMECTX;
	EXPECT_EQ(-1, vs_set(&h, VCMD_set_cflags, id, 0, VXF_VIRT_UPTIME));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* 2. NULL data                                                        */
/* ------------------------------------------------------------------ */

/* ncontext --create and chbind: net_create v1 without data. */
TEST(net_create_v1_without_data_uses_the_default_flags)
{
	struct vs_agent g;
	uint64_t flags;

	VS_START(g);
	EXPECT_EQ(2701, vs_cmd(&g, VCMD_net_create, 2701, NULL, 0))
		TH_LOG("net_create(NULL): %s", strerror(errno));
	EXPECT_EQ(0, vs_get(NULL, VCMD_get_nflags, 2701, &flags, NULL));
	EXPECT_EQ(NXF_INIT_SET, flags)
		TH_LOG("flags %016llx", (unsigned long long)flags);
	vs_agents_stop_all();
}

/* ctx_create and ctx_migrate v1 without data, as vs2.3 allowed. */
TEST(ctx_create_and_migrate_v1_without_data)
{
	struct vs_agent g, m;
	uint64_t flags;

	VS_START(g);
	EXPECT_EQ(2702, vs_cmd(&g, VCMD_ctx_create, 2702, NULL, 0))
		TH_LOG("ctx_create(NULL): %s", strerror(errno));
	EXPECT_EQ(0, vs_get(NULL, VCMD_get_cflags, 2702, &flags, NULL));
	EXPECT_EQ(VXF_INIT_SET, flags);
	VS_START(m);
	EXPECT_EQ(0, vs_cmd(&m, VCMD_ctx_migrate, 2702, NULL, 0))
		TH_LOG("ctx_migrate(NULL): %s", strerror(errno));
	EXPECT_EQ(2702, vs_task_xid(&m, 0));
	vs_agents_stop_all();
}

/*
 * enter_space and set_space without data: mask 0, space 0 -- enter
 * everything stored, store nothing (vs2.3).
 */
TEST(enter_space_without_data_enters_everything_stored)
{
	struct vcmd_space_mask_v2 sp = { .mask = 0x04000000ULL, .index = 0 };
	char name[128] = "compat2714";
	struct utsname u;
	struct vs_agent g, e;

	VS_GUEST(g, 2714, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, CLONE_NEWUTS));
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_setname, name, sizeof(name), NULL,
				0, 0));
	ASSERT_EQ(0, vs_cmd(&g, VCMD_set_space, SAMECTX, &sp, sizeof(sp)));
	EXPECT_EQ(0, vs_cmd(&g, VCMD_set_space, SAMECTX, NULL, 0))
		TH_LOG("set_space(NULL): %s", strerror(errno));
	VS_START(e);
	EXPECT_EQ(0, vs_cmd(&e, VCMD_enter_space, 2714, NULL, 0))
		TH_LOG("enter_space(NULL): %s", strerror(errno));
	memset(&u, 0, sizeof(u));
	EXPECT_EQ(0, VS_CALL_IO(&e, vs_fn_uname, NULL, 0, &u, sizeof(u), 0));
	EXPECT_STREQ("compat2714", u.nodename);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* 3. get_vci                                                          */
/* ------------------------------------------------------------------ */

TEST(get_vci_reports_the_implemented_features)
{
	char buf[256], want[32];
	long vci = vserver(VCMD_get_vci, 0, NULL);

	ASSERT_LE(0, vci) TH_LOG("%s", strerror(errno));
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_SPACES));
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_NETV2));
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_MEMCG));
	/* Dynamic ids work, nothing is tagged, no unification. */
	EXPECT_FALSE(vci & (1L << VCI_KCBIT_NO_DYNAMIC));
	/* Tags are project ids, kept in the inode; tag_migrate per task. */
	EXPECT_EQ(4L << VCI_KCBIT_TAGGED, vci & (7L << VCI_KCBIT_TAGGED));
	EXPECT_TRUE(vci & (1L << VCI_KCBIT_PPTAG));
	EXPECT_FALSE(vci & (1L << VCI_KCBIT_COWBL));
	ASSERT_LT(0, read_file("/proc/virtual/info", buf, sizeof(buf)));
	snprintf(want, sizeof(want), "VCIKernel:\t%08lx\n", vci);
	EXPECT_NE(NULL, strstr(buf, want)) TH_LOG("%s", buf);
}

/* ------------------------------------------------------------------ */
/* 4. set_rlimit with a minimum                                        */
/* ------------------------------------------------------------------ */

/* vlimit --dir rlimits/ inside the new context: min = soft = hard. */
TEST(set_rlimit_accepts_and_ignores_the_minimum)
{
	struct vcmd_ctx_rlimit_v0 rl = {
		.id = RLIMIT_NPROC, .minimum = 40, .softlimit = 40,
		.maximum = 40,
	};
	struct vs_agent g;

	VS_GUEST(g, 2703, VXF_INIT_SET);
	EXPECT_EQ(0, vs_cmd(&g, VCMD_set_rlimit, SAMECTX, &rl, sizeof(rl)))
		TH_LOG("set_rlimit(min 40): %s", strerror(errno));
	memset(&rl, 0x55, sizeof(rl));
	rl.id = RLIMIT_NPROC;
	EXPECT_EQ(0, vserver(VCMD_get_rlimit, 2703, &rl));
	EXPECT_EQ(CRLIM_UNSET, rl.minimum);
	EXPECT_EQ(40, rl.softlimit);
	EXPECT_EQ(40, rl.maximum);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* 5. The vshelper                                                     */
/* ------------------------------------------------------------------ */

static int write_text(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return -1;
	fputs(text, f);
	err = fclose(f);
	if (!err && mode)
		err = chmod(path, mode);
	return err;
}

/*
 * The helper records one line per call: its arguments and the vserver
 * part of its environment; "startup 2712" fails.
 */
static int install_helper(void)
{
	static const char script[] =
		"#!/bin/sh\n"
		"echo \"$# $1 $2 HOME=$HOME TERM=$TERM PATH=$PATH"
		" VS_CMD=$VS_CMD VS_UID=$VS_UID VS_PID=${VS_PID:+set}\""
		" >> " HELPER_LOG "\n"
		"[ \"$1 $2\" != 'startup 2712' ]\n";

	unlink(HELPER_LOG);
	if (write_text(HELPER_SCRIPT, script, 0755))
		return -1;
	return write_text(VSHELPER_SYSCTL, HELPER_SCRIPT "\n", 0);
}

static void remove_helper(void)
{
	write_text(VSHELPER_SYSCTL, "\n", 0);
	unlink(HELPER_SCRIPT);
}

/* Waits up to ms for a line of the helper's log containing want. */
static int helper_saw(const char *want, unsigned int ms)
{
	char buf[4096];
	unsigned int t;

	for (t = 0; t <= ms; t += 20) {
		if (read_file(HELPER_LOG, buf, sizeof(buf)) > 0 &&
		    strstr(buf, want))
			return 1;
		vs_msleep(20);
	}
	return 0;
}

FIXTURE(vshelper) {};
FIXTURE_SETUP(vshelper)
{
	ASSERT_EQ(0, install_helper())
		TH_LOG("cannot set " VSHELPER_SYSCTL ": %s", strerror(errno));
}
FIXTURE_TEARDOWN(vshelper)
{
	vs_agents_stop_all();
	remove_helper();
}

TEST(vshelper_sysctl_exists_and_is_empty_by_default)
{
	char buf[300];

	ASSERT_LE(0, read_file(VSHELPER_SYSCTL, buf, sizeof(buf)))
		TH_LOG("%s: %s", VSHELPER_SYSCTL, strerror(errno));
	EXPECT_STREQ("\n", buf);
}

/*
 * util's vshelper restarts a guest that reboots: reboot(RESTART) in the
 * guest (in a pid namespace of its own, so that an undiverted reboot
 * could only end that namespace) runs "<helper> restart <xid>".
 */
TEST_F(vshelper, is_told_of_a_guest_reboot)
{
	struct vs_agent g, p1, p2, w;
	struct vcmd_wait_exit_v0 x = { 0, 0 };
	long ret = -2;
	char want[256];

	VS_GUEST(g, 2710, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, CLONE_NEWPID));
	VS_FORK2(g, p1);
	VS_FORK2(p1, p2);
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	VS_START(w);
	START_WAIT(w, 2710);
	EXPECT_BLOCKS(w, 100);

	VS_CALL(&p2, vs_fn_reboot, LINUX_REBOOT_CMD_RESTART);
	snprintf(want, sizeof(want),
		 "2 restart 2710 HOME=/ TERM=linux "
		 "PATH=/sbin:/usr/sbin:/bin:/usr/bin VS_CMD=%08x VS_UID=0 "
		 "VS_PID=set", LINUX_REBOOT_CMD_RESTART);
	EXPECT_TRUE(helper_saw(want, 5000)) TH_LOG("want: %s", want);
	/* The guest still ends and wait_exit still reports the command. */
	EXPECT_EQ(1, vs_wait_exit_end(&w, 5000, &ret, &x));
	EXPECT_EQ(0, ret);
	EXPECT_EQ(LINUX_REBOOT_CMD_RESTART, x.reboot_cmd);
	EXPECT_EQ(0, vs_wait_gone(2710, VS_GONE_TIMEOUT_MS));
}

/* VXF_SC_HELPER: "startup <xid>" before ctx_create returns, "shutdown". */
TEST_F(vshelper, startup_and_shutdown_with_sc_helper)
{
	struct vs_agent g, f;

	VS_GUEST(g, 2711, VXF_INIT_SET | VXF_SC_HELPER);
	/* Waited for: it is there when ctx_create returned. */
	EXPECT_TRUE(helper_saw("2 startup 2711 ", 0));
	EXPECT_TRUE(helper_saw(" VS_CMD=00000001 ", 0));
	ASSERT_EQ(0, vs_agent_stop(&g));
	EXPECT_EQ(0, vs_wait_gone(2711, VS_GONE_TIMEOUT_MS));
	EXPECT_TRUE(helper_saw("2 shutdown 2711 ", 5000));

	/* A helper that fails refuses the context: ENOEXEC, no context. */
	VS_START(f);
	EXPECT_EQ(-1, vs_create(&f, 2712, VXF_INIT_SET | VXF_SC_HELPER));
	EXPECT_EQ(ENOEXEC, errno) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_wait_gone(2712, 100));
	EXPECT_EQ(0, vs_task_xid(&f, 0));
	/* It never started: no shutdown is reported for it. */
	EXPECT_TRUE(helper_saw("2 startup 2712 ", 0));
	EXPECT_FALSE(helper_saw("2 shutdown 2712 ", 200));
}

/* NXF_SC_HELPER: "netup <nid>" and "netdown <nid>". */
TEST_F(vshelper, netup_and_netdown_with_sc_helper)
{
	struct vcmd_net_create nc = {
		.flagword = NXF_INIT_SET | NXF_SC_HELPER,
	};
	struct vs_agent g;

	VS_START(g);
	EXPECT_EQ(2713, vs_cmd(&g, VCMD_net_create, 2713, &nc, sizeof(nc)));
	EXPECT_TRUE(helper_saw("2 netup 2713 ", 0));
	ASSERT_EQ(0, vs_agent_stop(&g));
	EXPECT_TRUE(helper_saw("2 netdown 2713 ", 5000));
}

/* ------------------------------------------------------------------ */
/* 6. The commands that returned ENOSYS                               */
/* ------------------------------------------------------------------ */

static long iattr(uint32_t cmd, const char *path, uint32_t *flags,
		  uint32_t *mask)
{
	struct vcmd_ctx_iattr_v1 a = {
		.name = (uintptr_t)path, .flags = *flags, .mask = *mask,
	};
	long ret = vserver(cmd, 0, &a);

	*flags = a.flags;
	*mask = a.mask;
	return ret;
}

/* setattr --barrier, showattr, chattr-like immutable, vprocunhide. */
TEST(iattr_barrier_immutable_and_proc_visibility)
{
	char dir[] = "/tmp/compat-iattr-XXXXXX", file[64];
	struct vcmd_ctx_fiattr_v0 fa = { 0, 0, 0 };
	uint32_t flags, mask;
	int fd;

	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, mount("none", dir, "tmpfs", 0, NULL));
	snprintf(file, sizeof(file), "%s/f", dir);
	ASSERT_EQ(0, write_text(file, "x", 0));

	/* setattr --barrier <dir> and showattr. */
	flags = IATTR_BARRIER;
	mask = IATTR_BARRIER;
	EXPECT_EQ(0, iattr(VCMD_set_iattr, dir, &flags, &mask))
		TH_LOG("set_iattr(barrier): %s", strerror(errno));
	flags = 0;
	mask = 0;
	EXPECT_EQ(0, iattr(VCMD_get_iattr, dir, &flags, &mask))
		TH_LOG("get_iattr: %s", strerror(errno));
	EXPECT_TRUE(mask & IATTR_BARRIER);
	/* Not on a file. */
	flags = IATTR_BARRIER;
	mask = IATTR_BARRIER;
	EXPECT_EQ(-1, iattr(VCMD_set_iattr, file, &flags, &mask));
	EXPECT_EQ(EINVAL, errno);

	/* The immutable flag is the inode's. */
	flags = IATTR_IMMUTABLE;
	mask = IATTR_IMMUTABLE;
	EXPECT_EQ(0, iattr(VCMD_set_iattr, file, &flags, &mask))
		TH_LOG("set_iattr(immutable): %s", strerror(errno));
	EXPECT_EQ(-1, open(file, O_WRONLY));
	EXPECT_EQ(EPERM, errno);
	fd = open(file, O_RDONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, vserver(VCMD_fget_iattr, fd, &fa));
	EXPECT_EQ(IATTR_IMMUTABLE, fa.flags & IATTR_IMMUTABLE);
	fa.flags = 0;
	fa.mask = IATTR_IMMUTABLE;
	EXPECT_EQ(0, vserver(VCMD_fset_iattr, fd, &fa))
		TH_LOG("fset_iattr: %s", strerror(errno));
	close(fd);
	fd = open(file, O_WRONLY);
	EXPECT_LE(0, fd) TH_LOG("still immutable: %s", strerror(errno));
	if (fd >= 0)
		close(fd);

	/* What needs file system support is refused with EINVAL. */
	flags = IATTR_COW;
	mask = IATTR_COW;
	EXPECT_EQ(-1, iattr(VCMD_set_iattr, file, &flags, &mask));
	EXPECT_EQ(EINVAL, errno);
	flags = IATTR_IXUNLINK;
	mask = IATTR_IXUNLINK;
	EXPECT_EQ(-1, iattr(VCMD_set_iattr, file, &flags, &mask));
	EXPECT_EQ(EINVAL, errno);
	flags = IATTR_TAG;
	mask = IATTR_TAG;
	EXPECT_EQ(-1, iattr(VCMD_set_iattr, file, &flags, &mask));
	EXPECT_EQ(EINVAL, errno);

	/* vprocunhide: "unhide" is accepted, hiding is refused. */
	flags = IATTR_ADMIN | IATTR_WATCH;
	mask = IATTR_FLAGS;
	EXPECT_EQ(0, iattr(VCMD_set_iattr, "/proc/uptime", &flags, &mask))
		TH_LOG("unhide /proc/uptime: %s", strerror(errno));
	flags = 0;
	mask = 0;
	EXPECT_EQ(0, iattr(VCMD_get_iattr, "/proc/uptime", &flags, &mask));
	EXPECT_EQ(IATTR_ADMIN | IATTR_WATCH, flags & IATTR_FLAGS);
	flags = IATTR_ADMIN | IATTR_HIDE;
	mask = IATTR_FLAGS;
	EXPECT_EQ(-1, iattr(VCMD_set_iattr, "/proc/uptime", &flags, &mask));
	EXPECT_EQ(EINVAL, errno);

	EXPECT_EQ(0, umount(dir));
	rmdir(dir);
}

/* A guest cannot change inode attributes. */
TEST(set_iattr_is_for_the_host)
{
	uint32_t flags = IATTR_BARRIER, mask = IATTR_BARRIER;
	struct vcmd_ctx_iattr_v1 a = {
		.name = (uintptr_t)"/tmp", .flags = flags, .mask = mask,
	};
	struct vs_agent g;

	VS_GUEST(g, 2704, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g, VCMD_set_bcaps, SAMECTX, ~0ULL, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&g, SAMECTX));
	EXPECT_EQ(-1, vs_cmd(&g, VCMD_set_iattr, 0, &a, sizeof(a)));
	EXPECT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

/* vtag: task_tag is the xid; tag_migrate is accepted from the host only. */
TEST(task_tag_and_tag_migrate)
{
	struct vs_agent g, h;
	long pid;

	VS_GUEST(g, 2705, VXF_INIT_SET);
	pid = VS_CALL(&g, vs_fn_getpid);
	ASSERT_LT(0, pid);
	EXPECT_EQ(2705, vserver(VCMD_task_tag, pid, NULL))
		TH_LOG("task_tag: %s", strerror(errno));
	EXPECT_EQ(0, vserver(VCMD_task_tag, 0, NULL));
	VS_START(h);
	EXPECT_EQ(0, vs_cmd(&h, VCMD_tag_migrate, 2705, NULL, 0))
		TH_LOG("tag_migrate: %s", strerror(errno));
	ASSERT_EQ(0, vs_clear_setup(&g, SAMECTX));
	EXPECT_EQ(-1, vs_cmd(&g, VCMD_tag_migrate, 2705, NULL, 0));
	EXPECT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

/* vmemctrl --set --badness N inside the new context, OOM: in info. */
TEST(badness_is_stored_and_shown)
{
	struct vcmd_badness_v0 b = { .bias = -500 };
	char buf[512];
	struct vs_agent g;

	VS_GUEST(g, 2706, VXF_INIT_SET);
	EXPECT_EQ(0, vs_cmd(&g, VCMD_set_badness, SAMECTX, &b, sizeof(b)))
		TH_LOG("set_badness: %s", strerror(errno));
	b.bias = 0;
	EXPECT_EQ(0, vserver(VCMD_get_badness, 2706, &b));
	EXPECT_EQ(-500, b.bias);
	ASSERT_LT(0, read_file("/proc/virtual/2706/info", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "\nOOM:\t-500\n")) TH_LOG("%s", buf);
	vs_agents_stop_all();
}

/* get/set_wmask, Wmask: in status. */
TEST(wmask_is_stored_and_shown)
{
	uint64_t v = 0, m = 0;
	char buf[1024];
	struct vs_agent g;

	VS_GUEST(g, 2707, VXF_INIT_SET);
	EXPECT_EQ(0, vs_set(&g, VCMD_set_wmask, SAMECTX, 0x12, 0xff))
		TH_LOG("set_wmask: %s", strerror(errno));
	EXPECT_EQ(0, vs_get(NULL, VCMD_get_wmask, 2707, &v, &m));
	EXPECT_EQ(0x12, v);
	ASSERT_LT(0, read_file("/proc/virtual/2707/status", buf,
			       sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "\nWmask:\t0000000000000012\n"))
		TH_LOG("%s", buf);
	vs_agents_stop_all();
}

/* vsched --prio-bias on vs2.3: set/get_prio_bias, in a cpu cgroup. */
TEST(prio_bias)
{
	struct vcmd_prio_bias pb = { .cpu_id = -1, .prio_bias = -5 };
	struct vs_agent g;
	char w[32];

	if (vs_cg_setup("cpu"))
		SKIP(return, "no cpu controller: %s", strerror(errno));
	ASSERT_EQ(0, vs_cg_create("compat-2708"));
	VS_START(g);
	ASSERT_EQ(0, vs_cg_enter("compat-2708", g.pid));
	ASSERT_EQ(2708, vs_create(&g, 2708, VXF_INIT_SET));
	EXPECT_EQ(0, vs_cmd(&g, VCMD_set_prio_bias, SAMECTX, &pb,
			    sizeof(pb)))
		TH_LOG("set_prio_bias: %s", strerror(errno));
	pb.prio_bias = 0;
	EXPECT_EQ(0, vserver(VCMD_get_prio_bias, 2708, &pb));
	EXPECT_EQ(-5, pb.prio_bias);
	/* Nice -5 as the cpu.weight of the cgroup. */
	ASSERT_LT(0, vs_cg_read("compat-2708", "cpu.weight", w, sizeof(w)));
	EXPECT_STREQ("305\n", w);
	vs_agents_stop_all();
	vs_cg_remove("compat-2708", 5000);
}

/* Still refused, documented: device mapping and socket statistics. */
TEST(set_mapping_and_sock_stat_stay_enosys)
{
	char buf[64] = { 0 };

	EXPECT_EQ(-1, vserver(VC_CMD(DEVICE, 1, 0), 0, buf));
	EXPECT_EQ(ENOSYS, errno);
	EXPECT_EQ(-1, vserver(VC_CMD(VSTAT, 5, 0), 0, buf));
	EXPECT_EQ(ENOSYS, errno);
}

/* ------------------------------------------------------------------ */
/* 7. /proc/virtual                                                    */
/* ------------------------------------------------------------------ */

TEST(proc_virtual_has_the_vs23_fields)
{
	/* vs2.3's rows, then the limits vs2.3 did not have: the ABI's. */
	static const struct {
		unsigned int id;
		const char *name;
	} rows[] = VLIMIT_ROWS_INIT;
	char buf[2048], *p, *line;
	struct vs_agent g;
	size_t i = 0;

	ASSERT_LT(0, read_file("/proc/virtual/status", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "\n#NSProxy:\t")) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, "\n#InitTask:\t")) TH_LOG("%s", buf);

	VS_GUEST(g, 2709, VXF_INIT_SET);
	ASSERT_LT(0, read_file("/proc/virtual/2709/limit", buf, sizeof(buf)));
	/* After the header, every vs2.3 row in the vs2.3 order, then ours. */
	p = strchr(buf, '\n');
	ASSERT_NE(NULL, p);
	for (line = strtok(p + 1, "\n"); line; line = strtok(NULL, "\n")) {
		char name[16];

		ASSERT_LT(i, ARRAY_SIZE(rows)) TH_LOG("extra row %s", line);
		snprintf(name, sizeof(name), "%s:\t", rows[i].name);
		EXPECT_EQ(0, strncmp(line, name, strlen(name)))
			TH_LOG("row %zu: %s, want %s", i, line, rows[i].name);
		i++;
	}
	EXPECT_EQ(ARRAY_SIZE(rows), i);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
