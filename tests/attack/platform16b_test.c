// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite, netfilter: attempts by root in a guest on
 * the host's nftables ruleset and conntrack table, which guests share
 * with the host (one network namespace).  The world and the verdicts are
 * attack.h's; every attempt is one test and tests/attack/README lists
 * them.  The host's side is what a Debian host with a stateful firewall
 * has: an inet table whose rule loads the conntrack state, so that every
 * packet of the machine is tracked (nft_ct turns conntrack on in the
 * namespace).  No libmnl or nft in the VM: the netlink messages are made
 * here.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

/* After the C library's network headers (linux/in.h would clash). */
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

/* The host's table and chain, and the one a guest tries to add. */
#define NF_TABLE	"vs_attack"
#define NF_CHAIN	"out"
#define NF_GUEST_TABLE	"vs_guest"
#define CT_MAX_PATH	"/proc/sys/net/netfilter/nf_conntrack_max"
#define CT_COUNT_PATH	"/proc/sys/net/netfilter/nf_conntrack_count"

static void nf_down(void);

AT_WORLD_FIXTURE(nf_down)

/*
 * One attempt: @fn runs as guest A's init with at_arg(@arg, @arg2), or
 * 0 without @arg, and must be refused with @refused (0: any errno).
 * Before it: the host's nftables table (@nf), a new connection of the
 * host (@host_flow), @arg readable by the host (@host_reads).  After
 * it: @log names the guest's count (res.v[0]) for the log, @seen says
 * what that count is if it is not 0 (the guest saw something of the
 * host's), @kept checks that the host kept what the attempt aimed at
 * (NULL, or why not); and the host is as it was.  @run is the whole
 * test of an attempt of a shape of its own.
 */
FIXTURE_VARIANT(attack) {
	at_fn fn;
	const char *arg, *arg2;
	const char *what;
	int refused;
	bool nf, host_flow, host_reads;
	const char *log;
	const char *seen;
	const char *(*kept)(void);
	void (*run)(struct __test_metadata *_metadata);
};

/* attack.h's helpers for attempts this program does not make. */
static const void *const at_unused[] __attribute__((unused)) = {
	at_outside_root, at_guest_chrooted, at_uncount, at_reached,
	at_go_on, at_await_ready, at_ready_wait,
};

/* ================================================================== */
/* Netlink messages of nfnetlink, by hand                             */
/* ================================================================== */

struct nlb {
	char buf[4096] __attribute__((aligned(NLMSG_ALIGNTO)));
	size_t len;
};

static void *nlb_put(struct nlb *b, size_t len)
{
	void *p = b->buf + b->len;

	memset(p, 0, NLMSG_ALIGN(len));
	b->len += NLMSG_ALIGN(len);
	return p;
}

/* A message of subsystem/type (type alone for the batch markers). */
static size_t nlb_msg(struct nlb *b, uint16_t type, uint16_t flags,
		      uint8_t family, uint16_t res_id)
{
	static uint32_t seq;
	size_t off = b->len;
	struct nlmsghdr *h = nlb_put(b, NLMSG_HDRLEN);
	struct nfgenmsg *g = nlb_put(b, sizeof(*g));

	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = ++seq;
	g->nfgen_family = family;
	g->version = NFNETLINK_V0;
	g->res_id = htons(res_id);
	return off;
}

static void nlb_end_msg(struct nlb *b, size_t off)
{
	((struct nlmsghdr *)(b->buf + off))->nlmsg_len = b->len - off;
}

