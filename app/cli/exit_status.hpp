#pragma once
// What every command takes and returns: the arguments after the subcommand name, and the process
// exit status: 0 success, 2 invalid input or usage, 1 any other failure.
#include <string>
#include <vector>

namespace app {

using Args = std::vector<std::string>;

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_invalid = 2;

}  // namespace app
