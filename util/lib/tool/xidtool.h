/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xidtool - the shared body of vdlimit(8) and vdu(8): "--xid <xid>
 * [options] <path>...", one action per path, util-vserver's exit codes
 * (0; 1 for a bad option; 255 for any other error)
 */

#ifndef _VSERVER_UTIL_XIDTOOL_H
#define _VSERVER_UTIL_XIDTOOL_H

#include "common.h"

#define XID_TOOL_ERROR	255

/* --xid's getopt value; a tool's own options come after it. */
#define XID_TOOL_OPT_XID	0x100

/**
 * struct xid_tool - what vdlimit and vdu differ in
 * @longopts: every long option, "xid" (XID_TOOL_OPT_XID), "help" ('h')
 *            and "version" ('V') among them
 * @usage: prints --help and exits 0
 * @option: takes one of the tool's own options (getopt's value, optarg);
 *          a bad value exits with usage_error(XID_TOOL_ERROR, ...)
 * @check: NULL, or what is wrong with the options together (a usage
 *         error after the one for a missing --xid), else NULL
 * @none: the message when no path is given ("no directory")
 * @each: the action on one path; on failure it says why and returns -1
 */
struct xid_tool {
	const struct option *longopts;
	void (*usage)(void);
	void (*option)(void *ctx, int c, const char *arg);
	const char *(*check)(const void *ctx);
	const char *none;
	int (*each)(const void *ctx, uint32_t xid, const char *path);
};

/**
 * xid_tool_main - the main() of vdlimit and vdu
 * @t: the tool
 * @ctx: its options, given to @t's callbacks
 * @argc: main()'s argc
 * @argv: main()'s argv
 *
 * --xid must name a guest's context (2 and up, not "self": the context
 * id is the tag, the project id of the file system).
 *
 * Return: EXIT_SUCCESS, or XID_TOOL_ERROR if an action failed (all
 * paths are tried).
 */
int xid_tool_main(const struct xid_tool *t, void *ctx, int argc,
		  char *argv[]);

/**
 * xid_path_warn - "<tool>: cannot <what> of <xid> on '<path>': <why>"
 * @what: "read the usage", "set the disk limit" ...
 * @xid: the context
 * @path: the path given
 * @why: the reason
 */
void xid_path_warn(const char *what, uint32_t xid, const char *path,
		   const char *why);

#endif /* _VSERVER_UTIL_XIDTOOL_H */
