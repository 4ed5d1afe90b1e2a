#include "model/domain/event.hpp"

#include <array>
#include <cstring>

namespace model {

std::string_view to_string(EventKind k) {
  switch (k) {
    case EventKind::session_held: return "session_held";
    case EventKind::attended: return "attended";
    case EventKind::staff_day_worked: return "staff_day_worked";
    case EventKind::visited: return "visited";
    case EventKind::agent_joined: return "agent_joined";
    case EventKind::agent_contacted: return "agent_contacted";
    case EventKind::referred: return "referred";
    case EventKind::enrolled: return "enrolled";
    case EventKind::declined: return "declined";
    case EventKind::lapsed: return "lapsed";
  }
  return "?";
}

}  // namespace model

void sim::EventCodec<model::Event>::encode(const model::Event& e, ByteWriter& w) {
  // Packed into one buffer and appended once.
  std::array<std::uint8_t, fixed_size> b;
  encode_to(e, b.data());
  w.put_bytes(b);
}

model::Event sim::EventCodec<model::Event>::decode(ByteReader& r) {
  model::Event e;
  const auto kind = r.get<std::uint8_t>();
  const auto channel = r.get<std::uint8_t>();
  const auto klass = r.get<std::uint8_t>();
  if (kind >= model::event_kind_count) throw DecodeError("unknown event kind " + std::to_string(kind));
  if (channel >= model::channel_count) throw DecodeError("unknown channel " + std::to_string(channel));
  if (klass >= model::poverty_class_count) throw DecodeError("unknown class " + std::to_string(klass));
  e.kind = static_cast<model::EventKind>(kind);
  e.channel = static_cast<model::Channel>(channel);
  e.klass = static_cast<model::PovertyClass>(klass);
  e.commune = r.get<std::uint16_t>();
  e.actor = r.get<std::uint32_t>();
  e.person = r.get<std::uint64_t>();
  e.value = r.get<std::int64_t>();
  if (!r.at_end()) throw DecodeError("trailing bytes after an event");
  return e;
}

void sim::EventCodec<model::Event>::write_csv_fields(const model::Event& e, std::ostream& os) {
  os << model::to_string(e.channel) << ',' << model::to_string(e.klass) << ',' << e.commune << ',';
  if (e.actor != model::no_actor) os << e.actor;
  os << ',' << e.person << ',' << e.value;
}
