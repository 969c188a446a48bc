// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parse_test - host unit tests of every parser, name table and formatter
 * of libvserver and the tools' helpers
 *
 * Needs no vserver kernel: the wrappers of the kernel commands are only
 * checked for ENOSYS on a kernel without vserver(2) (the VM tests in
 * tests/tools-next drive them on a vserver kernel).
 */

#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "psfilter.h"
#include "tap.h"
#include "vserver.h"

#define BIT(n)		(UINT64_C(1) << (n))

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

static bool vserver_kernel;

static char *hex(uint64_t v, char *buf)
{
	buf[0] = '0';
	buf[1] = 'x';
	vc_fmt_uint(buf + 2, v, 16, 0);
	return buf;
}

static char *dec(uint64_t v, char *buf)
{
	return vc_fmt_uint(buf, v, 10, 0);
}

struct table {
	const char *name;
	const struct vc_name_table *t;
	const char *prefix;
};

static const struct table tables[] = {
	{ "cflag", &vc_cflag_names, "VXF_" },
	{ "ccap", &vc_ccap_names, "VXC_" },
	{ "bcap", &vc_bcap_names, "CAP_" },
	{ "umask", &vc_umask_names, "CLONE_" },
	{ "space", &vc_space_names, "CLONE_" },
};

static char flip_case(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return (char)(c ^ 0x20);
	return c;
}

/* Parses @list from a zero word; the result or ~0 on failure. */
static uint64_t parse(const struct vc_name_table *t, const char *list)
{
	uint64_t value = 0, mask = 0;

	if (vc_list_parse(t, list, &value, &mask, NULL))
		return ~UINT64_C(0);
	return value;
}

/* Expects @list to be rejected with @code at the entry @entry. */
static void parse_fails(const struct vc_name_table *t, const char *list,
			enum vc_list_errcode code, const char *entry)
{
	uint64_t value = 0x5a, mask = 0xa5;
	struct vc_list_error err = { 0, NULL, 0 };
	int ret;

	errno = 0;
	ret = vc_list_parse(t, list, &value, &mask, &err);
	ok(ret == -1 && errno == EINVAL && err.code == code &&
	   err.len == strlen(entry) && err.entry &&
	   !strncmp(err.entry, entry, err.len) && err.entry >= list &&
	   err.entry + err.len <= list + strlen(list) &&
	   value == 0x5a && mask == 0xa5,
	   "'", list, "' is rejected at '", entry, "', nothing changed");
}

static void test_table_names(const struct table *tb)
{
	char buf[VC_LIST_STRSZ], low[64], pre[80], num[VC_FMT_BUFSZ];
	unsigned int bit, named = 0;
	bool names_ok = true, case_ok = true, prefix_ok = true;
	uint64_t all_named = 0;

	for (bit = 0; bit < 64; bit++) {
		const char *name = vc_bit2name(tb->t, bit);
		size_t i;

		if (!name)
			continue;
		named++;
		all_named |= BIT(bit);
		names_ok &= vc_name2bits(tb->t, name, strlen(name)) == BIT(bit);
		for (i = 0; name[i] && i < sizeof(low) - 1; i++)
			low[i] = (char)((i & 1) ? flip_case(name[i]) : name[i]);
		low[i] = '\0';
		case_ok &= vc_name2bits(tb->t, low, i) == BIT(bit);
		strcpy(pre, tb->prefix);
		strcat(pre, low);
		prefix_ok &= vc_name2bits(tb->t, pre, strlen(pre)) == BIT(bit);
		/* Lower-case prefix too. */
		for (i = 0; tb->prefix[i]; i++)
			pre[i] = flip_case(pre[i]);
		prefix_ok &= vc_name2bits(tb->t, pre, strlen(pre)) == BIT(bit);
		prefix_ok &= parse(tb->t, pre) == BIT(bit);
	}
	ok(named > 0 && names_ok, tb->name, ": every printed name reads back ",
	   "as its bit (", dec(named, num), " names)");
	ok(case_ok, tb->name, ": names are read in any case");
	ok(prefix_ok, tb->name, ": names are read with the ", tb->prefix,
	   " prefix, in any case");
	ok(!vc_name2bits(tb->t, tb->prefix, strlen(tb->prefix)),
	   tb->name, ": the prefix alone is no name");
	ok(!vc_name2bits(tb->t, "bogus", 5), tb->name,
	   ": an unknown name has no bits");
	ok(!vc_bit2name(tb->t, 64), tb->name, ": no name for bit 64");
	ok((vc_table_all(tb->t) & ~all_named) == 0, tb->name,
	   ": all covers only named bits");
	vc_list_format(tb->t, all_named, buf, sizeof(buf));
	is_int(parse(tb->t, buf), all_named, tb->name,
	       ": the list of every name reads back");
}

