#include "model/channels/draw_people.hpp"

namespace model {

std::optional<Candidate> draw_non_member(const ChannelContext& cx, const AreaSampler& area, sim::RandomStream& s) {
  if (area.size() == 0) return std::nullopt;  // a commune with nobody eligible: nobody to meet
  for (int tries = 0; tries < 100; ++tries) {
    const Person person = area.person_at(s.uniform_open());
    const PersonRecord* r = cx.state().person(person.id);
    if (!r || (r->status != PersonStatus::member && r->status != PersonStatus::lapsed))
      return Candidate{person, r};
  }
  return std::nullopt;
}

std::optional<Person> draw_joiner(const ChannelContext& cx, const AreaSampler& area, sim::RandomStream& s) {
  if (area.size() == 0) return std::nullopt;
  const ChannelInputs& in = cx.inputs();
  for (int tries = 0; tries < 10'000; ++tries) {
    const Person person = area.person_at(s.uniform_open());
    if (s.uniform_open() * in.max_factor > in.factors[person.place.klass]) continue;
    if (cx.state().can_join(person.id, cx.now())) return person;
  }
  return std::nullopt;
}

}  // namespace model
