#include "app/outputs/json_fields.hpp"

#include <algorithm>
#include <cstdint>

#include "model/scenario/input_caps.hpp"
#include "sim/io/parse_error.hpp"

namespace app {
namespace {

class JsonFieldParser {
 public:
  JsonFieldParser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  JsonFields parse() {
    JsonFields fields;
    skip_space();
    object("", fields);
    skip_space();
    if (pos_ != text_.size()) fail("text after the closing brace");
    return fields;
  }

 private:
  [[noreturn]] void fail(const std::string& detail) const {
    const auto line = 1 + std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(pos_), '\n');
    throw sim::ParseError(source_, static_cast<int>(line), "", "malformed JSON: " + detail);
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
    skip_space();
  }

  void object(const std::string& prefix, JsonFields& fields) {
    expect('{');
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      const std::string key = prefix + string();
      expect(':');
      if (peek() == '{') object(key + ".", fields);
      else fields.emplace_back(key, scalar());
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return;
      }
      expect(',');
    }
  }

  // A number, literal or array, as written.
  std::string scalar() {
    if (peek() == '"') return string();
    const std::size_t start = pos_;
    if (peek() == '[') {
      skip_array();
    } else {
      while (pos_ < text_.size() && std::string_view(",}] \t\r\n").find(text_[pos_]) == std::string_view::npos) ++pos_;
    }
    if (pos_ == start) fail("expected a value");
    return std::string(text_.substr(start, pos_ - start));
  }

  void skip_array() {
    int depth = 0;
    do {
      if (pos_ >= text_.size()) fail("array left open");
      if (peek() == '"') {
        string();
        continue;
      }
      if (peek() == '[') ++depth;
      if (peek() == ']') --depth;
      ++pos_;
    } while (depth > 0);
  }

  std::string string() {
    if (peek() != '"') fail("expected a string");
    ++pos_;
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("string left open");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      escape(out);
    }
  }

  void escape(std::string& out) {
    const char e = peek();
    ++pos_;
    switch (e) {
      case '"': case '\\': case '/': out += e; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': append_utf8(out, code_point()); return;
      default: fail("unknown escape in a string");
    }
  }

  std::uint32_t hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) fail("bad hex digit in a \\u escape");
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    return v;
  }

  // After "\u": one code point, joining a surrogate pair.
  std::uint32_t code_point() {
    const std::uint32_t hi = hex4();
    if (hi < 0xD800 || hi > 0xDBFF) return hi;
    if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate");
    pos_ += 2;
    const std::uint32_t lo = hex4();
    if (lo < 0xDC00 || lo > 0xDFFF) fail("unpaired surrogate");
    return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    const auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0 | (cp >> 6));
      byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      byte(0xE0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    } else {
      byte(0xF0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3F));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    }
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
};

}  // namespace

JsonFields parse_json_fields(std::string_view text, const std::string& source) {
  return JsonFieldParser(text, source).parse();
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
