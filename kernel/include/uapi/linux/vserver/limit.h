/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vserver - Per-context resource limits: ids and special values
 */

#ifndef _UAPI_LINUX_VSERVER_LIMIT_H
#define _UAPI_LINUX_VSERVER_LIMIT_H

/**
 * DOC: limit ids
 *
 * Limit ids below 16 are the architecture's RLIMIT_* numbers (so
 * RLIMIT_NPROC limits the tasks of a whole context); vserver adds:
 */
#define VLIMIT_NSOCK		16	/* sockets */
#define VLIMIT_OPENFD		17	/* open file descriptors */
#define VLIMIT_ANON		18	/* anonymous memory */
#define VLIMIT_SHMEM		19	/* System V shared memory */
#define VLIMIT_SEMARY		20	/* semaphore arrays */
#define VLIMIT_NSEMS		21	/* semaphores */
#define VLIMIT_DENTRY		22	/* dentries */
#define VLIMIT_MAPPED		23	/* mapped pages */
/* Not in vs2.3: */
#define VLIMIT_POSIXMQ		24	/* POSIX message queue bytes */
#define VLIMIT_AIO		25	/* AIO events (io_setup) */

#define VLIMIT_NUM		26

/**
 * VLIMIT_ROWS_INIT - The rows of /proc/virtual/<xid>/limit, in their order
 *
 * An initializer of an array of structures whose first two members are
 * the limit id and the name that starts the row (followed by a colon):
 * vs2.3's rows, then those vserver adds.  The RLIMIT_* ids come from the
 * includer's <linux/resource.h> or <sys/resource.h>.
 */
#define VLIMIT_ROWS_INIT {			\
	{ RLIMIT_NPROC,		"PROC" },	\
	{ RLIMIT_AS,		"VM" },		\
	{ RLIMIT_MEMLOCK,	"VML" },	\
	{ RLIMIT_RSS,		"RSS" },	\
	{ VLIMIT_ANON,		"ANON" },	\
	{ VLIMIT_MAPPED,	"RMAP" },	\
	{ RLIMIT_NOFILE,	"FILES" },	\
	{ VLIMIT_OPENFD,	"OFD" },	\
	{ RLIMIT_LOCKS,		"LOCKS" },	\
	{ VLIMIT_NSOCK,		"SOCK" },	\
	{ RLIMIT_MSGQUEUE,	"MSGQ" },	\
	{ VLIMIT_SHMEM,		"SHM" },	\
	{ VLIMIT_SEMARY,	"SEMA" },	\
	{ VLIMIT_NSEMS,		"SEMS" },	\
	{ VLIMIT_DENTRY,	"DENT" },	\
	{ RLIMIT_SIGPENDING,	"SIGP" },	\
	{ VLIMIT_POSIXMQ,	"PMQ" },	\
	{ VLIMIT_AIO,		"AIO" },	\
}

/* The number of rows of VLIMIT_ROWS_INIT. */
#define VLIMIT_NROWS		18

/* Special values of a limit. */
#define CRLIM_UNSET		0ULL
#define CRLIM_INFINITY		(~0ULL)
#define CRLIM_KEEP		(~1ULL)

#endif /* _UAPI_LINUX_VSERVER_LIMIT_H */
