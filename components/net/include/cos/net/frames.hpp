// SPDX-License-Identifier: GPL-2.0
// The `frames` share between the vNIC and the TCP component (graph: `share frames SIZE vnic tcp`):
// whole Ethernet frames passed by reference, as buffer numbers, through IP. Buffer n lies at
// n * buffer_size in the share: a Frame_buffer. The TCP component owns the numbering: it names the
// buffers the vNIC fills on receive and the one it filled to send; the vNIC checks every number
// against the share's size, so a wrong one costs the caller only its own frames.
#pragma once

#include <cstdint>

#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/thread.hpp>

namespace cosk::net {

inline constexpr cos_word buffer_size = 2048;
inline constexpr cos_word frame_max = buffer_size - 8;	// as COS_NIC_FRAME_MAX

struct Frame_buffer {
	std::uint32_t length;	// bytes of frame
	std::uint32_t reserved;
	std::uint8_t frame[frame_max];
};
static_assert(sizeof(Frame_buffer) == buffer_size);

// A share as its component sees it: where (the loader's `share.NAME` setting, an offset from the
// component's base) and how big.
struct Share {
	std::uint8_t *base = nullptr;
	cos_word size = 0;

	Frame_buffer *buffer(cos_word n) const { return reinterpret_cast<Frame_buffer *>(base + n * buffer_size); }
	cos_word buffers() const { return size / buffer_size; }
	bool holds(cos_word offset, cos_word length) const { return offset <= size && length <= size - offset; }
};

// The share the loader named `name` for this component; empty (size 0) when the graph gave none.
// key_offset and key_size are "share.NAME" and "share.NAME.size".
inline Share find_share(const char *key_offset, const char *key_size)
{
	auto offset = config::number(key_offset);
	auto size = config::number(key_size);
	if (!offset || !size)
		return {};
	return {reinterpret_cast<std::uint8_t *>(cos_component_base() + offset.value()), size.value()};
}

} // namespace cosk::net
