#pragma once
// Text in double quotes with backslash escapes, in the two forms outreach writes: a TOML basic
// string, for scenario text it writes (plan files, --set values) and names quoted in messages,
// and an excerpt of an input file, for an error message. UTF-8 passes through unchanged, so
// Vietnamese names stay readable. JSON files are written by sim/io/json_document.hpp, not here.
#include <cstddef>
#include <string>
#include <string_view>

namespace sim {

// A TOML basic string: ", \ and control characters as \uXXXX.
std::string toml_quoted(std::string_view text);

// Text from an input file, quoted for an error message: control bytes escaped as \xNN and
// values longer than `max_chars` bytes cut short (and marked ...), so a binary or runaway field
// cannot flood the message.
std::string quoted_excerpt(std::string_view text, std::size_t max_chars = 60);

}  // namespace sim
