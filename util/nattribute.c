// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nattribute(8) - show or change the flags and capabilities of a network
 * context through vserver(2) get/set_nflags and get/set_ncaps
 *
 *   nattribute [--nid <nid>] --set [--flag <list>] [--ncap <list>]
 *              [--secure] [--] [<cmd>...]
 *   nattribute [--nid <nid>] --get [--] [<cmd>...]
 *
 * The network twin of vattribute: lists use util-vserver's syntax
 * (vc_list_parse()), each option adds to what the earlier ones of its
 * kind said, --secure starts afresh; the flags are changed after the
 * capabilities, so that a list clearing state_admin does so last.
 *
 * Exit status (util-vserver's): 0; 1 for a bad list or a failed change;
 * 255 for a bad option; 126/127 if the command cannot be run.
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

/* One word: its table, the message nouns, the accumulated lists. */
/* In the order --get prints and --set applies them: flags last. */
enum { W_NCAP, W_FLAG, W_NR };

static struct tool_word words[W_NR] = {
	[W_NCAP] = { "ncap", &vc_ncap_names, "ncap", "ncapabilities", "ncaps",
		     vc_get_ncaps, vc_set_ncaps, { 0, 0 } },
	[W_FLAG] = { "flag", &vc_nflag_names, "flag", "flags", "flags",
		     vc_get_nflags, vc_set_nflags, { 0, 0 } },
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [--nid <nid>] --set [<changes>] [--] ",
	    "[<command> [<arg>...]]\n",
	    " ", tool_name, " [--nid <nid>] --get [--] ",
	    "[<command> [<arg>...]]\n",
	    "\n",
	    "Change or show the flags and capabilities of a network context,\n",
	    "then run the command, if one is given.\n",
	    "\n",
	    "Options:\n",
	    "     --nid <nid>      the network context (default: self, the\n",
	    "                      caller's)\n",
	    "     --set            change the network context (the default)\n",
	    "     --get            print the current values as lists\n",
	    "     --flag <list>    network flags, e.g. single_ip,~hide_netif\n",
	    "     --ncap <list>    network capabilities: tun_create raw_icmp\n",
	    "                      multicast\n",
	    "     --secure         start the capabilities from the secure\n",
	    "                      default (raw_icmp) and set hide_netif\n",
	    " -h, --help           display this help and exit\n",
	    " -V, --version        display version and exit\n",
	    "\n",
	    "A list is comma-separated: name sets, ~name or !name clears,\n",
	    "^<n> is bit n, all and none stand for every name.\n",
	    "\n",
	    "See nattribute(8).\n");
	exit(EXIT_SUCCESS);
}

/* The secure defaults: what a new network context starts with. */
static void secure(struct tool_word *w)
{
	w[W_NCAP].change = (struct vc_flags){ NXC_RAW_ICMP, ~0ULL };
	w[W_FLAG].change.value |= NXF_HIDE_NETIF;
	w[W_FLAG].change.mask |= NXF_HIDE_NETIF;
}

static uint32_t parse_nid(const char *text)
{
	return net_parse_nid(text, true, EXIT_FAILURE);
}

static uint32_t self_nid(void)
{
	return net_self(EXIT_FAILURE);
}

_Static_assert(W_NR <= ATTR_MAX_WORDS, "too many words");

int main(int argc, char *argv[])
{
	static const struct attr_tool tool = {
		.id_option = "nid", .kind = "network context",
		.self = VC_NID_SELF, .words = words, .nwords = W_NR,
		.parse_id = parse_nid, .self_id = self_nid,
		.secure = secure, .usage = usage,
	};

	return attr_tool_main(&tool, argc, argv);
}
