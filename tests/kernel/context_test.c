// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Process contexts: ctx_create, lifetime, ctx_migrate,
 * task_xid, vx_info and ctx_stat
 *
 * Every test uses context ids of its own (100..199) or dynamic ids, and
 * creates contexts only in agents (see vs_helpers.h): the creator moves
 * into the new context, the test program stays in the host and checks.
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers.h"

/* ------------------------------------------------------------------ */
/* ctx_create                                                         */
/* ------------------------------------------------------------------ */

TEST(create_returns_id_and_moves_caller)
{
	struct vs_agent g, h;

	VS_START(g);
	VS_START(h);
	ASSERT_EQ(0, vs_task_xid(&g, 0));

	ASSERT_EQ(101, vs_create(&g, 101, VXF_INIT_SET));
	/* The caller is in the new context, seen from inside and outside. */
	EXPECT_EQ(101, vs_task_xid(&g, 0));
	EXPECT_EQ(101, vs_task_xid(NULL, g.pid));
	/* Nobody else moved. */
	EXPECT_EQ(0, vs_task_xid(NULL, 0));
	EXPECT_EQ(0, vs_task_xid(&h, 0));
	EXPECT_EQ(0, vs_task_xid(NULL, h.pid));
	vs_agents_stop_all();
}

TEST(create_v0_null_data_means_init_set)
{
	struct vs_agent g;
	uint64_t flags;

	VS_START(g);
	ASSERT_EQ(102, vs_create_v0(&g, 102));
	EXPECT_EQ(102, vs_task_xid(&g, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 102, &flags, NULL));
	EXPECT_EQ(VXF_INIT_SET, flags);
	vs_agents_stop_all();
}

TEST(create_flagword_becomes_cflags)
{
	const uint64_t f1 = VXF_INIT_SET | VXF_VIRT_UPTIME | VXF_HIDE_MOUNT |
			    VXF_INFO_HIDE;
	const uint64_t f2 = VXF_STATE_ADMIN | VXF_VIRT_LOAD;
	struct vs_agent g1, g2;
	uint64_t flags;

	VS_GUEST(g1, 103, f1);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 103, &flags, NULL));
	EXPECT_EQ(f1, flags);

	/* Not even the state bits are added when the flagword lacks them. */
	VS_GUEST(g2, 104, f2);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 104, &flags, NULL));
	EXPECT_EQ(f2, flags);
	vs_agents_stop_all();
}

TEST(create_sets_defaults)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 105, VXF_INIT_SET);

	ASSERT_EQ(0, vs_get(NULL, VCMD_get_bcaps, 105, &v, &m));
	EXPECT_EQ(VS_DEFAULT_BCAPS, v)
		TH_LOG("bcaps %016llx, expected %016llx",
		       (unsigned long long)v,
		       (unsigned long long)VS_DEFAULT_BCAPS);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ccaps, 105, &v, &m));
	EXPECT_EQ(VS_DEFAULT_CCAPS, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_get(NULL, VCMD_get_umask, 105, &v, &m));
	EXPECT_EQ(0, v);
	EXPECT_EQ(~0ULL, m);
	vs_agents_stop_all();
}

