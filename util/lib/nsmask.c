// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - names of namespaces, for the unshare mask and spaces
 *
 * Both words hold CLONE_* bits.  The unshare mask (umask) names the
 * namespaces a guest may unshare; a space also holds CLONE_FS, the root
 * and working directory.  Names are short (mnt, uts ...); util-vserver's
 * "newns"-style names and the CLONE_ names are read too.
 */

#include <sched.h>

#include "internal.h"
#include "vserver.h"

#define NS_NAMES							\
	NAME("mnt", CLONE_NEWNS),					\
	NAME("uts", CLONE_NEWUTS),					\
	NAME("ipc", CLONE_NEWIPC),					\
	NAME("user", CLONE_NEWUSER),					\
	NAME("pid", CLONE_NEWPID),					\
	NAME("net", CLONE_NEWNET),					\
	NAME("cgroup", CLONE_NEWCGROUP),				\
	NAME("time", CLONE_NEWTIME),					\
	ALIAS("ns", CLONE_NEWNS),					\
	ALIAS("mount", CLONE_NEWNS),					\
	ALIAS("newns", CLONE_NEWNS),					\
	ALIAS("newuts", CLONE_NEWUTS),					\
	ALIAS("newipc", CLONE_NEWIPC),					\
	ALIAS("newuser", CLONE_NEWUSER),				\
	ALIAS("newpid", CLONE_NEWPID),					\
	ALIAS("newnet", CLONE_NEWNET),					\
	ALIAS("newcgroup", CLONE_NEWCGROUP),				\
	ALIAS("newtime", CLONE_NEWTIME)

#define NS_ALL	(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
		 CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME)

static const struct vc_name umask_names[] = {
	NS_NAMES,
};

static const struct vc_name space_names[] = {
	NAME("fs", CLONE_FS),
	NS_NAMES,
};

const struct vc_name_table vc_umask_names = {
	.prefix = "CLONE_",
	.names = umask_names,
	.count = ARRAY_SIZE(umask_names),
	.all = NS_ALL,
};

const struct vc_name_table vc_space_names = {
	.prefix = "CLONE_",
	.names = space_names,
	.count = ARRAY_SIZE(space_names),
	.all = NS_ALL | CLONE_FS,
};
