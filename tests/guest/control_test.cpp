// SPDX-License-Identifier: GPL-2.0
// Reshaping and inspecting a system through the module's ioctls, in the guest, on a system built
// by hand (two components that never run): merges and splits do what they say, every malformed
// request fails with the documented error and changes nothing, and attaching works as documented.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "module/uapi/cos.h"

namespace {

int call(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) == 0 ? 0 : errno;
}

int open_device()
{
	return open("/dev/cos", O_RDWR | O_CLOEXEC);
}

// Components a (slot 1) and b (slot 2), each in a domain of its own; no memory, never run.
class Control : public ::testing::Test {
protected:
	void SetUp() override
	{
		fd = open_device();
		ASSERT_GE(fd, 0) << std::strerror(errno);
		a = component(1, "alpha");
		b = component(2, "beta");
	}
	void TearDown() override
	{
		if (fd >= 0)
			close(fd);
	}

	std::uint32_t component(std::uint32_t slot, const char *name)
	{
		cos_pd_create pd{};
		EXPECT_EQ(call(fd, COS_IOC_PD_CREATE, &pd), 0);
		cos_component_create c{};
		c.slot = slot;
		c.upcall_entry = COS_REGION_BASE + slot * COS_SLOT_SIZE;
		c.inv_stub = c.upcall_entry;
		c.pd = pd.id;
		std::strncpy(c.name, name, sizeof(c.name) - 1);
		EXPECT_EQ(call(fd, COS_IOC_COMPONENT_CREATE, &c), 0);
		return c.id;
	}

	int merge(std::uint32_t x, std::uint32_t y, cos_mpd_op *out = nullptr) const
	{
		cos_mpd_op op{};
		op.a = x;
		op.b = y;
		const int err = call(fd, COS_IOC_MERGE, &op);
		if (out)
			*out = op;
		return err;
	}

	int split(std::uint32_t x, cos_mpd_op *out = nullptr) const
	{
		cos_mpd_op op{};
		op.a = x;
		const int err = call(fd, COS_IOC_SPLIT, &op);
		if (out)
			*out = op;
		return err;
	}

	// The live domain of each component, by id.
	std::vector<std::uint32_t> domains(int on) const
	{
		cos_pd_list list{};
		EXPECT_EQ(call(on, COS_IOC_PDS, &list), 0);
		std::vector<std::uint32_t> pds;
		for (std::uint32_t i = 0; i < list.ncomponents; i++)
			pds.push_back(list.components[i].pd);
		return pds;
	}

	int fd = -1;
	std::uint32_t a = 0, b = 0;
};

TEST_F(Control, MergeJoinsTheDomainsAndSplitReusesOneWhenNoThreadRunsInIt)
{
	auto before = domains(fd);
	ASSERT_EQ(before.size(), 2u);
	EXPECT_NE(before[a], before[b]);

	cos_mpd_op op{};
	ASSERT_EQ(merge(a, b, &op), 0);
	auto merged = domains(fd);
	EXPECT_EQ(merged[a], merged[b]);
	EXPECT_EQ(op.pd, merged[a]);
	EXPECT_EQ(merge(b, a), EALREADY);

	ASSERT_EQ(split(b, &op), 0);
	EXPECT_EQ(op.reused, 1u) << "no thread runs in the domain: it is reused in place";
	auto apart = domains(fd);
	EXPECT_NE(apart[a], apart[b]);
	EXPECT_EQ(op.pd, apart[b]);
	EXPECT_EQ(split(b), EALREADY);

	ASSERT_EQ(merge(a, b), 0);
	cos_mpd_op fresh{};
	fresh.a = b;
	fresh.flags = COS_SPLIT_FRESH;
	ASSERT_EQ(call(fd, COS_IOC_SPLIT, &fresh), 0);
	EXPECT_EQ(fresh.reused, 0u) << "COS_SPLIT_FRESH builds new domains";

	cos_stats stats{};
	ASSERT_EQ(call(fd, COS_IOC_STATS, &stats), 0);
	EXPECT_EQ(stats.merges, 2u);
	EXPECT_EQ(stats.splits, 2u);
	EXPECT_EQ(stats.splits_reused, 1u);
	EXPECT_EQ(stats.pds, 2u);
	EXPECT_EQ(stats.stale_pds, 0u);
}

TEST_F(Control, AnImmutableBoundaryIsNeverRemoved)
{
	cos_immutable pair{};
	pair.a = a;
	pair.b = b;
	ASSERT_EQ(call(fd, COS_IOC_IMMUTABLE, &pair), 0);
	EXPECT_EQ(merge(a, b), EPERM);
	EXPECT_EQ(merge(b, a), EPERM);
	auto pds = domains(fd);
	EXPECT_NE(pds[a], pds[b]);
}

