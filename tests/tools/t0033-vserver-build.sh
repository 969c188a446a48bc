#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver build (skeleton, busybox, template, clone; debootstrap only
# with DEBOOTSTRAP=1) and delete, which never touches anything outside
# the guest, whatever symbolic links the guest's root holds.  Guests
# bd*, contexts 3030..3039, 192.0.2.130 on dummy0.

. "$(dirname "$0")/lib.sh"

C=/etc/vservers
export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up
for g in bds bdb bdt bdc bdd bdf; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done

# skeleton: the configuration as given, an empty root with devices.
check "skeleton: exit 0" 0 "" "" vserver bds build -m skeleton \
	--context 3030 --hostname skel --interface web=dummy0:192.0.2.130/24 \
	--interface nodev:2001:db8::30/64 --flags virt_mem,virt_load \
	--initstyle plain
same "skeleton: context" 3030 "$(cat $C/bds/context)"
same "skeleton: uts/nodename" skel "$(cat $C/bds/uts/nodename)"
same "skeleton: interface 0" "192.0.2.130 24 dummy0 web" \
	"$(cat $C/bds/interfaces/0/ip $C/bds/interfaces/0/prefix $C/bds/interfaces/0/dev $C/bds/interfaces/0/name | tr '\n' ' ' | sed 's/ $//')"
same "skeleton: interface 1 without a device" "2001:db8::30 64 nodev" \
	"$( (cat $C/bds/interfaces/1/ip $C/bds/interfaces/1/prefix; ls $C/bds/interfaces/1 | grep nodev) | tr '\n' ' ' | sed 's/ $//')"
same "skeleton: cflags" "virt_mem virt_load" "$(cat $C/bds/cflags | tr '\n' ' ' | sed 's/ $//')"
same "skeleton: style" plain "$(cat $C/bds/apps/init/style)"
same "skeleton: vdir link" /vservers/bds "$(readlink $C/bds/vdir)"
same "skeleton: /dev/null in the root" "c 1 3" \
	"$(stat -c '%F' /vservers/bds/dev/null | sed 's/character special file/c/') $(stat -c '%t %T' /vservers/bds/dev/null)"
same "skeleton: no busybox" "" "$(ls /vservers/bds/bin)"
check "skeleton: the same context twice is refused" 1 "" \
	"vserver: bdx: context 3030 is the context of guest 'bds' already" \
	vserver bdx build -m skeleton --context 3030

# --force keeps the old guest aside.
vserver bds build -m skeleton --context 3030 --force 2>/dev/null
same "build --force over bds: exit 0" 0 "$?"
same "--force: the old configuration is kept aside" 1 \
	"$(ls $C | grep -c '^bds\.~')"
rm -rf $C/bds.~* /vservers/bds.~*

# busybox: a working guest.
check "busybox: exit 0" 0 "" "" vserver bdb build -m busybox --context 3031
check "busybox: it starts" 0 "" "" vserver bdb start
same "busybox: a shell works in it" "hello" "$(vserver bdb exec echo hello)"
vserver bdb stop >/dev/null 2>&1

# template: an archive of bdb's root.
(cd /vservers/bdb && tar -czf $tmp/root.tar.gz .)
check "template: exit 0" 0 "" "" vserver bdt build -m template \
	--context 3032 -- -t $tmp/root.tar.gz
same "template: the files are there" \
	"$(cat /vservers/bdb/etc/inittab)" "$(cat /vservers/bdt/etc/inittab)"
check "template: a missing archive fails" 1 "" \
	"vserver: cannot read /nonexistent.tar: No such file or directory${nl}vserver: bdf: build failed at step 'template' (the message above names the path); what it created was removed" \
	vserver bdf build -m template --context 3035 -- -t /nonexistent.tar
same "template: the failed build left nothing" "" \
	"$(ls $C | grep -x bdf)$(ls /vservers | grep -x bdf)"

# clone: from a guest's name.
check "clone: exit 0" 0 "" "" vserver bdc build -m clone --context 3033 \
	-- --source bdb
same "clone: the busybox is there" 1 "$(ls /vservers/bdc/bin/busybox | wc -l)"
check "clone: starts" 0 "" "" vserver bdc start
check "clone: stops" 0 "" "" vserver bdc stop

# A failure at the end of a build removes what it made, only that.
VSERVER_FAIL_STEP=build vserver bdf build -m busybox --context 3035 \
	> /dev/null 2>&1
same "failed build: exit 1, nothing left" "" \
	"$(ls $C | grep -x bdf)$(ls /vservers | grep -x bdf)"

# debootstrap, only when asked (it needs a mirror).
if [ "${DEBOOTSTRAP:-0}" = 1 ]; then
	check "debootstrap" 0 "" "" vserver bdd build -m debootstrap \
		--context 3034 -- -d bookworm
else
	result pass "debootstrap # SKIP DEBOOTSTRAP=1 not set"
fi

# delete: hostile links in the guest's root lead nowhere.
mkdir -p $tmp/outside/sub
echo keep > $tmp/outside/sub/file
echo keep > $tmp/outside/file
rm -rf /vservers/bdc/var/run
ln -s / /vservers/bdc/var/run
ln -s $tmp/outside /vservers/bdc/root/out
ln -s $tmp/outside/file /vservers/bdc/tmp/file
ln -s ../../../../../../../../etc /vservers/bdc/etc2
mkdir -p /vservers/bdc/deep/a/b/c
ln -s $tmp/outside/sub /vservers/bdc/deep/a/b/c/sub
check "delete without --force asks; 'n' keeps it" 2 \
	"Are you sure you want to delete the vserver bdc (y/N) Not deleted" "" \
	sh -c 'echo n | vserver bdc delete'
check "delete: exit 0" 0 "" "" sh -c 'echo y | vserver bdc delete >/dev/null'
same "delete: the root is gone" "" "$(ls /vservers | grep -x bdc)"
same "delete: the configuration is gone" "" "$(ls $C | grep -x bdc)"
same "delete: nothing outside was touched" "keep keep" \
	"$(cat $tmp/outside/file $tmp/outside/sub/file | tr '\n' ' ' | sed 's/ $//')"
same "delete: /, /etc and /bin are intact" "yes yes yes" \
	"$([ -d /etc ] && echo yes) $([ -e /bin/busybox ] && echo yes) $([ -d /var/run/vservers ] && echo yes)"

# A mount point inside the root is left alone.
mkdir -p /vservers/bdt/mnt/m
mount -t tmpfs none /vservers/bdt/mnt/m
echo keep > /vservers/bdt/mnt/m/file
vserver bdt delete --force > $tmp/out 2> $tmp/err
same "delete: a mount point in the root is left alone" keep \
	"$(cat /vservers/bdt/mnt/m/file)"
umount /vservers/bdt/mnt/m
rm -rf /vservers/bdt

for g in bds bdb bdt bdc bdd bdf; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
same "no guest left" "" "$(ls $C)"
