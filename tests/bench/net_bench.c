// SPDX-License-Identifier: GPL-2.0
/*
 * net_bench - Cost of network contexts: TCP between two guests against
 * TCP between two host processes and between two namespace containers
 * joined by a veth pair, as ratios (guests/host, guests/veth).
 *
 * Usage: net_bench [--check] [--rounds N] [--scale K] [--only NAME]
 *
 * A server and a client process talk TCP, both pinned to CPU 0 (bench.h):
 *
 *   host:   two host processes, over the addresses of the dummy0
 *           interface (the loopback path of the one stack);
 *   guests: each in a network context of its own with one address
 *           (192.0.2.41, 192.0.2.42 on dummy0), the server listening on
 *           the wildcard address (so the listener lookup is filtered) and
 *           the client unbound (so vserver chooses its source);
 *   veth:   each in a network namespace of its own (unshare(CLONE_NEWNET))
 *           with one end of a veth pair, 198.51.100.1 and .2: the way
 *           namespace containers are joined.
 *
 * Three loops:
 *
 *   stream:  the client sends SIZE bytes in 64 KiB writes, the server reads
 *            them; result in MB/s;
 *   rr:      one connection, the client sends 1 byte, the server answers
 *            1 byte, N times (netperf's TCP_RR); transactions per second;
 *   connect: the client connects, the server accepts, both close; result
 *            in connections per second.
 *
 * The three sides alternate, ROUNDS times; every round's rate is printed
 * for the report, the table shows the best of each side.  --check runs
 * tiny counts and prints TAP: it proves that the benchmark works on every
 * side and that the guests' connection really comes from the client
 * guest's address, and asserts nothing about speed.
 */

#include "bench.h"

#include <netinet/tcp.h>

#define HOST_ADDR	"192.0.2.40"
#define SERVER_ADDR	"192.0.2.41"
#define CLIENT_ADDR	"192.0.2.42"
#define VETH_SERVER	"198.51.100.1"
#define VETH_CLIENT	"198.51.100.2"
#define PORT		5001
#define CHUNK		65536

enum side { HOST, GUESTS, VETH, NSIDES };
static const char *const side_name[] = { "host", "guests", "veth" };

static void set_addr(struct sockaddr_in *sin, const char *addr)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(PORT);
	inet_pton(AF_INET, addr, &sin->sin_addr);
}

/*
 * The namespace side: a network namespace of its own, then (when the
 * parent has moved the veth end in, signalled on @go) its address.
 */
static int enter_netns(int unshared, int go, const char *dev,
		       const char *addr)
{
	char cmd[256], c;

	if (unshare(CLONE_NEWNET) || write(unshared, "u", 1) != 1 ||
	    read(go, &c, 1) != 1)
		return -1;
	snprintf(cmd, sizeof(cmd),
		 "ip link set lo up && ip addr add %s/24 dev %s && "
		 "ip link set %s up", addr, dev, dev);
	return system(cmd) ? -1 : 0;
}

struct pipes {
	int ready[2], out[2], su[2], cu[2], sgo[2], cgo[2];
};

