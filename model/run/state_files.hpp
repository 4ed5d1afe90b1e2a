#pragma once
// The state a replay reached at its as-of date, as CSV (formats in results/README.md):
//   state.csv   one row: members, sign-ups, lapses, pending decisions by channel, people known
//   people.csv  one row per person the state holds (everyone contacted or enrolled so far)
//   actors.csv  one row per staff member and agent: members credited, quota, whether met
#include <cstdint>
#include <ostream>
#include <vector>

#include "model/population/state.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "sim/date.hpp"

namespace model {

std::string_view to_string(PersonStatus s);

// `r`: the figures result_of gives for that state (the count by the scenario's metric).
void write_state_csv(std::ostream& os, const Scenario& s, const State& state,
                     const ReplicationResult& r, sim::Date as_of, std::uint64_t events);
// `people`: the ids the state holds, in the order to write them (the replay sorts them).
void write_people_csv(std::ostream& os, const CompiledScenario& cs, const State& state,
                      const std::vector<std::uint64_t>& people);
void write_actors_csv(std::ostream& os, const CompiledScenario& cs, const State& state);

}  // namespace model
