#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# naddress in the VM: adding and removing every kind of entry, checked in
# /proc/virtnet/<nid>/info; --set, the broadcast and loopback addresses,
# "self" inside the exec chain, what the entries let the guest bind, and
# the errors.  Network contexts 2130..2159.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"

net_setup
ncontext --create --nid 2130 --flag persistent --silent -- true

# 1. Adding.
check "--add of an address, a network, a range and an IPv6 address" 0 \
	"Adding 192.0.2.10/24 198.51.100.77/24 192.0.2.100-192.0.2.110 2001:db8::10" \
	"" \
	naddress --nid 2130 --add --ip 192.0.2.10/24 --mask 198.51.100.77/24 \
	--range 192.0.2.100-192.0.2.110 --ip 2001:db8::10
same "... the entries: a network's address is masked" \
	"192.0.2.10-0.0.0.0/255.255.255.0:0010
198.51.100.0-0.0.0.0/255.255.255.0:0020
192.0.2.100-192.0.2.110/255.255.255.255:0040
2001:db8::10/128:0010" "$(naddrs 2130)"
check "--ip with a range, a dotted mask, an IPv6 network" 0 \
	"Adding 198.51.100.20-198.51.100.30 192.0.2.11/24 2001:db8:1::1/48" "" \
	naddress --nid 2130 --add --ip 198.51.100.20-198.51.100.30 \
	--ip 192.0.2.11/255.255.255.0 --mask 2001:db8:1::1/48
same "... appended in order" \
	"198.51.100.20-198.51.100.30/255.255.255.255:0040
192.0.2.11-0.0.0.0/255.255.255.0:0010" "$(naddrs 2130 | sed -n 4,5p)"
same "... the IPv6 network is masked" "2001:db8:1::/48:0020" \
	"$(naddrs 2130 | sed -n 7p)"
check "--silent" 0 "" "" naddress --nid 2130 --add --silent --ip 192.0.2.12
check "--bcast and --lback" 0 "Adding 192.0.2.255 127.0.0.99" "" \
	naddress --nid 2130 --add --bcast 192.0.2.255 --lback 127.0.0.99
same "... set the broadcast address" 192.0.2.255 \
	"$(nproc_field 2130 info Bcast)"
same "... and the loopback address" 127.0.0.99 \
	"$(nproc_field 2130 info Lback)"
check "an entry that is there already" 255 "" \
	"naddress: cannot add address 192.0.2.10/24 to network context 2130: File exists" \
	naddress --nid 2130 --add --ip 192.0.2.10/24
check "the same address with another mask is another entry" 0 "" "" \
	naddress --nid 2130 --add --silent --ip 192.0.2.10
same "... nine entries now" 9 "$(naddrs 2130 | wc -l | tr -d ' ')"

# 2. Removing: an entry is named as it was added.
check "--remove with another mask finds nothing" 255 "" \
	"naddress: cannot remove address 192.0.2.10/25 from network context 2130: No such process" \
	naddress --nid 2130 --remove --ip 192.0.2.10/25
check "--remove of an address, a network, a range" 0 \
	"Removing 192.0.2.10/24 198.51.100.1/24 192.0.2.100-192.0.2.110" "" \
	naddress --nid 2130 --remove --ip 192.0.2.10/24 \
	--mask 198.51.100.1/24 --range 192.0.2.100-192.0.2.110
check "--remove of an IPv6 address: its prefix does not matter" 0 "" "" \
	naddress --nid 2130 --remove --silent --ip 2001:db8::10/64
same "... what is left" \
	"198.51.100.20-198.51.100.30/255.255.255.255:0040
192.0.2.11-0.0.0.0/255.255.255.0:0010
192.0.2.12-0.0.0.0/255.255.255.255:0010
192.0.2.10-0.0.0.0/255.255.255.255:0010
2001:db8:1::/48:0020" "$(naddrs 2130)"
check "--remove stops at the first entry missing" 255 "" \
	"naddress: cannot remove address 192.0.2.200 from network context 2130: No such process" \
	naddress --nid 2130 --remove --ip 192.0.2.12 --ip 192.0.2.200 \
	--ip 192.0.2.11/24
same "... after removing the ones before" \
	"198.51.100.20-198.51.100.30/255.255.255.255:0040
