// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - The limits of file locks (RLIMIT_LOCKS), System V
 * IPC (RLIMIT_MSGQUEUE, VLIMIT_SHMEM, VLIMIT_SEMARY, VLIMIT_NSEMS),
 * address space (RLIMIT_AS) and locked memory (RLIMIT_MEMLOCK).
 *
 * For each: a limit of N lets the context have N and refuses the N + 1st
 * with the errno of the kernel's own limit (ENOLCK, ENOSPC, ENOMEM,
 * EAGAIN), one hit per refusal; what is released counts no more, also
 * after 1000 cycles; what a task holds goes back when it exits.
 *
 * Address spaces count for the context that created them (fork, exec):
 * the tests use an agent forked inside the guest ("c"), not the agent
 * that created the context, whose address space was made in the host.
 *
 * Context ids 2000..2099.
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_helpers3.h"

#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define PAGE 4096L

/* Gives TEST(name) a time-out of secs seconds instead of 30. */
#define TEST_TIMEOUT(name, secs)					\
	static void __attribute__((constructor)) timeout_##name(void)	\
	{								\
		_##name##_object.timeout = (secs);			\
	}

#define SET_HARD(xid, id, hard)						\
	ASSERT_EQ(0, vs_set_hard(NULL, (xid), (id), (hard)))		\
		TH_LOG("set_rlimit(%u, %s, %llu): %s", (xid),		\
		       vs_limit_name(id), (unsigned long long)(hard),	\
		       strerror(errno))

#define EXPECT_VALUE(xid, id, v)					\
	EXPECT_EQ((long long)(v), vs_lvalue((xid), (id)))		\
		TH_LOG("value of %s", vs_limit_name(id))

#define EXPECT_HITS(xid, id, h)						\
	EXPECT_EQ((long long)(h), vs_lhits((xid), (id)))		\
		TH_LOG("hits of %s", vs_limit_name(id))

/* Call fn in agent a: it fails with errno err. */
#define CALL_FAILS(err, a, fn, ...)					\
	do {								\
		EXPECT_EQ(-1, VS_CALL(&(a), fn, __VA_ARGS__))		\
			TH_LOG(#fn " succeeded");			\
		EXPECT_EQ((err), errno) TH_LOG(#fn ": %s, want %s",	\
					       strerror(errno),		\
					       strerror(err));		\
	} while (0)

#define CALL_OK(a, fn, ...)						\
	ASSERT_LE(0, VS_CALL(&(a), fn, __VA_ARGS__))			\
		TH_LOG(#fn ": %s", strerror(errno))

/* A number from a file of /proc/sys; -1 if it cannot be read. */
static long read_long(const char *path)
{
	char buf[32];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strtol(buf, NULL, 10);
}

/* ------------------------------------------------------------------ */
/* In the agents                                                      */
/* ------------------------------------------------------------------ */

static int lock_fd = -1;

/* The agent's file for record locks, made on first use. */
static int lock_file(void)
{
	char path[64];

	if (lock_fd >= 0)
		return lock_fd;
	snprintf(path, sizeof(path), "/tmp/objlimit-%d", getpid());
	lock_fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (lock_fd >= 0)
		unlink(path);
	return lock_fd;
}

/* fcntl(F_SETLK) of type arg0 on [arg1, arg1 + arg2) of the lock file. */
static long fn_plock(struct vs_msg *m)
{
	struct flock fl = {
		.l_type = m->arg[0],
		.l_whence = SEEK_SET,
		.l_start = m->arg[1],
		.l_len = m->arg[2],
	};
	int fd = lock_file();

	if (fd < 0)
		return -1;
	return fcntl(fd, F_SETLK, &fl);
}

/* Opens a new file and flock()s it; kept.  Returns its index. */
static long fn_flock(struct vs_msg *m)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/objlimit-f%d-%d", getpid(),
		 vs_nheld);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	unlink(path);
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	vs_held[vs_nheld++] = fd;
	return vs_nheld - 1;
}

