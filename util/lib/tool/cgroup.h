/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cgroup - putting the caller in a cgroup v2 of its own before it creates
 * a context (vcontext --create --cgroup); not part of libvserver
 *
 * The kernel takes a context's memory and cpu cgroup from its creator at
 * ctx_create: the RSS limit (memory.max) and the scheduler settings
 * (cpu.max, cpu.weight) act on that cgroup, and fail with EBUSY for a
 * context created in the root cgroup.
 */

#ifndef _VSERVER_UTIL_CGROUP_H
#define _VSERVER_UTIL_CGROUP_H

#include <stddef.h>

/* Longest cgroup path taken, without the NUL. */
#define CGROUP_PATH_MAX		1023

/**
 * cgroup_path_check - check and tidy a cgroup path given by the user
 * @path: the path, e.g. "/sys/fs/cgroup/vserver/web"
 * @buf: receives it with repeated and trailing slashes removed
 * @size: size of @buf, more than %CGROUP_PATH_MAX
 *
 * Return: NULL, or why the path is refused: "is not an absolute path",
 * "holds a '.' or '..' component", "is too long", "is the root directory".
 */
const char *cgroup_path_check(const char *path, char *buf, size_t size);

/**
 * cgroup_check - find the cgroup2 file system a cgroup is to be made on
 * @dir: an absolute path checked by cgroup_path_check(), below the root of
 *       a mounted cgroup2 file system
 * @status: exit status on failure
 *
 * Changes nothing.  Exits with @status and a message naming the path if
 * @dir, or the part of it that exists, is no directory on a cgroup2 file
 * system, or is the root of one.
 */
void cgroup_check(const char *dir, int status);

/**
 * cgroup_join - make the cgroup cgroup_check() found and move into it
 * @status: exit status on failure
 *
 * Creates the cgroup and any missing parents (mkdir -p), enables the
 * memory and cpu controllers for it in the cgroup.subtree_control of each
 * cgroup above it that lacks them (in one write; not in a cgroup with
 * processes of its own but the root), ignoring what the kernel refuses,
 * and moves the caller into it (cgroup.procs).  A warning names memory or
 * cpu if the cgroup ends up without it (cgroup.controllers).  On failure
 * it removes what it created, reports the file that failed and exits with
 * @status; the controllers it enabled stay enabled.
 */
void cgroup_join(int status);

/**
 * cgroup_undo - leave the cgroup cgroup_join() moved the caller into
 *
 * Moves the caller back to the cgroup it was in and removes the
 * directories cgroup_join() created; nothing after cgroup_join() failed,
 * or before it.  Best effort, silent; works after a chroot.  May be given
 * to atexit(), so that a failed setup leaves no cgroup behind.
 */
void cgroup_undo(void);

#endif /* _VSERVER_UTIL_CGROUP_H */
