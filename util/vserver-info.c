// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver-info(8) - show the kernel's vserver API, or answer one query,
 * through vserver(2)
 *
 *   vserver-info                      short report: API version, syscall, VCI
 *   vserver-info <xid>|- <TAG> [args] one util-vserver query (-l lists them)
 *
 * Exit status: 0 on success (for FEATURE: the feature is there), 1 on any
 * failure, for an absent feature and for usage errors.  util-vserver's
 * vserver-info (util-vserver.md §4.4; its src/vserver-info.c) exits 1
 * after a bad option or an unknown tag, unlike most of its tools, which
 * exit 255 (util-vserver.md §4, "Common conventions"); 1 is also what
 * style.md §8.5 asks of our tools, so scripts see the same codes here.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

#include "common.h"
#include "vserver.h"

#define EXIT_USAGE	1

/* "0x" and eight hex digits. */
#define HEX32_STRSZ	(2 + 8 + 1)

/* Room for every VCI flag name plus the tagging field, space separated. */
#define VCI_NAMES_STRSZ	384

/* What a tag's query gets from the command line. */
struct query {
	const char *id;		/* the word before the tag: xid, name or - */
	int argc;		/* arguments after the tag */
	char **argv;
};

struct tag {
	const char *name;
	const char *args;	/* synopsis of the arguments, for --help */
	const char *help;
	int (*run)(const struct query *q);
};

static char *hex32(uint32_t value, char *buf)
{
	buf[0] = '0';
	buf[1] = 'x';
	vc_fmt_uint(buf + 2, value, 16, 8);
	return buf;
}

static void append_word(char *buf, const char *word)
{
	if (buf[0])
		strcat(buf, " ");
	strcat(buf, word);
}

/* "SPACES NETV2 TAGGED=ID24"; bits without a name appear as "bit<n>". */
static char *vci_names(uint32_t vci, char *buf)
{
	unsigned int tagging = vc_vci_tagging(vci);
	char num[VC_FMT_BUFSZ];
	unsigned int bit;

	buf[0] = '\0';
	for (bit = 0; bit < 32; bit++) {
		const char *name = vc_vci_bit_name(bit);
		uint32_t mask = UINT32_C(1) << bit;

		if (!(vci & mask) || (mask & VC_VCI_TAGGING_MASK))
			continue;
		if (name) {
			append_word(buf, name);
			continue;
		}
		append_word(buf, "bit");
		strcat(buf, vc_fmt_uint(num, bit, 10, 0));
	}
	if (tagging) {
		const char *name = vc_vci_tagging_name(tagging);

		append_word(buf, "TAGGED=");
		strcat(buf, name ? name : vc_fmt_uint(num, tagging, 10, 0));
	}
	return buf;
}

static uint32_t get_version_or_die(void)
{
	int version = vc_get_version();

	if (version == -1)
		die(EXIT_FAILURE, vc_strerror(errno));
	return (uint32_t)version;
}

static uint32_t get_vci_or_die(void)
{
	int vci = vc_get_vci();

	if (vci == -1)
		die(EXIT_FAILURE, "cannot read the VCI word: ",
		    vc_strerror(errno));
	return (uint32_t)vci;
}

/* vserver-info with no arguments. */
static int report(void)
{
	uint32_t version = get_version_or_die();
	uint32_t vci = get_vci_or_die();
	char api[API_STRSZ], hex[HEX32_STRSZ], num[VC_FMT_BUFSZ];
	char names[VCI_NAMES_STRSZ];

	vci_names(vci, names);
	out("API version: ", api_str(version, api), "\n");
	out("syscall: ", vc_fmt_uint(num, (uint32_t)vc_syscall_nr(), 10, 0),
	    "\n");
	out("VCI: ", hex32(vci, hex), " (", names[0] ? names : "none", ")\n");
	return EXIT_SUCCESS;
}

static int query_apiver(const struct query *q __maybe_unused)
{
	char hex[HEX32_STRSZ];

	out(hex32(get_version_or_die(), hex), "\n");
	return EXIT_SUCCESS;
}

static int query_vci(const struct query *q __maybe_unused)
{
	char hex[HEX32_STRSZ];

	get_version_or_die();	/* the plain message if there is no vserver */
	out(hex32(get_vci_or_die(), hex), "\n");
	return EXIT_SUCCESS;
}

/* A test for scripts: silent, and "no vserver kernel" is simply "no". */
static int query_feature(const struct query *q)
{
	int feature;

	if (q->argc < 1) {
		warnmsg("FEATURE needs a feature name");
		errtryhelp(EXIT_USAGE);
	}
	feature = vc_feature_by_name(q->argv[0]);
	if (feature < 0)
		die(EXIT_FAILURE, "unknown feature '", q->argv[0], "'");
	return vc_is_supported(feature) ? EXIT_SUCCESS : EXIT_FAILURE;
}

static void print_features(void)
{
	int version = vc_get_version();
	int vci = vc_get_vci();
	bool any = false;
	int f;

	out("Features:");
	for (f = 0; version != -1 && f < VC_FEATURE_NR; f++) {
		if (!vc_feature_check(f, (uint32_t)version,
				      vci == -1 ? 0 : (uint32_t)vci))
			continue;
		out(" ", vc_feature_name(f));
		any = true;
	}
	out(any ? "\n" : " none\n");
}

