#pragma once
// What every replication of a scenario needs precomputed: the population numbering, the
// class factors, the areas people are drawn from and who each agent is. Built once per run
// and shared read-only by all threads.
#include <cstdint>
#include <optional>
#include <vector>

#include "model/population/agent_roster.hpp"
#include "model/population/population.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

struct CompiledScenario {
  const Scenario* scenario;
  PopulationIndex population;
  PerClass<double> factors;
  double max_factor = 1;      // for drawing people in proportion to their class factor
  double max_season = 1;      // for thinning the walk-in process
  std::vector<AreaSampler> session_areas;  // one per session: its commune
  std::vector<AreaSampler> commune_areas;  // one per commune
  std::vector<AgentInfo> agents;
  // The person standing for each ledger row's sign-up (enrolled and lapsed rows; unused for
  // others): the next free id of its commune and class, so every replication starts from the
  // same members. Ids within a commune and class are interchangeable.
  std::vector<Person> ledger_people;
  std::optional<AreaSampler> door_to_door_area;
  std::vector<std::uint64_t> session_keys;  // stream substreams: date and commune, not position
  // About how many people a replication will touch, to size its state once instead of
  // rehashing as it grows. Only a hint: it changes speed, never results.
  std::size_t expected_people = 0;

  explicit CompiledScenario(const Scenario& s);
};

// Initial members plus the contacts one replication is expected to make (every channel at its
// planned rate, walk-ins at the highest season; the ledger's rows): a size hint, not a forecast.
double expected_contacts(const Scenario& s, double max_season);

}  // namespace model
