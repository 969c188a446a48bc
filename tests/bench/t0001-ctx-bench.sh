#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the benchmark runs (tiny counts); `make bench` measures.
exec /tests/bench/ctx_bench --check
