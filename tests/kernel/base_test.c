// SPDX-License-Identifier: GPL-2.0
/*
 * vserver selftests - The syscall itself: version, config word, dispatch
 * and /proc/virtual/info
 */

#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"

/*
 * The configuration word of this kernel.  It changes only when a feature
 * lands, and then this test is updated on purpose.
 */
#define VS_TEST_VCI 0x14001c00u	/* SPACES, NETV2, MEMCG, TAGGED INTERN, PPTAG */

TEST(command_word_encoding)
{
	const uint32_t c = VC_CMD(FLAGS, 10, 0x123);

	EXPECT_EQ(0x340A0123u, c);
	EXPECT_EQ(VC_CAT_FLAGS, VC_CATEGORY(c));
	EXPECT_EQ(10, VC_COMMAND(c));
	EXPECT_EQ(0x123, VC_VERSION(c));
	EXPECT_EQ(0x00000000u, VCMD_get_version);
	EXPECT_EQ(0x00010000u, VCMD_get_vci);
}

TEST(get_version)
{
	ASSERT_EQ(VS_TEST_VERSION, vserver(VCMD_get_version, 0, NULL));
	/* id and data are ignored. */
	ASSERT_EQ(VS_TEST_VERSION,
		  vserver(VCMD_get_version, 12345, (void *)0x1234));
}

TEST(get_vci)
{
	ASSERT_EQ(VS_TEST_VCI, vserver(VCMD_get_vci, 0, NULL));
}

TEST(unknown_commands_are_enosys)
{
	static const uint32_t unknown[] = {
		VC_CMD(VERSION, 0, 1),	/* get_version, other version */
		VC_CMD(VERSION, 2, 0),	/* no such number */
		VC_CMD(COMPAT, 0xFF, 0xFFF),
		VC_CMD(RLIMIT, 0xFE, 0),
		0xFFFFFFFFu,		/* bits 31..30 and 15..12 set */
		0x00001000u,		/* get_version with bit 12 set */
		0xC0000000u,		/* get_version with bits 31..30 set */
	};
	size_t i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		errno = 0;
		EXPECT_EQ(-1, vserver(unknown[i], 0, NULL))
			TH_LOG("command 0x%08x", unknown[i]);
		EXPECT_EQ(ENOSYS, errno)
			TH_LOG("command 0x%08x", unknown[i]);
	}
}

/* Info commands need no privilege: check them as nobody. */
TEST(unprivileged_info)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		if (vserver(VCMD_get_version, 0, NULL) != VS_TEST_VERSION)
			_exit(3);
		if (vserver(VCMD_get_vci, 0, NULL) != VS_TEST_VCI)
			_exit(4);
		if (access("/proc/virtual/info", R_OK))
			_exit(5);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

TEST(proc_virtual_info)
{
	char buf[256], expect[256];
	struct stat st;

	ASSERT_EQ(0, stat("/proc/virtual", &st));
	ASSERT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(0, stat("/proc/virtual/info", &st));
	ASSERT_EQ(0444, st.st_mode & 07777);

	ASSERT_LT(0, read_file("/proc/virtual/info", buf, sizeof(buf)));
	snprintf(expect, sizeof(expect),
		 "VCIVersion:\t%04x:%04x\nVCISyscall:\t%d\nVCIKernel:\t%08x\n",
		 VS_TEST_VERSION >> 16, VS_TEST_VERSION & 0xFFFF, __NR_vserver,
		 (unsigned int)vserver(VCMD_get_vci, 0, NULL));
	ASSERT_STREQ(expect, buf);
	/* And literally, as util-vserver parses it. */
	ASSERT_EQ(0, strncmp(buf, "VCIVersion:\t0002:0309\nVCISyscall:\t236\n",
			     strlen("VCIVersion:\t0002:0309\nVCISyscall:\t236\n")));
}

TEST(proc_virtual_info_is_read_only)
{
	int fd = open("/proc/virtual/info", O_WRONLY);

	/* Root may open it (DAC override), but nothing can be written. */
	if (fd >= 0) {
		EXPECT_EQ(-1, write(fd, "x", 1));
		close(fd);
	}
	EXPECT_EQ(VS_TEST_VERSION, vserver(VCMD_get_version, 0, NULL));
}

TEST_HARNESS_MAIN
