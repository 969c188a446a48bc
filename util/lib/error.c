// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - error messages
 *
 * vserver(2) answers ENOSYS both when the kernel has no vserver support
 * and when it does not implement one command; the two need different
 * advice, so ENOSYS is told apart by asking for the API version.
 */

#include <errno.h>
#include <string.h>

#include "vserver.h"

const char *vc_strerror(int errnum)
{
	int saved = errno;
	const char *msg;

	if (errnum != ENOSYS)
		msg = strerror(errnum);
	else if (vc_get_version() == -1)
		msg = "this kernel has no vserver support";
	else
		msg = "command not implemented by this vserver kernel";
	errno = saved;
	return msg;
}
