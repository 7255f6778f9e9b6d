// SPDX-License-Identifier: GPL-2.0
// One direction of an Ethernet link in memory: the sending interface's linkoutput copies each
// frame into a ring, and the main loop later hands it to the receiving interface's input. The
// queue is what keeps lwIP from re-entering itself (a frame sent from inside a receive callback
// would otherwise be received inside it).
#pragma once

#include <cstdint>

#include "lwip/netif.h"
#include "lwip/pbuf.h"

class Wire {
public:
	// Loses every nth frame sent from now on (0: none), as a lossy link would.
	void lose_every(std::uint64_t n) { lose_every_ = n; }

	// Copies the frame in (lwIP keeps its pbuf); false when the ring is full or the frame too
	// long, as a real link would drop it, or when this frame is one the link loses.
	bool send(const pbuf *p)
	{
		if (count_ == capacity || p->tot_len > sizeof(Frame::bytes)) {
			dropped++;
			return false;
		}
		if (lose_every_ != 0 && ++offered_ % lose_every_ == 0) {
			lost++;
			return false;
		}
		Frame &frame = frames_[(head_ + count_) % capacity];
		frame.length = pbuf_copy_partial(p, frame.bytes, p->tot_len, 0);
		count_++;
		sent++;
		return true;
	}

	// Hands the oldest frame to @to's input; false when there was none.
	bool deliver(netif &to)
	{
		if (count_ == 0)
			return false;
		const Frame &frame = frames_[head_];
		head_ = (head_ + 1) % capacity;
		count_--;
		pbuf *p = pbuf_alloc(PBUF_RAW, frame.length, PBUF_POOL);
		if (p == nullptr) {
			dropped++;
			return true;
		}
		if (pbuf_take(p, frame.bytes, frame.length) != ERR_OK || to.input(p, &to) != ERR_OK)
			pbuf_free(p);
		return true;
	}

	std::uint64_t sent = 0;
	std::uint64_t dropped = 0;
	std::uint64_t lost = 0;

private:
	struct Frame {
		std::uint16_t length;
		std::uint8_t bytes[1536];
	};
	static constexpr unsigned capacity = 128;
	Frame frames_[capacity];
	unsigned head_ = 0;
	unsigned count_ = 0;
	std::uint64_t lose_every_ = 0;
	std::uint64_t offered_ = 0;
};
