#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run.sh - run TAP test programs and print their results as one TAP 13 stream
#
# Usage: run.sh TEST...
#
# A TEST ending in .sh runs with sh, any other is executed.  Each prints
# TAP ("1..N" first or last, "ok"/"not ok" lines, "#" comments); its
# results are renumbered into one stream and named after the test.  A
# missing plan, a plan that does not match the results, or a non-zero exit
# without a failed result adds a "not ok".  Exit status 1 on any "not ok".

set -u
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/all"

for t in "$@"; do
	case $t in
	*.sh) sh "$t" > "$tmp/out" ;;
	*) "$t" > "$tmp/out" ;;
	esac
	status=$?
	awk -v name="${t##*/}" -v status="$status" '
	/^TAP version/ { next }
	/^1\.\.[0-9]+/ { plan = substr($1, 4) + 0; planned = 1; next }
	/^(not )?ok/ {
		n++
		verdict = /^not/ ? "not ok" : "ok"
		failed += verdict == "not ok"
		sub(/^(not )?ok[ \t]*[0-9]*[ \t]*(-[ \t]*)?/, "")
		print verdict " - " name ": " $0
		next
	}
	/^#/ { print; next }
	{ print "# " $0 }
	END {
		if (!planned)
			print "not ok - " name ": no plan"
		else if (plan != n)
			print "not ok - " name ": planned " plan ", ran " n
		if (status != 0 && !failed)
			print "not ok - " name ": exit status " status
	}' "$tmp/out" >> "$tmp/all"
done

total=$(grep -Ec '^(not )?ok' "$tmp/all")
failed=$(grep -c '^not ok' "$tmp/all")
echo "TAP version 13"
echo "1..$total"
awk '/^(not )?ok/ { k++; sub(/ok -/, "ok " k " -") } { print }' "$tmp/all"
echo "# $((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
