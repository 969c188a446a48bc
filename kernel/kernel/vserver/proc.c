// SPDX-License-Identifier: GPL-2.0-only
/*
 * vserver - The /proc/virtual directory and the lines in /proc/<pid>/status
 *
 * /proc/virtual/info tells the API version, the system call number and
 * the configuration word:
 *
 *   VCIVersion:	0002:0309
 *   VCISyscall:	236
 *   VCIKernel:	<get_vci as 8 hex digits>
 *
 * /proc/virtual/status counts the contexts and the namespaces their spaces
 * hold, and /proc/virtual/<xid>/ holds the files of each hashed context.
 * The host and the spectator see every <xid> directory, a guest only its
 * own.  /proc/virtnet/ does the same for
 * network contexts.
 */

#include "common.h"

#include <linux/fs_struct.h>
#include <linux/init.h>
#include <linux/init_task.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/math64.h>
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include <linux/vserver.h>
#include <uapi/linux/vserver/context_cmd.h>
#include <asm/unistd.h>

#include "context.h"
#include "cvirt.h"
#include "info.h"
#include "isolation.h"
#include "network.h"
#include "proc.h"
#include "space.h"
#include "task.h"
#include "uts.h"

#ifdef __NR_vserver
#define VSERVER_SYSCALL_NR __NR_vserver
#else
#define VSERVER_SYSCALL_NR -1
#endif

static struct proc_dir_entry *proc_virtual;
static struct proc_dir_entry *proc_virtnet;

static int info_show(struct seq_file *m, void *v)
{
	seq_printf(m, "VCIVersion:\t%04x:%04x\n", VCI_VERSION >> 16,
		   VCI_VERSION & 0xFFFF);
	seq_printf(m, "VCISyscall:\t%d\n", VSERVER_SYSCALL_NR);
	seq_printf(m, "VCIKernel:\t%08x\n", vserver_vci());
	return 0;
}

/*
 * The namespaces the contexts' spaces hold, for the "#NSProxy:" line:
 * sets of namespaces, then root/cwd (CLONE_FS), mount, UTS, IPC, user
 * and PID namespaces.  Counted under ns_count_lock by one reader at a
 * time; the masks are read without the spaces' mutex (a snapshot).
 */
enum { NS_SETS, NS_FS, NS_MNT, NS_UTS, NS_IPC, NS_USER, NS_PID, NS_NUM };
static DEFINE_MUTEX(ns_count_lock);
static unsigned int ns_count[NS_NUM];

static void count_spaces(struct vx_info *vxi)
{
	static const u64 bits[NS_NUM] = {
		[NS_FS] = CLONE_FS, [NS_MNT] = CLONE_NEWNS,
		[NS_UTS] = CLONE_NEWUTS, [NS_IPC] = CLONE_NEWIPC,
		[NS_USER] = CLONE_NEWUSER, [NS_PID] = CLONE_NEWPID,
	};
	int i, t;

	for (i = 0; i < VX_SPACES; i++) {
		const u64 mask = READ_ONCE(vxi->space[i].mask);

		if (!mask)
			continue;
		ns_count[NS_SETS]++;
		for (t = NS_FS; t < NS_NUM; t++)
			if (mask & bits[t])
				ns_count[t]++;
	}
}

/*
 * #CTotal and #CActive as in vs2.3; #NSProxy counts the namespaces held
 * by the contexts' spaces (vs2.3 counted every such object of the
 * kernel); #InitTask: the references to init_task, init_nsproxy and
 * init_fs.
 */
static int status_show(struct seq_file *m, void *v)
{
	int users;

	seq_printf(m, "#CTotal:\t%d\n", vx_count_total());
	seq_printf(m, "#CActive:\t%d\n", vx_count_active());
	mutex_lock(&ns_count_lock);
	memset(ns_count, 0, sizeof(ns_count));
	vx_visit_rcu(count_spaces);
	seq_printf(m, "#NSProxy:\t%u\t%u %u %u %u %u %u\n",
		   ns_count[NS_SETS], ns_count[NS_FS], ns_count[NS_MNT],
		   ns_count[NS_UTS], ns_count[NS_IPC], ns_count[NS_USER],
		   ns_count[NS_PID]);
	mutex_unlock(&ns_count_lock);
	spin_lock(&init_fs.lock);
	users = init_fs.users;
	spin_unlock(&init_fs.lock);
	seq_printf(m, "#InitTask:\t%u\t%u %d\n",
		   refcount_read(&init_task.usage),
		   refcount_read(&init_nsproxy.count), users);
	return 0;
}

