#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Disk limits on the disk host's project quotas: vdlimit, vserver build
# --disk-limit and .defaults/dlimits, vdu, the dlimits/<n>/ files applied by
# vserver start (directory, space_total, inodes_total, reservedspace,
# disabled), df and df -i inside the guest, EDQUOT inside while the host
# and another guest go on writing, the usage across stop and start, bad
# values and a file system without project quotas.  Guests dl*,
# contexts 3190..3199.

. "$(dirname "$0")/lib.sh"

export VSERVER_QUIET=1
C=/etc/vservers
ip link set lo up
for g in dl1 dl2 dl3 dl4 dl5; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
rm -rf $C/.defaults/dlimits /tmp/dl-roots /vs-dl-host

# df -k / (or -i) inside a guest: "total used available" of /.
gdf() # GUEST [-i]
{
	vserver "$1" exec df -k $2 / 2>/dev/null | awk 'NR == 2 { print $2, $3, $4 }'
}

# vdlimit's value of KEY for xid on dir.
dlv() # XID DIR KEY
{
	vdlimit --xid "$1" "$2" 2>/dev/null | sed -n "s/^$3=//p"
}

# --- vdlimit -------------------------------------------------------------
mkdir -p /vs-dl-host/p
check "vdlimit: a file system without project quotas" 255 "" \
	"vdlimit: cannot set the disk limit of 3199 on '/tmp': the file system has no enforced project quotas" \
	vdlimit --xid 3199 --set space_total=100 /tmp
check "vdlimit: an unknown path" 255 "" \
	"vdlimit: cannot set the disk limit of 3199 on '/no/such': No such file or directory" \
	vdlimit --xid 3199 --set space_total=100 /no/such
check "vdlimit: no limit to show" 255 "" \
	"vdlimit: cannot read the disk limit of 3199 on '/vs-dl-host': No such process" \
	vdlimit --xid 3199 /vs-dl-host
check "vdlimit --set" 0 "" "" vdlimit --xid 3199 --set space_total=1000 \
	--set inodes_total=50 --set reserved=5 --set space_used=7 /vs-dl-host
check "vdlimit shows it" 0 "3199 /vs-dl-host
space_used=0
space_total=1000
inodes_used=0
inodes_total=50
reserved=5" "" vdlimit --xid 3199 /vs-dl-host
check "vdlimit --set keeps the keys not given" 0 "" "" \
	vdlimit --xid 3199 --set inodes_total=inf /vs-dl-host
same "... space_total kept, inodes_total none" "1000 inf" \
	"$(dlv 3199 /vs-dl-host space_total) $(dlv 3199 /vs-dl-host inodes_total)"
check "vdlimit --remove" 0 "" "" vdlimit --xid 3199 --remove /vs-dl-host
check "vdlimit --remove again" 255 "" \
	"vdlimit: cannot remove the disk limit of 3199 on '/vs-dl-host': No such process" \
	vdlimit --xid 3199 --remove /vs-dl-host

# --- build --disk-limit, start, df inside --------------------------------
vserver dl1 build -m busybox --context 3191 --disk-limit 4M,1000 >/dev/null 2>&1
same "build --disk-limit: exit 0" 0 "$?"
same "build: dlimits/0/directory" /vservers/dl1 "$(cat $C/dl1/dlimits/0/directory)"
same "build: dlimits/0/space_total in KiB" 4096 "$(cat $C/dl1/dlimits/0/space_total)"
same "build: dlimits/0/inodes_total" 1000 "$(cat $C/dl1/dlimits/0/inodes_total)"
check "start dl1" 0 "" "" vserver dl1 start
used=$(dlv 3191 /vservers/dl1 space_used)
iused=$(dlv 3191 /vservers/dl1 inodes_used)
match "the built root is charged to the guest's project" '^[1-9][0-9]*$' "$used"
echo "# df inside dl1:"
vserver dl1 exec df -k / 2>&1 | sed 's/^/#   /'
vserver dl1 exec df -i / 2>&1 | sed 's/^/#   /'
same "df inside: total and used are the limit and the project's usage" \
	"4096 $used" "$(gdf dl1 | cut -d' ' -f1,2)"
