// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - per-context resource limits: the rlimit commands, the
 * names of the limits and the value syntax of util-vserver's vlimit
 */

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>

#include "internal.h"
#include "vserver.h"

_Static_assert(VLIMIT_NUM <= VC_RLIMIT_IDS, "the mask holds every limit id");

/*
 * util-vserver's names (vlimit --<name>, rlimits/<name>), by limit id.
 * Ids below 16 are the architecture's RLIMIT_* numbers; those without a
 * name (nice, rtprio, rttime) are given by number.  "mapped" is the
 * kernel's VLIMIT_MAPPED, which util-vserver did not name; "sigpending"
 * (a context's queued signals), "posixmq" and "aio" are this kernel's.
 */
static const char *const limit_names[VLIMIT_NUM] = {
	[RLIMIT_CPU] = "cpu",
	[RLIMIT_FSIZE] = "fsize",
	[RLIMIT_DATA] = "data",
	[RLIMIT_STACK] = "stack",
	[RLIMIT_CORE] = "core",
	[RLIMIT_RSS] = "rss",
	[RLIMIT_NPROC] = "nproc",
	[RLIMIT_NOFILE] = "nofile",
	[RLIMIT_MEMLOCK] = "memlock",
	[RLIMIT_AS] = "as",
	[RLIMIT_LOCKS] = "locks",
	[RLIMIT_MSGQUEUE] = "msgqueue",
	[VLIMIT_NSOCK] = "nsock",
	[VLIMIT_OPENFD] = "openfd",
	[VLIMIT_ANON] = "anon",
	[VLIMIT_SHMEM] = "shmem",
	[VLIMIT_SEMARY] = "semary",
	[VLIMIT_NSEMS] = "nsems",
	[VLIMIT_DENTRY] = "dentry",
	[VLIMIT_MAPPED] = "mapped",
	[RLIMIT_SIGPENDING] = "sigpending",
	[VLIMIT_POSIXMQ] = "posixmq",
	[VLIMIT_AIO] = "aio",
};

int vc_get_rlimit(uint32_t xid, unsigned int id, struct vc_rlimit *lim)
{
	struct vcmd_ctx_rlimit_v0 data;

	memset(&data, 0, sizeof(data));
	data.id = id;
	if (vc_syscall(VCMD_get_rlimit, xid, &data) == -1)
		return -1;
	lim->min = data.minimum;
	lim->soft = data.softlimit;
	lim->hard = data.maximum;
	return 0;
}

int vc_set_rlimit(uint32_t xid, unsigned int id, const struct vc_rlimit *lim)
{
	struct vcmd_ctx_rlimit_v0 data;

	memset(&data, 0, sizeof(data));
	data.id = id;
	data.minimum = lim->min;
	data.softlimit = lim->soft;
	data.maximum = lim->hard;
	return (int)vc_syscall(VCMD_set_rlimit, xid, &data);
}

int vc_get_rlimit_mask(struct vc_rlimit_mask *mask)
{
	struct vcmd_ctx_rlimit_mask_v0 data = { 0, 0, 0 };

	if (vc_syscall(VCMD_get_rlimit_mask, 0, &data) == -1)
		return -1;
	mask->min = data.minimum;
	mask->soft = data.softlimit;
	mask->hard = data.maximum;
	return 0;
}

int vc_rlimit_stat(uint32_t xid, unsigned int id, struct vc_rlimit_stat *stat)
{
	struct vcmd_rlimit_stat_v0 data;

	memset(&data, 0, sizeof(data));
	data.id = id;
	if (vc_syscall(VCMD_rlimit_stat, xid, &data) == -1)
		return -1;
	stat->hits = data.hits;
	stat->value = data.value;
	stat->min = data.minimum;
	stat->max = data.maximum;
	return 0;
}

int vc_reset_hits(uint32_t xid)
{
	return (int)vc_syscall(VCMD_reset_hits, xid, NULL);
}

int vc_reset_minmax(uint32_t xid)
{
	return (int)vc_syscall(VCMD_reset_minmax, xid, NULL);
}

const char *vc_rlimit_name(unsigned int id)
{
	return id < ARRAY_SIZE(limit_names) ? limit_names[id] : NULL;
}

int vc_rlimit_by_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(limit_names); i++)
		if (limit_names[i] && strlen(limit_names[i]) == len &&
		    !strncasecmp(limit_names[i], name, len))
			return (int)i;
	errno = EINVAL;
	return -1;
}

static int digit(char c, unsigned int base)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (base == 16 && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (base == 16 && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int vc_parse_limit(const char *str, uint64_t *value)
{
	unsigned int base = 10;
	uint64_t v = 0, factor = 1;
	const char *s = str;
	bool range = false;
	int d;

	if (!strcasecmp(str, "inf") || !strcasecmp(str, "infinity")) {
		*value = VC_LIM_INFINITY;
		return 0;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (digit(*s, base) < 0)
		goto invalid;
	for (; (d = digit(*s, base)) >= 0; s++) {
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			range = true;
		else
			v = v * base + (uint64_t)d;
	}
	switch (*s) {
	case 'k':
		factor = 1000;
		break;
	case 'K':
		factor = 1024;
		break;
	case 'm':
		factor = 1000000;
		break;
	case 'M':
		factor = 1048576;
		break;
	case '\0':
		break;
	default:
		goto invalid;
	}
	if (*s && s[1])
		goto invalid;
	if (range || v > (VC_LIM_MAX / factor)) {
		errno = ERANGE;
		return -1;
	}
	*value = v * factor;
	return 0;
invalid:
	errno = EINVAL;
	return -1;
}
