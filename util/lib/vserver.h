/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libvserver - user-space interface to the vserver(2) system call
 *
 * One system call, vserver(cmd, id, data), carries every Linux-VServer
 * command; the command words and structures are defined by the kernel's
 * uapi header <linux/vserver/switch.h>, which this header includes.  The
 * library wraps the call, decodes the version and configuration words,
 * probes features the way util-vserver's vc_isSupported() does, and
 * formats numbers without stdio so that tools linked with dietlibc stay
 * small.
 *
 * Conventions: functions that talk to the kernel return -1 and set errno on
 * failure; functions that only compute never touch errno unless stated.
 * Nothing here allocates memory or keeps global state.
 */

#ifndef _VSERVER_H
#define _VSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * <netinet/in.h> comes before the uapi headers: <linux/vserver/network_cmd.h>
 * includes <linux/in.h> and <linux/in6.h>, which define what <netinet/in.h>
 * defines.  glibc's headers allow the two in this order; other C libraries'
 * (dietlibc's) do not, so there the kernel's versions are skipped.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#ifndef __GLIBC__
#ifndef _LINUX_IN_H
#define _LINUX_IN_H
#endif
#ifndef _LINUX_IN6_H
#define _LINUX_IN6_H
#endif
#ifndef _UAPI_LINUX_IN_H
#define _UAPI_LINUX_IN_H
#endif
#ifndef _UAPI_LINUX_IN6_H
#define _UAPI_LINUX_IN6_H
#endif
#endif

#include <linux/vserver/context.h>
#include <linux/vserver/context_cmd.h>
#include <linux/vserver/dlimit_cmd.h>
#include <linux/vserver/inode_cmd.h>
#include <linux/vserver/limit.h>
#include <linux/vserver/limit_cmd.h>
#include <linux/vserver/network.h>
#include <linux/vserver/network_cmd.h>
#include <linux/vserver/sched_cmd.h>
#include <linux/vserver/space_cmd.h>
#include <linux/vserver/switch.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --- syscall.c: the raw system call --------------------------------- */

/**
 * vc_syscall - issue one vserver(2) command
 * @cmd: command word, e.g. %VCMD_get_version
 * @id: context id, pid or file descriptor, as the command defines
 * @data: pointer to the command's structure, or NULL
 *
 * Return: the kernel's non-negative result, or -1 with errno set.  A kernel
 * without vserver support, or one that does not implement @cmd, fails with
 * ENOSYS.  Works the same with glibc and dietlibc.
 */
long vc_syscall(uint32_t cmd, uint32_t id, void *data);

/**
 * vc_syscall_nr - the system call number this library uses
 *
 * Return: 236 on x86_64, 273 on i386, the C library's __NR_vserver
 * elsewhere, or -1 if the architecture has none.
 */
int vc_syscall_nr(void);

/* --- version.c: API version and configuration words ----------------- */

/**
 * vc_get_version - the kernel's vserver API version word
 *
 * High 16 bits major, then one byte minor and one byte patch level:
 * 0x00020309 is API 2.3.9.
 *
 * Return: the version word, or -1 with errno set (ENOSYS: no vserver).
 */
int vc_get_version(void);

/**
 * vc_get_vci - the kernel's configuration word
 *
 * A set of bits numbered by %VCI_KCBIT_* in <linux/vserver/switch.h>.  The
 * word is returned as an int; cast it to uint32_t.  It can never be
 * 0xffffffff (bits 1-3 are unused), so -1 is unambiguous.
 *
 * Return: the configuration word, or -1 with errno set.
 */
int vc_get_vci(void);

/* Size of a buffer that holds any vc_version_str() result. */
#define VC_VERSION_STRSZ	16

/**
 * vc_version_str - format an API version word as "major.minor.patch"
 * @version: version word, e.g. 0x00020309
 * @buf: buffer of at least %VC_VERSION_STRSZ bytes
 *
 * Return: @buf, holding e.g. "2.3.9".
 */
char *vc_version_str(uint32_t version, char *buf);

/* --- vci.c: names in the configuration word ------------------------- */

/* The tagging field of the configuration word: bits 24..26. */
#define VC_VCI_TAGGING_SHIFT	VCI_KCBIT_TAGGED
#define VC_VCI_TAGGING_MASK	(UINT32_C(7) << VC_VCI_TAGGING_SHIFT)

/**
 * vc_vci_bit_name - the name of a single-bit flag of the VCI word
 * @bit: bit number, 0..31
 *
 * Return: the name without its VCI_KCBIT_ prefix ("SPACES"), or NULL for
 * unused bits and for the bits of the tagging field.
 */
const char *vc_vci_bit_name(unsigned int bit);

/**
 * vc_vci_tagging - the filesystem tagging method in a VCI word
 * @vci: configuration word
 *
 * Return: 0 none, 1 UID16, 2 GID16, 3 ID24, 4 INTERN, 5 RUNTIME, 7 unknown.
 */
unsigned int vc_vci_tagging(uint32_t vci);

/**
 * vc_vci_tagging_name - the name of a tagging method
 * @tagging: value returned by vc_vci_tagging()
 *
 * Return: "NONE", "UID16", "GID16", "ID24", "INTERN", "RUNTIME" or
 * "UNKNOWN"; NULL for a value with no name.
 */
const char *vc_vci_tagging_name(unsigned int tagging);

/* --- feature.c: feature probing ------------------------------------- */

/*
 * Features as util-vserver names them (vserver-info - FEATURE <name>),
 * each derived from the API version and the VCI word.
 */
enum vc_feature {
	VC_FEATURE_VKILL,	/* signal a whole context */
	VC_FEATURE_IATTR,	/* inode attributes */
	VC_FEATURE_RLIMIT,	/* per-context resource limits */
	VC_FEATURE_COMPAT,	/* any vserver kernel at all */
	VC_FEATURE_MIGRATE,	/* migrate tasks into contexts */
	VC_FEATURE_NAMESPACE,	/* mount namespaces kept by contexts */
	VC_FEATURE_SCHED,	/* per-context scheduler */
	VC_FEATURE_VINFO,	/* task and context info queries */
	VC_FEATURE_VHI,		/* per-context uts names */
	VC_FEATURE_VSHELPER0,	/* the first, pre-1.0.16 vshelper */
	VC_FEATURE_VSHELPER,	/* reboot helper */
	VC_FEATURE_VWAIT,	/* wait for a context to exit */
	VC_FEATURE_VNET,	/* network contexts */
	VC_FEATURE_VSTAT,	/* vs2.1/2.2 statistics commands */
	VC_FEATURE_PPTAG,	/* persistent path tagging */
	VC_FEATURE_PIDSPACE,	/* pid namespaces */
	VC_FEATURE_SPACES,	/* namespace sets ("spaces") */
	VC_FEATURE_PERSISTENT,	/* contexts that outlive their tasks */
	VC_FEATURE_PIVOT_ROOT,	/* pivot_root inside a context */
	VC_FEATURE_MEMCG,	/* memory limits through the memory cgroup */
	VC_FEATURE_DYNAMIC,	/* dynamic context ids */
	VC_FEATURE_BME,		/* vs2.0 bind-mount extensions */
	VC_FEATURE_NR
};

/**
 * vc_feature_check - whether a kernel with these words has a feature
 * @feature: the feature
 * @version: API version word (vc_get_version())
 * @vci: configuration word (vc_get_vci())
 *
 * Pure function, for tests and for callers that read the words once.
 *
 * Return: true if supported; false otherwise and for an unknown @feature.
 */
bool vc_feature_check(enum vc_feature feature, uint32_t version, uint32_t vci);

/**
 * vc_is_supported - whether the running kernel has a feature
 * @feature: the feature
 *
 * Reads both words from the kernel; an unreadable VCI word counts as 0,
 * as in util-vserver.
 *
 * Return: true if supported; false otherwise, with errno set if the
 * kernel has no vserver support.
 */
bool vc_is_supported(enum vc_feature feature);

/**
 * vc_feature_name - the util-vserver name of a feature
 * @feature: the feature
 *
 * Return: e.g. "MIGRATE", or NULL for an unknown @feature.
 */
const char *vc_feature_name(enum vc_feature feature);

/**
 * vc_feature_by_name - look a feature up by name, ignoring case
 * @name: e.g. "migrate"
 *
 * Return: the feature, or -1 with errno set to EINVAL.
 */
int vc_feature_by_name(const char *name);

/* --- xid.c: classes of context ids ---------------------------------- */

#define VC_XID_HOST		VX_ADMIN_ID	/* the host context */
#define VC_XID_SPECTATOR	VX_WATCH_ID	/* sees every task, owns none */
#define VC_XID_DYNAMIC_MIN	VX_MIN_DYNAMIC_ID /* first id ctx_create may pick */
#define VC_XID_MAX		VX_MAX_ID	/* highest valid context id */

enum vc_xid_type {
	VC_XID_TYPE_INVALID,
	VC_XID_TYPE_HOST,	/* 0 */
	VC_XID_TYPE_SPECTATOR,	/* 1 */
	VC_XID_TYPE_STATIC,	/* 2 .. VC_XID_DYNAMIC_MIN - 1 */
	VC_XID_TYPE_DYNAMIC,	/* VC_XID_DYNAMIC_MIN .. VC_XID_MAX */
	VC_XID_TYPE_NR
};

/**
 * vc_xid_type - the class a context id belongs to
 * @xid: context id
 *
 * Return: the class; %VC_XID_TYPE_INVALID above %VC_XID_MAX.
 */
enum vc_xid_type vc_xid_type(uint32_t xid);

/**
 * vc_xid_type_name - util-vserver's name for a class of context ids
 * @type: the class
 *
 * Return: "invalid", "main", "watch", "static" or "dynamic"; NULL for an
 * unknown @type.
 */
const char *vc_xid_type_name(enum vc_xid_type type);

/* --- xid.c: parsing a context id ------------------------------------ */

/* The caller's own context, as the id of a command (the kernel's -1). */
#define VC_XID_SELF		VX_SELF_ID

/**
 * vc_parse_xid - parse a context id given on a command line
 * @str: a decimal number 0..%VC_XID_MAX, or "self"
 * @xid: receives the id, %VC_XID_SELF for "self"
 *
 * Only plain decimal digits are accepted: no sign, no blanks, no "0x".
 *
 * Return: 0, or -1 with errno set to EINVAL (not a number) or ERANGE
 * (above %VC_XID_MAX); *@xid is then unchanged.
 */
int vc_parse_xid(const char *str, uint32_t *xid);

/* --- context.c: creating, entering, signalling, waiting -------------- */

/**
 * vc_ctx_create - create a context and move the caller into it
 * @xid: the id, 2..%VC_XID_MAX, or %VC_XID_SELF (-1) for a free dynamic id
 * @flags: the initial cflags; %VXF_INIT_SET is what a new context usually
 *         starts with (in setup, with an init to come, administrable)
 *
 * Uses ctx_create v1.  The caller is in the new context when this returns;
 * the context goes away with its last task unless it is persistent.
 *
 * Return: the new context's id, or -1 with errno set: EINVAL (bad @xid),
 * EEXIST (exists), EBUSY (exists and is still being set up), ENOSPC (no
 * free dynamic id), EPERM (not root in the host context), ENOSYS.
 */
int vc_ctx_create(uint32_t xid, uint64_t flags);

/**
 * vc_ctx_migrate - move the caller into an existing context
 * @xid: the context, or %VC_XID_SPECTATOR (1) to become a spectator
 * @flags: 0, or %VXM_SET_INIT and/or %VXM_SET_REAPER: the caller becomes
 *         the guest's init and/or the reaper of its orphans
 *
 * Uses ctx_migrate v1.  Out of its setup the caller is clamped to the
 * context's bounding set.
 *
 * Return: 0 (1 for the spectator), or -1 with errno set: ESRCH (no such
 * context), EACCES (not administrable, or private), EINVAL (@flags),
 * EPERM, ENOSYS.
 */
int vc_ctx_migrate(uint32_t xid, uint64_t flags);

/**
 * vc_ctx_kill - send a signal to processes of a context
 * @xid: the context
 * @pid: 0 every process, -1 every process but the guest's init, 1 the
 *       guest's init, else the process with that pid
 * @sig: the signal number
 *
 * Return: 0, or -1 with errno set: ESRCH (nothing signalled, no context),
 * EINVAL (@sig), EACCES, EPERM, ENOSYS.
 */
int vc_ctx_kill(uint32_t xid, int32_t pid, int32_t sig);

/* What vc_wait_exit() reports about a context that is gone. */
struct vc_wait_exit {
	int32_t reboot_cmd;	/* the guest's last reboot(2) command, or 0 */
	int32_t exit_code;	/* wait status of the guest's init */
};

/**
 * vc_wait_exit - wait until a context is gone
 * @xid: the context
 * @res: receives the reboot command and the init's exit status
 *
 * Blocks; a signal with a handler installed without SA_RESTART ends the
 * wait with EINTR.
 *
 * Return: 0, or -1 with errno set: EINTR, ESRCH, EPERM, ENOSYS.
 */
int vc_wait_exit(uint32_t xid, struct vc_wait_exit *res);

/* --- info.c: information about tasks and contexts -------------------- */

/**
 * vc_task_xid - the context of a process
 * @pid: the process (as the caller's pid namespace numbers it), 0 for the
 *       caller
 *
 * Return: the context id, or -1 with errno set (ESRCH: no such process, or
 * one the caller cannot see; ENOSYS).
 */
int vc_task_xid(pid_t pid);

/* Answer of vc_vx_info(). */
struct vc_vx_info {
	uint32_t xid;
	uint32_t initpid;	/* pid of the guest's init, 0 if none */
};

/* Answer of vc_ctx_stat(). */
struct vc_ctx_stat {
	uint32_t usecnt;	/* references to the context */
	uint32_t tasks;		/* tasks in the context */
};

/* Answer of vc_virt_stat(). */
struct vc_virt_stat {
	uint64_t offset;	/* time bias, ns */
	uint64_t uptime;	/* ns since the context was created */
	uint32_t nr_threads;
	uint32_t nr_running;
	uint32_t nr_uninterruptible;
	uint32_t nr_onhold;
	uint32_t nr_forks;	/* forks since the context was created */
	uint32_t load[3];	/* fixed point, 11 fraction bits */
};

/*
 * vc_vx_info, vc_ctx_stat, vc_virt_stat - ask about a context (@xid may be
 * %VC_XID_SELF).  Return: 0, or -1 with errno set (ESRCH, ENOSYS).
 */
int vc_vx_info(uint32_t xid, struct vc_vx_info *info);
int vc_ctx_stat(uint32_t xid, struct vc_ctx_stat *stat);
int vc_virt_stat(uint32_t xid, struct vc_virt_stat *stat);

/* --- flags.c: cflags, ccaps, bcaps and the unshare mask -------------- */

/*
 * A 64-bit word of a context and a mask.  get: @value is the word and @mask
 * the bits that may be changed.  set: the bits of @mask take their values
 * from @value, the others stay: new = (old & ~mask) | (value & mask).
 */
struct vc_flags {
	uint64_t value;
	uint64_t mask;
};

/*
 * vc_get_cflags ... vc_set_umask - read or change a word of context @xid
 * (%VC_XID_SELF: the caller's).  Setting needs root in the host, or a
 * caller inside the context during its setup.  Clearing state_setup from
 * inside clamps the caller to the bounding set; one-time state flags can
 * only be cleared.  The umask holds the CLONE_NEW* bits a guest may
 * unshare (EINVAL for others).
 *
 * Return: 0, or -1 with errno set (ESRCH, EPERM, EACCES, EINVAL, ENOSYS).
 */
int vc_get_cflags(uint32_t xid, struct vc_flags *flags);
int vc_set_cflags(uint32_t xid, const struct vc_flags *flags);
int vc_get_ccaps(uint32_t xid, struct vc_flags *caps);
int vc_set_ccaps(uint32_t xid, const struct vc_flags *caps);
int vc_get_bcaps(uint32_t xid, struct vc_flags *caps);
int vc_set_bcaps(uint32_t xid, const struct vc_flags *caps);
int vc_get_umask(uint32_t xid, struct vc_flags *umask);
int vc_set_umask(uint32_t xid, const struct vc_flags *umask);

/* --- space.c: the namespaces a context keeps ------------------------- */

/* Sets of namespaces a context keeps: index 0 .. VC_SPACES - 1. */
#define VC_SPACES		VX_SPACES

/**
 * vc_set_space - store the caller's namespaces in a context
 * @xid: the context, usually %VC_XID_SELF during the setup
 * @mask: CLONE_NEW* bits, and CLONE_FS for the root and working directory
 * @index: which set, below %VC_SPACES
 *
 * Uses set_space v2.  The pid namespace stored is the caller's one for
 * children.
 *
 * Return: 0, or -1 with errno set (EINVAL: @mask or @index; ESRCH, EPERM,
 * ENOSYS).
 */
int vc_set_space(uint32_t xid, uint64_t mask, uint32_t index);

/**
 * vc_enter_space - enter namespaces a context keeps
 * @xid: the context
 * @mask: what to enter, as for vc_set_space(); 0 for all the set holds
 * @index: which set
 *
 * Uses enter_space v2.  A stored pid namespace applies to the children
 * the caller forks afterwards.
 *
 * Return: 0, or -1 with errno set (EINVAL: nothing stored, bad @index;
 * EACCES: private context; ESRCH, EPERM, ENOSYS).
 */
int vc_enter_space(uint32_t xid, uint64_t mask, uint32_t index);

/**
 * vc_get_space_mask - the bits a space can hold on this kernel
 * @mask: receives the mask
 *
 * Return: 0, or -1 with errno set (ENOSYS).
 */
int vc_get_space_mask(uint64_t *mask);

/**
 * vc_get_space_default - the spaces a new guest gets by default
 * @mask: receives the mask (CLONE_FS | NEWNS | NEWUTS | NEWIPC)
 *
 * Return: 0, or -1 with errno set (ENOSYS).
 */
int vc_get_space_default(uint64_t *mask);

/* --- vhi.c: the context name and the guest's uname fields ------------ */

/* Longest name vc_set_vhi_name() takes, without the NUL. */
#define VC_VHI_NAME_MAX		64

/**
 * vc_get_vhi_name - read the context name or a uname field of a guest
 * @xid: the context
 * @field: %VHIN_CONTEXT, %VHIN_SYSNAME ... %VHIN_DOMAINNAME
 * @buf: receives the NUL-terminated name
 * @size: size of @buf; %VC_VHI_NAME_MAX + 1 always suffices
 *
 * The uname fields are those of the UTS namespace stored in space 0.
 *
 * Return: 0, or -1 with errno set: EINVAL (bad @field, or no UTS
 * namespace stored), ERANGE (@buf too small), ESRCH, ENOSYS.
 */
int vc_get_vhi_name(uint32_t xid, enum vhi_name_field field, char *buf,
		    size_t size);

/**
 * vc_set_vhi_name - change the context name or a uname field of a guest
 * @xid: the context
 * @field: as for vc_get_vhi_name()
 * @name: the new name, at most %VC_VHI_NAME_MAX bytes
 *
 * Return: 0, or -1 with errno set: ENAMETOOLONG, EINVAL, ESRCH, EPERM,
 * ENOSYS.
 */
int vc_set_vhi_name(uint32_t xid, enum vhi_name_field field,
		    const char *name);

/**
 * vc_vhi_field_name - the util-vserver name of a vhi field
 * @field: the field
 *
 * Return: "context", "sysname", "nodename", "release", "version",
 * "machine" or "domainname"; NULL for an unknown @field.
 */
const char *vc_vhi_field_name(enum vhi_name_field field);

/**
 * vc_vhi_field_by_name - look a vhi field up by name, ignoring case
 * @name: the name
 * @len: its length (the name need not be NUL-terminated)
 *
 * Return: the field, or -1 with errno set to EINVAL.
 */
int vc_vhi_field_by_name(const char *name, size_t len);

/* --- listparser.c: lists of names, util-vserver's syntax ------------- */

/*
 * A table of names for the bits of a 64-bit word.  The tables are defined
 * by the library; callers only use their addresses.
 */
struct vc_name_table;

extern const struct vc_name_table vc_cflag_names;	/* cflags.c */
extern const struct vc_name_table vc_ccap_names;	/* ccaps.c */
extern const struct vc_name_table vc_bcap_names;	/* bcaps.c */
extern const struct vc_name_table vc_umask_names;	/* nsmask.c */
extern const struct vc_name_table vc_space_names;	/* nsmask.c */

/* Why vc_list_parse() rejected an entry. */
enum vc_list_errcode {
	VC_LIST_EMPTY = 1,	/* "" between two commas, or at either end */
	VC_LIST_UNKNOWN,	/* no such name */
	VC_LIST_BADBIT,		/* "^<n>" with n not a bit number 0..63 */
	VC_LIST_BADNUM,		/* a number that is not one, or too big */
};

/* The rejected entry: a part of the parsed string, as written. */
struct vc_list_error {
	enum vc_list_errcode code;
	const char *entry;	/* points into the list */
	size_t len;
};

/**
 * vc_list_parse - apply a comma-separated list of names to a word
 * @table: e.g. &vc_bcap_names
 * @list: the list, e.g. "CHOWN,~cap_kill,^40"
 * @value: the word the entries set and clear bits in
 * @mask: collects every bit an entry named (set or cleared)
 * @err: receives the rejected entry on failure; may be NULL
 *
 * Entries, case-insensitive: "name" sets its bits; "~name" or "!name"
 * clears them (each "~" or "!" toggles); "^<n>" is bit n (0..63); a
 * number (decimal, or hex with "0x") is a raw set of bits; "all" (or
 * "any") is every bit the table names except one-time state flags;
 * "none" clears those bits (it is "~all").  The table's prefix (CAP_,
 * VXC_, VXF_, CLONE_) may precede a name.  An empty list changes nothing.
 *
 * @value and @mask are changed only if the whole list is good.
 *
 * Return: 0, or -1 with errno set to EINVAL and @err filled in.
 */
int vc_list_parse(const struct vc_name_table *table, const char *list,
		  uint64_t *value, uint64_t *mask, struct vc_list_error *err);

/**
 * vc_list_format - format a word as a list vc_list_parse() reads back
 * @table: the table
 * @bits: the word
 * @buf: receives the list, e.g. "CHOWN,KILL,^63"; "" for 0
 * @size: size of @buf; the result is cut to fit, like snprintf()
 *
 * Bits in increasing order; a bit without a name is written "^<n>".
 *
 * Return: the length of the whole list, without the NUL.
 */
size_t vc_list_format(const struct vc_name_table *table, uint64_t bits,
		      char *buf, size_t size);

/* Room for any vc_list_format() result: 64 names of at most 24 bytes. */
#define VC_LIST_STRSZ		(64 * 25)

/**
 * vc_name2bits - look one name up
 * @table: the table
 * @name: the name, with or without the table's prefix, any case
 * @len: its length (@name need not be NUL-terminated)
 *
 * Return: its bits; 0 for an unknown name.
 */
uint64_t vc_name2bits(const struct vc_name_table *table, const char *name,
		      size_t len);

/**
 * vc_bit2name - the name a bit is printed with
 * @table: the table
 * @bit: 0..63
 *
 * Return: the name, or NULL if the bit has none.
 */
const char *vc_bit2name(const struct vc_name_table *table, unsigned int bit);

/**
 * vc_table_all - what "all" stands for in a table
 * @table: the table
 *
 * Return: the bits.
 */
uint64_t vc_table_all(const struct vc_name_table *table);

/* --- secure.c: the safe defaults of a guest ------------------------- */

/**
 * vc_secure_bcaps - the "secure" bounding set (vattribute --secure)
 *
 * CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID
 * NET_BIND_SERVICE SYS_CHROOT SYS_PTRACE SYS_TTY_CONFIG LEASE SETFCAP
 * SYS_BOOT AUDIT_WRITE: what a new context starts with.
 *
 * Return: the capability bits.
 */
uint64_t vc_secure_bcaps(void);

/**
 * vc_secure_ccaps - the "secure" context capabilities: SET_UTSNAME
 *
 * Return: the ccap bits.
 */
uint64_t vc_secure_ccaps(void);

/* --- signal.c: signal names ---------------------------------------- */

/**
 * vc_str2sig - parse a signal
 * @str: a number 0..64, or a name with or without "SIG", any case
 *       ("TERM", "sigkill", "SIGHUP")
 *
 * Return: the signal number, or -1 (errno untouched).
 */
int vc_str2sig(const char *str);

/**
 * vc_sig2str - the name of a signal, without "SIG"
 * @sig: the signal number
 *
 * Return: e.g. "TERM", or NULL for a number without a name.
 */
const char *vc_sig2str(int sig);

/* --- reboot.c: reboot(2) commands of a guest ------------------------ */

/**
 * vc_reboot_cmd_name - the vshelper name of a reboot(2) command
 * @cmd: the command word, as vc_wait_exit() reports it
 *
 * Return: "restart", "halt", "poweroff", "restart2", "swsusp",
 * "kexec", "cad_on" or "cad_off"; "none" for 0; NULL for others.
 */
const char *vc_reboot_cmd_name(int32_t cmd);

/* --- ctxname.c: a context's display name ---------------------------- */

/**
 * vc_cfgdir_name - the display name of a context name
 * @context: the context name (vhi CONTEXT); the vserver tools store the
 *           guest's configuration directory there
 * @buf: receives the display name
 * @size: size of @buf
 *
 * A name that is an absolute path names a configuration directory: its
 * display name is the first line of <dir>/name if that file exists, else
 * the last component of the path.  Any other name is its own display
 * name.  The result is cut to fit @buf.
 *
 * Return: @buf.
 */
char *vc_cfgdir_name(const char *context, char *buf, size_t size);

/**
 * vc_ctx_name - the display name of a running context
 * @xid: the context
 * @buf: receives the name, "" if it has none
 * @size: size of @buf
 *
 * Return: 0, or -1 with errno set (from vc_get_vhi_name()).
 */
int vc_ctx_name(uint32_t xid, char *buf, size_t size);

/* --- procstat.c: /proc/<pid>/stat ----------------------------------- */

/* The fields of /proc/<pid>/stat that vserver-stat adds up. */
struct vc_proc_stat {
	uint64_t utime, stime;		/* clock ticks */
	uint64_t cutime, cstime;	/* of reaped children */
	uint64_t starttime;		/* clock ticks after boot */
	uint64_t vsize;			/* bytes */
	uint64_t rss;			/* pages */
};

/**
 * vc_proc_stat_parse - read the fields vserver-stat needs
 * @line: the contents of /proc/<pid>/stat, NUL-terminated
 * @st: receives the fields
 *
 * The command name in parentheses may hold any character, ')' and
 * blanks included; the fields after the last ')' are read.
 *
 * Return: 0, or -1 with errno set to EINVAL for a malformed line.
 */
int vc_proc_stat_parse(const char *line, struct vc_proc_stat *st);

/* --- limit.c: per-context resource limits ---------------------------- */

/*
 * A limit id is the architecture's RLIMIT_* number below 16 (so
 * RLIMIT_NPROC limits the tasks of the whole context), else a VLIMIT_*
 * of <linux/vserver/limit.h>.  vc_get_rlimit_mask() has a bit per id, so
 * ids are below VC_RLIMIT_IDS.
 */
#define VC_RLIMIT_IDS		32

/* Special values of a limit. */
#define VC_LIM_INFINITY		CRLIM_INFINITY	/* no limit */
#define VC_LIM_KEEP		CRLIM_KEEP	/* vc_set_rlimit(): unchanged */
#define VC_LIM_UNSET		CRLIM_UNSET	/* a minimum that is not set */
#define VC_LIM_MAX		(CRLIM_KEEP - 1)	/* largest plain value */

/* The three values of a limit: guaranteed minimum, soft and hard limit. */
struct vc_rlimit {
	uint64_t min;
	uint64_t soft;
	uint64_t hard;
};

/* Which limit ids the kernel supports, for each of the three values. */
struct vc_rlimit_mask {
	uint32_t min;
	uint32_t soft;
	uint32_t hard;		/* the limits it enforces */
};

/* Answer of vc_rlimit_stat(). */
struct vc_rlimit_stat {
	uint32_t hits;		/* times the limit refused something */
	uint64_t value;		/* current value */
	uint64_t min;		/* smallest value since creation or reset */
	uint64_t max;		/* largest value since creation or reset */
};

/**
 * vc_get_rlimit - read a limit of a context
 * @xid: the context, or %VC_XID_SELF
 * @id: the limit id
 * @lim: receives the values; %VC_LIM_INFINITY is no limit
 *
 * Return: 0, or -1 with errno set: EINVAL (a limit this kernel does not
 * support), ESRCH (no such context; the host and the spectator have no
 * limits), ENOSYS.
 */
int vc_get_rlimit(uint32_t xid, unsigned int id, struct vc_rlimit *lim);

/**
 * vc_set_rlimit - change a limit of a context
 * @xid: the context, or %VC_XID_SELF
 * @id: the limit id
 * @lim: the new values; %VC_LIM_KEEP leaves one unchanged
 *
 * Needs root in the host, or a caller inside the context during its
 * setup.  Send %VC_LIM_KEEP for a value the mask does not support: the
 * kernel may refuse it.
 *
 * Return: 0, or -1 with errno set: EINVAL (limit or value not supported),
 * EBUSY (a finite RLIMIT_RSS for a context without a memory cgroup of its
 * own: one created in the root cgroup), ESRCH, EPERM, EACCES, ENOSYS.
 */
int vc_set_rlimit(uint32_t xid, unsigned int id, const struct vc_rlimit *lim);

/**
 * vc_get_rlimit_mask - the limits this kernel supports
 * @mask: receives a bit per limit id for each value
 *
 * Return: 0, or -1 with errno set (ENOSYS).
 */
int vc_get_rlimit_mask(struct vc_rlimit_mask *mask);

/**
 * vc_rlimit_stat - the accounting of a limit of a context
 * @xid: the context, or %VC_XID_SELF
 * @id: the limit id
 * @stat: receives the current value, the extremes and the hit counter
 *
 * Return: 0, or -1 with errno set (EINVAL, ESRCH, ENOSYS).
 */
int vc_rlimit_stat(uint32_t xid, unsigned int id,
		   struct vc_rlimit_stat *stat);

/*
 * vc_reset_hits, vc_reset_minmax - zero every hit counter of a context, or
 * set every smallest and largest value to the current one.  Same rights
 * as vc_set_rlimit().  Return: 0, or -1 with errno set.
 */
int vc_reset_hits(uint32_t xid);
int vc_reset_minmax(uint32_t xid);

/**
 * vc_rlimit_name - util-vserver's name of a limit
 * @id: the limit id
 *
 * Return: e.g. "nproc" (lower case), or NULL for an id without a name.
 */
const char *vc_rlimit_name(unsigned int id);

/**
 * vc_rlimit_by_name - look a limit up by name, ignoring case
 * @name: cpu fsize data stack core rss nproc nofile memlock as locks
 *        msgqueue nsock openfd anon shmem semary nsems dentry mapped
 * @len: its length (the name need not be NUL-terminated)
 *
 * Return: the limit id, or -1 with errno set to EINVAL.
 */
int vc_rlimit_by_name(const char *name, size_t len);

/**
 * vc_parse_limit - parse a limit value, util-vserver's syntax
 * @str: "inf" (or "infinity", any case) for no limit, or a number,
 *       decimal or hex with "0x", with an optional suffix k (x1000),
 *       m (x1000000), K (x1024) or M (x1048576)
 * @value: receives the value
 *
 * Nothing else is accepted: no sign, blanks or newline.
 *
 * Return: 0, or -1 with errno set to EINVAL (not a limit) or ERANGE
 * (above %VC_LIM_MAX); *@value is then unchanged.
 */
int vc_parse_limit(const char *str, uint64_t *value);

/* --- sched.c: the CPU scheduler of a context ------------------------ */

/*
 * A field vc_set_sched() sends for one its mask leaves out, and a value
 * the kernel reads as "leave unchanged" (the kernel's SCHED_KEEP, -2).
 */
#define VC_SCHED_KEEP		SCHED_KEEP

/* The cpu_id of the settings and times of the whole context. */
#define VC_SCHED_ALL_CPUS	(-1)

/**
 * struct vc_sched - the scheduler settings of a context (util-vserver's
 *                   token bucket, set_sched v5)
 * @mask: the fields set or reported, %VXSM_* of
 *        <linux/vserver/sched_cmd.h>; also the flags %VXSM_IDLE_TIME,
 *        %VXSM_FORCE and %VXSM_MSEC (@interval in ms, not jiffies)
 * @cpu_id: the CPU of per-CPU settings (%VXSM_CPU_ID)
 * @bucket_id: the bucket (%VXSM_BUCKET_ID)
 * @fill_rate: tokens per @interval (%VXSM_FILL_RATE)
 * @interval: %VXSM_INTERVAL
 * @fill_rate2: the rate while the CPU is idle (%VXSM_FILL_RATE2)
 * @interval2: %VXSM_INTERVAL2
 * @tokens: the tokens in the bucket (%VXSM_TOKENS)
 * @tokens_min: the tokens a held context needs to run again
 *              (%VXSM_TOKENS_MIN)
 * @tokens_max: the size of the bucket (%VXSM_TOKENS_MAX)
 * @prio_bias: the priority bias, a nice level (%VXSM_PRIO_BIAS)
 *
 * A vserver kernel for Linux 6.12 maps the bucket onto the context's cpu
 * cgroup: @fill_rate / @interval of one CPU is the cap (cpu.max; 1/1 or
 * more is none), and @prio_bias the share, as the weight of that nice
 * level against the host's tasks at nice 0 (cpu.weight).  It accepts and
 * ignores the other fields, and reads -2 (%VC_SCHED_KEEP) in a rate or
 * interval as "unchanged"; a bias is kept only by leaving it out of the
 * mask.
 */
struct vc_sched {
	uint32_t mask;
	int32_t cpu_id;
	int32_t bucket_id;
	int32_t fill_rate;
	int32_t interval;
	int32_t fill_rate2;
	int32_t interval2;
	int32_t tokens;
	int32_t tokens_min;
	int32_t tokens_max;
	int32_t prio_bias;
};

/**
 * vc_set_sched - change the scheduler settings of a context
 * @xid: the context, or %VC_XID_SELF
 * @sched: the settings; only the fields in @sched->mask are sent, the
 *         others as %VC_SCHED_KEEP
 *
 * Uses set_sched v5.  Needs root in the host, or a caller inside the
 * context during its setup.  The kernel sets the cgroup's cpu.max and
 * cpu.weight from the resulting settings whatever the mask holds.
 *
 * Return: 0, or -1 with errno set: EBUSY (the context has no cpu cgroup
 * of its own: it was created in the root cgroup), EINVAL (a fill rate or
 * interval below 1, or one the cpu controller refuses), ESRCH, EPERM,
 * EACCES, ENOSYS.
 */
int vc_set_sched(uint32_t xid, const struct vc_sched *sched);

/**
 * vc_get_sched - read the scheduler settings of a context
 * @xid: the context, or %VC_XID_SELF
 * @sched: in: @cpu_id (%VC_SCHED_ALL_CPUS) and @bucket_id (0) of the
 *         settings; out: the settings, @mask saying which fields the
 *         kernel reported (a vserver kernel for Linux 6.12: fill rate,
 *         interval and priority bias; a new context has 1/1 and 0)
 *
 * Uses get_sched v5.
 *
 * Return: 0, or -1 with errno set (ESRCH, ENOSYS); *@sched is then
 * unchanged.
 */
int vc_get_sched(uint32_t xid, struct vc_sched *sched);

/* Answer of vc_sched_info(). */
struct vc_sched_info {
	int32_t cpu_id;		/* in: %VC_SCHED_ALL_CPUS, the only one */
	int32_t bucket_id;	/* in: 0 */
	uint64_t user_msec;	/* user time of the context's live tasks */
	uint64_t sys_msec;	/* system time of them */
	uint64_t hold_msec;	/* time the cap held the context back */
	uint32_t token_usec;	/* the CPU time one token stands for, us */
};

/**
 * vc_sched_info - the CPU times of a context
 * @xid: the context, or %VC_XID_SELF
 * @info: in: @cpu_id and @bucket_id; out: the times
 *
 * Uses sched_info.  A vserver kernel for Linux 6.12 answers only for
 * %VC_SCHED_ALL_CPUS, with @hold_msec 0 and @token_usec one jiffy.
 *
 * Return: 0, or -1 with errno set: EINVAL (another @cpu_id), ESRCH,
 * ENOSYS; *@info is then unchanged.
 */
int vc_sched_info(uint32_t xid, struct vc_sched_info *info);

/* --- network.c: network contexts ----------------------------------- */

#define VC_NID_HOST		NX_ADMIN_ID	/* the host: no restriction */
#define VC_NID_SPECTATOR	NX_WATCH_ID	/* no restriction, no structure */
#define VC_NID_DYNAMIC_MIN	NX_MIN_DYNAMIC_ID /* first id net_create may pick */
#define VC_NID_MAX		NX_MAX_ID	/* highest valid network context id */

/*
 * As the id of a lookup, the caller's own network context; as the id of
 * vc_net_create(), "pick a free dynamic id".  The kernel's -1.
 */
#define VC_NID_SELF		NX_SELF_ID
#define VC_NID_DYNAMIC		NX_DYNAMIC_ID

/**
 * vc_parse_nid - parse a network context id given on a command line
 * @str: a decimal number 0..%VC_NID_MAX, or "self"
 * @nid: receives the id, %VC_NID_SELF for "self"
 *
 * The syntax of vc_parse_xid().
 *
 * Return: 0, or -1 with errno set to EINVAL or ERANGE; *@nid is then
 * unchanged.
 */
int vc_parse_nid(const char *str, uint32_t *nid);

/**
 * vc_net_create - create a network context and move the caller into it
 * @nid: the id, 2..%VC_NID_MAX, or %VC_NID_DYNAMIC for a free dynamic id
 * @flags: the initial nflags; %NXF_INIT_SET is what a new network context
 *         usually starts with (administrable, loopback remapped and
 *         hidden, interfaces hidden)
 *
 * Uses net_create v1.  A kernel without v1 gets net_create v0, which
 * starts the context with %NXF_INIT_SET; the flags that differ from
 * @flags are then changed with set_nflags (one-time flags that v0 did not
 * set cannot be set that way and stay clear; if the change fails, the
 * caller is in the new network context all the same).  The context
 * starts with the ncap %NXC_RAW_ICMP, loopback address 127.0.0.1 ^
 * (@nid << 8) and broadcast address 255.255.255.255; it goes away with
 * its last task unless it is persistent.  The caller's context (xid)
 * does not change.
 *
 * Return: the new network context's id, or -1 with errno set: EINVAL
 * (bad @nid), EEXIST (exists), ENOSPC (no free dynamic id), EPERM (not
 * root in the host context), ENOSYS.
 */
int vc_net_create(uint32_t nid, uint64_t flags);

/**
 * vc_net_migrate - move the caller into an existing network context
 * @nid: the network context, or %VC_NID_SPECTATOR (1)
 *
 * Return: 0 (1 for the spectator), or -1 with errno set: ESRCH (no such
 * network context), EACCES (not administrable, or private and out of its
 * setup), EPERM, ENOSYS.
 */
int vc_net_migrate(uint32_t nid);

/**
 * vc_task_nid - the network context of a process
 * @pid: the process, 0 for the caller
 *
 * Return: the network context id (0 for the host), or -1 with errno set
 * (ESRCH: no such process, or one the caller cannot see; ENOSYS).
 */
int vc_task_nid(pid_t pid);

/* Answer of vc_nx_info(). */
struct vc_nx_info {
	uint32_t nid;
};

/**
 * vc_nx_info - ask about a network context
 * @nid: the network context, or %VC_NID_SELF
 * @info: receives its id
 *
 * Return: 0, or -1 with errno set (ESRCH: none, or the caller has none
 * for %VC_NID_SELF; ENOSYS).
 */
int vc_nx_info(uint32_t nid, struct vc_nx_info *info);

/*
 * vc_get_nflags ... vc_set_ncaps - read or change the flags (nflags) or
 * capabilities (ncaps) of network context @nid (%VC_NID_SELF: the
 * caller's), as (value, mask) pairs like the context words: get returns
 * in @mask the bits that may still change; set changes the bits of @mask.
 * Anyone may read (a guest only its own); setting needs root in the host
 * context (or a guest context during its setup, for its own network
 * context) and an administrable target (%NXF_STATE_ADMIN).  One-time state
 * flags (%NXF_STATE_SETUP, %NXF_STATE_ADMIN) can only be cleared;
 * clearing %NXF_PERSISTENT of a network context without tasks removes it.
 *
 * Return: 0, or -1 with errno set (ESRCH, EPERM, EACCES, ENOSYS).
 */
int vc_get_nflags(uint32_t nid, struct vc_flags *flags);
int vc_set_nflags(uint32_t nid, const struct vc_flags *flags);
int vc_get_ncaps(uint32_t nid, struct vc_flags *caps);
int vc_set_ncaps(uint32_t nid, const struct vc_flags *caps);

/* An IPv4 or IPv6 address, network byte order. */
union vc_net_ip {
	struct in_addr v4;
	struct in6_addr v6;
};

/* Room for a device name and its NUL (the kernel's IFNAMSIZ). */
#define VC_NET_DEVSZ		16

/**
 * struct vc_net_addr - one address entry of a network context
 * @family: AF_INET or AF_INET6; with %NXA_TYPE_ANY also AF_UNSPEC, both
 * @type: %NXA_TYPE_ADDR (one address), %NXA_TYPE_MASK (the network
 *        @ip/@prefix) or %NXA_TYPE_RANGE (@ip up to, not including,
 *        @ip2; IPv4 only); %NXA_TYPE_ADDR | %NXA_MOD_BCAST or
 *        %NXA_MOD_LBACK: the broadcast or loopback address (IPv4);
 *        %NXA_TYPE_ANY: every entry (vc_net_remove() only)
 * @flags: flags of the entry, stored by the kernel; usually 0
 * @prefix: length of the mask in bits: 0..32 or 0..128.  For an IPv4
 *          address or range the mask tells the network its source
 *          addresses are chosen for; an IPv6 address is always /128.
 * @ip: the address, or the first of the range
 * @ip2: the end of a range, not included
 * @dev: the device vc_net_addr_parse() read before the address, "" if
 *       none; never sent to the kernel (a network context is bound to
 *       addresses, not devices)
 */
struct vc_net_addr {
	int family;
	uint16_t type;
	uint16_t flags;
	unsigned int prefix;
	union vc_net_ip ip;
	union vc_net_ip ip2;
	char dev[VC_NET_DEVSZ];
};

/**
 * vc_net_add - add an address entry to a network context
 * @nid: the network context, or %VC_NID_SELF
 * @addr: the entry
 *
 * IPv4 entries use net_add_ipv4 v2 for a range and v1 otherwise, IPv6
 * entries net_add_ipv6.  As in util-vserver, the address 0.0.0.0 (::) of
 * an %NXA_TYPE_ADDR entry is sent as the network 0.0.0.0/0 (::/0): every
 * address.  Adding a second IPv4 entry clears %NXF_SINGLE_IP.  Needs the
 * rights of vc_set_nflags().
 *
 * Return: 0, or -1 with errno set: EEXIST (the same entry is there),
 * ENOSPC (64 entries of the family already), EINVAL (a bad @family,
 * @type or @prefix, an IPv6 range or modifier, an empty range), ESRCH,
 * EACCES, EPERM, ENOSYS.
 */
int vc_net_add(uint32_t nid, const struct vc_net_addr *addr);

/**
 * vc_net_remove - remove address entries from a network context
 * @nid: the network context, or %VC_NID_SELF
 * @addr: the entry, as it was added: same type, address and prefix (an
 *        IPv6 address is matched by its address alone), or
 *        %NXA_TYPE_ANY to remove every entry of @family (of both for
 *        AF_UNSPEC)
 *
 * Uses net_rem_ipv4 v1 (v2 for a range) and net_remove_ipv6.  The
 * broadcast and loopback addresses cannot be removed.
 *
 * Return: 0, or -1 with errno set: ESRCH (no such entry, or no such
 * network context), EINVAL, EACCES, EPERM, ENOSYS.
 */
int vc_net_remove(uint32_t nid, const struct vc_net_addr *addr);

/* --- netaddr.c: addresses as text ---------------------------------- */

/* Room for any vc_net_ip_format() result, with its NUL. */
#define VC_NET_IP_STRSZ		46
/* Room for any vc_net_addr_format() result, with its NUL. */
#define VC_NET_ADDR_STRSZ	(VC_NET_DEVSZ + 2 * VC_NET_IP_STRSZ + 8)

/* Why vc_net_addr_parse() rejected a text. */
enum vc_net_errcode {
	VC_NET_BADADDR = 1,	/* not an IPv4 or IPv6 address */
	VC_NET_BADPREFIX,	/* not a prefix length of the family */
	VC_NET_BADMASK,		/* not a netmask of the family (or holes) */
	VC_NET_BADRANGE,	/* a range of anything but two IPv4 addresses */
	VC_NET_EMPTYRANGE,	/* a range whose end is not above its start */
	VC_NET_BADDEV,		/* not a device name (1..15 characters) */
};

/* The rejected part of the text, as written. */
struct vc_net_error {
	enum vc_net_errcode code;
	const char *part;	/* points into the text */
	size_t len;
};

/**
 * vc_net_ip_parse - parse one IPv4 or IPv6 address
 * @str: the address; need not be NUL-terminated
 * @len: its length
 * @family: receives AF_INET or AF_INET6
 * @ip: receives the address
 *
 * IPv4: four decimal numbers 0..255 with dots, no leading zeros.  IPv6:
 * the RFC 4291 text forms, "::" and a dotted IPv4 tail included, in any
 * case.  Nothing else: no blanks, no scope ("%eth0"), no host names.
 *
 * Return: 0, or -1 with errno set to EINVAL; *@family and *@ip are then
 * unchanged.
 */
int vc_net_ip_parse(const char *str, size_t len, int *family,
		    union vc_net_ip *ip);

/**
 * vc_net_addr_parse - parse an address option, util-vserver's syntax
 * @str: "[<dev>:]<ip>[/<prefix>|/<mask>]" or, IPv4 only,
 *       "[<dev>:]<ip1>-<ip2>[/<prefix>|/<mask>]"; an IPv6 address may be
 *       put in brackets, "[2001:db8::1]/64"
 * @addr: receives the entry: %NXA_TYPE_ADDR, or %NXA_TYPE_RANGE (@ip1 up
 *        to, not including, @ip2), flags 0; the prefix is the one given,
 *        the length of the netmask given, or 32 (128) without either
 * @err: receives the rejected part on failure; may be NULL
 *
 * The whole text is first read as an address; only if that fails is a
 * leading "<dev>:" taken off.  So "abc:2001:db8::1" is an IPv6 address;
 * write "abc:[2001:db8::1]" for the device abc.  A netmask must be of
 * the address's family and contiguous.
 *
 * Return: 0, or -1 with errno set to EINVAL and @err filled in; *@addr
 * is then unchanged.
 */
int vc_net_addr_parse(const char *str, struct vc_net_addr *addr,
		      struct vc_net_error *err);

/**
 * vc_net_ip_format - format an address
 * @family: AF_INET or AF_INET6
 * @ip: the address
 * @buf: at least %VC_NET_IP_STRSZ bytes
 *
 * IPv4 dotted; IPv6 as RFC 5952 recommends (lower case, the longest run
 * of zero groups as "::", an IPv4-mapped address with a dotted tail).
 *
 * Return: @buf; "?" for another @family.
 */
char *vc_net_ip_format(int family, const union vc_net_ip *ip, char *buf);

/**
 * vc_net_addr_format - format an entry as vc_net_addr_parse() reads it
 * @addr: the entry
 * @buf: at least %VC_NET_ADDR_STRSZ bytes
 *
 * "[<dev>:]<ip>[-<ip2>][/<prefix>]"; the prefix is left out when it is
 * the whole address (32 or 128), and the end of a range shown only for
 * %NXA_TYPE_RANGE; %NXA_TYPE_ANY is "all".  After a device name an IPv6
 * address is put in brackets.
 *
 * Return: @buf.
 */
char *vc_net_addr_format(const struct vc_net_addr *addr, char *buf);

/* --- nflags.c, ncaps.c: names of the network context words ---------- */

extern const struct vc_name_table vc_nflag_names;	/* nflags.c */
extern const struct vc_name_table vc_ncap_names;	/* ncaps.c */

/* --- dlimit.c: disk limits and tags ----------------------------------- */

/* Special values of a disk limit field (util-vserver's names). */
#define VC_CDLIM_UNSET		CDLIM_UNSET
#define VC_CDLIM_INFINITY	CDLIM_INFINITY	/* no limit */
#define VC_CDLIM_KEEP		CDLIM_KEEP	/* vc_set_dlimit(): unchanged */

/*
 * A disk limit: space in KiB (unless the flags say DLIMF_SHIFT), inodes,
 * and the percentage of the space statfs() in the guest does not show
 * as available.  The used fields are the file system's count (ignored
 * when set).
 */
struct vc_ctx_dlimit {
	uint32_t space_used;
	uint32_t space_total;
	uint32_t inodes_used;
	uint32_t inodes_total;
	uint32_t reserved;
};

/**
 * vc_add_dlimit - register the disk limit of a tag on a file system
 * @path: a path on the file system (its mount point, the guest's root)
 * @tag: the tag (project id), 1..65535: the guest's context id
 * @flags: 0
 *
 * Return: 0, or -1 with errno set: EEXIST, EOPNOTSUPP (the file system
 * has no enforced project quotas), EINVAL, ENOENT, EPERM, ENOSYS.
 */
int vc_add_dlimit(const char *path, uint32_t tag, uint32_t flags);

/*
 * vc_rem_dlimit - remove it (the project's hard limits are cleared).
 * Return: 0, or -1 with errno set: ESRCH if not registered, as above.
 */
int vc_rem_dlimit(const char *path, uint32_t tag, uint32_t flags);

/**
 * vc_set_dlimit - set the limits of a registered disk limit
 * @path: as vc_add_dlimit()
 * @tag: as vc_add_dlimit()
 * @flags: 0 (KiB) or DLIMF_SHIFT and exponents
 * @lim: the limits; %VC_CDLIM_KEEP leaves one, %VC_CDLIM_INFINITY is none
 *
 * Return: 0, or -1 with errno set: ESRCH (not registered), EINVAL (a
 * reserved percentage above 100), as vc_add_dlimit().
 */
int vc_set_dlimit(const char *path, uint32_t tag, uint32_t flags,
		  const struct vc_ctx_dlimit *lim);

/* vc_get_dlimit - read the limits and usage.  Return: as vc_set_dlimit(). */
int vc_get_dlimit(const char *path, uint32_t tag, uint32_t flags,
		  struct vc_ctx_dlimit *lim);

/*
 * vc_get_task_tag - the tag of a task (0: the caller): the project id
 * of the files it creates; 0 for the host.  Return: it, or -1 (errno).
 */
long vc_get_task_tag(pid_t pid);

/*
 * vc_tag_migrate - set the caller's tag (0: its context id again), from
 * the host only.  Return: 0, or -1 with errno set.
 */
int vc_tag_migrate(uint32_t tag);

/* --- iattr.c: inode attributes and the tag of a file ------------------ */

/**
 * vc_get_iattr - the vserver attributes of a file
 * @path: the file; a final symbolic link is not followed
 * @tag: receives the file's tag (its project id) when @mask gets
 *       IATTR_TAG; may be NULL
 * @flags: receives the IATTR_* values; may be NULL
 * @mask: receives the IATTR_* bits the kernel reports for the file; may
 *        be NULL
 *
 * Return: 0, or -1 with errno set (ENOENT, EFAULT, ENOSYS ...).
 */
int vc_get_iattr(const char *path, uint32_t *tag, uint32_t *flags,
		 uint32_t *mask);

/**
 * vc_set_iattr - change the vserver attributes of a file, from the host
 * @path: the file; a final symbolic link is not followed
 * @tag: the new tag (project id) when @mask has IATTR_TAG
 * @flags: the new values of the bits in @mask
 * @mask: the IATTR_* bits to change
 *
 * Return: 0, or -1 with errno set: EINVAL (a tag on a file system
 * without project ids, a bit the file cannot hold), EPERM (a guest, or
 * no capability), ENOENT, EROFS ...
 */
int vc_set_iattr(const char *path, uint32_t tag, uint32_t flags,
		 uint32_t mask);

/* --- error.c: messages ---------------------------------------------- */

/**
 * vc_strerror - describe an errno value from a vserver call
 * @errnum: the errno value
 *
 * For ENOSYS it asks the kernel whether vserver(2) exists at all and
 * returns "this kernel has no vserver support", or "command not
 * implemented by this vserver kernel" if it does.  Any other value gives
 * strerror(@errnum).  errno is left unchanged.
 *
 * Return: a string that must not be modified or freed.
 */
const char *vc_strerror(int errnum);

/* --- fmt.c: number formatting without stdio ------------------------- */

/* Size of a buffer that holds any vc_fmt_uint() result. */
#define VC_FMT_BUFSZ		24

/**
 * vc_fmt_uint - format an unsigned number
 * @buf: buffer of at least %VC_FMT_BUFSZ bytes
 * @value: the number
 * @base: 8, 10 or 16 (lower-case digits)
 * @width: minimum number of digits, padded with zeros; at most
 *         %VC_FMT_BUFSZ - 1
 *
 * Return: @buf, or NULL with errno set to EINVAL for a bad @base or @width.
 */
char *vc_fmt_uint(char *buf, uint64_t value, unsigned int base,
		  unsigned int width);

/* Size of a buffer that holds any vc_fmt_mem() or vc_fmt_time() result. */
#define VC_FMT_SHORTSZ		16

/**
 * vc_fmt_mem - format a size the way vserver-stat shows memory
 * @buf: buffer of at least %VC_FMT_SHORTSZ bytes
 * @bytes: the size
 *
 * Below 1000 the number of bytes ("512"); else steps of 1024 with the
 * suffix K, M, G, T or P and one decimal when it is not 0 ("1.5K",
 * "12M", "999.9M"); at most 6 characters.
 *
 * Return: @buf.
 */
char *vc_fmt_mem(char *buf, uint64_t bytes);

/**
 * vc_fmt_time - format a duration the way vserver-stat shows times
 * @buf: buffer of at least %VC_FMT_SHORTSZ bytes
 * @msec: the duration in milliseconds
 *
 * "<m>m<ss>s<cc>" below an hour (cc: hundredths), "<h>h<mm>m<ss>" below a
 * day, "<d>d<hh>h<mm>" below 1000 days, "<y>y<ddd>d<hh>" above, and
 * "INVALID" beyond 999999 days; at most 11 characters.
 *
 * Return: @buf.
 */
char *vc_fmt_time(char *buf, uint64_t msec);

#ifdef __cplusplus
}
#endif

#endif /* _VSERVER_H */
