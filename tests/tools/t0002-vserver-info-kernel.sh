#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver-info against the vserver kernel: what it reports must be what the
# kernel says in /proc/virtual/info, and the feature tests must answer.

n=0
ok() { # status description
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
same() { # description expected actual
	[ "$2" = "$3" ]
	st=$?
	[ $st = 0 ] || printf '# expected: %s\n# got:      %s\n' "$2" "$3"
	ok $st "$1"
}

echo "1..6"
vci=$(sed -n 's/^VCIKernel:\t//p' /proc/virtual/info)
sys=$(sed -n 's/^VCISyscall:\t//p' /proc/virtual/info)

same "APIVER is the kernel's version word" 0x00020309 "$(vserver-info - APIVER)"
same "VCI is the word of /proc/virtual/info" "0x$vci" "$(vserver-info - VCI)"
out=$(vserver-info)
same "the report's first line names API 2.3.9" "API version: 0002:0309 (2.3.9)" \
	"$(echo "$out" | sed -n 1p)"
same "the report names the syscall of /proc/virtual/info" "syscall: $sys" \
	"$(echo "$out" | sed -n 2p)"
vserver-info - FEATURE NO_SUCH_FEATURE >/dev/null 2>&1
same "an unknown feature is an error" 1 $?
vserver-info - FEATURE DYNAMIC >/dev/null 2>&1
same "FEATURE DYNAMIC is present: the kernel leaves NO_DYNAMIC clear" 0 $?
