#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver exec, suexec, enter, console: guest code never holds the
# caller's terminal, descriptors or environment (issue 14), and the
# kernel refuses TIOCSTI, vhangup and the host's console to a guest task
# whatever terminal it was handed.  Each attack runs from inside a guest
# built by the front end, on a pty this test holds (ttyhelper hold):
#   injected=N  bytes pushed into the test's pty input (TIOCSTI)
#   hungup=1    the test's pty was hung up (vhangup)
# Guests tt1 (plain) and tt2 (sysv), contexts 3040, 3047.

. "$(dirname "$0")/lib.sh"

H=$(cd "$(dirname "$0")" && pwd)/ttyhelper
export VSERVER_QUIET=1
V=/vservers/tt1
VSERVER_SILENT=1 vserver tt1 delete --force >/dev/null 2>&1
vserver tt1 build -m busybox --context 3040 >/dev/null 2>&1
cp "$H" $V/bin/ttyhelper
# The host's console node, as debootstrap ships it (world-writable here,
# which a guest's root could make it anyway).
mknod -m 666 $V/dev/console c 5 1
echo host > /h14-host-marker
check "start" 0 "" "" vserver tt1 start

# --- streams, status, signals ------------------------------------------
printf 'a\nb\n' | vserver tt1 exec sh -c 'cat; echo err >&2; exit 3' \
	> $tmp/o 2> $tmp/e
same "exec: exit status kept" 3 $?
same "exec: stdin to stdout through pipes, EOF passed on" "a b" \
	"$(cat $tmp/o | tr '\n' ' ' | sed 's/ $//')"
same "exec: stderr kept apart" err "$(cat $tmp/e)"
same "exec: end of input reaches the command" 1 \
	"$(printf x | vserver tt1 exec wc -c | tr -d ' ')"
same "exec: a signal's death is 128 + signal" 143 \
	"$(vserver tt1 exec sh -c 'kill -TERM $$'; echo $?)"

vserver tt1 exec sh -c 'trap "echo got-INT; exit 7" INT; echo ready;
	while :; do sleep 1; done' > $tmp/int 2>&1 &
pid=$!
i=0
while ! grep -q ready $tmp/int && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -INT $pid
i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -KILL $pid 2>/dev/null
wait $pid
st=$?
same "exec: SIGINT reaches the guest command (its trap ran, exit 7)" \
	"7 got-INT" "$st $(grep got-INT $tmp/int)"

# --- environment, descriptors, cwd --------------------------------------
same "exec: a clean environment (HOME, PATH; the caller's secret not)" \
	"HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
	"$(env -i SECRET_H14=topsecret PATH=$PATH vserver tt1 exec env | sort | tr '\n' ' ' | sed 's/ $//')"
same "exec: TERM, LANG, LC_ALL passed" "LANG=C.UTF-8 LC_ALL=C TERM=xterm" \
	"$(env -i TERM=xterm LANG=C.UTF-8 LC_ALL=C PATH=$PATH vserver tt1 exec env | grep -E '^(TERM|LANG|LC_ALL)=' | sort | tr '\n' ' ' | sed 's/ $//')"
same "exec: cwd is the guest's /" / "$(cd /tmp && vserver tt1 exec pwd)"
same "exec: an inherited descriptor on a host directory is not there (no fchdir escape)" \
	"fd 7: EBADF" \
	"$(vserver tt1 exec ttyhelper fd 7 h14-host-marker 7</ | tr '\n' ' ' | sed 's/ $//')"
same "exec: fds of the command: 0 1 2 only" "0 1 2" \
	"$(vserver tt1 exec ls /proc/self/fd 9</ 200</ | sort -n | grep -v '^3$' | tr '\n' ' ' | sed 's/ $//')"

# --- the terminal -------------------------------------------------------
"$H" hold -- vserver tt1 exec ttyhelper sti > $tmp/sti
match "TIOCSTI by an exec'd command: nothing reaches the caller's pty" \
	"^injected=0$" "$(grep injected $tmp/sti)"
match "... the command had a terminal (its own pty)" "^sti fd0: ok" \
	"$(grep 'sti fd0' $tmp/sti | tr -d '\r')"

"$H" hold -- sh -c "vserver tt1 exec ttyhelper sti </dev/null >$tmp/sti2 2>&1" \
	> $tmp/sti2h
same "TIOCSTI with stdio on /dev/null: /dev/tty is not the caller's" \
	"injected=0 open /dev/tty: ENXIO" \
	"$(grep injected $tmp/sti2h) $(grep 'open /dev/tty' $tmp/sti2 | tr -d '\r')"

rm -f $V/root/stolen
"$H" hold --secret hunter2 --wait $V/root/stolen -- \
	vserver tt1 exec ttyhelper daemon /root/stolen > $tmp/daemon
wait_for $V/root/stolen
match "a guest daemon holding the exec's pty (and /proc/PID/fd/0) reads nothing typed after exec" \
	"^read: (EIO|EOF)" "$(cat $V/root/stolen 2>&1)"

"$H" hold -- vserver tt1 exec stty size > $tmp/size
match "exec on a pty: the window size is the caller's" "^33 77" \
	"$(tr -d '\r' < $tmp/size)"

