// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - network addresses as text
 *
 * The options of chbind and naddress take util-vserver's interface syntax
 * (util-vserver.md §2.2, §3.3): "[<dev>:]<ip>[/<prefix>|/<mask>]", here
 * also for IPv6 and, for IPv4, ranges "<ip1>-<ip2>".  The parsers are
 * written out rather than left to inet_pton(3), so that glibc and
 * dietlibc builds accept exactly the same texts and the caller learns
 * which part of a text was wrong.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "internal.h"
#include "vserver.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A decimal number of 1..3 digits up to @max, no leading zero. */
static bool parse_small(const char *s, size_t len, unsigned int max,
			unsigned int *value)
{
	unsigned int v = 0;
	size_t i;

	if (len < 1 || len > 3 || (len > 1 && s[0] == '0'))
		return false;
	for (i = 0; i < len; i++) {
		if (!is_digit(s[i]))
			return false;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	if (v > max)
		return false;
	*value = v;
	return true;
}

/* Four decimal numbers 0..255 with dots, into four bytes. */
static bool parse4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		size_t start = i;
		unsigned int v;

		while (i < len && is_digit(s[i]))
			i++;
		if (!parse_small(s + start, i - start, 255, &v))
			return false;
		out[part] = (uint8_t)v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return false;
			i++;
		}
	}
	return i == len;
}

/*
 * RFC 4291 §2.2: eight groups of 1..4 hex digits; "::" once for one or
 * more zero groups; the last 32 bits may be a dotted IPv4 address.
 */