static void test_round_trips(const struct table *tb)
{
	char buf[VC_LIST_STRSZ];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	bool single = true, random_ok = true;
	unsigned int bit, i;

	for (bit = 0; bit < 64; bit++) {
		vc_list_format(tb->t, BIT(bit), buf, sizeof(buf));
		single &= parse(tb->t, buf) == BIT(bit);
	}
	ok(single, tb->name, ": every single bit formats and reads back");
	for (i = 0; i < 2000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		vc_list_format(tb->t, x, buf, sizeof(buf));
		random_ok &= parse(tb->t, buf) == x;
	}
	ok(random_ok, tb->name, ": 2000 random words format and read back");
	vc_list_format(tb->t, 0, buf, sizeof(buf));
	is_str(buf, "", tb->name, ": 0 formats as the empty list");
	is_int(parse(tb->t, ""), 0, tb->name, ": the empty list reads as 0");
	vc_list_format(tb->t, ~UINT64_C(0), buf, sizeof(buf));
	x = 0;
	ok(!vc_list_parse(tb->t, buf, &x, &x, NULL) && x == ~UINT64_C(0),
	   tb->name, ": all 64 bits format and read back");
}

static void test_syntax(void)
{
	const struct vc_name_table *b = &vc_bcap_names;
	uint64_t value, mask;
	char buf[64], num[VC_FMT_BUFSZ + 2];

	is_int(parse(b, "CHOWN,KILL"), BIT(0) | BIT(5), "two names");
	is_int(parse(b, "chown,cap_kill,Cap_Setuid"),
	       BIT(0) | BIT(5) | BIT(7), "case and prefix per entry");
	value = BIT(0) | BIT(5);
	mask = 0;
	ok(!vc_list_parse(b, "~KILL", &value, &mask, NULL) &&
	   value == BIT(0) && mask == BIT(5), "~name clears and is in mask");
	value = BIT(5);
	mask = 0;
	ok(!vc_list_parse(b, "!KILL", &value, &mask, NULL) && value == 0 &&
	   mask == BIT(5), "!name clears");
	value = 0;
	mask = 0;
	ok(!vc_list_parse(b, "~~KILL", &value, &mask, NULL) &&
	   value == BIT(5), "~~name sets again (each ~ toggles)");
	value = 0;
	ok(!vc_list_parse(b, "~!KILL", &value, &mask, NULL) &&
	   value == BIT(5), "~!name sets again");
	is_int(parse(b, "KILL,~KILL"), 0, "entries apply left to right");
	is_int(parse(b, "~KILL,KILL"), BIT(5), "the last entry wins");
	is_int(parse(b, "^0"), BIT(0), "^0 is bit 0");
	is_int(parse(b, "^63"), (int64_t)BIT(63), "^63 is bit 63");
	is_int(parse(b, "^40,~^40"), 0, "~^n clears bit n");
	is_int(parse(b, "0x21"), 0x21, "a hex number is a raw mask");
	is_int(parse(b, "0X21"), 0x21, "0X hex too");
	is_int(parse(b, "33"), 33, "a decimal number is a raw mask");
	is_int(parse(b, "0"), 0, "0 is an empty mask");
	is_int(parse(b, "0xffffffffffffffff"), -1, "the largest number");
	value = 0;
	mask = 0;
	ok(!vc_list_parse(b, "0", &value, &mask, NULL) && mask == 0,
	   "0 names no bit");
	is_int(parse(b, "all"), (int64_t)vc_table_all(b), "all");
	is_int(parse(b, "ANY"), (int64_t)vc_table_all(b), "any, any case");
	is_int(parse(b, "all,~KILL"), (int64_t)(vc_table_all(b) & ~BIT(5)),
	       "all but one");
	value = ~UINT64_C(0);
	mask = 0;
	ok(!vc_list_parse(b, "none", &value, &mask, NULL) &&
	   value == ~vc_table_all(b) && mask == vc_table_all(b),
	   "none clears every named bit");
	is_int(parse(b, "none,KILL"), BIT(5), "none, then one");
	is_int(parse(b, "~none"), (int64_t)vc_table_all(b), "~none is all");
	value = 0;
	ok(!vc_list_parse(b, "~all", &value, &mask, NULL) && value == 0,
	   "~all clears");
	is_int(parse(b, "alll"), -1, "all must be the whole word");
	is_int(parse(b, "a"), -1, "a is not all (util-vserver's prefix bug)");
	value = 7;
	mask = 9;
	ok(!vc_list_parse(b, "", &value, &mask, NULL) && value == 7 &&
	   mask == 9, "an empty list changes nothing");

	parse_fails(b, "FOO", VC_LIST_UNKNOWN, "FOO");
	parse_fails(b, "CHOWN,FOO,KILL", VC_LIST_UNKNOWN, "FOO");
	parse_fails(b, "CHOWN,~FOO", VC_LIST_UNKNOWN, "~FOO");
	parse_fails(b, "~", VC_LIST_UNKNOWN, "~");
	parse_fails(b, "!!", VC_LIST_UNKNOWN, "!!");
	parse_fails(b, "CAP_", VC_LIST_UNKNOWN, "CAP_");
	parse_fails(b, "CAP_CAP_KILL", VC_LIST_UNKNOWN, "CAP_CAP_KILL");
	parse_fails(b, " KILL", VC_LIST_UNKNOWN, " KILL");
	parse_fails(b, "KILL ", VC_LIST_UNKNOWN, "KILL ");
	parse_fails(b, "KILL;CHOWN", VC_LIST_UNKNOWN, "KILL;CHOWN");
	parse_fails(b, ",", VC_LIST_EMPTY, "");
	parse_fails(b, ",KILL", VC_LIST_EMPTY, "");
	parse_fails(b, "KILL,", VC_LIST_EMPTY, "");
	parse_fails(b, "KILL,,CHOWN", VC_LIST_EMPTY, "");
	parse_fails(b, "^", VC_LIST_BADBIT, "^");
	parse_fails(b, "^64", VC_LIST_BADBIT, "^64");
	parse_fails(b, "^100", VC_LIST_BADBIT, "^100");
	parse_fails(b, "^-1", VC_LIST_BADBIT, "^-1");
	parse_fails(b, "^1a", VC_LIST_BADBIT, "^1a");
	parse_fails(b, "^00", VC_LIST_BADBIT, "^00");
	parse_fails(b, "^0x1", VC_LIST_BADBIT, "^0x1");
	parse_fails(b, "^ 1", VC_LIST_BADBIT, "^ 1");
	parse_fails(b, "12abc", VC_LIST_BADNUM, "12abc");
	parse_fails(b, "0x", VC_LIST_BADNUM, "0x");
	parse_fails(b, "0xg", VC_LIST_BADNUM, "0xg");
	parse_fails(b, "18446744073709551616", VC_LIST_BADNUM,
		    "18446744073709551616");
	parse_fails(b, "0x10000000000000000", VC_LIST_BADNUM,
		    "0x10000000000000000");
	parse_fails(b, "1.5", VC_LIST_BADNUM, "1.5");

	/* vc_list_format() behaves like snprintf(). */
	is_int(vc_list_format(b, BIT(0) | BIT(5), buf, sizeof(buf)), 10,
	       "format returns the length");
	is_str(buf, "CHOWN,KILL", "format of two bits");
	is_int(vc_list_format(b, BIT(0) | BIT(5), buf, 6), 10,
	       "a short buffer: the whole length");
	is_str(buf, "CHOWN", "a short buffer: cut, terminated");
	buf[0] = 'x';
	is_int(vc_list_format(b, BIT(0), buf, 0), 5, "size 0 writes nothing");
	is_str(vc_list_format(b, BIT(63), buf, sizeof(buf)) == 3 ? buf : "",
	       "^63", "an unnamed bit formats as ^n");
	vc_list_format(b, BIT(62) | BIT(5), buf, sizeof(buf));
	is_str(buf, "KILL,^62", "bits in increasing order");
	(void)num;
}

