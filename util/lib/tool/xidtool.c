// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xidtool.c - the shared body of vdlimit(8) and vdu(8) (xidtool.h)
 */

#include "xidtool.h"

static uint32_t parse_tag(const char *arg)
{
	uint32_t xid;

	if (vc_parse_xid(arg, &xid) || xid == VC_XID_SELF || xid < 2)
		usage_error(XID_TOOL_ERROR, "invalid context id '", arg, "'");
	return xid;
}

int xid_tool_main(const struct xid_tool *t, void *ctx, int argc,
		  char *argv[])
{
	bool have_xid = false;
	const char *why;
	uint32_t xid = 0;
	int i, failed = 0;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", t->longopts,
				      t->usage, EXIT_FAILURE);

		if (c == -1)
			break;
		if (c == XID_TOOL_OPT_XID) {
			xid = parse_tag(optarg);
			have_xid = true;
		} else {
			t->option(ctx, c, optarg);
		}
	}
	if (!have_xid)
		usage_error(XID_TOOL_ERROR, "no context: give --xid <xid>");
	why = t->check ? t->check(ctx) : NULL;
	if (why)
		usage_error(XID_TOOL_ERROR, why);
	if (optind == argc)
		usage_error(XID_TOOL_ERROR, t->none);
	for (i = optind; i < argc; i++)
		failed |= t->each(ctx, xid, argv[i]);
	return failed ? XID_TOOL_ERROR : EXIT_SUCCESS;
}

void xid_path_warn(const char *what, uint32_t xid, const char *path,
		   const char *why)
{
	char num[VC_FMT_BUFSZ];

	warnmsg("cannot ", what, " of ", vc_fmt_uint(num, xid, 10, 0),
		" on '", path, "': ", why);
}
