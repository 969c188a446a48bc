#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: the main job (DESIGN.md §3), as an admin types it: two
# busybox guests on 192.0.2.10 and .11 both serving on port 80, their own
# view of processes, addresses, host name and memory, a fork bomb that
# stops at the guest's limit while the host answers, and the stop.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

say() {
	printf '\n\033[1m### %s\033[0m\n' "$*"
}
run() {
	printf '\033[36m$ %s\033[0m\n' "$*"
	"$@"
}

ip link set lo up
ip link set dummy0 up

say "The kernel and its vserver API"
run uname -sr
run vserver-info

say "Build two guests from the host's busybox (no network needed)"
run vserver web build -m busybox --context 100 --hostname web \
	--interface dummy0:192.0.2.10/24
run vserver db build -m busybox --context 101 --hostname db \
	--interface dummy0:192.0.2.11/24
run ls /etc/vservers/web /etc/vservers/web/interfaces/0

say "Give web a memory limit (8192 pages = 32 MiB), a task limit, and a web server"
run sh -c 'mkdir -p /etc/vservers/web/rlimits &&
	echo 8192 > /etc/vservers/web/rlimits/rss &&
	echo 60 > /etc/vservers/web/rlimits/nproc &&
	echo virt_mem >> /etc/vservers/web/cflags'
for g in web db; do
	printf '#!/bin/sh\n[ "$1" = start ] && httpd -p 80 -h /var/www\n' \
		> /vservers/$g/etc/rc.d/S80httpd
	chmod +x /vservers/$g/etc/rc.d/S80httpd
done
run cat /vservers/web/etc/rc.d/S80httpd

say "Start them"
run vserver web start
run vserver db start
run vserver web status
run vserver-stat

say "Inside web: its own processes (init is pid 1), addresses, name, memory"
run vserver web exec ps ax
run vserver web exec ip addr
run vserver web exec hostname
run vserver web exec free
printf '(the host: %s processes, ' "$(ls /proc | grep -c '^[0-9]')"
printf 'MemTotal %s kB)\n' "$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)"

say "Both serve on port 80, each on its own address"
run netstat -ltn
run wget -q -O - http://192.0.2.10/
run wget -q -O - http://192.0.2.11/

say "A shell in db (vserver db enter), as an admin would type it"
printf 'hostname\nid\nps\nexit\n' > /tmp/demo-in
printf '\033[36m$ vserver db enter\033[0m\n'
VSERVER_ENTER_PTY=1 vserver db enter < /tmp/demo-in 2>&1 | tr -d '\r' |
	grep -v '^db:/# \|^BusyBox\|^Enter' | sed '/^$/d'

say "A fork bomb in web stops at its limit of 60 tasks; the host answers"
printf '\033[36m$ vserver web exec sh -c "bomb() { bomb | bomb & }; bomb"\033[0m\n'
vserver web exec sh -c 'bomb() { bomb | bomb & }; bomb' >/dev/null 2>&1 &
sleep 5
run sh -c 'uptime; echo "the host still answers"'
run grep PROC /proc/virtual/100/limit
echo "(PROC: tasks now, least/most seen, soft/hard limit, forks refused: the"
echo " bomb never had more than the limit, and it dies as its forks fail)"
run vserver-stat

say "Stop both"
run vserver web stop
run vserver db stop
run vserver-stat
run ip -4 addr show dev dummy0
echo "(the guests' addresses are gone from dummy0)"
