#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vkill in the VM: a whole context, its init, all but its init, one pid
# with and without --xid, signal names and numbers; the errors.

. "$(dirname "$0")/lib.sh"

# A guest with an init (a shell that notes SIGTERM) and two sleepers.
start_guest() # XID
{
	rm -f "$tmp/ready"
	# In a subshell: not a job of ours, whose end the shell would report.
	(vcontext --create --xid "$1" --silent -- \
		vcontext --migrate-self --endsetup --initpid -- \
		sh -c "trap 'echo init got TERM > $tmp/term.$1; exit 0' TERM; \
		       sleep 30 & echo \$! > $tmp/a.$1; \
		       sleep 30 & echo \$! > $tmp/b.$1; \
		       echo \$\$ > $tmp/init.$1; touch $tmp/ready; \
		       while :; do sleep 0.1; done" 2>/dev/null &)
	wait_for "$tmp/ready"
	init=$(cat "$tmp/init.$1") a=$(cat "$tmp/a.$1") b=$(cat "$tmp/b.$1")
}

# Which of the three are alive: e.g. "init a b", "init".
alive()
{
	sleep 0.3
	r=
	[ -d "/proc/$init" ] && r="$r init"
	[ -d "/proc/$a" ] && r="$r a"
	[ -d "/proc/$b" ] && r="$r b"
	echo "${r# }"
}

start_guest 80
same "the guest runs" "init a b" "$(alive)"
check "-1 signals every process but the init" 0 "" "" \
	vkill --xid 80 -s KILL -- -1
same "... the init is left" "init" "$(alive)"
check "pid 1 is the context's init" 0 "" "" vkill --xid 80 -s TERM 1
wait_gone 80
same "... it got SIGTERM and the context ended" "init got TERM" \
	"$(cat "$tmp/term.80")"

start_guest 81
check "without a pid: every process, default TERM" 0 "" "" vkill --xid 81
wait_gone 81
same "... the context is gone" "" "$(ls /proc/virtual | grep -x 81)"

start_guest 82
check "one pid, without --xid (its own context)" 0 "" "" vkill -s SIGKILL "$a"
same "... only that one is gone" "init b" "$(alive)"
check "signal 0 only tests" 0 "" "" vkill --xid 82 -s 0
same "... nothing ended" "init b" "$(alive)"
check "a host pid is not in context 82" 1 "" \
	"vkill: cannot signal pid $$ in context 82: No such process" \
	vkill --xid 82 "$$"
check "several pids: one bad, the others are still sent" 1 "" \
	"vkill: cannot signal pid 99999 in context 82: No such process" \
	vkill --xid 82 -s kill -- 99999 "$b"
same "... the good one was" "init" "$(alive)"
check "a signal by number" 0 "" "" vkill --xid 82 -s 9
wait_gone 82
same "... SIGKILL ended the init too" "" "$(ls /proc/virtual | grep -x 82)"

check "a context that does not exist" 1 "" \
	"vkill: cannot signal context 99: No such process" vkill --xid 99
check "a pid that does not exist, without --xid" 1 "" \
	"vkill: cannot find the context of pid 99999: No such process" \
	vkill 99999
check "a guest cannot signal" 1 "" \
	"vkill: cannot signal context 83: Operation not permitted" \
	vcontext --create --xid 83 --silent -- vkill --xid 83 -s 0
