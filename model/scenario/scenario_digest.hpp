#pragma once
// The identity of a resolved scenario: what it will simulate, after defaults, data files and
// --set overrides, independent of the file's comments, layout or path. A batch's journal is
// keyed by it, so results are reused only for the very same scenario.
#include <string>

#include "model/scenario/scenario.hpp"

namespace model {

// Every value of the scenario, one `key=value` per line, doubles to 17 significant digits (so
// distinct values give distinct text), then every resolved key with its value as the loader
// recorded it and the bytes of the data files read (population, holidays, ledger): safety nets
// for a field this text might miss. Not the scenario file's path or bytes (comments and layout
// do not count), nor where values came from.
std::string canonical_scenario_text(const Scenario& s);

// SHA-256 of canonical_scenario_text, as 64 lowercase hex digits.
std::string scenario_digest(const Scenario& s);

}  // namespace model
