// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * net_test - host unit tests of libvserver's network context part: the
 * nflag and ncap names, the address parser and formatter, the wrappers'
 * checks before the kernel, and the command words
 *
 * Needs no vserver kernel: the wrappers are only checked for what they
 * refuse themselves and for ENOSYS on a kernel without vserver(2)
 * (tests/tools-next drives them on a vserver kernel).
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "tap.h"
#include "vserver.h"

#define BIT(n)		(UINT64_C(1) << (n))

static bool vserver_kernel;

static char *hex(uint64_t v, char *buf)
{
	buf[0] = '0';
	buf[1] = 'x';
	vc_fmt_uint(buf + 2, v, 16, 0);
	return buf;
}

/* Parses @list from a zero word; the result or ~0 on failure. */
static uint64_t parse(const struct vc_name_table *t, const char *list)
{
	uint64_t value = 0, mask = 0;

	if (vc_list_parse(t, list, &value, &mask, NULL))
		return ~UINT64_C(0);
	return value;
}

static void parse_fails(const struct vc_name_table *t, const char *list,
			enum vc_list_errcode code, const char *entry)
{
	uint64_t value = 0x5a, mask = 0xa5;
	struct vc_list_error err = { 0, NULL, 0 };

	errno = 0;
	ok(vc_list_parse(t, list, &value, &mask, &err) == -1 &&
	   errno == EINVAL && err.code == code &&
	   err.len == strlen(entry) && !strncmp(err.entry, entry, err.len) &&
	   value == 0x5a && mask == 0xa5,
	   "'", list, "' is rejected at '", entry, "'");
}

/* What parse_test checks of every table, for the two network tables. */
static void test_table(const char *what, const struct vc_name_table *t,
		       const char *prefix)
{
	char buf[VC_LIST_STRSZ], pre[64];
	uint64_t all_named = 0, x = 0x9e3779b97f4a7c15ULL;
	bool names_ok = true, prefix_ok = true, single = true, random = true;
	unsigned int bit, i;

	for (bit = 0; bit < 64; bit++) {
		const char *name = vc_bit2name(t, bit);

		vc_list_format(t, BIT(bit), buf, sizeof(buf));
		single &= parse(t, buf) == BIT(bit);
		if (!name)
			continue;
		all_named |= BIT(bit);
		names_ok &= vc_name2bits(t, name, strlen(name)) == BIT(bit);
		strcpy(pre, prefix);
		strcat(pre, name);
		prefix_ok &= parse(t, pre) == BIT(bit);
	}
	ok(all_named && names_ok, what, ": every printed name reads back");
	ok(prefix_ok, what, ": names are read with the ", prefix, " prefix");
	ok(single, what, ": every single bit formats and reads back");
	for (i = 0; i < 2000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		vc_list_format(t, x, buf, sizeof(buf));
		random &= parse(t, buf) == x;
	}
	ok(random, what, ": 2000 random words format and read back");
	ok((vc_table_all(t) & ~all_named) == 0, what,
	   ": all covers only named bits");
	ok(!vc_name2bits(t, prefix, strlen(prefix)), what,
	   ": the prefix alone is no name");
}

