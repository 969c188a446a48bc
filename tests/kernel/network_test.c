// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Network contexts: net_create, net_migrate, task_nid,
 * nx_info, lifetime, nflags and ncaps, the address commands, who may use
 * them, and /proc/virtnet
 *
 * Every test uses network context ids of its own (1700..1799), and the
 * same numbers for the process contexts it needs.  Network contexts are
 * created only by agents (vs_helpers.h, vs_net.h): net_create moves the
 * caller into the new network context, the test program stays in the
 * host (xid 0, nid 0) and checks.
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_net.h"

/* The value of line key in text, or "(none)". */
static const char *field(const char *text, const char *key)
{
	static char buf[8][128];
	static int n;
	char *out = buf[n++ % 8];

	if (vs_field(text, key, out, sizeof(buf[0])))
		return "(none)";
	return out;
}

static const char *hex16(uint64_t v)
{
	static char buf[8][24];
	static int n;
	char *out = buf[n++ % 8];

	snprintf(out, sizeof(buf[0]), "%016llx", (unsigned long long)v);
	return out;
}

/* /proc/<pid>/status (pid 0: /proc/self) as agent a (NULL: the test). */
static ssize_t pid_status(struct vs_agent *a, pid_t pid, char *buf,
			  size_t size)
{
	char path[64];

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	return vs_read_as(a, path, buf, size);
}

/* The NxID of pid as the test sees it. */
static const char *nxid_of(pid_t pid)
{
	static char buf[8][32];
	static int n;
	char text[VS_DATA_MAX], *out = buf[n++ % 8];

	if (pid_status(NULL, pid, text, sizeof(text)) <= 0 ||
	    vs_field(text, "NxID:\t", out, sizeof(buf[0])))
		snprintf(out, sizeof(buf[0]), "(none)");
	return out;
}

/* Does the test see /proc/virtnet/<nid>? */
static int virtnet_has(uint32_t nid)
{
	char name[16];

	snprintf(name, sizeof(name), "%u", nid);
	return vs_dir_has("/proc/virtnet", name);
}

/* Does network context nid exist (nx_info finds it)? */
static int nid_exists(uint32_t nid)
{
	struct vcmd_nx_info_v0 ni;

	return vn_nx_info(NULL, nid, &ni) == 0;
}

/*
 * Agent a (running) creates process context xid, keeps CAP_SYS_ADMIN in
 * its bcaps and ends its setup: a guest that could administrate, were it
 * in the host.
 */
#define MAKE_ADMIN_GUEST(a, xid)					\
	do {								\
		uint64_t _c[4];						\
		ASSERT_EQ((long)(xid), vs_create(&(a), (xid), VXF_INIT_SET)) \
			TH_LOG("agent " #a ": ctx_create(%u): %s",	\
			       (unsigned int)(xid), strerror(errno));	\
		ASSERT_EQ(0, vs_set(&(a), VCMD_set_bcaps, VX_SELF_ID,	\
				    VS_DEFAULT_BCAPS |			\
				    VS_CAP(CAP_SYS_ADMIN), ~0ULL))	\
			TH_LOG("set_bcaps of %u: %s", (unsigned int)(xid), \
			       strerror(errno));			\
		ASSERT_EQ(0, vs_clear_setup(&(a), VX_SELF_ID))		\
			TH_LOG("end of setup of %u: %s",		\
			       (unsigned int)(xid), strerror(errno));	\
		ASSERT_EQ(0, VS_CALL_IO(&(a), vs_fn_caps, NULL, 0, _c,	\
					sizeof(_c)));			\
		ASSERT_TRUE(!!(_c[0] & VS_CAP(CAP_SYS_ADMIN)))		\
			TH_LOG("guest " #a " has no CAP_SYS_ADMIN: "	\
			       "the host-only checks would prove "	\
			       "nothing");				\
	} while (0)

/* Starts agent a as such a guest, in no network context. */
#define ADMIN_GUEST(a, xid)						\
	do {								\
		VS_START(a);						\
		MAKE_ADMIN_GUEST(a, xid);				\
	} while (0)

/* Agent a without CAP_SYS_ADMIN, in the host. */
#define NO_ADMIN(a)							\
	do {								\
		VS_START(a);						\
		ASSERT_EQ(0, VS_CALL(&(a), vs_fn_drop_caps,		\
				     VS_CAP(CAP_SYS_ADMIN)));		\
	} while (0)

/* ------------------------------------------------------------------ */
/* net_create                                                         */
/* ------------------------------------------------------------------ */

TEST(create_returns_nid_and_moves_caller)
{
	struct vcmd_nx_info_v0 ni;
	struct vs_agent g, h;
	char buf[VS_DATA_MAX];

	VS_START(g);
	VS_START(h);
	ASSERT_EQ(0, vn_task_nid(&g, 0))
		TH_LOG("task_nid before net_create: %s", strerror(errno));

	ASSERT_EQ(1701, vn_create(&g, 1701, NXF_INIT_SET))
		TH_LOG("net_create(1701): %s", strerror(errno));
	/* The caller is in it, seen from inside and from outside. */
	EXPECT_EQ(1701, vn_task_nid(&g, 0));
	EXPECT_EQ(1701, vn_task_nid(NULL, g.pid));
	EXPECT_EQ(1701, vn_task_nid(&h, g.pid));
	ASSERT_EQ(0, vn_nx_info(NULL, 1701, &ni))
		TH_LOG("nx_info(1701): %s", strerror(errno));
	EXPECT_EQ(1701u, ni.nid);
	ASSERT_EQ(0, vn_nx_info(&g, VN_NID_SELF, &ni))
		TH_LOG("nx_info(-1) in 1701: %s", strerror(errno));
	EXPECT_EQ(1701u, ni.nid);
	/* Its process context did not change. */
	EXPECT_EQ(0, vs_task_xid(&g, 0));

	/* Nobody else moved. */
	EXPECT_EQ(0, vn_task_nid(NULL, 0));
	EXPECT_EQ(0, vn_task_nid(&h, 0));
	EXPECT_EQ(0, vn_task_nid(NULL, h.pid));

	/* NxID in /proc/<pid>/status. */
	EXPECT_STREQ("1701", nxid_of(g.pid));
	EXPECT_STREQ("0", nxid_of(h.pid));
	EXPECT_STREQ("0", nxid_of(getpid()));
	ASSERT_LT(0, pid_status(&g, 0, buf, sizeof(buf)));
	EXPECT_STREQ("1701", field(buf, "NxID:\t"));
	EXPECT_STREQ("0", field(buf, "VxID:\t"));
	vs_agents_stop_all();
}

TEST(create_v0_sets_init_set)
{
	struct vs_agent g;
	uint64_t v;

	VS_START(g);
	ASSERT_EQ(1702, vn_create_v0(&g, 1702))
		TH_LOG("net_create_v0(1702): %s", strerror(errno));
	EXPECT_EQ(1702, vn_task_nid(NULL, g.pid));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1702, &v, NULL))
		TH_LOG("get_nflags: %s", strerror(errno));
	EXPECT_EQ(NXF_INIT_SET, v)
		TH_LOG("nflags %s, expected NXF_INIT_SET %s", hex16(v),
		       hex16(NXF_INIT_SET));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1702, &v, NULL));
	EXPECT_EQ(NXC_RAW_ICMP, v) TH_LOG("ncaps %s", hex16(v));
	vs_agents_stop_all();
}

TEST(create_flagword_is_nflags)
{
	const uint64_t f1 = NXF_INIT_SET | NXF_SINGLE_IP | NXF_LBACK_ALLOW |
			    NXF_STATE_SETUP;
	const uint64_t f2 = NXF_STATE_ADMIN;
	struct vs_agent g1, g2, g3;
	uint64_t v;

	VN_GUEST(g1, 1703, f1);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1703, &v, NULL));
	EXPECT_EQ(f1, v) TH_LOG("nflags %s, expected %s", hex16(v), hex16(f1));

	/* Nothing is added: not even the bits of NXF_INIT_SET. */
	VN_GUEST(g2, 1704, f2);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1704, &v, NULL));
	EXPECT_EQ(f2, v) TH_LOG("nflags %s, expected %s", hex16(v), hex16(f2));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1704, &v, NULL));
	EXPECT_EQ(NXC_RAW_ICMP, v) TH_LOG("ncaps %s", hex16(v));

	/* Not even STATE_ADMIN. */
	VN_GUEST(g3, 1705, 0);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1705, &v, NULL));
	EXPECT_EQ(0ULL, v) TH_LOG("nflags %s, expected 0", hex16(v));
	vs_agents_stop_all();
}

TEST(create_sets_bcast_lback_and_no_entries)
{
	struct vs_agent g;
	char buf[VS_DATA_MAX];

	/* The helper's arithmetic, against the examples of the spec. */
	ASSERT_STREQ("127.0.42.1", vn_lback(42));
	ASSERT_STREQ("127.6.164.1", vn_lback(1700));

	VN_GUEST(g, 1706, NXF_INIT_SET);
	ASSERT_LT(0, vn_read_virtnet(NULL, 1706, "info", buf, sizeof(buf)))
		TH_LOG("/proc/virtnet/1706/info: %s", strerror(errno));
	EXPECT_STREQ("1706", field(buf, "ID:\t")) TH_LOG("%s", buf);
	EXPECT_STREQ("255.255.255.255", field(buf, "Bcast:\t"))
		TH_LOG("%s", buf);
	EXPECT_STREQ(vn_lback(1706), field(buf, "Lback:\t")) TH_LOG("%s", buf);
	EXPECT_EQ(0, vn_count_entries(1706, AF_INET)) TH_LOG("%s", buf);
	EXPECT_EQ(0, vn_count_entries(1706, AF_INET6)) TH_LOG("%s", buf);
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
		EXPECT_EQ(-1, vn_create(&g, bad[i], NXF_INIT_SET))
			TH_LOG("net_create(%u) succeeded", bad[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_create(%u): %s", bad[i], strerror(errno));
		EXPECT_EQ(-1, vn_create_v0(&g, bad[i]))
			TH_LOG("net_create_v0(%u) succeeded", bad[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_create_v0(%u): %s", bad[i],
			       strerror(errno));
	}
	EXPECT_EQ(0, vn_task_nid(&g, 0));
	vs_agents_stop_all();
}

TEST(create_accepts_boundary_ids)
{
	struct vs_agent g1, g2;

	/* Outside 1700..1799: the only ids at the edges of the range. */
	VN_GUEST(g1, 2, NXF_INIT_SET);
	EXPECT_EQ(2, vn_task_nid(NULL, g1.pid));
	VN_GUEST(g2, VN_MAX_ID, NXF_INIT_SET);
	EXPECT_EQ(VN_MAX_ID, vn_task_nid(NULL, g2.pid));
	vs_agents_stop_all();
}

TEST(create_dynamic_id)
{
	struct vs_agent g1, g2, g3;
	long n1, n2, n3;

	VS_START(g1);
	VS_START(g2);
	VS_START(g3);
	n1 = vn_create(&g1, VN_DYNAMIC_ID, NXF_INIT_SET);
	ASSERT_LE(VN_MIN_DYNAMIC_ID, n1) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VN_MAX_ID, n1);
	EXPECT_EQ(n1, vn_task_nid(&g1, 0));

	n2 = vn_create(&g2, VN_DYNAMIC_ID, NXF_INIT_SET);
	ASSERT_LE(VN_MIN_DYNAMIC_ID, n2) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VN_MAX_ID, n2);
	EXPECT_NE(n1, n2);
	EXPECT_EQ(n2, vn_task_nid(&g2, 0));

	n3 = vn_create_v0(&g3, VN_DYNAMIC_ID);
	ASSERT_LE(VN_MIN_DYNAMIC_ID, n3) TH_LOG("%s", strerror(errno));
	ASSERT_GE(VN_MAX_ID, n3);
	EXPECT_NE(n1, n3);
	EXPECT_NE(n2, n3);
	EXPECT_EQ(n3, vn_task_nid(&g3, 0));
	vs_agents_stop_all();
}

