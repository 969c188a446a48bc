// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Per-context resource limits: get_rlimit_mask,
 * get/set_rlimit, rlimit_stat, reset_hits, reset_minmax, the limit file
 * of /proc/virtual/<xid>/, and the enforcement of RLIMIT_NPROC (tasks),
 * RLIMIT_NOFILE (open files) and VLIMIT_NSOCK (sockets).
 *
 * A limit of N lets a context have N of a resource and refuses the
 * N + 1st (EAGAIN for tasks, EMFILE for files and sockets), one hit per
 * refusal; what is released counts no more.  Counts are read with
 * rlimit_stat before a limit is set, so that what an agent already has
 * is part of the count.
 *
 * Every test uses context ids of its own (1600..1699) and creates them
 * only in agents (see vs_helpers.h); the test program stays in the host.
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers3.h"

#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

/* The test program execs itself with this set to get a child that exits. */
#define VS_EXIT_ENV	"VS_LIMIT_TEST_EXIT"
#define VS_EXIT_CODE	42

static void __attribute__((constructor)) exit_if_asked(void)
{
	if (getenv(VS_EXIT_ENV))
		_exit(VS_EXIT_CODE);
}

/* Gives TEST(name) a time-out of secs seconds instead of 30. */
#define TEST_TIMEOUT(name, secs)					\
	static void __attribute__((constructor)) timeout_##name(void)	\
	{								\
		_##name##_object.timeout = (secs);			\
	}

/* Agent a makes n objects of kind k, all of them. */
#define MAKE_OK(a, k, n)						\
	ASSERT_EQ((long)(n), VS_CALL(&(a), vs_fn_make, (k), (n)))	\
		TH_LOG("agent " #a ": %s: %s", vs_kind_names[k],	\
		       strerror(errno))

/* Agent a cannot make one more object of kind k: errno err. */
#define MAKE_FAILS(a, k, err)						\
	do {								\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_make, (k), 1))		\
			TH_LOG("agent " #a ": %s made over the limit",	\
			       vs_kind_names[k]);			\
		ASSERT_EQ((err), errno)					\
			TH_LOG("agent " #a ": %s: %s, expected %s",	\
			       vs_kind_names[k], strerror(errno),	\
			       strerror(err));				\
	} while (0)

/* Agent a closes the n descriptors it kept last (0: all). */
#define CLOSE(a, n) VS_CALL(&(a), vs_fn_close, (n))

/* The value of limit id of xid is v. */
#define EXPECT_VALUE(xid, id, v)					\
	EXPECT_EQ((long long)(v), vs_lvalue((xid), (id)))

/* ... once the kernel has caught up (up to 2 s). */
#define EXPECT_VALUE_SOON(xid, id, v)					\
	EXPECT_EQ((long long)(v), vs_wait_lvalue((xid), (id), (v), 2000))

#define EXPECT_HITS(xid, id, h)						\
	EXPECT_EQ((long long)(h), vs_lhits((xid), (id)))

/* Sets the hard limit of id of xid from the host. */
#define SET_HARD(xid, id, hard)						\
	ASSERT_EQ(0, vs_set_hard(NULL, (xid), (id), (hard)))		\
		TH_LOG("set_rlimit(%u, %s, %llu): %s", (xid),		\
		       vs_limit_name(id), (unsigned long long)(hard),	\
		       strerror(errno))

/* Soft and hard limit of id of xid are soft and hard. */
static void expect_rlimit(struct __test_metadata *_metadata, uint32_t xid,
			  uint32_t id, uint64_t soft, uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 r;

	ASSERT_EQ(0, vs_get_rlimit(NULL, xid, id, &r))
		TH_LOG("get_rlimit(%u, %s): %s", xid, vs_limit_name(id),
		       strerror(errno));
	EXPECT_EQ(id, r.id);
	EXPECT_EQ(CRLIM_UNSET, r.minimum) TH_LOG("%s", vs_limit_name(id));
	EXPECT_EQ(soft, r.softlimit) TH_LOG("%s", vs_limit_name(id));
	EXPECT_EQ(hard, r.maximum) TH_LOG("%s", vs_limit_name(id));
}

/* Every limit of xid is unlimited (soft and hard). */
static void expect_unlimited(struct __test_metadata *_metadata, uint32_t xid)
{
	size_t i;

	for (i = 0; i < VS_NLIMITS; i++)
		expect_rlimit(_metadata, xid, vs_limits[i].id,
			      CRLIM_INFINITY, CRLIM_INFINITY);
}

/* ------------------------------------------------------------------ */
/* get_rlimit_mask                                                    */
/* ------------------------------------------------------------------ */

static void expect_mask(struct __test_metadata *_metadata, struct vs_agent *a)
{
	struct vcmd_ctx_rlimit_mask_v0 m;

	ASSERT_EQ(0, vs_rlimit_mask(a, &m))
		TH_LOG("get_rlimit_mask by %s: %s", vs_name(a),
		       strerror(errno));
	EXPECT_EQ(0, m.minimum) TH_LOG("by %s", vs_name(a));
	EXPECT_EQ(0, m.softlimit) TH_LOG("by %s", vs_name(a));
	EXPECT_EQ(0x033b1fe0, m.maximum)
		TH_LOG("by %s: maximum %08x", vs_name(a), m.maximum);
	EXPECT_EQ(VS_LIMITS_ENFORCED, m.maximum);
}

TEST(rlimit_mask_is_every_limit_enforced)
{
	struct vcmd_ctx_rlimit_mask_v0 m;
	struct vs_agent g, n, s;

	expect_mask(_metadata, NULL);
	/* The id is not looked at: no context needed. */
	memset(&m, 0xa5, sizeof(m));
	ASSERT_EQ(0, vserver(VCMD_get_rlimit_mask, 4242, &m));
	EXPECT_EQ(VS_LIMITS_ENFORCED, m.maximum);

	/* No privilege needed: root without capabilities, ... */
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_mask(_metadata, &n);
	/* ... a guest, out of setup, without capabilities, ... */
	VS_RUNNING_GUEST(g, 1600, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_become_nobody));
	expect_mask(_metadata, &g);
	/* ... the spectator. */
	VS_SPECTATOR(s);
	ASSERT_EQ(0, VS_CALL(&s, vs_fn_become_nobody));
	expect_mask(_metadata, &s);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* get_rlimit / set_rlimit                                            */
/* ------------------------------------------------------------------ */

TEST(new_context_is_unlimited)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vcmd_ctx_rlimit_v0 r;
	struct vs_agent g;
	size_t i;

	VS_GUEST(g, 1601, VXF_INIT_SET);
	expect_unlimited(_metadata, 1601);
	for (i = 0; i < VS_NLIMITS; i++) {
		const uint32_t id = vs_limits[i].id;

		/* The same from inside, by id and as its own context. */
		ASSERT_EQ(0, vs_get_rlimit(&g, VX_SELF_ID, id, &r));
		EXPECT_EQ(id, r.id);
		EXPECT_EQ(CRLIM_UNSET, r.minimum);
		EXPECT_EQ(CRLIM_INFINITY, r.softlimit);
		EXPECT_EQ(CRLIM_INFINITY, r.maximum);
		ASSERT_EQ(0, vs_get_rlimit(&g, 1601, id, &r));
		EXPECT_EQ(CRLIM_INFINITY, r.maximum);

		ASSERT_EQ(0, vs_rlimit_stat(NULL, 1601, id, &st));
		EXPECT_EQ(id, st.id);
		EXPECT_EQ(0, st.hits) TH_LOG("%s", vs_limit_name(id));
		EXPECT_LE(st.minimum, st.value);
		EXPECT_GE(st.maximum, st.value);
	}
	/* One task. */
	EXPECT_VALUE(1601, RLIMIT_NPROC, 1);
	/* The agent's sockets were made in the host. */
	EXPECT_VALUE(1601, VLIMIT_NSOCK, 0);
	vs_agents_stop_all();
}

