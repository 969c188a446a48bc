/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vserver - the safe default limits build writes into a new guest's
 * rlimits/, and the warning at start for a guest without limits
 */

#ifndef _VSERVER_DEFAULTS_H
#define _VSERVER_DEFAULTS_H

#include "frontend.h"

/**
 * defaults_limit_option - build's --limit <name>=<value>
 * @spec: the option's argument; <value> as in rlimits/ files, or "inf"
 *
 * Return: 0, or -1 after a message on standard error (a usage error).
 */
int defaults_limit_option(const char *spec);

/**
 * defaults_write_rlimits - write the default limits of a new guest
 * @g: the guest; its configuration directory exists
 *
 * Each limit the kernel supports gets rlimits/<name>: a --limit
 * value, else <confdir>/.defaults/rlimits/<name> (or <name>.hard), else a
 * value sized from the host.  Each is printed.
 *
 * Return: 0, or -1 after a message.
 */
int defaults_write_rlimits(const struct guest *g);

/**
 * defaults_warn_unlimited - warn when a guest starts without any limit
 * @g: the loaded guest
 */
void defaults_warn_unlimited(const struct guest *g);

#endif /* _VSERVER_DEFAULTS_H */
