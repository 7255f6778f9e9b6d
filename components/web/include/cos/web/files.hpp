// SPDX-License-Identifier: GPL-2.0
// Static content's interface (components/web/static), and the layout of the file area the loader
// maps into it (graph: `files COMPONENT DIR`; setting `files` and `files.size`): a Files_header,
// then count File_entry records sorted by path, then the paths and the files' bytes, every
// offset from the area's start.
#pragma once

#include <cstdint>

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::files {

inline constexpr std::uint64_t magic = 0x31736f632d736966ULL;	// "fis-cos1"

struct Files_header {
	std::uint64_t magic;
	std::uint64_t count;
};

struct File_entry {
	std::uint64_t path_at;		// "/dir/name", not zero-terminated
	std::uint64_t path_length;
	std::uint64_t data_at;
	std::uint64_t data_length;
};

enum class File : cos_word {};

enum class Error : cos_word {
	not_found = 1,
	no_such_file = 2,
	bad_range = 3,	// an offset and length outside the stream share
	no_files = 4,	// the graph gave no file area
};

COS_IMPORT_ON_CALL(static_find);
COS_IMPORT_ON_CALL(static_length);
COS_IMPORT_ON_CALL(static_read);

// The file named by the path at offset (length bytes) of the stream share; "/" and paths ending
// in "/" name their index.html.
inline Attempt<File, Error> find(cos_word offset, cos_word length)
{
	return decode<Error, File>(static_find(offset, length));
}

inline Attempt<cos_word, Error> length(File f)
{
	return decode<Error>(static_length(static_cast<cos_word>(f)));
}

// Copies up to length bytes from position of the file to offset in the stream share.
inline Attempt<cos_word, Error> read(File f, cos_word position, cos_word offset, cos_word length)
{
	return decode<Error>(static_read(static_cast<cos_word>(f), position, offset, length));
}

} // namespace cosk::files
