// SPDX-License-Identifier: GPL-2.0
// Random requests to /dev/cos, in the guest: every ioctl the module knows, and mangled ones, with
// arguments drawn from values that reach its checks (small ids, addresses in the region, the
// caller's own memory, unmapped and kernel pointers, all-ones), on a system of its own and, through
// a second file, on any system it finds (attached). The module must answer each with success or a
// documented error and never complain in the kernel log (scripts/vm checks); whatever a fuzzing
// process built must be freed when it exits, ends by its alarm (a run stuck in code of random
// bytes) or is SIGKILLed part-way (tests/guest/cases/ioctl_fuzz.sh counts the module's pages).
//
// usage: ioctl_fuzz SEED PROCESSES REQUESTS
// Prints what the requests returned, and `  reached NAME COUNT` lines that say whether the states
// it means to test were reached (runs that came back, merges of a running system...), for the
// case to check against its minimums; exits 1 if an error was not one the module documents.
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "ioctl_fuzz_report.hpp"
#include "module/uapi/cos.h"

namespace {

using namespace ioctl_fuzz;

// The errors the module's requests are documented to fail with (module/uapi/cos.h).
bool documented(int error)
{
	switch (error) {
	case EINVAL: case EFAULT: case ENOMEM: case EPERM: case ENOSPC: case EBUSY: case EEXIST:
	case ESRCH: case ENOTTY: case ENODEV: case EALREADY: case ELOOP: case EBADF: case EOPNOTSUPP:
		return true;
	default:
		return false;
	}
}

constexpr std::size_t page = 4096;
constexpr std::size_t buffer_size = 4 * page; // more than the largest request structure
constexpr std::uint64_t kernel_address = 0xffffffff81000000ULL;

static_assert(sizeof(cos_pd_list) <= buffer_size);

std::uint64_t slot_base(std::uint64_t slot)
{
	return COS_REGION_BASE + slot * COS_SLOT_SIZE;
}

class Fuzzer {
public:
	// fd builds a system of its own; control_fd attaches to any system it is told of.
	Fuzzer(std::uint64_t seed, int fd, int control_fd) : random_(seed), fd_(fd), control_fd_(control_fd)
	{
		// The request buffer, then an inaccessible page: an argument near its end runs off it.
		void *pages = mmap(nullptr, buffer_size + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				   -1, 0);
		if (pages == MAP_FAILED || mprotect(static_cast<char *>(pages) + buffer_size, page, PROT_NONE)) {
			std::perror("mmap");
			std::exit(2);
		}
		buffer_ = static_cast<std::uint64_t *>(pages);
		contents_ = static_cast<std::uint8_t *>(std::calloc(contents_size, 1));
	}

	// One request, counted in the report.
	void request()
	{
		std::memset(buffer_, 0, buffer_size);
		unsigned long nr;
		if (below(4) == 0) {
			nr = mangled_request();
			for (std::size_t i = 0; i < buffer_size / 8; i++)
				buffer_[i] = word();
		} else {
			nr = well_formed_request();
			// Then, half the time, a word or two of it goes wrong.
			for (std::uint64_t n = below(2) ? 1 + below(2) : 0; n; n--)
				buffer_[below(_IOC_SIZE(nr) / 8 + 1)] = word();
		}
		void *arg = buffer_;
		switch (below(32)) {
		case 0: arg = nullptr; break;
		case 1: arg = reinterpret_cast<void *>(kernel_address); break;
		case 2: arg = reinterpret_cast<char *>(buffer_) + buffer_size - 8 * (1 + below(8)); break;
		default: break;
		}
		const int fd = below(4) ? fd_ : control_fd_;
		const bool mpd = nr == COS_IOC_MERGE || nr == COS_IOC_SPLIT;
		const bool was_running = mpd && runs_now(fd);
		const int error = ioctl(fd, nr, arg) == 0 ? 0 : errno;
		report.errors[static_cast<std::size_t>(error) & 255]++;
		if (!error && known_index(nr) < known_requests.size())
			report.successes[known_index(nr)]++;
		if (!error && nr == COS_IOC_RUN && arg == buffer_ && run_status() < report.runs.size())
			report.runs[run_status()]++;
		// Only another process's system runs while this thread is here: one attached to.
		if (!error && mpd && was_running && runs_now(fd))
			(nr == COS_IOC_MERGE ? report.merges_running : report.splits_running)++;
		if (!error && nr == COS_IOC_STOP)
			report.stops++;
		if (!error && arg == buffer_)
			remember(nr);
	}

