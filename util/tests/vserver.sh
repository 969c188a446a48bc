#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Host tests of vserver that need no vserver kernel: usage, exit codes,
# and the configuration errors found before anything is started, on a
# configuration directory of its own ($VSERVER_CONFDIR).

tool=vserver
. "$(dirname "$0")/toollib.sh"

export VSERVER_CONFDIR="$tmp/etc" VSERVER_RUNDIR="$tmp/run"
C=$VSERVER_CONFDIR
mkdir -p "$C/g/rlimits" "$C/g/uts"
ln -s "$tmp/root" "$C/g/vdir"

check "--help" 0 "$("$bin" --help)" "" --help
check_version --version
check_write_error
check "no arguments" 2 "" "vserver: no guest given${nl}$try_help"
check "no command" 2 "" "vserver: no command given${nl}$try_help" g
check "unknown guest" 5 "" \
	"vserver: no guest 'x': $C/x does not exist (build it with 'vserver x build -m busybox')" \
	x status
check "unknown command" 2 "" \
	"vserver: unknown command 'fly'${nl}$try_help" g fly
check "bad option" 2 "" \
	"vserver: unrecognized option '--nope'${nl}$try_help" --nope g start
check "build: no method" 2 "" \
	"vserver: build: no method: -m <method> is needed${nl}Try 'vserver <name> build --help' for more information." \
	n build
check "build: bad context" 2 "" \
	"vserver: build: invalid context '1' (2..49151)${nl}Try 'vserver <name> build --help' for more information." \
	n build -m skeleton --context 1
bhelp="Try 'vserver <name> build --help' for more information."
check "build: --help on standard output" 0 \
	"$("$bin" n build --help)" "" n build --help
check "build: unknown option" 2 "" \
	"vserver: build: unknown or incomplete option '--nope'${nl}$bhelp" \
	n build -m skeleton --nope
check "build: unknown short option" 2 "" \
	"vserver: build: unknown or incomplete option '-x'${nl}$bhelp" \
	n build -x -m skeleton
check "build: option without its value" 2 "" \
	"vserver: build: unknown or incomplete option '--hostname'${nl}$bhelp" \
	n build -m skeleton --hostname
check "build: -m without its value" 2 "" \
	"vserver: build: unknown or incomplete option '-m'${nl}$bhelp" \
	n build -m
check "build: a value to an option that takes none" 2 "" \
	"vserver: build: unknown or incomplete option '--force=yes'${nl}$bhelp" \
	n build -m skeleton --force=yes
check "build: a word that is no option" 2 "" \
	"vserver: build: unknown or incomplete option 'extra'${nl}$bhelp" \
	n build -m skeleton extra
check "build: unknown method" 2 "" \
	"vserver: build: unknown method 'fly' (skeleton, busybox, template, clone, debootstrap)${nl}$bhelp" \
	n build -m fly
check "build: bad --flags" 2 "" \
	"vserver: build: --flags: unknown flag 'NOPE'${nl}$bhelp" \
	n build -m skeleton --flags NOPE
check "build: bad --initstyle" 2 "" \
	"vserver: build: --initstyle: sysv, plain or systemd${nl}$bhelp" \
	n build -m skeleton --initstyle upstart
check "build: relative --rootdir" 2 "" \
	"vserver: build: --rootdir: an absolute path is needed${nl}$bhelp" \
	n build -m skeleton --rootdir here
check "build: a method argument of another method" 2 "" \
	"vserver: build: method skeleton: unknown or incomplete argument '-t'${nl}$bhelp" \
	n build -m skeleton -- -t x.tar
check "build: a method's missing argument" 2 "" \
	"vserver: build: method template needs -- -t <archive>${nl}$bhelp" \
	n build -m template
check "build: -- as an option's value" 2 "" \
	"vserver: build: method template: unknown or incomplete argument '-t'${nl}$bhelp" \
	n build -m template --hostname -- -- -t

printf 'x1\n' > "$C/g/context"
check "context: not a number" 1 "" \
	"vserver: $C/g/context:1: 'x1' is not a context id: a number 2..49151 is needed${nl}vserver: g: configuration errors, nothing started" \
	g start
printf '3000\n' > "$C/g/context"
printf 'lots\n' > "$C/g/rlimits/nproc"
mkdir -p "$C/g/interfaces/0"
printf '10.0.0.1\n' > "$C/g/interfaces/0/ip"
printf 'eth0\n' > "$C/g/interfaces/0/dev"
printf '40\n' > "$C/g/interfaces/0/prefix"
printf 'a\r\n' > "$C/g/uts/nodename"
check "every problem, one line each" 1 "" \
	"vserver: $C/g/interfaces/0/prefix:1: '40' is not a prefix length (0..32)
vserver: $C/g/rlimits/nproc:1: 'lots' is not a limit: a number (suffix K, M, k, m) or 'inf'
vserver: $C/g/uts/nodename:1: carriage return (a DOS line end); write the file with Unix line ends
vserver: g: configuration errors, nothing started" g start
same_ok=$(ls "$tmp/run" 2>/dev/null)
if [ -z "$same_ok" ]; then result pass "nothing written to the run directory"
else result fail "nothing written to the run directory"; fi
done_testing
