// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libvserver - signal names, for vkill
 *
 * Names as kill(1) and util-vserver's vkill take them: with or without
 * "SIG"; unlike util-vserver's vkill, in any case.  Real-time signals are
 * given by number.
 */

#include <signal.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "vserver.h"

/* The kernel's highest signal number on x86 and most architectures. */
#define SIG_MAX		64

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	/* Other names of the same signals; vc_sig2str() gives the above. */
	{ "IOT", SIGABRT }, { "CLD", SIGCHLD }, { "POLL", SIGIO },
};

int vc_str2sig(const char *str)
{
	size_t i;
	int sig = 0;

	if (*str >= '0' && *str <= '9') {
		for (i = 0; str[i]; i++) {
			if (str[i] < '0' || str[i] > '9' || i >= 2)
				return -1;
			sig = sig * 10 + (str[i] - '0');
		}
		return sig <= SIG_MAX ? sig : -1;
	}
	if (!strncasecmp(str, "SIG", 3))
		str += 3;
	for (i = 0; i < ARRAY_SIZE(signals); i++)
		if (!strcasecmp(str, signals[i].name))
			return signals[i].sig;
	return -1;
}

const char *vc_sig2str(int sig)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(signals); i++)
		if (signals[i].sig == sig)
			return signals[i].name;
	return NULL;
}
