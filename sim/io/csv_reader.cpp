#include "sim/io/csv_reader.hpp"

#include <cstring>
#include <set>

#include "sim/io/utf8.hpp"

namespace sim {

namespace {

constexpr std::size_t chunk_size = 1 << 16;

std::string join(const std::vector<std::string>& fields) {
  std::string s;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) s += ',';
    s += fields[i];
  }
  return s;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string source, CsvReadOptions options)
    : in_(&in), source_(std::move(source)), options_(options), buffer_(chunk_size) {}

CsvReader CsvReader::open(const std::filesystem::path& path, const InputCap& cap, CsvReadOptions options) {
  std::unique_ptr<std::istream> file = open_input_stream(path, cap);
  CsvReader reader(*file, path.string(), options);
  reader.owned_ = std::move(file);
  return reader;
}

bool CsvReader::fill() {
  if (pos_ < end_) return true;
  in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  pos_ = 0;
  end_ = static_cast<std::size_t>(in_->gcount());
  if (in_->bad()) throw ParseError(source_, line_, "", "read error");
  if (!started_) {
    started_ = true;
    if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  return pos_ < end_;
}

int CsvReader::peek() { return fill() ? static_cast<unsigned char>(buffer_[pos_]) : eof; }

int CsvReader::get() {
  const int c = peek();
  if (c != eof) ++pos_;
  return c;
}

void CsvReader::consume_line_end(int c) {
  if (c == '\r' && peek() == '\n') get();
  ++line_;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  for (;;) {
    const int c = peek();
    if (c == eof) return false;
    if (options_.comment_lines && c == '#') {
      int d = get();
      while (d != eof && d != '\n' && d != '\r') d = get();
      if (d != eof) consume_line_end(d);
      continue;
    }
    if (options_.skip_blank_lines && (c == '\n' || c == '\r')) {
      consume_line_end(get());
      continue;
    }
    break;
  }
  record_line_ = line_;
  if (!detected_) detect_delimiter();
  read_record(fields);
  if (options_.require_utf8) check_utf8(fields);
  if (!header_.empty() && fields.size() != header_.size())
    throw error("expected " + std::to_string(header_.size()) + " fields (" + join(header_) +
                "), found " + std::to_string(fields.size()));
  return true;
}

void CsvReader::detect_delimiter() {
  detected_ = true;
  if (!options_.detect_semicolon || options_.delimiter != ',') return;
  bool quoted = false, comma = false, semicolon = false;
  for (std::size_t i = pos_; i < end_; ++i) {
    const char c = buffer_[i];
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice: still inside
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    comma = comma || c == ',';
    semicolon = semicolon || c == ';';
  }
  if (semicolon && !comma) {
    options_.delimiter = ';';
    semicolons_ = true;
  }
}

std::string CsvReader::decimal_text(const std::string& field) const {
  if (!semicolons_ || field.find('.') != std::string::npos) return field;
  std::string text = field;
  if (const std::size_t comma = text.find(','); comma != std::string::npos && text.find(',', comma + 1) == std::string::npos)
    text[comma] = '.';
  return text;
}

void CsvReader::read_record(std::vector<std::string>& fields) {
  const char delim = options_.delimiter;
  std::string field;
  for (;;) {
    field.clear();
    int c = get();
    if (c == '"') {
      const int opened_on = line_;
      for (;;) {
        c = get();
        if (c == eof)
          throw ParseError(source_, opened_on, "",
                           "a quoted field opened on this line is never closed");
        if (c == '"') {
          if (peek() != '"') break;
          get();
        } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
          ++line_;
        }
        field += static_cast<char>(c);
      }
      c = get();
      if (c != delim && c != '\n' && c != '\r' && c != eof)
        throw ParseError(source_, line_, "",
                         "expected a delimiter or line end after a closing quote, found " +
                             quoted_excerpt(std::string(1, static_cast<char>(c))));
    } else {
      while (c != delim && c != '\n' && c != '\r' && c != eof) {
        if (c == '"')
          throw ParseError(source_, line_, "",
                           "a quote inside an unquoted field (quote the whole field and "
                           "double the inner quotes), found " +
                               quoted_excerpt(field + '"'));
        field += static_cast<char>(c);
        c = get();
      }
    }
    fields.push_back(field);
    if (c == delim) continue;
    if (c != eof) consume_line_end(c);
    return;
  }
}

void CsvReader::check_utf8(const std::vector<std::string>& fields) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::size_t bad = first_invalid_utf8(fields[i]);
    if (bad != std::string_view::npos)
      throw error(i, "not valid UTF-8 at byte " + std::to_string(bad + 1) + " of " +
                         quoted_excerpt(fields[i]) + " (save the file as UTF-8)");
  }
}

const std::vector<std::string>& CsvReader::read_header() {
  std::vector<std::string> names;
  if (!next(names)) throw ParseError(source_, 0, "", "expected a header line, found no lines");
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty())
      throw error("header column " + std::to_string(i + 1) + " has no name");
    if (!seen.insert(names[i]).second)
      throw error("header names column " + quoted_excerpt(names[i]) + " twice");
  }
  header_ = std::move(names);
  header_line_ = record_line_;
  return header_;
}

void CsvReader::expect_header(std::initializer_list<std::string_view> expected) {
  std::vector<std::string> names;
  if (!next(names)) throw ParseError(source_, 0, "", "expected a header line, found no lines");
  bool same = names.size() == expected.size();
  std::string want;
  std::size_t i = 0;
  for (const std::string_view name : expected) {
    if (i) want += ',';
    want += name;
    if (same && names[i] != name) same = false;
    ++i;
  }
  if (!same)
    throw error(std::string("expected the header ")
                    .append(quoted_excerpt(want, 200))
                    .append(", found ")
                    .append(quoted_excerpt(join(names), 200)));
  header_ = std::move(names);
  header_line_ = record_line_;
}

std::size_t CsvReader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  throw ParseError(source_, header_line_, "",
                   "the header has no column " + quoted_excerpt(name) + " (found " +
                       quoted_excerpt(join(header_), 200) + ")");
}

std::string CsvReader::column_name(std::size_t column) const {
  return column < header_.size() ? header_[column] : std::to_string(column + 1);
}

ParseError CsvReader::error(std::size_t column, std::string detail) const {
  return ParseError(source_, record_line_, column_name(column), std::move(detail));
}

ParseError CsvReader::error(std::string detail) const {
  return ParseError(source_, record_line_, "", std::move(detail));
}

}  // namespace sim
