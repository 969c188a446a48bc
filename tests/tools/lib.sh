# SPDX-License-Identifier: GPL-2.0
#
# lib.sh - sourced by the VM tests of the tools (tNNNN-<tool>.sh): TAP 13
# output and the checks they share.  POSIX sh with busybox; the tools are
# found in $PATH (/usr/sbin in the test VM).
#
#   check DESC STATUS STDOUT STDERR CMD...   exact exit status and streams
#   same DESC WANT GOT                       two strings
#   match DESC REGEX GOT                     grep -E on a string
#   wait_for FILE                            until FILE exists (10 s)
#   wait_gone XID                            until /proc/virtual/XID is gone
#   kill_ctx XID                             SIGKILL it and wait_gone

n=0
failed=0
tmp=$(mktemp -d) || exit 1
nl='
'
echo "TAP version 13"

finish()
{
	rm -rf "$tmp"
	echo "1..$n"
	[ "$failed" = 0 ] && exit 0
	exit 1
}
trap 'finish' EXIT

result() # pass|fail DESC
{
	n=$((n + 1))
	if [ "$1" = pass ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

same() # DESC WANT GOT
{
	if [ "$2" = "$3" ]; then
		result pass "$1"
	else
		result fail "$1"
		printf '%s\n' "want: $2" | sed 's/^/#   /'
		printf '%s\n' "got:  $3" | sed 's/^/#   /'
	fi
}

match() # DESC REGEX GOT
{
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		result pass "$1"
	else
		result fail "$1"
		printf '%s\n' "want (regex): $2" | sed 's/^/#   /'
		printf '%s\n' "got: $3" | sed 's/^/#   /'
	fi
}

expect() { [ -z "$1" ] || printf '%s\n' "$1"; }

check() # DESC STATUS STDOUT STDERR CMD...
{
	desc=$1 want=$2
	expect "$3" > "$tmp/out.want"
	expect "$4" > "$tmp/err.want"
	shift 4
	"$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	got=$?
	if [ "$got" = "$want" ] && cmp -s "$tmp/out.want" "$tmp/out" &&
	   cmp -s "$tmp/err.want" "$tmp/err"; then
		result pass "$desc"
		return
	fi
	result fail "$desc"
	echo "#   exit status: got $got, want $want"
	for s in out err; do
		cmp -s "$tmp/$s.want" "$tmp/$s" && continue
		echo "#   std$s, want:"
		sed 's/^/#     /' "$tmp/$s.want"
		echo "#   std$s, got:"
		sed 's/^/#     /' "$tmp/$s"
	done
}

wait_for() # FILE
{
	i=0
	while [ ! -e "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -e "$1" ]
}

wait_gone() # XID
{
	i=0
	while [ -e "/proc/virtual/$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e "/proc/virtual/$1" ]
}

kill_ctx() # XID
{
	[ -e "/proc/virtual/$1" ] || return 0
	vattribute --xid "$1" --flag '~persistent' 2>/dev/null
	vkill --xid "$1" -s KILL 2>/dev/null
	wait_gone "$1"
}

# The value of a "Key:<tab>value" line of /proc/virtual/<xid>/<file>.
proc_field() # XID FILE KEY
{
	sed -n "s/^$3:[[:space:]]*//p" "/proc/virtual/$1/$2" 2>/dev/null
}
