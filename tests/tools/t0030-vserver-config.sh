#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver: the configuration files.  A broken file of each kind stops
# the start before anything is done, with "<file>:<line>: <what>"; the
# exit statuses of the commands that need no running guest.  Guests
# cfgt* in /etc/vservers, contexts 3000..3009, 192.0.2.100..109 on
# dummy0.

. "$(dirname "$0")/lib.sh"

C=/etc/vservers
ip link set lo up
ip link set dummy0 up

# A fresh busybox guest cfgt, quietly.
fresh()
{
	VSERVER_SILENT=1 vserver cfgt delete --force >/dev/null 2>&1
	VSERVER_QUIET=1 vserver cfgt build -m busybox --context 3000 \
		--interface dummy0:192.0.2.100/24 >/dev/null 2>&1
}

# nothing_started DESC: no context 3000, no address, no run file
nothing_started()
{
	same "$1: nothing started" "" \
		"$(ls /proc/virtual | grep -x 3000)$(ip addr show dev dummy0 |
		   grep 192.0.2.100)$(ls /var/run/vservers 2>/dev/null |
		   grep -x cfgt)"
}

# broken DESC FILE CONTENT MESSAGE: write FILE, start, expect MESSAGE
broken()
{
	fresh
	mkdir -p "$(dirname "$C/cfgt/$2")"
	printf "$3" > "$C/cfgt/$2"
	check "$1" 1 "" "vserver: $4${nl}vserver: cfgt: configuration errors, nothing started" \
		vserver cfgt start
	nothing_started "$1"
}

check "--help" 0 "$(vserver --help)" "" vserver --help
check "no guest: exit 2" 2 "" \
	"vserver: no guest given${nl}Try 'vserver --help' for more information." \
	vserver
check "unknown guest: exit 5" 5 "" \
	"vserver: no guest 'nosuch': $C/nosuch does not exist (build it with 'vserver nosuch build -m busybox')" \
	vserver nosuch start
fresh
check "unknown command: exit 2" 2 "" \
	"vserver: unknown command 'frobnicate'${nl}Try 'vserver --help' for more information." \
	vserver cfgt frobnicate
check "status of a stopped guest: exit 3" 3 "Vserver 'cfgt' is stopped" "" \
	vserver cfgt status
check "running of a stopped guest: exit 1" 1 "" "" vserver cfgt running
check "stop of a stopped guest: exit 0" 0 "" \
	"vserver: cfgt: warning: not running" vserver cfgt stop
check "exec in a stopped guest: exit 1" 1 "" "vserver: cfgt: not running" \
	vserver cfgt exec true
check "build over an existing guest without --force" 1 "" \
	"vserver: cfgt: $C/cfgt exists already; use --force to build anew (the old one is kept aside)" \
	vserver cfgt build -m skeleton
check "build: unknown method" 2 "" \
	"vserver: build: unknown method 'nope' (skeleton, busybox, template, clone, debootstrap)${nl}Try 'vserver <name> build --help' for more information." \
	vserver cfgx build -m nope
check "build: bad --interface" 2 "" \
	"vserver: build: --interface: bad address 'dummy0:192.0.2.300': '192.0.2.300' is no address${nl}Try 'vserver <name> build --help' for more information." \
	vserver cfgx build -m skeleton --interface dummy0:192.0.2.300
same "a refused build creates nothing" "" "$(ls $C | grep -x cfgx)"

broken "context: not a number" context 'abc\n' \
	"$C/cfgt/context:1: 'abc' is not a context id: a number 2..49151 is needed"
broken "context: empty" context '' \
	"$C/cfgt/context:1: empty file; the value belongs on the first line"
broken "context: DOS line end" context '3000\r\n' \
	"$C/cfgt/context:1: carriage return (a DOS line end); write the file with Unix line ends"
broken "ncontext: out of range" ncontext '70000\n' \
	"$C/cfgt/ncontext:1: '70000' is not a network context id: a number 2..49151 is needed"
broken "bcapabilities: unknown name on line 3" bcapabilities \
	'# comment\nNET_RAW\nFLY\n' \
	"$C/cfgt/bcapabilities:3: unknown bcapability 'FLY'"
broken "ccapabilities: unknown name" ccapabilities 'set_utsname,bogus\n' \
	"$C/cfgt/ccapabilities:1: unknown ccapability 'bogus'"
broken "cflags: unknown flag" cflags 'virt_mem\nnoflag\n' \
	"$C/cfgt/cflags:2: unknown context flag 'noflag'"
broken "nflags: unknown flag" nflags 'xx\n' \
	"$C/cfgt/nflags:1: unknown network flag 'xx'"
broken "ncapabilities: unknown" ncapabilities 'raw_icmp\nfoo\n' \
	"$C/cfgt/ncapabilities:2: unknown network capability 'foo'"
broken "interfaces: bad address" interfaces/0/ip '192.0.2.999\n' \
	"$C/cfgt/interfaces/0/ip:1: '192.0.2.999' is not an IPv4 or IPv6 address"
broken "interfaces: bad prefix" interfaces/0/prefix '33\n' \
	"$C/cfgt/interfaces/0/prefix:1: '33' is not a prefix length (0..32)"