TEST(create_existing_is_eexist)
{
	struct vs_agent g1, g2, h;

	VN_GUEST(g1, 1707, NXF_INIT_SET);
	VS_START(h);
	VN_EXPECT_ERR(EEXIST, vn_create(&h, 1707, NXF_INIT_SET));
	VN_EXPECT_ERR(EEXIST, vn_create_v0(&h, 1707));
	EXPECT_EQ(0, vn_task_nid(&h, 0));

	/* A persistent one without tasks exists as well. */
	VN_GUEST(g2, 1708, NXF_INIT_SET | NXF_PERSISTENT);
	ASSERT_EQ(0, vs_agent_stop(&g2));
	ASSERT_EQ(0, vn_wait_tasks(1708, 0, VS_GONE_TIMEOUT_MS));
	VN_EXPECT_ERR(EEXIST, vn_create(&h, 1708, NXF_INIT_SET));
	EXPECT_EQ(0, vn_task_nid(&h, 0));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1708, 0, NXF_PERSISTENT));
	EXPECT_EQ(0, vn_wait_gone(1708, VS_GONE_TIMEOUT_MS));
	vs_agents_stop_all();
}

TEST(create_needs_cap_sys_admin)
{
	struct vs_agent g, n;

	NO_ADMIN(g);
	VN_EXPECT_ERR(EPERM, vn_create(&g, 1709, NXF_INIT_SET));
	VN_EXPECT_ERR(EPERM, vn_create_v0(&g, 1709));
	VN_EXPECT_ERR(EPERM, vn_create(&g, VN_DYNAMIC_ID, NXF_INIT_SET));
	EXPECT_EQ(0, vn_task_nid(&g, 0));

	/* Root without capabilities: the same. */
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	VN_EXPECT_ERR(EPERM, vn_create(&n, 1709, NXF_INIT_SET));
	EXPECT_EQ(0, vn_task_nid(&n, 0));

	EXPECT_FALSE(nid_exists(1709));
	vs_agents_stop_all();
}

TEST(create_from_guest_process_context)
{
	struct vs_agent g, x, s;

	/*
	 * A guest in its setup, with every capability, may: util-vserver's
	 * chain can run chbind after vcontext --create.  It lands in the new
	 * network context and may configure it while its setup lasts.
	 */
	VS_GUEST(g, 1710, VXF_INIT_SET);
	ASSERT_EQ(1710, vn_create(&g, 1710, NXF_INIT_SET))
		TH_LOG("net_create from a guest in setup: %s",
		       strerror(errno));
	EXPECT_EQ(1710, vn_task_nid(&g, 0));
	EXPECT_LE(0, vn_add4(1710, "198.51.100.71", VN_MASK32));
	EXPECT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	/* Out of its setup, not any more. */
	VN_EXPECT_ERR(EPERM, vn_create(&g, 1713, NXF_INIT_SET));
	VN_EXPECT_ERR(EPERM, vn_create_v0(&g, 1713));
	EXPECT_EQ(1710, vn_task_nid(&g, 0));

	/* A running guest that holds CAP_SYS_ADMIN. */
	ADMIN_GUEST(x, 1711);
	VN_EXPECT_ERR(EPERM, vn_create(&x, 1711, NXF_INIT_SET));
	VN_EXPECT_ERR(EPERM, vn_create_v0(&x, 1711));
	EXPECT_EQ(0, vn_task_nid(&x, 0));

	/* The spectator is no host either. */
	VS_SPECTATOR(s);
	VN_EXPECT_ERR(EPERM, vn_create(&s, 1712, NXF_INIT_SET));
	EXPECT_EQ(0, vn_task_nid(&s, 0));

	EXPECT_TRUE(nid_exists(1710));
	EXPECT_FALSE(nid_exists(1711));
	EXPECT_FALSE(nid_exists(1712));
	EXPECT_FALSE(nid_exists(1713));
	vs_agents_stop_all();
}

TEST(nid_is_independent_of_xid_and_inherited)
{
	struct vs_agent g, g2, h;

	VN_GUEST(g, 1713, NXF_INIT_SET);
	EXPECT_EQ(0, vs_task_xid(&g, 0));
	/* A process context later: the nid stays. */
	ASSERT_EQ(1713, vs_create(&g, 1713, VXF_INIT_SET))
		TH_LOG("ctx_create(1713) in nid 1713: %s", strerror(errno));
	EXPECT_EQ(1713, vn_task_nid(NULL, g.pid));
	EXPECT_EQ(1713, vs_task_xid(NULL, g.pid));

	/* Children inherit both. */
	VS_FORK(g, g2);
	EXPECT_EQ(1713, vn_task_nid(NULL, g2.pid));
	EXPECT_EQ(1713, vs_task_xid(NULL, g2.pid));
	EXPECT_EQ(2, vn_wait_tasks(1713, 2, 1000));

	/* A process context alone leaves the nid at 0. */
	VS_GUEST(h, 1714, VXF_INIT_SET);
	EXPECT_EQ(0, vn_task_nid(NULL, h.pid));
	EXPECT_STREQ("0", nxid_of(h.pid));
	vs_agents_stop_all();
}

TEST(task_nid_and_nx_info_errors)
{
	struct vcmd_nx_info_v0 ni;
	struct vs_agent g, x;

	/* A pid that cannot exist (above PID_MAX_LIMIT). */
	VN_EXPECT_ERR(ESRCH, vn_task_nid(NULL, 0x3fffffff));
	/* No such network context; the host has none of its own. */
	VN_EXPECT_ERR(ESRCH, vn_nx_info(NULL, 1715, &ni));
	VN_EXPECT_ERR(ESRCH, vn_nx_info(NULL, VN_NID_SELF, &ni));

	/* A guest does not see the host's tasks. */
	VN_GUEST(g, 1716, NXF_INIT_SET);
	ASSERT_EQ(1716, vs_create(&g, 1716, VXF_INIT_SET));
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	VN_EXPECT_ERR(ESRCH, vn_task_nid(&g, getpid()));
	EXPECT_EQ(1716, vn_task_nid(&g, 0));

	/* Nor a network context other than its own. */
	VN_GUEST(x, 1717, NXF_INIT_SET);
	VN_EXPECT_ERR(ESRCH, vn_nx_info(&g, 1717, &ni));
	ASSERT_EQ(0, vn_nx_info(&g, VN_NID_SELF, &ni))
		TH_LOG("nx_info(-1) in guest 1716: %s", strerror(errno));
	EXPECT_EQ(1716u, ni.nid);
	ASSERT_EQ(0, vn_nx_info(&g, 1716, &ni))
		TH_LOG("nx_info(1716) in guest 1716: %s", strerror(errno));
	EXPECT_EQ(1716u, ni.nid);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* net_migrate                                                        */
/* ------------------------------------------------------------------ */

TEST(migrate_moves_caller_and_children_inherit)
{
	struct vs_agent g, h, h2;

	VN_GUEST(g, 1718, NXF_INIT_SET);
	VS_START(h);
	ASSERT_EQ(0, vn_migrate(&h, 1718))
		TH_LOG("net_migrate(1718): %s", strerror(errno));
	EXPECT_EQ(1718, vn_task_nid(&h, 0));
	EXPECT_EQ(1718, vn_task_nid(NULL, h.pid));
	EXPECT_STREQ("1718", nxid_of(h.pid));
	EXPECT_EQ(0, vs_task_xid(NULL, h.pid));

	VS_FORK(h, h2);
	EXPECT_EQ(1718, vn_task_nid(NULL, h2.pid));
	EXPECT_EQ(3, vn_wait_tasks(1718, 3, 1000));
	/* The test did not move. */
	EXPECT_EQ(0, vn_task_nid(NULL, 0));
	vs_agents_stop_all();
}

TEST(migrate_missing_is_esrch)
{
	struct vs_agent h;

	VS_START(h);
	VN_EXPECT_ERR(ESRCH, vn_migrate(&h, 1719));
	EXPECT_EQ(0, vn_task_nid(&h, 0));
	vs_agents_stop_all();
}

TEST(migrate_needs_state_admin)
{
	struct vs_agent g1, g2, h;

	VS_START(h);
	VN_GUEST(g1, 1720, NXF_LBACK_REMAP);
	VN_EXPECT_ERR(EACCES, vn_migrate(&h, 1720));
	EXPECT_EQ(0, vn_task_nid(&h, 0));

	/* STATE_ADMIN cleared later: the same. */
	VN_GUEST(g2, 1721, NXF_INIT_SET);
	ASSERT_EQ(0, vn_migrate(&h, 1721))
		TH_LOG("net_migrate(1721): %s", strerror(errno));
	ASSERT_EQ(1, vn_migrate(&h, 1))
		TH_LOG("net_migrate(1): %s", strerror(errno));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1721, 0, NXF_STATE_ADMIN))
		TH_LOG("clearing STATE_ADMIN: %s", strerror(errno));
	VN_EXPECT_ERR(EACCES, vn_migrate(&h, 1721));
	EXPECT_EQ(1, vn_task_nid(&h, 0));
	EXPECT_EQ(1, vn_wait_tasks(1721, 1, 1000));
	vs_agents_stop_all();
}

TEST(migrate_info_private_needs_state_setup)
{
	struct vs_agent g1, g2, h1, h2;

	VS_START(h1);
	VS_START(h2);
	VN_GUEST(g1, 1722, NXF_STATE_ADMIN | NXF_INFO_PRIVATE);
	VN_EXPECT_ERR(EACCES, vn_migrate(&h1, 1722));
	EXPECT_EQ(0, vn_task_nid(&h1, 0));

	/* During setup a private one can be entered ... */
	VN_GUEST(g2, 1723, NXF_STATE_SETUP | NXF_STATE_ADMIN |
			   NXF_INFO_PRIVATE);
	ASSERT_EQ(0, vn_migrate(&h1, 1723))
		TH_LOG("net_migrate into private 1723 in setup: %s",
		       strerror(errno));
	EXPECT_EQ(1723, vn_task_nid(&h1, 0));

	/* ... not after. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1723, 0, NXF_STATE_SETUP))
		TH_LOG("clearing STATE_SETUP: %s", strerror(errno));
	VN_EXPECT_ERR(EACCES, vn_migrate(&h2, 1723));
	EXPECT_EQ(0, vn_task_nid(&h2, 0));
	vs_agents_stop_all();
}

TEST(migrate_to_id_1)
{
	struct vs_agent g, h;

	VS_START(h);
	ASSERT_EQ(1, vn_migrate(&h, 1))
		TH_LOG("net_migrate(1) from the host: %s", strerror(errno));
	EXPECT_EQ(1, vn_task_nid(&h, 0));
	EXPECT_EQ(1, vn_task_nid(NULL, h.pid));
	EXPECT_STREQ("1", nxid_of(h.pid));

	/* From a network context: that one loses its only task. */
	VN_GUEST(g, 1724, NXF_INIT_SET);
	ASSERT_EQ(1, vn_migrate(&g, 1))
		TH_LOG("net_migrate(1) from 1724: %s", strerror(errno));
	EXPECT_EQ(1, vn_task_nid(NULL, g.pid));
	EXPECT_EQ(0, vn_wait_gone(1724, VS_GONE_TIMEOUT_MS))
		TH_LOG("1724 is still there without tasks");
	vs_agents_stop_all();
}

