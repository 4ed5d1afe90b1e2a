#pragma once
// Checking that text is well-formed UTF-8, as the CSV tables and TOML scenario files must be.
#include <cstddef>
#include <string_view>

namespace sim {

// Offset of the first byte that does not belong to well-formed UTF-8 (no overlong forms,
// surrogates or code points above U+10FFFF), or std::string_view::npos.
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace sim
