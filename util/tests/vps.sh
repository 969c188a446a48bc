#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vps.sh - host tests of vps: help, version and the message on a kernel
# without vserver(2).  Options other than a first --help or --version go
# to ps.

tool=vps
. "${0%/*}/toollib.sh"

check_help --help "CONTEXT column after PID"
check_version --version
check_write_error

check_no_vserver "without vserver support" 254 "" "$no_vserver"
check_no_vserver "with ps options, without vserver support" 254 "" \
	"$no_vserver" ax
check_no_vserver "-h goes to ps" 254 "" "$no_vserver" -h
check_no_vserver "--help is an option only first" 254 "" "$no_vserver" \
	ax --help

done_testing
