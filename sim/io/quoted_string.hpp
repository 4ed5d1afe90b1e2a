#pragma once
// Text in double quotes with backslash escapes, as a TOML basic string (", \ and control
// characters as \uXXXX), for scenario text outreach writes (plan files, --set values) and for
// names quoted in messages. UTF-8 passes through unchanged. JSON files are written by
// sim/io/json_document.hpp, not with this.
#include <string>
#include <string_view>

namespace sim {

std::string json_quoted(std::string_view text);

}  // namespace sim
