#include "app/batch/pilot_timing.hpp"

#include <chrono>
#include <cstdio>

namespace app {
namespace {

// "0.93 ms", "12 s", "3.5 min", "2.1 h".
std::string duration_text(double seconds) {
  double value = seconds * 1e3;
  const char* unit = "ms";
  if (seconds >= 7200) value = seconds / 3600, unit = "h";
  else if (seconds >= 120) value = seconds / 60, unit = "min";
  else if (seconds >= 1) value = seconds, unit = "s";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f %s", value < 1 ? 2 : value < 10 ? 1 : 0, value, unit);
  return text;
}

}  // namespace

PilotTiming time_replications(const std::function<void(std::uint64_t)>& replicate, double budget_seconds,
                              std::uint64_t most) {
  using clock = std::chrono::steady_clock;
  const auto started = clock::now();
  PilotTiming t;
  double elapsed = 0;
  do {
    replicate(t.replications++);
    elapsed = std::chrono::duration<double>(clock::now() - started).count();
  } while (elapsed < budget_seconds && t.replications < most);
  t.seconds_each = elapsed / static_cast<double>(t.replications);
  return t;
}

std::string describe_timing(const PilotTiming& t, std::uint64_t replications, unsigned threads) {
  // Replications are independent: threads divide the time (bench/README.md measured 1.94x on 2).
  const double total = t.seconds_each * static_cast<double>(replications) / static_cast<double>(threads);
  return "Time (measured here): a replication took about " + duration_text(t.seconds_each) + " (" +
         std::to_string(t.replications) + " timed); the scenario's " + std::to_string(replications) +
         " replications: about " + duration_text(total) + " on " + std::to_string(threads) +
         (threads == 1 ? " thread" : " threads") + ".\n";
}

}  // namespace app
