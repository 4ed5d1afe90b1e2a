#pragma once
// Reading the JSON objects outreach writes (manifest.json) back, for reports, through
// sim/io/json_document.hpp. Nested objects are flattened to dotted keys ("libraries.random");
// every value is kept as text: strings unescaped, numbers, true, false, null and arrays as
// outreach writes them (sim::json_on_one_line). Fields keep the file's order. Malformed JSON
// throws sim::ParseError with the line.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace app {

using JsonFields = std::vector<std::pair<std::string, std::string>>;

// `source` names the input in error messages.
JsonFields parse_json_fields(std::string_view text, const std::string& source);
JsonFields read_json_fields(const std::filesystem::path& path);

// The value of `key`, or `fallback` when there is none.
std::string json_field(const JsonFields& fields, std::string_view key, std::string fallback = "");

}  // namespace app