same "df -i inside: inodes and used inodes" "1000 $iused" \
	"$(gdf dl1 -i | cut -d' ' -f1,2)"
match "df on the host shows the whole disk" '^[0-9]+$' \
	"$(df -k / | awk 'NR == 2 && $2 > 4096 { print $2 }')"

# EDQUOT inside; the host and a second guest still write.
vserver dl2 build -m busybox --context 3192 --disk-limit 8M >/dev/null 2>&1
check "start dl2" 0 "" "" vserver dl2 start
err=$(vserver dl1 exec dd if=/dev/zero of=/big bs=64k count=200 2>&1)
match "dl1: writing past its limit fails with EDQUOT" "Disk quota exceeded" "$err"
same "dl1: its usage stops at the limit" yes \
	"$([ "$(dlv 3191 /vservers/dl1 space_used)" -le 4096 ] && echo yes)"
same "the host still writes 1 MiB" 0 \
	"$(dd if=/dev/zero of=/vs-dl-host/f bs=64k count=16 2>/dev/null; echo $?)"
same "dl2 still writes 1 MiB" 0 \
	"$(vserver dl2 exec dd if=/dev/zero of=/f bs=64k count=16 2>/dev/null; echo $?)"
used=$(dlv 3191 /vservers/dl1 space_used)
same "df inside after the writes: used and available" \
	"$used $((4096 - used))" "$(gdf dl1 | cut -d' ' -f2,3)"
same "vdu: the project's space and inodes, as vdlimit shows them" \
	"/vservers/dl1 $used $(dlv 3191 /vservers/dl1 inodes_used)" \
	"$(vdu --xid 3191 /vservers/dl1)"
same "vdu --space --script" "$used" "$(vdu --xid 3191 --space --script /vservers)"
vserver dl1 exec rm -f /big
vserver dl1 exec sh -c 'i=0; while [ $i -lt 1200 ]; do touch /n$i || break; i=$((i+1)); done' \
	>"$tmp/touch" 2>&1
match "dl1: files past its inode limit fail with EDQUOT" "Disk quota exceeded" \
	"$(cat "$tmp/touch")"
same "dl1: its inodes stop at the limit" 1000 "$(dlv 3191 /vservers/dl1 inodes_used)"

# The usage survives stop and start.
before="$(dlv 3191 /vservers/dl1 space_used) $(dlv 3191 /vservers/dl1 inodes_used)"
check "stop dl1" 0 "" "" vserver dl1 stop
check "start dl1 again" 0 "" "" vserver dl1 start
same "the usage survives stop and start" "$before" \
	"$(dlv 3191 /vservers/dl1 space_used) $(dlv 3191 /vservers/dl1 inodes_used)"

# reservedspace: that part of the limit is not available inside.
check "stop dl1" 0 "" "" vserver dl1 stop
rm -f /vservers/dl1/big
echo 10 > $C/dl1/dlimits/0/reservedspace
check "start with reservedspace 10" 0 "" "" vserver dl1 start
set -- $(gdf dl1)
# (in 4 KiB blocks, as the kernel reckons it)
same "reservedspace: available is free minus 10 % of the limit" \
	"$(( $1 - $2 - $1 / 4 * 10 / 100 * 4 ))" "$3"

# disabled: the limit is not applied.
check "stop dl2" 0 "" "" vserver dl2 stop
vdlimit --xid 3192 --remove /vservers/dl2
touch $C/dl2/dlimits/0/disabled
check "start dl2 with dlimits/0/disabled" 0 "" "" vserver dl2 start
check "... no limit registered" 255 "" \
	"vdlimit: cannot read the disk limit of 3192 on '/vservers/dl2': No such process" \
	vdlimit --xid 3192 /vservers/dl2

