#pragma once
// The start every command shares: parse the arguments against its options and positional
// arguments, print --help, and report a command-line mistake (po::error, UsageError) with the usage, exit status 2. A bad file or value
// (a sim::InputError, such as a ScenarioError) goes on to main(), which says it without the usage.
#include <boost/program_options.hpp>

#include <functional>
#include <iostream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "app/cli/cli.hpp"
#include "app/cli/exit_status.hpp"
#include "app/cli/language_option.hpp"

namespace app {

// The name under which the positional arguments are in the variables map.
inline constexpr const char* positional_arguments = "positional arguments";

// Parses `args` of `outreach <command>` into `vm`: `opts` are the options --help shows (with
// `usage` before them), to which every command's --lang is added; the language it (or
// OUTREACH_LANG) chooses is set before `resolve` runs; the arguments without an option go to `positional` (a std::string takes
// one, a vector any number). Then calls `resolve`, which checks values and loads files. Returns
// the status to exit with now (exit_ok after --help, exit_invalid after a command-line mistake,
// said on stderr), or nullopt to go on.
template <class Positional>
std::optional<int> parse_command(const std::string& command, const char* usage,
                                 boost::program_options::options_description& opts, Positional& positional,
                                 const Args& args, boost::program_options::variables_map& vm,
                                 const std::function<void()>& resolve) {
  namespace po = boost::program_options;
  std::string language;
  add_language_option(opts, language);
  po::options_description all;
  all.add(opts).add_options()(positional_arguments, po::value(&positional));
  po::positional_options_description pos;
  pos.add(positional_arguments, std::is_same_v<Positional, std::string> ? 1 : -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << usage << opts;
      return exit_ok;
    }
    choose_language(language);
    resolve();
    return std::nullopt;
  } catch (const po::error& e) {
    std::cerr << "outreach " << command << ": " << e.what() << "\n" << usage << opts;
    return exit_invalid;
  } catch (const UsageError& e) {
    std::cerr << "outreach " << command << ": " << e.what() << "\n" << usage << opts;
    return exit_invalid;
  }
}

}  // namespace app
