// SPDX-License-Identifier: GPL-2.0
/*
 * start_bench - Start latency: a vserver guest against a namespace
 * container, and `vserver NAME start` of a busybox guest until its init
 * runs.
 *
 * Usage: start_bench [--check] [--rounds N] [--count N] [--starts N]
 *                    [--only NAME]
 *
 * Each side starts COUNT (default 200) containers one after the other,
 * each running /bin/true in a small root (ROOT: a static busybox), and
 * the time per start is one round's figure; the sides alternate, ROUNDS
 * times.  Sides:
 *
 *   vserver:        fork; a network context with one address, a context
 *                   (ctx_create v0: its own UTS and IPC namespaces) with
 *                   a host name and every enforced limit set, chroot ROOT,
 *                   setup ended, exec /bin/true.  What the issue asks for.
 *   vserver-pidns:  the same plus new pid and mount namespaces, a fork
 *                   into them and /proc mounted, as `vserver start` does.
 *   unshare-ul:     util-linux unshare --fork --pid --mount --uts --ipc
 *                   --net --mount-proc chroot ROOT /bin/true (when
 *                   /opt/util-linux/unshare is in the VM; dynamically
 *                   linked, so its start includes ld.so's);
 *   unshare-bb:     the same with busybox's unshare applet;
 *   unshare-sys:    the same as system calls in this program (no exec of
 *                   unshare or chroot): the namespaces' own cost.
 *
 * A network namespace is torn down asynchronously (cleanup_net in a
 * kworker) after its last task exits: that work is not in the unshare
 * figures, but every side waits one second after its batch so that it
 * does not land in the next side's.
 *
 * guest-start: `vserver bsN start` of a guest built with
 * `vserver bsN build -m busybox`, timed until the command returns and
 * until the guest's init has run its rcS (a file the rc script writes);
 * then `vserver bsN stop`.  STARTS times (default 10).
 *
 * --check: tiny counts, TAP; proves every side works.
 */

#include "bench.h"

#include <sys/mount.h>
#include <sys/stat.h>

#define ROOT		"/tmp/start_bench.root"
#define UL_UNSHARE	"/opt/util-linux/unshare"
#define GUEST		"bsg"
#define GUEST_XID	"3090"
#define GUEST_ADDR	"192.0.2.90"
#define MARKER		"/vservers/" GUEST "/bench-init-ran"

static int set_nodename(const char *name)
{
	struct vcmd_vhi_name_v0 v = { .field = VHIN_NODENAME };

	snprintf(v.name, sizeof(v.name), "%s", name);
	return vs(VCMD_set_vhi_name, (uint32_t)-1, &v) < 0 ? -1 : 0;
}

/* In the child: becomes the guest, execs /bin/true. */
static void vserver_child(int pidns)
{
	struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };
	struct vcmd_ctx_flags_v0 f = { 0, VXF_STATE_SETUP };
	pid_t p;
	int st;

	if (enter_net((uint32_t)-1, "192.0.2.60", "255.255.255.255") < 0 ||
	    vs(VCMD_ctx_create_v0, (uint32_t)-1, &c) < 0 ||
	    set_nodename("bench") || set_all_limits((uint32_t)-1, 1000))
		_exit(2);
	if (pidns) {
		if (unshare(CLONE_NEWPID | CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			_exit(3);
		p = fork();
		if (p < 0)
			_exit(3);
		if (p > 0)
			_exit(waitpid(p, &st, 0) == p && !st ? 0 : 4);
		if (mount("proc", ROOT "/proc", "proc", 0, NULL))
			_exit(5);
	}
	if (chroot(ROOT) || chdir("/") ||
	    vs(VCMD_set_cflags, (uint32_t)-1, &f) < 0)
		_exit(6);
	execl("/bin/true", "true", (char *)NULL);
	_exit(127);
}

/* unshare --fork --pid --mount --uts --ipc --net --mount-proc, in C. */
static void unshare_child(void)
{
	pid_t p;
	int st;

	if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		    CLONE_NEWPID) ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		_exit(2);
	p = fork();
	if (p < 0)
		_exit(3);
	if (p > 0)
		_exit(waitpid(p, &st, 0) == p && !st ? 0 : 4);
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		  NULL) ||
	    chroot(ROOT) || chdir("/"))
		_exit(5);
	execl("/bin/true", "true", (char *)NULL);
	_exit(127);
}

