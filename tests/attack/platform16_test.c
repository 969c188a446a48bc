// SPDX-License-Identifier: GPL-2.0
/*
 * vserver hostile-guest suite, the subsystems of a distribution kernel:
 * attempts by root in a guest through io_uring, bpf, userfaultfd, the
 * key rings, inotify and fanotify, overlayfs and FUSE mounts, kexec and
 * module loading.  The world and the verdicts are attack.h's (see
 * hostile_test.c); every attempt is one test and tests/attack/README
 * lists them.  An attempt whose syscall this kernel lacks (ENOSYS) is
 * skipped and not counted; the test kernel (kernel/configs/qemu.config)
 * builds them all in, as Debian's config does.
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/io_uring.h>
#include <linux/kexec.h>
#include <linux/keyctl.h>
#include <linux/userfaultfd.h>
#include <mqueue.h>
#include <sched.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/timex.h>
#include <sys/uio.h>

#include "kselftest_harness.h"
#include "vs_net.h"
#include "vs_helpers3.h"
#include "attack.h"

#ifndef KEXEC_FILE_UNLOAD
#define KEXEC_FILE_UNLOAD	0x00000001
#endif
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY	1
#endif

AT_WORLD_FIXTURE(at_no_down)

/* attack.h's helpers for attempts this program does not make. */
static const void *const at_unused[] __attribute__((unused)) = {
	at_outside_root, at_guest_chrooted,
};

static long sys_ret(long r)
{
	return r < 0 ? -1 : r;
}

static int p_sa(struct sockaddr_in *sa, const char *ip, int port)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

/* ================================================================== */
/* io_uring: the same rules as the syscalls                           */
/* ================================================================== */

/* One ring, mapped by hand (no liburing in the VM). */
struct ur {
	int fd;
	unsigned int *sq_tail, *sq_mask, *sq_array;
	unsigned int *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

static int ur_setup(struct ur *u)
{
	struct io_uring_params p;
	char *sq, *cq;

	memset(&p, 0, sizeof(p));
	u->fd = syscall(__NR_io_uring_setup, 4, &p);
	if (u->fd < 0)
		return -1;
	sq = mmap(NULL, p.sq_off.array + p.sq_entries * sizeof(unsigned int),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL, p.cq_off.cqes +
		  p.cq_entries * sizeof(struct io_uring_cqe),
		  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd,
		  IORING_OFF_CQ_RING);
	u->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       u->fd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || u->sqes == MAP_FAILED)
		return -1;
	u->sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	u->sq_mask = (unsigned int *)(sq + p.sq_off.ring_mask);
	u->sq_array = (unsigned int *)(sq + p.sq_off.array);
	u->cq_head = (unsigned int *)(cq + p.cq_off.head);
	u->cq_tail = (unsigned int *)(cq + p.cq_off.tail);
	u->cq_mask = (unsigned int *)(cq + p.cq_off.ring_mask);
	u->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return 0;
}

/* Submits e and waits for it: its result, -1 with errno on failure. */
static long ur_run(const struct io_uring_sqe *e)
{
	static struct ur u;
	unsigned int tail, head, i;
	int res;

	if (!u.sqes && ur_setup(&u))
		return -1;
	tail = *u.sq_tail;
	i = tail & *u.sq_mask;
	u.sqes[i] = *e;
	u.sq_array[i] = i;
	__atomic_store_n(u.sq_tail, tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, u.fd, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0)
		return -1;
	head = *u.cq_head;
	if (head == __atomic_load_n(u.cq_tail, __ATOMIC_ACQUIRE)) {
		errno = EIO;
		return -1;
	}
	res = u.cqes[head & *u.cq_mask].res;
	__atomic_store_n(u.cq_head, head + 1, __ATOMIC_RELEASE);
	if (res < 0) {
		errno = -res;
		return -1;
	}
	return res;
}

/* IORING_OP_CONNECT of a TCP socket to at_arg(ip, port). */
static long g_ur_connect(long arg)
{
	struct io_uring_sqe e;
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || p_sa(&sa, (const char *)arg, atoi(at_arg2(arg))))
		return -2;
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_CONNECT;
	e.fd = fd;
	e.addr = (unsigned long)&sa;
	e.off = sizeof(sa);
	return ur_run(&e);
}

#define UR_SKIP_IF_MISSING(r)						\
	do {								\
		if ((r) == -1 && (errno == ENOSYS || errno == EINVAL))	\
			AT_SKIP("no io_uring or no such operation");	\
	} while (0)

