#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# nattribute.sh - host tests of nattribute: usage, every kind of bad
# list, and the messages on a kernel without vserver(2).

tool=nattribute
. "${0%/*}/toollib.sh"

check_help --help " --nid <nid> " " --flag <list> " " --ncap <list> " \
	" --secure " " --get " " --set "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'q'" -q
check_usage "--flag without its argument" 255 \
	"option '--flag' requires an argument" --flag
check_usage "a bad network context id" 1 \
	"invalid network context id 'web'" --nid web
check_usage "an unknown flag" 1 "unknown flag 'bogus'" --flag single_ip,bogus
check_usage "an unknown flag, cleared" 1 "unknown flag '~bogus'" \
	--flag '~bogus'
check_usage "a context flag is no network flag" 1 \
	"unknown flag 'hide_vinfo'" --flag hide_vinfo
check_usage "an unknown ncap" 1 "unknown ncap 'set_utsname'" \
	--ncap set_utsname
check_usage "a bad bit" 1 "bad bit number in ncap list: '^99'" --ncap ^99
check_usage "a bad number" 1 "bad number in flag list: '12x'" --flag 12x
check_usage "an empty entry" 1 "empty entry in ncap list 'raw_icmp,'" \
	--ncap raw_icmp,
check_usage "the first bad list counts" 1 "unknown flag 'x'" \
	--flag x --ncap y
check_usage "--get with changes" 1 "--get takes no changes" \
	--get --ncap raw_icmp
check_usage "--secure with --get" 1 "--get takes no changes" --secure --get

check_no_vserver "--set without vserver support" 1 "" "$no_vserver" \
	--nid 2100 --flag single_ip
check_no_vserver "--get without vserver support" 1 "" "$no_vserver" \
	--nid 2100 --get
check_no_vserver "self without vserver support" 1 "" "$no_vserver" \
	--secure
check_no_vserver "nothing to change still needs a network context" 1 "" \
	"$no_vserver" -- true

done_testing
