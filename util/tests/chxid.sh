#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# chxid.sh - host tests of chxid: usage, bad options, util-vserver's exit
# codes.  tests/tools/t0051-xfs.sh and t0052-xid.sh drive it in the VM.

tool=chxid
. "${0%/*}/toollib.sh"

check_help --help " -c, --ctx <ctx|guest> " " -R, --recursive " \
	" -x, --xdev " " -U, --skip-unified "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "no tag" 255 "no tag: give -c <ctx|guest>" /
check_usage "a bad tag" 255 "invalid context or unknown guest 'no/such'" \
	-c no/such /
check_usage "a tag above 65535" 255 \
	"invalid context or unknown guest '70000'" -c 70000 /
check_usage "no file" 255 "no file" -c 42
check "a file that does not exist" 255 "" \
	"$tool: cannot read '/no/such': No such file or directory" -c 42 /no/such

done_testing
