#pragma once
// Variable-length integers: LEB128 (7 bits a byte, low bits first), and zigzag for signed values
// so that small negative numbers stay short. Counts of a replication are mostly small, so a
// record of them takes a byte per count instead of four or eight.
#include <cstdint>

#include "sim/event_codec.hpp"

namespace sim {

inline void put_varint(ByteWriter& w, std::uint64_t v) {
  std::uint8_t bytes[10];  // one append per value, not per byte
  std::size_t n = 0;
  while (v >= 0x80) {
    bytes[n++] = static_cast<std::uint8_t>(v | 0x80);
    v >>= 7;
  }
  bytes[n++] = static_cast<std::uint8_t>(v);
  w.put_bytes({bytes, n});
}

// Throws DecodeError when the bytes end early or encode more than 64 bits.
inline std::uint64_t get_varint(ByteReader& r) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const std::uint8_t b = r.get<std::uint8_t>();
    if (shift == 63 && b > 1) throw DecodeError("varint overflows 64 bits");
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  throw DecodeError("varint longer than 10 bytes");
}

inline void put_svarint(ByteWriter& w, std::int64_t v) {
  put_varint(w, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

inline std::int64_t get_svarint(ByteReader& r) {
  const std::uint64_t u = get_varint(r);
  return static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
}

}  // namespace sim
