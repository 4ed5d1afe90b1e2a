#pragma once
// Text in double quotes with backslash escapes: a JSON string and also a TOML basic string
// (both escape ", \ and control characters as \uXXXX). UTF-8 passes through unchanged.
#include <string>
#include <string_view>

namespace sim {

std::string json_quoted(std::string_view text);

}  // namespace sim
