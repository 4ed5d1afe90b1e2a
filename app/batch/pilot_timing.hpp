#pragma once
// How long a run will take, measured rather than guessed: `outreach check --time` runs the
// scenario's first replications for about a second and scales the time per replication to the
// scenario's replications and this machine's threads.
#include <cstdint>
#include <functional>
#include <string>

namespace app {

struct PilotTiming {
  std::uint64_t replications = 0;  // run
  double seconds_each = 0;         // wall seconds per replication, on one thread
};

// Runs `replicate(0)`, `replicate(1)`, ... until `budget_seconds` have passed or `most` have run
// (at least one).
PilotTiming time_replications(const std::function<void(std::uint64_t)>& replicate, double budget_seconds = 1.0,
                              std::uint64_t most = 100);

// "Time (measured here): a replication took about 0.9 ms (100 timed); the scenario's 1000
// replications: about 0.45 s on 2 threads.\n"
std::string describe_timing(const PilotTiming& t, std::uint64_t replications, unsigned threads);

}  // namespace app
