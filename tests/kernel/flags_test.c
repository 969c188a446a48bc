// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Context flags, context caps, bounding set and
 * unshare mask: get/set_cflags, get/set_ccaps, get/set_bcaps,
 * get/set_umask, their mask rule and who may use them
 *
 * Every test uses context ids of its own (200..299).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers.h"

#define NEWNS	0x00020000ULL	/* CLONE_NEWNS */
#define NEWUTS	0x04000000ULL	/* CLONE_NEWUTS */
#define NEWIPC	0x08000000ULL	/* CLONE_NEWIPC */

/* ------------------------------------------------------------------ */
/* get/set and the mask rule                                          */
/* ------------------------------------------------------------------ */

TEST(get_cflags_mask_is_full_while_one_time_bits_are_set)
{
	const uint64_t f = VXF_INIT_SET | VXF_VIRT_UPTIME;
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 201, f);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 201, &v, &m));
	EXPECT_EQ(f, v);
	EXPECT_EQ(~0ULL, m);
	/* The same from inside. */
	ASSERT_EQ(0, vs_get(&g, VCMD_get_cflags, VX_SELF_ID, &v, &m));
	EXPECT_EQ(f, v);
	EXPECT_EQ(~0ULL, m);
	vs_agents_stop_all();
}

TEST(get_cflags_mask_omits_cleared_one_time_bits)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 202, VXF_STATE_SETUP | VXF_STATE_ADMIN);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 202, &v, &m));
	EXPECT_EQ(VXF_STATE_SETUP | VXF_STATE_ADMIN, v);
	EXPECT_EQ(~VXF_STATE_INIT, m);

	ASSERT_EQ(0, vs_clear_setup(NULL, 202));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 202, &v, &m));
	EXPECT_EQ(VXF_STATE_ADMIN, v);
	EXPECT_EQ(~(VXF_STATE_INIT | VXF_STATE_SETUP), m);
	vs_agents_stop_all();
}

TEST(set_cflags_applies_mask)
{
	const uint64_t base = VXF_INIT_SET | VXF_VIRT_LOAD;
	struct vs_agent g;
	uint64_t v;

	VS_GUEST(g, 203, base);

	/* new = (old & ~mask) | (flagword & mask) */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 203,
			    VXF_VIRT_UPTIME | VXF_HIDE_MOUNT,
			    VXF_VIRT_UPTIME | VXF_VIRT_LOAD));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 203, &v, NULL));
	EXPECT_EQ(VXF_INIT_SET | VXF_VIRT_UPTIME, v);

	/* An empty mask changes nothing. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 203,
			    VXF_VIRT_MEM | VXF_INFO_HIDE, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 203, &v, NULL));
	EXPECT_EQ(VXF_INIT_SET | VXF_VIRT_UPTIME, v);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 203, VXF_HIDE_VINFO,
			    VXF_HIDE_VINFO | VXF_VIRT_UPTIME));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 203, &v, NULL));
	EXPECT_EQ(VXF_INIT_SET | VXF_HIDE_VINFO, v);
	vs_agents_stop_all();
}

TEST(set_cflags_cannot_set_cleared_one_time_bits)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 204, VXF_STATE_SETUP | VXF_STATE_ADMIN);

	/* STATE_INIT is clear: setting it is silently ignored. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 204,
			    VXF_STATE_INIT | VXF_VIRT_MEM,
			    VXF_STATE_INIT | VXF_VIRT_MEM));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 204, &v, NULL));
	EXPECT_EQ(VXF_STATE_SETUP | VXF_STATE_ADMIN | VXF_VIRT_MEM, v);

	/* Cleared once, STATE_SETUP stays cleared. */
	ASSERT_EQ(0, vs_clear_setup(NULL, 204));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 204, VXF_STATE_SETUP,
			    VXF_STATE_SETUP));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 204, VXF_ONE_TIME,
			    VXF_ONE_TIME));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 204, &v, &m));
	EXPECT_EQ(VXF_STATE_ADMIN | VXF_VIRT_MEM, v);
	EXPECT_EQ(~(VXF_STATE_INIT | VXF_STATE_SETUP), m);
	vs_agents_stop_all();
}

