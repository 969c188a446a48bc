// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - Host identity: get_vhi_name/set_vhi_name, and
 * sethostname(2)/setdomainname(2) inside a guest
 *
 * The CONTEXT name belongs to the context; the other names are those of
 * the UTS namespace stored in space 0 of the context.  A guest's root
 * may set its own host and domain name with the context capability
 * SET_UTSNAME in a UTS namespace of its own, never the host's.
 *
 * Every test uses context ids of its own (1100..1199).  No test changes
 * the host's names; each checks that they did not change (and puts them
 * back if they did).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers2.h"

#define NEWUTS	((uint64_t)CLONE_NEWUTS)

static const char *const field_names[] = {
	"CONTEXT", "SYSNAME", "NODENAME", "RELEASE", "VERSION", "MACHINE",
	"DOMAINNAME",
};

/* The name of field f, for messages. */
static __attribute__((returns_nonnull)) const char *fname(uint32_t f)
{
	return f < ARRAY_SIZE(field_names) ? field_names[f] : "?";
}

/* Field f of a utsname, f being VHIN_SYSNAME..VHIN_DOMAINNAME. */
static const char *uts_field(const struct utsname *u, int f)
{
	switch (f) {
	case VHIN_SYSNAME:
		return u->sysname;
	case VHIN_NODENAME:
		return u->nodename;
	case VHIN_RELEASE:
		return u->release;
	case VHIN_VERSION:
		return u->version;
	case VHIN_MACHINE:
		return u->machine;
	case VHIN_DOMAINNAME:
		return u->domainname;
	}
	return "?";
}

/* uname() of agent a (NULL: the caller). */
static void uname_of(struct vs_agent *a, struct utsname *u)
{
	memset(u, 0, sizeof(*u));
	if (a)
		VS_CALL_IO(a, vs_fn_uname, NULL, 0, u, sizeof(*u));
	else
		uname(u);
}

/* sethostname (domain 0) or setdomainname (domain 1) by agent a. */
static long set_name(struct vs_agent *a, int domain, const char *name)
{
	char buf[128];

	memset(buf, 0, sizeof(buf));
	snprintf(buf, sizeof(buf), "%s", name);
	return VS_CALL_IO(a, vs_fn_setname, buf, sizeof(buf), NULL, 0,
			  domain);
}

/*
 * FIXTURE host: remembers the host's names and checks, at the end of
 * each test, that they did not change (restoring them if they did).
 */
FIXTURE(host) {
	struct utsname u;
};

FIXTURE_SETUP(host)
{
	ASSERT_EQ(0, uname(&self->u));
}

FIXTURE_TEARDOWN(host)
{
	struct utsname now;

	vs_agents_stop_all();
	ASSERT_EQ(0, uname(&now));
	if (strcmp(now.nodename, self->u.nodename))
		sethostname(self->u.nodename, strlen(self->u.nodename));
	if (strcmp(now.domainname, self->u.domainname))
		setdomainname(self->u.domainname,
			      strlen(self->u.domainname));
	EXPECT_STREQ(self->u.nodename, now.nodename)
		TH_LOG("the host's host name changed");
	EXPECT_STREQ(self->u.domainname, now.domainname)
		TH_LOG("the host's domain name changed");
}

/* The host's names now are those of the start of the test. */
#define EXPECT_HOST_NAMES()						\
	do {								\
		struct utsname _u;					\
		ASSERT_EQ(0, uname(&_u));				\
		EXPECT_STREQ(self->u.nodename, _u.nodename);		\
		EXPECT_STREQ(self->u.domainname, _u.domainname);	\
	} while (0)

/* Agent a creates context id with ctx_create_v0: UTS stored in space 0. */
#define V0_GUEST(a, id)							\
	do {								\
		VS_START(a);						\
		ASSERT_EQ((id), vs_create_v0(&(a), (id)))		\
			TH_LOG("ctx_create_v0: %s", strerror(errno));	\
	} while (0)

/* ------------------------------------------------------------------ */
/* get/set_vhi_name                                                   */
/* ------------------------------------------------------------------ */

