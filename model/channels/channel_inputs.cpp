#include "model/channels/channel_inputs.hpp"

#include <algorithm>

#include "model/uptake/conversion.hpp"

namespace model {

ChannelInputs::ChannelInputs(const Scenario& s)
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
  agents = agent_roster(s);
}

}  // namespace model
