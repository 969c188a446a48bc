// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - reading a guest's configuration directory (util-vserver.md §3)
 *
 * Every file is checked before anything is started: a value that does
 * not parse, a file of the wrong kind, an unknown file where only known
 * names may be (rlimits/, uts/, sched/), or two files that contradict
 * each other give one message "<file>:<line>: <what>" each, and the
 * caller refuses to go on.  Deprecated files (flags, hostname, only_ip)
 * still work, with a warning.
 */

#define _ATFILE_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontend.h"

const char *conf_dir(void)
{
	const char *d = getenv("VSERVER_CONFDIR");

	return d && *d ? d : "/etc/vservers";
}

const char *run_dir(void)
{
	const char *d = getenv("VSERVER_RUNDIR");

	return d && *d ? d : "/var/run/vservers";
}

/* The problems found so far by guest_load(). */
static int problems;

/* "<path>:<line>: <what>" (no line: 0), with a printf format. */
static void problem(const char *path, unsigned int line, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
static void problem(const char *path, unsigned int line, const char *fmt,
		    ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line)
		warnf("%s:%u: %s", path, line, what);
	else
		warnf("%s: %s", path, what);
	problems++;
}

/*
 * Reads a configuration file into a malloc'ed, checked text.  NULL if it
 * does not exist (*@present false) or is bad (a problem is counted).
 */
static char *conf_read(const char *path, size_t *len, bool *present)
{
	struct conf_err err;
	struct stat st;
	char *text;

	*present = false;
	if (stat(path, &st)) {
		if (errno != ENOENT)
			problem(path, 0, "%s", strerror(errno));
		return NULL;
	}
	*present = true;
	if (S_ISDIR(st.st_mode)) {
		problem(path, 0, "is a directory, not a file");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		problem(path, 0, "is not a regular file");
		return NULL;
	}
	text = read_file(path, len);
	if (!text) {
		problem(path, 0, "%s", strerror(errno));
		return NULL;
	}
	if (conf_check_text(text, *len, &err)) {
		problem(path, err.line, "%s", err.msg);
		free(text);
		return NULL;
	}
	return text;
}

/* A scalar file: true with the value if present and good. */
static bool conf_value(const char *path, char *buf, size_t size)
{
	struct conf_err err;
	bool present;
	size_t len;
	char *text = conf_read(path, &len, &present);

	if (!text)
		return false;
	if (conf_scalar(text, len, buf, size, &err)) {
		problem(path, err.line, "%s", err.msg);
		free(text);
		return false;
	}
	free(text);
	return true;
}

/* <cfgdir>/<rel>, else <confdir>/.defaults/<rel> */
static void with_default(const struct guest *g, const char *rel, char *path,
			 size_t size)
{
	pathf(path, size, "%s/%s", g->cfgdir, rel);
	if (exists(path))
		return;
	pathf(path, size, "%s/.defaults/%s", conf_dir(), rel);
}

bool guest_locate(const char *arg, struct guest *g)
{
	char buf[VS_PATH_MAX];
	const char *base;
	struct stat st;
	size_t n;

	memset(g, 0, sizeof(*g));
	n = strlen(arg);
	if (n >= sizeof(buf))
		dief(VS_EXIT_FAIL, "guest name too long");
	strcpy(buf, arg);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	if (strchr(buf, '/')) {
		if (buf[0] == '/') {
			pathf(g->cfgdir, sizeof(g->cfgdir), "%s", buf);
		} else {
			char cwd[VS_PATH_MAX];

			if (!getcwd(cwd, sizeof(cwd)))
				dief(VS_EXIT_FAIL, "cannot find the current "
				     "directory: %s", strerror(errno));
			pathf(g->cfgdir, sizeof(g->cfgdir), "%s/%s", cwd,
			      buf[0] == '.' && buf[1] == '/' ? buf + 2 : buf);
		}
	} else {
		if (!buf[0] || !strcmp(buf, ".") || !strcmp(buf, ".."))
			dief(VS_EXIT_USAGE, "invalid guest name '%s'", arg);
		pathf(g->cfgdir, sizeof(g->cfgdir), "%s/%s", conf_dir(), buf);
	}
	base = strrchr(g->cfgdir, '/') + 1;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") ||
	    base[0] == '.')
		dief(VS_EXIT_USAGE, "invalid guest name '%s'", arg);
	pathf(g->name, sizeof(g->name), "%s", base);
	pathf(g->display, sizeof(g->display), "%s", base);
	pathf(g->runfile, sizeof(g->runfile), "%s/%s", run_dir(), base);
	return !stat(g->cfgdir, &st) && S_ISDIR(st.st_mode);
}