TEST(get_and_set_rlimit_reject_ids_not_in_the_mask)
{
	static const uint32_t big[] = {
		VLIMIT_NUM, 32, 63, 64, 256, 0x80000000u, 0xfffffffeu,
		0xffffffffu,
	};
	struct vcmd_ctx_rlimit_v0 r;
	struct vs_agent g;
	uint32_t id;
	size_t i;

	VS_GUEST(g, 1602, VXF_INIT_SET);
	for (id = 0; id < 32; id++) {
		const int ok = !!(VS_LIMITS_ENFORCED & (1U << id));

		EXPECT_EQ(ok ? 0 : -1, vs_get_rlimit(NULL, 1602, id, &r))
			TH_LOG("get_rlimit id %u", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("get_rlimit id %u", id);
		/* Inside too. */
		EXPECT_EQ(ok ? 0 : -1, vs_get_rlimit(&g, VX_SELF_ID, id, &r))
			TH_LOG("get_rlimit id %u from inside", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("id %u inside", id);
		/* set: keep everything, so that an accepted one is a no-op. */
		EXPECT_EQ(ok ? 0 : -1,
			  vs_set_rlimit(NULL, 1602, id, CRLIM_KEEP, CRLIM_KEEP,
					CRLIM_KEEP))
			TH_LOG("set_rlimit id %u", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("set_rlimit id %u", id);
		EXPECT_EQ(ok ? 0 : -1,
			  vs_set_rlimit(&g, VX_SELF_ID, id, CRLIM_UNSET, 5,
					ok ? CRLIM_INFINITY : 5))
			TH_LOG("set_rlimit id %u from inside", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("id %u inside", id);
	}
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		EXPECT_EQ(-1, vs_get_rlimit(NULL, 1602, big[i], &r))
			TH_LOG("get_rlimit id %u", big[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("get_rlimit id %u", big[i]);
		EXPECT_EQ(-1, vs_set_rlimit(NULL, 1602, big[i], CRLIM_UNSET,
					    10, 10))
			TH_LOG("set_rlimit id %u", big[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("set_rlimit id %u", big[i]);
	}
	/* Nothing else changed: soft 5 (set inside), hard unlimited. */
	for (i = 0; i < VS_NLIMITS; i++) {
		ASSERT_EQ(0, vs_get_rlimit(NULL, 1602, vs_limits[i].id, &r));
		EXPECT_EQ(CRLIM_INFINITY, r.maximum);
		EXPECT_EQ(5, r.softlimit);
	}
	vs_agents_stop_all();
}

TEST(rlimit_stat_rejects_ids_not_in_the_mask)
{
	static const uint32_t big[] = {
		VLIMIT_NUM, 32, 256, 0x80000000u, 0xffffffffu,
	};
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;
	uint32_t id;
	size_t i;

	VS_GUEST(g, 1603, VXF_INIT_SET);
	for (id = 0; id < 32; id++) {
		const int ok = !!(VS_LIMITS_ENFORCED & (1U << id));

		EXPECT_EQ(ok ? 0 : -1, vs_rlimit_stat(NULL, 1603, id, &st))
			TH_LOG("rlimit_stat id %u", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("id %u", id);
		EXPECT_EQ(ok ? 0 : -1, vs_rlimit_stat(&g, VX_SELF_ID, id, &st))
			TH_LOG("rlimit_stat id %u from inside", id);
		if (!ok)
			EXPECT_EQ(EINVAL, errno) TH_LOG("id %u inside", id);
	}
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		EXPECT_EQ(-1, vs_rlimit_stat(NULL, 1603, big[i], &st))
			TH_LOG("rlimit_stat id %u", big[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("id %u", big[i]);
	}
	/* A missing context. */
	EXPECT_EQ(-1, vs_rlimit_stat(NULL, 1699, RLIMIT_NPROC, &st));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(set_rlimit_stores_soft_and_hard_per_limit)
{
	struct vs_agent g;
	size_t i;

	VS_GUEST(g, 1604, VXF_INIT_SET);
	for (i = 0; i < VS_NLIMITS; i++)
		ASSERT_EQ(0, vs_set_rlimit(NULL, 1604, vs_limits[i].id,
					   CRLIM_UNSET, 100 + i, 200 + i))
			TH_LOG("%s: %s", vs_limit_name(vs_limits[i].id),
			       strerror(errno));
	for (i = 0; i < VS_NLIMITS; i++)
		expect_rlimit(_metadata, 1604, vs_limits[i].id, 100 + i,
			      200 + i);

	/* One limit changes alone. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1604, RLIMIT_NOFILE, CRLIM_UNSET,
				   1000, 2000));
	expect_rlimit(_metadata, 1604, RLIMIT_NPROC, 100, 200);
	expect_rlimit(_metadata, 1604, RLIMIT_NOFILE, 1000, 2000);
	expect_rlimit(_metadata, 1604, VLIMIT_NSOCK, 102, 202);

	/* Large values and back to unlimited. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1604, VLIMIT_NSOCK, CRLIM_UNSET,
				   1ULL << 40, (1ULL << 62) + 1));
	expect_rlimit(_metadata, 1604, VLIMIT_NSOCK, 1ULL << 40,
		      (1ULL << 62) + 1);
	for (i = 0; i < VS_NLIMITS; i++)
		ASSERT_EQ(0, vs_set_rlimit(NULL, 1604, vs_limits[i].id,
					   CRLIM_UNSET, CRLIM_INFINITY,
					   CRLIM_INFINITY));
	expect_unlimited(_metadata, 1604);

	/* Another context is not touched. */
	{
		struct vs_agent h;

		VS_GUEST(h, 1605, VXF_INIT_SET);
		ASSERT_EQ(0, vs_set_rlimit(NULL, 1604, RLIMIT_NPROC,
					   CRLIM_UNSET, 7, 8));
		expect_unlimited(_metadata, 1605);
	}
	vs_agents_stop_all();
}

TEST(set_rlimit_keep_leaves_a_value_unchanged)
{
	struct vs_agent g;

	VS_GUEST(g, 1606, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1606, RLIMIT_NOFILE, CRLIM_UNSET,
				   10, 20));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, 10, 20);
	/* Hard only. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1606, RLIMIT_NOFILE, CRLIM_KEEP,
				   CRLIM_KEEP, 30));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, 10, 30);
	/* Soft only. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1606, RLIMIT_NOFILE, CRLIM_UNSET,
				   5, CRLIM_KEEP));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, 5, 30);
	/* Nothing. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1606, RLIMIT_NOFILE, CRLIM_KEEP,
				   CRLIM_KEEP, CRLIM_KEEP));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, 5, 30);
	/* From inside, during setup. */
	ASSERT_EQ(0, vs_set_rlimit(&g, VX_SELF_ID, RLIMIT_NOFILE, CRLIM_KEEP,
				   CRLIM_KEEP, 40));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, 5, 40);
	/* Unlimited again. */
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1606, RLIMIT_NOFILE, CRLIM_INFINITY,
				   CRLIM_INFINITY, CRLIM_INFINITY));
	expect_rlimit(_metadata, 1606, RLIMIT_NOFILE, CRLIM_INFINITY,
		      CRLIM_INFINITY);
	/* The others never changed. */
	expect_rlimit(_metadata, 1606, RLIMIT_NPROC, CRLIM_INFINITY,
		      CRLIM_INFINITY);
	expect_rlimit(_metadata, 1606, VLIMIT_NSOCK, CRLIM_INFINITY,
		      CRLIM_INFINITY);
	vs_agents_stop_all();
}

/*
 * vs2.3 accepts any minimum and ignores it (util-vserver writes min =
 * soft = hard from rlimits/): it reads back as unset.
 */
TEST(set_rlimit_minimum_is_accepted_and_ignored)
{
	static const uint64_t mins[] = {
		1, 2, 100, 4096, CRLIM_KEEP - 1, 1ULL << 63,
		0x7fffffffffffffffULL, CRLIM_UNSET, CRLIM_KEEP, CRLIM_INFINITY,
	};
	struct vs_agent g;
	size_t i, j;

	VS_GUEST(g, 1607, VXF_INIT_SET);
	/* From inside (limits the agent can live with), then the host. */
	for (j = 0; j < VS_NLIMITS; j++) {
		const uint32_t id = vs_limits[j].id;

		EXPECT_EQ(0, vs_set_rlimit(&g, VX_SELF_ID, id, 3, 100000,
					   200000))
			TH_LOG("%s: %s", vs_limit_name(id), strerror(errno));
		expect_rlimit(_metadata, 1607, id, 100000, 200000);
	}
	for (j = 0; j < VS_NLIMITS; j++) {
		const uint32_t id = vs_limits[j].id;

		for (i = 0; i < ARRAY_SIZE(mins); i++) {
			EXPECT_EQ(0, vs_set_rlimit(NULL, 1607, id, mins[i],
						   10 + i, 20 + i))
				TH_LOG("%s minimum %llx: %s",
				       vs_limit_name(id),
				       (unsigned long long)mins[i],
				       strerror(errno));
			/* The minimum reads back as unset. */
			expect_rlimit(_metadata, 1607, id, 10 + i, 20 + i);
		}
	}
	vs_agents_stop_all();
}

TEST(set_rlimit_needs_cap_sys_admin_and_cap_sys_resource)
{
	struct vs_agent g, g1, g2, h1, h2, n;
	size_t i;

	VS_GUEST(g, 1608, VXF_INIT_SET);
	VS_FORK(g, g1);
	VS_FORK(g, g2);
	VS_START(h1);
	VS_START(h2);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));

	for (i = 0; i < VS_NLIMITS; i++) {
		const uint32_t id = vs_limits[i].id;
		struct vs_agent *hosts[] = { &h1, &h2, &n };
		struct vs_agent *guests[] = { &g1, &g2 };
		size_t k;

		for (k = 0; k < ARRAY_SIZE(hosts); k++) {
			EXPECT_EQ(-1, vs_set_rlimit(hosts[k], 1608, id,
						    CRLIM_UNSET, 1, 1))
				TH_LOG("%s by %s", vs_limit_name(id),
				       vs_name(hosts[k]));
			EXPECT_EQ(EPERM, errno) TH_LOG("%s", vs_name(hosts[k]));
		}
		for (k = 0; k < ARRAY_SIZE(guests); k++) {
			EXPECT_EQ(-1, vs_set_rlimit(guests[k], VX_SELF_ID, id,
						    CRLIM_UNSET, 1, 1))
				TH_LOG("%s by %s", vs_limit_name(id),
				       vs_name(guests[k]));
			EXPECT_EQ(EPERM, errno)
				TH_LOG("%s", vs_name(guests[k]));
		}
	}
	expect_unlimited(_metadata, 1608);

	/* With both capabilities, host and guest in setup may. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1608, RLIMIT_NPROC, CRLIM_UNSET,
				   50, 60));
	EXPECT_EQ(0, vs_set_rlimit(&g, VX_SELF_ID, RLIMIT_NOFILE, CRLIM_UNSET,
				   70, 80));
	expect_rlimit(_metadata, 1608, RLIMIT_NPROC, 50, 60);
	expect_rlimit(_metadata, 1608, RLIMIT_NOFILE, 70, 80);
	vs_agents_stop_all();
}

TEST(set_rlimit_from_host_needs_state_admin)
{
	struct vcmd_ctx_rlimit_v0 r;
	struct vs_agent g1, g2;

	/* Created without STATE_ADMIN. */
	VS_GUEST(g1, 1609, VXF_STATE_SETUP | VXF_STATE_INIT);
	EXPECT_EQ(-1, vs_set_rlimit(NULL, 1609, RLIMIT_NPROC, CRLIM_UNSET,
				    5, 5));
	EXPECT_EQ(EACCES, errno);
	expect_unlimited(_metadata, 1609);
	/* Reading is fine. */
	EXPECT_EQ(0, vs_get_rlimit(NULL, 1609, RLIMIT_NPROC, &r));
	/* The guest itself, in setup, needs no STATE_ADMIN. */
	EXPECT_EQ(0, vs_set_rlimit(&g1, VX_SELF_ID, RLIMIT_NPROC, CRLIM_UNSET,
				   5, 6)) TH_LOG("%s", strerror(errno));
	expect_rlimit(_metadata, 1609, RLIMIT_NPROC, 5, 6);

	/* STATE_ADMIN cleared later. */
	VS_GUEST(g2, 1610, VXF_INIT_SET);
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1610, RLIMIT_NOFILE, CRLIM_UNSET,
				   5, 6));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 1610, 0, VXF_STATE_ADMIN));
	EXPECT_EQ(-1, vs_set_rlimit(NULL, 1610, RLIMIT_NOFILE, CRLIM_UNSET,
				    7, 8));
	EXPECT_EQ(EACCES, errno);
	expect_rlimit(_metadata, 1610, RLIMIT_NOFILE, 5, 6);
	vs_agents_stop_all();
}

