// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - KUnit tests of the address matching of network contexts
 *
 * Included at the end of inet.c (CONFIG_VSERVER_KUNIT_TEST), so that the
 * static helpers are tested as the socket hooks use them: on address
 * snapshots built here, with no network context registered and no socket.
 */

#include <kunit/test.h>
#include <linux/inet.h>

#define V4(a, b, c, d)	htonl((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* An empty snapshot with room for @n4 IPv4 and @n6 IPv6 entries. */
static struct nx_addrs *kt_addrs(struct kunit *test, unsigned int n4,
				 unsigned int n6)
{
	struct nx_addrs *a;

	a = kunit_kzalloc(test, struct_size(a, data,
					    (n4 * sizeof(*a->v4) +
					     n6 * sizeof(*a->v6)) /
					    sizeof(u32)),
			  GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	a->v4 = (struct nx_addr4 *)a->data;
	a->v6 = (struct nx_addr6 *)(a->v4 + n4);
	a->bcast = htonl(INADDR_BROADCAST);
	a->lback = V4(127, 0, 42, 1);
	return a;
}

static void kt_add4(struct nx_addrs *a, u16 type, __be32 ip, __be32 ip2,
		    __be32 mask)
{
	a->v4[a->n4++] = (struct nx_addr4){
		.type = type, .ip = ip, .ip2 = ip2, .mask = mask,
	};
}

static struct in6_addr kt_in6(struct kunit *test, const char *s)
{
	struct in6_addr a;

	KUNIT_ASSERT_EQ(test, 1, in6_pton(s, -1, a.s6_addr, -1, NULL));
	return a;
}

/* The mask is not set: the matching uses the prefix length. */
static void kt_add6(struct kunit *test, struct nx_addrs *a, u16 type,
		    const char *ip, u32 prefix)
{
	struct nx_addr6 *e = &a->v6[a->n6++];

	e->type = type;
	e->prefix = prefix;
	e->ip = kt_in6(test, ip);
}

/* A network context that has flags only: for bind4() and bind6(). */
static struct nx_info *kt_nx(struct kunit *test, u64 flags)
{
	struct nx_info *nxi = kunit_kzalloc(test, sizeof(*nxi), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nxi);
	nxi->core.flags = flags;
	return nxi;
}

static void ours4_empty(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 0, 0);

	/* Only its loopback and the broadcast address. */
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(127, 0, 42, 1)));
	KUNIT_EXPECT_TRUE(test, ours4(a, htonl(INADDR_BROADCAST)));
	KUNIT_EXPECT_FALSE(test, ours4(a, htonl(INADDR_LOOPBACK)));
	KUNIT_EXPECT_FALSE(test, ours4(a, htonl(INADDR_ANY)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(192, 0, 2, 1)));
	KUNIT_EXPECT_EQ(test, 0, (__force u32)first4(a));
}

static void ours4_addr(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 1, 0);

	kt_add4(a, NXA_TYPE_ADDR, V4(192, 0, 2, 10), 0, V4(255, 255, 255, 0));
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(192, 0, 2, 10)));
	/* Its network's broadcast address, not its neighbours. */
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(192, 0, 2, 255)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(192, 0, 2, 11)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(192, 0, 2, 0)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(198, 51, 100, 10)));
	KUNIT_EXPECT_EQ(test, V4(192, 0, 2, 10), first4(a));
}

static void ours4_mask(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 1, 0);

	kt_add4(a, NXA_TYPE_MASK, V4(198, 51, 100, 0), 0,
		V4(255, 255, 255, 192));
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(198, 51, 100, 0)));
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(198, 51, 100, 63)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(198, 51, 100, 64)));
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(198, 51, 101, 1)));
	/* A network is no source address. */
	KUNIT_EXPECT_EQ(test, 0, (__force u32)first4(a));
}

