// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - KUnit tests of the limit arithmetic
 *
 * On a context structure of the test's own that is never registered:
 * only the counters of limits vserver counts itself (open files,
 * sockets) are used, which need nothing else of a context.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "context.h"
#include "limit.h"

static struct vx_info *kt_vx(struct kunit *test)
{
	struct vx_info *vxi = kunit_kzalloc(test, sizeof(*vxi), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, vxi);
	spin_lock_init(&vxi->core.lock);
	vx_limits_init(vxi);
	return vxi;
}

static void kt_stat(struct vx_info *vxi, unsigned int id,
		    struct vx_limit_stat *st)
{
	memset(st, 0, sizeof(*st));
	vx_limit_stat(vxi, id, st);
}

static void unlimited(struct kunit *test)
{
	struct vx_info *vxi = kt_vx(test);
	struct vx_limit_stat st;

	KUNIT_EXPECT_EQ(test, CRLIM_INFINITY, vxi->limits[VLIMIT_NSOCK].hard);
	KUNIT_EXPECT_EQ(test, CRLIM_INFINITY, vxi->limits[VLIMIT_NSOCK].soft);
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, VLIMIT_NSOCK, 1UL << 40));
	KUNIT_EXPECT_TRUE(test, vx_limit_may_add(vxi, VLIMIT_NSOCK, 1UL << 40));
	kt_stat(vxi, VLIMIT_NSOCK, &st);
	KUNIT_EXPECT_EQ(test, 1L << 40, st.value);
	KUNIT_EXPECT_EQ(test, 1L << 40, st.max);
	KUNIT_EXPECT_EQ(test, 0, st.hits);
}

static void charge_to_the_limit(struct kunit *test)
{
	struct vx_info *vxi = kt_vx(test);
	struct vx_limit_stat st;
	int i;

	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, VLIMIT_NSOCK, 3));
	/* A limit of N admits N and refuses N + 1. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, vx_limit_charge(vxi, VLIMIT_NSOCK));
	KUNIT_EXPECT_FALSE(test, vx_limit_charge(vxi, VLIMIT_NSOCK));
	KUNIT_EXPECT_FALSE(test, vx_limit_may_add(vxi, VLIMIT_NSOCK, 1));
	KUNIT_EXPECT_TRUE(test, vx_limit_may_add(vxi, VLIMIT_NSOCK, 0));
	kt_stat(vxi, VLIMIT_NSOCK, &st);
	KUNIT_EXPECT_EQ(test, 3, st.value);
	KUNIT_EXPECT_EQ(test, 3, st.max);
	KUNIT_EXPECT_EQ(test, 2, st.hits);

	/* A refused add counts nothing, not even for a moment. */
	vx_limit_uncharge(vxi, VLIMIT_NSOCK);
	KUNIT_EXPECT_FALSE(test, vx_limit_add(vxi, VLIMIT_NSOCK, 2));
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, VLIMIT_NSOCK, 1));
	kt_stat(vxi, VLIMIT_NSOCK, &st);
	KUNIT_EXPECT_EQ(test, 3, st.value);
	KUNIT_EXPECT_EQ(test, 3, st.max);
	KUNIT_EXPECT_EQ(test, 3, st.hits);

	/* A lower limit refuses more without taking back what is counted. */
	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, VLIMIT_NSOCK, 1));
	KUNIT_EXPECT_FALSE(test, vx_limit_charge(vxi, VLIMIT_NSOCK));
	KUNIT_EXPECT_EQ(test, 3, vx_limit_value(vxi, VLIMIT_NSOCK));

	vx_limits_reset_hits(vxi);
	kt_stat(vxi, VLIMIT_NSOCK, &st);
	KUNIT_EXPECT_EQ(test, 0, st.hits);
}

static void zero_limit(struct kunit *test)
{
	struct vx_info *vxi = kt_vx(test);

	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, VLIMIT_NSOCK, 0));
	KUNIT_EXPECT_FALSE(test, vx_limit_charge(vxi, VLIMIT_NSOCK));
	KUNIT_EXPECT_EQ(test, 0, vx_limit_value(vxi, VLIMIT_NSOCK));
	/* What was forced past the limit is counted all the same. */
	vx_limit_force(vxi, VLIMIT_NSOCK, 2);
	KUNIT_EXPECT_EQ(test, 2, vx_limit_value(vxi, VLIMIT_NSOCK));
}

