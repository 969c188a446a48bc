#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver start, stop, status, running, restart, condrestart, exec,
# suexec, enter: exit statuses, the effect of each configuration file,
# the guest's own view, a guest's reboot and poweroff, two guests on the
# same port, sysv and plain init.  Guests st1, st2, st3; contexts 3010..
# 3012; 192.0.2.110..112 on dummy0.

. "$(dirname "$0")/lib.sh"

C=/etc/vservers
CG=/sys/fs/cgroup/vserver
export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up
for g in st1 st2 st3; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done

vserver st1 build -m busybox --context 3010 --hostname web1 \
	--interface eth=dummy0:192.0.2.110/24 >/dev/null 2>&1
vserver st2 build -m busybox --context 3011 \
	--interface dummy0:192.0.2.111/24 >/dev/null 2>&1
same "two guests built" "st1 st2" "$(ls $C | tr '\n' ' ' | sed 's/ $//')"

# One observable effect per configuration file.
cd $C/st1
mkdir -p rlimits sched uts scripts apps/init
echo 40 > rlimits/nproc
echo 8192 > rlimits/rss
printf 'virt_mem\n' > cflags
printf '# no binding of low ports\n~NET_BIND_SERVICE\n' > bcapabilities
printf '~set_utsname\n' > ccapabilities
echo example.org > uts/domainname
printf 'none /proc proc defaults 0 0\nnone /tmp tmpfs size=2m,mode=1777 0 0\nnone /dev/pts devpts gid=5,mode=620 0 0\n' > fstab
echo 1 > sched/fill-rate
echo 4 > sched/interval
printf '#!/bin/sh\necho "$1 $2" > /tmp/st1.hook\n' > scripts/post-start
chmod +x scripts/post-start
printf '9\n' > apps/init/killseq
echo default > apps/init/mark
printf 'lback_allow\n' > nflags
printf '~raw_icmp\n' > ncapabilities
cd /

check "start: exit 0, progress on stdout" 0 "" "" vserver st1 start
check "start again: exit 0 and a warning" 0 "" \
	"vserver: st1: warning: already running" vserver st1 start
check "running: exit 0" 0 "" "" vserver st1 running
vserver st1 status > $tmp/status
same "status: exit 0 and the context" \
	"Vserver 'st1' is running at context '3010'" "$(head -1 $tmp/status)"
same "the run file holds the xid" 3010 "$(cat /var/run/vservers/st1)"
same "cfgdir/run points to it" /var/run/vservers/st1 "$(readlink $C/st1/run)"
same "vserver-stat names the guest" 1 \
	"$(vserver-stat | awk '$1 == 3010 && $NF == "st1"' | wc -l)"
same "scripts/post-start ran with hook and name" "post-start st1" \
	"$(cat /tmp/st1.hook)"

# The guest's own view.
same "exec ps: init is pid 1, no host process" "1 init" \
	"$(vserver st1 exec ps -o pid,comm | awk 'NR == 2 { print $1, $2 }')"
same "exec ip addr: only the guest's addresses" \
	"127.0.0.1/8 192.0.2.110/24" \
	"$(vserver st1 exec ip -4 addr show | awk '$1 == "inet" { print $2 }' | sort | tr '\n' ' ' | sed 's/ $//')"
same "interfaces/0/name: the host's label dummy0:eth" 1 \
	"$(ip addr show dev dummy0 | grep -c 'dummy0:eth')"
same "uts/nodename (--hostname)" web1 "$(vserver st1 exec hostname)"
same "uts/domainname" example.org "$(vserver st1 exec cat /proc/sys/kernel/domainname)"
same "rlimits/rss and cflags virt_mem: MemTotal is 32 MiB" 32768 \
	"$(vserver st1 exec awk '$1 == "MemTotal:" { print $2 }' /proc/meminfo)"
match "rlimits/nproc: /proc/virtual limit 40" "/40	" \
	"$(awk '$1 == "PROC:" { print $4 "\t" }' /proc/virtual/3010/limit)"
same "sched/: cpu.max is a quarter CPU" "25000 100000" "$(cat $CG/st1/cpu.max)"
match "fstab: /tmp is a 2 MiB tmpfs" "^none +2048 " \
	"$(vserver st1 exec df -k /tmp | tail -1)"
check "bcapabilities ~NET_BIND_SERVICE: no port 80" 1 "" \
	"httpd: bind: Permission denied" \
	vserver st1 exec httpd -p 192.0.2.110:80
check "ccapabilities ~set_utsname: no hostname change" 1 "" \
	"hostname: sethostname: Operation not permitted" \
	vserver st1 exec hostname evil
match "nflags lback_allow" "lback_allow" "$(nattribute --nid 3010 --get)"
same "ncapabilities ~raw_icmp: not in the ncaps" "" \
	"$(nattribute --nid 3010 --get | grep -i raw_icmp)"
