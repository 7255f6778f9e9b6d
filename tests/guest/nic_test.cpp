// SPDX-License-Identifier: GPL-2.0
// A system's network interface (COS_IOC_NIC_ATTACH, COS_IOC_CALL_NIC_SEND), on a veth pair that
// tests/guest/cases/nic.sh makes: cosv0, attached, with 10.99.0.1, and its peer cosv1, from which
// packet sockets send and on which they receive. The system is built by hand over the ioctls; its
// one component's hand-written code loads and stores words of its memory (how the test reads the
// receive ring and moves its consumer index) and makes component calls.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <string>
#include <thread>
#include <vector>

#include "module/uapi/cos.h"
#include "tests/guest/hand_code.hpp"

namespace {

using namespace cosk::hand;

constexpr std::uint64_t base = COS_REGION_BASE + COS_SLOT_SIZE; // slot 1
constexpr std::uint64_t data = base + 0x10000; // a read-write page: the frame to send
constexpr std::uint64_t ring = base + 0x100000;
constexpr std::uint16_t test_type = 0x88b5; // IEEE local experimental EtherType

using Mac = std::array<std::uint8_t, 6>;
using Frame = std::vector<std::uint8_t>;
constexpr Mac system_mac = {0x02, 0xc0, 0x5e, 0x00, 0x00, 0x01};
constexpr Mac other_mac = {0x02, 0xc0, 0x5e, 0x00, 0x00, 0x99};
constexpr Mac broadcast = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

// A system of one component (slot 1) created with @flags, its code and a data page mapped.
class System {
public:
	explicit System(std::uint32_t flags)
	{
		fd_ = open("/dev/cos", O_RDWR | O_CLOEXEC);
		EXPECT_GE(fd_, 0);
		cos_pd_create pd{};
		EXPECT_EQ(call(fd_, COS_IOC_PD_CREATE, &pd), 0);
		cos_component_create c{};
		c.slot = 1;
		c.flags = flags;
		c.upcall_entry = base;
		c.inv_stub = base;
		c.pd = pd.id;
		std::strcpy(c.name, "nic");
		EXPECT_EQ(call(fd_, COS_IOC_COMPONENT_CREATE, &c), 0);
		id_ = c.id;
		const auto code = hand_component_code();
		map(base, COS_PROT_READ | COS_PROT_EXEC, code.data(), page);
		map(data, COS_PROT_READ | COS_PROT_WRITE, nullptr, 0);
	}
	System(const System &) = delete;
	System &operator=(const System &) = delete;
	~System() { close(); }

	void close()
	{
		if (fd_ >= 0)
			::close(fd_);
		fd_ = -1;
	}

	void map(std::uint64_t addr, std::uint32_t prot, const void *src, std::uint64_t size)
	{
		cos_map m{};
		m.component = id_;
		m.prot = prot;
		m.addr = addr;
		m.size = page;
		m.src = reinterpret_cast<std::uintptr_t>(src);
		m.src_size = size;
		EXPECT_EQ(call(fd_, COS_IOC_MAP, &m), 0);
	}

	// COS_IOC_NIC_ATTACH: 0 or its errno.
	int attach(const char *ifname, std::uint32_t slots = 16, Mac addr = system_mac)
	{
		cos_nic_attach a{};
		std::strncpy(a.ifname, ifname, sizeof(a.ifname) - 1);
		a.component = id_;
		a.slots = slots;
		a.ring = ring;
		std::memcpy(a.addr, addr.data(), addr.size());
		return call(fd_, COS_IOC_NIC_ATTACH, &a);
	}

	std::uint64_t run(std::uint64_t fn, std::uint64_t a0, std::uint64_t a1 = 0, std::uint64_t a2 = 0)
	{
		cos_run r{};
		r.component = id_;
		r.fn = base + fn;
		r.args[0] = a0;
		r.args[1] = a1;
		r.args[2] = a2;
		EXPECT_EQ(call(fd_, COS_IOC_RUN, &r), 0);
		EXPECT_EQ(r.status, static_cast<__u32>(COS_RUN_RETURNED));
		return r.result;
	}

	std::uint64_t load(std::uint64_t addr) { return run(load_export, addr); }
	void store(std::uint64_t addr, std::uint64_t value) { run(store_export, addr, value); }
	std::int64_t make(unsigned long request, std::uint64_t rdx, std::uint64_t r8)
	{
		return static_cast<std::int64_t>(run(call_export, request, rdx, r8));
	}

