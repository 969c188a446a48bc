// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Virtualised uptime (VXF_VIRT_UPTIME) and virt_stat
 *
 * In a guest whose context has VIRT_UPTIME, time since boot is time
 * since the context was created: /proc/uptime, sysinfo(2) and the start
 * times (field 22) of /proc/<pid>/stat.  Without the flag the guest sees
 * the host's values.  virt_stat reports, among others, the nanoseconds
 * since the context was created and its number of tasks.
 *
 * The VM has been up for a few seconds at least when the tests run (it
 * boots under TCG), which the comparisons with the host rely on.  Every
 * test uses context ids of its own (1500..1599).
 */

#define _GNU_SOURCE
#include <math.h>

#include "kselftest_harness.h"
#include "vs_helpers2.h"

/* The first number of /proc/uptime as agent a (NULL: the caller) sees it. */
static double uptime_of(struct vs_agent *a)
{
	char buf[256];
	double v;

	if (vs_read_as(a, "/proc/uptime", buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%lf", &v) != 1)
		return -1;
	return v;
}

static long fn_sysinfo_uptime(struct vs_msg *m)
{
	struct sysinfo si;

	if (sysinfo(&si))
		return -1;
	return si.uptime;
}

/* sysinfo().uptime of agent a (NULL: the caller). */
static long sysinfo_uptime_of(struct vs_agent *a)
{
	if (!a)
		return fn_sysinfo_uptime(NULL);
	return VS_CALL(a, fn_sysinfo_uptime);
}

/* Field 22 (starttime) of a /proc/<pid>/stat text; -1 if none. */
static long long stat_starttime(const char *text)
{
	const char *p = strrchr(text, ')');
	int field;

	if (!p)
		return -1;
	p++;
	/* p is before field 3. */
	for (field = 3; field < 22; field++) {
		p = strchr(p + 1, ' ');
		if (!p)
			return -1;
	}
	return atoll(p + 1);
}

/* The starttime of pid as agent a (NULL: the caller) reads it. */
static long long starttime_of(struct vs_agent *a, pid_t pid)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (vs_read_as(a, path, buf, sizeof(buf)) <= 0)
		return -1;
	return stat_starttime(buf);
}

static uint64_t boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static double boottime_s(void)
{
	return boottime_ns() / 1e9;
}

/*
 * Upper bounds on a time are the clock readings around it, never a
 * constant: on a loaded machine the VM may stall for seconds anywhere.
 * /proc/uptime truncates to 10 ms, so bounds allow 20 ms.
 */
#define UPTIME_SLACK	0.02

/*
 * The comparisons with the host need it to be up for a while: waits
 * until /proc/uptime says 4 s (a few seconds at most after boot).
 */
static void wait_host_uptime(void)
{
	int t;

	for (t = 0; t < 100 && uptime_of(NULL) < 4.0; t++)
		vs_msleep(100);
}

/* ------------------------------------------------------------------ */
/* VIRT_UPTIME                                                        */
/* ------------------------------------------------------------------ */

TEST(virt_uptime_proc_uptime_counts_from_the_context_start)
{
	double gu, hu, b0, b1;
	long gs, hs;
	struct vs_agent g;

	wait_host_uptime();
	b0 = boottime_s();
	VS_RUNNING_GUEST(g, 1500, VXF_INIT_SET | VXF_VIRT_UPTIME);
	vs_msleep(1000);
	gu = uptime_of(&g);
	hu = uptime_of(NULL);
	ASSERT_LE(0, gu) TH_LOG("the guest cannot read /proc/uptime");
	ASSERT_LT(3.0, hu) TH_LOG("the host is up for %.2f s only", hu);
	EXPECT_LE(0.9, gu) TH_LOG("guest %.2f, host %.2f", gu, hu);
	/* Not more than since before its creation. */
	b1 = boottime_s();
	EXPECT_GE(b1 - b0 + UPTIME_SLACK, gu)
		TH_LOG("guest %.2f, %.2f s since before its creation", gu,
		       b1 - b0);
	/* The host's counts from its boot: more by the time until then. */
	EXPECT_GE(hu - b0 + UPTIME_SLACK, gu)
		TH_LOG("guest %.2f, host %.2f, created after %.2f", gu, hu, b0);
	EXPECT_GT(hu - 1.0, gu) TH_LOG("guest %.2f, host %.2f", gu, hu);

	gs = sysinfo_uptime_of(&g);
	hs = sysinfo_uptime_of(NULL);
	b1 = boottime_s();
	EXPECT_LE(1, gs) TH_LOG("guest %ld, host %ld", gs, hs);
	EXPECT_GE((long)(b1 - b0) + 1, gs)
		TH_LOG("guest %ld, %.2f s since before its creation", gs,
		       b1 - b0);
	EXPECT_GT(hs - 1, gs) TH_LOG("guest %ld, host %ld", gs, hs);
	vs_agents_stop_all();
}

TEST(virt_uptime_stat_starttime_counts_from_the_context_start)
{
	const long hz = sysconf(_SC_CLK_TCK);
	long long gst, gst2, hst;
	struct vs_agent g, g2;
	double b0, b1;

	ASSERT_LT(0, hz);
	wait_host_uptime();
	b0 = boottime_s();
	VS_RUNNING_GUEST(g, 1501, VXF_INIT_SET | VXF_VIRT_UPTIME);
	vs_msleep(1000);
	VS_FORK(g, g2);
	b1 = boottime_s();
	/* Read inside the guest, by the task itself and by another one. */
	gst = starttime_of(&g2, g2.pid);
	gst2 = starttime_of(&g, g2.pid);
	hst = starttime_of(NULL, g2.pid);
	ASSERT_LE(0, gst);
	ASSERT_LE(0, hst);
	EXPECT_LE(hz / 2, gst) TH_LOG("guest %lld, host %lld", gst, hst);
	/* Forked at most the time since before the guest's creation. */
	EXPECT_GE((long long)((b1 - b0) * hz) + 1, gst)
		TH_LOG("guest %lld, host %lld, %.2f s since before the "
		       "creation", gst, hst, b1 - b0);
	EXPECT_LE(gst + hz, hst) TH_LOG("guest %lld, host %lld", gst, hst);
	EXPECT_EQ(gst, gst2);
	vs_agents_stop_all();
}

TEST(without_virt_uptime_the_guest_sees_the_hosts_values)
{
	long long gst, hst;
	struct vs_agent g, g2;
	double gu, hu, h0;
	long gs, hs, s0;

	VS_RUNNING_GUEST(g, 1502, VXF_INIT_SET);
	vs_msleep(500);
	/* The guest's reading is between two of the host's. */
	h0 = uptime_of(NULL);
	gu = uptime_of(&g);
	hu = uptime_of(NULL);
	ASSERT_LE(0, gu);
	EXPECT_TRUE(h0 <= gu && gu <= hu)
		TH_LOG("host %.2f, guest %.2f, host %.2f", h0, gu, hu);
	s0 = sysinfo_uptime_of(NULL);
	gs = sysinfo_uptime_of(&g);
	hs = sysinfo_uptime_of(NULL);
	EXPECT_TRUE(s0 <= gs && gs <= hs)
		TH_LOG("host %ld, guest %ld, host %ld", s0, gs, hs);

	VS_FORK(g, g2);
	gst = starttime_of(&g2, g2.pid);
	hst = starttime_of(NULL, g2.pid);
	ASSERT_LE(0, gst);
	EXPECT_EQ(hst, gst);
	vs_agents_stop_all();
}

TEST(virt_uptime_set_later_counts_from_the_context_start)
{
	struct vs_agent g;
	double gu, hu, h0, b0, b1;

	wait_host_uptime();
	b0 = boottime_s();
	VS_GUEST(g, 1503, VXF_INIT_SET);
	vs_msleep(1000);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 1503, VXF_VIRT_UPTIME,
			    VXF_VIRT_UPTIME));
	gu = uptime_of(&g);
	hu = uptime_of(NULL);
	b1 = boottime_s();
	EXPECT_LE(0.9, gu) TH_LOG("guest %.2f, host %.2f", gu, hu);
	EXPECT_GE(b1 - b0 + UPTIME_SLACK, gu)
		TH_LOG("guest %.2f, %.2f s since before its creation", gu,
		       b1 - b0);
	EXPECT_GT(hu - 1.0, gu) TH_LOG("guest %.2f, host %.2f", gu, hu);

	/* And back: between two readings of the host's. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_cflags, 1503, 0, VXF_VIRT_UPTIME));
	h0 = uptime_of(NULL);
	gu = uptime_of(&g);
	hu = uptime_of(NULL);
	EXPECT_TRUE(h0 <= gu && gu <= hu)
		TH_LOG("host %.2f, guest %.2f, host %.2f", h0, gu, hu);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* virt_stat                                                          */
