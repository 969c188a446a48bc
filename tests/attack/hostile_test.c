// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite: attempts by root in a guest to reach the
 * host or another guest.  Every test is one attempt (what it tries is in
 * its name and in its "# attempt:" line); attack.h builds the world and
 * decides what an escape is.  tests/attack/README lists the attempts.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/perf_event.h>
#include <linux/kcmp.h>
#include <linux/reboot.h>
#include <mqueue.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/ptrace.h>
#include <sys/sysmacros.h>
#include <sys/fsuid.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/klog.h>
#include <sys/shm.h>
#include <sys/swap.h>
#include <sys/timex.h>
#include <sys/io.h>
#include <termios.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

#ifndef FIFREEZE
#define FIFREEZE	_IOWR('X', 119, int)
#define FITHAW		_IOWR('X', 120, int)
#endif

#ifndef IOPRIO_CLASS_RT
#define IOPRIO_CLASS_RT		1
#define IOPRIO_CLASS_IDLE	3
#define IOPRIO_PRIO_VALUE(c, d)	(((c) << 13) | (d))
#define IOPRIO_WHO_PROCESS	1
#endif

AT_WORLD_FIXTURE(at_no_down)

/* The guest's view of the host victim and of the neighbour's task. */
#define HV	(W->hv)
#define NB	(W->nb)

static long sys_ret(long r)
{
	return r < 0 ? -1 : r;
}

/* ================================================================== */
/* Processes: signals, ptrace, priority, limits of other tasks        */
/* ================================================================== */

static long g_kill(long pid)
{
	return kill(pid, SIGKILL);
}

