/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vserver selftests - Helpers shared by the test programs
 *
 * The helpers are static so that each test is one self-contained program,
 * as kselftest_harness.h expects.
 */

#ifndef _VSERVER_SELFTEST_COMMON_H
#define _VSERVER_SELFTEST_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/vserver/switch.h>

#ifndef __NR_vserver
#define __NR_vserver 236
#endif

/* The API version this kernel must report. */
#define VS_TEST_VERSION 0x00020309

static inline long vserver(uint32_t cmd, uint32_t id, void *data)
{
	return syscall(__NR_vserver, cmd, id, data);
}

/*
 * Reads the whole of a small file into buf (NUL-terminated).  Returns the
 * length, or -1 with errno set.
 */
static inline __attribute__((unused)) ssize_t read_file(const char *path,
							char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return n;
}

#endif /* _VSERVER_SELFTEST_COMMON_H */