TEST(migrate_needs_admin_in_host)
{
	struct vs_agent g, n, x, y, s;

	VN_GUEST(g, 1725, NXF_INIT_SET);

	NO_ADMIN(n);
	VN_EXPECT_ERR(EPERM, vn_migrate(&n, 1725));
	VN_EXPECT_ERR(EPERM, vn_migrate(&n, 1));
	EXPECT_EQ(0, vn_task_nid(&n, 0));

	ADMIN_GUEST(x, 1725);
	VN_EXPECT_ERR(EPERM, vn_migrate(&x, 1725));
	EXPECT_EQ(0, vn_task_nid(&x, 0));

	VS_GUEST(y, 1726, VXF_INIT_SET);
	VN_EXPECT_ERR(EPERM, vn_migrate(&y, 1725));
	EXPECT_EQ(0, vn_task_nid(&y, 0));

	VS_SPECTATOR(s);
	VN_EXPECT_ERR(EPERM, vn_migrate(&s, 1725));
	EXPECT_EQ(0, vn_task_nid(&s, 0));

	EXPECT_EQ(1, vn_wait_tasks(1725, 1, 200));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Lifetime                                                           */
/* ------------------------------------------------------------------ */

TEST(context_ends_with_its_last_task)
{
	struct vcmd_nx_info_v0 ni;
	struct vs_agent g1, g2, g3;
	char list[VS_DATA_MAX];

	VN_GUEST(g1, 1727, NXF_INIT_SET);
	VS_FORK(g1, g2);
	EXPECT_EQ(1727, vn_task_nid(&g2, 0));
	ASSERT_EQ(2, vn_wait_tasks(1727, 2, 1000));

	/* The creator leaves; the context stays with the other task. */
	ASSERT_EQ(0, vs_agent_stop(&g1));
	EXPECT_EQ(1, vn_wait_tasks(1727, 1, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vn_nx_info(NULL, 1727, &ni));
	ASSERT_EQ(0, access("/proc/virtnet/1727", F_OK));

	/* The last one leaves: gone. */
	ASSERT_EQ(0, vs_agent_stop(&g2));
	ASSERT_EQ(0, vn_wait_gone(1727, VS_GONE_TIMEOUT_MS))
		TH_LOG("1727 is still there without tasks");
	VN_EXPECT_ERR(ESRCH, vn_nx_info(NULL, 1727, &ni));
	VN_EXPECT_ERR(ESRCH, vs_get(NULL, VCMD_get_nflags, 1727, NULL, NULL));
	EXPECT_EQ(-1, access("/proc/virtnet/1727", F_OK));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_LT(0, vs_list_dir("/proc/virtnet", list, sizeof(list)));
	EXPECT_FALSE(vs_list_has(list, "1727")) TH_LOG("%s", list);

	/* The id can be used again. */
	VN_GUEST(g3, 1727, NXF_INIT_SET);
	vs_agents_stop_all();
}

TEST(context_ends_when_its_last_task_migrates_away)
{
	struct vs_agent g, h, k;

	VN_GUEST(g, 1728, NXF_INIT_SET);
	VN_GUEST(h, 1729, NXF_INIT_SET);
	ASSERT_EQ(0, vn_migrate(&g, 1729))
		TH_LOG("net_migrate 1728 -> 1729: %s", strerror(errno));
	EXPECT_EQ(1729, vn_task_nid(NULL, g.pid));
	EXPECT_EQ(0, vn_wait_gone(1728, VS_GONE_TIMEOUT_MS))
		TH_LOG("1728 is still there after its task left");
	EXPECT_EQ(2, vn_wait_tasks(1729, 2, 1000));

	/* To the spectator id as well. */
	VN_GUEST(k, 1730, NXF_INIT_SET);
	ASSERT_EQ(1, vn_migrate(&k, 1));
	EXPECT_EQ(0, vn_wait_gone(1730, VS_GONE_TIMEOUT_MS))
		TH_LOG("1730 is still there after its task left");
	vs_agents_stop_all();
}

TEST(persistent_context_outlives_its_tasks)
{
	struct vcmd_nx_info_v0 ni;
	struct vs_agent g, h;

	VN_GUEST(g, 1731, NXF_INIT_SET | NXF_PERSISTENT);
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vn_wait_tasks(1731, 0, VS_GONE_TIMEOUT_MS));
	vs_msleep(200);
	ASSERT_EQ(0, vn_nx_info(NULL, 1731, &ni))
		TH_LOG("persistent 1731 is gone: %s", strerror(errno));
	EXPECT_EQ(1731u, ni.nid);
	EXPECT_EQ(0, access("/proc/virtnet/1731/status", F_OK));
	EXPECT_TRUE(virtnet_has(1731));

	/* It can be entered and left again. */
	VS_START(h);
	ASSERT_EQ(0, vn_migrate(&h, 1731))
		TH_LOG("net_migrate(1731): %s", strerror(errno));
	ASSERT_EQ(0, vs_agent_stop(&h));
	ASSERT_EQ(0, vn_wait_tasks(1731, 0, VS_GONE_TIMEOUT_MS));
	ASSERT_TRUE(nid_exists(1731));

	/* Not persistent any more, without a task: gone at once. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1731, 0, NXF_PERSISTENT))
		TH_LOG("clearing PERSISTENT: %s", strerror(errno));
	VN_EXPECT_ERR(ESRCH, vn_nx_info(NULL, 1731, &ni));
	EXPECT_EQ(0, vn_wait_gone(1731, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(-1, access("/proc/virtnet/1731", F_OK));
	vs_agents_stop_all();
}

TEST(clearing_persistent_keeps_context_with_tasks)
{
	struct vs_agent g;

	VN_GUEST(g, 1732, NXF_INIT_SET | NXF_PERSISTENT);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1732, 0, NXF_PERSISTENT));
	vs_msleep(100);
	EXPECT_TRUE(nid_exists(1732)) TH_LOG("1732 went with a task in it");
	EXPECT_EQ(1732, vn_task_nid(NULL, g.pid));
	ASSERT_EQ(0, vs_agent_stop(&g));
	EXPECT_EQ(0, vn_wait_gone(1732, VS_GONE_TIMEOUT_MS));
	vs_agents_stop_all();
}

TEST(socket_does_not_keep_registry_entry)
{
	struct vs_agent g, h;
	int fd;

	VN_GUEST(g, 1733, NXF_INIT_SET);
	VN_SOCKET(fd, &g, AF_INET, SOCK_DGRAM, 0);
	/* The only task leaves; its socket stays open. */
	ASSERT_EQ(1, vn_migrate(&g, 1));
	EXPECT_EQ(0, vn_wait_gone(1733, VS_GONE_TIMEOUT_MS))
		TH_LOG("1733 stays while only a socket of it is left");
	EXPECT_FALSE(virtnet_has(1733));
	/* The socket still works as a descriptor. */
	EXPECT_EQ(0, vn_readable(&g, fd, 0));
	/* And the id is free. */
	VN_GUEST(h, 1733, NXF_INIT_SET);
	EXPECT_EQ(0, vn_close(&g, fd));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* nflags and ncaps                                                   */
/* ------------------------------------------------------------------ */

TEST(get_nflags_mask_shows_changeable_bits)
{
	const uint64_t f = NXF_INIT_SET | NXF_STATE_SETUP;
	struct vs_agent g1, g2;
	uint64_t v, m;

	VN_GUEST(g1, 1734, f);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1734, &v, &m))
		TH_LOG("get_nflags: %s", strerror(errno));
	EXPECT_EQ(f, v) TH_LOG("nflags %s", hex16(v));
	EXPECT_EQ(~0ULL, m) TH_LOG("mask %s", hex16(m));
	/* The same from inside. */
	ASSERT_EQ(0, vs_get(&g1, VCMD_get_nflags, VN_NID_SELF, &v, &m))
		TH_LOG("get_nflags(-1) inside: %s", strerror(errno));
	EXPECT_EQ(f, v);
	EXPECT_EQ(~0ULL, m);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1734, 0, NXF_STATE_SETUP));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1734, &v, &m));
	EXPECT_EQ(NXF_INIT_SET, v) TH_LOG("nflags %s", hex16(v));
	EXPECT_EQ(~NXF_STATE_SETUP, m) TH_LOG("mask %s", hex16(m));

	/* Created without STATE_SETUP. */
	VN_GUEST(g2, 1735, NXF_INIT_SET);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1735, &v, &m));
	EXPECT_EQ(NXF_INIT_SET, v);
	EXPECT_EQ(~NXF_STATE_SETUP, m) TH_LOG("mask %s", hex16(m));
	vs_agents_stop_all();
}

