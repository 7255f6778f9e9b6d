// SPDX-License-Identifier: GPL-2.0
// The network interface's interrupt line (COS_INTERRUPT_NIC) through the scheduler component: a
// system of tests/graphs/nic-interrupt.cosg (the scheduler and tests/components/nic_waiter), built
// with the loader's build_system(), with cosv0 of tests/guest/cases/nic_interrupt.sh's veth pair
// attached and the receive ring at the start of nic_waiter's share area. Frames sent on cosv1
// raise the line; nic_waiter's thread waits for it with cosk::sched::wait_interrupt().
#include <gtest/gtest.h>

#include <net/if.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"
#include "runtime/host/device.hpp"

namespace {

using namespace std::chrono_literals;
using Frame = std::vector<std::uint8_t>;

constexpr std::array<std::uint8_t, 6> system_mac = {0x02, 0xc0, 0x5e, 0x00, 0x00, 0x01};
constexpr std::uint16_t test_type = 0x88b5; // IEEE local experimental EtherType
// nic_waiter's tests (its main's first argument) and what a failed wait returns.
constexpr std::uint64_t wait_test = 1, pending_test = 2, refusals_test = 3, preempt_test = 4;
constexpr std::uint64_t wait_failed = 1ULL << 48;
// cosk::sched::Error (components/system/include/cos/system/sched.hpp).
constexpr std::uint64_t no_such_line = 6, busy = 7;

// A frame of the test's EtherType from cosv1 to the system, tagged.
Frame frame(std::uint32_t tag)
{
	constexpr std::array<std::uint8_t, 6> source = {0x02, 0xc0, 0x5e, 0x00, 0x00, 0x42};
	Frame f(100, 0x5a);
	std::memcpy(f.data(), system_mac.data(), 6);
	std::memcpy(f.data() + 6, source.data(), 6);
	f[12] = test_type >> 8;
	f[13] = test_type & 0xff;
	std::memcpy(f.data() + 14, &tag, sizeof(tag));
	return f;
}

// Sends frames on cosv1, from Linux, with a packet socket.
class Sender {
public:
	Sender() : ifindex_(static_cast<int>(if_nametoindex("cosv1")))
	{
		fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
		EXPECT_GE(fd_, 0) << std::strerror(errno);
		EXPECT_NE(ifindex_, 0) << "no cosv1";
	}
	Sender(const Sender &) = delete;
	Sender &operator=(const Sender &) = delete;
	~Sender() { close(fd_); }

	void send(const Frame &f)
	{
		sockaddr_ll sll{};
		sll.sll_family = AF_PACKET;
		sll.sll_ifindex = ifindex_;
		sll.sll_halen = 6;
		std::memcpy(sll.sll_addr, f.data(), 6);
		EXPECT_EQ(sendto(fd_, f.data(), f.size(), 0, reinterpret_cast<sockaddr *>(&sll), sizeof(sll)),
			  static_cast<ssize_t>(f.size()))
			<< std::strerror(errno);
	}

private:
	int fd_ = -1;
	int ifindex_;
};

// Whether @done holds within @limit, polled every 5 ms.
bool within(std::chrono::milliseconds limit, const std::function<bool()> &done)
{
	const auto end = std::chrono::steady_clock::now() + limit;
	while (!done()) {
		if (std::chrono::steady_clock::now() > end)
			return false;
		std::this_thread::sleep_for(5ms);
	}
	return true;
}

// The system, built and attached; its entry run on a thread of its own by start().
class Driver_system {
public:
	Driver_system()
	{
		const char *graph = std::getenv("COS_NIC_INTERRUPT_GRAPH");
		if (!graph) {
			ADD_FAILURE() << "COS_NIC_INTERRUPT_GRAPH names no graph: run me through cases/nic_interrupt.sh";
			return;
		}
		auto plan = cosk::loader::make_load_plan(graph);
		if (!plan) {
			ADD_FAILURE() << cosk::loader::describe(plan.error());
			return;
		}
		plan_ = std::move(plan.value());
		auto device = cosk::host::Device::open();
		if (!device) {
			ADD_FAILURE() << cosk::host::describe(device.error());
			return;
		}
		device_.emplace(std::move(device.value()));
		auto built = cosk::loader::build_system(*device_, plan_);
		if (!built) {
			ADD_FAILURE() << built.error().message;
			return;
		}
		// The graph's entry is nic_waiter's main.
		waiter_ = built.value().component_ids[plan_.entry.component];
		ring_ = plan_.components[plan_.entry.component].base + COS_AREA_OFFSET;
		cos_nic_attach a{};
		std::strcpy(a.ifname, "cosv0");
		a.component = waiter_;
		a.slots = 16;
		a.ring = ring_;
		std::memcpy(a.addr, system_mac.data(), system_mac.size());
		auto attached = device_->nic_attach(a);
		if (!attached) {
			ADD_FAILURE() << "attaching cosv0: " << cosk::host::describe(attached.error());
			return;
		}
		ready_ = true;
	}
	Driver_system(const Driver_system &) = delete;
	Driver_system &operator=(const Driver_system &) = delete;
	~Driver_system() { stop(); }

