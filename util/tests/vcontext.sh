#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vcontext.sh - host tests of vcontext: usage, bad values, and the
# messages on a kernel without vserver(2).  tests/tools-next drives it
# on the vserver kernel.

tool=vcontext
. "${0%/*}/toollib.sh"

check_help --help " --create " " --migrate-self " " --initpid " \
	" --disconnect " " --flag <list> " " --cgroup <dir> "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'x'" -x
check_usage "an option without its argument" 255 \
	"unrecognized option '--create=1'" --create=1 -- true
check_usage "a long option without its argument" 255 \
	"option '--xid' requires an argument" --create --xid
check_usage "an abbreviated option without its argument" 255 \
	"option '--ui' requires an argument" --create --ui
check_usage "no operation" 255 \
	"one of --create, --migrate and --migrate-self is needed" -- true
check_usage "no operation, no command" 255 \
	"one of --create, --migrate and --migrate-self is needed"
check_usage "--create with --migrate" 255 \
	"--create, --migrate and --migrate-self exclude each other" \
	--create --migrate --xid 42 -- true
check_usage "--migrate with --migrate-self" 255 \
	"--create, --migrate and --migrate-self exclude each other" \
	--migrate --migrate-self --xid 42 -- true
check_usage "--migrate without --xid" 255 "--migrate needs --xid <xid>" \
	--migrate -- true
check_usage "--migrate to self" 255 "--migrate needs --xid <xid>" \
	--migrate --xid self -- true
check_usage "--migrate-self with --xid" 255 "--migrate-self takes no --xid" \
	--migrate-self --xid 42 -- true
check_usage "--flag without --create" 255 "--flag is only for --create" \
	--migrate --xid 42 --flag persistent -- true
check_usage "no command" 255 "no command given" --create --xid 42
check_usage "no command after --" 255 "no command given" --create --
check_usage "a context id that is no number" 255 "invalid context id 'web'" \
	--create --xid web -- true
check_usage "a context id above 65535" 255 "invalid context id '65536'" \
	--create --xid 65536 -- true
check_usage "a negative context id" 255 "invalid context id '-1'" \
	--create --xid -1 -- true
check_usage "--ctx is --xid" 255 "invalid context id 'x'" \
	--create --ctx x -- true
check_usage "an unknown flag" 255 "unknown flag 'bogus'" \
	--create --flag persistent,bogus -- true
check_usage "a bad flag bit" 255 "bad bit number in flag list: '^64'" \
	--create --flag ^64 -- true
check_usage "a bad flag number" 255 "bad number in flag list: '0xz'" \
	--create --flag 0xz -- true
check_usage "an empty flag entry" 255 \
	"empty entry in flag list 'persistent,,virt_mem'" \
	--create --flag persistent,,virt_mem -- true
check_usage "a bad numeric uid" 255 "invalid uid '12x'" \
	--create --uid 12x -- true
check_usage "a uid above 32 bits" 255 "invalid uid '4294967296'" \
	--create --uid 4294967296 -- true
check_usage "a bad numeric gid" 255 "invalid gid '1-2'" \
	--create --gid 1-2 -- true

# --cgroup: checked before anything is made, and before the kernel is
# asked; nothing here is on a cgroup2 file system.
check_usage "--cgroup with --migrate" 255 "--cgroup is only for --create" \
	--migrate --xid 42 --cgroup /sys/fs/cgroup/web -- true
check_usage "--cgroup with --migrate-self" 255 \
	"--cgroup is only for --create" \
	--migrate-self --cgroup /sys/fs/cgroup/web -- true
check_usage "a relative --cgroup" 255 \
	"--cgroup 'vserver/web' is not an absolute path" \
	--create --cgroup vserver/web -- true
check_usage "an empty --cgroup" 255 "--cgroup '' is not an absolute path" \
	--create --cgroup= -- true
check_usage "--cgroup with '..'" 255 \
	"--cgroup '/sys/fs/cgroup/../web' holds a '.' or '..' component" \
	--create --cgroup /sys/fs/cgroup/../web -- true
check_usage "--cgroup with '.'" 255 \
	"--cgroup '/sys/fs/cgroup/./web' holds a '.' or '..' component" \
	--create --cgroup /sys/fs/cgroup/./web -- true
check_usage "--cgroup /" 255 "--cgroup '//' is the root directory" \
	--create --cgroup // -- true
long=/sys/fs/cgroup
while [ ${#long} -le 1024 ]; do
	long=$long/0123456789abcdef
done
check_usage "a --cgroup path too long" 255 "--cgroup '$long' is too long" \
	--create --cgroup "$long" -- true
check "--cgroup not on cgroup2: nothing is made" 255 "" \
	"$tool: cannot use '$tmp/cg/web' as a cgroup: '$tmp' is not on a cgroup2 file system" \
	--create --xid 42 --cgroup "$tmp/cg/web" -- true
if [ -e "$tmp/cg" ]; then
	result fail "... and no directory was made"
else
	result pass "... and no directory was made"
fi
mkdir "$tmp/cg"
check "the path is tidied, the deepest existing part named" 255 "" \
	"$tool: cannot use '$tmp/cg/a/b' as a cgroup: '$tmp/cg' is not on a cgroup2 file system" \
	--create --cgroup "/$tmp//cg/a/b/" -- true
: > "$tmp/file"
check "--cgroup naming a file" 255 "" \
	"$tool: cannot use '$tmp/file': Not a directory" \
	--create --cgroup "$tmp/file" -- true
check "--cgroup below a file" 255 "" \
	"$tool: cannot use '$tmp/file/web': Not a directory" \
	--create --cgroup "$tmp/file/web" -- true
check "--disconnect reports a --cgroup error" 255 "" \
	"$tool: cannot use '$tmp/cg/web' as a cgroup: '$tmp/cg' is not on a cgroup2 file system" \
	--disconnect --create --cgroup "$tmp/cg/web" -- true

check_no_vserver "--create without vserver support" 255 "" "$no_vserver" \
	--create --xid 42 -- true
check_no_vserver "--create of a dynamic id without vserver" 255 "" \
	"$no_vserver" --create -- true
check_no_vserver "--silentexist keeps other errors" 255 "" "$no_vserver" \
	--create --silentexist --xid 42 -- true
check_no_vserver "--migrate without vserver support" 255 "" "$no_vserver" \
	--migrate --xid 42 -- true
check_no_vserver "--migrate-self without vserver support" 255 "" \
	"$no_vserver" --migrate-self --endsetup -- true
check_no_vserver "--disconnect reports the child's failure" 255 "" \
	"$no_vserver" --disconnect --create --xid 42 -- true

done_testing
