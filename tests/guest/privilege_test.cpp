// SPDX-License-Identifier: GPL-2.0
// Every component-kernel call that needs a privilege (a COS_COMPONENT_* flag the component was
// created with) is refused with EPERM to component code that lacks it, and answered to component
// code that has it: in a system built by hand through the ioctls, whose one component issues the
// call from hand-written machine code and returns what the module answered.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "module/uapi/cos.h"

namespace {

constexpr std::uint64_t page = 4096;
constexpr std::uint64_t slot = 1;
constexpr std::uint64_t base = COS_REGION_BASE + slot * COS_SLOT_SIZE;
// The export that makes the call, as an offset from the slot's base.
constexpr std::uint64_t caller_export = 16;

template <typename T> void put(std::vector<std::uint8_t> &code, T value)
{
	std::uint8_t bytes[sizeof(T)];
	std::memcpy(bytes, &value, sizeof(T));
	code.insert(code.end(), bytes, bytes + sizeof(T));
}

// The component's code. The upcall entry jumps to the export (%r8). The export, run as
// fn(request, rdx, r8), issues ioctl(the host's /dev/cos, request) with those %rdx and %r8, as
// the runtime's stubs do (runtime/component/entry.S), and returns what the ioctl returned. It
// touches no stack: the module maps none here.
std::array<std::uint8_t, page> component_code()
{
	std::vector<std::uint8_t> code = {0x41, 0xff, 0xe0}; // jmp *%r8
	code.resize(caller_export, 0xcc);
	const std::uint8_t moves[] = {
		0x49, 0x89, 0xd0, // mov %rdx, %r8
		0x48, 0x89, 0xf2, // mov %rsi, %rdx
		0x48, 0x89, 0xfe, // mov %rdi, %rsi
		0x48, 0xbf,	  // movabs $fd_address, %rdi
	};
	code.insert(code.end(), std::begin(moves), std::end(moves));
	put<std::uint64_t>(code, COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
	const std::uint8_t call[] = {
		0x8b, 0x3f,		      // mov (%rdi), %edi
		0xb8, 16, 0, 0, 0,	      // mov $SYS_ioctl, %eax
		0x0f, 0x05,		      // syscall
		0x48, 0x89, 0xc2,	      // mov %rax, %rdx: the result
		0xb8,			      // mov $COS_CALL_RETURN, %eax
	};
	code.insert(code.end(), std::begin(call), std::end(call));
	put<std::uint32_t>(code, COS_CALL_RETURN);
	const std::uint8_t ret[] = {
		0x0f, 0x05, // syscall
		0x0f, 0x0b, // ud2
	};
	code.insert(code.end(), std::begin(ret), std::end(ret));
	std::array<std::uint8_t, page> out{};
	std::memcpy(out.data(), code.data(), code.size());
	return out;
}

// ioctl(2): 0 or the errno it failed with.
int call(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) == 0 ? 0 : errno;
}

// A system of one component (id 0, in domain 0, no capability) created with @flags, on a file of
// its own.
class System {
public:
	explicit System(std::uint32_t flags)
	{
		fd_ = open("/dev/cos", O_RDWR | O_CLOEXEC);
		if (fd_ < 0) {
			error_ = std::string("open /dev/cos: ") + std::strerror(errno);
			return;
		}
		cos_pd_create pd{};
		if (int e = call(fd_, COS_IOC_PD_CREATE, &pd)) {
			error_ = std::string("COS_IOC_PD_CREATE: ") + std::strerror(e);
			return;
		}
		cos_component_create c{};
		c.slot = slot;
		c.flags = flags;
		c.upcall_entry = base;
		c.inv_stub = base;
		c.pd = pd.id;
		std::strncpy(c.name, "caller", sizeof(c.name) - 1);
		if (int e = call(fd_, COS_IOC_COMPONENT_CREATE, &c)) {
			error_ = std::string("COS_IOC_COMPONENT_CREATE: ") + std::strerror(e);
			return;
		}
		const auto code = component_code();
		cos_map m{};
		m.component = c.id;
		m.prot = COS_PROT_READ | COS_PROT_EXEC;
		m.addr = base;
		m.size = page;
		m.src = reinterpret_cast<std::uintptr_t>(code.data());
		m.src_size = page;
		if (int e = call(fd_, COS_IOC_MAP, &m)) {
			error_ = std::string("COS_IOC_MAP: ") + std::strerror(e);
			return;
		}
		component_ = c.id;
		pd_ = pd.id;
	}
	System(const System &) = delete;
	System &operator=(const System &) = delete;
	~System()
	{
		if (fd_ >= 0)
			close(fd_);
	}

	[[nodiscard]] const std::string &error() const { return error_; }
	[[nodiscard]] std::uint32_t component() const { return component_; }
	[[nodiscard]] std::uint32_t pd() const { return pd_; }

