/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nettool - what chbind, naddress, ncontext and nattribute share: the
 * address options, their messages, and the order of a creation that
 * leaves nothing behind when it fails
 */

#ifndef _VSERVER_UTIL_NETTOOL_H
#define _VSERVER_UTIL_NETTOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "vserver.h"

/* Address entries one command line may give. */
#define NET_ADDRS_MAX	256

/* The address entries of a command line, in their order. */
struct net_addrs {
	struct vc_net_addr a[NET_ADDRS_MAX];
	size_t n;
};

/*
 * The address options chbind and naddress share, their option values
 * (above 0x200, clear of each tool's own) and their long options.
 */
enum {
	NET_OPT_IP = 0x200,
	NET_OPT_MASK,
	NET_OPT_RANGE,
	NET_OPT_BCAST,
	NET_OPT_LBACK,
};
#define NET_LONGOPT_IP	{ "ip", required_argument, NULL, NET_OPT_IP }
#define NET_LONGOPT_MASK { "mask", required_argument, NULL, NET_OPT_MASK }
#define NET_LONGOPT_RANGE { "range", required_argument, NULL, NET_OPT_RANGE }
#define NET_LONGOPT_BCAST { "bcast", required_argument, NULL, NET_OPT_BCAST }
#define NET_LONGOPT_LBACK { "lback", required_argument, NULL, NET_OPT_LBACK }

/**
 * net_addr_option - take one of the NET_OPT_* options onto the list
 * @list: the list
 * @c: what tool_getopt() returned
 * @arg: its argument (optarg)
 * @status: exit status for a bad argument
 *
 * Return: 0 if @c is no address option; 1 for an address, a network or
 * a range; 2 for the broadcast or loopback address.
 */
int net_addr_option(struct net_addrs *list, int c, const char *arg,
		    int status);

/**
 * die_addr - report an address vc_net_addr_parse() rejected, and exit
 * @status: exit status
 * @text: the option's argument
 * @err: the rejected part
 *
 * One line naming the part ("invalid prefix length '33' in
 * '192.0.2.1/33'"), then the --help hint.
 */
noreturn void die_addr(int status, const char *text,
		       const struct vc_net_error *err);

/**
 * net_addrs_push - parse an --ip style argument onto the list, or exit
 * @list: the list
 * @text: "[<dev>:]<ip>[/<prefix>|/<mask>]" or an IPv4 range
 * @type: %NXA_TYPE_ADDR (an address or a range), %NXA_TYPE_MASK (a
 *        network) or %NXA_TYPE_RANGE (a range only)
 * @status: exit status for a bad argument
 */
void net_addrs_push(struct net_addrs *list, const char *text, uint16_t type,
		    int status);

/**
 * net_addrs_push_special - parse a --bcast or --lback argument, or exit
 * @list: the list
 * @text: an IPv4 address
 * @mod: %NXA_MOD_BCAST or %NXA_MOD_LBACK
 * @status: exit status for a bad argument
 */
void net_addrs_push_special(struct net_addrs *list, const char *text,
			    uint16_t mod, int status);

/**
 * net_addrs_add - add the entries to a network context, or exit
 * @nid: the network context (or %VC_NID_SELF)
 * @name: its id as printed in messages
 * @list: the entries
 * @silent: do not print "Adding <entry>..." after success
 * @status: exit status on failure
 *
 * A failure names the entry: "cannot add address 192.0.2.1 to network
 * context 42: File exists".
 */
void net_addrs_add(uint32_t nid, const char *name,
		   const struct net_addrs *list, bool silent, int status);

/**
 * net_addrs_remove - remove the entries from a network context, or exit
 * @nid: the network context (or %VC_NID_SELF)
 * @name: its id as printed in messages
 * @list: the entries
 * @silent: do not print "Removing <entry>..." after success
 * @status: exit status on failure
 */
void net_addrs_remove(uint32_t nid, const char *name,
		      const struct net_addrs *list, bool silent, int status);

/**
 * net_parse_nid - parse the argument of --nid, or exit with a usage error
 * @text: the argument
 * @allow_self: whether "self" (%VC_NID_SELF) is allowed
 * @status: exit status
 *
 * Return: the network context id.
 */
uint32_t net_parse_nid(const char *text, bool allow_self, int status);

/**
 * net_self - the caller's own network context, which must be a guest's
 * @status: exit status on failure
 *
 * For the tools whose --nid defaults to "self": exits with a usage error
 * when the caller is in the host's network context (0) or the
 * spectator's (1).
 *
 * Return: the id.
 */
uint32_t net_self(int status);

/**
 * struct net_create - how to create a network context that cannot outlive
 * a failed setup
 * @flags: the flags to create it with: the wanted ones without
 *         %NXF_PERSISTENT, with %NXF_STATE_ADMIN
 * @final: the change that makes the flags the wanted ones, after the
 *         setup succeeded: persistent last; state_admin and state_setup
 *         cleared if so wanted
 *
 * A network context without tasks goes away unless it is persistent, and
 * the one creating it is its only task until it runs the command; so
 * persistent comes last, and administrable stays until the end.
 */
struct net_create {
	uint64_t flags;
	struct vc_flags final;
};

/**
 * net_create_plan - split the wanted flags of a new network context
 * @want: the flags it should end with
 * @endsetup: clear %NXF_STATE_SETUP at the end
 *
 * Return: the plan.
 */
struct net_create net_create_plan(uint64_t want, bool endsetup);

/**
 * net_check_command - exit as exec would fail, before a step that cannot
 * be undone: "cannot execute '<cmd>': <reason>", 127 if not found, 126
 * if not executable
 * @cmd: the command
 */
void net_check_command(const char *cmd);

#endif /* _VSERVER_UTIL_NETTOOL_H */
