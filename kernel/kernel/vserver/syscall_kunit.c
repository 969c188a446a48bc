// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - KUnit tests of the command table
 *
 * Included at the end of syscall.c (CONFIG_VSERVER_KUNIT_TEST).  The
 * triples below are typed from the vs2.3 tables (category/number/version),
 * not taken from the uapi headers, so that a header that moves a command
 * word fails here as well as in user space.
 */

#include <kunit/test.h>

struct kt_command {
	const char *name;
	u32 cmd;
	u32 cat, num, ver;
};

#define KT_CMD(n, c, i, v)	{ #n, VCMD_ ## n, c, i, v }

/* Every command this kernel implements, as the vs2.3 ABI numbers it. */
static const struct kt_command kt_commands[] = {
	KT_CMD(get_version, 0, 0, 0),
	KT_CMD(get_vci, 0, 1, 0),
	KT_CMD(set_vhi_name, 2, 1, 0),
	KT_CMD(get_vhi_name, 2, 2, 0),
	KT_CMD(ctx_create_v0, 9, 1, 0),
	KT_CMD(ctx_create, 9, 1, 1),
	KT_CMD(enter_space_v0, 10, 1, 0),
	KT_CMD(enter_space_v1, 10, 1, 1),
	KT_CMD(enter_space, 10, 1, 2),
	KT_CMD(set_space_v1, 10, 3, 1),
	KT_CMD(set_space, 10, 3, 2),
	KT_CMD(get_space_mask_v0, 10, 4, 0),
	KT_CMD(ctx_migrate_v0, 11, 1, 0),
	KT_CMD(ctx_migrate, 11, 1, 1),
	KT_CMD(ctx_kill, 12, 1, 0),
	KT_CMD(set_sched, 14, 1, 5),
	KT_CMD(get_sched, 14, 2, 5),
	KT_CMD(sched_info, 14, 3, 0),
	KT_CMD(set_prio_bias, 14, 4, 0),
	KT_CMD(get_prio_bias, 14, 5, 0),
	KT_CMD(get_badness, 20, 5, 0),
	KT_CMD(set_badness, 20, 6, 0),
	KT_CMD(net_create_v0, 25, 1, 0),
	KT_CMD(net_create, 25, 1, 1),
	KT_CMD(net_add, 26, 1, 0),
	KT_CMD(net_add_ipv4_v1, 26, 1, 1),
	KT_CMD(net_add_ipv4, 26, 1, 2),
	KT_CMD(net_remove, 26, 2, 0),
	KT_CMD(net_rem_ipv4_v1, 26, 2, 1),
	KT_CMD(net_rem_ipv4, 26, 2, 2),
	KT_CMD(net_add_ipv6, 26, 3, 1),
	KT_CMD(net_remove_ipv6, 26, 4, 1),
	KT_CMD(net_migrate, 27, 1, 0),
	KT_CMD(tag_migrate, 35, 1, 0),
	KT_CMD(add_dlimit, 36, 1, 0),
	KT_CMD(rem_dlimit, 36, 2, 0),
	KT_CMD(set_dlimit, 36, 5, 0),
	KT_CMD(get_dlimit, 36, 6, 0),
	KT_CMD(get_iattr, 38, 1, 1),
	KT_CMD(set_iattr, 38, 2, 1),
	KT_CMD(fget_iattr, 38, 3, 0),
	KT_CMD(fset_iattr, 38, 4, 0),
	KT_CMD(ctx_stat, 40, 0, 0),
	KT_CMD(rlimit_stat, 40, 1, 0),
	KT_CMD(virt_stat, 40, 3, 0),
	KT_CMD(task_xid, 46, 1, 0),
	KT_CMD(task_nid, 46, 2, 0),
	KT_CMD(task_tag, 46, 3, 0),
	KT_CMD(vx_info, 46, 5, 0),
	KT_CMD(nx_info, 46, 6, 0),
	KT_CMD(wait_exit, 48, 99, 0),
	KT_CMD(get_cflags, 52, 1, 0),
	KT_CMD(set_cflags, 52, 2, 0),
	KT_CMD(get_ccaps, 52, 3, 1),
	KT_CMD(set_ccaps, 52, 4, 1),
	KT_CMD(get_nflags, 52, 5, 0),
	KT_CMD(set_nflags, 52, 6, 0),
	KT_CMD(get_ncaps, 52, 7, 0),
	KT_CMD(set_ncaps, 52, 8, 0),
	KT_CMD(get_bcaps, 52, 9, 0),
	KT_CMD(set_bcaps, 52, 10, 0),
	KT_CMD(get_umask, 52, 13, 0),
	KT_CMD(set_umask, 52, 14, 0),
	KT_CMD(get_wmask, 52, 15, 0),
	KT_CMD(set_wmask, 52, 16, 0),
	KT_CMD(get_space_mask, 54, 0, 1),
	KT_CMD(get_space_default, 54, 1, 0),
	KT_CMD(get_rlimit, 60, 1, 0),
	KT_CMD(set_rlimit, 60, 2, 0),
	KT_CMD(get_rlimit_mask, 60, 3, 0),
	KT_CMD(reset_hits, 60, 7, 0),
	KT_CMD(reset_minmax, 60, 9, 0),
};

