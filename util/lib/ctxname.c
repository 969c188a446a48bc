// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - the name vserver-stat and vps show for a context
 *
 * The vserver front end stores the guest's configuration directory as the
 * context name (util-vserver.md §3.8, §3.12); the guest's display name is
 * then its "name" file or the directory's name, as with util-vserver's
 * vc_getVserverName().  Other names are shown as they are.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "vserver.h"

/* Copies @len bytes of @s into @buf, cut to @size. */
static char *copy_cut(char *buf, size_t size, const char *s, size_t len)
{
	if (!size)
		return buf;
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

/* The first line of <dir>/name, if there is one; @dir ends without '/'. */
static bool read_name_file(const char *dir, size_t dirlen, char *buf,
			   size_t size)
{
	char path[VC_VHI_NAME_MAX + sizeof("/name")];
	char line[VC_VHI_NAME_MAX + 1];
	ssize_t n;
	int fd;

	memcpy(path, dir, dirlen);
	memcpy(path + dirlen, "/name", sizeof("/name"));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	do
		n = read(fd, line, sizeof(line) - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n <= 0)
		return false;
	line[n] = '\0';
	copy_cut(buf, size, line, strcspn(line, "\n"));
	return buf[0] != '\0';
}

char *vc_cfgdir_name(const char *context, char *buf, size_t size)
{
	size_t len = strlen(context);
	const char *base;
	int saved = errno;

	if (context[0] != '/' || len > VC_VHI_NAME_MAX)
		return copy_cut(buf, size, context, len);
	while (len > 1 && context[len - 1] == '/')
		len--;
	if (read_name_file(context, len, buf, size)) {
		errno = saved;
		return buf;
	}
	errno = saved;
	for (base = context + len; base > context && base[-1] != '/'; base--)
		;
	return copy_cut(buf, size, base, (size_t)(context + len - base));
}

int vc_ctx_name(uint32_t xid, char *buf, size_t size)
{
	char context[VC_VHI_NAME_MAX + 1];

	if (vc_get_vhi_name(xid, VHIN_CONTEXT, context, sizeof(context)) == -1)
		return -1;
	vc_cfgdir_name(context, buf, size);
	return 0;
}