"$H" hold -- vserver tt1 exec ttyhelper vhangup > $tmp/vh
same "vhangup by an exec'd command: the caller's pty is not hung up" \
	"hungup=0" "$(grep hungup $tmp/vh)"

"$H" hold --input 'sleep 30 &
jobs
kill %1
exit 5
' -- vserver tt1 enter > $tmp/enter
match "enter on a pty: a prompt" "tt1:/# " "$(cat $tmp/enter)"
match "enter on a pty: job control (jobs lists the background job)" \
	'\[1\]\+? +Running +sleep 30' "$(tr -d '\r' < $tmp/enter)"
same "enter on a pty: no 'job control turned off'" 0 \
	"$(grep -c 'job control' $tmp/enter)"
match "enter on a pty: exit status of the shell" "^status=5$" \
	"$(grep status= $tmp/enter)"

# --- the console --------------------------------------------------------
"$H" hold --cons -- sh -c "vserver tt1 exec ttyhelper console; vserver tt1 suexec nobody ttyhelper console" > $tmp/cons
same "/dev/console in the guest, as root and as nobody: nothing on the host's console" \
	0 "$(grep -c H14-CONSOLE-MARK $tmp/cons)"
match "... root wrote to the guest's own console" "console: ok" \
	"$(tr -d '\r' < $tmp/cons)"
match "... nobody may not open it (a pty of the guest's root, 0620)" \
	"console: EACCES" "$(tr -d '\r' < $tmp/cons)"
match "the guest's console is logged in /var/log/vservers/tt1/console.log" \
	H14-CONSOLE-MARK "$(cat /var/log/vservers/tt1/console.log 2>&1)"
same "the guest's /dev/console is a pty of its own devpts (major 136)" 88 \
	"$(vserver tt1 exec stat -c %t /dev/console)"

mkfifo $tmp/cin
vserver tt1 console < $tmp/cin > $tmp/cout 2>&1 &
cpid=$!
exec 9> $tmp/cin
i=0
while [ ! -S /var/run/vservers/tt1.console ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
vserver tt1 exec sh -c 'echo attached-mark > /dev/console'
i=0
while ! grep -q attached-mark $tmp/cout && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
exec 9>&-
wait $cpid
same "vserver NAME console: attached, shows what the guest writes, exit 0" \
	"0 1" "$? $(grep -c attached-mark $tmp/cout)"

# --- the kernel, whatever the tools hand in -----------------------------
"$H" hold -- vcontext --migrate --xid 3040 -- "$H" sti > $tmp/ksti
same "kernel: a guest task on the host's pty: TIOCSTI refused" \
	"injected=0 sti fd0: EPERM" \
	"$(grep injected $tmp/ksti) $(grep 'sti fd0' $tmp/ksti | tr -d '\r')"
"$H" hold -- vcontext --migrate --xid 3040 -- "$H" vhangup > $tmp/kvh
same "kernel: a guest task on the host's pty: vhangup refused" \
	"hungup=0 vhangup: EPERM" \
	"$(grep hungup $tmp/kvh) $(grep vhangup: $tmp/kvh | tr -d '\r')"
same "kernel: a guest task cannot open the host's /dev/console" \
	"console: EPERM" "$(vcontext --migrate --xid 3040 -- "$H" console)"

check "stop" 0 "" "" vserver tt1 stop
VSERVER_SILENT=1 vserver tt1 delete --force >/dev/null 2>&1

# --- a sysv guest: its rc script at start and at stop -------------------
VSERVER_SILENT=1 vserver tt2 delete --force >/dev/null 2>&1
vserver tt2 build -m busybox --context 3047 --initstyle sysv >/dev/null 2>&1
cp "$H" /vservers/tt2/bin/ttyhelper
cat > /vservers/tt2/etc/init.d/rc <<'EOF'
#!/bin/sh
{ /bin/ttyhelper sti; /bin/ttyhelper vhangup; } > /root/rc-$1.out 2>&1
exit 0
EOF
chmod 755 /vservers/tt2/etc/init.d/rc
"$H" hold -- vserver tt2 start > $tmp/rcstart
same "sysv start from a pty: the rc script reaches nothing of it" \
	"status=0 injected=0 hungup=0" \
	"$(grep -E '^(status|injected|hungup)=' $tmp/rcstart | tr '\n' ' ' | sed 's/ $//')"
"$H" hold -- vserver tt2 stop > $tmp/rcstop
same "sysv stop from a pty: the rc script (runlevel 6) reaches nothing of it" \
	"status=0 injected=0 hungup=0" \
	"$(grep -E '^(status|injected|hungup)=' $tmp/rcstop | tr '\n' ' ' | sed 's/ $//')"
# The guest's init runs rc 6 on the guest's console, not its controlling
# terminal: TIOCSTI there is EPERM.
match "... it ran (and had a terminal of the guest's, or none)" \
	"^sti fd0: (ok|ENOTTY|EPERM)" "$(cat /vservers/tt2/root/rc-6.out 2>&1)"
VSERVER_SILENT=1 vserver tt2 delete --force >/dev/null 2>&1
rm -f /h14-host-marker