same "suexec: as nobody" 65534 "$(vserver st1 suexec nobody id -u)"
check "exec: the command's exit status" 3 "" "" vserver st1 exec sh -c 'exit 3'
check "suexec: unknown user" 1 "" \
	"vserver: no user 'nosuch' in the guest's /etc/passwd" \
	vserver st1 suexec nosuch true
# The guest keeps CAP_SYS_CHROOT: the kernel's '..' barrier at its root
# holds a chroot below it (tests/attack tries the escapes).
check "chroot in the guest works" 0 "" "" vserver st1 exec chroot / /bin/true

# enter: a shell on a terminal of the guest's own; exit ends it.
printf 'tty\nhostname\nexit 4\n' > $tmp/in
VSERVER_ENTER_PTY=1 vserver st1 enter < $tmp/in > $tmp/enter 2>&1
same "enter + exit: the shell's status" 4 "$?"
match "enter: the shell has a pty of the guest's (pts/0 is its console)" \
	'^/dev/pts/[1-9][0-9]*$' \
	"$(tr -d '\r' < $tmp/enter)"
same "enter without a terminal: a plain shell" "web1" \
	"$(echo hostname | vserver st1 enter)"

# Two guests, the same port.
vserver st2 start >/dev/null 2>&1
# (IPv4 addresses only: httpd's default wildcard is IPv6's [::].)
vserver st2 exec httpd -p 80 -h /var/www
sleep 1
match "st2 serves on 192.0.2.111:80" "Hello from st2" \
	"$(wget -q -O - http://192.0.2.111:80/ 2>&1)"
rm -f $C/st1/bcapabilities
vserver st1 restart >/dev/null 2>&1
vserver st1 exec httpd -p 80 -h /var/www
sleep 1
match "st1 serves on 192.0.2.110:80 too" "Hello from st1" \
	"$(wget -q -O - http://192.0.2.110:80/ 2>&1)"
match "restart: a new init" "running" "$(vserver st1 status)"

# The guest's own reboot starts it again; its poweroff stops it.
init1=$(vserver st2 exec cat /proc/uptime)
vserver st2 exec reboot -f >/dev/null 2>&1
i=0
while [ $i -lt 100 ]; do
	sleep 0.2
	[ -e /proc/virtual/3011 ] && vserver st2 running && break
	i=$((i + 1))
done
check "reboot in the guest: it runs again" 0 "" "" vserver st2 running
same "after the reboot: its address is there once" 1 \
	"$(ip addr show dev dummy0 | grep -c '192.0.2.111/')"
vserver st2 exec poweroff -f >/dev/null 2>&1
i=0
while [ -e /var/run/vservers/st2 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "poweroff in the guest: it is stopped" 1 "" "" vserver st2 running
same "poweroff: its address is gone" 0 \
	"$(ip addr show dev dummy0 | grep -c '192.0.2.111/')"

# stop
check "stop: exit 0" 0 "" "" vserver st1 stop
check "running after stop: exit 1" 1 "" "" vserver st1 running
same "stop: no context, no address, no cgroup, no run file" "" \
	"$(ls /proc/virtual | grep -x 3010)$(ip addr show dev dummy0 | grep 192.0.2.110)$(ls $CG | grep -x st1)$(ls /var/run/vservers | grep -x st1)"

# The sysv style: rc <runlevel> at start, rc 6 at stop.
vserver st3 build -m busybox --context 3012 --initstyle sysv \
	--interface nodev:192.0.2.112 >/dev/null 2>&1
printf '#!/bin/sh\necho "$1" >> /var/log/svc\n' > /vservers/st3/etc/rc.d/S10svc
chmod +x /vservers/st3/etc/rc.d/S10svc
check "sysv: start" 0 "" "" vserver st3 start
same "sysv: rc started the services" start "$(cat /vservers/st3/var/log/svc)"
same "nodev: no address on the host" 0 \
	"$(ip addr | grep -c 192.0.2.112)"
check "sysv: stop" 0 "" "" vserver st3 stop
same "sysv: rc 6 stopped them" "start stop" \
	"$(cat /vservers/st3/var/log/svc | tr '\n' ' ' | sed 's/ $//')"
check "condrestart of a stopped guest: exit 0, still stopped" 0 "" "" \
	vserver st3 condrestart
check "still stopped" 1 "" "" vserver st3 running

# --marked default starts the guests marked so.
check "--marked default start" 0 "" "" vserver --marked default start
check "st1 (mark default) runs" 0 "" "" vserver st1 running
check "st2 (no mark) does not" 1 "" "" vserver st2 running
check "--marked default stop" 0 "" "" vserver --marked default stop

for g in st1 st2 st3; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
same "all deleted" "" "$(ls $C)"
