#pragma once
// One replication of a scenario: the outreach model on the engine. Scheduled work (a session
// due, a decision due, ...) fires; the model draws what happens from its random streams and
// records it as domain events, which alone change the state and the reports.
#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "model/domain/event.hpp"
#include "model/population/state.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/projections.hpp"
#include "sim/logged_event.hpp"

namespace model {

// The figures of one replication that the batch summary needs; computed the same way from a
// live run and from a replayed log.
struct ReplicationResult {
  explicit ReplicationResult(Projections p) : projections(std::move(p)) {}
  std::int64_t new_members = 0;
  std::int64_t lapsed = 0;
  std::int64_t final_count = 0;  // by the scenario's metric
  std::int64_t active = 0;       // members at the end, net of lapses
  std::int64_t pipeline = 0;     // decisions still pending at the deadline
  std::array<std::int64_t, new_member_channel_count> pipeline_by_channel{};
  bool met = false;
  std::array<std::int64_t, new_member_channel_count> via{};
  std::vector<std::int32_t> cumulative;  // the metric's count at the end of each day
  Projections projections;
  std::uint64_t engine_events = 0;  // scheduled events fired
  std::uint64_t events = 0;         // domain events recorded
  std::uint64_t fingerprint = 0;    // hash of the domain-event trace
  std::vector<sim::LoggedEvent<Event>> log;  // the trace, when asked for
  std::vector<double> parameters;  // the drawn values of Scenario::uncertain, in its order
};

// The result a fold of (state, projections) gives: shared by the live run and by replay.
ReplicationResult result_of(const Scenario& s, const State& state, const Projections& p);

struct ReplicationOptions {
  bool keep_log = false;
};

ReplicationResult run_replication(const CompiledScenario& cs, std::uint64_t seed,
                                  std::uint64_t replication, const ReplicationOptions& opt = {});

// A replication paused after the events at or before `at`, as bytes: its pending events, state,
// reports, fingerprint, random streams' positions (and its log so far, when kept), with the
// scenario's digest and a CRC-32C. A long replication can be split and resumed from it. The
// bytes are for the same build (they hold xxHash's state) and the same scenario.
std::vector<std::uint8_t> checkpoint_replication(const CompiledScenario& cs, std::uint64_t seed,
                                                 std::uint64_t replication, sim::Time at,
                                                 const ReplicationOptions& opt = {});
// Continues a checkpoint to the deadline: the result is the uninterrupted run's, fingerprint
// included. Throws sim::DecodeError for damaged bytes or a checkpoint of another scenario.
ReplicationResult resume_replication(const CompiledScenario& cs, std::span<const std::uint8_t> checkpoint);

// The first and last instants a replication covers: the midnight after the start date, and
// the last second of the deadline day.
sim::Time run_begin(const Scenario& s);
sim::Time run_end(const Scenario& s);

}  // namespace model
