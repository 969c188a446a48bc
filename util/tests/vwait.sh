#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vwait.sh - host tests of vwait: usage and the status on a kernel without
# vserver(2).

tool=vwait
. "${0%/*}/toollib.sh"

check_help --help " --timeout <s> " " --terminate " " --status-fd <fd> " \
	"Exit status: 0 FINISHED, 1 KILLED, 2 TIMEOUT, 127 ERROR."
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'x'" -x
check_usage "no context" 1 "no context given"
check_usage "two contexts" 1 "only one context can be waited for" 42 43
check_usage "--xid and a context" 1 "only one context can be waited for" \
	--xid 42 43
check_usage "a bad context" 1 "invalid context id 'web'" web
check_usage "self" 1 "invalid context id 'self'" self
check_usage "a bad --xid" 1 "invalid context id '-3'" --xid -3
check_usage "a bad timeout" 1 "invalid timeout '1.5'" --timeout 1.5 42
check_usage "a bad status fd" 1 "invalid file descriptor 'x'" \
	--status-fd x 42

check_no_vserver "ERROR without vserver support" 127 "ERROR 38" \
	"$no_vserver" 42
check_no_vserver "--xid without vserver support" 127 "ERROR 38" \
	"$no_vserver" --xid 42 --timeout 5
if $vserver_kernel; then
	skip "--status-fd without vserver support" "kernel has vserver support"
else
	"$bin" --status-fd 3 42 3> "$tmp/status" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ $got = 127 ] && [ "$(cat "$tmp/status")" = "ERROR 38" ] &&
	   [ ! -s "$tmp/out" ]; then
		result pass "--status-fd gets the status line"
	else
		result fail "--status-fd gets the status line"
		echo "#   exit status $got, status '$(cat "$tmp/status")'"
	fi
fi

done_testing