/* The files of /proc/virtual/<xid>/ run while the context is hashed. */

static int ctx_info_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	s64 badness;

	seq_printf(m, "ID:\t%u\n", vxi->core.id);
	seq_printf(m, "Info:\t%p\n", vxi);
	seq_printf(m, "Init:\t%d\n", READ_ONCE(vxi->initpid));
	spin_lock(&vxi->core.lock);
	badness = vxi->badness;
	spin_unlock(&vxi->core.lock);
	seq_printf(m, "OOM:\t%lld\n", badness);
	return 0;
}

static int ctx_status_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;

	seq_printf(m, "UseCnt:\t%u\n", refcount_read(&vxi->core.usecnt));
	seq_printf(m, "Tasks:\t%d\n", atomic_read(&vxi->core.tasks));
	seq_printf(m, "Flags:\t%016llx\n", vx_flags(vxi));
	seq_printf(m, "BCaps:\t%016llx\n", READ_ONCE(vxi->bcaps.val));
	seq_printf(m, "CCaps:\t%016llx\n", READ_ONCE(vxi->ccaps));
	seq_printf(m, "Umask:\t%016llx\n", READ_ONCE(vxi->umask));
	seq_printf(m, "Wmask:\t%016llx\n", READ_ONCE(vxi->wmask));
	seq_printf(m, "Spaces:\t%08llx %08llx\n", vx_space_mask(vxi, 0),
		   vx_space_mask(vxi, 1));
	seq_printf(m, "Conntrack:\t%d\n", atomic_read(&vxi->ct_entries));
	return 0;
}

static int ctx_cvirt_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	struct vx_cvirt_stat s;
	u64 bias = vxi->start_time;
	u32 rem;

	vx_cvirt_stat(vxi, &s);
	bias = div_u64_rem(bias, NSEC_PER_SEC, &rem);
	seq_printf(m, "BiasUptime:\t%llu.%02u\n", bias, (u32)(rem / (NSEC_PER_SEC / 100)));
	seq_printf(m, "nr_threads:\t%u\n", s.nr_threads);
	seq_printf(m, "nr_running:\t%u\n", s.nr_running);
	seq_printf(m, "nr_unintr:\t%u\n", s.nr_unintr);
	seq_printf(m, "nr_onhold:\t%u\n", 0);
	seq_printf(m, "load_updates:\t%u\n", s.load_updates);
	seq_printf(m, "loadavg:\t%lu.%02lu %lu.%02lu %lu.%02lu\n",
		   LOAD_INT(s.load[0]), LOAD_FRAC(s.load[0]),
		   LOAD_INT(s.load[1]), LOAD_FRAC(s.load[1]),
		   LOAD_INT(s.load[2]), LOAD_FRAC(s.load[2]));
	seq_printf(m, "total_forks:\t%u\n", s.nr_forks);
	return 0;
}

/* The namespaces of space 0: inode numbers as in /proc/<pid>/ns/. */
static int ctx_nsproxy_show(struct seq_file *m, void *v)
{
	static const char *const names[] = {
		[VHIN_SYSNAME] = "SysName",	[VHIN_NODENAME] = "NodeName",
		[VHIN_RELEASE] = "Release",	[VHIN_VERSION] = "Version",
		[VHIN_MACHINE] = "Machine",	[VHIN_DOMAINNAME] = "DomainName",
	};
	struct vx_info *vxi = m->private;
	char name[__NEW_UTS_LEN + 1];
	unsigned int inum[VX_SPACE_TYPES];
	u32 field;
	int i;

	vx_space_inums(vxi, 0, inum);
	seq_puts(m, "NSProxy:\t[");
	for (i = 0; i < VX_SPACE_TYPES; i++)
		seq_printf(m, "%s%u", i ? "," : "", inum[i]);
	seq_puts(m, "]\n");
	for (field = VHIN_SYSNAME; field <= VHIN_DOMAINNAME; field++)
		if (!vx_get_vhi_name(vxi, field, name))
			seq_printf(m, "%s:\t%s\n", names[field], name);
	return 0;
}

