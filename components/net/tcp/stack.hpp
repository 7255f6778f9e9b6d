// SPDX-License-Identifier: GPL-2.0
// The TCP component's lwIP stack: one interface over IP and the vNIC, its threads (the network
// thread, which takes frames up from the vNIC through IP, and the timer thread), and the lock
// that serialises every use of lwIP, as COMPOSITE's TCP component did. sockets.cpp serves the
// clients' calls on it.
#pragma once

#include <cos/component.hpp>
#include <cos/net/frames.hpp>
#include <cos/system/lock.hpp>

namespace cosk::tcp {

struct Stack {
	Cos_lock lock{};
	cosk::net::Share frames;	// with the vNIC: buffer 0 to send, the rest to receive
	cosk::net::Share stream;	// with the client: stream data, by offset
	// Bytes copied by this component: frames into lwIP's buffers and out of them, stream data
	// into the client's share and out of it.
	cos_word copied = 0;
	cos_word rx_frames = 0, rx_dropped = 0, tx_frames = 0, tx_failed = 0;
};

extern Stack stack;

enum class Start { ok, not_configured, network };

// Brings the stack up on the first call (any thread; later calls wait for the first to finish):
// the interface with the graph's address, the network and timer threads.
Start start();

} // namespace cosk::tcp
