// SPDX-License-Identifier: GPL-2.0
/*
 * growth_bench - Cost growth: the host's and a new guest's costs with
 * 1, 10, 100 and 1000 guests running.
 *
 * Usage: growth_bench [--check] [--guests N,N,...] [--rounds N]
 *
 * A running guest is a task in a context of its own (dynamic ids, every
 * enforced limit set) and a network context with one address of its own
 * (198.18.x.y, the benchmarking range, added to dummy0), listening on
 * that address on port 6000.  With G guests running the program measures
 * (each ROUNDS times, per operation):
 *
 *   getpid, fork+exit, open+close-proc   in the host;
 *   host-accept:  a host listener on 192.0.2.40:6000 (the port every
 *                 guest listens on), connect+accept+close from the host;
 *   host-bind:    bind+listen+close of a host socket on 192.0.2.40:6000
 *                 (the bind conflict check walks the port's owners);
 *   guest-accept: the same as host-accept between two new guests with
 *                 addresses of their own (listener on the wildcard);
 *   guest-start:  a network context and a context made and their task
 *                 gone (fork, net_create, ctx_create, limits, _exit).
 *
 * The report divides each figure by the one with 1 guest; the target is
 * at most 1.05 with 1000.  --check: guests 1 and 3, tiny counts, TAP.
 */

#include "bench.h"

#include <net/if.h>
#include <sys/prctl.h>

#define PORT		6000
#define HOST_ADDR	"192.0.2.40"
#define GA_SERVER	"192.0.2.43"
#define GA_CLIENT	"192.0.2.44"

static struct in_addr guest_addr(long i)
{
	struct in_addr a;

	a.s_addr = htonl((198u << 24) | (18u << 16) | (uint32_t)(i + 1));
	return a;
}

static void sin_of(struct sockaddr_in *sin, const char *addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

/* A running guest: its address, a listener on it, then sleep. */
static void guest(long i, int fd)
{
	char addr[32];
	struct sockaddr_in sin;
	struct in_addr a = guest_addr(i);
	int l, one = 1;

	inet_ntop(AF_INET, &a, addr, sizeof(addr));
	if (enter_guest(addr) < 0)
		_exit(2);
	sin_of(&sin, addr, PORT);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 8))
		_exit(3);
	if (write(fd, "g", 1) != 1)
		_exit(4);
	close(fd);
	for (;;)
		pause();
}

static void loop_open_proc(long n)
{
	while (n--) {
		int fd = open("/proc/self/stat", O_RDONLY);

		if (fd < 0 || close(fd))
			exit(3);
	}
}

static void accept_loop(const char *laddr, const char *caddr, int wild,
			long n)
{
	struct sockaddr_in sin, to;
	int one = 1, l;

	sin_of(&sin, wild ? "0.0.0.0" : laddr, PORT);
	sin_of(&to, laddr, PORT);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 64))
		exit(4);
	(void)caddr;
	while (n--) {
		int c = socket(AF_INET, SOCK_STREAM, 0), a;

		if (c < 0 || connect(c, (struct sockaddr *)&to, sizeof(to)))
			exit(5);
		a = accept(l, NULL, NULL);
		if (a < 0)
			exit(6);
		close(c);
		close(a);
	}
	close(l);
}

static void loop_host_accept(long n)
{
	accept_loop(HOST_ADDR, NULL, 0, n);
}

/* One guest with two addresses plays server and client (one task). */
static void loop_guest_accept(long n)
{
	accept_loop(GA_SERVER, GA_CLIENT, 1, n);
}

static void loop_host_bind(long n)
{
	struct sockaddr_in sin;
	int one = 1;

	sin_of(&sin, HOST_ADDR, PORT);
	while (n--) {
		int l = socket(AF_INET, SOCK_STREAM, 0);

		if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
					sizeof(one)) ||
		    bind(l, (struct sockaddr *)&sin, sizeof(sin)) ||
		    listen(l, 8) || close(l))
			exit(4);
	}
}

static void loop_guest_start(long n)
{
	while (n--) {
		pid_t p = fork();
		int st;

		if (p == 0)
			_exit(enter_guest("192.0.2.61") < 0 ? 2 : 0);
		if (p < 0 || waitpid(p, &st, 0) != p || st)
			exit(3);
	}
}

static const struct bench {
	const char *name;
	void (*fn)(long n);
	long count;
	int guest;	/* run in a guest (addresses GA_SERVER, GA_CLIENT) */
} benches[] = {
	{ "getpid", loop_getpid, 100000, 0 },
	{ "fork+exit", loop_fork, 200, 0 },
	{ "open+close-proc", loop_open_proc, 5000, 0 },
	{ "host-accept", loop_host_accept, 300, 0 },
	{ "host-bind", loop_host_bind, 300, 0 },
	{ "guest-accept", loop_guest_accept, 300, 1 },
	{ "guest-start", loop_guest_start, 50, 0 },
};

