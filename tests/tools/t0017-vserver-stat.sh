#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver-stat in the VM: one line per context, its processes counted by
# task_xid as the spectator, the names (a context name, a cfgdir with a
# name file), a persistent context without processes, the column layout;
# the errors.

. "$(dirname "$0")/lib.sh"

mkdir -p "$tmp/cfg/web"
echo "Web Server" > "$tmp/cfg/web/name"

guest() # XID CONTEXT-NAME SLEEPERS
{
	rm -f "$tmp/ready"
	vcontext --create --xid "$1" --silent -- vuname -t "context=$2" -- \
		vcontext --migrate-self --endsetup -- \
		sh -c "i=0; while [ \$i -lt $3 ]; do sleep 30 & i=\$((i+1)); done; \
		       touch $tmp/ready; wait" &
	wait_for "$tmp/ready"
}

guest 100 "$tmp/cfg/web" 1
guest 101 db 3
vcontext --create --xid 102 --silent --flag persistent -- \
	vuname -t context=idle -- true
sleep 0.5

vserver-stat > "$tmp/stat"
st=$?
same "exit status 0" 0 "$st"
same "the header" \
	"CTX   PROC    VSZ    RSS  userTIME   sysTIME    UPTIME NAME" \
	"$(sed -n 1p "$tmp/stat")"
row() { awk -v x="$1" 'NR > 1 && $1 == x' "$tmp/stat"; }
name() { row "$1" | cut -c56-; }
procs() { row "$1" | awk '{ print $2 }'; }

same "the contexts, in order: host, guests" "0 100 101 102" \
	"$(awk 'NR > 1 { printf "%s%s", s, $1; s = " " }' "$tmp/stat")"
same "the host is the root server" "root server" "$(name 0)"
same "a cfgdir context shows its name file" "Web Server" "$(name 100)"
same "a plain context name" "db" "$(name 101)"
same "PROC of 100: the shell and one sleeper" 2 "$(procs 100)"
same "PROC of 101: the shell and three sleepers" 4 "$(procs 101)"
same "PROC agrees with the kernel's task count" \
	"$(proc_field 101 status Tasks)" "$(procs 101)"
same "a persistent context without processes" "0 idle" \
	"$(procs 102) $(name 102)"
same "no spectator line: vserver-stat does not count itself" "" "$(row 1)"
match "the host has processes" "^[1-9][0-9]*$" "$(procs 0)"

bad=$(awk 'NR > 1 {
	if (substr($0, 55, 1) != " " || substr($0, 54, 1) == " ")
		print "columns: " $0
	if ($3 !~ /^[0-9]+(\.[0-9])?[KMGTP]?$/) print "VSZ: " $3
	if ($4 !~ /^[0-9]+(\.[0-9])?[KMGTP]?$/) print "RSS: " $4
	for (i = 5; i <= 7; i++)
		if ($i !~ /^[0-9]+m[0-9][0-9]s[0-9][0-9]$|^[0-9]+h[0-9][0-9]m[0-9][0-9]$|^[0-9]+d[0-9][0-9]h[0-9][0-9]$/)
			print "time: " $i
}' "$tmp/stat")
same "columns end where the header's do; sizes and times well formed" "" \
	"$bad"
same "a guest's VSZ and RSS are not zero" "" \
	"$(row 101 | awk '$3 == "0" || $4 == "0"')"
match "UPTIME of the idle context comes from the kernel" \
	"^0m0[0-9]s[0-9][0-9]$" "$(row 102 | awk '{ print $7 }')"
sed 's/^/# /' "$tmp/stat"

kill_ctx 100
kill_ctx 101
kill_ctx 102
same "after the guests end, only the host" "0" \
	"$(vserver-stat | awk 'NR > 1 { print $1 }' | tr '\n' ' ' | sed 's/ $//')"

check "inside a guest it cannot become the spectator" 1 "" \
	"vserver-stat: cannot become the spectator (context 1): Operation not permitted" \
	vcontext --create --silent -- vserver-stat
check "an argument" 1 "" "vserver-stat: unexpected argument 'x'
Try 'vserver-stat --help' for more information." vserver-stat x
