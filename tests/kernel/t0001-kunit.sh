#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit suites of the vserver subsystem (CONFIG_VSERVER_KUNIT_TEST),
# which ran at boot: each case becomes one TAP result here, read from
# /sys/kernel/debug/kunit/vserver_*/results.  No suite, a suite whose
# plan does not match its cases, or a suite that failed without a failed
# case, is a failure: KUnit must have run.

echo "TAP version 13"
# make distro-check boots Debian's own config, which has no KUnit, and
# says so on the command line (vs.nokunit); every other boot must have it.
case " $(cat /proc/cmdline) " in
*" vs.nokunit "*)
	echo "1..1"
	echo "ok 1 kunit # SKIP a distribution kernel without KUnit (vs.nokunit)"
	exit 0
	;;
esac
dbg=/sys/kernel/debug
if [ ! -d "$dbg/kunit" ]; then
	mount -t debugfs debugfs "$dbg" 2>/dev/null
fi
set -- "$dbg"/kunit/vserver_*/results
if [ ! -f "$1" ]; then
	echo "1..1"
	echo "not ok 1 kunit: no vserver suite in $dbg/kunit (CONFIG_VSERVER_KUNIT_TEST, CONFIG_KUNIT_DEBUGFS)"
	exit 1
fi
# A results file: "KTAP version 1", "1..1", the suite's header and plan
# and its cases indented by four spaces, then the suite's own result.
awk '
function flush(    d) {
	if (suite == "")
		return
	d = ""
	if (plan < 0)
		d = "printed no plan"
	else if (plan != cases)
		d = "planned " plan " cases, ran " cases
	else if (!suite_ok && !case_failed)
		d = "failed without a failed case"
	if (d != "") {
		st[++n] = "not ok"
		desc[n] = suite ": " d
	}
	suite = ""
}
FNR == 1 {
	flush()
	suite = FILENAME
	sub(/^.*\/kunit\//, "", suite)
	sub(/\/results$/, "", suite)
	plan = -1; cases = 0; case_failed = 0; suite_ok = 0
}
/^    1\.\.[0-9]+$/ { plan = substr($0, 8) + 0; next }
/^    (not )?ok [0-9]+ / {
	line = $0
	sub(/^    /, "", line)
	bad = line ~ /^not ok/
	sub(/^(not )?ok [0-9]+ /, "", line)
	cases++
	if (bad)
		case_failed = 1
	st[++n] = bad ? "not ok" : "ok"
	desc[n] = suite "." line
	next
}
/^ok [0-9]+ / { suite_ok = 1; next }
END {
	flush()
	print "1.." n
	for (i = 1; i <= n; i++) {
		print st[i] " " i " " desc[i]
		if (st[i] == "not ok")
			failed = 1
	}
	exit failed
}' "$@"