	// Runs the component's export, which makes @request with %rdx and %r8: what the module
	// answered it, as the component saw it in %rax.
	std::int64_t make(unsigned long request, std::uint64_t rdx, std::uint64_t r8)
	{
		cos_run run{};
		run.component = component_;
		run.fn = base + caller_export;
		run.args[0] = request;
		run.args[1] = rdx;
		run.args[2] = r8;
		if (int e = call(fd_, COS_IOC_RUN, &run)) {
			ADD_FAILURE() << "COS_IOC_RUN: " << std::strerror(e);
			return 0;
		}
		EXPECT_EQ(run.status, static_cast<__u32>(COS_RUN_RETURNED)) << "the export returned";
		return static_cast<std::int64_t>(run.result);
	}

private:
	int fd_ = -1;
	std::uint32_t component_ = ~0U, pd_ = ~0U;
	std::string error_;
};

// A call that needs a privilege, with registers that make it change nothing when it is answered.
struct Privileged_call {
	const char *name;
	unsigned long request;
	std::uint32_t privilege;
	std::uint64_t rdx, r8;
	// What it answers a component with the privilege (component 0 in domain 0, no capability).
	std::int64_t answer;
};

constexpr std::uint64_t no_component = 99;

const std::vector<Privileged_call> calls = {
	// Zero bytes: nothing is written.
	{"COS_IOC_CONSOLE", COS_IOC_CONSOLE, COS_COMPONENT_CONSOLE, 0, 0, 0},
	{"COS_IOC_CALL_SELF", COS_IOC_CALL_SELF, COS_COMPONENT_MPD, 0, 0, 0},
	{"COS_IOC_CALL_MERGE", COS_IOC_CALL_MERGE, COS_COMPONENT_MPD, no_component, no_component, -EINVAL},
	{"COS_IOC_CALL_SPLIT", COS_IOC_CALL_SPLIT, COS_COMPONENT_MPD, no_component, 0, -EINVAL},
	{"COS_IOC_CALL_PD_OF", COS_IOC_CALL_PD_OF, COS_COMPONENT_MPD, 0, 0, 0},
	// Room for no edge: the number of capabilities, none.
	{"COS_IOC_CALL_EDGES", COS_IOC_CALL_EDGES, COS_COMPONENT_MPD, 0, 0, 0},
	// No event handler at address 0, nor a tick of 0 ns.
	{"COS_IOC_CALL_SCHED_SETUP", COS_IOC_CALL_SCHED_SETUP, COS_COMPONENT_SCHED, 0, 0, -EINVAL},
	{"COS_IOC_CALL_THREAD_CREATE", COS_IOC_CALL_THREAD_CREATE, COS_COMPONENT_SCHED, no_component, 0, -EINVAL},
	// No thread 5 to switch to.
	{"COS_IOC_CALL_SWITCH", COS_IOC_CALL_SWITCH, COS_COMPONENT_SCHED, 5, 0, -EINVAL},
	{"COS_IOC_CALL_SCHED_IDLE", COS_IOC_CALL_SCHED_IDLE, COS_COMPONENT_SCHED, 0, 0, 0},
	// No device attached (tests/guest/nic_test.cpp sends on one).
	{"COS_IOC_CALL_NIC_SEND", COS_IOC_CALL_NIC_SEND, COS_COMPONENT_NIC, 0, 0, -ENODEV},
};

std::string call_name(const ::testing::TestParamInfo<Privileged_call> &info)
{
	return info.param.name;
}

class PrivilegedCall : public ::testing::TestWithParam<Privileged_call> {};

// Without the privilege, whatever else the component holds: EPERM.
TEST_P(PrivilegedCall, IsEpermWithoutItsPrivilege)
{
	const Privileged_call &c = GetParam();
	for (std::uint32_t flags : {0U, COS_COMPONENT_VALID & ~c.privilege}) {
		SCOPED_TRACE("component flags " + std::to_string(flags));
		System sys(flags);
		ASSERT_EQ(sys.error(), "");
		EXPECT_EQ(sys.make(c.request, c.rdx, c.r8), -EPERM);
	}
}

// With it (and nothing else): the call's own answer, which is not EPERM.
TEST_P(PrivilegedCall, IsAnsweredWithItsPrivilege)
{
	const Privileged_call &c = GetParam();
	System sys(c.privilege);
	ASSERT_EQ(sys.error(), "");
	ASSERT_EQ(sys.component(), 0u);
	ASSERT_EQ(sys.pd(), 0u);
	const std::int64_t answer = sys.make(c.request, c.rdx, c.r8);
	EXPECT_NE(answer, -EPERM);
	EXPECT_EQ(answer, c.answer);
}

INSTANTIATE_TEST_SUITE_P(Privilege, PrivilegedCall, ::testing::ValuesIn(calls), call_name);

} // namespace
