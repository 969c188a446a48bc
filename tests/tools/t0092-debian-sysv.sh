#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A Debian 12 guest with the sysv init style, as an admin runs one: built
# from /vs/data/debian12-sysv.tar.gz (tests/vm/guest-archives: minbase,
# sysvinit-core, openssh-server, lighttpd, cron, rsyslog), IPv4 only,
# guest deb, context 3092, 192.0.2.92 on dummy0.  The front end's init
# (util/vserver/vinit.c) is pid 1: rcS and the runlevel, utmp, the
# runlevel known, /run/initctl for reboot and halt inside; build adapted
# the root (hostname, hosts, gettys, scripts a guest cannot run).  Then
# build -m debootstrap --unpack-tarball with /vs/data/debian12-debs.tar.gz
# (in a Debian root the test unpacks: the VM's host has no perl).
#
# Needs /vs/data (scripts/qemu-run --data build/vm/data); without it the
# whole file is skipped, never passed.

. "$(dirname "$0")/lib.sh"

data=/vs/data
if [ ! -r "$data/debian12-sysv.tar.gz" ]; then
	trap - EXIT
	rm -rf "$tmp"
	echo "1..0 # SKIP no $data/debian12-sysv.tar.gz (qemu-run --data)"
	exit 0
fi

export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up
ip addr add 192.0.2.1/24 dev dummy0 2>/dev/null
g=deb
xid=3092
ip=192.0.2.92
log=/var/log/vservers/$g/console.log

uptime_s() { cut -d' ' -f1 /proc/uptime; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Up to $1 tries, a tenth of a second apart, for "$2..." to succeed.
# A bound against a hung guest, not a speed check: sshd came up in
# 32 s of this VM on a machine at load 22, the bounds are 300 s and
# more, and the VM's own time-out (scripts/check) is 1200 s.
wait_until()
{
	w=$1
	shift
	i=0
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge "$w" ] && return 1
		sleep 0.1
	done
	return 0
}

banner() { echo | nc -w 3 "$1" "$2" 2>/dev/null | head -n 1; }
http_status()
{
	printf 'HEAD / HTTP/1.0\r\n\r\n' | nc -w 3 "$1" 80 2>/dev/null |
		head -n 1 | tr -d '\r'
}
in_guest() { vserver "$g" exec "$@" 2>&1 < /dev/null; }
ssh_up() { banner $ip 22 | grep -q SSH; }
gone() { [ ! -e /proc/virtual/$xid ]; }
running() { vserver "$g" running; }
started_twice() { [ "$(grep -c '^start' /vservers/$g/var/log/vstest.log)" = 2 ]; }

# Nothing of the guest on the host after it ended.
nothing_left() # WHAT
{
	same "$1: no context" no "$( [ -e /proc/virtual/$xid ] && echo yes || echo no)"
	same "$1: no address" 0 "$(ip addr show dev dummy0 | grep -c "$ip/")"
	same "$1: no cgroup" no \
		"$( [ -d /sys/fs/cgroup/vserver/$g ] && echo yes || echo no)"
	same "$1: no run file" no \
		"$( [ -e /var/run/vservers/$g ] && echo yes || echo no)"
	same "$1: no process of the guest" "" \
		"$(grep -l "^VxID:.$xid\$" /proc/[0-9]*/status 2>/dev/null)"
}

VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
rm -rf /var/log/vservers/$g
mkdir -p /srv/ro && echo host > /srv/ro/file

# --- build ---------------------------------------------------------------

(unset VSERVER_QUIET; vserver $g build -m template --context $xid \
	--hostname deb.example.org --interface dummy0:$ip/24 \
	-- -t $data/debian12-sysv.tar.gz > "$tmp/build" 2>&1)
same "build -m template of the Debian archive" 0 "$?"
root=/vservers/$g
same "build: /etc/hostname from --hostname" deb.example.org \
	"$(cat $root/etc/hostname)"
match "build: /etc/hosts names the guest on its address" \
	"^$ip[[:space:]]+deb\.example\.org deb\$" "$(cat $root/etc/hosts)"
same "build: no getty left in inittab" "" \
	"$(grep -v '^#' $root/etc/inittab | grep getty)"
same "build: hwclock, udev, kmod, networking, umountfs, mountall disabled" "" \
	"$(ls $root/etc/rc?.d | grep -E 'hwclock|udev|kmod|networking|umountfs|mountall')"
same "build: insserv's order (.depend.boot) without them" "" \
	"$(grep -E 'hwclock|mountall' $root/etc/init.d/.depend.boot)"
match "build: insserv keeps hwclock.sh disabled" "^# Default-Start:\$" \
	"$(cat $root/etc/insserv/overrides/hwclock.sh 2>&1)"
match "build: says what it disabled" "init scripts disabled.*hwclock" \
	"$(cat "$tmp/build")"