	[[nodiscard]] bool ready() const { return ready_; }

	// Runs nic_waiter's main(test, ring, arg).
	void start(std::uint64_t test, std::uint64_t arg)
	{
		runner_ = std::thread([this, test, arg] {
			host_tid_ = static_cast<pid_t>(syscall(SYS_gettid));
			auto run = device_->run(waiter_, plan_.entry.address, {test, ring_, arg, 0});
			if (run)
				outcome_ = run.value();
			finished_ = true;
		});
	}

	// Whether the run ended, returning, within @limit; it is stopped otherwise.
	bool returns_within(std::chrono::milliseconds limit)
	{
		const bool ended = within(limit, [this] { return finished_.load(); });
		stop();
		return ended && outcome_ && outcome_->status == COS_RUN_RETURNED;
	}

	[[nodiscard]] bool finished() const { return finished_; }
	[[nodiscard]] std::uint64_t result() const { return outcome_ ? outcome_->result : ~0ULL; }

	// The host thread's state as Linux shows it: 'R' running, 'S' or 'D' asleep (idling).
	[[nodiscard]] char host_state() const
	{
		std::ifstream stat("/proc/self/task/" + std::to_string(host_tid_.load()) + "/stat");
		std::string line;
		std::getline(stat, line);
		const auto paren = line.rfind(')');
		return paren == std::string::npos || paren + 2 >= line.size() ? '?' : line[paren + 2];
	}

	bool host_idles_within(std::chrono::milliseconds limit)
	{
		return within(limit, [this] {
			const char s = host_state();
			return s == 'S' || s == 'D';
		});
	}

	cos_stats stats() const
	{
		auto s = device_->stats();
		EXPECT_TRUE(s.ok());
		return s ? s.value() : cos_stats{};
	}

	// Whether the scheduler got @n interrupt lines within a second.
	bool interrupts_reach(std::uint64_t n)
	{
		return within(1000ms, [&] { return stats().interrupts >= n; });
	}

	// `cos stat` of this system, with @options.
	std::string cos_stat(const char *options) const
	{
		std::string id;
		auto systems = device_->systems();
		if (systems)
			for (const cos_system_entry &e : systems.value())
				if (e.host_pid == static_cast<std::uint32_t>(getpid()))
					id = std::to_string(e.id);
		std::string out;
		FILE *p = popen(("cos stat --system " + id + " " + options + " 2>&1").c_str(), "r");
		char buf[512];
		while (p && fgets(buf, sizeof(buf), p))
			out += buf;
		if (p)
			pclose(p);
		return out;
	}

private:
	void stop()
	{
		while (runner_.joinable() && !finished_) {
			static_cast<void>(device_->stop());
			std::this_thread::sleep_for(10ms);
		}
		if (runner_.joinable())
			runner_.join();
	}

