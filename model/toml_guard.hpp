#pragma once
// Checks on a scenario's text before the TOML parser sees it. toml11 parses arrays and inline
// tables recursively, so a hand-made or hostile file nested thousands deep overflows the stack;
// no scenario needs more than a few levels. Files far larger than any scenario are refused
// before they are read.
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

}  // namespace model
