/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - What the benchmarks share: the vserver syscall, guest setup,
 * timing, result lines, and a little rtnetlink (addresses, veth pairs).
 *
 * Result lines.  Besides its human-readable table every benchmark prints
 * one line per figure for the host-side report (tests/bench/report):
 *
 *	@ <group> <item> <side> <unit> <value> <value> ...
 *
 * one value per round (not a summary), so that the report can pool the
 * rounds of several VM boots (the unpatched kernel runs in a boot of its
 * own) and compute min/median/max itself.  Units ending in "/s" are
 * rates (higher is better); the others are costs (lower is better).
 *
 * All helpers are static; each benchmark is one self-contained program.
 */

#ifndef _VSERVER_BENCH_H
#define _VSERVER_BENCH_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>
#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>

#define BENCH_MAX_ROUNDS	64

static inline long vs(uint32_t cmd, uint32_t id, void *data)
{
	return syscall(236, cmd, id, data);
}

/* Does this kernel have the vserver syscall?  (The unpatched one not.) */
static int __attribute__((unused)) have_vserver(void)
{
	return vs(0, 0, NULL) >= 0;	/* get_version */
}

static uint64_t __attribute__((unused)) now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void __attribute__((unused)) sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * Everything of a measurement on CPU 0: a wakeup on another vCPU of the
 * emulated machine waits for that vCPU's time slice, which would make
 * the figures the emulator's and not the kernel's.
 */
static void __attribute__((unused)) pin(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

struct spread {
	double min, med, max;
};

static struct spread __attribute__((unused)) spread_of(const double *v, int n)
{
	double s[BENCH_MAX_ROUNDS];
	struct spread r = { 0, 0, 0 };

	if (n <= 0)
		return r;
	if (n > BENCH_MAX_ROUNDS)
		n = BENCH_MAX_ROUNDS;
	memcpy(s, v, n * sizeof(*v));
	qsort(s, n, sizeof(*s), cmp_double);
	r.min = s[0];
	r.max = s[n - 1];
	r.med = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	return r;
}

/* The best of the rounds: the smallest cost, the highest rate. */
static double __attribute__((unused)) best_of(const double *v, int n,
					       int rate)
{
	struct spread s = spread_of(v, n);

	return rate ? s.max : s.min;
}

/* One result line for the report (see the top of this file). */
static void __attribute__((unused)) emit(const char *group, const char *item,
					 const char *side, const char *unit,
					 const double *v, int n)
{
	int i;

	printf("@ %s %s %s %s", group, item, side, unit);
	for (i = 0; i < n; i++)
		printf(" %.6g", v[i]);
	printf("\n");
	fflush(stdout);
}

/* ------------------------------------------------------------------ */
/* Guests                                                             */
/* ------------------------------------------------------------------ */

/*
 * Sets every limit this kernel enforces (get_rlimit_mask), except the
 * memory ones that need a cgroup of the context's own, to @max: far above
 * what a benchmark uses, so that the counting and the checks are part of
 * what is measured but nothing is refused.
 */
static int __attribute__((unused)) set_all_limits(uint32_t xid, uint64_t max)
{
	struct vcmd_ctx_rlimit_mask_v0 m = { 0 };
	uint32_t id;

	if (vs(VCMD_get_rlimit_mask, 0, &m) < 0)
		return -1;
	for (id = 0; id < 32; id++) {
		struct vcmd_ctx_rlimit_v0 r = {
			.id = id, .minimum = CRLIM_KEEP,
			.softlimit = CRLIM_KEEP, .maximum = max,
		};

		if (!(m.maximum & (1u << id)) || id == RLIMIT_RSS ||
		    id == VLIMIT_ANON)
			continue;
		if (vs(VCMD_set_rlimit, xid, &r) < 0)
			return -1;
	}
	return 0;
}

/* A new network context (dynamic id unless @nid) with one IPv4 address. */
static long __attribute__((unused)) enter_net(uint32_t nid, const char *addr,
					     const char *mask)
{
	struct vcmd_net_create c = { .flagword = NXF_INIT_SET };
	struct vcmd_net_addr_ipv4_v1 a = { .type = NXA_TYPE_ADDR };
	long id;

	if (inet_pton(AF_INET, addr, &a.ip) != 1 ||
	    inet_pton(AF_INET, mask, &a.mask) != 1)
		return -1;
	id = vs(VCMD_net_create, nid, &c);
	if (id < 0 || vs(VCMD_net_add_ipv4_v1, id, &a) < 0)
		return -1;
	return id;
}

/*
 * Makes the caller a guest as the tools would: a network context with
 * @addr (if not NULL), a new context (dynamic id) with every limit set,
 * out of setup.  Returns the xid or -1.
 */
static long __attribute__((unused)) enter_guest(const char *addr)
{
	struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };
	struct vcmd_ctx_flags_v0 f = { 0, VXF_STATE_SETUP };
	long xid;

	if (addr && enter_net((uint32_t)-1, addr, "255.255.255.255") < 0)
		return -1;
	xid = vs(VCMD_ctx_create, (uint32_t)-1, &c);
	if (xid < 0 || set_all_limits((uint32_t)-1, 1000000) < 0 ||
	    vs(VCMD_set_cflags, (uint32_t)-1, &f) < 0)
		return -1;
	return xid;
}

