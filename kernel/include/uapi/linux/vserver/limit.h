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
 * VLIMIT_ROWS - The rows of /proc/virtual/<xid>/limit, in their order
 * @X: Called as X(id, name) for each row: the limit id, and the name
 *     that starts the row (followed by a colon).
 *
 * vs2.3's rows, then those vserver adds.  The RLIMIT_* ids come from the
 * includer's <linux/resource.h> or <sys/resource.h>.
 */
#define VLIMIT_ROWS(X)				\
	X(RLIMIT_NPROC,		"PROC")		\
	X(RLIMIT_AS,		"VM")		\
	X(RLIMIT_MEMLOCK,	"VML")		\
	X(RLIMIT_RSS,		"RSS")		\
	X(VLIMIT_ANON,		"ANON")		\
	X(VLIMIT_MAPPED,	"RMAP")		\
	X(RLIMIT_NOFILE,	"FILES")	\
	X(VLIMIT_OPENFD,	"OFD")		\
	X(RLIMIT_LOCKS,		"LOCKS")	\
	X(VLIMIT_NSOCK,		"SOCK")		\
	X(RLIMIT_MSGQUEUE,	"MSGQ")		\
	X(VLIMIT_SHMEM,		"SHM")		\
	X(VLIMIT_SEMARY,	"SEMA")		\
	X(VLIMIT_NSEMS,		"SEMS")		\
	X(VLIMIT_DENTRY,	"DENT")		\
	X(RLIMIT_SIGPENDING,	"SIGP")		\
	X(VLIMIT_POSIXMQ,	"PMQ")		\
	X(VLIMIT_AIO,		"AIO")

/* The number of rows of VLIMIT_ROWS. */
#define VLIMIT_NROWS		18

/* Special values of a limit. */
#define CRLIM_UNSET		0ULL
#define CRLIM_INFINITY		(~0ULL)
#define CRLIM_KEEP		(~1ULL)

#endif /* _UAPI_LINUX_VSERVER_LIMIT_H */
