#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vuname.sh - host tests of vuname: usage, bad tags, and the messages on a
# kernel without vserver(2).

tool=vuname
. "${0%/*}/toollib.sh"

check_help --help " -t, --tag <tag>=<value> " " --dir <dir> " " -g, --get " \
	"Tags: context sysname nodename release version machine domainname"
check_help -h
check_version --version
check_version -V
check_write_error

long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'q'" -q
check_usage "an unknown tag to set" 255 "unknown tag 'hostname=web'" \
	-t hostname=web
check_usage "a tag without a value" 255 "'nodename' is not <tag>=<value>" \
	-t nodename
check_usage "a value of 65 bytes" 255 \
	"the value of 'nodename=$long' is longer than 64 bytes" \
	--tag "nodename=$long"
check_usage "an unknown tag to get" 255 "unknown tag 'bogus'" \
	--xid 42 nodename bogus
check_usage "a bad context id" 255 "invalid context id '1x'" -x 1x
check_usage "--get with --tag" 255 "--get excludes --set, --tag and --dir" \
	-g -t nodename=a
check_usage "--set without a tag" 255 "--set needs --tag <tag>=<value>" -s

check_no_vserver "get without vserver support" 255 "" \
	"$tool: this kernel has no vserver support" --xid 42
check_no_vserver "get of one tag without vserver support" 255 "" \
	"$no_vserver" --xid 42 -g nodename
check_no_vserver "set without vserver support" 255 "" "$no_vserver" \
	--xid 42 -t nodename=web -- true
mkdir "$tmp/uts"
echo web > "$tmp/uts/nodename"
check_no_vserver "--dir without vserver support" 255 "" "$no_vserver" \
	--xid 42 --dir "$tmp/uts"
check "--dir --missingok with no directory" 0 "" "" \
	--xid 42 --dir "$tmp/none" --missingok
check "--dir --missingok runs the command" 0 "ran" "" \
	--xid 42 --dir "$tmp/none" --missingok -- echo ran
check "--dir with an empty directory" 0 "" "" --xid 42 --dir "$tmp/none2" \
	--missingok
check "a missing --dir" 255 "" \
	"$tool: cannot use '$tmp/none': No such file or directory" \
	--xid 42 --dir "$tmp/none"
printf '%s\n' "$long" > "$tmp/uts/domainname"
check "a value of 65 bytes in --dir" 255 "" \
	"$tool: the value in '$tmp/uts/domainname' is longer than 64 bytes" \
	--xid 42 --dir "$tmp/uts"

done_testing
