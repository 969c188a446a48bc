// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The /proc/virtual directory
 *
 * /proc/virtual/info tells the API version, the system call number and
 * the configuration word, in the vs2.3 format:
 *
 *   VCIVersion:	0002:0309
 *   VCISyscall:	236
 *   VCIKernel:	<get_vci as 8 hex digits>
 */

#include "common.h"

#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <asm/unistd.h>

#include "info.h"

#ifdef __NR_vserver
#define VSERVER_SYSCALL_NR __NR_vserver
#else
#define VSERVER_SYSCALL_NR -1
#endif

static int info_show(struct seq_file *m, void *v)
{
	seq_printf(m, "VCIVersion:\t%04x:%04x\n", VCI_VERSION >> 16,
		   VCI_VERSION & 0xFFFF);
	seq_printf(m, "VCISyscall:\t%d\n", VSERVER_SYSCALL_NR);
	seq_printf(m, "VCIKernel:\t%08x\n", vserver_vci());
	return 0;
}

static int __init vserver_proc_init(void)
{
	struct proc_dir_entry *dir;

	dir = proc_mkdir("virtual", NULL);
	if (!dir)
		goto out_fail;
	if (!proc_create_single("info", 0444, dir, info_show))
		goto out_remove_dir;
	return 0;

out_remove_dir:
	remove_proc_subtree("virtual", NULL);
out_fail:
	pr_err("cannot create /proc/virtual\n");
	return -ENOMEM;
}
fs_initcall(vserver_proc_init);
