/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libvserver - helpers shared by the library's files, not installed
 */

#ifndef _VSERVER_INTERNAL_H
#define _VSERVER_INTERNAL_H

#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT32(n)	(UINT32_C(1) << (n))

#endif /* _VSERVER_INTERNAL_H */
