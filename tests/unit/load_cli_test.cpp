// SPDX-License-Identifier: GPL-2.0
// `cos load --dry-run`, run as a process: the printed layout, and the exit status of each error.
#include <gtest/gtest.h>

#include <elf.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "image_test_support.hpp"

#ifndef COS_TEST_FIXTURE_DIR
#define COS_TEST_FIXTURE_DIR "/work/main/tests/unit/graph_fixtures"
#endif

using namespace cosk::loader::test_support;

namespace {

struct Cli_run {
	int status;
	std::string output; // stdout and stderr together
};

Cli_run run_cos(const std::string &args)
{
	const std::string command = std::string(COS_CLI_PATH) + " " + args + " 2>&1";
	FILE *pipe = popen(command.c_str(), "r");
	if (!pipe)
		return {-1, ""};
	std::string output;
	std::array<char, 512> buf;
	std::size_t n;
	while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
		output.append(buf.data(), n);
	const int status = pclose(pipe);
	return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// A graph error is one line: `cos: FILE:LINE: error: ...`.
void expect_one_error_line(const Cli_run &run, const std::string &where)
{
	EXPECT_EQ(run.output.rfind("cos: " + where + ": error: ", 0), 0u) << run.output;
	EXPECT_EQ(run.output.find('\n'), run.output.size() - 1) << run.output;
}

struct Cli_graph {
	Temp_dir dir;
	std::string importer = dir.file("client.elf");
	Cli_graph() { write_importer(importer); }

	std::string write(const std::string &name, const std::string &text) const
	{
		write_text(dir.file(name), text);
		return dir.file(name);
	}
};

} // namespace

TEST(LoadCli, DryRunPrintsTheLayoutAndSucceeds)
{
	Cli_graph g;
	const std::string graph = g.write("good.cosg", "component client " + g.importer + "\ncomponent hello " +
							       hello_image +
							       "\nclient -> hello\nimmutable client hello\nnumber hello 17\nentry client\n");
	const Cli_run r = run_cos("load --dry-run " + graph);
	ASSERT_EQ(r.status, 0) << r.output;
	const Elf_bytes raw(hello_image);
	char main_in_slot_1[32];
	std::snprintf(main_in_slot_1, sizeof(main_in_slot_1), "0x%012llx",
		      0x208000000000ULL + raw.symbol(*raw.find_symbol("main")).st_value);
	for (const std::string &expected : {
		     graph + ": 2 components in 2 protection domains\n",
		     std::string("  slot 1  hello  [0x208000000000, 0x210000000000)  ") + hello_image + "\n    number 17\n",
		     std::string("  slot 2  client  [0x210000000000, 0x218000000000)  ") + g.importer + "\n",
		     std::string("    0x208000001000-0x208000002000  r-x  4 KiB  image\n"),
		     std::string("    0x21003fff0000-0x210040000000  rw-  64 KiB  stack\n"),
		     std::string("  pd 0: hello\n  pd 1: client\n"),
		     "  client.main -> hello.main @ " + std::string(main_in_slot_1),
		     std::string("  client | hello\n"),
		     std::string("\nentry: client.main @ 0x210000001"),
	     })
		EXPECT_NE(r.output.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.output;
}

TEST(LoadCli, RunningWithoutTheModuleSaysSoInOneLine)
{
	if (access("/dev/cos", F_OK) == 0)
		GTEST_SKIP() << "/dev/cos exists here; the in-guest tests run graphs";
	Cli_graph g;
	const std::string graph = g.write("one.cosg", "component hello " + hello_image + "\nentry hello\n");
	const Cli_run r = run_cos("load " + graph);
	EXPECT_EQ(r.status, 1);
	EXPECT_EQ(r.output, "cos: the cos module is not loaded (no /dev/cos): load it with `insmod cos.ko` as root\n");
}

TEST(LoadCli, WrongCommandLinesAreUsageErrors)
{
	EXPECT_EQ(run_cos("load --dry-run").status, 2);
	EXPECT_EQ(run_cos("load --dry-run a.cosg b.cosg").status, 2);
	EXPECT_EQ(run_cos("load a.cosg 1 2 3 4 5").status, 2);
	EXPECT_EQ(run_cos("load a.cosg 12x").status, 2);
	EXPECT_EQ(run_cos("load --bogus a.cosg").status, 2);
	const Cli_run help = run_cos("load --help");
	EXPECT_EQ(help.status, 0);
	EXPECT_NE(help.output.find("--dry-run"), std::string::npos);
}

TEST(LoadCli, BrokenImagesExitWithTheBadImageStatus)
{
	Cli_graph g;
	const auto broken = [&](const char *name, void (*patch)(Elf_bytes &)) {
		Elf_bytes image(hello_image);
		patch(image);
		image.write(g.dir.file(name));
		return g.dir.file(name);
	};
	const std::string images[] = {
		broken("exec.elf", [](Elf_bytes &e) { e.put<Elf64_Half>(offsetof(Elf64_Ehdr, e_type), ET_EXEC); }),
		broken("i386.elf", [](Elf_bytes &e) { e.put<Elf64_Half>(offsetof(Elf64_Ehdr, e_machine), EM_386); }),
		broken("short.elf", [](Elf_bytes &e) { e.bytes.resize(0x2100); }),
		broken("abs.elf",
		       [](Elf_bytes &e) {
			       e.bytes[e.entry_offset<Elf64_Rela>(*e.find_section(SHT_RELA), 0) + offsetof(Elf64_Rela, r_info)] =
				       R_X86_64_64;
		       }),
		g.write("text.elf", "not an image\n"),
		g.dir.file("absent.elf"),
	};
	for (const std::string &image : images) {
		SCOPED_TRACE(image);
		const std::string graph =
			g.write("bad.cosg", "component hello " + hello_image + "\ncomponent bad " + image + "\nentry bad\n");
		const Cli_run r = run_cos("load --dry-run " + graph);
		EXPECT_EQ(r.status, 24);
		expect_one_error_line(r, graph + ":2");
		EXPECT_NE(r.output.find(image), std::string::npos) << r.output;
	}
}


// A graph that is head followed by each case's tail: `cos load --dry-run` exits with the case's
// status and one error line at its line.
struct Status_case {
	const char *name;
	std::string tail;
	int status;
	int line;
};

template <std::size_t N>
void expect_statuses(Cli_graph &g, const std::string &head, const Status_case (&cases)[N])
{
	for (const Status_case &c : cases) {
		SCOPED_TRACE(c.name);
		const std::string graph = g.write(std::string(c.name) + ".cosg", head + c.tail);
		const Cli_run r = run_cos("load --dry-run " + graph);
		EXPECT_EQ(r.status, c.status) << r.output;
		expect_one_error_line(r, graph + ":" + std::to_string(c.line));
	}
}

TEST(LoadCli, GraphErrorsAfterTheImagesExitWithTheirStatus)
{
	Cli_graph g;
	const std::string head = "component client " + g.importer + "\ncomponent hello " + hello_image +
				 "\ncomponent hello2 " + hello_image + "\n";
	const Status_case cases[] = {
		{"missing_export", "client -> hello\nentry client.nope\n", 14, 5},
		{"unbound_import", "entry client\n", 15, 1},
		{"ambiguous_import", "client -> hello hello2\nentry client\n", 16, 1},
		{"cyclic_dependency", "client -> hello\nhello -> hello2\nhello2 -> client\nentry client\n", 18, 6},
		{"unknown_import", "hello.foo -> hello2\nclient -> hello\nentry client\n", 25, 4},
		{"duplicate_binding", "client.main -> hello\nclient.main -> hello2\nentry client\n", 26, 5},
	};
	expect_statuses(g, head, cases);
}

TEST(LoadCli, RepositoryFixturesFailingBeforeTheImagesExitWithTheirStatus)
{
	// The fixtures' images do not exist: only errors found before images are read show.
	const std::pair<const char *, int> fixtures[] = {
		{"syntax", 11},          {"duplicate_name", 12}, {"unknown_component", 13},
		{"self_dependency", 17}, {"missing_entry", 21},  {"duplicate_entry", 22},
		{"duplicate_pd_member", 19}, {"immutable_in_pd", 20}, {"bad_image", 24},
		{"unknown_privilege", 27}, {"duplicate_grant", 28}, {"duplicate_setting", 31},
		{"bad_share", 34}, {"bad_nic", 35}, {"bad_files", 37}, {"duplicate_number", 38},
	};
	for (const auto &[name, status] : fixtures) {
		SCOPED_TRACE(name);
		const Cli_run r = run_cos(std::string("load --dry-run ") + COS_TEST_FIXTURE_DIR + "/" + name + ".cosg");
		EXPECT_EQ(r.status, status) << r.output;
	}
	const Cli_run missing = run_cos(std::string("load --dry-run ") + COS_TEST_FIXTURE_DIR + "/absent.cosg");
	EXPECT_EQ(missing.status, 10);
	expect_one_error_line(missing, std::string(COS_TEST_FIXTURE_DIR) + "/absent.cosg");
}

// Each privilege an image asks for and the graph does not grant is refused before anything is
// loaded, in one line naming the component, the privilege and the line that would grant it; each
// granted to an image that does not ask for it is refused too.
TEST(LoadCli, PrivilegesAreGrantedByTheGraphNotClaimedByTheImage)
{
	Cli_graph g;
	const std::string dir = COS_COMPONENT_DIR;
	struct Asking {
		const char *privilege;
		std::string image;      // asks for privilege
		const char *also_asked; // what else it asks for, granted here
	};
	const Asking asking[] = {
		{"console", dir + "/system/printer.elf", "no_preempt"},
		{"scheduler", dir + "/system/sched.elf", nullptr},
		{"mpd_policy", dir + "/tests/mpd_driver.elf", nullptr},
		{"no_preempt", dir + "/system/lock.elf", nullptr},
	};
	for (const Asking &a : asking) {
		SCOPED_TRACE(a.privilege);
		const std::string grant = a.also_asked ? std::string("grant server ") + a.also_asked + "\n" : "";
		const std::string graph = g.write(std::string("ungranted_") + a.privilege + ".cosg",
						  "component app " + hello_image + "\ncomponent server " + a.image +
							  "\n" + grant + "entry app\n");
		const Cli_run r = run_cos("load --dry-run " + graph);
		EXPECT_EQ(r.status, 29) << r.output;
		expect_one_error_line(r, graph + ":2");
		EXPECT_NE(r.output.find("component `server` asks for the `" + std::string(a.privilege) + "` privilege"),
			  std::string::npos) << r.output;
		EXPECT_NE(r.output.find("add `grant server " + std::string(a.privilege) + "`"), std::string::npos)
			<< r.output;

		const std::string fixed = g.write(std::string("granted_") + a.privilege + ".cosg",
						  "component app " + hello_image + "\ncomponent server " + a.image +
							  "\n" + grant + "grant server " + a.privilege + "\nentry app\n");
		// Granted, the check goes on to the imports, which a lone server may lack (status 15).
		const Cli_run ok = run_cos("load --dry-run " + fixed);
		EXPECT_TRUE(ok.status == 0 || ok.status == 15) << ok.output;
		EXPECT_EQ(ok.output.find("privilege"), std::string::npos) << ok.output;

		const std::string unasked = g.write(std::string("unasked_") + a.privilege + ".cosg",
						    "component app " + hello_image + "\ngrant app " + a.privilege +
							    "\nentry app\n");
		const Cli_run refused = run_cos("load --dry-run " + unasked);
		EXPECT_EQ(refused.status, 30) << refused.output;
		expect_one_error_line(refused, unasked + ":2");
	}
}

namespace {

// A network stack that owns the device and shares two buffers with an application.
std::string networked_graph(const Cli_graph &g, const std::string &nic_line)
{
	const std::string stack = g.dir.file("stack.elf");
	write_nic_reader(stack);
	return g.write("net.cosg", "component stack " + stack + "\ncomponent app " + config_reader_image +
					   "\ncomponent printer " + printer_image +
					   "\nstack -> printer\napp -> printer\n"
					   "grant printer console no_preempt\ngrant stack nic\n" +
					   nic_line + "share rx 64K stack app\nshare tx 2M app stack\nentry app\n");
}

} // namespace

// Load order: printer (slot 1), stack (slot 2), app (slot 3).
TEST(LoadCli, DryRunShowsTheSharesAndTheNetworkDevice)
{
	Cli_graph g;
	const Cli_run r = run_cos("load --dry-run " + networked_graph(g, "nic stack eth0 02:00:00:00:00:0A 8\n"));
	ASSERT_EQ(r.status, 0) << r.output;
	for (const char *expected : {
		     "\nshares:\n"
		     "  rx  64 KiB\n"
		     "    stack @ 0x210080006000\n" // the ring's five pages and a guard page below
		     "    app @ 0x218080000000\n"
		     "  tx  2 MiB\n"
		     "    app @ 0x218080011000\n"
		     "    stack @ 0x210080017000\n",
		     "\nnetwork device:\n"
		     "  eth0 -> stack  mac 02:00:00:00:00:0a  8 slots\n"
		     "    ring 0x210080000000-0x210080005000  rw-  20 KiB\n",
		     "    config nic.ring=0x80000000\n    config nic.slots=8\n    config nic.mac=02:00:00:00:00:0a\n"
		     "    config share.rx=0x80006000\n    config share.rx.size=65536\n",
	     })
		EXPECT_NE(r.output.find(expected), std::string::npos) << "missing: " << expected << "\n" << r.output;

	Cli_graph bare;
	const std::string plain = bare.write("plain.cosg", "component hello " + hello_image + "\nentry hello\n");
	const Cli_run none = run_cos("load --dry-run " + plain);
	ASSERT_EQ(none.status, 0) << none.output;
	EXPECT_NE(none.output.find("\nshares:\n  (none)\n\nnetwork device:\n  (none)\n"), std::string::npos) << none.output;
}

TEST(LoadCli, NicOptionReplacesTheDeviceOfTheNicLine)
{
	Cli_graph g;
	const std::string graph = networked_graph(g, "nic stack eth0 02:00:00:00:00:0a\n");
	const Cli_run r = run_cos("load --dry-run --nic veth-cos1 " + graph);
	ASSERT_EQ(r.status, 0) << r.output;
	EXPECT_NE(r.output.find("  veth-cos1 -> stack  mac 02:00:00:00:00:0a  256 slots\n"), std::string::npos)
		<< r.output;
	EXPECT_EQ(r.output.find("eth0"), std::string::npos) << r.output;

	const Cli_run bad = run_cos("load --dry-run --nic a/b " + graph);
	EXPECT_EQ(bad.status, 2) << bad.output;
	EXPECT_NE(bad.output.find("--nic: device name `a/b`"), std::string::npos) << bad.output;
	EXPECT_EQ(run_cos("load --dry-run --nic abcdefghijklmnop " + graph).status, 2);
	EXPECT_EQ(run_cos("load --dry-run " + graph + " --nic").status, 2);
}

TEST(LoadCli, NicOptionWithoutANicLineIsAUsageError)
{
	Cli_graph g;
	const std::string graph = g.write("plain.cosg", "component hello " + hello_image + "\nentry hello\n");
	const Cli_run r = run_cos("load --dry-run --nic eth1 " + graph);
	EXPECT_EQ(r.status, 2) << r.output;
	EXPECT_EQ(r.output, "cos: --nic eth1: the graph " + graph +
				    " has no `nic` line, so no component would get the device: add "
				    "`nic COMPONENT IFNAME MAC` to it (see cos --help)\n");
}

// Real images: the app's image does not ask for the device, so it may not be given it.
TEST(LoadCli, ShareAndNicErrorsExitWithTheirStatus)
{
	Cli_graph g;
	const std::string head = "component app " + config_reader_image + "\ncomponent hello " + hello_image +
				 "\ncomponent printer " + printer_image +
				 "\napp -> printer\ngrant printer console no_preempt\n";
	const Status_case cases[] = {
		{"bad_share", "share s 4097 app printer\nentry app\n", 34, 6},
		{"bad_nic", "nic app eth0 02:00:00:00:00:01 3\nentry app\n", 35, 6},
		{"nic_not_granted", "nic app eth0 02:00:00:00:00:01\nentry app\n", 36, 6},
		{"no_config_space", "share s 4K app hello\nentry app\n", 32, 6},
	};
	expect_statuses(g, head, cases);
}
