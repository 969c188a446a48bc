// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Memory and CPU of a context through its cgroups:
 * RLIMIT_RSS (memory.max, usage, watermark, memory.events "max"), the
 * scheduler commands set_sched, get_sched and sched_info (cpu.max,
 * cpu.weight) and what they do to the tasks of a guest.
 *
 * A context's memory and cpu cgroups are the ones its creator was in at
 * ctx_create, unless that is the root cgroup.  Each test makes its own
 * cgroups /sys/fs/cgroup/vstest-<id> and removes them at the end (the
 * fixture's teardown also removes them after a failure); the test
 * program stays in the root cgroup and moves agents (see vs_helpers.h)
 * into a cgroup before they create or join a context.
 *
 * Memory hogs always run in a cgroup with a small limit, so that only
 * memory cgroup OOM kills happen (the VM harness expects those), never a
 * global one.
 *
 * Every test uses context ids of its own (1960..1999).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers3.h"
#include "vs_cgroup.h"

#include <linux/vserver/sched_cmd.h>

#define MIB		(1024L * 1024L)

/* The limits this kernel enforces (objlimit_test.c lists them). */
#define RS_LIMITS_ENFORCED	(VS_LIMITS_ENFORCED | (1U << RLIMIT_RSS))
_Static_assert(RS_LIMITS_ENFORCED == 0x033b1fe0,
	       "RSS (5) NPROC (6) NOFILE (7) MEMLOCK (8) AS (9) LOCKS (10) "
	       "SIGPENDING (11) MSGQUEUE (12) NSOCK (16) OPENFD (17) "
	       "SHMEM (19) SEMARY (20) NSEMS (21) POSIXMQ (24) AIO (25)");

/* The bits get_sched reports in its mask. */
#define RS_SCHED_MASK	(VXSM_FILL_RATE | VXSM_INTERVAL | VXSM_PRIO_BIAS)

/* Pages of n MiB. */
static long pages_of_mib(long n)
{
	return n * MIB / getpagesize();
}

/* The scheduler's weights of the nice levels -20..19. */
static const int nice_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

/* cpu.weight of nice level n: its weight in cgroup units (1024 = 100). */
static int cgroup_weight_of_nice(int n)
{
	if (n < -20)
		n = -20;
	if (n > 19)
		n = 19;
	return (nice_weight[n + 20] * 100 + 512) / 1024;
}

/* ------------------------------------------------------------------ */
/* Functions agents run                                               */
/* ------------------------------------------------------------------ */

#define RS_MAX_MAPS	16

/* In an agent: the memory it holds. */
static struct {
	char *p;
	size_t len;
} rs_maps[RS_MAX_MAPS];
static int rs_nmaps;

/* Maps len bytes of anonymous memory and writes every page; NULL on error. */
static char *touch(size_t len)
{
	const size_t pg = getpagesize();
	size_t off;
	char *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (off = 0; off < len; off += pg)
		((volatile char *)p)[off] = 1;
	return p;
}

/* Maps arg0 bytes, writes every page and keeps them.  Returns 0. */
static long fn_alloc(struct vs_msg *m)
{
	char *p;

	if (rs_nmaps == RS_MAX_MAPS) {
		errno = ENOSPC;
		return -1;
	}
	p = touch(m->arg[0]);
	if (!p)
		return -1;
	rs_maps[rs_nmaps].p = p;
	rs_maps[rs_nmaps].len = m->arg[0];
	rs_nmaps++;
	return 0;
}

/* Unmaps all it keeps.  Returns how many mappings. */
static long fn_free(struct vs_msg *m)
{
	long n = rs_nmaps;

	while (rs_nmaps > 0) {
		rs_nmaps--;
		munmap(rs_maps[rs_nmaps].p, rs_maps[rs_nmaps].len);
	}
	return n;
}

/* Maps and writes arg0 bytes, then unmaps them.  Returns 0. */
static long fn_touch_and_free(struct vs_msg *m)
{
	char *p = touch(m->arg[0]);

	if (!p)
		return -1;
	munmap(p, m->arg[0]);
	return 0;
}

/* Runs on CPU arg0 only. */
static long fn_pin(struct vs_msg *m)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(m->arg[0], &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static uint64_t now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t tv_ns(const struct timeval *tv)
{
	return tv->tv_sec * 1000000000ULL + tv->tv_usec * 1000ULL;
}

/* What fn_busy measured over its loop. */
struct rs_busy {
	uint64_t cpu_ns;	/* CLOCK_THREAD_CPUTIME_ID */
	uint64_t ru_ns;		/* getrusage(RUSAGE_SELF) user + system */
	uint64_t wall_ns;	/* CLOCK_MONOTONIC */
};

/*
 * Waits until CLOCK_MONOTONIC arg0 (ns; 0: no wait), then loops on the
 * CPU until CLOCK_MONOTONIC arg1.  data out: struct rs_busy.  Returns 0.
 */
static long fn_busy(struct vs_msg *m)
{
	const uint64_t start = m->arg[0], end = m->arg[1];
	struct rusage r0, r1;
	struct rs_busy b;
	uint64_t c0, t0;

	if (start) {
		struct timespec ts = { start / 1000000000ULL,
				       start % 1000000000ULL };

		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts,
				       NULL) == EINTR)
			;
	}
	getrusage(RUSAGE_SELF, &r0);
	c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	t0 = now_ns(CLOCK_MONOTONIC);
	while (now_ns(CLOCK_MONOTONIC) < end) {
		volatile unsigned long i;

		for (i = 0; i < 2000; i++)
			;
	}
	b.cpu_ns = now_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
	b.wall_ns = now_ns(CLOCK_MONOTONIC) - t0;
	getrusage(RUSAGE_SELF, &r1);
	b.ru_ns = tv_ns(&r1.ru_utime) + tv_ns(&r1.ru_stime) -
		  tv_ns(&r0.ru_utime) - tv_ns(&r0.ru_stime);
	memcpy(m->data, &b, sizeof(b));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Commands                                                           */
/* ------------------------------------------------------------------ */

static long set_sched(struct vs_agent *a, uint32_t xid, uint32_t mask,
		      int32_t fill_rate, int32_t interval, int32_t prio_bias)
{
	struct vcmd_sched_v5 s;

	memset(&s, 0, sizeof(s));
	s.mask = mask;
	s.cpu_id = -1;
	s.fill_rate[0] = fill_rate;
	s.interval[0] = interval;
	s.prio_bias = prio_bias;
	return vs_cmd(a, VCMD_set_sched, xid, &s, sizeof(s));
}

/* set_sched of all three fields. */
static long set_sched3(struct vs_agent *a, uint32_t xid, int32_t fill_rate,
		       int32_t interval, int32_t prio_bias)
{
	return set_sched(a, xid, RS_SCHED_MASK, fill_rate, interval,
			 prio_bias);
}

static long get_sched(struct vs_agent *a, uint32_t xid,
		      struct vcmd_sched_v5 *s)
{
	memset(s, 0xa5, sizeof(*s));
	return vs_cmd(a, VCMD_get_sched, xid, s, sizeof(*s));
}

static long sched_info(struct vs_agent *a, uint32_t xid, int32_t cpu_id,
		       struct vcmd_sched_info *i)
{
	memset(i, 0xa5, sizeof(*i));
	i->cpu_id = cpu_id;
	return vs_cmd(a, VCMD_sched_info, xid, i, sizeof(*i));
}

/* user + sys of sched_info of xid in ms; -1 (and a message) on an error. */
static long long info_msec(uint32_t xid)
{
	struct vcmd_sched_info i;

	if (sched_info(NULL, xid, -1, &i)) {
		fprintf(stderr, "# sched_info(%u): %s\n", xid, strerror(errno));
		return -1;
	}
	return (long long)(i.user_msec + i.sys_msec);
}

/* ------------------------------------------------------------------ */
/* The fixture: cgroup2 with memory and cpu, the test's cgroups        */
/* ------------------------------------------------------------------ */

#define RS_MAX_CG	4

FIXTURE(rsrc) {
	char cg[RS_MAX_CG][32];
	int ncg;
	uint32_t persistent;	/* a persistent context to end, or 0 */
};

FIXTURE_SETUP(rsrc)
{
	self->ncg = 0;
	self->persistent = 0;
	ASSERT_EQ(0, vs_cg_setup("memory cpu"))
		TH_LOG("cgroup2 on %s with memory and cpu for the children: %s",
		       VS_CG_ROOT, strerror(errno));
}

FIXTURE_TEARDOWN(rsrc)
{
	int i;

	if (self->persistent) {
		vs_set(NULL, VCMD_set_cflags, self->persistent, 0,
		       VXF_PERSISTENT);
		self->persistent = 0;
	}
	/* Whatever happened: nothing stays in the test's cgroups. */
	for (i = 0; i < self->ncg; i++)
		if (vs_cg_remove(self->cg[i], 5000))
			TH_LOG("cannot remove cgroup %s: %s", self->cg[i],
			       strerror(errno));
}

/* Makes cgroup vstest-<id>, to be removed at the end of the test. */
static const char *cg_new(struct __test_metadata *_metadata,
			  FIXTURE_DATA(rsrc) *self, unsigned int id)
{
	char *cg;

	ASSERT_LT(self->ncg, RS_MAX_CG);
	cg = self->cg[self->ncg];
	snprintf(cg, sizeof(self->cg[0]), "vstest-%u", id);
	ASSERT_EQ(0, vs_cg_create(cg))
		TH_LOG("cannot make cgroup %s: %s", cg, strerror(errno));
	self->ncg++;
	/* No swap: what is over the memory limit is OOM-killed. */
	if (vs_cg_write(cg, "memory.swap.max", "0") && errno != ENOENT)
		TH_LOG("memory.swap.max of %s: %s", cg, strerror(errno));
	return cg;
}

/* Stops the agents, then removes the test's cgroups: both must work. */
static void end_test(struct __test_metadata *_metadata,
		     FIXTURE_DATA(rsrc) *self)
{
	if (self->persistent) {
		EXPECT_EQ(0, vs_set(NULL, VCMD_set_cflags, self->persistent, 0,
				    VXF_PERSISTENT))
			TH_LOG("clearing PERSISTENT of %u: %s",
			       self->persistent, strerror(errno));
		self->persistent = 0;
	}
	vs_agents_stop_all();
	while (self->ncg > 0) {
		const char *cg = self->cg[self->ncg - 1];

		EXPECT_EQ(0, vs_cg_remove(cg, 5000))
			TH_LOG("cannot remove cgroup %s: %s", cg,
			       strerror(errno));
		self->ncg--;
	}
}

/* Agent a (already started) moves into cgroup cg. */
#define CG_ENTER(a, cg)							\
	do {								\
		ASSERT_EQ(0, vs_cg_enter((cg), (a).pid))		\
			TH_LOG("agent " #a " into cgroup %s: %s", (cg),	\
			       strerror(errno));			\
		ASSERT_TRUE(vs_cg_is_in((cg), (a).pid))			\
			TH_LOG("agent " #a " is not in cgroup %s", (cg));\
	} while (0)

/* Starts agent a in cgroup cg, where it creates context xid (flags). */
#define CG_GUEST_F(a, cg, xid, flags)					\
	do {								\
		VS_START(a);						\
		CG_ENTER(a, cg);					\
		ASSERT_EQ((long)(xid), vs_create(&(a), (xid), (flags)))	\
			TH_LOG("agent " #a ": ctx_create(%u) in %s: %s",	\
			       (unsigned int)(xid), (cg), strerror(errno));\
	} while (0)

#define CG_GUEST(a, cg, xid)	CG_GUEST_F(a, cg, xid, VXF_INIT_SET)

/* Starts agent a in cgroup cg and moves it into context xid. */
#define CG_JOIN(a, cg, xid)						\
	do {								\
		VS_START(a);						\
		CG_ENTER(a, cg);					\
		ASSERT_EQ(0, vs_migrate(&(a), (xid), 0))		\
			TH_LOG("agent " #a ": ctx_migrate(%u): %s",	\
			       (unsigned int)(xid), strerror(errno));	\
	} while (0)

/* File of cgroup cg reads want. */
#define EXPECT_CG(cg, file, want)					\
	do {								\
		char _b[256];						\
									\
		_b[0] = '\0';						\
		EXPECT_LT(0, vs_cg_read((cg), (file), _b, sizeof(_b)))	\
			TH_LOG("read %s/%s: %s", (cg), (file),		\
			       strerror(errno));			\
		EXPECT_STREQ((want), _b)				\
			TH_LOG("%s/%s", (cg), (file));			\
	} while (0)

/* memory.max of cg is pages pages (VS_CG_MAX: "max"). */
static void expect_memory_max(struct __test_metadata *_metadata,
			      const char *cg, uint64_t pages)
{
	char want[32];

	if (pages == VS_CG_MAX)
		snprintf(want, sizeof(want), "max\n");
	else
		snprintf(want, sizeof(want), "%llu\n",
			 (unsigned long long)pages * getpagesize());
	EXPECT_CG(cg, "memory.max", want);
}

/* get_rlimit of RSS of xid is soft and hard, minimum unset. */
static void expect_rss_rlimit(struct __test_metadata *_metadata,
			      uint32_t xid, uint64_t soft, uint64_t hard)
{
	struct vcmd_ctx_rlimit_v0 r;

	ASSERT_EQ(0, vs_get_rlimit(NULL, xid, RLIMIT_RSS, &r))
		TH_LOG("get_rlimit(%u, RSS): %s", xid, strerror(errno));
	EXPECT_EQ(RLIMIT_RSS, r.id);
	EXPECT_EQ(CRLIM_UNSET, r.minimum) TH_LOG("RSS minimum of %u", xid);
	EXPECT_EQ(soft, r.softlimit) TH_LOG("RSS soft limit of %u", xid);
	EXPECT_EQ(hard, r.maximum) TH_LOG("RSS hard limit of %u", xid);
}

static void rss_stat(struct __test_metadata *_metadata, uint32_t xid,
		     struct vcmd_rlimit_stat_v0 *st)
{
	ASSERT_EQ(0, vs_rlimit_stat(NULL, xid, RLIMIT_RSS, st))
		TH_LOG("rlimit_stat(%u, RSS): %s", xid, strerror(errno));
	ASSERT_EQ(RLIMIT_RSS, st->id);
}

/* The RSS row of /proc/virtual/<xid>/limit. */
struct rss_row {
	long long cur, min, max, hits;
	char soft[32], hard[32];
};

static void read_rss_row(struct __test_metadata *_metadata, uint32_t xid,
			 struct rss_row *r)
{
	char buf[4096], line[256];

	ASSERT_LT(0, vs_read_virtual(xid, "limit", buf, sizeof(buf)))
		TH_LOG("/proc/virtual/%u/limit: %s", xid, strerror(errno));
	ASSERT_EQ(0, vs_limit_line(buf, "RSS:", line, sizeof(line)))
		TH_LOG("no RSS row in /proc/virtual/%u/limit:\n%s", xid, buf);
	ASSERT_EQ(6, sscanf(line, "%lld\t%lld/%lld\t%31[^/]/%31[^\t]\t%lld",
			    &r->cur, &r->min, &r->max, r->soft, r->hard,
			    &r->hits))
		TH_LOG("RSS row of %u: '%s'", xid, line);
}

/* pages charged to cgroup cg (memory.current / page size). */
static long long cg_pages(const char *cg, const char *file)
{
	uint64_t v;

	if (vs_cg_u64(cg, file, &v)) {
		fprintf(stderr, "# %s/%s: %s\n", cg, file, strerror(errno));
		return -1;
	}
	return (long long)(v / getpagesize());
}

/* ------------------------------------------------------------------ */
/* Agents that die                                                    */
/* ------------------------------------------------------------------ */

/*
 * Reaps agent a (a child of the test) if it has died within ms
 * milliseconds.  Returns 1 with its wait status in *status, 0 if it
 * still lives.
 */
static int reap(struct vs_agent *a, unsigned int ms, int *status)
{
	unsigned int t;

	for (t = 0; t <= ms; t += 10) {
		if (waitpid(a->pid, status, WNOHANG) == a->pid) {
			if (a->fd >= 0)
				close(a->fd);
			a->fd = -1;
			return 1;
		}
		vs_msleep(10);
	}
	return 0;
}

enum hog_end {
	HOG_ALLOCATED,	/* the allocation succeeded */
	HOG_KILLED,	/* SIGKILL */
	HOG_OTHER,	/* another death, or a failed mmap */
	HOG_TIMEOUT,	/* still running */
};

static const char *const hog_ends[] = {
	"allocated it", "was killed by SIGKILL", "failed otherwise",
	"still runs",
};

/*
 * Agent a (a child of the test) maps and writes mib MiB and keeps them.
 * How it ended, within 10 s.
 */
static enum hog_end hog(struct vs_agent *a, long mib, int *status)
{
	long ret = -1;
	int r;

	*status = 0;
	if (vs_call_send(a, fn_alloc, VS_ARGS(mib * MIB), NULL, 0))
		return HOG_OTHER;
	r = vs_call_wait(a, 10000, &ret, NULL, 0);
	if (r == 1)
		return ret ? HOG_OTHER : HOG_ALLOCATED;
	if (r == 0)
		return HOG_TIMEOUT;
	if (!reap(a, 5000, status))
		return HOG_TIMEOUT;
	if (WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL)
		return HOG_KILLED;
	return HOG_OTHER;
}

#define EXPECT_HOG(want, a, mib)					\
	do {								\
		int _st;						\
		enum hog_end _e = hog(&(a), (mib), &_st);		\
									\
		EXPECT_EQ((want), _e)					\
			TH_LOG("agent " #a " touching %ld MiB %s "	\
			       "(status 0x%x), expected: %s",		\
			       (long)(mib), hog_ends[_e], _st,		\
			       hog_ends[want]);				\
	} while (0)

/* Agent a maps, writes and unmaps mib MiB: it can. */
#define EXPECT_CAN_TOUCH(a, mib)					\
	EXPECT_EQ(0, VS_CALL(&(a), fn_touch_and_free, (mib) * MIB))	\
		TH_LOG("agent " #a " cannot touch %d MiB: %s", (mib),	\
		       strerror(errno))

/* ------------------------------------------------------------------ */
/* 1. RLIMIT_RSS: mask, get/set, memory.max, errors                    */
/* ------------------------------------------------------------------ */

TEST_F_TIMEOUT(rsrc, rss_mask_limit_and_memory_max, 15)
{
	const long p16 = pages_of_mib(16);
	struct vcmd_ctx_rlimit_mask_v0 m;
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g, r, h1, h2, n, o, *who[3];
	const char *cg, *cg2;
	struct rss_row row;
	size_t k;

	/* The mask: NPROC, NOFILE, RSS and NSOCK, for anybody. */
	ASSERT_EQ(0, vs_rlimit_mask(NULL, &m))
		TH_LOG("get_rlimit_mask: %s", strerror(errno));
	EXPECT_EQ(0, m.minimum);
	EXPECT_EQ(0, m.softlimit);
	EXPECT_EQ(RS_LIMITS_ENFORCED, m.maximum)
		TH_LOG("get_rlimit_mask maximum %08x, expected %08x",
		       m.maximum, RS_LIMITS_ENFORCED);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_rlimit_mask(&n, &m))
		TH_LOG("get_rlimit_mask as nobody: %s", strerror(errno));
	EXPECT_EQ(RS_LIMITS_ENFORCED, m.maximum)
		TH_LOG("get_rlimit_mask as nobody: %08x", m.maximum);

	cg = cg_new(_metadata, self, 1960);
	cg2 = cg_new(_metadata, self, 1962);
	CG_GUEST(g, cg, 1960);

	/* A new context: RSS unlimited, memory.max untouched. */
	expect_rss_rlimit(_metadata, 1960, CRLIM_INFINITY, CRLIM_INFINITY);
	expect_memory_max(_metadata, cg, VS_CG_MAX);
	rss_stat(_metadata, 1960, &st);
	EXPECT_EQ(0, st.hits);

	/* The hard limit in pages is memory.max in bytes. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1960, RLIMIT_RSS, CRLIM_UNSET,
				   p16 / 2, p16))
		TH_LOG("set_rlimit(1960, RSS, %ld/%ld): %s", p16 / 2, p16,
		       strerror(errno));
	expect_rss_rlimit(_metadata, 1960, p16 / 2, p16);
	expect_memory_max(_metadata, cg, p16);
	/* CRLIM_KEEP keeps the hard limit and memory.max. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1960, RLIMIT_RSS, CRLIM_KEEP, 1000,
				   CRLIM_KEEP))
		TH_LOG("set_rlimit(1960, RSS, 1000/keep): %s", strerror(errno));
	expect_rss_rlimit(_metadata, 1960, 1000, p16);
	expect_memory_max(_metadata, cg, p16);
	EXPECT_EQ(0, vs_set_hard(NULL, 1960, RLIMIT_RSS, 5000))
		TH_LOG("set_rlimit(1960, RSS, 5000): %s", strerror(errno));
	expect_rss_rlimit(_metadata, 1960, 1000, 5000);
	expect_memory_max(_metadata, cg, 5000);
	/* Infinity is "max". */
	EXPECT_EQ(0, vs_set_hard(NULL, 1960, RLIMIT_RSS, CRLIM_INFINITY))
		TH_LOG("set_rlimit(1960, RSS, inf): %s", strerror(errno));
	expect_rss_rlimit(_metadata, 1960, 1000, CRLIM_INFINITY);
	expect_memory_max(_metadata, cg, VS_CG_MAX);
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1960, RLIMIT_RSS, CRLIM_INFINITY,
				   CRLIM_INFINITY, p16))
		TH_LOG("set_rlimit(1960, RSS, minimum inf): %s",
		       strerror(errno));
	expect_memory_max(_metadata, cg, p16);
	read_rss_row(_metadata, 1960, &row);
	EXPECT_STREQ("-1", row.soft);
	EXPECT_EQ(p16, atol(row.hard)) TH_LOG("RSS row hard '%s'", row.hard);
	EXPECT_EQ(0, row.hits);

	/* A minimum is accepted and ignored (vs2.3); the rest applies. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1960, RLIMIT_RSS, 5, CRLIM_KEEP,
				   2 * p16))
		TH_LOG("minimum 5: %s", strerror(errno));
	expect_rss_rlimit(_metadata, 1960, CRLIM_INFINITY, 2 * p16);
	expect_memory_max(_metadata, cg, 2 * p16);
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1960, RLIMIT_RSS, CRLIM_UNSET,
				   CRLIM_KEEP, p16));
	expect_rss_rlimit(_metadata, 1960, CRLIM_INFINITY, p16);
	expect_memory_max(_metadata, cg, p16);

	/* Permissions. */
	VS_START(h1);
	VS_START(h2);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps, VS_CAP(CAP_SYS_RESOURCE)));
	who[0] = &h1;
	who[1] = &h2;
	who[2] = &n;
	for (k = 0; k < ARRAY_SIZE(who); k++) {
		EXPECT_EQ(-1, vs_set_hard(who[k], 1960, RLIMIT_RSS, 2 * p16))
			TH_LOG("set_rlimit RSS by %s succeeded",
			       vs_name(who[k]));
		EXPECT_EQ(EPERM, errno)
			TH_LOG("set_rlimit RSS by %s: %s", vs_name(who[k]),
			       strerror(errno));
	}
	expect_memory_max(_metadata, cg, p16);
	/* Another guest does not see the context. */
	VS_GUEST(o, 1963, VXF_INIT_SET);
	EXPECT_EQ(-1, vs_set_hard(&o, 1960, RLIMIT_RSS, 2 * p16))
		TH_LOG("set_rlimit RSS of 1960 by guest 1963 succeeded");
	EXPECT_EQ(ESRCH, errno) TH_LOG("by guest 1963: %s", strerror(errno));
	/* The guest itself, in setup, may. */
	EXPECT_EQ(0, vs_set_hard(&g, VX_SELF_ID, RLIMIT_RSS, 3 * p16))
		TH_LOG("set_rlimit RSS by the guest in setup: %s",
		       strerror(errno));
	expect_memory_max(_metadata, cg, 3 * p16);
	/* Not after its setup. */
	ASSERT_EQ(0, vs_clear_setup(NULL, 1960));
	EXPECT_EQ(-1, vs_set_hard(&g, VX_SELF_ID, RLIMIT_RSS, p16))
		TH_LOG("set_rlimit RSS by the guest after setup succeeded");
	EXPECT_EQ(EPERM, errno) TH_LOG("after setup: %s", strerror(errno));
	expect_rss_rlimit(_metadata, 1960, CRLIM_INFINITY, 3 * p16);
	expect_memory_max(_metadata, cg, 3 * p16);

	/* The cgroup is the creator's at ctx_create: a later move is not. */
	CG_ENTER(g, cg2);
	EXPECT_EQ(0, vs_set_hard(NULL, 1960, RLIMIT_RSS, p16))
		TH_LOG("set_rlimit(1960, RSS) after the move: %s",
		       strerror(errno));
	expect_memory_max(_metadata, cg, p16);
	expect_memory_max(_metadata, cg2, VS_CG_MAX);

	/* A context made in the root cgroup has no memory cgroup. */
	VS_START(r);
	ASSERT_TRUE(vs_cg_is_in("", r.pid));
	ASSERT_EQ(1961, vs_create(&r, 1961, VXF_INIT_SET));
	EXPECT_EQ(-1, vs_set_hard(NULL, 1961, RLIMIT_RSS, p16))
		TH_LOG("set_rlimit RSS of a context of the root cgroup "
		       "succeeded");
	EXPECT_EQ(EBUSY, errno) TH_LOG("root cgroup: %s", strerror(errno));
	EXPECT_EQ(-1, vs_set_hard(&r, VX_SELF_ID, RLIMIT_RSS, p16))
		TH_LOG("set_rlimit RSS by the root cgroup guest succeeded");
	EXPECT_EQ(EBUSY, errno) TH_LOG("root cgroup, inside: %s",
				       strerror(errno));
	expect_rss_rlimit(_metadata, 1961, CRLIM_INFINITY, CRLIM_INFINITY);
	/* No limit needs no cgroup. */
	EXPECT_EQ(0, vs_set_rlimit(NULL, 1961, RLIMIT_RSS, CRLIM_UNSET, p16,
				   CRLIM_INFINITY))
		TH_LOG("set_rlimit(1961, RSS, inf) in the root cgroup: %s",
		       strerror(errno));
	expect_rss_rlimit(_metadata, 1961, p16, CRLIM_INFINITY);
	rss_stat(_metadata, 1961, &st);
	EXPECT_EQ(0, st.value) TH_LOG("RSS of a context without a cgroup");
	EXPECT_EQ(0, st.hits);
	read_rss_row(_metadata, 1961, &row);
	EXPECT_EQ(0, row.cur);
	EXPECT_STREQ("-1", row.hard);
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 2. A hog in a guest is killed inside the guest only                 */
/* ------------------------------------------------------------------ */

