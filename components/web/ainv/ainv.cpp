// SPDX-License-Identifier: GPL-2.0
// Asynchronous invocation (<cos/web/ainv.hpp>): one channel between the content manager's thread
// (the client) and a CGI service's thread. Requests queue until the service takes them; answers
// queue until the client collects them. Neither side waits for the other: the service waits on
// an event of this component's while no request is queued, and each answer triggers the event
// the client named. One instance per CGI service (the graph loads the image twice), as the
// paper's components 18 and 22. no_preempt: the two threads' calls are serialised by that.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/system/evt.hpp>
#include <cos/web/ainv.hpp>

#ifndef COS_AINV_CHANNEL
#error "COS_AINV_CHANNEL: the channel's letter (the build sets it per image)"
#endif
#define CALL(name) COS_AINV_NAME(COS_AINV_CHANNEL, name)
#define EXPORT_EXPANDED(name) COS_EXPORT(name)
#define EXPORT(name) EXPORT_EXPANDED(CALL(name))


COS_CONFIG(128);

COS_NO_PREEMPT();
namespace {

constexpr cos_word depth = 256;

struct Queue {
	cos_word items[depth];
	cos_word first = 0;
	cos_word count = 0;

	bool push(cos_word v)
	{
		if (count == depth)
			return false;
		items[(first + count++) % depth] = v;
		return true;
	}
	cos_word pop()
	{
		const cos_word v = items[first];
		first = (first + 1) % depth;
		count--;
		return v;
	}
};

struct Request {
	cos_word buffer;
	cos_word event;
};

Request requests[depth];
cos_word requests_first = 0;
cos_word requests_count = 0;
Queue answers;
// The request the service holds, and the event its client named.
bool holding = false;
Request held;
cosk::evt::Evt_id service_event;
bool service_event_made = false;
cosk::net::Share share;

bool in_share(cos_word buffer)
{
	if (share.size == 0)
		share = cosk::net::find_share("share.stream", "share.stream.size");
	return share.holds(buffer, sizeof(cosk::ainv::Cgi_buffer));
}

bool make_service_event()
{
	if (!service_event_made) {
		auto made = cosk::evt::create();
		if (!made)
			return false;
		service_event = made.value();
		service_event_made = true;
	}
	return true;
}

// The held request is answered: to the client's queue, its event triggered.
cos_word answer()
{
	holding = false;
	if (!answers.push(held.buffer))
		return cosk::reply_error(cosk::ainv::Error::full);
	static_cast<void>(cosk::evt::trigger(static_cast<cosk::evt::Evt_id>(held.event)));
	return 0;
}

} // namespace

// request(buffer, event): queues the request in buffer; event is triggered when answered.
extern "C" cos_word CALL(request)(cos_word buffer, cos_word event, cos_word, cos_word)
{
	if (!in_share(buffer))
		return cosk::reply_error(cosk::ainv::Error::not_a_buffer);
	if (requests_count == depth || !make_service_event())
		return cosk::reply_error(cosk::ainv::Error::full);
	requests[(requests_first + requests_count++) % depth] = {buffer, event};
	static_cast<void>(cosk::evt::trigger(service_event));
	return 0;
}
EXPORT(request);

// done(): the buffer of the oldest answer not yet collected.
extern "C" cos_word CALL(done)(cos_word, cos_word, cos_word, cos_word)
{
	if (answers.count == 0)
		return cosk::reply_error(cosk::ainv::Error::would_block);
	return answers.pop();
}
EXPORT(done);

// take(): waits for the oldest request; its buffer. A request held and not answered is
// answered as failed first (status 500), so that a service that lost one loses no client.
extern "C" cos_word CALL(take)(cos_word, cos_word, cos_word, cos_word)
{
	if (!make_service_event())
		return cosk::reply_error(cosk::ainv::Error::full);
	if (holding) {
		reinterpret_cast<cosk::ainv::Cgi_buffer *>(share.base + held.buffer)->status = 500;
		static_cast<void>(answer());
	}
	while (requests_count == 0)
		static_cast<void>(cosk::evt::wait(service_event));
	held = requests[requests_first];
	requests_first = (requests_first + 1) % depth;
	requests_count--;
	holding = true;
	return held.buffer;
}
EXPORT(take);

// reply(): the request the service took is answered; its client's event is triggered.
extern "C" cos_word CALL(reply)(cos_word, cos_word, cos_word, cos_word)
{
	if (!holding)
		return cosk::reply_error(cosk::ainv::Error::nothing_taken);
	return answer();
}
EXPORT(reply);
