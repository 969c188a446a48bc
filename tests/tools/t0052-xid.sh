#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# chxid and lsxid on the disk host's ext4 root (project feature, mounted
# with prjquota): a file's tag is its project id (get/set_iattr with
# IATTR_TAG), by number and by guest name, recursively; tmpfs keeps no
# tags; a guest cannot change a tag.  (t0051-xfs.sh does the same on
# XFS.)  Contexts 3187..3188.

. "$(dirname "$0")/lib.sh"

D=/vs-xid
C=/etc/vservers
rm -rf $D $C/xid1
mkdir -p $D/d/e $C/xid1
echo data >$D/d/f
echo data >$D/d/.hidden
echo 3187 >$C/xid1/context

check "lsxid -d: a new directory is of no project" 0 "    0 $D/d" "" \
	lsxid -n -d $D/d
check "chxid -R by number" 0 "" "" chxid -R -c 3187 $D/d
lsxid -R -a -n $D | sort >"$tmp/ls"
same "lsxid -R -a: every file of the tree has the tag" \
	" 3187 $D/d
 3187 $D/d/.hidden
 3187 $D/d/e
 3187 $D/d/f" "$(cat "$tmp/ls")"
same "lsxid without -a hides dot files" \
	" 3187 $D/d/e
 3187 $D/d/f" "$(lsxid -n $D/d | sort)"
check "lsxid: the tag as the guest's name" 0 " xid1 $D/d/f" "" lsxid $D/d/f
check "chxid by guest name" 0 "" "" chxid -c xid1 $D/d/e
check "chxid -c 0: back to no project" 0 "" "" chxid -c 0 $D/d/f
check "lsxid: project 0" 0 "    0 $D/d/f" "" lsxid -n $D/d/f
same "vdu counts the tagged files" yes \
	"$([ "$(vdu --xid 3187 --inodes --script $D)" -ge 3 ] && echo yes)"

echo data >/tmp/xid-file
check "lsxid on tmpfs: no tag" 0 "    - /tmp/xid-file" "" lsxid -n /tmp/xid-file
check "chxid on tmpfs: says why" 255 "" \
	"chxid: cannot change the tag of '/tmp/xid-file': the file system keeps no tags (project ids)" \
	chxid -c 3187 /tmp/xid-file
rm -f /tmp/xid-file

out=$(vcontext --create --xid 3188 --silent -- chxid -c 0 $D/d/e 2>&1)
same "a guest's chxid fails" 255 "$?"
match "... refused" "cannot change the tag of '$D/d/e': " "$out"
check "... the tag is unchanged" 0 " 3187 $D/d/e" "" lsxid -n -d $D/d/e

rm -rf $D $C/xid1
