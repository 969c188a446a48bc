#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# util/tests/hygiene.sh on the vserver kernel, where vlimit, vsched and
# vuname --dir get as far as reading their files (on the build host they
# stop at the kernel check), and /proc/virtual is compared too.
VSERVER_BIN=/usr/sbin VSERVER_VERSION=$(cat /tests/tools/util-version) \
	exec sh "$(dirname "$0")/hygiene.sh"
