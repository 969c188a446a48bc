#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# naddress.sh - host tests of naddress: usage, bad addresses, and the
# messages on a kernel without vserver(2).  tests/tools-next drives it
# on the vserver kernel.

tool=naddress
. "${0%/*}/toollib.sh"

check_help --help " --add " " --remove " " --set " " --nid <nid> " \
	" --ip <addr> " " --mask <net> " " --range <range> " " --bcast <ip> " \
	" --lback <ip> " " --silent "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'x'" -x
check_usage "--ip without its argument" 255 \
	"option '--ip' requires an argument" --add --ip
check_usage "no operation" 255 "one of --add, --remove and --set is needed" \
	--ip 192.0.2.1
check_usage "--add with --remove" 255 \
	"--add, --remove and --set exclude each other" \
	--add --remove --ip 192.0.2.1
check_usage "--set with --add" 255 \
	"--add, --remove and --set exclude each other" \
	--set --add --ip 192.0.2.1
check_usage "--remove of nothing" 255 \
	"nothing to remove: give --ip, --mask or --range" --remove --nid 2100
check_usage "--remove of the broadcast address" 255 \
	"the broadcast and loopback addresses can only be set, not removed" \
	--remove --bcast 192.0.2.255
check_usage "--remove of the loopback address" 255 \
	"the broadcast and loopback addresses can only be set, not removed" \
	--remove --ip 192.0.2.1 --lback 127.0.0.2
check_usage "a bad network context id" 255 \
	"invalid network context id '70000'" --add --nid 70000
check_usage "a bad address" 255 "invalid IP address '192.0.2.1.1'" \
	--add --ip 192.0.2.1.1
check_usage "a bad prefix after a device" 255 \
	"invalid prefix length '64' in 'dummy0:192.0.2.1/64'" \
	--add --ip dummy0:192.0.2.1/64
check_usage "a bad netmask" 255 \
	"invalid netmask '255.255.255.254.0' in '192.0.2.0/255.255.255.254.0'" \
	--add --mask 192.0.2.0/255.255.255.254.0
check_usage "--mask takes no range" 255 \
	"a network, not a range: '192.0.2.1-192.0.2.9'" \
	--add --mask 192.0.2.1-192.0.2.9
check_usage "--range takes only a range" 255 \
	"not a range '192.0.2.1': give <ip1>-<ip2>" --add --range 192.0.2.1
check_usage "an empty range" 255 \
	"empty range '198.51.100.2-198.51.100.1': the end must be above the start" \
	--add --range 198.51.100.2-198.51.100.1
check_usage "an IPv6 broadcast address" 255 \
	"the broadcast address must be IPv4: '::ffff:192.0.2.255'" \
	--add --bcast ::ffff:192.0.2.255

check_no_vserver "--add without vserver support" 255 "" "$no_vserver" \
	--add --nid 2100 --ip 192.0.2.1
check_no_vserver "--remove without vserver support" 255 "" "$no_vserver" \
	--remove --nid 2100 --range 192.0.2.1-192.0.2.9
check_no_vserver "--set without vserver support" 255 "" "$no_vserver" \
	--set --nid 2100 --ip 2001:db8::1
check_no_vserver "self without vserver support" 255 "" "$no_vserver" \
	--add --ip 192.0.2.1

done_testing
