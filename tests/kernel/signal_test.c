// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Signals to a context: ctx_kill
 *
 * ctx_kill(xid, {pid, sig}) from the host: pid 0 signals every task of
 * the context, -1 all but its init, 1 its init, any other pid that task
 * (a pid of the host's pid namespace) if it is in the context.  A
 * context without STATE_ADMIN accepts only an orderly shutdown: its init
 * (asked with SIGINT when it is not alone), or every task when it has no
 * init.
 *
 * The agents count the signals they get (vs_fn_catch); a task that must
 * not be hit is checked to be alive with a count of 0.  Every test uses
 * context ids of its own (1200..1299).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers2.h"

/* Agent a counts SIGUSR1, SIGUSR2 and SIGINT from now on. */
#define ARM(a)								\
	do {								\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_catch, SIGUSR1, 1));	\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_catch, SIGUSR2, 1));	\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_catch, SIGINT, 1));	\
	} while (0)

/* How often agent a got sig; -1 if it is gone. */
static long count(struct vs_agent *a, int sig)
{
	return VS_CALL(a, vs_fn_sigcount, sig);
}

/* Waits up to 1 s for agent a to have got sig want times. */
static long wait_count(struct vs_agent *a, int sig, long want)
{
	long n = -1;
	int t;

	for (t = 0; t < 100; t++) {
		n = count(a, sig);
		if (n == want || n < 0)
			break;
		vs_msleep(10);
	}
	return n;
}

