#pragma once
// One entry of an event trace: an event and the simulation time at which it fired. The unit
// that the event log stores, the fingerprint hashes and replay feeds to projections.
#include "sim/time.hpp"

namespace sim {

template <class E>
struct LoggedEvent {
  Time time;
  E event;
  bool operator==(const LoggedEvent&) const = default;
};

}  // namespace sim