TEST(create_needs_cap_sys_admin)
{
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, n;

	VS_START(g);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(-1, vs_create(&g, 106, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_create_v0(&g, 106));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_create(&g, VX_DYNAMIC_ID, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(0, vs_task_xid(&g, 0));

	/* Root without capabilities: the same. */
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	ASSERT_EQ(-1, vs_create(&n, 106, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(0, vs_task_xid(&n, 0));

	/* Nothing was created. */
	EXPECT_EQ(-1, vs_vx_info(NULL, 106, &vi));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(create_with_only_cap_sys_admin)
{
	struct vs_agent g;

	VS_START(g);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_keep_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(107, vs_create(&g, 107, VXF_INIT_SET));
	EXPECT_EQ(107, vs_task_xid(&g, 0));
	vs_agents_stop_all();
}

TEST(create_from_guest_or_spectator_is_eperm)
{
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, s;

	/* A guest still in STATE_SETUP, with every capability. */
	VS_GUEST(g, 108, VXF_INIT_SET);
	ASSERT_EQ(-1, vs_create(&g, 109, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_create_v0(&g, 109));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_create(&g, VX_DYNAMIC_ID, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(108, vs_task_xid(&g, 0));

	VS_SPECTATOR(s);
	ASSERT_EQ(-1, vs_create(&s, 110, VXF_INIT_SET));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(1, vs_task_xid(&s, 0));

	EXPECT_EQ(-1, vs_vx_info(NULL, 109, &vi));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_vx_info(NULL, 110, &vi));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(create_rejects_bad_ids)
{
	static const uint32_t bad[] = {
		0, 1, 65536, 65537, 0x7fffffffu, 0xfffffffeu,
	};
	struct vs_agent g;
	size_t i;

	VS_START(g);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-1, vs_create(&g, bad[i], VXF_INIT_SET))
			TH_LOG("ctx_create(%u)", bad[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("ctx_create(%u)", bad[i]);
		EXPECT_EQ(-1, vs_create_v0(&g, bad[i]))
			TH_LOG("ctx_create_v0(%u)", bad[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("ctx_create_v0(%u)", bad[i]);
	}
	EXPECT_EQ(0, vs_task_xid(&g, 0));
	vs_agents_stop_all();
}

/* The inode of /proc/<pid>/ns/<ns>: which namespace the task is in. */
static ino_t ns_ino(pid_t pid, const char *ns)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, ns);
	return stat(path, &st) ? 0 : st.st_ino;
}

/*
 * ctx_create v0 gives the new guest its own UTS and IPC namespaces; a
 * create that fails (bad id, id in use) must leave the caller in its own.
 */
TEST(failed_create_leaves_caller_unchanged)
{
	static const uint32_t bad[] = { 0, 1, 65536, 0xfffffffeu, 121 };
	struct vs_agent g, other;
	ino_t uts, ipc;
	size_t i;

	VS_GUEST(other, 121, VXF_INIT_SET & ~VXF_STATE_SETUP);
	VS_START(g);
	uts = ns_ino(g.pid, "uts");
	ipc = ns_ino(g.pid, "ipc");
	ASSERT_NE(0, uts);
	ASSERT_NE(0, ipc);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-1, vs_create_v0(&g, bad[i]))
			TH_LOG("ctx_create_v0(%u)", bad[i]);
		EXPECT_EQ(bad[i] == 121 ? EEXIST : EINVAL, errno)
			TH_LOG("ctx_create_v0(%u)", bad[i]);
		EXPECT_EQ(uts, ns_ino(g.pid, "uts"))
			TH_LOG("ctx_create_v0(%u) moved the caller's UTS",
			       bad[i]);
		EXPECT_EQ(ipc, ns_ino(g.pid, "ipc"))
			TH_LOG("ctx_create_v0(%u) moved the caller's IPC",
			       bad[i]);
	}
	EXPECT_EQ(0, vs_task_xid(&g, 0));
	vs_agents_stop_all();
}

TEST(create_accepts_boundary_ids)
{
	struct vs_agent g1, g2;

	VS_GUEST(g1, VX_MIN_ID, VXF_INIT_SET);
	EXPECT_EQ(VX_MIN_ID, vs_task_xid(NULL, g1.pid));
	VS_GUEST(g2, VX_MAX_ID, VXF_INIT_SET);
	EXPECT_EQ(VX_MAX_ID, vs_task_xid(NULL, g2.pid));
	vs_agents_stop_all();
}

TEST(create_dynamic_id)
{
	struct vs_agent g1, g2, g3;
	long x1, x2, x3;

	VS_START(g1);
	VS_START(g2);
	VS_START(g3);
	x1 = vs_create(&g1, VX_DYNAMIC_ID, VXF_INIT_SET);
	ASSERT_LE(VX_MIN_DYNAMIC_ID, x1) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VX_MAX_ID, x1);
	EXPECT_EQ(x1, vs_task_xid(&g1, 0));

	x2 = vs_create(&g2, VX_DYNAMIC_ID, VXF_INIT_SET);
	ASSERT_LE(VX_MIN_DYNAMIC_ID, x2) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VX_MAX_ID, x2);
	EXPECT_NE(x1, x2);
	EXPECT_EQ(x2, vs_task_xid(&g2, 0));

	x3 = vs_create_v0(&g3, VX_DYNAMIC_ID);
	ASSERT_LE(VX_MIN_DYNAMIC_ID, x3) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VX_MAX_ID, x3);
	EXPECT_NE(x1, x3);
	EXPECT_NE(x2, x3);
	EXPECT_EQ(x3, vs_task_xid(&g3, 0));
	vs_agents_stop_all();
}

TEST(create_existing_is_ebusy_in_setup_then_eexist)
{
	struct vs_agent g1, g2, h;

	VS_GUEST(g1, 111, VXF_INIT_SET);
	VS_START(h);

	ASSERT_EQ(-1, vs_create(&h, 111, VXF_INIT_SET));
	ASSERT_EQ(EBUSY, errno);
	ASSERT_EQ(-1, vs_create_v0(&h, 111));
	ASSERT_EQ(EBUSY, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));

	/* Out of setup. */
	ASSERT_EQ(0, vs_clear_setup(&g1, 111));
	ASSERT_EQ(-1, vs_create(&h, 111, VXF_INIT_SET));
	ASSERT_EQ(EEXIST, errno);
	ASSERT_EQ(-1, vs_create_v0(&h, 111));
	ASSERT_EQ(EEXIST, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));

	/* Created without STATE_SETUP: EEXIST at once. */
	VS_GUEST(g2, 112, VXF_STATE_ADMIN);
	ASSERT_EQ(-1, vs_create(&h, 112, VXF_INIT_SET));
	ASSERT_EQ(EEXIST, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Lifetime                                                           */
/* ------------------------------------------------------------------ */

TEST(context_ends_with_its_last_task)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g1, g2, g3;

	VS_GUEST(g1, 113, VXF_INIT_SET);
	VS_FORK(g1, g2);
	EXPECT_EQ(113, vs_task_xid(&g2, 0));
	ASSERT_EQ(2, vs_wait_tasks(113, 2, 1000));

	/* The creator leaves; the context stays with the other task. */
	ASSERT_EQ(0, vs_agent_stop(&g1));
	EXPECT_EQ(1, vs_wait_tasks(113, 1, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vs_vx_info(NULL, 113, &vi));
	ASSERT_EQ(0, access("/proc/virtual/113", F_OK));

	/* The last one leaves: the context is gone. */
	ASSERT_EQ(0, vs_agent_stop(&g2));
	ASSERT_EQ(0, vs_wait_gone(113, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(-1, vs_vx_info(NULL, 113, &vi));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_ctx_stat(NULL, 113, &st));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, access("/proc/virtual/113", F_OK));
	EXPECT_EQ(ENOENT, errno);

	/* And the id can be used again. */
	VS_GUEST(g3, 113, VXF_INIT_SET);
	vs_agents_stop_all();
}

TEST(persistent_context_outlives_its_tasks)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g, h;

	VS_GUEST(g, 114, VXF_INIT_SET | VXF_PERSISTENT);
	ASSERT_EQ(0, vs_agent_stop(&g));

	/* No task, but still there. */
	ASSERT_EQ(0, vs_wait_tasks(114, 0, VS_GONE_TIMEOUT_MS));
	vs_msleep(200);
	ASSERT_EQ(0, vs_vx_info(NULL, 114, &vi));
	EXPECT_EQ(114, vi.xid);
	ASSERT_EQ(0, vs_ctx_stat(NULL, 114, &st));
	EXPECT_EQ(0, st.tasks);
	EXPECT_EQ(0, access("/proc/virtual/114", F_OK));
	/* ... still in setup. */
	VS_START(h);
	ASSERT_EQ(-1, vs_create(&h, 114, VXF_INIT_SET));
	ASSERT_EQ(EBUSY, errno);

	/* Clearing PERSISTENT from the host destroys it. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 114, 0, VXF_PERSISTENT));
	ASSERT_EQ(0, vs_wait_gone(114, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(-1, vs_ctx_stat(NULL, 114, &st));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, access("/proc/virtual/114", F_OK));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_EQ(114, vs_create(&h, 114, VXF_INIT_SET));
	vs_agents_stop_all();
}

TEST(clearing_persistent_keeps_a_context_with_tasks)
{
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g;

	VS_GUEST(g, 115, VXF_INIT_SET | VXF_PERSISTENT);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 115, 0, VXF_PERSISTENT));
	vs_msleep(200);
	ASSERT_EQ(0, vs_ctx_stat(NULL, 115, &st));
	EXPECT_EQ(1, st.tasks);
	EXPECT_EQ(115, vs_task_xid(&g, 0));

	/* Not persistent any more: it ends with its task. */
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(115, VS_GONE_TIMEOUT_MS));
	vs_agents_stop_all();
}

