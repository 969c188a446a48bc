// SPDX-License-Identifier: GPL-2.0
/*
 * density_bench - Kernel memory per guest: N contexts each holding one
 * sleeping task, against N sleeping host tasks and N namespace
 * containers.
 *
 * Usage: density_bench [--check] [--counts N,N,...] [--only MODE]
 *
 * For each N (default 100,1000,10000) and each mode the program reads
 * /proc/meminfo, starts N tasks that each set up their container and
 * sleep, reads /proc/meminfo again, kills them and waits until the memory
 * is back.  Modes:
 *
 *   plain:    N sleeping host tasks (the baseline: the task's own cost);
 *   vserver:  each task makes a network context with one address and a
 *             context (ctx_create, dynamic ids), with every enforced
 *             limit set;
 *   netns:    each task unshares network, UTS, IPC, mount and pid
 *             namespaces and forks the task that sleeps (the pid
 *             namespace's init), as `unshare --fork --pid --mount --uts
 *             --ipc --net` does; the forking task exits.
 *
 * Figures: kernel memory = Slab + PageTables + Percpu (/proc/meminfo),
 * its increase divided by N per mode, and the same minus the plain
 * figure: what the container adds to a task.  Also the time per start.
 * A mode that would not fit (estimated from the previous N against
 * MemAvailable) is skipped and says so.  The VM needs 2 GiB for 10000.
 */

#include "bench.h"

#include <sys/mount.h>
#include <sys/prctl.h>

enum mode { PLAIN, VSERVER, NETNS, NMODES };
static const char *const mode_name[] = { "plain", "vserver", "netns" };

struct mem {
	long slab, sunreclaim, pagetables, percpu, kstack, avail;
};

static long field(const char *text, const char *key)
{
	const char *p = strstr(text, key);

	return p ? atol(p + strlen(key)) : -1;
}

static int read_mem(struct mem *m)
{
	char buf[8192];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	m->slab = field(buf, "\nSlab:");
	m->sunreclaim = field(buf, "\nSUnreclaim:");
	m->pagetables = field(buf, "\nPageTables:");
	m->percpu = field(buf, "\nPercpu:");
	m->kstack = field(buf, "\nKernelStack:");
	m->avail = field(buf, "\nMemAvailable:");
	return 0;
}

static long kmem(const struct mem *m)
{
	return m->slab + m->pagetables + m->percpu;
}

static int quick;	/* --check: short pauses */

/* Quiet memory: reclaimable slab dropped, RCU callbacks given time. */
static void settle(void)
{
	int fd;

	sleep_ms(quick ? 20 : 500);
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			perror("drop_caches");
		close(fd);
	}
	sleep_ms(quick ? 20 : 500);
}

/* The task that sleeps: says its pid on @fd, then pause()s forever. */
static void sleeper(int fd)
{
	pid_t me = getpid();

	if (write(fd, &me, sizeof(me)) != sizeof(me))
		_exit(1);
	close(fd);
	for (;;)
		pause();
}

static void container(enum mode m, int fd, long i)
{
	char addr[32];
	pid_t p;

	switch (m) {
	case PLAIN:
		break;
	case VSERVER:
		snprintf(addr, sizeof(addr), "10.%ld.%ld.%ld", (i >> 16) & 255,
			 (i >> 8) & 255, i & 255);
		if (enter_net((uint32_t)-1, addr, "255.255.255.255") < 0)
			_exit(2);
		{
			struct vcmd_ctx_create c = { .flagword = VXF_INIT_SET };
			struct vcmd_ctx_flags_v0 f = { 0, VXF_STATE_SETUP };

			if (vs(VCMD_ctx_create, (uint32_t)-1, &c) < 0 ||
			    set_all_limits((uint32_t)-1, 1000) ||
			    vs(VCMD_set_cflags, (uint32_t)-1, &f) < 0)
				_exit(3);
		}
		break;
	case NETNS:
		if (unshare(CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC |
			    CLONE_NEWNS | CLONE_NEWPID) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			_exit(2);
		p = fork();
		if (p < 0)
			_exit(3);
		if (p > 0)	/* its pid here; it goes to the subreaper */
			_exit(write(fd, &p, sizeof(p)) == sizeof(p) ? 0 : 4);
		close(fd);
		for (;;)
			pause();
	default:
		break;
	}
	sleeper(fd);
}

/*
 * Starts @n containers of mode @m; measures; kills them.  Returns 0 with
 * *per (KiB of kernel memory per container) and *ns (per start), else -1.
 */
static int measure(enum mode m, long n, double *per, double *ns,
		   struct mem *d)
{
	pid_t *pids = calloc(n, sizeof(*pids));
	struct mem a, b;
	long i, got = 0;
	uint64_t t0;
	int fd[2], ret = 0, st;

	if (!pids || pipe(fd))
		return -1;
	settle();
	read_mem(&a);
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p == 0) {
			close(fd[0]);
			container(m, fd[1], i);
		}
		if (p < 0 || read(fd[0], &pids[i], sizeof(pid_t)) !=
		    sizeof(pid_t)) {
			fprintf(stderr, "density_bench: %s: start %ld failed\n",
				mode_name[m], i);
			ret = -1;
			break;
		}
		got++;
		if (m == NETNS)	/* reap the forking task */
			waitpid(p, NULL, 0);
	}
	*ns = (double)(now_ns() - t0) / (got ? got : 1);
	settle();
	read_mem(&b);
	for (i = 0; i < got; i++)
		kill(pids[i], SIGKILL);
	for (i = 0; i < got; i++)
		if (waitpid(-1, &st, 0) < 0)
			break;
	close(fd[0]);
	close(fd[1]);
	free(pids);
	d->slab = b.slab - a.slab;
	d->sunreclaim = b.sunreclaim - a.sunreclaim;
	d->pagetables = b.pagetables - a.pagetables;
	d->percpu = b.percpu - a.percpu;
	d->kstack = b.kstack - a.kstack;
	d->avail = a.avail - b.avail;
	*per = (double)(kmem(&b) - kmem(&a)) / n;
	/* until the memory is back (a netns is freed by a kworker) */
	for (i = 0; i < (quick ? 5 : 120); i++) {
		settle();
		read_mem(&b);
		if (b.avail >= a.avail - 4096)
			break;
	}
	return ret;
}