	std::uint32_t producer() { return static_cast<std::uint32_t>(load(ring)); }
	void consume_all() { store(ring + offsetof(cos_nic_ring, consumer), producer()); }

	// Frame @n of the ring, read word by word through the component.
	Frame frame(std::uint32_t n, std::uint32_t slots)
	{
		const std::uint64_t slot = ring + COS_NIC_RING_SLOTS_OFFSET + (n % slots) * COS_NIC_SLOT_SIZE;
		const std::uint32_t len = static_cast<std::uint32_t>(load(slot));
		Frame out((len + 7) / 8 * 8);
		for (std::uint32_t off = 0; off < len; off += 8) {
			const std::uint64_t word = load(slot + offsetof(cos_nic_slot, frame) + off);
			std::memcpy(out.data() + off, &word, 8);
		}
		out.resize(len);
		return out;
	}

	// Whether one of frames @from .. producer is exactly @want.
	bool ring_has(std::uint32_t from, const Frame &want, std::uint32_t slots = 16)
	{
		for (std::uint32_t n = from, end = producer(); n != end; n++)
			if (frame(n, slots) == want)
				return true;
		return false;
	}

	cos_stats stats()
	{
		cos_stats s{};
		EXPECT_EQ(call(fd_, COS_IOC_STATS, &s), 0);
		return s;
	}

	// Polls the counters (frames reach the ring in softirq) until @done, for up to two seconds.
	cos_stats await(const std::function<bool(const cos_stats &)> &done)
	{
		cos_stats s{};
		for (int i = 0; i < 200; i++) {
			s = stats();
			if (done(s))
				break;
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
		}
		return s;
	}

	[[nodiscard]] int fd() const { return fd_; }

private:
	int fd_ = -1;
	std::uint32_t id_ = 0;
};

Mac mac_of(const char *ifname)
{
	Mac mac{};
	ifreq ifr{};
	const int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	std::strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	EXPECT_EQ(ioctl(s, SIOCGIFHWADDR, &ifr), 0) << ifname;
	::close(s);
	std::memcpy(mac.data(), ifr.ifr_hwaddr.sa_data, mac.size());
	return mac;
}

// A packet socket on @ifname for @protocol (network order); ETH_P_ALL sees every frame.
class Packet_socket {
public:
	Packet_socket(const char *ifname, std::uint16_t protocol) : ifindex_(if_nametoindex(ifname))
	{
		fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, protocol);
		EXPECT_GE(fd_, 0);
		sockaddr_ll sll{};
		sll.sll_family = AF_PACKET;
		sll.sll_protocol = protocol;
		sll.sll_ifindex = static_cast<int>(ifindex_);
		EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr *>(&sll), sizeof(sll)), 0) << ifname;
	}
	Packet_socket(const Packet_socket &) = delete;
	Packet_socket &operator=(const Packet_socket &) = delete;
	~Packet_socket() { ::close(fd_); }

	void send(const Frame &frame)
	{
		sockaddr_ll sll{};
		sll.sll_family = AF_PACKET;
		sll.sll_ifindex = static_cast<int>(ifindex_);
		sll.sll_halen = 6;
		std::memcpy(sll.sll_addr, frame.data(), 6);
		EXPECT_EQ(sendto(fd_, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr *>(&sll), sizeof(sll)),
			  static_cast<ssize_t>(frame.size()))
			<< std::strerror(errno);
	}

	// Whether a received (not outgoing) frame for which @match holds arrives within a second.
	bool receives(const std::function<bool(const Frame &)> &match)
	{
		const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
		while (std::chrono::steady_clock::now() < end) {
			pollfd p{fd_, POLLIN, 0};
			if (poll(&p, 1, 50) <= 0)
				continue;
			Frame buf(65536);
			sockaddr_ll from{};
			socklen_t len = sizeof(from);
			const ssize_t n = recvfrom(fd_, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr *>(&from), &len);
			if (n < 0 || from.sll_pkttype == PACKET_OUTGOING)
				continue;
			buf.resize(static_cast<std::size_t>(n));
			if (match(buf))
				return true;
		}
		return false;
	}

	bool receives(const Frame &want)
	{
		return receives([&](const Frame &f) { return f == want; });
	}

