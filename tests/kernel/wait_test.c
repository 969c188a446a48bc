// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Waiting for a context to end: wait_exit
 *
 * wait_exit(xid) blocks in the host until the context is gone (its last
 * task exited), then returns the last reboot(2) command of the guest and
 * the exit status word of its init (as wait(2) would see it), or 0 for a
 * context without an init.
 *
 * wait_exit runs in agents in the background (vs_wait_exit_start/_end):
 * a call that should fail at once but blocks is reported, not hung on.
 * Every test uses context ids of its own (1300..1399).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers2.h"


/* wait_exit(id) by agent a fails at once with err. */
static void expect_wait_fails(struct __test_metadata *_metadata,
			      struct vs_agent *a, uint32_t id, int err)
{
	struct vcmd_wait_exit_v0 x;
	long ret;

	ASSERT_EQ(0, vs_wait_exit_start(a, id));
	expect_returns(_metadata, a, 2000, &ret, &x);
	EXPECT_EQ(-1, ret) TH_LOG("wait_exit(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("wait_exit(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
}

/* ------------------------------------------------------------------ */
/* Who may, and which context                                          */
/* ------------------------------------------------------------------ */

TEST(wait_exit_needs_cap_sys_admin_in_the_host)
{
	struct vs_agent g, h1, n, s, w;
	struct vcmd_wait_exit_v0 x;
	long ret;

	VS_GUEST(g, 1300, VXF_INIT_SET);
	VS_START(h1);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	expect_wait_fails(_metadata, &h1, 1300, EPERM);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_wait_fails(_metadata, &n, 1300, EPERM);
	/* Not from inside, even in setup with every capability. */
	expect_wait_fails(_metadata, &g, VX_SELF_ID, EPERM);
	expect_wait_fails(_metadata, &g, 1300, EPERM);
	VS_SPECTATOR(s);
	expect_wait_fails(_metadata, &s, 1300, EPERM);

	/* Root in the host waits. */
	VS_START(w);
	START_WAIT(w, 1300);
	EXPECT_BLOCKS(w, 300);
	ASSERT_EQ(0, vs_agent_stop(&g));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	vs_agents_stop_all();
}

TEST(wait_exit_missing_context_is_esrch)
{
	struct vs_agent g, w;

	VS_START(w);
	expect_wait_fails(_metadata, &w, 1301, ESRCH);
	expect_wait_fails(_metadata, &w, 0, ESRCH);

	/* A context that has ended. */
	VS_GUEST(g, 1302, VXF_INIT_SET);
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(1302, VS_GONE_TIMEOUT_MS));
	expect_wait_fails(_metadata, &w, 1302, ESRCH);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Blocking, results                                                  */
/* ------------------------------------------------------------------ */

TEST(wait_exit_blocks_until_the_last_task_is_gone)
{
	struct vcmd_wait_exit_v0 x;
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, g2, w;
	long ret;

	VS_RUNNING_GUEST(g, 1303, VXF_INIT_SET);
	VS_FORK(g, g2);
	VS_START(w);
	START_WAIT(w, 1303);
	EXPECT_BLOCKS(w, 300);

	ASSERT_EQ(0, vs_agent_stop(&g));
	EXPECT_BLOCKS(w, 300);
	ASSERT_EQ(0, vs_vx_info(NULL, 1303, &vi));

	ASSERT_EQ(0, vs_agent_stop(&g2));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, x.reboot_cmd);
	EXPECT_EQ(0, x.exit_code);
	EXPECT_EQ(-1, vs_vx_info(NULL, 1303, &vi));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(wait_exit_reports_the_exit_status_of_the_init)
{
	struct vcmd_wait_exit_v0 x;
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, i, w;
	long ret;

	VS_GUEST(g, 1304, VXF_INIT_SET);
	VS_START(i);
	ASSERT_EQ(0, vs_migrate(&i, 1304, VXM_SET_INIT));
	ASSERT_EQ(0, vs_vx_info(NULL, 1304, &vi));
	ASSERT_EQ(i.pid, vi.initpid);
	VS_START(w);
	START_WAIT(w, 1304);

	/* The init exits; the context lives on with g. */
	EXPECT_EQ(-1, VS_CALL(&i, vs_fn_exit, 3));
	EXPECT_EQ(1, vs_agent_dead(&i, 2000));
	EXPECT_BLOCKS(w, 300);

	ASSERT_EQ(0, vs_agent_stop(&g));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, x.reboot_cmd);
	EXPECT_EQ(3 << 8, x.exit_code);
	vs_agents_stop_all();
}

TEST(wait_exit_init_as_last_task)
{
	struct vcmd_wait_exit_v0 x;
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, w;
	long ret;

	/* g becomes the init by ending STATE_INIT from inside. */
	VS_GUEST(g, 1305, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_INIT | VXF_STATE_SETUP));
	ASSERT_EQ(0, vs_vx_info(NULL, 1305, &vi));
	ASSERT_EQ(g.pid, vi.initpid);
	VS_START(w);
	START_WAIT(w, 1305);
	EXPECT_BLOCKS(w, 200);