TEST(ctx_stat_counts_tasks_and_threads)
{
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g1, g2;

	VS_GUEST(g1, 116, VXF_INIT_SET);
	ASSERT_EQ(0, vs_ctx_stat(NULL, 116, &st));
	EXPECT_EQ(1, st.tasks);
	EXPECT_LE(1, st.usecnt);

	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_thread));
	EXPECT_EQ(2, vs_wait_tasks(116, 2, 1000));
	VS_FORK(g1, g2);
	EXPECT_EQ(3, vs_wait_tasks(116, 3, 1000));
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_thread));
	EXPECT_EQ(4, vs_wait_tasks(116, 4, 1000));

	/* A process and its thread leave. */
	ASSERT_EQ(0, vs_agent_stop(&g2));
	EXPECT_EQ(2, vs_wait_tasks(116, 2, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vs_ctx_stat(NULL, 116, &st));
	EXPECT_EQ(2, st.tasks);

	/* The same, asked from inside. */
	ASSERT_EQ(0, vs_ctx_stat(&g1, VX_SELF_ID, &st));
	EXPECT_EQ(2, st.tasks);
	vs_agents_stop_all();
}

/* Many short-lived contexts: nothing is left behind. */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

static int wait_active(unsigned int want, unsigned int ms,
		       unsigned int *seen)
{
	unsigned int total, t;

	*seen = ~0u;
	for (t = 0; t <= ms; t += 20) {
		if (!vs_virtual_counts(&total, seen) && *seen == want)
			return 0;
		vs_msleep(20);
	}
	return -1;
}