static void nlb_attr(struct nlb *b, uint16_t type, const void *data,
		     size_t len)
{
	struct nlattr *a = nlb_put(b, NLA_HDRLEN + len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
}

static void nlb_str(struct nlb *b, uint16_t type, const char *s)
{
	nlb_attr(b, type, s, strlen(s) + 1);
}

static void nlb_u32(struct nlb *b, uint16_t type, uint32_t host_order)
{
	uint32_t v = htonl(host_order);

	nlb_attr(b, type, &v, sizeof(v));
}

static size_t nlb_nest(struct nlb *b, uint16_t type)
{
	size_t off = b->len;
	struct nlattr *a = nlb_put(b, NLA_HDRLEN);

	a->nla_type = type | NLA_F_NESTED;
	return off;
}

static void nlb_end_nest(struct nlb *b, size_t off)
{
	((struct nlattr *)(b->buf + off))->nla_len = b->len - off;
}

#define NFT_TYPE(t)	((NFNL_SUBSYS_NFTABLES << 8) | (t))

static void nft_begin(struct nlb *b)
{
	nlb_end_msg(b, nlb_msg(b, NFNL_MSG_BATCH_BEGIN, 0, AF_UNSPEC,
			       NFNL_SUBSYS_NFTABLES));
}

static void nft_end(struct nlb *b)
{
	nlb_end_msg(b, nlb_msg(b, NFNL_MSG_BATCH_END, 0, AF_UNSPEC,
			       NFNL_SUBSYS_NFTABLES));
}

static void nft_table(struct nlb *b, int type, const char *name)
{
	size_t m = nlb_msg(b, NFT_TYPE(type),
			   NLM_F_ACK | (type == NFT_MSG_NEWTABLE ? NLM_F_CREATE : 0),
			   NFPROTO_INET, 0);

	nlb_str(b, NFTA_TABLE_NAME, name);
	nlb_end_msg(b, m);
}

/*
 * table inet @table { chain out { type filter hook output priority 0;
 * ct state (loaded into a register) } }: what a stateful firewall's
 * "ct state established,related accept" needs; conntrack tracks every
 * packet of the namespace from then on.
 */
static void nft_ct_ruleset(struct nlb *b, const char *table)
{
	size_t m, n, l, e, d;

	nft_table(b, NFT_MSG_NEWTABLE, table);
	m = nlb_msg(b, NFT_TYPE(NFT_MSG_NEWCHAIN), NLM_F_ACK | NLM_F_CREATE,
		    NFPROTO_INET, 0);
	nlb_str(b, NFTA_CHAIN_TABLE, table);
	nlb_str(b, NFTA_CHAIN_NAME, NF_CHAIN);
	n = nlb_nest(b, NFTA_CHAIN_HOOK);
	nlb_u32(b, NFTA_HOOK_HOOKNUM, NF_INET_LOCAL_OUT);
	nlb_u32(b, NFTA_HOOK_PRIORITY, 0);
	nlb_end_nest(b, n);
	nlb_str(b, NFTA_CHAIN_TYPE, "filter");
	nlb_end_msg(b, m);

	m = nlb_msg(b, NFT_TYPE(NFT_MSG_NEWRULE),
		    NLM_F_ACK | NLM_F_CREATE | NLM_F_APPEND, NFPROTO_INET, 0);
	nlb_str(b, NFTA_RULE_TABLE, table);
	nlb_str(b, NFTA_RULE_CHAIN, NF_CHAIN);
	l = nlb_nest(b, NFTA_RULE_EXPRESSIONS);
	e = nlb_nest(b, NFTA_LIST_ELEM);
	nlb_str(b, NFTA_EXPR_NAME, "ct");
	d = nlb_nest(b, NFTA_EXPR_DATA);
	nlb_u32(b, NFTA_CT_KEY, NFT_CT_STATE);
	nlb_u32(b, NFTA_CT_DREG, NFT_REG_1);
	nlb_end_nest(b, d);
	nlb_end_nest(b, e);
	nlb_end_nest(b, l);
	nlb_end_msg(b, m);
}

/*
 * Sends b on a NETLINK_NETFILTER socket and reads what comes back (the
 * kernel answers within sendmsg): 0 if no error was acknowledged, -1 with
 * errno if sending failed or an error came; *nmsgs (if not NULL) counts
 * the other messages (a dump's entries) of type want.
 */
static int nfnl_talk(struct nlb *b, int want, int *nmsgs)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	char rbuf[16384] __attribute__((aligned(NLMSG_ALIGNTO)));
	int fd, err = 0, done = 0;
	ssize_t n;

	if (nmsgs)
		*nmsgs = 0;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);
	if (fd < 0)
		return -1;
	if (sendto(fd, b->buf, b->len, 0, (void *)&sa, sizeof(sa)) < 0) {
		err = errno;
		goto out;
	}
	while (!done) {
		struct nlmsghdr *h;

		n = recv(fd, rbuf, sizeof(rbuf), MSG_DONTWAIT);
		if (n <= 0)
			break;
		for (h = (void *)rbuf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
			} else if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error && !err)
					err = -e->error;
			} else if (nmsgs && (h->nlmsg_type & 0xff) == want) {
				(*nmsgs)++;
			}
		}
	}
