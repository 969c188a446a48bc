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

pid=
for s in /proc/[0-9]*/status; do
	if [ "$(awk '$1 == "VxID:" { print $2 }' "$s" 2>/dev/null)" = 3090 ]; then
		pid=${s#/proc/}
		pid=${pid%/status}
		break
	fi
done
# setns() to the guest's mount namespace puts the caller at that
# namespace's root: the guest's mount after pivot_root; after the
# initramfs fallback (move over / and chroot) it would be the host's
# root with the guest's mount on top of it.
mi=$(nsenter -t "$pid" -m cat /proc/self/mountinfo 2>&1)
same "pivot_root: one mount at / in the guest's namespace" 1 \
	"$(printf '%s\n' "$mi" | awk '$5 == "/"' | wc -l)"
same "pivot_root: it is the guest's directory" /vservers/pd1 \
	"$(printf '%s\n' "$mi" | awk '$5 == "/" { print $4 }')"
same "the guest sees only its own tree" 0 \
	"$(vserver pd1 exec ls /vservers 2>/dev/null | wc -l)"

check "stop" 0 "" "" vserver pd1 stop
VSERVER_SILENT=1 vserver pd1 delete --force >/dev/null 2>&1
