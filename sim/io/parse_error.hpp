#pragma once
// The error for malformed input files (CSV tables, scenario files, JSON), so every loader
// reports where the problem is in the same way (sim/io/input_error.hpp, its root):
//
//   scenarios/data/vn_holidays.csv:12: column 'date': expected YYYY-MM-DD, found "2018-02-30"
//
// The location is kept in members as well as in what(), so tests and callers need not parse it.
#include <cstdio>
#include <string>
#include <string_view>

#include "sim/io/input_error.hpp"

namespace sim {

// A malformed input file: an InputError that always has a location.
struct ParseError : InputError {
  using InputError::InputError;
  ParseError(const std::string& message) = delete;  // a parse error says where
};

// Text from an input file, quoted for an error message: control bytes escaped as \xNN and
// long values cut short, so a binary or runaway field cannot flood the message.
inline std::string quoted_excerpt(std::string_view text, std::size_t max_chars = 60) {
  std::string out = "\"";
  const bool cut = text.size() > max_chars;
  for (const char c : text.substr(0, max_chars)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;  // UTF-8 bytes pass through so Vietnamese names stay readable
    }
  }
  out += cut ? "\"..." : "\"";
  return out;
}

}  // namespace sim
