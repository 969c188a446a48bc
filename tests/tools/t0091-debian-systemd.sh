#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A Debian 12 guest with systemd as its init, as an admin runs it (issue
# 20): built from /vs/data/debian12-systemd.tar.gz (tests/vm/guest-archives;
# minbase + systemd-sysv, dbus, openssh-server, lighttpd, cron, rsyslog)
# with build -m template, init style plain (the front end sees that
# /sbin/init is systemd), on the disk host.  Guest sd1, context 3091,
# 192.0.2.191 and 2001:db8::191 on dummy0.
#
# Checked: start waits for systemd's READY=1; systemd is pid 1 and
# running; `systemctl is-system-running` (running, or degraded with the
# failed units listed); sshd, lighttpd and cron answer, on the guest's
# addresses only; hostname -f; journalctl; the guest's cgroup subtree and
# its API file systems; reboot from inside (the monitor starts it again);
# stop and poweroff from inside leave nothing (no task, no mount, no
# cgroup); the guest's output is on its own console, none on the host's.
# Prints the time from `vserver sd1 start` to sshd answering (TCG in the
# VM: a measurement, no assertion).

. "$(dirname "$0")/lib.sh"

arch=/vs/data/debian12-systemd.tar.gz
if [ ! -r "$arch" ]; then
	echo "ok 1 # SKIP no $arch (scripts/check vm and qemu-run --data" \
	     "build/vm/data provide it)"
	n=1
	exit 0
fi

export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up
ip addr add 192.0.2.1/24 dev dummy0 2>/dev/null
G=sd1 X=3091 A4=192.0.2.191 A6=2001:db8::191
cfg=/etc/vservers/$G

now() { cut -d' ' -f1 /proc/uptime | cut -d. -f1; }

# Until the guest's sshd sends its banner on ADDR (up to 600 s).
ssh_banner() # ADDR
{
	i=0
	while [ $i -lt 600 ]; do
		b=$(nc -w 3 "$1" 22 </dev/null 2>/dev/null | head -n 1)
		case "$b" in SSH-2.0-*) echo "$b"; return 0 ;; esac
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# Nothing of the guest left: no context, no task, no mount, no cgroup.
nothing_left() # WHEN
{
	wait_gone $X
	i=0
	while [ -e /proc/virtual/$X ] && [ $i -lt 300 ]; do
		sleep 1
		i=$((i + 1))
	done
	same "$1: no context" "" "$(ls -d /proc/virtual/$X 2>/dev/null)"
	same "$1: no task of the guest" "" \
		"$(grep -l "^VxID:.$X$" /proc/[0-9]*/status 2>/dev/null)"
	same "$1: no mount of the guest's" "" \
		"$(grep " /vservers/$G" /proc/self/mountinfo)"
	same "$1: no cgroup" "" "$(ls -d /sys/fs/cgroup/vserver/$G 2>/dev/null)"
	check "$1: not running" 1 "" "" vserver $G running
}

# dmesg before the guest: its lines must not reach the kernel log.
klog0=$(dmesg | wc -l)

VSERVER_SILENT=1 vserver $G delete --force >/dev/null 2>&1
check "build -m template from the systemd archive" 0 "" "" \
	vserver $G build -m template --context $X \
	--hostname $G.example.org \
	--interface dummy0:$A4/24 --interface dummy0:$A6/64 \
	--initstyle plain -- -t "$arch"
echo 900 > $cfg/apps/init/timeout
printf 'served by %s\n' $G > /vservers/$G/var/www/html/index.html

t0=$(now)
vserver $G start > "$tmp/start.out" 2>&1
st=$?
same "start: exit 0" 0 "$st"
[ $st = 0 ] || sed 's/^/#   /' "$tmp/start.out"
# READY=1 comes when systemd's boot transaction is done: no longer
# "initializing" or "starting" once start has returned.
match "start returned after systemd's READY=1 (the boot is done)" \
	"^(running|degraded)$" \
	"$(vserver $G exec systemctl is-system-running 2>&1)"
banner=$(ssh_banner $A4)
t1=$(now)
match "sshd answers on $A4" "^SSH-2.0-OpenSSH" "$banner"
echo "# time from 'vserver $G start' to sshd answering: $((t1 - t0)) s" \
     "(QEMU TCG, no KVM)"

pid1=$(vserver $G exec cat /proc/1/comm 2>&1)
same "pid 1 of the guest is systemd" systemd "$pid1"
same "init's environment says container=vserver" container=vserver \
	"$(vserver $G exec cat /proc/1/environ 2>/dev/null | tr '\0' '\n' |
	   grep '^container=')"
same "/run/host/container-manager" vserver \
	"$(vserver $G exec cat /run/host/container-manager 2>&1)"

