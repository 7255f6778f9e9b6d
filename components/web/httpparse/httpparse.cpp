// SPDX-License-Identifier: GPL-2.0
// The HTTP parser (<cos/web/http.hpp>): a session per connection. Its input waits in a buffer of
// the `stream` share from the memory mapper; each whole request (<cos/web/http_request.hpp>)
// becomes a response in the session's queue, in order, whose content the content manager opens.
// A read writes the responses' heads and bodies, in order, into the caller's buffer: the body
// straight from where the content lies, so a static file is copied once on its way to TCP. A
// malformed request is answered with its status and ends the session, as does a response to a
// request that did not keep the connection.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/slot_table.hpp>
#include <cos/web/content.hpp>
#include <cos/web/http.hpp>
#include <cos/web/http_request.hpp>
#include <cos/web/http_response.hpp>
#include <cos/web/mm.hpp>
#include <cos/web/stats.hpp>


COS_CONFIG(128);
namespace {

using cosk::http::Error;

constexpr cos_word max_sessions = 512;
constexpr cos_word max_queued = 16;
constexpr cos_word max_handles = 1024;	// the content manager's
// A session's buffer: its input, then room for one request's decoded target.
constexpr cos_word input_capacity = 12288;
constexpr cos_word target_at = input_capacity;
constexpr cos_word target_room = cosk::mm::buffer_size - input_capacity;
static_assert(target_room >= 2048 + 16);

const cosk::http::Limits limits{8192, 4096, 2048};

struct Response {
	unsigned status = 200;
	bool keep_alive = false;
	bool head_only = false;
	bool has_content = false;	// else a body of format_error's
	bool length_known = false;
	bool awaiting = false;		// a CGI answer outstanding (counted in outstanding)
	bool head_sent = false;
	cos_word handle = 0;
	cos_word body_length = 0;
	cos_word body_sent = 0;
	const char *type = nullptr;
};

struct Session {
	cos_word buffer = 0;
	cos_word have = 0;
	cos_word event = 0;
	Response queue[max_queued];
	cos_word first = 0;
	cos_word count = 0;
	bool input_ended = false;	// the peer will send no more
	bool closing = false;		// a response that ends the session is queued
	bool ended = false;		// that response is read
};

cosk::Slot_table<Session, max_sessions> sessions;
cos_word session_of_handle[max_handles];
cosk::net::Share share;
cos_word stats[static_cast<cos_word>(cosk::http::Stat::count)];
cosk::mm::Buffer_cache<64> buffers;
// Contents opened and not yet known to be there (CGI answers outstanding): http_ready asks the
// content manager only while there are some.
cos_word outstanding = 0;

void count(cosk::http::Stat s, cos_word n = 1)
{
	stats[static_cast<cos_word>(s)] += n;
}

// The counters to the statistics gatherer, every report_every responses (not on every one: it is
// not on the hot path, and its figures may lag that much).
void report()
{
	constexpr cos_word report_every = 256;
	static cos_word since = 0;
	if (++since < report_every)
		return;
	since = 0;
	using cosk::http::Stat;
	using Key = cosk::stats::Key;
	const auto value = [](Stat s) { return stats[static_cast<cos_word>(s)]; };
	cosk::stats::put(Key::requests, value(Stat::requests));
	cosk::stats::put(Key::status_2xx, value(Stat::status_2xx));
	cosk::stats::put(Key::status_4xx, value(Stat::status_4xx));
	cosk::stats::put(Key::status_5xx, value(Stat::status_5xx));
	cosk::stats::put(Key::body_bytes, value(Stat::body_bytes));
}

char *at(cos_word offset)
{
	return reinterpret_cast<char *>(share.base + offset);
}

Response &back(Session &s)
{
	return s.queue[(s.first + s.count - 1) % max_queued];
}

void queue_error(Session &s, unsigned status, bool keep_alive)
{
	s.count++;
	Response &r = back(s);
	r = Response{};
	r.status = status;
	r.keep_alive = keep_alive;
	if (!keep_alive)
		s.closing = true;
}

// The Content-Type of the content at path: a directory's is its index.html's, a CGI's text.
const char *type_of(const char *path, cos_word n)
{
	if (n && path[n - 1] == '/')
		return "text/html";
	if (n >= 5 && __builtin_memcmp(path, "/cgi-", 5) == 0)
		return "text/plain";
	return cosk::http::content_type_for(path, n);
}

// One whole request: its content opened, its response queued.
void queue_request(Session &s, cos_word id, const char *input, const cosk::http::Request &q)
{
	count(cosk::http::Stat::requests);
	if (q.method == cosk::http::Method::other)
		return queue_error(s, 405, q.keep_alive);
	// The decoded path, then the query as it came, where the content manager can read them.
	char *target = at(s.buffer + target_at);
	cos_word n = 0;
	if (!cosk::http::percent_decode_path(input + q.path_at, q.path_length, target, target_room - 1 - q.query_length, &n))
		return queue_error(s, 400, false);
	if (q.query_length) {
		target[n++] = '?';
		__builtin_memcpy(target + n, input + q.query_at, q.query_length);
		n += q.query_length;
	}
	auto handle = cosk::content::open(s.buffer + target_at, n, s.event);
	if (!handle) {
		const cosk::content::Error e = handle.error();
		return queue_error(s, e == cosk::content::Error::not_found ? 404 : e == cosk::content::Error::no_handle_left ? 503 : 500,
				   q.keep_alive);
	}
	const cos_word h = static_cast<cos_word>(handle.value());
	if (h < max_handles)
		session_of_handle[h] = id;
	s.count++;
	Response &r = back(s);
	r = Response{};
	r.keep_alive = q.keep_alive;
	r.head_only = q.method == cosk::http::Method::head;
	r.has_content = true;
	r.handle = h;
	r.type = type_of(target, n - (q.query_length ? q.query_length + 1 : 0));
	// Static content's length is known at once; a CGI's answer comes later, through http_ready.
	auto length = cosk::content::length(handle.value());
	if (length) {
		r.body_length = length.value();
		r.length_known = true;
	} else if (length.error() == cosk::content::Error::would_block) {
		r.awaiting = true;
		outstanding++;
	}
	if (!q.keep_alive)
		s.closing = true;
}

// Cuts the buffered input into requests while the queue has room.
void parse(Session &s, cos_word id)
{
	while (!s.closing && s.count < max_queued && s.have) {
		const char *input = at(s.buffer);
		const cosk::http::Parsed p = cosk::http::parse_request(input, s.have, limits);
		if (p.outcome == cosk::http::Outcome::need_more) {
			if (s.have == input_capacity)
				queue_error(s, 431, false);
			return;
		}
		if (p.outcome == cosk::http::Outcome::error) {
			queue_error(s, p.status, false);
			s.have = 0;
			return;
		}
		queue_request(s, id, input, p.request);
		__builtin_memmove(at(s.buffer), input + p.request.length, s.have - p.request.length);
		s.have -= p.request.length;
	}
}

void close_content(Response &r)
{
	if (r.awaiting) {
		r.awaiting = false;
		outstanding--;
	}
	if (r.has_content) {
		static_cast<void>(cosk::content::close(static_cast<cosk::content::Handle>(r.handle)));
		r.has_content = false;
	}
}

void pop(Session &s)
{
	Response &r = s.queue[s.first];
	close_content(r);
	if (r.status < 300)
		count(cosk::http::Stat::status_2xx);
	else if (r.status < 500)
		count(cosk::http::Stat::status_4xx);
	else
		count(cosk::http::Stat::status_5xx);
	if (!r.keep_alive)
		s.ended = true;
	s.first = (s.first + 1) % max_queued;
	s.count--;
	report();
}

// Writes as much of the front response as fits at offset; how much, or 0 when it must wait.
cos_word give(Session &s, cos_word offset, cos_word room)
{
	Response &r = s.queue[s.first];
	if (r.has_content && !r.length_known) {
		auto length = cosk::content::length(static_cast<cosk::content::Handle>(r.handle));
		if (!length && length.error() == cosk::content::Error::would_block)
			return 0;
		if (length) {
			r.body_length = length.value();
			r.length_known = true;
		} else {
			close_content(r);
			r.status = 500;
			r.keep_alive = false;
			s.closing = true;
		}
	}
	if (!r.has_content) {
		const cos_word n = cosk::http::format_error(at(offset), room, r.status, r.keep_alive);
		if (n)
			pop(s);
		return n;
	}
	if (!r.head_sent) {
		// The head whole, or nothing.
		const cos_word n = cosk::http::format_head(at(offset), room, r.status, r.body_length, r.keep_alive, r.type);
		if (n == 0)
			return 0;
		r.head_sent = true;
		if (r.head_only || r.body_length == 0)
			pop(s);
		return n;
	}
	auto n = cosk::content::read(static_cast<cosk::content::Handle>(r.handle), r.body_sent, offset, room);
	if (!n || n.value() == 0) {
		// The content shrank or failed under a head already sent: the connection must end.
		r.keep_alive = false;
		s.closing = true;
		pop(s);
		return 0;
	}
	r.body_sent += n.value();
	count(cosk::http::Stat::body_bytes, n.value());
	if (r.body_sent >= r.body_length)
		pop(s);
	return n.value();
}

Session *find(cos_word id)
{
	if (share.size == 0)
		share = cosk::net::find_share("share.stream", "share.stream.size");
	return sessions.lookup(id);
}

} // namespace