static void min_max(struct kunit *test)
{
	struct vx_limit *l;
	struct vx_info *vxi = kt_vx(test);
	struct vx_limit_stat st;

	l = &vxi->limits[VLIMIT_NSOCK];
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, VLIMIT_NSOCK, 4));
	/* As reset_minmax leaves them: the current value. */
	atomic_long_set(&l->min, 4);
	atomic_long_set(&l->max, 4);
	vx_limit_sub(vxi, VLIMIT_NSOCK, 2);
	vx_limit_uncharge(vxi, VLIMIT_NSOCK);
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, VLIMIT_NSOCK, 5));
	vx_limit_sub(vxi, VLIMIT_NSOCK, 3);
	kt_stat(vxi, VLIMIT_NSOCK, &st);
	KUNIT_EXPECT_EQ(test, 3, st.value);
	KUNIT_EXPECT_EQ(test, 1, st.min);
	KUNIT_EXPECT_EQ(test, 6, st.max);
}

static void open_files(struct kunit *test)
{
	struct vx_info *vxi = kt_vx(test);
	struct vx_limit_stat st;

	/* RLIMIT_NOFILE and VLIMIT_OPENFD: one counter, the lower limit. */
	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, RLIMIT_NOFILE, 5));
	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, VLIMIT_OPENFD, 2));
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, RLIMIT_NOFILE, 2));
	KUNIT_EXPECT_FALSE(test, vx_limit_charge(vxi, RLIMIT_NOFILE));
	KUNIT_EXPECT_EQ(test, 2, vx_limit_value(vxi, VLIMIT_OPENFD));
	KUNIT_ASSERT_EQ(test, 0, vx_limit_set_hard(vxi, VLIMIT_OPENFD,
						   CRLIM_INFINITY));
	KUNIT_EXPECT_TRUE(test, vx_limit_add(vxi, RLIMIT_NOFILE, 3));
	KUNIT_EXPECT_FALSE(test, vx_limit_charge(vxi, RLIMIT_NOFILE));
	/* Refusals count as hits of RLIMIT_NOFILE. */
	kt_stat(vxi, RLIMIT_NOFILE, &st);
	KUNIT_EXPECT_EQ(test, 5, st.value);
	KUNIT_EXPECT_EQ(test, 2, st.hits);
}

static void rows(struct kunit *test)
{
	u32 seen = 0;
	int i;

	/* Each id once; the enforced mask is that of the rows. */
	for (i = 0; i < VX_LIMIT_ROWS; i++) {
		KUNIT_EXPECT_LT(test, vx_limit_rows[i].id, VLIMIT_NUM);
		KUNIT_EXPECT_FALSE(test, seen & BIT(vx_limit_rows[i].id));
		seen |= BIT(vx_limit_rows[i].id);
	}
	KUNIT_EXPECT_EQ(test, vx_limits_enforced() & ~seen, 0);
	KUNIT_EXPECT_TRUE(test, vx_limits_enforced() & BIT(RLIMIT_NPROC));
	KUNIT_EXPECT_TRUE(test, vx_limits_enforced() & BIT(VLIMIT_NSOCK));
	KUNIT_EXPECT_FALSE(test, vx_limits_enforced() & BIT(VLIMIT_DENTRY));
}

static struct kunit_case vserver_limit_cases[] = {
	KUNIT_CASE(unlimited),
	KUNIT_CASE(charge_to_the_limit),
	KUNIT_CASE(zero_limit),
	KUNIT_CASE(min_max),
	KUNIT_CASE(open_files),
	KUNIT_CASE(rows),
	{}
};

static struct kunit_suite vserver_limit_suite = {
	.name = "vserver_limit",
	.test_cases = vserver_limit_cases,
};

kunit_test_suite(vserver_limit_suite);
