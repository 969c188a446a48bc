// SPDX-License-Identifier: GPL-2.0
/*
 * ctx_bench - Cost of being in a context: the same loops in the host
 * context and in a guest, as a ratio (guest/host).
 *
 * Usage: ctx_bench [--check] [--rounds N] [--scale K]
 *
 * Each loop runs in a forked worker, alternately in the host and in a
 * new guest context (with the default bounding set and its task, file
 * and socket limits set), ROUNDS times; the
 * best (minimum) time of each side is compared, which filters out the
 * noise of the emulated machine.  --check runs tiny counts and prints
 * TAP: it only proves that the benchmark works.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>

#define BENCH_XID 4000

static long vs(uint32_t cmd, uint32_t id, void *data)
{
	return syscall(236, cmd, id, data);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void loop_getpid(long n)
{
	while (n--)
		syscall(SYS_getpid);
}

static void loop_fork(long n)
{
	while (n--) {
		pid_t p = fork();

		if (p == 0)
			_exit(0);
		if (p < 0 || waitpid(p, NULL, 0) != p)
			exit(3);
	}
}

static void loop_open(long n)
{
	while (n--) {
		int fd = open("/proc/self/stat", O_RDONLY);

		if (fd < 0 || close(fd))
			exit(3);
	}
}

static const struct bench {
	const char *name;
	void (*fn)(long n);
	long count;
} benches[] = {
	{ "getpid", loop_getpid, 200000 },
	{ "fork+exit", loop_fork, 300 },
	{ "open+close", loop_open, 20000 },
};

/*
 * The guest is a limited one: its task, file and socket limits are set
 * (well above what the loops use), so that the counting and the checks
 * of the limits are part of what is measured.
 */
static int set_limits(void)
{
	static const uint32_t ids[] = { RLIMIT_NPROC, RLIMIT_NOFILE,
					VLIMIT_NSOCK };
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct vcmd_ctx_rlimit_v0 r = {
			.id = ids[i], .minimum = CRLIM_KEEP,
			.softlimit = CRLIM_KEEP, .maximum = 10000,
		};

		if (vs(VCMD_set_rlimit, (uint32_t)-1, &r) < 0)
			return -1;
	}
	return 0;
}

/* Runs @b in a worker, in a new guest if @guest; returns ns or 0. */
static uint64_t run(const struct bench *b, long n, int guest)
{
	int fd[2];
	uint64_t t = 0;
	pid_t p;

	if (pipe(fd))
		return 0;
	p = fork();
	if (p == 0) {
		struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };
		struct vcmd_ctx_flags_v0 f = { 0, VXF_STATE_SETUP };
		uint64_t t0;

		if (guest && (vs(VCMD_ctx_create, BENCH_XID, &c) < 0 ||
			      set_limits() < 0 ||
			      vs(VCMD_set_cflags, (uint32_t)-1, &f) < 0))
			_exit(2);
		t0 = now_ns();
		b->fn(n);
		t0 = now_ns() - t0;
		if (write(fd[1], &t0, sizeof(t0)) != sizeof(t0))
			_exit(4);
		_exit(0);
	}
	close(fd[1]);
	if (p > 0 && read(fd[0], &t, sizeof(t)) != sizeof(t))
		t = 0;
	close(fd[0]);
	if (p > 0)
		waitpid(p, NULL, 0);
	return t;
}

int main(int argc, char **argv)
{
	int check = 0, rounds = 5, i, r;
	long scale = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: ctx_bench [--check] [--rounds N] [--scale K]\n");
			return 2;
		}
	}
	if (check) {
		rounds = 1;
		printf("1..%zu\n", sizeof(benches) / sizeof(benches[0]));
	} else {
		printf("%-10s %12s %12s %8s   (best of %d rounds, ns per op)\n",
		       "bench", "host", "guest", "g/h", rounds);
	}
	for (i = 0; i < (int)(sizeof(benches) / sizeof(benches[0])); i++) {
		const struct bench *b = &benches[i];
		long n = check ? 10 : b->count * scale;
		uint64_t host = UINT64_MAX, guest = UINT64_MAX, t;

		for (r = 0; r < rounds; r++) {
			t = run(b, n, 0);
			if (t && t < host)
				host = t;
			t = run(b, n, 1);
			if (t && t < guest)
				guest = t;
		}
		if (check) {
			printf("%s %d - %s runs in the host and in a guest\n",
			       host != UINT64_MAX && guest != UINT64_MAX ?
			       "ok" : "not ok", i + 1, b->name);
			continue;
		}
		if (host == UINT64_MAX || guest == UINT64_MAX) {
			printf("%-10s failed\n", b->name);
			return 1;
		}
		printf("%-10s %12.1f %12.1f %8.3f\n", b->name,
		       (double)host / n, (double)guest / n,
		       (double)guest / (double)host);
	}
	return 0;
}
