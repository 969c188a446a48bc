#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The vserver(2) fuzzer and the lifecycle stress, briefly (make check
# runs this in the VM on whichever kernel it boots: the normal one, or
# the debug one with DEBUG=1; `make fuzz` runs the fuzzer for longer on
# the debug kernel).  TAP.

cd "$(dirname "$0")" || exit 1
fz=./vsfuzz
n=0
out=/tmp/vsfuzz.$$

if dmesg 2>/dev/null | grep -q 'KernelAddressSanitizer initialized'; then
	echo "# kernel: debug (KASAN, lockdep, UBSAN)"
else
	echo "# kernel: normal (the debug kernel: make check DEBUG=1, make fuzz)"
fi

run() { # description command...
	desc=$1
	shift
	n=$((n + 1))
	"$@" >"$out" 2>&1
	st=$?
	# The summary lines, and everything when it failed.
	if [ $st = 0 ]; then
		grep -E '^# (vsfuzz|ran|results|counters|kmemleak|kernel|create-release|nothing)' "$out"
		echo "ok $n - $desc"
	else
		sed 's/^\([^#]\)/# \1/' "$out"
		echo "not ok $n - $desc (exit status $st)"
	fi
}

run "fuzzer: random and structure-aware calls, racing workers" \
	$fz --check
run "stress: 4 x 100 contexts created and torn down with tasks inside" \
	$fz --stress --workers 4 --contexts 100
[ -e /sys/kernel/debug/kmemleak ] ||
	mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ -w /sys/kernel/debug/kmemleak ]; then
	run "stress with a kmemleak scan afterwards" \
		$fz --stress --workers 4 --contexts 100 --kmemleak
else
	n=$((n + 1))
	echo "ok $n - stress with a kmemleak scan afterwards # SKIP no kmemleak (debug kernel booted with kmemleak=on only)"
fi
# Last: while the bug it tests is there, it leaves stale /proc entries
# that oops their readers.
run "race: create vs. release of the same id leaves nothing behind" \
	$fz --race create-release --seconds 3
rm -f "$out"
echo "1..$n"
