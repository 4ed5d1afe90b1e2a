#pragma once
// The resolved plan as readable text, for `outreach check`: the run in one paragraph, then every
// value the loader used, section by section, with its source ("file:line", "--set" or
// "default: <why>"), with the communes table and the session list where they belong.
#include <string>

#include "model/scenario/scenario.hpp"

namespace model {

std::string describe_resolved(const Scenario& s);

}  // namespace model