TEST_F_TIMEOUT(slow, create_exit_cycles, 900)
{
	const int cycles = 1000;
	unsigned int total, base, active, base_total;
	struct vs_agent g;
	int i, status, t;
	long x;

	/* A baseline that does not move (earlier tests may still end). */
	ASSERT_EQ(0, vs_virtual_stable(&total, &base));
	base_total = total;
	TH_LOG("baseline: #CTotal %u, #CActive %u", total, base);

	/* One context: one more active, then back. */
	VS_START(g);
	x = vs_create(&g, VX_DYNAMIC_ID, VXF_INIT_SET);
	ASSERT_LE(VX_MIN_DYNAMIC_ID, x) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_virtual_counts(&total, &active));
	EXPECT_EQ(base + 1, active);
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(x, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, wait_active(base, VS_GONE_TIMEOUT_MS, &active))
		TH_LOG("#CActive %u, baseline %u", active, base);

	/*
	 * A child creates a context and exits, again and again: dynamic
	 * ids, and one static id used over and over.
	 */
	for (i = 0; i < cycles; i++) {
		const uint32_t id = (i & 1) ? 117 : VX_DYNAMIC_ID;
		pid_t pid;

		if (id != VX_DYNAMIC_ID) {
			ASSERT_EQ(0, vs_wait_gone(id, VS_GONE_TIMEOUT_MS))
				TH_LOG("cycle %d: context %u stays", i, id);
		}
		fflush(NULL);
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			struct vcmd_ctx_create c = { VXF_INIT_SET };
			long r = vserver(VCMD_ctx_create, id, &c);

			if (r < 0)
				_exit(10 + (errno & 0x7f));
			if (id == VX_DYNAMIC_ID ?
			    (r < VX_MIN_DYNAMIC_ID || r > VX_MAX_ID) : r != id)
				_exit(2);
			if (vserver(VCMD_task_xid, 0, NULL) != r)
				_exit(3);
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFEXITED(status)) TH_LOG("cycle %d", i);
		ASSERT_EQ(0, WEXITSTATUS(status))
			TH_LOG("cycle %d (id %d): exit %d (errno %d if >= 10)",
			       i, (int)id, WEXITSTATUS(status),
			       WEXITSTATUS(status) - 10);
	}

	ASSERT_EQ(0, wait_active(base, 10000, &active))
		TH_LOG("#CActive %u after %d cycles, baseline %u", active,
		       cycles, base);
	/*
	 * No leak: every context is freed, not only unhashed, once the
	 * reaped tasks' last references are gone (after RCU grace periods).
	 */
	for (t = 0; t < 20000; t += 50) {
		ASSERT_EQ(0, vs_virtual_counts(&total, &active));
		if (total <= base_total)
			break;
		vs_msleep(50);
	}
	EXPECT_LE(total, base_total)
		TH_LOG("#CTotal %u after %d cycles, baseline %u: leaked",
		       total, cycles, base_total);
	TH_LOG("after %d cycles: #CTotal %u, #CActive %u", cycles, total,
	       active);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* ctx_migrate                                                        */