static void test_cflags(void)
{
	const struct vc_name_table *f = &vc_cflag_names;
	char buf[VC_LIST_STRSZ];
	uint64_t all = vc_table_all(f);

	is_int(parse(f, "persistent"), (int64_t)VXF_PERSISTENT, "persistent");
	is_int(parse(f, "state_setup"), (int64_t)VXF_STATE_SETUP,
	       "state_setup");
	is_int(parse(f, "fakeinit"), VXF_INFO_INIT, "fakeinit is INFO_INIT");
	is_int(parse(f, "info_init"), VXF_INFO_INIT, "info_init alias");
	is_int(parse(f, "VXF_INFO_PRIVATE"), VXF_INFO_PRIVATE,
	       "VXF_INFO_PRIVATE with the prefix");
	is_int(parse(f, "default"),
	       (int64_t)(VXF_VIRT_UPTIME | VXF_SC_HELPER),
	       "default is virt_uptime,sc_helper");
	is_int(parse(f, "secure"), 0x2000000, "secure is hide_netif");
	is_int(parse(f, "lock"), 1, "lock is bit 0 (util-vserver)");
	is_int(parse(f, "igneg_ionice"), (int64_t)BIT(53),
	       "igneg_ionice is bit 53 (util-vserver)");
	ok(!(all & VXF_ONE_TIME), "all leaves the one-time state flags out");
	ok(all & VXF_PERSISTENT, "all includes persistent");
	vc_list_format(f, VXF_INIT_SET | VXF_VIRT_UPTIME, buf, sizeof(buf));
	is_str(buf, "virt_uptime,state_setup,state_init,state_admin",
	       "format of a new context's flags");
	vc_list_format(f, VXF_VIRT_UPTIME | VXF_SC_HELPER, buf, sizeof(buf));
	is_str(buf, "virt_uptime,sc_helper",
	       "pseudo flags are never printed");
	vc_list_format(f, VXF_INFO_INIT, buf, sizeof(buf));
	is_str(buf, "fakeinit", "aliases are never printed");
	parse_fails(f, "state", VC_LIST_UNKNOWN, "state");
	parse_fails(f, "CAP_KILL", VC_LIST_UNKNOWN, "CAP_KILL");
}

static void test_ccaps(void)
{
	const struct vc_name_table *c = &vc_ccap_names;
	char buf[VC_LIST_STRSZ];

	is_int(parse(c, "set_utsname"), VXC_SET_UTSNAME, "set_utsname");
	is_int(parse(c, "utsname"), VXC_SET_UTSNAME, "utsname alias");
	is_int(parse(c, "mount,remount"),
	       VXC_SECURE_MOUNT | VXC_SECURE_REMOUNT, "mount, remount aliases");
	is_int(parse(c, "ping"), 0x100, "ping is raw_icmp (vs2.2 bit)");
	is_int(parse(c, "icmp"), 0x100, "icmp is raw_icmp");
	is_int(parse(c, "rlimit"), VXC_SET_RLIMIT, "rlimit alias");
	is_int(parse(c, "VXC_QUOTA_CTL"), VXC_QUOTA_CTL, "with the prefix");
	vc_list_format(c, VXC_SET_UTSNAME | VXC_SECURE_MOUNT, buf,
		       sizeof(buf));
	is_str(buf, "set_utsname,secure_mount", "format of two ccaps");
	parse_fails(c, "set_uts", VC_LIST_UNKNOWN, "set_uts");
}