/* arg0 times: record lock and unlock, flock and close. */
static long fn_lock_cycles(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[0]; i++) {
		struct vs_msg l = { .arg = { F_WRLCK, 0, 10 } };

		if (fn_plock(&l))
			return -1;
		l.arg[0] = F_UNLCK;
		if (fn_plock(&l) || fn_flock(m) < 0)
			return -1;
		close(vs_held[--vs_nheld]);
	}
	return 0;
}

/* shmget(IPC_PRIVATE) of arg0 bytes: its id. */
static long fn_shmget(struct vs_msg *m)
{
	return shmget(IPC_PRIVATE, m->arg[0], IPC_CREAT | 0600);
}

/* msgget(IPC_PRIVATE): its id. */
static long fn_msgget(struct vs_msg *m)
{
	return msgget(IPC_PRIVATE, IPC_CREAT | 0600);
}

/* msgctl(IPC_SET) of queue arg0 to msg_qbytes arg1. */
static long fn_msgsize(struct vs_msg *m)
{
	struct msqid_ds ds;

	if (msgctl(m->arg[0], IPC_STAT, &ds))
		return -1;
	ds.msg_qbytes = m->arg[1];
	return msgctl(m->arg[0], IPC_SET, &ds);
}

/* semget(IPC_PRIVATE) of arg0 semaphores: its id. */
static long fn_semget(struct vs_msg *m)
{
	return semget(IPC_PRIVATE, m->arg[0], IPC_CREAT | 0600);
}

/* arg0 times: a segment, a queue and a set of 3, made and removed. */
static long fn_ipc_cycles(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[0]; i++) {
		int s = shmget(IPC_PRIVATE, 3 * PAGE, IPC_CREAT | 0600);
		int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
		int a = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);

		if (s < 0 || q < 0 || a < 0)
			return -1;
		if (shmctl(s, IPC_RMID, NULL) || msgctl(q, IPC_RMID, NULL) ||
		    semctl(a, 0, IPC_RMID))
			return -1;
	}
	return 0;
}

#define MAPS_MAX 64
static void *maps[MAPS_MAX];
static size_t map_len[MAPS_MAX];
static int nmaps;

/* mmap of arg0 anonymous pages, with flags arg1 (MAP_LOCKED); kept. */
static long fn_map(struct vs_msg *m)
{
	void *p;

	if (nmaps >= MAPS_MAX) {
		errno = ENOSPC;
		return -1;
	}
	p = mmap(NULL, m->arg[0] * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | m->arg[1], -1, 0);
	if (p == MAP_FAILED)
		return -1;
	maps[nmaps] = p;
	map_len[nmaps++] = m->arg[0] * PAGE;
	return nmaps - 1;
}

/* munmap of every mapping kept. */
static long fn_unmap_all(struct vs_msg *m)
{
	while (nmaps > 0) {
		nmaps--;
		if (munmap(maps[nmaps], map_len[nmaps]))
			return -1;
	}
	return 0;
}

/* mlock of arg1 pages of mapping arg0. */
static long fn_mlock(struct vs_msg *m)
{
	if (m->arg[0] >= nmaps) {
		errno = EINVAL;
		return -1;
	}
	return mlock(maps[m->arg[0]], m->arg[1] * PAGE);
}

/* munlock of mapping arg0. */
static long fn_munlock(struct vs_msg *m)
{
	if (m->arg[0] >= nmaps) {
		errno = EINVAL;
		return -1;
	}
	return munlock(maps[m->arg[0]], map_len[m->arg[0]]);
}

static long fn_mlockall(struct vs_msg *m)
{
	return mlockall(m->arg[0]);
}

static long fn_munlockall(struct vs_msg *m)
{
	return munlockall();
}

/* Moves the program break by arg0 pages (may be negative). */
static long fn_brk(struct vs_msg *m)
{
	return sbrk(m->arg[0] * PAGE) == (void *)-1 ? -1 : 0;
}

