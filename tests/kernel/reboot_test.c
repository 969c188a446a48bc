// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - reboot(2) inside a guest
 *
 * A guest's restart, halt or power-off ends the guest: every task of the
 * context is killed, the context goes away and wait_exit reports the
 * command.  Nothing reaches the machine.  The Ctrl-Alt-Del settings are
 * accepted and change nothing; kexec and suspend are refused.
 *
 * Safety: the test program never calls reboot(2) itself.  A guest task
 * whose reboot(2) were not diverted would reboot the VM; so every test
 * first checks (reboot_diverted()) that a guest task in a pid namespace
 * of its own is handled by vserver -- where an undiverted reboot(2) only
 * ends that pid namespace -- and skips otherwise.
 *
 * Every test uses context ids of its own (1400..1499).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers2.h"


/*
 * A guest task in a pid namespace of its own calls reboot(RESTART).
 * Returns 1 if vserver ended the guest (context gone, wait_exit saw the
 * command), 0 if not; with check, every step is a test expectation.
 * Stops every agent before it returns (call it first).
 */
static int reboot_diverted(struct __test_metadata *_metadata, uint32_t id,
			   int check)
{
	struct vs_agent g, p1, p2, w;
	struct vcmd_wait_exit_v0 x = { 0, 0 };
	long ret = -2;
	int ok, r;

	VS_GUEST(g, id, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, CLONE_NEWPID));
	VS_FORK2(g, p1);
	VS_FORK2(p1, p2);
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	VS_START(w);
	START_WAIT(w, id);
	EXPECT_BLOCKS(w, 200);

	r = VS_CALL(&p2, vs_fn_reboot, LINUX_REBOOT_CMD_RESTART);
	if (check) {
		EXPECT_EQ(-1, r) TH_LOG("reboot returned %d", r);
		EXPECT_EQ(ENOTCONN, errno) TH_LOG("%s", strerror(errno));
	}
	r = vs_wait_exit_end(&w, 3000, &ret, &x);
	ok = r == 1 && ret == 0 && x.reboot_cmd == LINUX_REBOOT_CMD_RESTART &&
	     vs_agent_dead(&g, 2000) && vs_agent_dead(&p1, 2000);
	if (check) {
		EXPECT_EQ(1, r) TH_LOG("wait_exit does not return");
		EXPECT_EQ(0, ret) TH_LOG("wait_exit: %s", strerror(errno));
		EXPECT_EQ(LINUX_REBOOT_CMD_RESTART, x.reboot_cmd);
		EXPECT_EQ(1, vs_agent_dead(&g, 2000));
		EXPECT_EQ(1, vs_agent_dead(&p1, 2000));
		EXPECT_EQ(0, vs_wait_gone(id, VS_GONE_TIMEOUT_MS));
	}
	if (r == 0)
		vs_agent_kill(&w);
	vs_agent_kill(&g);
	vs_agents_stop_all();
	return ok;
}

/* Skips the test unless a guest's reboot(2) is diverted. */
#define REQUIRE_DIVERSION(id)						\
	do {								\
		if (!reboot_diverted(_metadata, (id), 0))		\
			SKIP(return, "reboot(2) in a guest is not "	\
			     "diverted: not risking the VM");		\
	} while (0)

TEST(reboot_in_a_guest_pid_namespace_ends_the_guest)
{
	EXPECT_EQ(1, reboot_diverted(_metadata, 1400, 1));
}

/* ------------------------------------------------------------------ */
/* The commands that end the guest                                    */
/* ------------------------------------------------------------------ */

FIXTURE(ending) {};

FIXTURE_VARIANT(ending) {
	unsigned int cmd;
	uint32_t id;
};

FIXTURE_VARIANT_ADD(ending, restart) {
	.cmd = LINUX_REBOOT_CMD_RESTART, .id = 1410,
};

FIXTURE_VARIANT_ADD(ending, halt) {
	.cmd = LINUX_REBOOT_CMD_HALT, .id = 1411,
};

FIXTURE_VARIANT_ADD(ending, power_off) {
	.cmd = LINUX_REBOOT_CMD_POWER_OFF, .id = 1412,
};

FIXTURE_VARIANT_ADD(ending, restart2) {
	.cmd = LINUX_REBOOT_CMD_RESTART2, .id = 1413,
};

FIXTURE_SETUP(ending) {}

FIXTURE_TEARDOWN(ending)
{
	vs_agents_stop_all();
}

TEST_F(ending, kills_every_task_of_the_guest_only)
{
	const uint32_t id = variant->id;
	struct vs_agent g, g2, g3, i, o, h, w;
	struct vcmd_wait_exit_v0 x;
	struct vcmd_vx_info_v0 vi;
	long ret;

	REQUIRE_DIVERSION(id + 50);

	/* Three processes (one with a thread) and an init. */
	VS_RUNNING_GUEST(g, id, VXF_INIT_SET);
	VS_FORK(g, g2);
	VS_FORK(g2, g3);
	ASSERT_EQ(0, VS_CALL(&g3, vs_fn_thread));
	VS_START(i);
	ASSERT_EQ(0, vs_migrate(&i, id, VXM_SET_INIT));
	ASSERT_EQ(5, vs_wait_tasks(id, 5, 1000));
	/* Bystanders: another guest, a host task. */
	VS_RUNNING_GUEST(o, id + 20, VXF_INIT_SET);
	VS_START(h);
	VS_START(w);
	START_WAIT(w, id);
	EXPECT_BLOCKS(w, 200);

	/* The caller is killed too: its call never answers. */
	EXPECT_EQ(-1, VS_CALL(&g2, vs_fn_reboot, variant->cmd));
	EXPECT_EQ(ENOTCONN, errno) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(1, vs_agent_dead(&g, 2000));
	EXPECT_EQ(1, vs_agent_dead(&g2, 2000));
	EXPECT_EQ(1, vs_agent_dead(&g3, 2000));
	EXPECT_EQ(1, vs_agent_dead(&i, 2000));
	EXPECT_EQ(0, vs_wait_gone(id, VS_GONE_TIMEOUT_MS));

	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ((int)variant->cmd, x.reboot_cmd)
		TH_LOG("reboot_cmd %08x", x.reboot_cmd);
	/* The init was killed with SIGKILL. */
	EXPECT_EQ(SIGKILL, x.exit_code);

	/* Nobody else. */
	EXPECT_TRUE(vs_agent_alive(&o));
	EXPECT_TRUE(vs_agent_alive(&h));
	EXPECT_TRUE(vs_agent_alive(&w));
	EXPECT_EQ(0, vs_vx_info(NULL, id + 20, &vi));
}

