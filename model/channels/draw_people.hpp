#pragma once
// Whom a channel's work finds: a person of an area drawn at random from the work's own stream.
#include <optional>

#include "model/channels/channel_context.hpp"

namespace model {

// A person of the area who is not (and was not) a member, with their record (nullptr when
// never contacted; valid until the next event), or nullopt when none is found.
struct Candidate {
  Person person;
  const PersonRecord* record;
};
std::optional<Candidate> draw_non_member(const ChannelContext& cx, const AreaSampler& area, sim::RandomStream& s);

// A person drawn in proportion to their class's uptake factor, among those who may join.
// Nullopt when no one is found: the population is (nearly) exhausted, and the walk-in is
// someone outreach cannot count, so nobody joins.
std::optional<Person> draw_joiner(const ChannelContext& cx, const AreaSampler& area, sim::RandomStream& s);

}  // namespace model
