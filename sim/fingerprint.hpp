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

  // Frames are gathered in a buffer and hashed a few kilobytes at a time: XXH3's streaming
  // digest does not depend on how the input is cut, and small updates are slow.
  template <LoggableEvent E>
  void add(Time t, const E& event) {
    const std::size_t frame = buf_.size();
    ByteWriter w(buf_);
    w.put<std::uint32_t>(0);  // the length, patched in end_frame
    w.put<std::int64_t>(t.seconds);
    EventCodec<E>::encode(event, w);
    end_frame(frame);
  }

  std::uint64_t value() const;
  // The running hash, for checkpoints. The bytes are xxHash's own state: a checkpoint is only
  // read back by a build with the same xxHash.
  void save(ByteWriter& w) const;
  void restore(ByteReader& r);
  std::string hex() const;  // 16 lowercase hex digits
  std::uint64_t events() const { return events_; }

 private:
  struct State;
  void end_frame(std::size_t frame_start);
  void flush() const;

  std::unique_ptr<State> state_;
  mutable std::vector<std::uint8_t> buf_;  // frames not hashed yet
  std::uint64_t events_ = 0;
};

}  // namespace sim
