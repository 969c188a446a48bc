// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - The bounding set (bcaps) of a context
 *
 * Once a context is out of STATE_SETUP, no task in it holds or can use a
 * capability outside its bcaps: not the task that ended setup, not tasks
 * forked later, not tasks that were already there, not host tasks that
 * migrate in, and not through exec (as root, of a setuid-root binary, or
 * after setuid(0)).
 *
 * Capabilities outside the default bcaps used as probes: CAP_SYS_TIME
 * (settimeofday), CAP_MKNOD (mknod of a character device) and
 * CAP_NET_ADMIN (SIOCSIFMTU on lo, to its own MTU).  Each probe is checked
 * to work in the host first.
 *
 * Every test uses context ids of its own (300..399).  Run as
 * "caps_test --print-status", the program prints /proc/self/status: the
 * tests exec it to see the capabilities a task has after exec.
 */

#define _GNU_SOURCE
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <sys/time.h>

#include "kselftest_harness.h"
#include "vs_helpers.h"

#define PROBES (VS_CAP(CAP_SYS_TIME) | VS_CAP(CAP_MKNOD) | \
		VS_CAP(CAP_NET_ADMIN))

/* ------------------------------------------------------------------ */
/* Probes, run by agents                                              */
/* ------------------------------------------------------------------ */

/* CAP_SYS_TIME: set the clock to what it is. */
static long fn_settime(struct vs_msg *m)
{
	struct timeval tv;

	if (gettimeofday(&tv, NULL))
		return -2;
	return settimeofday(&tv, NULL);
}

/* CAP_MKNOD: a character device node (/dev/null's numbers) in /tmp. */
static long fn_mknod(struct vs_msg *m)
{
	char path[64];
	long ret;

	snprintf(path, sizeof(path), "/tmp/vs-caps-mknod-%d", getpid());
	unlink(path);
	ret = mknod(path, S_IFCHR | 0600, makedev(1, 3));
	if (!ret)
		unlink(path);
	return ret;
}

/* CAP_NET_ADMIN: set the MTU of lo to what it is. */
static long fn_netadmin(struct vs_msg *m)
{
	struct ifreq ifr;
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	long ret;

	if (s < 0)
		return -2;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(s, SIOCGIFMTU, &ifr)) {
		close(s);
		return -2;
	}
	ret = ioctl(s, SIOCSIFMTU, &ifr);
	close(s);
	return ret;
}

/* CAP_CHOWN: give a new file of ours to nobody. */
static long fn_chown(struct vs_msg *m)
{
	char path[64];
	long ret;
	int fd;

	snprintf(path, sizeof(path), "/tmp/vs-caps-chown-%d", getpid());
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		return -2;
	close(fd);
	ret = chown(path, VS_NOBODY, -1);
	unlink(path);
	return ret;
}

static const struct probe {
	vs_fn fn;
	int cap;
	const char *name;
} probes[] = {
	{ fn_settime, CAP_SYS_TIME, "settimeofday" },
	{ fn_mknod, CAP_MKNOD, "mknod" },
	{ fn_netadmin, CAP_NET_ADMIN, "SIOCSIFMTU" },
};
#define NPROBES ARRAY_SIZE(probes)

/* Every probe works for agent a. */
static void expect_probes_work(struct __test_metadata *_metadata,
			       struct vs_agent *a)
{
	size_t i;

	for (i = 0; i < NPROBES; i++) {
		EXPECT_EQ(0, VS_CALL(a, probes[i].fn))
			TH_LOG("%s by %s: %s", probes[i].name, vs_name(a),
			       strerror(errno));
	}
}

/* Every probe fails with EPERM for agent a. */
static void expect_probes_eperm(struct __test_metadata *_metadata,
				struct vs_agent *a)
{
	size_t i;

	for (i = 0; i < NPROBES; i++) {
		EXPECT_EQ(-1, VS_CALL(a, probes[i].fn))
			TH_LOG("%s by %s", probes[i].name, vs_name(a));
		EXPECT_EQ(EPERM, errno)
			TH_LOG("%s by %s: %s", probes[i].name, vs_name(a),
			       strerror(errno));
	}
}

