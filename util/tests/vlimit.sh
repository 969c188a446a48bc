#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vlimit.sh - host tests of vlimit: usage, bad values on the command line
# and in --dir files, and the messages on a kernel without vserver(2).

tool=vlimit
. "${0%/*}/toollib.sh"

check_help --help " -c, --xid <xid> " " -a, --all " " -M " " -S " " -H " \
	" --dir <dir> " " --missingok " \
	"Resources: cpu fsize data stack core rss nproc nofile memlock as locks" \
	"           sigpending msgqueue nsock openfd anon shmem semary nsems" \
	"           dentry mapped posixmq aio"
check_help -h
check_version --version
check_version -V
check_write_error

check_usage "unknown long option" 255 "unrecognized option '--bogus'" \
	--bogus
check_usage "unknown short option" 255 "invalid option -- 'q'" -q
check_usage "an unknown resource" 255 "unrecognized option '--nprocs'" \
	--nprocs 10
check_usage "an ambiguous abbreviation" 255 "unrecognized option '--n'" \
	--n 10
check_usage "a limit 32 and up" 255 "unrecognized option '--32'" --32 1
check_usage "a resource without a value" 255 \
	"option '--nproc' requires an argument" --nproc
check_usage "-c without a context" 255 \
	"option requires an argument -- 'c'" -c
check_usage "a bad context id" 255 "invalid context id 'web'" -c web
check_usage "a context id too big" 255 "invalid context id '65536'" \
	--xid 65536
check_usage "a bad value" 255 "invalid value '10x' for --nproc" \
	--xid 42 --nproc 10x
check_usage "a bad value, --opt=value" 255 "invalid value '' for --nofile" \
	--xid 42 --nofile=
check_usage "a negative value" 255 "invalid value '-1' for --nsock" \
	--xid 42 --nsock -1
check_usage "a value with a blank" 255 "invalid value '1 ' for --as" \
	--xid 42 --as '1 '
check_usage "a value too big" 255 \
	"value '18446744073709551614' for --nproc is out of range" \
	--xid 42 --nproc 18446744073709551614
check_usage "a suffix too big" 255 \
	"value '18014398509481984K' for --rss is out of range" \
	--xid 42 --rss 18014398509481984K
check_usage "a bad value for a numbered limit" 255 \
	"invalid value 'x' for --13" --xid 42 --13 x
check_usage "a numbered limit with a name is named" 255 \
	"invalid value 'x' for --nproc" --xid 42 --6 x
check_usage "-S with no limit after it" 255 \
	"-M, -S or -H without a limit option after it" --xid 42 --nproc 1 -S
check_usage "-M at the end" 255 \
	"-M, -S or -H without a limit option after it" -M -- true
check_usage "the first bad value counts" 255 "invalid value 'a' for --cpu" \
	--cpu a --nproc b

check_no_vserver "setting without vserver support" 255 "" "$no_vserver" \
	--xid 42 --nproc 10
check_no_vserver "every syntax of a value is accepted" 255 "" "$no_vserver" \
	--xid 42 --nproc inf --nofile 2k --nsock 1K --as 0x10M --rss 3m \
	--13 INF --31 0 --npr 5 -MSH --mapped 7
check_no_vserver "showing without vserver support" 255 "" "$no_vserver" \
	--xid 42
check_no_vserver "-a without vserver support" 255 "" "$no_vserver" \
	-c 42 -a -n -d -- true
check_no_vserver "self without vserver support" 255 "" "$no_vserver"
check_no_vserver "self with a limit, without vserver support" 255 "" \
	"$no_vserver" --nproc 10 -- true
check "a command alone needs no kernel" 0 "ran" "" --xid 42 -- echo ran
check "... nor a command with -n and -d" 0 "ran" "" -n -d echo ran
check "a command that is not there" 127 "" \
	"$tool: cannot execute 'no-such-tool': No such file or directory" \
	--xid 42 no-such-tool

# --dir
dir=$tmp/rlimits
mkdir "$dir"
check "--dir --missingok with no directory" 0 "" "" \
	--xid 42 --dir "$tmp/none" --missingok
check "--dir --missingok runs the command" 0 "ran" "" \
	--dir "$tmp/none" --missingok -- echo ran
check "an empty --dir sets nothing" 0 "ran" "" --xid 42 --dir "$dir" \
	-- echo ran
check "a missing --dir" 255 "" \
	"$tool: cannot use '$tmp/none': No such file or directory" \
	--xid 42 --dir "$tmp/none"
: > "$tmp/file"
check "--dir naming a file" 255 "" \
	"$tool: cannot use '$tmp/file': Not a directory" \
	--xid 42 --dir "$tmp/file" --missingok
echo 100 > "$dir/nproc"
printf '2k' > "$dir/nofile.hard"
echo inf > "$dir/nsock.soft"
echo 5 > "$dir/bogus"
check_no_vserver "--dir with good files, without vserver support" 255 "" \
	"$no_vserver" --xid 42 --dir "$dir"
echo 10x > "$dir/nofile.hard"
check "a bad value in --dir" 255 "" \
	"$tool: invalid value '10x' in '$dir/nofile.hard'" --xid 42 --dir "$dir"
check_no_vserver "the files of a limit given are not read" 255 "" \
	"$no_vserver" --xid 42 --nofile 5 --dir "$dir"
printf '\n' > "$dir/nofile.hard"
check "an empty line in --dir" 255 "" \
	"$tool: invalid value '' in '$dir/nofile.hard'" --xid 42 --dir "$dir"
printf '99999999999999999999\n' > "$dir/nofile.hard"
check "a value too big in --dir" 255 "" \
	"$tool: value '99999999999999999999' in '$dir/nofile.hard' is out of range" \
	--xid 42 --dir "$dir"
printf '7\nanything\n' > "$dir/nofile.hard"
check_no_vserver "only the first line of a file counts" 255 "" \
	"$no_vserver" --xid 42 --dir "$dir"
printf ' \t7 \r\n' > "$dir/nofile.hard"
check_no_vserver "blanks around the value of a file are ignored" 255 "" \
	"$no_vserver" --xid 42 --dir "$dir"
printf '1 000\n' > "$dir/nofile.hard"
check "a blank inside the value" 255 "" \
	"$tool: invalid value '1 000' in '$dir/nofile.hard'" --xid 42 --dir "$dir"
mkdir "$dir/rss"
check "a directory where a file belongs" 255 "" \
	"$tool: '$dir/rss' is a directory, not a file" --xid 42 --dir "$dir"
rmdir "$dir/rss"
mkfifo "$dir/rss"
check "a FIFO where a file belongs: no waiting" 255 "" \
	"$tool: '$dir/rss' is not a regular file" --xid 42 --dir "$dir"
rm "$dir/rss"
printf '5\0\n' > "$dir/rss"
check "a binary file" 255 "" \
	"$tool: '$dir/rss' is not text (it holds a NUL byte)" --xid 42 --dir "$dir"
head -c 4096 /dev/zero | tr '\0' 5 > "$dir/rss"
check "a file too large for a value" 255 "" \
	"$tool: '$dir/rss' is too large for a value" --xid 42 --dir "$dir"
rm "$dir/rss"

done_testing
