#pragma once
// One function per subcommand, each in its own file app/cmd_<name>.cpp. Each takes the
// arguments after the subcommand name and returns the process exit status:
// 0 success, 2 invalid input or usage, 1 any other failure.
#include <string>
#include <vector>

namespace app {

using Args = std::vector<std::string>;

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_invalid = 2;

int cmd_run(const Args& args);
int cmd_check(const Args& args);
int cmd_compare(const Args& args);
int cmd_plot(const Args& args);
int cmd_replay(const Args& args);
int cmd_diff(const Args& args);
int cmd_sweep(const Args& args);
int cmd_sensitivity(const Args& args);
int cmd_optimize(const Args& args);
int cmd_calibrate(const Args& args);

}  // namespace app
