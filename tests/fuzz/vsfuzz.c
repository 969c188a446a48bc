// SPDX-License-Identifier: GPL-2.0
/*
 * vsfuzz - random and structure-aware vserver(2) calls, and a lifecycle
 * stress, for the test VM (tests/fuzz/README).
 *
 *   vsfuzz [--seconds N] [--seed S] [--threads T] [--check] [--trace]
 *   vsfuzz --stress [--workers W] [--contexts N] [--kmemleak]
 *
 * Fuzzing: T worker slots run disposable worker processes (every worker
 * may end up in a guest context: ctx_create and ctx_migrate move the
 * caller, so the fuzzer's own process never calls anything but harmless
 * queries and the clean-up).  A worker is one of
 *   - "random": calls from a table of every VCMD_* of the uapi headers
 *     (and words that are no command), with mutated versions, ids
 *     (0, 1, a small pool, the caller's own, dynamic, random) and data
 *     (NULL, unmapped, PROT_NONE, read-only, straddling the end of a
 *     mapping so that a short buffer faults, unaligned, kernel
 *     addresses, garbage or well-formed structures);
 *   - "race": threads racing on a pool of four ids: create, migrate,
 *     kill, wait_exit, flags, limits, network contexts and their
 *     addresses, most of them in short-lived children;
 *   - "life": children that create contexts, fork, exec and exit in them.
 * The main process watches /dev/kmsg: a kernel report (BUG, WARNING,
 * KASAN, UBSAN, lockdep...) is printed with the last calls of every
 * worker and the seeds to replay them.  At the end every task is killed,
 * persistent contexts are released, and /proc/virtual/status and
 * /proc/virtnet/status must be back to what they were at the start.
 *
 * Stress: W workers each create and tear down N contexts, each with
 * tasks that fork, exec /bin/true and exit inside, a third of them with
 * a network context and addresses, some persistent and released from the
 * host, while the workers kill each other's contexts; then the counters
 * must be back to the baseline and, with --kmemleak, a kmemleak scan
 * must find nothing.
 *
 * Output: "#" lines, the last one
 *   # vsfuzz: N calls, C contexts created, seed S
 * (stress: "# vsfuzz-stress: ...").  Exit status 0, or 1 when a check
 * failed (counters not back, kernel report seen, kmemleak suspects).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>
#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>
#include <linux/vserver/sched_cmd.h>
#include <linux/vserver/space_cmd.h>
#include <linux/vserver/switch.h>

#include "common.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Ids: the fuzzer's pool, the race pool, and the stress range. */
#define POOL_BASE	3100
#define POOL_N		8
#define RACE_BASE	3200
#define RACE_N		4
#define STRESS_BASE	20000

#define MAX_SLOTS	16
#define RING		64

/* ------------------------------------------------------------------ */
/* The command table                                                  */
/* ------------------------------------------------------------------ */

enum dir { D_NONE, D_IN, D_OUT, D_INOUT };
enum target { T_NONE, T_VX, T_NX, T_PID, T_CREATE, T_NCREATE };

struct command {
	const char *name;
	uint32_t cmd;
	unsigned int size;	/* of the data the kernel reads or writes */
	enum dir dir;
	enum target target;
};

#define C(n, s, d, t)	{ #n, VCMD_##n, s, d, t }

static const struct command commands[] = {
	C(get_version, 0, D_NONE, T_NONE),
	C(get_vci, 0, D_NONE, T_NONE),
	C(task_xid, 0, D_NONE, T_PID),
	C(vx_info, sizeof(struct vcmd_vx_info_v0), D_OUT, T_VX),
	C(ctx_stat, sizeof(struct vcmd_ctx_stat_v0), D_OUT, T_VX),
	C(virt_stat, sizeof(struct vcmd_virt_stat_v0), D_OUT, T_VX),
	C(ctx_create_v0, 0, D_NONE, T_CREATE),
	C(ctx_create, sizeof(struct vcmd_ctx_create), D_IN, T_CREATE),
	C(ctx_migrate_v0, 0, D_NONE, T_VX),
	C(ctx_migrate, sizeof(struct vcmd_ctx_migrate), D_IN, T_VX),
	C(ctx_kill, sizeof(struct vcmd_ctx_kill_v0), D_IN, T_VX),
	C(wait_exit, sizeof(struct vcmd_wait_exit_v0), D_OUT, T_VX),
	C(get_cflags, sizeof(struct vcmd_ctx_flags_v0), D_OUT, T_VX),
	C(set_cflags, sizeof(struct vcmd_ctx_flags_v0), D_IN, T_VX),
	C(get_ccaps, sizeof(struct vcmd_ctx_caps_v1), D_OUT, T_VX),
	C(set_ccaps, sizeof(struct vcmd_ctx_caps_v1), D_IN, T_VX),
	C(get_bcaps, sizeof(struct vcmd_bcaps), D_OUT, T_VX),
	C(set_bcaps, sizeof(struct vcmd_bcaps), D_IN, T_VX),
	C(get_umask, sizeof(struct vcmd_umask), D_OUT, T_VX),
	C(set_umask, sizeof(struct vcmd_umask), D_IN, T_VX),
	C(set_space_v1, sizeof(struct vcmd_space_mask_v1), D_IN, T_VX),
	C(set_space, sizeof(struct vcmd_space_mask_v2), D_IN, T_VX),
	C(enter_space_v0, 0, D_NONE, T_VX),
	C(enter_space_v1, sizeof(struct vcmd_space_mask_v1), D_IN, T_VX),
	C(enter_space, sizeof(struct vcmd_space_mask_v2), D_IN, T_VX),
	C(get_space_mask_v0, sizeof(struct vcmd_space_mask_v1), D_OUT, T_NONE),
	C(get_space_mask, sizeof(struct vcmd_space_mask_v1), D_OUT, T_NONE),
	C(get_space_default, sizeof(struct vcmd_space_mask_v1), D_OUT, T_NONE),
	C(get_rlimit, sizeof(struct vcmd_ctx_rlimit_v0), D_INOUT, T_VX),
	C(set_rlimit, sizeof(struct vcmd_ctx_rlimit_v0), D_IN, T_VX),
	C(get_rlimit_mask, sizeof(struct vcmd_ctx_rlimit_mask_v0), D_OUT,
	  T_NONE),
	C(rlimit_stat, sizeof(struct vcmd_rlimit_stat_v0), D_INOUT, T_VX),
	C(reset_hits, 0, D_NONE, T_VX),
	C(reset_minmax, 0, D_NONE, T_VX),
	C(set_sched, sizeof(struct vcmd_sched_v5), D_IN, T_VX),
	C(get_sched, sizeof(struct vcmd_sched_v5), D_OUT, T_VX),
	C(sched_info, sizeof(struct vcmd_sched_info), D_INOUT, T_VX),
	C(get_vhi_name, sizeof(struct vcmd_vhi_name_v0), D_INOUT, T_VX),
	C(set_vhi_name, sizeof(struct vcmd_vhi_name_v0), D_IN, T_VX),
	C(task_nid, 0, D_NONE, T_PID),
	C(nx_info, sizeof(struct vcmd_nx_info_v0), D_OUT, T_NX),
	C(net_create_v0, 0, D_NONE, T_NCREATE),
	C(net_create, sizeof(struct vcmd_net_create), D_IN, T_NCREATE),
	C(net_migrate, 0, D_NONE, T_NX),
	C(get_nflags, sizeof(struct vcmd_net_flags_v0), D_OUT, T_NX),
	C(set_nflags, sizeof(struct vcmd_net_flags_v0), D_IN, T_NX),
	C(get_ncaps, sizeof(struct vcmd_net_caps_v0), D_OUT, T_NX),
	C(set_ncaps, sizeof(struct vcmd_net_caps_v0), D_IN, T_NX),
	C(net_add, sizeof(struct vcmd_net_addr_v0), D_IN, T_NX),
	C(net_remove, sizeof(struct vcmd_net_addr_v0), D_IN, T_NX),
	C(net_add_ipv4_v1, sizeof(struct vcmd_net_addr_ipv4_v1), D_IN, T_NX),
	C(net_rem_ipv4_v1, sizeof(struct vcmd_net_addr_ipv4_v1), D_IN, T_NX),
	C(net_add_ipv4, sizeof(struct vcmd_net_addr_ipv4_v2), D_IN, T_NX),
	C(net_rem_ipv4, sizeof(struct vcmd_net_addr_ipv4_v2), D_IN, T_NX),
	C(net_add_ipv6, sizeof(struct vcmd_net_addr_ipv6_v1), D_IN, T_NX),
	C(net_remove_ipv6, sizeof(struct vcmd_net_addr_ipv6_v1), D_IN, T_NX),
	/* vs2.3 commands this kernel does not have: -ENOSYS expected. */
	{ "set_prio_bias(vs2.3)", VC_CMD(SCHED, 4, 0), 8, D_IN, T_VX },
	{ "get_wmask(vs2.3)", VC_CMD(FLAGS, 15, 0), 16, D_OUT, T_VX },
	{ "get_badness(vs2.3)", VC_CMD(MEMCTRL, 5, 0), 8, D_OUT, T_VX },
	{ "get_iattr(vs2.3)", VC_CMD(INODE, 1, 1), 24, D_INOUT, T_NONE },
	{ "get_dlimit(vs2.3)", VC_CMD(DLIMIT, 7, 1), 40, D_INOUT, T_NONE },
	{ "task_tag(vs2.3)", VC_CMD(VINFO, 3, 0), 0, D_NONE, T_PID },
	{ "tag_migrate(vs2.3)", VC_CMD(TAGMIG, 1, 0), 0, D_NONE, T_VX },
	{ "sched_v4(vs2.2)", VC_CMD(SCHED, 1, 4), 36, D_IN, T_VX },
};