TEST(get_set_ccaps_applies_mask)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 205, VXF_INIT_SET);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ccaps, 205, &v, &m));
	EXPECT_EQ(VXC_SET_UTSNAME, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 205,
			    VXC_SET_RLIMIT | VXC_SECURE_MOUNT,
			    VXC_SET_RLIMIT | VXC_SET_UTSNAME));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ccaps, 205, &v, &m));
	EXPECT_EQ(VXC_SET_RLIMIT, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 205, ~0ULL, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ccaps, 205, &v, NULL));
	EXPECT_EQ(VXC_SET_RLIMIT, v);
	vs_agents_stop_all();
}

TEST(get_set_bcaps_applies_mask)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 206, VXF_INIT_SET);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_bcaps, 206, &v, &m));
	EXPECT_EQ(VS_DEFAULT_BCAPS, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_bcaps, 206,
			    VS_CAP(CAP_SYS_NICE) | VS_CAP(CAP_MKNOD),
			    VS_CAP(CAP_SYS_NICE) | VS_CAP(CAP_CHOWN)));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_bcaps, 206, &v, &m));
	EXPECT_EQ((VS_DEFAULT_BCAPS & ~VS_CAP(CAP_CHOWN)) |
		  VS_CAP(CAP_SYS_NICE), v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_bcaps, 206, 0, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_bcaps, 206, &v, NULL));
	EXPECT_EQ((VS_DEFAULT_BCAPS & ~VS_CAP(CAP_CHOWN)) |
		  VS_CAP(CAP_SYS_NICE), v);
	vs_agents_stop_all();
}

TEST(get_set_umask_applies_mask)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 207, VXF_INIT_SET);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_umask, 207, &v, &m));
	EXPECT_EQ(0, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_umask, 207, NEWUTS | NEWIPC,
			    NEWUTS | NEWNS));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_umask, 207, &v, &m));
	EXPECT_EQ(NEWUTS, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_umask, 207, NEWIPC,
			    NEWIPC | NEWUTS));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_umask, 207, &v, NULL));
	EXPECT_EQ(NEWIPC, v);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Who may set                                                        */
/* ------------------------------------------------------------------ */

/*
 * Tries every set command on context id as agent a (NULL: the test
 * program); each must fail with err and leave the value alone.
 */
static void expect_set_fails(struct __test_metadata *_metadata,
			     struct vs_agent *a, uint32_t id, uint32_t xid,
			     int err)
{
	size_t i;

	for (i = 0; i < VS_NSETGET; i++) {
		const struct vs_setget *c = &vs_setgets[i];
		const uint64_t bit = vs_harmless_bit(c->set);
		uint64_t before, after;

		ASSERT_EQ(0, vs_get(NULL, c->get, xid, &before, NULL))
			TH_LOG("get_%s(%u): %s", c->name, xid,
			       strerror(errno));
		EXPECT_EQ(-1, vs_set(a, c->set, id, before ^ bit, bit))
			TH_LOG("set_%s(%u) by %s", c->name, id,
			       vs_name(a));
		EXPECT_EQ(err, errno)
			TH_LOG("set_%s(%u) by %s: %s", c->name, id,
			       vs_name(a), strerror(errno));
		ASSERT_EQ(0, vs_get(NULL, c->get, xid, &after, NULL));
		EXPECT_EQ(before, after) TH_LOG("%s changed", c->name);
	}
}

/* The same, where each must succeed and toggle its bit; then toggles back. */
static void expect_set_works(struct __test_metadata *_metadata,
			     struct vs_agent *a, uint32_t id, uint32_t xid)
{
	size_t i;

	for (i = 0; i < VS_NSETGET; i++) {
		const struct vs_setget *c = &vs_setgets[i];
		const uint64_t bit = vs_harmless_bit(c->set);
		uint64_t before, after;

		ASSERT_EQ(0, vs_get(NULL, c->get, xid, &before, NULL))
			TH_LOG("get_%s(%u): %s", c->name, xid,
			       strerror(errno));
		EXPECT_EQ(0, vs_set(a, c->set, id, before ^ bit, bit))
			TH_LOG("set_%s(%u) by %s: %s", c->name, id,
			       vs_name(a), strerror(errno));
		ASSERT_EQ(0, vs_get(NULL, c->get, xid, &after, NULL));
		EXPECT_EQ(before ^ bit, after) TH_LOG("%s", c->name);
		EXPECT_EQ(0, vs_set(a, c->set, id, before, bit))
			TH_LOG("set_%s(%u) back by %s: %s", c->name, id,
			       vs_name(a), strerror(errno));
		ASSERT_EQ(0, vs_get(NULL, c->get, xid, &after, NULL));
		EXPECT_EQ(before, after) TH_LOG("%s", c->name);
	}
}

