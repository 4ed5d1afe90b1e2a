#pragma once
// What the channels draw from, precomputed once per scenario and shared read-only by all
// threads: the population numbering, the areas people are drawn from, who each agent is, and
// the class factors. The run's CompiledScenario adds what only the start of a run needs.
//
// Split in two along what an uncertain parameter (model/scenario/scenario_keys.hpp) can change:
// the layout (people, areas, agents) depends only on keys that are never drawn, so a
// replication's own draws recompute only the factors and ceilings the drawn values feed.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/population/agent_roster.hpp"
#include "model/population/population.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

// The part no drawn value changes. Built in place and never moved: its samplers point at its
// own population.
struct ChannelLayout {
  PopulationIndex population;
  std::vector<AreaSampler> session_areas;  // one per session: its commune
  std::vector<AreaSampler> commune_areas;  // one per commune
  std::vector<AgentInfo> agents;
  std::optional<AreaSampler> door_to_door_area;
  std::vector<std::uint64_t> session_keys;  // stream substreams: date and commune, not position

  explicit ChannelLayout(const Scenario& s);
  ChannelLayout(const ChannelLayout&) = delete;
  ChannelLayout& operator=(const ChannelLayout&) = delete;
};

struct ChannelInputs {
  const Scenario* scenario;
  // Shared by a scenario's compilation and every replication's recompilation of its draws; the
  // references below point into it.
  std::shared_ptr<const ChannelLayout> layout;
  const PopulationIndex& population;
  const std::vector<AreaSampler>& session_areas;
  const std::vector<AreaSampler>& commune_areas;
  const std::vector<AgentInfo>& agents;
  const std::optional<AreaSampler>& door_to_door_area;
  const std::vector<std::uint64_t>& session_keys;
  // What drawn values change: prices move the factors, season factors the walk-in ceiling.
  PerClass<double> factors;
  double max_factor = 1;  // for drawing people in proportion to their class factor
  double max_season = 1;  // the walk-ins' highest season factor, for thinning their process
  double walk_in_rate = 0;  // walk-ins a day at this price level, before seasons

  ChannelInputs(std::shared_ptr<const ChannelLayout> layout, const Scenario& s);
};

}  // namespace model