TEST(set_rlimit_from_inside_only_during_setup)
{
	const uint64_t all = vs_all_caps();
	const uint64_t need = VS_CAP(CAP_SYS_ADMIN) | VS_CAP(CAP_SYS_RESOURCE);
	struct vs_agent g1, g2;
	uint64_t caps[4];

	/* In setup: by id and as its own context. */
	VS_GUEST(g1, 1611, VXF_INIT_SET);
	EXPECT_EQ(0, vs_set_rlimit(&g1, 1611, RLIMIT_NPROC, CRLIM_UNSET,
				   10, 11)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_set_rlimit(&g1, VX_SELF_ID, VLIMIT_NSOCK, CRLIM_UNSET,
				   12, 13)) TH_LOG("%s", strerror(errno));
	expect_rlimit(_metadata, 1611, RLIMIT_NPROC, 10, 11);
	expect_rlimit(_metadata, 1611, VLIMIT_NSOCK, 12, 13);

	/*
	 * Setup ended by the host, with a full bounding set so that the
	 * guest keeps both capabilities: only the end of setup stops it.
	 */
	ASSERT_EQ(0, vs_set(&g1, VCMD_set_bcaps, VX_SELF_ID, all, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(NULL, 1611));
	ASSERT_EQ(0, VS_CALL_IO(&g1, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_EQ(need, caps[0] & need);
	EXPECT_EQ(-1, vs_set_rlimit(&g1, VX_SELF_ID, RLIMIT_NPROC,
				    CRLIM_UNSET, 1, 1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_set_rlimit(&g1, 1611, RLIMIT_NPROC, CRLIM_UNSET,
				    1, 1));
	EXPECT_EQ(EPERM, errno);
	expect_rlimit(_metadata, 1611, RLIMIT_NPROC, 10, 11);
	/* The host still may. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1611, RLIMIT_NPROC, CRLIM_UNSET,
				   20, 21));
	expect_rlimit(_metadata, 1611, RLIMIT_NPROC, 20, 21);

	/* Setup ended from inside. */
	VS_GUEST(g2, 1612, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_bcaps, VX_SELF_ID, all, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&g2, VX_SELF_ID));
	ASSERT_EQ(0, VS_CALL_IO(&g2, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_EQ(need, caps[0] & need);
	EXPECT_EQ(-1, vs_set_rlimit(&g2, VX_SELF_ID, RLIMIT_NOFILE,
				    CRLIM_UNSET, 1, 1));
	EXPECT_EQ(EPERM, errno);
	expect_unlimited(_metadata, 1612);
	vs_agents_stop_all();
}

TEST(set_rlimit_on_another_or_missing_context)
{
	struct vcmd_ctx_rlimit_v0 r;
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent a, b, s;

	VS_GUEST(a, 1613, VXF_INIT_SET);
	VS_GUEST(b, 1614, VXF_INIT_SET);
	/* Both in setup with every capability: another context is unseen. */
	EXPECT_EQ(-1, vs_set_rlimit(&a, 1614, RLIMIT_NPROC, CRLIM_UNSET,
				    1, 1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_set_rlimit(&b, 1613, RLIMIT_NPROC, CRLIM_UNSET,
				    1, 1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_get_rlimit(&a, 1614, RLIMIT_NPROC, &r));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_rlimit_stat(&a, 1614, RLIMIT_NPROC, &st));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_reset_hits(&a, 1614));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_reset_minmax(&a, 1614));
	EXPECT_EQ(ESRCH, errno);
	expect_unlimited(_metadata, 1613);
	expect_unlimited(_metadata, 1614);

	/* The spectator configures nothing. */
	VS_SPECTATOR(s);
	EXPECT_EQ(-1, vs_set_rlimit(&s, 1613, RLIMIT_NPROC, CRLIM_UNSET,
				    1, 1));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_reset_hits(&s, 1613));
	EXPECT_EQ(EPERM, errno);
	/* But reads. */
	EXPECT_EQ(0, vs_get_rlimit(&s, 1613, RLIMIT_NPROC, &r));
	EXPECT_EQ(0, vs_rlimit_stat(&s, 1613, RLIMIT_NPROC, &st));

	/* A context that does not exist. */
	EXPECT_EQ(-1, vs_set_rlimit(NULL, 1698, RLIMIT_NPROC, CRLIM_UNSET,
				    1, 1));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_get_rlimit(NULL, 1698, RLIMIT_NPROC, &r));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_reset_hits(NULL, 1698));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_reset_minmax(NULL, 1698));
	EXPECT_EQ(ESRCH, errno);
	/* Nor does the host have limits. */
	EXPECT_EQ(-1, vs_get_rlimit(NULL, 0, RLIMIT_NPROC, &r));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST(get_rlimit_and_rlimit_stat_need_no_privilege)
{
	struct vcmd_rlimit_stat_v0 st, st0;
	struct vcmd_ctx_rlimit_v0 r;
	struct vs_agent g, n, s;
	size_t i;

	VS_RUNNING_GUEST(g, 1615, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1615, RLIMIT_NOFILE, CRLIM_UNSET,
				   300, 400));
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_become_nobody));
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	VS_SPECTATOR(s);
	ASSERT_EQ(0, VS_CALL(&s, vs_fn_become_nobody));

	for (i = 0; i < VS_NLIMITS; i++) {
		const uint32_t id = vs_limits[i].id;
		const uint64_t soft = id == RLIMIT_NOFILE ? 300 : CRLIM_INFINITY;
		const uint64_t hard = id == RLIMIT_NOFILE ? 400 : CRLIM_INFINITY;
		struct vs_agent *who[] = { &g, &g, &n, &s };
		const uint32_t xid[] = { VX_SELF_ID, 1615, 1615, 1615 };
		size_t k;

		ASSERT_EQ(0, vs_rlimit_stat(NULL, 1615, id, &st0));
		for (k = 0; k < ARRAY_SIZE(who); k++) {
			EXPECT_EQ(0, vs_get_rlimit(who[k], xid[k], id, &r))
				TH_LOG("get_rlimit %s by %s: %s",
				       vs_limit_name(id), vs_name(who[k]),
				       strerror(errno));
			EXPECT_EQ(CRLIM_UNSET, r.minimum);
			EXPECT_EQ(soft, r.softlimit);
			EXPECT_EQ(hard, r.maximum);
			EXPECT_EQ(0, vs_rlimit_stat(who[k], xid[k], id, &st))
				TH_LOG("rlimit_stat %s by %s: %s",
				       vs_limit_name(id), vs_name(who[k]),
				       strerror(errno));
			if (id != RLIMIT_NOFILE || who[k] != &g)
				EXPECT_EQ(st0.value, st.value);
			EXPECT_EQ(st0.hits, st.hits);
		}
	}
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* reset_hits, reset_minmax                                           */
/* ------------------------------------------------------------------ */

/* One refusal of each limit in agent g of xid (all at their limit). */
static void hit_each(struct __test_metadata *_metadata, struct vs_agent *g)
{
	ASSERT_EQ(0, VS_CALL(g, vs_fn_spawn, 1));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, VS_CALL(g, vs_fn_make, VS_K_OPEN, 1));
	ASSERT_EQ(EMFILE, errno);
	ASSERT_EQ(0, VS_CALL(g, vs_fn_make, VS_K_UNIX, 1));
	ASSERT_EQ(EMFILE, errno);
}

/* Puts every limit of xid at its current value. */
static void limit_to_now(struct __test_metadata *_metadata, uint32_t xid)
{
	size_t i;

	for (i = 0; i < VS_NLIMITS; i++) {
		long long v = vs_lvalue(xid, vs_limits[i].id);

		ASSERT_LE(0, v);
		SET_HARD(xid, vs_limits[i].id, (uint64_t)v);
	}
}

TEST(reset_hits_zeroes_every_hit_counter)
{
	long long v[VS_NLIMITS];
	struct vs_agent g;
	size_t i;

	VS_GUEST(g, 1616, VXF_INIT_SET);
	/* Something to count in each. */
	MAKE_OK(g, VS_K_OPEN, 2);
	MAKE_OK(g, VS_K_UNIX, 2);
	limit_to_now(_metadata, 1616);
	for (i = 0; i < VS_NLIMITS; i++)
		v[i] = vs_lvalue(1616, vs_limits[i].id);
	hit_each(_metadata, &g);
	hit_each(_metadata, &g);
	EXPECT_HITS(1616, RLIMIT_NPROC, 2);
	EXPECT_HITS(1616, RLIMIT_NOFILE, 2);
	EXPECT_HITS(1616, VLIMIT_NSOCK, 2);

	ASSERT_EQ(0, vs_reset_hits(NULL, 1616)) TH_LOG("%s", strerror(errno));
	for (i = 0; i < VS_NLIMITS; i++) {
		EXPECT_HITS(1616, vs_limits[i].id, 0);
		/* Values and limits stay. */
		EXPECT_VALUE(1616, vs_limits[i].id, v[i]);
		expect_rlimit(_metadata, 1616, vs_limits[i].id,
			      CRLIM_INFINITY, v[i]);
	}
	/* Counting goes on. */
	hit_each(_metadata, &g);
	for (i = 0; i < VS_NLIMITS; i++)
		EXPECT_HITS(1616, vs_limits[i].id, 1);
	/* From inside, during setup. */
	ASSERT_EQ(0, vs_reset_hits(&g, VX_SELF_ID))
		TH_LOG("%s", strerror(errno));
	for (i = 0; i < VS_NLIMITS; i++)
		EXPECT_HITS(1616, vs_limits[i].id, 0);
	vs_agents_stop_all();
}

TEST(reset_minmax_sets_min_and_max_to_the_value)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;
	long long f, s;
	size_t i;

	VS_GUEST(g, 1617, VXF_INIT_SET);
	f = vs_lvalue(1617, RLIMIT_NOFILE);
	s = vs_lvalue(1617, VLIMIT_NSOCK);
	ASSERT_LE(0, f);
	ASSERT_LE(0, s);

	/* Peaks: 5 more files, 3 more sockets (and files), 4 more tasks. */
	MAKE_OK(g, VS_K_OPEN, 5);
	ASSERT_EQ(5, CLOSE(g, 0));
	MAKE_OK(g, VS_K_UNIX, 3);
	ASSERT_EQ(3, CLOSE(g, 0));
	ASSERT_EQ(4, VS_CALL(&g, vs_fn_spawn, 4));
	ASSERT_EQ(4, VS_CALL(&g, vs_fn_unspawn, 0));
	EXPECT_VALUE_SOON(1617, RLIMIT_NPROC, 1);

	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NOFILE, &st));
	EXPECT_EQ(f, st.value);
	EXPECT_EQ(f + 5, st.maximum);
	EXPECT_LE(st.minimum, f);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, VLIMIT_NSOCK, &st));
	EXPECT_EQ(s, st.value);
	EXPECT_EQ(s + 3, st.maximum);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NPROC, &st));
	EXPECT_EQ(1, st.value);
	EXPECT_EQ(5, st.maximum);

	/* Hold 2 files and 2 tasks while resetting. */
	MAKE_OK(g, VS_K_OPEN, 2);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_spawn, 1));
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1617))
		TH_LOG("%s", strerror(errno));
	for (i = 0; i < VS_NLIMITS; i++) {
		ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, vs_limits[i].id, &st));
		EXPECT_EQ(st.value, st.minimum)
			TH_LOG("%s", vs_limit_name(vs_limits[i].id));
		EXPECT_EQ(st.value, st.maximum)
			TH_LOG("%s", vs_limit_name(vs_limits[i].id));
	}
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NOFILE, &st));
	EXPECT_EQ(f + 2, st.minimum);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NPROC, &st));
	EXPECT_EQ(2, st.minimum);

	/* New extremes are seen from there on. */
	MAKE_OK(g, VS_K_OPEN, 1);
	ASSERT_EQ(3, CLOSE(g, 0));
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_unspawn, 0));
	EXPECT_VALUE_SOON(1617, RLIMIT_NPROC, 1);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NOFILE, &st));
	EXPECT_EQ(f, st.value);
	EXPECT_EQ(f, st.minimum);
	EXPECT_EQ(f + 3, st.maximum);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NPROC, &st));
	EXPECT_EQ(1, st.minimum);
	EXPECT_EQ(2, st.maximum);

	/* From inside, during setup. */
	ASSERT_EQ(0, vs_reset_minmax(&g, VX_SELF_ID))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1617, RLIMIT_NOFILE, &st));
	EXPECT_EQ(st.value, st.minimum);
	EXPECT_EQ(st.value, st.maximum);
	vs_agents_stop_all();
}

