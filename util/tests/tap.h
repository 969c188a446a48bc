/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tap - a minimal TAP producer for the host unit tests
 *
 * Descriptions are lists of strings, like the tools' messages; output
 * goes through write(2) so the tests build with dietlibc as they are.
 */

#ifndef _VSERVER_TESTS_TAP_H
#define _VSERVER_TESTS_TAP_H

#include <stdbool.h>
#include <stddef.h>

bool tap_ok(bool pass, ...) __attribute__((sentinel));
bool tap_is_str(const char *got, const char *want, ...)
	__attribute__((sentinel));
bool tap_is_int(long long got, long long want, ...) __attribute__((sentinel));
void tap_skip(const char *reason, ...) __attribute__((sentinel));

/* Print the plan; return the exit status: 0 if every test passed. */
int tap_done(void);

#define ok(pass, ...)		tap_ok(pass, __VA_ARGS__, (char *)NULL)
#define is_str(got, want, ...)	tap_is_str(got, want, __VA_ARGS__, (char *)NULL)
#define is_int(got, want, ...)	tap_is_int(got, want, __VA_ARGS__, (char *)NULL)
#define skip(reason, ...)	tap_skip(reason, __VA_ARGS__, (char *)NULL)

#endif /* _VSERVER_TESTS_TAP_H */