	Report report{};

private:
	static constexpr std::size_t contents_size = 2 * page;

	std::uint64_t below(std::uint64_t n) { return random_() % n; }

	[[nodiscard]] std::uint32_t run_status() const { return reinterpret_cast<const cos_run *>(buffer_)->status; }

	// Whether the system @fd acts on runs now: its component threads are alive.
	static bool runs_now(int fd)
	{
		cos_stats stats{};
		return ioctl(fd, COS_IOC_STATS, &stats) == 0 && stats.threads;
	}

	// Ids this process was given, most of the time; any small number otherwise.
	std::uint32_t pd()
	{
		return pds_.empty() || below(5) == 0 ? static_cast<std::uint32_t>(below(8))
						     : pds_[below(pds_.size())];
	}
	std::uint32_t component()
	{
		return components_.empty() || below(5) == 0 ? static_cast<std::uint32_t>(below(8))
							    : components_[below(components_.size())].first;
	}
	std::uint64_t slot_of(std::uint32_t id)
	{
		for (const auto &[component, slot] : components_)
			if (component == id)
				return slot;
		return COS_FIRST_COMPONENT_SLOT + below(8);
	}
	// An address in a component's slot: a page start, or anywhere in its first pages.
	std::uint64_t address_in(std::uint32_t component)
	{
		const std::uint64_t offset = below(2) ? page * below(8) : below(8 * page);
		return slot_base(slot_of(component)) + offset;
	}

	// Fills the contents of the next map; returns whether they are the returning code.
	bool fill_contents()
	{
		switch (below(5)) {
		case 0: std::memset(contents_, 0xc3, contents_size); break; // ret
		case 1: std::memset(contents_, 0xcc, contents_size); break; // int3
		case 2: std::memset(contents_, 0x90, contents_size); break; // nop, into whatever follows
		case 3: {
			// Every 16 bytes, a return of whatever %rdx holds: entered there, a run returns.
			const std::uint8_t ret[16] = {0xb8, COS_CALL_RETURN & 0xff, (COS_CALL_RETURN >> 8) & 0xff,
						      (COS_CALL_RETURN >> 16) & 0xff, COS_CALL_RETURN >> 24, // mov $COS_CALL_RETURN, %eax
						      0x0f, 0x05, // syscall
						      0x0f, 0x0b, // ud2
						      0x90, 0x90, 0x90, 0x90, 0x90, 0x90, 0x90};
			for (std::size_t i = 0; i < contents_size; i += sizeof(ret))
				std::memcpy(contents_ + i, ret, sizeof(ret));
			return true;
		}
		default:
			for (std::size_t i = 0; i < contents_size; i++)
				contents_[i] = static_cast<std::uint8_t>(random_());
		}
		return false;
	}

