// SPDX-License-Identifier: GPL-2.0
// The TCP component's interface (components/net/tcp): blocking, socket-like calls on lwIP's TCP.
// Stream data passes through the `stream` share between the caller and TCP (graph: `share stream
// SIZE APP tcp`), by offset: a receive copies into it, a send copies from it. A connection or
// listener is a small number.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::tcp {

enum class Id : cos_word {};

enum class Error : cos_word {
	no_memory = 1,		// lwIP is out of connections or buffers
	port_taken = 2,		// sock_listen: the port manager would not give the port
	no_such_id = 3,		// not a listener or connection of the caller's, or closed
	reset = 4,		// the connection was reset or timed out
	bad_range = 5,		// an offset and length outside the `stream` share
	not_configured = 6,	// the graph gave no address or no `stream` share
	network = 7,		// the network below failed to start
	would_block = 8,	// Flag::nonblocking: the call would wait; sock_ready: nothing new
};

// Flags of accept, recv and send.
enum Flag : cos_word {
	nonblocking = 1,	// answer would_block instead of waiting
};

COS_IMPORT_ON_CALL(sock_listen);
COS_IMPORT_ON_CALL(sock_accept);
COS_IMPORT_ON_CALL(sock_recv);
COS_IMPORT_ON_CALL(sock_send);
COS_IMPORT_ON_CALL(sock_close);
COS_IMPORT_ON_CALL(sock_stat);
COS_IMPORT_ON_CALL(sock_notify);
COS_IMPORT_ON_CALL(sock_ready);

// The TCP component's counters, by number (sock_stat); from vnic_first on, the vNIC's
// (cosk::vnic::Stat), through IP.
enum class Stat : cos_word {
	copied = 0,		// bytes this component copied: frames into lwIP and out, stream data
	frames_in = 1,		// frames handed to lwIP
	frames_dropped = 2,	// frames lwIP had no buffer for
	frames_out = 3,		// frames lwIP sent
	frames_out_failed = 4,
	accepted = 5,		// connections accepted
	count,
	vnic_first = 16,
};

// A listener on port of the system's address.
inline Attempt<Id, Error> listen(cos_word port)
{
	return decode<Error, Id>(sock_listen(port));
}

// Waits for a connection on the listener.
inline Attempt<Id, Error> accept(Id listener, cos_word flags = 0)
{
	return decode<Error, Id>(sock_accept(static_cast<cos_word>(listener), flags));
}

// Waits for data, then copies up to length bytes of it to offset in the stream share; how many
// (0: the peer closed its side).
inline Attempt<cos_word, Error> recv(Id connection, cos_word offset, cos_word length, cos_word flags = 0)
{
	return decode<Error>(sock_recv(static_cast<cos_word>(connection), offset, length, flags));
}

// Waits for room, then queues up to length bytes from offset in the stream share; how many.
inline Attempt<cos_word, Error> send(Id connection, cos_word offset, cos_word length, cos_word flags = 0)
{
	return decode<Error>(sock_send(static_cast<cos_word>(connection), offset, length, flags));
}

// From now on, news of the caller's connection or listener triggers event (the event manager's)
// and lists the id for ready().
inline Attempt<Done, Error> notify(Id id, cos_word event)
{
	return decode<Error, Done>(sock_notify(static_cast<cos_word>(id), event));
}

// The caller's next id with news (would_block: none).
inline Attempt<Id, Error> ready()
{
	return decode<Error, Id>(sock_ready());
}

// Closes a connection or a listener; the id is free again.
inline Attempt<Done, Error> close(Id id)
{
	return decode<Error, Done>(sock_close(static_cast<cos_word>(id)));
}

// One counter; 0 for a number it does not know.
inline cos_word stat(Stat which)
{
	return sock_stat(static_cast<cos_word>(which));
}

} // namespace cosk::tcp
