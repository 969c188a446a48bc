#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vsched and vcontext --cgroup in the VM: a context created in a cgroup v2
# of its own, its RSS limit as memory.max (vlimit) and its scheduler
# settings as cpu.max and cpu.weight (vsched), read back with vsched;
# --dir; the guest-building chain (self); the EBUSY of a context created
# in the root cgroup; the --cgroup errors, which leave nothing behind.
# Contexts 2200..2249, cgroups /sys/fs/cgroup/vstool-*.

d=$(dirname "$0")
if [ -f "$d/lib.sh" ]; then
	. "$d/lib.sh"
else
	. "$d/../tools/lib.sh"
fi

cg=/sys/fs/cgroup
for x in 2200 2201 2202 2203 2204 2205 2206 2207 2208 2209; do
	kill_ctx "$x"
done
# Leftovers of an earlier run: the deepest cgroups first.
for c in $(ls -d $cg/vstool-* $cg/vstool-*/* $cg/vstool-*/*/* 2>/dev/null |
	   awk '{ print length($0), $0 }' | sort -rn | cut -d' ' -f2); do
	[ -d "$c" ] && rmdir "$c" 2>/dev/null
done

# The cgroup2 file system, mounted here unless it is already.
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none "$cg"
check "cgroup2 is mounted on $cg" 0 "cgroup2" "" \
	awk -v m="$cg" '$2 == m { print $3 }' /proc/mounts

# The settings vsched shows, without the times.
settings() # XID
{
	vsched --xid "$1" | sed -n '1,/^prio-bias/p'
}

line() # NAME VALUE
{
	printf '%-12s%s' "$1" "$2"
}

# Which of memory and cpu a cgroup file lists.
ctl() # FILE
{
	tr ' ' '\n' < "$1" | grep -xE 'memory|cpu' | sort | tr '\n' ' ' |
		sed 's/ $//'
}

# fill-rate, interval, prio-bias as vsched shows them.
shown() # FILL INTERVAL BIAS
{
	echo "$(line fill-rate "$1")$nl$(line interval "$2")$nl$(line \
		prio-bias "$3")"
}

# 1. A context in a cgroup of its own.
check "--create --cgroup: the command runs in the new cgroup" 0 \
	"0::/vstool-2200" "" \
	vcontext --create --xid 2200 --silent --flag persistent \
	--cgroup "$cg/vstool-2200" -- cat /proc/self/cgroup
same "the cgroup was made" yes "$([ -d "$cg/vstool-2200" ] && echo yes)"
same "memory and cpu are enabled at the root" "cpu memory" \
	"$(ctl "$cg/cgroup.subtree_control")"
same "... so the new cgroup has both" "cpu memory" \
	"$(ctl "$cg/vstool-2200/cgroup.controllers")"
same "the cgroup is empty when the command has ended" "" \
	"$(cat "$cg/vstool-2200/cgroup.procs")"
same "the cgroup has no limits yet" "max max 100000 100" \
	"$(cat "$cg/vstool-2200/memory.max" "$cg/vstool-2200/cpu.max" \
	"$cg/vstool-2200/cpu.weight" | tr '\n' ' ' | sed 's/ $//')"
check "vsched shows the settings of a new context" 0 "$(shown 1 1 0)" "" \
	settings 2200

# 2. The RSS limit is the cgroup's memory.max: pages, 4 KiB each.
check "vlimit --rss 1000" 0 "" "" vlimit --xid 2200 --rss 1000
same "memory.max is 1000 pages" 4096000 "$(cat "$cg/vstool-2200/memory.max")"
check "vlimit lists it" 0 \
	"$(printf '%-10s  %-18s  %-18s  %s' RSS N/A N/A 1000)" "" \
	sh -c 'vlimit -c 2200 -d | grep "^RSS "'
check "vlimit --rss inf" 0 "" "" vlimit --xid 2200 --rss inf
same "memory.max is max again" max "$(cat "$cg/vstool-2200/memory.max")"

# 3. The scheduler: cap and share.
check "vsched --fill-rate 1 --interval 4 --prio-bias -5" 0 "" "" \
	vsched --xid 2200 --fill-rate 1 --interval 4 --prio-bias -5
same "cpu.max is a quarter of a CPU" "25000 100000" \
	"$(cat "$cg/vstool-2200/cpu.max")"
same "cpu.weight is the weight of nice -5" 305 \
	"$(cat "$cg/vstool-2200/cpu.weight")"
check "vsched reads them back" 0 "$(shown 1 4 -5)" "" settings 2200
out=$(vsched --xid 2200)
match "... and the CPU times of the context" \
	"^user-msec   [0-9]+${nl}sys-msec    [0-9]+${nl}hold-msec   0${nl}token-usec  [0-9]+$" \
	"$(echo "$out" | sed -n '4,$p')"
same "... seven lines in all" 7 "$(echo "$out" | wc -l | tr -d ' ')"
check "the token settings are passed on and ignored" 0 "" "" \
	vsched --xid 2200 --tokens 100 --tokens-min 50 --tokens-max 200 \
	--fill-rate2 1 --interval2 2 --idle-time --cpu-id 0 --bucket-id 0 \
	--force
check "... nothing changed" 0 "$(shown 1 4 -5)" "" settings 2200
same "... cpu.max neither" "25000 100000" "$(cat "$cg/vstool-2200/cpu.max")"
check "one value alone keeps the others" 0 "" "" \
	vsched --xid 2200 --interval 2
same "cpu.max is half a CPU" "50000 100000" "$(cat "$cg/vstool-2200/cpu.max")"
same "cpu.weight is still 305" 305 "$(cat "$cg/vstool-2200/cpu.weight")"
check "1/1: no cap, nice 0: weight 100" 0 "" "" \
	vsched --xid 2200 --fill-rate 3 --interval 3 --prio-bias 0
same "cpu.max and cpu.weight" "max 100000 100" \
	"$(cat "$cg/vstool-2200/cpu.max" "$cg/vstool-2200/cpu.weight" |
	   tr '\n' ' ' | sed 's/ $//')"
check "a bias beyond 19 counts as 19" 0 "" "" \
	vsched --xid 2200 --prio-bias 40
same "cpu.weight 1" 1 "$(cat "$cg/vstool-2200/cpu.weight")"
check "... but is kept as given" 0 "$(shown 3 3 40)" "" settings 2200
check "a fill rate of 0 is refused" 255 "" \
	"vsched: cannot set the scheduler of context 2200: Invalid argument" \
	vsched --xid 2200 --fill-rate 0
check "... and nothing changed" 0 "$(shown 3 3 40)" "" settings 2200
check "a bias of -2 is set like any other (only the mask keeps one)" 0 \
	"" "" vsched --xid 2200 --prio-bias -2
same "... cpu.weight is nice -2's, 155" 155 \
	"$(cat "$cg/vstool-2200/cpu.weight")"

# 4. --dir, as vserver start runs it on /etc/vservers/<name>/sched.
dir=$tmp/sched
mkdir "$dir"
echo 1 > "$dir/fill-rate"
echo ' 4 ' > "$dir/interval"
echo 7 > "$dir/prio-bias"
echo -5 > "$dir/priority-bias"
echo 100 > "$dir/tokens"
echo 1 > "$dir/README"
mkdir "$dir/cpu1"
echo 1 > "$dir/cpu1/fill-rate"
check "--dir: the settings set, the per-CPU ones warned about" 0 "" \
	"vsched: ignoring '$dir/cpu1': per-CPU settings are not supported by this kernel" \
	vsched --xid 2200 --dir "$dir"
check "... priority-bias wins over prio-bias" 0 "$(shown 1 4 -5)" "" \
	settings 2200
same "... cpu.max and cpu.weight" "25000 100000 305" \
	"$(cat "$cg/vstool-2200/cpu.max" "$cg/vstool-2200/cpu.weight" |
	   tr '\n' ' ' | sed 's/ $//')"
rm -r "$dir/cpu1"
check "the command line wins over --dir" 0 "$(shown 1 8 -5)" "" \
	sh -c "vsched --xid 2200 --dir $dir --interval 8 && vsched --xid 2200 |
	       sed -n '1,3p'"
echo 1x > "$dir/interval"
check "a bad file: exit 1, nothing set" 1 "" \
	"vsched: invalid value '1x' in '$dir/interval'" \
	vsched --xid 2200 --dir "$dir" --prio-bias 10
check "... the settings are unchanged" 0 "$(shown 1 8 -5)" "" settings 2200
echo 0 > "$dir/interval"
check "settings from --dir the kernel refuses: exit 1" 1 "" \
	"vsched: cannot set the scheduler of context 2200: Invalid argument" \
	vsched --xid 2200 --dir "$dir"
echo 4 > "$dir/interval"
check "--missingok without the directory" 0 "" "" \
	vsched --xid 2200 --dir "$tmp/none" --missingok

# 5. Errors.
check "a context that does not exist: set" 255 "" \
	"vsched: cannot set the scheduler of context 2249: No such process" \
	vsched --xid 2249 --fill-rate 1
check "a context that does not exist: show" 255 "" \
	"vsched: cannot read the scheduler of context 2249: No such process" \
	vsched --xid 2249
check "the host context has no scheduler settings" 255 "" \
	"vsched: cannot read the scheduler of context 0: No such process" \
	vsched --xid 0
check "the host is no guest: self needs --xid" 255 "" \
"vsched: the caller is in no guest context: give --xid <xid>
Try 'vsched --help' for more information." \
	vsched --prio-bias 5

# 6. A context created without --cgroup (the VM's processes are in the
# root cgroup) has no cgroup of its own: EBUSY, and the hint.
vcontext --create --xid 2202 --silent --flag persistent -- true
check "vsched on a context in the root cgroup: EBUSY" 255 "" \
"vsched: cannot set the scheduler of context 2202: Device or resource busy
vsched: context 2202 has no cgroup of its own; create it with 'vcontext --create --cgroup <dir>'" \
	vsched --xid 2202 --fill-rate 1 --interval 4
check "... with --dir: exit 1" 1 "" \
"vsched: cannot set the scheduler of context 2202: Device or resource busy
vsched: context 2202 has no cgroup of its own; create it with 'vcontext --create --cgroup <dir>'" \
	vsched --xid 2202 --dir "$dir"
check "... its settings can still be read" 0 "$(shown 1 1 0)" "" \
	settings 2202
check "vlimit --rss on it: EBUSY too" 255 "" \
	"vlimit: cannot set limit 'rss' of context 2202: Device or resource busy" \
	vlimit --xid 2202 --rss 1000
check "... its other limits work" 0 "" "" vlimit --xid 2202 --nproc 10
kill_ctx 2202
check "in the chain without --cgroup: EBUSY from inside" 255 "" \
"vsched: cannot set the scheduler of context 2203: Device or resource busy
vsched: context 2203 has no cgroup of its own; create it with 'vcontext --create --cgroup <dir>'" \
	vcontext --create --xid 2203 --silent -- \
	vsched --xid self --force --prio-bias 3 -- true

# 7. The chain that builds a guest: vsched on its own context (self),
# from the setup and after it.
check "in the chain: --dir and self, then the command" 0 \
	"$(shown 1 4 -5)${nl}25000 100000${nl}305" "" \
	vcontext --create --xid 2201 --silent --cgroup "$cg/vstool-2201" -- \
	vlimit --rss 2000 -- \
	vsched --xid self --force --dir "$dir" --missingok -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "vsched | sed -n '1,3p'; cat $cg/vstool-2201/cpu.max \
		$cg/vstool-2201/cpu.weight"
same "the chain's cgroup stays, empty" "yes:" \
	"$([ -d "$cg/vstool-2201" ] && echo yes):$(cat "$cg/vstool-2201/cgroup.procs")"
same "... its memory.max is the chain's" 8192000 \
	"$(cat "$cg/vstool-2201/memory.max")"
check "the guest cannot change its settings after the setup" 255 "" \
	"vsched: cannot set the scheduler of context 2204: Operation not permitted" \
	vcontext --create --xid 2204 --silent --cgroup "$cg/vstool-2204" -- \
	vcontext --migrate-self --endsetup -- vsched --prio-bias 0
check "a missing --dir in the chain is no error" 0 "ran" "" \
	vcontext --create --xid 2205 --silent --cgroup "$cg/vstool-2205" -- \
	vsched --xid self --force --dir "$tmp/none" --missingok -- echo ran

# 8. --cgroup: nested, and what fails leaves nothing behind.
check "a nested cgroup, its parents made too" 0 "0::/vstool-n/a/b" "" \
	vcontext --create --xid 2206 --silent --cgroup "$cg/vstool-n/a/b" -- \
	cat /proc/self/cgroup
same "... memory and cpu enabled down to it" "cpu memory" \
	"$(ctl "$cg/vstool-n/a/b/cgroup.controllers")"
check "--create of a context in its setup: 254" 254 "" \
	"vcontext: cannot create context 2200: Device or resource busy" \
	vcontext --create --xid 2200 --cgroup "$cg/vstool-x/y" -- true
same "... the cgroups it made are gone" no \
	"$([ -e "$cg/vstool-x" ] && echo yes || echo no)"
check "... an existing cgroup stays" 254 "" \
	"vcontext: cannot create context 2200: Device or resource busy" \
	vcontext --create --xid 2200 --cgroup "$cg/vstool-n/a/c" -- true
same "... only the new part is removed" "yes no" \
	"$([ -d "$cg/vstool-n/a" ] && echo yes) $([ -e "$cg/vstool-n/a/c" ] &&
	   echo yes || echo no)"
check "a command that is not there: 127, the cgroup is removed" 127 "" \
	"vcontext: cannot execute '/nonexistent': No such file or directory" \
	vcontext --create --xid 2207 --silent --cgroup "$cg/vstool-2207" -- \
	/nonexistent
same "... no cgroup, no context" "no no" \
	"$([ -e "$cg/vstool-2207" ] && echo yes || echo no) $([ -e \
	/proc/virtual/2207 ] && echo yes || echo no)"
mkdir "$tmp/root"
check "a failure after --chroot still removes the cgroup" 127 "" \
	"vcontext: cannot execute '/bin/true': No such file or directory" \
	sh -c "cd $tmp/root && exec vcontext --create --xid 2208 --silent \
		--cgroup $cg/vstool-2208 --chroot -- /bin/true"
same "... no cgroup, no context" "no no" \
	"$([ -e "$cg/vstool-2208" ] && echo yes || echo no) $([ -e \
	/proc/virtual/2208 ] && echo yes || echo no)"
check "the root of the cgroup2 file system" 255 "" \
	"vcontext: cannot use '$cg' as a cgroup: it is the root of its cgroup2 file system" \
	vcontext --create --xid 2208 --cgroup "$cg/" -- true
check "a cgroup2 file, not a directory" 255 "" \
	"vcontext: cannot use '$cg/cgroup.procs': Not a directory" \
	vcontext --create --xid 2208 --cgroup "$cg/cgroup.procs" -- true
check "not on cgroup2" 255 "" \
	"vcontext: cannot use '$tmp/cg' as a cgroup: '$tmp' is not on a cgroup2 file system" \
	vcontext --create --xid 2208 --cgroup "$tmp/cg" -- true
# A cgroup that passes controllers on cannot take processes.
mkdir "$cg/vstool-busy" "$cg/vstool-busy/child"
echo +memory > "$cg/vstool-busy/cgroup.subtree_control"
check "a cgroup with controllers for its children: EBUSY, named" 255 "" \
	"vcontext: cannot write '$cg/vstool-busy/cgroup.procs': Device or resource busy" \
	vcontext --create --xid 2208 --cgroup "$cg/vstool-busy" -- true
same "... no context made" no \
	"$([ -e /proc/virtual/2208 ] && echo yes || echo no)"
# A parent with a process of its own cannot pass controllers on (and
# vcontext does not try: cpu alone would make it a thread root, where the
# new cgroup could take no process): the new cgroup gets none, which is
# reported; the context is made.
mkdir "$cg/vstool-proc"
sh -c "echo \$\$ > $cg/vstool-proc/cgroup.procs; exec sleep 60" &
sleeper=$!
i=0
while [ -z "$(cat "$cg/vstool-proc/cgroup.procs")" ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "controllers refused: a warning for each, the context is made" 0 \
	"0::/vstool-proc/c" \
"vcontext: the memory controller is not available in '$cg/vstool-proc/c' (cgroup.controllers): the context's memory limit will not act on this cgroup
vcontext: '+memory' in '$cg/vstool-proc/cgroup.subtree_control': '$cg/vstool-proc' has processes of its own
vcontext: the cpu controller is not available in '$cg/vstool-proc/c' (cgroup.controllers): the context's CPU settings will not act on this cgroup
vcontext: '+cpu' in '$cg/vstool-proc/cgroup.subtree_control': '$cg/vstool-proc' has processes of its own" \
	vcontext --create --xid 2209 --silent --cgroup "$cg/vstool-proc/c" -- \
	cat /proc/self/cgroup
kill "$sleeper" 2>/dev/null
wait "$sleeper" 2>/dev/null

# Clean up: the contexts, then the cgroups, deepest first.
for x in 2200 2201 2202 2203 2204 2205 2206 2207 2208 2209; do
	kill_ctx "$x"
done
for c in vstool-n/a/b vstool-n/a vstool-n vstool-busy/child vstool-busy \
	 vstool-proc/c vstool-proc vstool-2200 vstool-2201 vstool-2204 \
	 vstool-2205; do
	[ -d "$cg/$c" ] && rmdir "$cg/$c"
done
same "every cgroup of the test is removed" "" \
	"$(ls -d $cg/vstool-* 2>/dev/null)"
