#include "sim/fingerprint.hpp"

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t's size, to save the state
#include <xxhash.h>

#include <cstdio>
#include <cstring>
#include <new>

namespace sim {

struct Fingerprint::State {
  XXH3_state_t* xxh = XXH3_createState();

  State() {
    if (xxh == nullptr) throw std::bad_alloc();
    XXH3_64bits_reset(xxh);
  }
  State(const State& other) : State() { XXH3_copyState(xxh, other.xxh); }
  State& operator=(const State&) = delete;
  ~State() { XXH3_freeState(xxh); }
};

Fingerprint::Fingerprint() : state_(std::make_unique<State>()), buf_(chunk) {}
Fingerprint::Fingerprint(const Fingerprint& other)
    : state_(std::make_unique<State>(*other.state_)), buf_(other.buf_), used_(other.used_), events_(other.events_) {}
Fingerprint& Fingerprint::operator=(const Fingerprint& other) {
  if (this != &other) {
    XXH3_copyState(state_->xxh, other.state_->xxh);
    buf_ = other.buf_;
    used_ = other.used_;
    events_ = other.events_;
  }
  return *this;
}
Fingerprint::~Fingerprint() = default;

void Fingerprint::make_room(std::size_t n) {
  flush();
  if (n > buf_.size()) buf_.resize(n);  // a frame larger than a chunk
}

void Fingerprint::flush() const {
  XXH3_64bits_update(state_->xxh, buf_.data(), used_);
  used_ = 0;
}

void Fingerprint::save(ByteWriter& w) const {
  flush();
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(state_->xxh);
  w.put<std::uint32_t>(sizeof(XXH3_state_t));
  w.put_bytes({bytes, sizeof(XXH3_state_t)});
  w.put<std::uint64_t>(events_);
}

void Fingerprint::restore(ByteReader& r) {
  if (r.get<std::uint32_t>() != sizeof(XXH3_state_t))
    throw DecodeError("a fingerprint saved by another xxHash");
  auto* bytes = reinterpret_cast<std::uint8_t*>(state_->xxh);
  for (std::size_t i = 0; i < sizeof(XXH3_state_t); ++i) bytes[i] = r.get<std::uint8_t>();
  used_ = 0;
  events_ = r.get<std::uint64_t>();
}

std::uint64_t Fingerprint::value() const {
  flush();
  return XXH3_64bits_digest(state_->xxh);
}

std::string Fingerprint::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value()));
  return text;
}

}  // namespace sim