state=$(vserver $G exec systemctl is-system-running --wait 2>&1)
match "systemctl is-system-running: running or degraded" \
	"^(running|degraded)$" "$state"
echo "# systemctl is-system-running: $state"
for u in $(vserver $G exec systemctl --failed --no-legend --plain 2>&1 |
	   awk '{ print $1 }'); do
	echo "# failed unit: $u"
	vserver $G exec journalctl -b --no-pager -q -o cat -u "$u" 2>&1 |
		tail -n 6 | sed 's/^/#   /'
done

for u in ssh lighttpd cron rsyslog systemd-journald dbus; do
	same "systemctl is-active $u" active \
		"$(vserver $G exec systemctl is-active $u 2>&1)"
done

# lighttpd.service is Type=simple: "active" can come before it listens.
# Until it answers on the guest's IPv4 address (a bound against a hung
# guest, not a speed check).
i=0
while [ $i -lt 300 ] && ! wget -q -O /dev/null http://$A4/ 2>/dev/null; do
	sleep 1
	i=$((i + 1))
done

match "sshd answers on $A6" "^SSH-2.0-OpenSSH" \
	"$(nc -w 5 $A6 22 </dev/null 2>/dev/null | head -n 1)"
same "lighttpd serves on $A4" "served by $G" \
	"$(wget -q -O - http://$A4/ 2>&1)"
same "lighttpd serves on [$A6]" "served by $G" \
	"$(wget -q -O - "http://[$A6]/" 2>&1)"
# The host's own addresses: nothing of the guest's listens there.
same "no sshd of the guest on the host's 192.0.2.1" "" \
	"$(nc -w 3 192.0.2.1 22 </dev/null 2>/dev/null | head -n 1)"
same "no sshd of the guest on the host's 127.0.0.1" "" \
	"$(nc -w 3 127.0.0.1 22 </dev/null 2>/dev/null | head -n 1)"
same "no web server of the guest on the host's 192.0.2.1" "" \
	"$(wget -q -O - http://192.0.2.1/ 2>/dev/null)"
same "cron runs in the guest" 1 \
	"$(vserver $G exec pgrep -c -x cron 2>&1)"

same "hostname -f" $G.example.org "$(vserver $G exec hostname -f 2>&1)"
match "journalctl shows this boot" "(Started|Reached target)" \
	"$(vserver $G exec journalctl -b --no-pager -q 2>&1 | tail -n 200)"

# The API file systems and the delegated cgroup subtree.
mounts=$(vserver $G exec cat /proc/self/mounts 2>&1)
match "/run is a tmpfs" " /run tmpfs " "$mounts"
match "/sys is read-only" " /sys sysfs ro," "$mounts"
match "/sys/fs/cgroup is cgroup2" " /sys/fs/cgroup cgroup2 " "$mounts"
same "the guest's cgroup root is its own cgroup" "0::/init.scope" \
	"$(vserver $G exec cat /proc/1/cgroup 2>&1)"
match "systemd made its slices under the guest's cgroup" "system.slice" \
	"$(ls /sys/fs/cgroup/vserver/$G 2>&1)"

# A stale pid file in /run does not survive a restart: /run is fresh.
vserver $G exec touch /run/stale.pid
# reboot from inside: the guest ends and the monitor starts it again.
vserver $G exec systemctl reboot >/dev/null 2>&1
# Back when the guest runs with a fresh /run (up to 600 s).
i=0
while [ $i -lt 600 ]; do
	[ -e /proc/virtual/$X ] &&
		vserver $G exec test ! -e /run/stale.pid 2>/dev/null && break
	sleep 1
	i=$((i + 1))
done
banner=$(ssh_banner $A4)
match "systemctl reboot: the guest is back, sshd answers" \
	"^SSH-2.0-OpenSSH" "$banner"
same "after the reboot: /run is fresh (no stale pid file)" 1 \
	"$(vserver $G exec test -e /run/stale.pid 2>/dev/null; echo $?)"
same "after the reboot: systemd is pid 1" systemd \
	"$(vserver $G exec cat /proc/1/comm 2>&1)"

check "stop" 0 "" "" vserver $G stop
nothing_left "stop"

vserver $G start > "$tmp/start.out" 2>&1
same "start again: exit 0" 0 "$?"
vserver $G exec systemctl poweroff >/dev/null 2>&1
nothing_left "systemctl poweroff"

log=/var/log/vservers/$G/console.log
match "the guest's boot output is on its own console" \
	"(Welcome to|Reached target)" "$(cat $log 2>&1)"
same "no line of the guest in the host's kernel log" "" \
	"$(dmesg | tail -n +$((klog0 + 1)) |
	   grep -E 'systemd\[|sshd|lighttpd|Debian|Reached target')"

VSERVER_SILENT=1 vserver $G delete --force >/dev/null 2>&1