TEST(reset_hits_and_reset_minmax_follow_the_config_rules)
{
	const uint64_t all = vs_all_caps();
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g, g1, h1, h2, n, a, r;
	struct vs_agent *who[] = { &h1, &h2, &n, &g1 };
	const uint32_t xid[] = { 1618, 1618, 1618, VX_SELF_ID };
	size_t k;

	VS_GUEST(g, 1618, VXF_INIT_SET);
	VS_FORK_CLEAN(g, g1);
	/* One hit and a maximum above the value. */
	MAKE_OK(g, VS_K_OPEN, 3);
	ASSERT_EQ(3, CLOSE(g, 0));
	SET_HARD(1618, RLIMIT_NPROC, 2);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1618, RLIMIT_NOFILE, &st));
	ASSERT_LT(st.value, st.maximum);

	VS_START(h1);
	VS_START(h2);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	for (k = 0; k < ARRAY_SIZE(who); k++) {
		EXPECT_EQ(-1, vs_reset_hits(who[k], xid[k]));
		EXPECT_EQ(EPERM, errno) TH_LOG("%s", vs_name(who[k]));
		EXPECT_EQ(-1, vs_reset_minmax(who[k], xid[k]));
		EXPECT_EQ(EPERM, errno) TH_LOG("%s", vs_name(who[k]));
	}
	EXPECT_HITS(1618, RLIMIT_NPROC, 1);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1618, RLIMIT_NOFILE, &st));
	EXPECT_LT(st.value, st.maximum);

	/* The host needs STATE_ADMIN. */
	VS_GUEST(a, 1619, VXF_STATE_SETUP | VXF_STATE_INIT);
	ASSERT_EQ(0, vs_set_hard(&a, VX_SELF_ID, RLIMIT_NPROC, 1));
	ASSERT_EQ(0, VS_CALL(&a, vs_fn_spawn, 1));
	ASSERT_EQ(EAGAIN, errno);
	EXPECT_EQ(-1, vs_reset_hits(NULL, 1619));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, vs_reset_minmax(NULL, 1619));
	EXPECT_EQ(EACCES, errno);
	EXPECT_HITS(1619, RLIMIT_NPROC, 1);

	/* A guest after its setup, even with both capabilities. */
	VS_GUEST(r, 1620, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&r, VCMD_set_bcaps, VX_SELF_ID, all, ~0ULL));
	ASSERT_EQ(0, vs_set_hard(&r, VX_SELF_ID, RLIMIT_NPROC, 1));
	ASSERT_EQ(0, VS_CALL(&r, vs_fn_spawn, 1));
	ASSERT_EQ(EAGAIN, errno);
	ASSERT_EQ(0, vs_clear_setup(&r, VX_SELF_ID));
	EXPECT_EQ(-1, vs_reset_hits(&r, VX_SELF_ID));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, vs_reset_minmax(&r, VX_SELF_ID));
	EXPECT_EQ(EPERM, errno);
	EXPECT_HITS(1620, RLIMIT_NPROC, 1);
	/* The host may. */
	EXPECT_EQ(0, vs_reset_hits(NULL, 1620));
	EXPECT_HITS(1620, RLIMIT_NPROC, 0);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* RLIMIT_NPROC                                                       */
/* ------------------------------------------------------------------ */

/* The task count of ctx_stat. */
static long ctx_tasks(uint32_t xid)
{
	struct vcmd_ctx_stat_v0 st;

	if (vs_ctx_stat(NULL, xid, &st))
		return -1;
	return st.tasks;
}

TEST(nproc_limit_of_n_allows_n_tasks)
{
	const long N = 6;
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g, c;

	VS_GUEST(g, 1621, VXF_INIT_SET);
	EXPECT_VALUE(1621, RLIMIT_NPROC, 1);
	SET_HARD(1621, RLIMIT_NPROC, N);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1621));

	/* The agent and N - 1 children; the N + 1st task is refused. */
	EXPECT_EQ(N - 1, VS_CALL(&g, vs_fn_spawn, N));
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1621, RLIMIT_NPROC, &st));
	EXPECT_EQ(N, st.value);
	EXPECT_EQ(N, st.maximum);
	EXPECT_EQ(1, st.minimum);
	EXPECT_EQ(1, st.hits);
	/* The value is the task count. */
	EXPECT_EQ(N, ctx_tasks(1621));

	/* Each refusal is one hit. */
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1621, RLIMIT_NPROC, 3);
	EXPECT_VALUE(1621, RLIMIT_NPROC, N);

	/* A child that exits makes room for one. */
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_unspawn, 1));
	EXPECT_VALUE_SOON(1621, RLIMIT_NPROC, N - 1);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_spawn, 2));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1621, RLIMIT_NPROC, 4);

	/* A forked agent is a task like the others. */
	ASSERT_EQ(2, VS_CALL(&g, vs_fn_unspawn, 2));
	EXPECT_VALUE_SOON(1621, RLIMIT_NPROC, N - 2);
	VS_FORK_CLEAN(g, c);
	EXPECT_VALUE(1621, RLIMIT_NPROC, N - 1);
	EXPECT_EQ(1, VS_CALL(&c, vs_fn_spawn, 2));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1621, RLIMIT_NPROC, 5);
	ASSERT_EQ(1, VS_CALL(&c, vs_fn_unspawn, 0));
	ASSERT_EQ(0, vs_agent_stop(&c));

	/* All gone: back to one task; the maximum seen is N. */
	ASSERT_EQ(N - 3, VS_CALL(&g, vs_fn_unspawn, 0));
	EXPECT_VALUE_SOON(1621, RLIMIT_NPROC, 1);
	EXPECT_EQ(1, ctx_tasks(1621));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1621, RLIMIT_NPROC, &st));
	EXPECT_EQ(N, st.maximum);
	EXPECT_EQ(1, st.minimum);
	EXPECT_EQ(5, st.hits);
	vs_agents_stop_all();
}

TEST(nproc_counts_threads)
{
	const long N = 4;
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;

	VS_GUEST(g, 1622, VXF_INIT_SET);
	SET_HARD(1622, RLIMIT_NPROC, N);

	/* pthread_create: the agent and N - 1 threads. */
	EXPECT_EQ(N - 1, VS_CALL(&g, vs_fn_threads, N));
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1622, RLIMIT_NPROC, &st));
	EXPECT_EQ(N, st.value);
	EXPECT_EQ(N, st.maximum);
	EXPECT_EQ(1, st.hits);
	EXPECT_EQ(N, ctx_tasks(1622));

	/* A bare clone(CLONE_THREAD), vfork and fork: all refused. */
	EXPECT_EQ(-1, VS_CALL(&g, vs_fn_raw_thread));
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", strerror(errno));
	EXPECT_HITS(1622, RLIMIT_NPROC, 2);
	EXPECT_EQ(-1, VS_CALL(&g, vs_fn_vfork));
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", strerror(errno));
	EXPECT_HITS(1622, RLIMIT_NPROC, 3);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1622, RLIMIT_NPROC, 4);
	EXPECT_VALUE(1622, RLIMIT_NPROC, N);

	/* Threads that end free their places. */
	EXPECT_EQ(N - 1, VS_CALL(&g, vs_fn_threads_end));
	EXPECT_VALUE_SOON(1622, RLIMIT_NPROC, 1);
	EXPECT_LT(0, VS_CALL(&g, vs_fn_raw_thread))
		TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(1622, RLIMIT_NPROC, 2);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_raw_thread_end));
	EXPECT_VALUE_SOON(1622, RLIMIT_NPROC, 1);
	EXPECT_LT(0, VS_CALL(&g, vs_fn_vfork)) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE_SOON(1622, RLIMIT_NPROC, 1);

	/* Threads and processes share the limit. */
	EXPECT_EQ(2, VS_CALL(&g, vs_fn_spawn, 2));
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_threads, 2));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_VALUE(1622, RLIMIT_NPROC, N);
	EXPECT_HITS(1622, RLIMIT_NPROC, 5);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_threads_end));
	EXPECT_EQ(2, VS_CALL(&g, vs_fn_unspawn, 0));
	EXPECT_VALUE_SOON(1622, RLIMIT_NPROC, 1);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1622, RLIMIT_NPROC, &st));
	EXPECT_EQ(N, st.maximum);
	vs_agents_stop_all();
}

TEST(nproc_hard_limit_below_the_count)
{
	struct vs_agent g;

	VS_GUEST(g, 1623, VXF_INIT_SET);
	ASSERT_EQ(3, VS_CALL(&g, vs_fn_spawn, 3));
	EXPECT_VALUE(1623, RLIMIT_NPROC, 4);

	/* Lowering the limit kills nothing, but refuses new tasks. */
	SET_HARD(1623, RLIMIT_NPROC, 2);
	EXPECT_VALUE(1623, RLIMIT_NPROC, 4);
	EXPECT_EQ(4, ctx_tasks(1623));
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(2, VS_CALL(&g, vs_fn_unspawn, 2));
	EXPECT_VALUE_SOON(1623, RLIMIT_NPROC, 2);
	/* At the limit: still no room. */
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_threads, 1));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_unspawn, 1));
	EXPECT_VALUE_SOON(1623, RLIMIT_NPROC, 1);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_spawn, 2));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1623, RLIMIT_NPROC, 3);

	/* A limit of 0: not even one more. */
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_unspawn, 0));
	EXPECT_VALUE_SOON(1623, RLIMIT_NPROC, 1);
	SET_HARD(1623, RLIMIT_NPROC, 0);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_spawn, 1));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1623, RLIMIT_NPROC, 4);

	/* Unlimited again. */
	SET_HARD(1623, RLIMIT_NPROC, CRLIM_INFINITY);
	EXPECT_EQ(8, VS_CALL(&g, vs_fn_spawn, 8)) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(1623, RLIMIT_NPROC, 9);
	EXPECT_HITS(1623, RLIMIT_NPROC, 4);
	vs_agents_stop_all();
}