#define NCMD		ARRAY_SIZE(commands)
#define CMD_OTHER	NCMD	/* a mutated command word */

static int cmd_index(uint32_t cmd)
{
	for (unsigned int i = 0; i < NCMD; i++)
		if (commands[i].cmd == cmd)
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Shared state                                                       */
/* ------------------------------------------------------------------ */

struct ring_entry {
	uint32_t cmd, id;
	uint16_t mode, size;
	int32_t ret;
	pid_t pid;
};

struct slot {
	pid_t pid;
	uint64_t seed;
	unsigned int gen;
	int kind;
	struct timespec start;
	uint32_t ring_pos;
	struct ring_entry ring[RING];
};

struct shared {
	uint64_t calls;
	uint64_t created, ncreated;
	uint64_t per_cmd[NCMD + 1];
	uint64_t per_cmd_ok[NCMD + 1];
	uint64_t ok;
	uint64_t err[256];
	uint64_t forks, execs;
	uint8_t xids[65536 / 8];	/* every id created, for the clean-up */
	uint8_t nids[65536 / 8];
	struct slot slot[MAX_SLOTS];
	volatile int stop;
};

static struct shared *sh;
static bool trace;
/*
 * --avoid create-release: the workers never clear PERSISTENT (only the
 * final clean-up does), which makes the create-release race (see
 * race_create_release) rare, so that a run can find other bugs before
 * that one is fixed.  Said in the output.
 */
static bool avoid_release;

static void add(uint64_t *p, uint64_t n)
{
	__atomic_fetch_add(p, n, __ATOMIC_RELAXED);
}

static void mark_id(uint8_t *map, long id)
{
	if (id >= 2 && id <= 65535)
		__atomic_fetch_or(&map[id / 8], 1 << (id % 8),
				  __ATOMIC_RELAXED);
}

static bool id_marked(const uint8_t *map, unsigned int id)
{
	return map[id / 8] & (1 << (id % 8));
}

/* ------------------------------------------------------------------ */
/* Random numbers (xorshift64*, one state a thread)                   */
/* ------------------------------------------------------------------ */

static __thread uint64_t rs;

static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545F4914F6CDD1DULL;
}

static uint32_t rn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static bool one_in(uint32_t n)
{
	return rn(n) == 0;
}

static void seed_rng(uint64_t s)
{
	rs = s ? s : 0x9E3779B97F4A7C15ULL;
	for (int i = 0; i < 4; i++)
		rnd();
}

static uint64_t mix(uint64_t a, uint64_t b)
{
	uint64_t z = a + 0x9E3779B97F4A7C15ULL * (b + 1);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The number after key in a /proc status file; -1 if absent. */
static long status_field(const char *path, const char *key)
{
	char buf[4096];
	ssize_t n = read_file(path, buf, sizeof(buf));
	const char *p;

	if (n < 0)
		return -1;
	p = strstr(buf, key);
	if (!p)
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

struct counters {
	long ctotal, cactive, ntotal, nactive;
	int entries;	/* numbered entries of /proc/virtual, /proc/virtnet */
};

static int proc_entries(bool print);

static void read_counters(struct counters *c)
{
	c->ctotal = status_field("/proc/virtual/status", "#CTotal:");
	c->cactive = status_field("/proc/virtual/status", "#CActive:");
	c->ntotal = status_field("/proc/virtnet/status", "#NTotal:");
	c->nactive = status_field("/proc/virtnet/status", "#NActive:");
	c->entries = proc_entries(false);
}

/*
 * Whether counters a are back to baseline b: nothing above it, nothing
 * negative.  Below it is no leak: contexts that earlier tests left
 * allocated (held by their last objects) may be freed meanwhile.
 */
static bool counters_back(const struct counters *a, const struct counters *b)
{
	return a->ctotal <= b->ctotal && a->cactive <= b->cactive &&
	       a->ntotal <= b->ntotal && a->nactive <= b->nactive &&
	       a->entries <= b->entries && a->ctotal >= 0 &&
	       a->cactive >= 0 && a->ntotal >= 0 && a->nactive >= 0;
}

static void print_counters(const char *what, const struct counters *c)
{
	printf("# %s: contexts %ld allocated, %ld active; network contexts "
	       "%ld allocated, %ld active; %d entries in /proc/virtual and "
	       "/proc/virtnet\n", what, c->ctotal, c->cactive, c->ntotal,
	       c->nactive, c->entries);
}

static void noop(int sig)
{
	(void)sig;
}

/* A timer that interrupts this thread's blocking calls every @ms. */
static void thread_ticker(unsigned int ms)
{
	struct sigevent sev = { 0 };
	struct itimerspec its = { 0 };
	struct sigaction sa = { 0 };
	timer_t t;

	sa.sa_handler = noop;	/* no SA_RESTART: wait_exit gets EINTR */
	sigaction(SIGALRM, &sa, NULL);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGALRM;
	sev._sigev_un._tid = syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &sev, &t))
		return;
	its.it_value.tv_nsec = ms * 1000000L;
	its.it_interval = its.it_value;
	timer_settime(t, 0, &its, NULL);
}

/* ------------------------------------------------------------------ */
/* The data of a call                                                 */
/* ------------------------------------------------------------------ */

/*
 * The arena: two read-write pages followed by an inaccessible one, a
 * read-only page, a PROT_NONE page and the address of an unmapped one.
 * Each worker process maps its own (threads use their part of it).
 */
struct arena {
	char *rw;	/* 2 pages rw, then a PROT_NONE page */
	char *ro;
	char *none;
	char *unmapped;
};

static long page;

static void arena_init(struct arena *a)
{
	char *m = mmap(NULL, 6 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED) {
		perror("vsfuzz: mmap");
		_exit(3);
	}
	a->rw = m;
	mprotect(m + 2 * page, page, PROT_NONE);
	a->ro = m + 3 * page;
	mprotect(a->ro, page, PROT_READ);
	a->none = m + 4 * page;
	mprotect(a->none, page, PROT_NONE);
	a->unmapped = m + 5 * page;
	munmap(a->unmapped, page);
}

enum mode {
	M_GOOD, M_NULL, M_UNMAPPED, M_NONE, M_STRADDLE, M_UNALIGNED, M_RO,
	M_KERNEL, M_NONCANON, M_GARBAGE, M_SHORTZERO, M_NMODES
};

static const char *const mode_names[] = {
	"good", "NULL", "unmapped", "PROT_NONE", "straddle", "unaligned",
	"read-only", "kernel", "non-canonical", "garbage", "zeros",
};

static uint64_t rand_bits64(void)
{
	switch (rn(6)) {
	case 0: return 0;
	case 1: return ~0ULL;
	case 2: return 1ULL << rn(64);
	case 3: return rnd() & rnd();
	default: return rnd();
	}
}

/* Context flags, biased towards what makes a usable context. */
static uint64_t rand_cflags(void)
{
	static const uint64_t bits[] = {
		VXF_INFO_PRIVATE, VXF_INFO_INIT, VXF_VIRT_MEM,
		VXF_VIRT_UPTIME, VXF_VIRT_LOAD, VXF_HIDE_VINFO,
		VXF_STATE_SETUP, VXF_STATE_INIT, VXF_STATE_ADMIN,
		VXF_REBOOT_KILL, VXF_PERSISTENT, VXF_HIDE_MOUNT,
		VXF_SC_HELPER,
	};
	uint64_t f = one_in(3) ? VXF_INIT_SET : 0;
	unsigned int n = rn(4);

	while (n--)
		f ^= bits[rn(ARRAY_SIZE(bits))];
	if (one_in(20))
		f = rand_bits64();
	/* The helper runs a program for each create: now and then only. */
	if ((f & VXF_SC_HELPER) && !one_in(8))
		f &= ~VXF_SC_HELPER;
	return f;
}

static uint64_t rand_nflags(void)
{
	static const uint64_t bits[] = {
		NXF_INFO_PRIVATE, NXF_SINGLE_IP, NXF_LBACK_REMAP,
		NXF_LBACK_ALLOW, NXF_HIDE_NETIF, NXF_HIDE_LBACK,
		NXF_STATE_SETUP, NXF_STATE_ADMIN, NXF_PERSISTENT,
	};
	uint64_t f = one_in(2) ? NXF_INIT_SET : 0;
	unsigned int n = rn(4);

	while (n--)
		f ^= bits[rn(ARRAY_SIZE(bits))];
	if (one_in(20))
		f = rand_bits64();
	if ((f & NXF_SC_HELPER) && !one_in(8))
		f &= ~NXF_SC_HELPER;
	return f;
}

static uint32_t rand_ip4(void)
{
	switch (rn(6)) {
	case 0: return htonl(0x0A4D0000 | rn(4) << 8 | rn(4));	/* 10.77 */
	case 1: return htonl(0x7F000001);
	case 2: return 0;
	case 3: return ~0U;
	case 4: return htonl(0xC0A80000 | rn(65536));
	default: return (uint32_t)rnd();
	}
}

static uint32_t rand_mask4(void)
{
	unsigned int p = rn(34);

	if (p == 33)
		return (uint32_t)rnd();
	return p ? htonl(~0U << (32 - p)) : 0;
}

