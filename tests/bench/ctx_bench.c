// SPDX-License-Identifier: GPL-2.0
/*
 * ctx_bench - Syscall overhead of being in a context: the same loops in
 * the host context and in a guest, as a ratio (guest/host); on the
 * unpatched kernel the host side alone, for the ratio vserver/unpatched.
 *
 * Usage: ctx_bench [--check] [--host-only] [--rounds N] [--scale K]
 *                  [--only NAME]
 *
 * Each loop runs in a forked worker pinned to CPU 0, alternately in the
 * host and in a new guest (a network context with one address, a context
 * with every enforced limit set, out of setup), ROUNDS times.  Each
 * round's time per operation is printed for the report (bench.h); the
 * table shows the best of each side and their ratio.  --host-only (the
 * default on a kernel without vserver) runs the host side alone.
 * --check runs tiny counts and prints TAP: it only proves that every loop
 * works on both sides.
 */

#include "bench.h"

#include <sys/mman.h>

#define TCP_PORT	5101

static void loop_exec(long n)
{
	while (n--) {
		pid_t p = fork();
		int st;

		if (p == 0) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (p < 0 || waitpid(p, &st, 0) != p || st)
			exit(3);
	}
}

static void loop_open(long n)
{
	while (n--) {
		int fd = open("/tmp/.ctx_bench", O_RDONLY);

		if (fd < 0 || close(fd))
			exit(3);
	}
}

static void loop_open_proc(long n)
{
	while (n--) {
		int fd = open("/proc/self/stat", O_RDONLY);

		if (fd < 0 || close(fd))
			exit(3);
	}
}

/* A child echoes every byte from @crd to @cwr; the caller ping-pongs. */
static void ping_pong(long n, int rd, int wr, int crd, int cwr)
{
	pid_t p = fork();
	char c = 'x';

	if (p == 0) {
		close(rd);
		close(wr);
		while (read(crd, &c, 1) == 1)
			if (write(cwr, &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	if (p < 0)
		exit(3);
	close(crd);
	close(cwr);
	while (n--)
		if (write(wr, &c, 1) != 1 || read(rd, &c, 1) != 1)
			exit(3);
	close(wr);
	close(rd);
	waitpid(p, NULL, 0);
}

static void loop_pipe(long n)
{
	int a[2], b[2];

	if (pipe(a) || pipe(b))
		exit(3);
	/* we write a[1], the child reads a[0], writes b[1], we read b[0] */
	ping_pong(n, b[0], a[1], a[0], b[1]);
}

static void loop_unix(long n)
{
	int s[2], t[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, s))
		exit(3);
	t[0] = dup(s[0]);
	t[1] = dup(s[1]);
	ping_pong(n, s[0], t[0], s[1], t[1]);
}

/* connect to a listener of this process on 127.0.0.1, accept, close. */
static void loop_tcp(long n)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(TCP_PORT) };
	int one = 1, l;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 64))
		exit(3);
	while (n--) {
		int c = socket(AF_INET, SOCK_STREAM, 0), a;

		if (c < 0 || connect(c, (struct sockaddr *)&sin, sizeof(sin)))
			exit(4);
		a = accept(l, NULL, NULL);
		if (a < 0)
			exit(5);
		close(c);
		close(a);
	}
	close(l);
}

/* mmap 4 anonymous pages, touch each, munmap. */
static void loop_mmap(long n)
{
	long pg = sysconf(_SC_PAGESIZE);

	while (n--) {
		char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int i;

		if (p == MAP_FAILED)
			exit(3);
		for (i = 0; i < 4; i++)
			p[i * pg] = 1;
		if (munmap(p, 4 * pg))
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
	{ "fork+exec", loop_exec, 100 },
	{ "open+close", loop_open, 20000 },
	{ "open+close-proc", loop_open_proc, 10000 },
	{ "pipe-rtt", loop_pipe, 10000 },
	{ "unix-rtt", loop_unix, 10000 },
	{ "tcp-connect", loop_tcp, 500 },
	{ "mmap+munmap", loop_mmap, 10000 },
};

#define NBENCH ((int)(sizeof(benches) / sizeof(benches[0])))

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
		uint64_t t0;

		close(fd[0]);
		pin();
		if (guest && enter_guest("192.0.2.50") < 0)
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
	int check = 0, host_only = 0, rounds = 5, i, r, fails = 0;
	const char *only = NULL;
	long scale = 1;
	int fd;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--host-only"))
			host_only = 1;
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atol(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: ctx_bench [--check] [--host-only] [--rounds N] [--scale K] [--only NAME]\n");
			return 2;
		}
	}
	if (rounds < 1 || rounds > BENCH_MAX_ROUNDS)
		rounds = 5;
	if (!have_vserver())
		host_only = 1;
	fd = open("/tmp/.ctx_bench", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0)
		close(fd);
	system("ip link set lo up 2>/dev/null");
	if (check) {
		rounds = 1;
		printf("1..%d\n", NBENCH);
	} else {
		printf("%-16s %11s %11s %7s   (ns per op, best of %d rounds; %s)\n",
		       "op", "host", "guest", "g/h", rounds,
		       host_only ? "host only" : "host and guest alternate");
	}
	for (i = 0; i < NBENCH; i++) {
		const struct bench *b = &benches[i];
		long n = check ? 10 : b->count * scale;
		double host[BENCH_MAX_ROUNDS], guest[BENCH_MAX_ROUNDS];
		int nh = 0, ng = 0, bad = 0;
		uint64_t t;

		if (only && strcmp(only, b->name))
			continue;
		for (r = 0; r < rounds; r++) {
			t = run(b, n, 0);
			if (t)
				host[nh++] = (double)t / n;
			else
				bad = 1;
			if (host_only)
				continue;
			t = run(b, n, 1);
			if (t)
				guest[ng++] = (double)t / n;
			else
				bad = 1;
		}
		if (check) {
			printf("%s %d - %s runs in the host%s\n",
			       bad ? "not ok" : "ok", i + 1, b->name,
			       host_only ? "" : " and in a guest");
			continue;
		}
		if (bad) {
			printf("%-16s failed\n", b->name);
			fails++;
			continue;
		}
		emit("syscall", b->name, "host", "ns/op", host, nh);
		if (host_only) {
			printf("%-16s %11.1f\n", b->name, best_of(host, nh, 0));
			continue;
		}
		emit("syscall", b->name, "guest", "ns/op", guest, ng);
		printf("%-16s %11.1f %11.1f %7.3f\n", b->name,
		       best_of(host, nh, 0), best_of(guest, ng, 0),
		       best_of(guest, ng, 0) / best_of(host, nh, 0));
	}
	return fails ? 1 : 0;
}
