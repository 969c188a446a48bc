// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - What a task of a network context sees of the
 * network: interfaces and addresses with NXF_HIDE_NETIF (netlink address
 * and link dumps, SIOCGIFCONF, SIOCGIFADDR and friends,
 * /proc/net/if_inet6, /proc/net/dev), the sockets of /proc/net/{tcp,udp,
 * raw}{,6}, and its loopback address with NXF_HIDE_LBACK
 * (getsockname, getpeername, accept)
 *
 * The network (vn_net_setup, vs_net.h): lo and dummy0 up, the host's and
 * the guests' addresses on dummy0.  The interface tests add a second
 * dummy interface, vsview1, that carries only 198.51.100.77/24 (and its
 * IPv6 link-local address), and remove it again afterwards.
 *
 * The listings are the reader's view: what decides is the network
 * context of the task that reads (dumps, asks, reads the file), not the
 * one that opened the socket or the file.  A guest is an agent that
 * created a network context (vs_net.h); it reads and asks in its agent.
 *
 * Network context ids 1900..1949, ports 22000..22999.  Whatever waits
 * has a time-out (VN_IO_MS).
 */

#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "vs_net.h"

#include <stdarg.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open	434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd	438
#endif

/* The second interface of the interface tests, with a host address. */
#define NV_VIEW_IF	"vsview1"
#define NV_VIEW4	"198.51.100.77"

/* TCP states of /proc/net/tcp. */
#define NV_ESTABLISHED	0x01
#define NV_TIME_WAIT	0x06
#define NV_LISTEN	0x0a

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

/* Gives nid each address of the NULL-terminated list (ADDR; IPv4 /24). */
static void add_addrs(struct __test_metadata *_metadata, uint32_t nid,
		      const char *const *ips)
{
	for (; *ips; ips++) {
		if (vn_family(*ips) == AF_INET6) {
			ASSERT_LE(0, vn_add6(nid, *ips))
				TH_LOG("net_add_ipv6(%u, %s): %s", nid, *ips,
				       strerror(errno));
		} else {
			ASSERT_LE(0, vn_add4(nid, *ips, VN_MASK24))
				TH_LOG("net_add_ipv4_v1(%u, %s/24): %s", nid,
				       *ips, strerror(errno));
		}
	}
}

/* Agent a creates network context nid with flags and these addresses. */
#define GUEST(a, nid, flags, ...)					\
	do {								\
		static const char *const _ips[] = {			\
			__VA_ARGS__, NULL };				\
		VN_GUEST(a, nid, flags);				\
		add_addrs(_metadata, (nid), _ips);			\
	} while (0)

#define NET_UP()							\
	do {								\
		char _why[256];						\
		ASSERT_EQ(0, vn_net_setup(_why, sizeof(_why)))		\
			TH_LOG("network setup: %s", _why);		\
	} while (0)

/* Sets (on != 0) or clears nflags bits of nid, as the test. */
#define SET_NFLAGS(nid, bits, on)					\
	do {								\
		ASSERT_EQ(0, vs_set(NULL, VCMD_set_nflags, (nid),	\
				    (on) ? (bits) : 0, (bits)))		\
			TH_LOG("set_nflags(%u, %s 0x%llx): %s",		\
			       (unsigned int)(nid),			\
			       (on) ? "set" : "clear",			\
			       (unsigned long long)(bits),		\
			       strerror(errno));			\
	} while (0)

/*
 * fn(args) in agent a, or (a == NULL) in the test itself, with a copy of
 * descriptor passfd (-1: none) as the message's descriptor, which fn
 * owns.
 */
static long nv_call(struct vs_agent *a, vs_fn fn, const long *args,
		    int passfd, const void *in, size_t inlen, void *out,
		    size_t outlen)
{
	static struct vs_msg m;
	long ret;
	int err;

	if (a)
		return vs_callx(a, fn, args, passfd, in, inlen, out, outlen);
	memset(&m, 0, sizeof(m));
	m.fn = fn;
	memcpy(m.arg, args, sizeof(m.arg));
	m.fd = passfd >= 0 ? fcntl(passfd, F_DUPFD_CLOEXEC, 0) : -1;
	if (in && inlen)
		memcpy(m.data, in, inlen < VS_DATA_MAX ? inlen : VS_DATA_MAX);
	errno = 0;
	ret = fn(&m);
	err = errno;
	if (m.fd >= 0)
		close(m.fd);
	if (out && outlen)
		memcpy(out, m.data,
		       outlen < VS_DATA_MAX ? outlen : VS_DATA_MAX);
	errno = err;
	return ret;
}

/* A duplicate of descriptor fd of process pid (pidfd_getfd). */
static int nv_take_fd(pid_t pid, int fd)
{
	int pfd = syscall(SYS_pidfd_open, pid, 0), r, err;

	if (pfd < 0)
		return -1;
	r = syscall(SYS_pidfd_getfd, pfd, fd, 0);
	err = errno;
	close(pfd);
	errno = err;
	return r;
}

/* Reads all of fd from its start into buf (NUL-terminated). */
static ssize_t nv_read_fd(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while (len + 1 < size) {
		n = read(fd, buf + len, size - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	return len;
}

/* ------------------------------------------------------------------ */
/* Lists of lines                                                     */
/* ------------------------------------------------------------------ */

/*
 * The listings are compared as sets of '\n'-terminated lines: "<ip>
 * <ifindex>" for addresses (netlink, /proc/net/if_inet6), "<ip> <label>"
 * for SIOCGIFCONF, "<name>" for interfaces.
 */
struct nv_set {
	char s[VS_DATA_MAX];
};

static void __attribute__((format(printf, 2, 3)))
nv_set_add(struct nv_set *set, const char *fmt, ...)
{
	size_t len = strlen(set->s);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(set->s + len, sizeof(set->s) - len, fmt, ap);
	va_end(ap);
	len = strlen(set->s);
	if (len + 1 < sizeof(set->s)) {
		set->s[len] = '\n';
		set->s[len + 1] = '\0';
	}
}

/* The canonical text form of an address. */
static const char *nv_canon(const char *ip)
{
	static char buf[8][INET6_ADDRSTRLEN];
	static int n;
	char *out = buf[n++ % 8];

	if (vn_is6(ip)) {
		struct in6_addr a = vn_ip6(ip);

		inet_ntop(AF_INET6, &a, out, INET6_ADDRSTRLEN);
	} else {
		struct in_addr a = vn_ip4(ip);

		inet_ntop(AF_INET, &a, out, INET6_ADDRSTRLEN);
	}
	return out;
}

/* Adds the address line "<ip> <ifindex of ifname>". */
static void nv_set_addr(struct nv_set *set, const char *ip,
			const char *ifname)
{
	nv_set_add(set, "%s %u", nv_canon(ip), if_nametoindex(ifname));
}

/*
 * Copies the next line of *p (without its '\n') to line; 0 at the end.
 */
static int nv_next_line(const char **p, char *line, size_t size)
{
	size_t n;

	if (!*p || !**p)
		return 0;
	n = strcspn(*p, "\n");
	snprintf(line, size, "%.*s", (int)n, *p);
	*p += n;
	if (**p)
		(*p)++;
	return 1;
}

/* The IPv4 address at the start of an address line, or -1. */
static int nv_line_ip4(const char *line, uint32_t *host_order)
{
	char ip[INET6_ADDRSTRLEN];
	struct in_addr a;
	size_t n = strcspn(line, " ");

	if (n >= sizeof(ip))
		return -1;
	memcpy(ip, line, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &a) != 1)
		return -1;
	*host_order = ntohl(a.s_addr);
	return 0;
}

/*
 * Adds the lines of src whose IPv4 address is in [lo, hi] (host order)
 * and whose rest after the address is tail (NULL: any).
 */
static void nv_set_pick4(struct nv_set *set, const char *src, uint32_t lo,
			 uint32_t hi, const char *tail)
{
	const char *p = src;
	char line[256];
	uint32_t a;

	while (nv_next_line(&p, line, sizeof(line))) {
		const char *rest = strchr(line, ' ');

		if (nv_line_ip4(line, &a) || a < lo || a > hi)
			continue;
		if (tail && (!rest || strcmp(rest + 1, tail)))
			continue;
		nv_set_add(set, "%s", line);
	}
}

/* Adds the 127/8 lines of src on lo (address lines "<ip> <ifindex>"). */
static void nv_set_lo127(struct nv_set *set, const char *src)
{
	char idx[16];

	snprintf(idx, sizeof(idx), "%u", if_nametoindex("lo"));
	nv_set_pick4(set, src, 0x7f000000u, 0x7fffffffu, idx);
}

static int nv_count_lines(const char *s)
{
	const char *p = s;
	char line[256];
	int n = 0;

	while (nv_next_line(&p, line, sizeof(line)))
		n++;
	return n;
}

/* A line for messages: "<ip> <ifindex>" gets the interface's name. */
static const char *nv_pretty(const char *line)
{
	static char buf[4][320];
	static int n;
	char *out = buf[n++ % 4], name[IF_NAMESIZE], *end;
	const char *sp = strrchr(line, ' ');
	unsigned long idx;

	snprintf(out, sizeof(buf[0]), "%s", line);
	if (!sp || !strpbrk(line, ".:"))
		return out;
	idx = strtoul(sp + 1, &end, 10);
	if (*end || !idx || !if_indextoname(idx, name))
		return out;
	snprintf(out, sizeof(buf[0]), "%.*s on %s", (int)(sp - line), line,
		 name);
	return out;
}

/* Every line of want is one of got. */
static void nv_expect_all(struct __test_metadata *_metadata, const char *who,
			  const char *what, const char *got, const char *want)
{
	const char *p = want;
	char line[256];

	while (nv_next_line(&p, line, sizeof(line)))
		EXPECT_TRUE(vs_list_has(got, line))
			TH_LOG("%s: %s does not show %s", who, what,
			       nv_pretty(line));
}

/* Every line of got is one of allowed. */
static void nv_expect_only(struct __test_metadata *_metadata,
			   const char *who, const char *what, const char *got,
			   const char *allowed)
{
	const char *p = got;
	char line[256];

	while (nv_next_line(&p, line, sizeof(line)))
		EXPECT_TRUE(vs_list_has(allowed, line))
			TH_LOG("%s: %s shows %s, which it must not", who,
			       what, nv_pretty(line));
}

/* got is exactly the lines of want. */
static void nv_expect_set(struct __test_metadata *_metadata, const char *who,
			  const char *what, const char *got, const char *want)
{
	nv_expect_all(_metadata, who, what, got, want);
	nv_expect_only(_metadata, who, what, got, want);
}

/* ------------------------------------------------------------------ */
/* Netlink dumps                                                      */
/* ------------------------------------------------------------------ */

/* Appends text to the data of m; -1 if it does not fit. */
static int nv_out(struct vs_msg *m, size_t *len, const char *text)
{
	size_t n = strlen(text);

	if (*len + n + 1 > VS_DATA_MAX)
		return -1;
	memcpy(m->data + *len, text, n + 1);
	*len += n;
	return 0;
}

/* One RTM_NEWADDR or RTM_NEWLINK message as a line; 1 if it was one. */
static int nv_nl_entry(struct vs_msg *m, struct nlmsghdr *nh, size_t *len)
{
	char line[128], ip[INET6_ADDRSTRLEN];
	struct rtattr *rta;
	int alen;

	if (nh->nlmsg_type == RTM_NEWADDR) {
		struct ifaddrmsg *ifa = NLMSG_DATA(nh);
		void *addr = NULL, *local = NULL;

		alen = IFA_PAYLOAD(nh);
		for (rta = IFA_RTA(ifa); RTA_OK(rta, alen);
		     rta = RTA_NEXT(rta, alen)) {
			if (rta->rta_type == IFA_ADDRESS)
				addr = RTA_DATA(rta);
			else if (rta->rta_type == IFA_LOCAL)
				local = RTA_DATA(rta);
		}
		if (local)
			addr = local;
		if (!addr || !inet_ntop(ifa->ifa_family, addr, ip, sizeof(ip)))
			return 0;
		snprintf(line, sizeof(line), "%s %u\n", ip, ifa->ifa_index);
	} else if (nh->nlmsg_type == RTM_NEWLINK) {
		struct ifinfomsg *ifi = NLMSG_DATA(nh);
		const char *name = NULL;
		size_t nlen = 0;

		alen = IFLA_PAYLOAD(nh);
		for (rta = IFLA_RTA(ifi); RTA_OK(rta, alen);
		     rta = RTA_NEXT(rta, alen)) {
			if (rta->rta_type == IFLA_IFNAME) {
				name = RTA_DATA(rta);
				nlen = strnlen(name, RTA_PAYLOAD(rta));
			}
		}
		if (!name)
			return 0;
		snprintf(line, sizeof(line), "%.*s\n", (int)nlen, name);
	} else {
		return 0;
	}
	if (nv_out(m, len, line))
		return -1;
	return 1;
}

/*
 * A netlink dump, arg0 RTM_GETADDR or RTM_GETLINK, of family arg1, on
 * the descriptor that came along (closed after), else on the agent's
 * socket arg2 (if >= 0), else on a new socket.  data out: one line per
 * entry, "<ip> <ifindex>" for addresses, "<name>" for links.  Returns
 * the number of entries; -1 with errno (ETIMEDOUT if the dump did not
 * end within VN_IO_MS, EMSGSIZE if it does not fit).
 */
static long nv_fn_nl_dump(struct vs_msg *m)
{
	static char buf[65536];
	static unsigned int seq;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr nh;
		union {
			struct ifaddrmsg ifa;
			struct ifinfomsg ifi;
		} u;
	} req;
	struct timespec t0, t;
	int s, own = 0, err = 0, done = 0;
	size_t len = 0;
	long count = 0;

	if (m->fd >= 0) {
		s = m->fd;
		m->fd = -1;
		own = 1;
	} else if (m->arg[2] >= 0) {
		s = m->arg[2];
	} else {
		s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
		if (s < 0)
			return -1;
		own = 1;
	}
	m->data[0] = '\0';
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = m->arg[0];
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nh.nlmsg_seq = ((unsigned int)getpid() << 12) + ++seq;
	if (m->arg[0] == RTM_GETADDR) {
		req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifaddrmsg));
		req.u.ifa.ifa_family = m->arg[1];
	} else {
		req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
		req.u.ifi.ifi_family = m->arg[1];
	}
	if (sendto(s, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) != (ssize_t)req.nh.nlmsg_len) {
		err = errno;
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!done) {
		struct nlmsghdr *nh;
		long left;
		int n;

		clock_gettime(CLOCK_MONOTONIC, &t);
		left = VN_IO_MS - ((t.tv_sec - t0.tv_sec) * 1000 +
				   (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0 || !vn_poll(s, POLLIN, left)) {
			err = ETIMEDOUT;
			break;
		}
		n = recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			err = errno;
			break;
		}
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			int r;

			if (nh->nlmsg_seq != req.nh.nlmsg_seq)
				continue;
			if (nh->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			if (nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr e;

				memcpy(&e, NLMSG_DATA(nh), sizeof(e));
				err = e.error ? -e.error : EPROTO;
				done = 1;
				break;
			}
			r = nv_nl_entry(m, nh, &len);
			if (r < 0) {
				err = EMSGSIZE;
				done = 1;
				break;
			}
			count += r;
		}
	}
