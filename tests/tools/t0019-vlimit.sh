#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vlimit in the VM: setting limits of a context from the host and read
# back with vlimit (the default listing, -a, -d, -n) and in
# /proc/virtual/<xid>/limit; --dir; limits and values the kernel does not
# support; the guest-building chain (self); NPROC enforced on forks inside
# the context; the errors.  Contexts 1950..1959.

d=$(dirname "$0")
if [ -f "$d/lib.sh" ]; then
	. "$d/lib.sh"
else
	. "$d/../tools/lib.sh"
fi

for x in 1950 1951 1952 1953 1954 1955 1956 1957 1958 1959; do
	kill_ctx "$x"
done

# One line of the listing: name, minimum, soft and hard limit.
row() # NAME MIN SOFT HARD
{
	printf '%-10s  %-18s  %-18s  %s' "$1" "$2" "$3" "$4"
}

# The listing, every limit the kernel enforces in id order: RSS
# (unlimited: the contexts here have no memory cgroup of their own),
# NPROC and NOFILE with these hard limits, MEMLOCK, AS, LOCKS,
# SIGPENDING and MSGQUEUE unlimited, NSOCK with this hard limit, OPENFD,
# the IPC ones, POSIXMQ and AIO unlimited.
rows() # NPROC NOFILE NSOCK
{
	echo "$(row RSS N/A N/A inf)$nl$(row NPROC N/A N/A "$1")$nl$(row \
		NOFILE N/A N/A "$2")$nl$(row MEMLOCK N/A N/A inf)$nl$(row \
		AS N/A N/A inf)$nl$(row LOCKS N/A N/A inf)$nl$(row \
		SIGPENDING N/A N/A inf)$nl$(row \
		MSGQUEUE N/A N/A inf)$nl$(row NSOCK N/A N/A "$3")$nl$(row \
		OPENFD N/A N/A inf)$nl$(row \
		SHMEM N/A N/A inf)$nl$(row SEMARY N/A N/A inf)$nl$(row \
		NSEMS N/A N/A inf)$nl$(row POSIXMQ N/A N/A inf)$nl$(row \
		AIO N/A N/A inf)"
}

# "<current> <max> <soft>/<hard> <hits>" of a row of /proc/virtual/X/limit.
limit_row() # XID NAME
{
	awk -v name="$2:" '$1 == name { split($3, mm, "/");
		print $2, mm[2], $4, $5 }' "/proc/virtual/$1/limit"
}

# The soft/hard column of a row.
soft_hard() # XID NAME
{
	awk -v name="$2:" '$1 == name { print $4 }' "/proc/virtual/$1/limit"
}

# 1. A context of no task (persistent), set and read from the host.
vcontext --create --xid 1950 --silent --flag persistent -- true
check "without options: the limits of the context, none set" 0 \
	"$(rows inf inf inf)" "" vlimit -c 1950
# The rows of the ABI: the { ID, "NAME" } lines of VLIMIT_ROWS_INIT in
# the kernel's uapi <linux/vserver/limit.h>, which the VM has here.
abi_rows=$(sed -n 's/^[[:space:]]*{ [A-Z_]*,[[:space:]]*"\([A-Z]*\)" },.*/\1:/p' \
	/tests/tools/vserver-limit.h)
same "the uapi header lists 18 rows" 18 "$(echo "$abi_rows" | grep -c :)"
check "/proc/virtual/<xid>/limit has the ABI's rows" 0 "$abi_rows" "" \
	awk 'NR > 1 { print $1 }' /proc/virtual/1950/limit
check "set three hard limits (-H is the default)" 0 "" "" \
	vlimit --xid 1950 --nproc 10 --nofile 1K -H --nsock 0x20
check "-a -d lists them in decimal" 0 "$(rows 10 1024 32)" "" \
	vlimit -c 1950 -a -d
check "the default listing is in hex" 0 "$(rows 0xa 0x400 0x20)" "" \
	vlimit -c 1950
