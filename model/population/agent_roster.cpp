#include "model/population/agent_roster.hpp"

#include "sim/random_stream.hpp"

namespace model {

std::vector<AgentInfo> agent_roster(const Scenario& s) {
  std::vector<AgentInfo> agents;
  std::vector<int> in_group(s.agents.size(), 0);
  std::vector<std::uint64_t> purpose(s.agents.size());
  for (std::size_t g = 0; g < s.agents.size(); ++g) {
    const AgentGroup& group = s.agents[g];
    purpose[g] = sim::purpose_id("agent:" + group.name);
    std::vector<int> areas = group.communes;
    if (areas.empty())
      for (int c = 0; c < static_cast<int>(s.communes.size()); ++c) areas.push_back(c);
    for (int i = 0; i < group.count; ++i)
      agents.push_back(AgentInfo{static_cast<int>(g), in_group[g]++,
                                 areas[static_cast<std::size_t>(i) % areas.size()], purpose[g], group.joins});
  }
  if (s.ledger)
    for (const LedgerEntry& e : s.ledger->entries)
      if (e.kind == LedgerKind::agent) {
        const auto g = static_cast<std::size_t>(e.agent_group);
        agents.push_back(AgentInfo{e.agent_group, in_group[g]++, e.commune, purpose[g], e.date});
      }
  return agents;
}

}  // namespace model
