#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vdu.sh - host tests of vdu: usage, bad options, util-vserver's exit
# codes.  tests/tools/t0050-vdlimit.sh drives it on the disk host.

tool=vdu
. "${0%/*}/toollib.sh"

check_help --help " --xid <xid> " " --space " " --inodes " \
	" --blocksize <n> " " --script "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "--script takes no value" 1 "unrecognized option '--script=1'" \
	--script=1
check_usage "no context" 255 "no context: give --xid <xid>" /
check_usage "a bad context id" 255 "invalid context id 'web'" --xid web /
check_usage "the host is no context" 255 "invalid context id '1'" --xid 1 /
check_usage "a bad block size" 255 "invalid block size '0'" \
	--xid 42 --blocksize 0 /
check_usage "no directory" 255 "no directory" --xid 42 --space
check "a directory that does not exist" 255 "" \
	"$tool: cannot read the usage of 42 on '/no/such': No such file or directory" \
	--xid 42 /no/such

done_testing