/* Agent a got sig exactly once. */
#define EXPECT_HIT(a, sig)						\
	EXPECT_EQ(1, wait_count(&(a), (sig), 1))			\
		TH_LOG("agent " #a " and signal %d", (sig))

/* Agent a is alive and never got sig (after a moment for delivery). */
#define EXPECT_MISSED(a, sig)						\
	do {								\
		vs_msleep(50);						\
		EXPECT_EQ(0, count(&(a), (sig)))			\
			TH_LOG("agent " #a " and signal %d", (sig));	\
	} while (0)

/*
 * A context id with tasks g (its creator), g2 (forked by g) and i (a
 * host task that migrated in as its init); o in another context id + 1
 * and h in the host.  All count signals.
 */
#define SETUP_CONTEXTS(id)						\
	struct vcmd_vx_info_v0 vi;					\
	struct vs_agent g, g2, i, o, h;					\
	VS_GUEST(g, (id), VXF_INIT_SET);				\
	VS_FORK(g, g2);							\
	VS_START(i);							\
	ASSERT_EQ(0, vs_migrate(&i, (id), VXM_SET_INIT))		\
		TH_LOG("%s", strerror(errno));				\
	ASSERT_EQ(0, vs_vx_info(NULL, (id), &vi));			\
	ASSERT_EQ(i.pid, vi.initpid);					\
	VS_GUEST(o, (id) + 1, VXF_INIT_SET);				\
	VS_START(h);							\
	ARM(g);								\
	ARM(g2);							\
	ARM(i);								\
	ARM(o);								\
	ARM(h)

/* ------------------------------------------------------------------ */
/* Who may, and bad arguments                                          */
/* ------------------------------------------------------------------ */

TEST(ctx_kill_needs_cap_sys_admin_and_cap_sys_resource_in_the_host)
{
	struct vs_agent g, h1, h2, n, s;

	VS_GUEST(g, 1200, VXF_INIT_SET);
	VS_START(h1);
	VS_START(h2);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps,
			     VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	VS_SPECTATOR(s);
	ARM(g);

	EXPECT_EQ(-1, vs_ctx_kill(&h1, 1200, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_ctx_kill(&h2, 1200, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_ctx_kill(&n, 1200, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	/* Not from inside, even in setup with every capability. */
	EXPECT_EQ(-1, vs_ctx_kill(&g, VX_SELF_ID, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_ctx_kill(&g, 1200, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_ctx_kill(&s, 1200, 0, SIGUSR1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_MISSED(g, SIGUSR1);

	/* Root in the host may. */
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1200, 0, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGUSR1);
	vs_agents_stop_all();
}

TEST(ctx_kill_missing_context_is_esrch)
{
	struct vs_agent h;

	VS_START(h);
	ARM(h);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1201, 0, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1201, 1, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1201, h.pid, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_MISSED(h, SIGUSR1);
	vs_agents_stop_all();
}

TEST(ctx_kill_invalid_signal_is_einval)
{
	static const int bad[] = { 65, 1000, -1, 0x7fffffff };
	struct vs_agent g;
	size_t k;

	VS_GUEST(g, 1202, VXF_INIT_SET);
	for (k = 0; k < ARRAY_SIZE(bad); k++) {
		EXPECT_EQ(-1, vs_ctx_kill(NULL, 1202, 0, bad[k]))
			TH_LOG("signal %d", bad[k]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("signal %d", bad[k]);
		EXPECT_EQ(-1, vs_ctx_kill(NULL, 1202, g.pid, bad[k]))
			TH_LOG("signal %d", bad[k]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("signal %d", bad[k]);
	}
	EXPECT_TRUE(vs_agent_alive(&g));
	/* No data. */
	EXPECT_EQ(-1, vserver(VCMD_ctx_kill, 1202, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_TRUE(vs_agent_alive(&g));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Targets                                                            */
/* ------------------------------------------------------------------ */

TEST(ctx_kill_pid_0_hits_every_task_with_the_init)
{
	SETUP_CONTEXTS(1203);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1203, 0, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGUSR1);
	EXPECT_HIT(g2, SIGUSR1);
	EXPECT_HIT(i, SIGUSR1);
	EXPECT_MISSED(o, SIGUSR1);
	EXPECT_MISSED(h, SIGUSR1);

	/* SIGKILL ends the context, and only it. */
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1203, 0, SIGKILL))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(1, vs_agent_dead(&g, 2000));
	EXPECT_EQ(1, vs_agent_dead(&g2, 2000));
	EXPECT_EQ(1, vs_agent_dead(&i, 2000));
	EXPECT_EQ(0, vs_wait_gone(1203, VS_GONE_TIMEOUT_MS));
	EXPECT_TRUE(vs_agent_alive(&o));
	EXPECT_TRUE(vs_agent_alive(&h));
	EXPECT_EQ(0, vs_vx_info(NULL, 1204, &vi));
	vs_agents_stop_all();
}

TEST(ctx_kill_pid_minus_1_spares_the_init)
{
	SETUP_CONTEXTS(1205);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1205, -1, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGUSR1);
	EXPECT_HIT(g2, SIGUSR1);
	EXPECT_MISSED(i, SIGUSR1);
	EXPECT_MISSED(o, SIGUSR1);
	EXPECT_MISSED(h, SIGUSR1);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1205, -1, SIGKILL))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(1, vs_agent_dead(&g, 2000));
	EXPECT_EQ(1, vs_agent_dead(&g2, 2000));
	EXPECT_TRUE(vs_agent_alive(&i));
	EXPECT_EQ(1, vs_wait_tasks(1205, 1, 1000));
	EXPECT_TRUE(vs_agent_alive(&o));
	EXPECT_TRUE(vs_agent_alive(&h));
	vs_agents_stop_all();
}

TEST(ctx_kill_pid_1_hits_the_init_only)
{
	struct vs_agent n;

	SETUP_CONTEXTS(1206);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1206, 1, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(i, SIGUSR1);
	/* STATE_ADMIN: the signal is not replaced. */
	EXPECT_MISSED(i, SIGINT);
	EXPECT_MISSED(g, SIGUSR1);
	EXPECT_MISSED(g2, SIGUSR1);
	EXPECT_MISSED(o, SIGUSR1);
	EXPECT_MISSED(h, SIGUSR1);

	/* The other context has no init. */
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1207, 1, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_MISSED(o, SIGUSR1);
	/* Without an init, -1 is every task. */
	VS_FORK(o, n);
	ARM(n);
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1207, -1, SIGUSR2))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(o, SIGUSR2);
	EXPECT_HIT(n, SIGUSR2);
	vs_agents_stop_all();
}

TEST(ctx_kill_other_pid_hits_that_task_if_in_the_context)
{
	char buf[32];

	SETUP_CONTEXTS(1208);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1208, g2.pid, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g2, SIGUSR1);
	EXPECT_MISSED(g, SIGUSR1);
	EXPECT_MISSED(i, SIGUSR1);

	/* Tasks of the host or of another context: ESRCH. */
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1208, h.pid, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1208, o.pid, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1208, getpid(), SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_MISSED(h, SIGUSR1);
	EXPECT_MISSED(o, SIGUSR1);
	/* pid_max is never a pid. */
	ASSERT_LT(0, read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf)));
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1208, atoi(buf), SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(ctx_kill_pid_is_one_of_the_hosts_pid_namespace)
{
	struct vs_agent g, p, q;
	long inner;

	VS_GUEST(g, 1210, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, CLONE_NEWPID));
	VS_FORK2(g, p);
	VS_FORK2(p, q);
	inner = VS_CALL(&q, vs_fn_getpid);
	ASSERT_LT(1, inner);
	ASSERT_NE(q.pid, inner);
	ARM(q);
	ARM(p);

	/* By its host pid. */
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1210, q.pid, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(q, SIGUSR1);
	EXPECT_MISSED(p, SIGUSR1);
	/* Its pid in the guest's namespace names a host task. */
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1210, inner, SIGUSR2));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_MISSED(q, SIGUSR2);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Contexts without STATE_ADMIN                                       */
/* ------------------------------------------------------------------ */

TEST(ctx_kill_without_state_admin_and_init_allows_all)
{
	struct vs_agent g, g2;

	VS_GUEST(g, 1211, VXF_STATE_SETUP | VXF_STATE_INIT);
	VS_FORK(g, g2);
	ARM(g);
	ARM(g2);

	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1211, g2.pid, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_MISSED(g2, SIGUSR1);
	/* Allowed, but there is no init. */
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1211, 1, SIGUSR1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_MISSED(g, SIGUSR1);
	EXPECT_MISSED(g2, SIGUSR1);

	EXPECT_EQ(0, vs_ctx_kill(NULL, 1211, 0, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGUSR1);
	EXPECT_HIT(g2, SIGUSR1);
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1211, -1, SIGUSR2))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGUSR2);
	EXPECT_HIT(g2, SIGUSR2);
	vs_agents_stop_all();
}