static void test_bcaps(void)
{
	const struct vc_name_table *b = &vc_bcap_names;
	char buf[VC_LIST_STRSZ];

	is_int(parse(b, "CHECKPOINT_RESTORE"), (int64_t)BIT(40),
	       "the last capability, 40");
	is_int(parse(b, "net_raw"), BIT(13), "net_raw in lower case");
	is_int(parse(b, "SYS_ADMIN"), BIT(21), "SYS_ADMIN is 21");
	is_int((int64_t)vc_table_all(b), (int64_t)(BIT(41) - 1),
	       "all is capabilities 0..40");
	ok(!vc_bit2name(b, 41), "bit 41 has no name");
	vc_list_format(b, BIT(41), buf, sizeof(buf));
	is_str(buf, "^41", "bit 41 formats as ^41");
	parse_fails(b, "NET_RAWX", VC_LIST_UNKNOWN, "NET_RAWX");
	parse_fails(b, "VXC_KILL", VC_LIST_UNKNOWN, "VXC_KILL");
}

static void test_nsmask(void)
{
	const struct vc_name_table *u = &vc_umask_names, *s = &vc_space_names;
	char buf[VC_LIST_STRSZ];

	is_int(parse(u, "mnt,uts,ipc,user,pid,net,cgroup,time"),
	       CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
	       CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME,
	       "every namespace name");
	is_int(parse(u, "ns"), CLONE_NEWNS, "ns is the mount namespace");
	is_int(parse(u, "mount"), CLONE_NEWNS, "mount too");
	is_int(parse(u, "newns,newuts,newipc,newuser,newpid,newnet"),
	       CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER |
	       CLONE_NEWPID | CLONE_NEWNET, "util-vserver's new* names");
	is_int(parse(u, "CLONE_NEWNET"), CLONE_NEWNET, "CLONE_NEWNET");
	is_int(parse(s, "fs,mnt"), CLONE_FS | CLONE_NEWNS, "fs in a space");
	is_int((int64_t)vc_table_all(s),
	       (int64_t)(vc_table_all(u) | CLONE_FS), "space all adds fs");
	ok(!(vc_table_all(u) & CLONE_FS), "umask all has no fs");
	parse_fails(u, "fs", VC_LIST_UNKNOWN, "fs");
	parse_fails(u, "mnt,files", VC_LIST_UNKNOWN, "files");
	vc_list_format(s, CLONE_FS | CLONE_NEWNS | CLONE_NEWUTS |
		       CLONE_NEWIPC, buf, sizeof(buf));
	is_str(buf, "fs,mnt,uts,ipc", "the default spaces");
	vc_list_format(u, CLONE_NEWPID | CLONE_NEWTIME, buf, sizeof(buf));
	is_str(buf, "time,pid", "pid and time, by bit order");
}

static void test_secure(void)
{
	char buf[VC_LIST_STRSZ];

	vc_list_format(&vc_bcap_names, vc_secure_bcaps(), buf, sizeof(buf));
	is_str(buf, "CHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,KILL,"
	       "SETGID,SETUID,NET_BIND_SERVICE,SYS_CHROOT,SYS_PTRACE,SYS_BOOT,"
	       "SYS_TTY_CONFIG,LEASE,AUDIT_WRITE,SETFCAP",
	       "secure bcaps are DESIGN.md's");
	is_int((int64_t)vc_secure_bcaps(), 0xb44c04ff,
	       "secure bcaps are the kernel's default 0xb44c04ff");
	is_int((int64_t)vc_secure_ccaps(), VXC_SET_UTSNAME,
	       "secure ccaps are set_utsname");
}

static void test_signals(void)
{
	static const struct {
		const char *s;
		int sig;
	} cases[] = {
		{ "TERM", SIGTERM }, { "SIGTERM", SIGTERM },
		{ "sigterm", SIGTERM }, { "kill", SIGKILL }, { "9", 9 },
		{ "0", 0 }, { "64", 64 }, { "09", 9 }, { "HUP", SIGHUP },
		{ "SIGCHLD", SIGCHLD }, { "CLD", SIGCHLD }, { "IOT", SIGABRT },
		{ "POLL", SIGIO }, { "WINCH", SIGWINCH }, { "SYS", SIGSYS },
		{ "STKFLT", 16 }, { "PWR", 30 },
		{ "65", -1 }, { "", -1 }, { "SIG", -1 }, { "-1", -1 },
		{ "+1", -1 }, { "007", -1 }, { "1x", -1 }, { "BOGUS", -1 },
		{ "SIGSIGTERM", -1 }, { " TERM", -1 }, { "TERM ", -1 },
		{ "RTMIN", -1 },
	};
	char num[VC_FMT_BUFSZ];
	unsigned int i;
	bool names_ok = true;
	int sig;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_int(vc_str2sig(cases[i].s), cases[i].sig, "signal '",
		       cases[i].s, "'");
	for (sig = 1; sig < 32; sig++) {
		const char *name = vc_sig2str(sig);

		names_ok &= name && vc_str2sig(name) == sig;
	}
	ok(names_ok, "signals 1..31 have names that read back");
	is_str(vc_sig2str(SIGABRT), "ABRT", "SIGABRT prints as ABRT");
	ok(!vc_sig2str(0) && !vc_sig2str(40), "no names for 0 and 40");
	(void)num;
}

