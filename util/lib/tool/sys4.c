// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sys4 - system calls the C libraries have no wrapper for (common.h)
 */

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common.h"

long sys4(long nr, long a, long b, long c, long d)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	register long r10 __asm__("r10") = d;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "0"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
			     : "rcx", "r11", "memory");
	if ((unsigned long)ret >= (unsigned long)-4095L) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
#else
	return syscall(nr, a, b, c, d);
#endif
}