# A service of the test's: what the start and stop scripts ran.
cat > $root/etc/init.d/vstest <<'EOF'
#!/bin/sh
### BEGIN INIT INFO
# Provides:          vstest
# Required-Start:    $remote_fs
# Required-Stop:     $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: the test's record of the rc scripts
### END INIT INFO
echo "$1 $RUNLEVEL" >> /var/log/vstest.log
EOF
chmod 755 $root/etc/init.d/vstest
# As an admin adds a service: update-rc.d (insserv) in the guest's root.
chroot $root /usr/sbin/update-rc.d vstest defaults > "$tmp/urc" 2>&1
same "update-rc.d of a new service in the guest" 0 "$?"
same "update-rc.d (insserv) keeps the disabled scripts disabled" "" \
	"$(ls $root/etc/rc?.d | grep -E 'hwclock|umountfs|bootclean|bootlogs')"
same "rsyslog's imklog is off" "" \
	"$(grep -v '^#' $root/etc/rsyslog.conf | grep imklog)"
echo '<html>deb</html>' > $root/var/www/html/index.html
# fstab: a read-only bind of a host directory.
echo "/srv/ro	/mnt	none	bind,ro	0 0" >> /etc/vservers/$g/fstab

# --- start ---------------------------------------------------------------

t0=$(uptime_s)
check "start" 0 "" "" env VS_HOST_SECRET=h0st vserver $g start
wait_until 3000 ssh_up
t1=$(uptime_s)
echo "# start to a running sshd: $(elapsed "$t0" "$t1") s (TCG, this VM)"

same "init is pid 1 (comm)" init "$(in_guest cat /proc/1/comm)"
match "init is pid 1 (ps shows init [3], not the host's command line)" \
	'^init \[3\]' "$(in_guest ps -o args= -p 1)"
same "init's environment and command line hold nothing of the host's" "" \
	"$(in_guest cat /proc/1/environ /proc/1/cmdline | tr '\0' '\n' |
	   grep -e h0st -e start -e /etc/vservers)"
same "runlevel" "N 3" "$(in_guest runlevel)"
match "who -r" "run-level 3" "$(in_guest who -r)"
match "who -b" "system boot" "$(in_guest who -b)"
same "rcS and the runlevel ran (the test's service started)" "start 3" \
	"$(cat $root/var/log/vstest.log)"
match "sshd answers on the guest's address" "^SSH-2\.0-OpenSSH" \
	"$(banner $ip 22)"
same "sshd does not answer on the host's address" "" "$(banner 192.0.2.1 22)"
same "sshd does not answer on the host's 127.0.0.1" "" "$(banner 127.0.0.1 22)"
match "lighttpd answers on the guest's address" "^HTTP/1\.[01] 200" \
	"$(http_status $ip)"
same "lighttpd does not answer on the host's address" "" \
	"$(http_status 192.0.2.1)"
match "sshd and lighttpd listen on [::] too (an IPv4-only guest)" \
	"\[::\]:22 .*|:::22 " "$(in_guest ss -ltnH)"
match "cron runs" "^[0-9]+" "$(in_guest pidof cron)"
match "rsyslogd runs" "^[0-9]+" "$(in_guest pidof rsyslogd)"
same "hostname -f" deb.example.org "$(in_guest hostname -f)"
match "boot output on the guest's console (console.log)" \
	"Starting OpenBSD Secure Shell server" "$(cat $log 2>&1)"
same "no error of the boot on the console" "" \
	"$(grep -iE 'fail|cannot|not permitted|must be superuser' $log)"

# An ssh login is recorded in utmp: who in the session shows it.
in_guest sh -c 'rm -f /root/.ssh/k* && mkdir -p /root/.ssh &&
	ssh-keygen -q -t ed25519 -N "" -f /root/.ssh/k &&
	cp /root/.ssh/k.pub /root/.ssh/authorized_keys' >/dev/null
match "an ssh login is in utmp (who)" "^root +pts/" \
	"$(in_guest ssh -i /root/.ssh/k -o StrictHostKeyChecking=no \
		-o UserKnownHostsFile=/dev/null -o BatchMode=yes -tt root@$ip who)"

