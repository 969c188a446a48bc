#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vuname in the VM: the guest's uname fields and context name, set in
# the chain (-t, --dir), seen from inside (uname, hostname) and from the
# host (vuname --get, /proc/virtual/<xid>/nsproxy); the errors.

. "$(dirname "$0")/lib.sh"

mkdir "$tmp/uts"
echo 5.0-guest > "$tmp/uts/release"
printf 'example.org\n\n' > "$tmp/uts/domainname"

vcontext --create --xid 60 --silent -- \
	vuname -t nodename=web -t sysname=VServer -t machine=vs64 \
		-t version=#1 -t context=/etc/vservers/web -- \
	vuname --dir "$tmp/uts" -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "uname -snrvm > $tmp/uname; hostname > $tmp/host; \
	       cat /proc/sys/kernel/domainname > $tmp/domain; \
	       touch $tmp/ready; exec sleep 30" &
wait_for "$tmp/ready"
same "inside, uname shows the fields set" "VServer web 5.0-guest #1 vs64" \
	"$(cat "$tmp/uname")"
same "inside, hostname" web "$(cat "$tmp/host")"
same "inside, the domain name from --dir" example.org "$(cat "$tmp/domain")"
check "the host reads every field" 0 \
	"/etc/vservers/web VServer web 5.0-guest #1 vs64 example.org" "" \
	vuname --xid 60
check "the host reads chosen fields, in its order" 0 "vs64 web" "" \
	vuname --xid 60 -g machine NODENAME
same "/proc/virtual/60/nsproxy has the node name" "web" \
	"$(proc_field 60 nsproxy NodeName)"
same "the host's names are untouched" "vshost $(uname -r)" \
	"$(hostname) $(uname -r)"

check "the host renames the running guest" 0 "" "" \
	vuname --xid 60 --set -t nodename=web2
same "... inside too" web2 \
	"$(vspace --enter 60 --uts -- vcontext --migrate --xid 60 -- hostname)"
check "a value of 64 bytes is the longest" 0 "" "" \
	vuname --xid 60 -t \
	context=0123456789012345678901234567890123456789012345678901234567890123
check "... and reads back whole" 0 \
	0123456789012345678901234567890123456789012345678901234567890123 "" \
	vuname --xid 60 context
check "an empty value" 0 "" "" vuname --xid 60 -t domainname=
same "... reads back empty" "[]" "[$(vuname --xid 60 domainname)]"
kill_ctx 60

check "self from inside, during the setup" 0 "inner" "" \
	vcontext --create --silent -- vuname -t nodename=inner -- \
	vuname nodename
check "self on the host" 255 "" \
	"vuname: cannot read the context of context self: No such process" \
	vuname
check "a context that does not exist" 255 "" \
	"vuname: cannot set the nodename of context 99: No such process" \
	vuname --xid 99 -t nodename=x
check "a context that does not exist, --get" 255 "" \
	"vuname: cannot read the sysname of context 99: No such process" \
	vuname --xid 99 sysname
check "a guest cannot rename itself after its setup" 255 "" \
	"vuname: cannot set the nodename of context self: Operation not permitted" \
	vcontext --create --silent -- vcontext --migrate-self --endsetup -- \
	vuname -t nodename=x
check "an unknown tag" 255 "" \
	"vuname: unknown tag 'host=x'
Try 'vuname --help' for more information." \
	vuname --xid 99 -t host=x
check "a command that cannot run" 127 "" \
	"vuname: cannot execute 'nosuch': No such file or directory" \
	vcontext --create --silent -- vuname -t nodename=x -- nosuch
