// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parsers_fuzz - libFuzzer target for every text parser of libvserver and
 * the tools' helpers
 *
 * The first byte picks the parser, the rest is its input.  Beyond "no
 * crash, no out-of-bounds access" (AddressSanitizer), it checks the
 * parsers' promises: a rejected list leaves the words alone and names an
 * entry inside the input; a good list reads back from vc_list_format();
 * a signal, xid or vhi field that parses formats back the same.
 *
 * Build and run: make -C util fuzz FUZZ_SECONDS=60
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "psfilter.h"
#include "vserver.h"

static const struct vc_name_table *const tables[] = {
	&vc_cflag_names, &vc_ccap_names, &vc_bcap_names,
	&vc_umask_names, &vc_space_names,
};

static void fuzz_list(const struct vc_name_table *t, const char *s)
{
	static char buf[VC_LIST_STRSZ];
	uint64_t value = 0x0123456789abcdefULL, mask = 0xfedcba9876543210ULL;
	uint64_t v2 = 0, m2 = 0;
	struct vc_list_error err;

	if (vc_list_parse(t, s, &value, &mask, &err)) {
		if (value != 0x0123456789abcdefULL ||
		    mask != 0xfedcba9876543210ULL)
			abort();	/* changed on failure */
		if (err.entry < s || err.entry + err.len > s + strlen(s))
			abort();	/* entry outside the input */
		if (err.code < VC_LIST_EMPTY || err.code > VC_LIST_BADNUM)
			abort();
		return;
	}
	if (vc_list_format(t, value, buf, sizeof(buf)) >= sizeof(buf))
		abort();
	if (vc_list_parse(t, buf, &v2, &m2, NULL) || v2 != value)
		abort();	/* no round trip */
}

static void fuzz_misc(size_t which, const char *s, size_t len)
{
	char buf[VC_VHI_NAME_MAX + 1], col[PS_CONTEXT_WIDTH + 80];
	struct vc_proc_stat st;
	struct ps_layout layout;
	uint32_t xid;
	uint64_t u;
	size_t at;
	pid_t pid;
	int n;

	switch (which) {
	case 0:
		n = vc_str2sig(s);
		if (n < -1 || n > 64)
			abort();
		if (n > 0 && vc_sig2str(n) && vc_str2sig(vc_sig2str(n)) != n)
			abort();
		break;
	case 1:
		if (!vc_parse_xid(s, &xid) && xid != VC_XID_SELF &&
		    xid > VC_XID_MAX)
			abort();
		break;
	case 2:
		n = vc_vhi_field_by_name(s, len);
		if (n >= 0 && (!vc_vhi_field_name(n) ||
			       strlen(vc_vhi_field_name(n)) != len))
			abort();
		break;
	case 3:
		vc_proc_stat_parse(s, &st);
		break;
	case 4:
		vc_cfgdir_name(s, buf, sizeof(buf));
		if (strlen(buf) >= sizeof(buf))
			abort();
		break;
	case 5:
		if (ps_parse_header(s, len, &layout)) {
			if (layout.pid_end > len)
				abort();
			if (ps_parse_row(s, len, &layout, &pid, &at) &&
			    at > len)
				abort();
			at = ps_insert_at(s, len, layout.pid_end + 1,
					  layout.pid_end);
			if (at > len)
				abort();
		}
		ps_context_column(col, (long)len - 1, len > 64 ? NULL : s);
		break;
	default:
		if (parse_uint(s, VC_XID_MAX, &u) && u > VC_XID_MAX)
			abort();
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (!size)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	/* 0..9: the five list tables twice; 10..16 and on: the others. */
	if (data[0] < 2 * ARRAY_SIZE(tables))
		fuzz_list(tables[data[0] % ARRAY_SIZE(tables)], s);
	else
		fuzz_misc((data[0] - 2 * ARRAY_SIZE(tables)) % 7, s, strlen(s));
	free(s);
	return 0;
}