TEST_F(attack, kill_host_task_by_pid)
{
	long r = ATTEMPT(AT_OUTER, g_kill, HV,
		"kill(SIGKILL) a host task by its pid -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

TEST_F(attack, kill_neighbour_task_by_pid)
{
	long r = ATTEMPT(AT_OUTER, g_kill, NB,
		"kill(SIGKILL) a task of another guest by its pid -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_tgkill(long pid)
{
	return syscall(SYS_tgkill, pid, pid, SIGKILL);
}

TEST_F(attack, tgkill_host_thread)
{
	long r = ATTEMPT(AT_OUTER, g_tgkill, HV,
		"tgkill(SIGKILL) a host thread by tgid and tid -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_sigqueue(long pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGKILL;
	si.si_code = SI_QUEUE;
	si.si_pid = 1;
	return syscall(SYS_rt_sigqueueinfo, pid, SIGKILL, &si);
}

TEST_F(attack, sigqueue_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_sigqueue, HV,
		"rt_sigqueueinfo(SIGKILL) with a forged sender to a host task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_kill_pgrp(long pgid)
{
	return kill(-pgid, SIGKILL);
}

TEST_F(attack, kill_host_process_group)
{
	long r = ATTEMPT(AT_OUTER, g_kill_pgrp, W->hv_pgid,
		"kill(-pgid, SIGKILL) the host victim's process group -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_kill_all(long unused)
{
	return kill(-1, SIGKILL);
}

TEST_F(attack, kill_minus_one_from_host_pid_namespace)
{
	long r = ATTEMPT(AT_OUTER, g_kill_all, 0,
		"kill(-1, SIGKILL) from a guest task in the host's PID namespace: only the guest's own tasks may die");
	/* It may kill its own guest; nothing else. */
	TH_LOG("kill(-1) returned %ld (%s)", r, strerror(errno));
	HOST_OK();
}

static long g_pidfd_open(long pid)
{
	long fd = syscall(SYS_pidfd_open, pid, 0);

	if (fd >= 0)
		NOTE("got pidfd %ld", fd);
	return sys_ret(fd);
}

TEST_F(attack, pidfd_open_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_pidfd_open, HV,
		"pidfd_open() a host task by its pid -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_pidfd_signal(long fd)
{
	return syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
}

TEST_F(attack, pidfd_send_signal_host_handed_in)
{
	long r = ATTEMPT(AT_OUTER, g_pidfd_signal, AT_FD_HVPIDFD,
		"pidfd_send_signal(SIGKILL) through a pidfd of a host task handed into the guest -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

TEST_F(attack, pidfd_send_signal_neighbour_handed_in)
{
	long r = ATTEMPT(AT_OUTER, g_pidfd_signal, AT_FD_NBPIDFD,
		"pidfd_send_signal(SIGKILL) through a pidfd of the other guest's task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_pidfd_getfd(long fd)
{
	long r = syscall(SYS_pidfd_getfd, fd, AT_VICTIM_FD, 0);
	char buf[64] = "";

	if (r >= 0 && pread(r, buf, sizeof(buf) - 1, 0) > 0)
		NOTE("stole the victim's file: %s", buf);
	return sys_ret(r);
}

TEST_F(attack, pidfd_getfd_steal_host_fd)
{
	long r = ATTEMPT(AT_OUTER, g_pidfd_getfd, AT_FD_HVPIDFD,
		"pidfd_getfd() a host task's open secret file through a handed-in pidfd -> ESRCH or EPERM");
	int e = errno;

	/* vserver.rst does not name pidfd_getfd: either error will do. */
	REFUSED(r, e, 0);
	EXPECT_TRUE(e == ESRCH || e == EPERM) TH_LOG("refused with %s",
						    strerror(e));
	HOST_OK();
}

static long g_ptrace_attach(long pid)
{
	long r = ptrace(PTRACE_ATTACH, pid, 0, 0);

	if (r == 0)
		ptrace(PTRACE_DETACH, pid, 0, 0);
	return r;
}

TEST_F(attack, ptrace_attach_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_ptrace_attach, HV,
		"ptrace(PTRACE_ATTACH) a host task by its pid -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_ptrace_seize(long pid)
{
	long r = ptrace(PTRACE_SEIZE, pid, 0, 0);

	if (r == 0)
		ptrace(PTRACE_DETACH, pid, 0, 0);
	return r;
}

TEST_F(attack, ptrace_seize_neighbour_task)
{
	long r = ATTEMPT(AT_OUTER, g_ptrace_seize, NB,
		"ptrace(PTRACE_SEIZE) the other guest's task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_renice(long pid)
{
	return setpriority(PRIO_PROCESS, pid, 19);
}

TEST_F(attack, renice_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_renice, HV,
		"setpriority(PRIO_PROCESS, 19) a host task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_renice_user(long unused)
{
	return setpriority(PRIO_USER, 0, 19);
}

TEST_F(attack, renice_all_of_uid_0)
{
	long r = ATTEMPT(AT_OUTER, g_renice_user, 0,
		"setpriority(PRIO_USER, uid 0, 19): every root task it can find; only its own may change");
	TH_LOG("setpriority(PRIO_USER) returned %ld (%s)", r, strerror(errno));
	HOST_OK();
}

static long g_renice_pgrp(long pgid)
{
	return setpriority(PRIO_PGRP, pgid, 19);
}

TEST_F(attack, renice_host_process_group)
{
	long r = ATTEMPT(AT_OUTER, g_renice_pgrp, W->hv_pgid,
		"setpriority(PRIO_PGRP, 19) the host victim's process group -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_sched_idle(long pid)
{
	struct sched_param sp = { 0 };

	return sched_setscheduler(pid, SCHED_IDLE, &sp);
}

TEST_F(attack, sched_setscheduler_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_sched_idle, HV,
		"sched_setscheduler(SCHED_IDLE) a host task (starve it) -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_affinity(long pid)
{
	cpu_set_t s;

	CPU_ZERO(&s);
	CPU_SET(0, &s);
	return sched_setaffinity(pid, sizeof(s), &s);
}

TEST_F(attack, sched_setaffinity_neighbour_task)
{
	long r = ATTEMPT(AT_OUTER, g_affinity, NB,
		"sched_setaffinity() the other guest's task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_ioprio(long pid)
{
	return syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, pid,
		       IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0));
}

TEST_F(attack, ioprio_set_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_ioprio, HV,
		"ioprio_set(IDLE) a host task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_prlimit(long pid)
{
	struct rlimit rl = { 3, 3 };

	return prlimit(pid, RLIMIT_NOFILE, &rl, NULL);
}

TEST_F(attack, prlimit_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_prlimit, HV,
		"prlimit(RLIMIT_NOFILE = 3) on a host task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_vm_read(long pid)
{
	uint64_t v = 0;
	struct iovec l = { &v, sizeof(v) };
	struct iovec rm = { (void *)&at_marker, sizeof(v) };
	long r = process_vm_readv(pid, &l, 1, &rm, 1, 0);

	if (r > 0)
		NOTE("read 0x%llx", (unsigned long long)v);
	return sys_ret(r);
}

TEST_F(attack, process_vm_readv_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_vm_read, HV,
		"process_vm_readv() a secret in a host task's memory -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_vm_write(long pid)
{
	uint64_t v = 0xbad;
	struct iovec l = { &v, sizeof(v) };
	struct iovec rm = { (void *)&at_marker, sizeof(v) };

	return sys_ret(process_vm_writev(pid, &l, 1, &rm, 1, 0));
}

TEST_F(attack, process_vm_writev_neighbour_task)
{
	long r = ATTEMPT(AT_OUTER, g_vm_write, NB,
		"process_vm_writev() into the other guest's task -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_kcmp(long pid)
{
	return syscall(SYS_kcmp, getpid(), pid, KCMP_VM, 0, 0);
}

TEST_F(attack, kcmp_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_kcmp, HV,
		"kcmp() against a host task (probe its resources) -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_getsid(long pid)
{
	long r = getsid(pid);

	if (r >= 0)
		NOTE("getsid gave %ld", r);
	if (r < 0)
		return -1;
	r = getpgid(pid);
	return r < 0 ? -1 : r;
}

TEST_F(attack, getsid_getpgid_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_getsid, HV,
		"getsid()/getpgid() of a host task (it must not exist) -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_setpgid(long pid)
{
	return setpgid(pid, getpid());
}

TEST_F(attack, setpgid_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_setpgid, HV,
		"setpgid() a host task into the guest's process group -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_setown(long pid)
{
	int p[2];
	long r;

	if (pipe(p))
		return -2;
	r = fcntl(p[0], F_SETOWN, (int)pid);
	if (r == 0) {
		/* It took: make SIGIO fly. */
		fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK);
		fcntl(p[0], F_SETSIG, SIGKILL);
		if (write(p[1], "x", 1) != 1)
			NOTE("write failed");
	}
	return r;
}

TEST_F(attack, f_setown_sigio_to_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_setown, HV,
		"fcntl(F_SETOWN) a host pid and F_SETSIG(SIGKILL): signal it by I/O -> ESRCH");
	REFUSED(r, errno, ESRCH);
	HOST_OK();
}

static long g_perf_pid(long pid)
{
	struct perf_event_attr a;
	long fd;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.exclude_kernel = 1;
	fd = syscall(SYS_perf_event_open, &a, (pid_t)pid, -1, -1, 0);
	return sys_ret(fd);
}

TEST_F(attack, perf_event_open_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_perf_pid, HV,
		"perf_event_open() to watch a host task -> ESRCH (EACCES where perf_event_paranoid is 3, as on Debian)");
	int e = errno;

	REFUSED(r, e, 0);
	if (r == -1)
		EXPECT_TRUE(e == ESRCH || e == EACCES)
			TH_LOG("refused with %s, expected ESRCH or EACCES", strerror(e));
	HOST_OK();
}

static long g_perf_cpu(long unused)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_CONTEXT_SWITCHES;
	return sys_ret(syscall(SYS_perf_event_open, &a, -1, 0, -1, 0));
}

TEST_F(attack, perf_event_open_whole_cpu)
{
	long r = ATTEMPT(AT_INIT, g_perf_cpu, 0,
		"perf_event_open(pid -1, cpu 0): watch every task on a CPU -> EACCES");
	REFUSED(r, errno, EACCES);
	HOST_OK();
}

/* ================================================================== */
/* /proc and other information                                        */
/* ================================================================== */

static long g_open_path(long path)
{
	char buf[256] = "";
	int fd = open((const char *)path, O_RDONLY);

	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);

		NOTE("read %zd bytes: %.60s", n, buf);
		close(fd);
	}
	return fd < 0 ? -1 : 0;
}

/* Runs g_open_path on "/proc/<pid>/<what>" in guest task where. */
static long at_open_proc(struct __test_metadata *_metadata,
			 enum at_where where, pid_t pid, const char *what,
			 const char *text)
{
	char path[128];
	long r;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, what);
	/* The path is right: the host reaches what the guest must not. */
	EXPECT_EQ(0, access(path, F_OK))
		TH_LOG("the host cannot reach %s: %s", path, strerror(errno));
	at_begin(text);
	r = at_run(where, g_open_path, at_arg(path, NULL));
	if (at_sh->res.note[0])
		TH_LOG("guest: %s", at_sh->res.note);
	return r;
}

TEST_F(attack, proc_status_of_host_task)
{
	long r = at_open_proc(_metadata, AT_OUTER, HV, "status",
		"read /proc/<host pid>/status -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

TEST_F(attack, proc_environ_of_host_task)
{
	long r = at_open_proc(_metadata, AT_OUTER, HV, "environ",
		"read a host task's environment, /proc/<pid>/environ -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

TEST_F(attack, proc_fd_of_host_task)
{
	char fd[16];
	long r;

	snprintf(fd, sizeof(fd), "fd/%d", AT_VICTIM_FD);
	r = at_open_proc(_metadata, AT_OUTER, HV, fd,
		"open a host task's secret file through /proc/<pid>/fd/N -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

static long g_proc_mem(long pid)
{
	char path[64];
	uint64_t v = 0xbad;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/mem", pid);
	fd = open(path, O_RDWR);
	if (fd < 0)
		return -1;
	return sys_ret(pwrite(fd, &v, sizeof(v), (off_t)(uintptr_t)&at_marker));
}

TEST_F(attack, proc_mem_write_host_task)
{
	long r = ATTEMPT(AT_OUTER, g_proc_mem, HV,
		"write a host task's memory through /proc/<pid>/mem -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

TEST_F(attack, proc_root_of_host_task)
{
	long r = at_open_proc(_metadata, AT_OUTER, HV, "root" AT_SECRET,
		"escape the root through /proc/<host pid>/root" AT_SECRET " -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

TEST_F(attack, proc_cwd_of_neighbour_task)
{
	long r = at_open_proc(_metadata, AT_OUTER, NB, "cwd",
		"reach the other guest's files through /proc/<pid>/cwd -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

TEST_F(attack, proc_root_of_host_init)
{
	long r = at_open_proc(_metadata, AT_INIT, 1, "root" AT_SECRET,
		"escape through /proc/1/root (the host's init; vs2.3 let pid 1 'blend through') -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

static long g_proc_foreign(long unused)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	long foreign = 0, total = 0;
	char path[300], buf[4096], val[32];

	if (!d)
		return -2;
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		total++;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		if (read_file(path, buf, sizeof(buf)) <= 0 ||
		    vs_field(buf, "VxID:\t", val, sizeof(val)) ||
		    atoi(val) != AT_XA) {
			if (!foreign)
				NOTE("pid %s is not the guest's", e->d_name);
			foreign++;
		}
	}
	closedir(d);
	at_sh->res.v[0] = total;
	return foreign;
}

TEST_F(attack, proc_lists_only_own_tasks)
{
	long r = ATTEMPT(AT_INIT, g_proc_foreign, 0,
		"list /proc for tasks of the host or the other guest -> only its own");
	ASSERT_LE(0, r) TH_LOG("no /proc");
	ASSERT_LT(0, at_sh->res.v[0]) TH_LOG("/proc lists no task at all");
	NO_ESCAPE(r == 0, "%ld of %ld pids in /proc are not the guest's", r,
		  at_sh->res.v[0]);
	HOST_OK();
}

static long g_virtual(long unused)
{
	char path[64], buf[4096];
	long n = 0;

	snprintf(path, sizeof(path), "/proc/virtual/%d/status", AT_XB);
	if (read_file(path, buf, sizeof(buf)) >= 0) {
		NOTE("read %s", path);
		n++;
	}
	snprintf(path, sizeof(path), "/proc/virtnet/%d/info", AT_XB);
	if (read_file(path, buf, sizeof(buf)) >= 0) {
		NOTE("read %s", path);
		n++;
	}
	if (vs_list_dir("/proc/virtual", buf, sizeof(buf)) >= 0 &&
	    (vs_list_has(buf, "3120") || vs_list_has(buf, "0"))) {
		NOTE("/proc/virtual lists: %s", buf);
		n++;
	}
	return n ? 0 : -1;
}

TEST_F(attack, proc_virtual_of_other_guest)
{
	long r = ATTEMPT(AT_INIT, g_virtual, 0,
		"read /proc/virtual/<other xid> and /proc/virtnet/<other nid>, list /proc/virtual -> nothing of others");
	REFUSED(r, errno, 0);
	HOST_OK();
}

static long g_kallsyms(long unused)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[256];
	long nonzero = 0, lines = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		lines++;
		if (strtoull(line, NULL, 16) != 0) {
			if (!nonzero)
				NOTE("%.60s", line);
			nonzero++;
		}
	}
	fclose(f);
	at_sh->res.v[0] = lines;
	return nonzero;
}

TEST_F(attack, kallsyms_host_addresses)
{
	long r = ATTEMPT(AT_INIT, g_kallsyms, 0,
		"read kernel addresses from /proc/kallsyms (KASLR) -> all zero");
	ASSERT_LE(0, r) TH_LOG("cannot read /proc/kallsyms");
	ASSERT_LT(0, at_sh->res.v[0]) TH_LOG("/proc/kallsyms is empty");
	NO_ESCAPE(r == 0, "%ld of %ld symbols show their address", r,
		  at_sh->res.v[0]);
	HOST_OK();
}

static long g_kmsg(long unused)
{
	return sys_ret(open("/proc/kmsg", O_RDONLY | O_NONBLOCK));
}

TEST_F(attack, proc_kmsg_consume_host_log)
{
	long r = ATTEMPT(AT_INIT, g_kmsg, 0,
		"open /proc/kmsg (consume the host's kernel log) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_syslog(long action)
{
	char buf[256];

	return klogctl(action, action == 8 ? NULL : buf,
		       action == 8 ? 1 : (int)sizeof(buf));
}

TEST_F(attack, syslog_clear_host_log)
{
	long r = ATTEMPT(AT_INIT, g_syslog, 5,
		"syslog(SYSLOG_ACTION_CLEAR): erase the host's kernel log -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, syslog_read_host_log)
{
	long r = ATTEMPT(AT_INIT, g_syslog, 3,
		"syslog(SYSLOG_ACTION_READ_ALL): read the host's kernel log without VXC_SYSLOG -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, syslog_console_level)
{
	long r = ATTEMPT(AT_INIT, g_syslog, 8,
		"syslog(SYSLOG_ACTION_CONSOLE_LEVEL): silence the host's console -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* Writes the second string of at_arg() to the file the first names. */
static long g_write_path(long arg)
{
	const char *path = (const char *)arg, *value = at_arg2(arg);
	int fd = open(path, O_WRONLY);
	long r;

	if (fd < 0) {
		NOTE("open: %s", strerror(errno));
		return -1;
	}
	r = write(fd, value, strlen(value));
	if (r < 0)
		NOTE("write: %s", strerror(errno));
	else
		NOTE("wrote '%s' to %s", value, path);
	close(fd);
	return r < 0 ? -1 : 0;
}

/* Writes value to a host sysctl from the guest; skips if there is none. */
static void at_sysctl_attempt(struct __test_metadata *_metadata,
			      const char *path, const char *value,
			      const char *what)
{
	long r;

	if (access(path, F_OK)) {
		at_begin(what);
		at_uncount();
		SKIP(return, "this kernel has no %s", path);
	}
	at_begin(what);
	r = at_run(AT_INIT, g_write_path, at_arg(path, value));
	if (at_sh->res.note[0])
		TH_LOG("guest: %s", at_sh->res.note);
	REFUSED(r, errno, 0);
	HOST_OK();
}

TEST_F(attack, sysctl_core_pattern_host_exec)
{
	at_sysctl_attempt(_metadata, "/proc/sys/kernel/core_pattern",
		"|/tmp/evil %p",
		"write /proc/sys/kernel/core_pattern (the host would run a guest program as root on any crash) -> refused");
}

TEST_F(attack, sysctl_poweroff_cmd_host_exec)
{
	at_sysctl_attempt(_metadata, "/proc/sys/kernel/poweroff_cmd",
		"/tmp/evil",
		"write /proc/sys/kernel/poweroff_cmd (the host runs it as root on an orderly power-off) -> refused");
}

TEST_F(attack, sysctl_panic_on_oom)
{
	at_sysctl_attempt(_metadata, "/proc/sys/vm/panic_on_oom", "2",
		"write /proc/sys/vm/panic_on_oom = 2 (its own memory limit would then panic the host) -> refused");
}

TEST_F(attack, sysctl_ip_forward_host_network)
{
	at_sysctl_attempt(_metadata, "/proc/sys/net/ipv4/ip_forward",
		W->sysctl[3][0] == '1' ? "0" : "1",
		"write /proc/sys/net/ipv4/ip_forward (reconfigure the host's network stack) -> refused");
}

TEST_F(attack, sysctl_kernel_printk)
{
	at_sysctl_attempt(_metadata, "/proc/sys/kernel/printk", "0 0 0 0",
		"write /proc/sys/kernel/printk (silence the host's console) -> refused");
}

TEST_F(attack, sysrq_trigger)
{
	long r = ATTEMPT(AT_INIT, g_write_path,
		at_arg("/proc/sysrq-trigger", "h"),
		"write /proc/sysrq-trigger (\"h\" here; \"b\" would reboot the machine) -> refused");
	REFUSED(r, errno, 0);
	HOST_OK();
}

TEST_F(attack, oom_score_adj_unkillable)
{
	long r = ATTEMPT(AT_INIT, g_write_path,
		at_arg("/proc/self/oom_score_adj", "-1000"),
		"make itself immune to the OOM killer (oom_score_adj -1000) -> EACCES");
	REFUSED(r, errno, EACCES);
	HOST_OK();
}

static long g_hostname(long unused)
{
	long r = sethostname("pwned", 5);

	if (r == 0)
		r = at_write_file("/proc/sys/kernel/hostname", "pwned2");
	return r;
}

TEST_F(attack, set_host_name)
{
	long r = ATTEMPT(AT_INIT, g_hostname, 0,
		"sethostname() and /proc/sys/kernel/hostname: may rename its own UTS namespace, never the host");
	TH_LOG("in the guest: %ld (%s)", r, strerror(errno));
	HOST_OK();
}

/* ================================================================== */
/* The root directory and the file system                             */
/* ================================================================== */

static long g_dotdot(long unused)
{
	int i;

	for (i = 0; i < 32; i++)
		if (chdir(".."))
			return -2;
	if (chroot("."))
		NOTE("chroot .: %s", strerror(errno));
	return at_outside_root() ? 0 : -1;
}

TEST_F(attack, chdir_dotdot_past_root)
{
	long r = ATTEMPT(AT_INIT, g_dotdot, 0,
		"chdir(\"..\") 32 times from / and chroot(\".\") -> still in the guest's root");
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_double_chroot(long unused)
{
	int i;

	if (mkdir("/tmp/jail", 0700) && errno != EEXIST)
		return -2;
	if (chroot("/tmp/jail"))
		return -2;
	/* The cwd is now outside the root: walk up from it. */
	for (i = 0; i < 32; i++)
		if (chdir(".."))
			return -2;
	if (chroot("."))
		return -2;
	return at_outside_root() ? 0 : -1;
}

TEST_F(attack, double_chroot_escape)
{
	long r = ATTEMPT(AT_INIT, g_double_chroot, 0,
		"classic escape: chroot(subdir) keeping the cwd, chdir(\"..\") up, chroot(\".\") -> still in the guest's root");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run: %s",
				strerror(errno));
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_fchdir_chroot(long unused)
{
	int fd, i;

	if (mkdir("/tmp/jail", 0700) && errno != EEXIST)
		return -2;
	fd = open("/", O_RDONLY | O_DIRECTORY);
	if (fd < 0 || chroot("/tmp/jail") || chdir("/"))
		return -2;
	if (fchdir(fd))
		return -2;
	for (i = 0; i < 32; i++)
		if (chdir(".."))
			return -2;
	if (chroot("."))
		return -2;
	return at_outside_root() ? 0 : -1;
}

TEST_F(attack, fchdir_to_fd_opened_before_chroot)
{
	long r = ATTEMPT(AT_INIT, g_fchdir_chroot, 0,
		"chroot escape with fchdir() to a directory opened before a second chroot -> still in the guest's root");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run: %s",
				strerror(errno));
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_open_by_handle(long unused)
{
	struct file_handle *fh = (struct file_handle *)W->handle;
	char buf[64] = "";
	int root, fd;

	root = open("/", O_RDONLY | O_DIRECTORY);
	if (root < 0)
		return -2;
	fd = syscall(SYS_open_by_handle_at, root, fh, O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) > 0)
		NOTE("read the host's file: %s", buf);
	return 0;
}

TEST_F(attack, open_by_handle_at_host_file)
{
	struct file_handle *fh = (struct file_handle *)W->handle;
	long r;

	if (!fh->handle_bytes)
		AT_SKIP("no file handle for %s", AT_SECRET);
	r = ATTEMPT(AT_INIT, g_open_by_handle, 0,
		"open_by_handle_at() a host file outside the root, by a guessed/leaked handle (\"shocker\") -> EPERM");
	ASSERT_NE(-2, r);
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_setns_host(long unused)
{
	long r = setns(AT_FD_HOSTMNT, CLONE_NEWNS);

	if (r == 0 && (chdir("/") || chroot(".") || !at_outside_root()))
		NOTE("setns worked but nothing outside is seen");
	return r;
}

TEST_F(attack, setns_host_mount_namespace)
{
	long r = ATTEMPT(AT_INIT, g_setns_host, 0,
		"setns() into the host's mount namespace through a handed-in /proc/self/ns/mnt -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_mount_tmpfs(long unused)
{
	return mount("none", "/tmp", "tmpfs", 0, NULL);
}

TEST_F(attack, mount_tmpfs)
{
	long r = ATTEMPT(AT_INIT, g_mount_tmpfs, 0,
		"mount(2) a tmpfs over /tmp -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_mount_bind(long unused)
{
	if (mkdir("/tmp/b", 0700) && errno != EEXIST)
		return -2;
	return mount("/proc/1/root", "/tmp/b", NULL, MS_BIND | MS_REC, NULL);
}

TEST_F(attack, bind_mount_out)
{
	long r = ATTEMPT(AT_INIT, g_mount_bind, 0,
		"bind-mount a way out (/proc/1/root) into the guest -> refused");
	REFUSED(r, errno, 0);
	HOST_OK();
}

static long g_new_mount_api(long unused)
{
	long fd = syscall(SYS_fsopen, "tmpfs", 0);

	if (fd >= 0) {
		NOTE("fsopen worked");
		return 0;
	}
	fd = syscall(SYS_open_tree, AT_FDCWD, "/", 1 /* OPEN_TREE_CLONE */);
	if (fd >= 0) {
		NOTE("open_tree(OPEN_TREE_CLONE) worked");
		return 0;
	}
	return -1;
}

TEST_F(attack, new_mount_api_fsopen_open_tree)
{
	long r = ATTEMPT(AT_INIT, g_new_mount_api, 0,
		"fsopen(\"tmpfs\") and open_tree(OPEN_TREE_CLONE): mount through the new API -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_umount_proc(long unused)
{
	return umount2("/proc", MNT_DETACH);
}

TEST_F(attack, umount_proc)
{
	long r = ATTEMPT(AT_INIT, g_umount_proc, 0,
		"umount2(\"/proc\") (what the host mounted for it) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_pivot_root(long unused)
{
	if (mkdir("/tmp/old", 0700) && errno != EEXIST)
		return -2;
	return syscall(SYS_pivot_root, "/", "/tmp/old");
}

TEST_F(attack, pivot_root)
{
	long r = ATTEMPT(AT_INIT, g_pivot_root, 0,
		"pivot_root() -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_unshare(long flags)
{
	return unshare(flags);
}

TEST_F(attack, unshare_mount_namespace)
{
	long r = ATTEMPT(AT_INIT, g_unshare, CLONE_NEWNS,
		"unshare(CLONE_NEWNS) to mount freely -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, unshare_network_namespace)
{
	long r = ATTEMPT(AT_INIT, g_unshare, CLONE_NEWNET,
		"unshare(CLONE_NEWNET) to leave the network context's rules -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_userns(long unused)
{
	long r = unshare(CLONE_NEWUSER);

	at_sh->res.v[0] = r;
	at_sh->res.v[1] = errno;
	if (r == 0) {
		/* Full capabilities in the new user namespace: use them. */
		if (unshare(CLONE_NEWNS) == 0) {
			NOTE("unshare(CLONE_NEWNS) in a user namespace worked");
			if (mount("none", "/tmp", "tmpfs", 0, NULL) == 0)
				NOTE("mounted a tmpfs in a user namespace");
			return 0;
		}
		return -1;
	}
	return -1;
}

TEST_F(attack, user_namespace_capabilities)
{
	long r = ATTEMPT(AT_INIT, g_userns, 0,
		"unshare(CLONE_NEWUSER), then use the new namespace's capabilities (unshare(CLONE_NEWNS)) -> EPERM");
	TH_LOG("unshare(CLONE_NEWUSER): %ld (%s)", at_sh->res.v[0],
	       strerror(at_sh->res.v[1]));
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_mknod(long type)
{
	dev_t dev = type == S_IFBLK ? makedev(8, 0) : makedev(1, 1);
	const char *path = type == S_IFBLK ? "/tmp/sda" : "/tmp/mem";

	unlink(path);
	return mknod(path, type | 0600, dev);
}

TEST_F(attack, mknod_block_disk)
{
	long r = ATTEMPT(AT_INIT, g_mknod, S_IFBLK,
		"mknod() the host's disk (block 8:0) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, mknod_dev_mem)
{
	long r = ATTEMPT(AT_INIT, g_mknod, S_IFCHR,
		"mknod() /dev/mem (char 1:1) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_fifreeze(long unused)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	long r;

	if (fd < 0)
		return -2;
	r = ioctl(fd, FIFREEZE, 0);
	if (r == 0)
		ioctl(fd, FITHAW, 0);
	return r;
}

TEST_F(attack, fifreeze_shared_filesystem)
{
	long r = ATTEMPT(AT_INIT, g_fifreeze, 0,
		"ioctl(FIFREEZE) the file system it shares with the host -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_swapon(long unused)
{
	int fd = open("/tmp/swap", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd >= 0)
		close(fd);
	return swapon("/tmp/swap", 0);
}

TEST_F(attack, swapon)
{
	long r = ATTEMPT(AT_INIT, g_swapon, 0,
		"swapon() a file: take over the host's memory management -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("swapon(2) is not built in");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* The machine: modules, clock, reboot, raw I/O                       */
/* ================================================================== */

static long g_init_module(long unused)
{
	static const char img[64] = "\177ELF";

	return syscall(SYS_init_module, img, sizeof(img), "");
}

TEST_F(attack, init_module)
{
	long r = ATTEMPT(AT_INIT, g_init_module, 0,
		"init_module(): load code into the host's kernel -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("the kernel has no module support (CONFIG_MODULES=n)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_kexec_load(long unused)
{
	return syscall(SYS_kexec_load, 0, 0, NULL, 0);
}

TEST_F(attack, kexec_load)
{
	long r = ATTEMPT(AT_INIT, g_kexec_load, 0,
		"kexec_load(): replace the host's kernel -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("the kernel has no kexec (CONFIG_KEXEC=n)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_settimeofday(long unused)
{
	struct timeval tv = { 1000000000, 0 };

	return settimeofday(&tv, NULL);
}

TEST_F(attack, settimeofday)
{
	long r = ATTEMPT(AT_INIT, g_settimeofday, 0,
		"settimeofday() the host's clock to 2001 -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_clock_settime(long unused)
{
	struct timespec ts = { 1000000000, 0 };

	return clock_settime(CLOCK_REALTIME, &ts);
}

TEST_F(attack, clock_settime)
{
	long r = ATTEMPT(AT_INIT, g_clock_settime, 0,
		"clock_settime(CLOCK_REALTIME) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_adjtimex(long unused)
{
	struct timex tx = { .modes = ADJ_FREQUENCY, .freq = 500 << 16 };

	return adjtimex(&tx) < 0 ? -1 : 0;
}

TEST_F(attack, adjtimex_frequency)
{
	long r = ATTEMPT(AT_INIT, g_adjtimex, 0,
		"adjtimex(ADJ_FREQUENCY): make the host's clock drift -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_reboot(long cmd)
{
	return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       (unsigned int)cmd, NULL);
}

TEST_F(attack, reboot_restart)
{
	long r = ATTEMPT(AT_INIT, g_reboot, LINUX_REBOOT_CMD_RESTART,
		"reboot(RESTART): must end the guest only, never the machine or another guest");
	TH_LOG("reboot: %ld (%s)", r, strerror(errno));
	HOST_OK();
	EXPECT_EQ(0, vs_wait_gone(AT_XA, VS_GONE_TIMEOUT_MS))
		TH_LOG("the guest did not end");
}

TEST_F(attack, reboot_kexec)
{
	long r = ATTEMPT(AT_INIT, g_reboot, LINUX_REBOOT_CMD_KEXEC,
		"reboot(KEXEC): boot another kernel on the host -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, reboot_sw_suspend)
{
	long r = ATTEMPT(AT_INIT, g_reboot, LINUX_REBOOT_CMD_SW_SUSPEND,
		"reboot(SW_SUSPEND): hibernate the host -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_iopl(long unused)
{
	int e;

	if (iopl(3) == 0) {
		NOTE("iopl(3) worked");
		return 0;
	}
	e = errno;
	if (ioperm(0x70, 2, 1) == 0) {
		NOTE("ioperm(0x70) worked");
		return 0;
	}
	/* ENOSYS only if both are missing. */
	if (errno == ENOSYS && e != ENOSYS)
		errno = e;
	return -1;
}

TEST_F(attack, iopl_ioperm_raw_io)
{
	long r = ATTEMPT(AT_INIT, g_iopl, 0,
		"iopl(3)/ioperm(): raw access to the machine's I/O ports -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no iopl/ioperm (CONFIG_X86_IOPL_IOPERM=n)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_mmap_zero(long unused)
{
	void *p = mmap(NULL + 0, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	return p == MAP_FAILED ? -1 : 0;
}

TEST_F(attack, mmap_page_zero)
{
	long r = ATTEMPT(AT_INIT, g_mmap_zero, 0,
		"mmap() page 0 (below mmap_min_addr; kernel NULL-dereference exploits) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* Capabilities                                                       */
/* ================================================================== */

static long g_capset(long unused)
{
	uint64_t all = VS_DEFAULT_BCAPS | VS_CAP(CAP_SYS_ADMIN);

	return vs_capset(all, all, 0);
}

TEST_F(attack, capset_raise_sys_admin)
{
	long r = ATTEMPT(AT_INIT, g_capset, 0,
		"capset() CAP_SYS_ADMIN into its permitted and effective sets -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_ambient(long unused)
{
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_SYS_ADMIN, 0, 0);
}

TEST_F(attack, ambient_raise_sys_admin)
{
	long r = ATTEMPT(AT_INIT, g_ambient, 0,
		"prctl(PR_CAP_AMBIENT_RAISE, CAP_SYS_ADMIN) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_inheritable(long unused)
{
	uint64_t eff, prm, inh;

	if (vs_capget(0, &eff, &prm, &inh))
		return -2;
	return vs_capset(eff, prm, inh | VS_CAP(CAP_SYS_MODULE));
}

TEST_F(attack, capset_inheritable_beyond_bounding_set)
{
	long r = ATTEMPT(AT_INIT, g_inheritable, 0,
		"capset() CAP_SYS_MODULE into its inheritable set (for exec) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_suid(long unused)
{
	pid_t pid;
	int status;

	if (setgroups(0, NULL) || setgid(1000) || setuid(1000))
		return -2;
	pid = fork();
	if (pid == 0) {
		execl("/bin/suid", "suid", "--at-suid", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -2;
	at_sh->res.v[0] = status;
	if (!WIFEXITED(status))
		return -2;
	switch (WEXITSTATUS(status)) {
	case 0:
		return -1;
	case 10:
		NOTE("exec of the setuid-root binary gave capabilities outside bcaps");
		return 0;
	case 11:
		NOTE("the setuid-root binary could mount");
		return 0;
	default:
		NOTE("the helper exited %d", WEXITSTATUS(status));
		return -2;
	}
}

TEST_F(attack, setuid_root_binary)
{
	long r = ATTEMPT(AT_INIT, g_suid, 0,
		"uid 1000 in the guest executes a setuid-root binary: no capability outside the bounding set");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run (status 0x%lx)",
				at_sh->res.v[0]);
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_keepcaps(long unused)
{
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) || setuid(1000))
		return -2;
	if (setuid(0) == 0) {
		NOTE("uid 1000 became root again");
		return 0;
	}
	if (vs_capset(VS_CAP(CAP_SYS_ADMIN), VS_CAP(CAP_SYS_ADMIN), 0) == 0) {
		NOTE("capset worked after setuid");
		return 0;
	}
	return -1;
}

TEST_F(attack, keepcaps_setuid_back_to_root)
{
	long r = ATTEMPT(AT_INIT, g_keepcaps, 0,
		"PR_SET_KEEPCAPS, setuid(1000), then setuid(0)/capset(SYS_ADMIN) -> EPERM");
	ASSERT_NE(-2, r);
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* Limits                                                             */
/* ================================================================== */

static long at_ctx_max(uint32_t id)
{
	struct vcmd_rlimit_stat_v0 s;

	if (vs_rlimit_stat(NULL, AT_XA, id, &s))
		return -1;
	return (long)s.maximum;
}

static long g_fork_other_uid(long unused)
{
	int p[2], i, n = 0, m = 0;
	char c;

	if (pipe(p))
		return -2;
	for (i = 0; i < 3 * AT_NPROC; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			close(AT_FD_SOCK);
			close(p[1]);
			while (read(p[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (pid < 0)
			break;
		n++;
	}
	/* At the limit: try again as other users, each a fresh uid. */
	for (i = 0; i < 3; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			int k, mine = 0;

			close(AT_FD_SOCK);
			if (setuid(2000 + i))
				_exit(0);
			for (k = 0; k < AT_NPROC; k++) {
				pid_t q = fork();

				if (q == 0) {
					close(p[1]);
					while (read(p[0], &c, 1) < 0 &&
					       errno == EINTR)
						;
					_exit(0);
				}
				if (q < 0)
					break;
				mine++;
			}
			_exit(mine);
		}
		if (pid > 0) {
			int st;

			waitpid(pid, &st, 0);
			m += WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		}
	}
	NOTE("forked %d as root, then %d as other uids", n, m);
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = m;
	close(p[1]);
	return m > 0 ? 0 : -1;
}

TEST_F(attack, nproc_limit_fork_as_other_uid)
{
	long r, max;

	r = ATTEMPT(AT_INIT, g_fork_other_uid, 0,
		"fork up to the guest's task limit, then more under other uids (setuid) -> EAGAIN, the limit holds");
	max = at_ctx_max(RLIMIT_NPROC);
	NO_ESCAPE(max >= 0 && max <= AT_NPROC,
		  "the guest had %ld tasks at most (limit %d)", max, AT_NPROC);
	EXPECT_EQ(-1, r);
	HOST_OK();
}

static void *g_thread_wait(void *arg)
{
	char c;

	while (read((int)(long)arg, &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

static long g_threads(long unused)
{
	int p[2], i, n = 0, err = 0;
	pthread_t t;
	pthread_attr_t a;

	if (pipe(p))
		return -2;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 64 * 1024);
	for (i = 0; i < 3 * AT_NPROC; i++) {
		err = pthread_create(&t, &a, g_thread_wait, (void *)(long)p[0]);
		if (err)
			break;
		n++;
	}
	at_sh->res.v[0] = n;
	NOTE("made %d threads, then: %s", n, strerror(err));
	errno = err;
	return err ? -1 : 0;
}

TEST_F(attack, nproc_limit_by_threads)
{
	long r, max;

	r = ATTEMPT(AT_INIT, g_threads, 0,
		"escape the task limit with threads instead of processes -> EAGAIN, the limit holds");
	max = at_ctx_max(RLIMIT_NPROC);
	NO_ESCAPE(max >= 0 && max <= AT_NPROC,
		  "the guest had %ld tasks at most (limit %d)", max, AT_NPROC);
	REFUSED(r, errno, EAGAIN);
	HOST_OK();
}

static long g_rlimit_raise(long unused)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -2;
	rl.rlim_max = rl.rlim_max == RLIM_INFINITY ? RLIM_INFINITY :
		      rl.rlim_max * 4;
	rl.rlim_cur = rl.rlim_max;
	return setrlimit(RLIMIT_NOFILE, &rl);
}

TEST_F(attack, setrlimit_raise_hard_limit)
{
	long r = ATTEMPT(AT_INIT, g_rlimit_raise, 0,
		"setrlimit() above its hard RLIMIT_NOFILE (needs CAP_SYS_RESOURCE) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_nofile(long unused)
{
	struct rlimit rl;
	int n = 0;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	while (n < 4 * AT_NOFILE && open("/dev/null", O_RDONLY) >= 0)
		n++;
	at_sh->res.v[0] = n;
	NOTE("opened %d files", n);
	return n >= 4 * AT_NOFILE ? 0 : -1;
}

TEST_F(attack, nofile_limit_raise_own_rlimit)
{
	long r, max;

	r = ATTEMPT(AT_INIT, g_nofile, 0,
		"raise its own soft RLIMIT_NOFILE and open past the guest's file limit -> EMFILE, the limit holds");
	max = at_ctx_max(RLIMIT_NOFILE);
	NO_ESCAPE(max >= 0 && max <= AT_NOFILE,
		  "the guest had %ld files at most (limit %d)", max, AT_NOFILE);
	REFUSED(r, errno, EMFILE);
	HOST_OK();
}

static long g_nsock(long unused)
{
	int n = 0, sv[2];

	while (n < 4 * AT_NSOCK) {
		if (n % 2 == 0) {
			if (socket(AF_INET, SOCK_DGRAM, 0) < 0)
				break;
			n++;
		} else {
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
				break;
			n += 2;
		}
	}
	at_sh->res.v[0] = n;
	NOTE("made %d sockets", n);
	return n >= 4 * AT_NSOCK ? 0 : -1;
}

TEST_F(attack, nsock_limit_socketpair)
{
	long r, max;

	r = ATTEMPT(AT_INIT, g_nsock, 0,
		"make sockets past the guest's socket limit, mixing socket() and socketpair() -> EMFILE");
	max = at_ctx_max(VLIMIT_NSOCK);
	NO_ESCAPE(max >= 0 && max <= AT_NSOCK,
		  "the guest had %ld sockets at most (limit %d)", max, AT_NSOCK);
	REFUSED(r, errno, EMFILE);
	HOST_OK();
}

static long g_nice(long unused)
{
	return setpriority(PRIO_PROCESS, 0, -20);
}

TEST_F(attack, negative_nice)
{
	long r = ATTEMPT(AT_INIT, g_nice, 0,
		"setpriority(-20) for itself (take the CPU from the host) -> EACCES");
	REFUSED(r, errno, EACCES);
	HOST_OK();
}

static long g_fifo(long unused)
{
	struct sched_param sp = { .sched_priority = 50 };

	return sched_setscheduler(0, SCHED_FIFO, &sp);
}

TEST_F(attack, realtime_scheduling)
{
	long r = ATTEMPT(AT_INIT, g_fifo, 0,
		"sched_setscheduler(SCHED_FIFO) for itself (starve the host) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_ioprio_rt(long unused)
{
	return syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
		       IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 0));
}

TEST_F(attack, realtime_io_priority)
{
	long r = ATTEMPT(AT_INIT, g_ioprio_rt, 0,
		"ioprio_set(RT) for itself (starve the host's I/O) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_mlock(long unused)
{
	size_t len = 64 << 20;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -2;
	return mlock(p, len);
}

TEST_F(attack, mlock_past_memlock_limit)
{
	long r = ATTEMPT(AT_INIT, g_mlock, 0,
		"mlock() 64 MiB, past RLIMIT_MEMLOCK (pin the host's memory) -> ENOMEM");
	REFUSED(r, errno, ENOMEM);
	HOST_OK();
}

/* ================================================================== */
/* The vserver syscall from inside                                    */
/* ================================================================== */

static long g_vcmd(long which);

enum {
	V_MIGRATE_HOST, V_MIGRATE_SPECTATOR, V_MIGRATE_NEIGHBOUR, V_CREATE,
	V_CFLAGS, V_BCAPS, V_CCAPS, V_RLIMIT, V_NET_ADD, V_NET_MIGRATE,
	V_CTX_KILL, V_ENTER, V_NFLAGS, V_UMASK, V_WAIT_EXIT, V_VHI_HOST,
	V_STAT_OTHER, V_NET_CREATE, V_SET_SPACE, V_NCAPS,
};

static long g_vcmd(long which)
{
	struct vcmd_ctx_kill_v0 k = { .pid = 0, .sig = SIGKILL };
	struct vcmd_space_mask_v2 sp = { .mask = CLONE_NEWNS };
	struct vcmd_wait_exit_v0 we;
	struct vcmd_ctx_stat_v0 st;
	char name[65] = "pwned";

	switch (which) {
	case V_MIGRATE_HOST:
		return vs_migrate(NULL, VX_ADMIN_ID, 0) < 0 ? -1 : 0;
	case V_MIGRATE_SPECTATOR:
		return vs_migrate(NULL, VX_WATCH_ID, 0) < 0 ? -1 : 0;
	case V_MIGRATE_NEIGHBOUR:
		return vs_migrate(NULL, AT_XB, 0) < 0 ? -1 : 0;
	case V_CREATE:
		return vs_create(NULL, 3199, VXF_INIT_SET) < 0 ? -1 : 0;
	case V_CFLAGS:
		return vs_set(NULL, VCMD_set_cflags, VX_SELF_ID,
			      VXF_STATE_SETUP, VXF_STATE_SETUP);
	case V_BCAPS:
		return vs_set(NULL, VCMD_set_bcaps, VX_SELF_ID, ~0ULL, ~0ULL);
	case V_CCAPS:
		return vs_set(NULL, VCMD_set_ccaps, VX_SELF_ID, ~0ULL, ~0ULL);
	case V_RLIMIT:
		return vs_set_hard(NULL, VX_SELF_ID, RLIMIT_NPROC,
				   CRLIM_INFINITY);
	case V_NET_ADD:
		return vn_add4(VN_NID_SELF, AT_HOST4, VN_MASK32) < 0 ? -1 : 0;
	case V_NET_MIGRATE:
		return vn_migrate(NULL, 0);
	case V_CTX_KILL:
		return vserver(VCMD_ctx_kill, AT_XB, &k);
	case V_ENTER:
		return vserver(VCMD_enter_space, AT_XB, &sp);
	case V_NFLAGS:
		return vs_set(NULL, VCMD_set_nflags, VN_NID_SELF,
			      NXF_LBACK_ALLOW, NXF_LBACK_ALLOW | NXF_HIDE_NETIF);
	case V_NCAPS:
		return vs_set(NULL, VCMD_set_ncaps, VN_NID_SELF, ~0ULL, ~0ULL);
	case V_UMASK:
		return vs_set(NULL, VCMD_set_umask, VX_SELF_ID,
			      CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWNET,
			      CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWNET);
	case V_WAIT_EXIT:
		return vserver(VCMD_wait_exit, AT_XB, &we);
	case V_VHI_HOST:
		return vs_set_vhi(NULL, VX_ADMIN_ID, 1, name);
	case V_STAT_OTHER:
		if (vs_ctx_stat(NULL, AT_XB, &st) == 0) {
			NOTE("ctx_stat of the other guest: %u tasks", st.tasks);
			return 0;
		}
		return -1;
	case V_NET_CREATE:
		return vn_create_v0(NULL, 3199) < 0 ? -1 : 0;
	case V_SET_SPACE:
		return vserver(VCMD_set_space, VX_SELF_ID, &sp);
	}
	return -2;
}

#define VCMD_ATTEMPT(which, errno_, what)				\
	do {								\
		long __r = ATTEMPT(AT_INIT, g_vcmd, (which), what);	\
		REFUSED(__r, errno, (errno_));				\
		HOST_OK();						\
	} while (0)

static uint64_t at_get(uint32_t cmd, uint32_t id)
{
	return vs_getv(cmd, id);
}

TEST_F(attack, vserver_migrate_to_host)
{
	VCMD_ATTEMPT(V_MIGRATE_HOST, EPERM,
		"vserver(ctx_migrate, 0): move itself into the host context -> EPERM");
}

TEST_F(attack, vserver_migrate_to_spectator)
{
	VCMD_ATTEMPT(V_MIGRATE_SPECTATOR, EPERM,
		"vserver(ctx_migrate, 1): become the spectator (sees every task) -> EPERM");
}

TEST_F(attack, vserver_migrate_to_other_guest)
{
	VCMD_ATTEMPT(V_MIGRATE_NEIGHBOUR, EPERM,
		"vserver(ctx_migrate) into the other guest -> EPERM");
}

TEST_F(attack, vserver_create_context)
{
	struct vcmd_vx_info_v0 vi;

	VCMD_ATTEMPT(V_CREATE, EPERM,
		"vserver(ctx_create, 3199): a fresh context with a full bounding set -> EPERM");
	NO_ESCAPE(vs_vx_info(NULL, 3199, &vi) == -1, "context 3199 exists");
	at_kill_ctx(3199);
}

TEST_F(attack, vserver_set_cflags_back_to_setup)
{
	VCMD_ATTEMPT(V_CFLAGS, EPERM,
		"vserver(set_cflags): set STATE_SETUP again (capabilities back) -> EPERM");
	NO_ESCAPE(!(at_get(VCMD_get_cflags, AT_XA) & VXF_STATE_SETUP),
		  "the guest is in setup again");
}

TEST_F(attack, vserver_set_bcaps_raise)
{
	VCMD_ATTEMPT(V_BCAPS, EPERM,
		"vserver(set_bcaps): raise its own bounding set to all -> EPERM");
	NO_ESCAPE(at_get(VCMD_get_bcaps, AT_XA) == VS_DEFAULT_BCAPS,
		  "bcaps are now 0x%llx",
		  (unsigned long long)at_get(VCMD_get_bcaps, AT_XA));
}

TEST_F(attack, vserver_set_ccaps)
{
	VCMD_ATTEMPT(V_CCAPS, EPERM,
		"vserver(set_ccaps): grant itself every context capability -> EPERM");
	NO_ESCAPE(at_get(VCMD_get_ccaps, AT_XA) == VS_DEFAULT_CCAPS,
		  "ccaps changed");
}

TEST_F(attack, vserver_set_rlimit_unlimited)
{
	struct vcmd_ctx_rlimit_v0 rl;

	VCMD_ATTEMPT(V_RLIMIT, EPERM,
		"vserver(set_rlimit): lift its own task limit -> EPERM");
	ASSERT_EQ(0, vs_get_rlimit(NULL, AT_XA, RLIMIT_NPROC, &rl));
	NO_ESCAPE(rl.maximum == AT_NPROC, "the task limit is now %llu",
		  (unsigned long long)rl.maximum);
}

TEST_F(attack, vserver_net_add_host_address)
{
	static char text[VS_DATA_MAX];

	VCMD_ATTEMPT(V_NET_ADD, EPERM,
		"vserver(net_add_ipv4): give itself the host's address -> EPERM");
	ASSERT_LT(0, vn_read_virtnet(NULL, AT_XA, "info", text, sizeof(text)));
	NO_ESCAPE(!strstr(text, "\t" AT_HOST4 "-"),
		  "the host address is now the guest's: %s", text);
}

TEST_F(attack, vserver_net_migrate_to_host)
{
	VCMD_ATTEMPT(V_NET_MIGRATE, EPERM,
		"vserver(net_migrate, 0): leave its network context for the host's -> EPERM");
}

TEST_F(attack, vserver_ctx_kill_other_guest)
{
	VCMD_ATTEMPT(V_CTX_KILL, EPERM,
		"vserver(ctx_kill) every task of the other guest -> EPERM");
}

TEST_F(attack, vserver_enter_space_other_guest)
{
	VCMD_ATTEMPT(V_ENTER, EPERM,
		"vserver(enter_space) the other guest's namespaces -> EPERM");
}

TEST_F(attack, vserver_set_nflags_loopback)
{
	VCMD_ATTEMPT(V_NFLAGS, EPERM,
		"vserver(set_nflags): LBACK_ALLOW (reach the host's 127.0.0.1) and clear HIDE_NETIF -> EPERM");
	NO_ESCAPE(!(vn_nflags(AT_XA) & NXF_LBACK_ALLOW), "LBACK_ALLOW set");
}

TEST_F(attack, vserver_set_ncaps)
{
	VCMD_ATTEMPT(V_NCAPS, EPERM,
		"vserver(set_ncaps): every network capability -> EPERM");
}

TEST_F(attack, vserver_set_umask)
{
	VCMD_ATTEMPT(V_UMASK, EPERM,
		"vserver(set_umask): allow itself to unshare mount, user and network namespaces -> EPERM");
}

TEST_F(attack, vserver_wait_exit_other_guest)
{
	VCMD_ATTEMPT(V_WAIT_EXIT, EPERM,
		"vserver(wait_exit) on the other guest (block on and learn of it) -> EPERM");
}

TEST_F(attack, vserver_set_vhi_name_of_host)
{
	VCMD_ATTEMPT(V_VHI_HOST, EPERM,
		"vserver(set_vhi_name, 0): rename the host -> EPERM");
}

TEST_F(attack, vserver_ctx_stat_other_guest)
{
	VCMD_ATTEMPT(V_STAT_OTHER, ESRCH,
		"vserver(ctx_stat) of the other guest (learn about it) -> ESRCH");
}

TEST_F(attack, vserver_net_create)
{
	VCMD_ATTEMPT(V_NET_CREATE, EPERM,
		"vserver(net_create): a network context of its own choosing -> EPERM");
}

TEST_F(attack, vserver_set_space)
{
	VCMD_ATTEMPT(V_SET_SPACE, EPERM,
		"vserver(set_space): replace the namespaces the host tools enter -> EPERM");
}

/* ================================================================== */
/* The network                                                        */
/* ================================================================== */

static int g_sa(struct sockaddr_in *sa, const char *ip, int port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

static long g_bind(long ip)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || g_sa(&sa, (const char *)ip, 4200))
		return -2;
	return bind(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, bind_host_address)
{
	long r = ATTEMPT(AT_INIT, g_bind, (long)AT_HOST4,
		"bind() the host's address 192.0.2.1 -> EADDRNOTAVAIL");
	REFUSED(r, errno, EADDRNOTAVAIL);
	HOST_OK();
}

TEST_F(attack, bind_neighbour_address)
{
	long r = ATTEMPT(AT_INIT, g_bind, (long)AT_B4,
		"bind() the other guest's address 192.0.2.12 -> EADDRNOTAVAIL");
	REFUSED(r, errno, EADDRNOTAVAIL);
	HOST_OK();
}

static long g_freebind(long unused)
{
	struct sockaddr_in sa;
	int one = 1, fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || g_sa(&sa, AT_HOST4, 4201))
		return -2;
	if (setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one)))
		return -2;
	return bind(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, freebind_host_address)
{
	long r = ATTEMPT(AT_INIT, g_freebind, 0,
		"IP_FREEBIND, then bind() the host's address -> EADDRNOTAVAIL");
	REFUSED(r, errno, EADDRNOTAVAIL);
	HOST_OK();
}

static long g_transparent(long unused)
{
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	return setsockopt(fd, IPPROTO_IP, IP_TRANSPARENT, &one, sizeof(one));
}

TEST_F(attack, ip_transparent)
{
	long r = ATTEMPT(AT_INIT, g_transparent, 0,
		"setsockopt(IP_TRANSPARENT): act for foreign addresses -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

_Static_assert(AT_PORT_LO == 4101 && AT_PORT_B == 4103,
	       "the connect tests spell the ports out");

/* connect() to the address and port of at_arg(ip, port). */
static long g_connect(long arg)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || g_sa(&sa, (const char *)arg, atoi(at_arg2(arg))))
		return -2;
	return connect(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, connect_host_loopback_service)
{
	long r = ATTEMPT(AT_INIT, g_connect, at_arg("127.0.0.1", "4101"),
		"connect() to a host service on 127.0.0.1 (remapped to the guest's own loopback) -> ECONNREFUSED");
	REFUSED(r, errno, ECONNREFUSED);
	NO_ESCAPE(!at_reached(W->lo_fd), "the host's 127.0.0.1 listener got a connection");
	HOST_OK();
}

TEST_F(attack, connect_other_loopback_address)
{
	long r = ATTEMPT(AT_INIT, g_connect, at_arg("127.0.0.2", "4101"),
		"connect() to another loopback address, 127.0.0.2 -> EPERM");
	REFUSED(r, errno, EPERM);
	NO_ESCAPE(!at_reached(W->lo_fd), "the host's 127.0.0.1 listener got a connection");
	HOST_OK();
}

TEST_F(attack, connect_neighbour_loopback)
{
	long r = ATTEMPT(AT_INIT, g_connect, at_arg(vn_lback(AT_XB), "4103"),
		"connect() to the other guest's loopback address (its 127.0.0.1 service) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_udp_lo(long unused)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || g_sa(&sa, "127.0.0.1", AT_PORT_U))
		return -2;
	if (sendto(fd, "x", 1, 0, (void *)&sa, sizeof(sa)) != 1)
		return -1;
	return 0;
}

TEST_F(attack, udp_to_host_loopback_service)
{
	long r = ATTEMPT(AT_INIT, g_udp_lo, 0,
		"sendto() a host UDP service on 127.0.0.1 -> reaches only the guest's own loopback");
	TH_LOG("sendto: %ld (%s)", r, strerror(errno));
	NO_ESCAPE(!at_reached(W->udp_fd), "the host's 127.0.0.1 UDP socket got a datagram");
	HOST_OK();
}

static long g_spoof(long unused)
{
	struct sockaddr_in sa;
	union {
		char buf[CMSG_SPACE(sizeof(struct in_pktinfo))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { "x", 1 };
	struct msghdr mh = { .msg_name = &sa, .msg_namelen = sizeof(sa),
			     .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = u.buf,
			     .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;
	struct in_pktinfo *pi;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || g_sa(&sa, AT_HOST4, AT_PORT_UH))
		return -2;
	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = IPPROTO_IP;
	c->cmsg_type = IP_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(*pi));
	pi = (struct in_pktinfo *)CMSG_DATA(c);
	inet_pton(AF_INET, AT_B4, &pi->ipi_spec_dst);
	return sendmsg(fd, &mh, 0) < 0 ? -1 : 0;
}

TEST_F(attack, spoof_source_address_pktinfo)
{
	long r = ATTEMPT(AT_INIT, g_spoof, 0,
		"sendmsg() to the host with the other guest's address as source (IP_PKTINFO) -> EPERM");
	REFUSED(r, errno, EPERM);
	NO_ESCAPE(!at_reached(W->udph_fd), "the host got the spoofed datagram");
	HOST_OK();
}

static long g_socket(long arg)
{
	const long *a = (const long *)arg;

	return sys_ret(socket(a[0], a[1], a[2]));
}

TEST_F(attack, raw_socket_tcp)
{
	static const long a[] = { AF_INET, SOCK_RAW, IPPROTO_TCP };
	long r = ATTEMPT(AT_INIT, g_socket, (long)a,
		"socket(AF_INET, SOCK_RAW, IPPROTO_TCP): forge TCP segments -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, raw_socket_ipproto_raw)
{
	static const long a[] = { AF_INET, SOCK_RAW, IPPROTO_RAW };
	long r = ATTEMPT(AT_INIT, g_socket, (long)a,
		"socket(AF_INET, SOCK_RAW, IPPROTO_RAW): forge whole IP packets -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, packet_socket)
{
	static const long a[] = { AF_PACKET, SOCK_RAW, 0x0300 /* ETH_P_ALL */ };
	long r = ATTEMPT(AT_INIT, g_socket, (long)a,
		"socket(AF_PACKET): sniff and forge the host's frames -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_hdrincl(long unused)
{
	int one = 1, fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);

	if (fd < 0) {
		NOTE("no raw ICMP socket: %s", strerror(errno));
		return -1;
	}
	return setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one));
}

TEST_F(attack, raw_icmp_hdrincl_spoof)
{
	long r = ATTEMPT(AT_INIT, g_hdrincl, 0,
		"raw ICMP socket (allowed) with IP_HDRINCL to write its own source address -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_nl_addr(long unused)
{
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		char attrs[64];
	} req;
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
		char more[256];
	} ans;
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	struct rtattr *rta;
	struct in_addr ip;
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	unsigned int ifindex = if_nametoindex(VN_IFNAME);

	if (fd < 0)
		return -2;
	if (!ifindex)
		ifindex = 2;
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_type = RTM_NEWADDR;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE;
	req.a.ifa_family = AF_INET;
	req.a.ifa_prefixlen = 32;
	req.a.ifa_index = ifindex;
	inet_pton(AF_INET, "192.0.2.77", &ip);
	rta = (struct rtattr *)req.attrs;
	rta->rta_type = IFA_LOCAL;
	rta->rta_len = RTA_LENGTH(sizeof(ip));
	memcpy(RTA_DATA(rta), &ip, sizeof(ip));
	rta = (struct rtattr *)(req.attrs + RTA_ALIGN(rta->rta_len));
	rta->rta_type = IFA_ADDRESS;
	rta->rta_len = RTA_LENGTH(sizeof(ip));
	memcpy(RTA_DATA(rta), &ip, sizeof(ip));
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.a)) +
			  2 * RTA_ALIGN(RTA_LENGTH(sizeof(ip)));
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (void *)&nl, sizeof(nl)) < 0)
		return -1;
	if (recv(fd, &ans, sizeof(ans), 0) < 0)
		return -2;
	if (ans.h.nlmsg_type != NLMSG_ERROR)
		return -2;
	if (ans.e.error) {
		errno = -ans.e.error;
		return -1;
	}
	return 0;
}

TEST_F(attack, netlink_add_host_address)
{
	long r = ATTEMPT(AT_INIT, g_nl_addr, 0,
		"rtnetlink RTM_NEWADDR: put 192.0.2.77 on the host's interface -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_ifdown(long unused)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return -2;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		return -2;
	ifr.ifr_flags &= ~IFF_UP;
	return ioctl(fd, SIOCSIFFLAGS, &ifr);
}

TEST_F(attack, ioctl_interface_down)
{
	long r = ATTEMPT(AT_INIT, g_ifdown, 0,
		"ioctl(SIOCSIFFLAGS): take the host's loopback interface down -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_hijack(long unused)
{
	struct sockaddr_in sa;
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	long r;

	if (fd < 0 || g_sa(&sa, "0.0.0.0", AT_PORT_H))
		return -2;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
	if (bind(fd, (void *)&sa, sizeof(sa)) || listen(fd, 8)) {
		NOTE("could not listen: %s", strerror(errno));
		at_ready_wait();
		return -1;
	}
	at_ready_wait();
	r = accept(fd, NULL, NULL);
	if (r >= 0)
		NOTE("accepted a connection to the host's address");
	return r < 0 ? -1 : 0;
}

TEST_F(attack, steal_connections_to_host_port)
{
	struct sockaddr_in sa;
	int c, ok;
	long r;

	at_begin("listen on 0.0.0.0 at the port of a host service on 192.0.2.1: steal the host's connections");
	ASSERT_EQ(0, at_start(AT_INIT, g_hijack, 0));
	ASSERT_EQ(0, at_await_ready());
	c = socket(AF_INET, SOCK_STREAM, 0);
	g_sa(&sa, AT_HOST4, AT_PORT_H);
	ok = connect(c, (void *)&sa, sizeof(sa)) == 0;
	EXPECT_TRUE(ok) TH_LOG("the host cannot connect to its own service");
	EXPECT_TRUE(at_reached(W->host_fd))
		TH_LOG("the host's own listener did not get the connection");
	at_go_on();
	r = at_finish(AT_INIT, NULL);
	close(c);
	TH_LOG("guest: %s", at_sh->res.note);
	NO_ESCAPE(r == -1, "the guest accepted a connection meant for the host");
	HOST_OK();
}

static long g_bind6(long unused)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(4202) };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	inet_pton(AF_INET6, VN_HOST6, &sa.sin6_addr);
	return bind(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, bind_host_ipv6_address)
{
	long r = ATTEMPT(AT_INIT, g_bind6, 0,
		"bind() the host's IPv6 address (the guest has none) -> EADDRNOTAVAIL");
	REFUSED(r, errno, EADDRNOTAVAIL);
	HOST_OK();
}

static long g_connect6_lo(long unused)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(AT_PORT_LO),
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	return connect(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, connect_host_ipv6_loopback)
{
	long r = ATTEMPT(AT_INIT, g_connect6_lo, 0,
		"connect() to [::1] (the host's IPv6 loopback services) -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_abstract(long unused)
{
	struct sockaddr_un su = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	memcpy(su.sun_path + 1, AT_ABSTRACT, strlen(AT_ABSTRACT));
	return connect(fd, (void *)&su, offsetof(struct sockaddr_un, sun_path) +
		       1 + strlen(AT_ABSTRACT));
}

TEST_F(attack, abstract_unix_socket_of_host)
{
	long r = ATTEMPT(AT_INIT, g_abstract, 0,
		"connect() to a host service on an abstract UNIX address (not isolated by the root directory) -> refused");
	REFUSED(r, errno, 0);
	NO_ESCAPE(!at_reached(W->unix_fd), "the host's abstract UNIX listener got a connection");
	HOST_OK();
}

static long g_proc_net_tcp(long unused)
{
	char buf[8192], port[16];
	long n;

	n = read_file("/proc/net/tcp", buf, sizeof(buf));
	if (n < 0)
		return -2;
	snprintf(port, sizeof(port), ":%04X ", AT_PORT_LO);
	if (strstr(buf, port)) {
		NOTE("/proc/net/tcp shows the host's 127.0.0.1 listener");
		return 0;
	}
	snprintf(port, sizeof(port), ":%04X ", AT_PORT_H);
	if (strstr(buf, port)) {
		NOTE("/proc/net/tcp shows the host's listener");
		return 0;
	}
	return -1;
}

TEST_F(attack, proc_net_tcp_host_sockets)
{
	long r = ATTEMPT(AT_INIT, g_proc_net_tcp, 0,
		"read the host's sockets from /proc/net/tcp -> only its own");
	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

static long g_ifconf(long unused)
{
	struct ifreq ifr[32];
	struct ifconf ic = { .ifc_len = sizeof(ifr), .ifc_req = ifr };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), i, n;
	char ip[32];

	if (fd < 0 || ioctl(fd, SIOCGIFCONF, &ic))
		return -2;
	n = ic.ifc_len / sizeof(struct ifreq);
	for (i = 0; i < n; i++) {
		struct sockaddr_in *s = (struct sockaddr_in *)&ifr[i].ifr_addr;

		inet_ntop(AF_INET, &s->sin_addr, ip, sizeof(ip));
		if (strcmp(ip, AT_A4) && strcmp(ip, "127.0.0.1")) {
			NOTE("SIOCGIFCONF shows %s on %s", ip, ifr[i].ifr_name);
			return 0;
		}
	}
	return -1;
}

TEST_F(attack, list_host_addresses)
{
	long r = ATTEMPT(AT_INIT, g_ifconf, 0,
		"SIOCGIFCONF: list the host's and the other guest's addresses -> only its own");
	ASSERT_NE(-2, r);
	REFUSED(r, 0, 0);
	HOST_OK();
}

/* ================================================================== */
/* IPC and terminals                                                  */
/* ================================================================== */

static long g_shm(long id)
{
	int sid = shmget(AT_SHM_KEY, 0, 0);
	char *p;

	if (sid >= 0) {
		NOTE("found the host's segment by key");
		return 0;
	}
	p = shmat((int)id, NULL, 0);
	if (p != (void *)-1) {
		NOTE("attached the host's segment by id: %.20s", p);
		return 0;
	}
	return -1;
}

TEST_F(attack, sysv_shm_of_host)
{
	long r;

	if (W->shm_id < 0)
		AT_SKIP("no SysV shared memory");
	r = ATTEMPT(AT_INIT, g_shm, W->shm_id,
		"shmget() the host's shared memory by key, shmat() it by id -> EINVAL");
	REFUSED(r, errno, EINVAL);
	HOST_OK();
}

static long g_mq(long unused)
{
	mqd_t q = mq_open(AT_MQ, O_RDWR | O_NONBLOCK);

	if (q == (mqd_t)-1)
		return -1;
	mq_send(q, "x", 1, 0);
	return 0;
}

TEST_F(attack, posix_mqueue_of_host)
{
	long r;
	struct mq_attr ma;

	if (W->mq == (mqd_t)-1)
		AT_SKIP("no POSIX message queues");
	r = ATTEMPT(AT_INIT, g_mq, 0,
		"mq_open() the host's POSIX message queue -> ENOENT");
	REFUSED(r, errno, ENOENT);
	NO_ESCAPE(mq_getattr(W->mq, &ma) == 0 && ma.mq_curmsgs == 0,
		  "the host's queue got a message");
	HOST_OK();
}

static long g_tiocsti(long unused)
{
	char c = 'x';

	return ioctl(AT_FD_PTY, TIOCSTI, &c);
}

TEST_F(attack, tiocsti_host_terminal)
{
	char c;
	long r = ATTEMPT(AT_INIT, g_tiocsti, 0,
		"ioctl(TIOCSTI) on a host terminal handed in: type commands into the host's shell -> EPERM (EIO without CONFIG_LEGACY_TIOCSTI, as on Debian)");
	int e = errno;

	REFUSED(r, e, 0);
	if (r == -1)
		EXPECT_TRUE(e == EPERM || e == EIO)
			TH_LOG("refused with %s, expected EPERM or EIO", strerror(e));
	NO_ESCAPE(read(W->pty_slave, &c, 1) < 0,
		  "input appeared on the host's terminal");
	HOST_OK();
}

/* ================================================================== */
/* More ways around the rules                                         */
/* ================================================================== */

static long g_connect_mapped(long port)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(port) };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &sa.sin6_addr);
	return connect(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, connect_host_loopback_v4_mapped)
{
	long r = ATTEMPT(AT_INIT, g_connect_mapped, AT_PORT_LO,
		"connect() an IPv6 socket to ::ffff:127.0.0.1 (IPv4-mapped) to get around the loopback remapping -> refused");
	REFUSED(r, errno, 0);
	NO_ESCAPE(!at_reached(W->lo_fd), "the host's 127.0.0.1 listener got a connection");
	HOST_OK();
}

static long g_bind_mapped(long unused)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(4203) };
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return -2;
	inet_pton(AF_INET6, "::ffff:" AT_HOST4, &sa.sin6_addr);
	return bind(fd, (void *)&sa, sizeof(sa));
}

TEST_F(attack, bind_host_address_v4_mapped)
{
	long r = ATTEMPT(AT_INIT, g_bind_mapped, 0,
		"bind() an IPv6 socket to ::ffff:192.0.2.1 (the host's address, IPv4-mapped) -> refused");
	REFUSED(r, errno, 0);
	HOST_OK();
}

static long g_udp_mapped(long unused)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_port = htons(AT_PORT_U) };
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);

	if (fd < 0)
		return -2;
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &sa.sin6_addr);
	return sendto(fd, "x", 1, 0, (void *)&sa, sizeof(sa)) == 1 ? 0 : -1;
}

TEST_F(attack, udp_to_host_loopback_v4_mapped)
{
	long r = ATTEMPT(AT_INIT, g_udp_mapped, 0,
		"sendto() ::ffff:127.0.0.1 from an IPv6 UDP socket: a datagram to the host's 127.0.0.1 service");
	TH_LOG("sendto: %ld (%s)", r, strerror(errno));
	NO_ESCAPE(!at_reached(W->udp_fd), "the host's 127.0.0.1 UDP socket got a datagram");
	HOST_OK();
}

static long g_scm_creds(long pid)
{
	int sv[2];
	struct ucred uc = { .pid = (pid_t)pid, .uid = 0, .gid = 0 };
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { "x", 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = u.buf,
			     .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *c;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return -2;
	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(uc));
	memcpy(CMSG_DATA(c), &uc, sizeof(uc));
	return sendmsg(sv[0], &mh, 0) < 0 ? -1 : 0;
}

TEST_F(attack, scm_credentials_forge_host_pid)
{
	long r = ATTEMPT(AT_OUTER, g_scm_creds, HV,
		"sendmsg(SCM_CREDENTIALS) claiming to be a host task (pid) to a UNIX peer -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static int at_start_chrooted(void)
{
	W->gc = at_fork_guest(at_guest_chrooted, &W->gc_sock, -1, -1);
	return W->gc < 0 ? -1 : 0;
}

TEST_F(attack, double_chroot_from_chroot_only_guest)
{
	long r;

	ASSERT_EQ(0, at_start_chrooted())
		TH_LOG("cannot put a task into the guest: %s", W->why);
	r = ATTEMPT(AT_CHROOTED, g_double_chroot, 0,
		"classic double chroot from a guest task confined by chroot(2) alone (vcontext --migrate --chroot, no mount of its own) -> still in the guest's root");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run: %s",
				strerror(errno));
	REFUSED(r, 0, 0);
	HOST_OK();
}

TEST_F(attack, fchdir_chroot_from_chroot_only_guest)
{
	long r;

	ASSERT_EQ(0, at_start_chrooted())
		TH_LOG("cannot put a task into the guest: %s", W->why);
	r = ATTEMPT(AT_CHROOTED, g_fchdir_chroot, 0,
		"fchdir() to its root opened before a second chroot, then \"..\", in a guest confined by chroot(2) alone -> still in the guest's root");
	ASSERT_NE(-2, r) TH_LOG("the attempt could not run: %s",
				strerror(errno));
	REFUSED(r, 0, 0);
	HOST_OK();
}

TEST_HARNESS_MAIN
