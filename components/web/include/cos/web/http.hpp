// SPDX-License-Identifier: GPL-2.0
// The HTTP parser's interface (components/web/httpparse): sessions that take a connection's bytes,
// cut them into requests (HTTP/1.0 and 1.1, persistent and pipelined), ask the content manager
// for each, and give back the responses, in order, head and body. A session's input waits in a
// buffer of the `stream` share that the parser holds; responses are written into the caller's.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::http {

enum class Session : cos_word {};

enum class Error : cos_word {
	no_such_session = 1,
	no_session_left = 2,
	would_block = 3,	// nothing to give yet (a CGI answer outstanding, or no request)
	bad_range = 4,		// an offset and length outside the stream share
};

// http_state bits.
enum State : cos_word {
	partial = 1,		// part of a request is buffered
	queued = 2,		// responses wait to be read
	ended = 4,		// the session is over: read gives 0
};

// Counters (http_stat).
enum class Stat : cos_word {
	requests = 0,
	status_2xx = 1,
	status_4xx = 2,
	status_5xx = 3,
	body_bytes = 4,		// response bodies given
	count,
};

COS_IMPORT_ON_CALL(http_open);
COS_IMPORT_ON_CALL(http_write);
COS_IMPORT_ON_CALL(http_read);
COS_IMPORT_ON_CALL(http_close);
COS_IMPORT_ON_CALL(http_ready);
COS_IMPORT_ON_CALL(http_state);
COS_IMPORT_ON_CALL(http_stat);

// A session whose outstanding answers trigger event (the event manager's).
inline Attempt<Session, Error> open(cos_word event)
{
	return decode<Error, Session>(http_open(event));
}

inline Attempt<cos_word, Error> write(Session s, cos_word offset, cos_word length)
{
	return decode<Error>(http_write(static_cast<cos_word>(s), offset, length));
}

inline Attempt<cos_word, Error> read(Session s, cos_word offset, cos_word length)
{
	return decode<Error>(http_read(static_cast<cos_word>(s), offset, length));
}

inline Attempt<Done, Error> close(Session s)
{
	return decode<Error, Done>(http_close(static_cast<cos_word>(s)));
}

// The next session an answer came for (would_block: none).
inline Attempt<Session, Error> ready()
{
	return decode<Error, Session>(http_ready());
}

inline Attempt<cos_word, Error> state(Session s)
{
	return decode<Error>(http_state(static_cast<cos_word>(s)));
}

inline cos_word stat(Stat which)
{
	return http_stat(static_cast<cos_word>(which));
}

} // namespace cosk::http