static void test_nflags(void)
{
	const struct vc_name_table *f = &vc_nflag_names;
	char buf[VC_LIST_STRSZ], h[VC_FMT_BUFSZ + 2];
	uint64_t all = vc_table_all(f);

	test_table("nflag", f, "NXF_");
	is_int(parse(f, "single_ip"), NXF_SINGLE_IP, "single_ip");
	is_int(parse(f, "lback_remap"), NXF_LBACK_REMAP, "lback_remap");
	is_int(parse(f, "remap_lback"), NXF_LBACK_REMAP,
	       "remap_lback is an alias");
	is_int(parse(f, "lback_allow"), NXF_LBACK_ALLOW, "lback_allow");
	is_int(parse(f, "hide_netif"), NXF_HIDE_NETIF, "hide_netif");
	is_int(parse(f, "hide_lback"), NXF_HIDE_LBACK, "hide_lback");
	is_int(parse(f, "state_setup"), (int64_t)NXF_STATE_SETUP,
	       "state_setup");
	is_int(parse(f, "state_admin"), (int64_t)NXF_STATE_ADMIN,
	       "state_admin");
	is_int(parse(f, "sc_helper"), (int64_t)NXF_SC_HELPER, "sc_helper");
	is_int(parse(f, "persistent"), (int64_t)NXF_PERSISTENT, "persistent");
	is_int(parse(f, "private"), NXF_INFO_PRIVATE, "private");
	is_int(parse(f, "info_private"), NXF_INFO_PRIVATE,
	       "info_private is an alias");
	is_int(parse(f, "lock"), 1, "lock is bit 0 (util-vserver)");
	is_int(parse(f, "NXF_Persistent"), (int64_t)NXF_PERSISTENT,
	       "the NXF_ prefix, any case");
	ok(!(all & NXF_ONE_TIME), "all leaves the one-time state flags out");
	is_str(hex(all, h), "0x5006000709", "all is every other flag");
	vc_list_format(f, NXF_INIT_SET, buf, sizeof(buf));
	is_str(buf, "lback_remap,hide_netif,hide_lback,state_admin",
	       "format of a new network context's flags");
	vc_list_format(f, NXF_INFO_PRIVATE | NXF_LBACK_REMAP, buf,
		       sizeof(buf));
	is_str(buf, "private,lback_remap", "aliases are never printed");
	is_int(parse(f, "all,~single_ip"),
	       (int64_t)(all & ~NXF_SINGLE_IP), "all but one");
	parse_fails(f, "single_ip,bogus", VC_LIST_UNKNOWN, "bogus");
	parse_fails(f, "raw_icmp", VC_LIST_UNKNOWN, "raw_icmp");
	parse_fails(f, "VXF_PERSISTENT", VC_LIST_UNKNOWN, "VXF_PERSISTENT");
	parse_fails(f, "virt_mem", VC_LIST_UNKNOWN, "virt_mem");
	parse_fails(f, "^64", VC_LIST_BADBIT, "^64");
}

static void test_ncaps(void)
{
	const struct vc_name_table *c = &vc_ncap_names;
	char buf[VC_LIST_STRSZ];

	test_table("ncap", c, "NXC_");
	is_int(parse(c, "tun_create"), NXC_TUN_CREATE, "tun_create");
	is_int(parse(c, "raw_icmp"), NXC_RAW_ICMP, "raw_icmp");
	is_int(parse(c, "multicast"), NXC_MULTICAST, "multicast");
	is_int(parse(c, "NXC_RAW_ICMP"), NXC_RAW_ICMP, "with the prefix");
	is_int((int64_t)vc_table_all(c), 0x1101, "all is the three");
	is_int(parse(c, "all,~raw_icmp"), 0x1001, "all but raw_icmp");
	vc_list_format(c, NXC_RAW_ICMP | NXC_TUN_CREATE, buf, sizeof(buf));
	is_str(buf, "tun_create,raw_icmp", "format of two ncaps");
	parse_fails(c, "ping", VC_LIST_UNKNOWN, "ping");
	parse_fails(c, "raw_icmp,,tun_create", VC_LIST_EMPTY, "");
	parse_fails(c, "VXC_RAW_ICMP", VC_LIST_UNKNOWN, "VXC_RAW_ICMP");
}

static void test_nid(void)
{
	uint32_t nid = 7;

	ok(!vc_parse_nid("2100", &nid) && nid == 2100, "nid 2100");
	ok(!vc_parse_nid("self", &nid) && nid == VC_NID_SELF, "nid self");
	errno = 0;
	nid = 7;
	ok(vc_parse_nid("65536", &nid) == -1 && errno == ERANGE && nid == 7,
	   "nid 65536 is out of range");
	errno = 0;
	ok(vc_parse_nid("web", &nid) == -1 && errno == EINVAL && nid == 7,
	   "nid web is no number");
	is_int(VC_NID_DYNAMIC, UINT32_MAX,
	       "the dynamic nid is the kernel's -1");
}