TEST(set_nflags_applies_mask)
{
	struct vs_agent g;
	uint64_t v;

	VN_GUEST(g, 1736, NXF_INIT_SET);
	/* new = (old & ~mask) | (flagword & mask) */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1736,
			    NXF_SINGLE_IP | NXF_LBACK_ALLOW,
			    NXF_SINGLE_IP | NXF_HIDE_NETIF))
		TH_LOG("set_nflags: %s", strerror(errno));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1736, &v, NULL));
	EXPECT_EQ((NXF_INIT_SET & ~NXF_HIDE_NETIF) | NXF_SINGLE_IP, v)
		TH_LOG("nflags %s", hex16(v));

	/* An empty mask changes nothing. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1736, ~0ULL, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1736, &v, NULL));
	EXPECT_EQ((NXF_INIT_SET & ~NXF_HIDE_NETIF) | NXF_SINGLE_IP, v)
		TH_LOG("nflags %s", hex16(v));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1736, NXF_PERSISTENT,
			    NXF_PERSISTENT | NXF_SINGLE_IP | NXF_HIDE_LBACK));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1736, &v, NULL));
	EXPECT_EQ((NXF_INIT_SET & ~(NXF_HIDE_NETIF | NXF_HIDE_LBACK)) |
		  NXF_PERSISTENT, v)
		TH_LOG("nflags %s", hex16(v));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1736, 0, NXF_PERSISTENT));
	vs_agents_stop_all();
}

TEST(set_nflags_one_time_bits_can_only_be_cleared)
{
	struct vs_agent g;
	uint64_t v, m;
	long r;

	VN_GUEST(g, 1737, NXF_STATE_ADMIN | NXF_LBACK_REMAP);
	/* STATE_SETUP is clear: it cannot be set (error or no effect). */
	r = vs_set(NULL, VCMD_set_nflags, 1737, NXF_STATE_SETUP,
		   NXF_STATE_SETUP);
	EXPECT_TRUE(r == 0 || r == -1) TH_LOG("set_nflags returned %ld", r);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1737, &v, &m));
	EXPECT_EQ(NXF_STATE_ADMIN | NXF_LBACK_REMAP, v)
		TH_LOG("nflags %s after setting STATE_SETUP", hex16(v));
	EXPECT_EQ(~NXF_STATE_SETUP, m) TH_LOG("mask %s", hex16(m));

	/* STATE_ADMIN can be cleared, and then nothing can be set at all. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1737, 0, NXF_STATE_ADMIN))
		TH_LOG("clearing STATE_ADMIN: %s", strerror(errno));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1737, &v, &m));
	EXPECT_EQ(NXF_LBACK_REMAP, v) TH_LOG("nflags %s", hex16(v));
	EXPECT_EQ(~(NXF_STATE_SETUP | NXF_STATE_ADMIN), m)
		TH_LOG("mask %s", hex16(m));
	VN_EXPECT_ERR(EACCES, vs_set(NULL, VCMD_set_nflags, 1737,
				     NXF_STATE_ADMIN, NXF_STATE_ADMIN));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_nflags, 1737, &v, NULL));
	EXPECT_EQ(NXF_LBACK_REMAP, v) TH_LOG("nflags %s", hex16(v));
	vs_agents_stop_all();
}

TEST(get_nflags_self_and_foreign)
{
	struct vs_agent g, x;
	uint64_t v;

	VN_GUEST(g, 1738, NXF_INIT_SET | NXF_SINGLE_IP);
	/* -1 is the caller's own network context. */
	ASSERT_EQ(0, vs_get(&g, VCMD_get_nflags, VN_NID_SELF, &v, NULL))
		TH_LOG("get_nflags(-1) in 1738: %s", strerror(errno));
	EXPECT_EQ(NXF_INIT_SET | NXF_SINGLE_IP, v);
	ASSERT_EQ(0, vs_get(&g, VCMD_get_ncaps, VN_NID_SELF, &v, NULL))
		TH_LOG("get_ncaps(-1) in 1738: %s", strerror(errno));
	EXPECT_EQ(NXC_RAW_ICMP, v);
	/* The host has none. */
	VN_EXPECT_ERR(ESRCH, vs_get(NULL, VCMD_get_nflags, VN_NID_SELF, NULL,
				    NULL));
	VN_EXPECT_ERR(ESRCH, vs_get(NULL, VCMD_get_ncaps, VN_NID_SELF, NULL,
				    NULL));
	/* Missing. */
	VN_EXPECT_ERR(ESRCH, vs_get(NULL, VCMD_get_nflags, 1739, NULL, NULL));
	VN_EXPECT_ERR(ESRCH, vs_get(NULL, VCMD_get_ncaps, 1739, NULL, NULL));

	/* A guest (xid and nid 1740) gets its own, not others'. */
	VN_GUEST(x, 1740, NXF_INIT_SET);
	ASSERT_EQ(1740, vs_create(&x, 1740, VXF_INIT_SET));
	ASSERT_EQ(0, vs_clear_setup(&x, VX_SELF_ID));
	ASSERT_EQ(0, vs_get(&x, VCMD_get_nflags, VN_NID_SELF, &v, NULL))
		TH_LOG("get_nflags(-1) in guest 1740: %s", strerror(errno));
	EXPECT_EQ(NXF_INIT_SET, v);
	ASSERT_EQ(0, vs_get(&x, VCMD_get_nflags, 1740, &v, NULL))
		TH_LOG("get_nflags(1740) in guest 1740: %s", strerror(errno));
	EXPECT_EQ(NXF_INIT_SET, v);
	VN_EXPECT_ERR(ESRCH, vs_get(&x, VCMD_get_nflags, 1738, NULL, NULL));
	VN_EXPECT_ERR(ESRCH, vs_get(&x, VCMD_get_ncaps, 1738, NULL, NULL));
	vs_agents_stop_all();
}

TEST(set_nflags_and_ncaps_permissions)
{
	struct vs_agent g, g0, n, x, y;
	uint64_t v;

	VN_GUEST(g, 1741, NXF_INIT_SET);

	NO_ADMIN(n);
	VN_EXPECT_ERR(EPERM, vs_set(&n, VCMD_set_nflags, 1741, NXF_SINGLE_IP,
				    NXF_SINGLE_IP));
	VN_EXPECT_ERR(EPERM, vs_set(&n, VCMD_set_ncaps, 1741, NXC_MULTICAST,
				    NXC_MULTICAST));
	/* Getting needs nothing. */
	ASSERT_EQ(0, vs_get(&n, VCMD_get_nflags, 1741, &v, NULL))
		TH_LOG("get_nflags without CAP_SYS_ADMIN: %s",
		       strerror(errno));
	EXPECT_EQ(NXF_INIT_SET, v);

	/* A guest process context, even with CAP_SYS_ADMIN. */
	ADMIN_GUEST(x, 1741);
	VN_EXPECT_ERR(EPERM, vs_set(&x, VCMD_set_nflags, 1741, NXF_SINGLE_IP,
				    NXF_SINGLE_IP));
	VN_EXPECT_ERR(EPERM, vs_set(&x, VCMD_set_ncaps, 1741, NXC_MULTICAST,
				    NXC_MULTICAST));
	/*
	 * And one in its setup: it may configure its own network context
	 * only, another one is not found.
	 */
	VS_GUEST(y, 1742, VXF_INIT_SET);
	VN_EXPECT_ERR(ESRCH, vs_set(&y, VCMD_set_nflags, 1741, NXF_SINGLE_IP,
				    NXF_SINGLE_IP));
	VN_EXPECT_ERR(ESRCH, vs_set(&y, VCMD_set_ncaps, 1741, NXC_MULTICAST,
				    NXC_MULTICAST));
	EXPECT_EQ(NXF_INIT_SET, vn_nflags(1741));
	EXPECT_EQ(NXC_RAW_ICMP, vn_ncaps(1741));

	/* A target without STATE_ADMIN. */
	VN_GUEST(g0, 1743, NXF_LBACK_REMAP);
	VN_EXPECT_ERR(EACCES, vs_set(NULL, VCMD_set_nflags, 1743,
				     NXF_SINGLE_IP, NXF_SINGLE_IP));
	VN_EXPECT_ERR(EACCES, vs_set(NULL, VCMD_set_ncaps, 1743, NXC_MULTICAST,
				     NXC_MULTICAST));
	EXPECT_EQ(NXF_LBACK_REMAP, vn_nflags(1743));
	EXPECT_EQ(NXC_RAW_ICMP, vn_ncaps(1743));

	/* A missing one. */
	VN_EXPECT_ERR(ESRCH, vs_set(NULL, VCMD_set_nflags, 1744, NXF_SINGLE_IP,
				    NXF_SINGLE_IP));
	VN_EXPECT_ERR(ESRCH, vs_set(NULL, VCMD_set_ncaps, 1744, NXC_MULTICAST,
				    NXC_MULTICAST));
	vs_agents_stop_all();
}

TEST(get_set_ncaps_applies_mask)
{
	struct vs_agent g;
	uint64_t v;

	VN_GUEST(g, 1745, NXF_INIT_SET);
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1745, &v, NULL))
		TH_LOG("get_ncaps: %s", strerror(errno));
	EXPECT_EQ(NXC_RAW_ICMP, v);

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1745,
			    NXC_MULTICAST | NXC_TUN_CREATE,
			    NXC_MULTICAST | NXC_RAW_ICMP))
		TH_LOG("set_ncaps: %s", strerror(errno));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1745, &v, NULL));
	EXPECT_EQ(NXC_MULTICAST, v) TH_LOG("ncaps %s", hex16(v));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1745, ~0ULL, 0));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1745, &v, NULL));
	EXPECT_EQ(NXC_MULTICAST, v) TH_LOG("ncaps %s", hex16(v));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1745, NXC_RAW_ICMP,
			    NXC_RAW_ICMP | NXC_TUN_CREATE));
	ASSERT_EQ(0, vs_get(NULL, VCMD_get_ncaps, 1745, &v, NULL));
	EXPECT_EQ(NXC_MULTICAST | NXC_RAW_ICMP, v) TH_LOG("ncaps %s", hex16(v));
	/* The nflags did not move. */
	EXPECT_EQ(NXF_INIT_SET, vn_nflags(1745));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Address commands                                                   */
/* ------------------------------------------------------------------ */

#define ENTRY4(nid, ip, ip2, mask, type)				\
	EXPECT_EQ(1, vn_has_entry4((nid), (ip), (ip2), (mask), (type)))	\
		TH_LOG("/proc/virtnet/%u/info lacks %s", (nid),		\
		       vn_entry4((ip), (ip2), (mask), (type)))

#define ENTRY6(nid, ip, prefix, type)					\
	EXPECT_EQ(1, vn_has_entry6((nid), (ip), (prefix), (type)))	\
		TH_LOG("/proc/virtnet/%u/info lacks %s/%u:%04x", (nid),	\
		       (ip), (prefix), (type))

