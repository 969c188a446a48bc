#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vattribute.sh - host tests of vattribute: usage, every kind of bad list,
# and the messages on a kernel without vserver(2).

tool=vattribute
. "${0%/*}/toollib.sh"

check_help --help " --bcap <list> " " --ccap <list> " " --flag <list> " \
	" --umask <list> " " --secure " " --get "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'q'" -q
check_usage "a bad context id" 1 "invalid context id 'web'" --xid web
check_usage "an unknown bcap" 1 "unknown bcap 'FOO'" --bcap CHOWN,FOO
check_usage "an unknown bcap, cleared" 1 "unknown bcap '~FOO'" --bcap '~FOO'
check_usage "a ccap name as bcap" 1 "unknown bcap 'set_utsname'" \
	--bcap set_utsname
check_usage "an unknown ccap" 1 "unknown ccap 'bogus'" --ccap bogus
check_usage "an unknown flag" 1 "unknown flag 'bogus'" --flag bogus
check_usage "an unknown namespace" 1 "unknown namespace 'fs'" --umask fs
check_usage "a bad bit" 1 "bad bit number in bcap list: '^99'" --bcap ^99
check_usage "a bad number" 1 "bad number in ccap list: '12x'" --ccap 12x
check_usage "an empty entry" 1 "empty entry in flag list 'virt_mem,'" \
	--flag virt_mem,
check_usage "the first bad list counts" 1 "unknown flag 'x'" \
	--flag x --bcap y
check_usage "--get with changes" 1 "--get takes no changes" \
	--get --bcap CHOWN
check_usage "--secure with --get" 1 "--get takes no changes" --secure --get

check_no_vserver "--set without vserver support" 1 "" "$no_vserver" \
	--xid 42 --bcap CHOWN
check_no_vserver "--get without vserver support" 1 "" "$no_vserver" \
	--xid 42 --get
check_no_vserver "self without vserver support" 1 "" "$no_vserver" \
	--secure
check_no_vserver "nothing to change still needs a context" 1 "" \
	"$no_vserver" -- true

done_testing
