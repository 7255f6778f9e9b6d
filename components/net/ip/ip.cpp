// SPDX-License-Identifier: GPL-2.0
// IP: a pass-through between TCP and the vNIC, as in the MPD paper's webserver, where it is a
// protection boundary of its own on the network path (section 4.1.2); lwIP's IP layer runs in the
// TCP component. Frames pass by reference (buffer numbers of the `frames` share), which this
// component never maps.
#include <cos/component.hpp>
#include <cos/net/ip.hpp>
#include <cos/net/vnic.hpp>

extern "C" cos_word ip_rx(cos_word first, cos_word count, cos_word, cos_word)
{
	return cosk::vnic::vnic_rx(first, count);
}
COS_EXPORT(ip_rx);

extern "C" cos_word ip_tx(cos_word n, cos_word, cos_word, cos_word)
{
	return cosk::vnic::vnic_tx(n);
}
COS_EXPORT(ip_tx);

extern "C" cos_word ip_mac(cos_word, cos_word, cos_word, cos_word)
{
	return cosk::vnic::vnic_mac();
}
COS_EXPORT(ip_mac);

extern "C" cos_word ip_stat(cos_word which, cos_word, cos_word, cos_word)
{
	return cosk::vnic::vnic_stat(which);
}
COS_EXPORT(ip_stat);
