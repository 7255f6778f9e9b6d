// SPDX-License-Identifier: GPL-2.0
// Asynchronous invocation: request and response between threads in different components, like a
// bidirectional pipe. A client thread's async_call() queues a request on a channel and waits for
// its response; a server thread's async_recv() takes the oldest request (waiting for one) and its
// async_reply() answers it, waking the client. Each thread is scheduled on its own, so a CGI
// server, say, runs at its own priority.
#include <cos/component.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();
COS_IMPORT(sched_block);
COS_IMPORT(sched_wakeup);

namespace {

constexpr cos_word max_channels = 16;
constexpr cos_word queue_size = COS_MAX_THREADS;	// a client has one request out at a time
constexpr cos_word nobody = ~0ULL;

struct Request {
	cos_word value;
	cos_word client;
};

struct Channel {
	bool used = false;
	Request queue[queue_size] = {};
	cos_word head = 0, tail = 0;	// taken from head, added at tail
	cos_word server = nobody;	// waiting in async_recv
	cos_word serving = nobody;	// the client of the request the server took last
};

struct Response {
	bool ready = false;
	cos_word value = 0;
};

struct Async {
	Channel channels[max_channels];
	Response responses[COS_MAX_THREADS];	// by client thread
};

Async state;

} // namespace

// async_open(): a new channel's id, or ~0 when none is left.
extern "C" cos_word async_open(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < max_channels; i++) {
		if (!state.channels[i].used) {
			state.channels[i] = Channel{};
			state.channels[i].used = true;
			return i;
		}
	}
	return ~0ULL;
}
COS_EXPORT(async_open);

// async_call(channel, value): the server's reply to value; ~0 for no such channel.
extern "C" cos_word async_call(cos_word id, cos_word value, cos_word, cos_word)
{
	if (id >= max_channels || !state.channels[id].used)
		return ~0ULL;
	Channel &c = state.channels[id];
	const cos_word self = cos_thread_self();
	c.queue[c.tail % queue_size] = Request{value, self};
	c.tail++;
	state.responses[self].ready = false;
	if (c.server != nobody) {
		const cos_word server = c.server;
		c.server = nobody;
		sched_wakeup(server);
	}
	while (!state.responses[self].ready)
		sched_block(0);
	return state.responses[self].value;
}
COS_EXPORT(async_call);

// async_recv(channel): the oldest request's value, waiting for one; ~0 for no such channel.
extern "C" cos_word async_recv(cos_word id, cos_word, cos_word, cos_word)
{
	if (id >= max_channels || !state.channels[id].used)
		return ~0ULL;
	Channel &c = state.channels[id];
	while (c.head == c.tail) {
		c.server = cos_thread_self();
		sched_block(0);
	}
	const Request r = c.queue[c.head % queue_size];
	c.head++;
	c.serving = r.client;
	return r.value;
}
COS_EXPORT(async_recv);

// async_reply(channel, value): answers the request the server took last; 1 if there is none.
extern "C" cos_word async_reply(cos_word id, cos_word value, cos_word, cos_word)
{
	if (id >= max_channels || !state.channels[id].used || state.channels[id].serving == nobody)
		return 1;
	Channel &c = state.channels[id];
	const cos_word client = c.serving;
	c.serving = nobody;
	state.responses[client] = Response{true, value};
	sched_wakeup(client);
	return 0;
}
COS_EXPORT(async_reply);
