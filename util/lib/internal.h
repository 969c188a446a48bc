/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libvserver - helpers shared by the library's files, not installed
 */

#ifndef _VSERVER_INTERNAL_H
#define _VSERVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT32(n)	(UINT32_C(1) << (n))
#define BIT64(n)	(UINT64_C(1) << (n))

/*
 * Namespace flags that older C library headers (dietlibc's <sched.h>)
 * lack; the values are the kernel's.
 */
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME	0x00000080
#endif

/**
 * struct vc_name - one name of a name table
 * @name: the name as it is printed (and read, in any case)
 * @bits: what it stands for; one bit, or several for a pseudo name
 * @alias: read, never printed (another name prints the bits)
 */
struct vc_name {
	const char *name;
	uint64_t bits;
	bool alias;
};

/**
 * struct vc_name_table - names for the bits of a 64-bit word
 * @prefix: may precede a name, e.g. "CAP_"; matched in any case
 * @names: the names; for each bit, the first one without @alias is the
 *         one it is printed with
 * @count: number of @names
 * @all: what "all" and "none" stand for
 */
struct vc_name_table {
	const char *prefix;
	const struct vc_name *names;
	size_t count;
	uint64_t all;
};

/* Table entries: NAME(n, bits) prints and reads, ALIAS(n, bits) reads. */
#define NAME(n, b)	{ .name = (n), .bits = (b), .alias = false }
#define ALIAS(n, b)	{ .name = (n), .bits = (b), .alias = true }

#endif /* _VSERVER_INTERNAL_H */
