#include "model/scenario/scenario_rewrite.hpp"

#include <cstdio>

#include "model/scenario/scenario_file.hpp"
#include "sim/io/quoted_string.hpp"
#include "sim/io/text.hpp"

namespace model {
namespace {

using sim::split_lines;
using sim::trim;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(at));
      break;
    }
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::string indent_of(const std::string& line) { return line.substr(0, line.find_first_not_of(" \t")); }

std::string key_line(const std::string& lhs, const KeyRewrite& r) {
  return lhs + " = " + r.value + (r.comment.empty() ? "" : "  # " + r.comment);
}

// Where the key's line is (0-based), or -1; and the header line of its table, or -1.
struct Place {
  int key_line = -1;
  int header_line = -1;
};

Place find(const std::vector<std::string>& lines, const std::string& text, const std::string& key) {
  const auto dot = key.rfind('.');
  const std::string table = dot == std::string::npos ? "" : key.substr(0, dot);
  Place p;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string t = trim(lines[i]);
    if (t.empty() || t.starts_with("#")) continue;
    const std::string k = key_on_line(text, static_cast<int>(i + 1));
    if (t.starts_with("[")) {
      if (k == table) p.header_line = static_cast<int>(i);
    } else if (k == key) {
      p.key_line = static_cast<int>(i);
    }
  }
  return p;
}

}  // namespace

// A JSON string literal is a TOML basic string: the same quotes and escapes.
std::string toml_string(const std::string& s) { return sim::toml_quoted(s); }

std::string rewrite_scenario_text(const std::string& original, const std::vector<KeyRewrite>& rewrites) {
  std::string text = original;
  for (const KeyRewrite& r : rewrites) {
    std::vector<std::string> lines = lines_of(text);
    const Place p = find(lines, text, r.key);
    const auto dot = r.key.rfind('.');
    const std::string leaf = dot == std::string::npos ? r.key : r.key.substr(dot + 1);
    if (p.key_line >= 0) {
      const std::string& old = lines[static_cast<std::size_t>(p.key_line)];
      const std::string lhs = old.substr(0, old.find('='));
      std::string l = lhs;
      while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
      lines[static_cast<std::size_t>(p.key_line)] = key_line(l, r);
      const std::string ind = indent_of(old);
      std::vector<std::string> above;
      for (const std::string& c : r.above) above.push_back(ind + "# " + c);
      lines.insert(lines.begin() + p.key_line, above.begin(), above.end());
    } else if (p.header_line >= 0) {
      std::vector<std::string> add;
      for (const std::string& c : r.above) add.push_back("# " + c);
      add.push_back(key_line(leaf, r));
      lines.insert(lines.begin() + p.header_line + 1, add.begin(), add.end());
    } else if (dot != std::string::npos && r.key.find('[') == std::string::npos) {
      lines.push_back("");
      lines.push_back("[" + r.key.substr(0, dot) + "]");
      for (const std::string& c : r.above) lines.push_back("# " + c);
      lines.push_back(key_line(leaf, r));
    } else {
      throw std::invalid_argument("cannot place key '" + r.key + "' in the scenario file: its table is not written there");
    }
    text = joined(lines);
  }
  return text;
}

}  // namespace model
