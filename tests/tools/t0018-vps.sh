#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vps in the VM: busybox ps output with the CONTEXT column, for the host,
# a named guest and the spectator; ps options; output without a PID
# column; the exit status of ps; the errors.

. "$(dirname "$0")/lib.sh"

vcontext --create --xid 110 --silent -- vuname -t context=web -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "sleep 30 & echo \$! > $tmp/pid; wait" &
wait_for "$tmp/pid"
pid=$(cat "$tmp/pid")

vps > "$tmp/out"
st=$?
same "exit status 0" 0 "$st"
sed 's/^/# /' "$tmp/out" | grep -v '\[' | head -20
header=$(sed -n 1p "$tmp/out")
ps_header=$(ps | sed -n 1p)
match "the header has CONTEXT after PID" "^ *PID +CONTEXT +USER" "$header"
same "... and is ps's with the column inserted" "$ps_header" \
	"$(echo "$header" | sed 's/CONTEXT             //')"
line=$(awk -v p="$pid" '$1 == p' "$tmp/out")
match "the guest's process: context 110 and its name" \
	"^ *$pid +110 web +root +sleep 30$" "$line"
match "pid 1 is in the host context: MAIN" "^ +1 +0 MAIN " \
	"$(awk '$1 == 1' "$tmp/out")"
match "vps and ps themselves are spectators: ALL_PROC" \
	"^ *[0-9]+ +1 ALL_PROC +root +ps$" "$(grep ' ps$' "$tmp/out")"
col=$(echo "$header" | awk '{ print index($0, "CONTEXT") }')
same "the context column lines up under its heading" "" \
	"$(awk -v c="$col" 'NR > 1 && substr($0, c - 1, 1) != " "' "$tmp/out")"
same "every line but the header has a context" "" \
	"$(awk 'NR > 1 && $2 !~ /^[0-9]+$/' "$tmp/out")"

vps -o pid,comm > "$tmp/o"
match "-o pid,comm: the guest's process" "^ *$pid +110 web +sleep$" \
	"$(awk -v p="$pid" '$1 == p' "$tmp/o")"
vps -o comm > "$tmp/c"
same "without a PID column the output is ps's" "$(ps -o comm | sed -n 1p)" \
	"$(sed -n 1p "$tmp/c")"
same "... no CONTEXT inserted" "" "$(grep CONTEXT "$tmp/c")"
vps --bogus > /dev/null 2>&1
same "the exit status of ps is vps's" 1 "$?"
kill_ctx 110

check "inside a guest it cannot become the spectator" 254 "" \
	"vps: cannot become the spectator (context 1): Operation not permitted" \
	vcontext --create --silent -- vps
