#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make bench`: the benchmarks, in the VM.
echo "== ctx_bench: host context vs guest context on the vserver kernel"
/tests/bench/ctx_bench "$@"
echo "== net_bench: TCP between two guests vs between two host processes"
/tests/bench/net_bench "$@"