/* ------------------------------------------------------------------ */

TEST(migrate_moves_caller)
{
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g, h1, h2;

	VS_GUEST(g, 130, VXF_INIT_SET);
	VS_START(h1);
	VS_START(h2);

	ASSERT_EQ(0, vs_migrate(&h1, 130, 0));
	EXPECT_EQ(130, vs_task_xid(&h1, 0));
	EXPECT_EQ(130, vs_task_xid(NULL, h1.pid));
	EXPECT_EQ(2, vs_wait_tasks(130, 2, 1000));

	ASSERT_EQ(0, vs_migrate_v0(&h2, 130));
	EXPECT_EQ(130, vs_task_xid(&h2, 0));
	EXPECT_EQ(3, vs_wait_tasks(130, 3, 1000));
	ASSERT_EQ(0, vs_ctx_stat(NULL, 130, &st));
	EXPECT_EQ(3, st.tasks);

	/* The test program stays in the host. */
	EXPECT_EQ(0, vs_task_xid(NULL, 0));
	vs_agents_stop_all();
}

TEST(migrate_to_spectator)
{
	struct vs_agent s1, s2;

	VS_START(s1);
	ASSERT_EQ(1, vs_migrate(&s1, VX_WATCH_ID, 0));
	EXPECT_EQ(1, vs_task_xid(&s1, 0));
	EXPECT_EQ(1, vs_task_xid(NULL, s1.pid));

	VS_START(s2);
	ASSERT_EQ(1, vs_migrate_v0(&s2, VX_WATCH_ID));
	EXPECT_EQ(1, vs_task_xid(&s2, 0));
	vs_agents_stop_all();
}

TEST(migrate_needs_cap_sys_admin)
{
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g, h;

	VS_GUEST(g, 131, VXF_INIT_SET);
	VS_START(h);
	ASSERT_EQ(0, VS_CALL(&h, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));

	ASSERT_EQ(-1, vs_migrate(&h, 131, 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&h, 131));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_migrate(&h, VX_WATCH_ID, 0));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));
	ASSERT_EQ(0, vs_ctx_stat(NULL, 131, &st));
	EXPECT_EQ(1, st.tasks);
	vs_agents_stop_all();
}

TEST(migrate_only_from_host)
{
	struct vs_agent g1, g2, s;

	VS_GUEST(g1, 132, VXF_INIT_SET);
	VS_GUEST(g2, 133, VXF_INIT_SET);

	/* A guest (in setup, with every capability) cannot migrate. */
	ASSERT_EQ(-1, vs_migrate(&g1, 133, 0));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&g1, 133));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, vs_migrate(&g1, VX_WATCH_ID, 0));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(132, vs_task_xid(&g1, 0));

	/* Nor can the spectator. */
	VS_SPECTATOR(s);
	ASSERT_EQ(-1, vs_migrate(&s, 132, 0));
	ASSERT_EQ(EPERM, errno);
	EXPECT_EQ(1, vs_task_xid(&s, 0));
	vs_agents_stop_all();
}

