// SPDX-License-Identifier: GPL-2.0
// The TCP component's lwIP stack: one interface over IP and the vNIC, its threads (the network
// thread, which takes frames up from the vNIC through IP, and the timer thread), and the lock
// that serialises every use of lwIP, as COMPOSITE's TCP component did. sockets.cpp serves the
// clients' calls on it.
#pragma once

#include <cos/component.hpp>
#include <cos/net/frames.hpp>
#include <cos/net/tcp.hpp>
#include <cos/system/lock.hpp>

namespace cosk::tcp {

struct Stack {
	Cos_lock lock{};
	cosk::net::Share frames;	// with the vNIC: buffer 0 to send, the rest to receive
	cosk::net::Share stream;	// with the client: stream data, by offset
	// What sock_stat reports (cosk::tcp::Stat).
	cos_word stats[static_cast<cos_word>(Stat::count)] = {};

	void count(Stat which, cos_word n = 1) { stats[static_cast<cos_word>(which)] += n; }
};

extern Stack stack;

enum class Start { ok, not_configured, network };

// Brings the stack up on the first call (any thread; later calls wait for the first to finish):
// the interface with the graph's address, the network and timer threads.
Start start();

} // namespace cosk::tcp
