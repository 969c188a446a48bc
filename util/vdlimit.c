// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vdlimit(8) - show, set or remove the disk limit of a context on a file
 * system through vserver(2) add_dlimit, set_dlimit, get_dlimit and
 * rem_dlimit
 *
 *   vdlimit --xid <xid> [--flags <flags>]
 *           [--set <key>=<value>]... | [--remove] <mount point>...
 *
 * As util-vserver's vdlimit: the keys are space_used, space_total,
 * inodes_used, inodes_total and reserved; --set registers the limit if
 * it is not yet (add_dlimit) and sets the keys given, leaving the others;
 * --remove removes it; with neither the limit is shown, "<xid> <mount
 * point>" then a "key=value" line each.  The limit is the project quota
 * of the tag (the context id) on that file system: the file system counts
 * the usage (space_used and inodes_used are accepted and ignored).
 * Space is in KiB; a value may be "inf" (no limit).
 *
 * Exit status (util-vserver's): 0; 1 for a bad option; 255 for any
 * other error.
 */

#include <errno.h>
#include <string.h>

#include "vserver.h"
#include "xidtool.h"

enum {
	OPT_FLAGS = XID_TOOL_OPT_XID + 1,
	OPT_SET,
	OPT_REMOVE,
};

enum { K_SPACE_USED, K_SPACE_TOTAL, K_INODES_USED, K_INODES_TOTAL,
       K_RESERVED, K_NR };

static const char *const key_names[K_NR] = {
	"space_used", "space_total", "inodes_used", "inodes_total", "reserved",
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " --xid <xid> [--flags <flags>]\n",
	    "        [--set <key>=<value>]... | [--remove] <mount point>...\n",
	    "\n",
	    "Show, set or remove the disk limit of a context on the file\n",
	    "system of each mount point (or any directory on it): the\n",
	    "project quota of the context's tag, which the file system\n",
	    "counts and enforces.\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>       the context (its tag: the project id)\n",
	    "     --flags <flags>   the command's flags word (0: KiB)\n",
	    "     --set <key>=<value>\n",
	    "                       set a value; keys: space_used,\n",
	    "                       space_total (KiB), inodes_used,\n",
	    "                       inodes_total, reserved (percent of the\n",
	    "                       space statfs() does not show as free);\n",
	    "                       the used values are the file system's\n",
	    "                       and are ignored; a value may be inf\n",
	    "     --remove          remove the limit\n",
	    " -h, --help            display this help and exit\n",
	    " -V, --version         display version and exit\n",
	    "\n",
	    "See vdlimit(8).\n");
	exit(EXIT_SUCCESS);
}

/* "<key>=<value>" into lim; false if the key or value is bad. */
static bool parse_set(const char *arg, struct vc_ctx_dlimit *lim)
{
	uint32_t *fields[K_NR] = {
		&lim->space_used, &lim->space_total, &lim->inodes_used,
		&lim->inodes_total, &lim->reserved,
	};
	const char *eq = strchr(arg, '=');
	uint64_t v;
	int k;

	if (!eq)
		return false;
	for (k = 0; k < K_NR; k++)
		if (strlen(key_names[k]) == (size_t)(eq - arg) &&
		    !strncmp(arg, key_names[k], (size_t)(eq - arg)))
			break;
	if (k == K_NR)
		return false;
	if (!strcmp(eq + 1, "inf") || !strcmp(eq + 1, "infinity"))
		v = VC_CDLIM_INFINITY;
	else if (!parse_uint(eq + 1, k == K_RESERVED ? 100 :
			     VC_CDLIM_KEEP - 1, &v))
		return false;
	*fields[k] = (uint32_t)v;
	return true;
}

static void show_value(const char *key, uint32_t v)
{
	char num[VC_FMT_BUFSZ];

	out(key, "=", v == VC_CDLIM_INFINITY ? "inf" :
	    vc_fmt_uint(num, v, 10, 0), "\n");
}

/* The reason of a failed command: EOPNOTSUPP said plainly. */
static const char *reason(int err)
{
	if (err == EOPNOTSUPP)
		return "the file system has no enforced project quotas";
	return vc_strerror(err);
}

struct args {
	uint32_t flags;
	bool setting, removing;
	struct vc_ctx_dlimit lim;
};

static int show(uint32_t xid, uint32_t flags, const char *mp)
{
	struct vc_ctx_dlimit lim;
	char num[VC_FMT_BUFSZ];

	if (vc_get_dlimit(mp, xid, flags, &lim)) {
		xid_path_warn("read the disk limit", xid, mp, reason(errno));
		return -1;
	}
	out(vc_fmt_uint(num, xid, 10, 0), " ", mp, "\n");
	show_value(key_names[K_SPACE_USED], lim.space_used);
	show_value(key_names[K_SPACE_TOTAL], lim.space_total);
	show_value(key_names[K_INODES_USED], lim.inodes_used);
	show_value(key_names[K_INODES_TOTAL], lim.inodes_total);
	show_value(key_names[K_RESERVED], lim.reserved);
	return 0;
}

/* One mount point: --remove, --set or show. */
static int each(const void *ctx, uint32_t xid, const char *mp)
{
	const struct args *a = ctx;

	if (a->removing && vc_rem_dlimit(mp, xid, 0)) {
		xid_path_warn("remove the disk limit", xid, mp,
			      reason(errno));
		return -1;
	}
	if (a->setting && ((vc_add_dlimit(mp, xid, 0) && errno != EEXIST) ||
			   vc_set_dlimit(mp, xid, a->flags, &a->lim))) {
		xid_path_warn("set the disk limit", xid, mp, reason(errno));
		return -1;
	}
	if (!a->removing && !a->setting)
		return show(xid, a->flags, mp);
	return 0;
}

static void option(void *ctx, int c, const char *arg)
{
	struct args *a = ctx;
	uint64_t v;

	switch (c) {
	case OPT_FLAGS:
		if (!parse_uint(arg, UINT32_MAX, &v))
			usage_error(XID_TOOL_ERROR, "invalid flags '", arg,
				    "'");
		a->flags = (uint32_t)v;
		break;
	case OPT_SET:
		if (!parse_set(arg, &a->lim))
			usage_error(XID_TOOL_ERROR, "invalid setting '", arg,
				    "'");
		a->setting = true;
		break;
	case OPT_REMOVE:
		a->removing = true;
		break;
	}
}

static const char *check(const void *ctx)
{
	const struct args *a = ctx;

	return a->setting && a->removing ?
	       "--set and --remove exclude each other" : NULL;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "xid", required_argument, NULL, XID_TOOL_OPT_XID },
		{ "flags", required_argument, NULL, OPT_FLAGS },
		{ "set", required_argument, NULL, OPT_SET },
		{ "remove", no_argument, NULL, OPT_REMOVE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct xid_tool vdlimit = {
		.longopts = longopts,
		.usage = usage,
		.option = option,
		.check = check,
		.none = "no mount point",
		.each = each,
	};
	struct args a = {
		.lim = { VC_CDLIM_KEEP, VC_CDLIM_KEEP, VC_CDLIM_KEEP,
			 VC_CDLIM_KEEP, VC_CDLIM_KEEP },
	};

	return xid_tool_main(&vdlimit, &a, argc, argv);
}
