// SPDX-License-Identifier: GPL-2.0
// Static content (<cos/web/files.hpp>): the files of the directory the graph named, which the
// loader put into this component's memory (the file area) before it first ran. Looks a path up
// and copies a file's bytes into the caller's buffer of the `stream` share. In a larger system
// this would be a buffer cache over a file system over a disk driver; here the area is all.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/web/files.hpp>

COS_CONFIG(256);

namespace {

using cosk::files::Error;
using cosk::files::File_entry;
using cosk::files::Files_header;

constexpr cos_word path_max = 2048;

struct Area {
	const std::uint8_t *base = nullptr;
	cos_word size = 0;
	const File_entry *entries = nullptr;
	cos_word count = 0;
};

Area area;
cosk::net::Share share;
bool started = false;

bool start()
{
	if (started)
		return area.count != 0 || area.base != nullptr;
	started = true;
	share = cosk::net::find_share("share.stream", "share.stream.size");
	auto at = cosk::config::number("files");
	auto size = cosk::config::number("files.size");
	if (!at || !size || size.value() < sizeof(Files_header))
		return false;
	const auto *h = reinterpret_cast<const Files_header *>(cos_component_base() + at.value());
	if (h->magic != cosk::files::magic || h->count > (size.value() - sizeof(Files_header)) / sizeof(File_entry))
		return false;
	area.base = reinterpret_cast<const std::uint8_t *>(h);
	area.size = size.value();
	area.entries = reinterpret_cast<const File_entry *>(h + 1);
	area.count = h->count;
	return true;
}

// <0, 0, >0 as the entry's path sorts before, at or after the name.
int compare(const File_entry &e, const char *name, cos_word n)
{
	const char *path = reinterpret_cast<const char *>(area.base + e.path_at);
	const cos_word common = e.path_length < n ? e.path_length : n;
	for (cos_word i = 0; i < common; i++) {
		if (path[i] != name[i])
			return static_cast<unsigned char>(path[i]) < static_cast<unsigned char>(name[i]) ? -1 : 1;
	}
	return e.path_length == n ? 0 : e.path_length < n ? -1 : 1;
}

const File_entry *lookup(const char *name, cos_word n)
{
	cos_word low = 0;
	cos_word high = area.count;
	while (low < high) {
		const cos_word mid = low + (high - low) / 2;
		const int c = compare(area.entries[mid], name, n);
		if (c == 0)
			return &area.entries[mid];
		if (c < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return nullptr;
}

} // namespace

// static_find(offset, length): the file whose path is at offset of the stream share.
extern "C" cos_word static_find(cos_word offset, cos_word length, cos_word, cos_word)
{
	if (!start())
		return cosk::reply_error(Error::no_files);
	if (!share.holds(offset, length) || length == 0 || length > path_max)
		return cosk::reply_error(Error::bad_range);
	char name[path_max + 16];
	__builtin_memcpy(name, share.base + offset, length);
	cos_word n = length;
	if (name[n - 1] == '/') {
		__builtin_memcpy(name + n, "index.html", 10);
		n += 10;
	}
	const File_entry *e = lookup(name, n);
	if (e == nullptr)
		return cosk::reply_error(Error::not_found);
	return static_cast<cos_word>(e - area.entries);
}
COS_EXPORT(static_find);

// static_length(file): its size in bytes.
extern "C" cos_word static_length(cos_word file, cos_word, cos_word, cos_word)
{
	if (!start() || file >= area.count)
		return cosk::reply_error(Error::no_such_file);
	return area.entries[file].data_length;
}
COS_EXPORT(static_length);

// static_read(file, position, offset, length): copies up to length bytes from position of the
// file to offset of the stream share; how many.
extern "C" cos_word static_read(cos_word file, cos_word position, cos_word offset, cos_word length)
{
	if (!start() || file >= area.count)
		return cosk::reply_error(Error::no_such_file);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::bad_range);
	const File_entry &e = area.entries[file];
	if (position >= e.data_length)
		return 0;
	const cos_word n = e.data_length - position < length ? e.data_length - position : length;
	__builtin_memcpy(share.base + offset, area.base + e.data_at + position, n);
	return n;
}
COS_EXPORT(static_read);
