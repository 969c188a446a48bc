// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib_test - host unit tests of libvserver and the uapi command word
 *
 * Needs no vserver kernel: the tests that call the kernel expect ENOSYS
 * on a kernel without vserver(2) and API 2.3.9 on one with it.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "tap.h"
#include "vserver.h"

#define API_VERSION	0x00020309
#define NO_VSERVER	"this kernel has no vserver support"

static bool vserver_kernel;

/* Every named category survives encoding and decoding. */
#define CATEGORY(cat) { #cat, VC_CMD(cat, 0x5a, 0x123), VC_CAT_ ## cat }

static void test_command_words(void)
{
	static const struct {
		const char *name;
		uint32_t word;
		uint32_t category;
	} cats[] = {
		CATEGORY(VERSION), CATEGORY(VSETUP), CATEGORY(VHOST),
		CATEGORY(DEVICE), CATEGORY(VPROC), CATEGORY(PROCALT),
		CATEGORY(PROCMIG), CATEGORY(PROCTRL), CATEGORY(SCHED),
		CATEGORY(MEMCTRL), CATEGORY(VNET), CATEGORY(NETALT),
		CATEGORY(NETMIG), CATEGORY(NETCTRL), CATEGORY(TAGMIG),
		CATEGORY(DLIMIT), CATEGORY(INODE), CATEGORY(VSTAT),
		CATEGORY(VINFO), CATEGORY(EVENT), CATEGORY(FLAGS),
		CATEGORY(VSPACE), CATEGORY(DEBUG), CATEGORY(RLIMIT),
		CATEGORY(SYSTEST), CATEGORY(COMPAT),
	};
	unsigned int i, cat, num, ver;
	bool all = true;

	for (i = 0; i < ARRAY_SIZE(cats); i++)
		ok(VC_CATEGORY(cats[i].word) == cats[i].category &&
		   VC_COMMAND(cats[i].word) == 0x5a &&
		   VC_VERSION(cats[i].word) == 0x123,
		   "VC_CMD(", cats[i].name, ", 0x5a, 0x123) round trip");

	for (cat = 0; cat < 64; cat++)
		for (num = 0; num < 256; num += 17)
			for (ver = 0; ver < 4096; ver += 273) {
				uint32_t word = cat << 24 | num << 16 | ver;

				all &= VC_CATEGORY(word) == cat &&
				       VC_COMMAND(word) == num &&
				       VC_VERSION(word) == ver;
			}
	ok(all, "VC_CATEGORY/VC_COMMAND/VC_VERSION decode every field");

	is_int(VCMD_get_version, 0x00000000, "VCMD_get_version is 0/0/0");
	is_int(VCMD_get_vci, 0x00010000, "VCMD_get_vci is 0/1/0");
	is_int(VC_CMD(VINFO, 5, 0), 0x2e050000, "VC_CMD(VINFO, 5, 0)");
	is_int(VC_CMD(COMPAT, 0xff, 0xfff), 0x3fff0fff,
	       "VC_CMD with every field at its maximum");
	is_int(VC_CMD(VERSION, 0x1ff, 0x1fff), 0x00ff0fff,
	       "VC_CMD masks an oversized number and version");
}

static void test_version_str(void)
{
	char buf[VC_VERSION_STRSZ];

	is_str(vc_version_str(0x00020309, buf), "2.3.9", "version 2.3.9");
	is_str(vc_version_str(0x00020308, buf), "2.3.8", "version 2.3.8");
	is_str(vc_version_str(0x0002030b, buf), "2.3.11", "version 2.3.11");
	is_str(vc_version_str(0x00010004, buf), "1.0.4", "version 1.0.4");
	is_str(vc_version_str(0, buf), "0.0.0", "version 0.0.0");
	is_str(vc_version_str(0xffffffff, buf), "65535.255.255",
	       "longest version string");
}

