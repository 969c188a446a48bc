#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# chbind in the VM: a network context with addresses, checked from the
# host (/proc/virtnet/<nid>) and from inside; its flags, ncaps, broadcast
# and loopback addresses; joining one that exists; what binds the guest
# may then do; and that a failure leaves no network context.
# Network contexts 2100..2129.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"

net_setup

# 1. A new network context, from inside and from the host.
start_bg g2100 chbind --nid 2100 --ip 192.0.2.10/24 --ip 2001:db8::10 \
	--bcast 192.0.2.255 -- \
	sh -c "grep -E '^(VxID|NxID):' /proc/self/status > $tmp/ids; \
	       touch $tmp/ready; exec sleep 30"
wait_for "$tmp/ready"
same "chbind prints the network context and the addresses" \
	"New network context is 2100${nl}Adding 192.0.2.10/24 2001:db8::10 192.0.2.255" \
	"$(cat "$tmp/g2100.out")"
same "inside, the task is in network context 2100, still in context 0" \
	"VxID:	0${nl}NxID:	2100" "$(cat "$tmp/ids")"
same "info: the id" 2100 "$(nproc_field 2100 info ID)"
same "info: the broadcast address" 192.0.2.255 "$(nproc_field 2100 info Bcast)"
same "info: the loopback address 127.0.0.1 ^ (2100 << 8)" 127.8.52.1 \
	"$(nproc_field 2100 info Lback)"
same "info: an IPv4 address with its mask, an IPv6 address" \
	"192.0.2.10-0.0.0.0/255.255.255.0:0010${nl}2001:db8::10/128:0010" \
	"$(naddrs 2100)"
same "status: one task" 1 "$(nproc_field 2100 status Tasks)"
same "status: the flags of NXF_INIT_SET" 0000000406000200 \
	"$(nproc_field 2100 status Flags)"
same "status: the ncaps a new network context has, raw_icmp" \
	0000000000000100 "$(nproc_field 2100 status NCaps)"
check "the host's own network context is unchanged" 0 "NxID:	0" "" \
	grep '^NxID:' /proc/self/status

# 2. Joining it: chbind for a network context that exists migrates into
# it as it is (util-vserver's "vserver <guest> exec" path).
check "chbind into an existing network context joins it silently" 0 \
	"NxID:	2100" "" \
	chbind --nid 2100 --ip 198.51.100.1 --flag single_ip -- \
	grep '^NxID:' /proc/self/status
same "... and changes nothing of it" \
	"192.0.2.10-0.0.0.0/255.255.255.0:0010${nl}2001:db8::10/128:0010" \
	"$(naddrs 2100)"
same "... flags included" 0000000406000200 "$(nproc_field 2100 status Flags)"
stop_bg g2100
wait_ngone 2100
same "the network context ends with its last task" "" "$(nids)"

# 3. Flags, ncaps, loopback and ranges.
start_bg g2101 chbind --nid 2101 --silent --flag single_ip,~hide_lback \
	--ncap tun_create,~raw_icmp --lback 127.0.0.53 \
	--ip 192.0.2.100-192.0.2.110 -- \
	sh -c "touch $tmp/ready1; exec sleep 30"
wait_for "$tmp/ready1"
same "--silent prints nothing" "" "$(cat "$tmp/g2101.out")"
same "--flag: single_ip set, hide_lback cleared" 0000000402000300 \
	"$(nproc_field 2101 status Flags)"
same "--ncap: tun_create set, raw_icmp cleared" 0000000000000001 \
	"$(nproc_field 2101 status NCaps)"
same "--lback sets the loopback address" 127.0.0.53 \
	"$(nproc_field 2101 info Lback)"
same "... the broadcast address stays 255.255.255.255" 255.255.255.255 \
	"$(nproc_field 2101 info Bcast)"
same "a range: the end is not included" \
	"192.0.2.100-192.0.2.110/255.255.255.255:0040" "$(naddrs 2101)"
stop_bg g2101
wait_ngone 2101
check "a second IPv4 address clears single_ip (the kernel's rule)" 0 \
	"0000000406000200" "" \
	chbind --nid 2102 --silent --flag single_ip \
	--ip 192.0.2.10 --ip 198.51.100.10 -- \
	sh -c 'sed -n "s/^Flags:[[:space:]]*//p" /proc/virtnet/2102/status'
check "0.0.0.0 is every address: the network 0.0.0.0/0" 0 \
	"0.0.0.0-0.0.0.0/0.0.0.0:0020" "" \
	chbind --nid 2103 --silent --ip 0.0.0.0 -- \
	sed -n 's/^0:[[:space:]]*//p' /proc/virtnet/2103/info
check "a device before the address is accepted, not sent" 0 \
	"192.0.2.10-0.0.0.0/255.255.255.255:0010" "" \
	chbind --nid 2104 --silent --ip dummy0:192.0.2.10 -- \
	sed -n 's/^0:[[:space:]]*//p' /proc/virtnet/2104/info
check "--secure: ncaps raw_icmp only, hide_netif" 0 \
	"0000000406000200 0000000000000100" "" \
	chbind --nid 2105 --silent --flag ~hide_netif --ncap tun_create \
	--secure -- sh -c 'echo $(sed -n "s/^Flags:[[:space:]]*//p; \
		s/^NCaps:[[:space:]]*//p" /proc/virtnet/2105/status)'
check "~state_admin is cleared last, after the addresses" 0 \
	"0000000006000200" "" \
	chbind --nid 2106 --silent --flag ~state_admin --ip 192.0.2.10 -- \
	sh -c 'sed -n "s/^Flags:[[:space:]]*//p" /proc/virtnet/2106/status'

# 4. A persistent network context outlives the command.
check "--flag persistent" 0 "" "" \
	chbind --nid 2107 --silent --flag persistent --ip 192.0.2.10 -- true