static void test_reboot(void)
{
	is_str(vc_reboot_cmd_name(0), "none", "reboot 0 is none");
	is_str(vc_reboot_cmd_name((int32_t)LINUX_REBOOT_CMD_RESTART),
	       "restart", "RESTART");
	is_str(vc_reboot_cmd_name((int32_t)LINUX_REBOOT_CMD_HALT), "halt",
	       "HALT");
	is_str(vc_reboot_cmd_name((int32_t)LINUX_REBOOT_CMD_POWER_OFF),
	       "poweroff", "POWER_OFF");
	is_str(vc_reboot_cmd_name((int32_t)LINUX_REBOOT_CMD_RESTART2),
	       "restart2", "RESTART2");
	ok(!vc_reboot_cmd_name(42), "no name for 42");
}

static void test_xid(void)
{
	static const struct {
		const char *s;
		int ret, err;
		uint32_t xid;
	} cases[] = {
		{ "0", 0, 0, 0 }, { "1", 0, 0, 1 }, { "42", 0, 0, 42 },
		{ "65535", 0, 0, 65535 }, { "007", 0, 0, 7 },
		{ "self", 0, 0, VC_XID_SELF },
		{ "65536", -1, ERANGE, 0 },
		{ "99999999999999999999999", -1, ERANGE, 0 },
		{ "", -1, EINVAL, 0 }, { "-1", -1, EINVAL, 0 },
		{ "+1", -1, EINVAL, 0 }, { " 1", -1, EINVAL, 0 },
		{ "1 ", -1, EINVAL, 0 }, { "0x10", -1, EINVAL, 0 },
		{ "SELF", -1, EINVAL, 0 }, { "web", -1, EINVAL, 0 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		uint32_t xid = 12345;
		int ret;

		errno = 0;
		ret = vc_parse_xid(cases[i].s, &xid);
		if (cases[i].ret == 0)
			ok(ret == 0 && xid == cases[i].xid, "xid '",
			   cases[i].s, "' parses");
		else
			ok(ret == -1 && errno == cases[i].err && xid == 12345,
			   "xid '", cases[i].s, "' is rejected, xid unchanged");
	}
}

static void test_vhi_fields(void)
{
	static const char *const names[] = {
		"context", "sysname", "nodename", "release", "version",
		"machine", "domainname",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		is_str(vc_vhi_field_name(i), names[i], "vhi field name ",
		       names[i]);
		is_int(vc_vhi_field_by_name(names[i], strlen(names[i])), i,
		       "vhi field by name ", names[i]);
	}
	is_int(VHIN_NODENAME, 2, "nodename is field 2 (vs2.3)");
	is_int(vc_vhi_field_by_name("NodeName", 8), VHIN_NODENAME,
	       "vhi names ignore case");
	is_int(vc_vhi_field_by_name("nodename=web", 8), VHIN_NODENAME,
	       "a vhi name with its length");
	errno = 0;
	ok(vc_vhi_field_by_name("node", 4) == -1 && errno == EINVAL,
	   "no prefix matches: node");
	ok(vc_vhi_field_by_name("hostname", 8) == -1, "hostname is no tag");
	ok(vc_vhi_field_by_name("", 0) == -1, "the empty tag");
	ok(!vc_vhi_field_name(7), "no field 7");
}

static void test_cfgdir_name(void)
{
	char dir[] = "/tmp/vs-parse-test.XXXXXX";
	char buf[VC_VHI_NAME_MAX + 1], path[64], small[4];
	int fd;

	is_str(vc_cfgdir_name("web", buf, sizeof(buf)), "web",
	       "a plain name is its own display name");
	is_str(vc_cfgdir_name("", buf, sizeof(buf)), "", "the empty name");
	is_str(vc_cfgdir_name("/etc/vservers/web", buf, sizeof(buf)), "web",
	       "a cfgdir shows its last component");
	is_str(vc_cfgdir_name("/etc/vservers/web//", buf, sizeof(buf)), "web",
	       "trailing slashes are ignored");
	is_str(vc_cfgdir_name("/", buf, sizeof(buf)), "", "/ has no name");
	is_str(vc_cfgdir_name("web server", small, sizeof(small)), "web",
	       "cut to the buffer");
	if (!mkdtemp(dir)) {
		skip("mkdtemp failed", "a cfgdir with a name file");
		return;
	}
	strcpy(path, dir);
	strcat(path, "/name");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "Web Server\nsecond line\n", 23) != 23) {
		skip("cannot write the name file", "a cfgdir with a name file");
	} else {
		is_str(vc_cfgdir_name(dir, buf, sizeof(buf)), "Web Server",
		       "the first line of <cfgdir>/name");
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	rmdir(dir);
}

