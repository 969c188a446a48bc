// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nettool - what the network context tools share
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "nettool.h"

noreturn void die_addr(int status, const char *text,
		       const struct vc_net_error *err)
{
	char part[VC_NET_ADDR_STRSZ + 64];
	size_t len = err->len < sizeof(part) - 1 ? err->len : sizeof(part) - 1;
	bool whole = err->part == text && err->len == strlen(text);
	const char *in = whole ? "" : "' in '";
	const char *rest = whole ? "" : text;

	memcpy(part, err->part, len);
	part[len] = '\0';
	switch (err->code) {
	case VC_NET_BADPREFIX:
		usage_error(status, "invalid prefix length '", part, in, rest,
			    "'");
	case VC_NET_BADMASK:
		usage_error(status, "invalid netmask '", part, in, rest, "'");
	case VC_NET_BADRANGE:
		usage_error(status, "a range needs two IPv4 addresses: '",
			    part, "'");
	case VC_NET_EMPTYRANGE:
		usage_error(status, "empty range '", part, "': the end must ",
			    "be above the start");
	case VC_NET_BADDEV:
		usage_error(status, "invalid device name '", part, in, rest,
			    "'");
	default:
		usage_error(status, "invalid IP address '", part, in, rest,
			    "'");
	}
}

static struct vc_net_addr *push(struct net_addrs *list, int status)
{
	char num[VC_FMT_BUFSZ];

	if (list->n == NET_ADDRS_MAX)
		usage_error(status, "too many addresses (at most ",
			    vc_fmt_uint(num, NET_ADDRS_MAX, 10, 0), ")");
	return &list->a[list->n++];
}

void net_addrs_push(struct net_addrs *list, const char *text, uint16_t type,
		    int status)
{
	struct vc_net_addr a;
	struct vc_net_error err;

	if (vc_net_addr_parse(text, &a, &err))
		die_addr(status, text, &err);
	if (type == NXA_TYPE_MASK && a.type == NXA_TYPE_RANGE)
		usage_error(status, "a network, not a range: '", text, "'");
	if (type == NXA_TYPE_RANGE && a.type != NXA_TYPE_RANGE)
		usage_error(status, "not a range '", text, "': give ",
			    "<ip1>-<ip2>");
	if (type == NXA_TYPE_MASK)
		a.type = NXA_TYPE_MASK;
	*push(list, status) = a;
}

void net_addrs_push_special(struct net_addrs *list, const char *text,
			    uint16_t mod, int status)
{
	const char *what = mod == NXA_MOD_BCAST ? "broadcast" : "loopback";
	struct vc_net_addr a;

	memset(&a, 0, sizeof(a));
	if (vc_net_ip_parse(text, strlen(text), &a.family, &a.ip))
		usage_error(status, "invalid ", what, " address '", text, "'");
	if (a.family != AF_INET)
		usage_error(status, "the ", what, " address must be IPv4: '",
			    text, "'");
	a.type = NXA_TYPE_ADDR | mod;
	a.prefix = 32;
	*push(list, status) = a;
}

/* "address 192.0.2.1", "range ...", "network ..." for messages. */
static const char *describe(const struct vc_net_addr *a, char *buf)
{
	struct vc_net_addr plain = *a;
	const char *what;

	plain.dev[0] = '\0';
	plain.type &= (uint16_t)~(NXA_MOD_BCAST | NXA_MOD_LBACK);
	if (a->type & NXA_MOD_BCAST)
		what = "the broadcast address ";
	else if (a->type & NXA_MOD_LBACK)
		what = "the loopback address ";
	else if (a->type == NXA_TYPE_RANGE)
		what = "range ";
	else if (a->type == NXA_TYPE_MASK)
		what = "network ";
	else
		what = "address ";
	strcpy(buf, what);
	vc_net_addr_format(&plain, buf + strlen(buf));
	return buf;
}

/* " <entry>" for each entry, as one line after @verb. */
static void tell(const char *verb, const struct net_addrs *list)
{
	char buf[VC_NET_ADDR_STRSZ];
	size_t i;

	if (!list->n)
		return;
	out(verb);
	for (i = 0; i < list->n; i++) {
		struct vc_net_addr plain = list->a[i];

		plain.dev[0] = '\0';
		plain.type &= (uint16_t)~(NXA_MOD_BCAST | NXA_MOD_LBACK);
		out(" ", vc_net_addr_format(&plain, buf));
	}
	out("\n");
}

void net_addrs_add(uint32_t nid, const char *name,
		   const struct net_addrs *list, bool silent, int status)
{
	char buf[VC_NET_ADDR_STRSZ + 32];
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct vc_net_addr *a = &list->a[i];

		if (!vc_net_add(nid, a))
			continue;
		if (a->type & (NXA_MOD_BCAST | NXA_MOD_LBACK))
			die_err(status, errno, "cannot set ", describe(a, buf),
				" of network context ", name);
		die_err(status, errno, "cannot add ", describe(a, buf),
			" to network context ", name);
	}
	if (!silent)
		tell("Adding", list);
}

void net_addrs_remove(uint32_t nid, const char *name,
		      const struct net_addrs *list, bool silent, int status)
{
	char buf[VC_NET_ADDR_STRSZ + 32];
	size_t i;

	for (i = 0; i < list->n; i++)
		if (vc_net_remove(nid, &list->a[i]))
			die_err(status, errno, "cannot remove ",
				describe(&list->a[i], buf),
				" from network context ", name);
	if (!silent)
		tell("Removing", list);
}

uint32_t net_parse_nid(const char *text, bool allow_self, int status)
{
	uint32_t nid;

	if (vc_parse_nid(text, &nid) || (!allow_self && nid == VC_NID_SELF))
		usage_error(status, "invalid network context id '", text,
			    "'");
	return nid;
}

uint32_t net_self(int status)
{
	int self = vc_task_nid(0);

	if (self < 0)
		die_err(status, errno, "cannot find the current network ",
			"context");
	if (self <= VC_NID_SPECTATOR)
		usage_error(status, "the caller is in no guest network ",
			    "context: give --nid <nid>");
	return (uint32_t)self;
}

struct net_create net_create_plan(uint64_t want, bool endsetup)
{
	struct net_create plan;

	plan.flags = (want | NXF_STATE_ADMIN) & ~NXF_PERSISTENT;
	plan.final.value = want;
	plan.final.mask = want ^ plan.flags;
	if (endsetup) {
		plan.final.value &= ~NXF_STATE_SETUP;
		plan.final.mask |= NXF_STATE_SETUP;
	}
	return plan;
}

void net_check_command(const char *cmd)
{
	int err = find_command(cmd);

	if (err) {
		warnmsg("cannot execute '", cmd, "': ", strerror(err));
		exit(err == ENOENT ? 127 : 126);
	}
}

int net_addr_option(struct net_addrs *list, int c, const char *arg,
		    int status)
{
	switch (c) {
	case NET_OPT_IP:
		net_addrs_push(list, arg, NXA_TYPE_ADDR, status);
		return 1;
	case NET_OPT_MASK:
		net_addrs_push(list, arg, NXA_TYPE_MASK, status);
		return 1;
	case NET_OPT_RANGE:
		net_addrs_push(list, arg, NXA_TYPE_RANGE, status);
		return 1;
	case NET_OPT_BCAST:
		net_addrs_push_special(list, arg, NXA_MOD_BCAST, status);
		return 2;
	case NET_OPT_LBACK:
		net_addrs_push_special(list, arg, NXA_MOD_LBACK, status);
		return 2;
	}
	return 0;
}
