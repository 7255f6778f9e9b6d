// SPDX-License-Identifier: GPL-2.0
// The thread tests' other component (tests/graphs/threads.cosg): it serves an asynchronous-invocation
// channel on a thread of its own, so that requests and responses cross between threads in two
// components.
#include <cos/component.hpp>

COS_IMPORT(sched_create);
COS_IMPORT(async_recv);
COS_IMPORT(async_reply);

namespace {

struct Server {
	cos_word channel = 0;
	cos_word remaining = 0;
	cos_word served = 0;
	cos_word sum = 0;
	bool done = false;
};

Server server;

} // namespace

// The server thread: answers each request v with 2v + 1, for as many requests as it was told.
extern "C" cos_word serve(cos_word, cos_word, cos_word, cos_word)
{
	while (server.remaining) {
		const cos_word v = async_recv(server.channel);
		server.sum += v;
		server.served++;
		server.remaining--;
		async_reply(server.channel, 2 * v + 1);
	}
	server.done = true;
	return 0;
}
COS_EXPORT(serve);

// peer_start(channel, requests, priority): starts the server thread on channel.
extern "C" cos_word peer_start(cos_word channel, cos_word requests, cos_word priority, cos_word)
{
	server = Server{};
	server.channel = channel;
	server.remaining = requests;
	return sched_create(reinterpret_cast<cos_word>(&serve), 0, priority);
}
COS_EXPORT(peer_start);

// peer_served(): requests served; peer_sum(): the sum of their values; peer_done(): 1 when the
// server thread has served them all.
extern "C" cos_word peer_served(cos_word, cos_word, cos_word, cos_word)
{
	return server.served;
}
COS_EXPORT(peer_served);

extern "C" cos_word peer_sum(cos_word, cos_word, cos_word, cos_word)
{
	return server.sum;
}
COS_EXPORT(peer_sum);

extern "C" cos_word peer_done(cos_word, cos_word, cos_word, cos_word)
{
	return server.done;
}
COS_EXPORT(peer_done);
