// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Spaces: the namespaces a context stores
 * (get_space_mask, get_space_default, set_space, enter_space)
 *
 * set_space stores the caller's own namespaces (and, with CLONE_FS, its
 * root and working directory) in space 0 or 1 of a context; enter_space
 * puts a host task into stored ones.  The tests compare the inode numbers
 * of /proc/self/ns/<name> of the task that stored and the task that
 * entered.
 *
 * Every test uses context ids of its own (1000..1099).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers2.h"

#define NEWNS	((uint64_t)CLONE_NEWNS)
#define NEWUTS	((uint64_t)CLONE_NEWUTS)
#define NEWIPC	((uint64_t)CLONE_NEWIPC)
#define NEWPID	((uint64_t)CLONE_NEWPID)
#define NEWNET	((uint64_t)CLONE_NEWNET)
#define NEWCG	((uint64_t)CLONE_NEWCGROUP)
#define FS	((uint64_t)CLONE_FS)
#define NEWUSER	((uint64_t)CLONE_NEWUSER)
#define NEWTIME	0x00000080ULL

/* Expects the "Spaces:" line of xid to be exactly want. */
#define EXPECT_SPACES(xid, want)					\
	do {								\
		char _l[128];						\
		vs_spaces_line((xid), _l, sizeof(_l));			\
		EXPECT_STREQ((want), _l) TH_LOG("context %u", (xid));	\
	} while (0)

/* Agent a sets its host name. */
static long set_hostname(struct vs_agent *a, const char *name)
{
	char buf[128];

	memset(buf, 0, sizeof(buf));
	snprintf(buf, sizeof(buf), "%s", name);
	return VS_CALL_IO(a, vs_fn_setname, buf, sizeof(buf), NULL, 0, 0);
}

/* The node name agent a sees (NULL: the caller). */
static void nodename_of(struct vs_agent *a, char *out, size_t size)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	if (a)
		VS_CALL_IO(a, vs_fn_uname, NULL, 0, &u, sizeof(u));
	else
		uname(&u);
	snprintf(out, size, "%s", u.nodename);
}

/* ------------------------------------------------------------------ */
/* get_space_mask, get_space_default                                  */
/* ------------------------------------------------------------------ */

static void expect_masks(struct __test_metadata *_metadata,
			 struct vs_agent *a)
{
	uint64_t m;

	ASSERT_EQ(0, vs_space_mask(a, 1, &m))
		TH_LOG("get_space_mask by %s: %s", vs_name(a),
		       strerror(errno));
	EXPECT_EQ(VS_SPACE_ALL, m)
		TH_LOG("get_space_mask by %s: %016llx", vs_name(a),
		       (unsigned long long)m);
	ASSERT_EQ(0, vs_space_mask(a, 0, &m))
		TH_LOG("get_space_mask_v0 by %s: %s", vs_name(a),
		       strerror(errno));
	EXPECT_EQ(VS_SPACE_OLD, m)
		TH_LOG("get_space_mask_v0 by %s: %016llx", vs_name(a),
		       (unsigned long long)m);
	ASSERT_EQ(0, vs_space_mask(a, 2, &m))
		TH_LOG("get_space_default by %s: %s", vs_name(a),
		       strerror(errno));
	EXPECT_EQ(VS_SPACE_OLD, m)
		TH_LOG("get_space_default by %s: %016llx", vs_name(a),
		       (unsigned long long)m);
}

TEST(get_space_mask_and_default_need_no_privilege)
{
	struct vs_agent n, g, gn;

	expect_masks(_metadata, NULL);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_masks(_metadata, &n);

	/* Nobody in a running guest, too. */
	VS_RUNNING_GUEST(g, 1000, VXF_INIT_SET);
	VS_FORK(g, gn);
	ASSERT_EQ(0, VS_CALL(&gn, vs_fn_become_nobody));
	expect_masks(_metadata, &gn);
	vs_agents_stop_all();
}

TEST(get_space_mask_bad_pointer_is_efault)
{
	static const uint32_t cmds[] = {
		VCMD_get_space_mask_v0, VCMD_get_space_mask,
		VCMD_get_space_default,
	};
	struct vs_agent n;
	size_t i;

	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_EQ(-1, vserver(cmds[i], 0, NULL));
		EXPECT_EQ(EFAULT, errno) TH_LOG("cmd %08x", cmds[i]);
		EXPECT_EQ(-1, vserver(cmds[i], 0, (void *)8));
		EXPECT_EQ(EFAULT, errno) TH_LOG("cmd %08x", cmds[i]);
		EXPECT_EQ(-1, VS_CALL(&n, vs_fn_vserver_ptr, cmds[i], 0, 8));
		EXPECT_EQ(EFAULT, errno) TH_LOG("nobody: cmd %08x", cmds[i]);
	}
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* set_space: who may                                                 */
/* ------------------------------------------------------------------ */

