#include "model/channels/walk_ins.hpp"

#include "model/channels/decision_step.hpp"
#include "sim/exponential.hpp"

namespace model {
namespace {

const std::uint64_t p_walk_in = sim::purpose_id("walk-in");

}  // namespace

WalkInChannel::WalkInChannel(std::uint64_t seed, std::uint64_t replication)
    : stream_(sim::StreamKey{seed, replication, p_walk_in}) {}

void WalkInChannel::start(ChannelContext& cx) {
  if (cx.inputs().walk_in_rate > 0) schedule_next(cx);
}

// Walk-ins arrive at the highest seasonal rate and are thinned to the rate of the day: an
// exact way to draw a Poisson process whose rate changes by date. A walk-in joins at once,
// without a decision.
void WalkInChannel::fire(ChannelContext& cx, const Pending&) {
  const double season = cx.scenario().season_factor(sim::Date::from_time(cx.now()), Channel::walk_in);
  if (stream_.uniform_open() * cx.inputs().max_season < season) {
    const std::optional<Person> person = draw_joiner(cx, cx.everyone(), stream_);
    if (!person) return;  // nobody left who could walk in: the walk-ins stop, rather than search on
    Event e = event_about(EventKind::enrolled, *person);
    e.channel = Channel::walk_in;
    cx.emit(e);
    new_member(cx, *person);
  }
  schedule_next(cx);
}

void WalkInChannel::schedule_next(ChannelContext& cx) {
  const sim::Exponential gap(cx.inputs().walk_in_rate * cx.inputs().max_season);
  cx.schedule_after(gap(stream_), Pending{Due::walk_in, Channel::walk_in});
}

}  // namespace model