out:
	close(fd);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/* Whether the host has inet table @name: 1, 0, -1 (errno) */
static int nft_table_exists(const char *name)
{
	struct nlb b = { .len = 0 };

	nft_table(&b, NFT_MSG_GETTABLE, name);
	if (nfnl_talk(&b, NFT_MSG_NEWTABLE, NULL) == 0)
		return 1;
	return errno == ENOENT ? 0 : -1;
}

/* ================================================================== */
/* The host's side                                                    */
/* ================================================================== */

static char ct_max_saved[32];

static long read_num(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atol(buf) : -1;
}

/* The host's firewall: table NF_TABLE with conntrack on.  0 or errno. */
static int nf_up(void)
{
	struct nlb b = { .len = 0 };

	nft_begin(&b);
	nft_ct_ruleset(&b, NF_TABLE);
	nft_end(&b);
	return nfnl_talk(&b, 0, NULL) ? errno : 0;
}

static void nf_down(void)
{
	struct nlb b = { .len = 0 };

	if (ct_max_saved[0]) {
		at_write_file(CT_MAX_PATH, ct_max_saved);
		ct_max_saved[0] = 0;
	}
	nft_begin(&b);
	nft_table(&b, NFT_MSG_DELTABLE, NF_TABLE);
	nft_end(&b);
	nfnl_talk(&b, 0, NULL);
	b.len = 0;
	nft_begin(&b);
	nft_table(&b, NFT_MSG_DELTABLE, NF_GUEST_TABLE);
	nft_end(&b);
	nfnl_talk(&b, 0, NULL);
}

#define NF_UP()								\
	do {								\
		int __e = nf_up();					\
		ASSERT_EQ(0, __e)					\
			TH_LOG("the host's nftables table: %s", strerror(__e)); \
		ASSERT_EQ(1, nft_table_exists(NF_TABLE));		\
	} while (0)

/* ================================================================== */
/* nftables                                                           */
/* ================================================================== */

/* A batch that adds a table with conntrack (as the host's). */
static long g_nft_add_table(long unused)
{
	struct nlb b = { .len = 0 };

	nft_begin(&b);
	nft_ct_ruleset(&b, NF_GUEST_TABLE);
	nft_end(&b);
	return nfnl_talk(&b, 0, NULL);
}

static long g_nft_del_table(long unused)
{
	struct nlb b = { .len = 0 };

	nft_begin(&b);
	nft_table(&b, NFT_MSG_DELTABLE, NF_TABLE);
	nft_end(&b);
	return nfnl_talk(&b, 0, NULL);
}

/* GETTABLE dump: list the host's ruleset. */
static long g_nft_list(long unused)
{
	struct nlb b = { .len = 0 };
	int n;
	long r;

	nlb_end_msg(&b, nlb_msg(&b, NFT_TYPE(NFT_MSG_GETTABLE), NLM_F_DUMP,
				NFPROTO_UNSPEC, 0));
	r = nfnl_talk(&b, NFT_MSG_NEWTABLE, &n);
	at_sh->res.v[0] = n;
	return r;
}