void conf_vdirbase(char *buf, size_t size)
{
	char path[VS_PATH_MAX];
	ssize_t n;

	pathf(path, sizeof(path), "%s/.defaults/vdirbase", conf_dir());
	n = readlink(path, buf, size - 1);
	if (n > 0) {
		buf[n] = '\0';
		return;
	}
	pathf(buf, size, "/vservers");
}

static void load_vdir(struct guest *g)
{
	char path[VS_PATH_MAX], target[VS_PATH_MAX], base[VS_PATH_MAX];
	struct stat st;
	ssize_t n;

	pathf(path, sizeof(path), "%s/vdir", g->cfgdir);
	n = readlink(path, target, sizeof(target) - 1);
	if (n > 0) {
		target[n] = '\0';
		if (target[0] == '/')
			pathf(g->vdir, sizeof(g->vdir), "%s", target);
		else
			pathf(g->vdir, sizeof(g->vdir), "%s/%s", g->cfgdir,
			      target);
	} else if (!lstat(path, &st)) {
		if (!S_ISDIR(st.st_mode)) {
			problem(path, 0, "must be a symbolic link to the "
				"guest's root directory (or that directory)");
			return;
		}
		pathf(g->vdir, sizeof(g->vdir), "%s", path);
	} else {
		conf_vdirbase(base, sizeof(base));
		pathf(g->vdir, sizeof(g->vdir), "%s/%s", base, g->name);
	}
	/* A root that is not a directory is found by the start's checks. */
}

static void load_ids(struct guest *g)
{
	char path[VS_PATH_MAX], val[64];
	uint64_t v;

	pathf(path, sizeof(path), "%s/context", g->cfgdir);
	if (conf_value(path, val, sizeof(val))) {
		if (!parse_uint(val, VC_XID_DYNAMIC_MIN - 1, &v) || v < 2) {
			problem(path, 1, "'%s' is not a context id: a number "
				"2..%u is needed", val, VC_XID_DYNAMIC_MIN - 1);
		} else {
			g->xid = (uint32_t)v;
			g->have_xid = true;
		}
	}
	g->nid = g->xid;
	pathf(path, sizeof(path), "%s/ncontext", g->cfgdir);
	if (conf_value(path, val, sizeof(val))) {
		if (!parse_uint(val, VC_NID_DYNAMIC_MIN - 1, &v) || v < 2) {
			problem(path, 1, "'%s' is not a network context id: a "
				"number 2..%u is needed", val,
				VC_NID_DYNAMIC_MIN - 1);
		} else {
			g->nid = (uint32_t)v;
		}
	}
	pathf(path, sizeof(path), "%s/name", g->cfgdir);
	conf_value(path, g->display, sizeof(g->display));
	pathf(path, sizeof(path), "%s/disabled", g->cfgdir);
	g->disabled = exists(path);
}

/* A list file applied to a word; *@present if the file exists. */
static void load_list(const char *path, const struct vc_name_table *table,
		      const char *what, uint64_t *value, uint64_t *mask,
		      bool *present)
{
	struct conf_err err;
	size_t len;
	char *text = conf_read(path, &len, present);

	if (!text)
		return;
	if (conf_list(table, what, text, len, value, mask, &err))
		problem(path, err.line, "%s", err.msg);
	free(text);
}

