#include "sim/csv.hpp"

#include <cmath>
#include <cstdio>

namespace sim {

bool csv_needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

std::string csv_escape(std::string_view field) {
  if (!csv_needs_quotes(field)) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void write_csv_field(std::ostream& os, std::string_view field) {
  if (!csv_needs_quotes(field)) {
    os << field;
    return;
  }
  os << '"';
  for (std::size_t start = 0;;) {
    const auto quote = field.find('"', start);
    if (quote == std::string_view::npos) {
      os << field.substr(start);
      break;
    }
    os << field.substr(start, quote + 1 - start) << '"';  // the quote, doubled
    start = quote + 1;
  }
  os << '"';
}

std::string format_decimal(double x, int decimals) {
  if (!std::isfinite(x)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

}  // namespace sim