int main(int argc, char **argv)
{
	long counts[8] = { 100, 1000, 10000 }, ncounts = 3;
	int check = 0, i, m, fails = 0, tap = 0;
	double per[NMODES] = { 0 };
	const char *only = NULL;
	struct mem now;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--check")) {
			check = 1;
		} else if (!strcmp(argv[i], "--counts") && i + 1 < argc) {
			char *p = argv[++i];

			for (ncounts = 0; *p && ncounts < 8; ncounts++) {
				counts[ncounts] = strtol(p, &p, 10);
				if (*p == ',')
					p++;
			}
		} else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
			only = argv[++i];
		} else {
			fprintf(stderr, "usage: density_bench [--check] [--counts N,N,...] [--only MODE]\n");
			return 2;
		}
	}
	if (check) {
		counts[0] = 5;
		ncounts = 1;
		quick = 1;
		printf("1..%d\n", NMODES);
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	{
		struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };

		setrlimit(RLIMIT_NPROC, &r);
	}
	read_mem(&now);
	if (!check)
		printf("%-8s %6s %10s %10s %10s %8s %8s %8s %9s  (KiB per container; MemAvailable %ld MiB)\n",
		       "mode", "N", "kmem/N", "-plain/N", "slab/N", "pt/N",
		       "percpu/N", "kstack/N", "us/start", now.avail / 1024);
	for (i = 0; i < ncounts; i++) {
		long n = counts[i];
		double plain = 0;

		for (m = 0; m < NMODES; m++) {
			struct mem d = { 0 };
			double ns = 0, v;
			char item[64], inc[32];

			if (only && strcmp(only, mode_name[m]) &&
			    strcmp(mode_name[m], "plain"))
				continue;
			read_mem(&now);
			/* the previous N's figure, 1.5x, against what is free */
			if (per[m] > 0 && per[m] * 1.5 * n > 0.8 * now.avail) {
				printf("%-8s %6ld does not fit: about %.0f MiB needed, %ld MiB available\n",
				       mode_name[m], n, per[m] * 1.5 * n / 1024,
				       now.avail / 1024);
				snprintf(item, sizeof(item), "%s-n%ld", mode_name[m], n);
				printf("@ density %s nofit -\n", item);
				continue;
			}
			if (measure(m, n, &v, &ns, &d)) {
				if (check)
					printf("not ok %d - %s: %ld containers start\n",
					       ++tap, mode_name[m], n);
				else
					printf("%-8s %6ld failed\n", mode_name[m], n);
				fails++;
				continue;
			}
			per[m] = (double)(d.slab + d.pagetables + d.percpu +
					  d.kstack) / n;
			if (check) {
				printf("ok %d - %s: %ld containers start, %.1f KiB each\n",
				       ++tap, mode_name[m], n, v);
				continue;
			}
			snprintf(item, sizeof(item), "%s-n%ld", mode_name[m], n);
			emit("density", item, "kmem", "KiB", &v, 1);
			if (m == PLAIN)
				plain = v;
			if (m == PLAIN)
				snprintf(inc, sizeof(inc), "-");
			else
				snprintf(inc, sizeof(inc), "%.1f", v - plain);
			printf("%-8s %6ld %10.1f %10s %10.1f %8.1f %8.1f %8.1f %9.0f\n",
			       mode_name[m], n, v, inc, (double)d.slab / n,
			       (double)d.pagetables / n, (double)d.percpu / n,
			       (double)d.kstack / n, ns / 1000);
			{
				double x = (double)d.slab / n, y = (double)d.pagetables / n,
				       z = (double)d.percpu / n, k = (double)d.kstack / n,
				       us = ns / 1000;

				emit("density", item, "slab", "KiB", &x, 1);
				emit("density", item, "pagetables", "KiB", &y, 1);
				emit("density", item, "percpu", "KiB", &z, 1);
				emit("density", item, "kstack", "KiB", &k, 1);
				emit("density", item, "start", "us", &us, 1);
			}
		}
	}
	return fails ? 1 : 0;
}