TEST_F(host, vhi_context_name_round_trip)
{
	struct vs_agent g;
	char n[65];

	VS_GUEST(g, 1100, VXF_INIT_SET);
	ASSERT_EQ(0, vs_get_vhi(NULL, 1100, VHIN_CONTEXT, n))
		TH_LOG("%s", strerror(errno));
	EXPECT_STREQ("", n);

	ASSERT_EQ(0, vs_set_vhi(NULL, 1100, VHIN_CONTEXT, "guest one"))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_get_vhi(NULL, 1100, VHIN_CONTEXT, n));
	EXPECT_STREQ("guest one", n);
	ASSERT_EQ(0, vs_get_vhi(&g, VX_SELF_ID, VHIN_CONTEXT, n));
	EXPECT_STREQ("guest one", n);

	/* From inside, during setup; a shorter name leaves nothing behind. */
	ASSERT_EQ(0, vs_set_vhi(&g, VX_SELF_ID, VHIN_CONTEXT, "x"))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_get_vhi(NULL, 1100, VHIN_CONTEXT, n));
	EXPECT_STREQ("x", n);
	ASSERT_EQ(0, vs_get_vhi(&g, 1100, VHIN_CONTEXT, n));
	EXPECT_STREQ("x", n);
}

TEST_F(host, vhi_uts_fields_need_a_stored_uts_namespace)
{
	struct vs_agent g, g2, s;
	struct utsname su;
	char n[65];
	int f;

	/* ctx_create (v1) stores no namespace. */
	VS_GUEST(g, 1101, VXF_INIT_SET);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++) {
		EXPECT_EQ(-1, vs_get_vhi(NULL, 1101, f, n))
			TH_LOG("get %s", fname(f));
		EXPECT_EQ(EINVAL, errno) TH_LOG("get %s", fname(f));
		EXPECT_EQ(-1, vs_set_vhi(NULL, 1101, f, "vs-none"))
			TH_LOG("set %s", fname(f));
		EXPECT_EQ(EINVAL, errno) TH_LOG("set %s", fname(f));
	}
	/* The context's own name needs none. */
	EXPECT_EQ(0, vs_get_vhi(NULL, 1101, VHIN_CONTEXT, n));
	EXPECT_EQ(0, vs_set_vhi(NULL, 1101, VHIN_CONTEXT, "c1101"));

	/* A host task stores its own UTS namespace there. */
	VS_START(s);
	ASSERT_EQ(0, VS_CALL(&s, vs_fn_unshare, NEWUTS));
	ASSERT_EQ(0, set_name(&s, 0, "vs-stored-1101"));
	ASSERT_EQ(0, vs_set_space(&s, 1101, NEWUTS, 0, 2))
		TH_LOG("set_space: %s", strerror(errno));
	ASSERT_EQ(0, vs_get_vhi(NULL, 1101, VHIN_NODENAME, n))
		TH_LOG("%s", strerror(errno));
	EXPECT_STREQ("vs-stored-1101", n);
	ASSERT_EQ(0, vs_set_vhi(NULL, 1101, VHIN_NODENAME, "vs-set-1101"))
		TH_LOG("%s", strerror(errno));
	uname_of(&s, &su);
	EXPECT_STREQ("vs-set-1101", su.nodename);

	/* Space 1 does not count. */
	VS_GUEST(g2, 1102, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set_space(&s, 1102, NEWUTS, 1, 2))
		TH_LOG("set_space: %s", strerror(errno));
	EXPECT_EQ(-1, vs_get_vhi(NULL, 1102, VHIN_NODENAME, n));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_HOST_NAMES();
}

