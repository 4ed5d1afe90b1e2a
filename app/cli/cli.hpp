#pragma once
// Small helpers shared by the subcommands.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "app/cli/exit_status.hpp"

namespace app {

// A command-line mistake: reported with the usage and exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A whole number in [lo, hi] written in decimal; throws UsageError naming the option.
std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t lo,
                          std::uint64_t hi = UINT64_MAX);

// A finite decimal number in [lo, hi], or in (lo, hi] when `lo_open`; throws UsageError naming
// the option. `to` joins the bounds in the message: calibrate says "to", optimize "up to", and
// their messages stay as they were.
double parse_number(const std::string& option, const std::string& text, double lo, double hi, bool lo_open,
                    const char* to = "to");

// Worker threads when --threads is not given: the machine's cores, shared by the MPI ranks
// running on it (sim/rank_group.hpp).
unsigned default_threads();

// The command as typed, for manifests.
std::string command_line(const std::string& command, const Args& args);

}  // namespace app
