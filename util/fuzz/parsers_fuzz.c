// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parsers_fuzz - libFuzzer target for every text parser of libvserver and
 * the tools' helpers
 *
 * The first byte picks the parser (modulo T_NR, see enum target), the rest
 * is its input: NUL-terminated for the parsers that take a string, an
 * exact copy without the NUL for those that take a length, so that
 * AddressSanitizer sees a read past it.  Beyond "no crash, no
 * out-of-bounds access", it checks the parsers' promises:
 *   - a rejected list leaves the words alone and names an entry inside
 *     the input; a good list reads back from vc_list_format();
 *   - a signal, xid, nid, vhi field, limit name or feature that parses
 *     formats back the same; a rejected xid or nid is left unchanged;
 *   - an IPv4/IPv6 address that parses formats back (vc_net_ip_format)
 *     to a text that parses to the same address; a rejected one leaves
 *     the result alone; with glibc, the same texts give the same
 *     addresses as inet_pton(3);
 *   - an address option ("[dev:]ip[/prefix|/mask]", ranges) that parses
 *     formats back (vc_net_addr_format) to a text that parses to the same
 *     entry; a rejected one leaves the entry alone and names a part of
 *     the input;
 *   - a limit value is "inf" or at most VC_LIM_MAX, is the value
 *     strtoull(3) reads, and reads back from its decimal and hex forms;
 *   - a cgroup path that passes is the input without repeated and
 *     trailing slashes, and passes again unchanged;
 *   - the vserver front end's configuration texts (vserver/conftext.c):
 *     a scalar is non-empty without a newline or edge blanks, a killseq
 *     has signals, fstab mount points are absolute, argv words hold no
 *     newline, and a rejected text names a line inside the text.
 *
 * Build and run: make -C util fuzz FUZZ_SECONDS=60
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cgroup.h"
#include "vserver/frontend.h"
#include "common.h"
#include "psfilter.h"
#include "vserver.h"

static const struct vc_name_table *const tables[] = {
	&vc_cflag_names, &vc_ccap_names, &vc_bcap_names,
	&vc_umask_names, &vc_space_names,
	&vc_nflag_names, &vc_ncap_names,
};

#define NTABLES		((int)ARRAY_SIZE(tables))

/* The parsers, by the first byte of the input (modulo T_NR). */
enum target {
	/* 0 .. NTABLES - 1: vc_list_parse() with tables[n] */
	T_SIG = NTABLES,	/* vc_str2sig */
	T_XID,			/* vc_parse_xid */
	T_VHI,			/* vc_vhi_field_by_name */
	T_STAT,			/* vc_proc_stat_parse */
	T_CFGDIR,		/* vc_cfgdir_name */
	T_PS,			/* ps_parse_header, ps_parse_row, ... */
	T_UINT,			/* parse_uint (common.c) */
	T_NID,			/* vc_parse_nid */
	T_NET_IP,		/* vc_net_ip_parse */
	T_NET_ADDR,		/* vc_net_addr_parse */
	T_LIMIT,		/* vc_parse_limit */
	T_RLIMIT,		/* vc_rlimit_by_name */
	T_FEATURE,		/* vc_feature_by_name */
	T_CGROUP,		/* cgroup_path_check (cgroup.c) */
	T_CONF,			/* vserver/conftext.c */
	T_NR
};

static void fuzz_list(const struct vc_name_table *t, const char *s)
{
	static char buf[VC_LIST_STRSZ];
	uint64_t value = 0x0123456789abcdefULL, mask = 0xfedcba9876543210ULL;
	uint64_t v2 = 0, m2 = 0;
	struct vc_list_error err;

	if (vc_list_parse(t, s, &value, &mask, &err)) {
		if (value != 0x0123456789abcdefULL ||
		    mask != 0xfedcba9876543210ULL)
			abort();	/* changed on failure */
		if (err.entry < s || err.entry + err.len > s + strlen(s))
			abort();	/* entry outside the input */
		if (err.code < VC_LIST_EMPTY || err.code > VC_LIST_BADNUM)
			abort();
		return;
	}
	if (vc_list_format(t, value, buf, sizeof(buf)) >= sizeof(buf))
		abort();
	if (vc_list_parse(t, buf, &v2, &m2, NULL) || v2 != value)
		abort();	/* no round trip */
}

