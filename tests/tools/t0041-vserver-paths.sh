#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver build, start, delete touch only paths resolved inside the
# guest's root (issue 14): hostile symbolic links at every path the tools
# touch (var/run, var/lock as in a Debian root, tmp, root, dev,
# etc/hostname, etc/hosts, dev/console, a mount point) leave their host
# targets untouched, and a failed build names its step and path.  The
# guests' parent directory is mode 000: a setuid program a guest planted
# cannot be run by a host user.  Guests pa1..pa5, su1; contexts 3041..

. "$(dirname "$0")/lib.sh"

H=$(cd "$(dirname "$0")" && pwd)/ttyhelper
export VSERVER_QUIET=1
for g in pa1 pa2 pa3 pa4 pa5 su1; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
rm -rf /h14
mkdir -p /h14/tmp /h14/root /h14/dev /h14/mnt/x /run/lock
chmod 700 /h14/tmp
chmod 755 /h14/root
chmod 1777 /run/lock
echo keep > /h14/hostname
echo keep > /h14/hosts
echo keep > /h14/console
modes() { stat -c '%a' /run/lock /h14/tmp /h14/root | tr '\n' ' '; }
before=$(modes)

# A debootstrap that leaves a hostile tree (the build runs the host's
# debootstrap from $PATH).
mkdir -p $tmp/bin
cat > $tmp/bin/debootstrap <<'EOF'
#!/bin/sh
d=$2
mkdir -p $d/etc $d/var $d/run/lock $d/dev
ln -s /run $d/var/run
ln -s /run/lock $d/var/lock
ln -s /h14/tmp $d/tmp
ln -s /h14/root $d/root
ln -s /h14/hostname $d/etc/hostname
ln -s /h14/hosts $d/etc/hosts
EOF
chmod +x $tmp/bin/debootstrap
PATH=$tmp/bin:$PATH vserver pa1 build -m debootstrap --context 3041 \
	-- -d bookworm > $tmp/out 2> $tmp/err
same "debootstrap root with hostile links: the build fails" 1 $?
same "... no host mode changed (/run/lock 1777, tmp, root)" "$before" "$(modes)"
same "... etc/hostname, etc/hosts on the host untouched" "keep keep" \
	"$(cat /h14/hostname /h14/hosts | tr '\n' ' ' | sed 's/ $//')"
same "... /h14/dev on the host untouched" "" "$(ls /h14/dev)"
match "... the message names the path" "/etc/host(s|name) in the guest's root" \
	"$(cat $tmp/err)"
match "... and the step" "build failed at step 'etc files'" "$(cat $tmp/err)"

# A template with dev -> /h14/dev: dev/null would be made on the host.
mkdir -p $tmp/t2/etc
ln -s /h14/dev $tmp/t2/dev
(cd $tmp/t2 && tar -czf $tmp/t2.tar.gz .)
vserver pa2 build -m template --context 3042 -- -t $tmp/t2.tar.gz \
	> $tmp/out 2> $tmp/err
same "template with dev -> /h14/dev: the build fails" 1 $?
same "... nothing made in the host's /h14/dev" "" "$(ls /h14/dev)"
match "... the message names the path" \
	"cannot reach the directory of /dev/(pts|shm|null)" "$(cat $tmp/err)"
match "... and the step" "build failed at step 'template'" "$(cat $tmp/err)"

# A Debian-like template: var/run -> /run, var/lock -> /run/lock.
mkdir -p $tmp/t3/var $tmp/t3/run/lock $tmp/t3/etc
chmod 1777 $tmp/t3/run/lock
ln -s /run $tmp/t3/var/run
ln -s /run/lock $tmp/t3/var/lock
(cd $tmp/t3 && tar -czf $tmp/t3.tar.gz .)
check "Debian-like template (var/run, var/lock absolute links): built" 0 "" "" \
	vserver pa3 build -m template --context 3043 -- -t $tmp/t3.tar.gz
same "... the host's /run/lock keeps 1777" "$before" "$(modes)"
same "... the links are kept, the guest's run/lock too" "/run /run/lock 1777" \
	"$(readlink /vservers/pa3/var/run) $(readlink /vservers/pa3/var/lock) $(stat -c %a /vservers/pa3/run/lock)"

# start: a mount point and /dev/console that are links to the host.
vserver pa4 build -m busybox --context 3044 >/dev/null 2>&1
rm -rf /vservers/pa4/mnt
ln -s /h14/mnt /vservers/pa4/mnt
printf 'none /proc proc defaults 0 0\nnone /dev/pts devpts gid=5,mode=620 0 0\nnone /mnt/x tmpfs size=1m 0 0\n' \
	> /etc/vservers/pa4/fstab
vserver pa4 start > $tmp/out 2> $tmp/err
same "a mount point linked to the host: start refuses" 1 $?
same "... nothing mounted on the host's /h14/mnt/x" 0 \
	"$(grep -c ' /h14/mnt' /proc/mounts)"
match "... and says which" "fstab:3: the mount point /mnt/x" "$(cat $tmp/err)"

vserver pa5 build -m busybox --context 3045 >/dev/null 2>&1
rm -f /vservers/pa5/dev/console
ln -s /h14/console /vservers/pa5/dev/console
check "dev/console linked to a host file: start" 0 "" "" vserver pa5 start
vserver pa5 exec sh -c 'echo overwritten > /dev/console' 2>/dev/null
same "... the host file is untouched" keep "$(cat /h14/console)"
vserver pa5 stop >/dev/null 2>&1

# The barrier: /vservers is 000; a setuid program in a guest's root.
same "the guests' parent directory is mode 000" 0 "$(stat -c %a /vservers)"
vserver su1 build -m skeleton --context 3046 >/dev/null 2>&1
cp "$H" /vservers/su1/bin/suid
chown 0:0 /vservers/su1/bin/suid
chmod 4755 /vservers/su1/bin/suid
out=$("$H" runas 65534 /vservers/su1/bin/suid euid 2>&1)
same "a host user cannot run a guest's setuid-root program" \
	"exec /vservers/su1/bin/suid: EACCES" "$out"

for g in pa1 pa2 pa3 pa4 pa5 su1; do
	VSERVER_SILENT=1 vserver $g delete --force >/dev/null 2>&1
done
same "delete: the host targets of the links are still there" "keep keep keep" \
	"$(cat /h14/hostname /h14/hosts /h14/console | tr '\n' ' ' | sed 's/ $//')"
rm -rf /h14