check "-n lists ids: 5-12, 16-17, 19-21, 24-25 on x86" 0 \
	"$(row 5 N/A N/A inf)$nl$(row 6 N/A N/A 10)$nl$(row 7 N/A N/A 1024)$nl$(row 8 N/A N/A inf)$nl$(row 9 N/A N/A inf)$nl$(row 10 N/A N/A inf)$nl$(row 11 N/A N/A inf)$nl$(row 12 N/A N/A inf)$nl$(row 16 N/A N/A 32)$nl$(row 17 N/A N/A inf)$nl$(row 19 N/A N/A inf)$nl$(row 20 N/A N/A inf)$nl$(row 21 N/A N/A inf)$nl$(row 24 N/A N/A inf)$nl$(row 25 N/A N/A inf)" \
	"" vlimit -c 1950 -n -d
same "/proc: PROC soft/hard" "-1/10" "$(soft_hard 1950 PROC)"
same "/proc: FILES soft/hard" "-1/1024" "$(soft_hard 1950 FILES)"
same "/proc: SOCK soft/hard" "-1/32" "$(soft_hard 1950 SOCK)"
check "a limit by number, and inf" 0 "$(rows 0x64 inf 0x20)" "" \
	vlimit -c 1950 --6 100 --nofile inf -a
check "--opt=value and the k suffix" 0 "$(rows 2000 inf 32)" "" \
	vlimit -c 1950 --nproc=2k -a -d
same "/proc: PROC is 2000" "-1/2000" "$(soft_hard 1950 PROC)"

# 2. What the kernel does not support: nothing is changed.
check "a soft limit is refused, nothing set" 255 "" \
	"vlimit: the soft limit of 'nproc' is not supported by this kernel" \
	vlimit -c 1950 --nofile 7 -S --nproc 5
check "a minimum is refused" 255 "" \
	"vlimit: the minimum of 'nsock' is not supported by this kernel" \
	vlimit -c 1950 -M --nsock 5
check "-SH is refused too" 255 "" \
	"vlimit: the soft limit of 'nofile' is not supported by this kernel" \
	vlimit -c 1950 -SH --nofile 5
check "a limit the kernel lacks" 255 "" \
	"vlimit: limit 'anon' is not supported by this kernel" \
	vlimit -c 1950 --anon 1000
check "rss of a context without a memory cgroup of its own" 255 "" \
	"vlimit: cannot set limit 'rss' of context 1950: Device or resource busy" \
	vlimit -c 1950 --rss 1000
check "... unlimited rss needs none" 0 "" "" vlimit -c 1950 --rss inf
check "a limit without a name" 255 "" \
	"vlimit: limit '13' is not supported by this kernel" \
	vlimit -c 1950 --13 1
check "... and nothing changed" 0 "$(rows 2000 inf 32)" "" vlimit -c 1950 -d
same "/proc: FILES unchanged" "-1/-1" "$(soft_hard 1950 FILES)"

# 3. --dir, as vserver start runs it on /etc/vservers/<name>/rlimits.
dir=$tmp/rlimits
mkdir "$dir"
echo 20 > "$dir/nproc"
echo 2k > "$dir/nofile.hard"
echo ' 16 ' > "$dir/nsock"
echo 8 > "$dir/nsock.hard"
echo 100 > "$dir/anon"
echo 5 > "$dir/nproc.soft"
echo 1 > "$dir/README"
check "--dir: supported files set, the others warned about" 0 "" \
"vlimit: ignoring '$dir/nproc.soft': the soft limit of 'nproc' is not supported by this kernel
vlimit: ignoring '$dir/anon': limit 'anon' is not supported by this kernel" \
	vlimit -c 1950 --dir "$dir"
check "... a plain file sets the hard limit, .hard wins over it" 0 \
	"$(rows 20 2000 8)" "" vlimit -c 1950 -d
same "... and leaves the soft limit alone" "-1/20" "$(soft_hard 1950 PROC)"
check "the command line wins over --dir" 0 "$(rows 30 2000 8)" \
"vlimit: ignoring '$dir/anon': limit 'anon' is not supported by this kernel" \
	vlimit -c 1950 --dir "$dir" --nproc 30 -a -d
echo 1x > "$dir/nofile.hard"
check "a bad file: nothing is set" 255 "" \
	"vlimit: invalid value '1x' in '$dir/nofile.hard'" \
	vlimit -c 1950 --dir "$dir" --nproc 40
