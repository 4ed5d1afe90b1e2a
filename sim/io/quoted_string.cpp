#include "sim/io/quoted_string.hpp"

#include <cstdio>

namespace sim {
namespace {

// `text` with " and \ escaped by a backslash and each control byte written by `control_format`.
std::string escaped(std::string_view text, const char* control_format) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, control_format, u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string toml_quoted(std::string_view text) { return "\"" + escaped(text, "\\u%04x") + "\""; }

std::string quoted_excerpt(std::string_view text, std::size_t max_chars) {
  const bool cut = text.size() > max_chars;
  return "\"" + escaped(text.substr(0, max_chars), "\\x%02x") + (cut ? "\"..." : "\"");
}

}  // namespace sim
