#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vserver-info on the vserver kernel (the dietlibc build): util's own tool
# tests, whose kernel-dependent expectations switch on /proc/virtual.
VSERVER_BIN=/usr/sbin VSERVER_VERSION=$(cat /tests/tools/util-version) \
	exec sh /tests/tools/vserver-info.sh
