#pragma once
// Checks on a scenario's text before the TOML parser sees it. toml11 parses arrays and inline
// tables recursively, so a hand-made or hostile file nested thousands deep overflows the stack;
// no scenario needs more than a few levels. toml11 3.7 reads outside its buffer to report bytes
// that are not UTF-8 in a literal string ('...' or '''...'''), so text that is not UTF-8 (TOML
// must be) is refused before. Files far larger than any scenario are refused before they are
// read.
#include <cstdint>
#include <string>
#include <string_view>

namespace model {

inline constexpr int max_toml_nesting = 32;
inline constexpr std::uintmax_t max_scenario_bytes = 4u << 20;

// Throws ScenarioError (file `source`, the line where the limit is passed) when arrays or
// inline tables nest deeper than max_toml_nesting. Brackets inside strings and comments are not
// counted. Malformed text that passes is left for the parser to report.
void check_toml_nesting(std::string_view text, const std::string& source);

// Throws ScenarioError (file `source`, the line and column of the first bad byte) when `text`
// is not well-formed UTF-8.
void check_toml_utf8(std::string_view text, const std::string& source);

// Both checks: what text must pass before toml11 parses it.
inline void check_toml_text(std::string_view text, const std::string& source) {
  check_toml_utf8(text, source);
  check_toml_nesting(text, source);
}

}  // namespace model