static void ours4_range(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 2, 0);

	kt_add4(a, NXA_TYPE_MASK, V4(198, 51, 100, 0), 0, V4(255, 255, 255, 0));
	kt_add4(a, NXA_TYPE_RANGE, V4(203, 0, 113, 250), V4(203, 0, 114, 2), 0);
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(203, 0, 113, 249)));
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(203, 0, 113, 250)));
	/* Across a byte boundary: compared in host order. */
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(203, 0, 113, 255)));
	KUNIT_EXPECT_TRUE(test, ours4(a, V4(203, 0, 114, 1)));
	/* The end is excluded. */
	KUNIT_EXPECT_FALSE(test, ours4(a, V4(203, 0, 114, 2)));
	/* The first entry that can be a source: the range, not the mask. */
	KUNIT_EXPECT_EQ(test, V4(203, 0, 113, 250), first4(a));
}

static void ours6_match(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 0, 2);
	struct in6_addr ip;

	kt_add6(test, a, NXA_TYPE_ADDR, "2001:db8::10", 64);
	kt_add6(test, a, NXA_TYPE_MASK, "2001:db8:1::", 48);
	ip = kt_in6(test, "2001:db8::10");
	KUNIT_EXPECT_TRUE(test, ours6(a, &ip));
	/* An address entry is that address, not its network. */
	ip = kt_in6(test, "2001:db8::11");
	KUNIT_EXPECT_FALSE(test, ours6(a, &ip));
	ip = kt_in6(test, "2001:db8:1:ffff::1");
	KUNIT_EXPECT_TRUE(test, ours6(a, &ip));
	ip = kt_in6(test, "2001:db8:2::1");
	KUNIT_EXPECT_FALSE(test, ours6(a, &ip));
	ip = kt_in6(test, "::");
	KUNIT_EXPECT_FALSE(test, ours6(a, &ip));
	ip = kt_in6(test, "::1");
	KUNIT_EXPECT_FALSE(test, ours6(a, &ip));
}

static void bind4_cases(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 1, 0);
	struct nx_info *plain = kt_nx(test, 0);
	struct nx_info *single = kt_nx(test, NXF_SINGLE_IP | NXF_LBACK_REMAP);
	__be32 ip;

	kt_add4(a, NXA_TYPE_ADDR, V4(192, 0, 2, 10), 0, V4(255, 255, 255, 0));

	/* The wildcard stays one, or becomes the first address. */
	ip = htonl(INADDR_ANY);
	KUNIT_EXPECT_EQ(test, 0, bind4(plain, a, &ip));
	KUNIT_EXPECT_EQ(test, 0, (__force u32)ip);
	KUNIT_EXPECT_EQ(test, 0, bind4(single, a, &ip));
	KUNIT_EXPECT_EQ(test, V4(192, 0, 2, 10), ip);

	/* 127.0.0.1 is refused, or is the context's loopback address. */
	ip = htonl(INADDR_LOOPBACK);
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind4(plain, a, &ip));
	KUNIT_EXPECT_EQ(test, htonl(INADDR_LOOPBACK), ip);
	KUNIT_EXPECT_EQ(test, 0, bind4(single, a, &ip));
	KUNIT_EXPECT_EQ(test, a->lback, ip);

	ip = V4(192, 0, 2, 10);
	KUNIT_EXPECT_EQ(test, 0, bind4(plain, a, &ip));
	ip = V4(192, 0, 2, 11);
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind4(plain, a, &ip));
	KUNIT_EXPECT_EQ(test, V4(192, 0, 2, 11), ip);
}