TEST(migrate_to_missing_context_is_esrch)
{
	struct vs_agent h;

	VS_START(h);
	ASSERT_EQ(-1, vs_migrate(&h, 0, 0));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&h, 0));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_migrate(&h, 134, 0));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&h, 134));
	ASSERT_EQ(ESRCH, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));
	vs_agents_stop_all();
}

TEST(migrate_needs_state_admin)
{
	struct vs_agent g1, g2, h;

	VS_START(h);

	/* Created without STATE_ADMIN. */
	VS_GUEST(g1, 135, VXF_STATE_SETUP | VXF_STATE_INIT);
	ASSERT_EQ(-1, vs_migrate(&h, 135, 0));
	ASSERT_EQ(EACCES, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&h, 135));
	ASSERT_EQ(EACCES, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));

	/* STATE_ADMIN cleared from inside. */
	VS_GUEST(g2, 136, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_cflags, 136, 0, VXF_STATE_ADMIN));
	ASSERT_EQ(-1, vs_migrate(&h, 136, 0));
	ASSERT_EQ(EACCES, errno);
	EXPECT_EQ(0, vs_task_xid(&h, 0));
	vs_agents_stop_all();
}

TEST(migrate_private_only_during_setup)
{
	struct vs_agent g1, g2, h1, h2, h3;

	VS_GUEST(g1, 137, VXF_INIT_SET | VXF_INFO_PRIVATE);
	VS_START(h1);
	VS_START(h2);
	VS_START(h3);

	/* In setup: may be entered. */
	ASSERT_EQ(0, vs_migrate(&h1, 137, 0));
	EXPECT_EQ(137, vs_task_xid(&h1, 0));

	/* Out of setup: private. */
	ASSERT_EQ(0, vs_clear_setup(&g1, 137));
	ASSERT_EQ(-1, vs_migrate(&h2, 137, 0));
	ASSERT_EQ(EACCES, errno);
	ASSERT_EQ(-1, vs_migrate_v0(&h2, 137));
	ASSERT_EQ(EACCES, errno);
	EXPECT_EQ(0, vs_task_xid(&h2, 0));

	/* A context that is not private may be entered after setup. */
	VS_GUEST(g2, 138, VXF_INIT_SET);
	ASSERT_EQ(0, vs_clear_setup(&g2, 138));
	ASSERT_EQ(0, vs_migrate(&h3, 138, 0));
	EXPECT_EQ(138, vs_task_xid(&h3, 0));
	vs_agents_stop_all();
}

TEST(migrate_set_init)
{
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, h;

	VS_GUEST(g, 139, VXF_INIT_SET);
	ASSERT_EQ(0, vs_vx_info(NULL, 139, &vi));
	EXPECT_EQ(0, vi.initpid);

	VS_START(h);
	ASSERT_EQ(0, vs_migrate(&h, 139, VXM_SET_INIT));
	EXPECT_EQ(139, vs_task_xid(&h, 0));
	ASSERT_EQ(0, vs_vx_info(NULL, 139, &vi));
	EXPECT_EQ(139, vi.xid);
	EXPECT_EQ(h.pid, vi.initpid);
	vs_agents_stop_all();
}

/* The PPid of pid, as the caller sees it; -1 if unreadable. */
static long ppid_of(pid_t pid)
{
	char path[64], buf[4096];
	uint64_t v;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0 ||
	    vs_field_u64(buf, "PPid:\t", 10, &v))
		return -1;
	return v;
}