// http_open(event): a new session.
extern "C" cos_word http_open(cos_word event, cos_word, cos_word, cos_word)
{
	if (share.size == 0)
		share = cosk::net::find_share("share.stream", "share.stream.size");
	auto buffer = buffers.take();
	if (!buffer)
		return cosk::reply_error(Error::no_session_left);
	Session s;
	s.buffer = buffer.value();
	s.event = event;
	auto id = sessions.allocate(s);
	if (!id) {
		buffers.give_back(buffer.value());
		return cosk::reply_error(Error::no_session_left);
	}
	return id.value();
}
COS_EXPORT(http_open);

// http_write(session, offset, length): takes up to length bytes of input; how many. Length 0:
// the input has ended.
extern "C" cos_word http_write(cos_word id, cos_word offset, cos_word length, cos_word)
{
	Session *s = find(id);
	if (s == nullptr)
		return cosk::reply_error(Error::no_such_session);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::bad_range);
	if (length == 0) {
		s->input_ended = true;
		if (s->count == 0)
			s->ended = true;
		return 0;
	}
	if (s->closing)
		return length;	// nothing after the last response is read
	cos_word n = input_capacity - s->have;
	if (n > length)
		n = length;
	__builtin_memcpy(at(s->buffer + s->have), at(offset), n);
	s->have += n;
	parse(*s, id);
	return n;
}
COS_EXPORT(http_write);