static void load_words(struct guest *g)
{
	char path[VS_PATH_MAX], old[VS_PATH_MAX];
	uint64_t mask = 0;
	bool present, old_present;

	/* util-vserver's "--flag default" first, so that cflags can undo it */
	g->cflags.value = VXF_VIRT_UPTIME | VXF_SC_HELPER;
	g->cflags.mask = g->cflags.value;
	pathf(path, sizeof(path), "%s/cflags", g->cfgdir);
	pathf(old, sizeof(old), "%s/flags", g->cfgdir);
	load_list(path, &vc_cflag_names, "context flag", &g->cflags.value,
		  &g->cflags.mask, &present);
	old_present = exists(old);
	if (!present && old_present) {
		warnf("%s: warning: 'flags' is deprecated; call it 'cflags'",
		      old);
		load_list(old, &vc_cflag_names, "context flag",
			  &g->cflags.value, &g->cflags.mask, &old_present);
	} else if (present && old_present) {
		warnf("%s: warning: ignored, 'cflags' is used", old);
	}

	g->bcaps = vc_secure_bcaps();
	pathf(path, sizeof(path), "%s/bcapabilities", g->cfgdir);
	load_list(path, &vc_bcap_names, "bcapability", &g->bcaps,
		  &g->bcaps_named, &present);
	g->ccaps = vc_secure_ccaps();
	pathf(path, sizeof(path), "%s/ccapabilities", g->cfgdir);
	load_list(path, &vc_ccap_names, "ccapability", &g->ccaps, &mask,
		  &present);
	g->nflags.value = 0;
	g->nflags.mask = 0;
	pathf(path, sizeof(path), "%s/nflags", g->cfgdir);
	load_list(path, &vc_nflag_names, "network flag", &g->nflags.value,
		  &g->nflags.mask, &present);
	g->ncaps = NXC_RAW_ICMP;
	pathf(path, sizeof(path), "%s/ncapabilities", g->cfgdir);
	load_list(path, &vc_ncap_names, "network capability", &g->ncaps,
		  &mask, &present);
}

