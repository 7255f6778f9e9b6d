// SPDX-License-Identifier: GPL-2.0
// The `cos` tool's command line, run as a process: help, usage errors and their exit statuses.
// The host running the unit tests never has the module loaded, which is the case tested last.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct Cli_run {
	int status;
	std::string output; // stdout and stderr together
};

Cli_run run_cos(const std::string &args)
{
	std::string command = std::string(COS_CLI_PATH) + " " + args + " 2>&1";
	FILE *pipe = popen(command.c_str(), "r");
	if (!pipe)
		return {-1, ""};
	std::string output;
	std::array<char, 512> buf;
	size_t n;
	while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
		output.append(buf.data(), n);
	int status = pclose(pipe);
	return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

} // namespace

TEST(Cli, HelpListsCommandsAndSucceeds)
{
	Cli_run r = run_cos("--help");
	EXPECT_EQ(r.status, 0);
	EXPECT_NE(r.output.find("info"), std::string::npos);
}

TEST(Cli, SubcommandHelpSucceeds)
{
	Cli_run r = run_cos("info --help");
	EXPECT_EQ(r.status, 0);
	EXPECT_NE(r.output.find("--json"), std::string::npos);
}

TEST(Cli, UnknownCommandIsAUsageError)
{
	Cli_run r = run_cos("frobnicate");
	EXPECT_EQ(r.status, 2);
	EXPECT_NE(r.output.find("no command 'frobnicate'"), std::string::npos);
}

TEST(Cli, UnknownOptionIsAUsageError)
{
	Cli_run r = run_cos("info --bogus");
	EXPECT_EQ(r.status, 2);
	EXPECT_NE(r.output.find("bogus"), std::string::npos);
}

TEST(Cli, NoCommandIsAUsageError)
{
	EXPECT_EQ(run_cos("").status, 2);
}

TEST(Cli, InfoWithoutTheModuleSaysSoInOneLine)
{
	if (access("/dev/cos", F_OK) == 0)
		GTEST_SKIP() << "/dev/cos exists here; the in-guest tests cover this case";
	Cli_run r = run_cos("info");
	EXPECT_EQ(r.status, 1);
	EXPECT_EQ(r.output, "cos: the cos module is not loaded (no /dev/cos): load it with `insmod cos.ko` as root\n");
}

TEST(Cli, HelpListsTheCommandsOnARunningSystem)
{
	Cli_run r = run_cos("--help");
	for (const char *command : {"systems", "pd", "merge", "split", "stat", "graph"})
		EXPECT_NE(r.output.find(std::string("\n  ") + command + " "), std::string::npos) << command;
}

TEST(Cli, GraphWithoutDotIsAUsageErrorBeforeTheDeviceIsOpened)
{
	Cli_run r = run_cos("graph");
	EXPECT_EQ(r.status, 2);
	EXPECT_EQ(r.output, "cos: cos graph needs --dot, the only format it prints (see cos --help)\n");
}

TEST(Cli, MergeAndSplitNeedTheirComponentNames)
{
	Cli_run merge = run_cos("merge tcp");
	EXPECT_EQ(merge.status, 2);
	EXPECT_NE(merge.output.find("cos merge needs two component names"), std::string::npos) << merge.output;
	EXPECT_EQ(run_cos("merge tcp tcp").status, 2);
	EXPECT_EQ(run_cos("merge a b c").status, 2);
	Cli_run split = run_cos("split");
	EXPECT_EQ(split.status, 2);
	EXPECT_NE(split.output.find("cos split needs a component name"), std::string::npos) << split.output;
}

TEST(Cli, PdAndStatNameComponentsByNumberOnRequest)
{
	for (const char *command : {"pd --help", "stat --help"}) {
		Cli_run r = run_cos(command);
		EXPECT_EQ(r.status, 0) << command;
		EXPECT_NE(r.output.find("[--numbers]"), std::string::npos) << r.output;
		EXPECT_NE(r.output.find("--numbers "), std::string::npos) << r.output;
	}
}

TEST(Cli, SystemMustBeANumber)
{
	Cli_run r = run_cos("pd --system tcp");
	EXPECT_EQ(r.status, 2);
	EXPECT_NE(r.output.find("--system"), std::string::npos) << r.output;
}

TEST(Cli, CommandsOnARunningSystemWithoutTheModuleSaySoInOneLine)
{
	if (access("/dev/cos", F_OK) == 0)
		GTEST_SKIP() << "/dev/cos exists here; the in-guest tests cover this case";
	for (const char *command :
	     {"systems", "pd", "pd --numbers", "merge a b", "split a", "stat", "stat --numbers --all", "graph --dot"}) {
		Cli_run r = run_cos(command);
		EXPECT_EQ(r.status, 1) << command;
		EXPECT_EQ(r.output,
			  "cos: the cos module is not loaded (no /dev/cos): load it with `insmod cos.ko` as root\n")
			<< command;
	}
}