private:
	int fd_ = -1;
	unsigned ifindex_;
};

// A frame of @type from cosv1 to @dest: a tag, then @len bytes of pattern in all.
Frame frame_to(const Mac &dest, std::uint32_t tag, std::size_t len = 100, std::uint16_t type = test_type)
{
	Frame f(dest.begin(), dest.end());
	const Mac src = mac_of("cosv1");
	f.insert(f.end(), src.begin(), src.end());
	f.push_back(static_cast<std::uint8_t>(type >> 8));
	f.push_back(static_cast<std::uint8_t>(type));
	put<std::uint32_t>(f, tag);
	for (std::size_t i = f.size(); i < len; i++)
		f.push_back(static_cast<std::uint8_t>(i * 7 + tag));
	return f;
}

// An ARP request from cosv1 (as 10.99.0.2) for 10.99.0.1, cosv0's address, sent to @dest.
Frame arp_request(const Mac &dest)
{
	Frame f = frame_to(dest, 0, 0, ETH_P_ARP);
	f.resize(14);
	const Mac src = mac_of("cosv1");
	append(f, {0, 1, 8, 0, 6, 4, 0, 1}); // Ethernet, IPv4, 6, 4, request
	f.insert(f.end(), src.begin(), src.end());
	append(f, {10, 99, 0, 2, 0, 0, 0, 0, 0, 0, 10, 99, 0, 1});
	f.resize(ETH_ZLEN);
	return f;
}

// Whether @f is Linux's ARP reply for 10.99.0.1, from cosv0.
bool is_arp_reply(const Frame &f)
{
	const Mac cosv0 = mac_of("cosv0");
	return f.size() >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 2 &&
	       std::equal(cosv0.begin(), cosv0.end(), f.begin() + 6) && f[28] == 10 && f[29] == 99 && f[31] == 1;
}

// Runs @command; its exit status.
int shell(const std::string &command)
{
	return std::system(command.c_str());
}

TEST(Nic, AttachRefusesWhatItMust)
{
	System sys(COS_COMPONENT_NIC);
	EXPECT_EQ(sys.attach("cosnone0"), ENODEV) << "no such device";
	EXPECT_EQ(sys.attach("lo"), EOPNOTSUPP) << "not Ethernet";
	EXPECT_EQ(sys.attach("cosv0", 16, {0x03, 0, 0, 0, 0, 1}), EINVAL) << "a multicast address";
	EXPECT_EQ(sys.attach("cosv0", 16, broadcast), EINVAL) << "the broadcast address";
	EXPECT_EQ(sys.attach("cosv0", 16, {}), EINVAL) << "the zero address";
	EXPECT_EQ(sys.attach("cosv0", 12), EINVAL) << "not a power of two";
	EXPECT_EQ(sys.attach("cosv0", 0), EINVAL) << "no slot";
	EXPECT_EQ(sys.attach("cosv0", 2 * COS_NIC_RING_MAX_SLOTS), EINVAL) << "too many slots";
	EXPECT_EQ(sys.attach("cosbrp0"), EBUSY) << "a bridge port: its receive path is the bridge's";
	System unprivileged(0);
	EXPECT_EQ(unprivileged.attach("cosv0"), EPERM) << "no COS_COMPONENT_NIC";
	EXPECT_EQ(sys.stats().nics, 0u) << "no refusal attached anything";

	ASSERT_EQ(sys.attach("cosv0"), 0);
	EXPECT_EQ(sys.attach("cosv0"), EBUSY) << "a second attach";
	System other(COS_COMPONENT_NIC);
	EXPECT_EQ(other.attach("cosv0"), EBUSY) << "another system's device";
	EXPECT_EQ(sys.stats().nics, 1u);
	EXPECT_EQ(sys.producer(), 0u);
	EXPECT_EQ(sys.load(ring) >> 32, 16u) << "the ring's header names its slots";
}

