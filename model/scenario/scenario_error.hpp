#pragma once
// The error for a scenario that cannot be used: its file, the line and the dotted key at fault,
// what was expected and what was found, e.g.
//
//   scenarios/x.toml:14: key 'sessions.conversion': expected a probability in [0, 1], found 1.5
//
// A value given on the command line is located as "--set" with no line. Errors in a data file
// the scenario names (population or holiday CSV) keep that file's location and name a column.
#include <string>
#include <string_view>
#include <utility>

#include "sim/io/parse_error.hpp"

namespace model {

struct ScenarioError : sim::ParseError {
  ScenarioError(std::string file_, int line_, std::string key_, std::string detail_,
                std::string_view key_kind = "key")
      : sim::ParseError(std::move(file_), line_, std::move(key_), std::move(detail_), key_kind) {}
};

}  // namespace model
