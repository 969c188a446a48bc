#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# ncontext.sh - host tests of ncontext: usage, bad values, and the
# messages on a kernel without vserver(2).  tests/tools-next drives it
# on the vserver kernel.

tool=ncontext
. "${0%/*}/toollib.sh"

check_help --help " --create " " --migrate " " --migrate-self " \
	" --nid <nid> " " --flag <list> " " --endsetup " " --silentexist "
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'x'" -x
check_usage "an option without its argument" 255 \
	"unrecognized option '--create=1'" --create=1 -- true
check_usage "--nid without its argument" 255 \
	"option '--nid' requires an argument" --create --nid
check_usage "no operation" 255 \
	"one of --create, --migrate and --migrate-self is needed" -- true
check_usage "--create with --migrate" 255 \
	"--create, --migrate and --migrate-self exclude each other" \
	--create --migrate --nid 2100 -- true
check_usage "--migrate with --migrate-self" 255 \
	"--create, --migrate and --migrate-self exclude each other" \
	--migrate --migrate-self --nid 2100 -- true
check_usage "--migrate without --nid" 255 "--migrate needs --nid <nid>" \
	--migrate -- true
check_usage "--migrate to self" 255 "invalid network context id 'self'" \
	--migrate --nid self -- true
check_usage "--migrate-self with --nid" 255 \
	"--migrate-self takes no --nid" --migrate-self --nid 2100 -- true
check_usage "--flag without --create" 255 "--flag is only for --create" \
	--migrate --nid 2100 --flag persistent -- true
check_usage "no command" 255 "no command given" --create --nid 2100
check_usage "no command after --" 255 "no command given" --create --
check_usage "a network context id that is no number" 255 \
	"invalid network context id 'web'" --create --nid web -- true
check_usage "a network context id above 65535" 255 \
	"invalid network context id '65536'" --create --nid 65536 -- true
check_usage "a negative network context id" 255 \
	"invalid network context id '-1'" --create --nid -1 -- true
check_usage "an unknown flag" 255 "unknown flag 'bogus'" \
	--create --flag persistent,bogus -- true
check_usage "a context flag is no network flag" 255 \
	"unknown flag 'fakeinit'" --create --flag fakeinit -- true
check_usage "a bad flag bit" 255 "bad bit number in flag list: '^64'" \
	--create --flag ^64 -- true
check_usage "an empty flag entry" 255 \
	"empty entry in flag list 'persistent,,single_ip'" \
	--create --flag persistent,,single_ip -- true

check "a command that does not exist: 127, before creating" 127 "" \
	"ncontext: cannot execute '/nonexistent': No such file or directory" \
	--create --nid 2100 -- /nonexistent
check "a command that is not executable: 126" 126 "" \
	"ncontext: cannot execute '/etc/passwd': Permission denied" \
	--migrate --nid 2100 -- /etc/passwd

check_no_vserver "--create without vserver support" 255 "" "$no_vserver" \
	--create --nid 2100 -- true
check_no_vserver "--create of a dynamic id without vserver" 255 "" \
	"$no_vserver" --create -- true
check_no_vserver "--silentexist keeps other errors" 255 "" "$no_vserver" \
	--create --silentexist --nid 2100 -- true
check_no_vserver "--migrate without vserver support" 255 "" "$no_vserver" \
	--migrate --nid 2100 -- true
check_no_vserver "--migrate-self without vserver support" 255 "" \
	"$no_vserver" --migrate-self --endsetup -- true

done_testing
