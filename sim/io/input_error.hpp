#pragma once
// The one root of every error that bad input causes: a malformed or unreadable file, a value out
// of range, an option written wrongly, an output folder outreach may not write. Each kind derives
// from it (sim::ParseError, model::ScenarioError, app::RefusedOutput, ...), so a command reports
// them all one way: main() catches InputError, prints "outreach <command>: " and what(), and
// exits with status 2. Interruption (sim::Cancelled) is not bad input and is not an InputError.
//
// A located error renders its message from its parts:
//
//   scenarios/x.toml:14: key 'sessions.conversion': expected a probability in [0, 1], found 1.5
//
// and keeps them as members, so tests and callers need not parse what().
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "sim/io/visible_text.hpp"

namespace sim {

// What a value should have been and what it was, for messages "expected ..., found ...".
struct Mismatch {
  std::string expected;
  std::string found;
};

struct InputError : std::runtime_error {
  std::string file;    // the path as given; empty when the input was not a file
  int line = 0;        // 1-based line number; 0 when the error concerns the whole input
  std::string key;     // the column (or configuration key) at fault; empty when none
  std::string detail;  // the message without the location

  // An error whose message says everything already (an option, a folder): no location.
  explicit InputError(const std::string& message) : std::runtime_error(message), detail(message) {}

  // key_kind names what `key` is in the message: "column" for tables, "key" for settings.
  InputError(std::string file_, int line_, std::string key_, std::string detail_,
             std::string_view key_kind = "column")
      : std::runtime_error(located(file_, line_, key_, detail_, key_kind)),
        file(std::move(file_)),
        line(line_),
        key(std::move(key_)),
        detail(std::move(detail_)) {}

  InputError(std::string file_, int line_, std::string key_, const Mismatch& m, std::string_view key_kind = "column")
      : InputError(std::move(file_), line_, std::move(key_), "expected " + m.expected + ", found " + m.found,
                   key_kind) {}

 private:
  static std::string located(const std::string& file, int line, const std::string& key, const std::string& detail,
                             std::string_view key_kind) {
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "literal" + string.
    std::string s = file.empty() ? std::string("<input>") : file;
    if (line > 0) s.append(":").append(std::to_string(line));
    s.append(": ");
    // A runaway key (a line of junk) is cut short, so it cannot flood the message.
    if (!key.empty())
      s.append(key_kind).append(" '").append(key.size() > 80 ? key.substr(0, 77) + "..." : key).append("': ");
    // Names, keys and values quoted from the input: no control character reaches a terminal.
    return visible_text(s.append(detail));
  }
};

}  // namespace sim
