// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - /proc/virtual for process contexts, and the VxID
 * and NxID lines of /proc/<pid>/status
 *
 * Every test uses context ids of its own (400..499).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers.h"

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

static const char *dec(unsigned long v)
{
	static char buf[8][24];
	static int n;
	char *out = buf[n++ % 8];

	snprintf(out, sizeof(buf[0]), "%lu", v);
	return out;
}

/*
 * The first name of list (one a line) that is neither "info", "status"
 * nor own, copied to bad; "" if there is none.
 */
static const char *other_name(const char *list, const char *own, char *bad,
			      size_t size)
{
	const char *p = list;

	bad[0] = '\0';
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (!((n == 4 && !strncmp(p, "info", 4)) ||
		      (n == 6 && !strncmp(p, "status", 6)) ||
		      (n == strlen(own) && !strncmp(p, own, n)))) {
			snprintf(bad, size, "%.*s", (int)n, p);
			break;
		}
		p += n;
		if (*p)
			p++;
	}
	return bad;
}

/* /proc/<pid>/status as agent a (NULL: the test) sees it. */
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

/* The status lines of context xid match its get_* values. */
static void expect_status_matches(struct __test_metadata *_metadata,
				  uint32_t xid, uint32_t tasks)
{
	char buf[4096];
	uint64_t usecnt;

	ASSERT_LT(0, vs_read_virtual(xid, "status", buf, sizeof(buf)))
		TH_LOG("/proc/virtual/%u/status: %s", xid, strerror(errno));
	ASSERT_EQ(0, vs_field_u64(buf, "UseCnt:\t", 10, &usecnt))
		TH_LOG("%s", buf);
	EXPECT_LE(1, usecnt);
	EXPECT_STREQ(dec(tasks), field(buf, "Tasks:\t"));
	EXPECT_STREQ(hex16(vs_getv(VCMD_get_cflags, xid)),
		     field(buf, "Flags:\t"));
	EXPECT_STREQ(hex16(vs_getv(VCMD_get_bcaps, xid)),
		     field(buf, "BCaps:\t"));
	EXPECT_STREQ(hex16(vs_getv(VCMD_get_ccaps, xid)),
		     field(buf, "CCaps:\t"));
	EXPECT_STREQ(hex16(vs_getv(VCMD_get_umask, xid)),
		     field(buf, "Umask:\t"));
}

/* ------------------------------------------------------------------ */
/* /proc/virtual                                                      */
/* ------------------------------------------------------------------ */

TEST(virtual_status_counts_contexts)
{
	unsigned int total, base, active;
	struct vs_agent g;
	char buf[1024];

	ASSERT_LT(0, read_file("/proc/virtual/status", buf, sizeof(buf)));
	ASSERT_EQ(0, strncmp(buf, "#CTotal:\t", 9)) TH_LOG("%s", buf);
	ASSERT_NE(NULL, strstr(buf, "\n#CActive:\t")) TH_LOG("%s", buf);
	/* #CActive is the second line. */
	ASSERT_EQ(0, strncmp(strchr(buf, '\n') + 1, "#CActive:\t", 10))
		TH_LOG("%s", buf);

	ASSERT_EQ(0, vs_virtual_stable(&total, &base));
	EXPECT_LE(base, total);

	VS_GUEST(g, 401, VXF_INIT_SET);
	ASSERT_EQ(0, vs_virtual_counts(&total, &active));
	EXPECT_EQ(base + 1, active);
	EXPECT_LE(active, total);

	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(401, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vs_virtual_counts(&total, &active));
	EXPECT_EQ(base, active);
	vs_agents_stop_all();
}

TEST(virtual_xid_info)
{
	struct vs_agent g, h;
	char buf[1024];

	VS_GUEST(g, 402, VXF_INIT_SET);
	ASSERT_LT(0, vs_read_virtual(402, "info", buf, sizeof(buf)));
	EXPECT_STREQ("402", field(buf, "ID:\t"));
	EXPECT_STRNE("(none)", field(buf, "Info:\t"));
	EXPECT_STREQ("0", field(buf, "Init:\t"));

	/* The init, once there is one. */
	VS_START(h);
	ASSERT_EQ(0, vs_migrate(&h, 402, VXM_SET_INIT));
	ASSERT_LT(0, vs_read_virtual(402, "info", buf, sizeof(buf)));
	EXPECT_STREQ(dec(h.pid), field(buf, "Init:\t"));
	EXPECT_STREQ("402", field(buf, "ID:\t"));
	vs_agents_stop_all();
}