TEST(nproc_no_drift_after_1000_cycles)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;

	VS_GUEST(g, 1624, VXF_INIT_SET);
	EXPECT_VALUE(1624, RLIMIT_NPROC, 1);
	/*
	 * Forks: room for exactly one more, so that a leak shows as a
	 * refusal (waitpid returns after the child left the context).
	 */
	SET_HARD(1624, RLIMIT_NPROC, 2);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1624));
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_fork_cycles, 1000))
		TH_LOG("first error: %s", strerror(errno));
	EXPECT_VALUE_SOON(1624, RLIMIT_NPROC, 1);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1624, RLIMIT_NPROC, &st));
	EXPECT_EQ(0, st.hits);
	EXPECT_EQ(1, st.minimum);
	EXPECT_EQ(2, st.maximum);

	/*
	 * Threads: pthread_join may return before the thread has left
	 * the context (see nproc_exited_thread_frees_its_place_at_once),
	 * so no limit here; the count must come back all the same.
	 */
	SET_HARD(1624, RLIMIT_NPROC, CRLIM_INFINITY);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_thread_cycles, 1000))
		TH_LOG("first error: %s", strerror(errno));
	EXPECT_VALUE_SOON(1624, RLIMIT_NPROC, 1);
	EXPECT_HITS(1624, RLIMIT_NPROC, 0);
	EXPECT_EQ(1, ctx_tasks(1624));

	/* And no room was made either. */
	SET_HARD(1624, RLIMIT_NPROC, 2);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_spawn, 2));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1624, RLIMIT_NPROC, 1);
	vs_agents_stop_all();
}
TEST_TIMEOUT(nproc_no_drift_after_1000_cycles, 300)

/* Children that exit at once and that nobody reaps (zombies). */
static pid_t zombie_pids[64];
static int nzombies;

/* Forks up to arg0 children that exit at once; returns how many. */
static long fn_zombies(struct vs_msg *m)
{
	long i;

	signal(SIGCHLD, SIG_DFL);
	for (i = 0; i < m->arg[0] && nzombies < 64; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return i;
		if (pid == 0)
			_exit(0);
		zombie_pids[nzombies++] = pid;
	}
	errno = 0;
	return i;
}

/* Reaps them; returns how many. */
static long fn_reap(struct vs_msg *m)
{
	long n = 0;

	while (nzombies > 0)
		n += waitpid(zombie_pids[--nzombies], NULL, 0) > 0;
	signal(SIGCHLD, SIG_IGN);
	return n;
}

/*
 * A process that exited counts until it is reaped: a guest that never
 * reaps its children cannot fill the machine's pid space.
 */
TEST(nproc_counts_children_until_they_are_reaped)
{
	struct vs_agent g;
	int t;

	VS_GUEST(g, 1626, VXF_INIT_SET);
	SET_HARD(1626, RLIMIT_NPROC, 4);
	EXPECT_EQ(3, VS_CALL(&g, fn_zombies, 5));
	EXPECT_EQ(EAGAIN, errno) TH_LOG("%s", strerror(errno));
	/* They exit: one live task, three zombies, still 4. */
	for (t = 0; t < 200 && ctx_tasks(1626) != 1; t++)
		vs_msleep(10);
	EXPECT_EQ(1, ctx_tasks(1626));
	EXPECT_VALUE(1626, RLIMIT_NPROC, 4);
	EXPECT_EQ(0, VS_CALL(&g, fn_zombies, 1));
	EXPECT_EQ(EAGAIN, errno);
	EXPECT_HITS(1626, RLIMIT_NPROC, 2);
	/* Reaped, they count no more, at once. */
	EXPECT_EQ(3, VS_CALL(&g, fn_reap));
	EXPECT_VALUE(1626, RLIMIT_NPROC, 1);
	EXPECT_EQ(3, VS_CALL(&g, fn_zombies, 3));
	EXPECT_EQ(3, VS_CALL(&g, fn_reap));
	EXPECT_VALUE(1626, RLIMIT_NPROC, 1);
	vs_agents_stop_all();
}

/*
 * A thread the kernel has reported gone (CLONE_CHILD_CLEARTID, what
 * pthread_join waits for) no longer counts: at a limit of 2 the next
 * thread can start at once.  The exiting thread has a file table of its
 * own with 800 files to close, which keeps its exit busy after that
 * report; when its place is freed then, the next thread waits for it.
 */
TEST(nproc_exited_thread_frees_its_place_at_once)
{
	struct vs_agent g;
	long fails;

	VS_GUEST(g, 1625, VXF_INIT_SET);
	SET_HARD(1625, RLIMIT_NPROC, 2);
	fails = VS_CALL(&g, vs_fn_raw_exit_cycles, 20, 400);
	ASSERT_LE(0, fails) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, fails) TH_LOG("%ld of 20 threads refused right after "
				   "the previous one was reported gone: %s",
				   fails, strerror(errno));
	EXPECT_HITS(1625, RLIMIT_NPROC, fails);
	EXPECT_VALUE_SOON(1625, RLIMIT_NPROC, 1);
	vs_agents_stop_all();
}
TEST_TIMEOUT(nproc_exited_thread_frees_its_place_at_once, 120)

/* ------------------------------------------------------------------ */
/* RLIMIT_NOFILE                                                      */
/* ------------------------------------------------------------------ */

TEST(nofile_limit_of_n_allows_n_files)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;
	long long base;

	VS_GUEST(g, 1630, VXF_INIT_SET);
	base = vs_lvalue(1630, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	SET_HARD(1630, RLIMIT_NOFILE, base + 5);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1630));

	EXPECT_EQ(5, VS_CALL(&g, vs_fn_make, VS_K_OPEN, 6));
	EXPECT_EQ(EMFILE, errno) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1630, RLIMIT_NOFILE, &st));
	EXPECT_EQ(base + 5, st.value);
	EXPECT_EQ(base + 5, st.maximum);
	EXPECT_EQ(1, st.hits);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	EXPECT_HITS(1630, RLIMIT_NOFILE, 3);
	EXPECT_VALUE(1630, RLIMIT_NOFILE, base + 5);

	/* A closed file makes room for one. */
	ASSERT_EQ(1, CLOSE(g, 1));
	EXPECT_VALUE(1630, RLIMIT_NOFILE, base + 4);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_make, VS_K_OPEN, 2));
	EXPECT_EQ(EMFILE, errno);
	EXPECT_HITS(1630, RLIMIT_NOFILE, 4);

	ASSERT_EQ(5, CLOSE(g, 0));
	EXPECT_VALUE(1630, RLIMIT_NOFILE, base);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1630, RLIMIT_NOFILE, &st));
	EXPECT_EQ(base + 5, st.maximum);
	EXPECT_EQ(base, st.minimum);
	vs_agents_stop_all();
}

/* Files one object of each kind is. */
static int kind_files(int k)
{
	return k == VS_K_PIPE || k == VS_K_SOCKETPAIR ? 2 : 1;
}

TEST(nofile_counts_every_kind_of_file)
{
	struct vs_agent g;
	long long base, sbase, hits = 0;
	int k;

	VS_GUEST(g, 1631, VXF_INIT_SET);
	base = vs_lvalue(1631, RLIMIT_NOFILE);
	sbase = vs_lvalue(1631, VLIMIT_NSOCK);
	ASSERT_LE(0, base);
	for (k = 0; k < VS_K_DUP; k++) {
		const int c = kind_files(k);

		/* Room for exactly one object. */
		SET_HARD(1631, RLIMIT_NOFILE, base + c);
		MAKE_OK(g, k, 1);
		EXPECT_VALUE(1631, RLIMIT_NOFILE, base + c)
			TH_LOG("%s", vs_kind_names[k]);
		MAKE_FAILS(g, k, EMFILE);
		EXPECT_HITS(1631, RLIMIT_NOFILE, ++hits)
			TH_LOG("%s", vs_kind_names[k]);
		EXPECT_VALUE(1631, RLIMIT_NOFILE, base + c)
			TH_LOG("%s", vs_kind_names[k]);
		ASSERT_EQ(c, CLOSE(g, 0));
		EXPECT_VALUE(1631, RLIMIT_NOFILE, base)
			TH_LOG("%s", vs_kind_names[k]);
		/* The refused socket left nothing behind. */
		EXPECT_VALUE_SOON(1631, VLIMIT_NSOCK, sbase)
			TH_LOG("%s", vs_kind_names[k]);

		if (c == 2) {
			/* Room for one of the two files: none is made. */
			SET_HARD(1631, RLIMIT_NOFILE, base + 1);
			MAKE_FAILS(g, k, EMFILE);
			EXPECT_HITS(1631, RLIMIT_NOFILE, ++hits)
				TH_LOG("%s", vs_kind_names[k]);
			EXPECT_VALUE(1631, RLIMIT_NOFILE, base)
				TH_LOG("%s", vs_kind_names[k]);
			EXPECT_VALUE_SOON(1631, VLIMIT_NSOCK, sbase)
				TH_LOG("%s", vs_kind_names[k]);
		}
	}
	vs_agents_stop_all();
}

TEST(nofile_dup_and_fork_make_no_new_file)
{
	struct vs_agent g, c;
	long long base;

	VS_GUEST(g, 1632, VXF_INIT_SET);
	base = vs_lvalue(1632, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	SET_HARD(1632, RLIMIT_NOFILE, base + 1);
	MAKE_OK(g, VS_K_OPEN, 1);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	EXPECT_HITS(1632, RLIMIT_NOFILE, 1);

	/* At the limit, descriptors of the same file are fine. */
	MAKE_OK(g, VS_K_DUP, 3);
	MAKE_OK(g, VS_K_DUP2, 2);
	EXPECT_VALUE(1632, RLIMIT_NOFILE, base + 1);
	EXPECT_HITS(1632, RLIMIT_NOFILE, 1);

	/* So are forks, which share the files, and a forked agent. */
	EXPECT_EQ(3, VS_CALL(&g, vs_fn_spawn, 3)) TH_LOG("%s", strerror(errno));
	VS_FORK_CLEAN(g, c);
	EXPECT_VALUE(1632, RLIMIT_NOFILE, base + 1);
	EXPECT_EQ(0, VS_CALL(&c, vs_fn_make, VS_K_OPEN, 1));
	EXPECT_EQ(EMFILE, errno);
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_EQ(3, VS_CALL(&g, vs_fn_unspawn, 0));

	/* The file lives while one descriptor does. */
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_close_at, 0));
	EXPECT_VALUE(1632, RLIMIT_NOFILE, base + 1);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	ASSERT_EQ(4, CLOSE(g, 4));
	EXPECT_VALUE(1632, RLIMIT_NOFILE, base + 1);
	ASSERT_EQ(1, CLOSE(g, 0));
	EXPECT_VALUE(1632, RLIMIT_NOFILE, base);
	MAKE_OK(g, VS_K_OPEN, 1);
	EXPECT_HITS(1632, RLIMIT_NOFILE, 3);
	vs_agents_stop_all();
}

