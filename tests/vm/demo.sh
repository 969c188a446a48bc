#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: what vserver does so far, as an admin sees it.

say() {
	printf '\n### %s\n' "$*"
}
run() {
	printf '$ %s\n' "$*"
	"$@"
}

say "The kernel and its vserver API"
run uname -sr
dmesg | grep -E 'vserver:|LSM: initializing' | sed 's/^\[[^]]*\] //'
run vserver-info
run cat /proc/virtual/info

say "Start a guest: context 100, its own namespaces, host name 'web'"
echo '$ vcontext --create --xid 100 -- vattribute --set --flag virt_uptime,virt_load -- \'
echo '    vuname -t nodename=web -t context=web -- vcontext --migrate-self --endsetup -- \'
echo '    /bin/sh -c "sleep 300 & sleep 300 & wait" &'
vcontext --create --xid 100 -- \
	vattribute --set --flag virt_uptime,virt_load -- \
	vuname -t nodename=web -t context=web -- \
	vcontext --migrate-self --endsetup -- \
	/bin/sh -c 'sleep 300 & sleep 300 & wait' >/dev/null &
sleep 2

say "The host sees the guest"
run cat /proc/virtual/100/status
run vserver-stat
run vps

say "Inside the guest: its own processes, host name, uptime"
run vspace --enter 100 -- vcontext --migrate --xid 100 -- \
	/bin/sh -c 'echo "hostname: $(hostname)"; echo "uptime: $(cut -d" " -f1 /proc/uptime) s"; ls /proc | grep "^[0-9]" | tr "\n" " "; echo; cat /proc/virtual/100/status | head -2'
printf '(the host has been up %s s and runs %s processes)\n' \
	"$(cut -d' ' -f1 /proc/uptime)" "$(ls /proc | grep -c '^[0-9]')"

say "A guest cannot touch the host"
run vcontext --migrate --xid 100 -- /bin/sh -c 'kill -0 1; hostname evil; date -s 2000-01-01'

say "Stop the guest"
run vkill --xid 100 -s KILL
sleep 1
run cat /proc/virtual/status