/* arg0 times: map 8 pages, lock 4, unmap. */
static long fn_map_cycles(struct vs_msg *m)
{
	long i;

	for (i = 0; i < m->arg[0]; i++) {
		void *p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED || mlock(p, 4 * PAGE) ||
		    munmap(p, 8 * PAGE))
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* RLIMIT_LOCKS                                                       */
/* ------------------------------------------------------------------ */

TEST(locks_limit_of_n_allows_n_record_locks)
{
	struct vs_agent g;
	long long base;

	VS_RUNNING_GUEST(g, 2000, VXF_INIT_SET);
	base = vs_lvalue(2000, RLIMIT_LOCKS);
	ASSERT_EQ(0, base);
	SET_HARD(2000, RLIMIT_LOCKS, 3);

	/* Three ranges apart are three locks. */
	CALL_OK(g, fn_plock, F_WRLCK, 0, 1);
	CALL_OK(g, fn_plock, F_WRLCK, 2, 1);
	CALL_OK(g, fn_plock, F_RDLCK, 4, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 3);
	CALL_FAILS(ENOLCK, g, fn_plock, F_WRLCK, 6, 1);
	EXPECT_HITS(2000, RLIMIT_LOCKS, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 3);

	/* At the limit: a lock that merges ranges, one that replaces one. */
	CALL_OK(g, fn_plock, F_WRLCK, 1, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 2);	/* [0,3) merged, [4,5) */
	CALL_OK(g, fn_plock, F_WRLCK, 6, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 3);
	CALL_OK(g, fn_plock, F_WRLCK, 4, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 3);

	/* An unlock frees a place. */
	CALL_OK(g, fn_plock, F_UNLCK, 4, 1);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 2);
	CALL_OK(g, fn_plock, F_WRLCK, 10, 1);
	CALL_FAILS(ENOLCK, g, fn_plock, F_WRLCK, 12, 1);
	EXPECT_HITS(2000, RLIMIT_LOCKS, 2);

	/* Unlocking everything gives all back. */
	CALL_OK(g, fn_plock, F_UNLCK, 0, 0);
	EXPECT_VALUE(2000, RLIMIT_LOCKS, 0);
	vs_agents_stop_all();
}

TEST(locks_unlock_that_splits_a_range_counts)
{
	struct vs_agent g;

	VS_RUNNING_GUEST(g, 2001, VXF_INIT_SET);
	SET_HARD(2001, RLIMIT_LOCKS, 2);
	CALL_OK(g, fn_plock, F_WRLCK, 0, 100);
	CALL_OK(g, fn_plock, F_WRLCK, 200, 100);
	/* A hole in [0,100) would make three locks. */
	CALL_FAILS(ENOLCK, g, fn_plock, F_UNLCK, 50, 10);
	/* So would a read lock in the middle of one (three pieces). */
	CALL_FAILS(ENOLCK, g, fn_plock, F_RDLCK, 250, 10);
	EXPECT_VALUE(2001, RLIMIT_LOCKS, 2);
	EXPECT_HITS(2001, RLIMIT_LOCKS, 2);
	/* Trimming an end splits nothing. */
	CALL_OK(g, fn_plock, F_UNLCK, 90, 10);
	EXPECT_VALUE(2001, RLIMIT_LOCKS, 2);
	CALL_OK(g, fn_plock, F_UNLCK, 0, 90);
	EXPECT_VALUE(2001, RLIMIT_LOCKS, 1);
	/* With room, the split is made. */
	CALL_OK(g, fn_plock, F_UNLCK, 250, 10);
	EXPECT_VALUE(2001, RLIMIT_LOCKS, 2);
	CALL_OK(g, fn_plock, F_UNLCK, 0, 0);
	EXPECT_VALUE(2001, RLIMIT_LOCKS, 0);
	vs_agents_stop_all();
}