TEST(set_from_host_needs_cap_sys_admin_and_cap_sys_resource)
{
	struct vs_agent g, h1, h2;

	VS_GUEST(g, 208, VXF_INIT_SET);
	VS_START(h1);
	VS_START(h2);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));

	expect_set_fails(_metadata, &h1, 208, 208, EPERM);
	expect_set_fails(_metadata, &h2, 208, 208, EPERM);
	/* With both, from the host, on an administrable context: fine. */
	expect_set_works(_metadata, NULL, 208, 208);
	vs_agents_stop_all();
}

TEST(set_from_guest_needs_cap_sys_admin_and_cap_sys_resource)
{
	struct vs_agent g, g1, g2;

	VS_GUEST(g, 209, VXF_INIT_SET);
	VS_FORK(g, g1);
	VS_FORK(g, g2);
	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));

	expect_set_fails(_metadata, &g1, VX_SELF_ID, 209, EPERM);
	expect_set_fails(_metadata, &g2, VX_SELF_ID, 209, EPERM);
	expect_set_works(_metadata, &g, VX_SELF_ID, 209);
	vs_agents_stop_all();
}

TEST(set_from_host_needs_state_admin)
{
	struct vs_agent g;
	uint64_t v;

	VS_GUEST(g, 210, VXF_STATE_SETUP | VXF_STATE_INIT);
	expect_set_fails(_metadata, NULL, 210, 210, EACCES);
	/* Reading is fine. */
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 210, &v, NULL));
	EXPECT_EQ(VXF_STATE_SETUP | VXF_STATE_INIT, v);
	/* The guest itself, in setup, needs no STATE_ADMIN. */
	expect_set_works(_metadata, &g, VX_SELF_ID, 210);
	vs_agents_stop_all();
}

TEST(set_from_host_after_state_admin_cleared_is_eacces)
{
	struct vs_agent g;
	uint64_t v, m;

	VS_GUEST(g, 211, VXF_INIT_SET);
	expect_set_works(_metadata, NULL, 211, 211);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 211, 0, VXF_STATE_ADMIN));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 211, &v, &m));
	EXPECT_EQ(VXF_STATE_SETUP | VXF_STATE_INIT, v);
	EXPECT_EQ(~VXF_STATE_ADMIN, m);
	expect_set_fails(_metadata, NULL, 211, 211, EACCES);
	vs_agents_stop_all();
}

TEST(set_from_guest_in_setup)
{
	struct vs_agent g;
	uint64_t v;

	VS_GUEST(g, 212, VXF_INIT_SET);
	/* By id and as "my own context". */
	expect_set_works(_metadata, &g, 212, 212);
	expect_set_works(_metadata, &g, VX_SELF_ID, 212);

	ASSERT_EQ(0, vs_set(&g, VCMD_set_ccaps, VX_SELF_ID, VXC_SET_RLIMIT,
			    ~0ULL));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ccaps, 212, &v, NULL));
	EXPECT_EQ(VXC_SET_RLIMIT, v);
	ASSERT_EQ(0, vs_set(&g, VCMD_set_bcaps, VX_SELF_ID,
			    VS_CAP(CAP_KILL), ~0ULL));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_bcaps, 212, &v, NULL));
	EXPECT_EQ(VS_CAP(CAP_KILL), v);
	ASSERT_EQ(0, vs_set(&g, VCMD_set_umask, VX_SELF_ID, NEWUTS, ~0ULL));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_umask, 212, &v, NULL));
	EXPECT_EQ(NEWUTS, v);
	vs_agents_stop_all();
}

