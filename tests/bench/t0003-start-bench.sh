#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the start latency benchmark runs (tiny counts); `make bench` measures.
exec /tests/bench/start_bench --check