static uint16_t rand_addr_type(bool v0)
{
	static const uint16_t t[] = {
		NXA_TYPE_ADDR, NXA_TYPE_MASK, NXA_TYPE_RANGE, NXA_TYPE_ANY,
		NXA_TYPE_ADDR | NXA_MOD_BCAST, NXA_TYPE_ADDR | NXA_MOD_LBACK,
		NXA_TYPE_IPV4 | NXA_TYPE_ADDR, NXA_TYPE_IPV4 | NXA_TYPE_MASK,
		NXA_TYPE_IPV4 | NXA_TYPE_RANGE, NXA_TYPE_NONE,
	};
	static const uint16_t t0[] = {
		NXA_TYPE_IPV4, NXA_TYPE_IPV4 | NXA_MOD_BCAST,
		NXA_TYPE_IPV4 | NXA_MOD_LBACK, NXA_TYPE_ANY, NXA_TYPE_IPV6,
	};

	if (one_in(15))
		return (uint16_t)rnd();
	return v0 ? t0[rn(ARRAY_SIZE(t0))] : t[rn(ARRAY_SIZE(t))];
}

static uint64_t rand_limit(void)
{
	switch (rn(8)) {
	case 0: return CRLIM_UNSET;
	case 1: return CRLIM_INFINITY;
	case 2: return CRLIM_KEEP;
	case 3: return rn(4);
	case 4: return 50 + rn(1000);
	case 5: return 1ULL << rn(64);
	/* Memory limits this small would only OOM the workers. */
	default: return 100000 + rn(1000000);
	}
}

static uint32_t rand_limit_id(void)
{
	return one_in(10) ? (uint32_t)rnd() : rn(VLIMIT_NUM + 4);
}

static uint64_t rand_space_mask(void)
{
	static const uint64_t bits[] = {
		0x200 /* CLONE_FS */, 0x20000 /* NEWNS */,
		0x4000000 /* NEWUTS */, 0x8000000 /* NEWIPC */,
		0x10000000 /* NEWUSER */, 0x20000000 /* NEWPID */,
		0x40000000 /* NEWNET */, 0x2000000 /* NEWCGROUP */,
		0x80 /* NEWTIME */,
	};
	uint64_t m = 0;
	unsigned int n = rn(4);

	while (n--)
		m |= bits[rn(ARRAY_SIZE(bits))];
	return one_in(10) ? rand_bits64() : m;
}

/* Well-formed (or nearly) data for command @c into @buf (>= 128 bytes). */
static void fill(const struct command *c, unsigned char *buf)
{
	memset(buf, 0, 128);
	switch (c->cmd) {
	case VCMD_ctx_create: {
		struct vcmd_ctx_create *d = (void *)buf;

		d->flagword = rand_cflags();
		/* A persistent context must stay administrable (released
		 * at the end), see do_call(). */
		if (d->flagword & VXF_PERSISTENT)
			d->flagword |= VXF_STATE_ADMIN;
		break;
	}
	case VCMD_ctx_migrate: {
		struct vcmd_ctx_migrate *d = (void *)buf;

		d->flagword = one_in(8) ? rand_bits64() : rn(4);
		break;
	}
	case VCMD_ctx_kill: {
		static const int pids[] = { 0, -1, 1, 2, -2, 0x7fffffff,
					    (int)0x80000000 };
		struct vcmd_ctx_kill_v0 *d = (void *)buf;

		d->pid = one_in(3) ? getpid() : pids[rn(ARRAY_SIZE(pids))];
		if (one_in(5))
			d->pid = getpid() + (int)rn(50) - 10;
		switch (rn(6)) {
		case 0: d->sig = 0; break;
		case 1: d->sig = SIGKILL; break;
		case 2: d->sig = SIGSTOP; break;
		case 3: d->sig = SIGCONT; break;
		case 4: d->sig = (int)rn(70) - 2; break;
		default: d->sig = SIGTERM; break;
		}
		break;
	}
	case VCMD_set_cflags:
	case VCMD_get_cflags: {
		struct vcmd_ctx_flags_v0 *d = (void *)buf;

		d->flagword = rand_cflags();
		d->mask = one_in(3) ? ~0ULL : rand_cflags() | rand_bits64();
		break;
	}
	case VCMD_set_ccaps:
	case VCMD_set_bcaps:
	case VCMD_set_umask:
	case VCMD_set_ncaps: {
		uint64_t *d = (void *)buf;

		d[0] = rand_bits64();
		d[1] = rand_bits64();
		break;
	}
	case VCMD_set_nflags: {
		struct vcmd_net_flags_v0 *d = (void *)buf;

		d->flagword = rand_nflags();
		d->mask = one_in(3) ? ~0ULL : rand_nflags() | rand_bits64();
		break;
	}
	case VCMD_set_space_v1:
	case VCMD_enter_space_v1:
	case VCMD_set_space:
	case VCMD_enter_space: {
		struct vcmd_space_mask_v2 *d = (void *)buf;

		d->mask = one_in(4) ? 0 : rand_space_mask();
		d->index = one_in(6) ? (uint32_t)rnd() : rn(3);
		d->pad = one_in(6) ? (uint32_t)rnd() : 0;
		break;
	}
	case VCMD_get_rlimit:
	case VCMD_set_rlimit: {
		struct vcmd_ctx_rlimit_v0 *d = (void *)buf;

		d->id = rand_limit_id();
		d->minimum = one_in(3) ? rand_limit() : CRLIM_UNSET;
		d->softlimit = rand_limit();
		d->maximum = rand_limit();
		break;
	}
	case VCMD_rlimit_stat: {
		struct vcmd_rlimit_stat_v0 *d = (void *)buf;

		d->id = rand_limit_id();
		break;
	}
	case VCMD_set_sched: {
		struct vcmd_sched_v5 *d = (void *)buf;

		d->mask = one_in(4) ? (uint32_t)rnd() : rn(0x8000);
		d->cpu_id = one_in(2) ? -1 : (int)rnd();
		d->bucket_id = (int)rn(3);
		d->fill_rate[0] = one_in(5) ? (int)rnd() : (int)rn(10) - 2;
		d->interval[0] = one_in(5) ? (int)rnd() : (int)rn(100) - 2;
		d->fill_rate[1] = (int)rnd();
		d->interval[1] = (int)rnd();
		d->tokens = (int)rnd();
		d->prio_bias = one_in(4) ? (int)rnd() : (int)rn(50) - 25;
		/* A cap below 1/10 CPU would only stall the workers. */
		if (d->fill_rate[0] > 0 && d->interval[0] > 0 &&
		    d->fill_rate[0] * 10 < d->interval[0])
			d->fill_rate[0] = d->interval[0];
		break;
	}
	case VCMD_sched_info: {
		struct vcmd_sched_info *d = (void *)buf;

		d->cpu_id = one_in(2) ? -1 : (int)rnd();
		break;
	}
	case VCMD_get_vhi_name:
	case VCMD_set_vhi_name: {
		struct vcmd_vhi_name_v0 *d = (void *)buf;
		unsigned int n = rn(70);

		d->field = one_in(8) ? (uint32_t)rnd() : rn(8);
		for (unsigned int i = 0; i < n && i < sizeof(d->name); i++)
			d->name[i] = one_in(3) ? (char)rnd() : 'a' + rn(26);
		break;
	}
	case VCMD_net_create: {
		struct vcmd_net_create *d = (void *)buf;

		d->flagword = rand_nflags();
		if (d->flagword & NXF_PERSISTENT)
			d->flagword |= NXF_STATE_ADMIN;
		break;
	}
	case VCMD_net_add:
	case VCMD_net_remove: {
		struct vcmd_net_addr_v0 *d = (void *)buf;

		d->type = rand_addr_type(true);
		d->count = one_in(6) ? (uint16_t)rnd() : rn(6);
		for (int i = 0; i < 4; i++) {
			d->ip[i].s_addr = rand_ip4();
			d->mask[i].s_addr = rand_mask4();
		}
		break;
	}
	case VCMD_net_add_ipv4_v1:
	case VCMD_net_rem_ipv4_v1: {
		struct vcmd_net_addr_ipv4_v1 *d = (void *)buf;

		d->type = rand_addr_type(false);
		d->flags = (uint16_t)rnd();
		d->ip.s_addr = rand_ip4();
		d->mask.s_addr = rand_mask4();
		break;
	}
	case VCMD_net_add_ipv4:
	case VCMD_net_rem_ipv4: {
		struct vcmd_net_addr_ipv4_v2 *d = (void *)buf;

		d->type = rand_addr_type(false);
		d->flags = (uint16_t)rnd();
		d->ip.s_addr = rand_ip4();
		d->ip2.s_addr = one_in(2) ? htonl(ntohl(d->ip.s_addr) + rn(300))
					  : rand_ip4();
		d->mask.s_addr = rand_mask4();
		break;
	}
	case VCMD_net_add_ipv6:
	case VCMD_net_remove_ipv6: {
		struct vcmd_net_addr_ipv6_v1 *d = (void *)buf;

		d->type = rand_addr_type(false);
		d->flags = (uint16_t)rnd();
		d->prefix = one_in(6) ? (uint32_t)rnd() : rn(131);
		d->ip.s6_addr[0] = 0xfd;
		d->ip.s6_addr[1] = 0x77;
		d->ip.s6_addr[15] = rn(8);
		if (one_in(5))
			for (int i = 0; i < 16; i++)
				d->ip.s6_addr[i] = (uint8_t)rnd();
		if (one_in(8)) {
			memset(&d->ip, 0, 16);
			d->ip.s6_addr[15] = 1;		/* ::1 */
		}
		memset(&d->mask, 0xff, 8);
		break;
	}
	default:
		if (one_in(2))
			for (int i = 0; i < 128; i++)
				buf[i] = (unsigned char)rnd();
		break;
	}
}

/*
 * Where the data goes, per @mode: returns the pointer passed to the
 * kernel; for the good modes @src (128 bytes) is copied there first.
 */