/* Join nfnetlink's multicast groups: the host's conntrack and ruleset events. */
static long g_nfnl_groups(long unused)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = (1 << (NFNLGRP_CONNTRACK_NEW - 1)) |
					       (1 << (NFNLGRP_NFTABLES - 1)) };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);

	if (fd < 0)
		return -2;
	return bind(fd, (void *)&sa, sizeof(sa));
}

/* ================================================================== */
/* The conntrack table                                                */
/* ================================================================== */

/*
 * A new flow of the host: a datagram from a new socket of the host to a
 * port of its own address where nothing listens (the ICMP error is
 * related, no new entry).  Each needs an entry of the conntrack table;
 * sendto() fails (EPERM) if the packet is dropped for want of one.
 */
static int host_connection(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons(AT_PORT_UH + 90) };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r;

	if (fd < 0)
		return -1;
	inet_pton(AF_INET, AT_HOST4, &sa.sin_addr);
	r = sendto(fd, "h", 1, 0, (void *)&sa, sizeof(sa)) < 0 ? -1 : 0;
	close(fd);
	return r;
}

/* ctnetlink dump of the conntrack table. */
static long g_ctnl_dump(long unused)
{
	struct nlb b = { .len = 0 };
	int n;
	long r;

	nlb_end_msg(&b, nlb_msg(&b, (NFNL_SUBSYS_CTNETLINK << 8) |
				IPCTNL_MSG_CT_GET, NLM_F_DUMP, AF_INET, 0));
	r = nfnl_talk(&b, IPCTNL_MSG_CT_NEW, &n);
	at_sh->res.v[0] = n;
	return r;
}

static long g_ctnl_flush(long unused)
{
	struct nlb b = { .len = 0 };

	nlb_end_msg(&b, nlb_msg(&b, (NFNL_SUBSYS_CTNETLINK << 8) |
				IPCTNL_MSG_CT_DELETE, NLM_F_ACK, AF_INET, 0));
	return nfnl_talk(&b, 0, NULL);
}

/* Opens path and counts the lines naming the host's address. */
static long g_read_ct_file(long path)
{
	char line[512];
	FILE *f = fopen((const char *)path, "re");
	long n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strstr(line, AT_HOST4))
			n++;
	fclose(f);
	at_sh->res.v[0] = n;
	return 0;
}

