#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vspace and vnamespace in the VM: new namespaces, a guest whose init is
# pid 1 of its own pid namespace, storing and entering spaces (both
# sets), the --enter <spaces> --xid form, and the errors.

. "$(dirname "$0")/lib.sh"

# 1. --new.
check "--new --uts: a host name of its own" 0 "inner" "" \
	vspace --new --uts -- sh -c 'hostname inner; hostname'
same "... the host's is unchanged" vshost "$(hostname)"
check "--new --pid: the command is pid 1" 0 "1" "" \
	vspace --new --pid -- sh -c 'echo $$'
check "--new passes the exit status on" 0 "3" "" \
	sh -c 'vspace --new --pid -- sh -c "exit 3"; echo $?'
check "--new --mask: a list" 0 "1 inner" "" \
	vspace --new --mask uts,pid -- sh -c 'hostname inner; echo $$ $(hostname)'
mkdir -p "$tmp/mnt"
# With /tmp shared (as systemd makes every mount), only a private copy
# keeps the mount below from reaching the host.
shared=false
mount --make-shared /tmp 2>/dev/null && shared=true
check "vnamespace --new: a mount table of its own" 0 "tmpfs" "" \
	vnamespace --new -- sh -c "mount -t tmpfs none $tmp/mnt && \
		grep -c ' $tmp/mnt ' /proc/mounts >/dev/null && \
		awk '\$2 == \"$tmp/mnt\" { print \$3 }' /proc/mounts"
same "... the host does not see the mount (/tmp shared: $shared)" "" \
	"$(awk -v m="$tmp/mnt" '$2 == m' /proc/mounts)"
$shared && mount --make-private /tmp

# 2. A guest whose init is pid 1 of its pid namespace, as the vserver
# start does it: unshare, create, store, fork the init.
vspace --new --pid -- \
	vcontext --create --xid 70 --silent -- \
	vspace --set --pid -- \
	vuname -t nodename=g70 -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "echo \$\$ > $tmp/pid; exec sleep 30" &
wait_for "$tmp/pid"
same "the guest's shell is pid 1" 1 "$(cat "$tmp/pid")"
same "the context keeps its pid namespace too" "2c020200 00000000" \
	"$(proc_field 70 status Spaces)"
check "--enter <xid> --uts: the guest's host name" 0 "g70" "" \
	vspace --enter 70 --uts -- hostname
check "--enter <xid> with no space enters them all" 0 "g70" "" \
	vspace --enter 70 -- hostname
check "--enter <spaces> --xid <xid> (the short form)" 0 "g70" "" \
	vspace --enter uts,ipc --xid 70 -- hostname
out=$(vspace --enter 70 --pid -- vcontext --migrate --xid 70 -- \
	sh -c 'echo $$; grep "^VxID:" /proc/self/status')
match "--enter --pid, then --migrate: a low pid in the guest's namespace" \
	"^([2-9]|[1-9][0-9])$" "$(echo "$out" | sed -n 1p)"
same "... in context 70" "VxID:	70" "$(echo "$out" | sed -n 2p)"

# 3. The second set of spaces, stored from the host.
check "--set --xid --index 1 from the host" 0 "" "" \
	vspace --new --uts -- sh -c 'hostname second; \
		vspace --set --uts --xid 70 --index 1'
check "--enter --index 1" 0 "second" "" \
	vspace --enter 70 --uts --index 1 -- hostname
check "index 0 is unchanged" 0 "g70" "" vspace --enter 70 --uts -- hostname
same "/proc/virtual shows both sets" "2c020200 04000000" \
	"$(proc_field 70 status Spaces)"
check "--~uts takes a space away again" 255 "" \
	"vspace: cannot enter the spaces of context 70: Invalid argument" \
	vspace --enter 70 --index 1 --uts --ipc --~uts -- true

# 4. Errors.
check "a space the context does not keep" 255 "" \
	"vspace: cannot enter the spaces of context 70: Invalid argument" \
	vspace --enter 70 --net -- true
kill_ctx 70
check "a context that does not exist" 255 "" \
	"vspace: cannot enter the spaces of context 99: No such process" \
	vspace --enter 99 -- true
check "--set on the host (self)" 255 "" \
	"vspace: cannot store the spaces of the current context: No such process" \
	vspace --set --uts
check "--set of a space the kernel cannot keep" 255 "" \
	"vspace: cannot store the spaces of the current context: Invalid argument" \
	vcontext --create --silent -- vspace --set --user
vcontext --create --xid 71 --silent --flag persistent -- true
check "an empty set" 255 "" \
	"vspace: cannot enter the spaces of context 71: Invalid argument" \
	vspace --enter 71 --index 1 -- true
check "a guest cannot enter spaces" 255 "" \
	"vspace: cannot enter the spaces of context 71: Operation not permitted" \
	vcontext --create --silent -- vspace --enter 71 -- true
kill_ctx 71
check "--default is the kernel's" 0 "" "" \
	vcontext --create --xid 72 --silent -- vspace --set --default
check "a command that cannot run" 127 "" \
	"vspace: cannot execute 'nosuch': No such file or directory" \
	vspace --new --uts -- nosuch
check "--new --pid: a command that cannot run" 127 "" \
	"vspace: cannot execute 'nosuch': No such file or directory" \
	vspace --new --pid -- nosuch
