#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the network benchmark runs (tiny counts); `make bench` measures.
exec /tests/bench/net_bench --check
