#pragma once
// CRC-32C (Castagnoli), the checksum that guards every event-log record. Castagnoli rather
// than the zlib CRC-32 because it detects more error patterns at record lengths like ours.
#include <cstdint>
#include <span>

namespace sim {

// Incremental form, for data that is not contiguous (a record's CRC covers its length field
// and its payload but not the CRC field between them).
class Crc32c {
 public:
  void update(std::span<const std::uint8_t> bytes);
  std::uint32_t value() const;

 private:
  std::uint32_t remainder_ = 0xFFFFFFFFu;  // the register before the final XOR
};

// The CRC-32C of `bytes`; crc32c("123456789") == 0xE3069283.
std::uint32_t crc32c(std::span<const std::uint8_t> bytes);

}  // namespace sim
