# SPDX-License-Identifier: GPL-2.0
#
# vserver: a modern Linux-VServer for Linux 6.12.
#
#   make            kernel, tools, test programs, VM initramfs
#   make check      lint, host tests, then every kernel test in a QEMU VM
#   make fuzz       the libFuzzer target of util/'s parsers, FUZZ_SECONDS
#                   (default 300; make check runs it 20 s)
#   make demo       boot the VM and show vserver at work
#   make shell      an interactive shell in the VM (Ctrl-A X quits QEMU)
#   make bench      the benchmarks in the VM, as ratios
#   make patch      build/patch-6.12.N-vsX.Y.Z.diff for distribution kernels
#   make series-check  every prefix of the series applies; the tree builds
#                   with CONFIG_IPV6=n, CONFIG_VSERVER=n and CONFIG_NET=n
#   make distro-check  the packager's build: Debian's own config with the
#                   series, the modules that reach it, the VM suite on it
#                   (hours; not part of make check)
#   make install    the tools, library and man pages (DESTDIR, PREFIX)
#   make clean      remove build products (keeps the extracted kernel source)
#   make distclean  remove build/ entirely
#
# DEBUG=1 uses the debug kernel (KASAN, lockdep, UBSAN) for check, demo
# and shell.

SHELL := /bin/bash
TOP := $(CURDIR)
B := $(TOP)/build
PREFIX ?= /usr/local
DESTDIR ?=

ifeq ($(DEBUG),1)
KOBJ := $(B)/obj-debug
KFLAVOUR := --debug
else
KOBJ := $(B)/obj
KFLAVOUR :=
endif
BZIMAGE := $(KOBJ)/arch/x86/boot/bzImage
INITRAMFS := $(B)/vm/initramfs.cpio
QEMU_RUN := $(TOP)/scripts/qemu-run --kernel $(BZIMAGE) --initrd $(INITRAMFS)

TEST_SRCS := $(wildcard tests/kernel/*_test.c) $(wildcard tests/attack/*_test.c) $(wildcard tests/bench/*_bench.c)
# The vserver(2) fuzzer and lifecycle stress (make fuzz; briefly in make check).
TEST_SRCS += tests/fuzz/vsfuzz.c
# The terminal attacks' helper of tests/tools (t0040, t0041).
TEST_SRCS += tests/tools/ttyhelper.c
TEST_BINS := $(patsubst tests/%.c,$(B)/tests/%,$(TEST_SRCS))
TEST_CFLAGS := -std=gnu11 -O2 -Wall -Werror -static \
	-I$(TOP)/tests/kernel -I$(B)/src/tools/testing/selftests \
	-I$(KOBJ)/usr/include

.PHONY: all deps kernel util tests initramfs check fuzz demo shell bench \
	patch series-check distro-check install clean distclean

all: initramfs

deps:
	@scripts/deps

kernel: deps
	@scripts/build-kernel $(KFLAVOUR)

util: deps
	@$(MAKE) -s -C util O=$(B)/util
	@$(MAKE) -s -C util O=$(B)/util-diet STATIC=diet all tests

# The test programs need the work tree (kselftest_harness.h) and the
# installed uapi headers, so they come after the kernel.
tests: kernel
	@$(MAKE) -s $(TEST_BINS)

$(B)/tests/%: tests/%.c $(wildcard tests/*/*.h) $(KOBJ)/usr/include/linux/vserver/switch.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $<

UTIL_VERSION := $(shell sed -n 's/^VERSION :\?= *//p' util/Makefile)

