#pragma once
// An event in words, for people reading `outreach diff` and `outreach replay --verify`:
//   2018-10-01 08:00:00 enrolled: person 5012 (commune 3 "Vân Thủy", poor) via door_to_door, staff 4
#include <cstdint>
#include <string>

#include "model/domain/event.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/time.hpp"

namespace model {

// "YYYY-MM-DD HH:MM:SS".
std::string date_and_time(sim::Time t);

// An actor number (session, staff member, agent) or "none".
std::string actor_text(std::uint32_t actor);

// The event with every field that matters for its type. Commune names come from `s` when it
// is given and knows the commune; otherwise communes are shown by index only.
std::string describe_event(sim::Time t, const Event& e, const Scenario* s = nullptr);

}  // namespace model