// http_read(session, offset, length): responses into offset of the stream share; how many bytes,
// 0 once the session is over, would_block while the next one is not there.
extern "C" cos_word http_read(cos_word id, cos_word offset, cos_word length, cos_word)
{
	Session *s = find(id);
	if (s == nullptr)
		return cosk::reply_error(Error::no_such_session);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::bad_range);
	cos_word out = 0;
	while (s->count && out < length) {
		const cos_word n = give(*s, offset + out, length - out);
		if (n == 0)
			break;
		out += n;
		if (s->count < max_queued)
			parse(*s, id);
	}
	if (s->count == 0 && s->input_ended)
		s->ended = true;
	if (out)
		return out;
	return s->ended && s->count == 0 ? 0 : cosk::reply_error(Error::would_block);
}
COS_EXPORT(http_read);

// http_close(session): its contents closed, its buffer given back.
extern "C" cos_word http_close(cos_word id, cos_word, cos_word, cos_word)
{
	Session *s = find(id);
	if (s == nullptr)
		return cosk::reply_error(Error::no_such_session);
	while (s->count) {
		close_content(s->queue[s->first]);
		s->first = (s->first + 1) % max_queued;
		s->count--;
	}
	buffers.give_back(s->buffer);
	sessions.free(id);
	return 0;
}
COS_EXPORT(http_close);

// http_ready(): a session a CGI answer came for.
extern "C" cos_word http_ready(cos_word, cos_word, cos_word, cos_word)
{
	while (outstanding) {
		auto done = cosk::content::done();
		if (!done)
			break;
		const cos_word h = static_cast<cos_word>(done.value());
		Session *s = h < max_handles ? sessions.lookup(session_of_handle[h]) : nullptr;
		if (s == nullptr)
			continue;
		for (cos_word i = 0; i < s->count; i++) {
			Response &r = s->queue[(s->first + i) % max_queued];
			if (r.has_content && r.handle == h && r.awaiting) {
				r.awaiting = false;
				outstanding--;
				return session_of_handle[h];
			}
		}
	}
	return cosk::reply_error(Error::would_block);
}
COS_EXPORT(http_ready);

// http_state(session): cosk::http::State bits.
extern "C" cos_word http_state(cos_word id, cos_word, cos_word, cos_word)
{
	Session *s = find(id);
	if (s == nullptr)
		return cosk::reply_error(Error::no_such_session);
	cos_word state = 0;
	if (s->have && !s->closing)
		state |= cosk::http::partial;
	if (s->count)
		state |= cosk::http::queued;
	if (s->ended && s->count == 0)
		state |= cosk::http::ended;
	return state;
}
COS_EXPORT(http_state);

// http_stat(which): a counter (cosk::http::Stat).
extern "C" cos_word http_stat(cos_word which, cos_word, cos_word, cos_word)
{
	return which < static_cast<cos_word>(cosk::http::Stat::count) ? stats[which] : 0;
}
COS_EXPORT(http_stat);
