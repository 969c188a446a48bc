#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcontext in the VM: the exec chain that builds a guest, checked from the
# host (/proc/virtual/<xid>) and from inside; create, migrate, chroot,
# uid/gid, initpid, disconnect; and that a failed setup leaves no context.

. "$(dirname "$0")/lib.sh"

# 1. A guest built by the chain of tools, as the vserver start does.
vcontext --create --xid 42 -- \
	vattribute --set --flag virt_uptime,hide_mount -- \
	vuname -t nodename=web -t context=web -- \
	vcontext --migrate-self --endsetup -- \
	/bin/sh -c "hostname > $tmp/host; grep '^VxID:' /proc/self/status \
		> $tmp/vxid; touch $tmp/ready; exec sleep 3600" > "$tmp/chain.out" &
wait_for "$tmp/ready"
same "the chain prints the new context" "New security context is 42" \
	"$(cat "$tmp/chain.out")"
same "inside, the host name is the guest's" "web" "$(cat "$tmp/host")"
same "inside, the task is in context 42" "VxID:	42" "$(cat "$tmp/vxid")"
same "from the host, the context has one task" 1 "$(proc_field 42 status Tasks)"
same "the setup has ended; the flags are the chain's" 0000000601020000 \
	"$(proc_field 42 status Flags)"
same "the bounding set is the secure default" 00000000b44c04ff \
	"$(proc_field 42 status BCaps)"
same "the context keeps mnt, uts, ipc and fs as space 0" \
	"0c020200 00000000" "$(proc_field 42 status Spaces)"
same "the host's name is unchanged" vshost "$(hostname)"
same "vuname sees the guest's nodename from the host" web \
	"$(vuname --xid 42 nodename)"

# 2. Creating a context that exists.
check "--create of a running context exits 254" 254 "" \
	"vcontext: cannot create context 42: File exists" \
	vcontext --create --xid 42 -- true
check "--silentexist: 254 without a message" 254 "" "" \
	vcontext --create --silentexist --xid 42 -- true
check "--disconnect passes the child's 254 on" 254 "" \
	"vcontext: cannot create context 42: File exists" \
	vcontext --disconnect --create --xid 42 -- true

# 3. Migrating into it from the host.
check "--migrate puts the command into the context" 0 "VxID:	42" "" \
	vcontext --migrate --xid 42 -- grep '^VxID:' /proc/self/status
check "--migrate to a missing context" 255 "" \
	"vcontext: cannot migrate to context 99: No such process" \
	vcontext --migrate --xid 99 -- true
check "--migrate-self on the host" 255 "" \
	"vcontext: --migrate-self: the caller is in no guest context" \
	vcontext --migrate-self --endsetup -- true
check "--migrate-self without changes just runs the command" 0 "ran" "" \
	vcontext --migrate-self -- echo ran
kill_ctx 42
same "the context is gone after vkill" "" "$(ls /proc/virtual | grep -x 42)"

# 4. Dynamic ids, --silent.
out=$(vcontext --create -- \
	sh -c 'sed -n "s/^VxID:[[:space:]]*//p" /proc/self/status')