TEST(locks_flock_counts_and_close_gives_back)
{
	struct vs_agent g;

	VS_RUNNING_GUEST(g, 2002, VXF_INIT_SET);
	SET_HARD(2002, RLIMIT_LOCKS, 2);
	CALL_OK(g, fn_flock, 0);
	CALL_OK(g, fn_flock, 0);
	EXPECT_VALUE(2002, RLIMIT_LOCKS, 2);
	CALL_FAILS(ENOLCK, g, fn_flock, 0);
	EXPECT_HITS(2002, RLIMIT_LOCKS, 1);
	/* A record lock is a lock too. */
	CALL_FAILS(ENOLCK, g, fn_plock, F_WRLCK, 0, 1);
	EXPECT_HITS(2002, RLIMIT_LOCKS, 2);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_close, 1));
	EXPECT_VALUE(2002, RLIMIT_LOCKS, 1);
	CALL_OK(g, fn_plock, F_WRLCK, 0, 1);
	EXPECT_VALUE(2002, RLIMIT_LOCKS, 2);
	ASSERT_EQ(1, VS_CALL(&g, vs_fn_close, 0));
	EXPECT_VALUE(2002, RLIMIT_LOCKS, 1);
	vs_agents_stop_all();
}

TEST(locks_of_an_exiting_task_are_given_back)
{
	struct vs_agent g, c;

	VS_RUNNING_GUEST(g, 2003, VXF_INIT_SET);
	VS_FORK_CLEAN(g, c);
	CALL_OK(c, fn_plock, F_WRLCK, 0, 1);
	CALL_OK(c, fn_plock, F_WRLCK, 5, 1);
	CALL_OK(c, fn_flock, 0);
	EXPECT_VALUE(2003, RLIMIT_LOCKS, 3);
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_VALUE(2003, RLIMIT_LOCKS, 0);
	vs_agents_stop_all();
}

TEST(locks_no_drift_after_1000_cycles)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g;

	VS_RUNNING_GUEST(g, 2004, VXF_INIT_SET);
	SET_HARD(2004, RLIMIT_LOCKS, 1);
	ASSERT_EQ(0, VS_CALL(&g, fn_lock_cycles, 1000))
		TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 2004, RLIMIT_LOCKS, &st));
	EXPECT_EQ(0, st.value);
	EXPECT_EQ(1, st.maximum);
	EXPECT_EQ(0, st.hits);
	CALL_OK(g, fn_plock, F_WRLCK, 0, 1);
	CALL_FAILS(ENOLCK, g, fn_plock, F_WRLCK, 5, 1);
	vs_agents_stop_all();
}
TEST_TIMEOUT(locks_no_drift_after_1000_cycles, 120)

/* ------------------------------------------------------------------ */
/* System V IPC                                                       */
/* ------------------------------------------------------------------ */

TEST(shmem_limit_in_pages)
{
	struct vs_agent g;
	long id, id2;
	void *p;

	VS_RUNNING_GUEST(g, 2010, VXF_INIT_SET);
	SET_HARD(2010, VLIMIT_SHMEM, 10);
	id = VS_CALL(&g, fn_shmget, 6 * PAGE);
	ASSERT_LE(0, id) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2010, VLIMIT_SHMEM, 6);
	/* 4 pages more fit, 4 pages and a byte do not. */
	CALL_FAILS(ENOSPC, g, fn_shmget, 4 * PAGE + 1);
	EXPECT_HITS(2010, VLIMIT_SHMEM, 1);
	id2 = VS_CALL(&g, fn_shmget, 4 * PAGE);
	ASSERT_LE(0, id2) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2010, VLIMIT_SHMEM, 10);
	CALL_FAILS(ENOSPC, g, fn_shmget, 1);

	/* Removed while attached (here, by the host): charged until gone. */
	p = shmat(id, NULL, 0);
	ASSERT_NE((void *)-1, p) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, shmctl(id, IPC_RMID, NULL));
	EXPECT_VALUE(2010, VLIMIT_SHMEM, 10);
	ASSERT_EQ(0, shmdt(p));
	EXPECT_VALUE(2010, VLIMIT_SHMEM, 4);
	ASSERT_EQ(0, shmctl(id2, IPC_RMID, NULL));
	EXPECT_VALUE(2010, VLIMIT_SHMEM, 0);
	vs_agents_stop_all();
}

