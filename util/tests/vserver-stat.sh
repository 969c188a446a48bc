#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vserver-stat.sh - host tests of vserver-stat: usage and the message on
# a kernel without vserver(2).

tool=vserver-stat
. "${0%/*}/toollib.sh"

check_help --help "CTX the context id" " -O, --sort <key> "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'x'" -x
check_usage "an argument" 1 "unexpected argument 'web'" web
check_usage "--sort without a key" 1 "option requires an argument -- 'O'" \
	-O

check_no_vserver "without vserver support" 1 "" \
	"$tool: this kernel has no vserver support"
check_no_vserver "--sort is ignored" 1 "" "$no_vserver" --sort ctx
check_no_vserver "-O is ignored" 1 "" "$no_vserver" -O ctx

done_testing
