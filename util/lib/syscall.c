// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the vserver(2) system call
 *
 * x86_64 and i386 enter the kernel with inline assembly, so the call
 * behaves identically with glibc and dietlibc and needs no syscall(2)
 * from the C library.  Other architectures use syscall(2) with the C
 * library's __NR_vserver, or fail with ENOSYS if there is none.
 */

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vserver.h"

#if defined(__x86_64__) && !defined(__ILP32__)

#define VSERVER_NR	236

static long kernel_vserver(uint32_t cmd, uint32_t id, void *data)
{
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "0"((long)VSERVER_NR), "D"((unsigned long)cmd),
			       "S"((unsigned long)id), "d"(data)
			     : "rcx", "r11", "memory");
	return ret;
}

#elif defined(__i386__)

#define VSERVER_NR	273

static long kernel_vserver(uint32_t cmd, uint32_t id, void *data)
{
	long ret;

	__asm__ __volatile__("int $0x80"
			     : "=a"(ret)
			     : "0"((long)VSERVER_NR), "b"(cmd), "c"(id),
			       "d"(data)
			     : "memory");
	return ret;
}

#endif

#ifdef VSERVER_NR

/* The kernel returns -4095..-1 for an error, anything else is a result. */
long vc_syscall(uint32_t cmd, uint32_t id, void *data)
{
	long ret = kernel_vserver(cmd, id, data);

	if ((unsigned long)ret >= (unsigned long)-4095L) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

int vc_syscall_nr(void)
{
	return VSERVER_NR;
}

#elif defined(__NR_vserver)

long vc_syscall(uint32_t cmd, uint32_t id, void *data)
{
	return syscall(__NR_vserver, cmd, id, data);
}

int vc_syscall_nr(void)
{
	return __NR_vserver;
}

#else

long vc_syscall(uint32_t cmd, uint32_t id, void *data)
{
	(void)cmd;
	(void)id;
	(void)data;
	errno = ENOSYS;
	return -1;
}

int vc_syscall_nr(void)
{
	return -1;
}

#endif
