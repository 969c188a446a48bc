#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vwait in the VM: how a guest ended (exit status of its init, a signal,
# reboot(2)), --timeout with and without --terminate, --status-fd; the
# errors.

. "$(dirname "$0")/lib.sh"

# A guest whose init runs CMD after a short sleep.
guest() # XID CMD
{
	vcontext --create --xid "$1" --silent -- \
		vcontext --migrate-self --endsetup --initpid -- \
		sh -c "sleep 1; $2" &
	sleep 0.3
}

guest 90 "exit 3"
check "FINISHED with the init's exit status" 0 "FINISHED 3" "" vwait 90
guest 91 "kill -KILL \$\$"
check "an init killed by a signal: 128 + signal" 0 "FINISHED 137" "" \
	vwait --xid 91
guest 92 "reboot -f"
check "reboot(2) in the guest: REBOOT restart" 0 \
	"FINISHED 137${nl}REBOOT restart" "" vwait 92
guest 93 "halt -f"
check "halt -f: REBOOT halt" 0 "FINISHED 137${nl}REBOOT halt" "" vwait 93
guest 94 "poweroff -f"
check "poweroff -f: REBOOT poweroff" 0 "FINISHED 137${nl}REBOOT poweroff" \
	"" vwait 94

guest 95 "exec sleep 30"
check "--timeout: TIMEOUT, exit 2" 2 "TIMEOUT" "" vwait --timeout 1 95
same "... the guest still runs" 1 "$(proc_field 95 status Tasks)"
check "--timeout --terminate: KILLED, exit 1" 1 "KILLED" "" \
	vwait --timeout 1 --terminate 95
wait_gone 95
same "... the guest is gone" "" "$(ls /proc/virtual | grep -x 95)"

guest 96 "exit 0"
vwait --status-fd 3 96 3> "$tmp/status" > "$tmp/out"
st=$?
same "--status-fd: the line goes there" "FINISHED 0" "$(cat "$tmp/status")"
same "... nothing on stdout, exit 0" "0:" "$st:$(cat "$tmp/out")"

check "a context that does not exist" 127 "ERROR 3" \
	"vwait: cannot wait for context 99: No such process" vwait 99
check "a guest cannot wait" 127 "ERROR 1" \
	"vwait: cannot wait for context 97: Operation not permitted" \
	vcontext --create --xid 97 --silent -- vwait 97