TEST(Nic, UnicastToTheSystemLandsInTheRingByteExactAndNotInLinux)
{
	System sys(COS_COMPONENT_NIC);
	ASSERT_EQ(sys.attach("cosv0"), 0);
	Packet_socket sender("cosv1", 0);
	Packet_socket linux_side("cosv0", htons(test_type));
	for (std::size_t len : {std::size_t{ETH_ZLEN}, std::size_t{1514}}) {
		const std::uint32_t from = sys.producer();
		const Frame f = frame_to(system_mac, 0x1000 + static_cast<std::uint32_t>(len), len);
		sender.send(f);
		sys.await([&](const cos_stats &s) { return s.nic_rx_delivered > 0 && sys.producer() != from; });
		EXPECT_TRUE(sys.ring_has(from, f)) << len << " bytes";
		EXPECT_FALSE(linux_side.receives(f)) << "the system's frame is consumed";
		sys.consume_all();
	}
	const cos_stats s = sys.stats();
	EXPECT_GE(s.nic_rx_seen, 2u);
	EXPECT_EQ(s.nic_rx_seen, s.nic_rx_delivered + s.nic_rx_full + s.nic_rx_dropped);
}

// A system attached to cosv0, a socket that sends on cosv1, one that sees every frame arriving
// there, and one that sees the frames of the test's EtherType Linux gets on cosv0.
struct Attached {
	System sys{COS_COMPONENT_NIC};
	int attached = sys.attach("cosv0");
	Packet_socket sender{"cosv1", 0};
	Packet_socket peer{"cosv1", htons(ETH_P_ALL)};
	Packet_socket linux_side{"cosv0", htons(test_type)};
};

TEST(Nic, BroadcastLandsInTheRingAndReachesLinux)
{
	Attached a;
	ASSERT_EQ(a.attached, 0);
	auto &[sys, attached, sender, peer, linux_side] = a;

	std::uint32_t from = sys.producer();
	const Frame f = frame_to(broadcast, 0x2000);
	sender.send(f);
	EXPECT_TRUE(linux_side.receives(f)) << "Linux got the broadcast";
	EXPECT_TRUE(sys.ring_has(from, f)) << "and so did the ring";

	from = sys.producer();
	const Frame arp = arp_request(broadcast);
	sender.send(arp);
	EXPECT_TRUE(peer.receives(is_arp_reply)) << "Linux answered a broadcast ARP request on cosv0";
	EXPECT_TRUE(sys.ring_has(from, arp)) << "the request is in the ring";
}

TEST(Nic, FramesForOtherAddressesGoToLinuxOnly)
{
	Attached a;
	ASSERT_EQ(a.attached, 0);
	auto &[sys, attached, sender, peer, linux_side] = a;

	const std::uint32_t from = sys.producer();
	const Frame f = frame_to(other_mac, 0x3000);
	sender.send(f);
	EXPECT_TRUE(linux_side.receives(f)) << "Linux got the frame for another address";
	const Frame arp = arp_request(mac_of("cosv0"));
	sender.send(arp);
	EXPECT_TRUE(peer.receives(is_arp_reply)) << "Linux answered an ARP request sent to cosv0";
	EXPECT_FALSE(sys.ring_has(from, f));
	EXPECT_FALSE(sys.ring_has(from, arp));
}

TEST(Nic, AFullRingDropsAndCounts)
{
	System sys(COS_COMPONENT_NIC);
	ASSERT_EQ(sys.attach("cosv0", 4), 0);
	Packet_socket sender("cosv1", 0);
	for (std::uint32_t i = 0; i < 8; i++)
		sender.send(frame_to(system_mac, 0x4000 + i));
	cos_stats s = sys.await([](const cos_stats &c) { return c.nic_rx_full >= 4; });
	EXPECT_EQ(s.nic_rx_delivered, 4u) << "the ring holds four";
	EXPECT_GE(s.nic_rx_full, 4u) << "the others were dropped";
	EXPECT_EQ(sys.producer(), 4u);

	sys.consume_all();
	const Frame f = frame_to(system_mac, 0x4100);
	sender.send(f);
	s = sys.await([](const cos_stats &c) { return c.nic_rx_delivered >= 5; });
	EXPECT_EQ(s.nic_rx_delivered, 5u) << "room again once the component consumed";
	EXPECT_TRUE(sys.ring_has(4, f, 4));
}

TEST(Nic, AnOversizeFrameIsDroppedAndCounted)
{
	System sys(COS_COMPONENT_NIC);
	ASSERT_EQ(sys.attach("cosv0"), 0);
	Packet_socket sender("cosv1", 0);
	sender.send(frame_to(system_mac, 0x5000, COS_NIC_FRAME_MAX + 1));
	const cos_stats s = sys.await([](const cos_stats &c) { return c.nic_rx_dropped >= 1; });
	EXPECT_EQ(s.nic_rx_dropped, 1u);
	EXPECT_EQ(sys.producer(), 0u) << "nothing went into the ring";
}

