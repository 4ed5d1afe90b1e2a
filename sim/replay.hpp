#pragma once
// Replaying a recorded trace into projections (read models such as counters, ledgers and
// statistics). A projection is any object with `apply(Time, const E&)`. The live run calls
// the very same `apply` on each event as it fires, so replaying a log reproduces the live
// projections exactly, and a projection added later can be computed from old logs.
#include <vector>

#include "sim/logged_event.hpp"

namespace sim {

// For each record in order, calls p.apply(time, event) on every projection, left to right.
template <class E, class... Projections>
void replay(const std::vector<LoggedEvent<E>>& records, Projections&... projections) {
  for (const LoggedEvent<E>& r : records) (projections.apply(r.time, r.event), ...);
}

}  // namespace sim
