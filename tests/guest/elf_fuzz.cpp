// SPDX-License-Identifier: GPL-2.0
// ELF mutation fuzzing against the module: mutants of the adder system's real images
// (tests/fuzz/mutant_system.hpp), each planned in process first. Every mutant the loader plans is
// then loaded with `cos load` into the module: its run must end as cos promises (the entry's
// result, a contained fault's report and status 40, a refusal in one line, or a stop when it runs
// too long); a sample of the refused ones goes through `cos load` too, which must refuse it with
// the same one line and status. cos dying of a signal, or hanging past its stop, is a failure;
// so is any complaint in the kernel log (scripts/vm checks).
//
//   elf_fuzz COS COMPONENT_DIR SCRATCH FIRST_SEED MUTANTS SAMPLE_EVERY
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "loader/graph/graph_error.hpp"
#include "loader/image/plan.hpp"
#include "tests/fuzz/mutant_system.hpp"

namespace {

struct Ended {
	bool signaled = false;
	int status = 0;   // exit status, or the signal
	bool hung = false; // still there after SIGTERM and a grace period: killed
	std::string err;  // what cos wrote to stderr
};

std::string read_text(const std::string &path)
{
	std::ifstream in(path);
	std::stringstream text;
	text << in.rdbuf();
	return text.str();
}

// Runs `cos load GRAPH`, stdout discarded, stderr kept; SIGTERM (cos's clean stop) after
// stop_after, SIGKILL after as long again.
Ended run_cos(const std::string &cos, const std::string &graph, const std::string &err_path,
	      std::chrono::milliseconds stop_after)
{
	const pid_t child = fork();
	if (child < 0) {
		perror("elf_fuzz: fork");
		std::exit(2);
	}
	if (child == 0) {
		const int null = open("/dev/null", O_WRONLY);
		const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (null < 0 || err < 0)
			_exit(126);
		dup2(null, STDOUT_FILENO);
		dup2(err, STDERR_FILENO);
		execl(cos.c_str(), cos.c_str(), "load", graph.c_str(), static_cast<char *>(nullptr));
		_exit(127);
	}
	Ended ended;
	const auto start = std::chrono::steady_clock::now();
	bool termed = false;
	int status = 0;
	for (;;) {
		const pid_t done = waitpid(child, &status, WNOHANG);
		if (done == child)
			break;
		const auto waited = std::chrono::steady_clock::now() - start;
		if (!termed && waited > stop_after) {
			kill(child, SIGTERM);
			termed = true;
		} else if (termed && waited > 2 * stop_after && !ended.hung) {
			kill(child, SIGKILL);
			ended.hung = true;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(2));
	}
	ended.signaled = WIFSIGNALED(status);
	ended.status = ended.signaled ? WTERMSIG(status) : WEXITSTATUS(status);
	ended.err = read_text(err_path);
	return ended;
}

std::size_t lines_in(const std::string &text)
{
	std::size_t n = 0;
	for (char c : text)
		n += c == '\n';
	return n;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 7) {
		std::cerr << "usage: elf_fuzz COS COMPONENT_DIR SCRATCH FIRST_SEED MUTANTS SAMPLE_EVERY\n";
		return 2;
	}
	const std::string cos = argv[1], scratch = argv[3];
	const std::uint64_t first = std::strtoull(argv[4], nullptr, 0), mutants = std::strtoull(argv[5], nullptr, 0),
			    sample = std::strtoull(argv[6], nullptr, 0);
	cosk::fuzz::Mutant_system system(argv[2], scratch);
	const std::string err_path = scratch + "/err";

	std::map<std::string, unsigned> count;
	unsigned failures = 0;
	auto fail = [&](std::uint64_t seed, const cosk::fuzz::Mutant_files &files, const std::string &why,
			const Ended &e) {
		if (++failures <= 10)
			std::cout << "elf fuzz: FAILED seed " << seed << " (" << files.component << ": " << files.change
				  << "): " << why << "; stderr: " << e.err << '\n';
	};

	for (std::uint64_t seed = first; seed < first + mutants; ++seed) {
		const auto files = system.write(seed);
		auto plan = cosk::loader::make_load_plan(files.graph);
		if (!plan.ok() && seed % sample != 0) {
			count["refused_in_process"]++;
			continue;
		}
		const Ended e = run_cos(cos, files.graph, err_path, std::chrono::seconds(5));
		if (e.signaled || e.hung) {
			fail(seed, files, e.hung ? "cos still ran after SIGTERM" : "cos died of signal " + std::to_string(e.status), e);
			continue;
		}
		if (!plan.ok()) {
			// The same refusal as in process, in its one line.
			const std::string want = "cos: " + cosk::loader::describe(plan.error()) + "\n";
			if (e.status != cosk::loader::exit_status(plan.error().kind) || e.err != want)
				fail(seed, files, "status " + std::to_string(e.status) + ", wanted the refusal " + want, e);
			else
				count["refused_by_cos"]++;
			continue;
		}
		// Planned, so loaded: it returned, faulted (status 40 and the entry's report), was refused
		// by the module in one line (status 1), or ran until stopped; before that, the faults the
		// module contained while the run went on come one line each.
		std::string rest;
		bool contained = false;
		std::istringstream lines(e.err);
		for (std::string line; std::getline(lines, line);) {
			if (line.rfind("cos: contained: ", 0) == 0 || line.find(" earlier contained faults not shown") != std::string::npos)
				contained = true;
			else
				rest += line + "\n";
		}
		const std::string after = contained ? "_after_contained_faults" : "";
		if (e.status == 128 + SIGTERM && rest.rfind("cos: stopped by SIGTERM", 0) == 0 && lines_in(rest) == 1)
			count["loaded_stopped" + after]++;
		else if (e.status == 40 && lines_in(rest) == 1 && rest.rfind("cos: ", 0) == 0)
			count["loaded_faulted" + after]++;
		else if (e.status == 1 && !contained && lines_in(rest) == 1 && rest.rfind("cos: ", 0) == 0)
			count["refused_by_the_module"]++;
		else if (rest.empty())
			count["loaded_returned" + after]++;
		else
			fail(seed, files, "status " + std::to_string(e.status) + " with unexpected output", e);
		if (contained || e.status == 40)
			count["faults_contained"]++;
	}

	std::cout << "elf fuzz: seeds " << first << ".." << first + mutants - 1 << ":";
	for (const auto &[what, n] : count)
		std::cout << ' ' << what << ' ' << n << ',';
	std::cout << ' ' << failures << " failures\n";
	for (const auto &[what, n] : count)
		std::cout << "reached " << what << ' ' << n << '\n';
	return failures ? 1 : 0;
}