TEST(virtual_xid_status)
{
	const uint64_t f = VXF_INIT_SET | VXF_VIRT_UPTIME;
	struct vs_agent g;
	char buf[4096];

	VS_GUEST(g, 403, f);
	ASSERT_LT(0, vs_read_virtual(403, "status", buf, sizeof(buf)));
	/* Literally, for a new context. */
	EXPECT_STREQ("1", field(buf, "Tasks:\t"));
	EXPECT_STREQ(hex16(f), field(buf, "Flags:\t"));
	EXPECT_STREQ(hex16(VS_DEFAULT_BCAPS), field(buf, "BCaps:\t"));
	EXPECT_STREQ(hex16(VS_DEFAULT_CCAPS), field(buf, "CCaps:\t"));
	EXPECT_STREQ(hex16(0), field(buf, "Umask:\t"));
	expect_status_matches(_metadata, 403, 1);
	vs_agents_stop_all();
}

TEST(virtual_xid_status_follows_changes)
{
	struct vs_agent g, g2;

	VS_GUEST(g, 404, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 404, VXF_VIRT_MEM,
			    VXF_VIRT_MEM));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 404, VXC_SET_RLIMIT,
			    VXC_SET_RLIMIT | VXC_SET_UTSNAME));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_bcaps, 404, VS_CAP(CAP_SYS_NICE),
			    VS_CAP(CAP_SYS_NICE)));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_umask, 404, 0x04000000ULL, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(NULL, 404));
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_thread));
	VS_FORK(g, g2);
	ASSERT_EQ(3, vs_wait_tasks(404, 3, 1000));
	expect_status_matches(_metadata, 404, 3);
	vs_agents_stop_all();
}

TEST(virtual_lists_every_context_to_host_and_spectator)
{
	struct vs_agent a, b, s;
	char list[VS_DATA_MAX];

	VS_GUEST(a, 405, VXF_INIT_SET);
	VS_GUEST(b, 406, VXF_INIT_SET);
	VS_SPECTATOR(s);

	ASSERT_LT(0, vs_list_as(NULL, "/proc/virtual", list, sizeof(list)));
	EXPECT_TRUE(vs_list_has(list, "info"));
	EXPECT_TRUE(vs_list_has(list, "status"));
	EXPECT_TRUE(vs_list_has(list, "405")) TH_LOG("host: %s", list);
	EXPECT_TRUE(vs_list_has(list, "406")) TH_LOG("host: %s", list);

	ASSERT_LT(0, vs_list_as(&s, "/proc/virtual", list, sizeof(list)))
		TH_LOG("%s", strerror(errno));
	EXPECT_TRUE(vs_list_has(list, "info"));
	EXPECT_TRUE(vs_list_has(list, "status"));
	EXPECT_TRUE(vs_list_has(list, "405")) TH_LOG("spectator: %s", list);
	EXPECT_TRUE(vs_list_has(list, "406")) TH_LOG("spectator: %s", list);
	EXPECT_EQ(0, vs_access_as(&s, "/proc/virtual/405/status"));
	vs_agents_stop_all();
}

TEST(virtual_lists_only_its_own_context_to_guest)
{
	struct vs_agent a, b;
	char list[VS_DATA_MAX], buf[VS_DATA_MAX], bad[256];

	VS_GUEST(a, 407, VXF_INIT_SET);
	VS_GUEST(b, 408, VXF_INIT_SET);

	ASSERT_LT(0, vs_list_as(&a, "/proc/virtual", list, sizeof(list)))
		TH_LOG("%s", strerror(errno));
	EXPECT_TRUE(vs_list_has(list, "info"));
	EXPECT_TRUE(vs_list_has(list, "status"));
	EXPECT_TRUE(vs_list_has(list, "407"));
	/* Nothing else: no other context. */
	EXPECT_STREQ("", other_name(list, "407", bad, sizeof(bad)))
		TH_LOG("guest 407 lists /proc/virtual/%s", bad);

	EXPECT_EQ(-1, vs_access_as(&a, "/proc/virtual/408"));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, vs_access_as(&a, "/proc/virtual/408/status"));
	EXPECT_EQ(ENOENT, errno);
	EXPECT_EQ(-1, vs_access_as(&b, "/proc/virtual/407/info"));
	EXPECT_EQ(ENOENT, errno);

	/* Its own files it reads. */
	ASSERT_LT(0, vs_read_as(&a, "/proc/virtual/407/status", buf,
				sizeof(buf)));
	EXPECT_STREQ("1", field(buf, "Tasks:\t"));
	ASSERT_LT(0, vs_read_as(&a, "/proc/virtual/407/info", buf,
				sizeof(buf)));
	EXPECT_STREQ("407", field(buf, "ID:\t"));
	ASSERT_LT(0, vs_read_as(&a, "/proc/virtual/status", buf,
				sizeof(buf)));
	EXPECT_EQ(0, strncmp(buf, "#CTotal:\t", 9));
	vs_agents_stop_all();
}

