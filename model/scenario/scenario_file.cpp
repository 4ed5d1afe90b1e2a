#include "model/scenario/scenario_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <vector>

#include "model/scenario/grouped_number.hpp"
#include "model/scenario/input_caps.hpp"
#include "model/scenario/scenario_error.hpp"
#include "model/scenario/toml_guard.hpp"
#include "sim/date.hpp"
#include "sim/io/parse_error.hpp"
#include "sim/io/text.hpp"

namespace model {

namespace {

using sim::split_lines;
using sim::trim;

// A key as written (`"a b".c`, `plan`) without quotes or spaces around dots.
std::string plain_key(const std::string& k) {
  std::string out;
  for (const char c : k)
    if (c != '"' && c != '\'' && c != ' ' && c != '\t') out += c;
  return out;
}

// The value written on a `key = value` line, without a trailing comment.
std::string value_on_line(const std::string& line) {
  const auto eq = line.find('=');
  if (eq == std::string::npos) return {};
  std::string v = line.substr(eq + 1);
  if (const auto hash = v.find('#'); hash != std::string::npos) v.erase(hash);
  return trim(v);
}

// toml11's message, e.g.
//   [error] toml::insert_value: value ("a") already exists.
//    --> x.toml
//      |
//    1 | a = 1
//      |     ^--- value already exists here
//    ...
//    3 | a = 3
//      |     ^--- value defined twice
// reduced to its first line without the prefixes, the last pointer's note, and the numbers of
// the source lines it quotes.
struct TomlMessage {
  std::string summary;
  std::string note;
  std::vector<int> lines;
};

TomlMessage split_message(const std::string& what) {
  TomlMessage m;
  const auto lines = split_lines(what);
  if (!lines.empty()) {
    m.summary = std::regex_replace(lines.front(), std::regex(R"(^\[error\]\s*(toml::\w+:\s*)?)"), "");
    if (!m.summary.empty() && m.summary.back() == '.') m.summary.pop_back();
  }
  const std::regex quoted_line(R"(^\s*(\d+) \|)");
  const std::regex pointer(R"(^\s*\|\s*[\^~]+-*\s*(.*)$)");
  std::smatch match;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (std::regex_search(lines[i], match, quoted_line)) m.lines.push_back(std::stoi(match[1]));
    if (std::regex_match(lines[i], match, pointer) && !trim(match[1].str()).empty())
      m.note = trim(match[1].str());
  }
  return m;
}

// "3,500,000: write 3500000 or 3_500_000 (...)" when line `line` of `text` gives a number
// with thousands separators, which toml11 only calls a bad token.
std::optional<std::string> grouped_number(const std::string& text, int line) {
  const auto lines = split_lines(text);
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return std::nullopt;
  const std::string value = value_on_line(lines[static_cast<std::size_t>(line - 1)]);
  const auto advice = grouped_number_advice(value);
  if (!advice) return std::nullopt;
  return value + ": " + *advice;
}

ScenarioError translate(const toml::exception& e, const std::string& path,
                        const std::string& text) {
  const TomlMessage m = split_message(e.what());
  // The message quotes the offending line last. Prefer it to e.location(), which for some
  // errors (bad dates) counts lines within the value rather than the file.
  const int line = m.lines.empty() ? static_cast<int>(e.location().line()) : m.lines.back();
  std::string key = key_on_line(text, line);
  std::string near;
  // Binary junk or a runaway line is no key to name (keys are ASCII): quote the line instead.
  if (key.size() > 60 || std::any_of(key.begin(), key.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u >= 0x7f;
      })) {
    const auto lines = split_lines(text);
    if (line >= 1 && static_cast<std::size_t>(line) <= lines.size())
      near = ", at " + sim::quoted_excerpt(lines[static_cast<std::size_t>(line - 1)], 30);
    key.clear();
  }

