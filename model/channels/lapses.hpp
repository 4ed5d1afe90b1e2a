#pragma once
// Lapses: a member stops paying. Monthly payers lapse at a constant hazard; yearly payers
// renew or lapse at the anniversary of joining. Drawn when the member joins (or at the start,
// for the initial members), from the member's own stream.
#include "model/channels/channel_context.hpp"

namespace model {

// When a member joined: now, on a ledger date, or (an initial member without a ledger) on
// some day of the past year.
enum class Joined { now, on, some_day_last_year };

void schedule_lapse(ChannelContext& cx, const Person& person, Joined joined, sim::Date on = {});

// A lapse fell due (Due::lapse).
void lapse(ChannelContext& cx, const Pending& p);

}  // namespace model
