#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the cost growth benchmark runs (tiny counts); `make bench` measures.
exec /tests/bench/growth_bench --check
