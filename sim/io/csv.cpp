#include "sim/io/csv.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

namespace sim {

bool csv_needs_quotes(std::string_view field) {
  return field.find_first_of(",\"\r\n") != std::string_view::npos;
}

bool csv_text_needs_mark(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos;
}

namespace {

// RFC 4180 quoting alone: unchanged when safe, else in quotes with inner quotes doubled.
void write_quoted(std::ostream& os, std::string_view field, bool mark) {
  const bool quotes = csv_needs_quotes(field);
  if (quotes) os << '"';
  if (mark) os << '\'';
  for (std::size_t start = 0;;) {
    const auto quote = quotes ? field.find('"', start) : std::string_view::npos;
    if (quote == std::string_view::npos) {
      os << field.substr(start);
      break;
    }
    os << field.substr(start, quote + 1 - start) << '"';  // the quote, doubled
    start = quote + 1;
  }
  if (quotes) os << '"';
}

}  // namespace

std::string csv_escape(std::string_view text) {
  std::ostringstream os;
  write_csv_field(os, text);
  return std::move(os).str();
}

void write_csv_field(std::ostream& os, std::string_view text) {
  write_quoted(os, text, csv_text_needs_mark(text));
}

void write_csv_number(std::ostream& os, std::string_view number) { write_quoted(os, number, false); }

void write_csv_literal(std::ostream& os, std::string_view literal) {
  const std::string_view unsigned_part =
      !literal.empty() && (literal.front() == '-' || literal.front() == '+') ? literal.substr(1) : literal;
  const bool number = !unsigned_part.empty() && (std::isdigit(static_cast<unsigned char>(unsigned_part.front())) ||
                                                 unsigned_part == "inf" || unsigned_part == "nan");
  if (number) write_csv_number(os, literal);
  else write_csv_field(os, literal);
}

std::string_view csv_unmarked(std::string_view cell) {
  return !cell.empty() && cell.front() == '\'' ? cell.substr(1) : cell;
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
