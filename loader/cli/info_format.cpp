// SPDX-License-Identifier: GPL-2.0
// `cos info` output: a table for people, one JSON object for scripts.
#include "loader/cli/info_format.hpp"

#include <sstream>

#include "loader/cli/json.hpp"

namespace cosk::cli {

namespace {

const char *on_off(bool b)
{
	return b ? "on" : "off";
}

} // namespace

std::string format_info_text(const host::Machine_info &info)
{
	std::ostringstream out;
	out << "module ABI      " << info.abi_version << (info.testing_build ? " (test build)" : "") << '\n'
	    << "kernel          " << info.kernel_release << '\n'
	    << "paging          " << info.paging_levels << "-level\n"
	    << "PTI             " << on_off(info.pti) << '\n'
	    << "PCID            " << on_off(info.pcid) << '\n'
	    << "SMEP            " << on_off(info.smep) << '\n'
	    << "SMAP            " << on_off(info.smap) << '\n'
	    << "PKU             " << on_off(info.pku) << '\n'
	    << "NX              " << on_off(info.nx) << '\n'
	    << "module pages    " << info.pages_in_use << '\n';
	return out.str();
}

std::string format_info_json(const host::Machine_info &info)
{
	Json_object json;
	json.add("abi", info.abi_version)
		.add("kernel", info.kernel_release)
		.add("pti", info.pti)
		.add("paging_levels", info.paging_levels)
		.add("pcid", info.pcid)
		.add("smep", info.smep)
		.add("smap", info.smap)
		.add("pku", info.pku)
		.add("nx", info.nx)
		.add("testing_build", info.testing_build)
		.add("pages_in_use", info.pages_in_use);
	return json.str();
}

} // namespace cosk::cli
