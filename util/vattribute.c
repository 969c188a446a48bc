// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vattribute(8) - show or change the flags, capabilities and unshare
 * mask of a context through vserver(2) get/set_cflags, _ccaps, _bcaps and
 * _umask
 *
 *   vattribute [--xid <xid>] --set [--flag <list>] [--ccap <list>]
 *              [--bcap <list>] [--umask <list>] [--secure] [--] [<cmd>...]
 *   vattribute [--xid <xid>] --get [--] [<cmd>...]
 *
 * Lists use util-vserver's syntax (vc_list_parse()); each option adds to
 * what the earlier ones of its kind said, --secure starts the two
 * capability sets afresh.  The flags are changed last, so that a list
 * that ends the setup ("~state_setup") does so after the other changes.
 *
 * Exit status (util-vserver's): 0; 1 for a bad list or a failed change;
 * 255 for a bad option; 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "vserver.h"

/* One word to change: its table, the message noun, the accumulated lists. */
/* In the order --get prints and --set applies them: flags last. */
enum { W_BCAP, W_CCAP, W_UMASK, W_FLAG, W_NR };

static struct tool_word words[W_NR] = {
	[W_BCAP] = { "bcap", &vc_bcap_names, "bcap", "bcapabilities", "bcaps",
		     vc_get_bcaps, vc_set_bcaps, { 0, 0 } },
	[W_CCAP] = { "ccap", &vc_ccap_names, "ccap", "ccapabilities", "ccaps",
		     vc_get_ccaps, vc_set_ccaps, { 0, 0 } },
	[W_UMASK] = { "umask", &vc_umask_names, "namespace", "umask", "umask",
		      vc_get_umask, vc_set_umask, { 0, 0 } },
	[W_FLAG] = { "flag", &vc_cflag_names, "flag", "flags", "flags",
		     vc_get_cflags, vc_set_cflags, { 0, 0 } },
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--xid <xid>] --set [<changes>] [--] ",
	    "[<command> [<arg>...]]\n",
	    " ", tool_name, " [--xid <xid>] --get [--] ",
	    "[<command> [<arg>...]]\n",
	    "\n",
	    "Change or show the flags, capabilities and unshare mask of a\n",
	    "context, then run the command, if one is given.\n",
	    "\n",
	    "Options:\n",
	    "     --xid <xid>      the context (default: self, the caller's)\n",
	    "     --set            change the context (the default)\n",
	    "     --get            print the current values as lists\n",
	    "     --flag <list>    context flags, e.g. virt_uptime,~persistent\n",
	    "     --ccap <list>    context capabilities, e.g. set_utsname\n",
	    "     --bcap <list>    bounding set, e.g. ~CAP_NET_RAW,SYS_TIME\n",
	    "     --umask <list>   namespaces the guest may unshare: mnt uts\n",
	    "                      ipc user pid net cgroup time\n",
	    "     --secure         start the bounding set and context\n",
	    "                      capabilities from the secure defaults\n",
	    " -h, --help           display this help and exit\n",
	    " -V, --version        display version and exit\n",
	    "\n",
	    "A list is comma-separated: name sets, ~name or !name clears,\n",
	    "^<n> is bit n, all and none stand for every name.\n",
	    "\n",
	    "See vattribute(8).\n");
	exit(EXIT_SUCCESS);
}

/* util-vserver's --secure: both capability words replaced whole. */
static void secure(struct tool_word *w)
{
	w[W_BCAP].change = (struct vc_flags){ vc_secure_bcaps(), ~0ULL };
	w[W_CCAP].change = (struct vc_flags){ vc_secure_ccaps(), ~0ULL };
}

static uint32_t parse_xid(const char *text)
{
	uint32_t xid;

	if (vc_parse_xid(text, &xid))
		usage_error(EXIT_FAILURE, "invalid context id '", text, "'");
	return xid;
}

static uint32_t self_xid(void)
{
	return guest_self_xid(EXIT_FAILURE);
}

_Static_assert(W_NR <= ATTR_MAX_WORDS, "too many words");

int main(int argc, char *argv[])
{
	static const struct attr_tool tool = {
		.id_option = "xid", .kind = "context", .self = VC_XID_SELF,
		.words = words, .nwords = W_NR, .parse_id = parse_xid,
		.self_id = self_xid, .secure = secure, .usage = usage,
	};

	return attr_tool_main(&tool, argc, argv);
}
