// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The guest's host identity (vhi names)
 *
 * The CONTEXT name is the context's own; the uname fields are those of
 * the UTS namespace stored in space 0, so setting them changes what the
 * guest's uname(2) shows.  sethostname(2) in a guest is the subject of
 * vserver_check_utsname().
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/rwsem.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/vserver.h>
#include <uapi/linux/vserver/context_cmd.h>

#include "context.h"
#include "space.h"
#include "task.h"
#include "uts.h"

static char *uts_field(struct uts_namespace *uts, u32 field)
{
	switch (field) {
	case VHIN_SYSNAME:
		return uts->name.sysname;
	case VHIN_NODENAME:
		return uts->name.nodename;
	case VHIN_RELEASE:
		return uts->name.release;
	case VHIN_VERSION:
		return uts->name.version;
	case VHIN_MACHINE:
		return uts->name.machine;
	case VHIN_DOMAINNAME:
		return uts->name.domainname;
	}
	return NULL;
}

/**
 * vx_get_vhi_name - Read a name of a context
 * @vxi: The context.
 * @field: enum vhi_name_field.
 * @name: Receives the NUL-terminated name.
 *
 * Return: 0, or -EINVAL for a bad @field or, for a uname field, a context
 * without a stored UTS namespace.
 */
int vx_get_vhi_name(struct vx_info *vxi, u32 field,
		    char name[__NEW_UTS_LEN + 1])
{
	struct uts_namespace *uts;
	char *src;

	if (field == VHIN_CONTEXT) {
		spin_lock(&vxi->core.lock);
		strscpy(name, vxi->name, __NEW_UTS_LEN + 1);
		spin_unlock(&vxi->core.lock);
		return 0;
	}
	uts = vx_space_get_uts(vxi);
	if (!uts)
		return -EINVAL;
	src = uts_field(uts, field);
	if (src) {
		down_read(&uts_sem);
		strscpy(name, src, __NEW_UTS_LEN + 1);
		up_read(&uts_sem);
	}
	put_uts_ns(uts);
	return src ? 0 : -EINVAL;
}

/**
 * vx_set_vhi_name - Change a name of a context
 * @vxi: The context.
 * @field: enum vhi_name_field.
 * @name: The new name, NUL-terminated within __NEW_UTS_LEN + 1 bytes.
 *
 * Return: 0, or -EINVAL as for vx_get_vhi_name().
 */
int vx_set_vhi_name(struct vx_info *vxi, u32 field,
		    const char name[__NEW_UTS_LEN + 1])
{
	struct uts_namespace *uts;
	char *dst;

	if (field == VHIN_CONTEXT) {
		spin_lock(&vxi->core.lock);
		strscpy(vxi->name, name, sizeof(vxi->name));
		spin_unlock(&vxi->core.lock);
		return 0;
	}
	uts = vx_space_get_uts(vxi);
	if (!uts)
		return -EINVAL;
	dst = uts_field(uts, field);
	if (dst) {
		down_write(&uts_sem);
		strscpy_pad(dst, name, __NEW_UTS_LEN + 1);
		up_write(&uts_sem);
	}
	put_uts_ns(uts);
	return dst ? 0 : -EINVAL;
}

/**
 * vserver_check_utsname - May the caller set its host or domain name?
 *
 * Called by sethostname(2) and setdomainname(2) before their capability
 * check.  A guest may set the names only with the context capability
 * SET_UTSNAME, only as root, and only in a UTS namespace of its own,
 * never the host's; it then needs no CAP_SYS_ADMIN.
 *
 * Return: 0 outside a guest (the usual check applies), 1 if the guest
 * may, -EPERM if it may not.
 */
int vserver_check_utsname(void)
{
	const struct vx_info *vxi = current_vx();

	if (!vxi)
		return current_xid() == VX_WATCH_ID ? -EPERM : 0;
	if (!(READ_ONCE(vxi->ccaps) & VXC_SET_UTSNAME) ||
	    !uid_eq(current_euid(), GLOBAL_ROOT_UID) ||
	    current->nsproxy->uts_ns == &init_uts_ns)
		return -EPERM;
	return 1;
}
EXPORT_SYMBOL_GPL(vserver_check_utsname);
