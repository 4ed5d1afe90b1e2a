#pragma once
// The domain events: every change of a run's state is one of these, appended to the log and
// applied by `State::apply` and the projections. Plain data of fixed size, so the log,
// fingerprints and replays need no knowledge of the model beyond EventCodec below.
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string_view>

#include "model/domain/channel.hpp"
#include "model/domain/poverty_class.hpp"
#include "sim/event_codec.hpp"

namespace model {

enum class EventKind : std::uint8_t {
  session_held = 0,      // actor = session, commune, value = attendance
  attended = 1,          // person attended session `actor`
  staff_day_worked = 2,  // value = staff members who worked that day
  visited = 3,           // staff member `actor` visited person; value 1 if they said yes, else 0
  agent_joined = 4,      // agent `actor` starts working in `commune`
  agent_contacted = 5,   // agent `actor` contacted person; value 1 if they said yes, else 0
  referred = 6,          // person was told of the scheme by member `value`
  enrolled = 7,          // person joined through `channel`, credited to `actor`
  declined = 8,          // person decided not to join (for now)
  lapsed = 9,            // member stopped paying
};
inline constexpr int event_kind_count = 10;

std::string_view to_string(EventKind k);

// No actor: walk-ins, referrals and initial members are credited to nobody.
inline constexpr std::uint32_t no_actor = 0xFFFFFFFF;

struct Event {
  EventKind kind{};
  Channel channel = Channel::initial;     // enrolled, declined: the deciding contact's channel
  PovertyClass klass = PovertyClass::other;
  std::uint16_t commune = 0;
  std::uint32_t actor = no_actor;         // session, staff member or agent index
  std::uint64_t person = 0;
  std::int64_t value = 0;                 // kind-specific, see EventKind
  bool operator==(const Event&) const = default;
};

}  // namespace model

template <>
struct sim::EventCodec<model::Event> {
  static constexpr std::uint32_t schema_version = 1;
  static constexpr std::size_t fixed_size = 25;
  static void encode(const model::Event& e, ByteWriter& w);
  // Inline: the fingerprint writes every event of every replication with it.
  static void encode_to(const model::Event& e, std::uint8_t* b) {
    b[0] = static_cast<std::uint8_t>(e.kind);
    b[1] = static_cast<std::uint8_t>(e.channel);
    b[2] = static_cast<std::uint8_t>(e.klass);
    std::memcpy(&b[3], &e.commune, 2);
    std::memcpy(&b[5], &e.actor, 4);
    std::memcpy(&b[9], &e.person, 8);
    std::memcpy(&b[17], &e.value, 8);
  }
  static model::Event decode(ByteReader& r);  // throws DecodeError on unknown enum values
  static std::string_view type_name(const model::Event& e) { return model::to_string(e.kind); }
  static std::string_view csv_columns() {
    return "channel,class,commune,actor,person,value";
  }
  static void write_csv_fields(const model::Event& e, std::ostream& os);
};
