// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sched_test - host unit tests of libvserver's scheduler commands: the
 * command words, structures and mask bits (util-vserver's VC_VXSM_*
 * values), and ENOSYS from the wrappers on a kernel without vserver(2)
 *
 * The wrappers themselves are driven on a vserver kernel by
 * tests/tools-next/t0024-vsched.sh.
 */

#include <errno.h>
#include <string.h>

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

static void test_abi(void)
{
	char a[VC_FMT_BUFSZ + 2];

	is_str(hex(VCMD_set_sched, a), "0xe010005", "set_sched is 14/1/5");
	is_str(hex(VCMD_get_sched, a), "0xe020005", "get_sched is 14/2/5");
	is_str(hex(VCMD_sched_info, a), "0xe030000", "sched_info is 14/3/0");
	is_int(sizeof(struct vcmd_sched_v5), 44, "sched_v5 is 44 bytes");
	is_int(sizeof(struct vcmd_sched_info), 40, "sched_info is 40 bytes");
	is_int(offsetof(struct vcmd_sched_info, user_msec), 8,
	       "sched_info: user_msec at 8");
	is_int(offsetof(struct vcmd_sched_info, token_usec), 32,
	       "sched_info: token_usec at 32");
	is_int(VC_SCHED_KEEP, -2, "VC_SCHED_KEEP is the kernel's -2");
	is_int(VC_SCHED_ALL_CPUS, -1, "VC_SCHED_ALL_CPUS is -1");
}

/* The mask bits are util-vserver's VC_VXSM_* values. */
static void test_mask(void)
{
	static const struct {
		const char *name;
		uint32_t bit, want;
	} bits[] = {
		{ "FILL_RATE", VXSM_FILL_RATE, 0x0001 },
		{ "INTERVAL", VXSM_INTERVAL, 0x0002 },
		{ "FILL_RATE2", VXSM_FILL_RATE2, 0x0004 },
		{ "INTERVAL2", VXSM_INTERVAL2, 0x0008 },
		{ "TOKENS", VXSM_TOKENS, 0x0010 },
		{ "TOKENS_MIN", VXSM_TOKENS_MIN, 0x0020 },
		{ "TOKENS_MAX", VXSM_TOKENS_MAX, 0x0040 },
		{ "PRIO_BIAS", VXSM_PRIO_BIAS, 0x0100 },
		{ "IDLE_TIME", VXSM_IDLE_TIME, 0x0200 },
		{ "FORCE", VXSM_FORCE, 0x0400 },
		{ "CPU_ID", VXSM_CPU_ID, 0x1000 },
		{ "BUCKET_ID", VXSM_BUCKET_ID, 0x2000 },
		{ "MSEC", VXSM_MSEC, 0x4000 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bits); i++)
		is_int(bits[i].bit, bits[i].want, "VXSM_", bits[i].name);
}

/* Without vserver(2) every wrapper fails with ENOSYS. */
static void test_wrappers(void)
{
	struct vc_sched s = {
		.mask = VXSM_FILL_RATE | VXSM_INTERVAL, .fill_rate = 1,
		.interval = 4, .prio_bias = 7,
	};
	struct vc_sched_info info = { .cpu_id = -1, .user_msec = 5 };

	if (vc_get_version() != -1) {
		skip("vserver kernel", "the ENOSYS wrappers (VM tests)");
		return;
	}
	errno = 0;
	ok(vc_set_sched(42, &s) == -1 && errno == ENOSYS,
	   "set_sched without vserver");
	errno = 0;
	ok(vc_get_sched(42, &s) == -1 && errno == ENOSYS,
	   "get_sched without vserver");
	ok(s.mask == (VXSM_FILL_RATE | VXSM_INTERVAL) && s.fill_rate == 1 &&
	   s.interval == 4 && s.prio_bias == 7,
	   "a failed get_sched leaves the settings alone");
	errno = 0;
	ok(vc_sched_info(VC_XID_SELF, &info) == -1 && errno == ENOSYS,
	   "sched_info without vserver");
	ok(info.cpu_id == -1 && info.user_msec == 5,
	   "a failed sched_info leaves the answer alone");
}

int main(void)
{
	test_abi();
	test_mask();
	test_wrappers();
	return tap_done();
}