static void test_proc_stat(void)
{
	static const char line[] =
		"1234 (sh) S 1 1234 1234 34816 1234 4194560 1076 0 0 0 "
		"7 11 3 5 20 0 1 0 4242 2269184 300 18446744073709551615 "
		"1 1 0 0 0 0 0 0 65536 0 0 0 17 0 0 0 0 0 0\n";
	static const char odd[] =
		"77 (a) b (c)) R 1 1 1 0 -1 4194560 1 0 0 0 "
		"1 2 -3 4 -2 -5 1 0 99 4096 1\n";
	struct vc_proc_stat st;

	ok(!vc_proc_stat_parse(line, &st) && st.utime == 7 && st.stime == 11 &&
	   st.cutime == 3 && st.cstime == 5 && st.starttime == 4242 &&
	   st.vsize == 2269184 && st.rss == 300, "a /proc/<pid>/stat line");
	ok(!vc_proc_stat_parse(odd, &st) && st.utime == 1 && st.stime == 2 &&
	   st.cutime == 0 && st.cstime == 4 && st.starttime == 99 &&
	   st.vsize == 4096 && st.rss == 1,
	   "a command name with blanks and ')', negative fields");
	errno = 0;
	ok(vc_proc_stat_parse("", &st) == -1 && errno == EINVAL, "empty");
	ok(vc_proc_stat_parse("1 sh S 1", &st) == -1, "no parentheses");
	ok(vc_proc_stat_parse("1 (sh) S 1 2 3", &st) == -1, "too few fields");
	ok(vc_proc_stat_parse("1 (sh) S 1 1 1 0 -1 0 1 0 0 0 x 2 3 4 20 0 1 0 "
			      "9 4096 1", &st) == -1, "a field that is no number");
	ok(vc_proc_stat_parse("1 (sh)  S 1 1 1 0 -1 0 1 0 0 0 1 2 3 4 20 0 1 0 "
			      "9 4096 1", &st) == -1, "two blanks");
	ok(vc_proc_stat_parse("1 (sh) S 1 1 1 0 -1 0 1 0 0 0 1 2 3 4 20 0 1 0 "
			      "9 4096 1x", &st) == -1, "junk after rss");
	ok(vc_proc_stat_parse("1 (sh) S 1 1 1 0 -1 0 1 0 0 0 1 2 3 4 20 0 1 0 "
			      "9 99999999999999999999999 1", &st) == -1,
	   "a number above 64 bits");
}

static void test_fmt_mem(void)
{
	static const struct {
		uint64_t v;
		const char *s;
	} cases[] = {
		{ 0, "0" }, { 999, "999" }, { 1000, "0.9K" }, { 1024, "1K" },
		{ 1536, "1.5K" }, { 1023999, "999.9K" }, { 1024000, "0.9M" },
		{ 1048576, "1M" }, { 12 * 1048576 + 314573, "12.2M" },
		{ UINT64_C(1) << 30, "1G" }, { UINT64_C(1) << 40, "1T" },
		{ UINT64_C(1) << 50, "1P" }, { UINT64_MAX, "9999P" },
	};
	char buf[VC_FMT_SHORTSZ], num[VC_FMT_BUFSZ];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_str(vc_fmt_mem(buf, cases[i].v), cases[i].s, "mem ",
		       dec(cases[i].v, num));
}

static void test_fmt_time(void)
{
	static const struct {
		uint64_t ms;
		const char *s;
	} cases[] = {
		{ 0, "0m00s00" }, { 9, "0m00s00" }, { 10, "0m00s01" },
		{ 1230, "0m01s23" }, { 59999, "0m59s99" }, { 60000, "1m00s00" },
		{ 3599999, "59m59s99" }, { 3600000, "1h00m00" },
		{ 86399999, "23h59m59" }, { 86400000, "1d00h00" },
		{ UINT64_C(999) * 86400000 + 3723000, "999d01h02" },
		{ UINT64_C(1000) * 86400000, "2y270d00" },
		{ UINT64_C(999999) * 86400000, "2739y264d00" },
		{ UINT64_C(1000000) * 86400000, "INVALID" },
		{ UINT64_MAX, "INVALID" },
	};
	char buf[VC_FMT_SHORTSZ], num[VC_FMT_BUFSZ];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		is_str(vc_fmt_time(buf, cases[i].ms), cases[i].s, "time ",
		       dec(cases[i].ms, num), " ms");
}

