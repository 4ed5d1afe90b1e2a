#include "model/channels/referrals.hpp"

#include <boost/random/poisson_distribution.hpp>
#include <algorithm>

#include "model/channels/decision_step.hpp"
#include "sim/exponential.hpp"

namespace model {
namespace {

const std::uint64_t p_referral = sim::purpose_id("referral");
const std::uint64_t p_referral_target = sim::purpose_id("referral-target");

}  // namespace

void schedule_referrals(ChannelContext& cx, const Person& member) {
  sim::RandomStream rs = cx.stream(p_referral, member.id);
  const WordOfMouth& w = cx.scenario().word_of_mouth;
  if (w.referrals_per_member <= 0) return;
  boost::random::poisson_distribution<int, double> count(w.referrals_per_member);
  const sim::Exponential delay(1.0 / w.delay_mean_days);
  const int n = std::min(count(rs), 255);  // the referral's number is a byte of its Pending
  for (int j = 0; j < n; ++j)
    cx.schedule_after(delay(rs), Pending{Due::referral, Channel::referral, static_cast<std::uint8_t>(j), no_actor, member});
}

// The member's j-th referral (Pending::item) reaches someone of their commune.
void ReferralChannel::fire(ChannelContext& cx, const Pending& p) {
  const Person referrer = p.who();
  sim::RandomStream s = cx.stream(p_referral_target, referrer.id, p.item);
  if (const auto who = draw_non_member(cx, cx.inputs().commune_areas[referrer.place.commune], s))
    contact(cx, EventKind::referred, *who, Channel::referral, no_actor, static_cast<std::int64_t>(referrer.id));
}

}  // namespace model
