#include "sim/io/json_document.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "sim/io/csv.hpp"
#include "sim/io/parse_error.hpp"

namespace sim {
namespace {

// Deeper than any file outreach writes (three levels); also bounds the recursion that lays a
// value out on one line.
constexpr int deepest_json_nesting = 64;

bool listed_key(std::initializer_list<std::string_view> listed, const std::string& key) {
  return std::find(listed.begin(), listed.end(), key) != listed.end();
}

// A listed array, one element per line under its key.
void write_json_rows(std::ostream& os, const JsonDocument& array) {
  if (array.empty()) {
    os << "[]";
    return;
  }
  os << "[";
  for (std::size_t i = 0; i < array.size(); ++i) os << (i ? ",\n    " : "\n    ") << json_on_one_line(array[i]);
  os << "\n  ]";
}

// The line of nlohmann's message after "parse error at line L, column C: ", or all of it.
std::string json_parse_detail(const std::string& what) {
  const auto column = what.find("column ");
  const auto colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

JsonDocument json_decimal(double x, int decimals) {
  if (!std::isfinite(x)) return nullptr;
  const std::string text = format_decimal(x, decimals);
  const char* end = text.data() + text.size();
  if (text.find('.') == std::string::npos) {
    std::int64_t whole = 0;
    if (const auto r = std::from_chars(text.data(), end, whole); r.ec == std::errc() && r.ptr == end) return whole;
  }
  double rounded = 0;
  std::from_chars(text.data(), end, rounded);
  return rounded;
}

std::string json_on_one_line(const JsonDocument& value) {
  std::string out;
  if (value.is_object()) {
    out += "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out.append(first ? "" : ", ").append(json_on_one_line(JsonDocument(key))).append(": ").append(json_on_one_line(item));
      first = false;
    }
    return out + "}";
  }
  if (value.is_array()) {
    out += "[";
    for (std::size_t i = 0; i < value.size(); ++i) out.append(i ? ", " : "").append(json_on_one_line(value[i]));
    return out + "]";
  }
  return value.dump(-1, ' ', false, JsonDocument::error_handler_t::replace);
}

void write_json_document(std::ostream& os, const JsonDocument& document,
                         std::initializer_list<std::string_view> listed) {
  os << "{\n";
  bool first = true;
  for (const auto& [key, value] : document.items()) {
    os << (first ? "  " : ",\n  ") << json_on_one_line(JsonDocument(key)) << ": ";
    if (value.is_array() && listed_key(listed, key)) write_json_rows(os, value);
    else os << json_on_one_line(value);
    first = false;
  }
  os << "\n}\n";
}

JsonDocument parse_json_document(std::string_view text, const std::string& source) {
  const auto too_deep = [&](int depth, JsonDocument::parse_event_t, JsonDocument&) {
    if (depth > deepest_json_nesting)
      throw ParseError(source, 0, "", "malformed JSON: nested deeper than " + std::to_string(deepest_json_nesting) + " levels");
    return true;
  };
  try {
    return JsonDocument::parse(text, too_deep);
  } catch (const JsonDocument::parse_error& e) {
    // e.byte counts from 1, at the character that broke the text.
    const std::size_t at = std::min<std::size_t>(e.byte ? e.byte - 1 : 0, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    throw ParseError(source, static_cast<int>(line), "", "malformed JSON: " + json_parse_detail(e.what()));
  }
}

}  // namespace sim
