// SPDX-License-Identifier: GPL-2.0
// The port manager: hands out transport ports and takes them back (section 4.1.2 of the MPD
// paper). A port belongs to the component that took it, as the component kernel names the caller;
// only that one gives it back.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/net/port.hpp>

namespace {

using cosk::port::Error;

constexpr cos_word ports = 65536;
constexpr cos_word ephemeral_first = 49152;
constexpr std::uint8_t free_port = 0;

// The holder of each port: its component id + 1, or 0.
std::uint8_t holder[ports];
cos_word next_ephemeral = ephemeral_first;

// The caller's mark: component ids are below COS_MAX_COMPONENTS, which fits a byte with room.
cosk::Attempt<std::uint8_t, Error> caller_mark(const void *return_address)
{
	auto client = cosk::kernel::client(return_address);
	if (!client || client.value() >= 255)
		return cosk::Failure{Error::not_yours};
	return static_cast<std::uint8_t>(client.value() + 1);
}

} // namespace

// port_take(port): port, or a free ephemeral one for 0.
extern "C" cos_word port_take(cos_word port, cos_word, cos_word, cos_word)
{
	auto mark = caller_mark(COS_RETURN_ADDRESS());
	if (!mark)
		return cosk::reply_error(mark.error());
	if (port >= ports)
		return cosk::reply_error(Error::bad_port);
	if (port == 0) {
		for (cos_word tried = 0; tried < ports - ephemeral_first; tried++) {
			const cos_word p = next_ephemeral;
			next_ephemeral = p + 1 < ports ? p + 1 : ephemeral_first;
			if (holder[p] == free_port) {
				holder[p] = mark.value();
				return p;
			}
		}
		return cosk::reply_error(Error::no_port_left);
	}
	if (holder[port] != free_port)
		return cosk::reply_error(Error::in_use);
	holder[port] = mark.value();
	return port;
}
COS_EXPORT(port_take);

// port_give_back(port): the caller's port is free again.
extern "C" cos_word port_give_back(cos_word port, cos_word, cos_word, cos_word)
{
	auto mark = caller_mark(COS_RETURN_ADDRESS());
	if (!mark)
		return cosk::reply_error(mark.error());
	if (port >= ports)
		return cosk::reply_error(Error::bad_port);
	if (holder[port] != mark.value())
		return cosk::reply_error(Error::not_yours);
	holder[port] = free_port;
	return 0;
}
COS_EXPORT(port_give_back);
