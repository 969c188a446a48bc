#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vkill.sh - host tests of vkill: usage, bad signals and pids, and the
# messages on a kernel without vserver(2).

tool=vkill
. "${0%/*}/toollib.sh"

check_help --help " -c, --xid <xid> " " -s, --signal <sig> "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'x'" -x
check_usage "neither pid nor --xid" 1 "no pid and no --xid given"
check_usage "-s without a signal" 1 "option requires an argument -- 's'" -s
check_usage "--signal without a signal" 1 \
	"option '--signal' requires an argument" --signal
check_usage "a bad signal" 1 "invalid signal 'BOGUS'" --xid 42 -s BOGUS
check_usage "a signal above 64" 1 "invalid signal '65'" --xid 42 -s 65
check_usage "a bad context id" 1 "invalid context id 'web'" -c web
check "a bad pid" 1 "" "$tool: invalid pid 'abc'" --xid 42 abc
check "pid 1 needs --xid" 1 "" "$tool: pid 1 needs --xid" 1
check "pid 0 needs --xid" 1 "" "$tool: pid 0 needs --xid" 0
check "pid -1 needs --xid" 1 "" "$tool: pid -1 needs --xid" -- -1

check_no_vserver "a context without vserver support" 1 "" "$no_vserver" \
	--xid 42
check_no_vserver "a signal name without vserver support" 1 "" \
	"$no_vserver" --xid 42 -s SIGKILL 1
check_no_vserver "a pid without --xid, without vserver" 1 "" \
	"$no_vserver" $$

done_testing
