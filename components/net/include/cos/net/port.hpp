// SPDX-License-Identifier: GPL-2.0
// The port manager's interface (components/net/portmgr): transport ports handed out to the
// components that listen or connect, and taken back. A port belongs to the component that took it
// (the manager asks the component kernel who calls); only that one gives it back.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::port {

enum class Error : cos_word {
	in_use = 1,		// port_take: someone holds that port
	no_port_left = 2,	// port_take(0): every ephemeral port is taken
	not_yours = 3,		// port_give_back: the caller does not hold that port
	bad_port = 4,		// above 65535
};

COS_IMPORT_ON_CALL(port_take);
COS_IMPORT_ON_CALL(port_give_back);

// The port, or any free one from the ephemeral range when port is 0.
inline Attempt<cos_word, Error> take(cos_word port)
{
	return decode<Error>(port_take(port));
}

inline Attempt<Done, Error> give_back(cos_word port)
{
	return decode<Error, Done>(port_give_back(port));
}

} // namespace cosk::port
