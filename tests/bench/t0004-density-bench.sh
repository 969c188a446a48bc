#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# make check: the density benchmark runs (tiny counts); `make bench` measures.
exec /tests/bench/density_bench --check
