#pragma once
// A 64-bit fingerprint of an event trace: two runs with the same fingerprint fired the same
// events at the same times, so determinism can be checked by comparing 16 hex digits instead
// of whole logs. XXH3 is not cryptographic; this guards against accidents, not adversaries.
//
// Each event contributes u32 n | i64 time | encoding (n = 8 + encoding length), so the framing
// is unambiguous. The encoding is EventCodec<E>'s, so fingerprints are comparable only between
// builds with the same schema version.
#include <cstdint>
#include <cstring>
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
  // digest does not depend on how the input is cut, and small updates are slow. A fixed-size
  // encoding is written straight into the buffer; others go through a scratch vector.
  template <LoggableEvent E>
  void add(Time t, const E& event) {
    if constexpr (FixedSizeEvent<E>) {
      constexpr std::size_t length = sizeof(std::int64_t) + EventCodec<E>::fixed_size;
      std::uint8_t* frame = frame_space(sizeof(std::uint32_t) + length);
      put_header(frame, static_cast<std::uint32_t>(length), t);
      EventCodec<E>::encode_to(event, frame + header_size);
    } else {
      scratch_.clear();
      ByteWriter w(scratch_);
      EventCodec<E>::encode(event, w);
      std::uint8_t* frame = frame_space(header_size + scratch_.size());
      put_header(frame, static_cast<std::uint32_t>(sizeof(std::int64_t) + scratch_.size()), t);
      std::memcpy(frame + header_size, scratch_.data(), scratch_.size());
    }
    ++events_;
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
  static constexpr std::size_t header_size = sizeof(std::uint32_t) + sizeof(std::int64_t);
  static constexpr std::size_t chunk = 4096;  // bytes gathered before they are hashed

  static void put_header(std::uint8_t* frame, std::uint32_t length, Time t) {
    std::memcpy(frame, &length, sizeof length);
    std::memcpy(frame + sizeof length, &t.seconds, sizeof t.seconds);
  }
  // Room for the next n bytes of input, hashing what is gathered first when they do not fit.
  std::uint8_t* frame_space(std::size_t n) {
    if (n > buf_.size() - used_) make_room(n);
    std::uint8_t* out = buf_.data() + used_;
    used_ += n;
    return out;
  }
  void make_room(std::size_t n);
  void flush() const;

  std::unique_ptr<State> state_;
  mutable std::vector<std::uint8_t> buf_;  // buf_[0, used_) is gathered, not hashed yet
  mutable std::size_t used_ = 0;
  std::vector<std::uint8_t> scratch_;  // a variable-size encoding, before it is framed
  std::uint64_t events_ = 0;
};

}  // namespace sim