same "... stays with no task" 0 "$(nproc_field 2107 status Tasks)"
same "... persistent set last" 0000004406000200 \
	"$(nproc_field 2107 status Flags)"
ndrop 2107
same "clearing persistent removes it" "" "$(nids)"

# 5. A dynamic id.
out=$(chbind --ip 192.0.2.10 -- \
	sed -n 's/^NxID:[[:space:]]*//p' /proc/self/status)
line1=$(echo "$out" | sed -n 1p)
dyn=${line1#New network context is }
match "without --nid chbind says which id it took" \
	"^New network context is [0-9]+$" "$line1"
same "... a dynamic one, 49152..65535" 1 \
	$(( dyn >= 49152 && dyn <= 65535 ))
same "... the address line" "Adding 192.0.2.10" "$(echo "$out" | sed -n 2p)"
same "... and the command runs in it" "$dyn" "$(echo "$out" | sed -n 3p)"

# 6. What the guest may bind (the kernel's rules, through busybox).
start_bg h1 chbind --nid 2110 --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 192.0.2.10:8081
same "binding its own address" 192.0.2.10:8081 "$(wait_listen 8081)"
same "the host reaches it" served "$(fetch 192.0.2.10 8081)"
stop_bg h1
wait_ngone 2110
check "binding a host address fails" 1 "" \
	"httpd: bind: Cannot assign requested address" \
	chbind --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 192.0.2.1:8082
start_bg h2 chbind --nid 2111 --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 0.0.0.0:8083
same "0.0.0.0 stays a wildcard" 0.0.0.0:8083 "$(wait_listen 8083)"
same "... that answers on the guest's address" served \
	"$(fetch 192.0.2.10 8083)"
same "... and not on the host's" \
	"wget: can't connect to remote host (192.0.2.1): Connection refused" \
	"$(fetch 192.0.2.1 8083)"
stop_bg h2
wait_ngone 2111
start_bg h3 chbind --nid 2112 --silent --flag single_ip --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 0.0.0.0:8084
same "with single_ip 0.0.0.0 binds the address" 192.0.2.10:8084 \
	"$(wait_listen 8084)"
stop_bg h3
wait_ngone 2112
start_bg h4 chbind --nid 2113 --silent --ip 192.0.2.10 -- \
	httpd -f -h "$tmp/www" -p 127.0.0.1:8085
match "lback_remap: 127.0.0.1 binds the context's loopback address" \
	"^($(lback 2113 | sed 's/\./\\./g')|127\.0\.0\.1):8085$" \
	"$(wait_listen 8085)"
same "... which the host reaches" served "$(fetch "$(lback 2113)" 8085)"
stop_bg h4
wait_ngone 2113
# No IPv4 address: binding 0.0.0.0 succeeds, as on a host without one
# (Debian's daemons bind both families), and listens on nothing of the
# host's (issue 20; tests/kernel/inet_test.c has the kernel's cases).
start_bg h5 chbind --nid 2115 --silent --ip 2001:db8::10 -- \
	httpd -f -h "$tmp/www" -p 0.0.0.0:8086
match "no IPv4 address: binding 0.0.0.0 succeeds" ':8086$' \
	"$(wait_listen 8086)"
same "... and the host's IPv4 address does not reach it" 0 \
	"$(fetch 192.0.2.1 8086 | grep -c '^served$')"
stop_bg h5
wait_ngone 2115
# A dual-stack [::] serves the IPv4 addresses: it binds without IPv6 ones.
start_bg n0 chbind --nid 2113 --silent --ip 192.0.2.10 -- nc -l -p 8087
same "no IPv6 address: a dual-stack :: binds all the same" ":::8087" \
	"$(wait_listen 8087)"
stop_bg n0
wait_ngone 2113
start_bg n1 chbind --nid 2114 --silent --ip 2001:db8::10 -- nc -l -p 8088
same "with an IPv6 address :: binds" ":::8088" "$(wait_listen 8088)"
stop_bg n1
wait_ngone 2114

# 7. A failure leaves no network context behind, and says which step.
check "a second identical address fails" 255 \
	"New network context is 2120" \
	"chbind: cannot add address 192.0.2.10 to network context 2120: File exists" \
	chbind --nid 2120 --flag persistent --ip 192.0.2.10 --ip 192.0.2.10 \
	-- true
wait_ngone 2120
same "... and network context 2120 is gone, persistent asked or not" "" \
	"$(nids)"
check "an IPv6 address is one address, whatever its prefix" 255 "" \
	"chbind: cannot add address 2001:db8::10/64 to network context 2121: File exists" \
	chbind --nid 2121 --silent --ip 2001:db8::10 --ip 2001:db8::10/64 \
	-- true
wait_ngone 2121
check "a command that does not exist: 127, before anything" 127 "" \
	"chbind: cannot execute '/nonexistent': No such file or directory" \
	chbind --nid 2122 --flag persistent --ip 192.0.2.10 -- /nonexistent
check "an invalid id for the kernel" 255 "" \
	"chbind: cannot create network context 1: Invalid argument" \
	chbind --nid 1 --ip 192.0.2.10 -- true
check "a guest context in its setup may create one (the start chain)" 0 \
	"2123" "" vcontext --create --silent -- chbind --silent --nid 2123 -- \
	sh -c "sed -n 's/^NxID:[[:space:]]*//p' /proc/self/status"
check "a guest context out of its setup may not" 255 "" \
	"chbind: cannot create network context 2124: Operation not permitted" \
	vcontext --create --silent -- vcontext --migrate-self --endsetup -- \
	chbind --nid 2124 -- true
wait_ngone 2123
same "no network context was left by the failures" "" "$(nids)"

net_teardown
