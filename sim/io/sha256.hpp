#pragma once
// SHA-256 digests (OpenSSL) of the scenario and data files that manifests and event logs name.
#include <string>
#include <string_view>

#include "sim/io/input_file.hpp"

namespace model {

// SHA-256 of bytes in memory, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
// SHA-256 of a file's bytes, the same way, read in chunks; sim::InputFileError when it cannot
// be read, is not a regular file or is over `cap` (sim/io/input_file.hpp).
std::string sha256_of_file(const std::string& path, const sim::InputCap& cap);

}  // namespace model