/* The server: listens on the wildcard, serves @mode, exits. */
static void server(enum side side, int mode, long n, struct pipes *p)
{
	struct sockaddr_in sin;
	int one = 1, l, s;
	static char buf[CHUNK];
	long i;

	pin();
	if (side == GUESTS && enter_guest(SERVER_ADDR) < 0)
		_exit(2);
	if (side == VETH && enter_netns(p->su[1], p->sgo[0], "vsb0",
					VETH_SERVER))
		_exit(2);
	set_addr(&sin, "0.0.0.0");
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof(one)) ||
	    bind(l, (struct sockaddr *)&sin, sizeof(sin)) || listen(l, 128))
		_exit(3);
	if (write(p->ready[1], "r", 1) != 1)
		_exit(4);
	if (mode == 0 || mode == 1) {
		s = accept(l, NULL, NULL);
		if (s < 0)
			_exit(5);
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		if (mode == 0) {
			while (read(s, buf, sizeof(buf)) > 0)
				;
		} else {
			while (read(s, buf, 1) == 1)
				if (write(s, buf, 1) != 1)
					_exit(6);
		}
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

struct result {
	uint64_t t;
	struct in_addr src;
};

/*
 * The client: connects to the server and runs @mode; sends the elapsed
 * time and the source address of its last connection on @out.
 */
static void client(enum side side, int mode, long n, struct pipes *p)
{
	struct result res = { 0 };
	struct sockaddr_in sin, me;
	socklen_t len = sizeof(me);
	static char buf[CHUNK];
	int s, one = 1;
	uint64_t t0;
	long i;

	pin();
	if (side == GUESTS && enter_guest(CLIENT_ADDR) < 0)
		_exit(2);
	if (side == VETH && enter_netns(p->cu[1], p->cgo[0], "vsb1",
					VETH_CLIENT))
		_exit(2);
	if (side == VETH) {
		char c;

		/* the parent says when the server listens */
		if (read(p->cgo[0], &c, 1) != 1)
			_exit(2);
	}
	set_addr(&sin, side == GUESTS ? SERVER_ADDR :
		       side == VETH ? VETH_SERVER : HOST_ADDR);
	t0 = now_ns();
	if (mode == 0 || mode == 1) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&sin, sizeof(sin)))
			_exit(6);
		setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		for (i = 0; i < n; i++) {
			if (mode == 0) {
				if (write(s, buf, sizeof(buf)) != sizeof(buf))
					_exit(7);
			} else if (write(s, buf, 1) != 1 ||
				   read(s, buf, 1) != 1) {
				_exit(7);
			}
		}
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
	if (write(p->out[1], &res, sizeof(res)) != sizeof(res))
		_exit(8);
	_exit(0);
}

static void close_all(struct pipes *p)
{
	int *fd = (int *)p, i;

	for (i = 0; i < (int)(sizeof(*p) / sizeof(int)); i++)
		if (fd[i] >= 0)
			close(fd[i]);
}

/* One run; returns ns (0 on failure), the client's source in *src. */
static uint64_t run(enum side side, int mode, long n, struct in_addr *src)
{
	struct result res = { 0 };
	struct pipes p;
	int st, ok = 1;
	pid_t ps = -1, pc = -1;
	char c;

	memset(&p, 0xff, sizeof(p));
	if (pipe(p.ready) || pipe(p.out) || pipe(p.su) || pipe(p.cu) ||
	    pipe(p.sgo) || pipe(p.cgo))
		goto fail;
	ps = fork();
	if (ps == 0)
		server(side, mode, n, &p);
	if (ps < 0)
		goto fail;
	if (side == VETH) {
		/* both in their namespaces, then the veth pair between */
		pc = fork();
		if (pc == 0)
			client(side, mode, n, &p);
		if (pc < 0 || read(p.su[0], &c, 1) != 1 ||
		    read(p.cu[0], &c, 1) != 1)
			goto fail;
		if (nl_veth("vsb0", ps, "vsb1", pc)) {
			perror("net_bench: veth");
			goto fail;
		}
		if (write(p.sgo[1], "g", 1) != 1 || write(p.cgo[1], "g", 1) != 1)
			goto fail;
	}
	if (read(p.ready[0], &c, 1) != 1)
		goto fail;
	if (side == VETH) {
		if (write(p.cgo[1], "g", 1) != 1)
			goto fail;
	} else {
		pc = fork();
		if (pc == 0)
			client(side, mode, n, &p);
		if (pc < 0)
			goto fail;
	}
	close(p.out[1]);
	p.out[1] = -1;
	if (read(p.out[0], &res, sizeof(res)) != sizeof(res))
		ok = 0;
	if (waitpid(pc, &st, 0) != pc || st)
		ok = 0;
	pc = -1;
	if (waitpid(ps, &st, 0) != ps || st)
		ok = 0;
	ps = -1;
	close_all(&p);
	*src = res.src;
	return ok ? res.t : 0;
fail:
	if (pc > 0) {
		kill(pc, SIGKILL);
		waitpid(pc, NULL, 0);
	}
	if (ps > 0) {
		kill(ps, SIGKILL);
		waitpid(ps, NULL, 0);
	}
	close_all(&p);
	return 0;
}