enum side { VSERVER, VSERVER_PIDNS, UNSHARE_UL, UNSHARE_BB, UNSHARE_SYS,
	    NSIDES };
static const char *const side_name[] = {
	"vserver", "vserver-pidns", "unshare-ul", "unshare-bb", "unshare-sys"
};

static void child(enum side s)
{
	int null = open("/dev/null", O_WRONLY);

	if (null >= 0) {
		dup2(null, 1);
		dup2(null, 2);
		close(null);
	}
	switch (s) {
	case VSERVER:
		vserver_child(0);
		break;
	case VSERVER_PIDNS:
		vserver_child(1);
		break;
	case UNSHARE_UL:
		execl(UL_UNSHARE, "unshare", "--fork", "--pid", "--mount",
		      "--uts", "--ipc", "--net", "--mount-proc", "chroot",
		      ROOT, "/bin/true", (char *)NULL);
		break;
	case UNSHARE_BB:
		execl("/bin/busybox", "unshare", "--fork", "--pid", "--mount",
		      "--uts", "--ipc", "--net", "--mount-proc", "chroot",
		      ROOT, "/bin/true", (char *)NULL);
		break;
	case UNSHARE_SYS:
		unshare_child();
		break;
	default:
		break;
	}
	_exit(127);
}

/* COUNT starts of side @s; ns per start, 0 on a failure. */
static double batch(enum side s, long count)
{
	uint64_t t0 = now_ns();
	long i;

	for (i = 0; i < count; i++) {
		pid_t p = fork();
		int st = -1;

		if (p == 0)
			child(s);
		if (p < 0 || waitpid(p, &st, 0) != p || st) {
			fprintf(stderr, "start_bench: %s: status %#x\n",
				side_name[s], st);
			return 0;
		}
	}
	return (double)(now_ns() - t0) / count;
}

static int sh(const char *cmd)
{
	return system(cmd);
}

/* vserver bsg start; ns until it returns (*init: until rcS ran). */
static int guest_start(double *ret, double *init)
{
	uint64_t t0, t1;
	int i;

	unlink(MARKER);
	t0 = now_ns();
	if (sh("vserver " GUEST " start >/dev/null 2>&1"))
		return -1;
	t1 = now_ns();
	for (i = 0; i < 20000 && access(MARKER, F_OK); i++)
		sleep_ms(1);
	if (access(MARKER, F_OK))
		return -1;
	*ret = (double)(t1 - t0);
	*init = (double)(now_ns() - t0);
	return sh("vserver " GUEST " stop >/dev/null 2>&1") ? -1 : 0;
}

static int guest_build(void)
{
	return sh("ip link set dummy0 up; "
		  "VSERVER_SILENT=1 vserver " GUEST " delete --force >/dev/null 2>&1; "
		  "vserver " GUEST " build -m busybox --context " GUEST_XID
		  " --interface dummy0:" GUEST_ADDR "/24 >/dev/null 2>&1 && "
		  "printf '#!/bin/sh\\n[ \"$1\" = start ] && : > /bench-init-ran\\nexit 0\\n' "
		  "> /vservers/" GUEST "/etc/rc.d/S00bench && "
		  "chmod 755 /vservers/" GUEST "/etc/rc.d/S00bench");
}

