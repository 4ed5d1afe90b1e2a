#pragma once
// Random streams keyed by (master seed, replication, purpose, substream).
//
// Each stream is Random123's Philox4x64-10 counter-based generator: the key is
// (seed, replication) and the counter is (block, substream, purpose, item). Distinct keys or
// counters give independent sequences by construction, so streams never overlap, a new
// purpose never shifts the draws of the others, and two plans that share a purpose share its
// draws (common random numbers). A stream is plain data (key, counter, position), so it can be
// copied, compared and checkpointed.
//
// RandomStream satisfies UniformRandomBitGenerator; draw from it with Boost.Random
// distributions.
#include <Random123/philox.h>

#include "sim/event_codec.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace sim {

// A stable 64-bit id for a purpose name (FNV-1a): names, not enum positions, key the streams,
// so reordering or adding purposes in code cannot change any existing draws.
constexpr std::uint64_t purpose_id(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t purpose = 0;
  std::uint64_t substream = 0;  // e.g. a person, a session, a day
  std::uint64_t item = 0;       // e.g. the person's n-th decision
  bool operator==(const StreamKey&) const = default;
};

class RandomStream {
 public:
  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  explicit RandomStream(const StreamKey& k) : key_{{k.seed, k.replication}} {
    counter_[0] = 0;
    counter_[1] = k.substream;
    counter_[2] = k.purpose;
    counter_[3] = k.item;
  }
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view purpose,
               std::uint64_t substream = 0, std::uint64_t item = 0)
      : RandomStream(StreamKey{seed, replication, purpose_id(purpose), substream, item}) {}

  result_type operator()() {
    if (used_ == 4) refill();
    return block_[used_++];
  }

  // A uniform double in (0, 1), never 0 or 1 (53 random bits, offset by half an ulp).
  double uniform_open() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

  // Number of 64-bit values drawn so far: its position, for checkpoints and diagnostics.
  std::uint64_t position() const { return counter_[0] * 4 - (4 - used_); }
  // Its whole position, for checkpoints: a restored stream continues the same sequence.
  void save(ByteWriter& w) const {
    for (const auto k : key_) w.put<std::uint64_t>(k);
    for (const auto c : counter_) w.put<std::uint64_t>(c);
    for (const auto b : block_) w.put<std::uint64_t>(b);
    w.put<std::uint8_t>(static_cast<std::uint8_t>(used_));
  }
  static RandomStream restore(ByteReader& r) {
    RandomStream s(StreamKey{});
    for (auto& k : s.key_) k = r.get<std::uint64_t>();
    for (auto& c : s.counter_) c = r.get<std::uint64_t>();
    for (auto& b : s.block_) b = r.get<std::uint64_t>();
    s.used_ = r.get<std::uint8_t>();
    if (s.used_ > 4) throw DecodeError("a random stream position past its block");
    return s;
  }

  bool operator==(const RandomStream& o) const {
    return key_ == o.key_ && counter_ == o.counter_ && used_ == o.used_;
  }

 private:
  using Philox = r123::Philox4x64;
  void refill() {
    const Philox::ctr_type out = Philox{}(counter_, key_);
    for (int i = 0; i < 4; ++i) block_[i] = out[i];
    ++counter_[0];
    used_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  std::array<std::uint64_t, 4> block_{};
  unsigned used_ = 4;
};

// Which libraries produced the draws, for run manifests.
std::string random_library_versions();

}  // namespace sim