static const struct bench {
	const char *name;
	int mode;
	long count;
	const char *unit;
} benches[] = {
	{ "stream", 0, 4096, "MB/s" },	/* 4096 x 64 KiB = 256 MiB */
	{ "rr", 1, 5000, "trans/s" },
	{ "connect", 2, 400, "conn/s" },
};

#define NBENCH ((int)(sizeof(benches) / sizeof(benches[0])))

static double rate(const struct bench *b, long n, uint64_t ns)
{
	double s = (double)ns / 1e9;

	if (b->mode == 0)
		return (double)n * CHUNK / (1024.0 * 1024.0) / s;
	return (double)n / s;
}

int main(int argc, char **argv)
{
	int check = 0, rounds = 5, i, r, fails = 0, tap = 0;
	const char *only = NULL;
	long scale = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atol(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: net_bench [--check] [--rounds N] [--scale K] [--only NAME]\n");
			return 2;
		}
	}
	if (rounds < 1 || rounds > BENCH_MAX_ROUNDS)
		rounds = 5;
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
		printf("1..%d\n", 2 * NBENCH);
	} else {
		printf("%-8s %10s %10s %10s %8s %8s  (best of %d rounds)\n",
		       "bench", "host", "guests", "veth", "g/host", "g/veth",
		       rounds);
	}
	for (i = 0; i < NBENCH; i++) {
		const struct bench *b = &benches[i];
		long n = check ? 4 : b->count * scale;
		double v[NSIDES][BENCH_MAX_ROUNDS], best[NSIDES];
		int nv[NSIDES] = { 0 }, bad = 0, src_ok = 1, s;
		struct in_addr src, want;
		uint64_t t;

		if (only && strcmp(only, b->name))
			continue;
		inet_pton(AF_INET, CLIENT_ADDR, &want);
		for (r = 0; r < rounds; r++) {
			for (s = 0; s < NSIDES; s++) {
				t = run(s, b->mode, n, &src);
				if (!t) {
					bad |= 1 << s;
					continue;
				}
				v[s][nv[s]++] = rate(b, n, t);
				if (s == GUESTS && src.s_addr != want.s_addr)
					src_ok = 0;
				/* let a namespace's cleanup end */
				sleep_ms(s == VETH ? 300 : 100);
			}
		}
		if (check) {
			printf("%s %d - %s runs between two host processes, two guests and two netns over veth\n",
			       bad ? "not ok" : "ok", ++tap, b->name);
			printf("%s %d - %s: the client guest connects from its own address\n",
			       src_ok && !(bad & (1 << GUESTS)) ? "ok" : "not ok",
			       ++tap, b->name);
			continue;
		}
		if (bad || !src_ok) {
			printf("%-8s failed (sides mask %d, source %s)\n",
			       b->name, bad, src_ok ? "ok" : "wrong");
			fails++;
			continue;
		}
		for (s = 0; s < NSIDES; s++) {
			emit("net", b->name, side_name[s], b->unit, v[s], nv[s]);
			best[s] = best_of(v[s], nv[s], 1);
		}
		printf("%-8s %10.1f %10.1f %10.1f %8.3f %8.3f  %s\n", b->name,
		       best[HOST], best[GUESTS], best[VETH],
		       best[GUESTS] / best[HOST], best[GUESTS] / best[VETH],
		       b->unit);
	}
	return fails ? 1 : 0;
}