static void *place(struct arena *a, int mode, unsigned int size,
		   const unsigned char *src, unsigned int slot_off)
{
	char *p;
	unsigned int k;

	switch (mode) {
	case M_NULL:
		return NULL;
	case M_UNMAPPED:
		return a->unmapped + rn(page);
	case M_NONE:
		return a->none + rn(64);
	case M_STRADDLE:
		/* Up to @size - 1 bytes before the inaccessible page. */
		k = size > 1 ? 1 + rn(size - 1) : 1;
		p = a->rw + 2 * page - k;
		memcpy(p, src, k);
		return p;
	case M_UNALIGNED:
		p = a->rw + slot_off + 1 + rn(7);
		memcpy(p, src, 128);
		return p;
	case M_RO:
		return a->ro + rn(8) * 8;
	case M_KERNEL:
		return (void *)(one_in(2) ? 0xffffffff81000000UL :
				0xffff888000000000UL + rn(1 << 20) * 64);
	case M_NONCANON:
		return (void *)(0x0000800000000000UL + rn(1 << 20));
	case M_GARBAGE:
		p = a->rw + slot_off;
		for (int i = 0; i < 128; i++)
			p[i] = (char)rnd();
		return p;
	case M_SHORTZERO:
		p = a->rw + slot_off;
		memset(p, 0, 128);
		return p;
	default:
		p = a->rw + slot_off;
		memcpy(p, src, 128);
		return p;
	}
}

/* ------------------------------------------------------------------ */
/* Calls                                                              */
/* ------------------------------------------------------------------ */

static int slot_no = -1;

static void record(uint32_t cmd, uint32_t id, int mode, unsigned int size,
		   long ret)
{
	struct slot *s;
	uint32_t i;

	if (slot_no < 0)
		return;
	s = &sh->slot[slot_no];
	i = __atomic_fetch_add(&s->ring_pos, 1, __ATOMIC_RELAXED) % RING;
	s->ring[i] = (struct ring_entry){ cmd, id, mode, size, (int32_t)ret,
					  getpid() };
}

/* One vserver() call, counted and recorded; returns the result/-errno. */
static long call(int idx, uint32_t cmd, uint32_t id, void *data, int mode,
		 unsigned int size)
{
	long r = vserver(cmd, id, data);
	int e = r < 0 ? errno : 0;

	add(&sh->calls, 1);
	add(&sh->per_cmd[idx], 1);
	if (r >= 0) {
		add(&sh->ok, 1);
		add(&sh->per_cmd_ok[idx], 1);
	} else {
		add(&sh->err[e & 255], 1);
	}
	record(cmd, id, mode, size, r < 0 ? -e : r);
	if (trace)
		fprintf(stderr, "vsfuzz[%d]: %08x %u %s(%u) -> %ld\n",
			getpid(), cmd, id, mode_names[mode], size,
			r < 0 ? -e : r);
	if (r >= 0 && idx < (int)NCMD) {
		if (commands[idx].target == T_CREATE) {
			add(&sh->created, 1);
			mark_id(sh->xids, r);
		} else if (commands[idx].target == T_NCREATE) {
			add(&sh->ncreated, 1);
			mark_id(sh->nids, r);
		}
	}
	errno = e;
	return r < 0 ? -e : r;
}

static uint32_t rand_id(enum target t, uint32_t pool_base, uint32_t pool_n)
{
	switch (rn(t == T_CREATE || t == T_NCREATE ? 10 : 14)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return VX_SELF_ID;
	case 3: return (uint32_t)rnd();
	case 4: return one_in(2) ? 65535 : 65536 + rn(3);
	case 5: return VX_DYNAMIC_ID;
	case 6: return VX_MIN_DYNAMIC_ID + rn(4);
	case 10: return 2;
	case 11: return (uint32_t)-2;
	default: return pool_base + rn(pool_n);
	}
}

static uint32_t rand_pid(void)
{
	switch (rn(6)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return getpid();
	case 3: return getppid();
	case 4: return (uint32_t)rnd();
	default: return getpid() + rn(40);
	}
}

/* The caller's context and network context, as the kernel says. */
static long my_xid(void)
{
	return vserver(VCMD_task_xid, 0, NULL);
}

static long my_nid(void)
{
	return vserver(VCMD_task_nid, 0, NULL);
}

/*
 * Keeps the fuzzer from making contexts it cannot release: a persistent
 * context must stay administrable from the host.  Setting PERSISTENT is
 * done from the host only, and clearing STATE_ADMIN clears PERSISTENT.
 */
static void guard_persistent(uint32_t cmd, unsigned char *buf)
{
	uint64_t *d = (void *)buf;
	uint64_t p = cmd == VCMD_set_cflags ? VXF_PERSISTENT : NXF_PERSISTENT;
	uint64_t adm = cmd == VCMD_set_cflags ? VXF_STATE_ADMIN
					      : NXF_STATE_ADMIN;
	long me = cmd == VCMD_set_cflags ? my_xid() : my_nid();

	if (avoid_release) {
		d[1] &= ~p;
		if (!(d[0] & adm))
			d[1] &= ~adm;
		return;
	}
	if ((d[1] & adm) && !(d[0] & adm)) {
		d[1] |= p;
		d[0] &= ~p;
	}
	if ((d[1] & p) && (d[0] & p) && me != 0) {
		d[1] &= ~p;
	}
}

static unsigned int slot_off_of(struct arena *a)
{
	(void)a;
	return 0;
}

static void busy_tasks(void);

/* Commands that move the caller into another context or namespace. */
static bool moves_caller(uint32_t cmd)
{
	switch (cmd) {
	case VCMD_ctx_create_v0: case VCMD_ctx_create:
	case VCMD_ctx_migrate_v0: case VCMD_ctx_migrate:
	case VCMD_net_create_v0: case VCMD_net_create:
	case VCMD_net_migrate: case VCMD_enter_space_v0:
	case VCMD_enter_space_v1: case VCMD_enter_space:
		return true;
	}
	return false;
}

static bool in_child;

static void random_call(struct arena *a, unsigned int slot_off,
			uint32_t pool_base, uint32_t pool_n);

/*
 * A call that moves the caller, mostly made by a child that then makes
 * a few more calls from where it is and exits: the worker stays in the
 * host, where most commands can be tried.
 */
static bool moved_in_child(struct arena *a, uint32_t cmd, uint32_t id,
			   void *data, int idx, int mode, unsigned int size,
			   uint32_t pool_base, uint32_t pool_n)
{
	pid_t c;

	if (in_child || !moves_caller(cmd) || one_in(4))
		return false;
	c = fork();
	if (c < 0)
		return false;
	if (c == 0) {
		in_child = true;
		thread_ticker(50);	/* timers are not inherited */
		call(idx, cmd, id, data, mode, size);
		for (int i = rn(30); i > 0; i--)
			random_call(a, slot_off_of(a), pool_base, pool_n);
		if (one_in(4))
			busy_tasks();
		_exit(0);
	}
	add(&sh->forks, 1);
	while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
		if (sh->stop)
			break;
	return true;
}

/* A random call of any kind. */
static void random_call(struct arena *a, unsigned int slot_off,
			uint32_t pool_base, uint32_t pool_n)
{
	unsigned char buf[128];
	int idx = rn(NCMD);
	const struct command *c;
	uint32_t cmd, id;

	/* A mover costs a fork: a quarter of their share. */
	if (moves_caller(commands[idx].cmd) && !one_in(4))
		idx = rn(NCMD);
	c = &commands[idx];
	cmd = c->cmd;
	unsigned int size = c->size ? c->size : 16;
	int mode;
	void *data;

	/* Mutated command words: other versions, numbers, categories. */
	switch (rn(12)) {
	case 0:
		cmd = (cmd & ~0xFFFU) | (one_in(2) ? rn(6) : rn(0x1000));
		break;
	case 1:
		cmd = (uint32_t)rnd();
		if (one_in(2))
			cmd &= 0x3FFF0FFF;
		break;
	case 2:
		cmd = VC_CMD(VERSION, 0, 0) | rn(64) << 24 | rn(256) << 16 |
		      rn(8);
		break;
	}
	if (cmd != c->cmd) {
		int j = cmd_index(cmd);

		idx = j >= 0 ? j : (int)CMD_OTHER;
		if (j >= 0)
			c = &commands[j];
	}
	id = c->target == T_PID ? rand_pid() : rand_id(c->target, pool_base,
						       pool_n);
	fill(c, buf);
	if (cmd == VCMD_set_cflags || cmd == VCMD_set_nflags)
		guard_persistent(cmd, buf);
	mode = one_in(2) ? M_GOOD : (int)rn(M_NMODES);
	if (c->dir == D_NONE && one_in(2))
		mode = M_GOOD;
	/* A PERSISTENT flag word read from garbage: see guard_persistent. */
	if ((mode == M_GARBAGE || mode == M_UNALIGNED) &&
	    (c->target == T_CREATE || c->target == T_NCREATE ||
	     cmd == VCMD_set_cflags || cmd == VCMD_set_nflags))
		mode = M_GOOD;
	data = place(a, mode, size, buf, slot_off);
	if (!moved_in_child(a, cmd, id, data, idx, mode, size, pool_base,
			    pool_n))
		call(idx, cmd, id, data, mode, size);
}