TEST(nofile_file_passed_to_the_host_stays_counted)
{
	struct vs_agent g;
	long long base;
	int sv[2], fd, fd2;

	VS_GUEST(g, 1633, VXF_INIT_SET);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, VS_CALL_FD(&g, sv[1], vs_fn_set_chan));
	close(sv[1]);
	base = vs_lvalue(1633, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	SET_HARD(1633, RLIMIT_NOFILE, base + 1);

	/* The agent opens a file, sends it and closes its descriptor. */
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_send_new, VS_K_OPEN))
		TH_LOG("%s", strerror(errno));
	/* In flight: still counted. */
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base + 1);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	fd = vs_recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	/* Held by the host only: still counted, still in the way. */
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base + 1);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	EXPECT_HITS(1633, RLIMIT_NOFILE, 2);
	/* A second descriptor in the host is the same file. */
	fd2 = dup(fd);
	ASSERT_LE(0, fd2);
	close(fd);
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base + 1);
	/* Its last reference goes: free. */
	close(fd2);
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base);
	MAKE_OK(g, VS_K_OPEN, 1);
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base + 1);
	ASSERT_EQ(1, CLOSE(g, 0));

	/*
	 * The same with a socket and a pipe end (the pipe needs room for
	 * both ends until the agent closes its own).
	 */
	SET_HARD(1633, RLIMIT_NOFILE, base + 3);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_send_new, VS_K_UNIX))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_send_new, VS_K_PIPE))
		TH_LOG("%s", strerror(errno));
	fd = vs_recv_fd(sv[0]);
	fd2 = vs_recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd2);
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base + 2);
	close(fd);
	close(fd2);
	EXPECT_VALUE(1633, RLIMIT_NOFILE, base);
	close(sv[0]);
	vs_agents_stop_all();
}

/*
 * A file and a socket outlive their guest in the host: they keep the
 * unhashed context allocated (#CTotal) until the host closes them, and
 * then it goes (no reference is left behind).  Open files and sockets
 * pin their context through their counters, not a reference each
 * (limit.c): this is the end of that pin.
 */
/*
 * Flushes the conntrack table (ctnetlink IPCTNL_MSG_CT_DELETE without a
 * tuple, any family): each entry holds the context that made it until
 * it times out (conntrack.c), and earlier tests' entries would keep
 * their gone contexts in #CTotal for minutes.  0, or -errno.
 */
static int ct_flush(void)
{
	struct {
		struct nlmsghdr nh;
		struct nfgenmsg nf;
	} req = {
		.nh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) |
				      IPCTNL_MSG_CT_DELETE,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.nf = { .nfgen_family = AF_UNSPEC, .version = NFNETLINK_V0 },
	};
	char buf[512];
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
	ssize_t n;

	if (fd < 0)
		return -errno;
	if (send(fd, &req, sizeof(req), 0) < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	close(fd);
	if (n < (ssize_t)NLMSG_HDRLEN)
		return n < 0 ? -errno : -EIO;
	if (nh->nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	return ((struct nlmsgerr *)NLMSG_DATA(nh))->error;
}

TEST(nofile_files_of_a_gone_guest_pin_it_until_closed)
{
	unsigned int total, active, base_total, base_active;
	struct vs_agent g;
	int sv[2], fd, fd2, t;

	t = ct_flush();
	ASSERT_EQ(0, t) TH_LOG("conntrack flush: %s", strerror(-t));
	ASSERT_EQ(0, vs_virtual_stable(&base_total, &base_active));
	/* Earlier contexts still waiting for their RCU grace period. */
	for (t = 0; t < 5000; t += 50) {
		unsigned int prev = base_total;

		vs_msleep(50);
		ASSERT_EQ(0, vs_virtual_counts(&base_total, &base_active));
		if (base_total == prev && base_total == base_active)
			break;
	}
	ASSERT_EQ(base_active, base_total)
		TH_LOG("gone contexts still allocated before the test");
	VS_GUEST(g, 1636, VXF_INIT_SET);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, VS_CALL_FD(&g, sv[1], vs_fn_set_chan));
	close(sv[1]);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_send_new, VS_K_OPEN))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_send_new, VS_K_UNIX))
		TH_LOG("%s", strerror(errno));
	fd = vs_recv_fd(sv[0]);
	fd2 = vs_recv_fd(sv[0]);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, fd2);
	close(sv[0]);
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(1636, VS_GONE_TIMEOUT_MS));

	/* Gone (unhashed), its tasks reaped: still allocated, for 1 s. */
	for (t = 0; t < 1000; t += 50) {
		ASSERT_EQ(0, vs_virtual_counts(&total, &active));
		ASSERT_EQ(base_total + 1, total)
			TH_LOG("#CTotal %u with the files open, baseline %u",
			       total, base_total);
		vs_msleep(50);
	}
	/* The file alone still pins it. */
	close(fd2);
	vs_msleep(200);
	ASSERT_EQ(0, vs_virtual_counts(&total, &active));
	EXPECT_EQ(base_total + 1, total)
		TH_LOG("#CTotal %u with the file open, baseline %u", total,
		       base_total);
	/* The last one: freed after a grace period. */
	close(fd);
	for (t = 0; t < 20000; t += 50) {
		ASSERT_EQ(0, vs_virtual_counts(&total, &active));
		if (total <= base_total)
			break;
		vs_msleep(50);
	}
	EXPECT_EQ(base_total, total)
		TH_LOG("#CTotal %u after the last close, baseline %u: leaked",
		       total, base_total);
	vs_agents_stop_all();
}

TEST(nofile_exit_releases_the_files_of_a_task)
{
	struct vs_agent g, c;
	long long base;

	VS_GUEST(g, 1634, VXF_INIT_SET);
	base = vs_lvalue(1634, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	SET_HARD(1634, RLIMIT_NOFILE, base + 6);
	VS_FORK_CLEAN(g, c);
	MAKE_OK(c, VS_K_OPEN, 2);
	MAKE_OK(c, VS_K_PIPE, 2);
	EXPECT_VALUE(1634, RLIMIT_NOFILE, base + 6);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_VALUE_SOON(1634, RLIMIT_NOFILE, base);
	MAKE_OK(g, VS_K_OPEN, 6);
	vs_agents_stop_all();
}

TEST(nofile_no_drift_after_1000_cycles)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;
	long long base;
	int k;

	VS_GUEST(g, 1635, VXF_INIT_SET);
	base = vs_lvalue(1635, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	/* Room for exactly one object of two files. */
	SET_HARD(1635, RLIMIT_NOFILE, base + 2);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1635));
	for (k = 0; k < VS_K_DUP; k++) {
		EXPECT_EQ(0, VS_CALL(&g, vs_fn_make_cycles, k, 1000))
			TH_LOG("%s: first error: %s", vs_kind_names[k],
			       strerror(errno));
		EXPECT_VALUE(1635, RLIMIT_NOFILE, base)
			TH_LOG("after %s", vs_kind_names[k]);
	}
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1635, RLIMIT_NOFILE, &st));
	EXPECT_EQ(0, st.hits);
	EXPECT_EQ(base, st.minimum);
	EXPECT_EQ(base + 2, st.maximum);
	/* The limit still holds exactly. */
	MAKE_OK(g, VS_K_OPEN, 2);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	vs_agents_stop_all();
}
TEST_TIMEOUT(nofile_no_drift_after_1000_cycles, 300)

/* ------------------------------------------------------------------ */
/* VLIMIT_NSOCK                                                       */
/* ------------------------------------------------------------------ */

TEST(nsock_limit_of_n_allows_n_sockets)
{
	static const int kinds[] = { VS_K_UNIX, VS_K_TCP, VS_K_UDP };
	struct vcmd_rlimit_stat_v0 st;
	long long base, fbase;
	struct vs_agent g;
	size_t i;

	VS_GUEST(g, 1640, VXF_INIT_SET);
	base = vs_lvalue(1640, VLIMIT_NSOCK);
	fbase = vs_lvalue(1640, RLIMIT_NOFILE);
	ASSERT_LE(0, base);
	SET_HARD(1640, VLIMIT_NSOCK, base + 3);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1640));

	EXPECT_EQ(3, VS_CALL(&g, vs_fn_make, VS_K_UNIX, 4));
	EXPECT_EQ(EMFILE, errno) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1640, VLIMIT_NSOCK, &st));
	EXPECT_EQ(base + 3, st.value);
	EXPECT_EQ(base + 3, st.maximum);
	EXPECT_EQ(1, st.hits);
	/* Each socket is a file as well; the refused one is neither. */
	EXPECT_VALUE(1640, RLIMIT_NOFILE, fbase + 3);
	EXPECT_HITS(1640, RLIMIT_NOFILE, 0);

	/* Every kind of socket counts against the same limit. */
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		MAKE_FAILS(g, kinds[i], EMFILE);
		EXPECT_HITS(1640, VLIMIT_NSOCK, 2 + i);
	}
	/* Files that are not sockets do not. */
	MAKE_OK(g, VS_K_OPEN, 2);
	MAKE_OK(g, VS_K_PIPE, 1);
	EXPECT_VALUE(1640, VLIMIT_NSOCK, base + 3);
	ASSERT_EQ(4, CLOSE(g, 4));

	/* A closed socket makes room for one. */
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		ASSERT_EQ(1, CLOSE(g, 1));
		EXPECT_VALUE_SOON(1640, VLIMIT_NSOCK, base + 2);
		MAKE_OK(g, kinds[i], 1);
		EXPECT_VALUE(1640, VLIMIT_NSOCK, base + 3);
		MAKE_FAILS(g, VS_K_UNIX, EMFILE);
	}
	EXPECT_HITS(1640, VLIMIT_NSOCK, 7);
	ASSERT_EQ(3, CLOSE(g, 0));
	EXPECT_VALUE_SOON(1640, VLIMIT_NSOCK, base);
	EXPECT_VALUE(1640, RLIMIT_NOFILE, fbase);
	vs_agents_stop_all();
}

TEST(nsock_socketpair_counts_two)
{
	struct vs_agent g;
	long long base, fbase;

	VS_GUEST(g, 1641, VXF_INIT_SET);
	base = vs_lvalue(1641, VLIMIT_NSOCK);
	fbase = vs_lvalue(1641, RLIMIT_NOFILE);
	ASSERT_LE(0, base);

	/* Room for one socket: the pair is refused, nothing is left. */
	SET_HARD(1641, VLIMIT_NSOCK, base + 1);
	MAKE_FAILS(g, VS_K_SOCKETPAIR, EMFILE);
	EXPECT_HITS(1641, VLIMIT_NSOCK, 1);
	EXPECT_VALUE(1641, VLIMIT_NSOCK, base);
	EXPECT_VALUE(1641, RLIMIT_NOFILE, fbase);
	MAKE_OK(g, VS_K_UNIX, 1);
	ASSERT_EQ(1, CLOSE(g, 0));

	/* Room for two: one pair. */
	SET_HARD(1641, VLIMIT_NSOCK, base + 2);
	MAKE_OK(g, VS_K_SOCKETPAIR, 1);
	EXPECT_VALUE(1641, VLIMIT_NSOCK, base + 2);
	EXPECT_VALUE(1641, RLIMIT_NOFILE, fbase + 2);
	MAKE_FAILS(g, VS_K_UNIX, EMFILE);
	MAKE_FAILS(g, VS_K_SOCKETPAIR, EMFILE);
	EXPECT_HITS(1641, VLIMIT_NSOCK, 3);
	ASSERT_EQ(2, CLOSE(g, 0));
	EXPECT_VALUE(1641, VLIMIT_NSOCK, base);
	vs_agents_stop_all();
}