/* set_space v1 and v2 by agent a on id fail with err. */
static void expect_set_space_fails(struct __test_metadata *_metadata,
				   struct vs_agent *a, uint32_t id, int err)
{
	EXPECT_EQ(-1, vs_set_space(a, id, NEWUTS, 0, 2))
		TH_LOG("set_space(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("set_space(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
	EXPECT_EQ(-1, vs_set_space(a, id, NEWIPC, 1, 2))
		TH_LOG("set_space(%u, index 1) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("set_space(%u, index 1) by %s: %s", id, vs_name(a),
		       strerror(errno));
	EXPECT_EQ(-1, vs_set_space(a, id, NEWUTS, 0, 1))
		TH_LOG("set_space_v1(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("set_space_v1(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
}

TEST(set_space_needs_cap_sys_admin_and_cap_sys_resource)
{
	struct vs_agent g, g1, g2, h1, h2, n;

	VS_GUEST(g, 1001, VXF_INIT_SET);
	VS_START(h1);
	VS_START(h2);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps,
			     VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_set_space_fails(_metadata, &h1, 1001, EPERM);
	expect_set_space_fails(_metadata, &h2, 1001, EPERM);
	expect_set_space_fails(_metadata, &n, 1001, EPERM);

	/* From inside, during setup: the same. */
	VS_FORK(g, g1);
	VS_FORK(g, g2);
	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&g2, vs_fn_drop_caps,
			     VS_CAP(CAP_SYS_RESOURCE)));
	expect_set_space_fails(_metadata, &g1, VX_SELF_ID, EPERM);
	expect_set_space_fails(_metadata, &g2, VX_SELF_ID, EPERM);
	EXPECT_SPACES(1001, "00000000 00000000");

	/* With both it works, from the host and from inside. */
	EXPECT_EQ(0, vs_set_space(NULL, 1001, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_set_space(&g, VX_SELF_ID, NEWIPC, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1001, "04000000 08000000");
	vs_agents_stop_all();
}

TEST(set_space_from_host_needs_state_admin)
{
	struct vs_agent g1, g2;

	/* Created without STATE_ADMIN. */
	VS_GUEST(g1, 1002, VXF_STATE_SETUP | VXF_STATE_INIT);
	expect_set_space_fails(_metadata, NULL, 1002, EACCES);
	EXPECT_SPACES(1002, "00000000 00000000");
	/* The guest itself, in setup, needs no STATE_ADMIN. */
	EXPECT_EQ(0, vs_set_space(&g1, VX_SELF_ID, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1002, "04000000 00000000");

	/* STATE_ADMIN cleared from inside. */
	VS_GUEST(g2, 1003, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_ADMIN));
	expect_set_space_fails(_metadata, NULL, 1003, EACCES);
	EXPECT_SPACES(1003, "00000000 00000000");

	/* No such context. */
	expect_set_space_fails(_metadata, NULL, 1004, ESRCH);
	vs_agents_stop_all();
}

TEST(set_space_from_inside_only_own_context_during_setup)
{
	struct vs_agent a, b, s;
	uint64_t caps[4];

	VS_GUEST(a, 1005, VXF_INIT_SET);
	VS_GUEST(b, 1006, VXF_INIT_SET);

	/* By "my own context" and by id. */
	EXPECT_EQ(0, vs_set_space(&a, VX_SELF_ID, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_set_space(&a, 1005, NEWIPC, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ(0, vs_set_space(&a, VX_SELF_ID, NEWNS, 0, 1))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1005, "04020000 08000000");

	/* Not another context. */
	expect_set_space_fails(_metadata, &a, 1006, ESRCH);
	EXPECT_SPACES(1006, "00000000 00000000");

	/*
	 * Out of setup: EPERM, even with both capabilities still in the
	 * bounding set.
	 */
	ASSERT_EQ(0, vs_set(&a, VCMD_set_bcaps, VX_SELF_ID, ~0ULL, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&a, VX_SELF_ID));
	ASSERT_EQ(0, VS_CALL_IO(&a, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	ASSERT_NE(0, caps[0] & VS_CAP(CAP_SYS_ADMIN));
	ASSERT_NE(0, caps[0] & VS_CAP(CAP_SYS_RESOURCE));
	expect_set_space_fails(_metadata, &a, VX_SELF_ID, EPERM);
	expect_set_space_fails(_metadata, &a, 1005, EPERM);
	EXPECT_SPACES(1005, "04020000 08000000");

	/* The spectator cannot either. */
	VS_SPECTATOR(s);
	expect_set_space_fails(_metadata, &s, 1006, EPERM);
	EXPECT_SPACES(1006, "00000000 00000000");
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* set_space: arguments and the status line                           */
/* ------------------------------------------------------------------ */

TEST(set_space_rejects_bad_mask_and_index)
{
	static const uint64_t bad_masks[] = {
		NEWUSER, NEWTIME, 0x100 /* CLONE_VM */, 1ULL << 32,
		NEWUTS | NEWUSER, VS_SPACE_ALL | NEWTIME,
	};
	static const uint32_t bad_index[] = { 2, 3, 0x80000000u, ~0u };
	struct vs_agent g;
	size_t i;

	VS_GUEST(g, 1007, VXF_INIT_SET);
	for (i = 0; i < ARRAY_SIZE(bad_masks); i++) {
		EXPECT_EQ(-1, vs_set_space(NULL, 1007, bad_masks[i], 0, 2));
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("mask %016llx",
			       (unsigned long long)bad_masks[i]);
		EXPECT_EQ(-1, vs_set_space(NULL, 1007, bad_masks[i], 0, 1));
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("v1: mask %016llx",
			       (unsigned long long)bad_masks[i]);
		/* From inside too. */
		EXPECT_EQ(-1, vs_set_space(&g, VX_SELF_ID, bad_masks[i], 1,
					   2));
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("inside: mask %016llx",
			       (unsigned long long)bad_masks[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad_index); i++) {
		EXPECT_EQ(-1, vs_set_space(NULL, 1007, NEWUTS, bad_index[i],
					   2));
		EXPECT_EQ(EINVAL, errno) TH_LOG("index %u", bad_index[i]);
	}
	EXPECT_SPACES(1007, "00000000 00000000");

	/* No data is mask 0, as in vs2.3: nothing stored. */
	EXPECT_EQ(0, vserver(VCMD_set_space, 1007, NULL));
	EXPECT_EQ(0, vserver(VCMD_set_space_v1, 1007, NULL));
	EXPECT_SPACES(1007, "00000000 00000000");
	/* A bad pointer. */
	EXPECT_EQ(-1, vserver(VCMD_set_space, 1007, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, vserver(VCMD_set_space_v1, 1007, (void *)8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_SPACES(1007, "00000000 00000000");
	vs_agents_stop_all();
}

TEST(set_space_ors_masks_into_status)
{
	struct vs_agent g;

	/* ctx_create (v1) stores nothing. */
	VS_GUEST(g, 1008, VXF_INIT_SET);
	EXPECT_SPACES(1008, "00000000 00000000");

	ASSERT_EQ(0, vs_set_space(NULL, 1008, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1008, "04000000 00000000");
	ASSERT_EQ(0, vs_set_space(NULL, 1008, NEWIPC, 0, 2));
	EXPECT_SPACES(1008, "0c000000 00000000");
	/* Again: no change. */
	ASSERT_EQ(0, vs_set_space(NULL, 1008, NEWUTS, 0, 2));
	EXPECT_SPACES(1008, "0c000000 00000000");
	ASSERT_EQ(0, vs_set_space(NULL, 1008, NEWNS | FS, 1, 2));
	EXPECT_SPACES(1008, "0c000000 00020200");
	/* v1 is space 0. */
	ASSERT_EQ(0, vs_set_space(NULL, 1008, NEWNET, 0, 1));
	EXPECT_SPACES(1008, "4c000000 00020200");
	ASSERT_EQ(0, vs_set_space(&g, VX_SELF_ID, NEWPID | NEWCG, 1, 2));
	EXPECT_SPACES(1008, "4c000000 22020200");
	/* Everything. */
	ASSERT_EQ(0, vs_set_space(NULL, 1008, VS_SPACE_ALL, 0, 2));
	EXPECT_SPACES(1008, "6e020200 22020200");
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* enter_space                                                        */
/* ------------------------------------------------------------------ */

/*
 * Starts agent s in the host with new namespaces of every kind (its
 * host name: name) and a first process p1 in its new pid namespace, so
 * that the pid namespace is usable; fills ino with s's namespaces.
 */
#define NEW_STORER(s, p1, name, ino)					\
	do {								\
		VS_START(s);						\
		ASSERT_EQ(0, VS_CALL(&(s), vs_fn_unshare,		\
				     NEWNS | NEWUTS | NEWIPC | NEWNET |	\
				     NEWCG | NEWPID))			\
			TH_LOG("unshare: %s", strerror(errno));		\
		ASSERT_EQ(0, set_hostname(&(s), name));			\
		VS_FORK2(s, p1);					\
		ASSERT_EQ(1, VS_CALL(&(p1), vs_fn_getpid));		\
		ASSERT_EQ(0, vs_ns_all(&(s), ino));			\
	} while (0)

TEST(enter_space_enters_stored_namespaces)
{
	uint64_t hino[VS_NNS], sino[VS_NNS], eino[VS_NNS];
	struct vs_agent g, s, p1, e;
	char name[80];
	int i;

	ASSERT_EQ(0, vs_ns_all(NULL, hino));
	VS_GUEST(g, 1010, VXF_INIT_SET);
	NEW_STORER(s, p1, "vs-space-1010", sino);
	for (i = 0; i < VS_NS_PID; i++) {
		ASSERT_NE(0, sino[i]) TH_LOG("%s", vs_ns_name(i));
		ASSERT_NE(hino[i], sino[i]) TH_LOG("%s", vs_ns_name(i));
	}

	ASSERT_EQ(0, vs_set_space(&s, 1010, VS_SPACE_ALL & ~FS, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1010, "6e020000 00000000");

	VS_START(e);
	ASSERT_EQ(0, vs_enter_space(&e, 1010, 0, 0, 2))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	for (i = 0; i < VS_NS_PID; i++)
		EXPECT_EQ(sino[i], eino[i]) TH_LOG("%s", vs_ns_name(i));
	/* A task never changes its own pid namespace. */
	EXPECT_EQ(hino[VS_NS_PID], eino[VS_NS_PID]);
	nodename_of(&e, name, sizeof(name));
	EXPECT_STREQ("vs-space-1010", name);
	/* Entering spaces is not entering the context. */
	EXPECT_EQ(0, vs_task_xid(&e, 0));
	EXPECT_EQ(0, vs_task_xid(NULL, e.pid));
	vs_agents_stop_all();
}

TEST(enter_space_versions_and_masks)
{
	uint64_t hino[VS_NNS], sino[VS_NNS], eino[VS_NNS];
	struct vs_agent g, s, e0, e1, e2, e3;

	ASSERT_EQ(0, vs_ns_all(NULL, hino));
	VS_GUEST(g, 1011, VXF_INIT_SET);
	VS_START(s);
	ASSERT_EQ(0, VS_CALL(&s, vs_fn_unshare, NEWUTS | NEWIPC));
	ASSERT_EQ(0, vs_ns_all(&s, sino));
	ASSERT_EQ(0, vs_set_space(&s, 1011, NEWUTS | NEWIPC, 0, 1))
		TH_LOG("%s", strerror(errno));

	/* v0: everything in space 0. */
	VS_START(e0);
	ASSERT_EQ(0, vs_enter_space(&e0, 1011, 0, 0, 0))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e0, eino));
	EXPECT_EQ(sino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(sino[VS_NS_IPC], eino[VS_NS_IPC]);
	EXPECT_EQ(hino[VS_NS_MNT], eino[VS_NS_MNT]);
	EXPECT_EQ(hino[VS_NS_NET], eino[VS_NS_NET]);

	/* v1: what the mask names, of space 0. */
	VS_START(e1);
	ASSERT_EQ(0, vs_enter_space(&e1, 1011, NEWUTS, 0, 1))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e1, eino));
	EXPECT_EQ(sino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(hino[VS_NS_IPC], eino[VS_NS_IPC]);

	/* v2 with a mask. */
	VS_START(e2);
	ASSERT_EQ(0, vs_enter_space(&e2, 1011, NEWIPC, 0, 2))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e2, eino));
	EXPECT_EQ(hino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(sino[VS_NS_IPC], eino[VS_NS_IPC]);

	/* v1 with mask 0: everything. */
	VS_START(e3);
	ASSERT_EQ(0, vs_enter_space(&e3, 1011, 0, 0, 1))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e3, eino));
	EXPECT_EQ(sino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(sino[VS_NS_IPC], eino[VS_NS_IPC]);
	vs_agents_stop_all();
}

TEST(enter_space_pid_namespace_is_for_children)
{
	uint64_t hino[VS_NNS], sino[VS_NNS], eino[VS_NNS], cino[VS_NNS];
	struct vs_agent g, s, p1, e, c;
	long inner;

	ASSERT_EQ(0, vs_ns_all(NULL, hino));
	VS_GUEST(g, 1012, VXF_INIT_SET);
	NEW_STORER(s, p1, "vs-space-1012", sino);
	ASSERT_EQ(0, vs_set_space(&s, 1012, NEWPID, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1012, "00000000 20000000");

	VS_START(e);
	ASSERT_EQ(0, vs_enter_space(&e, 1012, NEWPID, 1, 2))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	EXPECT_EQ(hino[VS_NS_PID], eino[VS_NS_PID]);
	EXPECT_EQ(sino[VS_NS_PID_FOR_CHILDREN],
		  eino[VS_NS_PID_FOR_CHILDREN]);
	/* Nothing else was entered. */
	EXPECT_EQ(hino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(hino[VS_NS_MNT], eino[VS_NS_MNT]);

	/* What e forks now lives in the stored pid namespace. */
	VS_FORK2(e, c);
	ASSERT_EQ(0, vs_ns_all(&c, cino));
	EXPECT_EQ(sino[VS_NS_PID_FOR_CHILDREN], cino[VS_NS_PID]);
	inner = VS_CALL(&c, vs_fn_getpid);
	EXPECT_LT(1, inner);
	EXPECT_NE(c.pid, inner);
	EXPECT_EQ(0, vs_task_xid(NULL, c.pid));
	vs_agents_stop_all();
}

TEST(enter_space_fs_gives_stored_root_and_cwd)
{
	uint64_t hino[VS_NNS], eino[VS_NNS];
	char dir[64], path[128], cwd[256];
	struct vs_agent g, s, e1, e2;
	struct stat st_root, st_sub;
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/vs-space-root-%d", getpid());
	ASSERT_EQ(0, mkdir(dir, 0755));
	snprintf(path, sizeof(path), "%s/sub", dir);
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, stat(path, &st_sub));
	ASSERT_EQ(0, stat(dir, &st_root));
	snprintf(path, sizeof(path), "%s/vs-space-marker", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, vs_ns_all(NULL, hino));

	VS_GUEST(g, 1013, VXF_INIT_SET);
	VS_START(s);
	memset(path, 0, sizeof(path));
	snprintf(path, sizeof(path), "%s", dir);
	ASSERT_EQ(0, VS_CALL_IO(&s, vs_fn_chroot, path, sizeof(path), NULL,
				0))
		TH_LOG("chroot: %s", strerror(errno));
	ASSERT_EQ(0, VS_CALL_IO(&s, vs_fn_chdir, "/sub", 5, NULL, 0));
	ASSERT_EQ(0, vs_set_space(&s, 1013, FS, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1013, "00000000 00000200");

	VS_START(e1);
	ASSERT_EQ(-1, vs_access_as(&e1, "/vs-space-marker"));
	ASSERT_EQ(0, vs_enter_space(&e1, 1013, FS, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ((long)st_root.st_ino,
		  VS_CALL_IO(&e1, vs_fn_stat_ino, "/", 2, NULL, 0));
	EXPECT_EQ(0, vs_access_as(&e1, "/vs-space-marker"));
	EXPECT_EQ((long)st_sub.st_ino,
		  VS_CALL_IO(&e1, vs_fn_stat_ino, ".", 2, NULL, 0));
	memset(cwd, 0, sizeof(cwd));
	ASSERT_EQ(0, VS_CALL_IO(&e1, vs_fn_getcwd, NULL, 0, cwd,
				sizeof(cwd) - 1));
	EXPECT_STREQ("/sub", cwd);
	/*
	 * Root and cwd only: the mount namespace is still the host's.  (e1
	 * has no /proc under its new root: read from here.)
	 */
	ASSERT_EQ(0, vs_ns_all_pid(e1.pid, eino));
	EXPECT_EQ(hino[VS_NS_MNT], eino[VS_NS_MNT]);

	/* Mask 0: everything space 1 holds. */
	VS_START(e2);
	ASSERT_EQ(0, vs_enter_space(&e2, 1013, 0, 1, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_EQ((long)st_root.st_ino,
		  VS_CALL_IO(&e2, vs_fn_stat_ino, "/", 2, NULL, 0));
	EXPECT_EQ(0, vs_access_as(&e2, "/vs-space-marker"));
	vs_agents_stop_all();

	snprintf(path, sizeof(path), "%s/vs-space-marker", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

/* enter_space v0, v1 and v2 by agent a on id fail with err. */
static void expect_enter_fails(struct __test_metadata *_metadata,
			       struct vs_agent *a, uint32_t id, int err)
{
	uint64_t before[VS_NNS], after[VS_NNS];

	ASSERT_EQ(0, vs_ns_all(a, before));
	EXPECT_EQ(-1, vs_enter_space(a, id, 0, 0, 0))
		TH_LOG("enter_space_v0(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("enter_space_v0(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
	EXPECT_EQ(-1, vs_enter_space(a, id, NEWUTS, 0, 1))
		TH_LOG("enter_space_v1(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("enter_space_v1(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
	EXPECT_EQ(-1, vs_enter_space(a, id, 0, 0, 2))
		TH_LOG("enter_space(%u) by %s", id, vs_name(a));
	EXPECT_EQ(err, errno)
		TH_LOG("enter_space(%u) by %s: %s", id, vs_name(a),
		       strerror(errno));
	ASSERT_EQ(0, vs_ns_all(a, after));
	EXPECT_EQ(0, memcmp(before, after, sizeof(before)))
		TH_LOG("the namespaces of %s changed", vs_name(a));
}

/* Agent s (in the host) gets a UTS namespace of its own, stored in id. */
#define STORE_UTS(s, id)						\
	do {								\
		VS_START(s);						\
		ASSERT_EQ(0, VS_CALL(&(s), vs_fn_unshare, NEWUTS));	\
		ASSERT_EQ(0, vs_set_space(&(s), (id), NEWUTS, 0, 2))	\
			TH_LOG("%s", strerror(errno));			\
	} while (0)

TEST(enter_space_needs_cap_sys_admin_in_the_host)
{
	struct vs_agent g, s, h1, n, sp, h;
	uint64_t sino[VS_NNS], eino[VS_NNS];

	VS_GUEST(g, 1014, VXF_INIT_SET);
	STORE_UTS(s, 1014);
	ASSERT_EQ(0, vs_ns_all(&s, sino));

	VS_START(h1);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	expect_enter_fails(_metadata, &h1, 1014, EPERM);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_enter_fails(_metadata, &n, 1014, EPERM);

	/* Not from inside, not even its own context during setup. */
	expect_enter_fails(_metadata, &g, VX_SELF_ID, EPERM);
	expect_enter_fails(_metadata, &g, 1014, EPERM);
	VS_SPECTATOR(sp);
	expect_enter_fails(_metadata, &sp, 1014, EPERM);

	/* Root in the host can. */
	VS_START(h);
	ASSERT_EQ(0, vs_enter_space(&h, 1014, 0, 0, 0))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&h, eino));
	EXPECT_EQ(sino[VS_NS_UTS], eino[VS_NS_UTS]);
	vs_agents_stop_all();
}

TEST(enter_space_needs_state_admin)
{
	struct vs_agent g1, g2, s1, e;

	VS_GUEST(g1, 1015, VXF_STATE_SETUP | VXF_STATE_INIT);
	ASSERT_EQ(0, VS_CALL(&g1, vs_fn_unshare, NEWUTS));
	ASSERT_EQ(0, vs_set_space(&g1, VX_SELF_ID, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	VS_START(e);
	expect_enter_fails(_metadata, &e, 1015, EACCES);

	VS_GUEST(g2, 1016, VXF_INIT_SET);
	STORE_UTS(s1, 1016);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_ADMIN));
	expect_enter_fails(_metadata, &e, 1016, EACCES);

	/* No such context. */
	expect_enter_fails(_metadata, &e, 1017, ESRCH);
	vs_agents_stop_all();
}

TEST(enter_space_private_only_during_setup)
{
	struct vs_agent g, e1, e2;
	char name[80];

	VS_GUEST(g, 1018, VXF_INIT_SET | VXF_INFO_PRIVATE);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, NEWUTS));
	ASSERT_EQ(0, set_hostname(&g, "vs-private-1018"));
	ASSERT_EQ(0, vs_set_space(&g, VX_SELF_ID, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));

	/* In setup: may be entered. */
	VS_START(e1);
	ASSERT_EQ(0, vs_enter_space(&e1, 1018, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	nodename_of(&e1, name, sizeof(name));
	EXPECT_STREQ("vs-private-1018", name);

	/* Out of setup: private. */
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	VS_START(e2);
	expect_enter_fails(_metadata, &e2, 1018, EACCES);
	vs_agents_stop_all();
}

TEST(enter_space_rejects_unstored_bits_and_bad_index)
{
	uint64_t hino[VS_NNS], sino[VS_NNS], eino[VS_NNS];
	struct vs_agent g, s, e;

	ASSERT_EQ(0, vs_ns_all(NULL, hino));
	VS_GUEST(g, 1019, VXF_INIT_SET);
	VS_START(e);

	/* Nothing stored. */
	expect_enter_fails(_metadata, &e, 1019, EINVAL);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS, 0, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, 0, 1, 2));
	EXPECT_EQ(EINVAL, errno);

	/* The UTS namespace in space 0. */
	STORE_UTS(s, 1019);
	ASSERT_EQ(0, vs_ns_all(&s, sino));
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWNS, 0, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS | NEWIPC, 0, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS | FS, 0, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS | NEWUSER, 0, 2));
	EXPECT_EQ(EINVAL, errno);
	/* Space 1 holds nothing. */
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, 0, 1, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS, 1, 2));
	EXPECT_EQ(EINVAL, errno);
	/* There are two spaces. */
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, NEWUTS, 2, 2));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, vs_enter_space(&e, 1019, 0, ~0u, 2));
	EXPECT_EQ(EINVAL, errno);
	/* A bad pointer (NULL is mask 0: compat_test.c). */
	EXPECT_EQ(-1, VS_CALL(&e, vs_fn_vserver_ptr, VCMD_enter_space, 1019,
			      8));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, VS_CALL(&e, vs_fn_vserver_ptr, VCMD_enter_space_v1,
			      1019, 8));
	EXPECT_EQ(EFAULT, errno);

	/* None of that entered anything. */
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	EXPECT_EQ(0, memcmp(hino, eino, sizeof(hino)));

	/* The right mask does. */
	ASSERT_EQ(0, vs_enter_space(&e, 1019, NEWUTS, 0, 2))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	EXPECT_EQ(sino[VS_NS_UTS], eino[VS_NS_UTS]);
	vs_agents_stop_all();
}

TEST(set_space_stores_a_new_pid_namespace_before_its_first_process)
{
	uint64_t p1ino[VS_NNS], eino[VS_NNS];
	struct vs_agent g, p1, e;

	/*
	 * Right after unshare(CLONE_NEWPID) the new namespace has no
	 * process yet (/proc/self/ns/pid_for_children cannot be opened),
	 * but it is the caller's namespace for children all the same.
	 */
	VS_GUEST(g, 1023, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare, NEWPID));
	EXPECT_EQ(0, vs_set_space(&g, VX_SELF_ID, NEWPID, 0, 2))
		TH_LOG("%s", strerror(errno));
	EXPECT_SPACES(1023, "20000000 00000000");

	/* Its first process is pid 1 of the stored namespace. */
	VS_FORK2(g, p1);
	EXPECT_EQ(1, VS_CALL(&p1, vs_fn_getpid));
	ASSERT_EQ(0, vs_ns_all(&p1, p1ino));
	VS_START(e);
	ASSERT_EQ(0, vs_enter_space(&e, 1023, NEWPID, 0, 2))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	EXPECT_EQ(p1ino[VS_NS_PID], eino[VS_NS_PID_FOR_CHILDREN]);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* A guest's start, as util-vserver does it                           */
/* ------------------------------------------------------------------ */

TEST(typical_guest_start)
{
	uint64_t gino[VS_NNS], p1ino[VS_NNS], hino[VS_NNS];
	struct vs_agent g, p1, a, b, h;
	char host_name[80], name[80];
	long apid, ppid = -1;
	int t;

	nodename_of(NULL, host_name, sizeof(host_name));
	VS_GUEST(g, 1020, VXF_INIT_SET);
	ASSERT_EQ(0, VS_CALL(&g, vs_fn_unshare,
			     NEWNS | NEWUTS | NEWIPC | NEWPID))
		TH_LOG("unshare: %s", strerror(errno));
	ASSERT_EQ(0, set_hostname(&g, "vs-guest-1020"))
		TH_LOG("sethostname: %s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&g, gino));
	/* Stored before the guest's pid 1 exists. */
	EXPECT_EQ(0, vs_set_space(&g, VX_SELF_ID,
				  NEWNS | NEWUTS | NEWIPC | NEWPID | FS, 0, 2))
		TH_LOG("set_space before the first fork: %s",
		       strerror(errno));
	EXPECT_SPACES(1020, "2c020200 00000000");

	/* The first child is pid 1 of the guest, in the context. */
	VS_FORK2(g, p1);
	EXPECT_EQ(1, VS_CALL(&p1, vs_fn_getpid));
	EXPECT_EQ(1020, vs_task_xid(&p1, 0));
	EXPECT_EQ(1020, vs_task_xid(NULL, p1.pid));
	ASSERT_EQ(0, vs_ns_all(&p1, p1ino));

	/* An orphan inside goes to the guest's pid 1. */
	VS_FORK2(p1, a);
	VS_FORK2(a, b);
	apid = VS_CALL(&a, vs_fn_getpid);
	EXPECT_LT(1, apid);
	EXPECT_EQ(apid, VS_CALL(&b, vs_fn_getppid));
	ASSERT_EQ(0, vs_agent_stop(&a));
	for (t = 0; t < 200; t++) {
		ppid = VS_CALL(&b, vs_fn_getppid);
		if (ppid != apid)
			break;
		vs_msleep(10);
	}
	EXPECT_EQ(1, ppid);
	EXPECT_EQ(1020, vs_task_xid(NULL, b.pid));

	/* The host enters the guest: its spaces, then the context. */
	VS_START(h);
	ASSERT_EQ(0, vs_enter_space(&h, 1020, 0, 0, 0))
		TH_LOG("enter_space: %s", strerror(errno));
	ASSERT_EQ(0, vs_migrate(&h, 1020, 0))
		TH_LOG("ctx_migrate: %s", strerror(errno));
	EXPECT_EQ(1020, vs_task_xid(&h, 0));
	nodename_of(&h, name, sizeof(name));
	EXPECT_STREQ("vs-guest-1020", name);
	ASSERT_EQ(0, vs_ns_all(&h, hino));
	EXPECT_EQ(gino[VS_NS_MNT], hino[VS_NS_MNT]);
	EXPECT_EQ(gino[VS_NS_UTS], hino[VS_NS_UTS]);
	EXPECT_EQ(gino[VS_NS_IPC], hino[VS_NS_IPC]);
	EXPECT_EQ(p1ino[VS_NS_PID], hino[VS_NS_PID_FOR_CHILDREN]);

	/* The host's name never changed. */
	nodename_of(NULL, name, sizeof(name));
	EXPECT_STREQ(host_name, name);
	vs_agents_stop_all();
}

TEST(ctx_create_v0_stores_new_uts_and_ipc)
{
	uint64_t hino[VS_NNS], gino[VS_NNS], eino[VS_NNS];
	struct vs_agent g, g1, e;
	int i;

	ASSERT_EQ(0, vs_ns_all(NULL, hino));
	VS_START(g);
	ASSERT_EQ(1021, vs_create_v0(&g, 1021)) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&g, gino));
	EXPECT_NE(hino[VS_NS_UTS], gino[VS_NS_UTS]);
	EXPECT_NE(hino[VS_NS_IPC], gino[VS_NS_IPC]);
	for (i = 0; i < VS_NNS; i++)
		if (i != VS_NS_UTS && i != VS_NS_IPC)
			EXPECT_EQ(hino[i], gino[i])
				TH_LOG("%s", vs_ns_name(i));
	EXPECT_SPACES(1021, "0c000000 00000000");

	VS_START(e);
	ASSERT_EQ(0, vs_enter_space(&e, 1021, 0, 0, 0))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_ns_all(&e, eino));
	EXPECT_EQ(gino[VS_NS_UTS], eino[VS_NS_UTS]);
	EXPECT_EQ(gino[VS_NS_IPC], eino[VS_NS_IPC]);
	EXPECT_EQ(hino[VS_NS_MNT], eino[VS_NS_MNT]);

	/* ctx_create v1 keeps the creator's namespaces, and stores none. */
	VS_GUEST(g1, 1022, VXF_INIT_SET);
	ASSERT_EQ(0, vs_ns_all(&g1, gino));
	EXPECT_EQ(0, memcmp(hino, gino, sizeof(hino)));
	EXPECT_SPACES(1022, "00000000 00000000");
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
