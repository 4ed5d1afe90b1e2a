#pragma once
// Writing RFC 4180 CSV fields. Reading is sim/csv_reader.hpp.
#include <ostream>
#include <string>
#include <string_view>

namespace sim {

// Every CSV line we write ends with CRLF, as RFC 4180 says.
inline constexpr const char* csv_eol = "\r\n";

// Whether a field must be quoted: it holds a comma, a double quote, CR or LF.
bool csv_needs_quotes(std::string_view field);

// The field as it must appear in a CSV line: unchanged when safe, otherwise wrapped in double
// quotes with each inner double quote doubled (a,"b" -> "a,""b""").
std::string csv_escape(std::string_view field);

// Writes csv_escape(field) to `os` without building a temporary string.
void write_csv_field(std::ostream& os, std::string_view field);

// A number as it goes in a CSV cell: fixed point with at most `decimals` decimals, trailing
// zeros trimmed ("0.25", "130", "-0.5"); NaN and infinities as an empty cell, which R, pandas
// and Excel all read as missing. Independent of the locale.
std::string format_decimal(double x, int decimals = 6);

}  // namespace sim
