#pragma once
// Who the collection agents of a scenario are, in the one order that numbers them everywhere
// (agent streams, quotas, commissions, event actors): each group's planned agents in group
// order, then the agents the ledger lists, in ledger order.
#include <cstdint>
#include <vector>

#include "model/scenario/scenario.hpp"

namespace model {

struct AgentInfo {
  int group = 0;
  int index_in_group = 0;     // keys the agent's draws: the ledger's agents come after the plan's
  int commune = 0;
  std::uint64_t purpose = 0;  // stream purpose: the group's name, so groups never share draws
  sim::Date joins;            // when the agent starts working
};

std::vector<AgentInfo> agent_roster(const Scenario& s);

}  // namespace model
