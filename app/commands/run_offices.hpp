#pragma once
// `outreach run` on a scenario with offices (model/scenario/office_set.hpp): every office's replications,
// reduced to offices.csv, aggregate.csv, replications.csv and manifest.json.
#include <string>

#include "app/batch/batch_options.hpp"
#include "app/cli/cli.hpp"

namespace app {

// `batch` is resolved; `events_given`: --events was on the command line (event logs are not
// written for office sets, so asking for them is a usage error).
int run_offices(const Args& args, const std::string& scenario_path, const BatchOptions& batch, bool events_given);

}  // namespace app
