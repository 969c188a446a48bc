// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver - the text of configuration files (util-vserver.md §3): scalar
 * files (the first line), lists (one or more names a line, '#' comments),
 * argv files (one word a line), killseq, fstab lines, and the --interface
 * syntax of build.  No I/O, no allocation: the libFuzzer target feeds it
 * anything.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "frontend.h"

static int errf(struct conf_err *err, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errf(struct conf_err *err, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

bool conf_next_line(const char *text, size_t len, size_t *pos,
		    unsigned int *lineno, const char **line, size_t *linelen)
{
	const char *nl;

	if (*pos >= len)
		return false;
	*line = text + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*linelen = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *linelen + (nl ? 1 : 0);
	(*lineno)++;
	return true;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks at both ends of line/len. */
static void trim(const char **s, size_t *len)
{
	while (*len && blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && blank((*s)[*len - 1]))
		(*len)--;
}

int conf_check_text(const char *text, size_t len, struct conf_err *err)
{
	unsigned int line = 1;
	size_t i;

	for (i = 0; i < len; i++) {
		if (text[i] == '\r')
			return errf(err, line, "carriage return (a DOS line "
				    "end); write the file with Unix line ends");
		if (!text[i])
			return errf(err, line, "NUL byte: not a text file");
		if (text[i] == '\n')
			line++;
	}
	return 0;
}

int conf_scalar(const char *text, size_t len, char *buf, size_t size,
		struct conf_err *err)
{
	size_t pos = 0, n;
	unsigned int lineno = 0;
	const char *line;

	if (!conf_next_line(text, len, &pos, &lineno, &line, &n))
		return errf(err, 1, "empty file; the value belongs on the "
			    "first line");
	trim(&line, &n);
	if (!n)
		return errf(err, 1, "empty first line; the value belongs "
			    "there");
	if (n >= size)
		return errf(err, 1, "value too long (%zu bytes, at most %zu)",
			    n, size - 1);
	memcpy(buf, line, n);
	buf[n] = '\0';
	return 0;
}

int conf_list(const struct vc_name_table *table, const char *what,
	      const char *text, size_t len, uint64_t *value, uint64_t *mask,
	      struct conf_err *err)
{
	uint64_t v = *value, m = *mask;
	unsigned int lineno = 0;
	size_t pos = 0, n;
	const char *line;

	while (conf_next_line(text, len, &pos, &lineno, &line, &n)) {
		trim(&line, &n);
		if (!n || *line == '#')
			continue;
		/* Names separated by commas or blanks. */
		while (n) {
			char word[64];
			struct vc_list_error le;
			size_t w = 0;

			while (w < n && line[w] != ',' && !blank(line[w]))
				w++;
			if (w) {
				if (w >= sizeof(word))
					return errf(err, lineno, "unknown %s "
						    "'%.*s'", what, (int)w,
						    line);
				memcpy(word, line, w);
				word[w] = '\0';
				if (vc_list_parse(table, word, &v, &m, &le))
					return errf(err, lineno,
						    "unknown %s '%s'", what,
						    word);
			}
			while (w < n && (line[w] == ',' || blank(line[w])))
				w++;
			line += w;
			n -= w;
		}
	}
	*value = v;
	*mask = m;
	return 0;
}

int conf_argv(char *text, size_t len, char **argv, int max, bool comments,
	      struct conf_err *err)
{
	unsigned int lineno = 0;
	size_t pos = 0, n;
	const char *line;
	int argc = 0;

	while (conf_next_line(text, len, &pos, &lineno, &line, &n)) {
		char *l = (char *)line;

		if (comments) {
			trim(&line, &n);
			l = (char *)line;
			if (!n || *l == '#')
				continue;
		} else if (!n) {
			continue;
		}
		if (argc >= max - 1)
			return errf(err, lineno, "too many lines (at most %d)",
				    max - 1);
		l[n] = '\0';
		argv[argc++] = l;
	}
	argv[argc] = NULL;
	if (!argc)
		return errf(err, 1, "empty file; one word a line is needed");
	return argc;
}

int conf_killseq(const char *text, size_t len, struct conf_killseq *ks,
		 struct conf_err *err)
{
	struct conf_killseq k = { 0 };
	unsigned int lineno = 0;
	size_t pos = 0, n;
	const char *line;
	int tok = 0;

	while (conf_next_line(text, len, &pos, &lineno, &line, &n)) {
		trim(&line, &n);
		if (!n || *line == '#')
			continue;
		while (n) {
			char word[32];
			size_t w = 0;
			uint64_t v;

			while (w < n && !blank(line[w]))
				w++;
			if (w >= sizeof(word))
				return errf(err, lineno, "'%.*s' is too long",
					    (int)w, line);
			memcpy(word, line, w);
			word[w] = '\0';
			if (tok % 2 == 0) {
				int sig = vc_str2sig(word);

				if (sig <= 0)
					return errf(err, lineno, "'%s' is not "
						    "a signal", word);
				if (k.n >= VS_MAX_KILLSEQ)
					return errf(err, lineno, "too many "
						    "signals (at most %d)",
						    VS_MAX_KILLSEQ);
				k.sig[k.n++] = sig;
			} else {
				if (!parse_uint(word, 3600, &v))
					return errf(err, lineno, "'%s' is not "
						    "a wait in seconds "
						    "(0..3600)", word);
				k.wait[k.n - 1] = (unsigned int)v;
			}
			tok++;
			while (w < n && blank(line[w]))
				w++;
			line += w;
			n -= w;
		}
	}
	if (!k.n)
		return errf(err, 1, "empty killseq; write e.g. '15 5 9'");
	if (tok % 2 == 0)
		return errf(err, lineno, "the sequence ends with a wait; it "
			    "must end with a signal");
	*ks = k;
	return 0;
}

/* mount(8) options that are mount flags; the rest goes to the data. */
static const struct {
	const char *name;
	unsigned long set, clear;
} mount_opts[] = {
	{ "defaults", 0, 0 },
	{ "rw", 0, MS_RDONLY },
	{ "ro", MS_RDONLY, 0 },
	{ "nosuid", MS_NOSUID, 0 },
	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },
	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },
	{ "exec", 0, MS_NOEXEC },
	{ "noatime", MS_NOATIME, 0 },
	{ "nodiratime", MS_NODIRATIME, 0 },
	{ "relatime", MS_RELATIME, 0 },
	{ "sync", MS_SYNCHRONOUS, 0 },
	{ "async", 0, MS_SYNCHRONOUS },
	{ "bind", MS_BIND, 0 },
	{ "rbind", MS_BIND | MS_REC, 0 },
	{ "auto", 0, 0 },
	{ "noauto", 0, 0 },
	{ "nofail", 0, 0 },
};

/* The next blank-separated field of line/len; false at the end. */
static bool field(const char **line, size_t *len, const char **f,
		  size_t *flen)
{
	while (*len && blank(**line)) {
		(*line)++;
		(*len)--;
	}
	if (!*len)
		return false;
	*f = *line;
	*flen = 0;
	while (*flen < *len && !blank((*line)[*flen]))
		(*flen)++;
	*line += *flen;
	*len -= *flen;
	return true;
}

static bool copy_field(char *buf, size_t size, const char *f, size_t n)
{
	if (n >= size)
		return false;
	memcpy(buf, f, n);
	buf[n] = '\0';
	return true;
}

/*
 * An fstab line's options, comma-separated: the known ones are flags of
 * @m, the others its data.  Return: 0, or -1 with @err.
 */
static int fstab_options(const char *opts, struct conf_mount *m,
			 struct conf_err *err)
{
	const char *o = opts;
	size_t i;

	while (*o) {
		size_t w = strcspn(o, ",");
		bool known = false;

		for (i = 0; i < ARRAY_SIZE(mount_opts) && w; i++) {
			if (strlen(mount_opts[i].name) == w &&
			    !strncmp(mount_opts[i].name, o, w)) {
				m->flags |= mount_opts[i].set;
				m->flags &= ~mount_opts[i].clear;
				known = true;
				break;
			}
		}
		if (!w)
			return errf(err, 0, "empty option in '%s'", opts);
		if (!known) {
			size_t dl = strlen(m->data);

			if (dl + w + 2 > sizeof(m->data))
				return errf(err, 0, "options too long");
			if (dl)
				m->data[dl++] = ',';
			memcpy(m->data + dl, o, w);
			m->data[dl + w] = '\0';
		}
		o += w;
		if (*o)
			o++;
	}
	return 0;
}

int conf_fstab_line(const char *line, size_t len, struct conf_mount *m,
		    struct conf_err *err)
{
	static const char *const names[] = { "source", "mount point", "type",
					     "options" };
	char opts[256];
	char *bufs[4];
	size_t sizes[4];
	const char *f, *o;
	size_t n, i;

	memset(m, 0, sizeof(*m));
	bufs[0] = m->src; sizes[0] = sizeof(m->src);
	bufs[1] = m->dst; sizes[1] = sizeof(m->dst);
	bufs[2] = m->type; sizes[2] = sizeof(m->type);
	bufs[3] = opts; sizes[3] = sizeof(opts);
	for (i = 0; i < 4; i++) {
		if (!field(&line, &len, &f, &n))
			return errf(err, 0, "no %s: a line is '<source> "
				    "<mount point> <type> <options>'",
				    names[i]);
		if (!copy_field(bufs[i], sizes[i], f, n))
			return errf(err, 0, "%s too long", names[i]);
	}
	for (i = 0; i < 2 && field(&line, &len, &f, &n); i++) {
		uint64_t v;
		char num[8];

		if (!copy_field(num, sizeof(num), f, n) ||
		    !parse_uint(num, 9, &v))
			return errf(err, 0, "'%.*s' is not a %s number",
				    (int)n, f, i ? "fsck pass" : "dump");
	}
	if (field(&line, &len, &f, &n))
		return errf(err, 0, "extra field '%.*s'", (int)n, f);
	if (m->dst[0] != '/')
		return errf(err, 0, "mount point '%s' is not an absolute path "
			    "(inside the guest)", m->dst);
	if (!strcmp(m->dst, "/"))
		return errf(err, 0, "mounting the guest's root from fstab is "
			    "not supported; make the vdir a mount instead");
	for (o = m->dst; *o; o++)
		if (o[0] == '/' && o[1] == '.' && o[2] == '.' &&
		    (o[3] == '/' || !o[3]))
			return errf(err, 0, "mount point '%s' holds '..'",
				    m->dst);
	return fstab_options(opts, m, err);
}

int conf_interface_spec(const char *spec, char *name,
			struct vc_net_addr *addr, struct conf_err *err)
{
	const char *eq = strchr(spec, '=');
	struct vc_net_error ne;

	name[0] = '\0';
	if (eq) {
		size_t n = (size_t)(eq - spec);

		if (!n || n > 15)
			return errf(err, 0, "bad interface name '%.*s' (1..15 "
				    "characters)", (int)n, spec);
		memcpy(name, spec, n);
		name[n] = '\0';
		spec = eq + 1;
	}
	if (vc_net_addr_parse(spec, addr, &ne))
		return errf(err, 0, "bad address '%s': '%.*s' %s", spec,
			    (int)ne.len, ne.part,
			    ne.code == VC_NET_BADPREFIX ? "is no prefix" :
			    ne.code == VC_NET_BADMASK ? "is no netmask" :
			    ne.code == VC_NET_BADDEV ? "is no device name" :
			    "is no address");
	if (addr->type != NXA_TYPE_ADDR)
		return errf(err, 0, "'%s': a guest interface is one address, "
			    "not a range", spec);
	return 0;
}
