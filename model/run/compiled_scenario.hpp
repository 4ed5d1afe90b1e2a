#pragma once
// What every replication of a scenario needs precomputed: the population numbering, the
// class factors, the areas people are drawn from and who each agent is. Built once per run
// and shared read-only by all threads.
//
// Split in two along what an uncertain parameter (model/scenario/scenario_keys.hpp) can change:
// the layout (people, areas, agents, ledger members) depends only on keys that are never drawn,
// so a replication's own draws recompile only the factors and hints the drawn values feed.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/population/agent_roster.hpp"
#include "model/population/population.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

// The part of a compilation no drawn value changes. Built in place and never moved: its
// samplers point at its own population.
struct ScenarioLayout {
  PopulationIndex population;
  std::vector<AreaSampler> session_areas;  // one per session: its commune
  std::vector<AreaSampler> commune_areas;  // one per commune
  std::vector<AgentInfo> agents;
  // The person standing for each ledger row's sign-up (enrolled and lapsed rows; unused for
  // others): the next free id of its commune and class, so every replication starts from the
  // same members. Ids within a commune and class are interchangeable.
  std::vector<Person> ledger_people;
  std::optional<AreaSampler> door_to_door_area;
  std::vector<std::uint64_t> session_keys;  // stream substreams: date and commune, not position

  explicit ScenarioLayout(const Scenario& s);
  ScenarioLayout(const ScenarioLayout&) = delete;
  ScenarioLayout& operator=(const ScenarioLayout&) = delete;
};

struct CompiledScenario {
  const Scenario* scenario;
  // Shared by a scenario's compilation and every replication's recompilation of its draws. The
  // references below point into it, so a replication reads cs.population as it always has.
  std::shared_ptr<const ScenarioLayout> layout;
  const PopulationIndex& population;
  const std::vector<AreaSampler>& session_areas;
  const std::vector<AreaSampler>& commune_areas;
  const std::vector<AgentInfo>& agents;
  const std::vector<Person>& ledger_people;
  const std::optional<AreaSampler>& door_to_door_area;
  const std::vector<std::uint64_t>& session_keys;
  // What drawn values change: prices move the factors, season factors the walk-in ceiling.
  PerClass<double> factors;
  double max_factor = 1;      // for drawing people in proportion to their class factor
  double max_season = 1;      // for thinning the walk-in process
  // About how many people a replication will touch, to size its state once instead of
  // rehashing as it grows. Only a hint: it changes speed, never results.
  std::size_t expected_people = 0;

  explicit CompiledScenario(const Scenario& s);
  // `drawn` compiled on `base`'s layout: `drawn` must differ from the scenario `base` compiled
  // only in values an uncertain parameter sets (a replication's draws).
  CompiledScenario(const CompiledScenario& base, const Scenario& drawn);

 private:
  CompiledScenario(std::shared_ptr<const ScenarioLayout> layout, const Scenario& s);
};

// Initial members plus the contacts one replication is expected to make (every channel at its
// planned rate, walk-ins at the highest season; the ledger's rows): a size hint, not a forecast.
double expected_contacts(const Scenario& s, double max_season);

}  // namespace model
