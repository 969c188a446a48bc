/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Space commands: a context's stored namespaces
 */

#ifndef _UAPI_LINUX_VSERVER_SPACE_CMD_H
#define _UAPI_LINUX_VSERVER_SPACE_CMD_H

#include <linux/types.h>
#include <linux/vserver/switch.h>

#define VCMD_enter_space_v0	VC_CMD(PROCALT, 1, 0)
#define VCMD_enter_space_v1	VC_CMD(PROCALT, 1, 1)
#define VCMD_enter_space	VC_CMD(PROCALT, 1, 2)
#define VCMD_set_space_v1	VC_CMD(PROCALT, 3, 1)
#define VCMD_set_space		VC_CMD(PROCALT, 3, 2)
#define VCMD_get_space_mask_v0	VC_CMD(PROCALT, 4, 0)
#define VCMD_get_space_mask	VC_CMD(VSPACE, 0, 1)
#define VCMD_get_space_default	VC_CMD(VSPACE, 1, 0)

/* Each context stores this many sets of namespaces. */
#define VX_SPACES		2

/**
 * struct vcmd_space_mask_v1 - Argument of the v1 space commands
 * @mask: CLONE_NEW* bits, plus CLONE_FS (0x200) for root and cwd.
 */
struct vcmd_space_mask_v1 {
	__u64 mask;
};

/**
 * struct vcmd_space_mask_v2 - Argument of ``set_space``/``enter_space`` (v2)
 * @mask: CLONE_NEW* bits, plus CLONE_FS (0x200) for root and cwd.
 * @index: Which of the %VX_SPACES sets.
 * @pad: Zero; makes the 16-byte layout of the vs2.3 ABI explicit.
 */
struct vcmd_space_mask_v2 {
	__u64 mask;
	__u32 index;
	__u32 pad;
};

#endif /* _UAPI_LINUX_VSERVER_SPACE_CMD_H */