static long g_write_file(long arg)
{
	int fd = open((const char *)arg, O_WRONLY | O_CLOEXEC);
	const char *v = at_arg2(arg);

	if (fd < 0)
		return -1;
	if (write(fd, v, strlen(v)) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	return 0;
}

static void run_sysctl_nf_conntrack_max(struct __test_metadata *_metadata)
{
	long before = read_num(CT_MAX_PATH), r;

	ASSERT_LT(0, before);
	r = ATTEMPT(AT_INIT, g_write_file, at_arg(CT_MAX_PATH, "1"),
		"write net.netfilter.nf_conntrack_max = 1: make the host's table hold one connection -> refused");
	REFUSED(r, errno, 0);
	NO_ESCAPE(read_num(CT_MAX_PATH) == before,
		  "nf_conntrack_max changed: %ld -> %ld", before,
		  read_num(CT_MAX_PATH));
	HOST_OK();
}

/*
 * UDP flows between CT_SOCKS of the guest's own sockets, made assured
 * (a reply, then traffic after two seconds: an UDP "stream", which
 * neither early drop nor the garbage collector evicts; 120 s), pair by
 * pair, CT_ROUNDS times with new sockets: more entries than the table
 * holds, with at most CT_SOCKS sockets open at once.  v[0]: flows made,
 * v[1]: datagrams refused (sendto EPERM: no entry for them).
 */
#define CT_SOCKS	12
#define CT_ROUNDS	4

static long g_ct_flood(long unused)
{
	struct sockaddr_in sa[CT_SOCKS];
	int fd[CT_SOCKS], round, i, j;
	long made = 0, refused = 0;
	socklen_t sl;

	for (round = 0; round < CT_ROUNDS; round++) {
		for (i = 0; i < CT_SOCKS; i++) {
			memset(&sa[i], 0, sizeof(sa[i]));
			sa[i].sin_family = AF_INET;
			inet_pton(AF_INET, AT_A4, &sa[i].sin_addr);
			fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			sl = sizeof(sa[i]);
			if (fd[i] < 0 || bind(fd[i], (void *)&sa[i], sizeof(sa[i])) ||
			    getsockname(fd[i], (void *)&sa[i], &sl)) {
				NOTE("socket %d of round %d: %s", i, round,
				     strerror(errno));
				return -2;
			}
		}
		/* i -> j, then the reply j -> i. */
		for (i = 0; i < CT_SOCKS; i++)
			for (j = i + 1; j < CT_SOCKS; j++) {
				if (sendto(fd[i], "q", 1, 0, (void *)&sa[j],
					   sizeof(sa[j])) < 0) {
					refused++;
					continue;
				}
				made++;
				sendto(fd[j], "r", 1, 0, (void *)&sa[i],
				       sizeof(sa[i]));
			}
		/* A stream: traffic again after two seconds. */
		sleep(3);
		for (i = 0; i < CT_SOCKS; i++)
			for (j = i + 1; j < CT_SOCKS; j++)
				sendto(fd[i], "s", 1, 0, (void *)&sa[j],
				       sizeof(sa[j]));
		for (i = 0; i < CT_SOCKS; i++)
			close(fd[i]);
	}
	at_sh->res.v[0] = made;
	at_sh->res.v[1] = refused;
	return refused ? -1 : 0;
}

static void run_conntrack_table_exhaustion(struct __test_metadata *_metadata)
{
	long count, max, after, r;
	int i, host_failed = 0;

	NF_UP();
	/* A table the flood can fill: what is in it now plus 120 entries. */
	count = read_num(CT_COUNT_PATH);
	ASSERT_LE(0, count);
	ASSERT_LT(0, read_num(CT_MAX_PATH));
	snprintf(ct_max_saved, sizeof(ct_max_saved), "%ld",
		 read_num(CT_MAX_PATH));
	max = 2 * count + 160;
	{
		char v[32];

		snprintf(v, sizeof(v), "%ld", max);
		ASSERT_EQ(0, at_write_file(CT_MAX_PATH, v));
	}
	r = ATTEMPT(AT_INIT, g_ct_flood, 0,
		"open assured UDP flows between its own sockets (12 at a time, 264 flows): fill the machine's conntrack table -> the host keeps max/8 of it");
	after = read_num(CT_COUNT_PATH);
	TH_LOG("flows made %ld, refused %ld; entries %ld of %ld (before: %ld)",
	       at_sh->res.v[0], at_sh->res.v[1], after, max, count);
	/* The host opens new connections: each needs an entry. */
	for (i = 0; i < 5; i++)
		if (host_connection())
			host_failed++;
	TH_LOG("host connections refused: %d of 5", host_failed);
	NO_ESCAPE(after <= max - max / 8,
		  "the guest filled the conntrack table: %ld of %ld entries, the host's eighth taken",
		  after, max);
	NO_ESCAPE(host_failed == 0,
		  "%d of 5 new host connections failed (table full)",
		  host_failed);
	EXPECT_EQ(-1, r) TH_LOG("the guest was never refused an entry");
	HOST_OK();
}

/*
 * Fairness between guests: guest A floods as above, then a third guest
 * C (context AT_XC, address 192.0.2.13), made here as the neighbour is,
 * opens CT_C_FLOWS new flows between its own sockets.  A guest holds at
 * most a quarter of the guests' part of the table (vserver.rst), so A
 * alone cannot starve C.  Counts only: flows made and refused.
 */
#define AT_XC		3130
#define CT_C_SOCKS	7	/* 21 flows */
#define CT_C_FLOWS	(CT_C_SOCKS * (CT_C_SOCKS - 1) / 2)
#define CT_GUEST_SHARE	4	/* a guest: 1/4 of the guests' part */

/* The entries charged to context xid (its status file), or -1. */
static long ct_charged(unsigned int xid)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/virtual/%u/status", xid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "\nConntrack:\t");
	return p ? strtol(p + 12, NULL, 10) : -1;
}

