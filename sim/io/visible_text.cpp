#include "sim/io/visible_text.hpp"

#include <cstdio>

namespace sim {

bool is_hidden_control(unsigned char c) { return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f; }

bool is_c1_control_second_byte(unsigned char c) { return c >= 0x80 && c <= 0x9f; }

std::string visible_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_hidden_control(c)) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < text.size() && is_c1_control_second_byte(static_cast<unsigned char>(text[i + 1]))) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(text[++i]));
      out += buf;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace sim