TEST(ctx_kill_without_state_admin_only_the_init)
{
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, g2, s;

	/* g becomes the init by ending STATE_INIT from inside. */
	VS_GUEST(g, 1212, VXF_STATE_SETUP | VXF_STATE_INIT);
	ASSERT_EQ(0, vs_set(&g, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_INIT));
	ASSERT_EQ(0, vs_vx_info(NULL, 1212, &vi));
	ASSERT_EQ(g.pid, vi.initpid);
	VS_FORK(g, g2);
	ARM(g);
	ARM(g2);

	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1212, 0, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1212, -1, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1212, g2.pid, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1212, g.pid, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_MISSED(g, SIGUSR1);
	EXPECT_MISSED(g2, SIGUSR1);

	/* The init, not alone: asked to stop with SIGINT. */
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1212, 1, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(g, SIGINT);
	EXPECT_MISSED(g, SIGUSR1);
	EXPECT_MISSED(g2, SIGUSR1);
	EXPECT_MISSED(g2, SIGINT);

	/* Alone, it gets the signal itself. */
	VS_GUEST(s, 1213, VXF_STATE_SETUP | VXF_STATE_INIT);
	ASSERT_EQ(0, vs_set(&s, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_INIT));
	ASSERT_EQ(0, vs_vx_info(NULL, 1213, &vi));
	ASSERT_EQ(s.pid, vi.initpid);
	ARM(s);
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1213, 1, SIGUSR1))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(s, SIGUSR1);
	EXPECT_MISSED(s, SIGINT);
	vs_agents_stop_all();
}

TEST(ctx_kill_state_admin_cleared_later)
{
	struct vs_agent g, g2, i;

	/* An init set by the host, then STATE_ADMIN cleared from inside. */
	VS_GUEST(g, 1214, VXF_INIT_SET);
	VS_FORK(g, g2);
	VS_START(i);
	ASSERT_EQ(0, vs_migrate(&i, 1214, VXM_SET_INIT));
	ASSERT_EQ(0, vs_set(&g, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_ADMIN));
	ARM(g);
	ARM(g2);
	ARM(i);

	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1214, 0, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, vs_ctx_kill(NULL, 1214, g2.pid, SIGUSR1));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1214, 1, SIGTERM))
		TH_LOG("%s", strerror(errno));
	EXPECT_HIT(i, SIGINT);
	EXPECT_TRUE(vs_agent_alive(&i));
	EXPECT_MISSED(g, SIGINT);
	EXPECT_MISSED(g2, SIGINT);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