static bool parse6(const char *s, size_t len, uint8_t out[16])
{
	uint16_t words[8];
	int n = 0, gap = -1, k;
	size_t i = 0;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (len && s[0] == ':') {
		return false;
	}
	while (i < len) {
		size_t start = i;
		unsigned int v = 0;

		while (i < len && hex_value(s[i]) >= 0 && i - start < 5)
			v = v * 16 + (unsigned int)hex_value(s[i++]);
		if (i < len && s[i] == '.') {
			uint8_t v4[4];

			if (n > 6 || !parse4(s + start, len - start, v4))
				return false;
			words[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
			words[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
			i = len;
			break;
		}
		if (i == start || i - start > 4 || n == 8)
			return false;
		words[n++] = (uint16_t)v;
		if (i == len)
			break;
		if (s[i++] != ':' || i == len)
			return false;
		if (s[i] == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			i++;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;
	memset(out, 0, 16);
	for (k = 0; k < n; k++) {
		int at = gap >= 0 && k >= gap ? 8 - n + k : k;

		out[2 * at] = (uint8_t)(words[k] >> 8);
		out[2 * at + 1] = (uint8_t)words[k];
	}
	return true;
}

int vc_net_ip_parse(const char *str, size_t len, int *family,
		    union vc_net_ip *ip)
{
	uint8_t bytes[16];

	if (parse4(str, len, bytes)) {
		memcpy(&ip->v4, bytes, 4);
		*family = AF_INET;
		return 0;
	}
	if (parse6(str, len, bytes)) {
		memcpy(&ip->v6, bytes, 16);
		*family = AF_INET6;
		return 0;
	}
	errno = EINVAL;
	return -1;
}

/* The prefix length of a contiguous mask of @bytes bytes, or -1. */
static int mask_prefix(const uint8_t *mask, size_t bytes)
{
	int prefix = 0;
	size_t i;

	for (i = 0; i < bytes; i++) {
		uint8_t b = mask[i];

		if (prefix != (int)(8 * i) && b)
			return -1;
		while (b & 0x80) {
			b = (uint8_t)(b << 1);
			prefix++;
		}
		if (b)
			return -1;
	}
	return prefix;
}

static int fail(struct vc_net_error *err, enum vc_net_errcode code,
		const char *part, size_t len)
{
	if (err) {
		err->code = code;
		err->part = part;
		err->len = len;
	}
	errno = EINVAL;
	return -1;
}

/* "<ip>" or "[<ipv6>]". */
static bool parse_one(const char *s, size_t len, int *family,
		      union vc_net_ip *ip)
{
	if (len >= 2 && s[0] == '[' && s[len - 1] == ']')
		return !vc_net_ip_parse(s + 1, len - 2, family, ip) &&
		       *family == AF_INET6;
	return !vc_net_ip_parse(s, len, family, ip);
}

/* "<ip>[/<suffix>]" or "<ip1>-<ip2>[/<suffix>]", without a device. */
static int parse_body(const char *s, size_t len, struct vc_net_addr *a,
		      struct vc_net_error *err)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;
	const char *dash = memchr(s, '-', alen);
	unsigned int full;

	memset(a, 0, sizeof(*a));
	if (dash && s[0] != '[') {
		size_t l1 = (size_t)(dash - s), l2 = alen - l1 - 1;
		int f2;

		if (vc_net_ip_parse(s, l1, &a->family, &a->ip))
			return fail(err, VC_NET_BADADDR, s, l1);
		if (vc_net_ip_parse(dash + 1, l2, &f2, &a->ip2))
			return fail(err, VC_NET_BADADDR, dash + 1, l2);
		if (a->family != AF_INET || f2 != AF_INET)
			return fail(err, VC_NET_BADRANGE, s, alen);
		if (ntohl(a->ip.v4.s_addr) >= ntohl(a->ip2.v4.s_addr))
			return fail(err, VC_NET_EMPTYRANGE, s, alen);
		a->type = NXA_TYPE_RANGE;
	} else {
		if (!parse_one(s, alen, &a->family, &a->ip))
			return fail(err, VC_NET_BADADDR, s, alen);
		a->type = NXA_TYPE_ADDR;
	}
	full = a->family == AF_INET ? 32 : 128;
	a->prefix = full;
	if (slash) {
		const char *suffix = slash + 1;
		size_t slen = len - alen - 1;

		if (memchr(suffix, '.', slen) || memchr(suffix, ':', slen)) {
			union vc_net_ip mask;
			int family, prefix;

			if (vc_net_ip_parse(suffix, slen, &family, &mask) ||
			    family != a->family)
				return fail(err, VC_NET_BADMASK, suffix, slen);
			prefix = family == AF_INET ?
				 mask_prefix((uint8_t *)&mask.v4, 4) :
				 mask_prefix(mask.v6.s6_addr, 16);
			if (prefix < 0)
				return fail(err, VC_NET_BADMASK, suffix, slen);
			a->prefix = (unsigned int)prefix;
		} else if (!parse_small(suffix, slen, full, &a->prefix)) {
			return fail(err, VC_NET_BADPREFIX, suffix, slen);
		}
	}
	return 0;
}

/* What may stand before the first ':' as a device name. */
static bool dev_plausible(const char *s, size_t len)
{
	size_t i;

	if (!len)
		return false;
	for (i = 0; i < len; i++)
		if (strchr("/[] \t\n\v\f\r", s[i]))
			return false;
	return true;
}

/* Hex digits alone could begin an IPv6 address, mistyped. */
static bool all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (hex_value(s[i]) < 0)
			return false;
	return true;
}

static bool dev_valid(const char *s, size_t len)
{
	return len < VC_NET_DEVSZ && !(len == 1 && s[0] == '.') &&
	       !(len == 2 && s[0] == '.' && s[1] == '.');
}

int vc_net_addr_parse(const char *str, struct vc_net_addr *addr,
		      struct vc_net_error *err)
{
	struct vc_net_error whole_err;
	struct vc_net_addr a;
	const char *colon = strchr(str, ':');
	size_t devlen = colon ? (size_t)(colon - str) : 0;
	const char *rest = colon ? colon + 1 : NULL;

	if (!parse_body(str, strlen(str), &a, &whole_err))
		goto done;
	/* Only if the text does not even begin with an address. */
	if (!colon || whole_err.code != VC_NET_BADADDR ||
	    whole_err.part != str || !dev_plausible(str, devlen))
		goto fail_whole;
	if (all_hex(str, devlen)) {
		/*
		 * "abc:..." may be a mistyped IPv6 address: only an IPv4
		 * address or one in brackets makes abc a device.
		 */
		if (parse_body(rest, strlen(rest), &a, NULL) ||
		    (a.family == AF_INET6 && rest[0] != '['))
			goto fail_whole;
		if (!dev_valid(str, devlen))
			return fail(err, VC_NET_BADDEV, str, devlen);
	} else {
		if (!dev_valid(str, devlen))
			return fail(err, VC_NET_BADDEV, str, devlen);
		if (parse_body(rest, strlen(rest), &a, err))
			return -1;
	}
	memcpy(a.dev, str, devlen);
	a.dev[devlen] = '\0';
done:
	*addr = a;
	return 0;
fail_whole:
	if (err)
		*err = whole_err;
	errno = EINVAL;
	return -1;
}

/* Appends @s to the string at @buf; returns the new end. */
static char *put(char *end, const char *s)
{
	size_t n = strlen(s);

	memcpy(end, s, n + 1);
	return end + n;
}

static char *put_hex(char *end, unsigned int v)
{
	char num[VC_FMT_BUFSZ];

	return put(end, vc_fmt_uint(num, v, 16, 0));
}

static char *put4(char *end, const uint8_t b[4])
{
	char num[VC_FMT_BUFSZ];
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			end = put(end, ".");
		end = put(end, vc_fmt_uint(num, b[i], 10, 0));
	}
	return end;
}

/* RFC 5952 §4. */
static char *put6(char *end, const uint8_t b[16])
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	int best = -1, best_len = 1, i, run;

	if (!memcmp(b, mapped, 12))
		return put4(put(end, "::ffff:"), b + 12);
	for (i = 0; i < 8; i += run ? run : 1) {
		for (run = 0; i + run < 8 && !b[2 * (i + run)] &&
			      !b[2 * (i + run) + 1]; run++)
			;
		if (run > best_len) {
			best = i;
			best_len = run;
		}
	}
	*end = '\0';
	for (i = 0; i < 8; i++) {
		if (i == best) {
			end = put(end, "::");
			i += best_len - 1;
			continue;
		}
		if (i && i != best + best_len)
			end = put(end, ":");
		end = put_hex(end, (unsigned int)b[2 * i] << 8 | b[2 * i + 1]);
	}
	return end;
}