	EXPECT_EQ(-1, VS_CALL(&g, vs_fn_exit, 5));
	EXPECT_EQ(1, vs_agent_dead(&g, 2000));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, x.reboot_cmd);
	EXPECT_EQ(5 << 8, x.exit_code);
	vs_agents_stop_all();
}

TEST(wait_exit_init_killed_by_a_signal)
{
	struct vcmd_wait_exit_v0 x;
	struct vs_agent g, i, w;
	long ret;

	VS_GUEST(g, 1306, VXF_INIT_SET);
	VS_START(i);
	ASSERT_EQ(0, vs_migrate(&i, 1306, VXM_SET_INIT));
	VS_START(w);
	START_WAIT(w, 1306);

	ASSERT_EQ(0, kill(i.pid, SIGTERM));
	EXPECT_EQ(1, vs_agent_dead(&i, 2000));
	EXPECT_BLOCKS(w, 200);
	ASSERT_EQ(0, vs_agent_stop(&g));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, x.reboot_cmd);
	EXPECT_EQ(SIGTERM, x.exit_code);
	vs_agents_stop_all();
}

TEST(wait_exit_without_init_reports_0)
{
	struct vcmd_wait_exit_v0 x;
	struct vs_agent g, w;
	long ret;

	VS_GUEST(g, 1307, VXF_INIT_SET);
	VS_START(w);
	START_WAIT(w, 1307);
	EXPECT_BLOCKS(w, 200);
	EXPECT_EQ(-1, VS_CALL(&g, vs_fn_exit, 7));
	EXPECT_EQ(1, vs_agent_dead(&g, 2000));
	expect_returns(_metadata, &w, VS_GONE_TIMEOUT_MS, &ret, &x);
	EXPECT_EQ(0, ret) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, x.reboot_cmd);
	EXPECT_EQ(0, x.exit_code);
	vs_agents_stop_all();
}

TEST(wait_exit_interrupted_by_a_signal_is_eintr)
{
	struct vcmd_wait_exit_v0 x;
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, w;
	long ret;

	VS_GUEST(g, 1308, VXF_INIT_SET);
	VS_START(w);
	/* A handler without SA_RESTART. */
	ASSERT_EQ(0, VS_CALL(&w, vs_fn_catch, SIGUSR1, 0));
	START_WAIT(w, 1308);
	EXPECT_BLOCKS(w, 300);
	ASSERT_EQ(0, kill(w.pid, SIGUSR1));
	expect_returns(_metadata, &w, 2000, &ret, &x);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EINTR, errno) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(1, VS_CALL(&w, vs_fn_sigcount, SIGUSR1));
	/* The context is still there. */
	EXPECT_EQ(0, vs_vx_info(NULL, 1308, &vi));
	EXPECT_TRUE(vs_agent_alive(&g));
	vs_agents_stop_all();
}

TEST(wait_exit_two_waiters_both_return)
{
	struct vcmd_wait_exit_v0 x1, x2;
	struct vs_agent g, i, w1, w2;
	long r1, r2;

	VS_GUEST(g, 1309, VXF_INIT_SET);
	VS_START(i);
	ASSERT_EQ(0, vs_migrate(&i, 1309, VXM_SET_INIT));
	VS_START(w1);
	VS_START(w2);
	START_WAIT(w1, 1309);
	START_WAIT(w2, 1309);
	EXPECT_BLOCKS(w1, 200);
	EXPECT_BLOCKS(w2, 10);

	EXPECT_EQ(-1, VS_CALL(&i, vs_fn_exit, 9));
	EXPECT_EQ(1, vs_agent_dead(&i, 2000));
	ASSERT_EQ(0, vs_agent_stop(&g));
	expect_returns(_metadata, &w1, VS_GONE_TIMEOUT_MS, &r1, &x1);
	EXPECT_EQ(0, r1) TH_LOG("%s", strerror(errno));
	expect_returns(_metadata, &w2, VS_GONE_TIMEOUT_MS, &r2, &x2);
	EXPECT_EQ(0, r2) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(9 << 8, x1.exit_code);
	EXPECT_EQ(9 << 8, x2.exit_code);
	EXPECT_EQ(0, x1.reboot_cmd);
	EXPECT_EQ(0, x2.reboot_cmd);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
