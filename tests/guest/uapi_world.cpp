// SPDX-License-Identifier: GPL-2.0
// The system uapi_test.cpp sends each request to, built by hand.
#include "uapi_world.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <functional>

namespace uapi_test {

namespace {

// Component a's code, at the base of its slot. The upcall entry jumps to the export (%r8); neither
// export touches a stack, of which the module maps none here.
std::array<std::uint8_t, page> component_code()
{
	std::array<std::uint8_t, page> code{};
	const std::uint8_t jump_to_r8[] = {0x41, 0xff, 0xe0}; // jmp *%r8
	const std::uint8_t ret42[] = {
		0xba, 42, 0, 0, 0, // mov $42, %edx
		0xb8, COS_CALL_RETURN & 0xff, (COS_CALL_RETURN >> 8) & 0xff, (COS_CALL_RETURN >> 16) & 0xff,
		COS_CALL_RETURN >> 24, // mov $COS_CALL_RETURN, %eax
		0x0f, 0x05,	       // syscall
		0x0f, 0x0b,	       // ud2
	};
	const std::uint8_t spin[] = {0xf3, 0x90, 0xeb, 0xfc}; // 1: pause; jmp 1b
	std::memcpy(code.data(), jump_to_r8, sizeof(jump_to_r8));
	std::memcpy(code.data() + returns_42, ret42, sizeof(ret42));
	std::memcpy(code.data() + spins, spin, sizeof(spin));
	return code;
}

void wait_until(const std::function<bool()> &done)
{
	for (int i = 0; i < 1000 && !done(); i++)
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

} // namespace

std::uint64_t slot_base(std::uint32_t slot)
{
	return COS_REGION_BASE + slot * COS_SLOT_SIZE;
}

int call(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) == 0 ? 0 : errno;
}

World::~World()
{
	stop_running();
	if (second >= 0)
		close(second);
	if (fd >= 0)
		close(fd);
}

void World::build()
{
	fd = open("/dev/cos", O_RDWR | O_CLOEXEC);
	second = open("/dev/cos", O_RDWR | O_CLOEXEC);
	ASSERT_GE(fd, 0) << std::strerror(errno);
	ASSERT_GE(second, 0) << std::strerror(errno);
	// A system is listed once it has components: the id that is new then is this one's (a
	// system freed meanwhile only leaves the list).
	const auto before = my_systems();
	pd_a = domain();
	pd_b = domain();
	a = component(1, pd_a, "alpha");
	b = component(2, pd_b, "beta");
	const auto code = component_code();
	map(a, slot_base(1), COS_PROT_READ | COS_PROT_EXEC, code.data());
	map(a, slot_base(1) + page, COS_PROT_READ | COS_PROT_WRITE, nullptr);
	cos_cap_create cap{};
	cap.client = a;
	cap.server = b;
	cap.fn = slot_base(2);
	cap.ucap = slot_base(1) + page;
	ASSERT_EQ(call(fd, COS_IOC_CAP_CREATE, &cap), 0);
	for (std::uint32_t s : my_systems())
		if (!before.count(s))
			id = s;
	ASSERT_NE(id, ~0U) << "the system is listed";
}

void World::start_running()
{
	spinning.component = a;
	spinning.fn = slot_base(1) + spins;
	runner_ = std::thread([this] {
		spin_error = call(fd, COS_IOC_RUN, &spinning);
		ran_out_ = true;
	});
	wait_until([this] { return running(); });
	ASSERT_TRUE(running()) << "the spinning run started";
}

bool World::ends() const
{
	wait_until([this] { return ran_out_.load(); });
	return ran_out_;
}

void World::stop_running()
{
	while (runner_.joinable() && !ran_out_) {
		(void)ioctl(fd, COS_IOC_STOP);
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
	if (runner_.joinable())
		runner_.join();
}

bool World::running() const
{
	std::array<cos_system_entry, 64> entries{};
	cos_system_list list{};
	list.systems = reinterpret_cast<std::uintptr_t>(entries.data());
	list.capacity = static_cast<std::uint32_t>(entries.size());
	if (call(fd, COS_IOC_SYSTEMS, &list))
		return false;
	for (std::uint32_t i = 0; i < list.count && i < list.capacity; i++)
		if (entries[i].id == id)
			return entries[i].running;
	return false;
}

std::set<std::uint32_t> World::my_systems() const
{
	std::array<cos_system_entry, 64> entries{};
	cos_system_list list{};
	list.systems = reinterpret_cast<std::uintptr_t>(entries.data());
	list.capacity = static_cast<std::uint32_t>(entries.size());
	EXPECT_EQ(call(fd, COS_IOC_SYSTEMS, &list), 0);
	std::set<std::uint32_t> mine;
	for (std::uint32_t i = 0; i < list.count && i < list.capacity; i++)
		if (entries[i].host_pid == static_cast<std::uint32_t>(getpid()))
			mine.insert(entries[i].id);
	return mine;
}

std::uint32_t World::domain()
{
	cos_pd_create pd{};
	EXPECT_EQ(call(fd, COS_IOC_PD_CREATE, &pd), 0);
	return pd.id;
}

std::uint32_t World::component(std::uint32_t slot, std::uint32_t pd, const char *name)
{
	cos_component_create c{};
	c.slot = slot;
	c.upcall_entry = slot_base(slot);
	c.inv_stub = slot_base(slot);
	c.pd = pd;
	std::strncpy(c.name, name, sizeof(c.name) - 1);
	EXPECT_EQ(call(fd, COS_IOC_COMPONENT_CREATE, &c), 0);
	return c.id;
}

void World::map(std::uint32_t component, std::uint64_t addr, std::uint32_t prot, const void *src)
{
	cos_map m{};
	m.component = component;
	m.prot = prot;
	m.addr = addr;
	m.size = page;
	m.src = reinterpret_cast<std::uintptr_t>(src);
	m.src_size = src ? page : 0;
	EXPECT_EQ(call(fd, COS_IOC_MAP, &m), 0);
}

Snapshot Snapshot::of(const World &w)
{
	Snapshot s;
	cos_info info{};
	EXPECT_EQ(call(w.fd, COS_IOC_INFO, &info), 0);
	s.pages = info.pages_in_use;
	EXPECT_EQ(call(w.fd, COS_IOC_STATS, &s.stats), 0);
	s.pds.resize(sizeof(cos_pd_list));
	EXPECT_EQ(call(w.fd, COS_IOC_PDS, s.pds.data()), 0);
	cos_edge_list edges{};
	EXPECT_EQ(call(w.fd, COS_IOC_EDGES, &edges), 0);
	s.edges = edges.count;
	return s;
}

std::string Snapshot::changed_since(const Snapshot &before) const
{
	std::string what;
	if (pages != before.pages)
		what += " the module's pages";
	if (std::memcmp(&stats, &before.stats, sizeof(stats)))
		what += " the counters";
	if (pds != before.pds)
		what += " the components or domains";
	if (edges != before.edges)
		what += " the capabilities";
	return what;
}

} // namespace uapi_test
