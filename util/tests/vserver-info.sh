#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vserver-info.sh - host tests of vserver-info, printing TAP
#
# Environment: VSERVER_BIN, the directory holding vserver-info, and
# VSERVER_VERSION, the tools' version.  Exit status, standard output and
# standard error are compared exactly.  Tests of the "no vserver support"
# path assume a kernel without vserver(2) and are skipped on a kernel with
# /proc/virtual.

tool=vserver-info
. "${0%/*}/toollib.sh"

# Help: exit 0, nothing on stderr, the usage on stdout.
check_help()
{
	"$bin" "$1" > "$tmp/out" 2> "$tmp/err"
	got=$?
	first=$(sed -n 1p "$tmp/out")
	last=$(sed -n '$p' "$tmp/out")
	if [ "$got" = 0 ] && [ ! -s "$tmp/err" ] && [ "$first" = "Usage:" ] &&
	   [ "$last" = "See vserver-info(8)." ] &&
	   grep -q '^ -V, --version ' "$tmp/out" &&
	   grep -q '^ FEATURE <name> ' "$tmp/out"; then
		result pass "$1 prints the usage"
	else
		result fail "$1 prints the usage"
		echo "#   exit status $got, first line '$first'"
	fi
}

# Output that cannot be written is an error.
check_write_error()
{
	"$bin" --help > /dev/full 2> "$tmp/err"
	got=$?
	case $got:$(cat "$tmp/err") in
	"1:vserver-info: write error: "?*) result pass "write error on stdout" ;;
	*) result fail "write error on stdout"
	   echo "#   exit status $got, stderr '$(cat "$tmp/err")'" ;;
	esac
}

# The kernel report and queries on a kernel without vserver(2).
check_no_vserver "report without vserver support" 1 "" "$no_vserver"
check_no_vserver "-q report without vserver support" 1 "" "$no_vserver" -q
check_no_vserver "APIVER without vserver support" 1 "" "$no_vserver" \
	- APIVER
check_no_vserver "VCI without vserver support" 1 "" "$no_vserver" - VCI
check_no_vserver "FEATURE migrate is absent" 1 "" "" - FEATURE migrate
check_no_vserver "FEATURE COMPAT is absent" 1 "" "" - FEATURE COMPAT
check_no_vserver "--version without vserver support" 0 \
	"vserver-info (vserver) $version${nl}kernel vserver API: none (this kernel has no vserver support)" \
	"" --version

if $vserver_kernel; then
	kernel_api="kernel vserver API: 0002:0309 (2.3.9)"
else
	kernel_api="kernel vserver API: none (this kernel has no vserver support)"
fi
check "-V prints both versions" 0 \
	"vserver-info (vserver) $version$nl$kernel_api" "" -V

check_help --help
check_help -h

# Usage errors.
check "unknown long option" 1 "" \
	"vserver-info: unrecognized option '--bogus'$nl$try_help" --bogus
check "long option with a needless argument" 1 "" \
	"vserver-info: unrecognized option '--quiet=3'$nl$try_help" --quiet=3 -l
check "abbreviated long option" 0 "APIVER${nl}VCI${nl}FEATURE${nl}SYSINFO${nl}XIDTYPE" \
	"" --li
check "unknown short option" 1 "" \
	"vserver-info: invalid option -- 'x'$nl$try_help" -x
check "unknown option in a group" 1 "" \
	"vserver-info: invalid option -- 'x'$nl$try_help" -qx
check "unknown option inside a group" 1 "" \
	"vserver-info: invalid option -- 'x'$nl$try_help" --quiet -xq
check "unknown tag" 1 "" \
	"vserver-info: unknown tag 'NOSUCH'${nl}Try 'vserver-info -l' for the list of tags." \
	- NOSUCH
check "tags are case-sensitive" 1 "" \
	"vserver-info: unknown tag 'apiver'${nl}Try 'vserver-info -l' for the list of tags." \
	- apiver
check "no tag" 1 "" "vserver-info: no tag given after '-'$nl$try_help" -
check "FEATURE without a name" 1 "" \
	"vserver-info: FEATURE needs a feature name$nl$try_help" - FEATURE
check "unknown feature" 1 "" "vserver-info: unknown feature 'nosuch'" \
	- FEATURE nosuch
check "-l lists the tags" 0 "APIVER${nl}VCI${nl}FEATURE${nl}SYSINFO${nl}XIDTYPE" \
	"" -l

# XIDTYPE needs no kernel.
check "XIDTYPE 0" 0 "main" "" 0 XIDTYPE
check "XIDTYPE 1" 0 "watch" "" 1 XIDTYPE
check "XIDTYPE 2" 0 "static" "" 2 XIDTYPE
check "XIDTYPE 49151" 0 "static" "" 49151 XIDTYPE
check "XIDTYPE 49152" 0 "dynamic" "" 49152 XIDTYPE
check "XIDTYPE 65535" 0 "dynamic" "" 65535 XIDTYPE
check "XIDTYPE 65536" 0 "invalid" "" 65536 XIDTYPE
check "XIDTYPE matching one of the types" 0 "static" "" \
	42 XIDTYPE dynamic STATIC
check "XIDTYPE matching none of the types" 1 "" "" 42 XIDTYPE dynamic
check "-q XIDTYPE prints nothing" 0 "" "" -q 42 XIDTYPE
check "XIDTYPE of a name" 1 "" "vserver-info: 'abc': not a context id" \
	abc XIDTYPE
check "XIDTYPE above 32 bits" 1 "" \
	"vserver-info: '4294967296': not a context id" 4294967296 XIDTYPE

# SYSINFO always succeeds and marks what it cannot read.
if $vserver_kernel; then
	skip "SYSINFO without vserver support" "kernel has vserver support"
else
	"$bin" - SYSINFO > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" = 0 ] && [ ! -s "$tmp/err" ] &&
	   grep -qx '                   VS-API: ???' "$tmp/out" &&
	   grep -qx '                      VCI: ???' "$tmp/out" &&
	   grep -qx "                  vserver: $version" "$tmp/out" &&
	   grep -qx 'Features: none' "$tmp/out"; then
		result pass "SYSINFO without vserver support"
	else
		result fail "SYSINFO without vserver support"
		sed 's/^/#     /' "$tmp/out" "$tmp/err"
	fi
fi

check_write_error

echo "1..$n"
