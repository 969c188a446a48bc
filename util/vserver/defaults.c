// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver build's default limits: a new guest gets limits on what it
 * shares with the host, sized from the host, so that a guest nobody
 * configured cannot take the whole machine:
 *
 *   nproc       tasks: 1/8 of the lower of kernel.pid_max and
 *               kernel.threads-max (at least 64)
 *   rss         resident memory (pages, through the guest's memory
 *               cgroup): 1/4 of the RAM
 *   memlock     locked memory (pages): 1/64 of the RAM
 *   nofile      open files: 1/8 of fs.file-max, 1024..65536
 *   nsock       sockets: 1/4 of nofile
 *   locks       file locks: 4096
 *   msgqueue    System V message queue bytes: 16 MiB
 *   shmem       System V shared memory (pages): 1/8 of the RAM
 *   semary      semaphore arrays: 128;  nsems  semaphores: 4096
 *   sigpending  queued signals and POSIX timers: 4096
 *   posixmq     POSIX message queue bytes: 4 x 819200 (4 users' worth)
 *   aio         AIO events: 1/8 of fs.aio-max-nr
 *
 * Only the limits the running kernel enforces (get_rlimit_mask) are
 * written, as plain rlimits/<name> files (the hard limit; the file an
 * admin edits afterwards).  <confdir>/.defaults/rlimits/<name>
 * (or <name>.hard) replaces a default for every guest built afterwards,
 * --limit <name>=<value> for this one; the value "inf" writes no limit
 * for that resource (the file says "inf").
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "defaults.h"

#define MAX_OPTS	32

static struct {
	int id;
	char value[64];
} opts[MAX_OPTS];
static int nopts;

int defaults_limit_option(const char *spec)
{
	const char *eq = strchr(spec, '=');
	uint64_t v;
	int id;

	if (!eq || eq == spec) {
		warnf("build: --limit %s: <name>=<value> is needed", spec);
		return -1;
	}
	id = vc_rlimit_by_name(spec, (size_t)(eq - spec));
	if (id < 0) {
		warnf("build: --limit %s: unknown limit '%.*s'", spec,
		      (int)(eq - spec), spec);
		return -1;
	}
	if (vc_parse_limit(eq + 1, &v) || strlen(eq + 1) >= 64) {
		warnf("build: --limit %s: '%s' is not a limit: a number "
		      "(suffix K, M, k, m) or 'inf'", spec, eq + 1);
		return -1;
	}
	if (nopts >= MAX_OPTS) {
		warnf("build: too many --limit");
		return -1;
	}
	opts[nopts].id = id;
	snprintf(opts[nopts].value, sizeof(opts[nopts].value), "%s", eq + 1);
	nopts++;
	return 0;
}

/* A number from a /proc file, or @dflt. */
static uint64_t proc_number(const char *path, const char *key,
			    uint64_t dflt)
{
	char *text = read_file(path, NULL);
	const char *p = text;
	uint64_t v = dflt;

	if (!text)
		return dflt;
	if (key) {
		p = strstr(text, key);
		if (p)
			p += strlen(key);
	}
	if (p) {
		char *end;
		unsigned long long n;

		errno = 0;
		n = strtoull(p, &end, 10);
		if (!errno && end != p)
			v = n;
	}
	free(text);
	return v;
}

static uint64_t clamp(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The computed defaults, by limit id (0: none). */
static void host_defaults(uint64_t def[VC_RLIMIT_IDS])
{
	const uint64_t ram_kib = proc_number("/proc/meminfo", "MemTotal:",
					     1024 * 1024);
	const uint64_t pages = ram_kib / 4;
	const uint64_t pid_max = proc_number("/proc/sys/kernel/pid_max",
					     NULL, 32768);
	const uint64_t threads = proc_number("/proc/sys/kernel/threads-max",
					     NULL, 32768);
	const uint64_t file_max = proc_number("/proc/sys/fs/file-max", NULL,
					      65536);
	const uint64_t aio_max = proc_number("/proc/sys/fs/aio-max-nr", NULL,
					     65536);

	def[RLIMIT_NPROC] = clamp((pid_max < threads ? pid_max : threads) / 8,
				  64, 1 << 20);
	def[RLIMIT_RSS] = clamp(pages / 4, 4096, UINT64_MAX);
	def[RLIMIT_MEMLOCK] = clamp(pages / 64, 16, UINT64_MAX);
	def[RLIMIT_NOFILE] = clamp(file_max / 8, 1024, 65536);
	def[VLIMIT_NSOCK] = def[RLIMIT_NOFILE] / 4;
	def[RLIMIT_LOCKS] = 4096;
	def[RLIMIT_MSGQUEUE] = 16 << 20;
	def[VLIMIT_SHMEM] = clamp(pages / 8, 1024, UINT64_MAX);
	def[VLIMIT_SEMARY] = 128;
	def[VLIMIT_NSEMS] = 4096;
	def[RLIMIT_SIGPENDING] = 4096;
	def[VLIMIT_POSIXMQ] = 4 * 819200;
	def[VLIMIT_AIO] = clamp(aio_max / 8, 128, UINT64_MAX);
}

/* .defaults/rlimits/<name>[.hard]: its value in @buf, or false. */
static bool site_default(const char *name, char *buf, size_t size)
{
	static const char *const suffix[] = { "", ".hard" };
	char path[VS_PATH_MAX];
	unsigned int k;

	for (k = 0; k < 2; k++) {
		char *text, *nl;
		uint64_t v;

		pathf(path, sizeof(path), "%s/.defaults/rlimits/%s%s",
		      conf_dir(), name, suffix[k]);
		text = read_file(path, NULL);
		if (!text)
			continue;
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		if (vc_parse_limit(text, &v) || strlen(text) >= size) {
			warnf("%s: '%s' is not a limit; ignored", path, text);
			free(text);
			continue;
		}
		snprintf(buf, size, "%s", text);
		free(text);
		return true;
	}
	return false;
}

int defaults_write_rlimits(const struct guest *g)
{
	uint64_t def[VC_RLIMIT_IDS] = { 0 };
	struct vc_rlimit_mask mask;
	char dir[VS_PATH_MAX], path[VS_PATH_MAX], line[80];
	char value[64];
	unsigned int id;
	int i;

	host_defaults(def);
	if (vc_get_rlimit_mask(&mask))
		mask.hard = 0;
	/* A --limit the kernel does not enforce is an error, not ignored. */
	for (i = 0; i < nopts; i++) {
		if (!(mask.hard & (1U << opts[i].id))) {
			warnf("build: --limit %s: this kernel does not support "
			      "this limit", vc_rlimit_name(opts[i].id));
			return -1;
		}
	}
	pathf(dir, sizeof(dir), "%s/rlimits", g->cfgdir);
	if (mkdir_p(dir)) {
		warnf("cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	for (id = 0; id < VC_RLIMIT_IDS; id++) {
		const char *name = vc_rlimit_name(id);
		const char *from = "host";

		if (!name || !(mask.hard & (1U << id)))
			continue;
		if (def[id])
			snprintf(value, sizeof(value), "%llu",
				 (unsigned long long)def[id]);
		else
			value[0] = '\0';
		if (site_default(name, value, sizeof(value)))
			from = ".defaults";
		for (i = 0; i < nopts; i++) {
			if (opts[i].id == (int)id) {
				snprintf(value, sizeof(value), "%s",
					 opts[i].value);
				from = "--limit";
			}
		}
		if (!value[0])
			continue;
		pathf(path, sizeof(path), "%s/%s", dir, name);
		snprintf(line, sizeof(line), "%s\n", value);
		if (write_file(path, line)) {
			warnf("cannot write %s: %s", path, strerror(errno));
			return -1;
		}
		say(g, "limit %s = %s (%s)", name, value, from);
	}
	return 0;
}

void defaults_warn_unlimited(const struct guest *g)
{
	unsigned int id;

	for (id = 0; id < VC_RLIMIT_IDS; id++)
		if (g->rlimit_set[id] &&
		    g->rlimit[id].hard != VC_LIM_INFINITY &&
		    g->rlimit[id].hard != VC_LIM_KEEP)
			return;
	warnf("warning: %s: starts without any limit (rlimits/ is empty): it "
	      "can take the host's tasks, memory and files; 'vserver %s build' "
	      "writes safe defaults", g->name, g->name);
}
