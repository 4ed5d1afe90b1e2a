#include "model/channels/channel_inputs.hpp"

#include <algorithm>

#include "model/uptake/conversion.hpp"

namespace model {

ChannelLayout::ChannelLayout(const Scenario& s) : population(s.communes) {
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

ChannelInputs::ChannelInputs(std::shared_ptr<const ChannelLayout> shared, const Scenario& s)
    : scenario(&s),
      layout(std::move(shared)),
      population(layout->population),
      session_areas(layout->session_areas),
      commune_areas(layout->commune_areas),
      agents(layout->agents),
      door_to_door_area(layout->door_to_door_area),
      session_keys(layout->session_keys),
      factors(uptake_factors(s.pricing)) {
  max_factor = std::max({factors[PovertyClass::poor], factors[PovertyClass::near_poor], factors[PovertyClass::other]});
  max_season = s.max_season_factor(Channel::walk_in);
  walk_in_rate = s.walk_in.per_day * price_level_factor(s.pricing);
}

}  // namespace model
