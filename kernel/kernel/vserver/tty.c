// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - Terminals that are not the guest's own
 *
 * A task of a guest may end up holding a terminal of the host: a careless
 * admin's tool hands its own terminal in, or a device node of the host's
 * console is left in the guest's root.  Whatever it holds, a task of a
 * guest cannot act on the host through a terminal that is not the guest's
 * own:
 *
 * - the ioctls that act beyond the terminal's own input and output are
 *   refused with EPERM: TIOCSTI (push input, i.e. type commands into the
 *   admin's shell), TIOCLINUX, TIOCCONS (take the console output),
 *   TIOCSETD (change the line discipline), TIOCVHANGUP, and every KD*,
 *   PIO_* and VT_* ioctl (ioctl types 'K' and 'V' on a terminal: keymaps,
 *   fonts, keyboard and display modes, console switching);
 * - vhangup() is refused when the caller's controlling terminal is not the
 *   guest's own: it goes through capable(CAP_SYS_TTY_CONFIG), which the
 *   bounding-set hook asks vx_tty_config_denied() about;
 * - the host's console devices cannot be opened at all: /dev/console (5:1),
 *   the virtual consoles /dev/tty0../dev/tty63 (4:0..63) and the console
 *   memory devices /dev/vcs* (7:*).  A guest's /dev/console is a terminal
 *   the tools give it (vserver(8)).
 *
 * A terminal is the guest's own when it is a pseudo-terminal (either end
 * of a Unix 98 pty) whose master was opened by a task of the guest: the
 * master of such a pty is opened exactly once, through ptmx, and that file
 * is the first and only one on the master's list of openers; the context
 * it was opened in is kept in the file's security blob (limit.c charges
 * it there).  The tools open the ptys they give a guest (vserver exec,
 * enter, the guest's console) from inside the guest for this reason.  No
 * other terminal is: not the host's ptys, serial lines or consoles.
 *
 * Locking: the master's list of openers is read under its files_lock; the
 * caller holds a reference to the terminal (through its open file, or
 * get_current_tty()), which keeps the pair (tty->link) alive.
 */

#include "common.h"

#include <linux/fs.h>
#include <linux/kd.h>
#include <linux/lsm_hooks.h>
#include <linux/major.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/vt.h>

#include "../../drivers/tty/tty.h"

#include "lsm.h"
#include "task.h"
#include "tty.h"

/* The context a file was opened in (the blob limit.c fills in). */
static struct vx_info *file_opener(const struct file *file)
{
	return *(struct vx_info **)(file->f_security +
				    vserver_blob_sizes.lbs_file);
}

/**
 * vx_tty_own - Whether a terminal is a context's own
 * @tty: The terminal; the caller holds a reference.
 * @vxi: The context.
 *
 * Return: true if @tty is a Unix 98 pty whose master was opened in @vxi.
 */
static bool vx_tty_own(struct tty_struct *tty, const struct vx_info *vxi)
{
	struct tty_file_private *priv;
	struct tty_struct *master;
	bool own = false;

	if (tty->driver->type != TTY_DRIVER_TYPE_PTY ||
	    !(tty->driver->flags & TTY_DRIVER_DEVPTS_MEM))
		return false;
	master = tty->driver->subtype == PTY_TYPE_MASTER ? tty : tty->link;
	if (!master)
		return false;
	spin_lock(&master->files_lock);
	priv = list_first_entry_or_null(&master->tty_files,
					struct tty_file_private, list);
	if (priv && priv->file->f_security && file_opener(priv->file) == vxi)
		own = true;
	spin_unlock(&master->files_lock);
	return own;
}

/* The ioctls that reach beyond a terminal's own input and output. */
static bool tty_cmd_guarded(unsigned int cmd)
{
	switch (cmd) {
	case TIOCSTI:
	case TIOCLINUX:
	case TIOCCONS:
	case TIOCSETD:
	case TIOCVHANGUP:
		return true;
	}
	/* KD*, PIO_*, GIO_* and VT_*: the console's own ioctls. */
	return _IOC_TYPE(cmd) == 'K' || _IOC_TYPE(cmd) == 'V';
}

static int tty_ioctl_check(struct file *file, unsigned int cmd)
{
	struct vx_info *vxi = current_vx();
	struct tty_file_private *priv;

	if (!vxi || !tty_cmd_guarded(cmd))
		return 0;
	/* Only terminals: other drivers use the same ioctl numbers. */
	if (!file->f_op || file->f_op->unlocked_ioctl != tty_ioctl)
		return 0;
	priv = file->private_data;
	if (!priv || !priv->tty || vx_tty_own(priv->tty, vxi))
		return 0;
	return -EPERM;
}

static int hook_file_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	return tty_ioctl_check(file, cmd);
}

static int hook_file_ioctl_compat(struct file *file, unsigned int cmd,
				  unsigned long arg)
{
	return tty_ioctl_check(file, cmd);
}

/**
 * vx_tty_config_denied - Whether capable(CAP_SYS_TTY_CONFIG) is refused
 *
 * vhangup() hangs up the caller's controlling terminal after this check:
 * a task of a guest whose controlling terminal is not the guest's own may
 * not.  Called by the bounding-set hook, in process context.
 *
 * Return: true to refuse the capability.
 */
bool vx_tty_config_denied(void)
{
	struct vx_info *vxi = current_vx();
	struct tty_struct *tty;
	bool denied;

	if (!vxi)
		return false;
	tty = get_current_tty();
	if (!tty)
		return false;
	denied = !vx_tty_own(tty, vxi);
	tty_kref_put(tty);
	return denied;
}

/**
 * vx_tty_open_denied - Whether a guest may not open a device
 * @file: The file being opened.
 *
 * Called by the file_open hook for every open of a task of a guest.
 *
 * Return: true for the host's console devices: /dev/console, the virtual
 * consoles and their memory devices.
 */
bool vx_tty_open_denied(const struct file *file)
{
	const struct inode *inode = file_inode(file);
	unsigned int major, minor;

	if (!S_ISCHR(inode->i_mode) || !current_vx())
		return false;
	major = imajor(inode);
	minor = iminor(inode);
	return (major == TTYAUX_MAJOR && minor == 1) ||
	       (major == TTY_MAJOR && minor <= MAX_NR_CONSOLES) ||
	       major == VCS_MAJOR;
}

static struct security_hook_list vserver_tty_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_ioctl, hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, hook_file_ioctl_compat),
};

/**
 * vserver_add_tty_hooks - Register the hooks that guard terminals
 */
void __init vserver_add_tty_hooks(void)
{
	security_add_hooks(vserver_tty_hooks, ARRAY_SIZE(vserver_tty_hooks),
			   &vserver_lsmid);
}
