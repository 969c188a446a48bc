// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * limit_test - host unit tests of libvserver's resource limits: the value
 * parser (util-vserver's lib/testsuite/parselimit cases and more), the
 * limit names, the command words and structures, and ENOSYS from the
 * wrappers on a kernel without vserver(2)
 *
 * The wrappers themselves are driven on a vserver kernel by
 * tests/tools-next/t0019-vlimit.sh.
 */

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "common.h"
#include "tap.h"
#include "vserver.h"

static char *hex(uint64_t v, char *buf)
{
	buf[0] = '0';
	buf[1] = 'x';
	vc_fmt_uint(buf + 2, v, 16, 0);
	return buf;
}

static void test_parse(void)
{
	static const struct {
		const char *s;
		uint64_t value;
	} good[] = {
		/* util-vserver's parselimit test */
		{ "0", 0 }, { "1", 1 }, { "1k", 1000 }, { "1K", 1024 },
		{ "1m", 1000000 }, { "1M", 1048576 }, { "1234", 1234 },
		{ "inf", VC_LIM_INFINITY },
		/* more */
		{ "INF", VC_LIM_INFINITY }, { "Infinity", VC_LIM_INFINITY },
		{ "007", 7 }, { "0x10", 16 }, { "0XfF", 255 }, { "0x1K", 1024 },
		{ "200", 200 }, { "4k", 4000 }, { "16M", 16777216 },
		{ "18446744073709551613", VC_LIM_MAX },
		{ "0xfffffffffffffffd", VC_LIM_MAX },
		{ "18014398509481983K", UINT64_C(18014398509481983) * 1024 },
	};
	static const struct {
		const char *s;
		int err;
	} bad[] = {
		/* util-vserver's parselimit test */
		{ "x", EINVAL }, { "k", EINVAL }, { "1kX", EINVAL },
		{ "", EINVAL },
		/* more */
		{ " 1", EINVAL }, { "1 ", EINVAL },
		{ "-1", EINVAL }, { "+1", EINVAL }, { "1kk", EINVAL },
		{ "1G", EINVAL }, { "1.5M", EINVAL }, { "0x", EINVAL },
		{ "0xK", EINVAL }, { "0x1g", EINVAL }, { "in", EINVAL },
		{ "info", EINVAL }, { "infinite", EINVAL },
		{ "unlimited", EINVAL },
		{ "K1", EINVAL }, { "12a", EINVAL },
		{ "18446744073709551614", ERANGE },
		{ "18446744073709551615", ERANGE },
		{ "18446744073709551616", ERANGE },
		{ "99999999999999999999999", ERANGE },
		{ "0x10000000000000000", ERANGE },
		{ "18014398509481984K", ERANGE },
		{ "18446744073709552k", ERANGE },
		{ "18446744073710M", ERANGE },
	};
	char a[VC_FMT_BUFSZ + 2], b[VC_FMT_BUFSZ + 2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		uint64_t v = 0xdeadbeef;
		int ret = vc_parse_limit(good[i].s, &v);

		ok(ret == 0 && v == good[i].value, "limit '", good[i].s,
		   "' is ", hex(good[i].value, a), " (got ", hex(v, b), ")");
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t v = 0xdeadbeef;
		int ret;

		errno = 0;
		ret = vc_parse_limit(bad[i].s, &v);
		ok(ret == -1 && errno == bad[i].err && v == 0xdeadbeef,
		   "limit '", bad[i].s, "' is rejected with ",
		   bad[i].err == ERANGE ? "ERANGE" : "EINVAL",
		   ", value unchanged");
	}
	{
		uint64_t v = 0xdeadbeef;

		/* vlimit cuts a file at its first newline before parsing. */
		errno = 0;
		ok(vc_parse_limit("1234\n", &v) == -1 && errno == EINVAL &&
		   v == 0xdeadbeef, "a trailing newline is rejected");
	}
	ok(VC_LIM_MAX + 1 == VC_LIM_KEEP && VC_LIM_KEEP + 1 == VC_LIM_INFINITY,
	   "no number parses to VC_LIM_KEEP or VC_LIM_INFINITY");
}

static void test_names(void)
{
	static const struct {
		const char *name;
		unsigned int id;
	} names[] = {
		{ "cpu", RLIMIT_CPU }, { "fsize", RLIMIT_FSIZE },
		{ "data", RLIMIT_DATA }, { "stack", RLIMIT_STACK },
		{ "core", RLIMIT_CORE }, { "rss", RLIMIT_RSS },
		{ "nproc", RLIMIT_NPROC }, { "nofile", RLIMIT_NOFILE },
		{ "memlock", RLIMIT_MEMLOCK }, { "as", RLIMIT_AS },
		{ "locks", RLIMIT_LOCKS }, { "msgqueue", RLIMIT_MSGQUEUE },
		{ "nsock", 16 }, { "openfd", 17 }, { "anon", 18 },
		{ "shmem", 19 }, { "semary", 20 }, { "nsems", 21 },
		{ "dentry", 22 }, { "mapped", 23 },
		{ "sigpending", RLIMIT_SIGPENDING }, { "posixmq", 24 },
		{ "aio", 25 },
	};
	char num[VC_FMT_BUFSZ];
	unsigned int i, id, named = 0;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		is_str(vc_rlimit_name(names[i].id), names[i].name,
		       "limit ", vc_fmt_uint(num, names[i].id, 10, 0), " is ",
		       names[i].name);
		is_int(vc_rlimit_by_name(names[i].name,
					 strlen(names[i].name)),
		       names[i].id, "limit by name ", names[i].name);
	}
	for (id = 0; id < 64; id++)
		named += vc_rlimit_name(id) != NULL;
	is_int(named, ARRAY_SIZE(names), "no other limit has a name");
	is_int(RLIMIT_NPROC, 6, "nproc is id 6 on x86");
	is_int(RLIMIT_NOFILE, 7, "nofile is id 7 on x86");
	is_int(VLIMIT_NSOCK, 16, "nsock is id 16");
	ok(!vc_rlimit_name(13) && !vc_rlimit_name(14) &&
	   !vc_rlimit_name(15),
	   "nice, rtprio and rttime have no name (util-vserver)");
	is_int(vc_rlimit_by_name("NProc", 5), RLIMIT_NPROC,
	       "limit names ignore case");
	is_int(vc_rlimit_by_name("nproc=5", 5), RLIMIT_NPROC,
	       "a limit name with its length");
	errno = 0;
	ok(vc_rlimit_by_name("npro", 4) == -1 && errno == EINVAL,
	   "no prefix matches: npro");
	ok(vc_rlimit_by_name("nofiles", 7) == -1, "nofiles is no limit");
	ok(vc_rlimit_by_name("", 0) == -1, "the empty name");
	ok(vc_rlimit_by_name("6", 1) == -1, "a number is no name");
}