TEST(Nic, TheComponentSendsAFrameThatArrivesByteExact)
{
	System sys(COS_COMPONENT_NIC);
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data, ETH_ZLEN), -ENODEV) << "no device yet";
	Frame f = frame_to(mac_of("cosv1"), 0x6000, 1000);
	std::memcpy(f.data() + 6, system_mac.data(), 6);
	sys.map(data + page, COS_PROT_READ | COS_PROT_WRITE, f.data(), f.size());
	ASSERT_EQ(sys.attach("cosv0"), 0);
	Packet_socket peer("cosv1", htons(ETH_P_ALL));

	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data + page, f.size()), 0);
	EXPECT_TRUE(peer.receives(f)) << "the frame arrived at cosv1 as the component wrote it";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data + page, ETH_HLEN - 1), -EINVAL) << "shorter than a header";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data + page, 42), 0) << "a short frame, padded";
	f.resize(ETH_ZLEN);
	std::fill(f.begin() + 42, f.end(), 0);
	EXPECT_TRUE(peer.receives(f)) << "padded with zeros to 60 bytes";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data + page, 4000 + ETH_HLEN + 1), -EINVAL) << "over the MTU";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data + 4 * page, ETH_ZLEN), -EFAULT) << "unmapped memory";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, base + 2 * COS_SLOT_SIZE, ETH_ZLEN), -EFAULT)
		<< "no component's memory";
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, ring, ETH_ZLEN), 0) << "the ring is the component's memory";
	const cos_stats s = sys.stats();
	EXPECT_EQ(s.nic_tx_sent, 3u);
	EXPECT_EQ(s.nic_tx_failed, 4u) << "the refusals before the attach count nowhere";

	System unprivileged(0);
	EXPECT_EQ(unprivileged.make(COS_IOC_CALL_NIC_SEND, data, ETH_ZLEN), -EPERM);
}

// What `cos stat` shows of this process's system (its id from COS_IOC_SYSTEMS).
std::string cos_stat(int fd, const char *options)
{
	std::array<cos_system_entry, 64> entries{};
	cos_system_list list{};
	list.systems = reinterpret_cast<std::uintptr_t>(entries.data());
	list.capacity = entries.size();
	EXPECT_EQ(call(fd, COS_IOC_SYSTEMS, &list), 0);
	std::string id;
	for (std::uint32_t i = 0; i < list.count && i < entries.size(); i++)
		if (entries[i].host_pid == static_cast<std::uint32_t>(getpid()))
			id = std::to_string(entries[i].id);
	std::string out;
	FILE *p = popen(("cos stat --system " + id + " " + options + " 2>&1").c_str(), "r");
	EXPECT_NE(p, nullptr);
	char buf[512];
	while (p && fgets(buf, sizeof(buf), p))
		out += buf;
	if (p)
		pclose(p);
	return out;
}

TEST(Nic, CosStatShowsTheInterface)
{
	System sys(COS_COMPONENT_NIC);
	EXPECT_EQ(cos_stat(sys.fd(), "").find("nic:"), std::string::npos) << "no line without a device";
	ASSERT_EQ(sys.attach("cosv0", 4), 0);
	Packet_socket sender("cosv1", 0);
	for (std::uint32_t i = 0; i < 5; i++)
		sender.send(frame_to(system_mac, 0x8000 + i));
	sys.await([](const cos_stats &c) { return c.nic_rx_seen >= 5; });
	EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data, ETH_ZLEN), 0);
	const std::string text = cos_stat(sys.fd(), "");
	EXPECT_NE(text.find("nic: 5 frames received, 4 into the ring, 1 dropped (ring full), 0 dropped (malformed or "
			    "oversize), 1 sent, 0 send failures"),
		  std::string::npos)
		<< text;
	const std::string json = cos_stat(sys.fd(), "--json");
	EXPECT_NE(json.find(R"("nic": {"rx_seen": 5, "rx_delivered": 4, "rx_full": 1, "rx_dropped": 0, )"
			    R"("tx_sent": 1, "tx_failed": 0})"),
		  std::string::npos)
		<< json;
}

