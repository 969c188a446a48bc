// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The vshelper: a host program told about guest events
 *
 * /proc/sys/kernel/vshelper holds the path of a host program (util-vserver
 * installs its "vshelper" script there).  When it is set, the kernel runs
 * it, as the host's root in the host's namespaces, with
 *
 *   argv: <path> <action> <id>
 *   envp: HOME=/ TERM=linux PATH=/sbin:/usr/sbin:/bin:/usr/bin
 *         VS_UID=<uid> VS_PID=<pid> VS_CMD=<8 hex digits>
 *
 * for these events:
 *
 *   restart, restart2, halt, poweroff:  reboot(2) in a guest
 *       (VS_CMD = the LINUX_REBOOT_CMD_*, VS_UID/VS_PID = the caller);
 *       the helper is started and not waited for;
 *   startup:  a context is created with VXF_SC_HELPER (VS_CMD 1); the
 *       creation waits for the helper and fails if it fails;
 *   shutdown: a context with VXF_SC_HELPER is gone (VS_CMD 2);
 *   netup:    a network context is created with NXF_SC_HELPER (VS_CMD 3),
 *       waited for like startup;
 *   netdown:  a network context with NXF_SC_HELPER is gone (VS_CMD 4).
 *
 * shutdown and netdown are started and not waited for: the last task of
 * a guest does not wait in its exit for a host program.  With the sysctl
 * empty (the default) no helper runs and nothing else changes.
 */

#include "common.h"

#include <linux/cred.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/umh.h>
#include <linux/uidgid.h>

#include "helper.h"

#define VSHELPER_PATH_MAX	256

/* The path; written by the sysctl, read by vs_helper_path(). */
static char vshelper_path[VSHELPER_PATH_MAX];
static DEFINE_MUTEX(vshelper_lock);

static int vshelper_sysctl(const struct ctl_table *table, int write,
			   void *buffer, size_t *lenp, loff_t *ppos)
{
	int ret;

	mutex_lock(&vshelper_lock);
	ret = proc_dostring(table, write, buffer, lenp, ppos);
	mutex_unlock(&vshelper_lock);
	return ret;
}

static struct ctl_table vshelper_table[] = {
	{
		.procname	= "vshelper",
		.data		= vshelper_path,
		.maxlen		= VSHELPER_PATH_MAX,
		.mode		= 0644,
		.proc_handler	= vshelper_sysctl,
	},
};

static int __init vshelper_sysctl_init(void)
{
	if (!register_sysctl("kernel", vshelper_table))
		pr_err("cannot register kernel.vshelper\n");
	return 0;
}
late_initcall(vshelper_sysctl_init);

/* Copies the path into @buf; false if it is empty. */
static bool vs_helper_path(char *buf)
{
	mutex_lock(&vshelper_lock);
	strscpy(buf, vshelper_path, VSHELPER_PATH_MAX);
	mutex_unlock(&vshelper_lock);
	return buf[0] != '\0';
}

static int vs_helper_run(const char *action, u32 id, u32 cmd, bool wait)
{
	char path[VSHELPER_PATH_MAX];
	char id_buf[16], uid_buf[24], pid_buf[24], cmd_buf[24];
	char *argv[4], *envp[7];
	int ret;

	if (!vs_helper_path(path))
		return 0;
	argv[0] = path;
	argv[1] = (char *)action;
	argv[2] = id_buf;
	argv[3] = NULL;
	envp[0] = "HOME=/";
	envp[1] = "TERM=linux";
	envp[2] = "PATH=/sbin:/usr/sbin:/bin:/usr/bin";
	envp[3] = uid_buf;
	envp[4] = pid_buf;
	envp[5] = cmd_buf;
	envp[6] = NULL;
	snprintf(id_buf, sizeof(id_buf), "%u", id);
	snprintf(uid_buf, sizeof(uid_buf), "VS_UID=%u",
		 from_kuid(&init_user_ns, current_uid()));
	snprintf(pid_buf, sizeof(pid_buf), "VS_PID=%d", task_pid_nr(current));
	snprintf(cmd_buf, sizeof(cmd_buf), "VS_CMD=%08x", cmd);
	ret = call_usermodehelper(path, argv, envp,
				  wait ? UMH_WAIT_PROC : UMH_WAIT_EXEC);
	if (ret)
		pr_info_ratelimited("vshelper %s %s %u: error %d\n", path,
				    action, id, ret);
	return ret;
}

/**
 * vs_helper_reboot - Tell the vshelper about reboot(2) in a guest
 * @xid: The guest's context id.
 * @cmd: The LINUX_REBOOT_CMD_* command.
 *
 * Return: 0 if no helper is configured, the command is not one the
 * helper is told about, or the helper was started; -EPERM if it could
 * not be started (as in vs2.3).
 */
int vs_helper_reboot(u32 xid, unsigned int cmd)
{
	const char *action;

	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
		action = "restart";
		break;
	case LINUX_REBOOT_CMD_RESTART2:
		action = "restart2";
		break;
	case LINUX_REBOOT_CMD_HALT:
		action = "halt";
		break;
	case LINUX_REBOOT_CMD_POWER_OFF:
		action = "poweroff";
		break;
	default:
		return 0;
	}
	return vs_helper_run(action, xid, cmd, false) ? -EPERM : 0;
}

/**
 * vs_helper_state - Tell the vshelper about a context state change
 * @event: VS_HELPER_STARTUP, _SHUTDOWN, _NETUP or _NETDOWN.
 * @id: The context or network context id.
 *
 * Waits for the helper for VS_HELPER_STARTUP and VS_HELPER_NETUP only.
 *
 * Return: 0 if no helper is configured or it succeeded (or was started,
 * for the events not waited for); -ENOEXEC if it failed (as in vs2.3).
 */
int vs_helper_state(enum vs_helper_event event, u32 id)
{
	static const char *const actions[] = {
		[VS_HELPER_STARTUP] = "startup",
		[VS_HELPER_SHUTDOWN] = "shutdown",
		[VS_HELPER_NETUP] = "netup",
		[VS_HELPER_NETDOWN] = "netdown",
	};
	const bool wait = event == VS_HELPER_STARTUP ||
			  event == VS_HELPER_NETUP;

	if (event < VS_HELPER_STARTUP || event > VS_HELPER_NETDOWN)
		return -EINVAL;
	return vs_helper_run(actions[event], id, event, wait) ? -ENOEXEC : 0;
}