TEST(net_add_v0_adds_count_entries)
{
	static const char *const ip1[4] = { VN_A4 };
	static const char *const ip3[4] = { VN_A4B, VN_C4, VN_C4B };
	static const char *const ip4[4] = {
		"198.51.100.21", "198.51.100.22", "198.51.100.23",
		"198.51.100.24",
	};
	static const char *const m24[4] = {
		VN_MASK24, VN_MASK24, VN_MASK24, VN_MASK24,
	};
	static const char *const m3[4] = { VN_MASK24, VN_MASK32, VN_MASK24 };
	struct vs_agent g;

	VN_GUEST(g, 1746, NXF_INIT_SET);
	EXPECT_EQ(1, vn_v0(NULL, 0, 1746, NXA_TYPE_IPV4, 1, ip1, m24))
		TH_LOG("net_add v0 count 1: %s", strerror(errno));
	EXPECT_EQ(3, vn_v0(NULL, 0, 1746, NXA_TYPE_IPV4, 3, ip3, m3))
		TH_LOG("net_add v0 count 3: %s", strerror(errno));
	EXPECT_EQ(4, vn_v0(NULL, 0, 1746, NXA_TYPE_IPV4, 4, ip4, m24))
		TH_LOG("net_add v0 count 4: %s", strerror(errno));
	EXPECT_EQ(8, vn_count_entries(1746, AF_INET));
	ENTRY4(1746, VN_A4, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1746, VN_A4B, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1746, VN_C4, "0.0.0.0", VN_MASK32, NXA_TYPE_ADDR);
	ENTRY4(1746, VN_C4B, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1746, "198.51.100.21", "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1746, "198.51.100.24", "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	vs_agents_stop_all();
}

TEST(net_add_v0_sets_bcast_and_lback)
{
	static const char *const bc[4] = { "192.0.2.255" };
	static const char *const lb[4] = { "127.0.0.77" };
	struct vs_agent g;

	VN_GUEST(g, 1747, NXF_INIT_SET);
	EXPECT_EQ(0, vn_v0(NULL, 0, 1747, NXA_TYPE_IPV4 | NXA_MOD_BCAST, 1,
			   bc, NULL))
		TH_LOG("net_add v0 IPV4|MOD_BCAST: %s", strerror(errno));
	EXPECT_STREQ("192.0.2.255", vn_virtnet_field(1747, "info", "Bcast:\t"));
	EXPECT_EQ(0, vn_v0(NULL, 0, 1747, NXA_TYPE_IPV4 | NXA_MOD_LBACK, 1,
			   lb, NULL))
		TH_LOG("net_add v0 IPV4|MOD_LBACK: %s", strerror(errno));
	EXPECT_STREQ("127.0.0.77", vn_virtnet_field(1747, "info", "Lback:\t"));
	/* Neither is an entry. */
	EXPECT_EQ(0, vn_count_entries(1747, AF_INET));
	vs_agents_stop_all();
}

TEST(net_add_v0_rejects_bad_type_and_count)
{
	static const char *const ip[4] = { VN_A4, VN_B4, VN_C4, VN_A4B };
	static const char *const m[4] = {
		VN_MASK24, VN_MASK24, VN_MASK24, VN_MASK24,
	};
	static const uint16_t types[] = {
		NXA_TYPE_IPV6, NXA_TYPE_ADDR, NXA_TYPE_MASK, NXA_TYPE_ANY,
		NXA_TYPE_NONE, 0x1234,
	};
	struct vs_agent g;
	size_t i;

	VN_GUEST(g, 1748, NXF_INIT_SET);
	VN_EXPECT_ERR(EINVAL, vn_v0(NULL, 0, 1748, NXA_TYPE_IPV4, 0, ip, m));
	VN_EXPECT_ERR(EINVAL, vn_v0(NULL, 0, 1748, NXA_TYPE_IPV4, 5, ip, m));
	VN_EXPECT_ERR(EINVAL, vn_v0(NULL, 0, 1748, NXA_TYPE_IPV4, 0xffff, ip,
				    m));
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		EXPECT_EQ(-1, vn_v0(NULL, 0, 1748, types[i], 1, ip, m))
			TH_LOG("net_add v0 type %04x succeeded", types[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_add v0 type %04x: %s", types[i],
			       strerror(errno));
	}
	EXPECT_EQ(0, vn_count_entries(1748, AF_INET));
	EXPECT_EQ(0, vn_count_entries(1748, AF_INET6));
	vs_agents_stop_all();
}

TEST(net_remove_v0_removes_every_ipv4_entry)
{
	struct vs_agent g;

	VN_GUEST(g, 1749, NXF_INIT_SET);
	VN_ADD4(1749, VN_A4, VN_MASK24);
	VN_ADD4(1749, VN_B4, VN_MASK24);
	ASSERT_LE(0, vn_v2(NULL, 0, 1749, NXA_TYPE_RANGE, "198.51.100.10",
			   "198.51.100.20", VN_MASK24));
	VN_ADD6(1749, VN_A6);
	ASSERT_EQ(3, vn_count_entries(1749, AF_INET));

	VN_EXPECT_ERR(EINVAL, vn_v0(NULL, 1, 1749, NXA_TYPE_IPV4, 1, NULL,
				    NULL));
	VN_EXPECT_ERR(EINVAL, vn_v0(NULL, 1, 1749, NXA_TYPE_ADDR, 1, NULL,
				    NULL));
	EXPECT_EQ(3, vn_count_entries(1749, AF_INET));

	EXPECT_EQ(0, vn_v0(NULL, 1, 1749, NXA_TYPE_ANY, 0, NULL, NULL))
		TH_LOG("net_remove v0 ANY: %s", strerror(errno));
	EXPECT_EQ(0, vn_count_entries(1749, AF_INET));
	/* IPv6 entries stay. */
	EXPECT_EQ(1, vn_count_entries(1749, AF_INET6));
	vs_agents_stop_all();
}

TEST(add_ipv4_v1_addr_and_mask)
{
	struct vs_agent g;

	VN_GUEST(g, 1750, NXF_INIT_SET);
	EXPECT_LE(0, vn_v1(NULL, 0, 1750, NXA_TYPE_ADDR, VN_A4, VN_MASK24))
		TH_LOG("net_add_ipv4_v1 ADDR: %s", strerror(errno));
	/* A network: its address is masked. */
	EXPECT_LE(0, vn_v1(NULL, 0, 1750, NXA_TYPE_MASK, "198.51.100.77",
			   VN_MASK24))
		TH_LOG("net_add_ipv4_v1 MASK: %s", strerror(errno));
	EXPECT_EQ(2, vn_count_entries(1750, AF_INET));
	ENTRY4(1750, VN_A4, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1750, "198.51.100.0", "0.0.0.0", VN_MASK24, NXA_TYPE_MASK);
	vs_agents_stop_all();
}

TEST(add_ipv4_duplicate_is_eexist)
{
	struct vs_agent g;

	VN_GUEST(g, 1751, NXF_INIT_SET);
	VN_ADD4(1751, VN_A4, VN_MASK24);
	VN_EXPECT_ERR(EEXIST, vn_v1(NULL, 0, 1751, NXA_TYPE_ADDR, VN_A4,
				    VN_MASK24));
	ASSERT_LE(0, vn_v1(NULL, 0, 1751, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24));
	VN_EXPECT_ERR(EEXIST, vn_v1(NULL, 0, 1751, NXA_TYPE_MASK,
				    "198.51.100.0", VN_MASK24));
	/* v2 sees the same entries. */
	VN_EXPECT_ERR(EEXIST, vn_v2(NULL, 0, 1751, NXA_TYPE_ADDR, VN_A4,
				    "0.0.0.0", VN_MASK24));
	ASSERT_LE(0, vn_v2(NULL, 0, 1751, NXA_TYPE_RANGE, "192.0.2.100",
			   "192.0.2.110", VN_MASK24));
	VN_EXPECT_ERR(EEXIST, vn_v2(NULL, 0, 1751, NXA_TYPE_RANGE,
				    "192.0.2.100", "192.0.2.110", VN_MASK24));
	/* The same address as another type is no duplicate. */
	EXPECT_LE(0, vn_v1(NULL, 0, 1751, NXA_TYPE_ADDR, "198.51.100.0",
			   VN_MASK24))
		TH_LOG("ADDR next to an equal MASK entry: %s",
		       strerror(errno));
	EXPECT_EQ(4, vn_count_entries(1751, AF_INET));
	vs_agents_stop_all();
}

TEST(add_ipv4_v1_rejects_bad_types)
{
	static const uint16_t types[] = {
		NXA_TYPE_RANGE, NXA_TYPE_IPV4, NXA_TYPE_IPV6, NXA_TYPE_NONE,
		NXA_TYPE_ANY, 0x1234,
	};
	struct vs_agent g;
	size_t i;

	VN_GUEST(g, 1752, NXF_INIT_SET);
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		EXPECT_EQ(-1, vn_v1(NULL, 0, 1752, types[i], VN_A4, VN_MASK24))
			TH_LOG("net_add_ipv4_v1 type %04x succeeded",
			       types[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_add_ipv4_v1 type %04x: %s", types[i],
			       strerror(errno));
	}
	/* v2 knows RANGE, not the others. */
	for (i = 1; i < ARRAY_SIZE(types); i++) {
		EXPECT_EQ(-1, vn_v2(NULL, 0, 1752, types[i], VN_A4, VN_B4,
				    VN_MASK24))
			TH_LOG("net_add_ipv4 v2 type %04x succeeded",
			       types[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_add_ipv4 v2 type %04x: %s", types[i],
			       strerror(errno));
	}
	EXPECT_EQ(0, vn_count_entries(1752, AF_INET));
	vs_agents_stop_all();
}

TEST(add_ipv4_sets_bcast_and_lback)
{
	struct vs_agent g;

	VN_GUEST(g, 1753, NXF_INIT_SET);
	EXPECT_EQ(0, vn_v1(NULL, 0, 1753, NXA_TYPE_ADDR | NXA_MOD_BCAST,
			   "192.0.2.255", VN_MASK24))
		TH_LOG("ADDR|MOD_BCAST: %s", strerror(errno));
	EXPECT_STREQ("192.0.2.255", vn_virtnet_field(1753, "info", "Bcast:\t"));
	EXPECT_EQ(0, vn_v1(NULL, 0, 1753, NXA_TYPE_ADDR | NXA_MOD_LBACK,
			   "127.0.0.99", VN_MASK32))
		TH_LOG("ADDR|MOD_LBACK: %s", strerror(errno));
	EXPECT_STREQ("127.0.0.99", vn_virtnet_field(1753, "info", "Lback:\t"));
	/* The same with v2. */
	EXPECT_EQ(0, vn_v2(NULL, 0, 1753, NXA_TYPE_ADDR | NXA_MOD_LBACK,
			   "127.1.2.3", "0.0.0.0", VN_MASK32))
		TH_LOG("v2 ADDR|MOD_LBACK: %s", strerror(errno));
	EXPECT_STREQ("127.1.2.3", vn_virtnet_field(1753, "info", "Lback:\t"));
	EXPECT_EQ(0, vn_v2(NULL, 0, 1753, NXA_TYPE_ADDR | NXA_MOD_BCAST,
			   "198.51.100.255", "0.0.0.0", VN_MASK24))
		TH_LOG("v2 ADDR|MOD_BCAST: %s", strerror(errno));
	EXPECT_STREQ("198.51.100.255",
		     vn_virtnet_field(1753, "info", "Bcast:\t"));
	EXPECT_EQ(0, vn_count_entries(1753, AF_INET));
	vs_agents_stop_all();
}

TEST(rem_ipv4_v1)
{
	struct vs_agent g;

	VN_GUEST(g, 1754, NXF_INIT_SET);
	VN_ADD4(1754, VN_A4, VN_MASK24);
	VN_ADD4(1754, VN_B4, VN_MASK24);
	ASSERT_LE(0, vn_v1(NULL, 0, 1754, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24));
	VN_ADD6(1754, VN_A6);

	/* Only an exact match is removed. */
	VN_EXPECT_ERR(ESRCH, vn_v1(NULL, 1, 1754, NXA_TYPE_ADDR, VN_A4,
				   VN_MASK32));
	VN_EXPECT_ERR(ESRCH, vn_v1(NULL, 1, 1754, NXA_TYPE_ADDR, VN_C4,
				   VN_MASK24));
	EXPECT_EQ(3, vn_count_entries(1754, AF_INET));

	EXPECT_EQ(0, vn_v1(NULL, 1, 1754, NXA_TYPE_ADDR, VN_A4, VN_MASK24))
		TH_LOG("net_rem_ipv4_v1 ADDR: %s", strerror(errno));
	EXPECT_EQ(0, vn_has_entry4(1754, VN_A4, "0.0.0.0", VN_MASK24,
				   NXA_TYPE_ADDR));
	VN_EXPECT_ERR(ESRCH, vn_v1(NULL, 1, 1754, NXA_TYPE_ADDR, VN_A4,
				   VN_MASK24));
	EXPECT_EQ(0, vn_v1(NULL, 1, 1754, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24))
		TH_LOG("net_rem_ipv4_v1 MASK: %s", strerror(errno));
	EXPECT_EQ(1, vn_count_entries(1754, AF_INET));
	ENTRY4(1754, VN_B4, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);

	/* ANY: every IPv4 entry, IPv6 ones stay. */
	VN_ADD4(1754, VN_C4, VN_MASK24);
	EXPECT_EQ(0, vn_v1(NULL, 1, 1754, NXA_TYPE_ANY, "0.0.0.0", "0.0.0.0"))
		TH_LOG("net_rem_ipv4_v1 ANY: %s", strerror(errno));
	EXPECT_EQ(0, vn_count_entries(1754, AF_INET));
	EXPECT_EQ(1, vn_count_entries(1754, AF_INET6));
	vs_agents_stop_all();
}

/* The RANGE entry ip-ip2 is shown (whatever its mask shows). */
static int has_range(uint32_t nid, const char *ip, const char *ip2)
{
	static char text[VS_DATA_MAX * 2], ents[VN_MAX_ENTRIES][128];
	char head[64], tail[16];
	int n, i;

	snprintf(head, sizeof(head), "%s-%s/", ip, ip2);
	snprintf(tail, sizeof(tail), ":%04x", NXA_TYPE_RANGE);
	if (vn_read_virtnet(NULL, nid, "info", text, sizeof(text)) <= 0)
		return -1;
	n = vn_info_entries(text, ents, VN_MAX_ENTRIES);
	for (i = 0; i < n && i < VN_MAX_ENTRIES; i++) {
		size_t l = strlen(ents[i]);

		if (!strncmp(ents[i], head, strlen(head)) && l >= 5 &&
		    !strcmp(ents[i] + l - 5, tail))
			return 1;
	}
	return 0;
}

TEST(add_ipv4_v2_range)
{
	struct vs_agent g;

	VN_GUEST(g, 1755, NXF_INIT_SET);
	EXPECT_LE(0, vn_v2(NULL, 0, 1755, NXA_TYPE_RANGE, "192.0.2.11",
			   "192.0.2.13", "0.0.0.0"))
		TH_LOG("RANGE 192.0.2.11-13: %s", strerror(errno));
	/* In host order ip < ip2, though not as little-endian words. */
	EXPECT_LE(0, vn_v2(NULL, 0, 1755, NXA_TYPE_RANGE, "192.0.2.255",
			   "192.0.3.0", "0.0.0.0"))
		TH_LOG("RANGE 192.0.2.255-192.0.3.0: %s", strerror(errno));
	EXPECT_EQ(1, has_range(1755, "192.0.2.11", "192.0.2.13"));
	EXPECT_EQ(1, has_range(1755, "192.0.2.255", "192.0.3.0"));
	/* v2 takes ADDR and MASK too. */
	EXPECT_LE(0, vn_v2(NULL, 0, 1755, NXA_TYPE_ADDR, VN_A4B, "0.0.0.0",
			   VN_MASK24))
		TH_LOG("v2 ADDR: %s", strerror(errno));
	EXPECT_LE(0, vn_v2(NULL, 0, 1755, NXA_TYPE_MASK, "198.51.100.128",
			   "0.0.0.0", "255.255.255.128"))
		TH_LOG("v2 MASK: %s", strerror(errno));
	ENTRY4(1755, VN_A4B, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR);
	ENTRY4(1755, "198.51.100.128", "0.0.0.0", "255.255.255.128",
	       NXA_TYPE_MASK);
	EXPECT_EQ(4, vn_count_entries(1755, AF_INET));
	vs_agents_stop_all();
}

TEST(add_ipv4_v2_range_needs_ip_below_ip2)
{
	struct vs_agent g;

	VN_GUEST(g, 1756, NXF_INIT_SET);
	VN_EXPECT_ERR(EINVAL, vn_v2(NULL, 0, 1756, NXA_TYPE_RANGE,
				    "192.0.2.11", "192.0.2.11", "0.0.0.0"));
	VN_EXPECT_ERR(EINVAL, vn_v2(NULL, 0, 1756, NXA_TYPE_RANGE,
				    "192.0.2.20", "192.0.2.10", "0.0.0.0"));
	/* Above in host order, below as little-endian words. */
	VN_EXPECT_ERR(EINVAL, vn_v2(NULL, 0, 1756, NXA_TYPE_RANGE,
				    "192.0.3.0", "192.0.2.255", "0.0.0.0"));
	EXPECT_EQ(0, vn_count_entries(1756, AF_INET));
	vs_agents_stop_all();
}

TEST(rem_ipv4_v2_range)
{
	struct vs_agent g;

	VN_GUEST(g, 1757, NXF_INIT_SET);
	ASSERT_LE(0, vn_v2(NULL, 0, 1757, NXA_TYPE_RANGE, "192.0.2.11",
			   "192.0.2.13", "0.0.0.0"));
	VN_ADD4(1757, VN_A4B, VN_MASK24);
	VN_EXPECT_ERR(ESRCH, vn_v2(NULL, 1, 1757, NXA_TYPE_RANGE,
				   "192.0.2.11", "192.0.2.14", "0.0.0.0"));
	VN_EXPECT_ERR(ESRCH, vn_v2(NULL, 1, 1757, NXA_TYPE_RANGE,
				   "192.0.2.10", "192.0.2.13", "0.0.0.0"));
	EXPECT_EQ(0, vn_v2(NULL, 1, 1757, NXA_TYPE_RANGE, "192.0.2.11",
			   "192.0.2.13", "0.0.0.0"))
		TH_LOG("net_rem_ipv4 RANGE: %s", strerror(errno));
	EXPECT_EQ(0, has_range(1757, "192.0.2.11", "192.0.2.13"));
	VN_EXPECT_ERR(ESRCH, vn_v2(NULL, 1, 1757, NXA_TYPE_RANGE,
				   "192.0.2.11", "192.0.2.13", "0.0.0.0"));
	/* ADDR and ANY with v2. */
	EXPECT_EQ(0, vn_v2(NULL, 1, 1757, NXA_TYPE_ADDR, VN_A4B, "0.0.0.0",
			   VN_MASK24))
		TH_LOG("net_rem_ipv4 ADDR: %s", strerror(errno));
	VN_ADD4(1757, VN_C4, VN_MASK24);
	EXPECT_EQ(0, vn_v2(NULL, 1, 1757, NXA_TYPE_ANY, "0.0.0.0", "0.0.0.0",
			   "0.0.0.0"))
		TH_LOG("net_rem_ipv4 ANY: %s", strerror(errno));
	EXPECT_EQ(0, vn_count_entries(1757, AF_INET));
	vs_agents_stop_all();
}

TEST(add_ipv6_addr_and_mask)
{
	struct vcmd_net_addr_ipv6_v1 v;
	struct vs_agent g;

	VN_GUEST(g, 1758, NXF_INIT_SET);
	/*
	 * ADDR: matches the address only; the prefix of its network is
	 * kept (for the choice of a source address).
	 */
	EXPECT_LE(0, vn_v6(NULL, 0, 1758, NXA_TYPE_ADDR, VN_A6, 64))
		TH_LOG("net_add_ipv6 ADDR: %s", strerror(errno));
	ENTRY6(1758, VN_A6, 64, NXA_TYPE_ADDR);
	EXPECT_LE(0, vn_v6(NULL, 0, 1758, NXA_TYPE_MASK, "2001:db8:1::", 48))
		TH_LOG("net_add_ipv6 MASK /48: %s", strerror(errno));
	ENTRY6(1758, "2001:db8:1::", 48, NXA_TYPE_MASK);
	/* The edges of the prefix range. */
	EXPECT_LE(0, vn_v6(NULL, 0, 1758, NXA_TYPE_MASK, "::", 0))
		TH_LOG("net_add_ipv6 MASK /0: %s", strerror(errno));
	ENTRY6(1758, "::", 0, NXA_TYPE_MASK);
	EXPECT_LE(0, vn_v6(NULL, 0, 1758, NXA_TYPE_MASK, "2001:db8::77", 128))
		TH_LOG("net_add_ipv6 MASK /128: %s", strerror(errno));
	ENTRY6(1758, "2001:db8::77", 128, NXA_TYPE_MASK);

	/* The mask field is ignored: the prefix counts. */
	memset(&v, 0, sizeof(v));
	v.type = NXA_TYPE_MASK;
	v.prefix = 56;
	v.ip = vn_ip6("2001:db8:2::");
	memset(&v.mask, 0xff, sizeof(v.mask));
	EXPECT_LE(0, vs_cmd(NULL, VCMD_net_add_ipv6, 1758, &v, sizeof(v)))
		TH_LOG("net_add_ipv6 MASK /56, mask all ones: %s",
		       strerror(errno));
	ENTRY6(1758, "2001:db8:2::", 56, NXA_TYPE_MASK);

	EXPECT_EQ(5, vn_count_entries(1758, AF_INET6));
	EXPECT_EQ(0, vn_count_entries(1758, AF_INET));
	vs_agents_stop_all();
}

TEST(add_ipv6_rejects_bad_prefix_and_type)
{
	static const uint16_t types[] = {
		NXA_TYPE_RANGE, NXA_TYPE_IPV4, NXA_TYPE_IPV6, NXA_TYPE_NONE,
		NXA_TYPE_ANY, 0x1234,
	};
	struct vs_agent g;
	size_t i;

	VN_GUEST(g, 1759, NXF_INIT_SET);
	VN_EXPECT_ERR(EINVAL, vn_v6(NULL, 0, 1759, NXA_TYPE_MASK,
				    "2001:db8::", 129));
	VN_EXPECT_ERR(EINVAL, vn_v6(NULL, 0, 1759, NXA_TYPE_MASK,
				    "2001:db8::", 200));
	VN_EXPECT_ERR(EINVAL, vn_v6(NULL, 0, 1759, NXA_TYPE_MASK,
				    "2001:db8::", 0xffffffffu));
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		EXPECT_EQ(-1, vn_v6(NULL, 0, 1759, types[i], VN_A6, 128))
			TH_LOG("net_add_ipv6 type %04x succeeded", types[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("net_add_ipv6 type %04x: %s", types[i],
			       strerror(errno));
	}
	EXPECT_EQ(0, vn_count_entries(1759, AF_INET6));
	vs_agents_stop_all();
}

TEST(add_ipv6_duplicate_is_eexist)
{
	struct vs_agent g;

	VN_GUEST(g, 1760, NXF_INIT_SET);
	VN_ADD6(1760, VN_A6);
	VN_EXPECT_ERR(EEXIST, vn_v6(NULL, 0, 1760, NXA_TYPE_ADDR, VN_A6, 128));
	/* An ADDR entry is its address, whatever the prefix. */
	VN_EXPECT_ERR(EEXIST, vn_v6(NULL, 0, 1760, NXA_TYPE_ADDR, VN_A6, 64));
	ASSERT_LE(0, vn_v6(NULL, 0, 1760, NXA_TYPE_MASK, "2001:db8::", 64));
	VN_EXPECT_ERR(EEXIST, vn_v6(NULL, 0, 1760, NXA_TYPE_MASK,
				    "2001:db8::", 64));
	EXPECT_EQ(2, vn_count_entries(1760, AF_INET6));
	vs_agents_stop_all();
}

TEST(remove_ipv6)
{
	struct vs_agent g;

	VN_GUEST(g, 1761, NXF_INIT_SET);
	VN_ADD6(1761, VN_A6);
	VN_ADD6(1761, VN_B6);
	ASSERT_LE(0, vn_v6(NULL, 0, 1761, NXA_TYPE_MASK, "2001:db8:1::", 48));
	VN_ADD4(1761, VN_A4, VN_MASK24);

	VN_EXPECT_ERR(ESRCH, vn_v6(NULL, 1, 1761, NXA_TYPE_ADDR, VN_C6, 128));
	VN_EXPECT_ERR(ESRCH, vn_v6(NULL, 1, 1761, NXA_TYPE_MASK,
				   "2001:db8:1::", 64));
	VN_EXPECT_ERR(ESRCH, vn_v6(NULL, 1, 1761, NXA_TYPE_MASK,
				   "2001:db8:2::", 48));
	EXPECT_EQ(3, vn_count_entries(1761, AF_INET6));

	EXPECT_EQ(0, vn_v6(NULL, 1, 1761, NXA_TYPE_ADDR, VN_A6, 128))
		TH_LOG("net_remove_ipv6 ADDR: %s", strerror(errno));
	EXPECT_EQ(0, vn_has_entry6(1761, VN_A6, 128, NXA_TYPE_ADDR));
	VN_EXPECT_ERR(ESRCH, vn_v6(NULL, 1, 1761, NXA_TYPE_ADDR, VN_A6, 128));
	EXPECT_EQ(0, vn_v6(NULL, 1, 1761, NXA_TYPE_MASK, "2001:db8:1::", 48))
		TH_LOG("net_remove_ipv6 MASK: %s", strerror(errno));
	EXPECT_EQ(1, vn_count_entries(1761, AF_INET6));
	ENTRY6(1761, VN_B6, 128, NXA_TYPE_ADDR);

	/* ANY: every IPv6 entry; the IPv4 one stays. */
	VN_ADD6(1761, VN_C6);
	EXPECT_EQ(0, vn_v6(NULL, 1, 1761, NXA_TYPE_ANY, "::", 0))
		TH_LOG("net_remove_ipv6 ANY: %s", strerror(errno));
	EXPECT_EQ(0, vn_count_entries(1761, AF_INET6));
	EXPECT_EQ(1, vn_count_entries(1761, AF_INET));
	vs_agents_stop_all();
}

TEST(second_ipv4_entry_clears_single_ip)
{
	static const char *const ip2[4] = { VN_A4, VN_A4B };
	static const char *const m2[4] = { VN_MASK24, VN_MASK24 };
	struct vs_agent g1, g2, g3;

	VN_GUEST(g1, 1762, NXF_INIT_SET | NXF_SINGLE_IP);
	VN_ADD4(1762, VN_A4, VN_MASK24);
	EXPECT_TRUE(!!(vn_nflags(1762) & NXF_SINGLE_IP))
		TH_LOG("SINGLE_IP cleared by the first entry");
	/* An IPv6 entry is no second IPv4 entry. */
	VN_ADD6(1762, VN_A6);
	VN_ADD4(1762, VN_A4B, VN_MASK24);
	EXPECT_FALSE(!!(vn_nflags(1762) & NXF_SINGLE_IP))
		TH_LOG("SINGLE_IP still set with two IPv4 entries: %s",
		       hex16(vn_nflags(1762)));
	EXPECT_EQ(NXF_INIT_SET, vn_nflags(1762) & ~NXF_SINGLE_IP);

	/* Two at once with v0. */
	VN_GUEST(g2, 1763, NXF_INIT_SET | NXF_SINGLE_IP);
	ASSERT_EQ(2, vn_v0(NULL, 0, 1763, NXA_TYPE_IPV4, 2, ip2, m2));
	EXPECT_FALSE(!!(vn_nflags(1763) & NXF_SINGLE_IP));

	/* A MASK entry as the second one. */
	VN_GUEST(g3, 1764, NXF_INIT_SET | NXF_SINGLE_IP);
	VN_ADD4(1764, VN_A4, VN_MASK24);
	ASSERT_LE(0, vn_v1(NULL, 0, 1764, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24));
	EXPECT_FALSE(!!(vn_nflags(1764) & NXF_SINGLE_IP));
	vs_agents_stop_all();
}

TEST(address_table_holds_64_entries_per_family)
{
	struct vs_agent g;
	char ip[64];
	int i;

	VN_GUEST(g, 1765, NXF_INIT_SET);
	for (i = 1; i <= NX_MAX_ADDRS; i++) {
		snprintf(ip, sizeof(ip), "198.51.100.%d", i);
		ASSERT_LE(0, vn_add4(1765, ip, VN_MASK32))
			TH_LOG("IPv4 entry %d: %s", i, strerror(errno));
	}
	snprintf(ip, sizeof(ip), "198.51.100.%d", NX_MAX_ADDRS + 1);
	VN_EXPECT_ERR(ENOSPC, vn_add4(1765, ip, VN_MASK32));
	EXPECT_EQ(NX_MAX_ADDRS, vn_count_entries(1765, AF_INET));

	for (i = 1; i <= NX_MAX_ADDRS; i++) {
		snprintf(ip, sizeof(ip), "2001:db8::1:%x", i);
		ASSERT_LE(0, vn_add6(1765, ip))
			TH_LOG("IPv6 entry %d: %s", i, strerror(errno));
	}
	snprintf(ip, sizeof(ip), "2001:db8::1:%x", NX_MAX_ADDRS + 1);
	VN_EXPECT_ERR(ENOSPC, vn_add6(1765, ip));
	EXPECT_EQ(NX_MAX_ADDRS, vn_count_entries(1765, AF_INET6));

	/* Room again after a removal. */
	ASSERT_EQ(0, vn_v1(NULL, 1, 1765, NXA_TYPE_ADDR, "198.51.100.1",
			   VN_MASK32));
	EXPECT_LE(0, vn_add4(1765, "198.51.100.65", VN_MASK32))
		TH_LOG("after a removal: %s", strerror(errno));
	vs_agents_stop_all();
}

/*
 * Every address command, by agent a on nid, fails with err; nothing
 * changes.
 */
static void expect_address_commands_fail(struct __test_metadata *_metadata,
					 struct vs_agent *a, uint32_t nid,
					 int err)
{
	static const char *const ip1[4] = { VN_C4 };
	static const char *const m1[4] = { VN_MASK24 };
	const char *who = vs_name(a);

	VN_EXPECT_ERR(err, vn_v0(a, 0, nid, NXA_TYPE_IPV4, 1, ip1, m1));
	VN_EXPECT_ERR(err, vn_v0(a, 0, nid, NXA_TYPE_IPV4 | NXA_MOD_BCAST, 1,
				 ip1, m1));
	VN_EXPECT_ERR(err, vn_v0(a, 1, nid, NXA_TYPE_ANY, 0, NULL, NULL));
	VN_EXPECT_ERR(err, vn_v1(a, 0, nid, NXA_TYPE_ADDR, VN_C4, VN_MASK24));
	VN_EXPECT_ERR(err, vn_v1(a, 0, nid, NXA_TYPE_ADDR | NXA_MOD_LBACK,
				 "127.0.0.5", VN_MASK32));
	VN_EXPECT_ERR(err, vn_v1(a, 1, nid, NXA_TYPE_ADDR, VN_A4, VN_MASK24));
	VN_EXPECT_ERR(err, vn_v1(a, 1, nid, NXA_TYPE_ANY, "0.0.0.0",
				 "0.0.0.0"));
	VN_EXPECT_ERR(err, vn_v2(a, 0, nid, NXA_TYPE_RANGE, "192.0.2.100",
				 "192.0.2.110", "0.0.0.0"));
	VN_EXPECT_ERR(err, vn_v2(a, 1, nid, NXA_TYPE_ADDR, VN_A4, "0.0.0.0",
				 VN_MASK24));
	VN_EXPECT_ERR(err, vn_v6(a, 0, nid, NXA_TYPE_ADDR, VN_C6, 128));
	VN_EXPECT_ERR(err, vn_v6(a, 1, nid, NXA_TYPE_ADDR, VN_A6, 128));
	VN_EXPECT_ERR(err, vn_v6(a, 1, nid, NXA_TYPE_ANY, "::", 0));
	if (err != ESRCH) {
		EXPECT_EQ(1, vn_count_entries(nid, AF_INET))
			TH_LOG("the IPv4 entries of %u changed (%s)", nid,
			       who);
		EXPECT_EQ(1, vn_count_entries(nid, AF_INET6))
			TH_LOG("the IPv6 entries of %u changed (%s)", nid,
			       who);
		EXPECT_STREQ(vn_lback(nid),
			     vn_virtnet_field(nid, "info", "Lback:\t"));
		EXPECT_STREQ("255.255.255.255",
			     vn_virtnet_field(nid, "info", "Bcast:\t"));
	}
}

TEST(address_commands_need_cap_sys_admin)
{
	struct vs_agent g, n;

	VN_GUEST(g, 1766, NXF_INIT_SET);
	VN_ADD4(1766, VN_A4, VN_MASK24);
	VN_ADD6(1766, VN_A6);
	NO_ADMIN(n);
	expect_address_commands_fail(_metadata, &n, 1766, EPERM);
	vs_agents_stop_all();
}

TEST(address_commands_from_guest_process_context_are_eperm)
{
	struct vs_agent g, x, y, z;

	VN_GUEST(g, 1767, NXF_INIT_SET);
	VN_ADD4(1767, VN_A4, VN_MASK24);
	VN_ADD6(1767, VN_A6);
	/* A running guest with CAP_SYS_ADMIN, in no network context. */
	ADMIN_GUEST(x, 1767);
	expect_address_commands_fail(_metadata, &x, 1767, EPERM);
	/* A guest in its setup: another network context is not found. */
	VS_GUEST(y, 1768, VXF_INIT_SET);
	expect_address_commands_fail(_metadata, &y, 1767, ESRCH);

	/* A guest on its own network context. */
	VN_GUEST(z, 1769, NXF_INIT_SET);
	VN_ADD4(1769, VN_B4, VN_MASK24);
	VN_ADD6(1769, VN_B6);
	MAKE_ADMIN_GUEST(z, 1769);
	expect_address_commands_fail(_metadata, &z, 1769, EPERM);
	vs_agents_stop_all();
}

TEST(address_commands_need_state_admin)
{
	struct vs_agent g;

	VN_GUEST(g, 1770, NXF_INIT_SET);
	VN_ADD4(1770, VN_A4, VN_MASK24);
	VN_ADD6(1770, VN_A6);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1770, 0, NXF_STATE_ADMIN));
	expect_address_commands_fail(_metadata, NULL, 1770, EACCES);
	vs_agents_stop_all();
}

TEST(address_commands_on_missing_nid_are_esrch)
{
	expect_address_commands_fail(_metadata, NULL, 1771, ESRCH);
}

/* ------------------------------------------------------------------ */
/* /proc/virtnet                                                      */
/* ------------------------------------------------------------------ */

/* Waits until #NActive stops moving; -1 if unreadable. */
static int virtnet_stable(long long *total, long long *active)
{
	long long prev;
	int t;

	if (vn_virtnet_counts(total, &prev))
		return -1;
	for (t = 0; t < 50; t++) {
		vs_msleep(100);
		if (vn_virtnet_counts(total, active))
			return -1;
		if (*active == prev)
			return 0;
		prev = *active;
	}
	return 0;
}

TEST(virtnet_info_and_status)
{
	long long total, base, active;
	struct vs_agent g;
	char buf[1024];

	ASSERT_LT(0, read_file("/proc/virtnet/info", buf, sizeof(buf)))
		TH_LOG("/proc/virtnet/info: %s", strerror(errno));
	EXPECT_STREQ("0002:0309", field(buf, "VCIVersion:\t"))
		TH_LOG("%s", buf);

	ASSERT_LT(0, read_file("/proc/virtnet/status", buf, sizeof(buf)))
		TH_LOG("/proc/virtnet/status: %s", strerror(errno));
	ASSERT_EQ(0, strncmp(buf, "#NTotal:", 8)) TH_LOG("%s", buf);
	ASSERT_NE(NULL, strstr(buf, "\n#NActive:")) TH_LOG("%s", buf);

	ASSERT_EQ(0, virtnet_stable(&total, &base)) TH_LOG("%s", buf);
	EXPECT_LE(base, total);

	VN_GUEST(g, 1772, NXF_INIT_SET);
	ASSERT_EQ(0, vn_virtnet_counts(&total, &active));
	EXPECT_EQ(base + 1, active);
	EXPECT_LE(active, total);

	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vn_wait_gone(1772, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vn_virtnet_counts(&total, &active));
	EXPECT_EQ(base, active);
	vs_agents_stop_all();
}

TEST(virtnet_nid_status)
{
	const uint64_t f = NXF_INIT_SET | NXF_SINGLE_IP;
	struct vs_agent g, g2;
	char buf[1024];
	uint64_t usecnt;

	VN_GUEST(g, 1773, f);
	ASSERT_LT(0, vn_read_virtnet(NULL, 1773, "status", buf, sizeof(buf)))
		TH_LOG("/proc/virtnet/1773/status: %s", strerror(errno));
	ASSERT_EQ(0, vs_field_u64(buf, "UseCnt:\t", 10, &usecnt))
		TH_LOG("%s", buf);
	EXPECT_LE(1ULL, usecnt);
	EXPECT_STREQ("1", field(buf, "Tasks:\t")) TH_LOG("%s", buf);
	EXPECT_STREQ(hex16(f), field(buf, "Flags:\t")) TH_LOG("%s", buf);
	EXPECT_STREQ(hex16(NXC_RAW_ICMP), field(buf, "NCaps:\t"))
		TH_LOG("%s", buf);

	/* It follows changes. */
	VS_FORK(g, g2);
	EXPECT_EQ(2, vn_wait_tasks(1773, 2, 1000));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, 1773, 0, NXF_SINGLE_IP));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ncaps, 1773, NXC_MULTICAST,
			    NXC_MULTICAST | NXC_RAW_ICMP));
	ASSERT_LT(0, vn_read_virtnet(NULL, 1773, "status", buf, sizeof(buf)));
	EXPECT_STREQ("2", field(buf, "Tasks:\t")) TH_LOG("%s", buf);
	EXPECT_STREQ(hex16(NXF_INIT_SET), field(buf, "Flags:\t"))
		TH_LOG("%s", buf);
	EXPECT_STREQ(hex16(NXC_MULTICAST), field(buf, "NCaps:\t"))
		TH_LOG("%s", buf);
	EXPECT_STREQ(hex16(vn_nflags(1773)), field(buf, "Flags:\t"));
	EXPECT_STREQ(hex16(vn_ncaps(1773)), field(buf, "NCaps:\t"));
	vs_agents_stop_all();
}

