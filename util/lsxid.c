// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lsxid(8) - list the tag of files: their project id (get_iattr)
 *
 *   lsxid [-Radnx] [<file>...]
 *
 * One line per file: the tag right-aligned in 5 columns (or the name
 * of the guest of that context, unless -n), a blank, the path.  A file
 * on a file system that keeps no tags shows "-".  As ls(1): a directory
 * named lists its entries (itself with -d), names starting with '.' only
 * with -a, -R goes down the trees, -x stays on one file system; no file
 * is ".".
 *
 * Exit status (util-vserver's): 0; 1 for a bad option; 255 for any
 * other error (a file that could not be read).
 */

#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "common.h"
#include "fswalk.h"
#include "vserver.h"

#define EXIT_ERROR	255

struct opts {
	bool numeric;
	/* The last name looked up. */
	uint32_t cached;
	char name[64];
};

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " [-Radnx] [<file>...]\n",
	    "\n",
	    "List the tag of files: their project id (ext4, XFS).\n",
	    "\n",
	    "Options:\n",
	    " -R, --recursive   list directories' contents recursively\n",
	    " -a, --all         list names starting with '.' too\n",
	    " -d, --directory   list directories themselves\n",
	    " -n, --numeric     tags as numbers, not guest names\n",
	    " -x, --xdev        do not cross file systems with -R\n",
	    " -h, --help        display this help and exit\n",
	    " -V, --version     display version and exit\n",
	    "\n",
	    "See lsxid(8).\n");
	exit(EXIT_SUCCESS);
}

/*
 * The name of the guest whose configuration has context @tag, or "";
 * the guests are <confdir>/<name>/context.
 */
static const char *guest_name(struct opts *o, uint32_t tag)
{
	const char *dir = getenv("VSERVER_CONFDIR");
	char path[4096], buf[32];
	struct dirent *e;
	uint32_t xid;
	DIR *d;

	if (tag == o->cached)
		return o->name;
	o->cached = tag;
	o->name[0] = '\0';
	if (!dir || !*dir)
		dir = "/etc/vservers";
	d = opendir(dir);
	if (!d)
		return o->name;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' ||
		    strlen(dir) + strlen(e->d_name) + sizeof("//context") >
		    sizeof(path) || strlen(e->d_name) >= sizeof(o->name))
			continue;
		strcpy(path, dir);
		strcat(path, "/");
		strcat(path, e->d_name);
		strcat(path, "/context");
		if (read_value_file(path, buf, sizeof(buf), EXIT_ERROR) ==
		    VALUE_READ && !vc_parse_xid(buf, &xid) && xid == tag) {
			strcpy(o->name, e->d_name);
			break;
		}
	}
	closedir(d);
	return o->name;
}

static int show(const struct fswalk *w, const char *path,
		const struct stat *st)
{
	struct opts *o = w->data;
	char num[VC_FMT_BUFSZ], col[8];
	uint32_t tag, mask;
	const char *t;
	size_t len;

	(void)st;
	if (vc_get_iattr(path, &tag, NULL, &mask)) {
		if (errno == ENOSYS)
			die_err(EXIT_ERROR, errno, "cannot read the tag of '",
				path, "'");
		warnmsg("cannot read the tag of '", path, "': ",
			vc_strerror(errno));
		return -1;
	}
	if (!(mask & IATTR_TAG))
		t = "-";
	else if (!o->numeric && tag && *guest_name(o, tag))
		t = o->name;
	else
		t = vc_fmt_uint(num, tag, 10, 0);
	len = strlen(t);
	memset(col, ' ', sizeof(col));
	col[len < 5 ? 5 - len : 0] = '\0';
	out(col, t, " ", path, "\n");
	return 0;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "recursive", no_argument, NULL, 'R' },
		{ "all", no_argument, NULL, 'a' },
		{ "directory", no_argument, NULL, 'd' },
		{ "numeric", no_argument, NULL, 'n' },
		{ "xdev", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { .cached = UINT32_MAX };
	struct fswalk w = { .visit = show, .data = &o };
	bool self = false;
	int i, failed = 0;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+RadnxhV", longopts, usage,
				      EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case 'R':
			w.recursive = true;
			break;
		case 'a':
			w.all = true;
			break;
		case 'd':
			self = true;
			break;
		case 'n':
			o.numeric = true;
			break;
		case 'x':
			w.xdev = true;
			break;
		}
	}
	if (optind == argc)
		return fswalk_path(&w, ".", self) ? EXIT_ERROR : EXIT_SUCCESS;
	for (i = optind; i < argc; i++)
		failed |= fswalk_path(&w, argv[i], self);
	return failed ? EXIT_ERROR : EXIT_SUCCESS;
}
