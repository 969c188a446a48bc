#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vspace.sh - host tests of vspace (and vnamespace): usage, bad spaces,
# and the messages on a kernel without vserver(2).  No test here unshares
# anything on the host.

tool=vspace
. "${0%/*}/toollib.sh"

check_help --help " -n, --new " " -e, --enter <xid> " " -m, --mask <list> " \
	" --~<space> " " -i, --index <n> "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'x'" -x
check_usage "no operation" 255 "one of --new, --set and --enter is needed" \
	--uts -- true
check_usage "two operations" 255 \
	"--new, --set and --enter exclude each other" --new --set --uts -- true
check_usage "no space for --new" 255 "no space given" --new -- true
check_usage "no space for --set" 255 "no space given" --set
check_usage "spaces taken away again" 255 "no space given" \
	--new --uts --ipc --~uts --~ipc -- true
check_usage "a list cleared again" 255 "no space given" \
	--new --mask uts,ipc,~uts,~ipc -- true
check_usage "no command for --new" 255 "no command given" --new --uts
check_usage "no command for --enter" 255 "no command given" --enter 42
check_usage "an unknown space" 255 "unknown space 'files'" \
	--new --mask uts,files -- true
check_usage "a bad space bit" 255 "bad bit number in space list: '^64'" \
	--new -m ^64 -- true
check_usage "an empty space entry" 255 "empty entry in space list ','" \
	--new -m , -- true
check_usage "a bad index" 255 "invalid space index '2'" --set --uts -i 2
check_usage "a negative index" 255 "invalid space index '-1'" \
	--set --uts --index -1
check_usage "a bad --enter id" 255 "invalid context id 'web'" \
	--enter web -- true
check_usage "--enter self" 255 "invalid context id 'self'" \
	--enter self -- true
check_usage "a bad --xid" 255 "invalid context id '70000'" \
	--set --uts --xid 70000
check_usage "--new with --xid" 255 "--new takes no --xid" \
	--new --uts --xid 42 -- true
check_usage "--enter <spaces> --xid: a bad space" 255 "unknown space 'web'" \
	--enter web --xid 42 -- true

check_no_vserver "--set without vserver support" 255 "" "$no_vserver" \
	--set --uts
check_no_vserver "--set --xid without vserver support" 255 "" \
	"$no_vserver" --set --mask uts,ipc --xid 42 --index 1
check_no_vserver "--enter without vserver support" 255 "" "$no_vserver" \
	--enter 42 -- true
check_no_vserver "--enter <spaces> --xid without vserver" 255 "" \
	"$no_vserver" --enter uts,mnt --xid 42 -- true
check_no_vserver "--default without vserver support" 255 "" \
	"$no_vserver" --set --default

# Called as vnamespace, mount and fs are selected from the start.
ln -s "$(cd "${bin%/*}" && pwd)/$tool" "$tmp/vnamespace"
"$tmp/vnamespace" --new > "$tmp/out" 2> "$tmp/err"
if [ $? = 255 ] && [ "$(cat "$tmp/err")" = \
     "vnamespace: no command given${nl}Try 'vnamespace --help' for more information." ]; then
	result pass "vnamespace selects spaces by itself"
else
	result fail "vnamespace selects spaces by itself"
	sed 's/^/#   /' "$tmp/err"
fi

done_testing
