#include "model/scenario/toml_guard.hpp"

#include <algorithm>
#include <cstdio>

#include "model/scenario/scenario_error.hpp"
#include "sim/io/utf8.hpp"

namespace model {

void check_toml_nesting(std::string_view text, const std::string& source) {
  int depth = 0, line = 1;
  std::size_t i = 0;
  const auto starts = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      ++i;
    } else if (c == '#') {  // a comment runs to the end of the line
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (starts("\"\"\"") || starts("'''")) {  // multi-line strings may span lines
      const std::string_view close = text.substr(i, 3);
      const bool escapes = c == '"';
      for (i += 3; i < text.size() && !starts(close); ++i) {
        if (text[i] == '\n') ++line;
        if (escapes && text[i] == '\\') ++i;
      }
      i += 3;
    } else if (c == '"' || c == '\'') {  // one-line strings end at their quote or the line's end
      for (++i; i < text.size() && text[i] != c && text[i] != '\n'; ++i)
        if (c == '"' && text[i] == '\\') ++i;
      if (i < text.size() && text[i] == c) ++i;
    } else {
      if (c == '[' || c == '{') {
        if (++depth > max_toml_nesting)
          throw ScenarioError(source, line, "",
                              "arrays or inline tables nested more than " + std::to_string(max_toml_nesting) +
                                  " deep; a scenario needs a few levels at most");
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      }
      ++i;
    }
  }
}

void check_toml_utf8(std::string_view text, const std::string& source) {
  const std::size_t bad = sim::first_invalid_utf8(text);
  if (bad == std::string_view::npos) return;
  const std::string_view before = text.substr(0, bad);
  const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
  const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 = 0 on the first line
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>(text[bad]));
  throw ScenarioError(source, line, "",
                      "not valid UTF-8 at byte " + std::to_string(bad - line_start + 1) + " of the line (" +
                          byte + "); TOML files are UTF-8: save the file as UTF-8");
}

}  // namespace model
