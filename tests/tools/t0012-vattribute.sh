#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vattribute in the VM: --get of a new context, every kind of change
# checked in /proc/virtual/<xid>/status and by its effect in the guest,
# --secure, and the errors.

. "$(dirname "$0")/lib.sh"

secure=CHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,KILL,SETGID,SETUID,NET_BIND_SERVICE,SYS_CHROOT,SYS_PTRACE,SYS_BOOT,SYS_TTY_CONFIG,LEASE,AUDIT_WRITE,SETFCAP

# 1. --get inside a new context (self), and from the host.
check "--get of a new context, from inside" 0 \
"bcapabilities:
$secure
ccapabilities:
set_utsname
umask:

flags:
state_setup,state_init,state_admin" "" \
	vcontext --create --silent -- vattribute --get

vcontext --create --xid 50 --silent -- \
	vattribute --set --flag virt_uptime,virt_load --bcap ~KILL,NET_RAW \
		--ccap ~set_utsname,secure_mount --umask uts,ipc -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "touch $tmp/ready; exec sleep 3600" &
wait_for "$tmp/ready"
check "--get from the host, after the changes" 0 \
"bcapabilities:
CHOWN,DAC_OVERRIDE,DAC_READ_SEARCH,FOWNER,FSETID,SETGID,SETUID,NET_BIND_SERVICE,NET_RAW,SYS_CHROOT,SYS_PTRACE,SYS_BOOT,SYS_TTY_CONFIG,LEASE,AUDIT_WRITE,SETFCAP
ccapabilities:
secure_mount
umask:
uts,ipc
flags:
virt_uptime,virt_load,state_init,state_admin" "" \
	vattribute --xid 50 --get
same "BCaps in /proc/virtual: KILL off, NET_RAW on" 00000000b44c24df \
	"$(proc_field 50 status BCaps)"
same "CCaps in /proc/virtual" 0000000000010000 "$(proc_field 50 status CCaps)"
same "Umask in /proc/virtual" 000000000c000000 "$(proc_field 50 status Umask)"
same "Flags in /proc/virtual" 00000006000a0000 "$(proc_field 50 status Flags)"

# 2. The host changes a running context (it has STATE_ADMIN).
check "--set from the host" 0 "" "" \
	vattribute --xid 50 --flag hide_vinfo,~virt_load --bcap all,~SYS_ADMIN
same "... the flags changed" 0000000604020000 "$(proc_field 50 status Flags)"
same "... all capabilities but SYS_ADMIN" 000001ffffdfffff \
	"$(proc_field 50 status BCaps)"
check "--secure resets both capability sets" 0 "" "" \
	vattribute --xid 50 --secure --bcap NET_RAW
same "... bcaps: secure plus NET_RAW" 00000000b44c24ff \
	"$(proc_field 50 status BCaps)"
same "... ccaps: set_utsname" 0000000000000001 "$(proc_field 50 status CCaps)"
check "raw bits and numbers" 0 "" "" vattribute --xid 50 --ccap ^40,0x2
same "... ccaps" 0000010000000003 "$(proc_field 50 status CCaps)"
check "none clears every named bit" 0 "" "" vattribute --xid 50 --ccap none
same "... ccaps: only the unnamed bit 40 is left" 0000010000000000 \
	"$(proc_field 50 status CCaps)"
check "the command after the changes runs" 0 "ran" "" \
	vattribute --xid 50 --umask none -- echo ran
same "... and the umask changed first" 0000000000000000 \
	"$(proc_field 50 status Umask)"
kill_ctx 50

# 3. The changes take effect in the guest.
check "set_utsname lets the guest set its host name" 0 "renamed" "" \
	vcontext --create --silent -- vcontext --migrate-self --endsetup -- \
	sh -c 'hostname renamed && hostname'
check "~set_utsname forbids it" 1 "" \
	"hostname: sethostname: Operation not permitted" \
	vcontext --create --silent -- vattribute --ccap ~set_utsname -- \
	vcontext --migrate-self --endsetup -- hostname renamed
check "a bounding set without CHOWN stops chown" 1 "" \
	"chown: /tmp/f: Operation not permitted" \
	vcontext --create --silent -- vattribute --bcap ~CHOWN -- \
	vcontext --migrate-self --endsetup -- \
	sh -c 'touch /tmp/f; chown 1 /tmp/f'
rm -f /tmp/f
check "hide_vinfo hides VxID in /proc/<pid>/status" 0 "0" "" \
	vcontext --create --silent -- vattribute --flag hide_vinfo -- \
	vcontext --migrate-self --endsetup -- \
	sh -c 'grep -c "^VxID:" /proc/self/status || :'
check "~state_setup in the list ends the setup last" 0 \
	"0000000600000000" "" \
	vcontext --create --xid 51 --silent -- \
	vattribute --flag ~state_setup --bcap ~KILL -- \
	sh -c 'sed -n "s/^Flags:[[:space:]]*//p" /proc/virtual/51/status'

# 4. Errors.
check "from the host without --xid" 1 "" \
	"vattribute: the caller is in no guest context: give --xid <xid>
Try 'vattribute --help' for more information." \
	vattribute --bcap CHOWN
check "a context that does not exist" 1 "" \
	"vattribute: cannot change the bcaps of context 99: No such process" \
	vattribute --xid 99 --bcap CHOWN
check "--get of a context that does not exist" 1 "" \
	"vattribute: cannot read the bcaps of context 99: No such process" \
	vattribute --xid 99 --get
check "the host context is none" 1 "" \
	"vattribute: cannot read the bcaps of context 0: No such process" \
	vattribute --xid 0 --get
check "a guest cannot change itself after its setup" 1 "" \
	"vattribute: cannot change the bcaps of context 52: Operation not permitted" \
	vcontext --create --xid 52 --silent -- \
	vcontext --migrate-self --endsetup -- vattribute --bcap SYS_ADMIN
check "bits the umask cannot hold" 1 "" \
	"vattribute: cannot change the umask of context 53: Invalid argument" \
	vcontext --create --xid 53 --silent -- vattribute --umask 0x200
check "an unknown capability" 1 "" \
	"vattribute: unknown bcap 'NOSUCH'
Try 'vattribute --help' for more information." \
	vattribute --xid 50 --bcap CHOWN,NOSUCH
check "a command that cannot run" 127 "" \
	"vattribute: cannot execute 'nosuch': No such file or directory" \
	vcontext --create --silent -- vattribute -- nosuch
same "no context was left behind" "info status" \
	"$(ls /proc/virtual | tr '\n' ' ' | sed 's/ $//')"
