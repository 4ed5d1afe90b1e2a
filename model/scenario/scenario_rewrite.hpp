#pragma once
// A scenario file's text with some keys set to new values, everything else (comments, order,
// layout) kept: how `outreach optimize` writes the chosen plan and `outreach calibrate` the
// fitted scenario. Works line by line on the usual layout of scenario files ([table] and
// [[array]] headers, one `key = value` per line, one-line inline tables):
//   - a key written in the file (found as model::key_on_line reads it) has its line replaced;
//   - table.sub.key with no [table.sub] header is taken as a key of the inline table `sub`;
//   - a key the file does not write is added under its table's header, or in a new [table] at
//     the end (never a new [[array]] element).
// Anything else is refused with the reason; callers check the result by loading it again.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace model {

struct KeyRewrite {
  std::string key;                 // dotted, as --set takes it: agents[1].quota, pricing.top_up.poor
  std::string value;               // TOML text: "0.05", "{ beta = { mean = 0.05, sd = 0.01 } }"
  std::string comment;             // after the value on its line, without '#'; may be empty
  std::vector<std::string> above;  // comment lines written just above it, without '#'
};

// How a caller marks the lines it changed, beyond each rewrite's comment.
struct RewriteMarks {
  bool old_line = false;         // a replaced line's comment ends with " (was: <the old line>)"
  bool on_new_header = false;    // a new [table]'s header carries the comment, not its key line
};

// The text with `rewrites` applied in order; nullopt, with the reason in `why`, when a key
// cannot be placed.
std::optional<std::string> rewrite_scenario_text(const std::string& text, const std::vector<KeyRewrite>& rewrites,
                                                 const RewriteMarks& marks, std::string& why);

// The same, unmarked, always ending with a newline; throws std::invalid_argument with the
// reason when a key cannot be placed.
std::string rewrite_scenario_text(const std::string& text, const std::vector<KeyRewrite>& rewrites);

// The text with only the first `kept` [[sessions.plan]] tables, the removal said in a comment
// that begins with `who`; a dropped table's trailing comments stay with the next table.
std::string keep_first_sessions(const std::string& text, std::size_t kept, const std::string& who);

// A TOML basic string: "..." with quotes, backslashes and control characters escaped.
std::string toml_string(const std::string& s);

}  // namespace model
