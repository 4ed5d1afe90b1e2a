#pragma once
// A scenario file's text with some keys' values replaced, everything else (comments, order,
// layout) kept: how `outreach calibrate` writes the fitted scenario. A key's line is found as
// model::key_on_line reads it; a key the file does not write is added under its table's header
// (or in a new [table] at the end for a plain table).
#include <stdexcept>
#include <string>
#include <vector>

namespace model {

struct KeyRewrite {
  std::string key;                    // dotted path, as --set takes it: "sessions.conversion"
  std::string value;                  // TOML text: "0.05", "{ beta = { mean = 0.05, sd = 0.01 } }"
  std::string comment;                // after the value on its line, without '#'; may be empty
  std::vector<std::string> above;     // comment lines written just above it, without '#'
};

// Throws std::invalid_argument if a key is neither written in the text nor placeable (an
// array element whose header the text does not have).
std::string rewrite_scenario_text(const std::string& text, const std::vector<KeyRewrite>& rewrites);

// A TOML basic string: "..." with quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& s);

}  // namespace model
