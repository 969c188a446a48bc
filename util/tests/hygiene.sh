#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Error hygiene of the tools that read configuration files: the vserver
# front end (/etc/vservers/<name>/, here $VSERVER_CONFDIR) and vlimit,
# vsched and vuname --dir.  Each is given a missing, empty, binary (NUL
# and 0xff bytes) and oversized (10 MiB) file, a bad value, a directory
# or a FIFO where a file belongs, and a file it may not read (as
# nobody).  Each must exit non-zero, without hanging, with a message
# naming the file and the problem, and change nothing: the configuration
# and run directories, and on a vserver kernel /proc/virtual,
# /proc/virtnet and the test context's limits, scheduler settings and
# names are compared before and after.
#
# On a kernel without vserver support (make -C util check on the build
# host) vlimit, vsched and vuname stop at the kernel check before they
# read anything: those cases are skipped there and run in the VM
# (tests/fuzz/t0002-hygiene.sh).  Empty list files (bcapabilities) and
# an empty fstab are valid (no names, no mounts) and not tried as errors.

tool=vserver
. "$(dirname "$0")/toollib.sh"

B=$VSERVER_BIN
C=$tmp/etc
R=$tmp/run
D=$tmp/dir
export VSERVER_CONFDIR="$C" VSERVER_RUNDIR="$R"
XID=4242
made_ctx=false
# Paths owned by nobody's group are not needed: nobody only has to
# reach the directories (0755) and be refused the file (0000).
chmod 0755 "$tmp"

# $tmp/asnobody COMMAND...: runs it as nobody (util-linux setpriv, else
# su, as busybox's setpriv cannot change ids).
can_nobody=false
if [ "$(id -u)" = 0 ]; then
	if setpriv --reuid=65534 --regid=65534 --clear-groups true \
		2>/dev/null; then
		printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"\n' \
			> "$tmp/asnobody"
	else
		printf '#!/bin/sh\nexec su -p -s /bin/sh nobody -c '"'"'exec "$0" "$@"'"'"' -- "$@"\n' \
			> "$tmp/asnobody"
	fi
	chmod 0755 "$tmp/asnobody"
	[ "$("$tmp/asnobody" id -u 2>/dev/null)" = 65534 ] && can_nobody=true
fi

# 10 MiB: a valid first line, then filler; and one line of junk.  The
# filler is made once (tr over 10 MiB is slow in the emulated VM).
mkbig()
{
	[ -s "$tmp/filler" ] ||
		dd if=/dev/zero bs=1048576 count=10 2>/dev/null | tr '\0' '#' > "$tmp/filler"
	printf '%s\n' "$1" > "$2"
	cat "$tmp/filler" >> "$2"
	printf '\n' >> "$2"
}

# The state that must not change.
snapshot()
{
	for d in "$C" "$R" "$D"; do
		[ -e "$d" ] || continue
		find "$d" | sort | while read -r f; do
			if [ -p "$f" ]; then
				echo "$f fifo $(stat -c '%a' "$f")"
			elif [ -f "$f" ]; then
				echo "$f $(stat -c '%s %a %Y' "$f") $(md5sum < "$f" 2>/dev/null)"
			else
				echo "$f $(stat -c '%F %a' "$f")"
			fi
		done
	done
	if $vserver_kernel; then
		ls /proc/virtual /proc/virtnet
		for f in status limit sched nsproxy; do
			cat "/proc/virtual/$XID/$f" 2>/dev/null |
				grep -v '^UseCnt:'
		done
	fi
}

# hyg DESC FILE PROBLEM-ERE [nobody] -- COMMAND...: the command must fail
# (not hang), name FILE and match PROBLEM-ERE on stderr, change nothing.
hyg()
{
	desc=$1 file=$2 problem=$3
	shift 3
	how=${how:-nothing}
	as=
	if [ "$1" = nobody ]; then
		as=$tmp/asnobody
		shift
	fi
	[ "$1" = -- ] && shift
	snapshot > "$tmp/before" 2>&1
	# shellcheck disable=SC2086
	timeout -s KILL 5 $as "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	got=$?
	snapshot > "$tmp/after" 2>&1
	why=
	case $got in
	0) why="exit status 0" ;;
	124|137) why="hangs (killed after 5 s)" ;;
	esac
	if [ -z "$why" ] && ! grep -qF -- "$file" "$tmp/err"; then
		why="the message does not name $file"
	fi
	if [ -z "$why" ] && ! grep -Eqi -- "$problem" "$tmp/err"; then
		why="the message does not say the problem (/$problem/)"
	fi
	if [ -z "$why" ] && ! cmp -s "$tmp/before" "$tmp/after"; then
		why="something changed"
	fi
	if [ -z "$why" ]; then
		result pass "$desc"
		return
	fi
	result fail "$desc: $why"
	echo "#   reproduce: ($how) then: $as $*"
	echo "#   exit status $got; stderr:"
	head -n 4 "$tmp/err" | sed 's/^/#     /'
	if ! cmp -s "$tmp/before" "$tmp/after"; then
		diff "$tmp/before" "$tmp/after" | head -n 10 | sed 's/^/#     /'
	fi
}

