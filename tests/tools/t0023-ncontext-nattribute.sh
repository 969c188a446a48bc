#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# ncontext and nattribute in the VM: create, migrate, the spectator,
# private network contexts and the end of their setup, persistence; the
# flags and ncaps, from the host and from inside, and their effect on
# interface listings and ping; the errors.  Network contexts 2160..2199.

. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/netlib.sh"

net_setup

# 1. ncontext --create.
check "--create runs the command in the new network context" 0 \
	"New network context is 2160${nl}NxID:	2160" "" \
	ncontext --create --nid 2160 -- grep '^NxID:' /proc/self/status
wait_ngone 2160
same "... which ends with it" "" "$(nids)"
out=$(ncontext --create -- sed -n 's/^NxID:[[:space:]]*//p' /proc/self/status)
line1=$(echo "$out" | sed -n 1p)
dyn=${line1#New network context is }
match "--create without --nid says which id it took" \
	"^New network context is [0-9]+$" "$line1"
same "... a dynamic one, 49152..65535" 1 \
	$(( dyn >= 49152 && dyn <= 65535 ))
same "... and the command runs in it" "$dyn" "$(echo "$out" | sed -n 2p)"
check "children inherit the network context" 0 "NxID:	2161" "" \
	ncontext --create --nid 2161 --silent -- \
	sh -c 'sh -c "grep ^NxID: /proc/self/status"'
check "a network context and a context are independent" 0 \
	"VxID:	2162${nl}NxID:	2162" "" \
	ncontext --create --nid 2162 --silent -- \
	vcontext --create --xid 2162 --silent -- \
	grep -E '^(VxID|NxID):' /proc/self/status
check "--flag persistent: the command ends" 0 "" "" \
	ncontext --create --nid 2163 --flag persistent --silent -- true
same "... the network context stays, without a task" 0 \
	"$(nproc_field 2163 status Tasks)"
same "... with NXF_INIT_SET and persistent" 0000004406000200 \
	"$(nproc_field 2163 status Flags)"
same "... no address" "" "$(naddrs 2163)"
same "... the default broadcast and loopback addresses" \
	"255.255.255.255 $(lback 2163)" \
	"$(nproc_field 2163 info Bcast) $(nproc_field 2163 info Lback)"
check "--create of one that exists: 254" 254 "" \
	"ncontext: cannot create network context 2163: File exists" \
	ncontext --create --nid 2163 -- true
check "--silentexist: 254 without a message" 254 "" "" \
	ncontext --create --silentexist --nid 2163 -- true

# 2. ncontext --migrate.
check "--migrate puts the command into the network context" 0 \
	"NxID:	2163" "" \
	ncontext --migrate --nid 2163 -- grep '^NxID:' /proc/self/status
check "--migrate to the spectator, 1" 0 "NxID:	1" "" \
	ncontext --migrate --nid 1 -- grep '^NxID:' /proc/self/status
check "--migrate to a network context that does not exist" 255 "" \
	"ncontext: cannot migrate to network context 2199: No such process" \
	ncontext --migrate --nid 2199 -- true
ndrop 2163

# 3. A private network context admits tasks only during its setup.
check "--create of a private one in setup" 0 "" "" \
	ncontext --create --nid 2164 --silent \
	--flag private,state_setup,persistent -- true
same "... its flags" 0000004506000208 "$(nproc_field 2164 status Flags)"
check "--migrate --endsetup: in first, then the setup ends" 0 "NxID:	2164" \
	"" ncontext --migrate --nid 2164 --endsetup -- \
	grep '^NxID:' /proc/self/status
same "... state_setup is cleared" 0000004406000208 \
	"$(nproc_field 2164 status Flags)"
check "... and the private network context admits no one" 255 "" \
	"ncontext: cannot migrate to network context 2164: Permission denied" \
	ncontext --migrate --nid 2164 -- true
ndrop 2164
check "--create --endsetup clears state_setup last" 0 0000000406000200 "" \
	ncontext --create --nid 2165 --silent --flag state_setup --endsetup -- \
	sh -c 'sed -n "s/^Flags:[[:space:]]*//p" /proc/virtnet/2165/status'
check "--migrate-self --endsetup from inside" 0 0000000406000200 "" \
	ncontext --create --nid 2166 --silent --flag state_setup -- \
	ncontext --migrate-self --endsetup -- \
	sh -c 'sed -n "s/^Flags:[[:space:]]*//p" /proc/virtnet/2166/status'
check "--migrate-self on the host" 255 "" \
	"ncontext: --migrate-self: the caller is in no guest network context" \
	ncontext --migrate-self --endsetup -- true
check "--migrate-self without changes just runs the command" 0 "ran" "" \
	ncontext --migrate-self -- echo ran

# 4. A failed setup leaves no network context.
check "a command that does not exist: 127, before creating" 127 "" \
	"ncontext: cannot execute '/nonexistent': No such file or directory" \
	ncontext --create --nid 2167 --flag persistent -- /nonexistent
check "an invalid id for the kernel" 255 "" \
	"ncontext: cannot create network context 1: Invalid argument" \
	ncontext --create --nid 1 -- true
check "a guest context out of its setup cannot create one" 255 "" \
	"ncontext: cannot create network context 2168: Operation not permitted" \
	vcontext --create --silent -- vcontext --migrate-self --endsetup -- \
	ncontext --create --nid 2168 -- true
for nid in 2161 2162 2165 2166; do
	wait_ngone $nid
done
same "no network context was left" "" "$(nids)"

# 5. nattribute, from the host.
ncontext --create --nid 2180 --flag persistent --silent -- true
check "--get of a new network context" 0 "ncapabilities:
raw_icmp
flags:
lback_remap,hide_netif,hide_lback,state_admin,persistent" "" \
	nattribute --nid 2180 --get
check "--flag and --ncap" 0 "" "" \
	nattribute --nid 2180 --flag single_ip,~hide_netif \
	--ncap tun_create,~raw_icmp
same "... the flags in /proc/virtnet" 0000004404000300 \
	"$(nproc_field 2180 status Flags)"
same "... the ncaps" 0000000000000001 "$(nproc_field 2180 status NCaps)"
check "--secure: raw_icmp only, and hide_netif" 0 "" "" \
	nattribute --nid 2180 --secure
same "... the flags" 0000004406000300 "$(nproc_field 2180 status Flags)"
same "... the ncaps" 0000000000000100 "$(nproc_field 2180 status NCaps)"
check "--get after the changes" 0 "ncapabilities:
raw_icmp
flags:
single_ip,lback_remap,hide_netif,hide_lback,state_admin,persistent" "" \
	nattribute --nid 2180 --get
check "none clears every ncap, then the command runs" 0 "ran" "" \
	nattribute --nid 2180 --ncap none -- echo ran
same "... the ncaps" 0000000000000000 "$(nproc_field 2180 status NCaps)"
check "one-time flags can only be cleared: state_setup stays clear" 0 "" \
	"" nattribute --nid 2180 --flag state_setup
same "... the flags" 0000004406000300 "$(nproc_field 2180 status Flags)"

# 6. nattribute from inside: "self".
check "--get of the caller's own network context" 0 "ncapabilities:

flags:
single_ip,lback_remap,hide_netif,hide_lback,state_admin,persistent" "" \
	ncontext --migrate --nid 2180 -- nattribute --get
check "a change of the caller's own" 0 "" "" \
	ncontext --migrate --nid 2180 -- nattribute --flag ~single_ip \
	--ncap raw_icmp
same "... the flags" 0000004406000200 "$(nproc_field 2180 status Flags)"
same "... the ncaps" 0000000000000100 "$(nproc_field 2180 status NCaps)"

# 7. Errors.
check "from the host without --nid" 1 "" \
	"nattribute: the caller is in no guest network context: give --nid <nid>
Try 'nattribute --help' for more information." \
	nattribute --flag single_ip
check "a network context that does not exist" 1 "" \
	"nattribute: cannot change the flags of network context 2199: No such process" \
	nattribute --nid 2199 --flag single_ip
check "--get of one that does not exist" 1 "" \
	"nattribute: cannot read the ncaps of network context 2199: No such process" \
	nattribute --nid 2199 --get
start_bg g2181 ncontext --create --nid 2181 --silent --flag ~state_admin -- \
	sh -c "touch $tmp/ready; exec sleep 30"
wait_for "$tmp/ready"
same "~state_admin at create is cleared last" 0000000006000200 \
	"$(nproc_field 2181 status Flags)"
check "a network context that is not administrable" 1 "" \
	"nattribute: cannot change the ncaps of network context 2181: Permission denied" \
	nattribute --nid 2181 --ncap tun_create
check "... can still be read" 0 "ncapabilities:
raw_icmp
flags:
lback_remap,hide_netif,hide_lback" "" nattribute --nid 2181 --get
stop_bg g2181
wait_ngone 2181
check "a command that cannot run" 127 "" \
	"nattribute: cannot execute 'nosuch': No such file or directory" \
	nattribute --nid 2180 -- nosuch
check "clearing persistent removes the network context" 0 "" "" \
	nattribute --nid 2180 --flag ~persistent
wait_ngone 2180
same "... it is gone" "" "$(nids)"

# 8. The flags and ncaps take effect.
check "hide_netif: the guest sees only its addresses" 0 "192.0.2.10/24" "" \
	chbind --silent --ip 192.0.2.10 -- \
	sh -c "ip -4 addr show dev dummy0 | awk '\$1 == \"inet\" {print \$2}'"
# (other tests of the same boot may have added more host addresses)
check "~hide_netif: it sees the host's too" 0 \
	"192.0.2.1/24${nl}192.0.2.10/24" "" \
	chbind --silent --ip 192.0.2.10 -- nattribute --flag ~hide_netif -- \
	sh -c "ip -4 addr show dev dummy0 | awk '\$1 == \"inet\" {print \$2}' |
	       grep -xE '192\.0\.2\.(1|10)/24' | sort"
chbind --silent --ip 192.0.2.10 -- ping -c 1 -W 2 192.0.2.10 \
	> /dev/null 2>&1
same "raw_icmp: the guest may ping" 0 "$?"
chbind --silent --ip 192.0.2.10 -- nattribute --ncap ~raw_icmp -- \
	ping -c 1 -W 2 192.0.2.10 > /dev/null 2>&1
same "~raw_icmp: it may not" 1 "$?"
same "no network context was left behind" "" "$(nids)"

net_teardown
