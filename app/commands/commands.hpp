#pragma once
// One function per subcommand, each in its own file app/commands/cmd_<name>.cpp. Each takes the
// arguments after the subcommand name and returns the process exit status (app/cli/exit_status.hpp).
#include "app/cli/exit_status.hpp"

namespace app {

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