/* vc_parse_xid() or vc_parse_nid(): a good id formats back the same. */
static void fuzz_id(int (*parse)(const char *, uint32_t *), const char *s)
{
	char num[VC_FMT_BUFSZ];
	uint32_t id = 0xdeadbeef, id2 = 0;

	if (parse(s, &id)) {
		if (id != 0xdeadbeef || (errno != EINVAL && errno != ERANGE))
			abort();	/* changed on failure */
		return;
	}
	if (id == VC_XID_SELF) {
		if (strcmp(s, "self"))
			abort();
		return;
	}
	if (id > VC_XID_MAX)
		abort();
	if (parse(vc_fmt_uint(num, id, 10, 0), &id2) || id2 != id)
		abort();	/* no round trip */
}

/*
 * @s: the text as a string, @raw and @len: exactly its bytes (@s may end
 * early, at a NUL among them)
 */
static void fuzz_net_ip(const char *s, const char *raw, size_t len)
{
	char buf[VC_NET_IP_STRSZ], buf2[VC_NET_IP_STRSZ];
	union vc_net_ip ip, ip2, orig;
	int family = -12345, family2;
	int rc;

	memset(&ip, 0xa5, sizeof(ip));
	orig = ip;
	rc = vc_net_ip_parse(raw, len, &family, &ip);
#ifdef __GLIBC__
	/*
	 * The syntax the header documents is that of glibc's inet_pton(3):
	 * the same texts must give the same addresses.  (The library has a
	 * parser of its own so that dietlibc builds take exactly these
	 * texts too.)
	 */
	if (strlen(s) == len) {
		union vc_net_ip ref;
		int ok4 = inet_pton(AF_INET, s, &ref.v4) == 1;
		int ok6 = !ok4 && inet_pton(AF_INET6, s, &ref.v6) == 1;

		if (rc ? ok4 || ok6 :
		    !(ok4 ? family == AF_INET && !memcmp(&ip, &ref, 4) :
		      ok6 && family == AF_INET6 && !memcmp(&ip, &ref, 16)))
			abort();	/* not what inet_pton() reads */
	}
#else
	(void)s;
#endif
	if (rc) {
		if (family != -12345 || memcmp(&ip, &orig, sizeof(ip)) ||
		    errno != EINVAL)
			abort();	/* changed on failure */
		return;
	}
	if (family != AF_INET && family != AF_INET6)
		abort();
	if (memchr(raw, ':', len) ? family != AF_INET6 : family != AF_INET)
		abort();	/* IPv6 texts have a colon, IPv4 ones none */
	vc_net_ip_format(family, &ip, buf);
	if (strlen(buf) >= sizeof(buf))
		abort();
	memset(&ip2, 0, sizeof(ip2));
	if (vc_net_ip_parse(buf, strlen(buf), &family2, &ip2) ||
	    family2 != family ||
	    memcmp(&ip, &ip2, family == AF_INET ? 4 : 16))
		abort();	/* no round trip */
	if (strcmp(vc_net_ip_format(family2, &ip2, buf2), buf))
		abort();	/* the formatted text is not canonical */
}

static void fuzz_net_addr(const char *s)
{
	char buf[VC_NET_ADDR_STRSZ];
	struct vc_net_addr a, a2, orig;
	struct vc_net_error err;

	memset(&a, 0x5a, sizeof(a));
	orig = a;
	if (vc_net_addr_parse(s, &a, &err)) {
		if (memcmp(&a, &orig, sizeof(a)) || errno != EINVAL)
			abort();	/* changed on failure */
		if (err.part < s || err.part + err.len > s + strlen(s))
			abort();	/* part outside the input */
		if (err.code < VC_NET_BADADDR || err.code > VC_NET_BADDEV)
			abort();
		return;
	}
	if (a.family != AF_INET && a.family != AF_INET6)
		abort();
	if (a.type != NXA_TYPE_ADDR &&
	    !(a.type == NXA_TYPE_RANGE && a.family == AF_INET))
		abort();
	if (a.flags || a.prefix > (a.family == AF_INET ? 32U : 128U))
		abort();
	if (strnlen(a.dev, sizeof(a.dev)) >= sizeof(a.dev))
		abort();	/* device name not terminated */
	vc_net_addr_format(&a, buf);
	if (strlen(buf) >= sizeof(buf))
		abort();
	memset(&a2, 0, sizeof(a2));
	if (vc_net_addr_parse(buf, &a2, NULL) || memcmp(&a, &a2, sizeof(a)))
		abort();	/* no round trip */
}

