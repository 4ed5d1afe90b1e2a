#pragma once
// Word of mouth: each new member tells a Poisson number of people, each after an exponential
// delay; the one told is a non-member of the member's commune, contacted as a referral.
#include "model/channels/outreach_channel.hpp"

namespace model {

// Called by the decision step when someone joins: their referrals, scheduled.
void schedule_referrals(ChannelContext& cx, const Person& member);

class ReferralChannel final : public OutreachChannel {
 public:
  void start(ChannelContext&) override {}  // no work of its own until someone joins
  void fire(ChannelContext& cx, const Pending& p) override;
};

}  // namespace model
