// SPDX-License-Identifier: GPL-2.0
// Shared memory (COS_IOC_SHARE), in a system built by hand over the ioctls: three components, each
// in a protection domain of its own, whose hand-written code loads and stores words of their
// memory. Two are given one share at different addresses and see each other's writes, before and
// after their domains are merged and split; the third, not given it, faults where they have it.
// Every refusal the header documents, and the pages coming back when the file closes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "module/uapi/cos.h"
#include "tests/guest/hand_code.hpp"

namespace {

using namespace cosk::hand;


constexpr std::uint64_t slot_base(std::uint32_t slot)
{
	return COS_REGION_BASE + slot * COS_SLOT_SIZE;
}

// Where the loader puts shares in a slot.
constexpr std::uint64_t area(std::uint32_t slot)
{
	return slot_base(slot) + COS_AREA_OFFSET;
}

// Components a, b and c in slots 1, 2 and 3, each in a domain of its own, with their code.
class System {
public:
	System()
	{
		fd_ = open("/dev/cos", O_RDWR | O_CLOEXEC);
		EXPECT_GE(fd_, 0);
		const auto code = hand_component_code();
		for (std::uint32_t slot = 1; slot <= 3; slot++) {
			cos_pd_create pd{};
			EXPECT_EQ(call(fd_, COS_IOC_PD_CREATE, &pd), 0);
			cos_component_create c{};
			c.slot = slot;
			c.upcall_entry = slot_base(slot);
			c.inv_stub = slot_base(slot);
			c.pd = pd.id;
			std::strcpy(c.name, slot == 1 ? "a" : slot == 2 ? "b" : "c");
			EXPECT_EQ(call(fd_, COS_IOC_COMPONENT_CREATE, &c), 0);
			EXPECT_EQ(c.id, slot - 1);
			cos_map m{};
			m.component = c.id;
			m.prot = COS_PROT_READ | COS_PROT_EXEC;
			m.addr = slot_base(slot);
			m.size = page;
			m.src = reinterpret_cast<std::uintptr_t>(code.data());
			m.src_size = page;
			EXPECT_EQ(call(fd_, COS_IOC_MAP, &m), 0);
		}
	}
	System(const System &) = delete;
	System &operator=(const System &) = delete;
	~System() { close(fd_); }

	// COS_IOC_SHARE as given: 0 or its errno; the id in *id.
	int share(cos_share request, std::uint32_t *id = nullptr)
	{
		const int err = call(fd_, COS_IOC_SHARE, &request);
		if (id)
			*id = request.share;
		return err;
	}

	int share(std::uint32_t component, std::uint32_t share, std::uint64_t address, std::uint64_t size,
		  std::uint32_t *id = nullptr)
	{
		cos_share r{};
		r.component = component;
		r.share = share;
		r.address = address;
		r.size = size;
		return this->share(r, id);
	}

	cos_run run(std::uint32_t component, std::uint64_t fn, std::uint64_t a0, std::uint64_t a1 = 0)
	{
		cos_run r{};
		r.component = component;
		r.fn = slot_base(component + 1) + fn;
		r.args[0] = a0;
		r.args[1] = a1;
		EXPECT_EQ(call(fd_, COS_IOC_RUN, &r), 0);
		return r;
	}

	// The word at @addr, read by @component's code.
	std::uint64_t load(std::uint32_t component, std::uint64_t addr)
	{
		const cos_run r = run(component, load_export, addr);
		EXPECT_EQ(r.status, static_cast<__u32>(COS_RUN_RETURNED)) << "fault at " << std::hex << r.fault.address;
		return r.result;
	}

	void store(std::uint32_t component, std::uint64_t addr, std::uint64_t value)
	{
		const cos_run r = run(component, store_export, addr, value);
		EXPECT_EQ(r.status, static_cast<__u32>(COS_RUN_RETURNED)) << "fault at " << std::hex << r.fault.address;
	}

	// Whether @component's code faults reading @addr, a page fault there.
	bool faults_reading(std::uint32_t component, std::uint64_t addr)
	{
		const cos_run r = run(component, load_export, addr);
		return r.status == COS_RUN_FAULTED && r.fault.component == component && r.fault.vector == 14 &&
		       r.fault.address == addr;
	}

	// COS_IOC_MERGE or COS_IOC_SPLIT; the domain @a is in afterwards.
	std::uint32_t merge(std::uint32_t a, std::uint32_t b)
	{
		cos_mpd_op op{};
		op.a = a;
		op.b = b;
		EXPECT_EQ(call(fd_, COS_IOC_MERGE, &op), 0);
		return op.pd;
	}

	std::uint32_t split(std::uint32_t a, std::uint32_t flags)
	{
		cos_mpd_op op{};
		op.a = a;
		op.flags = flags;
		EXPECT_EQ(call(fd_, COS_IOC_SPLIT, &op), 0);
		return op.pd;
	}

