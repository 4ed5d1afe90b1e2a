#pragma once
// The decision step every channel's contact goes through: the contact is recorded, and a
// person free to decide draws their decision at once (model/uptake/conversion.hpp: whether
// they join, and when). When it falls due they join or decline; a new member may refer
// others (referrals.hpp) and may later lapse (lapses.hpp).
#include <cstdint>

#include "model/channels/channel_context.hpp"
#include "model/channels/draw_people.hpp"

namespace model {

// A contact of `kind` by `channel` (`actor`: the session, staff member or agent) with the
// candidate; `value` is the event's kind-specific value (a referral's referrer).
void contact(ChannelContext& cx, EventKind kind, const Candidate& who, Channel channel, std::uint32_t actor,
             std::int64_t value = 0);

// A decision fell due (Due::join or Due::decline).
void decide(ChannelContext& cx, const Pending& p);

// Someone just joined (after a decision, or as a walk-in): their referrals and lapse.
void new_member(ChannelContext& cx, const Person& person);

}  // namespace model