/* Reads <dir>/<name> as a scalar, else <dir>/../<name> (the defaults). */
static bool iface_value(const char *dir, const char *name, char *buf,
			size_t size, char *path, size_t psize)
{
	pathf(path, psize, "%s/%s", dir, name);
	if (exists(path))
		return conf_value(path, buf, size);
	pathf(path, psize, "%s/../%s", dir, name);
	if (exists(path))
		return conf_value(path, buf, size);
	return false;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An interface's ip, with its prefix or mask: false after a problem. */
static bool iface_addr(const char *dir, struct guest_iface *ifc)
{
	char path[VS_PATH_MAX], ppath[VS_PATH_MAX], mpath[VS_PATH_MAX];
	char ip[128], prefix[16], mask[64], spec[256];
	struct vc_net_error ne;
	struct vc_net_addr a;
	bool have_prefix, have_mask;
	uint64_t v;

	pathf(path, sizeof(path), "%s/ip", dir);
	if (!exists(path)) {
		problem(dir, 0, "no 'ip' file: every interface needs its "
			"address");
		return false;
	}
	if (!conf_value(path, ip, sizeof(ip)))
		return false;
	if (vc_net_ip_parse(ip, strlen(ip), &a.family, &a.ip)) {
		problem(path, 1, "'%s' is not an IPv4 or IPv6 address", ip);
		return false;
	}
	have_prefix = iface_value(dir, "prefix", prefix, sizeof(prefix),
				  ppath, sizeof(ppath));
	have_mask = iface_value(dir, "mask", mask, sizeof(mask), mpath,
				sizeof(mpath));
	if (have_prefix &&
	    (!parse_uint(prefix, a.family == AF_INET ? 32 : 128, &v))) {
		problem(ppath, 1, "'%s' is not a prefix length (0..%d)", prefix,
			a.family == AF_INET ? 32 : 128);
		return false;
	}
	snprintf(spec, sizeof(spec), "%s%s%s", ip,
		 have_prefix ? "/" : have_mask ? "/" : "",
		 have_prefix ? prefix : have_mask ? mask : "");
	if (vc_net_addr_parse(spec, &a, &ne)) {
		problem(have_mask ? mpath : path, 1, "'%s' is not a netmask of "
			"the address", mask);
		return false;
	}
	if (have_prefix && have_mask) {
		struct vc_net_addr b;

		snprintf(spec, sizeof(spec), "%s/%s", ip, mask);
		if (vc_net_addr_parse(spec, &b, &ne) || b.prefix != a.prefix) {
			problem(mpath, 1, "netmask '%s' contradicts %s (/%s)",
				mask, ppath, prefix);
			return false;
		}
	}
	ifc->addr = a;
	vc_net_ip_format(a.family, &a.ip, ifc->ip);
	return true;
}

/*
 * An interface's host device (@have_dev: its own dev file exists), label
 * and state: false after a problem.
 */
static bool iface_dev(const char *dir, struct guest_iface *ifc,
		      bool have_dev)
{
	char path[VS_PATH_MAX], dev[64];

	if (!iface_value(dir, "dev", dev, sizeof(dev), path, sizeof(path))) {
		if (!have_dev)
			problem(dir, 0, "no 'dev' file (the host device of "
				"the address) and no 'nodev' file");
		return false;
	}
	if (strlen(dev) >= VC_NET_DEVSZ || strchr(dev, '/') ||
	    strchr(dev, ' ') || strchr(dev, ':')) {
		problem(path, 1, "'%s' is not a device name (1..15 "
			"characters, no '/', ':' or blank)", dev);
		return false;
	}
	strcpy(ifc->addr.dev, dev);
	pathf(path, sizeof(path), "%s/name", dir);
	if (exists(path)) {
		if (!conf_value(path, ifc->label, sizeof(ifc->label)))
			return false;
		if (strlen(dev) + 1 + strlen(ifc->label) >= 16) {
			problem(path, 1, "label '%s:%s' is longer than 15 "
				"characters", dev, ifc->label);
			return false;
		}
	}
	pathf(path, sizeof(path), "%s/down", dir);
	ifc->down = exists(path);
	return true;
}

static void load_iface(struct guest *g, const char *dir, const char *id)
{
	char path[VS_PATH_MAX], npath[VS_PATH_MAX];
	struct guest_iface *ifc;
	bool have_dev;

	pathf(path, sizeof(path), "%s/disabled", dir);
	if (exists(path))
		return;
	if (g->niface >= VS_MAX_IFACES) {
		problem(dir, 0, "too many interfaces");
		return;
	}
	ifc = &g->iface[g->niface];
	memset(ifc, 0, sizeof(*ifc));
	pathf(ifc->id, sizeof(ifc->id), "%s", id);
	if (!iface_addr(dir, ifc))
		return;
	pathf(npath, sizeof(npath), "%s/nodev", dir);
	ifc->nodev = exists(npath);
	pathf(path, sizeof(path), "%s/only_ip", dir);
	if (exists(path)) {
		warnf("%s: warning: 'only_ip' is deprecated; call it 'nodev'",
		      path);
		ifc->nodev = true;
	}
	pathf(path, sizeof(path), "%s/dev", dir);
	have_dev = exists(path);
	if (ifc->nodev && have_dev) {
		problem(npath, 0, "contradicts %s: an interface either has a "
			"host device or none", path);
		return;
	}
	if (!ifc->nodev && !iface_dev(dir, ifc, have_dev))
		return;
	g->niface++;
}

static void load_ifaces(struct guest *g)
{
	char dir[VS_PATH_MAX], sub[VS_PATH_MAX];
	char *names[VS_MAX_IFACES * 2];
	struct dirent *de;
	struct stat st;
	size_t n = 0, i;
	DIR *d;

	pathf(dir, sizeof(dir), "%s/interfaces", g->cfgdir);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		pathf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
		if (stat(sub, &st) || !S_ISDIR(st.st_mode))
			continue;	/* dev, prefix, mask, bcast... */
		if (n >= ARRAY_SIZE(names)) {
			problem(dir, 0, "too many interfaces");
			break;
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), str_cmp);
	for (i = 0; i < n; i++) {
		pathf(sub, sizeof(sub), "%s/%s", dir, names[i]);
		load_iface(g, sub, names[i]);
		free(names[i]);
	}
}