192.0.2.11-0.0.0.0/255.255.255.0:0010
192.0.2.10-0.0.0.0/255.255.255.255:0010
2001:db8:1::/48:0020" "$(naddrs 2130)"

# 3. --set replaces every entry, of both families.
check "--set" 0 "Adding 198.51.100.5" "" \
	naddress --nid 2130 --set --ip 198.51.100.5
same "... leaves only its own" "198.51.100.5-0.0.0.0/255.255.255.255:0010" \
	"$(naddrs 2130)"
same "... and not the broadcast address" 192.0.2.255 \
	"$(nproc_field 2130 info Bcast)"
check "--set of nothing removes everything" 0 "" "" \
	naddress --nid 2130 --set
same "... no entry is left" "" "$(naddrs 2130)"
check "the command runs after the change" 0 "ran" "" \
	naddress --nid 2130 --add --silent --ip 192.0.2.10 -- echo ran
ndrop 2130

# 4. Self: inside the exec chain, as chbind is built from it.
start_bg g2131 ncontext --create --nid 2131 --silent -- \
	naddress --add --ip 192.0.2.10 --ip 2001:db8::10 -- \
	sh -c "touch $tmp/ready; exec sleep 30"
wait_for "$tmp/ready"
same "without --nid it is the caller's own network context" \
	"Adding 192.0.2.10 2001:db8::10" "$(cat "$tmp/g2131.out")"
same "... whose entries are there" \
	"192.0.2.10-0.0.0.0/255.255.255.255:0010${nl}2001:db8::10/128:0010" \
	"$(naddrs 2131)"
stop_bg g2131
wait_ngone 2131
check "from the host without --nid" 255 "" \
	"naddress: the caller is in no guest network context: give --nid <nid>
Try 'naddress --help' for more information." \
	naddress --add --ip 192.0.2.10

# 5. The entries are what the guest may bind.
start_bg h1 ncontext --create --nid 2132 --silent -- \
	naddress --add --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 192.0.2.10:8091
same "an added address can be bound" 192.0.2.10:8091 "$(wait_listen 8091)"
stop_bg h1
check "a removed one cannot" 1 "" \
	"httpd: bind: Cannot assign requested address" \
	ncontext --create --nid 2133 --silent -- \
	naddress --add --silent --ip 192.0.2.10 --ip 198.51.100.10 -- \
	naddress --remove --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 192.0.2.10:8092
check "a whole network: any of its addresses" 0 "" "" \
	ncontext --create --nid 2134 --silent -- \
	naddress --add --silent --mask 192.0.2.0/24 -- \
	sh -c "httpd -h $tmp/www -p 192.0.2.10:8093 && \
	       httpd -h $tmp/www -p 192.0.2.1:8094"
same "... both bound" "192.0.2.10:8093 192.0.2.1:8094" \
	"$(wait_listen 8093) $(wait_listen 8094)"
for p in $(pidof httpd); do kill "$p"; done
wait_ngone 2134

# 6. Errors.
check "a network context that does not exist" 255 "" \
	"naddress: cannot add address 192.0.2.1 to network context 2159: No such process" \
	naddress --nid 2159 --add --ip 192.0.2.1
check "the host is no network context" 255 "" \
	"naddress: cannot add address 192.0.2.1 to network context 0: No such process" \
	naddress --nid 0 --add --ip 192.0.2.1
start_bg g2135 ncontext --create --nid 2135 --silent --flag ~state_admin -- \
	sh -c "touch $tmp/ready2; exec sleep 30"
wait_for "$tmp/ready2"
check "a network context that is not administrable" 255 "" \
	"naddress: cannot add address 192.0.2.1 to network context 2135: Permission denied" \
	naddress --nid 2135 --add --ip 192.0.2.1
stop_bg g2135
check "a guest (xid != 0) out of its setup may not change addresses" 255 \
	"" \
	"naddress: cannot add address 192.0.2.1 to network context 2136: Operation not permitted" \
	ncontext --create --nid 2136 --silent -- vcontext --create --silent -- \
	vcontext --migrate-self --endsetup -- \
	naddress --nid 2136 --add --ip 192.0.2.1
wait_ngone 2136
same "no network context was left behind" "" "$(nids)"

net_teardown
