#pragma once
// A scenario file's text with some keys set to new values, keeping everything else (comments,
// layout): how `outreach optimize` writes the chosen plan. Each changed line keeps its old
// text in a comment. Works line by line on the usual layout of scenario files ([table] and
// [[array]] headers, one `key = value` per line, one-line inline tables); anything else is
// reported as not substitutable, and the caller falls back (the result is always checked by
// loading it again).
#include <optional>
#include <string>
#include <vector>

namespace model {

struct Substitution {
  std::string key;    // dotted, as --set takes it: door_to_door.staff, agents[1].quota, pricing.top_up.poor
  std::string value;  // TOML text
};

// `keep_sessions`: keep only the first N [[sessions.plan]] tables. Returns nullopt, with the
// reason in `why`, when a key cannot be placed in the text.
std::optional<std::string> substitute(const std::string& text, const std::vector<Substitution>& subs,
                                      std::optional<std::size_t> keep_sessions, std::string& why);

}  // namespace model