/* Agent a holds no capability outside bcaps (any set, the bounding set too). */
static void expect_caps_within(struct __test_metadata *_metadata,
			       struct vs_agent *a, uint64_t bcaps)
{
	uint64_t caps[4];

	ASSERT_EQ(0, VS_CALL_IO(a, vs_fn_caps, NULL, 0, caps, sizeof(caps)));
	EXPECT_EQ(0, caps[0] & ~bcaps)
		TH_LOG("%s: effective %016llx", vs_name(a),
		       (unsigned long long)caps[0]);
	EXPECT_EQ(0, caps[1] & ~bcaps)
		TH_LOG("%s: permitted %016llx", vs_name(a),
		       (unsigned long long)caps[1]);
	EXPECT_EQ(0, caps[2] & ~bcaps)
		TH_LOG("%s: inheritable %016llx", vs_name(a),
		       (unsigned long long)caps[2]);
	EXPECT_EQ(0, caps[3] & ~bcaps)
		TH_LOG("%s: bounding %016llx", vs_name(a),
		       (unsigned long long)caps[3]);
}

/* Starts agent a in a new context id that is out of setup (ended inside). */
#define RUNNING_GUEST(a, id)						\
	do {								\
		VS_GUEST(a, id, VXF_INIT_SET);				\
		ASSERT_EQ(0, vs_clear_setup(&(a), VX_SELF_ID))		\
			TH_LOG("%s", strerror(errno));			\
	} while (0)

/* The host agent h can use every probe (else the test proves nothing). */
#define HOST_CONTROL(h)							\
	do {								\
		VS_START(h);						\
		expect_probes_work(_metadata, &(h));			\
		ASSERT_EQ(0, _metadata->exit_code)			\
			TH_LOG("the probes fail in the host");		\
	} while (0)

/* ------------------------------------------------------------------ */
/* Exec                                                               */
/* ------------------------------------------------------------------ */

enum exec_mode {
	EXEC_AS_ROOT,		/* exec as is (root) */
	EXEC_AS_NOBODY,		/* become nobody, exec (setuid binary) */
	EXEC_AFTER_SETUID0,	/* euid nobody, setuid(0) back, then exec */
};

/*
 * Forks; the child prepares as arg0 says and execs data (a path) with
 * --print-status; the output comes back in data.  Returns the child's
 * exit status (128 + signal if killed), -1 on errors.
 */
