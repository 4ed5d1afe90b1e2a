#pragma once
// Parsing a scenario file as TOML, with toml11's syntax errors (bad syntax, a key or table
// defined twice, a date that does not exist) turned into ScenarioErrors that name the file,
// the line and, as far as the text shows it, the dotted key.
#include <string>
#include <toml.hpp>
#include <vector>

namespace model {

// The parsed tree; its values' locations name the file as `path` was given. When `text` is
// given, it receives the bytes parsed.
toml::value parse_scenario_file(const std::string& path, std::string* text = nullptr);

// The bytes of the scenario file at `path`: ScenarioError for a folder, an unreadable file or one
// over max_scenario_bytes (model/scenario/toml_guard.hpp).
std::string read_scenario_file(const std::string& path);

// Parses scenario text held in memory; `source` names it in errors and in the tree's locations.
toml::value parse_scenario_text(const std::string& text, const std::string& source);

// toml11's parser, unguarded and untranslated (it throws toml::exception): the one place it is
// instantiated, as compiling it takes longer than the rest of a file. Callers check the text
// first (check_toml_text, model/scenario/toml_guard.hpp).
toml::value parse_toml(const std::string& text, const std::string& source);

// The dotted key that line `line` (1-based) of a TOML text defines, read from the text itself
// for errors raised before there is a tree: "sessions.plan[2].date" for a `date = ...` line
// under the third [[sessions.plan]]. Best effort: "" when the line defines no key.
std::string key_on_line(const std::string& text, int line);
// The same for every line of `text` at once, in order.
std::vector<std::string> keys_on_lines(const std::string& text);

}  // namespace model
