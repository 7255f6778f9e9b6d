// SPDX-License-Identifier: GPL-2.0
// The content manager (<cos/web/content.hpp>): sends each request to what makes its content. A
// target under /cgi-a or /cgi-b goes to that CGI service through its asynchronous-invocation
// channel, in a buffer from the memory mapper that carries the target there and the answer back;
// any other target to static content. Contents are named by handle until the caller closes them.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/slot_table.hpp>
#include <cos/web/ainv.hpp>
#include <cos/web/content.hpp>
#include <cos/web/files.hpp>
#include <cos/web/mm.hpp>


COS_CONFIG(128);
namespace {

using cosk::content::Error;

constexpr cos_word max_handles = 1024;

enum class Kind { file, cgi };

struct Content {
	Kind kind = Kind::file;
	cos_word file = 0;	// Kind::file: static content's number
	cos_word buffer = 0;	// Kind::cgi: the request's buffer
	bool answered = false;
	bool closed = false;	// closed while its answer was outstanding
};

cosk::Slot_table<Content, max_handles> contents;
cosk::net::Share share;

COS_IMPORT_ON_CALL(ainv_a_request);
COS_IMPORT_ON_CALL(ainv_a_done);
COS_IMPORT_ON_CALL(ainv_b_request);
COS_IMPORT_ON_CALL(ainv_b_done);

// The CGI services, by the prefix of their targets, each behind its own channel.
struct Service {
	const char *prefix;
	cos_word prefix_length;
	cos_word (*request)(cos_word, cos_word, cos_word, cos_word);
	cos_word (*done)(cos_word, cos_word, cos_word, cos_word);
	cos_word outstanding = 0;	// requests not yet answered: content_done asks only then
};

Service services[] = {
	{"/cgi-a", 6, ainv_a_request, ainv_a_done},
	{"/cgi-b", 6, ainv_b_request, ainv_b_done},
};

bool starts_with(const char *text, cos_word n, const char *prefix, cos_word p)
{
	if (n < p || __builtin_memcmp(text, prefix, p) != 0)
		return false;
	return n == p || text[p] == '/' || text[p] == '?';
}

cosk::ainv::Cgi_buffer *cgi_buffer(cos_word buffer)
{
	return reinterpret_cast<cosk::ainv::Cgi_buffer *>(share.base + buffer);
}

// The handle whose CGI request is in buffer (its number travels in the buffer), or max_handles.
cos_word handle_of_buffer(cos_word buffer)
{
	if (!share.holds(buffer, sizeof(cosk::ainv::Cgi_buffer)))
		return max_handles;
	const cos_word h = cgi_buffer(buffer)->reserved;
	const Content *c = contents.lookup(h);
	return c != nullptr && c->kind == Kind::cgi && c->buffer == buffer ? h : max_handles;
}

} // namespace

// content_open(offset, length, event): the content for the target at offset of the stream share.
extern "C" cos_word content_open(cos_word offset, cos_word length, cos_word event, cos_word)
{
	if (share.size == 0)
		share = cosk::net::find_share("share.stream", "share.stream.size");
	if (!share.holds(offset, length) || length == 0)
		return cosk::reply_error(Error::bad_range);
	const char *target = reinterpret_cast<const char *>(share.base + offset);
	for (Service &service : services) {
		if (!starts_with(target, length, service.prefix, service.prefix_length))
			continue;
		if (length > sizeof(cosk::ainv::Cgi_buffer::target))
			return cosk::reply_error(Error::not_found);
		auto buffer = cosk::mm::alloc();
		if (!buffer)
			return cosk::reply_error(Error::no_handle_left);
		Content c;
		c.kind = Kind::cgi;
		c.buffer = buffer.value();
		auto handle = contents.allocate(c);
		if (!handle) {
			static_cast<void>(cosk::mm::free(buffer.value()));
			return cosk::reply_error(Error::no_handle_left);
		}
		cosk::ainv::Cgi_buffer *b = cgi_buffer(buffer.value());
		__builtin_memcpy(b->target, target, length);
		b->target_length = static_cast<std::uint32_t>(length);
		b->body_length = 0;
		b->status = 0;
		b->reserved = static_cast<std::uint32_t>(handle.value());
		if (cosk::is_reply_error(service.request(buffer.value(), event, 0, 0))) {
			contents.free(handle.value());
			static_cast<void>(cosk::mm::free(buffer.value()));
			return cosk::reply_error(Error::no_handle_left);
		}
		service.outstanding++;
		return handle.value();
	}
	// Static content names files by path: the query means nothing to it.
	cos_word path_length = 0;
	while (path_length < length && target[path_length] != '?')
		path_length++;
	auto file = cosk::files::find(offset, path_length);
	if (!file)
		return cosk::reply_error(file.error() == cosk::files::Error::not_found ? Error::not_found : Error::unavailable);
	Content c;
	c.kind = Kind::file;
	c.file = static_cast<cos_word>(file.value());
	auto handle = contents.allocate(c);
	return handle ? handle.value() : cosk::reply_error(Error::no_handle_left);
}
COS_EXPORT(content_open);

