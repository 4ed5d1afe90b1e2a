#pragma once
// What the channels draw from, precomputed once per scenario and shared read-only by all
// threads: the population numbering, the class factors, the areas people are drawn from and
// who each agent is. The run's CompiledScenario adds what only the start of a run needs.
#include <cstdint>
#include <optional>
#include <vector>

#include "model/population/agent_roster.hpp"
#include "model/population/population.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

struct ChannelInputs {
  const Scenario* scenario;
  PopulationIndex population;
  PerClass<double> factors;
  double max_factor = 1;      // for drawing people in proportion to their class factor
  double max_season = 1;      // for thinning the walk-in process
  std::vector<AreaSampler> session_areas;  // one per session: its commune
  std::vector<AreaSampler> commune_areas;  // one per commune
  std::vector<AgentInfo> agents;
  std::optional<AreaSampler> door_to_door_area;
  std::vector<std::uint64_t> session_keys;  // stream substreams: date and commune, not position

  explicit ChannelInputs(const Scenario& s);
};

}  // namespace model
