# SPDX-License-Identifier: GPL-2.0
#
# netlib.sh - sourced after lib.sh by the VM tests of the network context
# tools (t002N-*.sh).  They use network context ids 2100..2199 and the
# addresses 192.0.2.0/24, 198.51.100.0/24 and 2001:db8::/32 on dummy0
# only (the interface CONFIG_DUMMY makes at boot).
#
#   net_setup                    lo and dummy0 up, 192.0.2.1 and
#                                192.0.2.10 (a guest's) on dummy0
#   net_teardown                 removes those addresses, and any
#                                network context 2100..2199 left behind
#   nproc_field NID FILE KEY     a "Key:<tab>value" line of
#                                /proc/virtnet/NID/FILE
#   naddrs NID                   the address entries of its info, one a
#                                line, without their index
#   nids                         which of 2100..2199 exist, on one line
#   wait_ngone NID               until /proc/virtnet/NID is gone (10 s)
#   ndrop NID                    clear its persistent flag, wait_ngone
#   lback NID                    its default loopback address
#   start_bg NAME CMD...         CMD in the background, its output in
#                                $tmp/NAME.out, its pid in $tmp/NAME.pid
#   stop_bg NAME                 SIGKILL it and wait until it is gone
#   wait_listen PORT             until a TCP socket listens on PORT
#                                (10 s); prints its local address
#   fetch ADDR PORT              GET / from the host: "served", or why not
#
# They expect the dietlibc tools in $PATH (chbind naddress ncontext
# nattribute, and vcontext) and busybox's ip, netstat, httpd, nc, wget and
# ping.  To run them by hand, as tests/tools/README says, with lib.sh
# beside them:
#
#   scripts/qemu-run --add build/util-next-diet --add tests/tools-next \
#   	--add tests/tools/lib.sh:/vs/tools-next/lib.sh --run /tmp/run.sh

net_setup()
{
	ip link set lo up
	ip link set dummy0 up
	ip addr add 192.0.2.1/24 dev dummy0 2>/dev/null
	ip addr add 192.0.2.10/24 dev dummy0 2>/dev/null
	mkdir -p "$tmp/www"
	echo served > "$tmp/www/index.html"
}

nids()
{
	ls /proc/virtnet 2>/dev/null | grep -E '^21[0-9][0-9]$' | tr '\n' ' ' |
		sed 's/ $//'
}

net_teardown()
{
	for nid in $(nids); do
		ndrop "$nid"
	done
	ip addr del 192.0.2.10/24 dev dummy0 2>/dev/null
	ip addr del 192.0.2.1/24 dev dummy0 2>/dev/null
}

nproc_field() # NID FILE KEY
{
	sed -n "s/^$3:[[:space:]]*//p" "/proc/virtnet/$1/$2" 2>/dev/null
}

naddrs() # NID
{
	sed -n 's/^[0-9][0-9]*:[[:space:]]*//p' "/proc/virtnet/$1/info" \
		2>/dev/null
}

wait_ngone() # NID
{
	i=0
	while [ -e "/proc/virtnet/$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ ! -e "/proc/virtnet/$1" ]
}

ndrop() # NID
{
	[ -e "/proc/virtnet/$1" ] || return 0
	nattribute --nid "$1" --flag '~persistent' 2>/dev/null
	wait_ngone "$1"
}

lback() # NID: 127.0.0.1 ^ (NID << 8)
{
	echo "127.$(($1 >> 8 & 255)).$(($1 & 255)).1"
}

start_bg() # NAME CMD...
{
	name=$1
	shift
	rm -f "$tmp/$name.pid" "$tmp/$name.out"
	# In a subshell: not a job of ours, whose end the shell would report.
	("$@" > "$tmp/$name.out" 2>&1 < /dev/null &
	 echo $! > "$tmp/$name.pid")
}

stop_bg() # NAME
{
	pid=$(cat "$tmp/$1.pid" 2>/dev/null) || return 0
	kill -9 "$pid" 2>/dev/null
	i=0
	while [ -d "/proc/$pid" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

wait_listen() # PORT
{
	i=0
	while [ $i -lt 100 ]; do
		a=$(netstat -ltn 2>/dev/null |
		    awk -v p=":$1" '$6 == "LISTEN" &&
			substr($4, length($4) - length(p) + 1) == p {
				print $4; exit }')
		if [ -n "$a" ]; then
			echo "$a"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

fetch() # ADDR PORT
{
	wget -q -O - "http://$1:$2/" 2>&1
}
