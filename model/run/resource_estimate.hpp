#pragma once
// What one replication of a scenario will need, estimated before anything runs, so that a run
// which cannot fit in memory is refused with a message instead of being killed by the kernel.
// The figures come from the scenario's expected contacts (each session's attendance, staff
// visits, agents' contacts, walk-ins, the ledger), capped by its population: memory grows with
// the people a replication touches, not with the people on paper. They are upper estimates
// (every contact a new person, tables at their largest before growing), not promises.
#include <cstdint>
#include <string>

#include "model/run/compiled_scenario.hpp"

namespace model {

struct ResourceEstimate {
  double contacts = 0;  // expected contacts in one replication
  double people = 0;    // people touched: contacts, at most the population
  double events = 0;    // domain events recorded
  double bytes = 0;     // peak memory of one replication's state, pending work and log
};

ResourceEstimate estimate_replication(const CompiledScenario& cs, bool keep_log);

// What one variant of a study (a sweep point, a candidate plan; studies/comparison/variant_set.hpp) holds
// while the study runs: its own loaded copy of the scenario, with the bytes of its file and data
// files, its resolved values and its compiled tables. Computed from the base scenario, so that a
// design too large to hold is refused before any variant is loaded.
double estimate_variant_bytes(const Scenario& s);

// "1.3 GiB", "820 MiB", "12 KiB".
std::string format_bytes(double bytes);

}  // namespace model