same "... nproc is still 30" "-1/30" "$(soft_hard 1950 PROC)"
check "--missingok without the directory" 0 "" "" \
	vlimit -c 1950 --dir "$tmp/none" --missingok

# 4. Errors.
check "a context that does not exist: set" 255 "" \
	"vlimit: cannot set limit 'nproc' of context 1959: No such process" \
	vlimit -c 1959 --nproc 5
check "a context that does not exist: list" 255 "" \
	"vlimit: cannot read limit 'rss' of context 1959: No such process" \
	vlimit -c 1959
check "the host context has no limits" 255 "" \
	"vlimit: cannot read limit 'rss' of context 0: No such process" \
	vlimit -c 0 -a
check "the host is no guest: self needs --xid" 255 "" \
"vlimit: the caller is in no guest context: give --xid <xid>
Try 'vlimit --help' for more information." \
	vlimit --nproc 5
check "a bad value" 255 "" \
"vlimit: invalid value '5 ' for --nproc
Try 'vlimit --help' for more information." \
	vlimit -c 1950 --nproc '5 '
kill_ctx 1950

# 5. The chain that builds a guest: vlimit on its own context (self).
echo 2k > "$dir/nofile.hard"
rm "$dir/nproc.soft"
check "in the chain: set, list (-a), then run the command" 0 \
	"$(rows 3 100 inf)${nl}VxID:	1951" "" \
	vcontext --create --xid 1951 --silent -- \
	vlimit --nproc 3 --nofile 100 -a -d -- \
	grep '^VxID:' /proc/self/status
check "in the chain with --dir: a warning, then the command" 0 \
	"$(rows 20 2000 8)" \
"vlimit: ignoring '$dir/anon': limit 'anon' is not supported by this kernel" \
	vcontext --create --xid 1954 --silent -- \
	vlimit --dir "$dir" --missingok -- vlimit -d
check "the guest lists its own limits after the setup" 0 \
	"$(rows 50 inf inf)" "" \
	vcontext --create --xid 1952 --silent -- vlimit --nproc 50 -- \
	vcontext --migrate-self --endsetup -- vlimit -d
check "... and cannot change them any more" 255 "" \
	"vlimit: cannot set limit 'nproc' of context 1955: Operation not permitted" \
	vcontext --create --xid 1955 --silent -- vlimit --nproc 50 -- \
	vcontext --migrate-self --endsetup -- vlimit --nproc 500

# 6. NPROC from inside: a limit of 3 admits the shell and two children;
# the third fork fails (EAGAIN) and counts a hit.  Only builtins besides
# the forks: an external command would need a fork of its own.
rm -f "$tmp/np.two"
vcontext --create --xid 1953 --silent -- vlimit --nproc 3 -- \
	vcontext --migrate-self --endsetup -- \
	sh -c "sleep 30 & sleep 30 & echo > $tmp/np.two; sleep 30 &" \
	> /dev/null 2> "$tmp/np.err" < /dev/null
same "the shell forked two children" yes \
	"$([ -e "$tmp/np.two" ] && echo yes)"
match "... not a third: the shell says why" \
	"fork.*(Resource temporarily unavailable|Try again)" \
	"$(cat "$tmp/np.err")"
same "/proc: PROC 2 tasks left, at most 3, hard 3, 1 hit" "2 3 -1/3 1" \
	"$(limit_row 1953 PROC)"
check "vlimit sees the limit from the host" 0 "$(rows 3 inf inf)" "" \
	vlimit -c 1953 -d
check "the host raises it to 4" 0 "" "" vlimit -c 1953 --nproc 4
check "a task that enters may fork once more" 0 "forked" "" \
	vcontext --migrate --xid 1953 -- \
	sh -c 'sleep 30 > /dev/null 2>&1 & echo forked'
same "/proc: PROC 3 tasks, at most 4, 1 hit" "3 4 -1/4 1" \
	"$(limit_row 1953 PROC)"
vcontext --migrate --xid 1953 -- sh -c 'sleep 30 & echo forked' \
	> /dev/null 2> "$tmp/np.err" < /dev/null
match "... but not beyond 4 tasks" "fork" "$(cat "$tmp/np.err")"
same "/proc: still 3 tasks, 2 hits" "3 4 -1/4 2" "$(limit_row 1953 PROC)"
kill_ctx 1953