	// The domain each component is in.
	std::vector<std::uint32_t> domains()
	{
		cos_pd_list list{};
		EXPECT_EQ(call(fd_, COS_IOC_PDS, &list), 0);
		std::vector<std::uint32_t> out;
		for (std::uint32_t i = 0; i < list.ncomponents; i++)
			out.push_back(list.components[i].pd);
		return out;
	}

private:
	int fd_ = -1;
};

constexpr std::uint32_t a = 0, b = 1, c = 2;

// What a stores at @at_a, b loads at @at_b, and the other way round a word further.
void sees_each_others_writes(System &sys, std::uint64_t at_a, std::uint64_t at_b, std::uint64_t value)
{
	sys.store(a, at_a, value);
	EXPECT_EQ(sys.load(b, at_b), value) << "b reads what a wrote";
	sys.store(b, at_b + 8, ~value);
	EXPECT_EQ(sys.load(a, at_a + 8), ~value) << "a reads what b wrote";
}

TEST(Share, TwoComponentsSeeOneAnothersWritesAcrossDomainsMergesAndSplits)
{
	System sys;
	const std::uint64_t at_a = area(1), at_b = area(2) + 5 * page; // the share: two pages
	std::uint32_t id = 0, again = 0;
	ASSERT_EQ(sys.share(a, 0, at_a, 2 * page, &id), 0);
	EXPECT_EQ(id, 1u) << "the first share";
	ASSERT_EQ(sys.share(b, id, at_b, 2 * page, &again), 0);
	EXPECT_EQ(again, id);
	EXPECT_EQ(sys.load(b, at_b + page + 64), 0u) << "a share starts zeroed";

	auto pds = sys.domains();
	ASSERT_EQ(pds.size(), 3u);
	EXPECT_NE(pds[a], pds[b]);
	sees_each_others_writes(sys, at_a, at_b, 0x1111);
	sees_each_others_writes(sys, at_a + page, at_b + page, 0x2222);

	const std::uint32_t merged = sys.merge(a, b);
	pds = sys.domains();
	EXPECT_EQ(pds[a], merged);
	EXPECT_EQ(pds[b], merged) << "a and b share a domain";
	sees_each_others_writes(sys, at_a, at_b, 0x3333);
	EXPECT_TRUE(sys.faults_reading(c, at_a)) << "c reaches nothing of a's after the merge";

	sys.split(a, 0);
	pds = sys.domains();
	EXPECT_NE(pds[a], pds[b]) << "split again";
	sees_each_others_writes(sys, at_a + page, at_b + page, 0x4444);

	sys.merge(b, a);
	sys.split(b, COS_SPLIT_FRESH);
	pds = sys.domains();
	EXPECT_NE(pds[a], pds[b]) << "split into fresh domains";
	sees_each_others_writes(sys, at_a, at_b, 0x5555);

	EXPECT_TRUE(sys.faults_reading(c, at_a)) << "c faults where a has the share";
	EXPECT_TRUE(sys.faults_reading(c, at_b)) << "c faults where b has it";
	EXPECT_TRUE(sys.faults_reading(c, area(3))) << "c has nothing at its own share area";
	EXPECT_TRUE(sys.faults_reading(c, area(3) + 5 * page));
	EXPECT_EQ(sys.load(a, at_a), 0x5555u) << "the share is intact after the faults";
}

TEST(Share, RefusalsAreTheDocumentedErrorsAndChangeNothing)
{
	System sys;
	std::uint32_t id = 0;
	ASSERT_EQ(sys.share(a, 0, area(1), 2 * page, &id), 0);
	ASSERT_EQ(id, 1u);
	const std::uint64_t before = pages_in_use();

	cos_share good{};
	good.component = b;
	good.share = id;
	good.address = area(2);
	good.size = 2 * page;
	auto with = [&](auto change) {
		cos_share r = good;
		change(r);
		return sys.share(r);
	};
	EXPECT_EQ(with([](cos_share &r) { r.flags = 1; }), EINVAL) << "a flag";
	EXPECT_EQ(with([](cos_share &r) { r.flags = 1U << 31; }), EINVAL) << "a high flag";
	EXPECT_EQ(with([](cos_share &r) { r.reserved0 = 1; }), EINVAL);
	EXPECT_EQ(with([](cos_share &r) { r.reserved[0] = 1; }), EINVAL);
	EXPECT_EQ(with([](cos_share &r) { r.reserved[1] = 1; }), EINVAL);
	EXPECT_EQ(with([](cos_share &r) { r.component = 3; }), EINVAL) << "no such component";
	EXPECT_EQ(with([](cos_share &r) { r.component = ~0U; }), EINVAL);
	EXPECT_EQ(with([](cos_share &r) { r.share = 2; }), EINVAL) << "no such share yet";
	EXPECT_EQ(with([](cos_share &r) { r.share = ~0U; }), EINVAL);
	EXPECT_EQ(with([](cos_share &r) { r.size = page; }), EINVAL) << "not the share's size";
	EXPECT_EQ(with([](cos_share &r) { r.size = 3 * page; }), EINVAL) << "not the share's size";
	EXPECT_EQ(with([](cos_share &r) { r.share = 0; r.size = 0; }), EINVAL) << "no page";
	EXPECT_EQ(with([](cos_share &r) { r.share = 0; r.size = page + 8; }), EINVAL) << "not whole pages";
	EXPECT_EQ(with([](cos_share &r) { r.share = 0; r.size = page / 2; }), EINVAL) << "not whole pages";
	EXPECT_EQ(with([](cos_share &r) { r.share = 0; r.size = COS_SHARE_MAX_SIZE + page; }), EINVAL) << "too big";
	EXPECT_EQ(with([](cos_share &r) { r.share = 0; r.size = ~0ULL & ~(page - 1); }), EINVAL) << "too big";
	EXPECT_EQ(with([](cos_share &r) { r.address += 8; }), EINVAL) << "not page-aligned";
	EXPECT_EQ(with([](cos_share &r) { r.address = area(1); }), EINVAL) << "another component's slot";
	EXPECT_EQ(with([](cos_share &r) { r.address = 0; }), EINVAL) << "no slot";
	EXPECT_EQ(with([](cos_share &r) { r.address = slot_base(3) - page; }), EINVAL) << "past the slot's end";
	EXPECT_EQ(pages_in_use(), before) << "no refusal allocated or kept a page";

	// b maps the share at the very end of its slot (page tables allocated), then the rest.
	EXPECT_EQ(with([](cos_share &r) { r.address = slot_base(3) - 2 * page; }), 0) << "its last two pages";
	const std::uint64_t mapped = pages_in_use();

	EXPECT_EQ(with([](cos_share &r) { r.address = area(2) + page; }), EBUSY) << "b maps the share already";
	EXPECT_EQ(sys.share(a, id, area(1) + 4 * page, 2 * page), EBUSY) << "a maps it already";
	EXPECT_EQ(sys.share(b, 0, slot_base(2), page), EEXIST) << "over b's code";
	EXPECT_EQ(sys.share(b, 0, slot_base(3) - 3 * page, 2 * page), EEXIST) << "over the share's first page";
	EXPECT_EQ(sys.share(a, 0, area(1) + page, page), EEXIST) << "over the share's last page";
	EXPECT_EQ(sys.share(c, id, slot_base(3), 2 * page), EEXIST) << "an existing share over c's code";
	EXPECT_EQ(pages_in_use(), mapped) << "no refusal allocated or kept a page";
	EXPECT_EQ(sys.share(c, 0, area(3), page, &id), 0) << "a second share";
	EXPECT_EQ(id, 2u);
}

TEST(Share, TheSharesPastTheMostAreEnospc)
{
	System sys;
	for (std::uint32_t n = 1; n <= COS_MAX_SHARES; n++) {
		std::uint32_t id = 0;
		ASSERT_EQ(sys.share(n % 3, 0, area(n % 3 + 1) + n * page, page, &id), 0) << n;
		EXPECT_EQ(id, n);
	}
	const std::uint64_t before = pages_in_use();
	EXPECT_EQ(sys.share(a, 0, area(1) + 100 * page, page), ENOSPC);
	EXPECT_EQ(sys.share(b, 0, area(2) + 100 * page, page), ENOSPC);
	EXPECT_EQ(pages_in_use(), before);
	EXPECT_EQ(sys.share(b, COS_MAX_SHARES, area(2) + 100 * page, page), 0) << "existing shares still map";
	sys.store(b, area(2) + 100 * page, 77);
	EXPECT_EQ(sys.load(c, area(3) + COS_MAX_SHARES * page), 77u) << "the last share is c's at its page 32";
}

TEST(Share, ClosingTheFileGivesEveryPageBack)
{
	const std::uint64_t before = pages_in_use();
	{
		System sys;
		std::uint32_t big = 0;
		ASSERT_EQ(sys.share(a, 0, area(1), COS_SHARE_MAX_SIZE, &big), 0) << "the largest share";
		EXPECT_GE(pages_in_use(), before + COS_SHARE_MAX_SIZE / page) << "its pages are counted";
		ASSERT_EQ(sys.share(b, big, area(2), COS_SHARE_MAX_SIZE), 0);
		ASSERT_EQ(sys.share(c, big, area(3) + COS_SHARE_MAX_SIZE, COS_SHARE_MAX_SIZE), 0);
		const std::uint64_t last = COS_SHARE_MAX_SIZE - 8;
		sys.store(c, area(3) + COS_SHARE_MAX_SIZE + last, 99);
		EXPECT_EQ(sys.load(a, area(1) + last), 99u);
		EXPECT_EQ(sys.load(b, area(2) + last), 99u);
		ASSERT_EQ(sys.share(a, 0, area(1) + COS_SHARE_MAX_SIZE, page), 0);
		sys.merge(a, b);
	}
	EXPECT_EQ(pages_in_use(), before);
}

} // namespace