TEST(migrate_set_reaper)
{
	struct vs_agent g, d, h;
	long ppid = -1;
	int t;

	VS_GUEST(g, 140, VXF_INIT_SET);
	VS_START(h);
	ASSERT_EQ(0, vs_migrate(&h, 140, VXM_SET_REAPER));
	EXPECT_EQ(140, vs_task_xid(&h, 0));

	/* d's parent g exits: d is adopted by the context's reaper, h. */
	VS_FORK(g, d);
	ASSERT_EQ(g.pid, ppid_of(d.pid));
	ASSERT_EQ(0, vs_agent_stop(&g));
	for (t = 0; t < 100; t++) {
		ppid = ppid_of(d.pid);
		if (ppid != g.pid)
			break;
		vs_msleep(10);
	}
	EXPECT_EQ(h.pid, ppid);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* task_xid                                                           */
/* ------------------------------------------------------------------ */

TEST(task_xid_of_host_guest_and_spectator)
{
	struct vs_agent g, s;

	EXPECT_EQ(0, vs_task_xid(NULL, 0));
	EXPECT_EQ(0, vs_task_xid(NULL, getpid()));
	EXPECT_EQ(0, vs_task_xid(NULL, 1));

	VS_GUEST(g, 141, VXF_INIT_SET);
	VS_SPECTATOR(s);
	EXPECT_EQ(141, vs_task_xid(NULL, g.pid));
	EXPECT_EQ(1, vs_task_xid(NULL, s.pid));
	EXPECT_EQ(141, vs_task_xid(&g, 0));
	EXPECT_EQ(141, vs_task_xid(&g, g.pid));
	vs_agents_stop_all();
}

TEST(task_xid_needs_no_privilege)
{
	struct vs_agent g1, g2, n;

	VS_GUEST(g1, 142, VXF_INIT_SET);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	EXPECT_EQ(0, vs_task_xid(&n, 0));
	EXPECT_EQ(142, vs_task_xid(&n, g1.pid));

	VS_FORK(g1, g2);
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_become_nobody));
	EXPECT_EQ(142, vs_task_xid(&g2, 0));
	vs_agents_stop_all();
}

TEST(task_xid_of_missing_pid_is_esrch)
{
	char buf[32];
	pid_t pid;
	int status;

	/* pid_max itself is never a pid. */
	ASSERT_LT(0, read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf)));
	ASSERT_EQ(-1, vs_task_xid(NULL, atoi(buf)));
	ASSERT_EQ(ESRCH, errno);

	/* A reaped child. */
	fflush(NULL);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(0);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_EQ(-1, vs_task_xid(NULL, pid));
	ASSERT_EQ(ESRCH, errno);
}

TEST(task_xid_of_invisible_task_is_esrch)
{
	struct vs_agent a1, a2, b, h, s;

	VS_GUEST(a1, 143, VXF_INIT_SET);
	VS_FORK(a1, a2);
	VS_GUEST(b, 144, VXF_INIT_SET);
	VS_START(h);
	VS_SPECTATOR(s);

	/* A guest sees its own tasks only. */
	EXPECT_EQ(143, vs_task_xid(&a1, a2.pid));
	EXPECT_EQ(-1, vs_task_xid(&a1, h.pid));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_task_xid(&a1, getpid()));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_task_xid(&a1, b.pid));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_task_xid(&a1, s.pid));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_task_xid(&b, a1.pid));
	EXPECT_EQ(ESRCH, errno);

	/* The spectator and the host see every task. */
	EXPECT_EQ(143, vs_task_xid(&s, a1.pid));
	EXPECT_EQ(143, vs_task_xid(&s, a2.pid));
	EXPECT_EQ(144, vs_task_xid(&s, b.pid));
	EXPECT_EQ(0, vs_task_xid(&s, h.pid));
	EXPECT_EQ(143, vs_task_xid(&h, a2.pid));
	EXPECT_EQ(144, vs_task_xid(&h, b.pid));
	EXPECT_EQ(1, vs_task_xid(&h, s.pid));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* vx_info and ctx_stat                                               */
/* ------------------------------------------------------------------ */

TEST(vx_info_and_ctx_stat_from_host)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g;

	VS_GUEST(g, 145, VXF_INIT_SET);
	ASSERT_EQ(0, vs_vx_info(NULL, 145, &vi));
	EXPECT_EQ(145, vi.xid);
	EXPECT_EQ(0, vi.initpid);
	ASSERT_EQ(0, vs_ctx_stat(NULL, 145, &st));
	EXPECT_EQ(1, st.tasks);
	EXPECT_LE(1, st.usecnt);
	vs_agents_stop_all();
}