/* The accept test for one family: 0 AF_UNIX, 1 TCP. */
static void accept_counts(struct __test_metadata *_metadata, uint32_t xid,
			  int tcp)
{
	struct vs_agent g;
	struct vs_addr addr;
	long long base, fbase;
	int c[4], i;

	VS_GUEST(g, xid, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_listen, NULL, 0, &addr,
				sizeof(addr), tcp))
		TH_LOG("listen: %s", strerror(errno));
	MAKE_OK(g, VS_K_UNIX, 1);
	/* The listener and one more socket. */
	base = vs_lvalue(xid, VLIMIT_NSOCK);
	fbase = vs_lvalue(xid, RLIMIT_NOFILE);
	ASSERT_LE(2, base);
	SET_HARD(xid, VLIMIT_NSOCK, base + 2);

	/* Connections from the host count nowhere until accepted. */
	for (i = 0; i < 4; i++) {
		c[i] = vs_connect(&addr);
		ASSERT_LE(0, c[i]) TH_LOG("connect: %s", strerror(errno));
	}
	EXPECT_VALUE(xid, VLIMIT_NSOCK, base);

	/* Two accepted, the third refused. */
	EXPECT_EQ(2, VS_CALL(&g, vs_fn_accept, 3, 0));
	EXPECT_EQ(EMFILE, errno) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(xid, VLIMIT_NSOCK, base + 2);
	EXPECT_VALUE(xid, RLIMIT_NOFILE, fbase + 2);
	EXPECT_HITS(xid, VLIMIT_NSOCK, 1);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_accept, 1, 0));
	EXPECT_EQ(EMFILE, errno);
	EXPECT_HITS(xid, VLIMIT_NSOCK, 2);
	EXPECT_VALUE(xid, RLIMIT_NOFILE, fbase + 2);

	/*
	 * Closing the unconnected socket makes room: the refused
	 * connections are still pending.
	 */
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_close_at, 0));
	EXPECT_VALUE(xid, VLIMIT_NSOCK, base + 1);
	EXPECT_EQ(1, VS_CALL(&g, vs_fn_accept, 2, 0));
	EXPECT_EQ(EMFILE, errno);
	EXPECT_VALUE(xid, VLIMIT_NSOCK, base + 2);
	EXPECT_HITS(xid, VLIMIT_NSOCK, 3);

	/* Everything closed on both sides: back to nothing. */
	for (i = 0; i < 4; i++)
		close(c[i]);
	ASSERT_EQ(3, CLOSE(g, 0));
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unlisten));
	EXPECT_VALUE_SOON(xid, VLIMIT_NSOCK, base - 2);
	EXPECT_VALUE(xid, RLIMIT_NOFILE, fbase - 2);
	vs_agents_stop_all();
}

TEST(nsock_accept_counts_unix)
{
	accept_counts(_metadata, 1642, 0);
}

TEST(nsock_accept_counts_tcp)
{
	accept_counts(_metadata, 1643, 1);
}

/*
 * Closing a socket frees its place even while its peer, in the host or
 * in the same context, is still open.
 */
TEST(nsock_closed_socket_is_freed_while_its_peer_is_open)
{
	struct vs_agent g;
	struct vs_addr ua, ta;
	long long base;
	int c;

	VS_GUEST(g, 1644, VXF_INIT_SET);
	base = vs_lvalue(1644, VLIMIT_NSOCK);
	ASSERT_LE(0, base);

	/* One end of a socketpair. */
	MAKE_OK(g, VS_K_SOCKETPAIR, 1);
	EXPECT_VALUE(1644, VLIMIT_NSOCK, base + 2);
	ASSERT_EQ(1, CLOSE(g, 1));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base + 1)
		TH_LOG("socketpair: one end closed, the other open");
	ASSERT_EQ(1, CLOSE(g, 1));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base);

	/* An accepted AF_UNIX connection whose host end stays open. */
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_listen, NULL, 0, &ua, sizeof(ua),
				0));
	c = vs_connect(&ua);
	ASSERT_LE(0, c);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_accept, 1, 0));
	EXPECT_VALUE(1644, VLIMIT_NSOCK, base + 2);
	ASSERT_EQ(1, CLOSE(g, 0));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base + 1)
		TH_LOG("unix: accepted socket closed, host end open");
	close(c);
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base + 1);

	/* The same over TCP. */
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_listen, NULL, 0, &ta, sizeof(ta),
				1));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base + 1);
	c = vs_connect(&ta);
	ASSERT_LE(0, c);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_accept, 1, 0));
	EXPECT_VALUE(1644, VLIMIT_NSOCK, base + 2);
	ASSERT_EQ(1, CLOSE(g, 0));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base + 1)
		TH_LOG("tcp: accepted socket closed, host end open");
	close(c);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unlisten));
	EXPECT_VALUE_SOON(1644, VLIMIT_NSOCK, base);
	vs_agents_stop_all();
}

/* At the limit, closing a socket lets the next socket be made at once. */
TEST(nsock_socket_right_after_close_at_the_limit)
{
	static const int kinds[] = {
		VS_K_UNIX, VS_K_SOCKETPAIR, VS_K_TCP, VS_K_UDP, VS_K_TCPL,
	};
	long long hits = 0;
	struct vs_agent g;
	long long base;
	size_t i;

	VS_GUEST(g, 1645, VXF_INIT_SET);
	base = vs_lvalue(1645, VLIMIT_NSOCK);
	ASSERT_LE(0, base);
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		const int k = kinds[i];

		SET_HARD(1645, VLIMIT_NSOCK, base + kind_files(k));
		long fails = VS_CALL(&g, vs_fn_make_cycles, k, 100);

		EXPECT_EQ(0, fails)
			TH_LOG("%s: %ld of 100 refused, first error: %s",
			       vs_kind_names[k], fails, strerror(errno));
		hits += fails;
		EXPECT_HITS(1645, VLIMIT_NSOCK, hits);
		/* It does come back. */
		EXPECT_VALUE_SOON(1645, VLIMIT_NSOCK, base)
			TH_LOG("%s", vs_kind_names[k]);
	}
	vs_agents_stop_all();
}

TEST(nsock_no_drift_after_1000_cycles)
{
	static const int kinds[] = { VS_K_UNIX, VS_K_SOCKETPAIR, VS_K_TCP };
	struct vcmd_rlimit_stat_v0 st;
	struct vs_addr ua;
	struct vs_agent g;
	long long base, fbase;
	size_t i;

	VS_GUEST(g, 1646, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_listen, NULL, 0, &ua, sizeof(ua),
				0));
	base = vs_lvalue(1646, VLIMIT_NSOCK);
	fbase = vs_lvalue(1646, RLIMIT_NOFILE);
	ASSERT_LE(1, base);
	/* The listener, a client and the accepted socket. */
	SET_HARD(1646, VLIMIT_NSOCK, base + 2);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1646));
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		EXPECT_EQ(0, VS_CALL(&g, vs_fn_make_cycles, kinds[i], 1000))
			TH_LOG("%s: first error: %s", vs_kind_names[kinds[i]],
			       strerror(errno));
		EXPECT_VALUE(1646, VLIMIT_NSOCK, base)
			TH_LOG("after %s", vs_kind_names[kinds[i]]);
	}
	/* Connect, accept, close both, in either order. */
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_accept_cycles, 500, 0))
		TH_LOG("first error: %s", strerror(errno));
	EXPECT_VALUE_SOON(1646, VLIMIT_NSOCK, base);
	EXPECT_EQ(0, VS_CALL(&g, vs_fn_accept_cycles, 500, 1))
		TH_LOG("first error: %s", strerror(errno));
	EXPECT_VALUE_SOON(1646, VLIMIT_NSOCK, base);
	EXPECT_VALUE(1646, RLIMIT_NOFILE, fbase);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1646, VLIMIT_NSOCK, &st));
	EXPECT_EQ(0, st.hits);
	EXPECT_EQ(base, st.minimum);
	EXPECT_EQ(base + 2, st.maximum);
	/* The limit still holds exactly. */
	MAKE_OK(g, VS_K_UNIX, 2);
	MAKE_FAILS(g, VS_K_UNIX, EMFILE);
	vs_agents_stop_all();
}
TEST_TIMEOUT(nsock_no_drift_after_1000_cycles, 300)

/*
 * A blocking accept that passed the check, then a socket made by another
 * task that fills the limit: the connection that comes then must not
 * take the context over its limit.
 */
TEST(nsock_blocking_accept_cannot_exceed_the_limit)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent l, b;
	struct vs_addr addr;
	long long base, ret;
	long r;
	int c;

	VS_GUEST(l, 1647, VXF_INIT_SET);
	VS_FORK_CLEAN(l, b);
	ASSERT_EQ(0, VS_CALL_IO(&l, vs_fn_listen, NULL, 0, &addr,
				sizeof(addr), 0));
	base = vs_lvalue(1647, VLIMIT_NSOCK);
	ASSERT_LE(1, base);
	SET_HARD(1647, VLIMIT_NSOCK, base + 1);
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1647));

	ASSERT_EQ(0, vs_call_send(&l, vs_fn_accept, VS_ARGS(1, 1), NULL, 0));
	ASSERT_EQ(0, vs_call_wait(&l, 300, &r, NULL, 0))
		TH_LOG("accept returned %ld early: %s", r, strerror(errno));
	/*
	 * The waiting accept holds the last place (it is charged before it
	 * waits), so another task of the context cannot take it meanwhile.
	 */
	EXPECT_EQ(0, VS_CALL(&b, vs_fn_make, VS_K_UNIX, 1));
	EXPECT_EQ(EMFILE, errno);
	c = vs_connect(&addr);
	ASSERT_LE(0, c);
	ret = vs_call_wait(&l, 5000, &r, NULL, 0);
	if (ret != 1)
		vs_agent_kill(&l);
	ASSERT_EQ(1, ret);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1647, VLIMIT_NSOCK, &st));
	TH_LOG("accept: %ld (%s); value %llu, max %llu, hard %lld, hits %u",
	       r, r == 1 ? "accepted" : strerror(errno),
	       (unsigned long long)st.value, (unsigned long long)st.maximum,
	       base + 1, st.hits);
	EXPECT_LE(st.value, base + 1);
	EXPECT_LE(st.maximum, base + 1);
	close(c);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* /proc/virtual/<xid>/limit                                          */
