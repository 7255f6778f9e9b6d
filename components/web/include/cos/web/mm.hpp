// SPDX-License-Identifier: GPL-2.0
// The memory mapper's interface (components/web/mm): it owns the `stream` share's pages and hands
// them out as buffers of buffer_size bytes, by offset, to the components that pass data through
// them (the connection manager's connections, the content manager's CGI requests). A buffer is
// its holder's until it gives it back; every component of the share can reach every buffer, as
// with COMPOSITE's cbufs, so the share is one fault domain for data, not for code.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::mm {

inline constexpr cos_word buffer_size = 16384;

enum class Error : cos_word {
	no_buffer_left = 1,	// every buffer is out
	not_a_buffer = 2,	// mm_free: not the start of a buffer that is out
	no_share = 3,		// the graph gave the memory mapper no `stream` share
};

COS_IMPORT_ON_CALL(mm_alloc);
COS_IMPORT_ON_CALL(mm_free);
COS_IMPORT_ON_CALL(mm_stat);

// A buffer: its offset in the stream share.
inline Attempt<cos_word, Error> alloc()
{
	return decode<Error>(mm_alloc());
}

inline Attempt<Done, Error> free(cos_word offset)
{
	return decode<Error, Done>(mm_free(offset));
}

// Buffers out now (0), at most so far (1), in all (2).
inline cos_word stat(cos_word which)
{
	return mm_stat(which);
}

// A client's own few buffers, kept when it is done with them and handed out again first, so that
// a connection's buffers cost no invocation of the memory mapper in the steady state.
template <cos_word N>
class Buffer_cache {
public:
	Attempt<cos_word, Error> take()
	{
		if (count_)
			return kept_[--count_];
		return alloc();
	}

	void give_back(cos_word offset)
	{
		if (count_ < N)
			kept_[count_++] = offset;
		else
			static_cast<void>(free(offset));
	}

private:
	cos_word kept_[N] = {};
	cos_word count_ = 0;
};

} // namespace cosk::mm