out:
	if (own)
		close(s);
	errno = err;
	return err ? -1 : count;
}

/*
 * The dump (RTM_GETADDR / RTM_GETLINK of family) as agent a (NULL: the
 * test) into out; on socket passfd (a descriptor of the test, -1: none)
 * or on the agent's socket afd (-1: none; a new one if neither).
 */
static long nv_dump_on(struct vs_agent *a, int type, int family, int passfd,
		       int afd, struct nv_set *out)
{
	memset(out, 0, sizeof(*out));
	return nv_call(a, nv_fn_nl_dump, VS_ARGS(type, family, afd), passfd,
		       NULL, 0, out->s, sizeof(out->s) - 1);
}

#define NV_DUMP(a, type, family, out)					\
	do {								\
		ASSERT_LE(0, nv_dump_on((a), (type), (family), -1, -1,	\
					(out)))				\
			TH_LOG("%s: %s dump (family %d): %s",		\
			       vs_name(a), #type, (family),		\
			       strerror(errno));			\
	} while (0)

/* Sends the request in req and waits for its acknowledgment. */
static int nv_nl_request(struct nlmsghdr *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	union {
		struct nlmsghdr nh;
		char buf[8192];
	} ans;
	int s, err = 0, done = 0;

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (s < 0)
		return -1;
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = 77;
	if (sendto(s, req, req->nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) != (ssize_t)req->nlmsg_len) {
		err = errno;
		goto out;
	}
	while (!done) {
		struct nlmsghdr *nh;
		int n;

		if (!vn_poll(s, POLLIN, VN_IO_MS)) {
			err = ETIMEDOUT;
			break;
		}
		n = recv(s, ans.buf, sizeof(ans), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			err = errno;
			break;
		}
		for (nh = &ans.nh; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			if (nh->nlmsg_seq == 77 &&
			    nh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr e;

				memcpy(&e, NLMSG_DATA(nh), sizeof(e));
				err = -e.error;
				done = 1;
				break;
			}
		}
	}
out:
	close(s);
	errno = err;
	return err ? -1 : 0;
}

/* Creates dummy interface name (RTM_NEWLINK, kind "dummy"). */
static int nv_link_add_dummy(const char *name)
{
	union {
		struct nlmsghdr nh;
		char buf[512];
	} req;
	struct ifinfomsg ifi;
	struct rtattr nest;
	size_t off;

	memset(&req, 0, sizeof(req));
	memset(&ifi, 0, sizeof(ifi));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(ifi));
	req.nh.nlmsg_type = RTM_NEWLINK;
	req.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifi.ifi_family = AF_UNSPEC;
	memcpy(req.buf + NLMSG_HDRLEN, &ifi, sizeof(ifi));
	vn_nl_attr(req.buf, sizeof(req), IFLA_IFNAME, name, strlen(name) + 1);
	off = NLMSG_ALIGN(req.nh.nlmsg_len);
	vn_nl_attr(req.buf, sizeof(req), IFLA_LINKINFO, "", 0);
	vn_nl_attr(req.buf, sizeof(req), IFLA_INFO_KIND, "dummy", 5);
	memcpy(&nest, req.buf + off, sizeof(nest));
	nest.rta_len = req.nh.nlmsg_len - off;
	memcpy(req.buf + off, &nest, sizeof(nest));
	return nv_nl_request(&req.nh);
}

/* Removes interface name (RTM_DELLINK). */
static int nv_link_del(const char *name)
{
	union {
		struct nlmsghdr nh;
		char buf[128];
	} req;
	struct ifinfomsg ifi;
	unsigned int idx = if_nametoindex(name);

	if (!idx)
		return -1;
	memset(&req, 0, sizeof(req));
	memset(&ifi, 0, sizeof(ifi));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(ifi));
	req.nh.nlmsg_type = RTM_DELLINK;
	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_index = idx;
	memcpy(req.buf + NLMSG_HDRLEN, &ifi, sizeof(ifi));
	return nv_nl_request(&req.nh);
}

/*
 * vsview1: a dummy interface, up, with only 198.51.100.77/24.  Returns 0,
 * or -1 with a message in why.
 */
