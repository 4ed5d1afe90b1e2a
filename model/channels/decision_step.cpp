#include "model/channels/decision_step.hpp"

#include "model/channels/lapses.hpp"
#include "model/channels/referrals.hpp"
#include "model/uptake/conversion.hpp"

namespace model {
namespace {

const std::uint64_t p_decision = sim::purpose_id("decision");

// A person's decision as drawn at the contact: whether they join, and when it falls due (none
// when after the run's end: the decision is still pending then).
struct DrawnDecision {
  bool joins = false;
  std::optional<sim::Time> due;
};

// The date a decision `days` after now falls on, within the run or past its end.
sim::Date due_date(const ChannelContext& cx, double days) {
  const std::optional<sim::Duration> d = sim::Duration::days_if_representable(days);
  return d ? sim::Date::from_time(cx.now() + *d) : sim::Date::from_time(cx.now()) + 36'500;
}

DrawnDecision draw_decision_at_contact(ChannelContext& cx, const Person& person, std::uint8_t k, Channel channel,
                                       std::uint32_t actor) {
  // The person's n-th decision has a stream of its own: the draws of one decision never move
  // another's, whatever the channels around it do.
  sim::RandomStream ds = cx.stream(p_decision, person.id, k);
  const DecisionDraw draw = draw_decision(cx.scenario().decisions, ds);
  const int agent_group = channel == Channel::agent ? cx.inputs().agents[actor].group : 0;
  const double prob = conversion_probability(cx.scenario(), channel, agent_group,
                                             cx.inputs().factors[person.place.klass], due_date(cx, draw.delay_days));
  DrawnDecision out;
  out.joins = draw.joins(prob);
  if (const std::optional<sim::Duration> delay = cx.delay_within_run(draw.delay_days)) out.due = cx.now() + *delay;
  return out;
}

// Visits and agents' contacts record whether the person said yes there: a staff member or an
// agent counts a yes towards their quota at once, as an officer would, not when the sign-up
// is credited days later (model/population/state.hpp).
bool records_yes(EventKind kind) { return kind == EventKind::visited || kind == EventKind::agent_contacted; }

}  // namespace

void contact(ChannelContext& cx, EventKind kind, const Candidate& who, Channel channel, std::uint32_t actor,
             std::int64_t value) {
  const Person& person = who.person;
  const auto k = static_cast<std::uint8_t>((who.record ? who.record->decisions : 0) + 1);
  std::optional<DrawnDecision> decision;
  if (State::may_decide(who.record, cx.now())) decision = draw_decision_at_contact(cx, person, k, channel, actor);
  Event e = event_about(kind, person);
  e.channel = channel;
  e.actor = actor;
  e.value = records_yes(kind) ? (decision && decision->joins ? 1 : 0) : value;
  cx.emit(e);
  if (decision && decision->due)
    cx.schedule(*decision->due, Pending{decision->joins ? Due::join : Due::decline, channel, k, actor, person});
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
