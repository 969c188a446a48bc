#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The blocks ext4 reserves for root (mkfs -m, tune2fs -m) are the host's:
# on a small ext4 file system with half of it reserved (ext4-reserve.img.gz
# beside this script, made by mkfs.ext4 -m 50), a guest's root with
# CAP_SYS_RESOURCE writes until ENOSPC with the reserve still free, and
# the host's root then writes into the reserve.  Context 3186.

. "$(dirname "$0")/lib.sh"

M=/vs-reserve
img=/var/tmp/vs-reserve.img
umount $M 2>/dev/null
mkdir -p $M /var/tmp
gunzip -c "$(dirname "$0")/ext4-reserve.img.gz" >$img || exit 1
check "mount the ext4 image" 0 "" "" mount -t ext4 -o loop $img $M
mkdir -m 777 $M/guest

# free and available 1 KiB blocks of $M
frees() { df -k $M | awk 'NR == 2 { print $2 - $3, $4 }'; }
set -- $(frees)
reserve=$(($1 - $2))
echo "# before: free $1 KiB, available $2 KiB, reserved $reserve KiB"
same "half of the file system is reserved for root" yes \
	"$([ $reserve -ge 6000 ] && echo yes)"

out=$(vcontext --create --xid 3186 --silent -- sh -c '
	grep "^CapEff:" /proc/self/status
	dd if=/dev/zero of='$M'/guest/big bs=64k count=1000 2>&1
	sync' 2>&1)
caps=$(printf '%s\n' "$out" | sed -n 's/^CapEff:[[:space:]]*//p')
# CAP_SYS_RESOURCE is bit 24
same "the guest has CAP_SYS_RESOURCE" 1 \
	"$(( (0x$caps >> 24) & 1 ))"
match "the guest's writes end with ENOSPC" "No space left on device" "$out"
set -- $(frees)
echo "# after the guest: free $1 KiB, available $2 KiB"
same "the guest left the reserve free" yes \
	"$([ $1 -ge $((reserve - 256)) ] && echo yes)"
same "the host's root writes 1 MiB into the reserve" 0 \
	"$(dd if=/dev/zero of=$M/host bs=64k count=16 2>/dev/null && sync; echo $?)"

umount $M
rm -f $img
rmdir $M