/* ------------------------------------------------------------------ */

TEST(virt_stat_uptime_and_threads)
{
	struct vcmd_virt_stat_v0 a, b;
	struct vcmd_ctx_stat_v0 st;
	uint64_t t0, t1, t2, t3, t4;
	struct vs_agent g, g2;

	t0 = boottime_ns();
	VS_GUEST(g, 1504, VXF_INIT_SET);
	t1 = boottime_ns();
	VS_FORK(g, g2);
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_thread));
	ASSERT_EQ(3, vs_wait_tasks(1504, 3, 1000));
	vs_msleep(200);

	t2 = boottime_ns();
	ASSERT_EQ(0, vs_virt_stat(NULL, 1504, &a))
		TH_LOG("%s", strerror(errno));
	t3 = boottime_ns();
	/* Nanoseconds since the creation, within the clock readings. */
	EXPECT_LE(a.uptime, t3 - t0 + 10000000ULL)
		TH_LOG("uptime %llu ns", (unsigned long long)a.uptime);
	EXPECT_GE(a.uptime + 10000000ULL, t2 - t1)
		TH_LOG("uptime %llu ns", (unsigned long long)a.uptime);
	ASSERT_EQ(0, vs_ctx_stat(NULL, 1504, &st));
	EXPECT_EQ(st.tasks, a.nr_threads);
	EXPECT_EQ(3, a.nr_threads);

	/* It grows. */
	vs_msleep(300);
	ASSERT_EQ(0, vs_virt_stat(NULL, 1504, &b));
	t4 = boottime_ns();
	EXPECT_LE(a.uptime + 250000000ULL, b.uptime)
		TH_LOG("%llu, then %llu", (unsigned long long)a.uptime,
		       (unsigned long long)b.uptime);
	/* By no more than the clock between the readings. */
	EXPECT_GE(a.uptime + (t4 - t2) + 10000000ULL, b.uptime)
		TH_LOG("%llu, then %llu, %llu ns apart",
		       (unsigned long long)a.uptime,
		       (unsigned long long)b.uptime,
		       (unsigned long long)(t4 - t2));
	EXPECT_EQ(3, b.nr_threads);

	/* One process (two tasks) less. */
	ASSERT_EQ(0, vs_agent_stop(&g2));
	ASSERT_EQ(1, vs_wait_tasks(1504, 1, VS_GONE_TIMEOUT_MS));
	ASSERT_EQ(0, vs_virt_stat(NULL, 1504, &b));
	EXPECT_EQ(1, b.nr_threads);
	vs_agents_stop_all();
}

TEST(virt_stat_needs_no_privilege_for_the_own_context)
{
	struct vcmd_virt_stat_v0 v;
	struct vs_agent g, n, o;
	uint64_t t0 = boottime_ns();

	VS_RUNNING_GUEST(g, 1505, VXF_INIT_SET);
	VS_FORK(g, n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_virt_stat(&n, VX_SELF_ID, &v))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(2, v.nr_threads);
	EXPECT_GE(boottime_ns() - t0 + 10000000ULL, v.uptime)
		TH_LOG("uptime %llu ns", (unsigned long long)v.uptime);
	ASSERT_EQ(0, vs_virt_stat(&n, 1505, &v))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(2, v.nr_threads);

	/* Not another context; and a missing one is ESRCH. */
	VS_GUEST(o, 1506, VXF_INIT_SET);
	EXPECT_EQ(-1, vs_virt_stat(&n, 1506, &v));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_virt_stat(&o, 1505, &v));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_virt_stat(NULL, 1507, &v));
	EXPECT_EQ(ESRCH, errno);
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
