#pragma once
// The JSON files outreach writes and reads (manifest.json, replay.json), through nlohmann-json:
// the library escapes every string and formats every number, so a name with quotes, control
// characters or invalid UTF-8 still makes valid JSON, and a malformed file fails one way.
//
// Documents are ordered_json: keys stay in the order they were added, which is the order of the
// fields in results/README.md. The layout is outreach's own and stable across versions, since
// tests and people grep these files line by line: one top-level field per line, everything below
// it on that line with ", " and ": " between items, e.g.
//
//   {
//     "seed": 20180905,
//     "overrides": ["walk_in.per_day=1.5", "run.seed=11"],
//     "libraries": {"random": "...", "boost": "1_74"},
//     "uncertain_parameters": [
//       {"key": "sessions.conversion", "distribution": "beta(2, 40)"}
//     ],
//     "wall_seconds": 1.234
//   }
//
// where the top-level arrays named in `listed` have one element per line.
#include <nlohmann/json.hpp>

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>

namespace sim {

using JsonDocument = nlohmann::ordered_json;

// `x` rounded to `decimals` places as the CSV files write it (sim::format_decimal): a whole
// number without a fraction, no trailing zeros; null when x is not finite.
JsonDocument json_decimal(double x, int decimals);

// One value on one line: ", " between items, ": " after keys. Invalid UTF-8 in a string is
// replaced by U+FFFD, so the text is always valid JSON.
std::string json_on_one_line(const JsonDocument& value);

// `document` (an object) in the layout above, ending with a newline.
void write_json_document(std::ostream& os, const JsonDocument& document,
                         std::initializer_list<std::string_view> listed = {});

// Parses a whole JSON text. Malformed JSON, or nesting deeper than any file outreach writes,
// throws sim::ParseError naming `source` and the line.
JsonDocument parse_json_document(std::string_view text, const std::string& source);

}  // namespace sim
