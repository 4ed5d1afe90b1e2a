#pragma once
// The one error type for malformed input files (CSV tables, scenario files), so every loader
// reports where the problem is in the same way:
//
//   scenarios/data/vn_holidays.csv:12: column 'date': expected YYYY-MM-DD, found "2018-02-30"
//
// The location is kept in members as well as in what(), so tests and callers need not parse it.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "sim/io/visible_text.hpp"

namespace sim {

struct ParseError : std::runtime_error {
  std::string file;    // the path as given; empty when the input was not a file
  int line = 0;        // 1-based line number; 0 when the error concerns the whole input
  std::string key;     // the column (or configuration key) at fault; empty when none
  std::string detail;  // the message without the location

  // key_kind names what `key` is in the message: "column" for tables, "key" for settings.
  ParseError(std::string file_, int line_, std::string key_, std::string detail_,
             std::string_view key_kind = "column")
      : std::runtime_error(format(file_, line_, key_, detail_, key_kind)),
        file(std::move(file_)),
        line(line_),
        key(std::move(key_)),
        detail(std::move(detail_)) {}

 private:
  static std::string format(const std::string& file, int line, const std::string& key,
                            const std::string& detail, std::string_view key_kind) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "literal" + string.
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) s.append(":").append(std::to_string(line));
    s.append(": ");
    // A runaway key (a line of junk) is cut short, so it cannot flood the message.
    if (!key.empty())
      s.append(key_kind).append(" '").append(key.size() > 80 ? key.substr(0, 77) + "..." : key).append("': ");
    // Names, keys and values quoted from the input: no control character reaches a terminal.
    return visible_text(s.append(detail));
  }
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
