#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: the benchmarks, in the VM (tests/bench/README).
#
# The boot's kernel command line chooses what runs:
#   vs.bench=all        (default) every benchmark on the vserver kernel
#   vs.bench=host-only  ctx_bench's host side alone: the unpatched kernel,
#                       and a second vserver boot for the ratio a/c
# vs.bench.rounds=N changes the number of rounds (default 5).
# Result lines ("@ ...") are collected by tests/bench/report on the host.
B=${BENCH_DIR:-/tests/bench}
mode=all
rounds=5
for a in $(cat /proc/cmdline); do
	case "$a" in
	vs.bench=*) mode=${a#vs.bench=} ;;
	vs.bench.rounds=*) rounds=${a#vs.bench.rounds=} ;;
	esac
done
ip link set lo up
ip link set dummy0 up 2>/dev/null
echo "== kernel $(uname -r), $(nproc) CPUs, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB, bench mode $mode"
status=0
if [ "$mode" = host-only ]; then
	echo "== ctx_bench --host-only: syscall costs in the host context"
	"$B"/ctx_bench --host-only --rounds "$rounds" || status=1
	exit $status
fi
echo "== ctx_bench: syscall costs, host context vs limited guest (1)"
"$B"/ctx_bench --rounds "$rounds" || status=1
echo "== net_bench: TCP between two guests, two host processes, two netns over veth (2)"
"$B"/net_bench --rounds "$rounds" || status=1
echo "== start_bench: start latency, vserver vs unshare, and vserver NAME start (3)"
"$B"/start_bench --rounds 3 --count 200 --starts 10 || status=1
echo "== density_bench: kernel memory per container, N = 100, 1000, 10000 (4)"
"$B"/density_bench --counts 100,1000,10000 || status=1
echo "== growth_bench: costs with 1, 10, 100, 1000 guests running (5)"
"$B"/growth_bench --guests 1,10,100,1000 --rounds 3 || status=1
exit $status