/* In a child of the test: become guest C, open its flows, report. */
static void ct_guest_c(int out)
{
	struct sockaddr_in sa[CT_C_SOCKS];
	int fd[CT_C_SOCKS], i, j;
	long res[2] = { -1, 0 };	/* flows made (-1: setup), refused */
	socklen_t sl;

	if (vs_create(NULL, AT_XC, VXF_INIT_SET) != AT_XC ||
	    vn_create_v0(NULL, AT_XC) != AT_XC ||
	    vn_add4(AT_XC, VN_C4, VN_MASK32) < 0 ||
	    vs_clear_setup(NULL, VX_SELF_ID))
		goto out;
	for (i = 0; i < CT_C_SOCKS; i++) {
		memset(&sa[i], 0, sizeof(sa[i]));
		sa[i].sin_family = AF_INET;
		inet_pton(AF_INET, VN_C4, &sa[i].sin_addr);
		fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		sl = sizeof(sa[i]);
		if (fd[i] < 0 || bind(fd[i], (void *)&sa[i], sizeof(sa[i])) ||
		    getsockname(fd[i], (void *)&sa[i], &sl))
			goto out;
	}
	res[0] = 0;
	for (i = 0; i < CT_C_SOCKS; i++)
		for (j = i + 1; j < CT_C_SOCKS; j++) {
			if (sendto(fd[i], "c", 1, 0, (void *)&sa[j],
				   sizeof(sa[j])) < 0)
				res[1]++;
			else
				res[0]++;
		}
out:
	if (write(out, res, sizeof(res)) != sizeof(res))
		_exit(1);
	_exit(0);
}

/*
 * The table's size is set so that what earlier attempts left (entries of
 * gone guests live out their time-outs, and count in the guests' part)
 * leaves room for guest A's whole share and guest C's flows: twice the
 * count in use, and 160 more.
 */
static void
run_conntrack_one_guest_starves_another(struct __test_metadata *_metadata)
{
	long count, max, share, made_a, charged, res[2] = { -1, -1 }, r;
	int p[2], status;
	pid_t pid;

	NF_UP();
	count = read_num(CT_COUNT_PATH);
	ASSERT_LE(0, count);
	ASSERT_LT(0, read_num(CT_MAX_PATH));
	snprintf(ct_max_saved, sizeof(ct_max_saved), "%ld",
		 read_num(CT_MAX_PATH));
	max = 2 * count + 160;
	{
		char v[32];

		snprintf(v, sizeof(v), "%ld", max);
		ASSERT_EQ(0, at_write_file(CT_MAX_PATH, v));
	}
	share = (max - max / 8) / CT_GUEST_SHARE;
	r = ATTEMPT(AT_INIT, g_ct_flood, 0,
		"open 264 assured UDP flows: take the guests' whole part of the conntrack table, so that another guest gets no entry -> at most a quarter of it; the other guest's flows pass");
	made_a = at_sh->res.v[0];
	charged = ct_charged(AT_XA);
	ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(p[0]);
		ct_guest_c(p[1]);
	}
	close(p[1]);
	if (read(p[0], res, sizeof(res)) != sizeof(res))
		res[0] = -1;
	close(p[0]);
	waitpid(pid, &status, 0);
	at_kill_ctx(AT_XC);
	vs_wait_gone(AT_XC, VS_GONE_TIMEOUT_MS);
	vn_wait_gone(AT_XC, VS_GONE_TIMEOUT_MS);
	TH_LOG("guest A: flows made %ld, refused %ld, entries charged %ld (its share: %ld of %ld); guest C: made %ld, refused %ld of %d",
	       made_a, at_sh->res.v[1], charged, share, max, res[0], res[1],
	       CT_C_FLOWS);
	ASSERT_LE(0, res[0]) TH_LOG("guest C could not be set up");
	NO_ESCAPE(res[1] == 0,
		  "guest A starved guest C: %ld of its %d new flows got no conntrack entry",
		  res[1], CT_C_FLOWS);
	NO_ESCAPE(made_a <= share,
		  "guest A holds %ld conntrack entries, more than its share (%ld)",
		  made_a, share);
	EXPECT_EQ(-1, r) TH_LOG("guest A was never refused an entry");
	/* Its charge, shown in its status: no more than its share. */
	EXPECT_LE(0, charged) TH_LOG("no Conntrack: line in its status");
	EXPECT_LE(charged, share);
	HOST_OK();
}

