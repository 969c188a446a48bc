# SPDX-License-Identifier: GPL-2.0-or-later
#
# toollib.sh - what the host tests of the tools share; sourced after
# setting tool=<name>.  Prints TAP; exit status, standard output and
# standard error are compared exactly.
#
# Environment: VSERVER_BIN, the directory holding the tools, and
# VSERVER_VERSION, the tools' version.  Checks of the "no vserver
# support" path are skipped on a kernel with /proc/virtual.

set -u
bin=${VSERVER_BIN:?}/$tool
version=${VSERVER_VERSION:?}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

nl='
'
no_vserver="$tool: this kernel has no vserver support"
try_help="Try '$tool --help' for more information."
vserver_kernel=false
[ -e /proc/virtual ] && vserver_kernel=true

result()
{
	n=$((n + 1))
	if [ "$1" = pass ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

skip()
{
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# The expected text of a stream: nothing, or the lines given.
expect()
{
	[ -z "$1" ] || printf '%s\n' "$1"
}

diag_stream()
{
	cmp -s "$tmp/$1.want" "$tmp/$1" && return
	echo "#   $1:"
	diff -u "$tmp/$1.want" "$tmp/$1" | sed 's/^/#     /'
}

# check DESC STATUS STDOUT STDERR [ARG...]
check()
{
	desc=$1 want=$2
	expect "$3" > "$tmp/out.want"
	expect "$4" > "$tmp/err.want"
	shift 4
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
	got=$?
	if [ "$got" = "$want" ] && cmp -s "$tmp/out.want" "$tmp/out" &&
	   cmp -s "$tmp/err.want" "$tmp/err"; then
		result pass "$desc"
		return
	fi
	result fail "$desc"
	echo "#   exit status: got $got, want $want"
	diag_stream out
	diag_stream err
}

# check_no_vserver DESC STATUS STDOUT STDERR [ARG...]
check_no_vserver()
{
	if $vserver_kernel; then
		skip "$1" "kernel has vserver support"
	else
		check "$@"
	fi
}

# check_usage DESC STATUS MESSAGE [ARG...]: a usage error and the hint.
check_usage()
{
	desc=$1 st=$2 msg=$3
	shift 3
	check "$desc" "$st" "" "$tool: $msg$nl$try_help" "$@"
}

# The usage: exit 0, nothing on stderr, on stdout "Usage:" first, the
# man page last, and the lines given (as fixed strings) somewhere.
check_help()
{
	opt=$1
	shift
	"$bin" "$opt" > "$tmp/out" 2> "$tmp/err"
	got=$?
	first=$(sed -n 1p "$tmp/out")
	last=$(sed -n '$p' "$tmp/out")
	fine=true
	for line in "$@"; do
		grep -qF -- "$line" "$tmp/out" || fine=false
	done
	if [ "$got" = 0 ] && [ ! -s "$tmp/err" ] && [ "$first" = "Usage:" ] &&
	   [ "$last" = "See $tool(8)." ] && $fine; then
		result pass "$opt prints the usage"
	else
		result fail "$opt prints the usage"
		echo "#   exit status $got, first line '$first', last '$last'"
	fi
}

# --version: the tool's and the kernel's version.
check_version()
{
	if $vserver_kernel; then
		api="kernel vserver API: 0002:0309 (2.3.9)"
	else
		api="kernel vserver API: none (this kernel has no vserver support)"
	fi
	check "$1 prints both versions" 0 "$tool (vserver) $version$nl$api" "" \
		"$1"
}

# Output that cannot be written is an error.
check_write_error()
{
	"$bin" --help > /dev/full 2> "$tmp/err"
	got=$?
	case $got:$(cat "$tmp/err") in
	"1:$tool: write error: "?*) result pass "write error on stdout" ;;
	*) result fail "write error on stdout"
	   echo "#   exit status $got, stderr '$(cat "$tmp/err")'" ;;
	esac
}

done_testing()
{
	echo "1..$n"
}