TEST_F_TIMEOUT(rsrc, rss_hog_is_killed_inside_its_guest_only, 15)
{
	const long p16 = pages_of_mib(16);
	struct vcmd_rlimit_stat_v0 st;
	static struct vs_msg host_msg = { .arg = { 8 * MIB } };
	struct vs_agent g, g2, h, h2;
	uint64_t ev, ev_reset;
	const char *cg, *cg2;
	struct rss_row row;
	long long cur;

	cg = cg_new(_metadata, self, 1965);
	cg2 = cg_new(_metadata, self, 1966);
	CG_GUEST(g, cg, 1965);
	CG_GUEST(g2, cg2, 1966);
	CG_JOIN(h, cg, 1965);
	ASSERT_EQ(0, vs_set_hard(NULL, 1965, RLIMIT_RSS, p16))
		TH_LOG("set_rlimit(1965, RSS, 16 MiB): %s", strerror(errno));
	ASSERT_EQ(0, vs_set_hard(NULL, 1966, RLIMIT_RSS, 2 * p16))
		TH_LOG("set_rlimit(1966, RSS, 32 MiB): %s", strerror(errno));
	rss_stat(_metadata, 1965, &st);
	EXPECT_EQ(0, st.hits);

	/* 64 MiB in a 16 MiB guest: the hog is killed. */
	EXPECT_HOG(HOG_KILLED, h, 64);
	/* What was charged went with it. */
	cur = cg_pages(cg, "memory.current");
	EXPECT_LE(0, cur);
	EXPECT_GE(p16, cur) TH_LOG("memory.current of %s: %lld pages", cg,
				   cur);
	rss_stat(_metadata, 1965, &st);
	EXPECT_GE((uint64_t)p16, st.value)
		TH_LOG("RSS of 1965 after the kill: %llu pages",
		       (unsigned long long)st.value);
	/* The usage reached the limit. */
	EXPECT_LE(p16 - pages_of_mib(1), (long long)st.maximum)
		TH_LOG("RSS maximum of 1965: %llu pages, limit %ld",
		       (unsigned long long)st.maximum, p16);
	/* Hits: memory.events "max", here and in the limit file. */
	ASSERT_EQ(0, vs_cg_key(cg, "memory.events", "max", &ev))
		TH_LOG("memory.events of %s: %s", cg, strerror(errno));
	EXPECT_LT(0, st.hits) TH_LOG("RSS hits of 1965 after the kill");
	EXPECT_EQ(ev, st.hits)
		TH_LOG("RSS hits %u, memory.events max %llu", st.hits,
		       (unsigned long long)ev);
	read_rss_row(_metadata, 1965, &row);
	EXPECT_EQ((long long)ev, row.hits) TH_LOG("hits in the limit file");
	EXPECT_EQ(p16, atol(row.hard)) TH_LOG("hard '%s'", row.hard);
	EXPECT_GE(p16, row.cur) TH_LOG("current in the limit file");

	/* Everybody else lives and can have memory. */
	EXPECT_TRUE(vs_agent_alive(&g)) TH_LOG("the guest's other agent died");
	EXPECT_TRUE(vs_agent_alive(&g2)) TH_LOG("the second guest died");
	EXPECT_CAN_TOUCH(g, 8);
	EXPECT_CAN_TOUCH(g2, 8);
	EXPECT_EQ(0, fn_touch_and_free(&host_msg))
		TH_LOG("the host cannot touch 8 MiB: %s", strerror(errno));
	rss_stat(_metadata, 1966, &st);
	EXPECT_EQ(0, st.hits) TH_LOG("RSS hits of the second guest");

	/* reset_hits: 0, here and in the file; the cgroup's count stays. */
	ASSERT_EQ(0, vs_reset_hits(NULL, 1965))
		TH_LOG("reset_hits(1965): %s", strerror(errno));
	rss_stat(_metadata, 1965, &st);
	EXPECT_EQ(0, st.hits) TH_LOG("RSS hits after reset_hits");
	read_rss_row(_metadata, 1965, &row);
	EXPECT_EQ(0, row.hits) TH_LOG("limit file hits after reset_hits");
	ASSERT_EQ(0, vs_cg_key(cg, "memory.events", "max", &ev_reset));
	EXPECT_EQ(ev, ev_reset) TH_LOG("memory.events max of %s changed", cg);

	/* Hits count again from there. */
	CG_JOIN(h2, cg, 1965);
	EXPECT_HOG(HOG_KILLED, h2, 64);
	ASSERT_EQ(0, vs_cg_key(cg, "memory.events", "max", &ev));
	rss_stat(_metadata, 1965, &st);
	EXPECT_LT(0, st.hits) TH_LOG("RSS hits after a second hog");
	EXPECT_EQ(ev - ev_reset, st.hits)
		TH_LOG("RSS hits %u, memory.events max %llu - %llu", st.hits,
		       (unsigned long long)ev, (unsigned long long)ev_reset);
	read_rss_row(_metadata, 1965, &row);
	EXPECT_EQ((long long)(ev - ev_reset), row.hits);
	EXPECT_TRUE(vs_agent_alive(&g)) TH_LOG("the guest's other agent died");
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 3. Lowering the limit reclaims; raising it admits more              */
/* ------------------------------------------------------------------ */

TEST_F_TIMEOUT(rsrc, rss_lower_limit_reclaims_raise_admits, 15)
{
	const long p8 = pages_of_mib(8), p24 = pages_of_mib(24);
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g, h, t, u;
	const char *cg;
	long long cur;
	int status;

	cg = cg_new(_metadata, self, 1970);
	/* Persistent: the context outlives its tasks if they all die. */
	CG_GUEST_F(g, cg, 1970, VXF_INIT_SET | VXF_PERSISTENT);
	self->persistent = 1970;
	CG_JOIN(h, cg, 1970);
	EXPECT_HOG(HOG_ALLOCATED, h, 24);
	rss_stat(_metadata, 1970, &st);
	EXPECT_LE(p24, (long long)st.value)
		TH_LOG("RSS of 1970 holding 24 MiB: %llu pages",
		       (unsigned long long)st.value);

	/* Below the usage: it drops to the limit (or the holder dies). */
	ASSERT_EQ(0, vs_set_hard(NULL, 1970, RLIMIT_RSS, p8))
		TH_LOG("set_rlimit(1970, RSS, 8 MiB): %s", strerror(errno));
	expect_memory_max(_metadata, cg, p8);
	cur = cg_pages(cg, "memory.current");
	EXPECT_LE(0, cur);
	EXPECT_GE(p8, cur) TH_LOG("memory.current of %s after lowering the "
				  "limit to 8 MiB: %lld pages", cg, cur);
	rss_stat(_metadata, 1970, &st);
	EXPECT_GE((uint64_t)p8, st.value)
		TH_LOG("RSS of 1970 after lowering the limit: %llu pages",
		       (unsigned long long)st.value);
	if (reap(&h, 0, &status)) {
		EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			TH_LOG("the holder ended with status 0x%x", status);
		TH_LOG("the holder was killed (no swap to reclaim to)");
	} else {
		EXPECT_TRUE(vs_agent_alive(&h)) TH_LOG("the holder hangs");
	}
	/*
	 * Only what was over the limit had to go: once the holder dies,
	 * the usage is below the limit and nothing else is killed.
	 */
	EXPECT_TRUE(vs_agent_alive(&g))
		TH_LOG("the small agent (no memory to speak of) was killed too "
		       "when the limit was lowered (see the OOM reports)");

	/* 24 MiB do not fit in 8 MiB ... */
	CG_JOIN(t, cg, 1970);
	EXPECT_HOG(HOG_KILLED, t, 24);
	/* ... but in 32 MiB. */
	ASSERT_EQ(0, vs_set_hard(NULL, 1970, RLIMIT_RSS, 4 * p8))
		TH_LOG("set_rlimit(1970, RSS, 32 MiB): %s", strerror(errno));
	expect_memory_max(_metadata, cg, 4 * p8);
	CG_JOIN(u, cg, 1970);
	EXPECT_HOG(HOG_ALLOCATED, u, 24);
	EXPECT_TRUE(vs_agent_alive(&u)) TH_LOG("24 MiB in 32 MiB: killed");
	rss_stat(_metadata, 1970, &st);
	EXPECT_LE(p24, (long long)st.value)
		TH_LOG("RSS of 1970 with 24 MiB: %llu pages",
		       (unsigned long long)st.value);
	EXPECT_GE(4 * p8, (long long)st.value);
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 4. rlimit_stat of RSS follows the usage; reset_minmax               */
/* ------------------------------------------------------------------ */

/* |v - want| <= tol */
#define EXPECT_NEAR(want, v, tol, what)					\
	do {								\
		long long _w = (want), _v = (v);			\
									\
		EXPECT_TRUE(_v >= _w - (tol) && _v <= _w + (tol))	\
			TH_LOG("%s: %lld pages, expected %lld +- %ld",	\
			       (what), _v, _w, (long)(tol));		\
	} while (0)

TEST_F_TIMEOUT(rsrc, rss_stat_tracks_usage_and_reset_minmax, 15)
{
	const long tol = pages_of_mib(2);
	struct vcmd_rlimit_stat_v0 st;
	long long base, peak, cur;
	struct vs_agent g;
	struct rss_row row;
	const char *cg;

	cg = cg_new(_metadata, self, 1975);
	CG_GUEST(g, cg, 1975);
	rss_stat(_metadata, 1975, &st);
	base = st.value;
	cur = cg_pages(cg, "memory.current");
	EXPECT_NEAR(cur, base, pages_of_mib(1), "RSS vs memory.current");
	EXPECT_GE(tol, base) TH_LOG("RSS of an idle agent: %lld pages", base);
	EXPECT_LE(st.minimum, st.value);
	EXPECT_GE(st.maximum, st.value);

	ASSERT_EQ(0, VS_CALL(&g, fn_alloc, 8 * MIB))
		TH_LOG("8 MiB: %s", strerror(errno));
	rss_stat(_metadata, 1975, &st);
	EXPECT_NEAR(base + pages_of_mib(8), st.value, tol, "RSS with 8 MiB");
	ASSERT_EQ(0, VS_CALL(&g, fn_alloc, 16 * MIB))
		TH_LOG("16 MiB more: %s", strerror(errno));
	rss_stat(_metadata, 1975, &st);
	EXPECT_NEAR(base + pages_of_mib(24), st.value, tol, "RSS with 24 MiB");
	EXPECT_NEAR(cg_pages(cg, "memory.current"), st.value, tol,
		    "RSS vs memory.current with 24 MiB");
	read_rss_row(_metadata, 1975, &row);
	EXPECT_NEAR(base + pages_of_mib(24), row.cur, tol,
		    "limit file with 24 MiB");
	peak = st.value;

	/* munmap: back to the baseline; the maximum stays. */
	ASSERT_EQ(2, VS_CALL(&g, fn_free));
	rss_stat(_metadata, 1975, &st);
	EXPECT_NEAR(base, st.value, tol, "RSS after munmap");
	EXPECT_LE(peak, (long long)st.maximum)
		TH_LOG("RSS maximum %llu after munmap, peak %lld",
		       (unsigned long long)st.maximum, peak);
	EXPECT_NEAR(cg_pages(cg, "memory.peak"), st.maximum, tol,
		    "RSS maximum vs memory.peak");
	EXPECT_GE(base + tol, (long long)st.minimum)
		TH_LOG("RSS minimum %llu, baseline %lld",
		       (unsigned long long)st.minimum, base);

	/* reset_minmax: min and max restart from the value. */
	ASSERT_EQ(0, vs_reset_minmax(NULL, 1975))
		TH_LOG("reset_minmax(1975): %s", strerror(errno));
	rss_stat(_metadata, 1975, &st);
	EXPECT_NEAR(base, st.value, tol, "RSS after reset_minmax");
	EXPECT_NEAR(st.value, st.maximum, tol, "RSS maximum after reset_minmax");
	EXPECT_NEAR(st.value, st.minimum, tol, "RSS minimum after reset_minmax");
	EXPECT_NEAR(st.value, cg_pages(cg, "memory.peak"), tol,
		    "memory.peak after reset_minmax");
	read_rss_row(_metadata, 1975, &row);
	EXPECT_NEAR(st.value, row.max, tol, "limit file max after reset");

	/* And follow the usage again. */
	ASSERT_EQ(0, VS_CALL(&g, fn_alloc, 12 * MIB));
	ASSERT_EQ(1, VS_CALL(&g, fn_free));
	rss_stat(_metadata, 1975, &st);
	EXPECT_NEAR(base + pages_of_mib(12), st.maximum, tol,
		    "RSS maximum after 12 MiB came and went");
	EXPECT_NEAR(base, st.value, tol, "RSS after 12 MiB came and went");
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 5. A CPU cap                                                       */
/* ------------------------------------------------------------------ */

/*
 * Agent a loops on the CPU for secs seconds; *b what it measured, and
 * the change of sched_info of xid over it (ms) in *info.
 */
static void busy(struct __test_metadata *_metadata, struct vs_agent *a,
		 uint32_t xid, int secs, struct rs_busy *b, long long *info)
{
	long long i0, i1;

	i0 = info_msec(xid);
	ASSERT_LE(0, i0);
	memset(b, 0, sizeof(*b));
	ASSERT_EQ(0, VS_CALL_IO(a, fn_busy, NULL, 0, b, sizeof(*b), 0,
				now_ns(CLOCK_MONOTONIC) + secs * 1000000000LL))
		TH_LOG("busy loop of %s: %s", vs_name(a), strerror(errno));
	i1 = info_msec(xid);
	ASSERT_LE(0, i1);
	*info = i1 - i0;
}

/* The share of one CPU in percent. */
static double pct(uint64_t cpu_ns, uint64_t wall_ns)
{
	return wall_ns ? 100.0 * cpu_ns / wall_ns : 0;
}

/* sched_info (ms) agrees with the CPU time (ns) within 10 %. */
#define EXPECT_INFO_AGREES(info, cpu_ns, what)				\
	do {								\
		const double _c = (cpu_ns) / 1e6;			\
									\
		EXPECT_TRUE((info) >= 0.9 * _c && (info) <= 1.1 * _c)	\
			TH_LOG("%s: sched_info %lld ms, CPU time of the "\
			       "agent %.0f ms", (what), (long long)(info),\
			       _c);					\
	} while (0)

TEST_F_TIMEOUT(rsrc, cpu_cap_is_a_quarter_of_one_cpu, 15)
{
	struct vs_agent g;
	struct rs_busy b;
	long long info;
	const char *cg;

	cg = cg_new(_metadata, self, 1980);
	CG_GUEST(g, cg, 1980);

	/* 1/4 of one CPU. */
	ASSERT_EQ(0, set_sched(NULL, 1980, VXSM_FILL_RATE | VXSM_INTERVAL,
			       1, 4, 0))
		TH_LOG("set_sched(1980, 1/4): %s", strerror(errno));
	EXPECT_CG(cg, "cpu.max", "25000 100000\n");
	busy(_metadata, &g, 1980, 4, &b, &info);
	TH_LOG("capped at 1/4: %.1f %% of one CPU (rusage %.1f %%), "
	       "sched_info %lld ms", pct(b.cpu_ns, b.wall_ns),
	       pct(b.ru_ns, b.wall_ns), info);
	EXPECT_TRUE(pct(b.cpu_ns, b.wall_ns) >= 20 &&
		    pct(b.cpu_ns, b.wall_ns) <= 30)
		TH_LOG("capped at 1/4: %.1f %% of one CPU (%llu of %llu ms)",
		       pct(b.cpu_ns, b.wall_ns),
		       (unsigned long long)b.cpu_ns / 1000000,
		       (unsigned long long)b.wall_ns / 1000000);
	EXPECT_INFO_AGREES(info, b.cpu_ns, "capped at 1/4");

	/* No cap. */
	ASSERT_EQ(0, set_sched(NULL, 1980, VXSM_FILL_RATE | VXSM_INTERVAL,
			       1, 1, 0))
		TH_LOG("set_sched(1980, 1/1): %s", strerror(errno));
	EXPECT_CG(cg, "cpu.max", "max 100000\n");
	busy(_metadata, &g, 1980, 4, &b, &info);
	TH_LOG("uncapped: %.1f %% of one CPU (rusage %.1f %%), "
	       "sched_info %lld ms", pct(b.cpu_ns, b.wall_ns),
	       pct(b.ru_ns, b.wall_ns), info);
	EXPECT_LT(80, pct(b.cpu_ns, b.wall_ns))
		TH_LOG("uncapped: %.1f %% of one CPU",
		       pct(b.cpu_ns, b.wall_ns));
	EXPECT_INFO_AGREES(info, b.cpu_ns, "uncapped");
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 6. CPU shares                                                      */
/* ------------------------------------------------------------------ */

TEST_F_TIMEOUT(rsrc, cpu_share_of_prio_bias_0_and_minus_5, 15)
{
	struct rs_busy ba, bb;
	struct vs_agent a, b;
	const char *cga, *cgb;
	uint64_t start, end;
	double share;
	long ra = -1, rb = -1;

	cga = cg_new(_metadata, self, 1985);
	cgb = cg_new(_metadata, self, 1986);
	CG_GUEST(a, cga, 1985);
	CG_GUEST(b, cgb, 1986);
	ASSERT_EQ(0, set_sched(NULL, 1985, VXSM_PRIO_BIAS, 0, 0, 0))
		TH_LOG("set_sched(1985, bias 0): %s", strerror(errno));
	ASSERT_EQ(0, set_sched(NULL, 1986, VXSM_PRIO_BIAS, 0, 0, -5))
		TH_LOG("set_sched(1986, bias -5): %s", strerror(errno));
	EXPECT_CG(cga, "cpu.weight", "100\n");
	EXPECT_CG(cgb, "cpu.weight", "305\n");
	EXPECT_CG(cga, "cpu.max", "max 100000\n");
	EXPECT_CG(cgb, "cpu.max", "max 100000\n");
	ASSERT_EQ(0, VS_CALL(&a, fn_pin, 0)) TH_LOG("pin a: %s",
						    strerror(errno));
	ASSERT_EQ(0, VS_CALL(&b, fn_pin, 0)) TH_LOG("pin b: %s",
						    strerror(errno));

	/* Both loop on CPU 0 over the same 4 s. */
	start = now_ns(CLOCK_MONOTONIC) + 300000000ULL;
	end = start + 4000000000ULL;
	ASSERT_EQ(0, vs_call_send(&a, fn_busy, VS_ARGS(start, end), NULL, 0));
	ASSERT_EQ(0, vs_call_send(&b, fn_busy, VS_ARGS(start, end), NULL, 0));
	memset(&ba, 0, sizeof(ba));
	memset(&bb, 0, sizeof(bb));
	ASSERT_EQ(1, vs_call_wait(&a, 10000, &ra, &ba, sizeof(ba)))
		TH_LOG("agent a did not end its loop");
	ASSERT_EQ(1, vs_call_wait(&b, 10000, &rb, &bb, sizeof(bb)))
		TH_LOG("agent b did not end its loop");
	ASSERT_EQ(0, ra);
	ASSERT_EQ(0, rb);
	ASSERT_LT(0, ba.cpu_ns + bb.cpu_ns);
	share = 100.0 * ba.cpu_ns / (ba.cpu_ns + bb.cpu_ns);
	TH_LOG("bias 0: %llu ms, bias -5: %llu ms of %llu ms: %.1f/%.1f",
	       (unsigned long long)ba.cpu_ns / 1000000,
	       (unsigned long long)bb.cpu_ns / 1000000,
	       (unsigned long long)ba.wall_ns / 1000000, share, 100 - share);
	EXPECT_TRUE(share >= 20 && share <= 30)
		TH_LOG("the bias 0 guest got %.1f %%, the bias -5 guest %.1f %% "
		       "of CPU 0; expected 25/75 +- 5", share, 100 - share);
	/* They did compete for the whole time. */
	EXPECT_LT(0.8 * ba.wall_ns, (double)(ba.cpu_ns + bb.cpu_ns))
		TH_LOG("together only %.1f %% of CPU 0",
		       pct(ba.cpu_ns + bb.cpu_ns, ba.wall_ns));
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 7. set_sched, get_sched, sched_info: values, errors, cgroup files   */
/* ------------------------------------------------------------------ */

/* get_sched of xid is fill_rate/interval, prio_bias. */
static void expect_sched(struct __test_metadata *_metadata, struct vs_agent *a,
			 uint32_t xid, int32_t fill_rate, int32_t interval,
			 int32_t prio_bias)
{
	struct vcmd_sched_v5 s;

	ASSERT_EQ(0, get_sched(a, xid, &s))
		TH_LOG("get_sched(%u) by %s: %s", xid, vs_name(a),
		       strerror(errno));
	EXPECT_EQ(RS_SCHED_MASK, s.mask) TH_LOG("get_sched mask %x", s.mask);
	EXPECT_EQ(-1, s.cpu_id);
	EXPECT_EQ(0, s.bucket_id);
	EXPECT_EQ(fill_rate, s.fill_rate[0]) TH_LOG("fill_rate of %u", xid);
	EXPECT_EQ(interval, s.interval[0]) TH_LOG("interval of %u", xid);
	EXPECT_EQ(prio_bias, s.prio_bias) TH_LOG("prio_bias of %u", xid);
}

/* cpu.max of cg: quota (-1: "max") per 100000 us. */
static void expect_cpu_max(struct __test_metadata *_metadata, const char *cg,
			   long quota)
{
	char want[64];

	if (quota < 0)
		snprintf(want, sizeof(want), "max 100000\n");
	else
		snprintf(want, sizeof(want), "%ld 100000\n", quota);
	EXPECT_CG(cg, "cpu.max", want);
}

static void expect_cpu_weight(struct __test_metadata *_metadata,
			      const char *cg, int weight)
{
	char want[32];

	snprintf(want, sizeof(want), "%d\n", weight);
	EXPECT_CG(cg, "cpu.weight", want);
}

TEST_F_TIMEOUT(rsrc, sched_values_errors_and_cgroup_files, 15)
{
	static const struct {
		int32_t fill_rate, interval;
		long quota;	/* -1: max */
	} caps[] = {
		{ 1, 4, 25000 }, { 1, 3, 33333 }, { 3, 4, 75000 },
		{ 1, 2, 50000 }, { 2, 3, 66666 }, { 1, 100, 1000 },
		{ 99, 100, 99000 }, { 1, 1, -1 }, { 5, 4, -1 }, { 7, 7, -1 },
		{ 0x7fffffff, 1, -1 },
	};
	static const int32_t bad[][2] = {
		{ 0, 1 }, { 1, 0 }, { 0, 0 }, { -1, 4 }, { 1, -1 },
		{ -3, -3 }, { (int32_t)0x80000000, 4 },
	};
	struct vcmd_sched_info info;
	struct vs_agent g, r, o, n;
	struct vcmd_sched_v5 s;
	const char *cg;
	size_t k;
	int bias;

	cg = cg_new(_metadata, self, 1990);
	CG_GUEST(g, cg, 1990);

	/* Defaults: no cap, nice 0; the files are the cgroup's defaults. */
	expect_sched(_metadata, NULL, 1990, 1, 1, 0);
	expect_sched(_metadata, &g, VX_SELF_ID, 1, 1, 0);
	expect_cpu_max(_metadata, cg, -1);
	expect_cpu_weight(_metadata, cg, 100);

	/* The cap: 100000 * fill_rate / interval us per 100 ms. */
	for (k = 0; k < ARRAY_SIZE(caps); k++) {
		EXPECT_EQ(0, set_sched(NULL, 1990,
				       VXSM_FILL_RATE | VXSM_INTERVAL,
				       caps[k].fill_rate, caps[k].interval, 0))
			TH_LOG("set_sched(1990, %d/%d): %s", caps[k].fill_rate,
			       caps[k].interval, strerror(errno));
		expect_cpu_max(_metadata, cg, caps[k].quota);
		expect_sched(_metadata, NULL, 1990, caps[k].fill_rate,
			     caps[k].interval, 0);
		expect_cpu_weight(_metadata, cg, 100);
	}

	/* The share: cpu.weight of each nice level, clamped outside. */
	for (bias = -25; bias <= 25; bias++) {
		EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_PRIO_BIAS, 0, 0, bias))
			TH_LOG("set_sched(1990, bias %d): %s", bias,
			       strerror(errno));
		expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(bias));
	}
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_PRIO_BIAS, 0, 0, -1000));
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(-20));
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_PRIO_BIAS, 0, 0, 1000));
	expect_cpu_weight(_metadata, cg, 1);
	ASSERT_EQ(0, set_sched3(NULL, 1990, 1, 4, -5));
	expect_sched(_metadata, NULL, 1990, 1, 4, -5);
	expect_cpu_max(_metadata, cg, 25000);
	expect_cpu_weight(_metadata, cg, 305);
	ASSERT_EQ(0, set_sched3(NULL, 1990, 1, 4, 5));
	expect_cpu_weight(_metadata, cg, 33);
	ASSERT_EQ(0, set_sched3(NULL, 1990, 1, 4, 0));
	expect_cpu_weight(_metadata, cg, 100);

	/*
	 * SCHED_KEEP keeps a rate or an interval; fields not in the mask
	 * stay.  -2 is a bias like any other: only the mask keeps one.
	 */
	ASSERT_EQ(0, set_sched3(NULL, 1990, 1, 2, 3));
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_FILL_RATE | VXSM_INTERVAL,
			       SCHED_KEEP, 4, 9))
		TH_LOG("set_sched(keep, 4): %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 1, 4, 3);
	expect_cpu_max(_metadata, cg, 25000);
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(3));
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_FILL_RATE | VXSM_INTERVAL,
			       3, SCHED_KEEP, 9))
		TH_LOG("set_sched(3, keep): %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 3, 4, 3);
	expect_cpu_max(_metadata, cg, 75000);
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(3));
	EXPECT_EQ(0, set_sched3(NULL, 1990, SCHED_KEEP, SCHED_KEEP,
				SCHED_KEEP))
		TH_LOG("set_sched(keep, keep, -2): %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 3, 4, -2);
	expect_cpu_max(_metadata, cg, 75000);
	expect_cpu_weight(_metadata, cg, 155);
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_PRIO_BIAS, 0, 0, -3));
	expect_sched(_metadata, NULL, 1990, 3, 4, -3);
	expect_cpu_max(_metadata, cg, 75000);
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(-3));
	EXPECT_EQ(0, set_sched(NULL, 1990, VXSM_INTERVAL, 1, 8, 7));
	expect_sched(_metadata, NULL, 1990, 3, 8, -3);
	expect_cpu_max(_metadata, cg, 37500);
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(-3));
	/* Fields that are ignored. */
	memset(&s, 0, sizeof(s));
	s.mask = VXSM_TOKENS | VXSM_TOKENS_MIN | VXSM_TOKENS_MAX |
		 VXSM_FILL_RATE2 | VXSM_INTERVAL2 | VXSM_IDLE_TIME |
		 VXSM_CPU_ID | VXSM_BUCKET_ID | VXSM_FORCE;
	s.cpu_id = 1;
	s.bucket_id = 3;
	s.fill_rate[1] = 5;
	s.interval[1] = 0;
	s.tokens = -7;
	EXPECT_EQ(0, vs_cmd(NULL, VCMD_set_sched, 1990, &s, sizeof(s)))
		TH_LOG("set_sched of ignored fields: %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 3, 8, -3);
	expect_cpu_max(_metadata, cg, 37500);

	/* EINVAL: a rate or interval <= 0; nothing changes. */
	for (k = 0; k < ARRAY_SIZE(bad); k++) {
		EXPECT_EQ(-1, set_sched3(NULL, 1990, bad[k][0], bad[k][1], 0))
			TH_LOG("set_sched(1990, %d/%d) succeeded", bad[k][0],
			       bad[k][1]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("set_sched(1990, %d/%d): %s", bad[k][0],
			       bad[k][1], strerror(errno));
	}
	/* A quota below the 1 ms cpu.max takes. */
	EXPECT_EQ(-1, set_sched3(NULL, 1990, 1, 101, 0))
		TH_LOG("set_sched(1990, 1/101) succeeded");
	EXPECT_EQ(EINVAL, errno) TH_LOG("1/101: %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 3, 8, -3);
	expect_cpu_max(_metadata, cg, 37500);
	expect_cpu_weight(_metadata, cg, cgroup_weight_of_nice(-3));

	/* sched_info: cpu_id -1 only. */
	EXPECT_EQ(0, sched_info(NULL, 1990, -1, &info))
		TH_LOG("sched_info(1990): %s", strerror(errno));
	EXPECT_EQ(-1, info.cpu_id);
	EXPECT_EQ(0, info.bucket_id);
	EXPECT_EQ(0, info.hold_msec);
	EXPECT_EQ(0, info.vavavoom);
	EXPECT_EQ(0, sched_info(&g, VX_SELF_ID, -1, &info))
		TH_LOG("sched_info by the guest: %s", strerror(errno));
	EXPECT_EQ(-1, sched_info(NULL, 1990, 3, &info))
		TH_LOG("sched_info(1990, cpu 3) succeeded");
	EXPECT_EQ(EINVAL, errno) TH_LOG("cpu 3: %s", strerror(errno));
	EXPECT_EQ(-1, sched_info(NULL, 1990, 0, &info))
		TH_LOG("sched_info(1990, cpu 0) succeeded");
	EXPECT_EQ(EINVAL, errno) TH_LOG("cpu 0: %s", strerror(errno));

	/* Permissions: config for set_sched, info for the others. */
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	EXPECT_EQ(-1, set_sched3(&n, 1990, 1, 2, 0))
		TH_LOG("set_sched by nobody succeeded");
	EXPECT_EQ(EPERM, errno) TH_LOG("by nobody: %s", strerror(errno));
	expect_sched(_metadata, &n, 1990, 3, 8, -3);
	EXPECT_EQ(0, sched_info(&n, 1990, -1, &info))
		TH_LOG("sched_info by nobody: %s", strerror(errno));
	VS_GUEST(o, 1992, VXF_INIT_SET);
	EXPECT_EQ(-1, set_sched3(&o, 1990, 1, 2, 0))
		TH_LOG("set_sched of 1990 by guest 1992 succeeded");
	EXPECT_EQ(ESRCH, errno) TH_LOG("by guest 1992: %s", strerror(errno));
	EXPECT_EQ(-1, get_sched(&o, 1990, &s));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(0, set_sched3(&g, VX_SELF_ID, 1, 2, 1))
		TH_LOG("set_sched by the guest in setup: %s", strerror(errno));
	expect_sched(_metadata, NULL, 1990, 1, 2, 1);
	expect_cpu_max(_metadata, cg, 50000);
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	EXPECT_EQ(-1, set_sched3(&g, VX_SELF_ID, 1, 1, 0))
		TH_LOG("set_sched by the guest after setup succeeded");
	EXPECT_EQ(EPERM, errno) TH_LOG("after setup: %s", strerror(errno));
	expect_sched(_metadata, &g, VX_SELF_ID, 1, 2, 1);
	expect_cpu_max(_metadata, cg, 50000);
	EXPECT_EQ(-1, set_sched3(NULL, 1998, 1, 2, 0));
	EXPECT_EQ(ESRCH, errno) TH_LOG("missing context: %s", strerror(errno));
	EXPECT_EQ(-1, get_sched(NULL, 1998, &s));
	EXPECT_EQ(ESRCH, errno);

	/* A context of the root cgroup has no cpu cgroup: EBUSY. */
	VS_START(r);
	ASSERT_EQ(1991, vs_create(&r, 1991, VXF_INIT_SET));
	EXPECT_EQ(-1, set_sched3(NULL, 1991, 1, 4, 0))
		TH_LOG("set_sched of a context of the root cgroup succeeded");
	EXPECT_EQ(EBUSY, errno) TH_LOG("root cgroup: %s", strerror(errno));
	EXPECT_EQ(-1, set_sched3(&r, VX_SELF_ID, 1, 4, 0))
		TH_LOG("set_sched by the root cgroup guest succeeded");
	EXPECT_EQ(EBUSY, errno) TH_LOG("inside: %s", strerror(errno));
	expect_sched(_metadata, NULL, 1991, 1, 1, 0);
	EXPECT_EQ(0, sched_info(NULL, 1991, -1, &info))
		TH_LOG("sched_info(1991): %s", strerror(errno));
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* sched_info counts the tasks of the context                          */
/* ------------------------------------------------------------------ */

TEST_F_TIMEOUT(rsrc, sched_info_counts_the_live_tasks_of_the_context, 15)
{
	struct vs_agent g, g2, h;
	struct rs_busy b, bh;
	long long i0, i1, o0, o1;
	const char *cg;

	cg = cg_new(_metadata, self, 1995);
	CG_GUEST(g, cg, 1995);
	VS_FORK(g, g2);
	VS_GUEST(h, 1996, VXF_INIT_SET);
	i0 = info_msec(1995);
	o0 = info_msec(1996);
	ASSERT_LE(0, i0);
	ASSERT_LE(0, o0);
	/* Two tasks of 1995 loop 1 s each, one of 1996 0.5 s. */
	ASSERT_EQ(0, VS_CALL_IO(&g, fn_busy, NULL, 0, &b, sizeof(b), 0,
				now_ns(CLOCK_MONOTONIC) + 1000000000LL));
	ASSERT_EQ(0, VS_CALL_IO(&g2, fn_busy, NULL, 0, &bh, sizeof(bh), 0,
				now_ns(CLOCK_MONOTONIC) + 1000000000LL));
	b.cpu_ns += bh.cpu_ns;
	ASSERT_EQ(0, VS_CALL_IO(&h, fn_busy, NULL, 0, &bh, sizeof(bh), 0,
				now_ns(CLOCK_MONOTONIC) + 500000000LL));
	i1 = info_msec(1995);
	o1 = info_msec(1996);
	EXPECT_INFO_AGREES(i1 - i0, b.cpu_ns, "two tasks of 1995");
	EXPECT_INFO_AGREES(o1 - o0, bh.cpu_ns, "one task of 1996");
	end_test(_metadata, self);
}

/* ------------------------------------------------------------------ */
/* 9. A fork bomb and the host                                        */
/* ------------------------------------------------------------------ */

/*
 * Forks and reaps n children.  Returns how many forks succeeded; *ns is
 * the wall-clock time they took (logged only: it depends on the load of
 * the machine that runs the VM, so no assertion may use it).
 */
static int host_forks(int n, long long *ns)
{
	struct timespec t0, t1;
	int i, ok = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			continue;
		if (pid == 0)
			_exit(0);
		if (waitpid(pid, NULL, 0) == pid)
			ok++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	      (t1.tv_nsec - t0.tv_nsec);
	return ok;
}

/* cpu.max of cgroup cg: quota and period in microseconds. */
static int cg_cpu_max(const char *cg, uint64_t *quota, uint64_t *period)
{
	char buf[64];
	unsigned long long q, p;

	if (vs_cg_read(cg, "cpu.max", buf, sizeof(buf)) <= 0)
		return -1;
	if (sscanf(buf, "%llu %llu", &q, &p) != 2) {
		errno = EINVAL;
		return -1;
	}
	*quota = q;
	*period = p;
	return 0;
}

/*
 * A fork bomb in a guest with NPROC 100 and a quarter of a CPU (its
 * cgroup's cpu.max) stops at 100 tasks and cannot take the host down:
 * while it runs, its tasks get no more CPU time than the quarter (plus
 * the bandwidth controller's slack of a few periods), and every fork of
 * the host succeeds.  Both are CPU-time and count assertions: a busy
 * machine under the VM can only lower what the bomb gets, so they hold
 * whatever the load (the old assertion compared the host's fork time
 * before and during the bomb, and failed on a loaded CI machine).
 */
TEST_F_TIMEOUT(rsrc, fork_bomb_stops_and_the_host_keeps_its_pace, 60)
{
	struct vcmd_rlimit_stat_v0 st = { 0 }, st1 = { 0 };
	uint64_t quota, period, u0, u1, allowed;
	long long before, during, w0, w1;
	struct vs_agent g;
	const char *cg;
	int t, ok;

	cg = cg_new(_metadata, self, 1997);
	CG_GUEST(g, cg, 1997);
	ASSERT_EQ(0, vs_set_rlimit(NULL, 1997, RLIMIT_NPROC, CRLIM_UNSET,
				   CRLIM_KEEP, 100))
		TH_LOG("NPROC 100: %s", strerror(errno));
	ASSERT_EQ(0, set_sched(NULL, 1997, VXSM_FILL_RATE | VXSM_INTERVAL,
			       1, 4, 0))
		TH_LOG("set_sched(1997, 1/4): %s", strerror(errno));
	ASSERT_EQ(0, cg_cpu_max(cg, &quota, &period))
		TH_LOG("cpu.max of %s: %s", cg, strerror(errno));
	ASSERT_EQ(period, 4 * quota)
		TH_LOG("cpu.max of %s: %llu %llu, not a quarter", cg,
		       (unsigned long long)quota, (unsigned long long)period);

	ok = host_forks(50, &before);
	ASSERT_EQ(50, ok) TH_LOG("the host's forks before the bomb");

	/* The bomb: every process forks for ever, without a pause. */
	ASSERT_LT(0, VS_CALL(&g, vs_fn_fork_bomb, 0))
		TH_LOG("the bomb: %s", strerror(errno));
	for (t = 0; t < 20000; t += 50) {
		ASSERT_EQ(0, vs_rlimit_stat(NULL, 1997, RLIMIT_NPROC, &st));
		if (st.value == 100 && st.hits > 100)
			break;
		vs_cg_msleep(50);
	}
	EXPECT_EQ(100, (long)st.value)
		TH_LOG("the bomb has %ld tasks", (long)st.value);
	EXPECT_LT(100, st.hits) TH_LOG("%u hits", st.hits);

	/* A window of 2 s of the bomb at full steam, the host forking. */
	ASSERT_EQ(0, vs_cg_key(cg, "cpu.stat", "usage_usec", &u0));
	w0 = now_ns(CLOCK_MONOTONIC);
	ok = host_forks(50, &during);
	while (now_ns(CLOCK_MONOTONIC) - w0 < 2000000000LL)
		vs_cg_msleep(50);
	ASSERT_EQ(0, vs_cg_key(cg, "cpu.stat", "usage_usec", &u1));
	w1 = now_ns(CLOCK_MONOTONIC);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 1997, RLIMIT_NPROC, &st1));

	allowed = (uint64_t)((w1 - w0) / 1000) * quota / period + 3 * quota +
		  20000;
	TH_LOG("the bomb: %ld tasks, %u hits; %llu us of CPU in %lld us "
	       "(at most %llu us allowed); the host: 50 forks in %lld us "
	       "before, %lld us during (wall clock, not asserted)",
	       (long)st1.value, st1.hits, (unsigned long long)(u1 - u0),
	       (w1 - w0) / 1000, (unsigned long long)allowed,
	       before / 1000, during / 1000);
	EXPECT_EQ(50, ok) TH_LOG("the host's forks failed during the bomb");
	EXPECT_LE(u1 - u0, allowed)
		TH_LOG("the bomb took more than its quarter of a CPU");
	/* The bomb was at work throughout: it kept hitting its limit. */
	EXPECT_LT(st.hits, st1.hits) TH_LOG("no new hits in the window");
	EXPECT_LT(0, u1 - u0) TH_LOG("the bomb used no CPU time");

	/* Still at the limit; then it all goes. */
	EXPECT_EQ(100, (long)st1.value);
	EXPECT_EQ(0, vs_ctx_kill(NULL, 1997, 0, SIGKILL))
		TH_LOG("ctx_kill: %s", strerror(errno));
	EXPECT_EQ(0, vs_wait_gone(1997, 10000))
		TH_LOG("context 1997 did not go away");
	end_test(_metadata, self);
}

TEST_HARNESS_MAIN
