// SPDX-License-Identifier: GPL-2.0
// The file-descriptor API's interface (components/web/fdapi): one namespace of small numbers for
// what its client reads and writes, whatever is behind each: a TCP listener or connection, an
// HTTP stream (a session of the HTTP parser), or the requests of an asynchronous-invocation
// channel (a CGI service's). Data passes by offset in the `stream` share. Every call but
// fd_wait answers at once; fd_wait waits until some descriptor has news, which fd_ready names.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::fd {

enum class Fd : cos_word {};

enum class Error : cos_word {
	no_such_fd = 1,		// not a descriptor of this API's, or closed
	no_fd_left = 2,		// the table is full
	would_block = 3,	// nothing to read, no room to write, no news
	below = 4,		// the layer below refused (reset, out of memory, bad range)
	wrong_kind = 5,		// the call means nothing for this kind of descriptor
};

COS_IMPORT_ON_CALL(fd_listen);
COS_IMPORT_ON_CALL(fd_accept);
COS_IMPORT_ON_CALL(fd_http);
COS_IMPORT_ON_CALL(fd_serve);
COS_IMPORT_ON_CALL(fd_read);
COS_IMPORT_ON_CALL(fd_write);
COS_IMPORT_ON_CALL(fd_close);
COS_IMPORT_ON_CALL(fd_wait);
COS_IMPORT_ON_CALL(fd_ready);
COS_IMPORT_ON_CALL(fd_state);

// A TCP listener on port.
inline Attempt<Fd, Error> listen(cos_word port)
{
	return decode<Error, Fd>(fd_listen(port));
}

// A connection the listener has (would_block: none yet).
inline Attempt<Fd, Error> accept(Fd listener)
{
	return decode<Error, Fd>(fd_accept(static_cast<cos_word>(listener)));
}

// A new HTTP stream: requests written to it, responses read from it.
inline Attempt<Fd, Error> http()
{
	return decode<Error, Fd>(fd_http());
}

// The asynchronous-invocation channel's requests, for the CGI service that calls it: a read
// waits for the next request's target, a write answers it.
inline Attempt<Fd, Error> serve()
{
	return decode<Error, Fd>(fd_serve());
}

// Up to length bytes into offset of the stream share; 0 at the end of the stream.
inline Attempt<cos_word, Error> read(Fd fd, cos_word offset, cos_word length)
{
	return decode<Error>(fd_read(static_cast<cos_word>(fd), offset, length));
}

// Up to length bytes from offset of the stream share; how many were taken. Length 0 on an HTTP
// stream: its input has ended.
inline Attempt<cos_word, Error> write(Fd fd, cos_word offset, cos_word length)
{
	return decode<Error>(fd_write(static_cast<cos_word>(fd), offset, length));
}

inline Attempt<Done, Error> close(Fd fd)
{
	return decode<Error, Done>(fd_close(static_cast<cos_word>(fd)));
}

// Waits until a descriptor has news or the API's clock ticks (every tick_ms, for timeouts).
inline void wait()
{
	static_cast<void>(fd_wait());
}

// The next descriptor with news (would_block: none).
inline Attempt<Fd, Error> ready()
{
	return decode<Error, Fd>(fd_ready());
}

// An HTTP stream's state (cosk::http::State bits).
inline Attempt<cos_word, Error> state(Fd fd)
{
	return decode<Error>(fd_state(static_cast<cos_word>(fd)));
}

} // namespace cosk::fd
