// SPDX-License-Identifier: GPL-2.0
// An AF_PACKET socket bound to one interface: see packet_socket.hpp.
#include "tests/net/packet_socket.hpp"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace cosk::net_test {

namespace {

// The interface's addresses and MTU, asked through fd (any socket); false with errno on failure.
bool describe(int fd, const std::string &name, Interface &out)
{
	ifreq request{};
	std::strncpy(request.ifr_name, name.c_str(), IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFHWADDR, &request) != 0)
		return false;
	std::copy_n(reinterpret_cast<const std::uint8_t *>(request.ifr_hwaddr.sa_data), out.mac.size(),
		    out.mac.begin());
	if (ioctl(fd, SIOCGIFMTU, &request) != 0)
		return false;
	out.mtu = static_cast<unsigned>(request.ifr_mtu);
	// SIOCGIFADDR needs an AF_INET socket; an interface without an address is no error.
	const int inet = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (inet < 0)
		return false;
	if (ioctl(inet, SIOCGIFADDR, &request) == 0) {
		sockaddr_in address{};
		std::memcpy(&address, &request.ifr_addr, sizeof address);
		out.ipv4 = ntohl(address.sin_addr.s_addr);
	}
	close(inet);
	return true;
}

} // namespace

Socket_opened Packet_socket::open(const std::string &interface_name)
{
	Interface interface;
	interface.index = static_cast<int>(if_nametoindex(interface_name.c_str()));
	if (interface.index == 0)
		return {std::nullopt, Socket_error::no_such_interface, errno};
	// Protocol 0: the socket sends and never receives.
	const int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return {std::nullopt, errno == EPERM ? Socket_error::not_permitted : Socket_error::system, errno};
	sockaddr_ll address{};
	address.sll_family = AF_PACKET;
	address.sll_ifindex = interface.index;
	if (bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0 ||
	    !describe(fd, interface_name, interface)) {
		const int error = errno;
		close(fd);
		return {std::nullopt, error == ENODEV ? Socket_error::no_such_interface : Socket_error::system, error};
	}
	return {Packet_socket(fd, interface), Socket_error::none, 0};
}

Packet_socket::Packet_socket(Packet_socket &&other) noexcept : fd_(other.fd_), interface_(other.interface_)
{
	other.fd_ = -1;
}

Packet_socket::~Packet_socket()
{
	if (fd_ >= 0)
		close(fd_);
}

int Packet_socket::send(std::span<const std::uint8_t> frame)
{
	// A device whose queue is full refuses with ENOBUFS (its queueing discipline dropped the
	// frame); the queue drains in a moment, and the frame goes again. A veth has no queue and
	// never says so: it drops what its peer cannot take silently, which only the peer's
	// counters show.
	for (int attempt = 0;; attempt++) {
		const ssize_t sent = ::send(fd_, frame.data(), frame.size(), 0);
		if (sent == static_cast<ssize_t>(frame.size()))
			return 0;
		if (sent >= 0)
			return EMSGSIZE; // a packet socket sends all or nothing; never seen
		if (errno == EINTR)
			continue;
		if (errno != ENOBUFS || attempt == 100)
			return errno;
		std::this_thread::sleep_for(std::chrono::milliseconds(1));
	}
}

} // namespace cosk::net_test
