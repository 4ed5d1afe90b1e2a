#pragma once
// Writing RFC 4180 CSV fields. Reading is sim/io/csv_reader.hpp.
#include <ostream>
#include <string>
#include <string_view>

namespace sim {

// Every CSV line we write ends with CRLF, as RFC 4180 says.
inline constexpr const char* csv_eol = "\r\n";

// Whether a field must be quoted: it holds a comma, a double quote, CR or LF.
bool csv_needs_quotes(std::string_view field);

// Whether a text cell would be run as a formula by Excel or LibreOffice: it starts with
// = + - @ TAB or CR (the OWASP "CSV injection" list), or with the ' that marks a neutralised
// cell (so reading back can always remove exactly one).
bool csv_text_needs_mark(std::string_view text);

// A TEXT cell as it must appear in a CSV line: a leading ' when csv_text_needs_mark (a
// spreadsheet shows the text and never evaluates it), then RFC 4180 quoting when it holds a
// comma, a double quote, CR or LF (a,"b" -> "a,""b"""). Every text cell outreach writes (names,
// keys, descriptions) goes through here; numbers do not (see write_csv_number).
std::string csv_escape(std::string_view text);

// Writes csv_escape(text) to `os`.
void write_csv_field(std::ostream& os, std::string_view text);

// A cell that is a number in text form (a TOML number from --vary, "-0.5"): quoted when it
// must be, never marked, since a spreadsheet must read it as the number it is.
void write_csv_number(std::ostream& os, std::string_view number);

// A value as written in a scenario or on the command line (a TOML literal: 0.25, -3, "name",
// stop): a number literal - a digit, or a sign then a digit, inf or nan - is a number, anything
// else is text. For the columns of --vary and --lever values, whose type is the key's.
void write_csv_literal(std::ostream& os, std::string_view literal);

// The text of a cell outreach wrote with csv_escape, without its ' mark: what readers of
// outreach's own CSV files (outreach plot) use so names read back as they were given.
std::string_view csv_unmarked(std::string_view cell);

// A number as it goes in a CSV cell: fixed point with at most `decimals` decimals, trailing
// zeros trimmed ("0.25", "130", "-0.5"); NaN and infinities as an empty cell, which R, pandas
// and Excel all read as missing. Independent of the locale.
std::string format_decimal(double x, int decimals = 6);

}  // namespace sim
