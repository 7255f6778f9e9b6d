// SPDX-License-Identifier: GPL-2.0
// Asynchronous invocation's interface (components/web/ainv): requests from the content manager's
// thread to a CGI service's thread, queued both ways so that neither waits for the other, as a
// pipe that carries requests and responses. A request is a buffer of the `stream` share (its
// offset, from the memory mapper), laid out as a Cgi_buffer: the client writes the target, the
// service the body. The client learns of answers through its event and ainv_done.
#pragma once

#include <cstdint>

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::ainv {

enum class Error : cos_word {
	full = 1,		// ainv_request: the queue is full
	nothing_taken = 2,	// ainv_reply: the service holds no request
	would_block = 3,	// ainv_done: no answer waits
	not_a_buffer = 4,	// an offset outside the stream share
};

// A request's buffer: what the service answers goes into the same buffer.
struct Cgi_buffer {
	std::uint32_t target_length;
	std::uint32_t body_length;
	std::uint32_t status;
	std::uint32_t reserved;
	char target[2048];
	char body[16384 - 2064];
};
static_assert(sizeof(Cgi_buffer) == 16384);

// Each channel is an image of its own whose calls carry its letter (ainv_a_request, ...), so that
// a client of two channels binds each by name: COS_AINV_NAME(a, request) is ainv_a_request.
#define COS_AINV_NAME(channel, call) COS_AINV_NAME_(channel, call)
#define COS_AINV_NAME_(channel, call) ainv_##channel##_##call

// The calls, for a client of channel (import with COS_IMPORT_ON_CALL(COS_AINV_NAME(x, call))):
//   request(buffer, event): queues the request in buffer; event (the event manager's) is
//	triggered when it is answered. Errors: full, not_a_buffer.
//   done(): the buffer of an answered request not yet collected (would_block: none).
// and for the service:
//   take(): waits for the oldest request; its buffer.
//   reply(): the request it took is answered (its buffer holds the answer).

} // namespace cosk::ainv
