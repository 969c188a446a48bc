// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vserver stop - bring a guest down (util-vserver.md §1.4)
 *
 * Holding the guest's lock: pre-stop; the init style's stop (cmd.stop if
 * given, else SIGINT to the guest's init, which is what a ctrl-alt-del
 * asks of it: sysv's init, vinit.c, runs "/etc/init.d/rc <runlevel.stop>"
 * and halts); up to 10 seconds (sysv: 30) for the guest to end by itself;
 * then the kill sequence
 * (apps/init/killseq, default "15 5 9": SIGTERM, 5 seconds, SIGKILL) to
 * every process of the context; then the host side is cleaned up: the
 * addresses, the cgroup, the run file.  The run file goes last, so that
 * the monitor left by start, which wakes when the context ends, sees that
 * the end was asked for and does not restart the guest.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "frontend.h"

void guest_cleanup(const struct guest *g)
{
	char cg[VS_PATH_MAX];
	int i;

	ifaces_del(g, g->niface);
	guest_cgroup(g, cg, sizeof(cg));
	for (i = 0; i < 50 && cgroup_remove_tree(cg) && errno == EBUSY;
	     i++)
		usleep(100000);
	unlink(g->runfile);
}

/* Runs cmd.stop in the guest; the kill sequence follows in 30 s. */
static void run_stop_command(struct guest *g)
{
	pid_t pid = fork();
	int i;

	if (pid < 0)
		return;
	if (!pid) {
		char rl[64], prev[64];
		char *env[] = { rl, prev, NULL };
		int null = open("/dev/null", O_RDONLY);

		/* No input; the output through guestio.c's proxy. */
		if (null >= 0 && null != 0) {
			dup2(null, 0);
			close(null);
		}
		snprintf(rl, sizeof(rl), "RUNLEVEL=%s", g->runlevel_stop);
		snprintf(prev, sizeof(prev), "PREVLEVEL=%s", g->runlevel);
		_exit(cmd_exec(g, "0", g->cmd_stop, env));
	}
	/* The stop script may hang; the kill sequence follows. */
	for (i = 0; i < 300; i++) {
		int st;
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR))
			return;
		usleep(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void stop_command(struct guest *g, uint32_t xid)
{
	int sig = g->style == INIT_SYSTEMD ? SIGRTMIN + 4 : SIGINT;

	if (g->cmd_stop[0]) {
		say(g, "running %s in the guest", g->cmd_stop[0]);
		run_stop_command(g);
		return;
	}
	/*
	 * sysv: the guest's init (vinit.c) runs the stop runlevel's scripts
	 * on the guest's console and halts; SIGINT asks it.  systemd powers
	 * off on SIGRTMIN+4 (SIGINT would reboot).
	 */
	if (g->style == INIT_SYSV)
		say(g, "asking the guest's init to run the stop runlevel %s",
		    g->runlevel_stop);
	if (vc_ctx_kill(xid, 1, sig) && errno != ESRCH)
		warnf("%s: warning: cannot signal the guest's init: %s",
		      g->name, vc_strerror(errno));
}

/* The stop of a running guest; the lock is held.  Return: exit status. */
static int do_stop(struct guest *g, uint32_t xid)
{
	const struct conf_killseq *ks = &g->killseq;
	unsigned int wait_ms;
	int i;

	say(g, "stopping (context %u)", xid);
	run_hooks(g, "pre-stop");
	stop_command(g, xid);
	/*
	 * systemd stops its units, each within 90 s by its default; a sysv
	 * guest's stop scripts run before it ends: 30 s for them.
	 */
	wait_ms = g->style == INIT_SYSTEMD ? 90000 :
		  g->style == INIT_SYSV && !g->cmd_stop[0] ? 30000 : 10000;
	if (!ctx_wait_gone(xid, wait_ms)) {
		for (i = 0; i < ks->n; i++) {
			unsigned int wait = i < ks->n - 1 ? ks->wait[i] : 5;

			say(g, "sending SIG%s to the guest's processes",
			    vc_sig2str(ks->sig[i]) ? vc_sig2str(ks->sig[i]) :
			    "?");
			vc_ctx_kill(xid, 0, ks->sig[i]);
			if (ctx_wait_gone(xid, wait * 1000))
				break;
		}
	}
	if (ctx_tasks(xid)) {
		warnf("%s: context %u is still running unexpectedly", g->name,
		      xid);
		return VS_EXIT_FAIL;
	}
	guest_cleanup(g);
	run_hooks(g, "post-stop");
	run_hooks(g, "postpost-stop");
	say(g, "stopped");
	return 0;
}

int cmd_stop(struct guest *g, int argc, char **argv)
{
	uint32_t xid;
	int lock, ret;

	(void)argv;
	if (argc > 1)
		dief(VS_EXIT_USAGE, "stop takes no arguments");
	if (guest_load(g))
		warnf("%s: warning: configuration errors; stopping with what "
		      "could be read", g->name);
	lock = guest_lock(g);
	xid = guest_running(g);
	if (!xid) {
		warnf("%s: warning: not running", g->name);
		unlink(g->runfile);
		close(lock);
		return 0;
	}
	ret = do_stop(g, xid);
	close(lock);
	return ret;
}