# The VM gets the dietlibc build of the tools, and util's own tests of
# them (libvserver's unit tests, the tool tests) run there on the vserver
# kernel.
initramfs: kernel util tests $(B)/vm/xfs.img.gz $(B)/vm/ext4-reserve.img.gz
	@mkdir -p $(B)/vm
	@echo $(UTIL_VERSION) >$(B)/vm/util-version
	@rm -rf $(B)/vm/root
	@$(MAKE) -s -C util O=$(B)/util-diet STATIC=diet install \
		DESTDIR=$(B)/vm/root PREFIX=/usr >/dev/null
	@scripts/build-initramfs --base $(INITRAMFS) \
		$(B)/vm/root/usr/sbin:/usr/sbin \
		tests/vm/run-tests:/tests/run-tests \
		$(B)/tests/kernel:/tests/kernel \
		tests/kernel/t0001-kunit.sh:/tests/kernel/t0001-kunit.sh \
		$(B)/tests/attack:/tests/attack \
		$(B)/tests/bench:/tests/bench \
		tests/bench/run.sh:/tests/bench/run.sh \
		tests/bench/t0001-ctx-bench.sh:/tests/bench/t0001-ctx-bench.sh \
		tests/bench/t0002-net-bench.sh:/tests/bench/t0002-net-bench.sh \
		tests/bench/t0003-start-bench.sh:/tests/bench/t0003-start-bench.sh \
		tests/bench/t0004-density-bench.sh:/tests/bench/t0004-density-bench.sh \
		tests/bench/t0005-growth-bench.sh:/tests/bench/t0005-growth-bench.sh \
		$(B)/tests/fuzz/vsfuzz:/tests/fuzz/vsfuzz \
		tests/fuzz/t0001-fuzz.sh:/tests/fuzz/t0001-fuzz.sh \
		tests/fuzz/t0002-hygiene.sh:/tests/fuzz/t0002-hygiene.sh \
		util/tests/hygiene.sh:/tests/fuzz/hygiene.sh \
		util/tests/toollib.sh:/tests/fuzz/toollib.sh \
		$(B)/util-diet/tests/lib_test:/tests/tools/lib_test \
		util/tests/vserver-info.sh:/tests/tools/vserver-info.sh \
		util/tests/toollib.sh:/tests/tools/toollib.sh \
		$(B)/vm/util-version:/tests/tools/util-version \
		tests/tools:/tests/tools \
		$(KOBJ)/usr/include/linux/vserver/limit.h:/tests/tools/vserver-limit.h \
		$(B)/tests/tools/ttyhelper:/tests/tools/ttyhelper \
		$(B)/vm/xfs.img.gz:/tests/tools/xfs.img.gz \
		$(B)/vm/ext4-reserve.img.gz:/tests/tools/ext4-reserve.img.gz
	@echo "initramfs: $(INITRAMFS)"

# An empty XFS file system (64 MiB, gzipped: 70 KiB) for the disk limit
# tests on XFS (tests/tools/t0051-xfs.sh loop-mounts it with prjquota),
# made without root.  mkfs.xfs refuses file systems under 300 MiB unless
# run as fstests runs it (TEST_DIR, TEST_DEV, QA_CHECK_FS set).
$(B)/vm/xfs.img.gz:
	@mkdir -p $(B)/vm
	@PATH=$$PATH:/sbin:/usr/sbin; command -v mkfs.xfs >/dev/null || \
		scripts/deps xfsprogs
	@rm -f $@.img && truncate -s 64M $@.img
	@PATH=$$PATH:/sbin:/usr/sbin TEST_DIR=1 TEST_DEV=1 QA_CHECK_FS=1 \
		mkfs.xfs -q -f -L vsxfs $@.img
	@gzip -9 -n -c $@.img >$@.tmp && mv -f $@.tmp $@ && rm -f $@.img

# A 16 MiB ext4 file system with half of it reserved for root, for the
# test of the root reserve (tests/tools/t0053-reserve.sh).
$(B)/vm/ext4-reserve.img.gz:
	@mkdir -p $(B)/vm
	@rm -f $@.img
	@PATH=$$PATH:/sbin:/usr/sbin mkfs.ext4 -q -F -b 1024 -m 50 -L vsreserve \
		$@.img 16M >/dev/null
	@gzip -9 -n -c $@.img >$@.tmp && mv -f $@.tmp $@ && rm -f $@.img

# scripts/check --make builds what `all` does, fetching the Debian
# guests' archives meanwhile, then runs the VM beside the other steps.
check:
	@scripts/check --make $(if $(filter 1,$(DEBUG)),--debug)

