#include "app/outputs/json_fields.hpp"

#include "model/scenario/input_caps.hpp"
#include "sim/io/input_file.hpp"
#include "sim/io/json_document.hpp"
#include "sim/io/parse_error.hpp"

namespace app {
namespace {

// The members of `object` into `fields`, objects below it flattened to `prefix`key.member.
void flatten_json_object(const sim::JsonDocument& object, const std::string& prefix, JsonFields& fields) {
  for (const auto& [key, value] : object.items()) {
    if (value.is_object()) flatten_json_object(value, prefix + key + ".", fields);
    else if (value.is_string()) fields.emplace_back(prefix + key, value.get<std::string>());
    else fields.emplace_back(prefix + key, sim::json_on_one_line(value));
  }
}

}  // namespace

JsonFields parse_json_fields(std::string_view text, const std::string& source) {
  const sim::JsonDocument document = sim::parse_json_document(text, source);
  if (!document.is_object()) throw sim::ParseError(source, 1, "", "malformed JSON: expected an object");
  JsonFields fields;
  flatten_json_object(document, "", fields);
  return fields;
}

JsonFields read_json_fields(const std::filesystem::path& path) {
  return parse_json_fields(sim::read_whole_file(path, model::input_caps::manifest), path.string());
}

std::string json_field(const JsonFields& fields, std::string_view key, std::string fallback) {
  for (const auto& [k, v] : fields)
    if (k == key) return v;
  return fallback;
}

}  // namespace app
