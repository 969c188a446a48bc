/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest's disk limits (dlimits/): build writes them, start applies
 * them.  See dlimit.c.
 */

#ifndef _VSERVER_FE_DLIMIT_H
#define _VSERVER_FE_DLIMIT_H

#include "frontend.h"

/*
 * dlimit_option - vserver build --disk-limit <size>[,<inodes>]
 * Return: 0, or -1 after a message.
 */
int dlimit_option(const char *spec);

/*
 * dlimit_build - write dlimits/ (from --disk-limit, else a copy of
 * .defaults/dlimits/) and make the new, empty root @vdir a project
 * directory of @xid; without project quotas that is an error only when
 * a limit is configured.  Return: 0, or -1 after a message.
 */
int dlimit_build(const struct guest *g, const char *vdir, uint32_t xid);

/*
 * dlimits_apply - vserver start: apply every dlimits/<n>/ not disabled
 * to the guest's tag (its static context id).  Return: 0, or -1 after
 * a message naming the file or the file system.
 */
int dlimits_apply(const struct guest *g);

#endif /* _VSERVER_FE_DLIMIT_H */