TEST(virtnet_nid_info)
{
	struct vs_agent g;
	char buf[VS_DATA_MAX], line[128];

	VN_GUEST(g, 1774, NXF_INIT_SET);
	VN_ADD4(1774, VN_A4, VN_MASK24);
	ASSERT_LE(0, vn_v1(NULL, 0, 1774, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24));
	ASSERT_LE(0, vn_v2(NULL, 0, 1774, NXA_TYPE_RANGE, "192.0.2.20",
			   "192.0.2.30", "0.0.0.0"));
	VN_ADD6(1774, VN_A6);
	ASSERT_LE(0, vn_v6(NULL, 0, 1774, NXA_TYPE_MASK, "2001:db8:1::", 48));

	ASSERT_LT(0, vn_read_virtnet(NULL, 1774, "info", buf, sizeof(buf)))
		TH_LOG("/proc/virtnet/1774/info: %s", strerror(errno));
	EXPECT_STREQ("1774", field(buf, "ID:\t")) TH_LOG("%s", buf);
	EXPECT_STREQ("255.255.255.255", field(buf, "Bcast:\t"))
		TH_LOG("%s", buf);
	EXPECT_STREQ(vn_lback(1774), field(buf, "Lback:\t")) TH_LOG("%s", buf);
	/* The entry lines literally: "<i>:\t<ip>-<ip2>/<mask>:<type>". */
	snprintf(line, sizeof(line), ":\t%s\n",
		 vn_entry4(VN_A4, "0.0.0.0", VN_MASK24, NXA_TYPE_ADDR));
	EXPECT_NE(NULL, strstr(buf, line)) TH_LOG("no %s in %s", line, buf);
	snprintf(line, sizeof(line), ":\t%s\n",
		 vn_entry4("198.51.100.0", "0.0.0.0", VN_MASK24,
			   NXA_TYPE_MASK));
	EXPECT_NE(NULL, strstr(buf, line)) TH_LOG("no %s in %s", line, buf);
	EXPECT_EQ(1, has_range(1774, "192.0.2.20", "192.0.2.30"))
		TH_LOG("%s", buf);
	EXPECT_EQ(3, vn_count_entries(1774, AF_INET)) TH_LOG("%s", buf);
	ENTRY6(1774, VN_A6, 128, NXA_TYPE_ADDR);
	ENTRY6(1774, "2001:db8:1::", 48, NXA_TYPE_MASK);
	EXPECT_EQ(2, vn_count_entries(1774, AF_INET6)) TH_LOG("%s", buf);
	vs_agents_stop_all();
}