	// A request the module could accept: its structure filled in as the loader would.
	unsigned long well_formed_request()
	{
		switch (below(17)) {
		case 0:
		case 1:
			return COS_IOC_PD_CREATE;
		case 2:
		case 3: {
			auto *c = reinterpret_cast<cos_component_create *>(buffer_);
			c->slot = static_cast<std::uint32_t>(COS_FIRST_COMPONENT_SLOT + below(8));
			c->flags = static_cast<std::uint32_t>(below(COS_COMPONENT_VALID + 1));
			c->upcall_entry = slot_base(c->slot) + page * below(4);
			c->inv_stub = slot_base(c->slot) + page * below(4) + 16 * below(4);
			c->pd = pd();
			std::strcpy(c->name, "fuzzed");
			return COS_IOC_COMPONENT_CREATE;
		}
		case 4:
		case 5: {
			auto *m = reinterpret_cast<cos_map *>(buffer_);
			m->component = component();
			constexpr std::uint32_t prots[] = {COS_PROT_READ, COS_PROT_READ | COS_PROT_WRITE,
							   COS_PROT_READ | COS_PROT_EXEC};
			m->prot = prots[below(3)];
			m->addr = slot_base(slot_of(m->component)) + page * below(8);
			m->size = page * (1 + below(2));
			// The returning code goes in executable, so that runs entered there can return.
			const bool code = fill_contents();
			if (code)
				m->prot = COS_PROT_READ | COS_PROT_EXEC;
			m->src = code || below(2) ? reinterpret_cast<std::uintptr_t>(contents_) : 0;
			m->src_size = m->src ? below(m->size + 1) : 0;
			return COS_IOC_MAP;
		}
		case 6: {
			auto *c = reinterpret_cast<cos_cap_create *>(buffer_);
			c->client = component();
			c->server = component();
			c->fn = address_in(c->server);
			c->ucap = slot_base(slot_of(c->client)) + page * below(8) + 32 * below(4);
			return COS_IOC_CAP_CREATE;
		}
		case 7: {
			auto *r = reinterpret_cast<cos_run *>(buffer_);
			r->component = component();
			r->fn = address_in(r->component);
			for (auto &arg : r->args)
				arg = random_();
			return COS_IOC_RUN;
		}
		case 8: {
			auto *i = reinterpret_cast<cos_immutable *>(buffer_);
			i->a = component();
			i->b = component();
			return COS_IOC_IMMUTABLE;
		}
		case 9:
		case 10: {
			auto *op = reinterpret_cast<cos_mpd_op *>(buffer_);
			op->a = component();
			const bool merge = below(2);
			op->b = merge ? component() : 0;
			op->flags = merge ? 0 : static_cast<std::uint32_t>(below(2));
			return merge ? COS_IOC_MERGE : COS_IOC_SPLIT;
		}
		case 11: {
			auto *e = reinterpret_cast<cos_edge_list *>(buffer_);
			e->edges = reinterpret_cast<std::uintptr_t>(contents_);
			e->capacity = static_cast<std::uint32_t>(below(contents_size / sizeof(cos_edge) + 1));
			return COS_IOC_EDGES;
		}
		case 12: {
			auto *l = reinterpret_cast<cos_system_list *>(buffer_);
			l->systems = reinterpret_cast<std::uintptr_t>(contents_);
			l->capacity = static_cast<std::uint32_t>(below(contents_size / sizeof(cos_system_entry) + 1));
			return COS_IOC_SYSTEMS;
		}
		case 13: {
			if (below(2))
				return COS_IOC_STOP;
			reinterpret_cast<cos_attach *>(buffer_)->system =
				systems_.empty() || below(4) == 0 ? static_cast<std::uint32_t>(below(4))
								  : systems_[below(systems_.size())];
			return COS_IOC_ATTACH;
		}
		case 14: {
			constexpr unsigned long reads[] = {COS_IOC_INFO, COS_IOC_STATS, COS_IOC_FAULTS, COS_IOC_PDS};
			return reads[below(4)];
		}
		case 16: {
			// A new share or one of the first ids, where the loader puts shares or over the memory
			// COS_IOC_MAP gives; a size that is often not the share's.
			auto *sh = reinterpret_cast<cos_share *>(buffer_);
			sh->component = component();
			sh->share = below(2) ? 0 : static_cast<std::uint32_t>(below(4));
			sh->address = slot_base(slot_of(sh->component)) + (below(2) ? COS_AREA_OFFSET : 0) + page * below(8);
			sh->size = page * (1 + below(2));
			return COS_IOC_SHARE;
		}
		case 15:
			if (below(2)) {
				// No device of the guest's but lo (not Ethernet) has these names.
				constexpr const char *names[] = {"lo", "cosnone0", "cosv0x"};
				auto *n = reinterpret_cast<cos_nic_attach *>(buffer_);
				std::strcpy(n->ifname, names[below(3)]);
				n->component = component();
				n->slots = static_cast<std::uint32_t>(1U << below(12));
				n->ring = slot_base(slot_of(n->component)) + page * below(8);
				n->addr[0] = static_cast<std::uint8_t>(below(4));
				n->addr[5] = static_cast<std::uint8_t>(random_());
				return COS_IOC_NIC_ATTACH;
			}
			[[fallthrough]];
		default:
			return known_requests[below(known_requests.size())].nr;
		}
	}