static void test_psfilter(void)
{
	static const char bb[] = "PID   USER     TIME  COMMAND";
	static const char pp[] = "    PID TTY      STAT   TIME COMMAND";
	static const char ef[] = "UID          PID    PPID  C STIME TTY";
	char col[PS_CONTEXT_WIDTH + VC_VHI_NAME_MAX + 8];
	struct ps_layout l;
	size_t end;
	pid_t pid;

	ok(ps_parse_header(bb, strlen(bb), &l) && l.pid_field == 0 &&
	   l.pid_end == 3, "busybox header: PID is field 0");
	ok(ps_parse_header(pp, strlen(pp), &l) && l.pid_field == 0 &&
	   l.pid_end == 7, "procps header: PID ends at 7");
	ok(ps_parse_header(ef, strlen(ef), &l) && l.pid_field == 1 &&
	   l.pid_end == 16, "ps -ef header: PID is field 1, not PPID");
	ok(!ps_parse_header("  PPID COMMAND", 14, &l), "PPID is not PID");
	ok(!ps_parse_header("PIDNS COMMAND", 13, &l), "PIDNS is not PID");
	ok(!ps_parse_header("COMMAND", 7, &l), "no PID column");
	ok(!ps_parse_header("", 0, &l), "an empty header");

	ps_parse_header(bb, strlen(bb), &l);
	ok(ps_parse_row("    1 root      0:00 init", 25, &l, &pid, &end) &&
	   pid == 1 && end == 5, "busybox row: pid 1 ends at 5");
	ok(ps_parse_row("12345 root", 10, &l, &pid, &end) && pid == 12345 &&
	   end == 5, "a five-digit pid");
	ok(!ps_parse_row("  abc root", 10, &l, &pid, &end), "no number");
	ok(!ps_parse_row("", 0, &l, &pid, &end), "an empty row");
	ok(!ps_parse_row("   ", 3, &l, &pid, &end), "a blank row");
	ok(!ps_parse_row("999999999999 x", 14, &l, &pid, &end),
	   "a pid too large");
	is_int(ps_insert_at(bb, strlen(bb), 6, 3), 6,
	       "busybox header: CONTEXT goes over the pid column");
	is_int(ps_insert_at("    1 root", 10, 6, 5), 6, "busybox row");
	is_int(ps_insert_at("123456 root", 11, 6, 6), 7,
	       "a wider pid: after it");
	is_int(ps_insert_at("  PID", 5, 6, 5), 5, "a line ending with PID");
	is_int(ps_insert_at("1", 1, 2, 1), 1, "a line ending with the pid");

	ps_parse_header(ef, strlen(ef), &l);
	ok(ps_parse_row("root           1       0  0 10:00 ?", 35, &l, &pid,
			&end) && pid == 1 && end == 16, "ps -ef row");

	is_str(ps_context_column(col, 0, "MAIN"), "    0 MAIN          ",
	       "context column of the host");
	is_str(ps_context_column(col, 42, "web"), "   42 web           ",
	       "context column of a guest");
	is_str(ps_context_column(col, 65535, ""), "65535               ",
	       "an unnamed context");
	is_str(ps_context_column(col, -1, NULL), "  ERR               ",
	       "an unknown context");
	is_str(ps_context_column(col, 7, "a-very-long-guest-name"),
	       "    7 a-very-long-guest-name ", "a long name keeps a blank");
	is_int(strlen(ps_context_column(col, 1, "ALL_PROC")),
	       PS_CONTEXT_WIDTH, "the column is 20 wide");
}

static void test_parse_uint(void)
{
	uint64_t v = 77;

	ok(parse_uint("0", 10, &v) && v == 0, "uint 0");
	ok(parse_uint("10", 10, &v) && v == 10, "uint at its maximum");
	v = 77;
	ok(!parse_uint("11", 10, &v) && v == 77, "uint above its maximum");
	ok(parse_uint("18446744073709551615", UINT64_MAX, &v) &&
	   v == UINT64_MAX, "the largest uint");
	ok(!parse_uint("18446744073709551616", UINT64_MAX, &v),
	   "uint overflow");
	ok(!parse_uint("2", 1, &v), "uint: a digit above a maximum of 1");
	ok(parse_uint("1", 1, &v) && v == 1, "uint: 1 with a maximum of 1");
	ok(!parse_uint("1", 0, &v), "uint: 1 with a maximum of 0");
	ok(!parse_uint("", 10, &v), "uint: empty");
	ok(!parse_uint("-1", 10, &v), "uint: a sign");
	ok(!parse_uint("1 ", 10, &v), "uint: a blank");
	ok(!parse_uint("0x1", 10, &v), "uint: hex");
}

static void test_find_command(void)
{
	static char path_env[128], default_env[] = "PATH";
	char dir[] = "/tmp/vs-find-test.XXXXXX";
	char exe[64], noexec[64], path[64];
	char *old = getenv("PATH");
	int fd;

	if (!mkdtemp(dir)) {
		skip("mkdtemp failed", "find_command");
		return;
	}
	strcpy(exe, dir);
	strcat(exe, "/tool");
	strcpy(noexec, dir);
	strcat(noexec, "/data");
	fd = open(exe, O_WRONLY | O_CREAT, 0755);
	if (fd >= 0)
		close(fd);
	fd = open(noexec, O_WRONLY | O_CREAT, 0644);
	if (fd >= 0)
		close(fd);

	is_int(find_command(exe), 0, "an executable path");
	is_int(find_command(noexec), EACCES, "a path that is not executable");
	is_int(find_command(dir), EACCES, "a directory is not executable");
	strcat(strcpy(path, dir), "/missing");
	is_int(find_command(path), ENOENT, "a missing path");
	is_int(find_command(""), ENOENT, "the empty command");
	/* putenv, not setenv: no malloc in dietlibc builds. */
	strcpy(path_env, "PATH=/nonexistent:");
	strcat(path_env, dir);
	putenv(path_env);
	is_int(find_command("tool"), 0, "found in the second PATH entry");
	is_int(find_command("data"), EACCES, "found, not executable");
	is_int(find_command("missing"), ENOENT, "not in PATH");
	putenv(default_env);
	if (!getenv("PATH"))
		is_int(find_command("sh"), 0, "sh in the default PATH");
	else
		skip("cannot unset PATH", "sh in the default PATH");
	if (old) {
		static char restore[4096];

		if (strlen(old) + 6 < sizeof(restore)) {
			strcpy(restore, "PATH=");
			strcat(restore, old);
			putenv(restore);
		}
	}
	unlink(exe);
	unlink(noexec);
	rmdir(dir);
}