TEST_F(Control, MalformedMergesAndSplitsAreRefusedAndChangeNothing)
{
	const auto before = domains(fd);
	cos_mpd_op op{};
	op.a = a;
	op.b = b;
	op.reserved[1] = 1;
	EXPECT_EQ(call(fd, COS_IOC_MERGE, &op), EINVAL);
	op = cos_mpd_op{};
	op.a = a;
	op.b = b;
	op.flags = COS_SPLIT_FRESH;
	EXPECT_EQ(call(fd, COS_IOC_MERGE, &op), EINVAL) << "merge takes no flag";
	EXPECT_EQ(merge(a, 77), EINVAL);
	op = cos_mpd_op{};
	op.a = a;
	op.flags = 1U << 7;
	EXPECT_EQ(call(fd, COS_IOC_SPLIT, &op), EINVAL) << "an unknown flag";
	op = cos_mpd_op{};
	op.a = a;
	op.b = b;
	EXPECT_EQ(call(fd, COS_IOC_SPLIT, &op), EINVAL) << "split takes one component";
	op = cos_mpd_op{};
	op.a = a;
	op.cost_ns = 5;
	EXPECT_EQ(call(fd, COS_IOC_SPLIT, &op), EINVAL) << "an output field given in";
	EXPECT_EQ(domains(fd), before);
}

TEST_F(Control, QueriesTakeNothingButZeroes)
{
	cos_pd_list list{};
	list.ncomponents = 1;
	EXPECT_EQ(call(fd, COS_IOC_PDS, &list), EINVAL);
	cos_stats stats{};
	stats.reserved[0] = 1;
	EXPECT_EQ(call(fd, COS_IOC_STATS, &stats), EINVAL);
	cos_edge_list edges{};
	edges.count = 1;
	EXPECT_EQ(call(fd, COS_IOC_EDGES, &edges), EINVAL);
	cos_system_list systems{};
	systems.capacity = 1U << 20;
	EXPECT_EQ(call(fd, COS_IOC_SYSTEMS, &systems), EINVAL);
}

TEST_F(Control, AnotherFileAttachesToTheSystemAndSeesWhatItSees)
{
	std::vector<cos_system_entry> entries(64);
	cos_system_list systems{};
	systems.systems = reinterpret_cast<std::uint64_t>(entries.data());
	systems.capacity = static_cast<std::uint32_t>(entries.size());
	ASSERT_EQ(call(fd, COS_IOC_SYSTEMS, &systems), 0);
	const cos_system_entry *mine = nullptr;
	for (std::uint32_t i = 0; i < systems.count && i < entries.size(); i++) {
		if (entries[i].host_pid == static_cast<std::uint32_t>(getpid()) && entries[i].components == 2)
			mine = &entries[i];
	}
	ASSERT_NE(mine, nullptr) << "the system built here is listed";
	EXPECT_EQ(mine->running, 0u);

	const int other = open_device();
	ASSERT_GE(other, 0);
	cos_attach attach{};
	attach.system = 1U << 30;
	EXPECT_EQ(call(other, COS_IOC_ATTACH, &attach), ESRCH);
	attach.system = mine->id;
	ASSERT_EQ(call(other, COS_IOC_ATTACH, &attach), 0);
	EXPECT_EQ(call(other, COS_IOC_ATTACH, &attach), EBUSY) << "attached already";
	EXPECT_EQ(domains(other), domains(fd));

	cos_mpd_op op{};
	op.a = a;
	op.b = b;
	ASSERT_EQ(call(other, COS_IOC_MERGE, &op), 0) << "the attached file reshapes the system";
	auto pds = domains(fd);
	EXPECT_EQ(pds[a], pds[b]);
	cos_pd_create pd{};
	EXPECT_EQ(call(other, COS_IOC_PD_CREATE, &pd), EPERM) << "an attached file builds nothing";
	cos_run run{};
	EXPECT_EQ(call(other, COS_IOC_RUN, &run), EPERM) << "nor runs anything";
	close(other);
}

TEST_F(Control, StoppingASystemThatDoesNotRunIsEsrch)
{
	EXPECT_EQ(ioctl(fd, COS_IOC_STOP), -1);
	EXPECT_EQ(errno, ESRCH);
}

TEST_F(Control, ComponentCallsFromTheHostAreRefused)
{
	for (unsigned long request : {COS_IOC_INVOKE, COS_IOC_RETURN, COS_IOC_FAULT, COS_IOC_CALL_TIME,
				      COS_IOC_CALL_SWITCH, COS_IOC_CALL_MERGE, COS_IOC_CALL_SCHED_SETUP}) {
		EXPECT_EQ(ioctl(fd, request), -1) << std::hex << request;
		EXPECT_EQ(errno, EPERM) << std::hex << request;
	}
}

} // namespace