// content_length(handle): the content's length; would_block while a CGI's answer is outstanding,
// unavailable when the service answered with a failure.
extern "C" cos_word content_length(cos_word handle, cos_word, cos_word, cos_word)
{
	Content *c = contents.lookup(handle);
	if (c == nullptr)
		return cosk::reply_error(Error::no_such_handle);
	if (c->kind == Kind::file) {
		auto n = cosk::files::length(static_cast<cosk::files::File>(c->file));
		return n ? n.value() : cosk::reply_error(Error::unavailable);
	}
	if (!c->answered)
		return cosk::reply_error(Error::would_block);
	const cosk::ainv::Cgi_buffer *b = cgi_buffer(c->buffer);
	const std::uint32_t n = __atomic_load_n(&b->body_length, __ATOMIC_RELAXED);
	if (b->status != 200 || n > sizeof(b->body))
		return cosk::reply_error(Error::unavailable);
	return n;
}
COS_EXPORT(content_length);

// content_read(handle, position, offset, length): copies content bytes to offset of the share.
extern "C" cos_word content_read(cos_word handle, cos_word position, cos_word offset, cos_word length)
{
	Content *c = contents.lookup(handle);
	if (c == nullptr)
		return cosk::reply_error(Error::no_such_handle);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::bad_range);
	if (c->kind == Kind::file) {
		auto n = cosk::files::read(static_cast<cosk::files::File>(c->file), position, offset, length);
		return n ? n.value() : cosk::reply_error(Error::unavailable);
	}
	if (!c->answered)
		return cosk::reply_error(Error::would_block);
	const cosk::ainv::Cgi_buffer *b = cgi_buffer(c->buffer);
	const cos_word total = b->body_length <= sizeof(b->body) ? b->body_length : 0;
	if (position >= total)
		return 0;
	const cos_word n = total - position < length ? total - position : length;
	__builtin_memmove(share.base + offset, b->body + position, n);
	return n;
}
COS_EXPORT(content_read);

// content_close(handle): the content is read; a CGI request's buffer goes back once answered
// (an outstanding one is let go when its answer comes).
extern "C" cos_word content_close(cos_word handle, cos_word, cos_word, cos_word)
{
	Content *c = contents.lookup(handle);
	if (c == nullptr)
		return cosk::reply_error(Error::no_such_handle);
	if (c->kind == Kind::cgi && !c->answered) {
		c->closed = true;	// content_done lets it go when it comes
		return 0;
	}
	if (c->kind == Kind::cgi)
		static_cast<void>(cosk::mm::free(c->buffer));
	contents.free(handle);
	return 0;
}
COS_EXPORT(content_close);

// content_done(): a handle whose CGI answer came since; would_block when none did.
extern "C" cos_word content_done(cos_word, cos_word, cos_word, cos_word)
{
	for (Service &service : services) {
		while (service.outstanding) {
			const cos_word buffer = service.done(0, 0, 0, 0);
			if (cosk::is_reply_error(buffer))
				break;
			service.outstanding--;
			const cos_word h = handle_of_buffer(buffer);
			Content *c = contents.lookup(h);
			if (c == nullptr)
				continue;
			c->answered = true;
			if (c->closed) {
				static_cast<void>(cosk::mm::free(c->buffer));
				contents.free(h);
				continue;
			}
			return h;
		}
	}
	return cosk::reply_error(Error::would_block);
}
COS_EXPORT(content_done);