TEST(virtual_xid_directory_goes_with_its_context)
{
	struct vs_agent g;
	char list[VS_DATA_MAX];

	VS_GUEST(g, 409, VXF_INIT_SET);
	ASSERT_EQ(0, access("/proc/virtual/409/status", F_OK));
	ASSERT_EQ(0, vs_agent_stop(&g));
	ASSERT_EQ(0, vs_wait_gone(409, VS_GONE_TIMEOUT_MS));
	EXPECT_EQ(-1, access("/proc/virtual/409", F_OK));
	EXPECT_EQ(ENOENT, errno);
	ASSERT_LT(0, vs_list_as(NULL, "/proc/virtual", list, sizeof(list)));
	EXPECT_FALSE(vs_list_has(list, "409"));
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* /proc/<pid>/status                                                 */
/* ------------------------------------------------------------------ */

TEST(pid_status_has_vxid_and_nxid)
{
	struct vs_agent g, s;
	char buf[VS_DATA_MAX];

	/* The test program, in the host. */
	ASSERT_LT(0, pid_status(NULL, 0, buf, sizeof(buf)));
	EXPECT_STREQ("0", field(buf, "VxID:\t"));
	EXPECT_STREQ("0", field(buf, "NxID:\t"));

	VS_GUEST(g, 410, VXF_INIT_SET);
	ASSERT_LT(0, pid_status(NULL, g.pid, buf, sizeof(buf)));
	EXPECT_STREQ("410", field(buf, "VxID:\t"));
	EXPECT_STREQ("0", field(buf, "NxID:\t"));
	/* Seen from inside. */
	ASSERT_LT(0, pid_status(&g, 0, buf, sizeof(buf)));
	EXPECT_STREQ("410", field(buf, "VxID:\t"));

	VS_SPECTATOR(s);
	ASSERT_LT(0, pid_status(NULL, s.pid, buf, sizeof(buf)));
	EXPECT_STREQ("1", field(buf, "VxID:\t"));
	vs_agents_stop_all();
}

TEST(pid_status_hide_vinfo)
{
	struct vs_agent g;
	char buf[VS_DATA_MAX];

	VS_GUEST(g, 411, VXF_INIT_SET | VXF_HIDE_VINFO);
	ASSERT_LT(0, pid_status(NULL, g.pid, buf, sizeof(buf)));
	EXPECT_STREQ("(none)", field(buf, "VxID:"));
	EXPECT_STREQ("(none)", field(buf, "NxID:"));
	ASSERT_LT(0, pid_status(&g, 0, buf, sizeof(buf)));
	EXPECT_STREQ("(none)", field(buf, "VxID:"));
	EXPECT_STREQ("(none)", field(buf, "NxID:"));

	/* Only that context's tasks lose them. */
	ASSERT_LT(0, pid_status(NULL, 0, buf, sizeof(buf)));
	EXPECT_STREQ("0", field(buf, "VxID:\t"));
	vs_agents_stop_all();
}

TEST(pid_status_hide_vinfo_follows_cflags)
{
	struct vs_agent g;
	char buf[VS_DATA_MAX];

	VS_GUEST(g, 412, VXF_INIT_SET);
	ASSERT_LT(0, pid_status(NULL, g.pid, buf, sizeof(buf)));
	EXPECT_STREQ("412", field(buf, "VxID:\t"));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 412, VXF_HIDE_VINFO,
			    VXF_HIDE_VINFO));
	ASSERT_LT(0, pid_status(NULL, g.pid, buf, sizeof(buf)));
	EXPECT_STREQ("(none)", field(buf, "VxID:"));
	EXPECT_STREQ("(none)", field(buf, "NxID:"));

	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 412, 0, VXF_HIDE_VINFO));
	ASSERT_LT(0, pid_status(NULL, g.pid, buf, sizeof(buf)));
	EXPECT_STREQ("412", field(buf, "VxID:\t"));
	EXPECT_STREQ("0", field(buf, "NxID:\t"));
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