static int nv_view_if_setup(char *why, size_t size)
{
	char path[128];
	unsigned int idx;

	if (nv_link_add_dummy(NV_VIEW_IF) && errno != EEXIST) {
		snprintf(why, size, "creating %s: %s", NV_VIEW_IF,
			 strerror(errno));
		return -1;
	}
	idx = if_nametoindex(NV_VIEW_IF);
	if (!idx) {
		snprintf(why, size, "no %s after creating it: %s", NV_VIEW_IF,
			 strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/accept_dad",
		 NV_VIEW_IF);
	vn_write_file(path, "0");
	if (vn_addr_add(idx, NV_VIEW4, 24)) {
		snprintf(why, size, "adding %s/24 to %s: %s", NV_VIEW4,
			 NV_VIEW_IF, strerror(errno));
		return -1;
	}
	if (vn_link_up(NV_VIEW_IF)) {
		snprintf(why, size, "%s up: %s", NV_VIEW_IF, strerror(errno));
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* ioctls                                                             */
/* ------------------------------------------------------------------ */

/*
 * SIOCGIFCONF on an AF_INET socket.  arg0 1: only the length the kernel
 * wants for the answer (ifc_buf NULL), which is returned.  Else data
 * out: "<ip> <label>" lines; returns their number.
 */
static long nv_fn_ifconf(struct vs_msg *m)
{
	static struct ifreq reqs[256];
	struct ifconf ifc;
	size_t len = 0;
	int s, i, n, err;

	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	memset(&ifc, 0, sizeof(ifc));
	if (!m->arg[0]) {
		ifc.ifc_len = sizeof(reqs);
		ifc.ifc_req = reqs;
	}
	if (ioctl(s, SIOCGIFCONF, &ifc)) {
		err = errno;
		close(s);
		errno = err;
		return -1;
	}
	close(s);
	if (m->arg[0])
		return ifc.ifc_len;
	m->data[0] = '\0';
	n = ifc.ifc_len / sizeof(struct ifreq);
	for (i = 0; i < n; i++) {
		struct sockaddr_in sin;
		char ip[INET_ADDRSTRLEN], line[128];

		memcpy(&sin, &reqs[i].ifr_addr, sizeof(sin));
		if (!inet_ntop(AF_INET, &sin.sin_addr, ip, sizeof(ip)))
			continue;
		snprintf(line, sizeof(line), "%s %.*s\n", ip, IFNAMSIZ,
			 reqs[i].ifr_name);
		if (nv_out(m, &len, line)) {
			errno = EMSGSIZE;
			return -1;
		}
	}
	return n;
}

static long nv_ifconf(struct vs_agent *a, struct nv_set *out)
{
	memset(out, 0, sizeof(*out));
	return nv_call(a, nv_fn_ifconf, VS_ARGS(0), -1, NULL, 0, out->s,
		       sizeof(out->s) - 1);
}

/* What SIOCGIFADDR and friends get: the name, an address to match. */
struct nv_ifq {
	char name[IFNAMSIZ];
	struct sockaddr_in match;
};

/*
 * ioctl arg0 (SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR) on an AF_INET
 * socket; data in: struct nv_ifq; data out: the sockaddr_in answered.
 */
static long nv_fn_ifaddr(struct vs_msg *m)
{
	struct nv_ifq q;
	struct ifreq ifr;
	int s, r, err;

	memcpy(&q, m->data, sizeof(q));
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, q.name, IFNAMSIZ);
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	memcpy(&ifr.ifr_addr, &q.match, sizeof(q.match));
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	r = ioctl(s, m->arg[0], &ifr);
	err = errno;
	close(s);
	memcpy(m->data, &ifr.ifr_addr, sizeof(struct sockaddr_in));
	errno = err;
	return r;
}

/*
 * ioctl cmd for interface name as agent a (NULL: the test), with the
 * address match (NULL: none) to try first; the address answered, dotted,
 * to out.
 */
static long nv_ifaddr(struct vs_agent *a, unsigned long cmd, const char *name,
		      const char *match, char out[INET_ADDRSTRLEN])
{
	struct sockaddr_in sin;
	struct nv_ifq q;
	long r;
	int err;

	memset(&q, 0, sizeof(q));
	snprintf(q.name, sizeof(q.name), "%s", name);
	if (match) {
		q.match.sin_family = AF_INET;
		q.match.sin_addr = vn_ip4(match);
	}
	memset(&sin, 0, sizeof(sin));
	r = nv_call(a, nv_fn_ifaddr, VS_ARGS(cmd), -1, &q, sizeof(q), &sin,
		    sizeof(sin));
	err = errno;
	if (r || !inet_ntop(AF_INET, &sin.sin_addr, out, INET_ADDRSTRLEN))
		snprintf(out, INET_ADDRSTRLEN, "(none)");
	errno = err;
	return r;
}

/* ioctl cmd of a on name answers want. */
#define IFADDR_IS(a, cmd, name, match, want)				\
	do {								\
		char _got[INET_ADDRSTRLEN];				\
		long _r = nv_ifaddr((a), (cmd), (name), (match), _got);	\
		EXPECT_EQ(0, _r)					\
			TH_LOG("%s: %s on %s: %s", vs_name(a), #cmd,	\
			       (name), strerror(errno));		\
		EXPECT_STREQ((want), _got)				\
			TH_LOG("%s: %s on %s%s%s answers %s, expected %s", \
			       vs_name(a), #cmd, (name),		\
			       (match) ? " matching " : "",		\
			       (match) ? (const char *)(match) : "",	\
			       _got, (want));				\
	} while (0)

/* ioctl cmd of a on name fails with err. */
#define IFADDR_FAILS(a, cmd, name, err)					\
	do {								\
		char _got[INET_ADDRSTRLEN];				\
		long _r = nv_ifaddr((a), (cmd), (name), NULL, _got);	\
		int _e = errno;						\
		EXPECT_EQ(-1, _r)					\
			TH_LOG("%s: %s on %s answers %s, expected %s",	\
			       vs_name(a), #cmd, (name), _got,		\
			       strerror(err));				\
		if (_r == -1) {						\
			EXPECT_EQ((err), _e)				\
				TH_LOG("%s: %s on %s: %s, expected %s",	\
				       vs_name(a), #cmd, (name),	\
				       strerror(_e), strerror(err));	\
		}							\
	} while (0)

/* ------------------------------------------------------------------ */
/* /proc/net files                                                    */
/* ------------------------------------------------------------------ */

/*
 * In the agent: copies the file data[0..127] to data[128..255], as
 * itself (what a /proc/net file lists depends on its reader).
 */
static long nv_fn_copy(struct vs_msg *m)
{
	char src[128], dst[128], buf[4096];
	long total = 0;
	int in, out;
	ssize_t n;

	memcpy(src, m->data, sizeof(src));
	memcpy(dst, m->data + 128, sizeof(dst));
	src[sizeof(src) - 1] = dst[sizeof(dst) - 1] = '\0';
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
		total += n;
	}
	close(in);
	close(out);
	return n < 0 ? -1 : total;
}

/*
 * Reads path as agent a (NULL: the test); -1 also if it may be cut.  An
 * agent's reading comes back through a file when the message would cut
 * it (the spectator reads every socket the earlier tests left).
 */
static ssize_t nv_read_as(struct vs_agent *a, const char *path, char *buf,
			  size_t size)
{
	ssize_t n = vs_read_as(a, path, buf, size);

	if (a && n >= 0 && (size_t)n >= VS_DATA_MAX - 1 && size > VS_DATA_MAX) {
		char io[256] = { 0 };

		snprintf(io, 128, "%s", path);
		snprintf(io + 128, 128, "/tmp/nv-read-%d", (int)a->pid);
		if (VS_CALL_IO(a, nv_fn_copy, io, sizeof(io), NULL, 0) >= 0) {
			n = read_file(io + 128, buf, size);
			unlink(io + 128);
			if (n >= 0 && (size_t)n >= size - 1) {
				errno = EFBIG;
				return -1;
			}
			return n;
		}
		n = vs_read_as(a, path, buf, size);
	}

	if (n >= 0 && (size_t)n >= (a ? VS_DATA_MAX : size) - 1) {
		errno = EFBIG;
		return -1;
	}
	return n;
}

/* The interface names of /proc/net/dev text, one a line. */
static void nv_parse_dev(const char *text, struct nv_set *out)
{
	const char *p = text;
	char line[512];
	int i = 0;

	memset(out, 0, sizeof(*out));
	while (nv_next_line(&p, line, sizeof(line))) {
		char *colon = strchr(line, ':'), *name = line;

		if (i++ < 2 || !colon)
			continue;
		*colon = '\0';
		name += strspn(name, " ");
		nv_set_add(out, "%s", name);
	}
}

/* The addresses of /proc/net/if_inet6 text as "<ip> <ifindex>" lines. */
static void nv_parse_if6(const char *text, struct nv_set *out)
{
	const char *p = text;
	char line[512];

	memset(out, 0, sizeof(*out));
	while (nv_next_line(&p, line, sizeof(line))) {
		char hex[33], ip[INET6_ADDRSTRLEN];
		struct in6_addr a;
		unsigned int idx;
		int i;

		if (sscanf(line, "%32s %x", hex, &idx) != 2 ||
		    strlen(hex) != 32)
			continue;
		for (i = 0; i < 16; i++) {
			char byte[3] = { hex[2 * i], hex[2 * i + 1], 0 };

			a.s6_addr[i] = strtoul(byte, NULL, 16);
		}
		inet_ntop(AF_INET6, &a, ip, sizeof(ip));
		nv_set_add(out, "%s %u", ip, idx);
	}
}

/* /proc/net/<file> as agent a (NULL: the test), parsed by parse. */
#define NV_PROC(a, file, parse, out)					\
	do {								\
		static char _t[65536];					\
		ASSERT_LE(0, nv_read_as((a), "/proc/net/" file, _t,	\
					sizeof(_t)))			\
			TH_LOG("%s: reading /proc/net/%s: %s",		\
			       vs_name(a), file, strerror(errno));	\
		parse(_t, (out));					\
	} while (0)

/* One line of /proc/net/{tcp,udp,raw}{,6}. */
struct nv_sk {
	struct vn_addr local, rem;
	unsigned int st;
	unsigned long ino;
};

/* "0100007F:0016" (or 32 hex digits and a port) to an address. */
static int nv_hexaddr(const char *tok, struct vn_addr *a)
{
	const char *colon = strchr(tok, ':');
	char hex[9];
	uint32_t v;
	int i;

	memset(a, 0, sizeof(*a));
	if (!colon)
		return -1;
	if (colon - tok == 8) {
		memcpy(hex, tok, 8);
		hex[8] = '\0';
		v = strtoul(hex, NULL, 16);
		a->u.sin.sin_family = AF_INET;
		memcpy(&a->u.sin.sin_addr, &v, 4);
		a->u.sin.sin_port = htons(strtoul(colon + 1, NULL, 16));
		a->len = sizeof(a->u.sin);
		return 0;
	}
	if (colon - tok == 32) {
		a->u.sin6.sin6_family = AF_INET6;
		for (i = 0; i < 4; i++) {
			memcpy(hex, tok + 8 * i, 8);
			hex[8] = '\0';
			v = strtoul(hex, NULL, 16);
			memcpy(&a->u.sin6.sin6_addr.s6_addr[4 * i], &v, 4);
		}
		a->u.sin6.sin6_port = htons(strtoul(colon + 1, NULL, 16));
		a->len = sizeof(a->u.sin6);
		return 0;
	}
	return -1;
}

/* The socket lines of a /proc/net socket listing; their number. */
static int nv_parse_socks(const char *text, struct nv_sk *out, int max)
{
	const char *p = text;
	char line[512];
	int n = 0, first = 1;

	while (nv_next_line(&p, line, sizeof(line))) {
		char l[80], r[80];
		struct nv_sk s;

		if (first) {
			first = 0;
			continue;
		}
		if (sscanf(line, "%*s %79s %79s %x %*s %*s %*s %*s %*s %lu",
			   l, r, &s.st, &s.ino) != 4 ||
		    nv_hexaddr(l, &s.local) || nv_hexaddr(r, &s.rem))
			continue;
		if (n < max)
			out[n] = s;
		n++;
	}
	return n < max ? n : max;
}

#define NV_MAX_SOCKS	2048

/* What a socket line must (or must not) be there for. */
struct nv_want {
	const char *what;
	struct vn_addr local;	/* len 0: any */
	struct vn_addr rem;	/* len 0: any */
	int st;			/* -1: any */
	unsigned long ino;	/* 0: any */
};

static struct nv_want nv_want(const char *what, const struct vn_addr *local,
			      const struct vn_addr *rem, int st,
			      unsigned long ino)
{
	struct nv_want w;

	memset(&w, 0, sizeof(w));
	w.what = what;
	if (local)
		w.local = *local;
	if (rem)
		w.rem = *rem;
	w.st = st;
	w.ino = ino;
	return w;
}

static int nv_sk_matches(const struct nv_sk *s, const struct nv_want *w)
{
	if (w->local.len && !vn_addr_eq(&s->local, &w->local))
		return 0;
	if (w->rem.len && !vn_addr_eq(&s->rem, &w->rem))
		return 0;
	if (w->st >= 0 && s->st != (unsigned int)w->st)
		return 0;
	return !w->ino || s->ino == w->ino;
}

/* /proc/net/<file> of a (NULL: the test), parsed; -1 if unreadable. */
static int nv_socks(struct vs_agent *a, const char *file, struct nv_sk *out,
		    int max)
{
	static char text[NV_MAX_SOCKS * 160];
	char path[64];

	snprintf(path, sizeof(path), "/proc/net/%s", file);
	if (nv_read_as(a, path, text, sizeof(text)) < 0)
		return -1;
	return nv_parse_socks(text, out, max);
}

/* Is a socket of w listed in /proc/net/<file> of a?  -1: unreadable. */
static int nv_listed(struct vs_agent *a, const char *file,
		     const struct nv_want *w)
{
	static struct nv_sk socks[NV_MAX_SOCKS];
	int n = nv_socks(a, file, socks, NV_MAX_SOCKS), i;

	if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (nv_sk_matches(&socks[i], w))
			return 1;
	return 0;
}

/* Polls until nv_listed(a, file, w) is 1; returns the last answer. */
static int nv_wait_listed(struct vs_agent *a, const char *file,
			  const struct nv_want *w, unsigned int ms)
{
	unsigned int t;
	int r = -1;

	for (t = 0; t <= ms; t += 20) {
		r = nv_listed(a, file, w);
		if (r == 1)
			break;
		vs_msleep(20);
	}
	return r;
}

static const char *nv_sk_str(const struct nv_sk *s)
{
	static char buf[4][160];
	static int n;
	char *out = buf[n++ % 4];

	snprintf(out, sizeof(buf[0]), "%s -> %s state %02X inode %lu",
		 vn_str(&s->local), vn_str(&s->rem), s->st, s->ino);
	return out;
}

/*
 * Is s a line without a socket (time-wait, request) on one of the
 * addresses own (NULL-terminated; NULL: none)?  Those are listed by
 * their local address, so a guest may see some left by earlier tests on
 * the same addresses.
 */
static int nv_sk_on(const struct nv_sk *s, const char *const *own)
{
	for (; own && *own; own++)
		if (!s->ino && vn_ip_is(&s->local, *own))
			return 1;
	return 0;
}

/*
 * /proc/net/<file> of a (NULL: the test) lists each w[i] if listed[i],
 * and does not if not.  With strict, it lists nothing but the w[i] it
 * must list (and lines without a socket on the addresses own).
 */
static void nv_expect_view(struct __test_metadata *_metadata,
			   struct vs_agent *a, const char *file,
			   const struct nv_want *w, const int *listed, int nw,
			   int strict, const char *const *own)
{
	static struct nv_sk socks[NV_MAX_SOCKS];
	int n = nv_socks(a, file, socks, NV_MAX_SOCKS), i, j;

	ASSERT_LE(0, n)
		TH_LOG("%s: reading /proc/net/%s: %s", vs_name(a), file,
		       strerror(errno));
	for (j = 0; j < nw; j++) {
		int found = 0;

		for (i = 0; i < n; i++)
			if (nv_sk_matches(&socks[i], &w[j]))
				found = 1;
		EXPECT_EQ(listed[j], found)
			TH_LOG("%s: /proc/net/%s %s %s", vs_name(a), file,
			       found ? "lists" : "does not list", w[j].what);
	}
	if (!strict)
		return;
	for (i = 0; i < n; i++) {
		int ok = nv_sk_on(&socks[i], own);

		for (j = 0; j < nw; j++)
			if (listed[j] && nv_sk_matches(&socks[i], &w[j]))
				ok = 1;
		EXPECT_TRUE(ok)
			TH_LOG("%s: /proc/net/%s lists a socket that is not "
			       "its own: %s", vs_name(a), file,
			       nv_sk_str(&socks[i]));
	}
}

/* nv_expect_view, not strict. */
#define VIEW(a, file, w, listed)					\
	do {								\
		_Static_assert(ARRAY_SIZE(w) == ARRAY_SIZE(listed),	\
			       "one flag per socket");			\
		nv_expect_view(_metadata, (a), (file), (w), (listed),	\
			       ARRAY_SIZE(w), 0, NULL);			\
	} while (0)

/* nv_expect_view, strict, for a guest with the addresses that follow. */
#define VIEW_ONLY(a, file, w, listed, ...)				\
	do {								\
		static const char *const _own[] = { __VA_ARGS__, NULL }; \
		_Static_assert(ARRAY_SIZE(w) == ARRAY_SIZE(listed),	\
			       "one flag per socket");			\
		nv_expect_view(_metadata, (a), (file), (w), (listed),	\
			       ARRAY_SIZE(w), 1, _own);			\
	} while (0)

/* In the agent: the inode number of its descriptor arg0. */
static long nv_fn_ino(struct vs_msg *m)
{
	struct stat st;

	if (fstat(m->arg[0], &st))
		return -1;
	return st.st_ino;
}

static unsigned long nv_ino(struct vs_agent *a, int fd)
{
	long r = nv_call(a, nv_fn_ino, VS_ARGS(fd), -1, NULL, 0, NULL, 0);

	return r < 0 ? 0 : (unsigned long)r;
}

/* In the agent: keeps the descriptor that came along; returns it. */
static long nv_fn_keep(struct vs_msg *m)
{
	int fd = m->fd;

	m->fd = -1;
	if (fd < 0)
		errno = EBADF;
	return fd;
}

/* In the agent: opens the path in data (read-only); keeps it. */
static long nv_fn_open(struct vs_msg *m)
{
	char path[256];

	memcpy(path, m->data, sizeof(path));
	path[sizeof(path) - 1] = '\0';
	return open(path, O_RDONLY | O_CLOEXEC);
}

/*
 * In the agent: reads the descriptor that came along (closed after), or
 * its own arg0, from the start; data out: the text.
 */
static long nv_fn_read_fd(struct vs_msg *m)
{
	int fd = m->fd >= 0 ? m->fd : m->arg[0];
	ssize_t n = nv_read_fd(fd, (char *)m->data, VS_DATA_MAX);
	int err = errno;

	if (m->fd >= 0) {
		close(m->fd);
		m->fd = -1;
	}
	errno = err;
	return n;
}

/* A TCP socket of a (NULL: the test) bound to ip:0, connected to dst. */
static int nv_client(struct __test_metadata *_metadata, struct vs_agent *a,
		     const char *ip, const struct vn_addr *dst)
{
	struct vn_addr src = vn_sa(ip, 0);
	int c;

	c = vn_socket(a, src.u.sa.sa_family, SOCK_STREAM, 0);
	EXPECT_LE(0, c) TH_LOG("%s: socket: %s", vs_name(a), strerror(errno));
	if (c < 0)
		return -1;
	EXPECT_EQ(0, vn_bind(a, c, &src))
		TH_LOG("%s: bind(%s): %s", vs_name(a), vn_str(&src),
		       strerror(errno));
	EXPECT_EQ(0, vn_connect(a, c, dst))
		TH_LOG("%s: connect to %s: %s", vs_name(a), vn_str(dst),
		       strerror(errno));
	return c;
}

/* ------------------------------------------------------------------ */
/* The fixture of the interface tests: vsview1                        */
/* ------------------------------------------------------------------ */

FIXTURE(view) {
};

FIXTURE_SETUP(view)
{
	char why[256];

	ASSERT_EQ(0, vn_net_setup(why, sizeof(why)))
		TH_LOG("network setup: %s", why);
	ASSERT_EQ(0, nv_view_if_setup(why, sizeof(why))) TH_LOG("%s", why);
}

FIXTURE_TEARDOWN_PARENT(view)
{
	if (if_nametoindex(NV_VIEW_IF) && nv_link_del(NV_VIEW_IF))
		TH_LOG("removing %s: %s", NV_VIEW_IF, strerror(errno));
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_NETIF: netlink address dumps                              */
/* ------------------------------------------------------------------ */

TEST_F(view, getaddr_dump_ipv4_shows_only_own_addresses)
{
	static struct nv_set host, got, want, witness;
	struct vs_agent a, b, e;

	GUEST(a, 1900, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(b, 1901, NXF_INIT_SET, VN_B4, VN_B6);
	VN_GUEST(e, 1902, NXF_INIT_SET);

	/* The host sees every address. */
	NV_DUMP(NULL, RTM_GETADDR, AF_INET, &host);
	nv_set_addr(&witness, VN_HOST4, VN_IFNAME);
	nv_set_addr(&witness, VN_HOST4B, VN_IFNAME);
	nv_set_addr(&witness, VN_A4, VN_IFNAME);
	nv_set_addr(&witness, VN_B4, VN_IFNAME);
	nv_set_addr(&witness, NV_VIEW4, NV_VIEW_IF);
	nv_set_addr(&witness, "127.0.0.1", "lo");
	nv_expect_all(_metadata, "the host", "the IPv4 address dump",
		      host.s, witness.s);

	/* A guest: its own and lo's 127.0.0.1. */
	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	nv_set_addr(&want, VN_A4, VN_IFNAME);
	NV_DUMP(&a, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest a", "the IPv4 address dump", got.s,
		      want.s);

	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	nv_set_addr(&want, VN_B4, VN_IFNAME);
	NV_DUMP(&b, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest b", "the IPv4 address dump", got.s,
		      want.s);

	/* A guest without addresses: only lo's. */
	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	NV_DUMP(&e, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest e (no addresses)",
		      "the IPv4 address dump", got.s, want.s);
	vs_agents_stop_all();
}

TEST_F(view, getaddr_dump_ipv6_shows_only_own_addresses)
{
	static struct nv_set host, got, want, witness;
	struct vs_agent a, b, c;

	GUEST(a, 1903, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(b, 1904, NXF_INIT_SET, VN_B6);
	GUEST(c, 1905, NXF_INIT_SET, VN_C4);

	NV_DUMP(NULL, RTM_GETADDR, AF_INET6, &host);
	nv_set_addr(&witness, VN_HOST6, VN_IFNAME);
	nv_set_addr(&witness, VN_A6, VN_IFNAME);
	nv_set_addr(&witness, VN_B6, VN_IFNAME);
	nv_set_addr(&witness, "::1", "lo");
	nv_expect_all(_metadata, "the host", "the IPv6 address dump",
		      host.s, witness.s);

	/* Its own address; not ::1, no link-local address. */
	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	NV_DUMP(&a, RTM_GETADDR, AF_INET6, &got);
	nv_expect_set(_metadata, "guest a", "the IPv6 address dump", got.s,
		      want.s);

	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, VN_B6, VN_IFNAME);
	NV_DUMP(&b, RTM_GETADDR, AF_INET6, &got);
	nv_expect_set(_metadata, "guest b", "the IPv6 address dump", got.s,
		      want.s);

	/* No IPv6 entry: no IPv6 address at all. */
	NV_DUMP(&c, RTM_GETADDR, AF_INET6, &got);
	nv_expect_set(_metadata, "guest c (IPv4 only)",
		      "the IPv6 address dump", got.s, "");
	vs_agents_stop_all();
}

TEST_F(view, getaddr_dump_all_families_shows_only_own_addresses)
{
	static struct nv_set host4, host, got, want;
	struct vs_agent a;

	GUEST(a, 1906, NXF_INIT_SET, VN_A4, VN_A4B, VN_A6);

	NV_DUMP(NULL, RTM_GETADDR, AF_INET, &host4);
	NV_DUMP(NULL, RTM_GETADDR, AF_UNSPEC, &host);
	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, VN_HOST4, VN_IFNAME);
	nv_set_addr(&want, VN_HOST6, VN_IFNAME);
	nv_set_addr(&want, NV_VIEW4, NV_VIEW_IF);
	nv_expect_all(_metadata, "the host", "the address dump (AF_UNSPEC)",
		      host.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host4.s);
	nv_set_addr(&want, VN_A4, VN_IFNAME);
	nv_set_addr(&want, VN_A4B, VN_IFNAME);
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	NV_DUMP(&a, RTM_GETADDR, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest a", "the address dump (AF_UNSPEC)",
		      got.s, want.s);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_NETIF: netlink link dump                                  */
/* ------------------------------------------------------------------ */

TEST_F(view, getlink_dump_shows_lo_and_interfaces_with_own_addresses)
{
	static struct nv_set host, got, want;
	struct vs_agent a, e, s, v;

	GUEST(a, 1907, NXF_INIT_SET, VN_A4);
	VN_GUEST(e, 1908, NXF_INIT_SET);
	GUEST(s, 1909, NXF_INIT_SET, VN_C6);
	GUEST(v, 1910, NXF_INIT_SET, NV_VIEW4);

	NV_DUMP(NULL, RTM_GETLINK, AF_UNSPEC, &host);
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	nv_set_add(&want, NV_VIEW_IF);
	nv_expect_all(_metadata, "the host", "the link dump", host.s, want.s);

	/* dummy0 carries its address, vsview1 does not. */
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	NV_DUMP(&a, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest a", "the link dump", got.s, want.s);

	/* An IPv6 address is enough. */
	NV_DUMP(&s, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest s (IPv6 only)", "the link dump",
		      got.s, want.s);

	/* No address: only lo. */
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	NV_DUMP(&e, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest e (no addresses)", "the link dump",
		      got.s, want.s);

	/* The address on vsview1: vsview1, not dummy0. */
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, NV_VIEW_IF);
	NV_DUMP(&v, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest v (" NV_VIEW4 ")", "the link dump",
		      got.s, want.s);
	vs_agents_stop_all();
}

TEST_F(view, entry_types_decide_what_is_shown)
{
	static struct nv_set host, got, want;
	struct vs_agent m, r, v;

	/* A network: every address in it. */
	VN_GUEST(m, 1911, NXF_INIT_SET);
	ASSERT_LE(0, vn_v1(NULL, 0, 1911, NXA_TYPE_MASK, "198.51.100.0",
			   VN_MASK24))
		TH_LOG("MASK 198.51.100.0/24: %s", strerror(errno));
	/* A range: 192.0.2.11 and .12, not .13. */
	VN_GUEST(r, 1912, NXF_INIT_SET);
	ASSERT_LE(0, vn_v2(NULL, 0, 1912, NXA_TYPE_RANGE, VN_A4, VN_C4,
			   "0.0.0.0"))
		TH_LOG("RANGE %s-%s: %s", VN_A4, VN_C4, strerror(errno));
	GUEST(v, 1913, NXF_INIT_SET, NV_VIEW4);

	NV_DUMP(NULL, RTM_GETADDR, AF_INET, &host);

	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	nv_set_pick4(&want, host.s, 0xc6336400u, 0xc63364ffu, NULL);
	ASSERT_NE(NULL, strstr(want.s, nv_canon(NV_VIEW4)));
	NV_DUMP(&m, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest m (198.51.100.0/24)",
		      "the IPv4 address dump", got.s, want.s);
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	nv_set_add(&want, NV_VIEW_IF);
	NV_DUMP(&m, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest m (198.51.100.0/24)", "the link dump",
		      got.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	nv_set_pick4(&want, host.s, 0xc000020bu, 0xc000020cu, NULL);
	ASSERT_NE(NULL, strstr(want.s, nv_canon(VN_B4)));
	NV_DUMP(&r, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest r (" VN_A4 "-" VN_C4 ")",
		      "the IPv4 address dump", got.s, want.s);
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	NV_DUMP(&r, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, "guest r (" VN_A4 "-" VN_C4 ")",
		      "the link dump", got.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host.s);
	nv_set_addr(&want, NV_VIEW4, NV_VIEW_IF);
	NV_DUMP(&v, RTM_GETADDR, AF_INET, &got);
	nv_expect_set(_metadata, "guest v (" NV_VIEW4 ")",
		      "the IPv4 address dump", got.s, want.s);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_NETIF: ioctls                                             */
/* ------------------------------------------------------------------ */

TEST_F(view, ifconf_shows_only_own_addresses)
{
	static struct nv_set host, got, want;
	struct vs_agent a, e;
	long n, len;

	GUEST(a, 1914, NXF_INIT_SET, VN_A4, VN_A4B, VN_A6);
	VN_GUEST(e, 1915, NXF_INIT_SET);

	ASSERT_LE(0, nv_ifconf(NULL, &host))
		TH_LOG("the host: SIOCGIFCONF: %s", strerror(errno));
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "127.0.0.1 lo");
	nv_set_add(&want, VN_HOST4 " " VN_IFNAME);
	nv_set_add(&want, VN_B4 " " VN_IFNAME);
	nv_set_add(&want, NV_VIEW4 " " NV_VIEW_IF);
	nv_expect_all(_metadata, "the host", "SIOCGIFCONF", host.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_pick4(&want, host.s, 0x7f000000u, 0x7fffffffu, "lo");
	nv_set_add(&want, VN_A4 " " VN_IFNAME);
	nv_set_add(&want, VN_A4B " " VN_IFNAME);
	n = nv_ifconf(&a, &got);
	ASSERT_LE(0, n) TH_LOG("guest a: SIOCGIFCONF: %s", strerror(errno));
	nv_expect_set(_metadata, "guest a", "SIOCGIFCONF", got.s, want.s);
	/* The length it asks for counts only what it sees. */
	len = nv_call(&a, nv_fn_ifconf, VS_ARGS(1), -1, NULL, 0, NULL, 0);
	EXPECT_EQ((long)(nv_count_lines(want.s) * sizeof(struct ifreq)), len)
		TH_LOG("guest a: SIOCGIFCONF without a buffer wants %ld "
		       "bytes for %d addresses (%s)", len,
		       nv_count_lines(want.s), strerror(errno));

	memset(&want, 0, sizeof(want));
	nv_set_pick4(&want, host.s, 0x7f000000u, 0x7fffffffu, "lo");
	ASSERT_LE(0, nv_ifconf(&e, &got))
		TH_LOG("guest e: SIOCGIFCONF: %s", strerror(errno));
	nv_expect_set(_metadata, "guest e (no addresses)", "SIOCGIFCONF",
		      got.s, want.s);
	vs_agents_stop_all();
}

TEST_F(view, ifaddr_ioctls_answer_only_with_own_addresses)
{
	char h[INET_ADDRSTRLEN];
	struct vs_agent a, e;

	GUEST(a, 1916, NXF_INIT_SET, VN_A4);
	VN_GUEST(e, 1917, NXF_INIT_SET);

	/* The host gets dummy0's first address, not the guest's. */
	ASSERT_EQ(0, nv_ifaddr(NULL, SIOCGIFADDR, VN_IFNAME, NULL, h))
		TH_LOG("the host: SIOCGIFADDR on %s: %s", VN_IFNAME,
		       strerror(errno));
	ASSERT_STRNE(VN_A4, h)
		TH_LOG("the host's first address on %s is %s: the test "
		       "proves nothing", VN_IFNAME, VN_A4);
	IFADDR_IS(NULL, SIOCGIFADDR, NV_VIEW_IF, NULL, NV_VIEW4);

	/* The guest: its own address on dummy0, nothing on vsview1. */
	IFADDR_IS(&a, SIOCGIFADDR, VN_IFNAME, NULL, VN_A4);
	IFADDR_IS(&a, SIOCGIFADDR, VN_IFNAME, VN_HOST4, VN_A4);
	IFADDR_IS(&a, SIOCGIFADDR, VN_IFNAME, VN_A4, VN_A4);
	IFADDR_IS(&a, SIOCGIFNETMASK, VN_IFNAME, NULL, VN_MASK24);
	IFADDR_IS(&a, SIOCGIFBRDADDR, VN_IFNAME, NULL, "192.0.2.255");
	IFADDR_IS(&a, SIOCGIFADDR, "lo", NULL, "127.0.0.1");
	/* A hidden interface does not exist (issue 17: ENODEV). */
	IFADDR_FAILS(&a, SIOCGIFADDR, NV_VIEW_IF, ENODEV);
	IFADDR_FAILS(&a, SIOCGIFNETMASK, NV_VIEW_IF, ENODEV);
	IFADDR_FAILS(&a, SIOCGIFBRDADDR, NV_VIEW_IF, ENODEV);
	IFADDR_FAILS(&a, SIOCGIFADDR, "vsnone9", ENODEV);

	/* Without addresses: only lo answers, no other interface exists. */
	IFADDR_FAILS(&e, SIOCGIFADDR, VN_IFNAME, ENODEV);
	IFADDR_FAILS(&e, SIOCGIFNETMASK, VN_IFNAME, ENODEV);
	IFADDR_FAILS(&e, SIOCGIFADDR, NV_VIEW_IF, ENODEV);
	IFADDR_IS(&e, SIOCGIFADDR, "lo", NULL, "127.0.0.1");
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_NETIF: /proc/net                                          */
/* ------------------------------------------------------------------ */

TEST_F(view, proc_if_inet6_shows_only_own_addresses)
{
	static struct nv_set host, got, want;
	struct vs_agent a, c;

	GUEST(a, 1918, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(c, 1919, NXF_INIT_SET, VN_C4);

	NV_PROC(NULL, "if_inet6", nv_parse_if6, &host);
	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, "::1", "lo");
	nv_set_addr(&want, VN_HOST6, VN_IFNAME);
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	nv_set_addr(&want, VN_B6, VN_IFNAME);
	nv_expect_all(_metadata, "the host", "/proc/net/if_inet6", host.s,
		      want.s);

	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	NV_PROC(&a, "if_inet6", nv_parse_if6, &got);
	nv_expect_set(_metadata, "guest a", "/proc/net/if_inet6", got.s,
		      want.s);

	NV_PROC(&c, "if_inet6", nv_parse_if6, &got);
	nv_expect_set(_metadata, "guest c (IPv4 only)", "/proc/net/if_inet6",
		      got.s, "");
	vs_agents_stop_all();
}

TEST_F(view, proc_net_dev_shows_lo_and_interfaces_with_own_addresses)
{
	static struct nv_set host, got, want;
	struct vs_agent a, e, v;
	char text[VS_DATA_MAX];

	GUEST(a, 1920, NXF_INIT_SET, VN_A4, VN_A6);
	VN_GUEST(e, 1921, NXF_INIT_SET);
	GUEST(v, 1922, NXF_INIT_SET, NV_VIEW4);

	NV_PROC(NULL, "dev", nv_parse_dev, &host);
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	nv_set_add(&want, NV_VIEW_IF);
	nv_expect_all(_metadata, "the host", "/proc/net/dev", host.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	NV_PROC(&a, "dev", nv_parse_dev, &got);
	nv_expect_set(_metadata, "guest a", "/proc/net/dev", got.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	NV_PROC(&e, "dev", nv_parse_dev, &got);
	nv_expect_set(_metadata, "guest e (no addresses)", "/proc/net/dev",
		      got.s, want.s);
	/* The header is still there. */
	ASSERT_LT(0, nv_read_as(&e, "/proc/net/dev", text, sizeof(text)));
	EXPECT_EQ(0, strncmp(text, "Inter-|", 7))
		TH_LOG("guest e: /proc/net/dev starts with \"%.20s\"", text);

	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, NV_VIEW_IF);
	NV_PROC(&v, "dev", nv_parse_dev, &got);
	nv_expect_set(_metadata, "guest v (" NV_VIEW4 ")", "/proc/net/dev",
		      got.s, want.s);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_NETIF: the flag, the reader, the spectator                */
/* ------------------------------------------------------------------ */

/*
 * What a reader that hides nothing sees in every listing (some
 * addresses and interfaces that no guest sees); checks each listing of
 * agent a.
 */
static void expect_sees_everything(struct __test_metadata *_metadata,
				   struct vs_agent *a, const char *who)
{
	static struct nv_set got, want;
	char ip[INET_ADDRSTRLEN];

	NV_DUMP(a, RTM_GETADDR, AF_UNSPEC, &got);
	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, "127.0.0.1", "lo");
	nv_set_addr(&want, "::1", "lo");
	nv_set_addr(&want, VN_HOST4, VN_IFNAME);
	nv_set_addr(&want, VN_B4, VN_IFNAME);
	nv_set_addr(&want, VN_HOST6, VN_IFNAME);
	nv_set_addr(&want, VN_B6, VN_IFNAME);
	nv_set_addr(&want, NV_VIEW4, NV_VIEW_IF);
	nv_expect_all(_metadata, who, "the address dump", got.s, want.s);

	NV_DUMP(a, RTM_GETLINK, AF_UNSPEC, &got);
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	nv_set_add(&want, NV_VIEW_IF);
	nv_expect_all(_metadata, who, "the link dump", got.s, want.s);

	NV_PROC(a, "dev", nv_parse_dev, &got);
	nv_expect_all(_metadata, who, "/proc/net/dev", got.s, want.s);

	ASSERT_LE(0, nv_ifconf(a, &got))
		TH_LOG("%s: SIOCGIFCONF: %s", who, strerror(errno));
	memset(&want, 0, sizeof(want));
	nv_set_add(&want, VN_HOST4 " " VN_IFNAME);
	nv_set_add(&want, VN_B4 " " VN_IFNAME);
	nv_set_add(&want, NV_VIEW4 " " NV_VIEW_IF);
	nv_expect_all(_metadata, who, "SIOCGIFCONF", got.s, want.s);

	NV_PROC(a, "if_inet6", nv_parse_if6, &got);
	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, "::1", "lo");
	nv_set_addr(&want, VN_HOST6, VN_IFNAME);
	nv_set_addr(&want, VN_B6, VN_IFNAME);
	nv_expect_all(_metadata, who, "/proc/net/if_inet6", got.s, want.s);

	EXPECT_EQ(0, nv_ifaddr(a, SIOCGIFADDR, NV_VIEW_IF, NULL, ip))
		TH_LOG("%s: SIOCGIFADDR on %s: %s", who, NV_VIEW_IF,
		       strerror(errno));
	EXPECT_STREQ(NV_VIEW4, ip)
		TH_LOG("%s: SIOCGIFADDR on %s answers %s", who, NV_VIEW_IF,
		       ip);
}

/* Agent a sees its own addresses and lo only (own: A4, A6). */
static void expect_sees_own(struct __test_metadata *_metadata,
			    struct vs_agent *a, const char *who)
{
	static struct nv_set host4, got, want;

	NV_DUMP(NULL, RTM_GETADDR, AF_INET, &host4);
	memset(&want, 0, sizeof(want));
	nv_set_lo127(&want, host4.s);
	nv_set_addr(&want, VN_A4, VN_IFNAME);
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	NV_DUMP(a, RTM_GETADDR, AF_UNSPEC, &got);
	nv_expect_set(_metadata, who, "the address dump", got.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_add(&want, "lo");
	nv_set_add(&want, VN_IFNAME);
	NV_DUMP(a, RTM_GETLINK, AF_UNSPEC, &got);
	nv_expect_set(_metadata, who, "the link dump", got.s, want.s);
	NV_PROC(a, "dev", nv_parse_dev, &got);
	nv_expect_set(_metadata, who, "/proc/net/dev", got.s, want.s);

	memset(&want, 0, sizeof(want));
	nv_set_addr(&want, VN_A6, VN_IFNAME);
	NV_PROC(a, "if_inet6", nv_parse_if6, &got);
	nv_expect_set(_metadata, who, "/proc/net/if_inet6", got.s, want.s);

	IFADDR_FAILS(a, SIOCGIFADDR, NV_VIEW_IF, ENODEV);
}

TEST_F(view, without_hide_netif_everything_is_shown)
{
	struct vs_agent a, h;

	GUEST(a, 1923, NXF_INIT_SET, VN_A4, VN_A6);
	expect_sees_own(_metadata, &a, "guest a (HIDE_NETIF)");

	SET_NFLAGS(1923, NXF_HIDE_NETIF, 0);
	EXPECT_EQ(0, vn_nflags(1923) & NXF_HIDE_NETIF);
	expect_sees_everything(_metadata, &a, "guest a (HIDE_NETIF cleared)");

	SET_NFLAGS(1923, NXF_HIDE_NETIF, 1);
	expect_sees_own(_metadata, &a, "guest a (HIDE_NETIF set again)");

	/* Created without it. */
	GUEST(h, 1924, NXF_STATE_ADMIN | NXF_LBACK_REMAP | NXF_HIDE_LBACK,
	      VN_A4, VN_A6);
	expect_sees_everything(_metadata, &h, "guest h (no HIDE_NETIF)");

	/* The host, always. */
	expect_sees_everything(_metadata, NULL, "the host");
	vs_agents_stop_all();
}

TEST_F(view, the_reader_decides_what_is_shown)
{
	const uint16_t port = 22200;
	static struct nv_set got, guest_links, all_links;
	struct vn_addr hl = vn_sa(VN_HOST4, port);
	struct nv_want w[1];
	const int host_listed[] = { 1 }, guest_listed[] = { 0 };
	static char text[VS_DATA_MAX];
	static struct nv_sk socks[NV_MAX_SOCKS];
	struct vs_agent a;
	int s, g, f, lh, i, n, found;

	GUEST(a, 1925, NXF_INIT_SET, VN_A4);
	nv_set_add(&guest_links, "lo");
	nv_set_add(&guest_links, VN_IFNAME);
	nv_set_add(&all_links, "lo");
	nv_set_add(&all_links, VN_IFNAME);
	nv_set_add(&all_links, NV_VIEW_IF);

	/* The host's netlink socket, dumped on by the guest. */
	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	ASSERT_LE(0, s) TH_LOG("netlink socket: %s", strerror(errno));
	ASSERT_LE(0, nv_dump_on(&a, RTM_GETLINK, AF_UNSPEC, s, -1, &got))
		TH_LOG("guest a: link dump on the host's socket: %s",
		       strerror(errno));
	nv_expect_set(_metadata, "guest a",
		      "the link dump on a socket of the host", got.s,
		      guest_links.s);
	/* ... and by the host again. */
	ASSERT_LE(0, nv_dump_on(NULL, RTM_GETLINK, AF_UNSPEC, s, -1, &got))
		TH_LOG("the host: link dump: %s", strerror(errno));
	nv_expect_all(_metadata, "the host", "the link dump on its socket",
		      got.s, all_links.s);
	close(s);

	/* The guest's netlink socket, dumped on by the host. */
	g = vn_socket(&a, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	ASSERT_LE(0, g) TH_LOG("guest a: netlink socket: %s",
			       strerror(errno));
	s = nv_take_fd(a.pid, g);
	ASSERT_LE(0, s) TH_LOG("pidfd_getfd of the guest's socket: %s",
			       strerror(errno));
	ASSERT_LE(0, nv_dump_on(NULL, RTM_GETLINK, AF_UNSPEC, s, -1, &got))
		TH_LOG("the host: link dump on the guest's socket: %s",
		       strerror(errno));
	nv_expect_all(_metadata, "the host",
		      "the link dump on a socket of guest a", got.s,
		      all_links.s);
	ASSERT_LE(0, nv_dump_on(&a, RTM_GETLINK, AF_UNSPEC, -1, g, &got))
		TH_LOG("guest a: link dump on its socket: %s",
		       strerror(errno));
	nv_expect_set(_metadata, "guest a", "the link dump on its socket",
		      got.s, guest_links.s);
	close(s);

	/* /proc/net/dev opened by the host, read by the guest ... */
	f = open("/proc/net/dev", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, f) TH_LOG("/proc/net/dev: %s", strerror(errno));
	memset(text, 0, sizeof(text));
	ASSERT_LT(0, nv_call(&a, nv_fn_read_fd, VS_ARGS(-1), f, NULL, 0, text,
			     sizeof(text) - 1))
		TH_LOG("guest a: reading the host's /proc/net/dev: %s",
		       strerror(errno));
	nv_parse_dev(text, &got);
	nv_expect_set(_metadata, "guest a",
		      "/proc/net/dev opened by the host", got.s,
		      guest_links.s);
	close(f);
	/* ... and opened by the guest, read by the host. */
	memset(text, 0, sizeof(text));
	snprintf(text, sizeof(text), "/proc/net/dev");
	g = VS_CALL_IO(&a, nv_fn_open, text, sizeof(text), NULL, 0);
	ASSERT_LE(0, g) TH_LOG("guest a: open /proc/net/dev: %s",
			       strerror(errno));
	f = nv_take_fd(a.pid, g);
	ASSERT_LE(0, f) TH_LOG("pidfd_getfd: %s", strerror(errno));
	ASSERT_LT(0, nv_read_fd(f, text, sizeof(text)))
		TH_LOG("the host: reading the guest's /proc/net/dev: %s",
		       strerror(errno));
	nv_parse_dev(text, &got);
	nv_expect_all(_metadata, "the host", "/proc/net/dev opened by guest a",
		      got.s, all_links.s);
	close(f);

	/* The same for a socket listing. */
	VN_LISTENER(lh, NULL, VN_HOST4, port);
	w[0] = nv_want("the host's listener", &hl, NULL, NV_LISTEN, 0);
	VIEW(NULL, "tcp", w, host_listed);
	VIEW(&a, "tcp", w, guest_listed);
	f = open("/proc/net/tcp", O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, f) TH_LOG("/proc/net/tcp: %s", strerror(errno));
	memset(text, 0, sizeof(text));
	ASSERT_LT(0, nv_call(&a, nv_fn_read_fd, VS_ARGS(-1), f, NULL, 0, text,
			     sizeof(text) - 1))
		TH_LOG("guest a: reading the host's /proc/net/tcp: %s",
		       strerror(errno));
	close(f);
	n = nv_parse_socks(text, socks, NV_MAX_SOCKS);
	for (i = 0, found = 0; i < n; i++)
		found |= nv_sk_matches(&socks[i], &w[0]);
	EXPECT_FALSE(found)
		TH_LOG("guest a: /proc/net/tcp opened by the host lists the "
		       "host's listener");
	memset(text, 0, sizeof(text));
	snprintf(text, sizeof(text), "/proc/net/tcp");
	g = VS_CALL_IO(&a, nv_fn_open, text, sizeof(text), NULL, 0);
	ASSERT_LE(0, g) TH_LOG("guest a: open /proc/net/tcp: %s",
			       strerror(errno));
	f = nv_take_fd(a.pid, g);
	ASSERT_LE(0, f) TH_LOG("pidfd_getfd: %s", strerror(errno));
	ASSERT_LT(0, nv_read_fd(f, text, sizeof(text)));
	close(f);
	n = nv_parse_socks(text, socks, NV_MAX_SOCKS);
	for (i = 0, found = 0; i < n; i++)
		found |= nv_sk_matches(&socks[i], &w[0]);
	EXPECT_TRUE(found)
		TH_LOG("the host: /proc/net/tcp opened by guest a does not "
		       "list the host's listener");
	vn_close(NULL, lh);
	vs_agents_stop_all();
}

TEST_F(view, spectator_sees_everything)
{
	const uint16_t port = 22210;
	struct vn_addr hl = vn_sa(VN_HOST4, port), gl = vn_sa(VN_A4, port);
	struct nv_want w[2];
	const int listed[] = { 1, 1 };
	struct vs_agent s, a;
	int lh, la;

	VS_START(s);
	ASSERT_EQ(1, vn_migrate(&s, 1))
		TH_LOG("net_migrate(1): %s", strerror(errno));
	expect_sees_everything(_metadata, &s, "the spectator");

	GUEST(a, 1926, NXF_INIT_SET, VN_A4);
	VN_LISTENER(lh, NULL, VN_HOST4, port);
	VN_LISTENER(la, &a, VN_A4, port);
	w[0] = nv_want("the host's listener", &hl, NULL, NV_LISTEN, 0);
	w[1] = nv_want("the listener of guest a", &gl, NULL, NV_LISTEN, 0);
	VIEW(&s, "tcp", w, listed);
	vn_close(NULL, lh);
	vn_close(&a, la);
	vs_agents_stop_all();
}

/* ------------------------------------------------------------------ */
/* Socket listings                                                    */
/* ------------------------------------------------------------------ */

TEST(proc_net_tcp_lists_own_listeners)
{
	const uint16_t port = 22100;
	struct vn_addr hl = vn_sa(VN_HOST4, port),
		       hw = vn_sa("0.0.0.0", port + 5),
		       aw = vn_sa("0.0.0.0", port),
		       aa = vn_sa(VN_A4, port + 1), bl = vn_sa(VN_B4, port);
	struct nv_want w[5];
	const int host[] = { 1, 1, 1, 1, 1 }, ga[] = { 0, 0, 1, 1, 0 },
		  gb[] = { 0, 0, 0, 0, 1 };
	struct vs_agent a, b;
	int lh, lhw, law, laa, lb;

	NET_UP();

	GUEST(a, 1927, NXF_INIT_SET, VN_A4);
	GUEST(b, 1928, NXF_INIT_SET, VN_B4);
	VN_LISTENER(lh, NULL, VN_HOST4, port);
	VN_LISTENER(lhw, NULL, "0.0.0.0", port + 5);
	VN_LISTENER(law, &a, "0.0.0.0", port);
	VN_LISTENER(laa, &a, VN_A4, port + 1);
	VN_LISTENER(lb, &b, VN_B4, port);
	w[0] = nv_want("the host's listener on " VN_HOST4, &hl, NULL,
		       NV_LISTEN, 0);
	w[1] = nv_want("the host's wildcard listener", &hw, NULL, NV_LISTEN,
		       0);
	w[2] = nv_want("the wildcard listener of guest a", &aw, NULL,
		       NV_LISTEN, 0);
	w[3] = nv_want("the listener of guest a on " VN_A4, &aa, NULL,
		       NV_LISTEN, 0);
	w[4] = nv_want("the listener of guest b on " VN_B4, &bl, NULL,
		       NV_LISTEN, 0);

	VIEW(NULL, "tcp", w, host);
	VIEW_ONLY(&a, "tcp", w, ga, VN_A4);
	VIEW_ONLY(&b, "tcp", w, gb, VN_B4);

	/* Not a matter of NXF_HIDE_NETIF. */
	SET_NFLAGS(1927, NXF_HIDE_NETIF, 0);
	VIEW_ONLY(&a, "tcp", w, ga, VN_A4);
	vn_close(NULL, lh);
	vn_close(NULL, lhw);
	vn_close(&a, law);
	vn_close(&a, laa);
	vn_close(&b, lb);
	vs_agents_stop_all();
}

TEST(proc_net_tcp_lists_own_connections_and_time_wait)
{
	const uint16_t port = 22110;
	struct vn_addr aw = vn_sa("0.0.0.0", port), ap = vn_sa(VN_A4, port),
		       local, peer, cl;
	struct nv_want w[3], tw;
	const int host[] = { 1, 1, 1 }, ga[] = { 1, 1, 0 },
		  gb[] = { 0, 0, 0 };
	struct vs_agent a, b;
	int la, c, s;

	NET_UP();

	GUEST(a, 1929, NXF_INIT_SET, VN_A4);
	GUEST(b, 1930, NXF_INIT_SET, VN_B4);
	VN_LISTENER(la, &a, "0.0.0.0", port);

	/* The host connects to the guest. */
	c = nv_client(_metadata, NULL, VN_HOST4, &ap);
	ASSERT_LE(0, c);
	s = vn_accept(&a, la, VN_IO_MS, &local, &peer);
	ASSERT_LE(0, s) TH_LOG("guest a: accept: %s", strerror(errno));
	ASSERT_EQ(0, vn_sockname(NULL, c, &cl));
	w[0] = nv_want("the listener of guest a", &aw, NULL, NV_LISTEN, 0);
	w[1] = nv_want("the connection accepted by guest a", &ap, &cl,
		       NV_ESTABLISHED, 0);
	w[2] = nv_want("the host's connection to guest a", &cl, &ap,
		       NV_ESTABLISHED, 0);
	VIEW(NULL, "tcp", w, host);
	VIEW_ONLY(&a, "tcp", w, ga, VN_A4);
	VIEW(&b, "tcp", w, gb);

	/* The guest closes first: the time-wait socket is on its address. */
	vn_close(&a, s);
	vn_close(NULL, c);
	tw = nv_want("the time-wait socket on " VN_A4, &ap, &cl,
		     NV_TIME_WAIT, 0);
	EXPECT_EQ(1, nv_wait_listed(NULL, "tcp", &tw, VN_IO_MS))
		TH_LOG("the host: /proc/net/tcp does not list %s (%s)",
		       tw.what, vn_str(&cl));
	EXPECT_EQ(1, nv_listed(&a, "tcp", &tw))
		TH_LOG("guest a: /proc/net/tcp does not list %s", tw.what);
	EXPECT_EQ(0, nv_listed(&b, "tcp", &tw))
		TH_LOG("guest b: /proc/net/tcp lists %s", tw.what);

	/* The host closes first: on the host's address. */
	c = nv_client(_metadata, NULL, VN_HOST4, &ap);
	ASSERT_LE(0, c);
	s = vn_accept(&a, la, VN_IO_MS, NULL, NULL);
	ASSERT_LE(0, s) TH_LOG("guest a: accept: %s", strerror(errno));
	ASSERT_EQ(0, vn_sockname(NULL, c, &cl));
	vn_close(NULL, c);
	EXPECT_EQ(1, vn_readable(&a, s, VN_IO_MS))
		TH_LOG("guest a: the host's FIN did not come");
	vn_close(&a, s);
	tw = nv_want("the host's time-wait socket", &cl, &ap, NV_TIME_WAIT,
		     0);
	EXPECT_EQ(1, nv_wait_listed(NULL, "tcp", &tw, VN_IO_MS))
		TH_LOG("the host: /proc/net/tcp does not list %s (%s)",
		       tw.what, vn_str(&cl));
	tw.st = -1;
	EXPECT_EQ(0, nv_listed(&a, "tcp", &tw))
		TH_LOG("guest a: /proc/net/tcp lists %s", tw.what);
	EXPECT_EQ(0, nv_listed(&b, "tcp", &tw))
		TH_LOG("guest b: /proc/net/tcp lists %s", tw.what);
	vn_close(&a, la);
	vs_agents_stop_all();
}

TEST(proc_net_tcp6_lists_own_sockets)
{
	const uint16_t port = 22120;
	struct vn_addr hl = vn_sa(VN_HOST6, port), aw = vn_sa("::", port),
		       ap = vn_sa(VN_A6, port), bl = vn_sa(VN_B6, port), cl;
	struct nv_want w[5];
	const int host[] = { 1, 1, 1, 1, 1 }, ga[] = { 0, 1, 1, 0, 0 },
		  gb[] = { 0, 0, 0, 0, 1 };
	struct vs_agent a, b;
	int lh, la, lb, c, s;

	NET_UP();

	GUEST(a, 1931, NXF_INIT_SET, VN_A4, VN_A6);
	GUEST(b, 1932, NXF_INIT_SET, VN_B4, VN_B6);
	VN_LISTENER(lh, NULL, VN_HOST6, port);
	VN_LISTENER(la, &a, "::", port);
	VN_LISTENER(lb, &b, VN_B6, port);
	c = nv_client(_metadata, NULL, VN_HOST6, &ap);
	ASSERT_LE(0, c);
	s = vn_accept(&a, la, VN_IO_MS, NULL, NULL);
	ASSERT_LE(0, s) TH_LOG("guest a: accept: %s", strerror(errno));
	ASSERT_EQ(0, vn_sockname(NULL, c, &cl));

	w[0] = nv_want("the host's listener on " VN_HOST6, &hl, NULL,
		       NV_LISTEN, 0);
	w[1] = nv_want("the wildcard listener of guest a", &aw, NULL,
		       NV_LISTEN, 0);
	w[2] = nv_want("the connection accepted by guest a", &ap, &cl,
		       NV_ESTABLISHED, 0);
	w[3] = nv_want("the host's connection to guest a", &cl, &ap,
		       NV_ESTABLISHED, 0);
	w[4] = nv_want("the listener of guest b on " VN_B6, &bl, NULL,
		       NV_LISTEN, 0);
	VIEW(NULL, "tcp6", w, host);
	VIEW_ONLY(&a, "tcp6", w, ga, VN_A4, VN_A6);
	VIEW_ONLY(&b, "tcp6", w, gb, VN_B4, VN_B6);
	vn_close(&a, s);
	vn_close(NULL, c);
	vs_agents_stop_all();
}

/* UDP over family: the host's, a's and b's sockets on one port. */
static void udp_listing(struct __test_metadata *_metadata, const char *file,
			uint32_t nid_a, uint32_t nid_b, const char *host_ip,
			const char *any, const char *b_ip, uint16_t port)
{
	struct vn_addr hl = vn_sa(host_ip, port), aw = vn_sa(any, port),
		       hk = vn_sa(host_ip, port + 1), bl = vn_sa(b_ip, port),
		       ac;
	struct nv_want w[5];
	const int host[] = { 1, 1, 1, 1, 1 }, ga[] = { 0, 0, 1, 1, 0 },
		  gb[] = { 0, 0, 0, 0, 1 };
	struct vs_agent a, b;
	int uh, uk, ua, uc, ub, kept;

	VN_GUEST(a, nid_a, NXF_INIT_SET);
	add_addrs(_metadata, nid_a,
		  (const char *const[]){ VN_A4, VN_A6, NULL });
	VN_GUEST(b, nid_b, NXF_INIT_SET);
	add_addrs(_metadata, nid_b,
		  (const char *const[]){ VN_B4, VN_B6, NULL });
	VN_UDP(uh, NULL, host_ip, port);
	/* Made by the host, held by guest a. */
	VN_UDP(uk, NULL, host_ip, port + 1);
	kept = nv_call(&a, nv_fn_keep, VS_ARGS(0), uk, NULL, 0, NULL, 0);
	ASSERT_LE(0, kept) TH_LOG("guest a: taking the host's socket: %s",
				  strerror(errno));
	close(uk);
	VN_UDP(ua, &a, any, port);
	/* A connected socket of guest a. */
	VN_SOCKET(uc, &a, hl.u.sa.sa_family, SOCK_DGRAM, 0);
	ASSERT_EQ(0, vn_connect(&a, uc, &hl))
		TH_LOG("guest a: UDP connect to %s: %s", vn_str(&hl),
		       strerror(errno));
	ASSERT_EQ(0, vn_sockname(&a, uc, &ac));
	VN_UDP(ub, &b, b_ip, port);

	w[0] = nv_want("the host's socket", &hl, NULL, -1, 0);
	w[1] = nv_want("the host's socket held by guest a", &hk, NULL, -1, 0);
	w[2] = nv_want("the wildcard socket of guest a", &aw, NULL, -1, 0);
	w[3] = nv_want("the connected socket of guest a", &ac, &hl, -1, 0);
	w[4] = nv_want("the socket of guest b", &bl, NULL, -1, 0);
	VIEW(NULL, file, w, host);
	VIEW_ONLY(&a, file, w, ga, VN_A4, VN_A6);
	VIEW_ONLY(&b, file, w, gb, VN_B4, VN_B6);
	vs_agents_stop_all();
	vn_close(NULL, uh);
}

TEST(proc_net_udp_lists_own_sockets)
{
	NET_UP();
	udp_listing(_metadata, "udp", 1933, 1934, VN_HOST4, "0.0.0.0", VN_B4,
		    22130);
}

TEST(proc_net_udp6_lists_own_sockets)
{
	NET_UP();
	udp_listing(_metadata, "udp6", 1935, 1936, VN_HOST6, "::", VN_B6,
		    22140);
}

/* Raw ICMP sockets of the host, a and b, told apart by inode. */
static void raw_listing(struct __test_metadata *_metadata, const char *file,
			uint32_t nid_a, uint32_t nid_b, int family, int proto)
{
	struct nv_want w[3];
	const int host[] = { 1, 1, 1 }, ga[] = { 0, 1, 0 },
		  gb[] = { 0, 0, 1 };
	struct vs_agent a, b;
	int rh, ra, rb;

	VN_GUEST(a, nid_a, NXF_INIT_SET);
	add_addrs(_metadata, nid_a,
		  (const char *const[]){ VN_A4, VN_A6, NULL });
	VN_GUEST(b, nid_b, NXF_INIT_SET);
	add_addrs(_metadata, nid_b,
		  (const char *const[]){ VN_B4, VN_B6, NULL });
	VN_SOCKET(rh, NULL, family, SOCK_RAW, proto);
	VN_SOCKET(ra, &a, family, SOCK_RAW, proto);
	VN_SOCKET(rb, &b, family, SOCK_RAW, proto);
	w[0] = nv_want("the host's raw socket", NULL, NULL, -1,
		       nv_ino(NULL, rh));
	w[1] = nv_want("the raw socket of guest a", NULL, NULL, -1,
		       nv_ino(&a, ra));
	w[2] = nv_want("the raw socket of guest b", NULL, NULL, -1,
		       nv_ino(&b, rb));
	ASSERT_TRUE(w[0].ino && w[1].ino && w[2].ino)
		TH_LOG("no inode numbers of the raw sockets");
	VIEW(NULL, file, w, host);
	VIEW_ONLY(&a, file, w, ga, VN_A4, VN_A6);
	VIEW_ONLY(&b, file, w, gb, VN_B4, VN_B6);
	vs_agents_stop_all();
	vn_close(NULL, rh);
}

TEST(proc_net_raw_lists_own_sockets)
{
	NET_UP();
	raw_listing(_metadata, "raw", 1937, 1938, AF_INET, IPPROTO_ICMP);
}

TEST(proc_net_raw6_lists_own_sockets)
{
	NET_UP();
	raw_listing(_metadata, "raw6", 1939, 1940, AF_INET6, IPPROTO_ICMPV6);
}

/* ------------------------------------------------------------------ */
/* NXF_HIDE_LBACK                                                     */
/* ------------------------------------------------------------------ */

/* The address of *got is ip and its port port (0: any port). */
#define ADDR_IS(got, ip, port, what)					\
	do {								\
		struct vn_addr _w = vn_sa((ip), (port));		\
		EXPECT_TRUE(vn_ip_is((got), (ip)) &&			\
			    (!(port) || vn_port(got) == (port)))	\
			TH_LOG("%s is %s, expected %s", (what),		\
			       vn_str(got), vn_str(&_w));		\
	} while (0)

/* socket of type bound by a to ip:port; getsockname shows shown:port. */
static void expect_bound_shows(struct __test_metadata *_metadata,
			       struct vs_agent *a, int type, const char *ip,
			       uint16_t port, const char *shown)
{
	struct vn_addr d = vn_sa(ip, port), n;
	const char *step;
	char what[128];
	int fd;

	fd = vn_bound(a, type, &d, 0, &step);
	ASSERT_LE(0, fd)
		TH_LOG("%s: %s %s to %s: %s", vs_name(a),
		       type == SOCK_STREAM ? "TCP" : "UDP", step, vn_str(&d),
		       strerror(errno));
	ASSERT_EQ(0, vn_sockname(a, fd, &n));
	snprintf(what, sizeof(what), "%s: getsockname of a %s socket bound "
		 "to %s", vs_name(a), type == SOCK_STREAM ? "TCP" : "UDP",
		 vn_str(&d));
	ADDR_IS(&n, shown, port, what);
	vn_close(a, fd);
}

TEST(hide_lback_getsockname_shows_127_0_0_1)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	const uint16_t port = 22300;
	const char *la = vn_lback(1941), *lb = vn_lback(1942);
	struct vs_agent a, b;
	size_t t;

	NET_UP();

	GUEST(a, 1941, NXF_INIT_SET, VN_A4);
	GUEST(b, 1942, NXF_STATE_ADMIN | NXF_LBACK_REMAP, VN_B4);
	ASSERT_STRNE("127.0.0.1", la);
	for (t = 0; t < ARRAY_SIZE(types); t++) {
		/* HIDE_LBACK: its loopback address is 127.0.0.1. */
		expect_bound_shows(_metadata, &a, types[t], "127.0.0.1", port,
				   "127.0.0.1");
		expect_bound_shows(_metadata, &a, types[t], la, port + 1,
				   "127.0.0.1");
		/* Other addresses are what they are. */
		expect_bound_shows(_metadata, &a, types[t], VN_A4, port + 2,
				   VN_A4);
		/* Without HIDE_LBACK: the real loopback address. */
		expect_bound_shows(_metadata, &b, types[t], "127.0.0.1", port,
				   lb);
		expect_bound_shows(_metadata, &b, types[t], lb, port + 1, lb);
	}
	vs_agents_stop_all();
}

/*
 * A TCP connection of guest g to its own 127.0.0.1:port (listener on
 * 127.0.0.1): every address the guest is told is shown.
 */
static void lback_connection(struct __test_metadata *_metadata,
			     struct vs_agent *g, uint16_t port,
			     const char *shown)
{
	struct vn_addr one = vn_sa("127.0.0.1", port), n, p, local, peer;
	char what[128];
	int l, c, s, u, uc;

	VN_LISTENER(l, g, "127.0.0.1", port);
	VN_SOCKET(c, g, AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(g, c, &one))
		TH_LOG("%s: connect to %s: %s", vs_name(g), vn_str(&one),
		       strerror(errno));
	s = vn_accept(g, l, VN_IO_MS, &local, &peer);
	ASSERT_LE(0, s) TH_LOG("%s: accept: %s", vs_name(g), strerror(errno));
	ASSERT_EQ(0, vn_peername(g, c, &p));
	ASSERT_EQ(0, vn_sockname(g, c, &n));

	snprintf(what, sizeof(what), "%s: getpeername of the client",
		 vs_name(g));
	ADDR_IS(&p, shown, port, what);
	snprintf(what, sizeof(what), "%s: getsockname of the client",
		 vs_name(g));
	ADDR_IS(&n, shown, 0, what);
	snprintf(what, sizeof(what), "%s: the local address of the accepted "
		 "connection", vs_name(g));
	ADDR_IS(&local, shown, port, what);
	snprintf(what, sizeof(what), "%s: the peer accept() reports",
		 vs_name(g));
	ADDR_IS(&peer, shown, vn_port(&n), what);

	/* A connected UDP socket. */
	VN_UDP(u, g, "127.0.0.1", port + 1);
	VN_SOCKET(uc, g, AF_INET, SOCK_DGRAM, 0);
	one = vn_sa("127.0.0.1", port + 1);
	ASSERT_EQ(0, vn_connect(g, uc, &one))
		TH_LOG("%s: UDP connect to %s: %s", vs_name(g), vn_str(&one),
		       strerror(errno));
	ASSERT_EQ(0, vn_peername(g, uc, &p));
	snprintf(what, sizeof(what), "%s: getpeername of the UDP socket",
		 vs_name(g));
	ADDR_IS(&p, shown, port + 1, what);
	vn_close(g, uc);
	vn_close(g, u);
	vn_close(g, s);
	vn_close(g, c);
	vn_close(g, l);
}

TEST(hide_lback_connection_addresses_show_127_0_0_1)
{
	const uint16_t port = 22310;
	struct vs_agent a, b;

	NET_UP();

	GUEST(a, 1943, NXF_INIT_SET, VN_A4);
	GUEST(b, 1944, NXF_STATE_ADMIN | NXF_LBACK_REMAP, VN_B4);
	lback_connection(_metadata, &a, port, "127.0.0.1");
	lback_connection(_metadata, &b, port + 5, vn_lback(1944));
	vs_agents_stop_all();
}

TEST(hide_lback_follows_the_flag)
{
	const uint16_t port = 22320;
	const char *la = vn_lback(1945);
	struct vn_addr one = vn_sa("127.0.0.1", port), n, p, local, peer;
	struct vs_agent a;
	int l, c, s;

	NET_UP();

	GUEST(a, 1945, NXF_INIT_SET, VN_A4);
	VN_LISTENER(l, &a, "127.0.0.1", port);
	VN_SOCKET(c, &a, AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(&a, c, &one))
		TH_LOG("connect to %s: %s", vn_str(&one), strerror(errno));
	s = vn_accept(&a, l, VN_IO_MS, NULL, NULL);
	ASSERT_LE(0, s) TH_LOG("accept: %s", strerror(errno));

	/* Cleared: the same sockets now show the real address. */
	SET_NFLAGS(1945, NXF_HIDE_LBACK, 0);
	ASSERT_EQ(0, vn_sockname(&a, l, &n));
	ADDR_IS(&n, la, port, "without HIDE_LBACK, getsockname of the "
		"listener");
	ASSERT_EQ(0, vn_peername(&a, c, &p));
	ADDR_IS(&p, la, port, "without HIDE_LBACK, getpeername of the client");
	ASSERT_EQ(0, vn_peername(&a, s, &p));
	ADDR_IS(&p, la, 0, "without HIDE_LBACK, getpeername of the accepted "
		"connection");
	vn_close(&a, s);
	vn_close(&a, c);
	VN_SOCKET(c, &a, AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(&a, c, &one))
		TH_LOG("connect to %s: %s", vn_str(&one), strerror(errno));
	s = vn_accept(&a, l, VN_IO_MS, &local, &peer);
	ASSERT_LE(0, s) TH_LOG("accept: %s", strerror(errno));
	ADDR_IS(&local, la, port, "without HIDE_LBACK, the local address "
		"accept() reports");
	ADDR_IS(&peer, la, 0, "without HIDE_LBACK, the peer accept() "
		"reports");

	/* Set again: 127.0.0.1 again. */
	SET_NFLAGS(1945, NXF_HIDE_LBACK, 1);
	ASSERT_EQ(0, vn_sockname(&a, l, &n));
	ADDR_IS(&n, "127.0.0.1", port, "with HIDE_LBACK again, getsockname "
		"of the listener");
	ASSERT_EQ(0, vn_peername(&a, c, &p));
	ADDR_IS(&p, "127.0.0.1", port, "with HIDE_LBACK again, getpeername "
		"of the client");
	ASSERT_EQ(0, vn_sockname(&a, s, &n));
	ADDR_IS(&n, "127.0.0.1", port, "with HIDE_LBACK again, getsockname "
		"of the accepted connection");
	vn_close(&a, s);
	vn_close(&a, c);
	vn_close(&a, l);
	vs_agents_stop_all();
}

TEST(hide_lback_is_only_the_guests_view)
{
	const uint16_t port = 22330;
	const char *la = vn_lback(1946);
	struct vn_addr l = vn_sa(la, port), p, n, local;
	struct vs_agent a;
	int lg, c, s, u;

	NET_UP();

	GUEST(a, 1946, NXF_INIT_SET, VN_A4);
	VN_LISTENER(lg, &a, "127.0.0.1", port);
	/* The host reaches the guest's listener on its real address ... */
	VN_SOCKET(c, NULL, AF_INET, SOCK_STREAM, 0);
	ASSERT_EQ(0, vn_connect(NULL, c, &l))
		TH_LOG("the host: connect to %s: %s", vn_str(&l),
		       strerror(errno));
	s = vn_accept(&a, lg, VN_IO_MS, &local, NULL);
	ASSERT_LE(0, s) TH_LOG("guest a: accept: %s", strerror(errno));
	/* ... and is told that address; the guest is told 127.0.0.1. */
	ASSERT_EQ(0, vn_peername(NULL, c, &p));
	ADDR_IS(&p, la, port, "the host: getpeername of its connection to "
		"the guest");
	ADDR_IS(&local, "127.0.0.1", port, "guest a: the local address of "
		"the connection from the host");
	/* A socket of the host on that address is shown as it is. */
	VN_UDP(u, NULL, la, port + 1);
	ASSERT_EQ(0, vn_sockname(NULL, u, &n));
	ADDR_IS(&n, la, port + 1, "the host: getsockname of its socket on "
		"the guest's loopback address");
	vn_close(NULL, u);
	vn_close(&a, s);
	vn_close(NULL, c);
	vs_agents_stop_all();
}

/*
 * The ioctls that name an interface answer ENODEV for one the guest does
 * not see, as for one that does not exist.
 */
TEST_F(view, interface_ioctls_do_not_name_hidden_interfaces)
{
	static const struct {
		unsigned long cmd;
		const char *name;
	} cmds[] = {
		{ SIOCGIFFLAGS, "SIOCGIFFLAGS" },
		{ SIOCGIFINDEX, "SIOCGIFINDEX" },
		{ SIOCGIFMTU, "SIOCGIFMTU" },
		{ SIOCGIFHWADDR, "SIOCGIFHWADDR" },
	};
	char out[INET_ADDRSTRLEN];
	struct vs_agent a;
	size_t i;

	GUEST(a, 1948, NXF_INIT_SET, VN_A4);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		EXPECT_EQ(0, nv_ifaddr(NULL, cmds[i].cmd, NV_VIEW_IF, NULL,
				       out))
			TH_LOG("the host: %s on %s: %s", cmds[i].name,
			       NV_VIEW_IF, strerror(errno));
		EXPECT_EQ(0, nv_ifaddr(&a, cmds[i].cmd, VN_IFNAME, NULL, out))
			TH_LOG("the guest: %s on %s: %s", cmds[i].name,
			       VN_IFNAME, strerror(errno));
		EXPECT_EQ(0, nv_ifaddr(&a, cmds[i].cmd, "lo", NULL, out))
			TH_LOG("the guest: %s on lo: %s", cmds[i].name,
			       strerror(errno));
		EXPECT_EQ(-1, nv_ifaddr(&a, cmds[i].cmd, NV_VIEW_IF, NULL,
					out))
			TH_LOG("the guest: %s on %s succeeded", cmds[i].name,
			       NV_VIEW_IF);
		EXPECT_EQ(ENODEV, errno)
			TH_LOG("the guest: %s on %s: %s", cmds[i].name,
			       NV_VIEW_IF, strerror(errno));
	}
	vs_agents_stop_all();
}

/*
 * /proc/net/route names the interfaces a guest sees only: the host's
 * vsview1 (its route) is in the host's file and not in the guest's,
 * dummy0 in both.  /proc/net/dev_mcast does not exist for the guest
 * (issue 17): the link-layer groups of an interface it sees derive from
 * the host's IPv6 addresses there.
 */
TEST_F(view, proc_net_route_and_dev_mcast_name_only_visible_interfaces)
{
	static const char *const files[] = {
		"/proc/net/route", "/proc/net/dev_mcast",
	};
	static char text[VS_DATA_MAX];
	struct vs_agent a;
	size_t i;

	GUEST(a, 1949, NXF_INIT_SET, VN_A4);
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		ASSERT_LT(0, vs_read_as(NULL, files[i], text, sizeof(text)))
			TH_LOG("the host: %s: %s", files[i], strerror(errno));
		EXPECT_NE(NULL, strstr(text, NV_VIEW_IF))
			TH_LOG("the host's %s lacks %s: the test proves "
			       "nothing", files[i], NV_VIEW_IF);
		EXPECT_NE(NULL, strstr(text, VN_IFNAME))
			TH_LOG("the host's %s lacks %s", files[i], VN_IFNAME);
		if (strstr(files[i], "dev_mcast")) {
			EXPECT_GT(0, vs_read_as(&a, files[i], text,
						sizeof(text)))
				TH_LOG("the guest reads %s", files[i]);
			continue;
		}
		ASSERT_LE(0, vs_read_as(&a, files[i], text, sizeof(text)))
			TH_LOG("the guest: %s: %s", files[i], strerror(errno));
		EXPECT_EQ(NULL, strstr(text, NV_VIEW_IF))
			TH_LOG("the guest's %s names %s:\n%s", files[i],
			       NV_VIEW_IF, text);
		EXPECT_NE(NULL, strstr(text, VN_IFNAME))
			TH_LOG("the guest's %s lacks %s:\n%s", files[i],
			       VN_IFNAME, text);
	}
	vs_agents_stop_all();
}

TEST_HARNESS_MAIN
