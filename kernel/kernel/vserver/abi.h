/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - The vs2.3 ABI's structures, checked at build time
 */

#ifndef _KERNEL_VSERVER_ABI_H
#define _KERNEL_VSERVER_ABI_H

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <uapi/linux/vserver/context_cmd.h>
#include <uapi/linux/vserver/dlimit_cmd.h>
#include <uapi/linux/vserver/inode_cmd.h>
#include <uapi/linux/vserver/limit_cmd.h>
#include <uapi/linux/vserver/network_cmd.h>
#include <uapi/linux/vserver/sched_cmd.h>
#include <uapi/linux/vserver/space_cmd.h>

/**
 * build_check_abi - The size and layout of every vs2.3 structure
 *
 * User space (util-vserver, libvserver) has these layouts compiled in: a
 * change of a uapi header that moves a field or changes a size breaks
 * it, so the build stops on one.  The figures are those of x86_64, the
 * architecture of syscall 236.  A new structure gets its lines here.
 * Generates no code.
 */
static inline void build_check_abi(void)
{
	BUILD_BUG_ON(sizeof(struct vcmd_vx_info_v0) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_vx_info_v0, xid) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_vx_info_v0, initpid) != 4);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_stat_v0) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_stat_v0, usecnt) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_stat_v0, tasks) != 4);

	BUILD_BUG_ON(sizeof(struct vcmd_virt_stat_v0) != 48);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, offset) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, uptime) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, nr_threads) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, nr_running) != 20);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, nr_uninterruptible) != 24);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, nr_onhold) != 28);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, nr_forks) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_virt_stat_v0, load) != 36);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_create) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_create, flagword) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_migrate) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_migrate, flagword) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_kill_v0) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_kill_v0, pid) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_kill_v0, sig) != 4);

	BUILD_BUG_ON(sizeof(struct vcmd_wait_exit_v0) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_wait_exit_v0, reboot_cmd) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_wait_exit_v0, exit_code) != 4);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_flags_v0) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_flags_v0, flagword) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_flags_v0, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_caps_v1) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_caps_v1, ccaps) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_caps_v1, cmask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_bcaps) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_bcaps, bcaps) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_bcaps, bmask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_umask) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_umask, umask) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_umask, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_wmask) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_wmask, wmask) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_wmask, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_badness_v0) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_badness_v0, bias) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_vhi_name_v0) != 72);
	BUILD_BUG_ON(offsetof(struct vcmd_vhi_name_v0, field) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_vhi_name_v0, name) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_vhi_name_v0, pad) != 69);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_iattr_v1) != 24);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_iattr_v1, name) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_iattr_v1, tag) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_iattr_v1, flags) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_iattr_v1, mask) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_iattr_v1, pad) != 20);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_fiattr_v0) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_fiattr_v0, tag) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_fiattr_v0, flags) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_fiattr_v0, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_dlimit_base_v0) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_base_v0, name) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_base_v0, flags) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_dlimit_v0) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, name) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, space_used) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, space_total) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, inodes_used) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, inodes_total) != 20);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, reserved) != 24);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_dlimit_v0, flags) != 28);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_rlimit_v0) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_v0, id) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_v0, minimum) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_v0, softlimit) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_v0, maximum) != 24);

	BUILD_BUG_ON(sizeof(struct vcmd_ctx_rlimit_mask_v0) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_mask_v0, minimum) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_mask_v0, softlimit) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_ctx_rlimit_mask_v0, maximum) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_rlimit_stat_v0) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_rlimit_stat_v0, id) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_rlimit_stat_v0, hits) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_rlimit_stat_v0, value) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_rlimit_stat_v0, minimum) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_rlimit_stat_v0, maximum) != 24);

	BUILD_BUG_ON(sizeof(struct vcmd_nx_info_v0) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_nx_info_v0, nid) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_net_create) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_net_create, flagword) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_net_flags_v0) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_net_flags_v0, flagword) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_flags_v0, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_net_caps_v0) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_net_caps_v0, ncaps) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_caps_v0, cmask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_net_addr_v0) != 36);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_v0, type) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_v0, count) != 2);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_v0, ip) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_v0, mask) != 20);

	BUILD_BUG_ON(sizeof(struct vcmd_net_addr_ipv4_v1) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v1, type) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v1, flags) != 2);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v1, ip) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v1, mask) != 8);

	BUILD_BUG_ON(sizeof(struct vcmd_net_addr_ipv4_v2) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v2, type) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v2, flags) != 2);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v2, ip) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v2, ip2) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv4_v2, mask) != 12);

	BUILD_BUG_ON(sizeof(struct vcmd_net_addr_ipv6_v1) != 40);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv6_v1, type) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv6_v1, flags) != 2);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv6_v1, prefix) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv6_v1, ip) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_net_addr_ipv6_v1, mask) != 24);

	BUILD_BUG_ON(sizeof(struct vcmd_sched_v5) != 44);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, mask) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, cpu_id) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, bucket_id) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, fill_rate) != 12);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, interval) != 20);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, tokens) != 28);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, tokens_min) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, tokens_max) != 36);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_v5, prio_bias) != 40);

	BUILD_BUG_ON(sizeof(struct vcmd_sched_info) != 40);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, cpu_id) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, bucket_id) != 4);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, user_msec) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, sys_msec) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, hold_msec) != 24);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, token_usec) != 32);
	BUILD_BUG_ON(offsetof(struct vcmd_sched_info, vavavoom) != 36);

	BUILD_BUG_ON(sizeof(struct vcmd_prio_bias) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_prio_bias, cpu_id) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_prio_bias, prio_bias) != 4);

	BUILD_BUG_ON(sizeof(struct vcmd_space_mask_v1) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_space_mask_v1, mask) != 0);

	BUILD_BUG_ON(sizeof(struct vcmd_space_mask_v2) != 16);
	BUILD_BUG_ON(offsetof(struct vcmd_space_mask_v2, mask) != 0);
	BUILD_BUG_ON(offsetof(struct vcmd_space_mask_v2, index) != 8);
	BUILD_BUG_ON(offsetof(struct vcmd_space_mask_v2, pad) != 12);
}

#endif /* _KERNEL_VSERVER_ABI_H */
