#include "model/compiled_scenario.hpp"

#include <algorithm>

#include "model/uptake.hpp"
#include "sim/random_stream.hpp"

namespace model {

CompiledScenario::CompiledScenario(const Scenario& s)
    : scenario(&s), population(s.communes), factors(uptake_factors(s.pricing)) {
  max_factor = std::max({factors[PovertyClass::poor], factors[PovertyClass::near_poor],
                         factors[PovertyClass::other]});
  for (const Season& season : s.seasons) max_season = std::max(max_season, season.factor);

  for (int c = 0; c < population.commune_count(); ++c) commune_areas.emplace_back(population, std::vector<int>{c});
  for (const Session& session : s.sessions.list) {
    session_areas.emplace_back(population, std::vector<int>{session.commune});
    // A session is keyed by its date and commune, so adding or removing another session in
    // a plan leaves this one's draws unchanged.
    session_keys.push_back((static_cast<std::uint64_t>(session.date.day) << 16) |
                           static_cast<std::uint64_t>(session.commune));
  }
  if (s.door_to_door) door_to_door_area.emplace(population, s.door_to_door->communes);

  for (int g = 0; g < static_cast<int>(s.agents.size()); ++g) {
    const AgentGroup& group = s.agents[g];
    std::vector<int> areas = group.communes;
    if (areas.empty())
      for (int c = 0; c < population.commune_count(); ++c) areas.push_back(c);
    const std::uint64_t purpose = sim::purpose_id("agent:" + group.name);
    for (int i = 0; i < group.count; ++i)
      agents.push_back(AgentInfo{g, i, areas[static_cast<std::size_t>(i) % areas.size()], purpose});
  }
}

}  // namespace model