static void bind6_cases(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 1, 1);
	struct nx_info *plain = kt_nx(test, 0);
	struct nx_info *lback = kt_nx(test, NXF_LBACK_ALLOW);
	struct in6_addr ip;

	kt_add4(a, NXA_TYPE_ADDR, V4(192, 0, 2, 10), 0, V4(255, 255, 255, 0));
	kt_add6(test, a, NXA_TYPE_ADDR, "2001:db8::10", 64);

	/* [::] is a wildcard the lookups restrict, whatever the context has. */
	ip = kt_in6(test, "::");
	KUNIT_EXPECT_EQ(test, 0, bind6(plain, a, &ip));
	/* A v4-mapped address is one of its IPv4 addresses or nothing. */
	ip = kt_in6(test, "::ffff:192.0.2.10");
	KUNIT_EXPECT_EQ(test, 0, bind6(plain, a, &ip));
	ip = kt_in6(test, "::ffff:192.0.2.11");
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind6(plain, a, &ip));
	ip = kt_in6(test, "::ffff:0.0.0.0");
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind6(plain, a, &ip));
	/* [::1] needs NXF_LBACK_ALLOW. */
	ip = kt_in6(test, "::1");
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind6(plain, a, &ip));
	KUNIT_EXPECT_EQ(test, 0, bind6(lback, a, &ip));
	ip = kt_in6(test, "2001:db8::10");
	KUNIT_EXPECT_EQ(test, 0, bind6(plain, a, &ip));
	ip = kt_in6(test, "2001:db8::11");
	KUNIT_EXPECT_EQ(test, -EADDRNOTAVAIL, bind6(plain, a, &ip));
}

static void overlap_cases(struct kunit *test)
{
	struct nx_addrs *a = kt_addrs(test, 1, 1);
	struct nx_addrs *b = kt_addrs(test, 1, 1);
	u32 lo, hi;

	a->lback = V4(127, 0, 1, 1);
	b->lback = V4(127, 0, 2, 1);
	KUNIT_EXPECT_FALSE(test, overlap4(a, b));
	/* The same loopback address is one address. */
	KUNIT_EXPECT_TRUE(test, overlap4(a, a));

	kt_add4(a, NXA_TYPE_MASK, V4(198, 51, 100, 0), 0,
		V4(255, 255, 255, 128));
	range4(&a->v4[0], &lo, &hi);
	KUNIT_EXPECT_EQ(test, 0xc6336400U, lo);
	KUNIT_EXPECT_EQ(test, 0xc633647fU, hi);

	kt_add4(b, NXA_TYPE_RANGE, V4(198, 51, 100, 128), V4(198, 51, 100, 200),
		0);
	range4(&b->v4[0], &lo, &hi);
	KUNIT_EXPECT_EQ(test, 0xc6336480U, lo);
	KUNIT_EXPECT_EQ(test, 0xc63364c7U, hi);
	/* Adjacent, not overlapping. */
	KUNIT_EXPECT_FALSE(test, overlap4(a, b));
	b->v4[0].ip = V4(198, 51, 100, 127);
	KUNIT_EXPECT_TRUE(test, overlap4(a, b));
	KUNIT_EXPECT_TRUE(test, overlap4(b, a));

	kt_add6(test, a, NXA_TYPE_MASK, "2001:db8:1::", 48);
	kt_add6(test, b, NXA_TYPE_ADDR, "2001:db8:2::1", 128);
	KUNIT_EXPECT_FALSE(test, overlap6(a, b));
	b->v6[0].ip = kt_in6(test, "2001:db8:1:2::1");
	KUNIT_EXPECT_TRUE(test, overlap6(a, b));
	KUNIT_EXPECT_TRUE(test, overlap6(b, a));
}

static struct kunit_case vserver_addr_cases[] = {
	KUNIT_CASE(ours4_empty),
	KUNIT_CASE(ours4_addr),
	KUNIT_CASE(ours4_mask),
	KUNIT_CASE(ours4_range),
	KUNIT_CASE(ours6_match),
	KUNIT_CASE(bind4_cases),
	KUNIT_CASE(bind6_cases),
	KUNIT_CASE(overlap_cases),
	{}
};

static struct kunit_suite vserver_addr_suite = {
	.name = "vserver_addr",
	.test_cases = vserver_addr_cases,
};

kunit_test_suite(vserver_addr_suite);