TEST_F(attack, io_uring_connect_host_loopback_service)
{
	long r = ATTEMPT(AT_INIT, g_ur_connect, at_arg("127.0.0.1", "4101"),
		"io_uring CONNECT to a host service on 127.0.0.1 (as connect(): the guest's own loopback) -> ECONNREFUSED");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no io_uring");
	REFUSED(r, errno, ECONNREFUSED);
	NO_ESCAPE(!at_reached(W->lo_fd), "the host's 127.0.0.1 listener got a connection");
	HOST_OK();
}

TEST_F(attack, io_uring_connect_other_loopback_address)
{
	long r = ATTEMPT(AT_INIT, g_ur_connect, at_arg("127.0.0.2", "4101"),
		"io_uring CONNECT to another loopback address, 127.0.0.2 (as connect()) -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no io_uring");
	REFUSED(r, errno, EPERM);
	NO_ESCAPE(!at_reached(W->lo_fd), "the host's 127.0.0.1 listener got a connection");
	HOST_OK();
}

static long g_ur_bind(long ip)
{
	struct io_uring_sqe e;
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || p_sa(&sa, (const char *)ip, 4200))
		return -2;
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_BIND;
	e.fd = fd;
	e.addr = (unsigned long)&sa;
	e.addr2 = sizeof(sa);
	return ur_run(&e);
}

TEST_F(attack, io_uring_bind_host_address)
{
	long r = ATTEMPT(AT_INIT, g_ur_bind, (long)AT_HOST4,
		"io_uring BIND the host's address 192.0.2.1 (as bind()) -> EADDRNOTAVAIL");
	UR_SKIP_IF_MISSING(r);
	REFUSED(r, errno, EADDRNOTAVAIL);
	HOST_OK();
}

/* IORING_OP_SENDMSG of a datagram to the host's 127.0.0.1 UDP socket. */
static long g_ur_sendmsg(long unused)
{
	struct io_uring_sqe e;
	struct sockaddr_in sa;
	struct iovec iov = { "x", 1 };
	struct msghdr mh = { .msg_name = &sa, .msg_namelen = sizeof(sa),
			     .msg_iov = &iov, .msg_iovlen = 1 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || p_sa(&sa, "127.0.0.1", AT_PORT_U))
		return -2;
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_SENDMSG;
	e.fd = fd;
	e.addr = (unsigned long)&mh;
	e.len = 1;
	return ur_run(&e);
}

TEST_F(attack, io_uring_sendmsg_host_loopback_udp)
{
	long r = ATTEMPT(AT_INIT, g_ur_sendmsg, 0,
		"io_uring SENDMSG to a host UDP service on 127.0.0.1 -> reaches only the guest's own loopback");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no io_uring");
	TH_LOG("sendmsg: %ld (%s)", r, r < 0 ? strerror(errno) : "sent");
	NO_ESCAPE(!at_reached(W->udp_fd), "the host's 127.0.0.1 UDP socket got a datagram");
	HOST_OK();
}

