// SPDX-License-Identifier: GPL-2.0
// A CGI service: a persistent program that answers the requests under its prefix (/cgi-a or
// /cgi-b) on a thread of its own, reading each request's target through its own fd API and
// writing the answer back the same way, as a FastCGI program does over its socket. The answer is
// the `body` setting (default "CGI A here\n", eleven bytes as in the paper's measurements), or,
// for a target ending in "?echo", the target itself. The same source builds both services: the
// build sets COS_CGI_CHANNEL to the letter, which names the start call (cgi_a_start).
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/system/sched.hpp>
#include <cos/web/fd.hpp>
#include <cos/web/mm.hpp>

#ifndef COS_CGI_CHANNEL
#error "COS_CGI_CHANNEL: the service's letter (the build sets it per image)"
#endif
#define CGI_NAME(letter, call) CGI_NAME_(letter, call)
#define CGI_NAME_(letter, call) cgi_##letter##_##call
#define EXPORT_EXPANDED(name) COS_EXPORT(name)
#define STRING(x) STRING_(x)
#define STRING_(x) #x

COS_CONFIG(256);

namespace {

constexpr cos_word target_max = 2048;
constexpr cos_word service_priority = 16;

bool started = false;

cos_word service(cos_word, cos_word, cos_word, cos_word)
{
	auto fd = cosk::fd::serve();
	auto buffer = cosk::mm::alloc();
	if (!fd || !buffer)
		return 1;
	const cosk::net::Share share = cosk::net::find_share("share.stream", "share.stream.size");
	const cos_word in = buffer.value();
	const cos_word out = in + target_max;
	char *target = reinterpret_cast<char *>(share.base + in);
	char *answer = reinterpret_cast<char *>(share.base + out);
	char body[256];
	cos_word body_length = 0;
	if (auto set = cosk::config::get("body"); set && set.value().size < sizeof(body) - 1) {
		__builtin_memcpy(body, set.value().text, set.value().size);
		body_length = set.value().size;
		body[body_length++] = '\n';
	} else {
		const char letter = STRING(COS_CGI_CHANNEL)[0];
		const char text[] = {'C', 'G', 'I', ' ', static_cast<char>(letter - 'a' + 'A'), ' ', 'h', 'e', 'r', 'e', '\n'};
		__builtin_memcpy(body, text, sizeof(text));
		body_length = sizeof(text);
	}
	for (;;) {
		auto n = cosk::fd::read(fd.value(), in, target_max);
		if (!n)
			continue;
		const cos_word got = n.value();
		cos_word length = body_length;
		if (got >= 5 && __builtin_memcmp(target + got - 5, "?echo", 5) == 0) {
			__builtin_memcpy(answer, target, got);
			answer[got] = '\n';
			length = got + 1;
		} else {
			__builtin_memcpy(answer, body, body_length);
		}
		static_cast<void>(cosk::fd::write(fd.value(), out, length));
	}
}

} // namespace

// cgi_X_start(): the service's thread, once (the webserver's entry starts both services).
extern "C" cos_word CGI_NAME(COS_CGI_CHANNEL, start)(cos_word, cos_word, cos_word, cos_word)
{
	if (started)
		return 0;
	auto priority = cosk::config::number("priority");
	if (!cosk::sched::create(service, 0, priority ? priority.value() : service_priority))
		return 1;
	started = true;
	return 0;
}
EXPORT_EXPANDED(CGI_NAME(COS_CGI_CHANNEL, start));