/* ------------------------------------------------------------------ */
/* rtnetlink                                                          */
/* ------------------------------------------------------------------ */

struct nlreq {
	struct nlmsghdr n;
	char buf[1024];
};

static struct rtattr *nl_add(struct nlreq *r, int type, const void *data,
			     int len)
{
	struct rtattr *a = (struct rtattr *)((char *)&r->n +
					     NLMSG_ALIGN(r->n.nlmsg_len));

	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, len);
	r->n.nlmsg_len = NLMSG_ALIGN(r->n.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

static void nl_end(struct nlreq *r, struct rtattr *a)
{
	a->rta_len = (char *)&r->n + r->n.nlmsg_len - (char *)a;
}

/* Sends @r on @fd (or a new socket if @fd < 0), waits for the ack. */
static int nl_talk(int fd, struct nlreq *r)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char ans[4096];
	struct nlmsghdr *h = (struct nlmsghdr *)ans;
	int own = fd < 0, err = -1;
	ssize_t n;

	if (own)
		fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -1;
	r->n.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	if (sendto(fd, r, r->n.nlmsg_len, 0, (struct sockaddr *)&sa,
		   sizeof(sa)) < 0)
		goto out;
	n = recv(fd, ans, sizeof(ans), 0);
	if (n >= (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)) &&
	    h->nlmsg_type == NLMSG_ERROR) {
		err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		if (err) {
			errno = -err;
			err = -1;
		}
	}
out:
	if (own)
		close(fd);
	return err;
}

/* ip addr add @addr/@plen dev @ifindex (on @fd, or a new socket if < 0). */
static int __attribute__((unused)) nl_addr(int fd, int ifindex,
					   struct in_addr addr, int plen,
					   int add)
{
	struct nlreq r = { 0 };
	struct ifaddrmsg *ifa;

	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
	r.n.nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	r.n.nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	ifa = NLMSG_DATA(&r.n);
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_index = ifindex;
	nl_add(&r, IFA_LOCAL, &addr, 4);
	nl_add(&r, IFA_ADDRESS, &addr, 4);
	return nl_talk(fd, &r);
}

/*
 * ip link add @name netns @pid type veth peer name @peer netns @peer_pid:
 * a veth pair with one end in the network namespace of each task.
 */
static int __attribute__((unused)) nl_veth(const char *name, pid_t pid,
					   const char *peer, pid_t peer_pid)
{
	struct nlreq r = { 0 };
	struct ifinfomsg *ifi;
	struct rtattr *li, *data, *pe;
	uint32_t p;

	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	r.n.nlmsg_type = RTM_NEWLINK;
	r.n.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	nl_add(&r, IFLA_IFNAME, name, strlen(name) + 1);
	p = pid;
	nl_add(&r, IFLA_NET_NS_PID, &p, 4);
	li = nl_add(&r, IFLA_LINKINFO, NULL, 0);
	nl_add(&r, IFLA_INFO_KIND, "veth", 4);
	data = nl_add(&r, IFLA_INFO_DATA, NULL, 0);
	pe = nl_add(&r, VETH_INFO_PEER, NULL, 0);
	/* The peer's own ifinfomsg, then its attributes. */
	r.n.nlmsg_len += NLMSG_ALIGN(sizeof(struct ifinfomsg));
	nl_add(&r, IFLA_IFNAME, peer, strlen(peer) + 1);
	p = peer_pid;
	nl_add(&r, IFLA_NET_NS_PID, &p, 4);
	nl_end(&r, pe);
	nl_end(&r, data);
	nl_end(&r, li);
	return nl_talk(-1, &r);
}

/* The loops ctx_bench and growth_bench both time. */
static void __attribute__((unused)) loop_getpid(long n)
{
	while (n--)
		syscall(SYS_getpid);
}

static void __attribute__((unused)) loop_fork(long n)
{
	while (n--) {
		pid_t p = fork();

		if (p == 0)
			_exit(0);
		if (p < 0 || waitpid(p, NULL, 0) != p)
			exit(3);
	}
}

#endif /* _VSERVER_BENCH_H */
