#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vdlimit.sh - host tests of vdlimit: usage, bad options and settings,
# util-vserver's exit codes, and the messages on a kernel without
# vserver(2).  tests/tools/t0050-vdlimit.sh drives it on the vserver
# kernel's disk host.

tool=vdlimit
. "${0%/*}/toollib.sh"

check_help --help " --xid <xid> " " --flags <flags> " " --set <key>=<value>" \
	" --remove "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "--remove takes no value" 1 "unrecognized option '--remove=1'" \
	--remove=1
check_usage "no context" 255 "no context: give --xid <xid>" /
check_usage "a bad context id" 255 "invalid context id 'web'" --xid web /
check_usage "the host is no context" 255 "invalid context id '0'" --xid 0 /
check_usage "self is no tag" 255 "invalid context id 'self'" --xid self /
check_usage "an unknown key" 255 "invalid setting 'space=5'" \
	--xid 42 --set space=5 /
check_usage "a setting without value" 255 "invalid setting 'space_total'" \
	--xid 42 --set space_total /
check_usage "a value that is no number" 255 \
	"invalid setting 'space_total=1x'" --xid 42 --set space_total=1x /
check_usage "reserved is a percentage" 255 "invalid setting 'reserved=101'" \
	--xid 42 --set reserved=101 /
check_usage "bad flags" 255 "invalid flags 'x'" --xid 42 --flags x /
check_usage "no mount point" 255 "no mount point" --xid 42
check_usage "--set and --remove" 255 "--set and --remove exclude each other" \
	--xid 42 --set space_total=5 --remove /

check_no_vserver "showing without vserver support" 255 "" \
	"$tool: cannot read the disk limit of 42 on '/': this kernel has no vserver support" \
	--xid 42 /
check_no_vserver "setting without vserver support" 255 "" \
	"$tool: cannot set the disk limit of 42 on '/': this kernel has no vserver support" \
	--xid 42 --set space_total=inf --set inodes_total=1000 --set reserved=5 /
check_no_vserver "removing without vserver support" 255 "" \
	"$tool: cannot remove the disk limit of 42 on '/': this kernel has no vserver support" \
	--xid 42 --remove /

done_testing
