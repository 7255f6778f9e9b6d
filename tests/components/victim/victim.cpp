// SPDX-License-Identifier: GPL-2.0
// The victim of the fault test: holds a secret and hands out the addresses of its data and code,
// which no other protection domain should be able to use.
#include <cos/component.hpp>

namespace {

struct Victim {
	cos_word secret;
};

Victim victim = {0x5ec2e75ec2e70000ULL};

} // namespace

extern "C" cos_word victim_get(cos_word, cos_word, cos_word, cos_word)
{
	return victim.secret;
}
COS_EXPORT(victim_get);

// Returns the previous secret.
extern "C" cos_word victim_set(cos_word value, cos_word, cos_word, cos_word)
{
	const cos_word previous = victim.secret;
	victim.secret = value;
	return previous;
}
COS_EXPORT(victim_set);

extern "C" cos_word victim_secret_address(cos_word, cos_word, cos_word, cos_word)
{
	return reinterpret_cast<cos_word>(&victim.secret);
}
COS_EXPORT(victim_secret_address);

extern "C" cos_word victim_code_address(cos_word, cos_word, cos_word, cos_word)
{
	return reinterpret_cast<cos_word>(&victim_get);
}
COS_EXPORT(victim_code_address);
