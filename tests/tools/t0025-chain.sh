#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The whole chain of tools that builds a guest, as the vserver front end
# runs it: vcontext --create (with a cgroup of its own) -- vattribute --
# vlimit -- vsched -- chbind -- vuname -- vcontext --migrate-self
# --endsetup -- a shell.  The result is checked from the host (/proc/virtual,
# /proc/virtnet, the cgroup files) and from inside (its host name, ids,
# limits, memory, addresses).  Context 2300, network context 2300,
# address 192.0.2.30 on dummy0.

. "$(dirname "$0")/lib.sh"

cg=/sys/fs/cgroup
grep -q " $cg cgroup2 " /proc/mounts || mount -t cgroup2 none "$cg"
ip link set lo up
ip link set dummy0 up
ip addr add 192.0.2.30/24 dev dummy0 2>/dev/null
kill_ctx 2300
rmdir "$cg/vschain-2300" 2>/dev/null

vcontext --create --xid 2300 --cgroup "$cg/vschain-2300" -- \
	vattribute --set --flag virt_uptime,virt_mem,hide_mount -- \
	vlimit --nproc 40 --nofile 400 --rss 8192 -- \
	vsched --fill-rate 1 --interval 2 --prio-bias -5 -- \
	chbind --silent --nid 2300 --ip 192.0.2.30/24 -- \
	vuname -t nodename=chain -t context=chain -- \
	vcontext --migrate-self --endsetup -- \
	/bin/sh -c "hostname > $tmp/host
		sed -n 's/^\(VxID\|NxID\):[[:space:]]*//p' /proc/self/status \
			> $tmp/ids
		awk '/^MemTotal:/ { print \$2 }' /proc/meminfo > $tmp/mem
		free | awk '\$1 == \"Mem:\" { print \$2, \$3 }' > $tmp/free
		ip -4 addr show | awk '\$1 == \"inet\" { print \$2 }' \
			> $tmp/addrs
		vlimit -d > $tmp/limits
		touch $tmp/ready
		exec sleep 30" > "$tmp/chain.out" 2>&1 &
wait_for "$tmp/ready"

same "the chain prints only the new context" "New security context is 2300" \
	"$(cat "$tmp/chain.out")"
# From inside.
same "inside: the host name" chain "$(cat "$tmp/host")"
same "inside: context 2300, network context 2300" "2300${nl}2300" \
	"$(cat "$tmp/ids")"
same "inside: MemTotal is the RSS limit (8192 pages)" 32768 \
	"$(cat "$tmp/mem")"
# free counts Buffers, Cached and SReclaimable as cache: all the guest's.
match "inside: free shows total 32768 and a used part within it" \
	"^32768 [0-9]+$" "$(cat "$tmp/free")"
used=$(cut -d' ' -f2 "$tmp/free")
[ "${used:-99999}" -le 32768 ] 2>/dev/null
same "inside: used memory ($used kB) is not above the total" 0 $?
same "inside: ip addr shows only the guest's address and lo's" \
	"127.0.0.1/8${nl}192.0.2.30/24" "$(sort "$tmp/addrs")"
match "inside: vlimit sees its limits" \
	"NPROC +N/A +N/A +40" "$(cat "$tmp/limits")"
# From the host.
same "the context has one task" 1 "$(proc_field 2300 status Tasks)"
same "the setup has ended; virt_uptime, virt_mem, hide_mount set" \
	0000000601030000 "$(proc_field 2300 status Flags)"
match "/proc/virtual: PROC hard limit 40" "/40	" \
	"$(awk '$1 == "PROC:" { print $4 "\t" }' /proc/virtual/2300/limit)"
match "/proc/virtual: RSS hard limit 8192" "/8192	" \
	"$(awk '$1 == "RSS:" { print $4 "\t" }' /proc/virtual/2300/limit)"
same "/proc/virtual: the scheduler settings" "-5 1 2" \
	"$(awk '$1 == "PrioBias:" { b = $2 } $1 == "FillRate:" { f = $2 }
		$1 == "Interval:" { i = $2 } END { print b, f, i }' \
		/proc/virtual/2300/sched)"
same "the cgroup's memory.max" 33554432 "$(cat "$cg/vschain-2300/memory.max")"
same "the cgroup's cpu.max: half a CPU" "50000 100000" \
	"$(cat "$cg/vschain-2300/cpu.max")"
same "the cgroup's cpu.weight: bias -5" 305 \
	"$(cat "$cg/vschain-2300/cpu.weight")"
match "/proc/virtnet: the guest's address" \
	"192\\.0\\.2\\.30-0\\.0\\.0\\.0/255\\.255\\.255\\.0:0010" \
	"$(cat /proc/virtnet/2300/info)"
same "/proc/virtnet: one task" 1 \
	"$(awk '$1 == "Tasks:" { print $2 }' /proc/virtnet/2300/status)"
same "vuname sees the guest's nodename from the host" chain \
	"$(vuname --xid 2300 nodename)"
same "vserver-stat lists the context by name" 1 \
	"$(vserver-stat | awk '$1 == 2300 && $NF == "chain"' | wc -l)"

kill_ctx 2300
wait_gone 2300
same "the context is gone" "" "$(ls /proc/virtual | grep -x 2300)"
same "the network context is gone" "" "$(ls /proc/virtnet | grep -x 2300)"
rmdir "$cg/vschain-2300"
same "its cgroup could be removed" "" "$(ls "$cg" | grep -x vschain-2300)"
ip addr del 192.0.2.30/24 dev dummy0 2>/dev/null