static void test_fmt(void)
{
	char buf[VC_FMT_BUFSZ];

	is_str(vc_fmt_uint(buf, 236, 10, 0), "236", "fmt decimal");
	is_str(vc_fmt_uint(buf, 0, 10, 0), "0", "fmt zero");
	is_str(vc_fmt_uint(buf, 0x1c00, 16, 8), "00001c00", "fmt padded hex");
	is_str(vc_fmt_uint(buf, 8, 8, 3), "010", "fmt octal");
	is_str(vc_fmt_uint(buf, UINT64_MAX, 10, 0), "18446744073709551615",
	       "fmt largest decimal");
	is_str(vc_fmt_uint(buf, UINT64_MAX, 8, 0), "1777777777777777777777",
	       "fmt largest octal");
	errno = 0;
	ok(!vc_fmt_uint(buf, 1, 2, 0) && errno == EINVAL, "fmt rejects base 2");
	errno = 0;
	ok(!vc_fmt_uint(buf, 1, 10, VC_FMT_BUFSZ) && errno == EINVAL,
	   "fmt rejects a width that does not fit");
}

static void test_features(void)
{
	const uint32_t memcg = UINT32_C(1) << VCI_KCBIT_MEMCG;
	const uint32_t spaces = UINT32_C(1) << VCI_KCBIT_SPACES;
	const uint32_t nodyn = UINT32_C(1) << VCI_KCBIT_NO_DYNAMIC;
	int f;

	ok(vc_feature_check(VC_FEATURE_MIGRATE, API_VERSION, 0),
	   "2.3.9 has MIGRATE");
	ok(vc_feature_check(VC_FEATURE_COMPAT, API_VERSION, 0),
	   "2.3.9 has COMPAT");
	ok(vc_feature_check(VC_FEATURE_PIVOT_ROOT, API_VERSION, 0),
	   "2.3.9 has PIVOT_ROOT");
	ok(!vc_feature_check(VC_FEATURE_VSTAT, API_VERSION, 0),
	   "2.3.9 lacks VSTAT (vs2.1/2.2 only)");
	ok(vc_feature_check(VC_FEATURE_VSTAT, 0x00020200, 0), "2.2.0 has VSTAT");
	ok(!vc_feature_check(VC_FEATURE_VSHELPER0, API_VERSION, 0),
	   "2.3.9 lacks VSHELPER0");
	ok(!vc_feature_check(VC_FEATURE_PIVOT_ROOT, 0x00020303, 0),
	   "2.3.3 lacks PIVOT_ROOT");
	ok(!vc_feature_check(VC_FEATURE_MEMCG, API_VERSION, 0),
	   "MEMCG needs the VCI bit");
	ok(vc_feature_check(VC_FEATURE_MEMCG, API_VERSION, memcg),
	   "MEMCG with the VCI bit");
	ok(!vc_feature_check(VC_FEATURE_MEMCG, 0x00020305, memcg),
	   "MEMCG needs 2.3.6");
	ok(vc_feature_check(VC_FEATURE_SPACES, API_VERSION, spaces),
	   "SPACES from the VCI bit");
	ok(vc_feature_check(VC_FEATURE_DYNAMIC, API_VERSION, 0),
	   "DYNAMIC without NO_DYNAMIC");
	ok(!vc_feature_check(VC_FEATURE_DYNAMIC, API_VERSION, nodyn),
	   "no DYNAMIC with NO_DYNAMIC");
	ok(!vc_feature_check(VC_FEATURE_BME, API_VERSION, 0xffffffff),
	   "never BME");
	ok(!vc_feature_check(VC_FEATURE_NR, API_VERSION, 0xffffffff),
	   "an unknown feature is unsupported");

	is_int(vc_feature_by_name("migrate"), VC_FEATURE_MIGRATE,
	       "feature names ignore case");
	errno = 0;
	ok(vc_feature_by_name("bogus") == -1 && errno == EINVAL,
	   "unknown feature name gives EINVAL");
	ok(!vc_feature_name(VC_FEATURE_NR), "no name for VC_FEATURE_NR");
	for (f = 0; f < VC_FEATURE_NR; f++) {
		const char *name = vc_feature_name(f);

		ok(name && vc_feature_by_name(name) == f, "feature ",
		   name ? name : "(null)", " name round trip");
	}
}

