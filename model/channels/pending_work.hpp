#pragma once
// What is scheduled on the engine: work that is due, not yet a fact. A channel's own work
// (a session, a staff day, an agent joining or making the next contact, a walk-in, a
// referral) or the decision step's (a decision, a lapse).
// A decision's outcome is drawn with its delay, when the contact is made (its probability
// depends only on the scenario and the date it falls on), so it is due as a join or a refusal.
#include <cstdint>

#include "model/domain/channel.hpp"
#include "model/domain/event.hpp"
#include "model/population/population.hpp"
#include "sim/event_codec.hpp"

namespace model {

enum class Due : std::uint8_t {
  session, staff_day, agent_join, agent_contact, walk_in, join, decline, referral, lapse
};

struct Pending {
  Due what{};
  Channel channel = Channel::initial;
  std::uint8_t item = 0;
  PovertyClass klass{};  // of the person, with their commune: no lookup when it is due
  std::uint32_t actor = no_actor;
  std::uint64_t person : 48 = 0;
  std::uint64_t commune : 16 = 0;

  Pending() = default;
  Pending(Due w, Channel c, std::uint8_t i = 0, std::uint32_t a = no_actor) : what(w), channel(c), item(i), actor(a) {}
  Pending(Due w, Channel c, std::uint8_t i, std::uint32_t a, const Person& p)
      : what(w), channel(c), item(i), klass(p.place.klass), actor(a), person(p.id), commune(p.place.commune) {}
  Person who() const { return Person{person, PersonPlace{static_cast<std::uint16_t>(commune), klass}}; }
};
static_assert(sizeof(Pending) == 16, "the queue is fastest with 32-byte entries");

// A pending item as a checkpoint stores it; get_pending throws sim::DecodeError for bytes no
// put_pending wrote.
void put_pending(const Pending& p, sim::ByteWriter& w);
Pending get_pending(sim::ByteReader& r);

}  // namespace model