int main(int argc, char **argv)
{
	int check = 0, rounds = 3, starts = 10, i, r, s, tap = 0, fails = 0;
	double v[NSIDES][BENCH_MAX_ROUNDS], best[NSIDES];
	int nv[NSIDES] = { 0 }, bad[NSIDES] = { 0 }, have[NSIDES];
	const char *only = NULL;
	long count = 200;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check"))
			check = 1;
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			count = atol(argv[++i]);
		else if (!strcmp(argv[i], "--starts") && i + 1 < argc)
			starts = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: start_bench [--check] [--rounds N] [--count N] [--starts N] [--only NAME]\n");
			return 2;
		}
	}
	if (rounds < 1 || rounds > BENCH_MAX_ROUNDS)
		rounds = 3;
	if (starts < 1 || starts > BENCH_MAX_ROUNDS)
		starts = 10;
	if (check) {
		rounds = 1;
		count = 3;
		starts = 1;
	}
	if (sh("mkdir -p " ROOT "/bin " ROOT "/proc && "
	       "cp /bin/busybox " ROOT "/bin/busybox && "
	       "ln -sf busybox " ROOT "/bin/true")) {
		fprintf(stderr, "start_bench: cannot make " ROOT "\n");
		return 1;
	}
	for (s = 0; s < NSIDES; s++)
		have[s] = (s != UNSHARE_UL || !access(UL_UNSHARE, X_OK)) &&
			  (!only || !strcmp(only, side_name[s]));
	if (check)
		printf("1..%d\n", NSIDES + 1);
	for (r = 0; r < rounds; r++) {
		for (s = 0; s < NSIDES; s++) {
			double t;

			if (!have[s] || bad[s])
				continue;
			t = batch(s, count);
			if (t)
				v[s][nv[s]++] = t;
			else
				bad[s] = 1;
			sleep_ms(check ? 100 : 1000);
		}
	}
	if (!check)
		printf("%-14s %12s %12s %12s  (ms per start of /bin/true, %ld per round, %d rounds)\n",
		       "side", "min", "median", "max", count, rounds);
	for (s = 0; s < NSIDES; s++) {
		struct spread sp = spread_of(v[s], nv[s]);

		if (check) {
			if (s == UNSHARE_UL && !have[s])
				printf("ok %d - # SKIP %s: no " UL_UNSHARE "\n",
				       ++tap, side_name[s]);
			else
				printf("%s %d - %s starts /bin/true\n",
				       bad[s] ? "not ok" : "ok", ++tap,
				       side_name[s]);
			continue;
		}
		if (!have[s])
			continue;
		if (bad[s]) {
			printf("%-14s failed\n", side_name[s]);
			fails++;
			continue;
		}
		for (i = 0; i < nv[s]; i++)
			v[s][i] /= 1e6;
		emit("start", side_name[s], "-", "ms", v[s], nv[s]);
		best[s] = sp.min / 1e6;
		printf("%-14s %12.3f %12.3f %12.3f\n", side_name[s], sp.min / 1e6,
		       sp.med / 1e6, sp.max / 1e6);
	}
	if (!check) {
		for (s = UNSHARE_UL; s < NSIDES; s++)
			if (have[s] && !bad[s] && !bad[VSERVER] && have[VSERVER])
				printf("vserver/%-12s %.3f (best/best)\n",
				       side_name[s], best[VSERVER] / best[s]);
	}

	/* vserver NAME start of a busybox guest */
	if (!only || !strcmp(only, "guest-start")) {
		double ret[BENCH_MAX_ROUNDS], init[BENCH_MAX_ROUNDS];
		int n = 0, ok = !guest_build();

		for (i = 0; ok && i < starts; i++) {
			if (guest_start(&ret[n], &init[n]))
				ok = 0;
			else
				n++;
		}
		sh("VSERVER_SILENT=1 vserver " GUEST " delete --force >/dev/null 2>&1");
		if (check) {
			printf("%s %d - vserver " GUEST " start: init runs\n",
			       ok ? "ok" : "not ok", ++tap);
		} else if (!ok) {
			printf("guest-start    failed\n");
			fails++;
		} else {
			struct spread a, b;

			for (i = 0; i < n; i++) {
				ret[i] /= 1e6;
				init[i] /= 1e6;
			}
			a = spread_of(ret, n);
			b = spread_of(init, n);
			emit("start", "guest-start-return", "-", "ms", ret, n);
			emit("start", "guest-start-init", "-", "ms", init, n);
			printf("vserver start: returns %.1f/%.1f/%.1f ms, init ran %.1f/%.1f/%.1f ms (min/median/max of %d)\n",
			       a.min, a.med, a.max, b.min, b.med, b.max, n);
		}
	}
	if (check)
		return 0;
	return fails ? 1 : 0;
}
