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

#include <linux/vserver/switch.h>

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

#define VC_XID_HOST		0	/* the host context */
#define VC_XID_SPECTATOR	1	/* sees every task, owns none */
#define VC_XID_DYNAMIC_MIN	49152	/* first id ctx_create may pick */
#define VC_XID_MAX		65535	/* highest valid context id */

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

#ifdef __cplusplus
}
#endif

#endif /* _VSERVER_H */