TEST(msgqueue_limit_in_bytes_of_capacity)
{
	struct msqid_ds ds;
	struct vs_agent g;
	long q1, q2, q3;
	long mnb;

	VS_RUNNING_GUEST(g, 2011, VXF_INIT_SET);
	mnb = read_long("/proc/sys/kernel/msgmnb");
	ASSERT_LT(0, mnb);
	SET_HARD(2011, RLIMIT_MSGQUEUE, 2 * mnb);
	q1 = VS_CALL(&g, fn_msgget, 0);
	ASSERT_LE(0, q1) TH_LOG("%s", strerror(errno));
	q2 = VS_CALL(&g, fn_msgget, 0);
	ASSERT_LE(0, q2) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2011, RLIMIT_MSGQUEUE, 2 * mnb);
	CALL_FAILS(ENOSPC, g, fn_msgget, 0);
	EXPECT_HITS(2011, RLIMIT_MSGQUEUE, 1);

	/* A smaller capacity gives room back; a larger one takes it. */
	CALL_OK(g, fn_msgsize, q1, mnb / 2);
	CALL_OK(g, fn_msgsize, q2, mnb / 2);
	EXPECT_VALUE(2011, RLIMIT_MSGQUEUE, mnb);
	q3 = VS_CALL(&g, fn_msgget, 0);
	ASSERT_LE(0, q3) TH_LOG("%s", strerror(errno));
	CALL_FAILS(ENOSPC, g, fn_msgsize, q1, mnb / 2 + 1);
	EXPECT_HITS(2011, RLIMIT_MSGQUEUE, 2);
	ASSERT_EQ(0, msgctl(q1, IPC_STAT, &ds));
	EXPECT_EQ((unsigned long)mnb / 2, ds.msg_qbytes);

	ASSERT_EQ(0, msgctl(q1, IPC_RMID, NULL));
	ASSERT_EQ(0, msgctl(q2, IPC_RMID, NULL));
	ASSERT_EQ(0, msgctl(q3, IPC_RMID, NULL));
	EXPECT_VALUE(2011, RLIMIT_MSGQUEUE, 0);
	vs_agents_stop_all();
}

TEST(semaphore_sets_and_semaphores)
{
	struct vs_agent g;
	long a, b, c;

	VS_RUNNING_GUEST(g, 2012, VXF_INIT_SET);
	SET_HARD(2012, VLIMIT_SEMARY, 2);
	SET_HARD(2012, VLIMIT_NSEMS, 10);
	a = VS_CALL(&g, fn_semget, 5);
	ASSERT_LE(0, a) TH_LOG("%s", strerror(errno));
	b = VS_CALL(&g, fn_semget, 4);
	ASSERT_LE(0, b) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2012, VLIMIT_SEMARY, 2);
	EXPECT_VALUE(2012, VLIMIT_NSEMS, 9);
	/* A third set: SEMARY refuses. */
	CALL_FAILS(ENOSPC, g, fn_semget, 1);
	EXPECT_HITS(2012, VLIMIT_SEMARY, 1);
	EXPECT_HITS(2012, VLIMIT_NSEMS, 0);

	/* Room for a set, not for 6 semaphores: nothing stays charged. */
	ASSERT_EQ(0, semctl(b, 0, IPC_RMID));
	EXPECT_VALUE(2012, VLIMIT_SEMARY, 1);
	EXPECT_VALUE(2012, VLIMIT_NSEMS, 5);
	CALL_FAILS(ENOSPC, g, fn_semget, 6);
	EXPECT_HITS(2012, VLIMIT_NSEMS, 1);
	EXPECT_VALUE(2012, VLIMIT_SEMARY, 1);
	EXPECT_VALUE(2012, VLIMIT_NSEMS, 5);
	c = VS_CALL(&g, fn_semget, 5);
	ASSERT_LE(0, c) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2012, VLIMIT_NSEMS, 10);

	ASSERT_EQ(0, semctl(a, 0, IPC_RMID));
	ASSERT_EQ(0, semctl(c, 0, IPC_RMID));
	EXPECT_VALUE(2012, VLIMIT_SEMARY, 0);
	EXPECT_VALUE(2012, VLIMIT_NSEMS, 0);
	vs_agents_stop_all();
}

