#pragma once
// The error for malformed input files (CSV tables, scenario files, JSON), so every loader
// reports where the problem is in the same way (sim/io/input_error.hpp, its root):
//
//   scenarios/data/vn_holidays.csv:12: column 'date': expected YYYY-MM-DD, found "2018-02-30"
//
// The location is kept in members as well as in what(), so tests and callers need not parse it.
#include <string>
#include <string_view>

#include "sim/io/input_error.hpp"
#include "sim/io/quoted_string.hpp"  // quoted_excerpt, for the found value of a message

namespace sim {

// A malformed input file: an InputError that always has a location.
struct ParseError : InputError {
  using InputError::InputError;
  ParseError(const std::string& message) = delete;  // a parse error says where
};

}  // namespace sim
