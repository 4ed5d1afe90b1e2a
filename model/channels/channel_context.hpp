#pragma once
// The world a channel's work runs in, one per replication: the scenario and what was compiled
// from it, the state (to read: only domain events change it), the clock and the pending work,
// the replication's random streams, and `emit`, the one way to record what happened. The
// replication (model/run/replication.cpp) is the context: it owns the loop and the reports,
// and says what recording an event does.
#include <cstdint>
#include <optional>

#include "model/channels/channel_inputs.hpp"
#include "model/channels/pending_work.hpp"
#include "model/domain/event.hpp"
#include "model/population/state.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulator.hpp"

namespace model {

class ChannelContext {
 public:
  ChannelContext(const ChannelInputs& in, std::uint64_t seed, std::uint64_t replication, sim::Time begin,
                 sim::Time end);
  ChannelContext(const ChannelContext&) = delete;
  ChannelContext& operator=(const ChannelContext&) = delete;

  const Scenario& scenario() const { return s_; }
  const ChannelInputs& inputs() const { return in_; }
  const State& state() const { return state_; }

  sim::Time now() const { return sim_.now(); }
  // Sessions and visits start at 08:00.
  sim::Time at_work(sim::Date d) const { return sim::Time{d.to_time().seconds + working_hours_start}; }

  // This replication's stream for a purpose (sim::purpose_id of its name), keyed further by
  // what it is for (a person, a day, ...), so that adding draws of one kind never moves another's.
  sim::RandomStream stream(std::uint64_t purpose, std::uint64_t substream = 0, std::uint64_t item = 0) const {
    return sim::RandomStream(sim::StreamKey{seed_, replication_, purpose, substream, item});
  }

  // Work due after the deadline is not scheduled: it does not happen in this run.
  void schedule(sim::Time t, const Pending& p) {
    if (t <= end_) sim_.schedule_at(t, p);
  }
  // A delay past the end of the run - even past the representable horizon, as a tiny rate can
  // draw - means the work does not happen in this run.
  void schedule_after(double days, const Pending& p) {
    if (const std::optional<sim::Duration> d = delay_within_run(days)) sim_.schedule_after(*d, p);
  }
  // The delay, if it ends at or before the deadline.
  std::optional<sim::Duration> delay_within_run(double days) const {
    const std::optional<sim::Duration> d = sim::Duration::days_if_representable(days);
    if (!d || d->seconds > end_.seconds - now().seconds) return std::nullopt;
    return d;
  }

  void emit(const Event& e) { emit_at(now(), e); }
  // Records a domain event at `t` (the ledger's facts keep their own dates, all before the
  // run): it changes the state, the reports and the fingerprint.
  virtual void emit_at(sim::Time t, const Event& e) = 0;

  // Everyone eligible, for draws that are not tied to an area (walk-ins, initial members);
  // built on first use.
  const AreaSampler& everyone();

 protected:
  ~ChannelContext() = default;

  static constexpr std::int64_t working_hours_start = 8 * 3600;

  const ChannelInputs& in_;
  const Scenario& s_;
  std::uint64_t seed_, replication_;
  sim::Simulator<Pending> sim_;
  sim::Time end_;
  State state_;
  std::optional<AreaSampler> everyone_;
};

// A domain event about a person: their id, commune and class filled in.
inline Event event_about(EventKind kind, const Person& p) {
  Event e;
  e.kind = kind;
  e.person = p.id;
  e.commune = p.place.commune;
  e.klass = p.place.klass;
  return e;
}

}  // namespace model