/* Without vserver(2) every wrapper fails with ENOSYS. */
static void test_wrappers(void)
{
	struct vc_flags f = { 0, 0 };
	struct vc_vx_info vi;
	struct vc_ctx_stat cs;
	struct vc_virt_stat vs;
	struct vc_wait_exit we;
	char name[VC_VHI_NAME_MAX + 1];
	char big[VC_VHI_NAME_MAX + 2];
	uint64_t m;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	errno = 0;
	ok(vc_set_vhi_name(42, VHIN_NODENAME, big) == -1 &&
	   errno == ENAMETOOLONG, "a 65-byte name is too long");
	if (vserver_kernel) {
		skip("vserver kernel", "the ENOSYS wrappers (VM tests)");
		return;
	}
#define ENOSYS_OK(call, what)						\
	do {								\
		errno = 0;						\
		ok((call) == -1 && errno == ENOSYS, what " without vserver"); \
	} while (0)
	ENOSYS_OK(vc_ctx_create(42, VXF_INIT_SET), "ctx_create");
	ENOSYS_OK(vc_ctx_migrate(42, 0), "ctx_migrate");
	ENOSYS_OK(vc_ctx_kill(42, 0, SIGTERM), "ctx_kill");
	ENOSYS_OK(vc_wait_exit(42, &we), "wait_exit");
	ENOSYS_OK(vc_task_xid(0), "task_xid");
	ENOSYS_OK(vc_vx_info(42, &vi), "vx_info");
	ENOSYS_OK(vc_ctx_stat(42, &cs), "ctx_stat");
	ENOSYS_OK(vc_virt_stat(42, &vs), "virt_stat");
	ENOSYS_OK(vc_get_cflags(42, &f), "get_cflags");
	ENOSYS_OK(vc_set_cflags(42, &f), "set_cflags");
	ENOSYS_OK(vc_get_ccaps(42, &f), "get_ccaps");
	ENOSYS_OK(vc_set_ccaps(42, &f), "set_ccaps");
	ENOSYS_OK(vc_get_bcaps(42, &f), "get_bcaps");
	ENOSYS_OK(vc_set_bcaps(42, &f), "set_bcaps");
	ENOSYS_OK(vc_get_umask(42, &f), "get_umask");
	ENOSYS_OK(vc_set_umask(42, &f), "set_umask");
	ENOSYS_OK(vc_set_space(42, CLONE_NEWNS, 0), "set_space");
	ENOSYS_OK(vc_enter_space(42, CLONE_NEWNS, 0), "enter_space");
	ENOSYS_OK(vc_get_space_mask(&m), "get_space_mask");
	ENOSYS_OK(vc_get_space_default(&m), "get_space_default");
	ENOSYS_OK(vc_get_vhi_name(42, VHIN_NODENAME, name, sizeof(name)),
		  "get_vhi_name");
	ENOSYS_OK(vc_set_vhi_name(42, VHIN_NODENAME, "web"), "set_vhi_name");
	ENOSYS_OK(vc_ctx_name(42, name, sizeof(name)), "ctx_name");
#undef ENOSYS_OK
}

/* The command words the wrappers use are the vs2.3 ones. */
static void test_command_words(void)
{
	char a[VC_FMT_BUFSZ + 2];

	is_str(hex(VCMD_ctx_create, a), "0x9010001", "ctx_create is 9/1/1");
	is_str(hex(VCMD_ctx_migrate, a), "0xb010001", "ctx_migrate is 11/1/1");
	is_str(hex(VCMD_set_space, a), "0xa030002", "set_space is 10/3/2");
	is_str(hex(VCMD_enter_space, a), "0xa010002", "enter_space is 10/1/2");
	is_str(hex(VCMD_get_ccaps, a), "0x34030001", "get_ccaps is 52/3/1");
	is_str(hex(VCMD_wait_exit, a), "0x30630000", "wait_exit is 48/99/0");
	is_int(sizeof(struct vcmd_vhi_name_v0), 72, "vhi_name is 72 bytes");
	is_int(sizeof(struct vcmd_space_mask_v2), 16, "space_mask_v2 is 16");
	is_int(sizeof(struct vcmd_virt_stat_v0), 48, "virt_stat is 48 bytes");
}

int main(void)
{
	unsigned int i;

	vserver_kernel = vc_get_version() != -1;
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		test_table_names(&tables[i]);
		test_round_trips(&tables[i]);
	}
	test_syntax();
	test_cflags();
	test_ccaps();
	test_bcaps();
	test_nsmask();
	test_secure();
	test_signals();
	test_reboot();
	test_xid();
	test_vhi_fields();
	test_cfgdir_name();
	test_proc_stat();
	test_fmt_mem();
	test_fmt_time();
	test_psfilter();
	test_parse_uint();
	test_find_command();
	test_wrappers();
	test_command_words();
	return tap_done();
}
