// SPDX-License-Identifier: GPL-2.0
/*
 * net_bench - Cost of network contexts: TCP between two guests against
 * TCP between two host processes, as a ratio (guest/host).
 *
 * Usage: net_bench [--check] [--rounds N] [--scale K]
 *
 * A server and a client process talk TCP over the addresses of the dummy0
 * interface (the traffic goes through the loopback path of the shared
 * stack).  On the host side both are host processes; on the guest side
 * each is in a network context of its own with one address (192.0.2.41,
 * 192.0.2.42), the server listening on the wildcard address (so the
 * listener lookup is filtered) and the client unbound (so its source is
 * chosen by vserver).  Two loops:
 *
 *   stream:  the client sends SIZE bytes in 64 KiB writes, the server reads
 *            them; result in MB/s;
 *   connect: the client connects, the server accepts, both close; result
 *            in connections per second.
 *
 * Host and guest rounds alternate, ROUNDS times; the best of each side is
 * compared.  --check runs tiny counts and prints TAP: it proves that the
 * benchmark works and that the guests' connection really comes from the
 * client guest's address, and asserts nothing about speed.
 */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <sched.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>

#define NID_SERVER	4001
#define NID_CLIENT	4002
#define HOST_ADDR	"192.0.2.40"
#define SERVER_ADDR	"192.0.2.41"
#define CLIENT_ADDR	"192.0.2.42"
#define PORT		5001
#define CHUNK		65536

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

/*
 * Server and client share CPU 0: a wakeup on another vCPU of the emulated
 * machine waits for that vCPU's time slice, which would make the figures
 * the emulator's and not the kernel's.
 */
static void pin(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Puts the caller into a new network context with one address. */
static int enter_guest(uint32_t nid, const char *addr)
{
	struct vcmd_net_create c = { .flagword = NXF_INIT_SET };
	struct vcmd_net_addr_ipv4_v1 a = { .type = NXA_TYPE_ADDR };

	if (inet_pton(AF_INET, addr, &a.ip) != 1 ||
	    inet_pton(AF_INET, "255.255.255.0", &a.mask) != 1)
		return -1;
	if (vs(VCMD_net_create, nid, &c) < 0 ||
	    vs(VCMD_net_add_ipv4_v1, nid, &a) < 0)
		return -1;
	return 0;
}

static void set_addr(struct sockaddr_in *sin, const char *addr)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(PORT);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

/* The server: listens on the wildcard, serves @mode, exits. */
static void server(int guest, int mode, long n, int ready)
{
	struct sockaddr_in sin;
	int one = 1, l, s;
	static char buf[CHUNK];
	long i;

	pin();
	if (guest && enter_guest(NID_SERVER, SERVER_ADDR))
		_exit(2);
	set_addr(&sin, "0.0.0.0");
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 128))
		_exit(3);
	if (write(ready, "r", 1) != 1)
		_exit(4);
	if (mode == 0) {
		s = accept(l, NULL, NULL);
		if (s < 0)
			_exit(5);
		while (read(s, buf, sizeof(buf)) > 0)
			;
		close(s);
	} else {
		for (i = 0; i < n; i++) {
			s = accept(l, NULL, NULL);
			if (s < 0)
				_exit(5);
			close(s);
		}
	}
	_exit(0);
}

/*
 * The client: connects to the server and runs @mode; sends the elapsed
 * time and the source address of its last connection on @out.
 */
static void client(int guest, int mode, long n, int out)
{
	struct { uint64_t t; struct in_addr src; } res = { 0 };
	struct sockaddr_in sin, me;
	socklen_t len = sizeof(me);
	static char buf[CHUNK];
	uint64_t t0;
	long i;
	int s;

	pin();
	if (guest && enter_guest(NID_CLIENT, CLIENT_ADDR))
		_exit(2);
	set_addr(&sin, guest ? SERVER_ADDR : HOST_ADDR);
	t0 = now_ns();
	if (mode == 0) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&sin, sizeof(sin)))
			_exit(6);
		for (i = 0; i < n; i++)
			if (write(s, buf, sizeof(buf)) != sizeof(buf))
				_exit(7);
		getsockname(s, (struct sockaddr *)&me, &len);
		close(s);
	} else {
		for (i = 0; i < n; i++) {
			s = socket(AF_INET, SOCK_STREAM, 0);
			if (s < 0 ||
			    connect(s, (struct sockaddr *)&sin, sizeof(sin)))
				_exit(6);
			if (i == n - 1)
				getsockname(s, (struct sockaddr *)&me, &len);
			close(s);
		}
	}
	res.t = now_ns() - t0;
	res.src = me.sin_addr;
	if (write(out, &res, sizeof(res)) != sizeof(res))
		_exit(8);
	_exit(0);
}