/* ------------------------------------------------------------------ */
/* The commands that do not                                           */
/* ------------------------------------------------------------------ */

/* A running guest g (with g2), and a waiter w for it. */
#define QUIET_GUEST(id, extra_bcaps_off)				\
	struct vs_agent g, g2, w;					\
	struct vcmd_wait_exit_v0 x;					\
	long ret;							\
	VS_GUEST(g, (id), VXF_INIT_SET);				\
	ASSERT_EQ(0, vs_set(&g, VCMD_set_bcaps, VX_SELF_ID,		\
			    VS_DEFAULT_BCAPS & ~(extra_bcaps_off),	\
			    ~0ULL));					\
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));			\
	VS_FORK(g, g2);							\
	VS_START(w);							\
	START_WAIT(w, (id))

/* g and g2 live on, so does the context; then they end: reboot_cmd 0. */
#define EXPECT_GUEST_UNHARMED(id)					\
	do {								\
		EXPECT_TRUE(vs_agent_alive(&g));			\
		EXPECT_TRUE(vs_agent_alive(&g2));			\
		EXPECT_EQ(2, vs_wait_tasks((id), 2, 100));		\
		EXPECT_BLOCKS(w, 100);					\
		ASSERT_EQ(0, vs_agent_stop(&g2));			\
		ASSERT_EQ(0, vs_agent_stop(&g));			\
		expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret,	\
			       &x);					\
		EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));	\
		EXPECT_EQ(0, x.reboot_cmd)				\
			TH_LOG("reboot_cmd %08x", x.reboot_cmd);	\
	} while (0)

TEST(reboot_cad_on_and_off_change_nothing)
{
	char before[32], after[32];

	REQUIRE_DIVERSION(1470);
	ASSERT_LT(0, read_file("/proc/sys/kernel/ctrl-alt-del", before,
			       sizeof(before)));
	{
		QUIET_GUEST(1420, 0);

		EXPECT_EQ(0, VS_CALL(&g2, vs_fn_reboot,
				     LINUX_REBOOT_CMD_CAD_ON))
			TH_LOG("%s", strerror(errno));
		EXPECT_EQ(0, VS_CALL(&g2, vs_fn_reboot,
				     LINUX_REBOOT_CMD_CAD_OFF))
			TH_LOG("%s", strerror(errno));
		ASSERT_LT(0, read_file("/proc/sys/kernel/ctrl-alt-del", after,
				       sizeof(after)));
		EXPECT_STREQ(before, after);
		EXPECT_GUEST_UNHARMED(1420);
	}
	vs_agents_stop_all();
	if (strcmp(before, after)) {
		FILE *f = fopen("/proc/sys/kernel/ctrl-alt-del", "w");

		if (f) {
			fputs(before, f);
			fclose(f);
		}
	}
}

TEST(reboot_kexec_and_sw_suspend_are_eperm)
{
	REQUIRE_DIVERSION(1471);
	{
		QUIET_GUEST(1421, 0);

		EXPECT_EQ(-1, VS_CALL(&g2, vs_fn_reboot,
				      LINUX_REBOOT_CMD_KEXEC));
		EXPECT_EQ(EPERM, errno) TH_LOG("%s", strerror(errno));
		EXPECT_EQ(-1, VS_CALL(&g2, vs_fn_reboot,
				      LINUX_REBOOT_CMD_SW_SUSPEND));
		EXPECT_EQ(EPERM, errno) TH_LOG("%s", strerror(errno));
		EXPECT_GUEST_UNHARMED(1421);
	}
	vs_agents_stop_all();
}

TEST(reboot_without_cap_sys_boot_is_eperm)
{
	static const unsigned int cmds[] = {
		LINUX_REBOOT_CMD_RESTART, LINUX_REBOOT_CMD_HALT,
		LINUX_REBOOT_CMD_POWER_OFF, LINUX_REBOOT_CMD_RESTART2,
	};
	size_t k;

	REQUIRE_DIVERSION(1472);
	{
		QUIET_GUEST(1422, VS_CAP(CAP_SYS_BOOT));

		for (k = 0; k < ARRAY_SIZE(cmds); k++) {
			EXPECT_EQ(-1, VS_CALL(&g2, vs_fn_reboot, cmds[k]))
				TH_LOG("cmd %08x", cmds[k]);
			EXPECT_EQ(EPERM, errno)
				TH_LOG("cmd %08x: %s", cmds[k],
				       strerror(errno));
		}
		EXPECT_GUEST_UNHARMED(1422);
	}
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