/* A well-formed call of command @cmd on @id (the race and life modes). */
static long good_call(struct arena *a, unsigned int off, uint32_t cmd,
		      uint32_t id, const void *data)
{
	int idx = cmd_index(cmd);
	unsigned char buf[128];
	void *p = NULL;

	if (idx < 0)
		idx = CMD_OTHER;
	if (data) {
		memset(buf, 0, sizeof(buf));
		memcpy(buf, data, idx < (int)NCMD && commands[idx].size ?
		       commands[idx].size : 16);
		p = place(a, M_GOOD, 0, buf, off);
	} else if (idx < (int)NCMD && commands[idx].size) {
		fill(&commands[idx], buf);
		if (cmd == VCMD_set_cflags || cmd == VCMD_set_nflags)
			guard_persistent(cmd, buf);
		p = place(a, M_GOOD, 0, buf, off);
	}
	return call(idx, cmd, id, p, M_GOOD,
		    idx < (int)NCMD ? commands[idx].size : 0);
}

/* ------------------------------------------------------------------ */
/* Worker kinds                                                       */
/* ------------------------------------------------------------------ */

enum kind { K_RANDOM, K_RACE, K_LIFE, K_NKINDS };
static const char *const kind_names[] = { "random", "race", "life" };

static volatile sig_atomic_t worker_stop;

static bool time_left(double end)
{
	return !worker_stop && !sh->stop && now() < end;
}