/* ================================================================== */
/* overlayfs and FUSE through a user namespace                        */
/* ================================================================== */

/*
 * A user namespace gives its creator every capability inside it, and
 * overlayfs and FUSE may be mounted there (FS_USERNS_MOUNT): the way an
 * unprivileged user mounts them on Debian.  v[0]: the step that failed.
 */
static long g_userns_mount(long arg)
{
	const char *type = (const char *)arg;

	at_sh->res.v[0] = 1;
	if (unshare(CLONE_NEWUSER))
		return -1;
	at_sh->res.v[0] = 2;
	if (unshare(CLONE_NEWNS))
		return -1;
	at_sh->res.v[0] = 3;
	mkdir("/tmp/l", 0755);
	mkdir("/tmp/u", 0755);
	mkdir("/tmp/w", 0755);
	mkdir("/tmp/m", 0755);
	if (!strcmp(type, "overlay"))
		return mount("overlay", "/tmp/m", "overlay", 0,
			     "lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w");
	return mount("x", "/tmp/m", "fuse", 0,
		     "fd=0,rootmode=40000,user_id=0,group_id=0");
}

static long g_fsopen(long arg)
{
	long r = syscall(__NR_fsopen, (const char *)arg, 0);

	return r < 0 ? -1 : r;
}

/* What the host must have kept after an attempt: NULL, or why not. */
static const char *no_guest_table(void)
{
	return nft_table_exists(NF_GUEST_TABLE) == 0 ? NULL :
	       "the host's ruleset has the guest's table";
}

static const char *host_table(void)
{
	return nft_table_exists(NF_TABLE) == 1 ? NULL :
	       "the host's table is gone";
}

static const char *conntrack_entries(void)
{
	return read_num(CT_COUNT_PATH) > 0 ? NULL :
	       "the conntrack table is empty";
}