/*
 * One file of rlimits/: <resource>, or with the suffix .min, .soft or
 * .hard.  @suffixed: what the suffixed files set (a plain <resource>
 * file does not win over them, whatever the order they are read in).
 */
static void load_rlimit(struct guest *g, const char *dir, const char *name,
			bool suffixed[][3])
{
	static const char *const suffix[] = { ".min", ".soft", ".hard" };
	const char *dot = strchr(name, '.');
	size_t nlen = dot ? (size_t)(dot - name) : strlen(name);
	char path[VS_PATH_MAX], val[64];
	int id, k = -1;
	uint64_t v;

	pathf(path, sizeof(path), "%s/%s", dir, name);
	if (dot) {
		for (k = 0; k < 3; k++)
			if (!strcmp(dot, suffix[k]))
				break;
		if (k == 3) {
			problem(path, 0, "unknown suffix '%s': a limit file is "
				"<resource>, <resource>.soft, .hard or .min",
				dot);
			return;
		}
	}
	id = vc_rlimit_by_name(name, nlen);
	if (id < 0) {
		problem(path, 0, "unknown resource '%.*s'", (int)nlen, name);
		return;
	}
	if (!conf_value(path, val, sizeof(val)))
		return;
	if (vc_parse_limit(val, &v)) {
		problem(path, 1, "'%s' is not a limit: a number (suffix K, M, "
			"k, m) or 'inf'", val);
		return;
	}
	if (!g->rlimit_set[id]) {
		g->rlimit[id].min = VC_LIM_KEEP;
		g->rlimit[id].soft = VC_LIM_KEEP;
		g->rlimit[id].hard = VC_LIM_KEEP;
		g->rlimit_set[id] = true;
	}
	if (k >= 0)
		suffixed[id][k] = true;
	if (k == 0 || (k == -1 && !suffixed[id][0]))
		g->rlimit[id].min = v;
	if (k == 1 || (k == -1 && !suffixed[id][1]))
		g->rlimit[id].soft = v;
	if (k == 2 || (k == -1 && !suffixed[id][2]))
		g->rlimit[id].hard = v;
}

static void load_rlimits(struct guest *g)
{
	char dir[VS_PATH_MAX], path[VS_PATH_MAX];
	bool suffixed[VC_RLIMIT_IDS][3] = { { false } };
	struct dirent *de;
	DIR *d;

	pathf(dir, sizeof(dir), "%s/rlimits", g->cfgdir);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			load_rlimit(g, dir, de->d_name, suffixed);
	closedir(d);
	for (int id = 0; id < VC_RLIMIT_IDS; id++) {
		struct vc_rlimit *l = &g->rlimit[id];

		if (!g->rlimit_set[id])
			continue;
		if (l->soft != VC_LIM_KEEP && l->hard != VC_LIM_KEEP &&
		    l->soft > l->hard) {
			pathf(path, sizeof(path), "%s/%s.soft", dir,
			      vc_rlimit_name((unsigned int)id));
			problem(path, 1, "the soft limit is above the hard "
				"limit");
		}
	}
}

/* The files of sched/ and the fields of struct vc_sched they set. */
static const struct {
	const char *name;
	uint32_t bit;
	size_t off;
} sched_files[] = {
	{ "fill-rate", VXSM_FILL_RATE, offsetof(struct vc_sched, fill_rate) },
	{ "interval", VXSM_INTERVAL, offsetof(struct vc_sched, interval) },
	{ "fill-rate2", VXSM_FILL_RATE2,
	  offsetof(struct vc_sched, fill_rate2) },
	{ "interval2", VXSM_INTERVAL2, offsetof(struct vc_sched, interval2) },
	{ "tokens", VXSM_TOKENS, offsetof(struct vc_sched, tokens) },
	{ "tokens-min", VXSM_TOKENS_MIN,
	  offsetof(struct vc_sched, tokens_min) },
	{ "tokens-max", VXSM_TOKENS_MAX,
	  offsetof(struct vc_sched, tokens_max) },
	{ "priority-bias", VXSM_PRIO_BIAS,
	  offsetof(struct vc_sched, prio_bias) },
};

