// SPDX-License-Identifier: GPL-2.0
// /dev/cos against the real module, in the guest: COS_IOC_INFO reports the truth, and every
// malformed request fails with the documented error and changes nothing.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "module/uapi/cos.h"

namespace {

class Device : public ::testing::Test {
protected:
	void SetUp() override
	{
		fd = open("/dev/cos", O_RDWR | O_CLOEXEC);
		ASSERT_GE(fd, 0) << "open /dev/cos: " << std::strerror(errno);
	}
	void TearDown() override
	{
		if (fd >= 0)
			close(fd);
	}

	int info(cos_info *out) const { return ioctl(fd, COS_IOC_INFO, out) == 0 ? 0 : errno; }

	int fd = -1;
};

// The flags the kernel shows in /proc/cpuinfo for the first CPU.
std::set<std::string> cpuinfo_flags()
{
	std::ifstream in("/proc/cpuinfo");
	std::string line;
	while (std::getline(in, line)) {
		if (line.rfind("flags", 0) != 0)
			continue;
		std::istringstream words(line.substr(line.find(':') + 1));
		std::set<std::string> flags;
		std::string w;
		while (words >> w)
			flags.insert(w);
		return flags;
	}
	return {};
}

} // namespace

TEST_F(Device, InfoReportsTheAbiVersion)
{
	cos_info in{};
	ASSERT_EQ(info(&in), 0);
	EXPECT_EQ(in.abi_version, static_cast<__u32>(COS_ABI_VERSION));
	EXPECT_TRUE(in.features & COS_FEATURE_TESTING) << "the test guest runs the test build";
	EXPECT_NE(std::strlen(in.kernel_release), 0u);
	EXPECT_EQ(in.pages_in_use, 0u) << "no component runs, so the module owns no page";
}

TEST_F(Device, InfoAgreesWithTheKernelsCpuFlags)
{
	cos_info in{};
	ASSERT_EQ(info(&in), 0);
	auto flags = cpuinfo_flags();
	ASSERT_FALSE(flags.empty());
	EXPECT_EQ(bool(in.features & COS_FEATURE_PTI), flags.count("pti") == 1);
	EXPECT_EQ(in.paging_levels, flags.count("la57") ? 5u : 4u);
	EXPECT_EQ(bool(in.features & COS_FEATURE_SMEP), flags.count("smep") == 1);
	EXPECT_EQ(bool(in.features & COS_FEATURE_SMAP), flags.count("smap") == 1);
	EXPECT_EQ(bool(in.features & COS_FEATURE_PKU), flags.count("pku") == 1);
	EXPECT_EQ(bool(in.features & COS_FEATURE_NX), flags.count("nx") == 1);
}

TEST_F(Device, InfoMatchesTheGuestCpuModel)
{
	const char *model = std::getenv("COS_VM_CPU");
	if (!model)
		GTEST_SKIP() << "not run by scripts/vm";
	cos_info in{};
	ASSERT_EQ(info(&in), 0);
	if (std::string(model) == "pti") {
		EXPECT_TRUE(in.features & COS_FEATURE_PTI);
		EXPECT_EQ(in.paging_levels, 4u);
	} else {
		EXPECT_FALSE(in.features & COS_FEATURE_PTI);
		EXPECT_EQ(in.paging_levels, 5u);
		EXPECT_TRUE(in.features & COS_FEATURE_PKU);
	}
	EXPECT_TRUE(in.features & COS_FEATURE_SMEP);
	EXPECT_TRUE(in.features & COS_FEATURE_SMAP);
}

TEST_F(Device, InfoRejectsUnknownRequestFlags)
{
	for (unsigned bit = 0; bit < 32; bit++) {
		cos_info in{};
		in.request_flags = 1U << bit;
		EXPECT_EQ(info(&in), EINVAL) << "bit " << bit;
		EXPECT_EQ(in.abi_version, 0u) << "a refused request must not be answered";
	}
}

TEST_F(Device, InfoRejectsNonZeroReservedFields)
{
	for (unsigned i = 0; i < sizeof(cos_info::reserved) / sizeof(cos_info::reserved[0]); i++) {
		cos_info in{};
		in.reserved[i] = 1;
		EXPECT_EQ(info(&in), EINVAL) << "reserved[" << i << "]";
	}
}

TEST_F(Device, InfoFaultsOnABadPointer)
{
	EXPECT_EQ(ioctl(fd, COS_IOC_INFO, nullptr), -1);
	EXPECT_EQ(errno, EFAULT);
	// A read-only page: the module can read the request but not answer it.
	void *page = mmap(nullptr, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(page, MAP_FAILED);
	EXPECT_EQ(ioctl(fd, COS_IOC_INFO, page), -1);
	EXPECT_EQ(errno, EFAULT);
	munmap(page, 4096);
}

TEST_F(Device, UnknownIoctlsAreNotTheDevices)
{
	cos_info in{};
	EXPECT_EQ(ioctl(fd, _IOWR(COS_IOC_TYPE, 0x7f, cos_info), &in), -1);
	EXPECT_EQ(errno, ENOTTY);
	// The right number with the wrong size is another ioctl.
	EXPECT_EQ(ioctl(fd, _IOWR(COS_IOC_TYPE, 0x01, __u64), &in), -1);
	EXPECT_EQ(errno, ENOTTY);
	EXPECT_EQ(ioctl(fd, _IO('T', 0x01), 0), -1);
	EXPECT_EQ(errno, ENOTTY);
}

TEST_F(Device, ReadAndWriteAreRefused)
{
	char buf[8] = {};
	EXPECT_EQ(read(fd, buf, sizeof(buf)), -1);
	EXPECT_EQ(write(fd, buf, sizeof(buf)), -1);
}
