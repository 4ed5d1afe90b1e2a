#include "sim/io/crc32c.hpp"

#include <boost/crc.hpp>

namespace sim {

namespace {
using Castagnoli = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;
}

void Crc32c::update(std::span<const std::uint8_t> bytes) {
  // Boost keeps the whole state in the interim remainder, so resuming from it is exact.
  Castagnoli crc(remainder_);
  crc.process_bytes(bytes.data(), bytes.size());
  remainder_ = crc.get_interim_remainder();
}

std::uint32_t Crc32c::value() const { return Castagnoli(remainder_).checksum(); }

std::uint32_t crc32c(std::span<const std::uint8_t> bytes) {
  Castagnoli crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

}  // namespace sim