TEST_F(host, vhi_rejects_bad_fields)
{
	static const uint32_t bad[] = { 7, 8, 100, 0x80000000u, ~0u };
	struct vs_agent g;
	char n[65];
	size_t i;

	V0_GUEST(g, 1103);
	ASSERT_EQ(0, vs_set_vhi(NULL, 1103, VHIN_NODENAME, "vs-1103"))
		TH_LOG("%s", strerror(errno));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-1, vs_get_vhi(NULL, 1103, bad[i], n))
			TH_LOG("get field %u", bad[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("get field %u", bad[i]);
		EXPECT_EQ(-1, vs_set_vhi(NULL, 1103, bad[i], "vs-bad"))
			TH_LOG("set field %u", bad[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("set field %u", bad[i]);
		EXPECT_EQ(-1, vs_set_vhi(&g, VX_SELF_ID, bad[i], "vs-bad"))
			TH_LOG("inside: set field %u", bad[i]);
		EXPECT_EQ(EINVAL, errno)
			TH_LOG("inside: set field %u", bad[i]);
	}
	/* Nothing changed. */
	ASSERT_EQ(0, vs_get_vhi(NULL, 1103, VHIN_NODENAME, n));
	EXPECT_STREQ("vs-1103", n);
	ASSERT_EQ(0, vs_get_vhi(NULL, 1103, VHIN_CONTEXT, n));
	EXPECT_STREQ("", n);

	/* No data. */
	EXPECT_EQ(-1, vserver(VCMD_get_vhi_name, 1103, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, vserver(VCMD_set_vhi_name, 1103, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_HOST_NAMES();
}

TEST_F(host, vhi_uts_fields_read_the_stored_namespace)
{
	struct vs_agent g;
	struct utsname gu;
	char n[65];
	int f;

	/* ctx_create_v0's namespace starts as a copy of the host's. */
	V0_GUEST(g, 1104);
	uname_of(&g, &gu);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++) {
		ASSERT_EQ(0, vs_get_vhi(NULL, 1104, f, n))
			TH_LOG("get %s: %s", fname(f), strerror(errno));
		EXPECT_STREQ(uts_field(&self->u, f), n)
			TH_LOG("%s", fname(f));
		EXPECT_STREQ(uts_field(&gu, f), n)
			TH_LOG("%s", fname(f));
		/* From inside, by id and as its own. */
		ASSERT_EQ(0, vs_get_vhi(&g, VX_SELF_ID, f, n));
		EXPECT_STREQ(uts_field(&gu, f), n)
			TH_LOG("%s", fname(f));
	}

	/* The guest's own change shows. */
	ASSERT_EQ(0, set_name(&g, 0, "vs-own-1104"))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_get_vhi(NULL, 1104, VHIN_NODENAME, n));
	EXPECT_STREQ("vs-own-1104", n);
	EXPECT_HOST_NAMES();
}

TEST_F(host, set_vhi_name_changes_the_guests_uname_only)
{
	static const char *const vals[] = {
		"", "VsSys", "vs-node-1105", "9.9.9-vs", "#1 VS", "vs64",
		"vs-domain-1105",
	};
	struct vs_agent g, g2, h, g3;
	struct utsname u;
	char n[65];
	int f;

	V0_GUEST(g, 1105);
	VS_FORK(g, g2);
	/* h is in the context, but in the host's UTS namespace. */
	VS_START(h);
	ASSERT_EQ(0, vs_migrate(&h, 1105, 0));

	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++) {
		ASSERT_EQ(0, vs_set_vhi(NULL, 1105, f, vals[f]))
			TH_LOG("set %s: %s", fname(f), strerror(errno));
		ASSERT_EQ(0, vs_get_vhi(NULL, 1105, f, n));
		EXPECT_STREQ(vals[f], n) TH_LOG("%s", fname(f));
	}
	uname_of(&g, &u);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++)
		EXPECT_STREQ(vals[f], uts_field(&u, f))
			TH_LOG("guest: %s", fname(f));
	uname_of(&g2, &u);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++)
		EXPECT_STREQ(vals[f], uts_field(&u, f))
			TH_LOG("guest's child: %s", fname(f));
	/* Forked afterwards: the same. */
	VS_FORK(g, g3);
	uname_of(&g3, &u);
	EXPECT_STREQ(vals[VHIN_NODENAME], u.nodename);

	/* Not in the host's namespace. */
	uname_of(&h, &u);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++)
		EXPECT_STREQ(uts_field(&self->u, f), uts_field(&u, f))
			TH_LOG("migrated host task: %s", fname(f));
	uname_of(NULL, &u);
	for (f = VHIN_SYSNAME; f <= VHIN_DOMAINNAME; f++)
		EXPECT_STREQ(uts_field(&self->u, f), uts_field(&u, f))
			TH_LOG("host: %s", fname(f));

	/* From inside, during setup. */
	ASSERT_EQ(0, vs_set_vhi(&g2, VX_SELF_ID, VHIN_NODENAME, "vs-inside"))
		TH_LOG("%s", strerror(errno));
	uname_of(&g, &u);
	EXPECT_STREQ("vs-inside", u.nodename);
	EXPECT_HOST_NAMES();
}