static long fn_exec_status(struct vs_msg *m)
{
	char path[256], *out = (char *)m->data;
	size_t len = 0;
	int p[2], st;
	ssize_t n;
	pid_t pid;

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	if (pipe(p))
		return -1;
	signal(SIGCHLD, SIG_DFL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		switch (m->arg[0]) {
		case EXEC_AS_NOBODY:
			if (setgroups(0, NULL) ||
			    setresgid(VS_NOBODY, VS_NOBODY, VS_NOBODY) ||
			    setresuid(VS_NOBODY, VS_NOBODY, VS_NOBODY))
				_exit(120);
			break;
		case EXEC_AFTER_SETUID0:
			if (setresuid(VS_NOBODY, VS_NOBODY, 0))
				_exit(121);
			if (setuid(0))
				_exit(122);
			if (geteuid() != 0)
				_exit(123);
			break;
		}
		execl(path, path, "--print-status", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (len < VS_DATA_MAX - 1 &&
	       (n = read(p[0], out + len, VS_DATA_MAX - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	signal(SIGCHLD, SIG_IGN);
	if (st == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct exec_caps {
	uint64_t prm, eff, bnd, inh, amb;
	unsigned int ruid, euid;
};

/* Agent a runs path in mode; its capabilities after exec go to ec. */
static void exec_caps(struct __test_metadata *_metadata, struct vs_agent *a,
		      const char *path, enum exec_mode mode,
		      struct exec_caps *ec)
{
	char buf[VS_DATA_MAX], uid[128];

	memset(buf, 0, sizeof(buf));
	snprintf(buf, 256, "%s", path);
	ASSERT_EQ(0, VS_CALL_IO(a, fn_exec_status, buf, 256, buf,
				sizeof(buf) - 1, mode))
		TH_LOG("exec of %s (mode %d) by %s", path, mode, vs_name(a));
	ASSERT_EQ(0, vs_field_u64(buf, "CapPrm:\t", 16, &ec->prm));
	ASSERT_EQ(0, vs_field_u64(buf, "CapEff:\t", 16, &ec->eff));
	ASSERT_EQ(0, vs_field_u64(buf, "CapBnd:\t", 16, &ec->bnd));
	ASSERT_EQ(0, vs_field_u64(buf, "CapInh:\t", 16, &ec->inh));
	ASSERT_EQ(0, vs_field_u64(buf, "CapAmb:\t", 16, &ec->amb));
	ASSERT_EQ(0, vs_field(buf, "Uid:\t", uid, sizeof(uid)));
	ASSERT_EQ(2, sscanf(uid, "%u %u", &ec->ruid, &ec->euid));
}

static void expect_exec_within(struct __test_metadata *_metadata,
			       const struct exec_caps *ec, uint64_t bcaps)
{
	EXPECT_EQ(0, ec->prm & ~bcaps)
		TH_LOG("CapPrm %016llx", (unsigned long long)ec->prm);
	EXPECT_EQ(0, ec->eff & ~bcaps)
		TH_LOG("CapEff %016llx", (unsigned long long)ec->eff);
	EXPECT_EQ(0, ec->bnd & ~bcaps)
		TH_LOG("CapBnd %016llx", (unsigned long long)ec->bnd);
	EXPECT_EQ(0, ec->inh & ~bcaps)
		TH_LOG("CapInh %016llx", (unsigned long long)ec->inh);
	EXPECT_EQ(0, ec->amb & ~bcaps)
		TH_LOG("CapAmb %016llx", (unsigned long long)ec->amb);
	/* Root after exec still has what bcaps allows, e.g. CAP_CHOWN. */
	EXPECT_EQ(VS_CAP(CAP_CHOWN), ec->prm & VS_CAP(CAP_CHOWN));
	EXPECT_EQ(VS_CAP(CAP_CHOWN), ec->eff & VS_CAP(CAP_CHOWN));
}

/* A setuid-root copy of this program in /tmp; "" if it cannot be made. */
static void make_suid_copy(char *path, size_t size)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	snprintf(path, size, "/tmp/vs-caps-suid-%d", getpid());
	in = open("/proc/self/exe", O_RDONLY);
	out = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0700);
	if (in < 0 || out < 0)
		goto fail;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			goto fail;
	if (n < 0 || fchown(out, 0, 0) || fchmod(out, 04755))
		goto fail;
	close(in);
	close(out);
	return;
fail:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	unlink(path);
	path[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* Tests                                                              */
/* ------------------------------------------------------------------ */

TEST(running_guest_holds_nothing_outside_bcaps)
{
	struct vs_agent h, n, g;
	size_t i;

	/* The probes work in the host, and fail without their capability. */
	HOST_CONTROL(h);
	VS_START(n);
	ASSERT_EQ(0, VS_CALL(&n, vs_fn_drop_caps, PROBES));
	for (i = 0; i < NPROBES; i++) {
		ASSERT_EQ(-1, VS_CALL(&n, probes[i].fn))
			TH_LOG("%s", probes[i].name);
		ASSERT_EQ(EPERM, errno) TH_LOG("%s", probes[i].name);
	}

	RUNNING_GUEST(g, 301);
	expect_caps_within(_metadata, &g, VS_DEFAULT_BCAPS);
	expect_probes_eperm(_metadata, &g);
	vs_agents_stop_all();
}

TEST(running_guest_cannot_set_time)
{
	struct vs_agent h, g;

	VS_START(h);
	ASSERT_EQ(0, VS_CALL(&h, fn_settime)) TH_LOG("%s", strerror(errno));
	RUNNING_GUEST(g, 302);
	ASSERT_EQ(-1, VS_CALL(&g, fn_settime));
	ASSERT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

TEST(running_guest_cannot_mknod)
{
	struct vs_agent h, g;

	VS_START(h);
	ASSERT_EQ(0, VS_CALL(&h, fn_mknod)) TH_LOG("%s", strerror(errno));
	RUNNING_GUEST(g, 303);
	ASSERT_EQ(-1, VS_CALL(&g, fn_mknod));
	ASSERT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

TEST(running_guest_cannot_administrate_network)
{
	struct vs_agent h, g;

	VS_START(h);
	ASSERT_EQ(0, VS_CALL(&h, fn_netadmin)) TH_LOG("%s", strerror(errno));
	RUNNING_GUEST(g, 304);
	ASSERT_EQ(-1, VS_CALL(&g, fn_netadmin));
	ASSERT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

TEST(bcaps_set_during_setup_are_applied)
{
	const uint64_t bcaps = (VS_DEFAULT_BCAPS & ~VS_CAP(CAP_CHOWN)) |
			       VS_CAP(CAP_SYS_TIME);
	struct vs_agent g1, g2;

	/* Default bcaps: chown works. */
	RUNNING_GUEST(g1, 305);
	ASSERT_EQ(0, VS_CALL(&g1, fn_chown)) TH_LOG("%s", strerror(errno));

	/* Without CAP_CHOWN, with CAP_SYS_TIME. */
	VS_GUEST(g2, 306, VXF_INIT_SET);
	ASSERT_EQ(0, vs_set(&g2, VCMD_set_bcaps, VX_SELF_ID, bcaps, ~0ULL));
	ASSERT_EQ(0, vs_clear_setup(&g2, VX_SELF_ID));
	expect_caps_within(_metadata, &g2, bcaps);
	EXPECT_EQ(0, VS_CALL(&g2, fn_settime)) TH_LOG("%s", strerror(errno));
	EXPECT_EQ(-1, VS_CALL(&g2, fn_chown));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, VS_CALL(&g2, fn_mknod));
	EXPECT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

/* Tries to get CAP_SYS_TIME back: arg0 selects how. */
static long fn_raise(struct vs_msg *m)
{
	const uint64_t c = VS_CAP(CAP_SYS_TIME);
	uint64_t eff, prm, inh;

	if (vs_capget(0, &eff, &prm, &inh))
		return -2;
	switch (m->arg[0]) {
	case 0:
		return vs_capset(eff | c, prm | c, inh);
	case 1:
		return vs_capset(eff, prm | c, inh);
	case 2:
		return vs_capset(eff, prm, inh | c);
	default:
		return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_TIME,
			     0, 0);
	}
}

TEST(capset_cannot_raise_above_bcaps)
{
	static const char *const how[] = {
		"effective", "permitted", "inheritable", "ambient",
	};
	struct vs_agent g;
	long i;

	RUNNING_GUEST(g, 307);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(-1, VS_CALL(&g, fn_raise, i)) TH_LOG("%s", how[i]);
		EXPECT_EQ(EPERM, errno) TH_LOG("%s", how[i]);
	}
	expect_caps_within(_metadata, &g, VS_DEFAULT_BCAPS);
	EXPECT_EQ(-1, VS_CALL(&g, fn_settime));
	EXPECT_EQ(EPERM, errno);
	vs_agents_stop_all();
}

TEST(exec_as_root_does_not_regain_caps)
{
	struct exec_caps ec;
	struct vs_agent h, g;

	/* In the host, exec keeps every capability. */
	VS_START(h);
	exec_caps(_metadata, &h, "/proc/self/exe", EXEC_AS_ROOT, &ec);
	ASSERT_EQ(vs_all_caps(), ec.prm & vs_all_caps());

	RUNNING_GUEST(g, 308);
	exec_caps(_metadata, &g, "/proc/self/exe", EXEC_AS_ROOT, &ec);
	EXPECT_EQ(0, ec.euid);
	expect_exec_within(_metadata, &ec, VS_DEFAULT_BCAPS);
	vs_agents_stop_all();
}

TEST(setuid_root_exec_does_not_regain_caps)
{
	struct exec_caps ec;
	struct vs_agent h, g;
	char path[64];

	make_suid_copy(path, sizeof(path));
	ASSERT_NE(0, path[0]) TH_LOG("cannot make a setuid copy in /tmp");

	/* In the host, nobody gets every capability from it. */
	VS_START(h);
	exec_caps(_metadata, &h, path, EXEC_AS_NOBODY, &ec);
	EXPECT_EQ(VS_NOBODY, ec.ruid);
	EXPECT_EQ(0, ec.euid);
	EXPECT_EQ(vs_all_caps(), ec.prm & vs_all_caps());

	RUNNING_GUEST(g, 309);
	exec_caps(_metadata, &g, path, EXEC_AS_NOBODY, &ec);
	EXPECT_EQ(VS_NOBODY, ec.ruid);
	EXPECT_EQ(0, ec.euid);
	expect_exec_within(_metadata, &ec, VS_DEFAULT_BCAPS);
	vs_agents_stop_all();
	unlink(path);
}

TEST(setuid0_then_exec_does_not_regain_caps)
{
	struct exec_caps ec;
	struct vs_agent g;

	RUNNING_GUEST(g, 310);
	exec_caps(_metadata, &g, "/proc/self/exe", EXEC_AFTER_SETUID0, &ec);
	EXPECT_EQ(0, ec.euid);
	expect_exec_within(_metadata, &ec, VS_DEFAULT_BCAPS);
	vs_agents_stop_all();
}

TEST(migrated_host_task_is_clamped)
{
	char status[VS_DATA_MAX];
	struct vs_agent g, h;
	uint64_t v;

	RUNNING_GUEST(g, 311);
	HOST_CONTROL(h);
	ASSERT_EQ(0, vs_migrate(&h, 311, 0));
	expect_caps_within(_metadata, &h, VS_DEFAULT_BCAPS);
	expect_probes_eperm(_metadata, &h);
	ASSERT_LT(0, vs_read_as(&h, "/proc/self/status", status,
				sizeof(status)));
	ASSERT_EQ(0, vs_field_u64(status, "CapBnd:\t", 16, &v));
	EXPECT_EQ(0, v & ~VS_DEFAULT_BCAPS);
	vs_agents_stop_all();
}

TEST(tasks_forked_after_setup_are_clamped)
{
	struct vs_agent g, g2;

	RUNNING_GUEST(g, 312);
	VS_FORK(g, g2);
	expect_caps_within(_metadata, &g2, VS_DEFAULT_BCAPS);
	expect_probes_eperm(_metadata, &g2);
	vs_agents_stop_all();
}

TEST(tasks_present_when_setup_ends_cannot_use_caps)
{
	struct vs_agent h, g, g2;

	HOST_CONTROL(h);
	VS_GUEST(g, 313, VXF_INIT_SET);
	VS_FORK(g, g2);
	/* In setup, g2 still can. */
	expect_probes_work(_metadata, &g2);
	ASSERT_EQ(0, _metadata->exit_code);

	/* g ends setup: g2 can use nothing outside bcaps any more. */
	ASSERT_EQ(0, vs_clear_setup(&g, VX_SELF_ID));
	expect_probes_eperm(_metadata, &g2);
	vs_agents_stop_all();
}

TEST(setup_ended_by_host_applies)
{
	struct vs_agent h, g;

	HOST_CONTROL(h);
	VS_GUEST(g, 314, VXF_INIT_SET);
	ASSERT_EQ(0, vs_clear_setup(NULL, 314));
	expect_probes_eperm(_metadata, &g);
	vs_agents_stop_all();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--print-status")) {
		static char buf[16384];
		ssize_t n = read_file("/proc/self/status", buf, sizeof(buf));

		if (n <= 0 || write(1, buf, n) != n)
			return 1;
		return 0;
	}
	return test_harness_run(argc, argv);
}