/* One run; returns ns (0 on failure), the client's source in *src. */
static uint64_t run(int guest, int mode, long n, struct in_addr *src)
{
	struct { uint64_t t; struct in_addr src; } res = { 0 };
	int ready[2], out[2], st, ok = 1;
	pid_t ps, pc;
	char c;

	if (pipe(ready) || pipe(out))
		return 0;
	ps = fork();
	if (ps == 0)
		server(guest, mode, n, ready[1]);
	close(ready[1]);
	if (ps < 0 || read(ready[0], &c, 1) != 1) {
		close(ready[0]);
		return 0;
	}
	close(ready[0]);
	pc = fork();
	if (pc == 0)
		client(guest, mode, n, out[1]);
	close(out[1]);
	if (pc < 0 || read(out[0], &res, sizeof(res)) != sizeof(res))
		ok = 0;
	close(out[0]);
	if (pc > 0 && (waitpid(pc, &st, 0) != pc || st))
		ok = 0;
	if (waitpid(ps, &st, 0) != ps || st)
		ok = 0;
	*src = res.src;
	return ok ? res.t : 0;
}

static const struct bench {
	const char *name;
	int mode;
	long count;
	const char *unit;
} benches[] = {
	{ "stream", 0, 4096, "MB/s" },	/* 4096 x 64 KiB = 256 MiB */
	{ "connect", 1, 400, "conn/s" },
};

static double rate(const struct bench *b, long n, uint64_t ns)
{
	double s = (double)ns / 1e9;

	if (b->mode == 0)
		return (double)n * CHUNK / (1024.0 * 1024.0) / s;
	return (double)n / s;
}

int main(int argc, char **argv)
{
	int check = 0, rounds = 5, i, r, fails = 0;
	long scale = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: net_bench [--check] [--rounds N] [--scale K]\n");
			return 2;
		}
	}
	if (system("ip link set lo up && ip link set dummy0 up && "
		   "{ ip addr add " HOST_ADDR "/24 dev dummy0; "
		   "ip addr add " SERVER_ADDR "/24 dev dummy0; "
		   "ip addr add " CLIENT_ADDR "/24 dev dummy0; } 2>/dev/null; "
		   "ip addr show dev dummy0 | grep -q " CLIENT_ADDR)) {
		fprintf(stderr, "net_bench: cannot set up dummy0\n");
		return 1;
	}
	if (check) {
		rounds = 1;
		printf("1..%zu\n", 2 * sizeof(benches) / sizeof(benches[0]));
	} else {
		printf("%-8s %12s %12s %8s   (best of %d rounds)\n",
		       "bench", "host", "guests", "g/h", rounds);
	}
	for (i = 0; i < (int)(sizeof(benches) / sizeof(benches[0])); i++) {
		const struct bench *b = &benches[i];
		long n = check ? 4 : b->count * scale;
		uint64_t host = UINT64_MAX, guest = UINT64_MAX, t;
		struct in_addr src, want;
		int src_ok = 1;

		inet_pton(AF_INET, CLIENT_ADDR, &want);
		for (r = 0; r < rounds; r++) {
			t = run(0, b->mode, n, &src);
			if (t && t < host)
				host = t;
			t = run(1, b->mode, n, &src);
			if (t && t < guest)
				guest = t;
			if (t && src.s_addr != want.s_addr)
				src_ok = 0;
		}
		if (check) {
			printf("%s %d - %s runs between two host processes and between two guests\n",
			       host != UINT64_MAX && guest != UINT64_MAX ?
			       "ok" : "not ok", 2 * i + 1, b->name);
			printf("%s %d - %s: the client guest connects from its own address\n",
			       src_ok && guest != UINT64_MAX ? "ok" : "not ok",
			       2 * i + 2, b->name);
			continue;
		}
		if (host == UINT64_MAX || guest == UINT64_MAX || !src_ok) {
			printf("%-8s failed\n", b->name);
			fails++;
			continue;
		}
		printf("%-8s %9.1f %-6s %9.1f %-6s %6.3f\n", b->name,
		       rate(b, n, host), b->unit, rate(b, n, guest), b->unit,
		       rate(b, n, guest) / rate(b, n, host));
	}
	return fails ? 1 : 0;
}