TEST_F(host, vhi_name_of_64_characters_round_trips_longer_is_cut)
{
	static const int fields[] = { VHIN_CONTEXT, VHIN_NODENAME,
				      VHIN_DOMAINNAME };
	char n64[65], raw[65], n[65];
	struct vs_agent g;
	struct utsname u;
	size_t i;
	int c;

	for (c = 0; c < 64; c++)
		n64[c] = 'a' + c % 26;
	n64[64] = '\0';
	for (c = 0; c < 65; c++)
		raw[c] = 'A' + c % 26;

	V0_GUEST(g, 1106);
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		const int f = fields[i];

		ASSERT_EQ(0, vs_set_vhi(NULL, 1106, f, n64))
			TH_LOG("%s: %s", fname(f), strerror(errno));
		ASSERT_EQ(0, vs_get_vhi(NULL, 1106, f, n));
		EXPECT_EQ(0, memcmp(n64, n, 65)) TH_LOG("%s", fname(f));
		EXPECT_EQ(64, strnlen(n, 65)) TH_LOG("%s", fname(f));
		if (f != VHIN_CONTEXT) {
			uname_of(&g, &u);
			EXPECT_STREQ(n64, uts_field(&u, f))
				TH_LOG("%s", fname(f));
		}

		/* 65 characters, no terminator: the first 64 and a NUL. */
		ASSERT_EQ(0, vs_set_vhi_raw(NULL, 1106, f, raw))
			TH_LOG("%s: %s", fname(f), strerror(errno));
		ASSERT_EQ(0, vs_get_vhi(NULL, 1106, f, n));
		EXPECT_EQ(0, memcmp(raw, n, 64)) TH_LOG("%s", fname(f));
		EXPECT_EQ(0, n[64]) TH_LOG("%s", fname(f));
		if (f != VHIN_CONTEXT) {
			uname_of(&g, &u);
			EXPECT_EQ(64, strnlen(uts_field(&u, f), 65));
			EXPECT_EQ(0, memcmp(raw, uts_field(&u, f), 64));
		}
	}
	EXPECT_HOST_NAMES();
}

TEST_F(host, get_vhi_name_needs_no_privilege_but_only_own_context)
{
	struct vs_agent a, an, b, n;
	char name[65];

	V0_GUEST(a, 1107);
	ASSERT_EQ(0, vs_set_vhi(NULL, 1107, VHIN_CONTEXT, "ctx-1107"));
	ASSERT_EQ(0, vs_set_vhi(NULL, 1107, VHIN_NODENAME, "node-1107"));
	VS_GUEST(b, 1108, VXF_INIT_SET);

	/* Nobody in the host: any context. */
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_get_vhi(&n, 1107, VHIN_CONTEXT, name))
		TH_LOG("%s", strerror(errno));
	EXPECT_STREQ("ctx-1107", name);
	ASSERT_EQ(0, vs_get_vhi(&n, 1107, VHIN_NODENAME, name));
	EXPECT_STREQ("node-1107", name);

	/* Nobody in a guest: its own context only. */
	VS_FORK(a, an);
	ASSERT_EQ(0, VS_CALL(&an, vs_fn_become_nobody));
	ASSERT_EQ(0, vs_get_vhi(&an, VX_SELF_ID, VHIN_NODENAME, name))
		TH_LOG("%s", strerror(errno));
	EXPECT_STREQ("node-1107", name);
	ASSERT_EQ(0, vs_get_vhi(&an, 1107, VHIN_CONTEXT, name));
	EXPECT_STREQ("ctx-1107", name);
	EXPECT_EQ(-1, vs_get_vhi(&an, 1108, VHIN_CONTEXT, name));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_get_vhi(&b, 1107, VHIN_CONTEXT, name));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_EQ(-1, vs_get_vhi(&b, 1107, VHIN_NODENAME, name));
	EXPECT_EQ(ESRCH, errno);

	/* No such context. */
	EXPECT_EQ(-1, vs_get_vhi(&n, 1109, VHIN_CONTEXT, name));
	EXPECT_EQ(ESRCH, errno);
	EXPECT_HOST_NAMES();
}

/* set_vhi_name of CONTEXT and NODENAME by a on id fail with err. */
static void expect_set_vhi_fails(struct __test_metadata *_metadata,
				 struct vs_agent *a, uint32_t id, int err)
{
	static const int fields[] = { VHIN_CONTEXT, VHIN_NODENAME };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		EXPECT_EQ(-1, vs_set_vhi(a, id, fields[i], "vs-denied"))
			TH_LOG("set %s of %u by %s", fname(fields[i]),
			       id, vs_name(a));
		EXPECT_EQ(err, errno)
			TH_LOG("set %s of %u by %s: %s",
			       fname(fields[i]), id, vs_name(a),
			       strerror(errno));
	}
}