line1=$(echo "$out" | sed -n 1p)
xid=$(echo "$out" | sed -n 2p)
dyn=${line1#New security context is }
match "--create without --xid says which id it took" \
	"^New security context is [0-9]+$" "$line1"
same "... a dynamic one, 49152..65535" 1 \
	$(( dyn >= 49152 && dyn <= 65535 ))
same "the command runs in the dynamic context" "$dyn" "$xid"
check "--silent prints nothing" 0 "VxID:	43" "" \
	vcontext --create --xid 43 --silent -- grep '^VxID:' /proc/self/status

# 5. A failed setup leaves no context behind.
check "a command that does not exist: 127" 127 "" \
	"vcontext: cannot execute '/nonexistent': No such file or directory" \
	vcontext --create --xid 44 --silent --flag persistent -- /nonexistent
same "... and context 44 is gone (persistent included)" "" \
	"$(ls /proc/virtual | grep -x 44)"
check "a command that is not executable: 126" 126 "" \
	"vcontext: cannot execute '/etc/passwd': Permission denied" \
	vcontext --create --xid 44 --silent --flag persistent -- /etc/passwd
same "... and context 44 is gone" "" "$(ls /proc/virtual | grep -x 44)"
check "a command not in PATH: 127" 127 "" \
	"vcontext: cannot execute 'no-such-tool': No such file or directory" \
	vcontext --create --xid 44 --silent -- no-such-tool
check "an unknown user" 255 "" "vcontext: unknown user 'nosuch'" \
	vcontext --create --xid 44 --silent --flag persistent --uid nosuch -- true
same "... and context 44 is gone" "" "$(ls /proc/virtual | grep -x 44)"
check "an unknown group" 255 "" "vcontext: unknown group 'nosuch'" \
	vcontext --create --xid 44 --silent --gid nosuch -- true
check "an invalid context id for the kernel" 255 "" \
	"vcontext: cannot create context 1: Invalid argument" \
	vcontext --create --xid 1 -- true
same "no context was left by the failures" "info status" \
	"$(ls /proc/virtual | tr '\n' ' ' | sed 's/ $//')"

# 6. A persistent context outlives its command.
check "--flag persistent: the command ends" 0 "" "" \
	vcontext --create --xid 45 --silent --flag persistent -- true
same "... and the context stays, with no task" 0 "$(proc_field 45 status Tasks)"
vattribute --xid 45 --flag '~persistent'
wait_gone 45
same "clearing persistent removes it" "" "$(ls /proc/virtual | grep -x 45)"

# 7. --uid and --gid.
check "--uid/--gid by number" 0 "65534 65534" "" \
	vcontext --create --silent --uid 65534 --gid 65534 -- \
	sh -c 'echo $(id -u) $(id -g)'
check "--uid by name takes the user's group" 0 "65534 65534" "" \
	vcontext --create --silent --uid nobody -- sh -c 'echo $(id -u) $(id -g)'
check "--uid by number drops root's other groups" 0 "65534 0 0" "" \
	vcontext --create --silent --uid 65534 -- \
	sh -c 'echo $(id -u) $(id -g) $(id -G)'

# 8. --chroot, and the root the context keeps.
root=$tmp/root
mkdir -p "$root/bin"
cp /bin/busybox "$root/bin/"
ln -s busybox "$root/bin/sh"
ln -s busybox "$root/bin/ls"
ln -s busybox "$root/bin/sleep"
touch "$root/marker"
(cd "$root" && vcontext --create --xid 46 --silent -- \
	vcontext --migrate-self --endsetup --chroot -- \
	/bin/sh -c "echo \$(ls /) > /listing; touch /ready; exec sleep 3600") &
wait_for "$root/ready"
same "--chroot: the guest sees the directory as /" \
	"bin marker" "$(cat "$root/listing")"
check "the context keeps the new root: vspace --enter --fs" 0 \
	"bin${nl}listing${nl}marker${nl}ready" "" \
	vspace --enter 46 --fs -- /bin/ls /
kill_ctx 46

# 9. --initpid: the command becomes the context's init.
vcontext --create --xid 47 --silent -- \
	vcontext --migrate-self --endsetup --initpid -- \
	sh -c "echo \$\$ > $tmp/init; exec sleep 3600" &
wait_for "$tmp/init"
sleep 0.2
same "--migrate-self --initpid: Init is the command" "$(cat "$tmp/init")" \
	"$(proc_field 47 info Init)"
kill_ctx 47
vcontext --create --xid 48 --silent --flag persistent -- true
vcontext --migrate --xid 48 --initpid -- \
	sh -c "echo \$\$ > $tmp/init2; exec sleep 3600" &
wait_for "$tmp/init2"
sleep 0.2
same "--migrate --initpid from the host (VXM_SET_INIT)" \
	"$(cat "$tmp/init2")" "$(proc_field 48 info Init)"
kill_ctx 48

# 10. --disconnect: the parent returns at once; the command runs on in a
# session of its own.
# The command waits for $tmp/go, which exists only after vcontext
# returned: a state, not a time (CI machines are loaded).
check "--disconnect returns 0 at once" 0 "" "" \
	vcontext --create --xid 49 --silent --disconnect -- \
	sh -c "while [ ! -e $tmp/go ]; do sleep 0.1; done; \
	       cut -d' ' -f6 /proc/self/stat > $tmp/sid; echo \$\$ > $tmp/pid"
same "... before the command ends" "" "$(cat "$tmp/pid" 2>/dev/null)"
touch "$tmp/go"
wait_for "$tmp/pid"
same "the command leads its own session" "$(cat "$tmp/pid")" \
	"$(cat "$tmp/sid")"
wait_gone 49