/* ------------------------------------------------------------------ */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* The limit file of xid matches the commands, row by row. */
static void expect_limit_file(struct __test_metadata *_metadata, uint32_t xid)
{
	char buf[4096], line[256], want[256], *p;
	int lines = 0;
	size_t i;

	ASSERT_LT(0, vs_read_virtual(xid, "limit", buf, sizeof(buf)))
		TH_LOG("/proc/virtual/%u/limit: %s", xid, strerror(errno));
	EXPECT_EQ(0, strncmp(buf, "Limit", 5)) TH_LOG("header: %.40s", buf);
	for (p = buf; *p; p++)
		lines += *p == '\n';
	/* The header, then every row, in the order of vs_limit_rows[]. */
	EXPECT_EQ(1 + (int)ARRAY_SIZE(vs_limit_rows), lines) TH_LOG("%s", buf);
	p = strchr(buf, '\n');
	ASSERT_NE(NULL, p);
	for (i = 0; i < ARRAY_SIZE(vs_limit_rows); i++) {
		char row[16];
		size_t n = snprintf(row, sizeof(row), "%s:",
				    vs_limit_rows[i].name);

		ASSERT_NE(NULL, p);
		p++;
		EXPECT_EQ(0, strncmp(p, row, n))
			TH_LOG("row %zu: %.40s, want %s", i + 1, p, row);
		p = strchr(p, '\n');
		/* RSS comes from the memory cgroup: rsrc_test.c. */
		if (vs_limit_rows[i].id == RLIMIT_RSS)
			continue;
		ASSERT_EQ(0, vs_limit_line(buf, row, line, sizeof(line)))
			TH_LOG("no row %s in\n%s", row, buf);
		ASSERT_EQ(0, vs_limit_row_expected(xid, vs_limit_rows[i].id,
						   want, sizeof(want)));
		EXPECT_STREQ(want, line) TH_LOG("%s", row);
	}
}

TEST(proc_limit_file_shows_the_limits)
{
	char buf[4096], line[256];
	struct vs_agent g;
	long long f;

	VS_GUEST(g, 1650, VXF_INIT_SET);
	/* A new context: all unlimited, shown as -1. */
	expect_limit_file(_metadata, 1650);
	ASSERT_LT(0, vs_read_virtual(1650, "limit", buf, sizeof(buf)));
	ASSERT_EQ(0, vs_limit_line(buf, "PROC:", line, sizeof(line)));
	EXPECT_EQ(0, strncmp(line, "1\t", 2)) TH_LOG("%s", line);
	EXPECT_TRUE(ends_with(line, "/1\t-1/-1\t0")) TH_LOG("%s", line);
	ASSERT_EQ(0, vs_limit_line(buf, "SOCK:", line, sizeof(line)));
	EXPECT_TRUE(ends_with(line, "\t-1/-1\t0")) TH_LOG("%s", line);

	/* Limits, values, peaks and hits. */
	f = vs_lvalue(1650, RLIMIT_NOFILE);
	ASSERT_LE(0, f);
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1650, RLIMIT_NPROC, CRLIM_UNSET,
				   CRLIM_INFINITY, 3));
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1650, RLIMIT_NOFILE, CRLIM_UNSET,
				   f + 3, f + 4));
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1650, VLIMIT_NSOCK, CRLIM_UNSET,
				   7, CRLIM_INFINITY));
	ASSERT_EQ(2, VS_CALL(&g, vs_fn_spawn, 3));
	MAKE_OK(g, VS_K_UNIX, 2);
	MAKE_OK(g, VS_K_OPEN, 2);
	MAKE_FAILS(g, VS_K_OPEN, EMFILE);
	ASSERT_EQ(2, CLOSE(g, 2));
	expect_limit_file(_metadata, 1650);
	ASSERT_LT(0, vs_read_virtual(1650, "limit", buf, sizeof(buf)));
	ASSERT_EQ(0, vs_limit_line(buf, "PROC:", line, sizeof(line)));
	EXPECT_EQ(0, strncmp(line, "3\t", 2)) TH_LOG("%s", line);
	EXPECT_TRUE(ends_with(line, "/3\t-1/3\t1")) TH_LOG("%s", line);
	ASSERT_EQ(0, vs_limit_line(buf, "SOCK:", line, sizeof(line)));
	EXPECT_TRUE(ends_with(line, "\t7/-1\t0")) TH_LOG("%s", line);
	ASSERT_EQ(0, vs_limit_line(buf, "FILES:", line, sizeof(line)));
	snprintf(buf, sizeof(buf), "%lld\t", f + 2);
	EXPECT_EQ(0, strncmp(line, buf, strlen(buf))) TH_LOG("%s", line);
	snprintf(buf, sizeof(buf), "/%lld\t%lld/%lld\t1", f + 4, f + 3, f + 4);
	EXPECT_TRUE(ends_with(line, buf)) TH_LOG("%s, want ...%s", line, buf);

	/* After reset_hits and reset_minmax. */
	ASSERT_EQ(0, vs_reset_hits(NULL, 1650));
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1650));
	expect_limit_file(_metadata, 1650);
	ASSERT_LT(0, vs_read_virtual(1650, "limit", buf, sizeof(buf)));
	ASSERT_EQ(0, vs_limit_line(buf, "PROC:", line, sizeof(line)));
	EXPECT_STREQ("3\t3/3\t-1/3\t0", line);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* A fork bomb                                                        */
/* ------------------------------------------------------------------ */

FIXTURE(bomb) {
	uint32_t xid;
};

FIXTURE_SETUP(bomb)
{
	self->xid = 1660;
}

FIXTURE_TEARDOWN(bomb)
{
	/* Whatever happened, no bomb survives the test. */
	if (vs_wait_gone(self->xid, 0)) {
		vs_ctx_kill(NULL, self->xid, 0, SIGKILL);
		vs_wait_gone(self->xid, 10000);
	}
}

/* The test forks and execs itself (to exit 42) n times; 0 if all did. */
static int host_fork_exec(int n)
{
	char *const argv[] = { "limit_test", NULL };
	char *const envp[] = { VS_EXIT_ENV "=1", NULL };
	int i;

	for (i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid < 0)
			return -1;
		if (pid == 0) {
			execve("/proc/self/exe", argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != VS_EXIT_CODE)
			return -1;
	}
	return 0;
}

TEST_F_TIMEOUT(bomb, fork_bomb_stops_at_the_limit_host_keeps_working, 300)
{
	struct vcmd_rlimit_stat_v0 st;
	struct timespec t0, t1;
	long long v, peak = 0;
	struct vs_agent g;
	int t;

	VS_GUEST(g, self->xid, VXF_INIT_SET);
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	SET_HARD(self->xid, RLIMIT_NPROC, 100);
	ASSERT_LT(0, VS_CALL(&g, vs_fn_fork_bomb, 1000))
		TH_LOG("%s", strerror(errno));

	/* It grows to 100 tasks and no further. */
	for (t = 0; t < 60000; t += 50) {
		ASSERT_EQ(0, vs_rlimit_stat(NULL, self->xid, RLIMIT_NPROC,
					    &st));
		if ((long long)st.value > peak)
			peak = st.value;
		if (st.value == 100 && st.hits > 0)
			break;
		vs_msleep(50);
	}
	TH_LOG("after %d ms: %llu tasks, %u hits", t,
	       (unsigned long long)st.value, st.hits);
	EXPECT_EQ(100, st.value);
	EXPECT_LT(0, st.hits);

	/* Meanwhile the host forks and execs. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(0, host_fork_exec(20));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	TH_LOG("host: 20 fork+exec in %ld ms during the bomb",
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 +
		      (t1.tv_nsec - t0.tv_nsec) / 1000000));
	/* Host agents too. */
	{
		struct vs_agent h;

		VS_START(h);
		EXPECT_EQ(20, VS_CALL(&h, vs_fn_spawn, 20));
		EXPECT_EQ(20, VS_CALL(&h, vs_fn_unspawn, 0));
		ASSERT_EQ(0, vs_agent_stop(&h));
	}

	for (t = 0; t < 10; t++) {
		v = vs_lvalue(self->xid, RLIMIT_NPROC);
		if (v > peak)
			peak = v;
		vs_msleep(20);
	}
	ASSERT_EQ(0, vs_rlimit_stat(NULL, self->xid, RLIMIT_NPROC, &st));
	EXPECT_GE(100, peak);
	EXPECT_GE(100, st.value);
	EXPECT_EQ(100, st.maximum);
	EXPECT_LT(0, st.hits);
	EXPECT_GE(100, ctx_tasks(self->xid));
	TH_LOG("before the kill: %llu tasks, max %llu, %u hits",
	       (unsigned long long)st.value, (unsigned long long)st.maximum,
	       st.hits);

	/* One ctx_kill ends it all. */
	EXPECT_EQ(0, vs_ctx_kill(NULL, self->xid, 0, SIGKILL))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_wait_gone(self->xid, 10000))
		TH_LOG("context still there, %ld tasks", ctx_tasks(self->xid));
	EXPECT_EQ(1, vs_agent_dead(&g, 5000));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* The host                                                           */
/* ------------------------------------------------------------------ */

TEST(host_tasks_are_not_limited_by_a_context)
{
	long long v[VS_NLIMITS];
	struct vs_agent g, h, s;
	size_t i;
	int fd;

	VS_GUEST(g, 1670, VXF_INIT_SET);
	VS_START(h);
	VS_SPECTATOR(s);
	/* The guest is at every limit. */
	limit_to_now(_metadata, 1670);
	hit_each(_metadata, &g);
	for (i = 0; i < VS_NLIMITS; i++) {
		v[i] = vs_lvalue(1670, vs_limits[i].id);
		EXPECT_HITS(1670, vs_limits[i].id, 1);
	}

	/* The host is not. */
	EXPECT_EQ(5, VS_CALL(&h, vs_fn_spawn, 5)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(3, VS_CALL(&h, vs_fn_threads, 3));
	MAKE_OK(h, VS_K_OPEN, 5);
	MAKE_OK(h, VS_K_PIPE, 2);
	MAKE_OK(h, VS_K_UNIX, 5);
	MAKE_OK(h, VS_K_SOCKETPAIR, 2);
	EXPECT_EQ(0, host_fork_exec(3));
	/* Nor is the spectator. */
	EXPECT_EQ(2, VS_CALL(&s, vs_fn_spawn, 2));
	MAKE_OK(s, VS_K_OPEN, 2);
	MAKE_OK(s, VS_K_UNIX, 2);

	/* A file the host passes to the guest is not the guest's. */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_LE(0, VS_CALL_FD(&g, fd, vs_fn_keep_fd));
	close(fd);

	for (i = 0; i < VS_NLIMITS; i++) {
		EXPECT_VALUE(1670, vs_limits[i].id, v[i]);
		EXPECT_HITS(1670, vs_limits[i].id, 1);
	}
	EXPECT_EQ(3, VS_CALL(&h, vs_fn_threads_end));
	EXPECT_EQ(5, VS_CALL(&h, vs_fn_unspawn, 0));
	/* And the guest is still held. */
	hit_each(_metadata, &g);
	for (i = 0; i < VS_NLIMITS; i++)
		EXPECT_HITS(1670, vs_limits[i].id, 2);
	vs_agents_stop_all();
}


TEST_HARNESS_MAIN