/* The value strtoull(3) reads from a text vc_parse_limit() took. */
static void limit_reference(const char *s, uint64_t value, int rc)
{
	const char *digits = s;
	uint64_t factor = 1, ref;
	size_t n = strlen(s);
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		digits = s + 2;
	}
	switch (n ? s[n - 1] : 0) {
	case 'k': factor = 1000; break;
	case 'K': factor = 1024; break;
	case 'm': factor = 1000000; break;
	case 'M': factor = 1048576; break;
	}
	errno = 0;
	ref = strtoull(digits, &end, base);
	if (end != s + n - (factor != 1))
		abort();	/* took what strtoull does not read */
	if (rc == 0 ? errno || ref > VC_LIM_MAX / factor ||
		      ref * factor != value :
		      errno != ERANGE && ref <= VC_LIM_MAX / factor)
		abort();
}

static void fuzz_limit(const char *s)
{
	char num[VC_FMT_BUFSZ + 2];
	uint64_t value = 0x0123456789abcdefULL, v2 = 0;
	int rc = vc_parse_limit(s, &value);

	if (rc) {
		if (value != 0x0123456789abcdefULL ||
		    (errno != EINVAL && errno != ERANGE))
			abort();	/* changed on failure */
		if (errno == ERANGE)
			limit_reference(s, value, rc);
		return;
	}
	if (value == VC_LIM_INFINITY) {
		if (strcasecmp(s, "inf") && strcasecmp(s, "infinity"))
			abort();
		if (vc_parse_limit("INF", &v2) || v2 != value)
			abort();
		return;
	}
	if (value > VC_LIM_MAX)
		abort();
	/* Digits, "0x", one suffix: no sign, blank or newline. */
	if (s[strspn(s, "0123456789abcdefABCDEFxXkKmM")])
		abort();
	limit_reference(s, value, rc);
	if (vc_parse_limit(vc_fmt_uint(num, value, 10, 0), &v2) || v2 != value)
		abort();	/* no round trip, decimal */
	num[0] = '0';
	num[1] = 'x';
	vc_fmt_uint(num + 2, value, 16, 0);
	if (vc_parse_limit(num, &v2) || v2 != value)
		abort();	/* no round trip, hex */
}

static void fuzz_cgroup(const char *s)
{
	char buf[CGROUP_PATH_MAX + 1], buf2[CGROUP_PATH_MAX + 1];
	char ref[CGROUP_PATH_MAX + 2];
	const char *why = cgroup_path_check(s, buf, sizeof(buf));
	size_t n = 0;
	const char *p;

	if (why)
		return;
	/* The input with repeated and trailing slashes removed. */
	for (p = s; *p && n < sizeof(ref) - 1; p++)
		if (*p != '/' || !n || ref[n - 1] != '/')
			ref[n++] = *p;
	if (n > 1 && ref[n - 1] == '/')
		n--;
	ref[n] = '\0';
	if (strcmp(buf, ref) || buf[0] != '/' || strlen(buf) > CGROUP_PATH_MAX)
		abort();
	if (strstr(buf, "/./") || strstr(buf, "/../") ||
	    (n >= 2 && !strcmp(buf + n - 2, "/.")) ||
	    (n >= 3 && !strcmp(buf + n - 3, "/..")))
		abort();	/* a '.' or '..' component passed */
	if (cgroup_path_check(buf, buf2, sizeof(buf2)) || strcmp(buf, buf2))
		abort();	/* not stable */
}

static unsigned int count_lines(const char *raw, size_t len)
{
	unsigned int n = 1;

	while (len--)
		n += *raw++ == '\n';
	return n;
}

static void fuzz_conf(const char *raw, size_t len)
{
	char val[64], *copy, *argv[VS_MAX_ARGS], name[16];
	unsigned int lines = count_lines(raw, len), lineno = 0;
	uint64_t v = 0, m = 0;
	struct conf_killseq ks;
	struct conf_mount mnt;
	struct conf_err err;
	struct vc_net_addr a;
	size_t pos = 0, n;
	const char *line;
	int argc, i;

	/* The front end reads nothing else of a text this refuses. */
	if (conf_check_text(raw, len, &err)) {
		if (err.line < 1 || err.line > lines)
			abort();
		return;
	}
	if (!conf_scalar(raw, len, val, sizeof(val), &err)) {
		size_t l = strlen(val);

		if (!l || strchr(val, '\n') || val[0] == ' ' ||
		    val[l - 1] == ' ' || val[0] == '\t')
			abort();
	}
	if (conf_list(&vc_bcap_names, "bcap", raw, len, &v, &m, &err) &&
	    (err.line < 1 || err.line > lines || v || m))
		abort();
	if (!conf_killseq(raw, len, &ks, &err)) {
		if (ks.n < 1 || ks.n > VS_MAX_KILLSEQ)
			abort();
		for (i = 0; i < ks.n; i++)
			if (ks.sig[i] <= 0)
				abort();
	}
	while (conf_next_line(raw, len, &pos, &lineno, &line, &n))
		if (!conf_fstab_line(line, n, &mnt, &err) &&
		    (mnt.dst[0] != '/' || !strcmp(mnt.dst, "/")))
			abort();
	copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, raw, len);
	copy[len] = '\0';
	argc = conf_argv(copy, len, argv, VS_MAX_ARGS, true, &err);
	for (i = 0; i < argc; i++)
		if (strchr(argv[i], '\n') || !argv[i][0])
			abort();
	memcpy(copy, raw, len);
	copy[len] = '\0';
	if (!conf_interface_spec(copy, name, &a, &err) &&
	    (strlen(name) > 15 || a.type != NXA_TYPE_ADDR))
		abort();
	free(copy);
}