# The same build and corpus as the check step's (build/util-fuzz);
# FUZZ_SECONDS=<n> reaches util/Makefile (default 300).  Then vsfuzz,
# the vserver(2) fuzzer, as long under the debug kernel (KASAN, lockdep,
# UBSAN, kmemleak=on) with the lifecycle stress and kmemleak scans after
# it (tests/fuzz/run-vm); FUZZ_SEED=<s> replays a seed, VSFUZZ_ARGS=
# adds options of vsfuzz.
FUZZ_SECONDS ?= 300
fuzz: initramfs
	@$(MAKE) -s --no-print-directory -C util O=$(B)/util-fuzz fuzz
	@scripts/build-kernel --debug
	@VSFUZZ_ARGS="$(VSFUZZ_ARGS)" tests/fuzz/run-vm \
		$(B)/obj-debug/arch/x86/boot/bzImage $(INITRAMFS) \
		$(B)/tests/fuzz/vsfuzz $(FUZZ_SECONDS) $(FUZZ_SEED)

demo: all
	@$(QEMU_RUN) --run tests/vm/demo.sh

shell: all
	@$(QEMU_RUN) --interactive

# Benchmarks (tests/bench/README): the whole suite in one boot of the
# vserver kernel, then ctx_bench's host side alone in boots of the
# unpatched kernel (build/obj-vanilla, built here only) alternating with
# the vserver kernel, for the ratio vserver/unpatched; tests/bench/report
# prints the table and writes build/bench/results.json.  util-linux's
# unshare (and its libc) goes into the VM for the start-latency figure.
VANILLA := $(B)/obj-vanilla/arch/x86/boot/bzImage
BENCH_ADD := $(foreach f,/usr/bin/unshare:/opt/util-linux/unshare \
	/lib/x86_64-linux-gnu/libc.so.6 /lib64/ld-linux-x86-64.so.2,\
	$(if $(wildcard $(firstword $(subst :, ,$(f)))),--add $(if $(findstring :,$(f)),$(f),$(f):$(f))))
# BENCH_CLOCK=icount (the default): the VM's clock is its instruction
# count (qemu-run --icount), so figures are path lengths, repeatable to
# a tenth of a percent whatever the machine's load; BENCH_CLOCK=wall
# measures wall-clock time, for throughput where emulation matters.
BENCH_CLOCK ?= icount
BENCH_RUN := $(QEMU_RUN) --mem 2G $(if $(filter icount,$(BENCH_CLOCK)),--icount) \
	--run tests/bench/run.sh
bench: all
	@scripts/build-kernel --unpatched
	@mkdir -p $(B)/bench
	@set -o pipefail; for boot in vserver vanilla vserver-host vanilla2; do \
		case $$boot in \
		vserver) k=$(BZIMAGE); a=; t=3600 ;; \
		vserver-host) k=$(BZIMAGE); a=vs.bench=host-only; t=900 ;; \
		vanilla*) k=$(VANILLA); a=vs.bench=host-only; t=900 ;; \
		esac; \
		echo "== bench: boot $$boot ($$k $$a)"; \
		$(BENCH_RUN) $(BENCH_ADD) --kernel $$k --append "$$a" --timeout $$t \
			--log $(B)/bench/console-$$boot.log | tee $(B)/bench/$$boot.log || exit 1; \
	done
	@tests/bench/report $(B)/bench/results.json vserver:$(B)/bench/vserver.log \
		vserver-host:$(B)/bench/vserver-host.log vanilla:$(B)/bench/vanilla.log \
		vanilla:$(B)/bench/vanilla2.log | tee $(B)/bench/report.txt

patch: deps
	@scripts/mkpatch

series-check: deps
	@scripts/series-check

# Needs the VM's archive (make) for its last step.
distro-check: initramfs
	@scripts/distro-check

install: util
	@$(MAKE) -s -C util O=$(B)/util install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

clean:
	rm -rf $(B)/obj $(B)/obj-debug $(B)/obj-vanilla $(B)/util $(B)/util-diet \
		$(B)/util-fuzz $(B)/tests $(B)/vm $(B)/check $(B)/host \
		$(B)/patch-*.diff

distclean:
	rm -rf $(B)
