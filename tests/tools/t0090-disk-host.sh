#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The disk host (scripts/qemu-run's default): / is an ext4 file system
# with quotas on virtio-blk, guests live in /vservers on it, and the
# front end makes a guest's root with pivot_root(2): the root of the
# guest's mount namespace is the guest's own mount, with nothing of the
# host's below it.  Guest pd1, context 3090, 192.0.2.190 on dummy0.

. "$(dirname "$0")/lib.sh"

export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up

root=$(awk '$2 == "/" { print $1, $3 }' /proc/mounts | tail -n 1)
same "/ is the ext4 disk" "/dev/vda ext4" "$root"
match "/ is mounted with prjquota" "(^|,)prjquota(,|$)" \
	"$(awk '$2 == "/" { print $4 }' /proc/mounts | tail -n 1)"
same "/vservers is on the root file system" "$(stat -c %d /)" \
	"$(stat -c %d /vservers)"

VSERVER_SILENT=1 vserver pd1 delete --force >/dev/null 2>&1
vserver pd1 build -m busybox --context 3090 \
	--interface dummy0:192.0.2.190/24 >/dev/null 2>&1
same "the guest is built under /vservers" yes \
	"$([ -x /vservers/pd1/bin/busybox ] && echo yes)"
check "start" 0 "" "" vserver pd1 start

pid=$(grep -l "^VxID:.3090$" /proc/[0-9]*/status 2>/dev/null | head -n 1 | cut -d/ -f3)
# setns() to the guest's mount namespace puts the caller at that
# namespace's root: the guest's directory after pivot_root; after the
# initramfs fallback (move over / and chroot) it would be the host's
# root, with the guest's mount on top of it.
touch /vservers/pd1/.pd1-root
same "pivot_root: the root of the guest's mount namespace is the guest's" yes \
	"$(nsenter -t "$pid" -m ls -a / 2>&1 | grep -qx .pd1-root && echo yes)"
same "pivot_root: nothing of the host's root in it" "" \
	"$(nsenter -t "$pid" -m ls / 2>&1 | grep -x -e vservers -e tests)"
same "the guest's mounts: its root is /vservers/pd1" /vservers/pd1 \
	"$(awk '$5 == "/" { print $4 }' /proc/"$pid"/mountinfo)"
same "the guest sees only its own tree" 0 \
	"$(vserver pd1 exec ls /vservers 2>/dev/null | wc -l)"

check "stop" 0 "" "" vserver pd1 stop
VSERVER_SILENT=1 vserver pd1 delete --force >/dev/null 2>&1