	// A known request, one with another size or direction, or any number of the module's type.
	unsigned long mangled_request()
	{
		const unsigned long known = known_requests[below(known_requests.size())].nr;
		switch (below(4)) {
		case 0:
			return (known & ~(static_cast<unsigned long>(_IOC_SIZEMASK) << _IOC_SIZESHIFT)) |
			       (below(1024) << _IOC_SIZESHIFT);
		case 1:
			return (known & ~(static_cast<unsigned long>(_IOC_DIRMASK) << _IOC_DIRSHIFT)) |
			       (below(4) << _IOC_DIRSHIFT);
		case 2:
			return _IOC(below(4), COS_IOC_TYPE, below(256), below(1024));
		default:
			return known;
		}
	}

	// The ids a successful creation returned, for the requests after it.
	void remember(unsigned long nr)
	{
		if (nr == COS_IOC_PD_CREATE)
			pds_.push_back(reinterpret_cast<cos_pd_create *>(buffer_)->id);
		else if (nr == COS_IOC_COMPONENT_CREATE) {
			const auto *c = reinterpret_cast<cos_component_create *>(buffer_);
			components_.emplace_back(c->id, c->slot);
		} else if (nr == COS_IOC_SYSTEMS) {
			const auto *l = reinterpret_cast<cos_system_list *>(buffer_);
			const auto *entries = reinterpret_cast<const cos_system_entry *>(contents_);
			for (std::uint32_t i = 0; i < l->count && i < l->capacity; i++)
				systems_.push_back(entries[i].id);
		}
	}

	// A word that may get past some of the module's checks.
	std::uint64_t word()
	{
		switch (below(12)) {
		case 0: case 1: case 2: return 0;
		case 3: return below(4);
		case 4: return below(70);
		case 5: return slot_base(below(COS_REGION_SLOTS)) + below(4) * page;
		case 6: return reinterpret_cast<std::uintptr_t>(contents_);
		case 7: return page * (1 + below(16));
		case 8: return ~0ULL;
		case 9: return kernel_address;
		case 10: return static_cast<std::uint32_t>(random_());
		default: return random_();
		}
	}

