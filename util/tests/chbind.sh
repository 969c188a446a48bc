#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# chbind.sh - host tests of chbind: usage, every kind of bad address,
# flag and ncap list, and the messages on a kernel without vserver(2).
# tests/tools-next drives it on the vserver kernel.

tool=chbind
. "${0%/*}/toollib.sh"

check_help --help " --nid <nid> " " --ip <addr> " " --bcast <ip> " \
	" --lback <ip> " " --flag <list> " " --ncap <list> " " --secure " \
	" --silent "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option: 1, as util-vserver's script" 1 \
	"unrecognized option '--bogus'" --bogus -- true
check_usage "unknown short option" 1 "invalid option -- 'x'" -x true
check_usage "--ip without its argument" 1 \
	"option '--ip' requires an argument" --ip
check_usage "no command" 255 "no command given" --ip 192.0.2.1
check_usage "no command after --" 255 "no command given" --ip 192.0.2.1 --
check_usage "a network context id that is no number" 255 \
	"invalid network context id 'web'" --nid web -- true
check_usage "a network context id above 65535" 255 \
	"invalid network context id '65536'" --nid 65536 -- true
check_usage "self is no id to create" 255 \
	"invalid network context id 'self'" --nid self -- true

# Addresses: each message names the part that is wrong.
check_usage "an IPv4 address out of range" 255 \
	"invalid IP address '192.0.2.300'" --ip 192.0.2.300 -- true
check_usage "a host name" 255 "invalid IP address 'localhost'" \
	--ip localhost -- true
check_usage "an empty address" 255 "invalid IP address ''" --ip '' -- true
check_usage "a bad address after a device" 255 \
	"invalid IP address '192.0.2' in 'dummy0:192.0.2'" \
	--ip dummy0:192.0.2 -- true
check_usage "a bad IPv6 address" 255 "invalid IP address '2001:db8:::1'" \
	--ip 2001:db8:::1 -- true
check_usage "an IPv4 prefix above 32" 255 \
	"invalid prefix length '33' in '192.0.2.1/33'" --ip 192.0.2.1/33 -- true
check_usage "an IPv6 prefix above 128" 255 \
	"invalid prefix length '129' in '2001:db8::1/129'" \
	--ip 2001:db8::1/129 -- true
check_usage "an empty prefix" 255 "invalid prefix length '' in '192.0.2.1/'" \
	--ip 192.0.2.1/ -- true
check_usage "a netmask with holes" 255 \
	"invalid netmask '255.0.255.0' in '192.0.2.1/255.0.255.0'" \
	--ip 192.0.2.1/255.0.255.0 -- true
check_usage "an IPv6 netmask for IPv4" 255 \
	"invalid netmask 'ffff::' in '192.0.2.1/ffff::'" \
	--ip 192.0.2.1/ffff:: -- true
check_usage "an IPv6 range" 255 \
	"a range needs two IPv4 addresses: '2001:db8::1-2001:db8::9'" \
	--ip 2001:db8::1-2001:db8::9 -- true
check_usage "a range backwards" 255 \
	"empty range '192.0.2.9-192.0.2.1': the end must be above the start" \
	--ip 192.0.2.9-192.0.2.1 -- true
check_usage "a range of nothing (the end is not included)" 255 \
	"empty range '192.0.2.9-192.0.2.9': the end must be above the start" \
	--ip 192.0.2.9-192.0.2.9 -- true
check_usage "a bad end of a range" 255 \
	"invalid IP address '192.0.2' in '192.0.2.1-192.0.2'" \
	--ip 192.0.2.1-192.0.2 -- true
check_usage "a device name too long" 255 \
	"invalid device name 'abcdefghijklmnop' in 'abcdefghijklmnop:192.0.2.1'" \
	--ip abcdefghijklmnop:192.0.2.1 -- true
check_usage "the first bad address counts" 255 \
	"invalid IP address 'x'" --ip 192.0.2.1 --ip x --ip y -- true
check_usage "an IPv6 broadcast address" 255 \
	"the broadcast address must be IPv4: '2001:db8::ff'" \
	--bcast 2001:db8::ff -- true
check_usage "a broadcast address with a prefix" 255 \
	"invalid broadcast address '192.0.2.255/24'" \
	--bcast 192.0.2.255/24 -- true
check_usage "a bad loopback address" 255 \
	"invalid loopback address '127.0.0.256'" --lback 127.0.0.256 -- true
check_usage "an IPv6 loopback address" 255 \
	"the loopback address must be IPv4: '::1'" --lback ::1 -- true
i=0 many=
while [ $i -le 256 ]; do
	many="$many --ip 192.0.2.$((i % 200 + 1))"
	i=$((i + 1))
done
# shellcheck disable=SC2086
check_usage "at most 256 addresses" 255 "too many addresses (at most 256)" \
	$many -- true

# Lists.
check_usage "an unknown flag" 255 "unknown flag 'bogus'" \
	--flag single_ip,bogus -- true
check_usage "a context flag is no network flag" 255 \
	"unknown flag 'virt_mem'" --flag virt_mem -- true
check_usage "an unknown ncap" 255 "unknown ncap 'ping'" --ncap ping -- true
check_usage "a bad ncap bit" 255 "bad bit number in ncap list: '^64'" \
	--ncap ^64 -- true
check_usage "an empty flag entry" 255 \
	"empty entry in flag list 'single_ip,'" --flag single_ip, -- true

# The command is looked for before anything is created.
check "a command that does not exist: 127" 127 "" \
	"chbind: cannot execute '/nonexistent': No such file or directory" \
	--ip 192.0.2.1 -- /nonexistent
check "a command not in PATH: 127" 127 "" \
	"chbind: cannot execute 'no-such-tool': No such file or directory" \
	--ip 192.0.2.1 no-such-tool
check "a command that is not executable: 126" 126 "" \
	"chbind: cannot execute '/etc/passwd': Permission denied" \
	--ip 192.0.2.1 -- /etc/passwd

check_no_vserver "a dynamic id without vserver support" 255 "" \
	"$no_vserver" --ip 192.0.2.1 -- true
check_no_vserver "a static id without vserver support" 255 "" \
	"$no_vserver" --nid 2100 --ip 192.0.2.1/24 --ip 2001:db8::1 \
	--bcast 192.0.2.255 --flag persistent --ncap ~raw_icmp -- true
check_no_vserver "no address at all, without vserver support" 255 "" \
	"$no_vserver" --silent true

done_testing