# A bad value: start fails naming the file.
check "stop dl1" 0 "" "" vserver dl1 stop
echo 12x > $C/dl1/dlimits/0/space_total
check "start: a bad space_total" 1 "" \
	"vserver: $C/dl1/dlimits/0/space_total: invalid value '12x': a number or 'inf'
vserver: dl1: not started" vserver dl1 start
echo 101 > $C/dl1/dlimits/0/space_total
echo 200 > $C/dl1/dlimits/0/reservedspace
check "start: a bad reservedspace" 1 "" \
	"vserver: $C/dl1/dlimits/0/reservedspace: invalid value '200': a percentage, 0..100
vserver: dl1: not started" vserver dl1 start
rm $C/dl1/dlimits/0/directory
check "start: no directory" 1 "" \
	"vserver: $C/dl1/dlimits/0/directory: an absolute directory is needed
vserver: dl1: not started" vserver dl1 start

# .defaults/dlimits/ and a directory tagged at start.
mkdir -p $C/.defaults/dlimits/0
echo 2048 > $C/.defaults/dlimits/0/space_total
echo 3 > $C/.defaults/dlimits/0/reservedspace
vserver dl3 build -m busybox --context 3193 >/dev/null 2>&1
same ".defaults/dlimits: space_total and reservedspace copied" "2048 3 /vservers/dl3" \
	"$(cat $C/dl3/dlimits/0/space_total $C/dl3/dlimits/0/reservedspace $C/dl3/dlimits/0/directory | tr '\n' ' ' | sed 's/ $//')"
rm -rf $C/.defaults/dlimits
vserver dl4 build -m busybox --context 3194 >/dev/null 2>&1
same "no dlimits/ without --disk-limit or .defaults" no \
	"$([ -e $C/dl4/dlimits ] && echo yes || echo no)"
mkdir -p /vs-dl-host/tree/a/b && echo data > /vs-dl-host/tree/a/b/f
mkdir -p $C/dl4/dlimits/1
echo /vs-dl-host/tree > $C/dl4/dlimits/1/directory
echo inf > $C/dl4/dlimits/1/space_total
echo 100 > $C/dl4/dlimits/1/inodes_total
vdlimit --xid 3194 --set space_total=inf /vservers
before=$(dlv 3194 /vservers inodes_used)
check "start: a dlimits directory not yet of the project" 0 "" "" vserver dl4 start
same "... its tree is tagged: 4 more inodes in the project" $((before + 4)) \
	"$(dlv 3194 /vs-dl-host/tree inodes_used)"
check "stop dl4" 0 "" "" vserver dl4 stop

# A file system without project quotas.
mkdir -p /tmp/dl-roots
out=$(vserver dl5 build -m busybox --context 3195 --rootdir /tmp/dl-roots \
	--disk-limit 1M 2>&1)
same "build --disk-limit on tmpfs: fails" 1 "$?"
match "... saying why" "needs project quotas" "$out"
vserver dl5 build -m busybox --context 3195 --rootdir /tmp/dl-roots >/dev/null 2>&1
check "start without a limit on tmpfs" 0 "" "" vserver dl5 start
check "stop dl5" 0 "" "" vserver dl5 stop
mkdir -p $C/dl5/dlimits/0
echo /tmp/dl-roots/dl5 > $C/dl5/dlimits/0/directory
echo 1024 > $C/dl5/dlimits/0/space_total
check "start with a limit on tmpfs: a clear message" 1 "" \
	"vserver: dl5: $C/dl5/dlimits/0: the file system of /tmp/dl-roots/dl5 has no enforced project quotas (ext4: features quota,project and mount option prjquota; XFS: mount option prjquota): the disk limit cannot be applied
vserver: dl5: not started" vserver dl5 start

for g in dl1 dl2 dl3 dl4 dl5; do
	vserver $g stop >/dev/null 2>&1
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
for x in 3191 3192 3193 3194; do
	vdlimit --xid $x --remove /vservers >/dev/null 2>&1
done
rm -rf /vs-dl-host /tmp/dl-roots