TEST(vx_info_self_id_in_guest)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g;

	VS_GUEST(g, 146, VXF_INIT_SET);
	ASSERT_EQ(0, vs_vx_info(&g, VX_SELF_ID, &vi));
	EXPECT_EQ(146, vi.xid);
	EXPECT_EQ(0, vi.initpid);
	ASSERT_EQ(0, vs_vx_info(&g, 146, &vi));
	EXPECT_EQ(146, vi.xid);
	ASSERT_EQ(0, vs_ctx_stat(&g, VX_SELF_ID, &st));
	EXPECT_EQ(1, st.tasks);
	EXPECT_LE(1, st.usecnt);
	vs_agents_stop_all();
}

TEST(vx_info_of_special_or_missing_id_is_esrch)
{
	static const uint32_t ids[] = { VX_ADMIN_ID, VX_WATCH_ID, 147 };
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g, s;
	size_t i;

	VS_GUEST(g, 148, VXF_INIT_SET);
	VS_SPECTATOR(s);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		EXPECT_EQ(-1, vs_vx_info(NULL, ids[i], &vi))
			TH_LOG("vx_info(%u)", ids[i]);
		EXPECT_EQ(ESRCH, errno) TH_LOG("vx_info(%u)", ids[i]);
		EXPECT_EQ(-1, vs_ctx_stat(NULL, ids[i], &st))
			TH_LOG("ctx_stat(%u)", ids[i]);
		EXPECT_EQ(ESRCH, errno) TH_LOG("ctx_stat(%u)", ids[i]);
		EXPECT_EQ(-1, vs_vx_info(&g, ids[i], &vi))
			TH_LOG("guest: vx_info(%u)", ids[i]);
		EXPECT_EQ(ESRCH, errno) TH_LOG("guest: vx_info(%u)", ids[i]);
		EXPECT_EQ(-1, vs_ctx_stat(&s, ids[i], &st))
			TH_LOG("spectator: ctx_stat(%u)", ids[i]);
		EXPECT_EQ(ESRCH, errno)
			TH_LOG("spectator: ctx_stat(%u)", ids[i]);
	}
	vs_agents_stop_all();
}

TEST(vx_info_needs_no_privilege)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent g1, g2, n;

	VS_GUEST(g1, 149, VXF_INIT_SET);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_vx_info(&n, 149, &vi));
	EXPECT_EQ(149, vi.xid);
	ASSERT_EQ(0, vs_ctx_stat(&n, 149, &st));
	EXPECT_EQ(1, st.tasks);

	VS_FORK(g1, g2);
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_vx_info(&g2, VX_SELF_ID, &vi));
	EXPECT_EQ(149, vi.xid);
	ASSERT_EQ(0, vs_ctx_stat(&g2, VX_SELF_ID, &st));
	EXPECT_EQ(2, st.tasks);
	vs_agents_stop_all();
}

TEST(vx_info_guest_names_only_its_own)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent a, b;

	VS_GUEST(a, 150, VXF_INIT_SET);
	VS_GUEST(b, 151, VXF_INIT_SET);

	ASSERT_EQ(0, vs_vx_info(&a, 150, &vi));
	ASSERT_EQ(-1, vs_vx_info(&a, 151, &vi));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_ctx_stat(&a, 151, &st));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_vx_info(&b, 150, &vi));
	ASSERT_EQ(ESRCH, errno);
	ASSERT_EQ(-1, vs_ctx_stat(&b, 150, &st));
	ASSERT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(vx_info_spectator_names_any)
{
	struct vcmd_vx_info_v0 vi;
	struct vcmd_ctx_stat_v0 st;
	struct vs_agent a, b, s;

	VS_GUEST(a, 152, VXF_INIT_SET);
	VS_GUEST(b, 153, VXF_INIT_SET);
	VS_SPECTATOR(s);

	ASSERT_EQ(0, vs_vx_info(&s, 152, &vi));
	EXPECT_EQ(152, vi.xid);
	ASSERT_EQ(0, vs_vx_info(&s, 153, &vi));
	EXPECT_EQ(153, vi.xid);
	ASSERT_EQ(0, vs_ctx_stat(&s, 152, &st));
	EXPECT_EQ(1, st.tasks);
	ASSERT_EQ(0, vs_ctx_stat(&s, 153, &st));
	EXPECT_EQ(1, st.tasks);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
