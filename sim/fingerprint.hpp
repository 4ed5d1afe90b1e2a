#pragma once
// A 64-bit fingerprint of an event trace: two runs with the same fingerprint fired the same
// events at the same times, so determinism can be checked by comparing 16 hex digits instead
// of whole logs. XXH3 is not cryptographic; this guards against accidents, not adversaries.
//
// Each event contributes u32 n | i64 time | encoding (n = 8 + encoding length), so the framing
// is unambiguous. The encoding is EventCodec<E>'s, so fingerprints are comparable only between
// builds with the same schema version.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/event_codec.hpp"
#include "sim/time.hpp"

namespace sim {

class Fingerprint {
 public:
  Fingerprint();
  // Copies continue independently from the same state (moves copy too).
  Fingerprint(const Fingerprint& other);
  Fingerprint& operator=(const Fingerprint& other);
  ~Fingerprint();

  template <LoggableEvent E>
  void add(Time t, const E& event) {
    buf_.clear();  // keeps its capacity: no allocation per event once warmed up
    ByteWriter w(buf_);
    w.put<std::uint32_t>(0);  // the length, patched in update_framed
    w.put<std::int64_t>(t.seconds);
    EventCodec<E>::encode(event, w);
    update_framed();
  }

  std::uint64_t value() const;
  std::string hex() const;  // 16 lowercase hex digits
  std::uint64_t events() const { return events_; }

 private:
  struct State;
  void update_framed();

  std::unique_ptr<State> state_;
  std::vector<std::uint8_t> buf_;
  std::uint64_t events_ = 0;
};

}  // namespace sim