TEST(virtnet_lists_every_context_to_host)
{
	struct vs_agent a, b;
	char list[VS_DATA_MAX];

	VN_GUEST(a, 1775, NXF_INIT_SET);
	VN_GUEST(b, 1776, NXF_INIT_SET);
	ASSERT_LT(0, vs_list_dir("/proc/virtnet", list, sizeof(list)))
		TH_LOG("/proc/virtnet: %s", strerror(errno));
	EXPECT_TRUE(vs_list_has(list, "info")) TH_LOG("%s", list);
	EXPECT_TRUE(vs_list_has(list, "status")) TH_LOG("%s", list);
	EXPECT_TRUE(vs_list_has(list, "1775")) TH_LOG("%s", list);
	EXPECT_TRUE(vs_list_has(list, "1776")) TH_LOG("%s", list);
	EXPECT_EQ(0, access("/proc/virtnet/1775/info", F_OK));
	EXPECT_EQ(0, access("/proc/virtnet/1776/status", F_OK));
	vs_agents_stop_all();
}

/* The first name of list that is a number other than own; "" if none. */
static const char *other_nid(const char *list, const char *own, char *bad,
			     size_t size)
{
	const char *p = list;

	bad[0] = '\0';
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n && strspn(p, "0123456789") == n &&
		    !(n == strlen(own) && !strncmp(p, own, n))) {
			snprintf(bad, size, "%.*s", (int)n, p);
			break;
		}
		p += n;
		if (*p)
			p++;
	}
	return bad;
}