TEST(ipc_object_stays_charged_after_its_creator_exits)
{
	struct vs_agent g, c;
	long id;

	VS_RUNNING_GUEST(g, 2013, VXF_INIT_SET);
	VS_FORK_CLEAN(g, c);
	id = VS_CALL(&c, fn_shmget, 3 * PAGE);
	ASSERT_LE(0, id) TH_LOG("%s", strerror(errno));
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_VALUE(2013, VLIMIT_SHMEM, 3);
	ASSERT_EQ(0, shmctl(id, IPC_RMID, NULL));
	EXPECT_VALUE(2013, VLIMIT_SHMEM, 0);
	vs_agents_stop_all();
}

TEST(ipc_no_drift_after_1000_cycles)
{
	struct vs_agent g;
	long mnb = read_long("/proc/sys/kernel/msgmnb");

	VS_RUNNING_GUEST(g, 2014, VXF_INIT_SET);
	SET_HARD(2014, VLIMIT_SHMEM, 3);
	SET_HARD(2014, RLIMIT_MSGQUEUE, mnb);
	SET_HARD(2014, VLIMIT_SEMARY, 1);
	SET_HARD(2014, VLIMIT_NSEMS, 3);
	ASSERT_EQ(0, VS_CALL(&g, fn_ipc_cycles, 1000))
		TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2014, VLIMIT_SHMEM, 0);
	EXPECT_VALUE(2014, RLIMIT_MSGQUEUE, 0);
	EXPECT_VALUE(2014, VLIMIT_SEMARY, 0);
	EXPECT_VALUE(2014, VLIMIT_NSEMS, 0);
	EXPECT_HITS(2014, VLIMIT_SHMEM, 0);
	EXPECT_HITS(2014, RLIMIT_MSGQUEUE, 0);
	EXPECT_HITS(2014, VLIMIT_SEMARY, 0);
	EXPECT_HITS(2014, VLIMIT_NSEMS, 0);
	vs_agents_stop_all();
}
TEST_TIMEOUT(ipc_no_drift_after_1000_cycles, 120)

/* ------------------------------------------------------------------ */
/* RLIMIT_AS                                                          */
/* ------------------------------------------------------------------ */