/* Layout of util-vserver's SYSINFO; unknown values read "???". */
static int query_sysinfo(const struct query *q __maybe_unused)
{
	int version = vc_get_version();
	int vci = vc_get_vci();
	char hex[HEX32_STRSZ];
	struct utsname uts;

	out("Versions:\n");
	out("                   Kernel: ",
	    uname(&uts) ? "???" : uts.release, "\n");
	out("                   VS-API: ",
	    version == -1 ? "???" : hex32((uint32_t)version, hex), "\n");
	out("                      VCI: ",
	    vci == -1 ? "???" : hex32((uint32_t)vci, hex), "\n");
	out("                  vserver: " VSERVER_UTIL_VERSION "\n");
	print_features();
	return EXIT_SUCCESS;
}

static bool parse_xid(const char *s, uint32_t *xid)
{
	unsigned long long value;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	value = strtoull(s, &end, 10);
	if (errno || *end || value > UINT32_MAX)
		return false;
	*xid = (uint32_t)value;
	return true;
}

/* With arguments, answer only if the class is one of them (a test). */
static int query_xidtype(const struct query *q)
{
	const char *type;
	uint32_t xid;
	int i;

	if (!parse_xid(q->id, &xid))
		die(EXIT_FAILURE, "'", q->id, "': not a context id");
	type = vc_xid_type_name(vc_xid_type(xid));
	for (i = 0; i < q->argc && strcasecmp(q->argv[i], type); i++)
		;
	if (q->argc && i == q->argc)
		return EXIT_FAILURE;
	out(type, "\n");
	return EXIT_SUCCESS;
}

static const struct tag tags[] = {
	{ "APIVER", "", "print the API version word, e.g. 0x00020309",
	  query_apiver },
	{ "VCI", "", "print the kernel configuration word", query_vci },
	{ "FEATURE", "<name>", "exit 0 if the kernel has the feature, else 1",
	  query_feature },
	{ "SYSINFO", "", "print kernel, API and tool versions and features",
	  query_sysinfo },
	{ "XIDTYPE", "[<type>...]",
	  "print main, watch, static, dynamic or invalid for <xid>",
	  query_xidtype },
};

static const struct tag *find_tag(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tags); i++)
		if (!strcmp(tags[i].name, name))
			return &tags[i];
	return NULL;
}

static noreturn void list_tags(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tags); i++)
		out(tags[i].name, "\n");
	exit(EXIT_SUCCESS);
}

static noreturn void usage(void)
{
	static const char spaces[] = "                    ";
	unsigned int i;

	out("Usage:\n",
	    " ", tool_name, " [options]\n",
	    " ", tool_name, " [options] <xid>|- <tag> [<argument>...]\n",
	    "\n",
	    "Show the kernel's vserver API version and configuration, or\n",
	    "answer one query about the kernel or a context.\n",
	    "\n",
	    "Options:\n",
	    " -q, --quiet     print nothing; only the exit status answers\n",
	    " -l, --list      list the tags and exit\n",
	    " -h, --help      display this help and exit\n",
	    " -V, --version   display version and exit\n",
	    "\n",
	    "Tags:\n");
	for (i = 0; i < ARRAY_SIZE(tags); i++) {
		size_t len = strlen(tags[i].name) + 1 + strlen(tags[i].args);

		out(" ", tags[i].name, " ", tags[i].args,
		    spaces + (len < sizeof(spaces) ? len : sizeof(spaces) - 1),
		    tags[i].help, "\n");
	}
	out("\nSee vserver-info(8).\n");
	exit(EXIT_SUCCESS);
}

static noreturn void unknown_tag(const char *name)
{
	warnmsg("unknown tag '", name, "'");
	write_strs(STDERR_FILENO, "Try '", tool_name,
		   " -l' for the list of tags.\n", (char *)NULL);
	exit(EXIT_USAGE);
}

/* -q: answers go nowhere, as with util-vserver's vserver-info. */
static void silence_stdout(void)
{
	int fd = open("/dev/null", O_WRONLY);

	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		die(EXIT_FAILURE, "cannot open /dev/null: ", strerror(errno));
	close(fd);
}

/* argv: <xid>|- <TAG> [args] */
static int query(int argc, char *argv[], bool quiet)
{
	const struct tag *tag;

	if (argc < 2) {
		warnmsg("no tag given after '", argv[0], "'");
		errtryhelp(EXIT_USAGE);
	}
	tag = find_tag(argv[1]);
	if (!tag)
		unknown_tag(argv[1]);
	if (quiet)
		silence_stdout();
	return tag->run(&(struct query){ argv[0], argc - 2, argv + 2 });
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	bool quiet = false;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+qlhV", longopts,
				      usage, EXIT_USAGE);

		if (c == -1)
			break;
		switch (c) {
		case 'q':
			quiet = true;
			break;
		case 'l':
			list_tags();
		}
	}
	if (optind < argc)
		return query(argc - optind, argv + optind, quiet);
	if (quiet)
		silence_stdout();
	return report();
}