/* Neither CONTEXT nor NODENAME of xid is "vs-denied". */
static void expect_not_denied(struct __test_metadata *_metadata,
			      uint32_t xid)
{
	char n[65];

	ASSERT_EQ(0, vs_get_vhi(NULL, xid, VHIN_CONTEXT, n));
	EXPECT_STRNE("vs-denied", n);
	ASSERT_EQ(0, vs_get_vhi(NULL, xid, VHIN_NODENAME, n));
	EXPECT_STRNE("vs-denied", n);
}

TEST_F(host, set_vhi_name_follows_the_set_cflags_rules)
{
	struct vs_agent g1, g2, g3, gx, h1, h2, n, s;
	uint64_t caps[4];

	V0_GUEST(g1, 1110);

	/* The host needs CAP_SYS_ADMIN and CAP_SYS_RESOURCE. */
	VS_START(h1);
	VS_START(h2);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&h1, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	ASSERT_EQ(0, VS_CALL(&h2, vs_fn_drop_caps,
			     VS_CAP(CAP_SYS_RESOURCE)));
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	expect_set_vhi_fails(_metadata, &h1, 1110, EPERM);
	expect_set_vhi_fails(_metadata, &h2, 1110, EPERM);
	expect_set_vhi_fails(_metadata, &n, 1110, EPERM);
	/* So does a guest in setup. */
	VS_FORK(g1, gx);
	ASSERT_EQ(0, VS_CALL(&gx, vs_fn_drop_caps, VS_CAP(CAP_SYS_ADMIN)));
	expect_set_vhi_fails(_metadata, &gx, VX_SELF_ID, EPERM);
	expect_not_denied(_metadata, 1110);

	/* The host needs STATE_ADMIN; the guest in setup does not. */
	VS_START(g2);
	ASSERT_EQ(1111, vs_create_v0(&g2, 1111));
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_cflags, VX_SELF_ID, 0,
			    VXF_STATE_ADMIN));
	expect_set_vhi_fails(_metadata, NULL, 1111, EACCES);
	expect_not_denied(_metadata, 1111);
	EXPECT_EQ(0, vs_set_vhi(&g2, VX_SELF_ID, VHIN_NODENAME, "vs-1111"))
		TH_LOG("%s", strerror(errno));

	/* Out of setup, the guest cannot, even with every capability. */
	V0_GUEST(g3, 1112);
	ASSERT_EQ(0, vs_set(&g3, VCMD_set_bcaps, VX_SELF_ID, ~0ULL, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&g3, VX_SELF_ID));
	ASSERT_EQ(0, VS_CALL_IO(&g3, vs_fn_caps, NULL, 0, caps,
				sizeof(caps)));
	ASSERT_NE(0, caps[0] & VS_CAP(CAP_SYS_ADMIN));
	expect_set_vhi_fails(_metadata, &g3, VX_SELF_ID, EPERM);
	expect_set_vhi_fails(_metadata, &g3, 1112, EPERM);
	expect_not_denied(_metadata, 1112);
	/* The host still can. */
	EXPECT_EQ(0, vs_set_vhi(NULL, 1112, VHIN_NODENAME, "vs-1112"))
		TH_LOG("%s", strerror(errno));

	/* A guest names only its own context. */
	expect_set_vhi_fails(_metadata, &g1, 1112, ESRCH);
	expect_not_denied(_metadata, 1112);
	/* The spectator cannot. */
	VS_SPECTATOR(s);
	expect_set_vhi_fails(_metadata, &s, 1110, EPERM);
	expect_not_denied(_metadata, 1110);
	/* No such context. */
	expect_set_vhi_fails(_metadata, NULL, 1113, ESRCH);
	EXPECT_HOST_NAMES();
}

/* ------------------------------------------------------------------ */
/* sethostname(2), setdomainname(2) in a guest                        */
/* ------------------------------------------------------------------ */

/*
 * Agent a creates context id, unshares its UTS namespace if own_uts,
 * sets bcaps to the default plus extra, and ends the setup.
 */
#define NAMED_GUEST(a, id, own_uts, extra)				\
	do {								\
		VS_GUEST(a, id, VXF_INIT_SET);				\
		if (own_uts)						\
			ASSERT_EQ(0, VS_CALL(&(a), vs_fn_unshare, NEWUTS)); \
		ASSERT_EQ(0, vs_set(&(a), VCMD_set_bcaps, VX_SELF_ID,	\
				    VS_DEFAULT_BCAPS | (extra), ~0ULL));\
		ASSERT_EQ(0, vs_clear_setup(&(a), VX_SELF_ID));		\
	} while (0)