# ps START times: btime + uptime is now in the guest (btime is its start).
d=$(in_guest sh -c 'b=$(awk "/^btime/ { print \$2 }" /proc/stat)
	u=$(cut -d. -f1 /proc/uptime); n=$(date +%s); echo $((b + u - n))')
same "/proc/stat btime + /proc/uptime is the time in the guest (+-2 s)" yes \
	"$([ "$d" -ge -2 ] 2>/dev/null && [ "$d" -le 2 ] && echo yes || echo "no: $d")"
same "/proc/stat btime: the guest's is later than the host's" yes \
	"$([ "$(in_guest awk '/^btime/ { print $2 }' /proc/stat)" -gt \
	     "$(awk '/^btime/ { print $2 }' /proc/stat)" ] && echo yes)"

# fstab bind,ro
same "fstab bind,ro: the host's directory is there" host \
	"$(in_guest cat /mnt/file)"
match "fstab bind,ro: read-only" "Read-only file system" \
	"$(in_guest touch /mnt/new)"

# --- reboot from inside ------------------------------------------------------

# (reboot's own exit status does not matter: the stop scripts end it.)
in_guest reboot > /dev/null
wait_until 6000 started_twice
same "reboot: the stop scripts ran, the guest came back" \
	"start 3${nl}stop 6${nl}start 3" "$(cat $root/var/log/vstest.log)"
wait_until 3000 running
wait_until 3000 ssh_up
same "reboot: running again" 0 "$(running; echo $?)"
match "reboot: rsyslogd runs again" "^[0-9]+" "$(in_guest pidof rsyslogd)"
same "reboot: runlevel" "N 3" "$(in_guest runlevel)"
match "reboot: sshd answers" "^SSH-2\.0-OpenSSH" "$(banner $ip 22)"

# --- halt from inside ----------------------------------------------------------

in_guest halt > /dev/null
wait_until 1200 gone
wait_until 100 sh -c "! ip addr show dev dummy0 | grep -q $ip/"
same "halt: the stop scripts ran" "stop 0" \
	"$(tail -n 1 $root/var/log/vstest.log)"
wait_until 100 sh -c "[ ! -e /var/run/vservers/$g ]"
nothing_left "halt"

# --- start, stop -------------------------------------------------------------

check "start again" 0 "" "" vserver $g start
: > "$tmp/stop"
vserver $g stop > "$tmp/stop" 2>&1
same "stop" 0 "$?"
same "stop: the stop scripts ran (stop runlevel 6)" "stop 6" \
	"$(tail -n 1 $root/var/log/vstest.log)"
same "stop: says nothing" "" "$(cat "$tmp/stop")"
nothing_left "stop"
same "no noise of the stop scripts on the console" "" \
	"$(grep -iE 'superuser|hwclock|ifdown|not permitted' $log)"

VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1

# --- build -m debootstrap --unpack-tarball ----------------------------------

# A Debian host: the sysv archive (debootstrap and perl in it) unpacked as
# a chroot; the VM's busybox host has no perl for debootstrap.  The first
# stage (--foreign: the packages of the tarball unpacked) unless
# VS_FULL_DEBOOTSTRAP=1: the second stage (dpkg configures minbase) takes
# some 12 minutes under TCG.
if [ -r $data/debian12-debs.tar.gz ]; then
	if [ "${VS_FULL_DEBOOTSTRAP:-0}" = 1 ]; then
		foreign=
	else
		foreign=--foreign
	fi
	dh=/srv/dhost
	rm -rf $dh && mkdir -p $dh
	tar -xzf $data/debian12-sysv.tar.gz -C $dh
	cp "$(command -v vserver)" $dh/usr/sbin/vserver
	cp $data/debian12-debs.tar.gz $dh/debs.tar.gz
	mount -t proc proc $dh/proc
	t0=$(uptime_s)
	chroot $dh /usr/sbin/vserver dbs build -m debootstrap --context 3093 \
		--hostname dbs.example.org --interface dummy0:192.0.2.93/24 \
		-- -d bookworm --unpack-tarball /debs.tar.gz $foreign \
		> "$tmp/dbs" 2>&1
	st=$?
	t1=$(uptime_s)
	echo "# build -m debootstrap --unpack-tarball $foreign: $(elapsed "$t0" "$t1") s (TCG)"
	same "build -m debootstrap -- -d bookworm --unpack-tarball" 0 "$st"
	[ "$st" = 0 ] || tail -n 20 "$tmp/dbs" | sed 's/^/#   /'
	same "debootstrap: a Debian 12 root" yes \
		"$(grep -q '^12' $dh/vservers/dbs/etc/debian_version && \
		   [ -x $dh/vservers/dbs/usr/bin/dpkg ] && echo yes)"
	if [ -n "$foreign" ]; then
		same "debootstrap --foreign: the second stage is there" yes \
			"$([ -x $dh/vservers/dbs/debootstrap/debootstrap ] &&
			   [ -x $dh/vservers/dbs/bin/sh ] && echo yes)"
	else
		same "debootstrap: its packages are configured" "" \
			"$(grep -A1 '^Package:' $dh/vservers/dbs/var/lib/dpkg/status |
			   grep '^Status:' | grep -v 'install ok installed')"
	fi
	same "debootstrap: /etc/hostname from --hostname" dbs.example.org \
		"$(cat $dh/vservers/dbs/etc/hostname)"
	match "debootstrap: /etc/hosts names the guest" \
		"^192\.0\.2\.93[[:space:]]+dbs\.example\.org dbs\$" \
		"$(cat $dh/vservers/dbs/etc/hosts)"
	same "debootstrap: the configuration" 3093 \
		"$(cat $dh/etc/vservers/dbs/context)"
	grep -q " $dh/" /proc/mounts && \
		awk -v d="$dh/" 'index($2, d) == 1 { print $2 }' /proc/mounts |
		sort -r | xargs -r -n1 umount -l
	umount $dh/proc 2>/dev/null
	rm -rf $dh
else
	result fail "no $data/debian12-debs.tar.gz"
fi
