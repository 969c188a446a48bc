#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# lsxid.sh - host tests of lsxid: usage, bad options, util-vserver's exit
# codes.  tests/tools/t0051-xfs.sh and t0052-xid.sh drive it in the VM.

tool=lsxid
. "${0%/*}/toollib.sh"

check_help --help " -R, --recursive " " -a, --all " " -d, --directory " \
	" -n, --numeric " " -x, --xdev "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'q'" -q
check "a file that does not exist" 255 "" \
	"$tool: cannot read '/no/such': No such file or directory" /no/such

done_testing
