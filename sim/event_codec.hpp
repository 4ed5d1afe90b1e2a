#pragma once
// The contract between the engine and a model's event type. The engine stores, logs, hashes
// and replays events without knowing what they mean; the model says how to turn one into bytes
// and back by specialising EventCodec<E>:
//
//   template <> struct sim::EventCodec<MyEvent> {
//     static constexpr std::uint32_t schema_version = 1;   // bump when the encoding changes
//     static void encode(const MyEvent&, ByteWriter&);
//     static MyEvent decode(ByteReader&);                   // throws DecodeError on bad bytes
//     static std::string_view type_name(const MyEvent&);
//     static std::string_view csv_columns();                // columns after "time,type"
//     static void write_csv_fields(const MyEvent&, std::ostream&);
//   };
//
// A codec whose encoding always has the same length may also say so, which lets the engine
// write it straight into its buffers (fingerprints hash every event of every replication):
//
//     static constexpr std::size_t fixed_size = 25;
//     static void encode_to(const MyEvent&, std::uint8_t* out);   // exactly fixed_size bytes
#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

static_assert(std::endian::native == std::endian::little, "logs are written little-endian");

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends fixed-width little-endian values to a byte buffer.
class ByteWriter {
 public:
  explicit ByteWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  template <class T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void put(T v) {
    append(&v, sizeof(T));
  }
  void put_bytes(std::span<const std::uint8_t> b) { append(b.data(), b.size()); }

 private:
  // resize + memcpy: vector::insert of a few bytes goes through a generic range path that
  // costs more than the encoding itself, and this runs for every event of every replication.
  void append(const void* bytes, std::size_t n) {
    const std::size_t at = out_.size();
    out_.resize(at + n);
    std::memcpy(out_.data() + at, bytes, n);
  }

  std::vector<std::uint8_t>& out_;
};

// Reads what ByteWriter wrote; throws DecodeError instead of reading past the end.
class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> in) : in_(in) {}
  template <class T>
    requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  T get() {
    if (in_.size() - pos_ < sizeof(T)) throw DecodeError("record ends early");
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  // The next n bytes, for a record framed by its length.
  std::span<const std::uint8_t> get_bytes(std::size_t n) {
    if (in_.size() - pos_ < n) throw DecodeError("record ends early");
    const auto out = in_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  bool at_end() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }

 private:
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
};

template <class E>
struct EventCodec;

template <class E>
concept LoggableEvent = requires(const E& e, ByteWriter& w, ByteReader& r, std::ostream& os) {
  { EventCodec<E>::schema_version } -> std::convertible_to<std::uint32_t>;
  EventCodec<E>::encode(e, w);
  { EventCodec<E>::decode(r) } -> std::same_as<E>;
  { EventCodec<E>::type_name(e) } -> std::convertible_to<std::string_view>;
  { EventCodec<E>::csv_columns() } -> std::convertible_to<std::string_view>;
  EventCodec<E>::write_csv_fields(e, os);
};

// An event whose encoding has one length, written by encode_to; encode must write the same bytes.
template <class E>
concept FixedSizeEvent = LoggableEvent<E> && requires(const E& e, std::uint8_t* out) {
  { EventCodec<E>::fixed_size } -> std::convertible_to<std::size_t>;
  EventCodec<E>::encode_to(e, out);
};

}  // namespace sim