/* Does agent a hold CAP_SYS_ADMIN (effective)? */
static int has_sys_admin(struct vs_agent *a)
{
	uint64_t caps[4];

	if (VS_CALL_IO(a, vs_fn_caps, NULL, 0, caps, sizeof(caps)))
		return -1;
	return !!(caps[0] & VS_CAP(CAP_SYS_ADMIN));
}

TEST_F(host, guest_root_sets_its_names_in_its_own_uts_namespace)
{
	struct vs_agent g, g2;
	struct utsname u;

	NAMED_GUEST(g, 1120, 1, 0);
	/* Without CAP_SYS_ADMIN: SET_UTSNAME is what allows it. */
	ASSERT_EQ(0, has_sys_admin(&g));
	EXPECT_EQ(0, set_name(&g, 0, "vs-guest-1120"))
		TH_LOG("sethostname: %s", strerror(errno));
	EXPECT_EQ(0, set_name(&g, 1, "vs-domain-1120"))
		TH_LOG("setdomainname: %s", strerror(errno));
	uname_of(&g, &u);
	EXPECT_STREQ("vs-guest-1120", u.nodename);
	EXPECT_STREQ("vs-domain-1120", u.domainname);
	VS_FORK(g, g2);
	uname_of(&g2, &u);
	EXPECT_STREQ("vs-guest-1120", u.nodename);
	EXPECT_HOST_NAMES();
}

TEST_F(host, guest_without_set_utsname_cannot_set_names)
{
	struct vs_agent g1, g2;
	struct utsname u;

	/* With CAP_SYS_ADMIN in its bounding set, and its own namespace. */
	NAMED_GUEST(g1, 1121, 1, VS_CAP(CAP_SYS_ADMIN));
	ASSERT_EQ(1, has_sys_admin(&g1));
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 1121, 0, VXC_SET_UTSNAME));
	EXPECT_EQ(-1, set_name(&g1, 0, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, set_name(&g1, 1, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	uname_of(&g1, &u);
	EXPECT_STREQ(self->u.nodename, u.nodename);
	EXPECT_STREQ(self->u.domainname, u.domainname);

	/* Given back, the same guest can. */
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 1121, VXC_SET_UTSNAME,
			    VXC_SET_UTSNAME));
	EXPECT_EQ(0, set_name(&g1, 0, "vs-guest-1121"))
		TH_LOG("%s", strerror(errno));
	uname_of(&g1, &u);
	EXPECT_STREQ("vs-guest-1121", u.nodename);

	/* With the default bounding set. */
	NAMED_GUEST(g2, 1122, 1, 0);
	ASSERT_EQ(0, vs_set(NULL, VCMD_set_ccaps, 1122, 0, VXC_SET_UTSNAME));
	EXPECT_EQ(-1, set_name(&g2, 0, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, set_name(&g2, 1, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	uname_of(&g2, &u);
	EXPECT_STREQ(self->u.nodename, u.nodename);
	EXPECT_HOST_NAMES();
}

TEST_F(host, guest_in_the_hosts_uts_namespace_cannot_set_names)
{
	struct vs_agent g1, g2;

	NAMED_GUEST(g1, 1123, 0, 0);
	EXPECT_EQ(-1, set_name(&g1, 0, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, set_name(&g1, 1, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_HOST_NAMES();

	/* Not even with CAP_SYS_ADMIN. */
	NAMED_GUEST(g2, 1124, 0, VS_CAP(CAP_SYS_ADMIN));
	ASSERT_EQ(1, has_sys_admin(&g2));
	EXPECT_EQ(-1, set_name(&g2, 0, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, set_name(&g2, 1, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_HOST_NAMES();
}

TEST_F(host, guest_non_root_cannot_set_names)
{
	struct vs_agent g, n;
	struct utsname u;

	NAMED_GUEST(g, 1125, 1, 0);
	VS_FORK(g, n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_become_nobody));
	EXPECT_EQ(-1, set_name(&n, 0, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, set_name(&n, 1, "vs-denied"));
	EXPECT_EQ(EPERM, errno);
	uname_of(&g, &u);
	EXPECT_STREQ(self->u.nodename, u.nodename);
	/* Root next to it can. */
	EXPECT_EQ(0, set_name(&g, 0, "vs-guest-1125"))
		TH_LOG("%s", strerror(errno));
	uname_of(&n, &u);
	EXPECT_STREQ("vs-guest-1125", u.nodename);
	EXPECT_HOST_NAMES();
}

TEST_HARNESS_MAIN