static void test_abi(void)
{
	char a[VC_FMT_BUFSZ + 2];

	is_str(hex(VCMD_get_rlimit, a), "0x3c010000", "get_rlimit is 60/1/0");
	is_str(hex(VCMD_set_rlimit, a), "0x3c020000", "set_rlimit is 60/2/0");
	is_str(hex(VCMD_get_rlimit_mask, a), "0x3c030000",
	       "get_rlimit_mask is 60/3/0");
	is_str(hex(VCMD_reset_hits, a), "0x3c070000", "reset_hits is 60/7/0");
	is_str(hex(VCMD_reset_minmax, a), "0x3c090000",
	       "reset_minmax is 60/9/0");
	is_str(hex(VCMD_rlimit_stat, a), "0x28010000", "rlimit_stat is 40/1/0");
	if (sizeof(void *) == 8)
		is_int(sizeof(struct vcmd_ctx_rlimit_v0), 32,
		       "ctx_rlimit_v0 is 32 bytes on 64-bit (padding)");
	else
		skip("32-bit build", "ctx_rlimit_v0 is 32 bytes on 64-bit");
	is_int(sizeof(struct vcmd_ctx_rlimit_mask_v0), 12,
	       "ctx_rlimit_mask_v0 is 12 bytes");
	is_int(sizeof(struct vcmd_rlimit_stat_v0), 32,
	       "rlimit_stat_v0 is 32 bytes");
	is_str(hex(VC_LIM_INFINITY, a), "0xffffffffffffffff",
	       "VC_LIM_INFINITY is CRLIM_INFINITY");
	is_str(hex(VC_LIM_KEEP, a), "0xfffffffffffffffe",
	       "VC_LIM_KEEP is CRLIM_KEEP");
	is_int(VC_LIM_UNSET, 0, "VC_LIM_UNSET is CRLIM_UNSET");
	ok(VLIMIT_NUM <= VC_RLIMIT_IDS, "every limit id has a mask bit");
}

/* Without vserver(2) every wrapper fails with ENOSYS. */
static void test_wrappers(void)
{
	struct vc_rlimit lim = { 1, 2, 3 };
	struct vc_rlimit_mask mask = { 4, 5, 6 };
	struct vc_rlimit_stat st;

	if (vc_get_version() != -1) {
		skip("vserver kernel", "the ENOSYS wrappers (VM tests)");
		return;
	}
#define ENOSYS_OK(call, what)						\
	do {								\
		errno = 0;						\
		ok((call) == -1 && errno == ENOSYS, what " without vserver"); \
	} while (0)
	ENOSYS_OK(vc_get_rlimit(42, RLIMIT_NPROC, &lim), "get_rlimit");
	ok(lim.min == 1 && lim.soft == 2 && lim.hard == 3,
	   "a failed get_rlimit leaves the values alone");
	ENOSYS_OK(vc_set_rlimit(42, RLIMIT_NPROC, &lim), "set_rlimit");
	ENOSYS_OK(vc_get_rlimit_mask(&mask), "get_rlimit_mask");
	ok(mask.min == 4 && mask.soft == 5 && mask.hard == 6,
	   "a failed get_rlimit_mask leaves the mask alone");
	ENOSYS_OK(vc_rlimit_stat(42, RLIMIT_NPROC, &st), "rlimit_stat");
	ENOSYS_OK(vc_reset_hits(42), "reset_hits");
	ENOSYS_OK(vc_reset_minmax(42), "reset_minmax");
#undef ENOSYS_OK
}

int main(void)
{
	test_parse();
	test_names();
	test_abi();
	test_wrappers();
	return tap_done();
}
