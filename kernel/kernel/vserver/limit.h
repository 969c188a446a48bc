/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vserver - Per-context resource limits
 */

#ifndef _KERNEL_VSERVER_LIMIT_H
#define _KERNEL_VSERVER_LIMIT_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/resource.h>
#include <linux/types.h>
#include <uapi/linux/vserver/limit.h>

struct cred;
struct vx_info;

/**
 * struct vx_limit_row - One limit, as the table of limits lists it
 * @id: The limit id (RLIMIT_* or VLIMIT_*).
 * @name: Its name in /proc/virtual/<xid>/limit.
 */
struct vx_limit_row {
	unsigned int id;
	const char *name;
};

#define VX_LIMIT_ROWS	VLIMIT_NROWS
extern const struct vx_limit_row vx_limit_rows[VX_LIMIT_ROWS];

/**
 * struct vx_limit_stat - A limit's counters at one moment
 * @value: The current value.
 * @min: The smallest value seen.
 * @max: The largest value seen.
 * @hits: Refusals (RSS: times the usage reached the limit).
 */
struct vx_limit_stat {
	long value;
	long min;
	long max;
	long hits;
};

/**
 * struct vx_limit - One resource limit of a context
 *
 * @cur: Current value; for RLIMIT_NPROC unused (&vx_info.tasks is it).
 * @soft: Soft limit, shown, not enforced (CRLIM_INFINITY: none).
 * @hard: Hard limit, enforced (CRLIM_INFINITY: none).
 * @min: Smallest value seen since creation or reset_minmax.
 * @max: Largest value seen since creation or reset_minmax.
 * @hits: Times the hard limit refused something.
 *
 * Counters are atomics updated without locks on the charging paths;
 * @soft and @hard are written under &vx_info.lock and read with
 * READ_ONCE().  A limit of N admits N and refuses N + 1.
 */
struct vx_limit {
	atomic_long_t cur;
	u64 soft;
	u64 hard;
	atomic_long_t min;
	atomic_long_t max;
	atomic_t hits;
};

/*
 * Added to the counters of RLIMIT_NOFILE and VLIMIT_NSOCK when the
 * context is unhashed: its open files and sockets pin it from then on
 * (limit.c).
 */
#define VX_LIMIT_GONE	((long)BIT(62))

u32 vx_limits_enforced(void);
bool vx_limit_enforced(unsigned int id);
void vx_limits_init(struct vx_info *vxi);
bool vx_limit_add(struct vx_info *vxi, unsigned int id, unsigned long n);
void vx_limit_force(struct vx_info *vxi, unsigned int id, unsigned long n);
bool vx_limit_may_add(struct vx_info *vxi, unsigned int id, unsigned long n);
void vx_limit_sub(struct vx_info *vxi, unsigned int id, unsigned long n);
bool vx_limit_charge(struct vx_info *vxi, unsigned int id);
void vx_limit_uncharge(struct vx_info *vxi, unsigned int id);
bool vx_nproc_charge(struct vx_info *vxi);
void vx_nproc_seen(struct vx_info *vxi);
long vx_limit_value(struct vx_info *vxi, unsigned int id);
void vx_limit_stat(struct vx_info *vxi, unsigned int id,
		   struct vx_limit_stat *st);
int vx_limit_set_hard(struct vx_info *vxi, unsigned int id, u64 hard);
void vx_limits_reset_hits(struct vx_info *vxi);
void vx_limits_reset_minmax(struct vx_info *vxi);
void vx_limits_unhashed(struct vx_info *vxi);
bool vx_file_charge(struct vx_info *vxi);
bool vx_sock_charge(struct vx_info *vxi);
void vx_pinned_uncharge(struct vx_info *vxi, unsigned int id);
void vserver_add_limit_hooks(void);

/* ucounts.c: the per-user counters of a guest's users */
int vx_ucounts_switch(void);
int vx_ucounts_fix(struct cred *new);
void vx_ucounts_limit_changed(struct vx_info *vxi);
long vx_ucounts_total(struct vx_info *vxi, int type);

#endif /* _KERNEL_VSERVER_LIMIT_H */
