#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# What `make check` runs in the VM: every test program, as TAP.
/tests/run-tests