static void test_vci(void)
{
	is_str(vc_vci_bit_name(VCI_KCBIT_SPACES), "SPACES", "VCI bit 10");
	is_str(vc_vci_bit_name(VCI_KCBIT_MORE), "MORE", "VCI bit 31");
	ok(!vc_vci_bit_name(1), "VCI bit 1 has no name");
	ok(!vc_vci_bit_name(VCI_KCBIT_TAGGED), "tagging bits are no flags");
	ok(!vc_vci_bit_name(32), "no VCI bit 32");
	is_int(vc_vci_tagging(0x13001c01), 3, "tagging field of 0x13001c01");
	is_str(vc_vci_tagging_name(3), "ID24", "tagging 3 is ID24");
	ok(!vc_vci_tagging_name(6), "tagging 6 has no name");
}

static void test_xid(void)
{
	static const struct {
		uint32_t xid;
		const char *type;
	} cases[] = {
		{ 0, "main" }, { 1, "watch" }, { 2, "static" },
		{ 49151, "static" }, { 49152, "dynamic" }, { 65535, "dynamic" },
		{ 65536, "invalid" }, { UINT32_MAX, "invalid" },
	};
	char num[VC_FMT_BUFSZ];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_str(vc_xid_type_name(vc_xid_type(cases[i].xid)),
		       cases[i].type, "xid ",
		       vc_fmt_uint(num, cases[i].xid, 10, 0), " is ",
		       cases[i].type);
	ok(!vc_xid_type_name(VC_XID_TYPE_NR), "no name for VC_XID_TYPE_NR");
}

static void test_strerror(void)
{
	errno = EBADF;
	is_str(vc_strerror(EPERM), strerror(EPERM), "EPERM reads as strerror");
	is_int(errno, EBADF, "vc_strerror keeps errno");
	if (vserver_kernel)
		is_str(vc_strerror(ENOSYS),
		       "command not implemented by this vserver kernel",
		       "ENOSYS on a vserver kernel");
	else
		is_str(vc_strerror(ENOSYS), NO_VSERVER,
		       "ENOSYS without vserver support");
}

static void test_kernel(void)
{
	long ret;

#if defined(__x86_64__) && !defined(__ILP32__)
	is_int(vc_syscall_nr(), 236, "syscall number 236 on x86_64");
#elif defined(__i386__)
	is_int(vc_syscall_nr(), 273, "syscall number 273 on i386");
#else
	skip("not x86", "syscall number");
#endif
	errno = 0;
	ret = vc_syscall(VCMD_get_version, 0, NULL);
	if (vserver_kernel) {
		is_int(ret, API_VERSION, "vc_syscall(get_version) gives 2.3.9");
		is_int(vc_get_version(), API_VERSION, "vc_get_version 2.3.9");
		ok(vc_get_vci() != -1, "vc_get_vci works");
		ok(vc_is_supported(VC_FEATURE_COMPAT), "kernel is COMPAT");
	} else {
		ok(ret == -1 && errno == ENOSYS,
		   "vc_syscall(get_version) fails with ENOSYS");
		errno = 0;
		ok(vc_get_version() == -1 && errno == ENOSYS,
		   "vc_get_version fails with ENOSYS");
		errno = 0;
		ok(vc_get_vci() == -1 && errno == ENOSYS,
		   "vc_get_vci fails with ENOSYS");
		errno = 0;
		ok(!vc_is_supported(VC_FEATURE_COMPAT) && errno == ENOSYS,
		   "no feature without vserver, errno ENOSYS");
	}
}

int main(void)
{
	vserver_kernel = vc_get_version() != -1;
	out("# kernel ", vserver_kernel ? "has" : "has no",
	    " vserver support\n");

	test_command_words();
	test_version_str();
	test_fmt();
	test_features();
	test_vci();
	test_xid();
	test_strerror();
	test_kernel();
	return tap_done();
}