/* One file of sched/. */
static void load_sched_file(struct guest *g, const char *dir,
			    const char *name)
{
	char path[VS_PATH_MAX], val[64], *end;
	size_t i;
	long v;

	pathf(path, sizeof(path), "%s/%s", dir, name);
	if (!strcmp(name, "idle-time")) {
		g->sched.mask |= VXSM_IDLE_TIME;
		g->have_sched = true;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(sched_files); i++)
		if (!strcmp(name, sched_files[i].name))
			break;
	if (i == ARRAY_SIZE(sched_files)) {
		problem(path, 0, "unknown scheduler setting (per-CPU "
			"directories are not supported either)");
		return;
	}
	if (!conf_value(path, val, sizeof(val)))
		return;
	errno = 0;
	v = strtol(val, &end, 10);
	if (*end || errno || v < INT32_MIN || v > INT32_MAX ||
	    (i < 2 && v < 1) ||
	    (sched_files[i].bit == VXSM_PRIO_BIAS && (v < -20 || v > 19))) {
		problem(path, 1, "'%s' is not a valid %s", val,
			sched_files[i].name);
		return;
	}
	*(int32_t *)((char *)&g->sched + sched_files[i].off) = (int32_t)v;
	g->sched.mask |= sched_files[i].bit;
	g->have_sched = true;
}

static void load_sched(struct guest *g)
{
	char dir[VS_PATH_MAX];
	struct dirent *de;
	DIR *d;

	pathf(dir, sizeof(dir), "%s/sched", g->cfgdir);
	d = opendir(dir);
	if (!d)
		return;
	g->sched.cpu_id = VC_SCHED_ALL_CPUS;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			load_sched_file(g, dir, de->d_name);
	closedir(d);
}

static void load_uts(struct guest *g)
{
	char dir[VS_PATH_MAX], path[VS_PATH_MAX], val[VC_VHI_NAME_MAX + 1];
	struct dirent *de;
	DIR *d;
	int f;

	/* Deprecated places first, so that uts/ wins. */
	pathf(path, sizeof(path), "%s/hostname", g->cfgdir);
	if (exists(path)) {
		warnf("%s: warning: deprecated; write uts/nodename", path);
		if (conf_value(path, val, sizeof(val)))
			g->uts[VHIN_NODENAME] = strdup(val);
	}
	pathf(path, sizeof(path), "%s/domainname", g->cfgdir);
	if (exists(path)) {
		warnf("%s: warning: deprecated; write uts/domainname", path);
		if (conf_value(path, val, sizeof(val)))
			g->uts[VHIN_DOMAINNAME] = strdup(val);
	}
	pathf(dir, sizeof(dir), "%s/uts", g->cfgdir);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		pathf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = vc_vhi_field_by_name(de->d_name, strlen(de->d_name));
		if (f < 0 || f == VHIN_CONTEXT) {
			problem(path, 0, "%s", f < 0 ?
				"unknown uts field (sysname, nodename, "
				"release, version, machine, domainname)" :
				"reserved: the tools store the configuration "
				"directory there");
			continue;
		}
		if (!conf_value(path, val, sizeof(val)))
			continue;
		free(g->uts[f]);
		g->uts[f] = strdup(val);
	}
	closedir(d);
}

/* An argv file into @argv (whose strings then live in the file's text). */
static void load_argv(const char *path, char **argv, bool comments)
{
	struct conf_err err;
	bool present;
	size_t len;
	char *text = conf_read(path, &len, &present);

	if (!text)
		return;
	if (conf_argv(text, len, argv, VS_MAX_ARGS, comments, &err) < 0) {
		problem(path, err.line, "%s", err.msg);
		argv[0] = NULL;
	}
}