/* The scheduler settings (cgroup.c) and the CPU time of the live tasks. */
static int ctx_sched_show(struct seq_file *m, void *v)
{
	struct vx_info *vxi = m->private;
	struct vx_sched s;
	u64 utime, stime;

	vx_sched_get(vxi, &s);
	vx_cputime(vxi, &utime, &stime);
	seq_printf(m, "PrioBias:\t%d\n", s.prio_bias);
	seq_printf(m, "FillRate:\t%d\n", s.fill_rate);
	seq_printf(m, "Interval:\t%d\n", s.interval);
	seq_printf(m, "UserMsec:\t%llu\n", div_u64(utime, NSEC_PER_MSEC));
	seq_printf(m, "SysMsec:\t%llu\n", div_u64(stime, NSEC_PER_MSEC));
	return 0;
}

static void show_limit_value(struct seq_file *m, u64 v)
{
	if (v == CRLIM_INFINITY)
		seq_puts(m, "-1");
	else
		seq_printf(m, "%llu", v);
}

/*
 * Every row of vx_limit_rows[]; a limit this kernel does not count shows
 * the vs2.3 form of an unset limit: nothing counted, no limit.
 */
static int ctx_limit_show(struct seq_file *m, void *v)
{
	const struct vx_limit_row *rows = vx_limit_rows;
	struct vx_info *vxi = m->private;
	struct vx_limit_stat st;
	int i;

	seq_puts(m, "Limit\t current\t min/max\t\t soft/hard\t\t hits\n");
	for (i = 0; i < VX_LIMIT_ROWS; i++) {
		const struct vx_limit *l = &vxi->limits[rows[i].id];

		if (!vx_limit_enforced(rows[i].id)) {
			seq_printf(m, "%s:\t0\t0/0\t-1/-1\t0\n", rows[i].name);
			continue;
		}
		vx_limit_stat(vxi, rows[i].id, &st);
		seq_printf(m, "%s:\t%ld\t%ld/%ld\t", rows[i].name,
			   st.value, st.min, st.max);
		show_limit_value(m, READ_ONCE(l->soft));
		seq_putc(m, '/');
		show_limit_value(m, READ_ONCE(l->hard));
		seq_printf(m, "\t%ld\n", st.hits);
	}
	return 0;
}

static bool ctx_dir_visible(const char *name)
{
	u32 xid;

	return !kstrtou32(name, 10, &xid) && vx_can_see_xid(xid);
}

/**
 * vserver_proc_add_context - Create /proc/virtual/<xid>/
 * @vxi: The new context.
 *
 * Return: 0 or -ENOMEM.
 */