/* Tasks doing things inside whatever context they are in. */
static void busy_tasks(void)
{
	pid_t p;

	switch (rn(4)) {
	case 0:
		p = fork();
		if (p == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (p > 0) {
			add(&sh->forks, 1);
			add(&sh->execs, 1);
			waitpid(p, NULL, 0);
		}
		break;
	case 1:
		p = fork();
		if (p == 0) {
			if (fork() == 0)
				_exit(0);	/* an orphan for the reaper */
			_exit(0);
		}
		if (p > 0) {
			add(&sh->forks, 2);
			waitpid(p, NULL, 0);
		}
		break;
	case 2: {
		/* Sockets on the network context's addresses. */
		int fd = socket(one_in(3) ? AF_INET6 : AF_INET,
				one_in(2) ? SOCK_DGRAM : SOCK_STREAM, 0);
		struct sockaddr_in sin = { .sin_family = AF_INET };

		if (fd < 0)
			break;
		sin.sin_addr.s_addr = rand_ip4();
		sin.sin_port = htons(20000 + rn(100));
		if (one_in(2))
			bind(fd, (void *)&sin, sizeof(sin));
		else
			connect(fd, (void *)&sin, sizeof(sin));
		close(fd);
		break;
	}
	default:
		break;
	}
}

static void random_worker(struct arena *a, double end)
{
	unsigned int n = 0;

	while (time_left(end) && n < 200000) {
		random_call(a, 0, POOL_BASE, POOL_N);
		if (one_in(2000))
			busy_tasks();
		n++;
	}
}

/* One short-lived child doing 1..5 lifecycle steps on the race pool. */
static void race_child(struct arena *a, unsigned int off)
{
	uint32_t id = RACE_BASE + rn(RACE_N);
	int steps = 1 + rn(5);

	for (int i = 0; i < steps; i++) {
		switch (rn(9)) {
		case 0:
		case 1: {
			struct vcmd_ctx_create d = { rand_cflags() };

			if (d.flagword & VXF_PERSISTENT)
				d.flagword |= VXF_STATE_ADMIN;
			if (one_in(2))
				d.flagword = VXF_INIT_SET;
			good_call(a, off, one_in(6) ? VCMD_ctx_create_v0 :
				  VCMD_ctx_create, one_in(8) ? VX_DYNAMIC_ID : id,
				  &d);
			break;
		}
		case 2: {
			struct vcmd_ctx_migrate d = { rn(4) };

			good_call(a, off, VCMD_ctx_migrate, id, &d);
			break;
		}
		case 3: {
			struct vcmd_net_create d = { NXF_INIT_SET };

			if (one_in(3))
				d.flagword = rand_nflags() & ~NXF_PERSISTENT;
			good_call(a, off, VCMD_net_create, one_in(2) ? id :
				  VX_SELF_ID, &d);
			break;
		}
		case 4:
			good_call(a, off, VCMD_net_migrate, id, NULL);
			break;
		case 5: {
			struct vcmd_net_addr_ipv4_v2 d = {
				.type = NXA_TYPE_ADDR,
				.ip.s_addr = htonl(0x0A4D0000 | rn(4)),
				.mask.s_addr = ~0U,
			};

			good_call(a, off, one_in(2) ? VCMD_net_add_ipv4 :
				  VCMD_net_rem_ipv4, VX_SELF_ID, &d);
			break;
		}
		case 6: {
			struct vcmd_ctx_flags_v0 d = { 0, VXF_STATE_SETUP };

			good_call(a, off, VCMD_set_cflags, VX_SELF_ID, &d);
			break;
		}
		default:
			busy_tasks();
			break;
		}
	}
	if (one_in(4))
		msleep(rn(30));
}

struct race_arg {
	struct arena *a;
	unsigned int off;
	uint64_t seed;
	double end;
};

static void *race_thread(void *p)
{
	struct race_arg *ra = p;
	struct arena *a = ra->a;
	unsigned int off = ra->off;

	seed_rng(ra->seed);
	thread_ticker(40);
	while (time_left(ra->end)) {
		uint32_t id = RACE_BASE + rn(RACE_N);
		unsigned char buf[128];

		switch (rn(16)) {
		case 0:
		case 1:
		case 2: {
			pid_t c = fork();

			if (c == 0) {
				worker_stop = 0;
				race_child(a, off);
				_exit(0);
			}
			if (c > 0) {
				add(&sh->forks, 1);
				while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
					if (sh->stop)
						break;
			}
			break;
		}
		case 3: {
			struct vcmd_ctx_kill_v0 d = { one_in(2) ? 0 : -1,
						      one_in(2) ? SIGKILL
								: SIGTERM };

			good_call(a, off, VCMD_ctx_kill, id, &d);
			break;
		}
		case 4:
			good_call(a, off, VCMD_wait_exit, id, NULL);
			break;
		case 5: {
			struct vcmd_ctx_flags_v0 d = { rand_cflags(),
						       rand_cflags() };

			memcpy(buf, &d, sizeof(d));
			guard_persistent(VCMD_set_cflags, buf);
			good_call(a, off, VCMD_set_cflags, id, buf);
			break;
		}
		case 6: {
			struct vcmd_ctx_rlimit_v0 d = {
				.id = rn(VLIMIT_NUM), .minimum = CRLIM_KEEP,
				.softlimit = rand_limit(),
				.maximum = rand_limit(),
			};

			good_call(a, off, VCMD_set_rlimit, id, &d);
			break;
		}
		case 7:
		case 8: {
			struct vcmd_net_addr_ipv4_v2 d = {
				.type = rn(3) ? NXA_TYPE_ADDR : NXA_TYPE_MASK,
				.ip.s_addr = htonl(0x0A4D0000 | rn(4)),
				.mask.s_addr = htonl(0xFFFFFF00),
			};

			good_call(a, off, VCMD_net_add_ipv4, id, &d);
			break;
		}
		case 9:
		case 10: {
			struct vcmd_net_addr_ipv4_v2 d = {
				.type = one_in(3) ? NXA_TYPE_ANY : NXA_TYPE_ADDR,
				.ip.s_addr = htonl(0x0A4D0000 | rn(4)),
				.mask.s_addr = htonl(0xFFFFFF00),
			};

			good_call(a, off, VCMD_net_rem_ipv4, id, &d);
			break;
		}
		case 11: {
			struct vcmd_net_addr_ipv6_v1 d = {
				.type = one_in(4) ? NXA_TYPE_ANY : NXA_TYPE_ADDR,
				.prefix = 64 + rn(65),
			};

			d.ip.s6_addr[0] = 0xfd;
			d.ip.s6_addr[15] = rn(4);
			good_call(a, off, one_in(2) ? VCMD_net_add_ipv6 :
				  VCMD_net_remove_ipv6, id, &d);
			break;
		}
		case 12: {
			struct vcmd_net_addr_v0 d = {
				.type = one_in(3) ? NXA_TYPE_ANY : NXA_TYPE_IPV4,
				.count = 1 + rn(4),
			};

			for (int i = 0; i < 4; i++) {
				d.ip[i].s_addr = htonl(0x0A4D0100 | rn(8));
				d.mask[i].s_addr = ~0U;
			}
			good_call(a, off, d.type == NXA_TYPE_ANY ?
				  VCMD_net_remove : VCMD_net_add, id, &d);
			break;
		}
		case 13: {
			static const uint32_t q[] = {
				VCMD_ctx_stat, VCMD_vx_info, VCMD_virt_stat,
				VCMD_get_cflags, VCMD_get_rlimit,
				VCMD_rlimit_stat, VCMD_nx_info,
				VCMD_get_nflags, VCMD_sched_info,
				VCMD_get_vhi_name,
			};

			good_call(a, off, q[rn(ARRAY_SIZE(q))], id, NULL);
			break;
		}
		case 14: {
			struct vcmd_net_flags_v0 d = { rand_nflags(),
						       rand_nflags() };

			memcpy(buf, &d, sizeof(d));
			guard_persistent(VCMD_set_nflags, buf);
			good_call(a, off, VCMD_set_nflags, id, buf);
			break;
		}
		default: {
			struct vcmd_ctx_flags_v0 d = { 0, VXF_PERSISTENT };

			/* Release persistent contexts now and then. */
			if (!avoid_release)
				good_call(a, off, VCMD_set_cflags, id, &d);
			break;
		}
		}
	}
	return NULL;
}

static void race_worker(struct arena *a, double end)
{
	pthread_t t[4];
	struct race_arg ra[4];
	unsigned int n = 2 + rn(3);

	for (unsigned int i = 0; i < n; i++) {
		ra[i] = (struct race_arg){ a, i * 512, rnd(), end };
		if (pthread_create(&t[i], NULL, race_thread, &ra[i]))
			n = i;
	}
	for (unsigned int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

/* Contexts that are born, live a little and die, with tasks inside. */
static void life_worker(struct arena *a, double end)
{
	while (time_left(end)) {
		pid_t c = fork();

		if (c == 0) {
			struct vcmd_ctx_create d = { VXF_INIT_SET };
			long xid;

			xid = good_call(a, 0, VCMD_ctx_create, one_in(2) ?
					VX_DYNAMIC_ID : POOL_BASE + rn(POOL_N),
					&d);
			if (xid < 0)
				_exit(0);
			if (one_in(2)) {
				struct vcmd_net_create n = { NXF_INIT_SET };

				if (good_call(a, 0, VCMD_net_create, xid, &n) >= 0) {
					struct vcmd_net_addr_ipv4_v2 ad = {
						.type = NXA_TYPE_ADDR,
						.ip.s_addr = htonl(0x0A4E0000 |
								   (xid & 0xffff)),
						.mask.s_addr = ~0U,
					};

					good_call(a, 0, VCMD_net_add_ipv4,
						  VX_SELF_ID, &ad);
				}
			}
			for (int i = rn(4); i >= 0; i--)
				busy_tasks();
			if (one_in(2)) {
				struct vcmd_ctx_flags_v0 f = {
					0, VXF_STATE_SETUP | VXF_STATE_INIT };

				good_call(a, 0, VCMD_set_cflags, VX_SELF_ID, &f);
			}
			for (int i = rn(3); i >= 0; i--)
				busy_tasks();
			_exit(0);
		}
		if (c < 0)
			break;
		add(&sh->forks, 1);
		while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
			;
	}
}

static void on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

static noreturn void worker(int slot, uint64_t seed, int kind, double secs)
{
	struct arena a;
	struct sigaction sa = { 0 };

	slot_no = slot;
	setpgid(0, 0);
	seed_rng(seed);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	arena_init(&a);
	if (kind != K_RACE)
		thread_ticker(50);
	switch (kind) {
	case K_RACE:
		race_worker(&a, now() + secs);
		break;
	case K_LIFE:
		life_worker(&a, now() + secs);
		break;
	default:
		random_worker(&a, now() + secs);
		break;
	}
	_exit(0);
}

/* ------------------------------------------------------------------ */
/* Kernel reports                                                     */
/* ------------------------------------------------------------------ */

static const char *const report_patterns[] = {
	"BUG:", "WARNING:", "KASAN", "UBSAN", "Oops", "Kernel panic",
	"general protection fault", "possible recursive locking",
	"possible circular locking", "inconsistent lock state",
	"suspicious RCU usage", "unreferenced object", "soft lockup",
	"rcu: INFO:", "blocked for more than", "hung_task",
	"kmemleak:", "list_add corruption", "list_del corruption",
};

static int kmsg_fd = -1;
static unsigned int reports;

static void kmsg_open(void)
{
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
}

static void dump_rings(void)
{
	printf("# the last calls of each worker (replay: --seed and "
	       "the slot's seed below):\n");
	for (int s = 0; s < MAX_SLOTS; s++) {
		struct slot *sl = &sh->slot[s];
		uint32_t pos = sl->ring_pos;

		if (!sl->gen)
			continue;
		printf("#  slot %d: worker %d, generation %u, kind %s, "
		       "seed %#llx\n", s, sl->pid, sl->gen,
		       kind_names[sl->kind], (unsigned long long)sl->seed);
		for (uint32_t i = pos > RING ? pos - RING : 0; i < pos; i++) {
			struct ring_entry *e = &sl->ring[i % RING];
			int idx = cmd_index(e->cmd);

			printf("#    [%d] %-18s %08x id %u data %s size %u -> %d\n",
			       e->pid, idx >= 0 ? commands[idx].name : "?",
			       e->cmd, e->id,
			       e->mode < M_NMODES ? mode_names[e->mode] : "?",
			       e->size, e->ret);
		}
	}
}

/* Reads new console messages; prints and counts reports. */
static void kmsg_poll(void)
{
	char rec[2048];
	ssize_t n;

	if (kmsg_fd < 0)
		return;
	while ((n = read(kmsg_fd, rec, sizeof(rec) - 1)) > 0 ||
	       (n < 0 && errno == EPIPE)) {
		char *msg;

		if (n < 0)
			continue;	/* overrun: records were lost */
		rec[n] = '\0';
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		for (unsigned int i = 0; i < ARRAY_SIZE(report_patterns); i++) {
			if (!strstr(msg, report_patterns[i]))
				continue;
			/* kmemleak's own status lines are no report. */
			if (!strcmp(report_patterns[i], "kmemleak:") &&
			    !strstr(msg, "suspected memory leak"))
				break;
			reports++;
			printf("# KERNEL REPORT: %s", msg);
			if (reports == 1)
				dump_rings();
			fflush(stdout);
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Clean-up and the baseline                                          */
/* ------------------------------------------------------------------ */

static pid_t spawned[MAX_SLOTS];

static void reap_all(double secs)
{
	double end = now() + secs;

	while (now() < end) {
		pid_t p = waitpid(-1, NULL, WNOHANG);

		if (p < 0 && errno == ECHILD)
			return;
		if (p <= 0)
			msleep(20);
	}
}

/* Releases every context the run made; kills what lives in them. */
static void release_all(void)
{
	for (unsigned int id = 2; id < 65536; id++) {
		if (id_marked(sh->xids, id)) {
			struct vcmd_ctx_flags_v0 f = { 0, VXF_PERSISTENT };
			struct vcmd_ctx_kill_v0 k = { 0, SIGKILL };

			vserver(VCMD_ctx_kill, id, &k);
			vserver(VCMD_set_cflags, id, &f);
		}
		if (id_marked(sh->nids, id)) {
			struct vcmd_net_flags_v0 f = { 0, NXF_PERSISTENT };

			vserver(VCMD_set_nflags, id, &f);
		}
	}
}

/*
 * Numbered entries of /proc/virtual and /proc/virtnet; with @print each
 * is read and shown (a stale one shows a freed context).  Returns how
 * many there are.
 */
static int proc_entries(bool print)
{
	static const char *const dirs[] = { "/proc/virtual", "/proc/virtnet" };
	char path[300], buf[4096];
	int n = 0;

	for (unsigned int i = 0; i < ARRAY_SIZE(dirs); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		if (!d)
			continue;
		while ((e = readdir(d))) {
			if (e->d_name[0] < '0' || e->d_name[0] > '9')
				continue;
			n++;
			if (!print)
				continue;
			snprintf(path, sizeof(path), "%s/%s/status", dirs[i],
				 e->d_name);
			if (read_file(path, buf, sizeof(buf)) < 0)
				snprintf(buf, sizeof(buf), "(unreadable: %s)",
					 strerror(errno));
			snprintf(path, sizeof(path), "%s/%s/info", dirs[i],
				 e->d_name);
			read_file(path, buf + strlen(buf),
				  sizeof(buf) - strlen(buf));
			for (char *p = buf; *p; p++)
				if (*p == '\n')
					*p = ' ';
			printf("# left: %s/%s: %s\n", dirs[i], e->d_name, buf);
		}
		closedir(d);
	}
	return n;
}

/* Waits up to @secs for the counters to be @base again. */
static bool back_to(const struct counters *base, double secs)
{
	double end = now() + secs;
	struct counters c;

	for (;;) {
		read_counters(&c);
		if (counters_back(&c, base))
			return true;
		if (now() > end)
			break;
		reap_all(0.1);
		msleep(100);
	}
	print_counters("now", &c);
	proc_entries(true);
	return false;
}

/* ------------------------------------------------------------------ */
/* kmemleak                                                           */
/* ------------------------------------------------------------------ */

#define KMEMLEAK "/sys/kernel/debug/kmemleak"

/*
 * Known false positives, by a string of their report: none so far.  An
 * entry here must say why it is no leak; matches are printed, and
 * counted apart, never dropped silently.
 */
static const struct {
	const char *match, *why;
} kmemleak_known[] = {
	{ NULL, NULL },
};

static bool kmemleak_ready(void)
{
	if (access(KMEMLEAK, F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	return !access(KMEMLEAK, R_OK | W_OK);
}

static int kmemleak_cmd(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY);
	int r;

	if (fd < 0)
		return -1;
	r = write(fd, cmd, strlen(cmd)) < 0 ? -1 : 0;
	close(fd);
	return r;
}

/* Scans and prints the suspects; returns how many there are. */
static int kmemleak_report(const char *when, int *known)
{
	static char buf[1 << 20];
	ssize_t n;
	int fd, count = 0;
	char *p;

	*known = 0;
	/* Objects younger than 5 s are not reported: let them age. */
	msleep(6000);
	kmemleak_cmd("scan");
	kmemleak_cmd("scan");
	fd = open(KMEMLEAK, O_RDONLY);
	if (fd < 0)
		return -1;
	n = 0;
	for (;;) {
		ssize_t r = read(fd, buf + n, sizeof(buf) - 1 - n);

		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	for (p = buf; (p = strstr(p, "unreferenced object")); p++) {
		char *next = strstr(p + 1, "unreferenced object");
		char save = 0;

		count++;
		if (next) {
			save = *next;
			*next = '\0';
		}
		for (unsigned int i = 0; kmemleak_known[i].match; i++)
			if (strstr(p, kmemleak_known[i].match)) {
				(*known)++;
				printf("# kmemleak %s: known false positive "
				       "(%s):\n", when, kmemleak_known[i].why);
			}
		if (next)
			*next = save;
	}
	if (count) {
		printf("# kmemleak %s: %d suspects:\n", when, count);
		for (p = strtok(buf, "\n"); p; p = strtok(NULL, "\n"))
			printf("#   %s\n", p);
	}
	return count;
}

/* ------------------------------------------------------------------ */
/* The fuzzer                                                         */
/* ------------------------------------------------------------------ */

static void print_stats(void)
{
	static const char *const enames[] = {
		[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
		[EINTR] = "EINTR", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
		[EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM", [EACCES] = "EACCES",
		[EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
		[EINVAL] = "EINVAL", [ENOSPC] = "ENOSPC", [ENOSYS] = "ENOSYS",
		[EOPNOTSUPP] = "EOPNOTSUPP", [EADDRINUSE] = "EADDRINUSE",
		[EADDRNOTAVAIL] = "EADDRNOTAVAIL", [ERANGE] = "ERANGE",
	};

	printf("# calls by command (total / succeeded):\n");
	for (unsigned int i = 0; i <= NCMD; i++)
		printf("#   %-22s %10llu %10llu\n",
		       i < NCMD ? commands[i].name : "(other words)",
		       (unsigned long long)sh->per_cmd[i],
		       (unsigned long long)sh->per_cmd_ok[i]);
	printf("# results: %llu succeeded", (unsigned long long)sh->ok);
	for (unsigned int e = 0; e < 256; e++) {
		if (!sh->err[e])
			continue;
		if (e < ARRAY_SIZE(enames) && enames[e])
			printf(", %s %llu", enames[e],
			       (unsigned long long)sh->err[e]);
		else
			printf(", errno %u %llu", e,
			       (unsigned long long)sh->err[e]);
	}
	printf("\n# tasks: %llu forks, %llu execs\n",
	       (unsigned long long)sh->forks, (unsigned long long)sh->execs);
}

static int fuzz(double seconds, uint64_t seed, int threads, bool leakcheck)
{
	struct counters base;
	double start = now(), end = start + seconds;
	unsigned int gens = 0;
	bool ok = true;
	int known, leaks;

	read_counters(&base);
	print_counters("baseline", &base);
	if (base.ctotal < 0) {
		printf("# no /proc/virtual/status: not a vserver kernel\n");
		return 1;
	}
	if (leakcheck) {
		if (!kmemleak_ready()) {
			printf("# kmemleak: not available (boot the debug "
			       "kernel with kmemleak=on)\n");
			return 1;
		}
		leaks = kmemleak_report("before the run", &known);
		printf("# kmemleak: %d suspects before the run (not the "
		       "fuzzer's: cleared)\n", leaks);
		kmemleak_cmd("clear");
	}
	printf("# seed %#llx, %d worker slots, %.0f s\n",
	       (unsigned long long)seed, threads, seconds);
	if (avoid_release)
		printf("# avoiding the known race create-release: workers "
		       "never clear PERSISTENT\n");
	fflush(stdout);
	kmsg_open();
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGPIPE, SIG_IGN);

	while (now() < end) {
		for (int s = 0; s < threads; s++) {
			struct slot *sl = &sh->slot[s];
			pid_t p;
			double age;

			if (spawned[s]) {
				struct timespec ts;

				clock_gettime(CLOCK_MONOTONIC, &ts);
				age = ts.tv_sec - sl->start.tv_sec;
				/* A stuck or stopped worker: kill it all. */
				if (age > 20)
					kill(-spawned[s], SIGKILL);
				continue;
			}
			sl->gen++;
			sl->seed = mix(seed, (uint64_t)s << 32 | sl->gen);
			seed_rng(sl->seed);
			sl->kind = rn(10) < 8 ? K_RANDOM : rn(2) ? K_RACE
								 : K_LIFE;
			clock_gettime(CLOCK_MONOTONIC, &sl->start);
			p = fork();
			if (p == 0)
				worker(s, rnd(), sl->kind,
				       sl->kind == K_RANDOM ?
				       2 + rn(4000) / 1000.0 :
				       0.5 + rn(2000) / 1000.0);
			if (p > 0) {
				setpgid(p, p);
				sl->pid = p;
				spawned[s] = p;
				gens++;
			}
		}
		/* Reap workers and the orphans they left. */
		for (;;) {
			int st;
			pid_t p = waitpid(-1, &st, WNOHANG);

			if (p <= 0)
				break;
			for (int s = 0; s < threads; s++)
				if (spawned[s] == p) {
					/* Its descendants go with it. */
					kill(-p, SIGKILL);
					spawned[s] = 0;
				}
		}
		kmsg_poll();
		msleep(20);
	}

	/* Stop: every worker and everything it left. */
	sh->stop = 1;
	for (int s = 0; s < threads; s++)
		if (spawned[s])
			kill(-spawned[s], SIGKILL);
	reap_all(10);
	release_all();
	reap_all(5);
	printf("# ran %.0f s, %u workers\n", now() - start, gens);
	print_stats();
	if (!back_to(&base, 30)) {
		printf("# FAIL: the context counters are not back to the "
		       "baseline 30 s after the end\n");
		ok = false;
	} else {
		printf("# counters back to the baseline\n");
	}
	kmsg_poll();
	if (leakcheck) {
		leaks = kmemleak_report("after the run", &known);
		if (leaks < 0) {
			printf("# FAIL: cannot read " KMEMLEAK "\n");
			ok = false;
		} else if (leaks - known > 0) {
			printf("# FAIL: kmemleak: %d suspects after the run\n",
			       leaks - known);
			ok = false;
		} else {
			printf("# kmemleak: no suspects after the run "
			       "(%d known false positives)\n", known);
		}
	}
	kmsg_poll();
	if (reports) {
		printf("# FAIL: %u kernel reports\n", reports);
		ok = false;
	} else {
		printf("# kernel reports: 0\n");
	}
	printf("# vsfuzz: %llu calls, %llu contexts created, seed %#llx\n",
	       (unsigned long long)sh->calls,
	       (unsigned long long)sh->created, (unsigned long long)seed);
	return ok ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* The lifecycle stress                                               */
/* ------------------------------------------------------------------ */

/* One context: created, used by forking/exec'ing tasks, torn down. */
static void stress_one(struct arena *a, uint32_t xid, int i)
{
	struct vcmd_ctx_create d = { VXF_INIT_SET };
	bool net = i % 3 == 0, persistent = i % 7 == 0;
	long r;

	if (persistent)
		d.flagword |= VXF_PERSISTENT;
	r = good_call(a, 0, VCMD_ctx_create,
		      i % 5 == 4 && !persistent ? VX_DYNAMIC_ID : xid, &d);
	if (r < 0)
		_exit(r == -EEXIST || r == -EBUSY ? 2 : 1);
	xid = r;
	if (net) {
		struct vcmd_net_create n = { NXF_INIT_SET };

		if (persistent)
			n.flagword |= NXF_PERSISTENT;
		if (good_call(a, 0, VCMD_net_create, xid, &n) >= 0)
			for (int k = 0; k < 3; k++) {
				struct vcmd_net_addr_ipv4_v2 ad = {
					.type = NXA_TYPE_ADDR,
					.ip.s_addr = htonl(0x0A500000 |
							   (xid & 0xffff) << 2 | k),
					.mask.s_addr = ~0U,
				};
				struct vcmd_net_addr_ipv6_v1 a6 = {
					.type = NXA_TYPE_ADDR,
				};

				good_call(a, 0, VCMD_net_add_ipv4, VX_SELF_ID,
					  &ad);
				a6.ip.s6_addr[0] = 0xfd;
				a6.ip.s6_addr[14] = xid >> 8;
				a6.ip.s6_addr[15] = xid;
				if (k == 0)
					good_call(a, 0, VCMD_net_add_ipv6,
						  VX_SELF_ID, &a6);
			}
	}
	{
		struct vcmd_ctx_rlimit_v0 l = { .id = 6 /* NPROC */,
			.minimum = CRLIM_KEEP, .softlimit = CRLIM_KEEP,
			.maximum = 64 };

		good_call(a, 0, VCMD_set_rlimit, VX_SELF_ID, &l);
	}
	if (i % 2) {
		struct vcmd_ctx_flags_v0 f = { 0, VXF_STATE_SETUP |
					       VXF_STATE_INIT };

		good_call(a, 0, VCMD_set_cflags, VX_SELF_ID, &f);
	}
	/* Tasks: fork, exec, exit, orphans; a thread or two. */
	for (int k = 0; k < 3; k++) {
		pid_t p = fork();

		if (p == 0) {
			if (k == 0) {
				execl("/bin/true", "true", (char *)NULL);
				_exit(127);
			}
			if (k == 1) {
				if (fork() == 0) {
					execl("/bin/true", "true", (char *)NULL);
					_exit(127);
				}
				_exit(0);	/* an orphan */
			}
			if (net) {
				int fd = socket(AF_INET, SOCK_DGRAM, 0);
				struct sockaddr_in sin = {
					.sin_family = AF_INET,
					.sin_addr.s_addr = htonl(0x0A500000 |
								 (xid & 0xffff) << 2),
				};

				if (fd >= 0) {
					bind(fd, (void *)&sin, sizeof(sin));
					close(fd);
				}
			}
			_exit(0);
		}
		if (p > 0) {
			add(&sh->forks, 1);
			if (k == 0)
				add(&sh->execs, 1);
		}
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	_exit(0);
}

static noreturn void stress_worker(int w, int workers, int count,
				    uint64_t seed)
{
	struct arena a;
	int failed = 0;

	slot_no = w;
	seed_rng(seed);
	arena_init(&a);
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	for (int i = 0; i < count; i++) {
		uint32_t xid = STRESS_BASE + w * 1000 + i % 1000;
		pid_t p = fork();
		int st;

		if (p == 0)
			stress_one(&a, xid, i);
		if (p < 0) {
			failed++;
			continue;
		}
		add(&sh->forks, 1);
		/* Now and then kill a neighbour's context while it lives. */
		if (i % 11 == 5) {
			struct vcmd_ctx_kill_v0 k = { 0, SIGKILL };

			good_call(&a, 0, VCMD_ctx_kill,
				  STRESS_BASE + ((w + 1) % workers) * 1000 +
				  i % 1000,
				  &k);
		}
		while (waitpid(p, &st, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
			failed++;
		/* The persistent ones are released from the host. */
		if (i % 7 == 0) {
			struct vcmd_ctx_flags_v0 f = { 0, VXF_PERSISTENT };
			struct vcmd_net_flags_v0 nf = { 0, NXF_PERSISTENT };

			good_call(&a, 0, VCMD_set_cflags, xid, &f);
			good_call(&a, 0, VCMD_set_nflags, xid, &nf);
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	_exit(failed ? 1 : 0);
}

static int stress(int workers, int count, uint64_t seed, bool leakcheck)
{
	struct counters base;
	double start = now();
	int failed = 0, known = 0, leaks;
	bool ok = true;
	pid_t pids[64];

	if (workers > 64)
		workers = 64;
	read_counters(&base);
	print_counters("baseline", &base);
	if (base.ctotal < 0) {
		printf("# no /proc/virtual/status: not a vserver kernel\n");
		return 1;
	}
	if (leakcheck) {
		if (!kmemleak_ready()) {
			printf("# kmemleak: not available (boot the debug "
			       "kernel with kmemleak=on)\n");
			return 1;
		}
		leaks = kmemleak_report("before the stress", &known);
		printf("# kmemleak: %d suspects before the stress (not the "
		       "stress's: cleared)\n", leaks);
		kmemleak_cmd("clear");
	}
	kmsg_open();
	printf("# stress: %d workers x %d contexts, seed %#llx\n", workers,
	       count, (unsigned long long)seed);
	fflush(stdout);
	for (int w = 0; w < workers; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			stress_worker(w, workers, count, mix(seed, w));
	}
	for (int w = 0; w < workers; w++) {
		int st;

		while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR)
			;
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			failed++;
		kmsg_poll();
	}
	reap_all(2);
	printf("# ran %.0f s: %llu contexts and %llu network contexts "
	       "created, %llu forks, %llu execs, %llu calls\n",
	       now() - start, (unsigned long long)sh->created,
	       (unsigned long long)sh->ncreated,
	       (unsigned long long)sh->forks, (unsigned long long)sh->execs,
	       (unsigned long long)sh->calls);
	if (failed) {
		printf("# FAIL: %d workers could not create every context\n",
		       failed);
		ok = false;
	}
	if (sh->created < (uint64_t)workers * count * 9 / 10) {
		printf("# FAIL: only %llu of %d contexts were created\n",
		       (unsigned long long)sh->created, workers * count);
		ok = false;
	}
	if (!back_to(&base, 30)) {
		printf("# FAIL: the context counters are not back to the "
		       "baseline 30 s after the end\n");
		ok = false;
	} else {
		print_counters("after", &base);
		printf("# counters back to the baseline\n");
	}
	if (leakcheck) {
		leaks = kmemleak_report("after the stress", &known);
		if (leaks < 0 || leaks - known > 0) {
			printf("# FAIL: kmemleak: %d suspects after the "
			       "stress\n", leaks - known);
			ok = false;
		} else {
			printf("# kmemleak: no suspects after the stress "
			       "(%d known false positives)\n", known);
		}
	}
	kmsg_poll();
	if (reports) {
		printf("# FAIL: %u kernel reports\n", reports);
		ok = false;
	} else {
		printf("# kernel reports: 0\n");
	}
	printf("# vsfuzz-stress: %llu contexts created, %llu network "
	       "contexts, %d workers, seed %#llx\n",
	       (unsigned long long)sh->created,
	       (unsigned long long)sh->ncreated, workers,
	       (unsigned long long)seed);
	return ok ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* Targeted races (regression tests of findings)                      */
/* ------------------------------------------------------------------ */

#define RACE_ID	3300

/*
 * create-release: a context (network context) is created while the
 * host clears PERSISTENT on the same id, which unhashes a context
 * without tasks: the one being created, before its creator is in it.
 * Found by the fuzzer: /proc/virtual/<id> was left behind,
 * "proc_dir_entry 'virtual/<id>' already registered" at the next
 * create, and the stale entry showed a freed context.
 */
static int race_create_release(double secs)
{
	struct counters base;
	double end;
	pid_t p[4];
	int rc = 0;

	read_counters(&base);
	print_counters("baseline", &base);
	kmsg_open();
	end = now() + secs;
	for (int k = 0; k < 4; k++) {
		p[k] = fork();
		if (p[k])
			continue;
		while (now() < end) {
			if (k == 0 || k == 2) {
				pid_t c = fork();

				if (c == 0) {
					struct vcmd_ctx_create d = {
						VXF_INIT_SET };
					struct vcmd_net_create n = {
						NXF_INIT_SET };

					if (k == 0)
						call(cmd_index(VCMD_ctx_create),
						     VCMD_ctx_create, RACE_ID,
						     &d, M_GOOD, 8);
					else
						call(cmd_index(VCMD_net_create),
						     VCMD_net_create, RACE_ID,
						     &n, M_GOOD, 8);
					_exit(0);
				}
				if (c > 0)
					waitpid(c, NULL, 0);
			} else if (k == 1) {
				struct vcmd_ctx_flags_v0 f = {
					0, VXF_PERSISTENT };

				call(cmd_index(VCMD_set_cflags),
				     VCMD_set_cflags, RACE_ID, &f, M_GOOD, 16);
			} else {
				struct vcmd_net_flags_v0 f = {
					0, NXF_PERSISTENT };

				call(cmd_index(VCMD_set_nflags),
				     VCMD_set_nflags, RACE_ID, &f, M_GOOD, 16);
			}
		}
		_exit(0);
	}
	for (int k = 0; k < 4; k++)
		waitpid(p[k], NULL, 0);
	printf("# create-release: %llu creates, %llu network creates, "
	       "%llu releases that found the id (set_cflags %llu, "
	       "set_nflags %llu)\n",
	       (unsigned long long)sh->per_cmd_ok[cmd_index(VCMD_ctx_create)],
	       (unsigned long long)sh->per_cmd_ok[cmd_index(VCMD_net_create)],
	       (unsigned long long)(sh->per_cmd_ok[cmd_index(VCMD_set_cflags)] +
				    sh->per_cmd_ok[cmd_index(VCMD_set_nflags)]),
	       (unsigned long long)sh->per_cmd_ok[cmd_index(VCMD_set_cflags)],
	       (unsigned long long)sh->per_cmd_ok[cmd_index(VCMD_set_nflags)]);
	if (!back_to(&base, 10)) {
		printf("# FAIL: contexts or /proc entries left behind\n");
		rc = 1;
	} else {
		printf("# nothing left behind\n");
	}
	kmsg_poll();
	if (reports) {
		printf("# FAIL: %u kernel reports\n", reports);
		rc = 1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */

static noreturn void usage(int st)
{
	fprintf(st ? stderr : stdout,
		"Usage: vsfuzz [--seconds N] [--seed S] [--threads T] "
		"[--check] [--trace] [--kmemleak]\n"
		"              [--avoid create-release]\n"
		"       vsfuzz --stress [--workers W] [--contexts N] "
		"[--seed S] [--kmemleak]\n"
		"       vsfuzz --race create-release [--seconds N]\n");
	exit(st);
}

int main(int argc, char **argv)
{
	double seconds = 60;
	uint64_t seed = 0;
	bool have_seed = false, do_stress = false, leakcheck = false;
	int threads = 4, workers = 8, count = 500, rc;
	const char *race = NULL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--seconds") && v) {
			seconds = atof(v);
			i++;
		} else if (!strcmp(a, "--seed") && v) {
			seed = strtoull(v, NULL, 0);
			have_seed = true;
			i++;
		} else if (!strcmp(a, "--threads") && v) {
			threads = atoi(v);
			i++;
		} else if (!strcmp(a, "--workers") && v) {
			workers = atoi(v);
			i++;
		} else if (!strcmp(a, "--contexts") && v) {
			count = atoi(v);
			i++;
		} else if (!strcmp(a, "--check")) {
			seconds = 8;
			threads = 3;
		} else if (!strcmp(a, "--race") && v) {
			race = v;
			i++;
		} else if (!strcmp(a, "--avoid") && v &&
			   !strcmp(v, "create-release")) {
			avoid_release = true;
			i++;
		} else if (!strcmp(a, "--stress")) {
			do_stress = true;
		} else if (!strcmp(a, "--kmemleak")) {
			leakcheck = true;
		} else if (!strcmp(a, "--trace")) {
			trace = true;
		} else if (!strcmp(a, "--help")) {
			usage(0);
		} else {
			usage(2);
		}
	}
	if (threads < 1 || threads > MAX_SLOTS || workers < 1 || count < 1)
		usage(2);
	if (!have_seed)
		seed = mix((uint64_t)time(NULL), getpid());
	page = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("vsfuzz: mmap");
		return 2;
	}
	if (my_xid() != 0) {
		printf("# vsfuzz must start in the host context\n");
		return 2;
	}
	if (race && !strcmp(race, "create-release"))
		rc = race_create_release(seconds);
	else if (race)
		usage(2);
	else
		rc = do_stress ? stress(workers, count, seed, leakcheck)
			       : fuzz(seconds, seed, threads, leakcheck);
	fflush(stdout);
	return rc;
}
