#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Disk limits on XFS: an XFS file system made by mkfs.xfs on the build
# host (xfs.img.gz beside this script, 64 MiB) loop-mounted with
# prjquota.  On it: the kernel's dlimit test (the dlimit commands and
# their errors, EDQUOT for space and inodes, statfs inside with the
# reserved percentage, a guest's files charged to its tag outside its
# tree (XFS reports a project's limit as ENOSPC, not EDQUOT), tag_migrate, the guest's attempts on project ids, PROJINHERIT and
# quotas), then vdlimit, vserver build --disk-limit and start with df and
# df -i inside, the limit inside while the host and another guest write,
# lsxid and chxid; then the same file system mounted without prjquota:
# vdlimit and start say why, and a guest with no limit still starts.
# Guests dx*, contexts 3181..3189.

. "$(dirname "$0")/lib.sh"

export VSERVER_QUIET=1
C=/etc/vservers
X=/vs-xfs
img=/var/tmp/vs-xfs.img
ip link set lo up
for g in dx1 dx2; do
	vserver $g stop >/dev/null 2>&1
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
umount $X 2>/dev/null
mkdir -p $X /var/tmp
gunzip -c "$(dirname "$0")/xfs.img.gz" >$img || exit 1

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

check "mount the XFS image with prjquota" 0 "" "" \
	mount -t xfs -o loop,prjquota $img $X
dev=$(awk -v m=$X '$2 == m && $3 == "xfs" { print $1 }' /proc/mounts)
match "... an XFS loop device" '^/dev/loop[0-9]+$' "$dev"

# --- the kernel's dlimit test on XFS -------------------------------------
mkdir -p $X/dlimit-test
VS_DLIMIT_DIR=$X/dlimit-test VS_DLIMIT_DEV=$dev /tests/kernel/dlimit_test \
	>"$tmp/kt" 2>&1
same "XFS: dlimit_test exits 0" 0 "$?"
grep -E '^#  |^# (FAIL|RUN)|: Test failed|Expected' "$tmp/kt" | head -40 |
	sed 's/^/# /'
while read -r l; do
	case "$l" in
	"ok "*) result pass "XFS: dlimit_test: ${l#ok }" ;;
	"not ok "*) result fail "XFS: dlimit_test: ${l#not ok }" ;;
	esac
done <"$tmp/kt"
same "XFS: dlimit_test ran its 9 tests" 9 "$(grep -Ec '^(not )?ok ' "$tmp/kt")"

# --- vdlimit -------------------------------------------------------------
mkdir -p $X/host
check "vdlimit --set on XFS" 0 "" "" vdlimit --xid 3189 \
	--set space_total=1000 --set inodes_total=50 --set reserved=5 $X/host
check "vdlimit shows it" 0 "3189 $X/host
space_used=0
space_total=1000
inodes_used=0
inodes_total=50
reserved=5" "" vdlimit --xid 3189 $X/host
check "vdlimit --remove" 0 "" "" vdlimit --xid 3189 --remove $X/host

# --- build --disk-limit, start, df inside --------------------------------
vserver dx1 build -m busybox --context 3181 --rootdir $X \
	--disk-limit 4M,1000 >"$tmp/build" 2>&1
same "build --disk-limit on XFS: exit 0" 0 "$?"
same "build: dlimits/0/directory" $X/dx1 "$(cat $C/dx1/dlimits/0/directory)"
check "start dx1" 0 "" "" vserver dx1 start
used=$(dlv 3181 $X/dx1 space_used)
iused=$(dlv 3181 $X/dx1 inodes_used)
match "the built root is charged to the guest's project" '^[1-9][0-9]*$' "$used"
check "lsxid -d: the root is of the guest's project" 0 " 3181 $X/dx1" "" \
	lsxid -n -d $X/dx1
echo "# df inside dx1 (XFS):"
vserver dx1 exec df -k / 2>&1 | sed 's/^/#   /'
vserver dx1 exec df -i / 2>&1 | sed 's/^/#   /'
same "df inside: total and used are the limit and the project's usage" \
	"4096 $used" "$(gdf dx1 | cut -d' ' -f1,2)"
same "df -i inside: inodes and used inodes" "1000 $iused" \
	"$(gdf dx1 -i | cut -d' ' -f1,2)"

# The limit inside (XFS says ENOSPC at a project's limit, where ext4
# says EDQUOT); the host and a second guest (no limit) still write.
vserver dx2 build -m busybox --context 3182 --rootdir $X >/dev/null 2>&1
check "start dx2" 0 "" "" vserver dx2 start
err=$(vserver dx1 exec dd if=/dev/zero of=/big bs=64k count=200 2>&1)
match "dx1: writing past its limit fails (XFS: ENOSPC)" "No space left on device" "$err"
same "dx1: its usage stops at the limit" yes \
	"$([ "$(dlv 3181 $X/dx1 space_used)" -le 4096 ] && echo yes)"
same "the host still writes 1 MiB" 0 \
	"$(dd if=/dev/zero of=$X/host/f bs=64k count=16 2>/dev/null; echo $?)"
same "dx2 still writes 1 MiB" 0 \
	"$(vserver dx2 exec dd if=/dev/zero of=/f bs=64k count=16 2>/dev/null; echo $?)"
used=$(dlv 3181 $X/dx1 space_used)
same "df inside after the writes: used and available" \
	"$used $((4096 - used))" "$(gdf dx1 | cut -d' ' -f2,3)"
same "vdu on XFS, as vdlimit shows it" \
	"$X/dx1 $used $(dlv 3181 $X/dx1 inodes_used)" "$(vdu --xid 3181 $X/dx1)"
vserver dx1 exec rm -f /big

# chxid and lsxid: the host moves a file between projects.
check "lsxid: the host's file is of no project" 0 "    0 $X/host/f" "" \
	lsxid -n $X/host/f
check "chxid -c 3183" 0 "" "" chxid -c 3183 $X/host/f
check "lsxid: now project 3183" 0 " 3183 $X/host/f" "" lsxid -n $X/host/f
same "vdu: the file's 1 MiB is 3183's" yes \
	"$([ "$(vdu --xid 3183 --space --script $X)" -ge 1024 ] && echo yes)"
check "chxid -c 0" 0 "" "" chxid -c 0 $X/host/f
check "stop dx1" 0 "" "" vserver dx1 stop
check "stop dx2" 0 "" "" vserver dx2 stop

# --- the same file system without prjquota -------------------------------
check "umount" 0 "" "" umount $X
check "mount the XFS image without prjquota" 0 "" "" mount -t xfs -o loop $img $X
check "vdlimit: no project quotas enforced" 255 "" \
	"vdlimit: cannot set the disk limit of 3189 on '$X/host': the file system has no enforced project quotas" \
	vdlimit --xid 3189 --set space_total=100 $X/host
check "start with a limit: a clear message" 1 "" \
	"vserver: dx1: $C/dx1/dlimits/0: the file system of $X/dx1 has no enforced project quotas (ext4: features quota,project and mount option prjquota; XFS: mount option prjquota): the disk limit cannot be applied
vserver: dx1: not started" vserver dx1 start
check "start dx2 (no limit configured)" 0 "" "" vserver dx2 start
check "stop dx2" 0 "" "" vserver dx2 stop

for g in dx1 dx2; do
	vserver $g stop >/dev/null 2>&1
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
umount $X
rm -f $img
rmdir $X