static void fuzz_misc(enum target which, const char *s, const char *raw,
		      size_t rawlen)
{
	char buf[VC_VHI_NAME_MAX + 1], col[PS_CONTEXT_WIDTH + 80];
	size_t len = strlen(s);
	struct vc_proc_stat st;
	struct ps_layout layout;
	const char *name;
	uint64_t u;
	size_t at;
	pid_t pid;
	int n;

	switch (which) {
	case T_SIG:
		n = vc_str2sig(s);
		if (n < -1 || n > 64)
			abort();
		if (n > 0 && vc_sig2str(n) && vc_str2sig(vc_sig2str(n)) != n)
			abort();
		break;
	case T_XID:
		fuzz_id(vc_parse_xid, s);
		break;
	case T_NID:
		fuzz_id(vc_parse_nid, s);
		break;
	case T_VHI:
		n = vc_vhi_field_by_name(raw, rawlen);
		if (n >= 0 && (!vc_vhi_field_name(n) ||
			       strlen(vc_vhi_field_name(n)) != rawlen))
			abort();
		if (n >= 0 && vc_vhi_field_by_name(vc_vhi_field_name(n),
						   rawlen) != n)
			abort();
		break;
	case T_STAT:
		vc_proc_stat_parse(s, &st);
		break;
	case T_CFGDIR:
		vc_cfgdir_name(s, buf, sizeof(buf));
		if (strlen(buf) >= sizeof(buf))
			abort();
		break;
	case T_PS:
		if (ps_parse_header(raw, rawlen, &layout)) {
			if (layout.pid_end > rawlen)
				abort();
			if (ps_parse_row(raw, rawlen, &layout, &pid, &at) &&
			    at > rawlen)
				abort();
			at = ps_insert_at(raw, rawlen, layout.pid_end + 1,
					  layout.pid_end);
			if (at > rawlen)
				abort();
		}
		ps_context_column(col, (long)len - 1, len > 64 ? NULL : s);
		break;
	case T_UINT:
		if (parse_uint(s, VC_XID_MAX, &u) && u > VC_XID_MAX)
			abort();
		break;
	case T_NET_IP:
		fuzz_net_ip(s, raw, rawlen);
		break;
	case T_NET_ADDR:
		fuzz_net_addr(s);
		break;
	case T_LIMIT:
		fuzz_limit(s);
		break;
	case T_RLIMIT:
		n = vc_rlimit_by_name(raw, rawlen);
		if (n < 0)
			break;
		name = vc_rlimit_name((unsigned int)n);
		if (n >= VC_RLIMIT_IDS || !name || strlen(name) != rawlen ||
		    strncasecmp(name, raw, rawlen) ||
		    vc_rlimit_by_name(name, strlen(name)) != n)
			abort();
		break;
	case T_FEATURE:
		n = vc_feature_by_name(s);
		if (n < 0)
			break;
		name = vc_feature_name((enum vc_feature)n);
		if (n >= VC_FEATURE_NR || !name || strcasecmp(name, s) ||
		    vc_feature_by_name(name) != n)
			abort();
		break;
	case T_CGROUP:
		fuzz_cgroup(s);
		break;
	case T_CONF:
		fuzz_conf(raw, rawlen);
		break;
	default:
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *raw;
	enum target which;

	if (!size)
		return 0;
	/* s: the input as a string; raw: exactly its bytes, no NUL. */
	s = malloc(size);
	raw = malloc(size - 1 ? size - 1 : 1);
	if (!s || !raw) {
		free(s);
		free(raw);
		return 0;
	}
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	memcpy(raw, data + 1, size - 1);
	which = (enum target)(data[0] % T_NR);
	if ((int)which < NTABLES)
		fuzz_list(tables[which], s);
	else
		fuzz_misc(which, s, raw, size - 1);
	free(raw);
	free(s);
	return 0;
}
