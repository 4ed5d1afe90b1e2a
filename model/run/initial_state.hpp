#pragma once
// The state a replication starts from, recorded as events before any channel works: either
// `enrolled_at_start` members drawn at random, or an office's ledger folded in (its members,
// lapses, sessions and agents, each at its own date before the run).
#include "model/channels/channel_context.hpp"
#include "model/run/compiled_scenario.hpp"

namespace model {

// Emits the starting members (and, from a ledger, its other facts) through `cx` and schedules
// the lapses of the members; called once, at the start of the run.
void add_initial_state(ChannelContext& cx, const CompiledScenario& cs);

}  // namespace model
