#pragma once
// Reading RFC 4180 CSV tables (holiday lists, commune lists, ledgers). Writing is sim/io/csv.hpp.
//
// Accepted: quoted fields holding commas, line breaks and doubled quotes (""); LF, CRLF or CR
// line ends; a UTF-8 byte-order mark at the start (dropped, as spreadsheet exports add one);
// ';' as the delimiter when the first record (the header) holds a ';' and no ',' (Excel saves
// CSV so under Vietnamese and other regional settings whose decimal mark is a comma; see
// decimal_text()); optional '#' comment lines and blank lines between records. Rejected with a ParseError that
// names the file and line: a quote left open at the end of input, text after a closing quote,
// a bare quote inside an unquoted field, bytes that are not UTF-8, and - once a header has been
// read - records whose field count differs from the header's.
//
// Fields are returned exactly as written: no trimming, since RFC 4180 counts spaces as data and
// silently trimming would hide a malformed file.
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/input_file.hpp"
#include "sim/io/parse_error.hpp"

namespace sim {

struct CsvReadOptions {
  char delimiter = ',';
  bool comment_lines = true;     // a line starting with '#' (outside a quoted field) is skipped
  bool skip_blank_lines = true;  // an empty line is skipped rather than read as one empty field
  bool require_utf8 = true;      // catches files saved in a legacy code page (e.g. Windows-1258)
  // When the delimiter is ',': switch to ';' if the first record's line has a ';' and no ','
  // outside quotes. Only the first 64 KiB of that line are looked at.
  bool detect_semicolon = true;
};

class CsvReader {
 public:
  // Reads from `in`, which must outlive the reader; `source` names the input in error messages.
  CsvReader(std::istream& in, std::string source, CsvReadOptions options = {});
  // Opens a regular file for reading, at most `cap` bytes of it (sim/io/input_file.hpp); throws
  // InputFileError (a ParseError at line 0) when it cannot be opened, is not a regular file or,
  // as it is read, proves larger than the cap.
  static CsvReader open(const std::filesystem::path& path, const InputCap& cap, CsvReadOptions options = {});

  // Reads the next record into `fields`; returns false at the end of the input.
  // Throws ParseError for malformed input and, after a header, for a wrong field count.
  bool next(std::vector<std::string>& fields);

  // Reads the first record as the header. Throws ParseError if the input is empty or a column
  // name is empty or repeated.
  const std::vector<std::string>& read_header();
  // read_header(), then requires exactly these column names in this order.
  void expect_header(std::initializer_list<std::string_view> expected);
  const std::vector<std::string>& header() const { return header_; }
  // Index of a header column; throws ParseError naming the missing column.
  std::size_t column(std::string_view name) const;

  // Whether the file turned out ';'-separated (detect_semicolon).
  bool semicolon_separated() const { return semicolons_; }
  // A number field as std::from_chars reads it: in a ';'-separated file, whose numbers Excel
  // writes with a decimal comma ("0,25"), the comma becomes a point. Other text is unchanged.
  std::string decimal_text(const std::string& field) const;

  // The line (1-based) on which the record last returned by next() or read_header() began.
  int line() const { return record_line_; }
  const std::string& source() const { return source_; }

  // An error about the last record, naming the column by its header name when there is one:
  //   path:line: column 'date': <detail>
  ParseError error(std::size_t column, std::string detail) const;
  // An error about the last record as a whole:  path:line: <detail>
  ParseError error(std::string detail) const;

 private:
  static constexpr int eof = -1;
  int peek();
  int get();
  void consume_line_end(int c);  // c is '\r' or '\n', already taken
  void detect_delimiter();       // before the first record, from its line's bytes
  bool fill();
  void read_record(std::vector<std::string>& fields);
  void check_utf8(const std::vector<std::string>& fields) const;
  std::string column_name(std::size_t column) const;

  std::unique_ptr<std::istream> owned_;  // set by open(); in_ points into it
  std::istream* in_;
  std::string source_;
  CsvReadOptions options_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool started_ = false;  // whether the byte-order mark check has run
  bool detected_ = false;  // whether detect_delimiter() has run
  bool semicolons_ = false;
  int line_ = 1;          // line of the next unread byte
  int record_line_ = 0;
  int header_line_ = 0;
  std::vector<std::string> header_;
};

}  // namespace sim