int vserver_proc_add_context(struct vx_info *vxi)
{
	struct proc_dir_entry *dir;
	char name[12];

	if (!proc_virtual)
		return -ENOMEM;
	snprintf(name, sizeof(name), "%u", vxi->core.id);
	dir = proc_mkdir_data(name, 0555, proc_virtual, vxi);
	if (!dir)
		return -ENOMEM;
	proc_set_visible(dir, ctx_dir_visible);
	if (!proc_create_single_data("info", 0444, dir, ctx_info_show, vxi) ||
	    !proc_create_single_data("status", 0444, dir, ctx_status_show,
				     vxi) ||
	    !proc_create_single_data("cvirt", 0444, dir, ctx_cvirt_show, vxi) ||
	    !proc_create_single_data("nsproxy", 0444, dir, ctx_nsproxy_show,
				     vxi) ||
	    !proc_create_single_data("limit", 0444, dir, ctx_limit_show, vxi) ||
	    !proc_create_single_data("sched", 0444, dir, ctx_sched_show, vxi)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	vxi->proc_dir = dir;
	return 0;
}

/**
 * vserver_proc_remove_context - Remove /proc/virtual/<xid>/
 * @vxi: The context being unhashed.
 *
 * Returns after every reader of its files has finished.
 */
void vserver_proc_remove_context(struct vx_info *vxi)
{
	proc_remove(vxi->proc_dir);
	vxi->proc_dir = NULL;
}

/*
 * /proc/virtnet/<nid>/: the host and the spectator see every network
 * context, a guest only its own.
 */
static bool net_dir_visible(const char *name)
{
	const u32 xid = current_xid();
	u32 nid;

	if (kstrtou32(name, 10, &nid))
		return false;
	return xid == VX_ADMIN_ID || xid == VX_WATCH_ID ||
	       nid == task_nid(current);
}

static int net_status_show(struct seq_file *m, void *v)
{
	seq_printf(m, "#NTotal:\t%d\n", nx_count_total());
	seq_printf(m, "#NActive:\t%d\n", nx_count_active());
	return 0;
}

static int nx_info_show(struct seq_file *m, void *v)
{
	struct nx_info *nxi = m->private;
	const struct nx_addrs *a;
	unsigned int i;

	seq_printf(m, "ID:\t%u\n", nxi->core.id);
	seq_printf(m, "Info:\t%p\n", nxi);
	rcu_read_lock();
	a = nx_addrs(nxi);
	seq_printf(m, "Bcast:\t%pI4\n", &a->bcast);
	seq_printf(m, "Lback:\t%pI4\n", &a->lback);
	for (i = 0; i < a->n4; i++)
		seq_printf(m, "%u:\t%pI4-%pI4/%pI4:%04x\n", i, &a->v4[i].ip,
			   &a->v4[i].ip2, &a->v4[i].mask, a->v4[i].type);
	for (i = 0; i < a->n6; i++)
		seq_printf(m, "%u:\t%pI6c/%u:%04x\n", a->n4 + i,
			   &a->v6[i].ip, a->v6[i].prefix, a->v6[i].type);
	rcu_read_unlock();
	return 0;
}

static int nx_status_show(struct seq_file *m, void *v)
{
	struct nx_info *nxi = m->private;

	seq_printf(m, "UseCnt:\t%u\n", refcount_read(&nxi->core.usecnt));
	seq_printf(m, "Tasks:\t%d\n", atomic_read(&nxi->core.tasks));
	seq_printf(m, "Flags:\t%016llx\n", nx_flags(nxi));
	seq_printf(m, "NCaps:\t%016llx\n", READ_ONCE(nxi->ncaps));
	return 0;
}

/**
 * vserver_proc_add_network - Create /proc/virtnet/<nid>/
 * @nxi: The new network context.
 *
 * Return: 0 or -ENOMEM.
 */
int vserver_proc_add_network(struct nx_info *nxi)
{
	struct proc_dir_entry *dir;
	char name[12];

	if (!proc_virtnet)
		return -ENOMEM;
	snprintf(name, sizeof(name), "%u", nxi->core.id);
	dir = proc_mkdir_data(name, 0555, proc_virtnet, nxi);
	if (!dir)
		return -ENOMEM;
	proc_set_visible(dir, net_dir_visible);
	if (!proc_create_single_data("info", 0444, dir, nx_info_show, nxi) ||
	    !proc_create_single_data("status", 0444, dir, nx_status_show,
				     nxi)) {
		proc_remove(dir);
		return -ENOMEM;
	}
	nxi->proc_dir = dir;
	return 0;
}

/**
 * vserver_proc_remove_network - Remove /proc/virtnet/<nid>/
 * @nxi: The network context being unhashed.
 */
void vserver_proc_remove_network(struct nx_info *nxi)
{
	proc_remove(nxi->proc_dir);
	nxi->proc_dir = NULL;
}

/**
 * vserver_proc_pid_status - The vserver lines of /proc/<pid>/status
 * @m: The file.
 * @tsk: The task shown.
 *
 * "VxID:" and "NxID:", unless the task's context hides them.
 */
void vserver_proc_pid_status(struct seq_file *m, struct task_struct *tsk)
{
	struct vx_info *vxi = task_get_vx(tsk);
	bool hide = vxi && (vx_flags(vxi) & VXF_HIDE_VINFO);

	vx_put(vxi);
	if (hide)
		return;
	seq_printf(m, "VxID:\t%u\n", task_xid(tsk));
	seq_printf(m, "NxID:\t%u\n", task_nid(tsk));
}
EXPORT_SYMBOL_GPL(vserver_proc_pid_status);

static int __init vserver_proc_init(void)
{
	proc_virtual = proc_mkdir("virtual", NULL);
	if (!proc_virtual)
		goto out_fail;
	if (!proc_create_single("info", 0444, proc_virtual, info_show) ||
	    !proc_create_single("status", 0444, proc_virtual, status_show))
		goto out_remove_dir;
	proc_virtnet = proc_mkdir("virtnet", NULL);
	if (!proc_virtnet)
		goto out_remove_dir;
	if (!proc_create_single("info", 0444, proc_virtnet, info_show) ||
	    !proc_create_single("status", 0444, proc_virtnet, net_status_show))
		goto out_remove_net;
	return 0;

out_remove_net:
	remove_proc_subtree("virtnet", NULL);
	proc_virtnet = NULL;
out_remove_dir:
	remove_proc_subtree("virtual", NULL);
	proc_virtual = NULL;
out_fail:
	pr_err("cannot create /proc/virtual and /proc/virtnet\n");
	return -ENOMEM;
}
fs_initcall(vserver_proc_init);
