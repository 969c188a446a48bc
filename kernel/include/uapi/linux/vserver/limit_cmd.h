/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Per-context resource limit commands
 */

#ifndef _UAPI_LINUX_VSERVER_LIMIT_CMD_H
#define _UAPI_LINUX_VSERVER_LIMIT_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

#define VCMD_get_rlimit		VC_CMD(RLIMIT, 1, 0)
#define VCMD_set_rlimit		VC_CMD(RLIMIT, 2, 0)
#define VCMD_get_rlimit_mask	VC_CMD(RLIMIT, 3, 0)
#define VCMD_reset_hits		VC_CMD(RLIMIT, 7, 0)
#define VCMD_reset_minmax	VC_CMD(RLIMIT, 9, 0)
#define VCMD_rlimit_stat	VC_CMD(VSTAT, 1, 0)

/**
 * struct vcmd_ctx_rlimit_v0 - Argument of ``get_rlimit``/``set_rlimit``
 * @id: The limit (RLIMIT_* below 16, else VLIMIT_*).
 * @minimum: Guaranteed minimum (not enforced; CRLIM_UNSET).
 * @softlimit: Soft limit (stored and shown, not enforced).
 * @maximum: Hard limit, enforced; CRLIM_INFINITY for none.
 *
 * 32 bytes on 64-bit architectures: 4 bytes of padding follow @id, as in
 * the vs2.3 ABI.  For set_rlimit, CRLIM_KEEP leaves a value unchanged.
 */
struct vcmd_ctx_rlimit_v0 {
	__u32 id;
	__u64 minimum;
	__u64 softlimit;
	__u64 maximum;
};

/**
 * struct vcmd_ctx_rlimit_mask_v0 - Answer of ``get_rlimit_mask``
 * @minimum: Limit ids (bit n = id n) whose minimum is supported.
 * @softlimit: Limit ids whose soft limit is supported.
 * @maximum: Limit ids that are enforced.
 */
struct vcmd_ctx_rlimit_mask_v0 {
	__u32 minimum;
	__u32 softlimit;
	__u32 maximum;
};

/**
 * struct vcmd_rlimit_stat_v0 - Argument/answer of ``rlimit_stat``
 * @id: The limit (in).
 * @hits: Times the limit refused something.
 * @value: Current value.
 * @minimum: Smallest value seen since creation or reset_minmax.
 * @maximum: Largest value seen since creation or reset_minmax.
 */
struct vcmd_rlimit_stat_v0 {
	__u32 id;
	__u32 hits;
	__u64 value;
	__u64 minimum;
	__u64 maximum;
};

#endif /* _UAPI_LINUX_VSERVER_LIMIT_CMD_H */