/* One good address text: what it reads as and formats back to. */
struct good {
	const char *text;
	int family;
	uint16_t type;
	unsigned int prefix;
	const char *dev;
	const char *back;	/* vc_net_addr_format() */
};

static void test_parse_good(void)
{
	static const struct good cases[] = {
		{ "192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32, "", "192.0.2.1" },
		{ "192.0.2.1/24", AF_INET, NXA_TYPE_ADDR, 24, "",
		  "192.0.2.1/24" },
		{ "192.0.2.1/255.255.255.0", AF_INET, NXA_TYPE_ADDR, 24, "",
		  "192.0.2.1/24" },
		{ "192.0.2.1/255.255.255.255", AF_INET, NXA_TYPE_ADDR, 32, "",
		  "192.0.2.1" },
		{ "198.51.100.7/0.0.0.0", AF_INET, NXA_TYPE_ADDR, 0, "",
		  "198.51.100.7/0" },
		{ "0.0.0.0", AF_INET, NXA_TYPE_ADDR, 32, "", "0.0.0.0" },
		{ "dummy0:192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32, "dummy0",
		  "dummy0:192.0.2.1" },
		{ "eth0.100:192.0.2.1/24", AF_INET, NXA_TYPE_ADDR, 24,
		  "eth0.100", "eth0.100:192.0.2.1/24" },
		{ "br-lan:192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32, "br-lan",
		  "br-lan:192.0.2.1" },
		{ "abc:192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32, "abc",
		  "abc:192.0.2.1" },
		{ "e:192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32, "e",
		  "e:192.0.2.1" },
		{ "abcdefghijklmno:192.0.2.1", AF_INET, NXA_TYPE_ADDR, 32,
		  "abcdefghijklmno", "abcdefghijklmno:192.0.2.1" },
		{ "192.0.2.10-192.0.2.20", AF_INET, NXA_TYPE_RANGE, 32, "",
		  "192.0.2.10-192.0.2.20" },
		{ "192.0.2.10-192.0.2.11/24", AF_INET, NXA_TYPE_RANGE, 24, "",
		  "192.0.2.10-192.0.2.11/24" },
		{ "dummy0:192.0.2.0-198.51.100.0", AF_INET, NXA_TYPE_RANGE, 32,
		  "dummy0", "dummy0:192.0.2.0-198.51.100.0" },
		{ "2001:db8::1", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "2001:db8::1" },
		{ "2001:DB8:0:0:0:0:0:A/64", AF_INET6, NXA_TYPE_ADDR, 64, "",
		  "2001:db8::a/64" },
		{ "2001:db8::/ffff:ffff::", AF_INET6, NXA_TYPE_ADDR, 32, "",
		  "2001:db8::/32" },
		{ "[2001:db8::1]/64", AF_INET6, NXA_TYPE_ADDR, 64, "",
		  "2001:db8::1/64" },
		{ "dummy0:2001:db8::1/64", AF_INET6, NXA_TYPE_ADDR, 64,
		  "dummy0", "dummy0:[2001:db8::1]/64" },
		{ "abc:[2001:db8::1]", AF_INET6, NXA_TYPE_ADDR, 128, "abc",
		  "abc:[2001:db8::1]" },
		{ "abc:2001:db8::1", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "abc:2001:db8::1" },
		{ "::", AF_INET6, NXA_TYPE_ADDR, 128, "", "::" },
		{ "::1", AF_INET6, NXA_TYPE_ADDR, 128, "", "::1" },
		{ "::/0", AF_INET6, NXA_TYPE_ADDR, 0, "", "::/0" },
		{ "::ffff:192.0.2.1", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "::ffff:192.0.2.1" },
		{ "1:0:0:2:0:0:0:3", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "1:0:0:2::3" },
		{ "1:0:0:2:0:0:3:4", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "1::2:0:0:3:4" },
		{ "1:2:3:4:5:6:7::", AF_INET6, NXA_TYPE_ADDR, 128, "",
		  "1:2:3:4:5:6:7:0" },
		{ "2001:db8:1:2:3:4:192.0.2.1", AF_INET6, NXA_TYPE_ADDR, 128,
		  "", "2001:db8:1:2:3:4:c000:201" },
	};
	char buf[VC_NET_ADDR_STRSZ];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct good *g = &cases[i];
		struct vc_net_addr a, b;

		memset(&a, 0x5a, sizeof(a));
		ok(!vc_net_addr_parse(g->text, &a, NULL) &&
		   a.family == g->family && a.type == g->type &&
		   a.prefix == g->prefix && !strcmp(a.dev, g->dev) &&
		   a.flags == 0, "'", g->text, "' parses");
		is_str(vc_net_addr_format(&a, buf), g->back, "'", g->text,
		       "' formats as '", g->back, "'");
		ok(!vc_net_addr_parse(buf, &b, NULL) &&
		   b.family == a.family && b.type == a.type &&
		   b.prefix == a.prefix && !strcmp(b.dev, a.dev) &&
		   !memcmp(&b.ip, &a.ip, sizeof(a.ip)) &&
		   (a.type != NXA_TYPE_RANGE ||
		    b.ip2.v4.s_addr == a.ip2.v4.s_addr),
		   "'", g->back, "' reads back the same");
	}
}

