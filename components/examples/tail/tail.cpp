// SPDX-License-Identifier: GPL-2.0
// The tail of a chain: answers step with chain_value, which the head checks.
#include <cos/component.hpp>

#include "components/examples/chain/chain_value.hpp"

extern "C" cos_word step(cos_word a0, cos_word a1, cos_word a2, cos_word a3)
{
	return chain_value(a0, a1, a2, a3);
}
COS_EXPORT(step);
