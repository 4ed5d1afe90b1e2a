#pragma once
// Why a commune name a scenario gives is unknown, with the nearest names the population lists,
// for every key that names communes (sessions, series, door-to-door, agents).
#include <string>

#include "model/scenario/scenario.hpp"

namespace model {

// "unknown commune \"Chi Lang\"; did you mean \"Chi Lăng\"?", or a few of the valid names.
std::string unknown_commune(const Scenario& s, const std::string& name);

}  // namespace model
