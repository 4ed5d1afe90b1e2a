#pragma once
// The short summary `outreach run` prints at the end, in the command's language: the chance of
// meeting the target, the final count, the shortfall, the cost and the uncertain parameters.
#include <string>

#include "model/run/batch_summary.hpp"
#include "model/scenario/scenario.hpp"

namespace app {

std::string run_summary(const model::Scenario& s, const model::BatchSummary& b);

}  // namespace app