char *vc_net_ip_format(int family, const union vc_net_ip *ip, char *buf)
{
	if (family == AF_INET)
		put4(buf, (const uint8_t *)&ip->v4);
	else if (family == AF_INET6)
		put6(buf, ip->v6.s6_addr);
	else
		put(buf, "?");
	return buf;
}

char *vc_net_addr_format(const struct vc_net_addr *a, char *buf)
{
	char num[VC_FMT_BUFSZ], ip[VC_NET_IP_STRSZ];
	char *end = buf;
	bool brackets = a->dev[0] && a->family == AF_INET6;

	*end = '\0';
	if (a->type == NXA_TYPE_ANY) {
		put(end, "all");
		return buf;
	}
	if (a->dev[0]) {
		/* At most VC_NET_DEVSZ - 1 bytes, even if not terminated. */
		size_t n = strnlen(a->dev, VC_NET_DEVSZ - 1);

		memcpy(end, a->dev, n);
		end += n;
		end = put(end, ":");
	}
	if (brackets)
		end = put(end, "[");
	end = put(end, vc_net_ip_format(a->family, &a->ip, ip));
	if (brackets)
		end = put(end, "]");
	if (a->type == NXA_TYPE_RANGE)
		end = put(put(end, "-"), vc_net_ip_format(a->family, &a->ip2,
							    ip));
	if (a->prefix != (a->family == AF_INET ? 32U : 128U))
		put(put(end, "/"), vc_fmt_uint(num, a->prefix, 10, 0));
	return buf;
}