TEST(virtnet_lists_only_its_own_context_to_guest)
{
	struct vs_agent a, b;
	char list[VS_DATA_MAX], buf[VS_DATA_MAX], bad[64];

	VN_GUEST(a, 1777, NXF_INIT_SET);
	ASSERT_EQ(1777, vs_create(&a, 1777, VXF_INIT_SET));
	ASSERT_EQ(0, vs_clear_setup(&a, VX_SELF_ID));
	VN_GUEST(b, 1778, NXF_INIT_SET);
	ASSERT_EQ(1778, vs_create(&b, 1778, VXF_INIT_SET));
	ASSERT_EQ(0, vs_clear_setup(&b, VX_SELF_ID));

	ASSERT_LT(0, vs_list_as(&a, "/proc/virtnet", list, sizeof(list)))
		TH_LOG("/proc/virtnet in guest 1777: %s", strerror(errno));
	EXPECT_TRUE(vs_list_has(list, "1777")) TH_LOG("%s", list);
	EXPECT_FALSE(vs_list_has(list, "1778")) TH_LOG("%s", list);
	EXPECT_STREQ("", other_nid(list, "1777", bad, sizeof(bad)))
		TH_LOG("guest 1777 lists /proc/virtnet/%s", bad);
	EXPECT_EQ(-1, vs_access_as(&a, "/proc/virtnet/1778"));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, vs_access_as(&a, "/proc/virtnet/1778/info"));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, vs_access_as(&b, "/proc/virtnet/1777/status"));
	EXPECT_EQ(ENOENT, errno);

	ASSERT_LT(0, vs_list_as(&b, "/proc/virtnet", list, sizeof(list)));
	EXPECT_TRUE(vs_list_has(list, "1778")) TH_LOG("%s", list);
	EXPECT_STREQ("", other_nid(list, "1778", bad, sizeof(bad)))
		TH_LOG("guest 1778 lists /proc/virtnet/%s", bad);

	/* Its own files it reads. */
	ASSERT_LT(0, vs_read_as(&a, "/proc/virtnet/1777/info", buf,
				sizeof(buf)))
		TH_LOG("guest reads its info: %s", strerror(errno));
	EXPECT_STREQ("1777", field(buf, "ID:\t")) TH_LOG("%s", buf);
	ASSERT_LT(0, vs_read_as(&a, "/proc/virtnet/1777/status", buf,
				sizeof(buf)))
		TH_LOG("guest reads its status: %s", strerror(errno));
	EXPECT_STREQ("1", field(buf, "Tasks:\t")) TH_LOG("%s", buf);
	vs_agents_stop_all();
}

TEST(virtnet_nid_directory_goes_with_its_context)
{
	struct vs_agent g;

	VN_GUEST(g, 1779, NXF_INIT_SET);
	ASSERT_EQ(0, access("/proc/virtnet/1779/status", F_OK))
		TH_LOG("/proc/virtnet/1779/status: %s", strerror(errno));
	ASSERT_TRUE(virtnet_has(1779));
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vn_wait_gone(1779, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(-1, access("/proc/virtnet/1779", F_OK));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_FALSE(virtnet_has(1779));
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