FIXTURE_VARIANT_ADD(attack, nft_add_table) {
	.fn = g_nft_add_table, .nf = true, .refused = EPERM,
	.kept = no_guest_table,
	.what = "nftables batch NEWTABLE/NEWCHAIN/NEWRULE: add a table to the host's ruleset (no CAP_NET_ADMIN) -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, nft_delete_host_table) {
	.fn = g_nft_del_table, .nf = true, .refused = EPERM,
	.kept = host_table,
	.what = "nftables batch DELTABLE: delete the host's firewall table -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, nft_list_host_ruleset) {
	.fn = g_nft_list, .nf = true, .refused = EPERM,
	.log = "tables seen", .seen = "host tables the guest listed",
	.what = "nftables GETTABLE dump: read the host's firewall ruleset -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, nfnetlink_join_event_groups) {
	.fn = g_nfnl_groups, .nf = true, .refused = EPERM,
	.what = "bind a NETLINK_NETFILTER socket to the conntrack and nftables event groups: see the host's connections and rule changes -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, ctnetlink_dump_host_connections) {
	.fn = g_ctnl_dump, .nf = true, .host_flow = true, .refused = EPERM,
	.log = "entries seen", .seen = "conntrack entries the guest read",
	.what = "ctnetlink IPCTNL_MSG_CT_GET dump: read the host's connection tracking table -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, ctnetlink_flush_host_connections) {
	.fn = g_ctnl_flush, .nf = true, .host_flow = true, .refused = EPERM,
	.kept = conntrack_entries,
	.what = "ctnetlink IPCTNL_MSG_CT_DELETE without a tuple: flush the host's conntrack table -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, proc_net_nf_conntrack) {
	.fn = g_read_ct_file, .arg = "/proc/net/nf_conntrack",
	.nf = true, .host_flow = true, .host_reads = true, .refused = ENOENT,
	.log = "host entries seen", .seen = "host entries the guest read",
	.what = "read /proc/net/nf_conntrack: the host's connections -> ENOENT (hidden, NXF_HIDE_NETIF)",
};

FIXTURE_VARIANT_ADD(attack, proc_net_stat_nf_conntrack) {
	.fn = g_read_ct_file, .arg = "/proc/net/stat/nf_conntrack",
	.nf = true, .refused = ENOENT,
	.what = "read /proc/net/stat/nf_conntrack: the machine's conntrack statistics -> ENOENT",
};

FIXTURE_VARIANT_ADD(attack, sysctl_nf_conntrack_max) {
	.run = run_sysctl_nf_conntrack_max,
};

FIXTURE_VARIANT_ADD(attack, conntrack_table_exhaustion) {
	.run = run_conntrack_table_exhaustion,
};

FIXTURE_VARIANT_ADD(attack, conntrack_one_guest_starves_another) {
	.run = run_conntrack_one_guest_starves_another,
};

FIXTURE_VARIANT_ADD(attack, userns_mount_overlayfs) {
	.fn = g_userns_mount, .arg = "overlay", .refused = EPERM,
	.log = "failed at step (1 user ns, 2 mount ns, 3 mount)",
	.what = "unshare(CLONE_NEWUSER), then CLONE_NEWNS and mount() an overlayfs with the new namespace's capabilities -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, userns_mount_fuse) {
	.fn = g_userns_mount, .arg = "fuse", .refused = EPERM,
	.log = "failed at step (1 user ns, 2 mount ns, 3 mount)",
	.what = "unshare(CLONE_NEWUSER), then CLONE_NEWNS and mount() a FUSE file system -> EPERM",
};

FIXTURE_VARIANT_ADD(attack, fsopen_fuse) {
	.fn = g_fsopen, .arg = "fuse", .refused = EPERM,
	.what = "fsopen(\"fuse\"): a FUSE file system by the new mount API -> EPERM",
};

TEST_F(attack, attempt)
{
	const char *why;
	long r;

	if (variant->run) {
		variant->run(_metadata);
		return;
	}
	if (variant->nf)
		NF_UP();
	if (variant->host_flow)
		ASSERT_EQ(0, host_connection());
	if (variant->host_reads)
		ASSERT_EQ(0, access(variant->arg, R_OK));
	r = ATTEMPT(AT_INIT, variant->fn,
		    variant->arg ? at_arg(variant->arg, variant->arg2) : 0,
		    variant->what);
	if (variant->log)
		TH_LOG("%s: %ld", variant->log, at_sh->res.v[0]);
	REFUSED(r, errno, variant->refused);
	if (variant->seen)
		NO_ESCAPE(at_sh->res.v[0] == 0, "%ld %s", at_sh->res.v[0],
			  variant->seen);
	why = variant->kept ? variant->kept() : NULL;
	NO_ESCAPE(!why, "%s", why);
	HOST_OK();
}

TEST_HARNESS_MAIN
