// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - lists of names for the bits of a word
 *
 * The syntax of util-vserver's configuration files and tool options
 * (util-vserver.md §3.2): comma-separated entries, "name" sets, "~name"
 * or "!name" clears, "^<bit>" is a raw bit, "all"/"any" and "none" stand
 * for every name of the table, names are case-insensitive and may carry
 * the table's prefix.  Unlike util-vserver, "all" matches only the whole
 * word (not "a"), "none" clears instead of doing nothing, and "all" does
 * not include the one-time state flags (see cflags.c).
 */

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "vserver.h"

static bool word_is(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !strncasecmp(s, word, len);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_digit(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A whole decimal, or "0x" hex, number of @len bytes that fits 64 bits. */
static bool parse_number(const char *s, size_t len, uint64_t *value)
{
	unsigned int base = 10;
	uint64_t v = 0;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		int d = base == 16 ? hex_digit(s[i]) :
				     (is_digit(s[i]) ? s[i] - '0' : -1);

		if (d < 0 || v > (UINT64_MAX - (uint64_t)d) / base)
			return false;
		v = v * base + (uint64_t)d;
	}
	*value = v;
	return true;
}

uint64_t vc_name2bits(const struct vc_name_table *table, const char *name,
		      size_t len)
{
	size_t plen = strlen(table->prefix);
	size_t i;

	if (plen && len > plen && !strncasecmp(name, table->prefix, plen)) {
		name += plen;
		len -= plen;
	}
	for (i = 0; i < table->count; i++)
		if (word_is(name, len, table->names[i].name))
			return table->names[i].bits;
	return 0;
}

/* The bits of one entry without its "~"/"!"; 0 with *code on failure. */
static uint64_t entry_bits(const struct vc_name_table *table, const char *s,
			   size_t len, bool *negate,
			   enum vc_list_errcode *code)
{
	uint64_t bits;

	if (word_is(s, len, "all") || word_is(s, len, "any"))
		return table->all;
	if (word_is(s, len, "none")) {
		*negate = !*negate;
		return table->all;
	}
	if (len && s[0] == '^') {
		/* Bit numbers are decimal 0..63, at most two digits. */
		if (len < 2 || len > 3 || !parse_number(s + 1, len - 1, &bits) ||
		    !is_digit(s[1]) || (len == 3 && s[1] == '0') || bits > 63) {
			*code = VC_LIST_BADBIT;
			return 0;
		}
		return BIT64(bits);
	}
	if (len && is_digit(s[0])) {
		if (!parse_number(s, len, &bits)) {
			*code = VC_LIST_BADNUM;
			return 0;
		}
		/* "0" is a valid empty set. */
		*code = 0;
		return bits;
	}
	bits = vc_name2bits(table, s, len);
	if (!bits)
		*code = VC_LIST_UNKNOWN;
	return bits;
}

int vc_list_parse(const struct vc_name_table *table, const char *list,
		  uint64_t *value, uint64_t *mask, struct vc_list_error *err)
{
	uint64_t new_value = *value, new_mask = *mask;
	const char *entry = list;

	if (!*list)
		return 0;
	for (;;) {
		const char *end = strchr(entry, ',');
		const char *s = entry;
		enum vc_list_errcode code = VC_LIST_UNKNOWN;
		bool negate = false;
		uint64_t bits;
		size_t len;

		if (!end)
			end = entry + strlen(entry);
		len = (size_t)(end - entry);
		if (!len) {
			code = VC_LIST_EMPTY;
			goto fail;
		}
		while (len && (*s == '~' || *s == '!')) {
			negate = !negate;
			s++;
			len--;
		}
		bits = entry_bits(table, s, len, &negate, &code);
		if (!bits && code)
			goto fail;
		if (negate)
			new_value &= ~bits;
		else
			new_value |= bits;
		new_mask |= bits;
		if (!*end)
			break;
		entry = end + 1;
		continue;
fail:
		if (err) {
			err->code = code;
			err->entry = entry;
			err->len = (size_t)(end - entry);
		}
		errno = EINVAL;
		return -1;
	}
	*value = new_value;
	*mask = new_mask;
	return 0;
}

const char *vc_bit2name(const struct vc_name_table *table, unsigned int bit)
{
	size_t i;

	if (bit > 63)
		return NULL;
	for (i = 0; i < table->count; i++)
		if (!table->names[i].alias && table->names[i].bits == BIT64(bit))
			return table->names[i].name;
	return NULL;
}

/* Appends @s at offset @len of @buf, as far as it fits; returns the sum. */
static size_t append(char *buf, size_t size, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (len < size) {
		size_t room = size - 1 - len;

		memcpy(buf + len, s, n < room ? n : room);
	}
	return len + n;
}

size_t vc_list_format(const struct vc_name_table *table, uint64_t bits,
		      char *buf, size_t size)
{
	size_t len = 0;
	unsigned int bit;

	for (bit = 0; bit < 64; bit++) {
		const char *name;
		char num[VC_FMT_BUFSZ + 1];

		if (!(bits & BIT64(bit)))
			continue;
		if (len)
			len = append(buf, size, len, ",");
		name = vc_bit2name(table, bit);
		if (!name) {
			num[0] = '^';
			vc_fmt_uint(num + 1, bit, 10, 0);
			name = num;
		}
		len = append(buf, size, len, name);
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}

uint64_t vc_table_all(const struct vc_name_table *table)
{
	return table->all;
}