TEST(as_limit_in_pages_for_mmap_brk_and_fork)
{
	struct vs_agent g, c;
	long long base;

	VS_RUNNING_GUEST(g, 2020, VXF_INIT_SET);
	/* The creator's address space was made in the host. */
	EXPECT_VALUE(2020, RLIMIT_AS, 0);
	VS_FORK_CLEAN(g, c);
	base = vs_lvalue(2020, RLIMIT_AS);
	ASSERT_LT(0, base);
	SET_HARD(2020, RLIMIT_AS, base + 16);

	CALL_OK(c, fn_map, 10, 0);
	EXPECT_VALUE(2020, RLIMIT_AS, base + 10);
	CALL_FAILS(ENOMEM, c, fn_map, 7, 0);
	EXPECT_HITS(2020, RLIMIT_AS, 1);
	CALL_OK(c, fn_map, 6, 0);
	EXPECT_VALUE(2020, RLIMIT_AS, base + 16);
	CALL_FAILS(ENOMEM, c, fn_map, 1, 0);
	CALL_FAILS(ENOMEM, c, fn_brk, 1);
	EXPECT_HITS(2020, RLIMIT_AS, 3);
	/* A fork would double it. */
	EXPECT_EQ(0, VS_CALL(&c, vs_fn_spawn, 1));
	EXPECT_EQ(ENOMEM, errno) TH_LOG("%s", strerror(errno));
	EXPECT_HITS(2020, RLIMIT_AS, 4);
	EXPECT_VALUE(2020, RLIMIT_AS, base + 16);
	/* The host agent is not held by it. */
	CALL_OK(g, fn_map, 64, 0);
	EXPECT_VALUE(2020, RLIMIT_AS, base + 16);

	ASSERT_EQ(0, VS_CALL(&c, fn_unmap_all));
	EXPECT_VALUE(2020, RLIMIT_AS, base);
	CALL_OK(c, fn_brk, 4);
	EXPECT_VALUE(2020, RLIMIT_AS, base + 4);
	CALL_OK(c, fn_brk, -4);
	EXPECT_VALUE(2020, RLIMIT_AS, base);
	/* Room for a fork now; the child's copy counts. */
	SET_HARD(2020, RLIMIT_AS, 3 * base);
	EXPECT_EQ(1, VS_CALL(&c, vs_fn_spawn, 1)) TH_LOG("%s", strerror(errno));
	EXPECT_LT(base, vs_lvalue(2020, RLIMIT_AS));
	EXPECT_EQ(1, VS_CALL(&c, vs_fn_unspawn, 0));
	EXPECT_VALUE(2020, RLIMIT_AS, base);
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_VALUE(2020, RLIMIT_AS, 0);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* RLIMIT_MEMLOCK                                                     */
/* ------------------------------------------------------------------ */

TEST(memlock_limit_in_pages)
{
	struct vs_agent g, c;
	long m;

	VS_RUNNING_GUEST(g, 2030, VXF_INIT_SET);
	VS_FORK_CLEAN(g, c);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 0);
	SET_HARD(2030, RLIMIT_MEMLOCK, 8);
	m = VS_CALL(&c, fn_map, 16, 0);
	ASSERT_LE(0, m) TH_LOG("%s", strerror(errno));

	CALL_OK(c, fn_mlock, m, 8);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 8);
	/* Locking what is locked again takes nothing more. */
	CALL_OK(c, fn_mlock, m, 8);
	CALL_FAILS(ENOMEM, c, fn_mlock, m, 9);
	EXPECT_HITS(2030, RLIMIT_MEMLOCK, 1);
	CALL_FAILS(EAGAIN, c, fn_map, 1, MAP_LOCKED);
	CALL_FAILS(ENOMEM, c, fn_mlockall, MCL_CURRENT);
	EXPECT_HITS(2030, RLIMIT_MEMLOCK, 3);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 8);

	CALL_OK(c, fn_munlock, m);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 0);
	CALL_OK(c, fn_map, 8, MAP_LOCKED);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 8);
	CALL_OK(c, fn_munlockall, 0);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 0);
	/* Unmapping a locked range gives it back; so does exit. */
	CALL_OK(c, fn_mlock, m, 4);
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 4);
	ASSERT_EQ(0, VS_CALL(&c, fn_unmap_all));
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 0);
	m = VS_CALL(&c, fn_map, 4, MAP_LOCKED);
	ASSERT_LE(0, m) TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 4);
	ASSERT_EQ(0, vs_agent_stop(&c));
	EXPECT_VALUE(2030, RLIMIT_MEMLOCK, 0);
	vs_agents_stop_all();
}

TEST(as_and_memlock_no_drift_after_1000_cycles)
{
	struct vcmd_rlimit_stat_v0 st;
	struct vs_agent g, c;
	long long base;

	VS_RUNNING_GUEST(g, 2031, VXF_INIT_SET);
	VS_FORK_CLEAN(g, c);
	base = vs_lvalue(2031, RLIMIT_AS);
	ASSERT_LT(0, base);
	SET_HARD(2031, RLIMIT_AS, base + 8);
	SET_HARD(2031, RLIMIT_MEMLOCK, 4);
	ASSERT_EQ(0, VS_CALL(&c, fn_map_cycles, 1000))
		TH_LOG("%s", strerror(errno));
	EXPECT_VALUE(2031, RLIMIT_AS, base);
	EXPECT_VALUE(2031, RLIMIT_MEMLOCK, 0);
	ASSERT_EQ(0, vs_rlimit_stat(NULL, 2031, RLIMIT_AS, &st));
	EXPECT_EQ(base + 8, st.maximum);
	EXPECT_EQ(0, st.hits);
	EXPECT_HITS(2031, RLIMIT_MEMLOCK, 0);
	/* Exactly: 8 pages, not 9. */
	CALL_OK(c, fn_map, 8, 0);
	CALL_FAILS(ENOMEM, c, fn_map, 1, 0);
	vs_agents_stop_all();
}
TEST_TIMEOUT(as_and_memlock_no_drift_after_1000_cycles, 120)

TEST_HARNESS_MAIN
