#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver build writes safe default limits into rlimits/, sized from the
# host, printed; --limit and .defaults/rlimits/ replace them; start
# applies them, and warns about a guest without any limit.  Guests df*,
# contexts 3040..3049.

. "$(dirname "$0")/lib.sh"

C=/etc/vservers
ip link set lo up
for g in dfa dfb dfc dfn; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
rm -rf $C/.defaults/rlimits

pid_max=$(cat /proc/sys/kernel/pid_max)
threads=$(cat /proc/sys/kernel/threads-max)
low=$pid_max
[ "$threads" -lt "$low" ] && low=$threads
nproc=$((low / 8))
[ "$nproc" -lt 64 ] && nproc=64
ram_pages=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 4))
aio=$(($(cat /proc/sys/fs/aio-max-nr) / 8))

out=$(vserver dfa build -m skeleton --context 3040 2>&1)
same "build: exit 0" 0 "$?"
same "build: nproc is 1/8 of the lower of pid_max and threads-max" \
	"$nproc" "$(cat $C/dfa/rlimits/nproc)"
same "build: rss is 1/4 of the RAM, in pages" "$((ram_pages / 4))" \
	"$(cat $C/dfa/rlimits/rss)"
same "build: aio is 1/8 of fs.aio-max-nr" "$aio" "$(cat $C/dfa/rlimits/aio)"
same "build: the other defaults" \
	"locks=4096 msgqueue=16777216 nsems=4096 posixmq=3276800 semary=128 sigpending=4096" \
	"$(for f in locks msgqueue nsems posixmq semary sigpending; do printf '%s=%s ' $f "$(cat $C/dfa/rlimits/$f)"; done | sed 's/ $//')"
same "build: nofile, nsock, memlock, shmem are written" "memlock nofile nsock shmem" \
	"$(cd $C/dfa/rlimits && ls memlock nofile nsock shmem | tr '\n' ' ' | sed 's/ $//')"
match "build: prints every limit" "limit nproc = $nproc \(host\)" "$out"
same "build: as many lines printed as files" \
	"$(ls $C/dfa/rlimits | wc -l)" "$(echo "$out" | grep -c ': limit ')"

# --limit and .defaults/rlimits/
mkdir -p $C/.defaults/rlimits
echo 333 > $C/.defaults/rlimits/nproc
echo 77 > $C/.defaults/rlimits/locks.hard
out=$(vserver dfb build -m skeleton --context 3041 \
	--limit nofile=2k --limit locks=inf 2>&1)
same "--limit and .defaults: exit 0" 0 "$?"
same ".defaults/rlimits/nproc replaces the default" 333 \
	"$(cat $C/dfb/rlimits/nproc)"
same "--limit replaces it too" 2k "$(cat $C/dfb/rlimits/nofile)"
same "--limit wins over .defaults" inf "$(cat $C/dfb/rlimits/locks)"
match "... and says so" "limit locks = inf \(--limit\)" "$out"
rm -rf $C/.defaults/rlimits
check "--limit of an unknown resource" 2 "" \
"vserver: build: --limit bananas=1: unknown limit 'bananas'
vserver: build: invalid --limit
Try 'vserver <name> build --help' for more information." \
	vserver dfc build -m skeleton --limit bananas=1
check "--limit with a bad value" 2 "" \
"vserver: build: --limit nproc=lots: 'lots' is not a limit: a number (suffix K, M, k, m) or 'inf'
vserver: build: invalid --limit
Try 'vserver <name> build --help' for more information." \
	vserver dfc build -m skeleton --limit nproc=lots
export VSERVER_QUIET=1
check "--limit of a limit the kernel does not enforce" 1 "" \
"vserver: build: --limit anon: this kernel does not support this limit
vserver: dfc: build failed at step 'configuration' (the message above names the path); what it created was removed" \
	vserver dfc build -m skeleton --context 3042 --limit anon=5
same "... nothing is left" "" "$(ls -d $C/dfc 2>/dev/null)"
unset VSERVER_QUIET

# start applies them; a guest without limits is warned about.
vserver dfa build -m busybox --context 3040 --force >/dev/null 2>&1
rm -rf $C/dfa.~* /vservers/dfa.~*
vserver dfa start >/dev/null 2>$tmp/err
same "start: exit 0" 0 "$?"
same "start: no warning with the defaults" "" "$(cat $tmp/err)"
match "start: /proc/virtual shows the nproc default" "/$nproc	" \
	"$(awk '$1 == "PROC:" { print $4 "\t" }' /proc/virtual/3040/limit)"
match "start: and the aio default" "/$aio	" \
	"$(awk '$1 == "AIO:" { print $4 "\t" }' /proc/virtual/3040/limit)"
vserver dfa stop >/dev/null 2>&1
vserver dfn build -m busybox --context 3043 >/dev/null 2>&1
rm -rf $C/dfn/rlimits
vserver dfn start >/dev/null 2>$tmp/err
same "start without limits: exit 0" 0 "$?"
match "... with a warning" "warning: dfn: starts without any limit" \
	"$(cat $tmp/err)"
vserver dfn stop >/dev/null 2>&1

for g in dfa dfb dfc dfn; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