broken "interfaces: mask contradicts prefix" interfaces/0/mask \
	'255.255.0.0\n' \
	"$C/cfgt/interfaces/0/mask:1: netmask '255.255.0.0' contradicts $C/cfgt/interfaces/0/prefix (/24)"
broken "interfaces: nodev and dev" interfaces/0/nodev '' \
	"$C/cfgt/interfaces/0/nodev: contradicts $C/cfgt/interfaces/0/dev: an interface either has a host device or none"
broken "interfaces: no ip" interfaces/1/dev 'dummy0\n' \
	"$C/cfgt/interfaces/1: no 'ip' file: every interface needs its address"
broken "rlimits: unknown resource" rlimits/bananas '10\n' \
	"$C/cfgt/rlimits/bananas: unknown resource 'bananas'"
broken "rlimits: bad value" rlimits/nproc.hard 'lots\n' \
	"$C/cfgt/rlimits/nproc.hard:1: 'lots' is not a limit: a number (suffix K, M, k, m) or 'inf'"
fresh
mkdir -p $C/cfgt/rlimits
printf '10\n' > $C/cfgt/rlimits/nofile.hard
printf '100\n' > $C/cfgt/rlimits/nofile.soft
check "rlimits: soft above hard" 1 "" \
	"vserver: $C/cfgt/rlimits/nofile.soft:1: the soft limit is above the hard limit${nl}vserver: cfgt: configuration errors, nothing started" \
	vserver cfgt start
nothing_started "rlimits: soft above hard"
broken "uts: unknown field" uts/colour 'blue\n' \
	"$C/cfgt/uts/colour: unknown uts field (sysname, nodename, release, version, machine, domainname)"
broken "uts: too long" uts/nodename \
	'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n' \
	"$C/cfgt/uts/nodename:1: value too long (68 bytes, at most 64)"
broken "sched: bad value" sched/fill-rate '0\n' \
	"$C/cfgt/sched/fill-rate:1: '0' is not a valid fill-rate"
broken "sched: unknown file" sched/speed '9\n' \
	"$C/cfgt/sched/speed: unknown scheduler setting (per-CPU directories are not supported either)"
broken "apps/init/style: unknown" apps/init/style 'upstart\n' \
	"$C/cfgt/apps/init/style:1: unsupported init style 'upstart' (sysv, plain or systemd)"
broken "apps/init/killseq: not a signal" apps/init/killseq '15\n5\nKILLL\n' \
	"$C/cfgt/apps/init/killseq:3: 'KILLL' is not a signal"
broken "apps/init/killseq: ends with a wait" apps/init/killseq '15 5\n' \
	"$C/cfgt/apps/init/killseq:1: the sequence ends with a wait; it must end with a signal"
broken "apps/init/cmd.start: empty" apps/init/cmd.start '' \
	"$C/cfgt/apps/init/cmd.start:1: empty file; one word a line is needed"
broken "fstab: too few fields" fstab \
	'none /proc proc defaults 0 0\nnone /tmp tmpfs\n' \
	"$C/cfgt/fstab:2: no options: a line is '<source> <mount point> <type> <options>'"
broken "fstab: relative mount point" fstab '# x\nnone tmp tmpfs defaults\n' \
	"$C/cfgt/fstab:2: mount point 'tmp' is not an absolute path (inside the guest)"
broken "fstab: mounted twice" fstab \
	'none /tmp tmpfs defaults\nnone /tmp tmpfs defaults\n' \
	"$C/cfgt/fstab:2: '/tmp' is mounted on line 1 already"
broken "fstab: bad dump field" fstab 'none /tmp tmpfs defaults x\n' \
	"$C/cfgt/fstab:1: 'x' is not a dump number"

# Deprecated files work, with a warning.
fresh
printf 'virt_mem\n' > $C/cfgt/flags
check "flags (old name): a warning, the start goes on" 0 \
	"cfgt: starting: context 3000, root /vservers/cfgt${nl}cfgt: started: context 3000, plain init" \
	"vserver: $C/cfgt/flags: warning: 'flags' is deprecated; call it 'cflags'" \
	vserver cfgt start
match "flags: virt_mem set" "virt_mem" "$(vattribute --xid 3000 --get)"
vserver cfgt stop >/dev/null 2>&1

# .defaults: the fstab of new guests, the vdir base.
mkdir -p $C/.defaults
printf 'none /tmp tmpfs size=1m 0 0\n' > $C/.defaults/fstab
ln -sfn /tmp/vsbase $C/.defaults/vdirbase
VSERVER_QUIET=1 vserver cfgd build -m skeleton --context 3001 >/dev/null 2>&1
same ".defaults/fstab is the fstab of a new guest" \
	"none /tmp tmpfs size=1m 0 0" "$(cat $C/cfgd/fstab)"
same ".defaults/vdirbase is where the root goes" /tmp/vsbase/cfgd \
	"$(readlink $C/cfgd/vdir)"
VSERVER_SILENT=1 vserver cfgd delete --force >/dev/null 2>&1
rm -rf $C/.defaults /tmp/vsbase
same "delete removed cfgd" "" "$(ls $C | grep -x cfgd)"

VSERVER_SILENT=1 vserver cfgt delete --force >/dev/null 2>&1
same "no guest left" "" "$(ls $C)"
