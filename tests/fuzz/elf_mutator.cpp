// SPDX-License-Identifier: GPL-2.0
// Mutating an ELF64 image: bit flips, interesting values in header fields, truncation.
#include "tests/fuzz/elf_mutator.hpp"

#include <elf.h>

#include <cstring>
#include <utility>

namespace cosk::fuzz {
namespace {

// splitmix64: a small, well-mixed generator; the same seed gives the same mutant everywhere.
struct Random {
	std::uint64_t state;
	std::uint64_t next()
	{
		std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		return z ^ (z >> 31);
	}
	std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
};

template <typename T>
T read_at(const std::vector<std::uint8_t> &bytes, std::uint64_t offset)
{
	T value{};
	if (offset + sizeof(T) <= bytes.size())
		std::memcpy(&value, bytes.data() + offset, sizeof(T));
	return value;
}

} // namespace

Elf_mutator::Elf_mutator(std::vector<std::uint8_t> original) : original_(std::move(original))
{
	const auto ehdr = read_at<Elf64_Ehdr>(original_, 0);
	tables_.push_back({0, sizeof(Elf64_Ehdr)});
	tables_.push_back({ehdr.e_phoff, std::uint64_t{ehdr.e_phnum} * sizeof(Elf64_Phdr)});
	tables_.push_back({ehdr.e_shoff, std::uint64_t{ehdr.e_shnum} * sizeof(Elf64_Shdr)});
	for (std::uint64_t i = 0; i < ehdr.e_shnum; ++i) {
		const auto shdr = read_at<Elf64_Shdr>(original_, ehdr.e_shoff + i * sizeof(Elf64_Shdr));
		switch (shdr.sh_type) {
		case SHT_SYMTAB:
		case SHT_STRTAB:
		case SHT_RELA:
		case SHT_REL:
		case SHT_DYNAMIC:
		case SHT_DYNSYM:
			tables_.push_back({shdr.sh_offset, shdr.sh_size});
			break;
		default:
			break;
		}
	}
	std::erase_if(tables_, [this](const Range &r) { return r.size == 0 || r.offset + r.size > original_.size(); });
}

std::vector<std::uint8_t> Elf_mutator::mutant(std::uint64_t seed)
{
	Random random{seed};
	std::vector<std::uint8_t> bytes = original_;
	last_.clear();
	const std::uint64_t changes = 1 + random.below(3);
	for (std::uint64_t c = 0; c < changes && !bytes.empty(); ++c) {
		// Where: mostly in the tables the loader reads, else anywhere (code and data included).
		std::uint64_t offset;
		if (random.below(4) != 0 && !tables_.empty()) {
			const Range &r = tables_[random.below(tables_.size())];
			offset = r.offset + random.below(r.size);
		} else {
			offset = random.below(bytes.size());
		}
		if (offset >= bytes.size())
			continue;
		const auto kind = random.below(10);
		if (kind < 4) {
			const unsigned bit = static_cast<unsigned>(random.below(8));
			bytes[offset] ^= static_cast<std::uint8_t>(1u << bit);
			last_ += "flip bit " + std::to_string(bit) + " at " + std::to_string(offset) + "; ";
		} else if (kind < 8) {
			// A field-sized value that breaks bounds and counts: 0, 1, all ones, the top bit, the
			// file's size and one more, a page, or random. Written at a field-aligned offset.
			const std::uint64_t width = std::uint64_t{1} << (1 + random.below(3)); // 2, 4 or 8
			offset &= ~(width - 1);
			const std::uint64_t interesting[] = {0,
							     1,
							     ~std::uint64_t{0},
							     std::uint64_t{1} << (width * 8 - 1),
							     bytes.size(),
							     bytes.size() + 1,
							     0x1000,
							     random.next()};
			const std::uint64_t value = interesting[random.below(std::size(interesting))];
			for (std::uint64_t b = 0; b < width && offset + b < bytes.size(); ++b)
				bytes[offset + b] = static_cast<std::uint8_t>(value >> (8 * b));
			last_ += "write " + std::to_string(value) + " (" + std::to_string(width) + " bytes) at " +
				 std::to_string(offset) + "; ";
		} else if (kind < 9) {
			bytes[offset] = static_cast<std::uint8_t>(random.next());
			last_ += "random byte at " + std::to_string(offset) + "; ";
		} else {
			bytes.resize(offset);
			last_ += "truncate to " + std::to_string(offset) + "; ";
		}
	}
	return bytes;
}

} // namespace cosk::fuzz
