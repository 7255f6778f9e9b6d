// SPDX-License-Identifier: GPL-2.0
// The content manager's interface (components/web/contentmgr): a request's target goes to the
// component that makes its content, static content or one of the CGI services (through their
// asynchronous-invocation channels), and the content comes back by handle, read in pieces into
// the caller's buffer of the `stream` share.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::content {

enum class Handle : cos_word {};

enum class Error : cos_word {
	not_found = 1,		// no content of that name (404)
	no_handle_left = 2,	// too many contents open, or no buffer for a CGI request (503)
	no_such_handle = 3,
	would_block = 4,	// a CGI answer is outstanding; content_done: none came
	bad_range = 5,		// an offset and length outside the stream share
	unavailable = 6,	// the service behind it failed (500)
};

COS_IMPORT_ON_CALL(content_open);
COS_IMPORT_ON_CALL(content_length);
COS_IMPORT_ON_CALL(content_read);
COS_IMPORT_ON_CALL(content_close);
COS_IMPORT_ON_CALL(content_done);

// The content for the target at offset (length bytes, in the stream share, the path with its
// query); a CGI's answer, when it comes, triggers event.
inline Attempt<Handle, Error> open(cos_word offset, cos_word length, cos_word event)
{
	return decode<Error, Handle>(content_open(offset, length, event));
}

// Its length (would_block: not there yet).
inline Attempt<cos_word, Error> length(Handle h)
{
	return decode<Error>(content_length(static_cast<cos_word>(h)));
}

// Copies up to length bytes from position of the content to offset in the stream share.
inline Attempt<cos_word, Error> read(Handle h, cos_word position, cos_word offset, cos_word length)
{
	return decode<Error>(content_read(static_cast<cos_word>(h), position, offset, length));
}

inline Attempt<Done, Error> close(Handle h)
{
	return decode<Error, Done>(content_close(static_cast<cos_word>(h)));
}

// A handle whose CGI answer came since (would_block: none).
inline Attempt<Handle, Error> done()
{
	return decode<Error, Handle>(content_done());
}

} // namespace cosk::content
