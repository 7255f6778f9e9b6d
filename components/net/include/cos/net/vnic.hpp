// SPDX-License-Identifier: GPL-2.0
// The vNIC's interface (components/net/vnic): the system's Ethernet device as frames in the
// `frames` share (frames.hpp). Its client is IP; the numbers it takes are buffers of that share.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::vnic {

enum class Error : cos_word {
	bad_buffer = 1,		// a buffer number or frame length outside the share
	no_device = 2,		// the graph attached no device, or it went away
	refused = 3,		// the device would not take the frame (down, full, too long)
	not_configured = 4,	// the graph gave the vNIC no ring or no `frames` share
};

COS_IMPORT_ON_CALL(vnic_rx);
COS_IMPORT_ON_CALL(vnic_tx);
COS_IMPORT_ON_CALL(vnic_mac);
COS_IMPORT_ON_CALL(vnic_stat);

// The vNIC's counters, by number (vnic_stat).
enum class Stat : cos_word {
	copied = 0,	// bytes copied from the receive ring into the share
	received = 1,	// frames handed up
	malformed = 2,	// frames of the ring passed over (shorter than a header, or too long)
	sent = 3,	// frames the device took
	send_failed = 4,
	count
};

// Waits until frames arrived, then fills buffers first .. first + count - 1 with as many of them
// as there are (in order); how many it filled (at least 1).
inline Attempt<cos_word, Error> rx(cos_word first, cos_word count)
{
	return decode<Error>(vnic_rx(first, count));
}

// Sends the frame in buffer n.
inline Attempt<Done, Error> tx(cos_word n)
{
	return decode<Error, Done>(vnic_tx(n));
}

// The system's Ethernet address: byte i in bits 47 - 8i .. 40 - 8i.
inline Attempt<cos_word, Error> mac()
{
	return decode<Error>(vnic_mac());
}

// One counter; 0 for a number it does not know.
inline cos_word stat(Stat which)
{
	return vnic_stat(static_cast<cos_word>(which));
}

} // namespace cosk::vnic
