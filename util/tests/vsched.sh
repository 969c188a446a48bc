#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vsched.sh - host tests of vsched: usage, bad values on the command line
# and in --dir files, util-vserver's exit codes, and the messages on a
# kernel without vserver(2).  tests/tools-next/t0024-vsched.sh drives it
# on the vserver kernel.

tool=vsched
. "${0%/*}/toollib.sh"

check_help --help " --fill-rate <n> " " --interval <n> " " --prio-bias <n> " \
	" --tokens <n>, --tokens-min <n>, --tokens-max <n>," \
	" --fill-rate2 <n>, --interval2 <n>, --cpu-id <n>," \
	" --bucket-id <n>, --idle-time" " --xid <xid> " " --force " \
	" --dir <dir> " " --missingok "
check_help -h
check_version --version
check_version -V
check_write_error

# util-vserver: 1 for a bad option, 255 for a bad value.
check_usage "unknown long option" 1 "unrecognized option '--bogus'" --bogus
check_usage "unknown short option" 1 "invalid option -- 'x'" -x 42
check_usage "a setting without its value" 1 \
	"option '--fill-rate' requires an argument" --xid 42 --fill-rate
check_usage "--force takes no value" 1 "unrecognized option '--force=1'" \
	--force=1
check_usage "an ambiguous abbreviation" 1 "unrecognized option '--tok'" \
	--tok 5
check_usage "a bad context id" 255 "invalid context id 'web'" --xid web
check_usage "--ctx is --xid" 255 "invalid context id '65536'" --ctx 65536
check_usage "a value that is no number" 255 \
	"invalid value '1x' for --fill-rate" --xid 42 --fill-rate 1x
check_usage "an empty value" 255 "invalid value '' for --interval" \
	--xid 42 --interval=
check_usage "a value with a blank" 255 "invalid value ' 5' for --prio-bias" \
	--xid 42 --prio-bias ' 5'
check_usage "no hex" 255 "invalid value '0x10' for --tokens" \
	--xid 42 --tokens 0x10
check_usage "two signs" 255 "invalid value '--5' for --prio-bias" \
	--xid 42 --prio-bias --5
check_usage "a value above 32 bits" 255 \
	"invalid value '2147483648' for --tokens-max" \
	--xid 42 --tokens-max 2147483648
check_usage "a value below 32 bits" 255 \
	"invalid value '-2147483649' for --bucket-id" \
	--xid 42 --bucket-id -2147483649
check_usage "an alias is named by its option" 255 \
	"invalid value 'x' for --prio-bias" --xid 42 --priority_bias x

check_no_vserver "setting without vserver support" 255 "" "$no_vserver" \
	--xid 42 --fill-rate 1 --interval 4 --prio-bias -5
check_no_vserver "every setting and alias is accepted" 255 "" \
	"$no_vserver" --xid 42 --fill-rate 1 --interval 4 --tokens 100 \
	--tokens-min 50 --tokens_min 51 --tokens-max 200 --tokens_max 201 \
	--prio-bias -20 --prio_bias 19 --priority-bias +3 --priority_bias 0 \
	--fill-rate2 2 --interval2 8 --cpu-id 0 --bucket-id 0 --idle-time \
	--force --fill-rate=3 --bucket 1 -- true
check_no_vserver "the 32-bit extremes are accepted" 255 "" "$no_vserver" \
	--xid 42 --tokens -2147483648 --tokens-max 2147483647
check_no_vserver "a bias of -2 is a bias like any other" 255 "" \
	"$no_vserver" --xid 42 --prio-bias -2
check_no_vserver "showing without vserver support" 255 "" "$no_vserver" \
	--xid 42
check_no_vserver "--force alone shows" 255 "" "$no_vserver" --xid 42 --force
check_no_vserver "self without vserver support" 255 "" "$no_vserver"
check_no_vserver "self with a setting, without vserver support" 255 "" \
	"$no_vserver" --fill-rate 1 -- true
check "--cpu_mask is deprecated" 0 "ran" \
	"$tool: the '--cpu_mask' option is deprecated and has no effect" \
	--xid 42 --cpu_mask 3 -- echo ran
