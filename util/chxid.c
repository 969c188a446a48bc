// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * chxid(8) - change the tag of files: their project id, which charges
 * them to that guest's disk limit (set_iattr with IATTR_TAG)
 *
 *   chxid -c <ctx|guest> [-R] [-x] [-U] <file>...
 *
 * The tag is a context id or the name of a guest (its configuration
 * directory's context file).  Symbolic links are not followed; device
 * nodes, FIFOs, sockets and symbolic links keep their tag (a file
 * system gives them no project from user space).  -R changes whole
 * trees, -x stays on the file system of each file named.  -U (skip
 * unified files) is accepted: this kernel unifies no files.
 *
 * Exit status (util-vserver's): 0; 1 for a bad option; 255 for any
 * other error (a bad tag, a file that could not be changed).
 */

#include <errno.h>
#include <string.h>

#include "common.h"
#include "fswalk.h"
#include "vserver.h"

#define EXIT_ERROR	255

static noreturn void usage(void)
{
	out("Usage:\n",
	    " ", tool_name, " -c <ctx|guest> [-RxU] <file>...\n",
	    "\n",
	    "Change the tag of files: their project id, which charges them\n",
	    "to that context's disk limit (ext4, XFS).\n",
	    "\n",
	    "Options:\n",
	    " -c, --ctx <ctx|guest>  the tag: a context id or a guest's name\n",
	    " -R, --recursive        change directories and their contents\n",
	    " -x, --xdev             do not cross file systems with -R\n",
	    " -U, --skip-unified     skip unified files (there are none)\n",
	    " -h, --help             display this help and exit\n",
	    " -V, --version          display version and exit\n",
	    "\n",
	    "See chxid(8).\n");
	exit(EXIT_SUCCESS);
}

/* The context of guest @name: <confdir>/<name>/context. */
static bool guest_ctx(const char *name, uint32_t *xid)
{
	const char *dir = getenv("VSERVER_CONFDIR");
	char path[4096], buf[32];

	if (!dir || !*dir)
		dir = "/etc/vservers";
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") ||
	    strlen(dir) + strlen(name) + sizeof("//context") > sizeof(path))
		return false;
	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
	strcat(path, "/context");
	if (read_value_file(path, buf, sizeof(buf), EXIT_ERROR) != VALUE_READ)
		return false;
	return !vc_parse_xid(buf, xid) && *xid != VC_XID_SELF;
}

static uint32_t parse_tag(const char *arg)
{
	uint64_t n;
	uint32_t xid;

	if (parse_uint(arg, 65535, &n))
		return (uint32_t)n;
	if (guest_ctx(arg, &xid) && xid <= 65535)
		return xid;
	usage_error(EXIT_ERROR, "invalid context or unknown guest '", arg,
		    "'");
}

static int change(const struct fswalk *w, const char *path,
		  const struct stat *st)
{
	const uint32_t *tag = w->data;

	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		return 0;
	if (!vc_set_iattr(path, *tag, IATTR_TAG, IATTR_TAG))
		return 0;
	if (errno == ENOSYS)
		die_err(EXIT_ERROR, errno, "cannot change the tag of '", path,
			"'");
	warnmsg("cannot change the tag of '", path, "': ", errno == EINVAL ?
		"the file system keeps no tags (project ids)" :
		vc_strerror(errno));
	return -1;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "ctx", required_argument, NULL, 'c' },
		{ "recursive", no_argument, NULL, 'R' },
		{ "xdev", no_argument, NULL, 'x' },
		{ "skip-unified", no_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fswalk w = { .visit = change, .all = true };
	uint32_t tag = 0;
	bool have_tag = false;
	int i, failed = 0;

	tool_init(argv[0]);
	for (;;) {
		int c = tool_next_opt(argc, argv, "+c:RxUhV", longopts, usage,
				      EXIT_FAILURE);

		if (c == -1)
			break;
		switch (c) {
		case 'c':
			tag = parse_tag(optarg);
			have_tag = true;
			break;
		case 'R':
			w.recursive = true;
			break;
		case 'x':
			w.xdev = true;
			break;
		case 'U':
			break;
		}
	}
	if (!have_tag)
		usage_error(EXIT_ERROR, "no tag: give -c <ctx|guest>");
	if (optind == argc)
		usage_error(EXIT_ERROR, "no file");
	w.data = &tag;
	for (i = optind; i < argc; i++)
		failed |= fswalk_path(&w, argv[i], true);
	return failed ? EXIT_ERROR : EXIT_SUCCESS;
}
