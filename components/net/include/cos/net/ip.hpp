// SPDX-License-Identifier: GPL-2.0
// IP's interface (components/net/ip): a pass-through between TCP and the vNIC, as in the MPD
// paper's webserver (section 4.1), with the vNIC's calls and errors (vnic.hpp).
#pragma once

#include <cos/component.hpp>
#include <cos/net/vnic.hpp>
#include <cos/reply.hpp>

namespace cosk::ip {

using Error = vnic::Error;

COS_IMPORT_ON_CALL(ip_rx);
COS_IMPORT_ON_CALL(ip_tx);
COS_IMPORT_ON_CALL(ip_mac);
COS_IMPORT_ON_CALL(ip_stat);

inline Attempt<cos_word, Error> rx(cos_word first, cos_word count)
{
	return decode<Error>(ip_rx(first, count));
}

inline Attempt<Done, Error> tx(cos_word n)
{
	return decode<Error, Done>(ip_tx(n));
}

inline Attempt<cos_word, Error> mac()
{
	return decode<Error>(ip_mac());
}

// The vNIC's counters, through IP.
inline cos_word stat(vnic::Stat which)
{
	return ip_stat(static_cast<cos_word>(which));
}

} // namespace cosk::ip