static void test_parse_values(void)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
	struct vc_net_addr a;

	ok(!vc_net_addr_parse("192.0.2.10-192.0.2.20", &a, NULL) &&
	   !memcmp(&a.ip.v4, "\xc0\x00\x02\x0a", 4) &&
	   !memcmp(&a.ip2.v4, "\xc0\x00\x02\x14", 4),
	   "a range: both ends in network byte order");
	ok(!vc_net_addr_parse("2001:db8::10", &a, NULL) &&
	   !memcmp(a.ip.v6.s6_addr, v6, 16), "IPv6 bytes");
	ok(!vc_net_addr_parse("::ffff:1.2.3.4", &a, NULL) &&
	   !memcmp(a.ip.v6.s6_addr + 10, "\xff\xff\x01\x02\x03\x04", 6),
	   "IPv6 with a dotted tail");
}

/* One bad address text: why, and the part named. */
struct bad {
	const char *text;
	enum vc_net_errcode code;
	const char *part;
};

static void test_parse_bad(void)
{
	static const struct bad cases[] = {
		{ "", VC_NET_BADADDR, "" },
		{ "192.0.2.300", VC_NET_BADADDR, "192.0.2.300" },
		{ "192.0.2", VC_NET_BADADDR, "192.0.2" },
		{ "192.0.2.1.5", VC_NET_BADADDR, "192.0.2.1.5" },
		{ "192.0.02.1", VC_NET_BADADDR, "192.0.02.1" },
		{ "192.0.2.1 ", VC_NET_BADADDR, "192.0.2.1 " },
		{ " 192.0.2.1", VC_NET_BADADDR, " 192.0.2.1" },
		{ "+1.2.3.4", VC_NET_BADADDR, "+1.2.3.4" },
		{ "localhost", VC_NET_BADADDR, "localhost" },
		{ "fe80::1%dummy0", VC_NET_BADADDR, "fe80::1%dummy0" },
		{ "2001:db8:::1", VC_NET_BADADDR, "2001:db8:::1" },
		{ "2001:db8::1::2", VC_NET_BADADDR, "2001:db8::1::2" },
		{ "1:2:3:4:5:6:7:8:9", VC_NET_BADADDR, "1:2:3:4:5:6:7:8:9" },
		{ "12345::1", VC_NET_BADADDR, "12345::1" },
		{ "2001:db8::1:", VC_NET_BADADDR, "2001:db8::1:" },
		{ ":2001:db8::1", VC_NET_BADADDR, ":2001:db8::1" },
		{ "[192.0.2.1]", VC_NET_BADADDR, "[192.0.2.1]" },
		{ "[2001:db8::1", VC_NET_BADADDR, "[2001:db8::1" },
		{ "ff:zz", VC_NET_BADADDR, "ff:zz" },
		{ "192.0.2.1/33", VC_NET_BADPREFIX, "33" },
		{ "192.0.2.1/", VC_NET_BADPREFIX, "" },
		{ "192.0.2.1/024", VC_NET_BADPREFIX, "024" },
		{ "192.0.2.1/-1", VC_NET_BADPREFIX, "-1" },
		{ "192.0.2.1/24/24", VC_NET_BADPREFIX, "24/24" },
		{ "2001:db8::1/129", VC_NET_BADPREFIX, "129" },
		{ "192.0.2.1/255.0.255.0", VC_NET_BADMASK, "255.0.255.0" },
		{ "192.0.2.1/255.255.255.1", VC_NET_BADMASK,
		  "255.255.255.1" },
		{ "192.0.2.1/255.255.256.0", VC_NET_BADMASK,
		  "255.255.256.0" },
		{ "192.0.2.1/ffff::", VC_NET_BADMASK, "ffff::" },
		{ "2001:db8::1/255.255.0.0", VC_NET_BADMASK, "255.255.0.0" },
		{ "2001:db8::1/ffff::1", VC_NET_BADMASK, "ffff::1" },
		{ "192.0.2.1-2001:db8::1", VC_NET_BADRANGE,
		  "192.0.2.1-2001:db8::1" },
		{ "2001:db8::1-2001:db8::9", VC_NET_BADRANGE,
		  "2001:db8::1-2001:db8::9" },
		{ "192.0.2.9-192.0.2.1", VC_NET_EMPTYRANGE,
		  "192.0.2.9-192.0.2.1" },
		{ "192.0.2.1-192.0.2.1", VC_NET_EMPTYRANGE,
		  "192.0.2.1-192.0.2.1" },
		{ "192.0.2.1-", VC_NET_BADADDR, "" },
		{ "-192.0.2.1", VC_NET_BADADDR, "" },
		{ "192.0.2.1-x/24", VC_NET_BADADDR, "x" },
		{ "192.0.2.1-2001:zz", VC_NET_BADADDR, "2001:zz" },
		{ "2001:db8::1/129:1", VC_NET_BADMASK, "129:1" },
		{ "dummy0:192.0.2.300", VC_NET_BADADDR, "192.0.2.300" },
		{ "dummy0:", VC_NET_BADADDR, "" },
		{ "dummy0:192.0.2.1/40", VC_NET_BADPREFIX, "40" },
		{ "dummy0:[192.0.2.1]", VC_NET_BADADDR, "[192.0.2.1]" },
		{ "abcdefghijklmnop:192.0.2.1", VC_NET_BADDEV,
		  "abcdefghijklmnop" },
		{ ".:192.0.2.1", VC_NET_BADDEV, "." },
		{ "..:192.0.2.1", VC_NET_BADDEV, ".." },
		{ "a b:192.0.2.1", VC_NET_BADADDR, "a b:192.0.2.1" },
		{ ":192.0.2.1", VC_NET_BADADDR, ":192.0.2.1" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct bad *b = &cases[i];
		struct vc_net_error err = { 0, NULL, 0 };
		struct vc_net_addr a;

		memset(&a, 0x5a, sizeof(a));
		errno = 0;
		ok(vc_net_addr_parse(b->text, &a, &err) == -1 &&
		   errno == EINVAL && err.code == b->code &&
		   err.part >= b->text &&
		   err.part + err.len <= b->text + strlen(b->text) &&
		   err.len == strlen(b->part) &&
		   !strncmp(err.part, b->part, err.len) &&
		   a.family == 0x5a5a5a5a,
		   "'", b->text, "' is rejected at '", b->part, "'");
	}
	ok(vc_net_addr_parse("bogus", &(struct vc_net_addr){ 0 }, NULL) == -1,
	   "no error structure needed");
}

static void test_ip(void)
{
	char buf[VC_NET_IP_STRSZ];
	union vc_net_ip ip;
	int family = 0;

	ok(!vc_net_ip_parse("192.0.2.1/24", 9, &family, &ip) &&
	   family == AF_INET, "an address with its length");
	is_str(vc_net_ip_format(AF_INET, &ip, buf), "192.0.2.1",
	       "IPv4 formats dotted");
	ok(!vc_net_ip_parse("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
			    45, &family, &ip) && family == AF_INET6,
	   "the longest IPv6 text");
	is_str(vc_net_ip_format(AF_INET6, &ip, buf),
	       "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	       "... formats in hex, within VC_NET_IP_STRSZ");
	family = 0;
	errno = 0;
	ok(vc_net_ip_parse("192.0.2.1/24", 12, &family, &ip) == -1 &&
	   errno == EINVAL && family == 0, "no prefix in a plain address");
	ok(vc_net_ip_parse("", 0, &family, &ip) == -1, "the empty address");
	is_str(vc_net_ip_format(AF_UNIX, &ip, buf), "?", "another family");
}

static void test_format(void)
{
	struct vc_net_addr any = { .family = AF_UNSPEC,
				   .type = NXA_TYPE_ANY };
	char buf[VC_NET_ADDR_STRSZ];

	is_str(vc_net_addr_format(&any, buf), "all", "every entry is 'all'");
}

/* What the wrappers refuse before they ask the kernel. */
static void test_wrapper_checks(void)
{
	struct vc_net_addr a;

#define EINVAL_OK(call, what)						\
	do {								\
		errno = 0;						\
		ok((call) == -1 && errno == EINVAL, what);		\
	} while (0)
	vc_net_addr_parse("192.0.2.1", &a, NULL);
	a.family = AF_UNIX;
	EINVAL_OK(vc_net_add(2100, &a), "add: another family");
	EINVAL_OK(vc_net_remove(2100, &a), "remove: another family");
	a.family = AF_INET;
	a.prefix = 33;
	EINVAL_OK(vc_net_add(2100, &a), "add: IPv4 prefix 33");
	a.prefix = 32;
	a.type = NXA_TYPE_ADDR | NXA_TYPE_MASK;
	EINVAL_OK(vc_net_add(2100, &a), "add: two types");
	a.type = NXA_TYPE_MASK | NXA_MOD_BCAST;
	EINVAL_OK(vc_net_add(2100, &a), "add: broadcast of a network");
	a.type = NXA_TYPE_ANY;
	EINVAL_OK(vc_net_add(2100, &a), "add: every entry");
	a.type = NXA_TYPE_ADDR | NXA_MOD_LBACK;
	EINVAL_OK(vc_net_remove(2100, &a), "remove: the loopback address");
	vc_net_addr_parse("2001:db8::1", &a, NULL);
	a.type = NXA_TYPE_RANGE;
	EINVAL_OK(vc_net_add(2100, &a), "add: an IPv6 range");
	a.type = NXA_TYPE_ADDR | NXA_MOD_BCAST;
	EINVAL_OK(vc_net_add(2100, &a), "add: an IPv6 broadcast address");
	a.type = NXA_TYPE_MASK;
	a.prefix = 129;
	EINVAL_OK(vc_net_add(2100, &a), "add: IPv6 prefix 129");
	a.family = AF_UNSPEC;
	a.type = NXA_TYPE_ADDR;
	EINVAL_OK(vc_net_remove(2100, &a), "remove: AF_UNSPEC needs ANY");
#undef EINVAL_OK
}

/* Without vserver(2) every wrapper fails with ENOSYS. */
static void test_wrappers(void)
{
	struct vc_net_addr a, all = { .family = AF_UNSPEC,
				      .type = NXA_TYPE_ANY };
	struct vc_flags f = { 0, 0 };
	struct vc_nx_info ni;

	if (vserver_kernel) {
		skip("vserver kernel", "the ENOSYS wrappers (VM tests)");
		return;
	}
#define ENOSYS_OK(call, what)						\
	do {								\
		errno = 0;						\
		ok((call) == -1 && errno == ENOSYS, what " without vserver"); \
	} while (0)
	ENOSYS_OK(vc_net_create(2100, NXF_INIT_SET), "net_create");
	ENOSYS_OK(vc_net_create(VC_NID_DYNAMIC, 0), "net_create, dynamic");
	ENOSYS_OK(vc_net_migrate(2100), "net_migrate");
	ENOSYS_OK(vc_task_nid(0), "task_nid");
	ENOSYS_OK(vc_nx_info(VC_NID_SELF, &ni), "nx_info");
	ENOSYS_OK(vc_get_nflags(2100, &f), "get_nflags");
	ENOSYS_OK(vc_set_nflags(2100, &f), "set_nflags");
	ENOSYS_OK(vc_get_ncaps(2100, &f), "get_ncaps");
	ENOSYS_OK(vc_set_ncaps(2100, &f), "set_ncaps");
	vc_net_addr_parse("192.0.2.1/24", &a, NULL);
	ENOSYS_OK(vc_net_add(2100, &a), "net_add_ipv4 v1");
	ENOSYS_OK(vc_net_remove(2100, &a), "net_rem_ipv4 v1");
	vc_net_addr_parse("192.0.2.1-192.0.2.9", &a, NULL);
	ENOSYS_OK(vc_net_add(2100, &a), "net_add_ipv4 v2");
	ENOSYS_OK(vc_net_remove(2100, &a), "net_rem_ipv4 v2");
	vc_net_addr_parse("2001:db8::1", &a, NULL);
	ENOSYS_OK(vc_net_add(2100, &a), "net_add_ipv6");
	ENOSYS_OK(vc_net_remove(2100, &a), "net_remove_ipv6");
	ENOSYS_OK(vc_net_remove(2100, &all), "remove everything");
#undef ENOSYS_OK
}

/* The command words and layouts are the vs2.3 ones. */
static void test_command_words(void)
{
	char a[VC_FMT_BUFSZ + 2];

	is_str(hex(VCMD_net_create, a), "0x19010001", "net_create is 25/1/1");
	is_str(hex(VCMD_net_create_v0, a), "0x19010000",
	       "net_create_v0 is 25/1/0");
	is_str(hex(VCMD_net_migrate, a), "0x1b010000",
	       "net_migrate is 27/1/0");
	is_str(hex(VCMD_task_nid, a), "0x2e020000", "task_nid is 46/2/0");
	is_str(hex(VCMD_nx_info, a), "0x2e060000", "nx_info is 46/6/0");
	is_str(hex(VCMD_get_nflags, a), "0x34050000", "get_nflags is 52/5/0");
	is_str(hex(VCMD_set_ncaps, a), "0x34080000", "set_ncaps is 52/8/0");
	is_str(hex(VCMD_net_add_ipv4_v1, a), "0x1a010001",
	       "net_add_ipv4 v1 is 26/1/1");
	is_str(hex(VCMD_net_add_ipv4, a), "0x1a010002",
	       "net_add_ipv4 v2 is 26/1/2");
	is_str(hex(VCMD_net_rem_ipv4, a), "0x1a020002",
	       "net_rem_ipv4 v2 is 26/2/2");
	is_str(hex(VCMD_net_add_ipv6, a), "0x1a030001",
	       "net_add_ipv6 is 26/3/1");
	is_str(hex(VCMD_net_remove_ipv6, a), "0x1a040001",
	       "net_remove_ipv6 is 26/4/1");
	is_int(sizeof(struct vcmd_net_addr_v0), 36, "net_addr_v0 is 36 bytes");
	is_int(sizeof(struct vcmd_net_addr_ipv4_v1), 12,
	       "net_addr_ipv4_v1 is 12 bytes");
	is_int(sizeof(struct vcmd_net_addr_ipv4_v2), 16,
	       "net_addr_ipv4_v2 is 16 bytes");
	is_int(sizeof(struct vcmd_net_addr_ipv6_v1), 40,
	       "net_addr_ipv6_v1 is 40 bytes");
	is_int(sizeof(struct vcmd_net_create), 8, "net_create is 8 bytes");
	is_str(hex(NXF_INIT_SET, a), "0x406000200",
	       "NXF_INIT_SET: state_admin, hide_netif, lback_remap, "
	       "hide_lback");
}

int main(void)
{
	vserver_kernel = vc_get_version() != -1;
	test_nflags();
	test_ncaps();
	test_nid();
	test_parse_good();
	test_parse_values();
	test_parse_bad();
	test_ip();
	test_format();
	test_wrapper_checks();
	test_wrappers();
	test_command_words();
	return tap_done();
}