check "a command alone needs no kernel" 0 "ran" "" --xid 42 -- echo ran
check "... nor --force and a command" 0 "ran" "" --force echo ran
check "a command that is not there" 127 "" \
	"$tool: cannot execute 'no-such-tool': No such file or directory" \
	--xid 42 no-such-tool

# --dir: util-vserver's sched/ directory; 1 for a bad file, or when the
# kernel refuses what it read.
dir=$tmp/sched
mkdir "$dir"
check "--dir --missingok with no directory" 0 "" "" \
	--xid 42 --dir "$tmp/none" --missingok
check "... as vserver start runs it" 0 "ran" "" \
	--xid self --force --dir "$tmp/none" --missingok -- echo ran
check "a missing --dir" 255 "" \
	"$tool: cannot use '$tmp/none': No such file or directory" \
	--xid 42 --dir "$tmp/none"
: > "$tmp/file"
check "--dir naming a file" 255 "" \
	"$tool: cannot use '$tmp/file': Not a directory" \
	--xid 42 --dir "$tmp/file" --missingok
check "an empty --dir sets nothing" 0 "ran" "" --xid 42 --dir "$dir" \
	-- echo ran
check "... not even without a command" 0 "" "" --xid 42 --force \
	--dir "$dir"
echo 1 > "$dir/fill-rate"
echo 4 > "$dir/interval"
echo -5 > "$dir/priority-bias"
echo 100 > "$dir/tokens"
echo 5 > "$dir/bogus"
check_no_vserver "--dir with good files, without vserver support" 1 "" \
	"$no_vserver" --xid 42 --dir "$dir"
check_no_vserver "... and a setting on the command line" 1 "" \
	"$no_vserver" --xid 42 --dir "$dir" --fill-rate 2
echo 1x > "$dir/interval"
check "a bad value in --dir" 1 "" \
	"$tool: invalid value '1x' in '$dir/interval'" --xid 42 --dir "$dir"
check_no_vserver "the file of a setting given is not read" 1 "" \
	"$no_vserver" --xid 42 --interval 4 --dir "$dir"
printf '\n' > "$dir/interval"
check "an empty line in --dir" 1 "" \
	"$tool: invalid value '' in '$dir/interval'" --xid 42 --dir "$dir"
printf '2147483648\n' > "$dir/interval"
check "a value too big in --dir" 1 "" \
	"$tool: invalid value '2147483648' in '$dir/interval'" \
	--xid 42 --dir "$dir"
printf ' \t4 \r\n5\n' > "$dir/interval"
check_no_vserver "blanks around the first line are ignored" 1 "" \
	"$no_vserver" --xid 42 --dir "$dir"
echo 3 > "$dir/prio-bias"
echo x > "$dir/prio-bias"
check "prio-bias is read too" 1 "" \
	"$tool: invalid value 'x' in '$dir/prio-bias'" --xid 42 --dir "$dir"
echo 3 > "$dir/prio-bias"
mkdir "$dir/cpu0"
echo 1 > "$dir/cpu0/fill-rate"
check_no_vserver "per-CPU subdirectories are ignored with a warning" 1 "" \
"$tool: ignoring '$dir/cpu0': per-CPU settings are not supported by this kernel
$no_vserver" --xid 42 --dir "$dir"
rm -r "$dir"/*
: > "$dir/idle-time"
check_no_vserver "the idle-time flag file alone is a setting" 1 "" \
	"$no_vserver" --xid 42 --dir "$dir"
rm "$dir/idle-time"
mkdir "$dir/fill-rate"
check "a directory is no file" 0 "" \
	"$tool: ignoring '$dir/fill-rate': per-CPU settings are not supported by this kernel" \
	--xid 42 --dir "$dir"
rmdir "$dir/fill-rate"
if [ "$(id -u)" != 0 ]; then
	echo 4 > "$dir/interval"
	chmod 0 "$dir/interval"
	check "a file that cannot be read" 255 "" \
		"$tool: cannot open '$dir/interval': Permission denied" \
		--xid 42 --dir "$dir"
else
	skip "a file that cannot be read" "root reads every file"
fi

done_testing
