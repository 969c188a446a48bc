#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# util-vserver 0.30.215's vserver.start exec chain (util-vserver.md §1.3),
# replayed with our low-level tools in util's order and with util's
# options: chbind --secure, vspace --new --default, vcontext --create,
# vspace --mount --fs --set, vspace --set --default, vlimit from the
# configuration's rlimits/, vuname
# from uts/ and the context name, vattribute --secure --flag default
# --flag fakeinit, env -i, vcontext --migrate-self --endsetup --chroot
# --initpid --disconnect.  The guest is checked from inside and from the
# host; then it reboots itself, and the vshelper (util's restart-on-reboot
# hook, /proc/sys/kernel/vshelper) is told "restart" and, for the
# SC_HELPER flag of "default", "shutdown".  Context and network context
# 2600, address 192.0.2.26 on dummy0.

. "$(dirname "$0")/lib.sh"

xid=2600
cfg=$tmp/vservers/chain26
helper=$tmp/vshelper
log=$tmp/vshelper.log
ip link set lo up
ip link set dummy0 up
ip addr add 192.0.2.26/24 dev dummy0 2>/dev/null
kill_ctx $xid

# The configuration directory, as vserver-build writes it.
mkdir -p "$cfg/rlimits" "$cfg/uts"
echo $xid > "$cfg/context"
echo 50 > "$cfg/rlimits/nproc"
echo 300 > "$cfg/rlimits/nofile.hard"
echo chain26 > "$cfg/uts/nodename"

# The vshelper: util's init script writes its path to the sysctl.
printf '#!/bin/sh\necho "$1 $2 $VS_CMD" >> %s\n' "$log" > "$helper"
chmod 755 "$helper"
echo "$helper" > /proc/sys/kernel/vshelper
same "the vshelper sysctl holds the helper's path" "$helper" \
	"$(cat /proc/sys/kernel/vshelper 2>&1)"

# The guest's init: reports, waits for a line on the "go" FIFO (no other
# task meanwhile), then reboots -- only if it really is in the guest (a
# reboot(2) of the host would end the VM).
init="hostname > $tmp/host
	sed -n 's/^\(VxID\|NxID\):[[:space:]]*//p' /proc/self/status > $tmp/ids
	vlimit -d > $tmp/limits
	ip -4 addr show | awk '\$1 == \"inet\" { print \$2 }' > $tmp/addrs
	echo \$\$ > $tmp/pid
	touch $tmp/ready
	read line < $tmp/go
	[ \"\$(sed -n 's/^VxID:[[:space:]]*//p' /proc/self/status)\" = $xid ] &&
		exec busybox reboot -f"

mkfifo "$tmp/go"
cd / || exit 1
chbind --silent --secure --nid $xid --ip 192.0.2.26/24 -- \
	vspace --new --default -- \
	vcontext --create --xid $xid --silent -- \
	vspace --mount --fs --set -- \
	vspace --set --default -- \
	vlimit --dir "$cfg/rlimits" --missingok -- \
	vuname --xid self --dir "$cfg/uts" --missingok -- \
	vuname --xid self --set -t context="$cfg" -- \
	vattribute --set --secure --flag default --flag fakeinit -- \
	env -i PATH=/bin:/usr/bin:/sbin:/usr/sbin \
	vcontext --migrate-self --endsetup --chroot --initpid --disconnect \
		--silent -- \
	/bin/sh -c "$init" > "$tmp/chain.out" 2>&1
same "the chain succeeds" 0 $?
same "the chain prints nothing (--silent)" "" "$(cat "$tmp/chain.out")"
wait_for "$tmp/ready"

# From inside.
same "inside: the host name from uts/nodename" chain26 "$(cat "$tmp/host")"
same "inside: context and network context $xid" "$xid$nl$xid" \
	"$(cat "$tmp/ids")"
match "inside: NPROC hard 50 from rlimits/nproc" \
	"NPROC +N/A +N/A +50" "$(cat "$tmp/limits")"
match "inside: NOFILE hard 300 from rlimits/nofile.hard" \
	"NOFILE +N/A +N/A +300" "$(cat "$tmp/limits")"
same "inside: only the guest's address and lo's" \
	"127.0.0.1/8${nl}192.0.2.26/24" "$(sort "$tmp/addrs")"

# From the host, as util's scripts look at a running guest.
same "the context has one task" 1 "$(proc_field $xid status Tasks)"
same "vuname -g context names the configuration (util's running test)" \
	"$cfg" "$(vuname --xid $xid -g context)"
same "the guest's init is the --initpid process" "$(cat "$tmp/pid")" \
	"$(proc_field $xid info Init)"
flags=$(proc_field $xid status Flags)
same "flags: fakeinit, virt_uptime and sc_helper set, setup ended" \
	"10 20000 1000000000 0" \
	"$(printf '%x %x %x %x' $((0x$flags & 0x10)) $((0x$flags & 0x20000)) \
		$((0x$flags & (1 << 36))) $((0x$flags & (1 << 32))))"
match "/proc/virtual: PROC hard limit 50" "/50$" \
	"$(awk '$1 == "PROC:" { print $4 }' /proc/virtual/$xid/limit)"
same "/proc/virtual: the vs2.3 OOM: and Wmask: lines" "0 0000000000000000" \
	"$(proc_field $xid info OOM) $(proc_field $xid status Wmask)"
same "/proc/virtnet: the network context runs" 1 \
	"$(awk '$1 == "Tasks:" { print $2 }' /proc/virtnet/$xid/status)"
same "no vshelper call while the guest runs" "" "$(sort "$log" 2>/dev/null)"

# The guest reboots: it ends, and the vshelper hears of it.
echo go > "$tmp/go"
wait_gone $xid
same "the guest is gone after its reboot" "" \
	"$(ls /proc/virtual | grep -x $xid)"
i=0
while [ "$(wc -l < "$log" 2>/dev/null)" != 2 ] && [ $i -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
same "the vshelper heard: restart (VS_CMD RESTART), then shutdown" \
	"restart $xid 01234567${nl}shutdown $xid 00000002" \
	"$(sort "$log" 2>/dev/null)"

echo > /proc/sys/kernel/vshelper
same "the vshelper sysctl is empty again" "" \
	"$(cat /proc/sys/kernel/vshelper)"
ip addr del 192.0.2.26/24 dev dummy0 2>/dev/null