static void load_init(struct guest *g)
{
	char path[VS_PATH_MAX], val[64];
	struct conf_err err;
	bool present;
	size_t len;
	char *text;

	g->style = INIT_SYSV;
	pathf(path, sizeof(path), "%s/apps/init/style", g->cfgdir);
	if (conf_value(path, val, sizeof(val))) {
		if (!strcmp(val, "sysv")) {
			g->style = INIT_SYSV;
		} else if (!strcmp(val, "plain")) {
			g->style = INIT_PLAIN;
		} else if (!strcmp(val, "systemd")) {
			g->style = INIT_SYSTEMD;
		} else {
			problem(path, 1, "unsupported init style '%s' (sysv, "
				"plain or systemd)", val);
		}
	}
	strcpy(g->runlevel, "3");
	pathf(path, sizeof(path), "%s/apps/init/runlevel.start", g->cfgdir);
	if (!exists(path))
		pathf(path, sizeof(path), "%s/apps/init/runlevel", g->cfgdir);
	conf_value(path, g->runlevel, sizeof(g->runlevel));
	strcpy(g->runlevel_stop, "6");
	pathf(path, sizeof(path), "%s/apps/init/runlevel.stop", g->cfgdir);
	conf_value(path, g->runlevel_stop, sizeof(g->runlevel_stop));
	pathf(path, sizeof(path), "%s/apps/init/cmd.start", g->cfgdir);
	load_argv(path, g->cmd_start, false);
	pathf(path, sizeof(path), "%s/apps/init/cmd.stop", g->cfgdir);
	load_argv(path, g->cmd_stop, false);
	with_default(g, "apps/init/environment", path, sizeof(path));
	load_argv(path, g->environ, true);
	with_default(g, "shell", path, sizeof(path));
	load_argv(path, g->shell, false);
	pathf(path, sizeof(path), "%s/apps/init/mark", g->cfgdir);
	conf_value(path, g->mark, sizeof(g->mark));

	g->killseq = (struct conf_killseq){
		.n = 2, .sig = { 15, 9 }, .wait = { 5 } };
	with_default(g, "apps/init/killseq", path, sizeof(path));
	text = conf_read(path, &len, &present);
	if (text) {
		if (conf_killseq(text, len, &g->killseq, &err))
			problem(path, err.line, "%s", err.msg);
		free(text);
	}
}

static void load_fstab(struct guest *g)
{
	char path[VS_PATH_MAX];
	struct conf_err err;
	unsigned int lineno = 0;
	size_t len, pos = 0, n;
	const char *line;
	bool present;
	char *text;

	pathf(path, sizeof(path), "%s/fstab", g->cfgdir);
	text = conf_read(path, &len, &present);
	if (!text)
		return;
	while (conf_next_line(text, len, &pos, &lineno, &line, &n)) {
		size_t i = 0;

		while (i < n && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i == n || line[i] == '#')
			continue;
		if (g->nmount >= VS_MAX_MOUNTS) {
			problem(path, lineno, "too many mounts");
			break;
		}
		if (conf_fstab_line(line, n, &g->mount[g->nmount], &err)) {
			problem(path, lineno, "%s", err.msg);
			continue;
		}
		for (int j = 0; j < g->nmount; j++) {
			if (strcmp(g->mount[j].dst, g->mount[g->nmount].dst))
				continue;
			problem(path, lineno, "'%s' is mounted on line %u "
				"already", g->mount[j].dst, g->mount[j].line);
		}
		g->mount[g->nmount].line = lineno;
		g->nmount++;
	}
	free(text);
	pathf(path, sizeof(path), "%s/fstab.local", g->cfgdir);
	if (exists(path))
		warnf("%s: warning: deprecated and ignored; use fstab", path);
}

int guest_load(struct guest *g)
{
	static struct guest fresh;

	/* Anew each time: only what guest_locate() found stays. */
	memcpy(fresh.name, g->name, sizeof(g->name));
	memcpy(fresh.display, g->display, sizeof(g->display));
	memcpy(fresh.cfgdir, g->cfgdir, sizeof(g->cfgdir));
	memcpy(fresh.runfile, g->runfile, sizeof(g->runfile));
	*g = fresh;
	problems = 0;
	load_ids(g);
	load_vdir(g);
	load_words(g);
	load_ifaces(g);
	load_rlimits(g);
	load_sched(g);
	load_uts(g);
	load_init(g);
	load_fstab(g);
	apifs_detect_systemd(g);
	return problems;
}