static void table_sorted(struct kunit *test)
{
	size_t i;

	/* Strictly ascending: sorted, and no command word twice. */
	for (i = 1; i < ARRAY_SIZE(vserver_commands); i++)
		KUNIT_EXPECT_LT_MSG(test, vserver_commands[i - 1].cmd,
				    vserver_commands[i].cmd, "entry %zu", i);
}

static void table_entries(struct kunit *test)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vserver_commands); i++) {
		const struct vserver_command *c = &vserver_commands[i];

		KUNIT_EXPECT_NOT_NULL_MSG(test, c->handler, "%#x", c->cmd);
		KUNIT_EXPECT_TRUE_MSG(test, c->perm == VCP_NONE ||
				      c->perm == VCP_ADMIN, "%#x", c->cmd);
		/* A rule that needs a target names its kind. */
		if (c->flags & VCF_ADMIN)
			KUNIT_EXPECT_TRUE_MSG(test,
					      c->flags & (VCF_VXI | VCF_NXI),
					      "%#x", c->cmd);
		KUNIT_EXPECT_PTR_EQ(test, c, find_command(c->cmd));
	}
}

static void abi_words(struct kunit *test)
{
	size_t i;

	/* The table holds these and nothing else. */
	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(kt_commands),
			ARRAY_SIZE(vserver_commands));
	for (i = 0; i < ARRAY_SIZE(kt_commands); i++) {
		const struct kt_command *k = &kt_commands[i];
		const struct vserver_command *c = find_command(k->cmd);

		KUNIT_EXPECT_EQ_MSG(test, k->cat, VC_CATEGORY(k->cmd),
				    "%s", k->name);
		KUNIT_EXPECT_EQ_MSG(test, k->num, VC_COMMAND(k->cmd),
				    "%s", k->name);
		KUNIT_EXPECT_EQ_MSG(test, k->ver, VC_VERSION(k->cmd),
				    "%s", k->name);
		KUNIT_EXPECT_EQ_MSG(test, k->cat << 24 | k->num << 16 | k->ver,
				    k->cmd, "%s", k->name);
		KUNIT_EXPECT_NOT_NULL_MSG(test, c, "%s", k->name);
	}
}

static void unknown_words(struct kunit *test)
{
	/* vs2.3 words this kernel does not implement, and no words at all. */
	static const u32 absent[] = {
		VC_CMD(VSTAT, 5, 0),	/* sock_stat */
		VC_CMD(VPROC, 1, 2),	/* ctx_create v2 (util only) */
		VC_CMD(FLAGS, 3, 0),	/* get_ccaps_v0 (vs2.2) */
		VC_CMD(SCHED, 1, 4),	/* set_sched_v4 */
		VC_CMD(PROCALT, 3, 0),	/* set_space_v0 */
		VC_CMD(DEVICE, 1, 0),	/* set_mapping */
		VC_CMD(NETALT, 5, 0),	/* add_match_ipv4 */
		VC_CMD(DEBUG, 1, 0),	/* dump_history */
		VC_CMD(VERSION, 0, 1),
		0xffffffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(absent); i++)
		KUNIT_EXPECT_NULL_MSG(test, find_command(absent[i]), "%#x",
				      absent[i]);
}

static struct kunit_case vserver_command_cases[] = {
	KUNIT_CASE(table_sorted),
	KUNIT_CASE(table_entries),
	KUNIT_CASE(abi_words),
	KUNIT_CASE(unknown_words),
	{}
};

static struct kunit_suite vserver_command_suite = {
	.name = "vserver_command",
	.test_cases = vserver_command_cases,
};

kunit_test_suite(vserver_command_suite);