# Puts the bad content KIND into FILE (after removing what is there).
bad()
{
	kind=$1 f=$2 good=$3 badval=$4
	rm -rf "$f"
	how="$kind $f"
	case $kind in
	empty) : > "$f" ;;
	binary) printf '%s\000\377\376junk\n' "$good" > "$f" ;;
	big) mkbig "$good" "$f" ;;
	value) printf '%s\n' "$badval" > "$f" ;;
	dir) mkdir "$f" ;;
	fifo) mkfifo "$f" ;;
	noperm) printf '%s\n' "$good" > "$f"; chmod 0000 "$f" ;;
	esac
}

problem_of()
{
	case $1 in
	empty) echo 'empty|no value|invalid value' ;;
	binary) echo 'NUL|binary|not a text' ;;
	big) echo 'too large|too long|too big|size' ;;
	value) echo 'not a|invalid|unknown|out of range|too long|longer than|no mount point' ;;
	dir) echo 'directory' ;;
	fifo) echo 'not a (regular )?file|fifo' ;;
	noperm) echo 'Permission denied' ;;
	esac
}

# --- the front end --------------------------------------------------

fe_dir()
{
	rm -rf "$C" "$R"
	mkdir -p "$C/g/rlimits" "$C/g/uts" "$C/g/apps/init" \
		"$C/g/interfaces/0" "$R"
	chmod -R 0755 "$C" "$R"
	ln -s "$tmp/root" "$C/g/vdir"
	printf '3000\n' > "$C/g/context"
	printf '10.0.0.1\n' > "$C/g/interfaces/0/ip"
	printf 'lo\n' > "$C/g/interfaces/0/dev"
}

rm -rf "$C"
hyg "vserver: no configuration directory" "$C/nope" 'does not exist' \
	-- "$B/vserver" nope start

# file, a good value, a bad one, the kinds that are errors
for spec in \
	"context|3000|30x0|empty binary big value dir fifo noperm" \
	"rlimits/nproc|100|lots|empty binary big value dir fifo noperm" \
	"uts/nodename|guest|a/b$(printf '%070d' 0)|empty binary big value dir fifo" \
	"apps/init/killseq|15 5 9|15 x|empty binary big value dir fifo" \
	"interfaces/0/ip|10.0.0.1|10.0.0.300|empty binary big value dir fifo" \
	"bcapabilities|CHOWN|NO_SUCH_CAP|binary big value dir fifo" \
	"fstab|none /tmp tmpfs defaults|none|binary big value dir fifo"
do
	rel=${spec%%|*} rest=${spec#*|}
	good=${rest%%|*} rest=${rest#*|}
	badval=${rest%%|*} kinds=${rest#*|}
	for kind in $kinds; do
		if [ $kind = noperm ] && ! $can_nobody; then
			skip "vserver: $rel unreadable" "not root, or cannot become nobody"
			continue
		fi
		fe_dir
		bad $kind "$C/g/$rel" "$good" "$badval"
		as=
		[ $kind = noperm ] && as=nobody
		hyg "vserver: $rel $kind" "$C/g/$rel" "$(problem_of $kind)" \
			$as -- "$B/vserver" g start
	done
done

# --- vlimit, vsched, vuname --dir -----------------------------------

if $vserver_kernel && [ ! -d /proc/virtual/$XID ]; then
	# A persistent context for the tools to (not) change.
	if "$B/vcontext" --create --xid $XID --flag persistent --silent \
		-- true > "$tmp/out" 2>&1; then
		made_ctx=true
	else
		sed 's/^/# vcontext: /' "$tmp/out"
	fi
fi

for spec in \
	"vlimit|nproc|100|lots|empty binary big value dir fifo noperm" \
	"vsched|fill-rate|1|x1|empty binary big value fifo noperm" \
	"vsched|priority-bias|5|fast|empty binary big value fifo noperm" \
	"vuname|nodename|guest|$(printf '%070d' 0)|binary big value dir fifo noperm"
do
	t=${spec%%|*} rest=${spec#*|}
	name=${rest%%|*} rest=${rest#*|}
	good=${rest%%|*} rest=${rest#*|}
	badval=${rest%%|*} kinds=${rest#*|}
	args="--xid $XID --dir $D"
	[ $t = vsched ] && args="$args --force"
	if ! $vserver_kernel; then
		skip "$t --dir: missing, empty, binary, big, bad $name..." \
			"needs a vserver kernel (runs in the VM)"
		continue
	fi
	for kind in missing $kinds; do
		rm -rf "$D"
		mkdir -p "$D"
		chmod 0755 "$D"
		as=
		if [ $kind = missing ]; then
			rmdir "$D"
			how="no $D"
			# shellcheck disable=SC2086
			hyg "$t --dir: missing directory" "$D" \
				'No such file|does not exist' -- "$B/$t" $args
			continue
		fi
		if [ $kind = noperm ]; then
			$can_nobody || { skip "$t: $name unreadable" "not root, or cannot become nobody"; continue; }
			as=nobody
		fi
		bad $kind "$D/$name" "$good" "$badval"
		# shellcheck disable=SC2086
		hyg "$t --dir: $name $kind" "$D/$name" "$(problem_of $kind)" \
			$as -- "$B/$t" $args
	done
done

if $made_ctx; then
	"$B/vattribute" --xid $XID --flag '~persistent' > /dev/null 2>&1 ||
		echo "# could not release context $XID"
fi
done_testing