TEST(set_from_guest_after_setup_is_eperm)
{
	const uint64_t all = vs_all_caps();
	struct vs_agent g1, g2;
	uint64_t caps[4];

	/*
	 * A full bounding set, so that the guest keeps CAP_SYS_ADMIN and
	 * CAP_SYS_RESOURCE: only the end of setup stops it.
	 */
	VS_GUEST(g1, 213, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g1, VCMD_set_bcaps, VX_SELF_ID, all, ~0ULL));
	/* Setup ended by the host. */
	ASSERT_EQ(0, vs_clear_setup(NULL, 213));
	ASSERT_EQ(0, VS_CALL_IO(&g1, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_EQ(VS_CAP(CAP_SYS_ADMIN) | VS_CAP(CAP_SYS_RESOURCE),
		  caps[0] & (VS_CAP(CAP_SYS_ADMIN) | VS_CAP(CAP_SYS_RESOURCE)));
	expect_set_fails(_metadata, &g1, VX_SELF_ID, 213, EPERM);
	expect_set_fails(_metadata, &g1, 213, 213, EPERM);
	/* The host still may. */
	expect_set_works(_metadata, NULL, 213, 213);

	/* Setup ended from inside. */
	VS_GUEST(g2, 214, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_bcaps, VX_SELF_ID, all, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&g2, VX_SELF_ID));
	ASSERT_EQ(0, VS_CALL_IO(&g2, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_EQ(VS_CAP(CAP_SYS_ADMIN) | VS_CAP(CAP_SYS_RESOURCE),
		  caps[0] & (VS_CAP(CAP_SYS_ADMIN) | VS_CAP(CAP_SYS_RESOURCE)));
	expect_set_fails(_metadata, &g2, VX_SELF_ID, 214, EPERM);
	vs_agents_stop_all();
}

TEST(set_from_guest_on_another_context_is_esrch)
{
	struct vs_agent a, b;

	VS_GUEST(a, 215, VXF_INIT_SET);
	VS_GUEST(b, 216, VXF_INIT_SET);
	/* Both in setup, with every capability. */
	expect_set_fails(_metadata, &a, 216, 216, ESRCH);
	expect_set_fails(_metadata, &b, 215, 215, ESRCH);
	vs_agents_stop_all();
}

TEST(set_from_spectator_is_eperm)
{
	struct vs_agent g, s;

	VS_GUEST(g, 217, VXF_INIT_SET);
	VS_SPECTATOR(s);
	expect_set_fails(_metadata, &s, 217, 217, EPERM);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Effects of clearing state bits from inside                         */
/* ------------------------------------------------------------------ */

TEST(clearing_setup_inside_clamps_caller_caps)
{
	const uint64_t all = vs_all_caps();
	const uint64_t bcaps = VS_DEFAULT_BCAPS;
	char status[VS_DATA_MAX];
	struct vs_agent g;
	uint64_t caps[4], v;

	VS_GUEST(g, 218, VXF_INIT_SET);
	/* In setup the creator still has everything. */
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_EQ(all, caps[0] & all);
	ASSERT_EQ(all, caps[3] & all);

	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	ASSERT_EQ(0, VS_CALL_IO(&g, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	EXPECT_EQ(0, caps[0] & ~bcaps)
		TH_LOG("effective %016llx", (unsigned long long)caps[0]);
	EXPECT_EQ(0, caps[1] & ~bcaps)
		TH_LOG("permitted %016llx", (unsigned long long)caps[1]);
	EXPECT_EQ(0, caps[3] & ~bcaps)
		TH_LOG("bounding %016llx", (unsigned long long)caps[3]);
	/* Clamped, not dropped: root keeps what the bounding set allows. */
	EXPECT_EQ(bcaps & all, caps[0]);
	EXPECT_EQ(bcaps & all, caps[1]);

	ASSERT_LT(0, vs_read_as(&g, "/proc/self/status", status,
				sizeof(status)));
	ASSERT_EQ(0, vs_field_u64(status, "CapBnd:\t", 16, &v));
	EXPECT_EQ(0, v & ~bcaps);
	ASSERT_EQ(0, vs_field_u64(status, "CapEff:\t", 16, &v));
	EXPECT_EQ(0, v & ~bcaps);
	ASSERT_EQ(0, vs_field_u64(status, "CapPrm:\t", 16, &v));
	EXPECT_EQ(0, v & ~bcaps);
	vs_agents_stop_all();
}

TEST(clearing_state_init_inside_makes_caller_init)
{
	struct vcmd_vx_info_v0 vi;
	struct vs_agent g, g2;
	uint64_t v, m;

	VS_GUEST(g, 219, VXF_INIT_SET);
	VS_FORK(g, g2);
	ASSERT_EQ(0, vs_vx_info(NULL, 219, &vi));
	EXPECT_EQ(0, vi.initpid);

	/* g2, not the creator, becomes the init. */
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_INIT));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_cflags, 219, &v, &m));
	EXPECT_EQ(VXF_STATE_SETUP | VXF_STATE_ADMIN, v);
	EXPECT_EQ(~VXF_STATE_INIT, m);
	ASSERT_EQ(0, vs_vx_info(NULL, 219, &vi));
	EXPECT_EQ(g2.pid, vi.initpid);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
