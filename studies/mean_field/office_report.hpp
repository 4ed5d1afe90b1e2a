#pragma once
// What `outreach check` prints for a scenario with offices: the shared settings, then each
// office with its target, population, plan, mean-field forecast and the values it sets itself.
#include <string>

#include "model/scenario/office_set.hpp"

namespace model {

std::string describe_office_set(const OfficeSet& set);

}  // namespace model