  if (m.summary.find("already exists") != std::string::npos) {
    std::string detail = "defined twice";
    if (!m.lines.empty() && m.lines.front() != line)
      detail += " (first on line " + std::to_string(m.lines.front()) + ")";
    return ScenarioError(path, line, key, detail);
  }
  if (m.summary.find("parse_date") != std::string::npos ||
      m.summary.find("invalid date") != std::string::npos) {
    // toml11 says the date "does not conform RFC3339"; sim::parse_date says why.
    const auto lines = split_lines(text);
    if (line >= 1 && static_cast<std::size_t>(line) <= lines.size()) {
      try {
        sim::parse_date(value_on_line(lines[static_cast<std::size_t>(line - 1)]));
      } catch (const sim::DateError& de) {
        return ScenarioError(path, line, key, de.what());
      }
    }
  }
  if (const auto advice = grouped_number(text, line))
    return ScenarioError(path, line, key, "expected a number, found " + *advice);
  std::string detail = "invalid TOML: " + m.summary;
  if (!m.note.empty()) detail += " (" + m.note + ")";
  return ScenarioError(path, line, key, detail + near);
}

ScenarioError too_large(const std::string& source, std::uintmax_t bytes) {
  return ScenarioError(source, 0, "",
                       "expected a scenario file of at most " + std::to_string(max_scenario_bytes >> 20) +
                           " MiB, found " + std::to_string(bytes >> 20) + " MiB: is it the right file?");
}

}  // namespace

namespace {

// Reads a TOML text's lines in order, keeping the table they are in.
struct LineKeys {
  std::string table;                       // the current [table] or [[array]][i]
  std::map<std::string, int> array_count;  // [[array]] headers seen so far

  // The dotted key `line` defines (a header: its table), the table it follows when none.
  std::string next(const std::string& line) {
    const std::string t = trim(line);
    if (t.starts_with("[[")) {
      const std::string name = plain_key(t.substr(2, t.find("]]") - 2));
      return table = name + "[" + std::to_string(array_count[name]++) + "]";
    }
    if (t.starts_with("[")) return table = plain_key(t.substr(1, t.find(']') - 1));
    const auto eq = t.find('=');
    if (eq == std::string::npos || t.starts_with("#")) return table;
    const std::string k = plain_key(t.substr(0, eq));
    return table.empty() ? k : table + "." + k;
  }
};

}  // namespace

std::string key_on_line(const std::string& text, int line) {
  const auto lines = split_lines(text);
  LineKeys reader;
  for (int i = 1; i <= line && static_cast<std::size_t>(i) <= lines.size(); ++i) {
    const std::string key = reader.next(lines[static_cast<std::size_t>(i - 1)]);
    if (i == line) return key;
  }
  return reader.table;
}

std::vector<std::string> keys_on_lines(const std::string& text) {
  std::vector<std::string> keys;
  LineKeys reader;
  for (const std::string& line : split_lines(text)) keys.push_back(reader.next(line));
  return keys;
}

std::string read_scenario_file(const std::string& path) {
  try {
    return sim::read_whole_file(path, input_caps::scenario);
  } catch (const sim::InputFileError& e) {
    throw ScenarioError(e.file, 0, "", e.detail);  // callers catch ScenarioError
  }
}

toml::value parse_toml(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  return toml::parse(in, source);
}

toml::value parse_scenario_text(const std::string& text, const std::string& source) {
  // Checked again here: the file may have grown since its size was read, and text from memory
  // has not been checked at all.
  if (text.size() > max_scenario_bytes) throw too_large(source, text.size());
  check_toml_text(text, source);
  try {
    return parse_toml(text, source);
  } catch (const toml::exception& e) {
    throw translate(e, source, text);
  } catch (const std::exception& e) {
    throw ScenarioError(source, 0, "", std::string("invalid TOML: ") + e.what());
  }
}

toml::value parse_scenario_file(const std::string& path, std::string* text_out) {
  std::string text = read_scenario_file(path);
  toml::value tree = parse_scenario_text(text, path);
  if (text_out) *text_out = std::move(text);
  return tree;
}

}  // namespace model
