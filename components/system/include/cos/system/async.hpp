// SPDX-License-Identifier: GPL-2.0
// Asynchronous invocation's interface (components/system/async): its errors and their numbers on
// the wire, and, for clients and servers of a channel, the typed calls. A client's call queues a
// request and waits for its response; a server thread's recv takes the oldest request and its
// reply answers it.
//
// A value, either way, must be below cosk::reply_error_min, the first word that says an error: a
// call or reply with a larger one is refused (value_out_of_range).
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::async {

// The async component's name for a channel.
enum class Channel_id : cos_word {};

enum class Error : cos_word {
	no_channel_left = 1,	// async_open: every channel is taken
	no_such_channel = 2,	// an id async_open never gave
	nothing_to_answer = 3,	// async_reply: the server has taken no request it has not answered
	value_out_of_range = 4,	// the value would read as an error
};

// The raw calls, which a client makes through the typed ones below: a component imports those it
// calls, so the component that serves them, including this for the errors, imports none.
COS_IMPORT_ON_CALL(async_open);
COS_IMPORT_ON_CALL(async_call);
COS_IMPORT_ON_CALL(async_recv);
COS_IMPORT_ON_CALL(async_reply);

inline Attempt<Channel_id, Error> open()
{
	return decode<Error, Channel_id>(async_open());
}

// The client's side: sends value and waits for the server's reply.
inline Attempt<cos_word, Error> call(Channel_id id, cos_word value)
{
	return decode<Error>(async_call(static_cast<cos_word>(id), value));
}

// The server's side: the oldest request's value, waiting for one.
inline Attempt<cos_word, Error> recv(Channel_id id)
{
	return decode<Error>(async_recv(static_cast<cos_word>(id)));
}

// The server's side: answers the request it took last.
inline Attempt<Done, Error> reply(Channel_id id, cos_word value)
{
	return decode<Error, Done>(async_reply(static_cast<cos_word>(id), value));
}

} // namespace cosk::async

