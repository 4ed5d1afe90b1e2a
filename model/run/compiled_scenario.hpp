#pragma once
// What every replication of a scenario needs precomputed: what the channels draw from
// (ChannelInputs: the population numbering, the class factors, the areas people are drawn
// from and who each agent is), the ledger's people and a size hint. Built once per run and
// shared read-only by all threads; a replication's draws recompile only what they change.
#include <cstdint>
#include <memory>
#include <vector>

#include "model/channels/channel_inputs.hpp"

namespace model {

struct CompiledScenario : ChannelInputs {
  // The person standing for each ledger row's sign-up (enrolled and lapsed rows; unused for
  // others): the next free id of its commune and class, so every replication starts from the
  // same members. Ids within a commune and class are interchangeable. Shared, as the layout.
  std::shared_ptr<const std::vector<Person>> ledger_members;
  const std::vector<Person>& ledger_people;
  // About how many people a replication will touch, to size its state once instead of
  // rehashing as it grows. Only a hint: it changes speed, never results.
  std::size_t expected_people = 0;

  explicit CompiledScenario(const Scenario& s);
  // `drawn` compiled on `base`'s layout: `drawn` must differ from the scenario `base` compiled
  // only in values an uncertain parameter sets (a replication's draws).
  CompiledScenario(const CompiledScenario& base, const Scenario& drawn);

 private:
  CompiledScenario(std::shared_ptr<const ChannelLayout> layout, std::shared_ptr<const std::vector<Person>> ledger,
                   const Scenario& s);
};

// Initial members plus the contacts one replication is expected to make (every channel at its
// planned rate, walk-ins at the highest season; the ledger's rows): a size hint, not a forecast.
double expected_contacts(const Scenario& s, double max_season);

}  // namespace model
