// SPDX-License-Identifier: GPL-2.0
// What the chain's tail computes from its four arguments, and its head expects back.
//
// Every bit of every argument affects the result, and so does their order, so that a link that
// drops, swaps or alters an argument (or a boundary that garbles a register) shows up as a
// mismatch.
#pragma once

#include <cos/component.hpp>

constexpr cos_word chain_rotate(cos_word v, unsigned n)
{
	return (v << (n & 63)) | (v >> ((64 - n) & 63));
}

// The finaliser of splitmix64: a bijection that spreads each input bit over the whole word.
constexpr cos_word chain_mix(cos_word v)
{
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
	return v ^ (v >> 31);
}

constexpr cos_word chain_value(cos_word a0, cos_word a1, cos_word a2, cos_word a3)
{
	cos_word h = 0x9e3779b97f4a7c15ULL;
	h = chain_mix(h ^ a0);
	h = chain_mix(h ^ chain_rotate(a1, 17));
	h = chain_mix(h ^ chain_rotate(a2, 31));
	h = chain_mix(h ^ chain_rotate(a3, 47));
	return h;
}