TEST(Nic, ClosingTheSystemLetsGoOfTheDevice)
{
	const std::uint64_t before = pages_in_use();
	{
		System sys(COS_COMPONENT_NIC);
		ASSERT_EQ(sys.attach("cosv0", COS_NIC_RING_MAX_SLOTS), 0);
		EXPECT_GE(pages_in_use(), before + 1 + COS_NIC_RING_MAX_SLOTS / 2) << "the ring's pages are counted";
		Packet_socket sender("cosv1", 0);
		sender.send(frame_to(system_mac, 0x7000));
		sys.await([](const cos_stats &c) { return c.nic_rx_delivered >= 1; });
	}
	EXPECT_EQ(pages_in_use(), before);
	Packet_socket sender("cosv1", 0);
	Packet_socket linux_side("cosv0", htons(test_type));
	const Frame f = frame_to(system_mac, 0x7100);
	sender.send(f);
	EXPECT_TRUE(linux_side.receives(f)) << "with no system, Linux gets every frame";
	System again(COS_COMPONENT_NIC);
	EXPECT_EQ(again.attach("cosv0"), 0) << "the receive path is free again";
}

TEST(Nic, TheDeviceGoingAwayLetsGoOfItAndLeaksNothing)
{
	ASSERT_EQ(shell("ip link add cosv4 type veth peer name cosv5 && ip link set cosv4 up && ip link set cosv5 up"),
		  0);
	const std::uint64_t before = pages_in_use();
	{
		System sys(COS_COMPONENT_NIC);
		ASSERT_EQ(sys.attach("cosv4"), 0);
		EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data, ETH_ZLEN), 0) << "sends while attached";
		EXPECT_EQ(shell("timeout 30 ip link del cosv4"), 0) << "the module held no reference that blocks it";
		EXPECT_EQ(sys.make(COS_IOC_CALL_NIC_SEND, data, ETH_ZLEN), -ENODEV) << "sends after it went";
		const cos_stats s = sys.stats();
		EXPECT_EQ(sys.producer(), s.nic_rx_delivered) << "the ring is still mapped, and as it was";
		EXPECT_EQ(s.nics, 1u);
		EXPECT_EQ(s.nic_tx_sent, 1u);
		EXPECT_EQ(s.nic_tx_failed, 1u);
	}
	EXPECT_EQ(pages_in_use(), before);
}

// A host killed while its system runs, attached: the device is let go with the system.
TEST(Nic, AKilledHostLetsGoOfTheDevice)
{
	const std::uint64_t before = pages_in_use();
	int ready[2];
	ASSERT_EQ(pipe(ready), 0);
	const pid_t child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		System sys(COS_COMPONENT_NIC);
		const char status = sys.attach("cosv0") == 0 ? 'y' : 'n';
		if (write(ready[1], &status, 1) != 1)
			_exit(1);
		sys.run(spin_export, 0);
		_exit(1);
	}
	::close(ready[1]);
	char status = 0;
	ASSERT_EQ(read(ready[0], &status, 1), 1);
	::close(ready[0]);
	EXPECT_EQ(status, 'y') << "the child attached";
	std::this_thread::sleep_for(std::chrono::milliseconds(200));
	System other(COS_COMPONENT_NIC);
	EXPECT_EQ(other.attach("cosv0"), EBUSY) << "the running system holds the device";
	Packet_socket sender("cosv1", 0);
	sender.send(frame_to(broadcast, 0x9000));
	ASSERT_EQ(kill(child, SIGKILL), 0);
	int wstatus = 0;
	ASSERT_EQ(waitpid(child, &wstatus, 0), child);
	EXPECT_TRUE(WIFSIGNALED(wstatus));
	int answer = EBUSY;
	for (int i = 0; i < 200 && answer == EBUSY; i++) {
		answer = other.attach("cosv0");
		if (answer == EBUSY)
			std::this_thread::sleep_for(std::chrono::milliseconds(10));
	}
	EXPECT_EQ(answer, 0) << "the killed host's system let go of the device";
	other.close();
	// The killed system's end may still be freeing the rest (its domains) when the device is free.
	std::uint64_t after = pages_in_use();
	for (int i = 0; i < 200 && after != before; i++) {
		std::this_thread::sleep_for(std::chrono::milliseconds(10));
		after = pages_in_use();
	}
	EXPECT_EQ(after, before);
}

} // namespace