static long g_ur_sendmsg_host(long unused)
{
	struct io_uring_sqe e;
	struct sockaddr_in sa;
	struct iovec iov = { "x", 1 };
	struct msghdr mh = { .msg_name = &sa, .msg_namelen = sizeof(sa),
			     .msg_iov = &iov, .msg_iovlen = 1 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in src;

	if (fd < 0 || p_sa(&sa, AT_HOST4, AT_PORT_UH) ||
	    p_sa(&src, AT_HOST4, 4202))
		return -2;
	/* Send from the host's address: bound by io_uring too. */
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_BIND;
	e.fd = fd;
	e.addr = (unsigned long)&src;
	e.addr2 = sizeof(src);
	if (ur_run(&e) == 0)
		NOTE("bound the host's address");
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_SENDMSG;
	e.fd = fd;
	e.addr = (unsigned long)&mh;
	e.len = 1;
	return ur_run(&e);
}

TEST_F(attack, io_uring_sendmsg_from_host_address)
{
	char buf[4];
	struct sockaddr_in from;
	socklen_t fl = sizeof(from);
	ssize_t n;
	long r = ATTEMPT(AT_INIT, g_ur_sendmsg_host, 0,
		"io_uring BIND the host's address, then SENDMSG to the host's UDP service: a datagram from 192.0.2.1 -> none");

	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no io_uring");
	NO_ESCAPE(!strstr(at_sh->res.note, "bound"), "the guest bound the host's address");
	n = recvfrom(W->udph_fd, buf, sizeof(buf), MSG_DONTWAIT,
		     (void *)&from, &fl);
	NO_ESCAPE(n < 0 || from.sin_addr.s_addr != inet_addr(AT_HOST4),
		  "the host's UDP socket got a datagram from the host's own address");
	HOST_OK();
}

/* IORING_OP_OPENAT of a path, and openat(2) of it, compared. */
static long g_ur_openat(long path)
{
	struct io_uring_sqe e;
	long r;
	int sys_errno;

	r = openat(AT_FDCWD, (const char *)path, O_RDONLY);
	sys_errno = r < 0 ? errno : 0;
	memset(&e, 0, sizeof(e));
	e.opcode = IORING_OP_OPENAT;
	e.fd = AT_FDCWD;
	e.addr = (unsigned long)path;
	e.open_flags = O_RDONLY;
	r = ur_run(&e);
	if (r >= 0) {
		char buf[64] = "";

		if (read(r, buf, sizeof(buf) - 1) > 0)
			NOTE("read: %s", buf);
	}
	at_sh->res.v[0] = sys_errno;
	return r;
}

TEST_F(attack, io_uring_openat_outside_root)
{
	long r = ATTEMPT(AT_INIT, g_ur_openat, at_arg("/../../../host-secret", NULL),
		"io_uring OPENAT of a file outside the guest's root by '..' (as openat(): '..' stops at the root) -> ENOENT");

	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no io_uring");
	REFUSED(r, errno, ENOENT);
	EXPECT_EQ(ENOENT, at_sh->res.v[0]) TH_LOG("openat(2) said %s",
						  strerror(at_sh->res.v[0]));
	NO_ESCAPE(!strstr(at_sh->res.note, "HOST-SECRET"), "read the host's secret");
	HOST_OK();
}

/* ================================================================== */
/* bpf                                                                */
/* ================================================================== */

static long p_bpf(int cmd, union bpf_attr *a)
{
	return syscall(__NR_bpf, cmd, a, sizeof(*a));
}

/* Loads "r0 = 0; exit" as a program of type t. */
static long g_bpf_prog(long t)
{
	struct bpf_insn insn[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = t;
	a.insns = (unsigned long)insn;
	a.insn_cnt = 2;
	a.license = (unsigned long)"GPL";
	return sys_ret(p_bpf(BPF_PROG_LOAD, &a));
}

TEST_F(attack, bpf_load_kprobe_program)
{
	long r = ATTEMPT(AT_INIT, g_bpf_prog, BPF_PROG_TYPE_KPROBE,
		"bpf(PROG_LOAD) a kprobe program: run code on every host task's kernel path -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no bpf(2)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, bpf_load_socket_filter)
{
	long r = ATTEMPT(AT_INIT, g_bpf_prog, BPF_PROG_TYPE_SOCKET_FILTER,
		"bpf(PROG_LOAD) a socket filter (unprivileged BPF is off, as on Debian) -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no bpf(2)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_bpf_next_id(long unused)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	return sys_ret(p_bpf(BPF_PROG_GET_NEXT_ID, &a));
}

TEST_F(attack, bpf_enumerate_host_programs)
{
	long r = ATTEMPT(AT_INIT, g_bpf_next_id, 0,
		"bpf(PROG_GET_NEXT_ID): list the host's BPF programs -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no bpf(2)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* userfaultfd                                                        */
/* ================================================================== */

static long g_userfaultfd(long flags)
{
	return sys_ret(syscall(__NR_userfaultfd, O_CLOEXEC | flags));
}

TEST_F(attack, userfaultfd_kernel_faults)
{
	long r = ATTEMPT(AT_INIT, g_userfaultfd, 0,
		"userfaultfd() handling kernel faults (stall the kernel in copy_from_user, vm.unprivileged_userfaultfd=0) -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no userfaultfd(2)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* Key rings                                                          */
/* ================================================================== */

#define AT_KEY_DESC	"vs-attack-host-key"
#define AT_KEY_SECRET	"HOST-KEY-SECRET"

static long p_keyctl(int cmd, unsigned long a2, unsigned long a3,
		     unsigned long a4, unsigned long a5)
{
	return syscall(__NR_keyctl, cmd, a2, a3, a4, a5);
}

/* The host's key, in uid 0's user keyring (the host side). */
static long at_host_key(void)
{
	return syscall(__NR_add_key, "user", AT_KEY_DESC, AT_KEY_SECRET,
		       strlen(AT_KEY_SECRET), KEY_SPEC_USER_KEYRING);
}

/* Reads key arg (a serial; 0: search uid 0's user keyring for it). */
static long g_key_read(long serial)
{
	char buf[64] = "";
	long r;

	if (!serial) {
		serial = p_keyctl(KEYCTL_SEARCH, KEY_SPEC_USER_KEYRING,
				  (unsigned long)"user",
				  (unsigned long)AT_KEY_DESC, 0);
		if (serial < 0)
			return -1;
		NOTE("found the key");
	}
	r = p_keyctl(KEYCTL_READ, serial, (unsigned long)buf,
		     sizeof(buf) - 1, 0);
	if (r > 0)
		NOTE("read: %s", buf);
	return sys_ret(r);
}

TEST_F(attack, keyctl_search_host_user_keyring)
{
	long key = at_host_key(), r;

	if (key < 0 && errno == ENOSYS)
		AT_SKIP("no key rings (CONFIG_KEYS=n)");
	ASSERT_LT(0, key) TH_LOG("the host cannot add a key: %s", strerror(errno));
	r = ATTEMPT(AT_INIT, g_key_read, 0,
		"keyctl(SEARCH, @u) for a key of the host's root in uid 0's user keyring, then READ it -> fails");
	p_keyctl(KEYCTL_INVALIDATE, key, 0, 0, 0);
	REFUSED(r, errno, 0);
	NO_ESCAPE(!strstr(at_sh->res.note, AT_KEY_SECRET), "the guest read the host's key");
	HOST_OK();
}

TEST_F(attack, keyctl_read_host_key_by_serial)
{
	long key = at_host_key(), r;
	int e;

	if (key < 0 && errno == ENOSYS)
		AT_SKIP("no key rings (CONFIG_KEYS=n)");
	ASSERT_LT(0, key) TH_LOG("the host cannot add a key: %s", strerror(errno));
	r = ATTEMPT(AT_INIT, g_key_read, key,
		"keyctl(READ) a key of the host's root by its serial -> EACCES or ENOKEY");
	e = errno;
	p_keyctl(KEYCTL_INVALIDATE, key, 0, 0, 0);
	REFUSED(r, e, 0);
	if (r == -1)
		EXPECT_TRUE(e == EACCES || e == ENOKEY)
			TH_LOG("refused with %s", strerror(e));
	NO_ESCAPE(!strstr(at_sh->res.note, AT_KEY_SECRET), "the guest read the host's key");
	HOST_OK();
}

static long g_key_link(long serial)
{
	return sys_ret(p_keyctl(KEYCTL_LINK, serial,
				KEY_SPEC_SESSION_KEYRING, 0, 0));
}

TEST_F(attack, keyctl_link_host_key)
{
	long key = at_host_key(), r;
	int e;

	if (key < 0 && errno == ENOSYS)
		AT_SKIP("no key rings (CONFIG_KEYS=n)");
	ASSERT_LT(0, key) TH_LOG("the host cannot add a key: %s", strerror(errno));
	r = ATTEMPT(AT_INIT, g_key_link, key,
		"keyctl(LINK) a key of the host's root into the guest's session keyring -> EACCES or ENOKEY");
	e = errno;
	p_keyctl(KEYCTL_INVALIDATE, key, 0, 0, 0);
	REFUSED(r, e, 0);
	if (r == -1)
		EXPECT_TRUE(e == EACCES || e == ENOKEY)
			TH_LOG("refused with %s", strerror(e));
	HOST_OK();
}

/* ================================================================== */
/* inotify and fanotify                                               */
/* ================================================================== */

/* inotify instances until refused; the host tries one meanwhile. */
static long g_inotify_all(long unused)
{
	long n = 0;

	while (n < 1000 && inotify_init1(IN_CLOEXEC) >= 0)
		n++;
	at_sh->res.v[0] = n;
	at_sh->res.v[1] = errno;
	at_ready_wait();
	return n;
}

TEST_F(attack, inotify_exhaust_uid0_instances)
{
	int fd;
	long r;

	at_begin("inotify_init() until refused: use up uid 0's inotify instances (fs.inotify.max_user_instances), shared with the host's root");
	ASSERT_EQ(0, at_start(AT_INIT, g_inotify_all, 0));
	ASSERT_EQ(0, at_await_ready());
	fd = inotify_init1(IN_CLOEXEC);
	NO_ESCAPE(fd >= 0, "the host's root cannot make an inotify instance (%s) after the guest made %ld",
		  strerror(errno), at_sh->res.v[0]);
	if (fd >= 0)
		close(fd);
	at_go_on();
	r = at_finish(AT_INIT, NULL);
	TH_LOG("the guest made %ld instances, then %s", r,
	       strerror(at_sh->res.v[1]));
	HOST_OK();
}

static long g_inotify_outside(long path)
{
	int fd = inotify_init1(IN_CLOEXEC);

	if (fd < 0)
		return -2;
	return sys_ret(inotify_add_watch(fd, (const char *)path, IN_ALL_EVENTS));
}

TEST_F(attack, inotify_watch_outside_root)
{
	long r = ATTEMPT(AT_INIT, g_inotify_outside, at_arg("/../../../host-secret", NULL),
		"inotify_add_watch() on the host's secret file by '..' -> ENOENT");
	REFUSED(r, errno, ENOENT);
	HOST_OK();
}

/* fanotify: flags arg, then a mark of kind mark on "/". */
static long g_fanotify(long arg)
{
	long init = arg & 0xffff, mark = arg >> 16;
	int fd = syscall(__NR_fanotify_init, init | FAN_CLOEXEC, O_RDONLY);

	if (fd < 0)
		return -1;
	NOTE("fanotify_init succeeded");
	if (!mark)
		return fd;
	return sys_ret(syscall(__NR_fanotify_mark, fd, FAN_MARK_ADD | mark,
			       FAN_OPEN | FAN_MODIFY, AT_FDCWD, "/"));
}

TEST_F(attack, fanotify_filesystem_mark)
{
	long r = ATTEMPT(AT_INIT, g_fanotify,
			 FAN_CLASS_NOTIF | FAN_REPORT_FID |
			 ((long)FAN_MARK_FILESYSTEM << 16),
		"fanotify_mark(FILESYSTEM) on the file system of the guest's root (the host's, on a disk host): watch every host file -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no fanotify");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, fanotify_mount_mark)
{
	long r = ATTEMPT(AT_INIT, g_fanotify,
			 FAN_CLASS_NOTIF | ((long)FAN_MARK_MOUNT << 16),
		"fanotify_mark(MOUNT) on the guest's root -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no fanotify");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, fanotify_permission_events)
{
	long r = ATTEMPT(AT_INIT, g_fanotify, FAN_CLASS_CONTENT,
		"fanotify_init(CLASS_CONTENT): permission events, which can block the host's opens -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no fanotify");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* overlayfs and FUSE                                                 */
/* ================================================================== */

static long g_mount_fs(long arg)
{
	const char *type = (const char *)arg;

	mkdir("/tmp/l", 0755);
	mkdir("/tmp/u", 0755);
	mkdir("/tmp/w", 0755);
	mkdir("/tmp/m", 0755);
	if (!strcmp(type, "overlay"))
		return mount("overlay", "/tmp/m", "overlay", 0,
			     "lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w");
	return mount("x", "/tmp/m", type, 0, "fd=0,rootmode=40000,user_id=0,group_id=0");
}

TEST_F(attack, mount_overlayfs)
{
	long r = ATTEMPT(AT_INIT, g_mount_fs, at_arg("overlay", NULL),
		"mount() an overlayfs -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_F(attack, mount_fuse)
{
	long r = ATTEMPT(AT_INIT, g_mount_fs, at_arg("fuse", NULL),
		"mount() a FUSE file system -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_fsopen(long arg)
{
	return sys_ret(syscall(__NR_fsopen, (const char *)arg, 0));
}

TEST_F(attack, fsopen_overlayfs)
{
	long r = ATTEMPT(AT_INIT, g_fsopen, at_arg("overlay", NULL),
		"fsopen(\"overlay\"): the new mount API -> EPERM");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

/* ================================================================== */
/* kexec                                                              */
/* ================================================================== */

/* /sys/kernel/kexec_loaded and kexec_crash_loaded, "00" when neither. */
static void at_kexec_state(char st[3])
{
	static const char *const f[] = { "/sys/kernel/kexec_loaded",
					 "/sys/kernel/kexec_crash_loaded" };
	int i;

	for (i = 0; i < 2; i++) {
		char c = '?';
		int fd = open(f[i], O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			if (read(fd, &c, 1) != 1)
				c = '?';
			close(fd);
		}
		st[i] = c;
	}
	st[2] = 0;
}

/* kexec_load() with no segment: unloads (flags: KEXEC_ON_CRASH or 0). */
static long g_kexec_unload(long flags)
{
	return sys_ret(syscall(__NR_kexec_load, 0, 0, NULL, flags));
}

#define KEXEC_TEST(name, fn, arg, what)					\
TEST_F(attack, name)							\
{									\
	char before[3], after[3];					\
	long r;								\
									\
	at_kexec_state(before);						\
	r = ATTEMPT(AT_INIT, fn, arg, what);				\
	if (r == -1 && errno == ENOSYS)					\
		AT_SKIP("no kexec (CONFIG_KEXEC=n / KEXEC_FILE=n)");	\
	at_kexec_state(after);						\
	REFUSED(r, errno, EPERM);					\
	NO_ESCAPE(!strcmp(before, after),				\
		  "the host's kexec state changed: %s -> %s", before, after); \
	HOST_OK();							\
}

KEXEC_TEST(kexec_load_unload, g_kexec_unload, 0,
	   "kexec_load() with no segment: unload the host's next kernel -> EPERM")
KEXEC_TEST(kexec_load_unload_crash, g_kexec_unload, KEXEC_ON_CRASH,
	   "kexec_load(KEXEC_ON_CRASH) with no segment: unload the host's crash kernel -> EPERM")

static long g_kexec_file(long flags)
{
	int fd = -1;

	if (!(flags & KEXEC_FILE_UNLOAD)) {
		fd = open("/bin/attack", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -2;
	}
	return sys_ret(syscall(__NR_kexec_file_load, fd, -1, 1, "", flags));
}

KEXEC_TEST(kexec_file_load_image, g_kexec_file, KEXEC_FILE_NO_INITRAMFS,
	   "kexec_file_load() a kernel file: stage the host's next kernel -> EPERM")
KEXEC_TEST(kexec_file_load_crash, g_kexec_file,
	   KEXEC_FILE_NO_INITRAMFS | KEXEC_FILE_ON_CRASH,
	   "kexec_file_load(ON_CRASH) a kernel file: stage the host's crash kernel -> EPERM")
KEXEC_TEST(kexec_file_load_unload, g_kexec_file, KEXEC_FILE_UNLOAD,
	   "kexec_file_load(UNLOAD): remove the host's next kernel -> EPERM")
KEXEC_TEST(kexec_file_load_unload_crash, g_kexec_file,
	   KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH,
	   "kexec_file_load(UNLOAD|ON_CRASH): remove the host's crash kernel -> EPERM")

/* ================================================================== */
/* Modules                                                            */
/* ================================================================== */

static long g_finit_module(long unused)
{
	int fd = open("/bin/attack", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -2;
	return sys_ret(syscall(__NR_finit_module, fd, "", 0));
}

TEST_F(attack, finit_module)
{
	long r = ATTEMPT(AT_INIT, g_finit_module, 0,
		"finit_module() a file: load code into the host's kernel -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no module support (CONFIG_MODULES=n)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

static long g_delete_module(long name)
{
	return sys_ret(syscall(__NR_delete_module, (const char *)name,
			       O_NONBLOCK));
}

TEST_F(attack, delete_module)
{
	long r = ATTEMPT(AT_INIT, g_delete_module, at_arg("dummy", NULL),
		"delete_module(\"dummy\"): unload a host driver -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no module support (CONFIG_MODULES=n)");
	REFUSED(r, errno, EPERM);
	NO_ESCAPE(at_link_up("dummy0"), "dummy0 is gone");
	HOST_OK();
}

static long g_ioperm(long unused)
{
	return sys_ret(syscall(__NR_ioperm, 0x80, 1, 1));
}

TEST_F(attack, ioperm_port_0x80)
{
	long r = ATTEMPT(AT_INIT, g_ioperm, 0,
		"ioperm(0x80): raw access to an I/O port of the machine -> EPERM");
	if (r == -1 && errno == ENOSYS)
		AT_SKIP("no iopl/ioperm (CONFIG_X86_IOPL_IOPERM=n)");
	REFUSED(r, errno, EPERM);
	HOST_OK();
}

TEST_HARNESS_MAIN