#define NBENCH ((int)(sizeof(benches) / sizeof(benches[0])))

static uint64_t run(const struct bench *b, long n)
{
	uint64_t t = 0;
	int fd[2];
	pid_t p;

	if (pipe(fd))
		return 0;
	p = fork();
	if (p == 0) {
		uint64_t t0;

		close(fd[0]);
		pin();
		if (b->guest) {
			struct vcmd_net_addr_ipv4_v1 a = {
				.type = NXA_TYPE_ADDR };
			long nid = enter_net((uint32_t)-1, GA_SERVER,
					     "255.255.255.255");

			inet_pton(AF_INET, GA_CLIENT, &a.ip);
			inet_pton(AF_INET, "255.255.255.255", &a.mask);
			if (nid < 0 || vs(VCMD_net_add_ipv4_v1, nid, &a) < 0 ||
			    enter_guest(NULL) < 0)
				_exit(2);
		}
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
	long gs[8] = { 1, 10, 100, 1000 }, ngs = 4, running = 0, i, g;
	int check = 0, rounds = 3, r, k, fails = 0, tap = 0, ifindex, nl, fd[2];
	static pid_t pids[20000];
	char item[64];

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check")) {
			check = 1;
		} else if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			rounds = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--guests") && i + 1 < argc) {
			char *p = argv[++i];

			for (ngs = 0; *p && ngs < 8; ngs++) {
				gs[ngs] = strtol(p, &p, 10);
				if (*p == ',')
					p++;
			}
		} else {
			fprintf(stderr, "usage: growth_bench [--check] [--guests N,N,...] [--rounds N]\n");
			return 2;
		}
	}
	if (rounds < 1 || rounds > BENCH_MAX_ROUNDS)
		rounds = 3;
	if (check) {
		gs[0] = 1;
		gs[1] = 3;
		ngs = 2;
		rounds = 1;
		printf("1..%ld\n", ngs * NBENCH);
	}
	if (system("ip link set lo up && ip link set dummy0 up && "
		   "{ for a in " HOST_ADDR " " GA_SERVER " " GA_CLIENT "; do "
		   "ip addr add $a/24 dev dummy0; done; } 2>/dev/null; "
		   "ip addr show dev dummy0 | grep -q " GA_CLIENT)) {
		fprintf(stderr, "growth_bench: cannot set up dummy0\n");
		return 1;
	}
	ifindex = if_nametoindex("dummy0");
	nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (!ifindex || nl < 0 || pipe(fd))
		return 1;
	if (!check)
		printf("%-16s %6s %12s %12s %12s  (ns per op, %d rounds)\n",
		       "op", "guests", "min", "median", "max", rounds);
	for (k = 0; k < ngs; k++) {
		g = gs[k];
		if (g > (long)(sizeof(pids) / sizeof(pids[0])))
			break;
		/* start guests up to g */
		for (; running < g; running++) {
			pid_t p;
			char c;

			if (nl_addr(nl, ifindex, guest_addr(running), 32, 1) &&
			    errno != EEXIST) {
				perror("growth_bench: address");
				return 1;
			}
			p = fork();
			if (p == 0) {
				close(fd[0]);
				guest(running, fd[1]);
			}
			if (p < 0 || read(fd[0], &c, 1) != 1) {
				fprintf(stderr, "growth_bench: guest %ld failed\n",
					running);
				return 1;
			}
			pids[running] = p;
		}
		sleep_ms(500);
		for (i = 0; i < NBENCH; i++) {
			const struct bench *b = &benches[i];
			long n = check ? 5 : b->count;
			double v[BENCH_MAX_ROUNDS];
			int nv = 0;

			for (r = 0; r < rounds; r++) {
				uint64_t t = run(b, n);

				if (t)
					v[nv++] = (double)t / n;
			}
			if (check) {
				printf("%s %d - %s with %ld guests running\n",
				       nv == rounds ? "ok" : "not ok", ++tap,
				       b->name, g);
				continue;
			}
			if (nv != rounds) {
				printf("%-16s %6ld failed\n", b->name, g);
				fails++;
				continue;
			}
			snprintf(item, sizeof(item), "%s", b->name);
			{
				char side[32];
				struct spread s = spread_of(v, nv);

				snprintf(side, sizeof(side), "g%ld", g);
				emit("growth", item, side, "ns/op", v, nv);
				printf("%-16s %6ld %12.1f %12.1f %12.1f\n",
				       b->name, g, s.min, s.med, s.max);
			}
		}
	}
	for (i = 0; i < running; i++)
		kill(pids[i], SIGKILL);
	for (i = 0; i < running; i++) {
		waitpid(pids[i], NULL, 0);
		nl_addr(nl, ifindex, guest_addr(i), 32, 0);
	}
	return fails ? 1 : 0;
}
