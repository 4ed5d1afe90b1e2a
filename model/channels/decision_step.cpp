#include "model/channels/decision_step.hpp"

#include "model/channels/lapses.hpp"
#include "model/channels/referrals.hpp"
#include "model/uptake/conversion.hpp"

namespace model {
namespace {

const std::uint64_t p_decision = sim::purpose_id("decision");

}  // namespace

void contact(ChannelContext& cx, EventKind kind, const Candidate& who, Channel channel, std::uint32_t actor,
             std::int64_t value) {
  const Person& person = who.person;
  const PersonRecord* before = who.record;
  const bool starts = State::may_decide(before, cx.now());
  // The person's n-th decision has a stream of its own: the draws of one decision never move
  // another's, whatever the channels around it do.
  const auto k = static_cast<std::uint8_t>((before ? before->decisions : 0) + 1);
  Event e = event_about(kind, person);
  e.channel = channel;
  e.actor = actor;
  e.value = value;
  cx.emit(e);
  if (!starts) return;
  sim::RandomStream ds = cx.stream(p_decision, person.id, k);
  const DecisionDraw decision = draw_decision(cx.scenario().decisions, ds);
  const std::optional<sim::Duration> delay = cx.delay_within_run(decision.delay_days);
  if (!delay) return;  // decided after the deadline
  const sim::Time due = cx.now() + *delay;
  const int agent_group = channel == Channel::agent ? cx.inputs().agents[actor].group : 0;
  const double prob = conversion_probability(cx.scenario(), channel, agent_group, cx.inputs().factors[e.klass],
                                             sim::Date::from_time(due));
  cx.schedule(due, Pending{decision.joins(prob) ? Due::join : Due::decline, channel, k, actor, person});
}

void decide(ChannelContext& cx, const Pending& p) {
  const bool joins = p.what == Due::join;
  Event e = event_about(joins ? EventKind::enrolled : EventKind::declined, p.who());
  e.channel = p.channel;
  e.actor = p.actor;
  cx.emit(e);
  if (joins) new_member(cx, p.who());
}

void new_member(ChannelContext& cx, const Person& person) {
  schedule_referrals(cx, person);
  schedule_lapse(cx, person, Joined::now);
}

}  // namespace model
