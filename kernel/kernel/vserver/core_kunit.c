// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - KUnit tests of the lifetime core: id ranges and flags
 *
 * On a registry of the test's own, so that no context of the system is
 * touched: entries are reserved, published and taken out again by hand,
 * and never lose their last reference (the registry has no callbacks).
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "core.h"

#define KT_PERSISTENT	0x1ULL
#define KT_SETUP	0x2ULL
#define KT_ADMIN	0x4ULL
#define KT_OTHER	0x8ULL

static void kt_registry_init(struct vs_registry *reg)
{
	*reg = (struct vs_registry){
		.min_id = 2,
		.min_dynamic_id = 10,
		.max_id = 12,
		.persistent = KT_PERSISTENT,
		.one_time = KT_SETUP | KT_ADMIN,
		.busy = KT_SETUP,
	};
	xa_init_flags(&reg->xa, XA_FLAGS_ALLOC);
}

static struct vs_core *kt_core(struct kunit *test, struct vs_registry *reg,
			       u64 flags)
{
	struct vs_core *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	vs_core_init(reg, c, flags);
	return c;
}

static void id_ranges(struct kunit *test)
{
	struct vs_registry reg;
	struct vs_core *c[5];
	int i;

	kt_registry_init(&reg);
	for (i = 0; i < ARRAY_SIZE(c); i++)
		c[i] = kt_core(test, &reg, 0);

	KUNIT_EXPECT_EQ(test, -EINVAL, vs_core_reserve(&reg, c[0], 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, vs_core_reserve(&reg, c[0], 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, vs_core_reserve(&reg, c[0], 13));
	KUNIT_EXPECT_EQ(test, -EINVAL, vs_core_reserve(&reg, c[0], (u32)-2));
	KUNIT_EXPECT_EQ(test, 0, vs_core_reserve(&reg, c[0], 2));
	KUNIT_EXPECT_EQ(test, 2, c[0]->id);
	/* A reserved id is being set up: busy, and not found. */
	KUNIT_EXPECT_EQ(test, -EBUSY, vs_core_reserve(&reg, c[1], 2));
	KUNIT_EXPECT_NULL(test, vs_core_lookup(&reg, 2));

	/* Dynamic ids: min_dynamic_id..max_id, then none. */
	for (i = 1; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, 0, vs_core_reserve(&reg, c[i], (u32)-1));
		KUNIT_EXPECT_GE(test, c[i]->id, 10);
		KUNIT_EXPECT_LE(test, c[i]->id, 12);
	}
	KUNIT_EXPECT_NE(test, c[1]->id, c[2]->id);
	KUNIT_EXPECT_NE(test, c[2]->id, c[3]->id);
	KUNIT_EXPECT_NE(test, c[1]->id, c[3]->id);
	KUNIT_EXPECT_EQ(test, -ENOSPC, vs_core_reserve(&reg, c[4], (u32)-1));
	/* An id below the dynamic range is still free to ask for. */
	KUNIT_EXPECT_EQ(test, 0, vs_core_reserve(&reg, c[4], 9));

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		vs_core_unreserve(&reg, c[i]);
		vs_core_uninit(&reg, c[i]);
	}
	KUNIT_EXPECT_EQ(test, 0, vs_core_count_total(&reg));
	KUNIT_EXPECT_TRUE(test, xa_empty(&reg.xa));
	xa_destroy(&reg.xa);
}

static void busy_then_exists(struct kunit *test)
{
	struct vs_registry reg;
	struct vs_core *c, *d, *found;

	kt_registry_init(&reg);
	c = kt_core(test, &reg, KT_SETUP);
	d = kt_core(test, &reg, 0);
	KUNIT_ASSERT_EQ(test, 0, vs_core_reserve(&reg, c, 5));
	KUNIT_ASSERT_EQ(test, 0, vs_core_publish(&reg, c));
	KUNIT_EXPECT_EQ(test, 1, vs_core_count_active(&reg));

	found = vs_core_lookup(&reg, 5);
	KUNIT_EXPECT_PTR_EQ(test, c, found);
	KUNIT_EXPECT_EQ(test, 3, refcount_read(&c->usecnt));
	if (found)
		vs_core_put(found);
	KUNIT_EXPECT_NULL(test, vs_core_lookup(&reg, 4));

	/* Hashed and in setup: busy; out of setup: exists. */
	KUNIT_EXPECT_EQ(test, -EBUSY, vs_core_reserve(&reg, d, 5));
	vs_core_set_flags(c, 0, KT_SETUP);
	KUNIT_EXPECT_EQ(test, -EEXIST, vs_core_reserve(&reg, d, 5));
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&c->usecnt));

	vs_core_unreserve(&reg, c);
	vs_core_uninit(&reg, c);
	vs_core_uninit(&reg, d);
	xa_destroy(&reg.xa);
}

static void one_time_flags(struct kunit *test)
{
	const u64 all = KT_SETUP | KT_ADMIN | KT_OTHER;
	struct vs_registry reg;
	struct vs_core *c;

	kt_registry_init(&reg);
	c = kt_core(test, &reg, all);
	KUNIT_EXPECT_EQ(test, ~0ULL, vs_core_flag_mask(c, c->flags));

	/* Ordinary bits go both ways. */
	KUNIT_EXPECT_EQ(test, all, vs_core_set_flags(c, 0, KT_OTHER));
	KUNIT_EXPECT_EQ(test, KT_SETUP | KT_ADMIN, c->flags);
	vs_core_set_flags(c, KT_OTHER | KT_PERSISTENT,
			  KT_OTHER | KT_PERSISTENT);
	KUNIT_EXPECT_EQ(test, all | KT_PERSISTENT, c->flags);

	/* A one-time bit, once clear, stays clear; the others still change. */
	vs_core_set_flags(c, 0, KT_SETUP);
	KUNIT_EXPECT_EQ(test, KT_ADMIN | KT_OTHER | KT_PERSISTENT, c->flags);
	vs_core_set_flags(c, KT_SETUP, KT_SETUP | KT_OTHER);
	KUNIT_EXPECT_EQ(test, KT_ADMIN | KT_PERSISTENT, c->flags);
	vs_core_set_flags(c, ~0ULL, ~0ULL);
	KUNIT_EXPECT_EQ(test, ~KT_SETUP, c->flags);
	KUNIT_EXPECT_EQ(test, ~KT_SETUP, vs_core_flag_mask(c, c->flags));
	vs_core_set_flags(c, 0, KT_ADMIN);
	KUNIT_EXPECT_EQ(test, ~(KT_SETUP | KT_ADMIN),
			vs_core_flag_mask(c, c->flags));
	/* Still being created: no flag change unhashes it. */
	KUNIT_EXPECT_TRUE(test, c->hashed);

	vs_core_uninit(&reg, c);
	xa_destroy(&reg.xa);
}

static struct kunit_case vserver_core_cases[] = {
	KUNIT_CASE(id_ranges),
	KUNIT_CASE(busy_then_exists),
	KUNIT_CASE(one_time_flags),
	{}
};

static struct kunit_suite vserver_core_suite = {
	.name = "vserver_core",
	.test_cases = vserver_core_cases,
};

kunit_test_suite(vserver_core_suite);
