#include "model/channels/pending_work.hpp"

namespace model {

void put_pending(const Pending& p, sim::ByteWriter& w) {
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.what));
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.channel));
  w.put<std::uint8_t>(p.item);
  w.put<std::uint8_t>(static_cast<std::uint8_t>(p.klass));
  w.put<std::uint32_t>(p.actor);
  w.put<std::uint64_t>(p.person);
  w.put<std::uint16_t>(static_cast<std::uint16_t>(p.commune));
}

Pending get_pending(sim::ByteReader& r) {
  Pending p;
  const auto what = r.get<std::uint8_t>(), channel = r.get<std::uint8_t>();
  p.item = r.get<std::uint8_t>();
  const auto klass = r.get<std::uint8_t>();
  if (what > static_cast<std::uint8_t>(Due::lapse) || channel >= channel_count || klass >= poverty_class_count)
    throw sim::DecodeError("a pending event of an unknown kind, channel or class");
  p.what = static_cast<Due>(what);
  p.channel = static_cast<Channel>(channel);
  p.klass = static_cast<PovertyClass>(klass);
  p.actor = r.get<std::uint32_t>();
  const auto person = r.get<std::uint64_t>();
  if (person >> 48) throw sim::DecodeError("a pending event's person beyond 2^48");
  p.person = person;
  p.commune = r.get<std::uint16_t>();
  return p;
}

}  // namespace model
