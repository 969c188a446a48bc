#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: what the vserver kernel offers so far, as an admin sees it.

say() {
	printf '\n### %s\n' "$*"
}
run() {
	printf '$ %s\n' "$*"
	"$@"
}

say "The kernel"
run uname -sr
dmesg | grep -E 'vserver:|LSM: initializing' | sed 's/^\[[^]]*\] //'

say "The vserver(2) API of this kernel"
run vserver-info

say "/proc/virtual/info"
run cat /proc/virtual/info

say "Feature test, as scripts use it"
run vserver-info - APIVER
