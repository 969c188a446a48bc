// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * attrtool.c - the shared body of vattribute(8) and nattribute(8)
 *
 * Both change or print words of flags and capabilities of one context
 * (a process context or a network context) and then run a command.  They
 * differ only in their table (struct attr_tool): which words, the option
 * that names the context, how "self" is resolved and what --secure sets.
 */

#include <errno.h>
#include <string.h>

#include "common.h"

#define EXIT_USAGE	255

enum {
	OPT_ID = 0x100,
	OPT_SET,
	OPT_GET,
	OPT_SECURE,
	OPT_WORD,	/* OPT_WORD + i: the lists of words[i] */
};

static void attr_options(const struct attr_tool *t, struct option *o)
{
	static const struct option fixed[] = {
		{ "set", no_argument, NULL, OPT_SET },
		{ "get", no_argument, NULL, OPT_GET },
		{ "secure", no_argument, NULL, OPT_SECURE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
	};
	int i, n = 0;

	o[n++] = (struct option){ t->id_option, required_argument, NULL, OPT_ID };
	for (i = 0; i < t->nwords; i++)
		o[n++] = (struct option){ t->words[i].option,
					  required_argument, NULL,
					  OPT_WORD + i };
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++)
		o[n++] = fixed[i];
	o[n] = (struct option){ NULL, 0, NULL, 0 };
}

int attr_tool_main(const struct attr_tool *t, int argc, char *argv[])
{
	struct option longopts[ATTR_MAX_WORDS + 7];
	uint32_t id = t->self;
	char name[VC_FMT_BUFSZ];
	bool get = false, changes = false;

	attr_options(t, longopts);
	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+hV", longopts, t->usage,
				      EXIT_USAGE);

		if (c == -1)
			break;
		if (c >= OPT_WORD && c < OPT_WORD + t->nwords) {
			word_add_list(&t->words[c - OPT_WORD], optarg);
			changes = true;
			continue;
		}
		switch (c) {
		case OPT_ID:
			id = t->parse_id(optarg);
			break;
		case OPT_SET:
			get = false;
			break;
		case OPT_GET:
			get = true;
			break;
		case OPT_SECURE:
			t->secure(t->words);
			changes = true;
			break;
		}
	}
	if (get && changes)
		usage_error(EXIT_FAILURE, "--get takes no changes");

	/* Keep asking for "self": a guest may only name its own. */
	vc_fmt_uint(name, id == t->self ? t->self_id() : id, 10, 0);
	if (get)
		words_print(t->words, t->nwords, id, t->kind, name);
	else
		words_set(t->words, t->nwords, id, t->kind, name);
	if (optind < argc)
		exec_command(argv + optind);
	return EXIT_SUCCESS;
}
