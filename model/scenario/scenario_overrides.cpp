#include "model/scenario/scenario_overrides.hpp"

#include <cstdio>
#include <optional>

#include "model/scenario/checked_table.hpp"
#include "model/scenario/scenario_error.hpp"
#include "model/scenario/scenario_file.hpp"
#include "model/scenario/toml_guard.hpp"
#include "sim/io/parse_error.hpp"
#include "sim/io/quoted_string.hpp"
#include "sim/io/text.hpp"

namespace model {

namespace {

using sim::split_lines;
using sim::trim;

struct Segment {
  std::string name;
  std::optional<std::size_t> index;
};

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

ScenarioError set_error(const std::string& key, std::string detail) {
  return ScenarioError("--set", 0, key, std::move(detail));
}

std::vector<Segment> split_key(const std::string& key) {
  const std::string shape =
      "expected a dotted key such as sessions.conversion or agents[0].quota";
  std::vector<Segment> out;
  std::size_t i = 0;
  for (;;) {
    Segment seg;
    while (i < key.size() && is_bare_key_char(key[i])) seg.name += key[i++];
    if (seg.name.empty()) throw set_error(key, shape);
    if (i < key.size() && key[i] == '[') {
      const auto close = key.find(']', i);
      const std::string digits = close == std::string::npos ? "" : key.substr(i + 1, close - i - 1);
      if (digits.empty() || digits.size() > 9 ||
          digits.find_first_not_of("0123456789") != std::string::npos)
        throw set_error(key, shape + " (array indices are whole numbers from 0)");
      seg.index = std::stoul(digits);
      i = close + 1;
    }
    out.push_back(std::move(seg));
    if (i == key.size()) return out;
    if (key[i] != '.') throw set_error(key, shape);
    ++i;
  }
}


// The value text as TOML, or as a string when it is not valid TOML (a bare word).
toml::value parse_value(const std::string& text) {
  check_toml_text(text, "--set");
  for (const std::string& attempt : {text, sim::toml_quoted(text)}) {
    try {
      toml::value t = parse_toml("v = " + attempt + "\n", "--set");
      if (t.as_table().size() == 1 && t.contains("v")) return t.at("v");
    } catch (const toml::exception&) {
      // not a TOML value: try it as a string
    }
  }
  throw set_error("", "cannot read the value " + sim::quoted_excerpt(text));
}

void apply_one(toml::value& root, const std::string& key, const toml::value& value) {
  const std::vector<Segment> path = split_key(key);
  toml::value* node = &root;
  std::string walked;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Segment& seg = path[i];
    const bool last = i + 1 == path.size();
    if (!node->is_table())
      throw set_error(key, "'" + walked + "' is " + describe(*node) + ", not a table");
    auto& table = node->as_table();
    walked += (walked.empty() ? "" : ".") + seg.name;
    auto it = table.find(seg.name);
    if (!seg.index) {
      if (last) {
        table[seg.name] = value;
        return;
      }
      if (it == table.end()) it = table.emplace(seg.name, toml::value(toml::table{})).first;
      node = &it->second;
      continue;
    }
    if (it == table.end() || !it->second.is_array())
      throw set_error(key, "there is no array '" + walked + "' to index");
    auto& array = it->second.as_array();
    if (*seg.index >= array.size())
      throw set_error(key, "'" + walked + "' has " + std::to_string(array.size()) +
                               " elements, indexed from 0");
    walked += "[" + std::to_string(*seg.index) + "]";
    if (last) {
      array[*seg.index] = value;
      return;
    }
    node = &array[*seg.index];
  }
}

}  // namespace

std::vector<std::string> apply_overrides(toml::value& root,
                                         const std::vector<std::string>& overrides) {
  std::vector<std::string> keys;
  for (const std::string& o : overrides) {
    const auto eq = o.find('=');
    const std::string key = eq == std::string::npos ? "" : trim(o.substr(0, eq));
    if (key.empty())
      throw set_error("", "expected key=value, found " + sim::quoted_excerpt(o));
    toml::value value;
    try {
      value = parse_value(trim(o.substr(eq + 1)));
    } catch (const ScenarioError&) {
      throw set_error(key, "cannot read the value " + sim::quoted_excerpt(o.substr(eq + 1)));
    }
    apply_one(root, key, value);
    keys.push_back(key);
  }
  return keys;
}

}  // namespace model