	cosk::loader::Load_plan plan_;
	std::optional<cosk::host::Device> device_;
	std::uint32_t waiter_ = 0;
	std::uint64_t ring_ = 0;
	bool ready_ = false;
	std::thread runner_;
	std::atomic<pid_t> host_tid_ = 0;
	std::atomic<bool> finished_ = false;
	std::optional<cos_run> outcome_;
};

TEST(NicInterrupt, EachFrameWakesTheWaitingThreadOutOfTheHostsIdleSleep)
{
	constexpr std::uint32_t frames = 5;
	Driver_system sys;
	ASSERT_TRUE(sys.ready());
	Sender sender;
	sys.start(wait_test, frames);
	for (std::uint32_t i = 0; i < frames; i++) {
		// The driver found the ring empty and waits: nothing is runnable, no timed wake-up is due,
		// so the host thread sleeps with the timer stopped, and only the line can wake it.
		ASSERT_TRUE(sys.host_idles_within(2000ms)) << "before frame " << i << " the host thread idles";
		EXPECT_EQ(sys.stats().interrupts, i);
		sender.send(frame(i));
		EXPECT_TRUE(sys.interrupts_reach(i + 1)) << "frame " << i << " raised the line and woke the host";
	}
	ASSERT_TRUE(sys.returns_within(2000ms)) << "the driver took every frame";
	EXPECT_EQ(sys.result(), frames) << "the producer index the driver saw last";
	const cos_stats s = sys.stats();
	EXPECT_EQ(s.nic_rx_delivered, frames);
	EXPECT_EQ(s.interrupts, frames) << "one line for each frame: each came to an empty ring";
	EXPECT_NE(sys.cos_stat("").find(", 5 interrupts\n"), std::string::npos) << sys.cos_stat("");
	EXPECT_NE(sys.cos_stat("--json").find(R"("interrupts": 5, )"), std::string::npos) << sys.cos_stat("--json");
}

TEST(NicInterrupt, ALineRaisedWithNobodyWaitingIsKeptForTheNextWait)
{
	Driver_system sys;
	ASSERT_TRUE(sys.ready());
	Sender sender;
	sys.start(pending_test, 1500); // ticks of 1 ms: the driver sleeps, then waits once
	ASSERT_TRUE(sys.host_idles_within(1000ms)) << "the driver sleeps";
	sender.send(frame(0));
	EXPECT_TRUE(sys.interrupts_reach(1)) << "the line came to the scheduler during the sleep";
	EXPECT_FALSE(sys.finished()) << "and did not end the sleep";
	ASSERT_TRUE(sys.returns_within(5000ms)) << "the wait returned with no other frame";
	EXPECT_EQ(sys.result(), (1ULL << 32) | 1) << "the frame was in the ring before the wait, which kept it";
	EXPECT_EQ(sys.stats().interrupts, 1u);
}

TEST(NicInterrupt, ASecondWaiterAndALinePast63AreRefused)
{
	Driver_system sys;
	ASSERT_TRUE(sys.ready());
	sys.start(refusals_test, 0);
	ASSERT_TRUE(sys.returns_within(2000ms));
	EXPECT_EQ(sys.result(), busy * 256 + no_such_line);
}

TEST(NicInterrupt, AFrameWakesAMoreUrgentThreadWhileAnotherSpins)
{
	constexpr std::uint32_t frames = 5;
	Driver_system sys;
	ASSERT_TRUE(sys.ready());
	Sender sender;
	sys.start(preempt_test, frames);
	for (std::uint32_t i = 0; i < frames; i++) {
		EXPECT_TRUE(within(1000ms, [&] { return sys.host_state() == 'R'; })) << "a thread spins";
		EXPECT_EQ(sys.stats().interrupts, i);
		sender.send(frame(i));
		EXPECT_TRUE(sys.interrupts_reach(i + 1)) << "frame " << i << " raised the line";
	}
	ASSERT_TRUE(sys.returns_within(2000ms)) << "the taker took every frame and the spinner saw it";
	EXPECT_EQ(sys.result(), frames);
	const cos_stats s = sys.stats();
	EXPECT_EQ(s.interrupts, frames);
	EXPECT_GT(s.preemptions, 0u);
}

} // namespace