	std::mt19937_64 random_;
	int fd_;
	int control_fd_;
	std::uint64_t *buffer_;
	std::uint8_t *contents_;
	std::vector<std::uint32_t> pds_;
	std::vector<std::pair<std::uint32_t, std::uint64_t>> components_; // id, slot
	std::vector<std::uint32_t> systems_;
};

// Attaches fd to one of the systems running now, if there is one: half the fuzzing processes
// then send their control requests to a system that runs (merges, splits, stops). Returns
// whether it did.
bool attach_to_a_running_system(int fd, std::uint64_t seed)
{
	std::array<cos_system_entry, 64> entries{};
	cos_system_list list{};
	list.systems = reinterpret_cast<std::uintptr_t>(entries.data());
	list.capacity = entries.size();
	if (seed % 2 || ioctl(fd, COS_IOC_SYSTEMS, &list) != 0)
		return false;
	std::vector<std::uint32_t> running;
	for (std::uint32_t i = 0; i < list.count && i < list.capacity; i++)
		if (entries[i].running)
			running.push_back(entries[i].id);
	if (running.empty())
		return false;
	cos_attach attach{};
	attach.system = running[(seed >> 1) % running.size()];
	// It may have stopped since: ESRCH, and the process fuzzes without it.
	return ioctl(fd, COS_IOC_ATTACH, &attach) == 0;
}

// A fuzzing process: its requests, what they returned (written to the report file), then exit.
[[noreturn]] void fuzz(std::uint64_t seed, long requests, int report)
{
	// A run of random bytes may spin for ever: the alarm ends the process, as SIGKILL would.
	alarm(20);
	const int fd = open("/dev/cos", O_RDWR | O_CLOEXEC);
	const int control_fd = open("/dev/cos", O_RDWR | O_CLOEXEC);
	if (fd < 0 || control_fd < 0) {
		std::perror("/dev/cos");
		_exit(2);
	}
	const bool attached = attach_to_a_running_system(control_fd, seed);
	Fuzzer fuzzer(seed, fd, control_fd);
	fuzzer.report.attached_running = attached;
	for (long i = 0; i < requests; i++) {
		fuzzer.request();
		// Written as it goes, so that a process the alarm ends still reports what it saw.
		if (i % 64 == 63 || i == requests - 1) {
			if (pwrite(report, &fuzzer.report, sizeof(Report), 0) != sizeof(Report))
				_exit(2);
		}
	}
	_exit(0);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 4) {
		std::fprintf(stderr, "usage: ioctl_fuzz SEED PROCESSES REQUESTS\n");
		return 2;
	}
	const std::uint64_t seed = std::strtoull(argv[1], nullptr, 0);
	const long processes = std::strtol(argv[2], nullptr, 0);
	const long requests = std::strtol(argv[3], nullptr, 0);

	std::mt19937_64 random(seed);
	Totals totals;
	int ended_by_signal = 0, killed_part_way = 0;
	for (long p = 0; p < processes; p++) {
		char name[] = "/tmp/ioctl_fuzz.XXXXXX";
		const int report = mkstemp(name);
		if (report < 0) {
			std::perror("mkstemp");
			return 2;
		}
		unlink(name);
		const std::uint64_t child_seed = random();
		const pid_t pid = fork();
		if (pid == 0)
			fuzz(child_seed, requests, report);
		// Every fourth process is SIGKILLed part-way, wherever it is.
		if (p % 4 == 3) {
			usleep(static_cast<useconds_t>(random() % 200000));
			if (kill(pid, SIGKILL) == 0)
				killed_part_way++;
		}
		int status = 0;
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status))
			ended_by_signal++;
		else if (WEXITSTATUS(status) != 0) {
			std::fprintf(stderr, "ioctl_fuzz: process %ld (seed %#llx) exited with %d\n", p,
				     static_cast<unsigned long long>(child_seed), WEXITSTATUS(status));
			return 1;
		}
		Report seen{};
		if (pread(report, &seen, sizeof(seen), 0) == sizeof(seen))
			totals.add(seen);
		close(report);
	}

	bool ok = true;
	std::printf("ioctl fuzz: seed %#llx, %ld processes of %ld requests (%d ended by a signal, %d of "
		    "them SIGKILLed part-way)\n",
		    static_cast<unsigned long long>(seed), processes, requests, ended_by_signal, killed_part_way);
	totals.print(static_cast<std::uint64_t>(killed_part_way));
	for (const auto &[error, count] : totals.errors) {
		std::printf("  %-10s %llu\n", error ? strerrorname_np(error) : "success",
			    static_cast<unsigned long long>(count));
		if (error && !documented(error)) {
			std::printf("  ^ not an error the module documents\n");
			ok = false;
		}
	}
	return ok ? 0 : 1;
}
