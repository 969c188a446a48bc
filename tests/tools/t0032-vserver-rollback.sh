#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver start: a failure injected at each step ($VSERVER_FAIL_STEP)
# names the step, exits 1 and leaves nothing behind: no context, no
# network context, no host address, no cgroup, no run file.  Then the
# same guest starts.  Guest rb, context 3020, 192.0.2.120 on dummy0.

. "$(dirname "$0")/lib.sh"

C=/etc/vservers
CG=/sys/fs/cgroup/vserver
export VSERVER_QUIET=1
ip link set lo up
ip link set dummy0 up
VSERVER_SILENT=1 vserver rb delete --force >/dev/null 2>&1
vserver rb build -m busybox --context 3020 \
	--interface dummy0:192.0.2.120/24 >/dev/null 2>&1
mkdir -p $C/rb/rlimits $C/rb/sched
echo 100 > $C/rb/rlimits/nproc
echo 1 > $C/rb/sched/fill-rate
echo 2 > $C/rb/sched/interval

left()
{
	printf '%s' "$(ls /proc/virtual | grep -x 3020)"
	printf '%s' "$(ls /proc/virtnet | grep -x 3020)"
	printf '%s' "$(ip addr show dev dummy0 | grep 192.0.2.120)"
	printf '%s' "$(ls $CG 2>/dev/null | grep -x rb)"
	printf '%s' "$(ls /var/run/vservers 2>/dev/null | grep -x rb)"
}

for step in interfaces cgroup namespaces context attributes limits \
	    scheduler uts network mounts root init; do
	VSERVER_FAIL_STEP=$step vserver rb start > $tmp/out 2> $tmp/err
	same "$step: exit 1" 1 "$?"
	match "$step: the message names the step" \
		"start failed at step '$step'" "$(cat $tmp/err)"
	same "$step: nothing left" "" "$(left)"
done

# A failing init command, and a failing scriptlet.
printf '/bin/false\n' > $C/rb/apps/init/cmd.start
vserver rb start > $tmp/out 2> $tmp/err
same "init that exits at once: exit 1" 1 "$?"
match "init that exits at once: said so" "step 'init'" "$(cat $tmp/err)"
same "init that exits at once: nothing left" "" "$(left)"
rm $C/rb/apps/init/cmd.start
mkdir -p $C/rb/scripts
printf '#!/bin/sh\nexit 1\n' > $C/rb/scripts/pre-start
chmod +x $C/rb/scripts/pre-start
vserver rb start > $tmp/out 2> $tmp/err
same "failing pre-start scriptlet: exit 1" 1 "$?"
same "failing pre-start scriptlet: nothing left" "" "$(left)"
rm $C/rb/scripts/pre-start

# A missing mount point and a missing init are found before anything.
printf 'none /nowhere tmpfs defaults 0 0\n' >> $C/rb/fstab
check "fstab: a mount point the guest lacks" 1 "" \
	"vserver: $C/rb/fstab:4: the mount point /nowhere is no directory in the guest${nl}vserver: rb: not started" \
	vserver rb start
sed -i '/nowhere/d' $C/rb/fstab
mv /vservers/rb/bin/busybox /vservers/rb/bin/bb
check "a guest without its init" 1 "" \
	"vserver: rb: the init command /sbin/init is not an executable file in the guest (No such file or directory); check apps/init/style and cmd.start${nl}vserver: rb: not started" \
	vserver rb start
mv /vservers/rb/bin/bb /vservers/rb/bin/busybox
same "still nothing left" "" "$(left)"

check "after all that, it starts" 0 "" "" vserver rb start
check "and stops" 0 "" "" vserver rb stop
same "nothing left at the end" "" "$(left)"
VSERVER_SILENT=1 vserver rb delete --force >/dev/null 2>&1
