#include "model/scenario/plan_file.hpp"

#include <cctype>
#include <cstdio>

#include "sim/io/text.hpp"

namespace model {
namespace {

using sim::split_lines;
using sim::trim;

constexpr const char* note = "  # outreach optimize";

// A header line: "[name]" or "[[name]]" (names unquoted), with an optional comment.
struct Header {
  std::string name;
  bool array = false;
};
std::optional<Header> header_of(const std::string& line) {
  std::string t = trim(line);
  if (const auto hash = t.find('#'); hash != std::string::npos) t = trim(t.substr(0, hash));
  if (t.size() < 3 || t[0] != '[') return std::nullopt;
  Header h;
  h.array = t.rfind("[[", 0) == 0;
  const std::size_t open = h.array ? 2 : 1;
  if (t.size() < 2 * open + 1 || t.substr(t.size() - open) != std::string(open, ']')) return std::nullopt;
  h.name = trim(t.substr(open, t.size() - 2 * open));
  for (const char c : h.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return std::nullopt;
  return h;
}

// The key a line defines (before '='), or "".
std::string key_of(const std::string& line) {
  const std::string t = trim(line);
  if (t.empty() || t[0] == '#' || t[0] == '[') return {};
  const auto eq = t.find('=');
  if (eq == std::string::npos) return {};
  return trim(t.substr(0, eq));
}

// Whether brackets and braces outside strings balance: a value on one line.
bool one_line(const std::string& value) {
  int depth = 0;
  char quote = 0;
  for (const char c : value) {
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '#') break;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
  }
  return depth == 0 && quote == 0;
}

struct Place {
  std::string table;   // header name: "door_to_door", "agents", "sessions.plan"
  std::size_t index = 0;  // for an array table: which one
  bool array = false;
  std::string key;     // the key within it
  std::string inner;   // for a one-line inline table `key = { inner = ... }`: the inner key
};

// The block [first, last) of lines under a header, or nullopt.
std::optional<std::pair<std::size_t, std::size_t>> block(const std::vector<std::string>& lines, const Place& p) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto h = header_of(lines[i]);
    if (!h || h->name != p.table || h->array != p.array) continue;
    if (p.array && seen++ != p.index) continue;
    std::size_t end = i + 1;
    while (end < lines.size() && !header_of(lines[end])) ++end;
    return std::make_pair(i + 1, end);
  }
  return std::nullopt;
}

bool place_value(std::vector<std::string>& lines, const Place& p, const std::string& value, std::string& why) {
  const auto b = block(lines, p);
  if (!b) {
    if (p.array) {
      why = "no [[" + p.table + "]] number " + std::to_string(p.index) + " in the file";
      return false;
    }
    lines.push_back("");
    lines.push_back("[" + p.table + "]" + note);
    lines.push_back(p.key + " = " + (p.inner.empty() ? value : "{ " + p.inner + " = " + value + " }"));
    return true;
  }
  for (std::size_t i = b->first; i < b->second; ++i) {
    if (key_of(lines[i]) != p.key) continue;
    const std::string old = trim(lines[i]);
    const std::string indent = lines[i].substr(0, lines[i].find_first_not_of(" \t"));
    const std::string old_value = trim(old.substr(old.find('=') + 1));
    if (!one_line(old_value)) {
      why = "'" + p.key + "' spans several lines in the file";
      return false;
    }
    if (p.inner.empty()) {
      lines[i] = indent + p.key + " = " + value + note + " (was: " + old + ")";
      return true;
    }
    // One inner key of a one-line inline table.
    if (old_value.empty() || old_value[0] != '{') {
      why = "'" + p.key + "' is not an inline table";
      return false;
    }
    const auto close = old_value.find('}');
    std::string body = old_value.substr(1, close - 1);
    std::string rebuilt;
    bool found = false;
    std::size_t from = 0;
    while (from <= body.size()) {
      const auto comma = body.find(',', from);
      std::string item = trim(body.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (!item.empty()) {
        if (trim(item.substr(0, item.find('='))) == p.inner) {
          item = p.inner + " = " + value;
          found = true;
        }
        rebuilt += (rebuilt.empty() ? "" : ", ") + item;
      }
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    if (!found) rebuilt += (rebuilt.empty() ? "" : ", ") + p.inner + " = " + value;
    lines[i] = indent + p.key + " = { " + rebuilt + " }" + note + " (was: " + old + ")";
    return true;
  }
  // Not in its block: added right after the header.
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(b->first),
               p.key + " = " + (p.inner.empty() ? value : "{ " + p.inner + " = " + value + " }") + note);
  return true;
}

// Splits "agents[1].count" into where it goes. Supported: table.key, array[i].key,
// table.sub.key (sub an inline table or a sub-table header).
std::optional<Place> place_of(const std::string& key, const std::vector<std::string>& lines) {
  std::vector<std::string> seg;
  std::size_t from = 0;
  for (;;) {
    const auto dot = key.find('.', from);
    seg.push_back(key.substr(from, dot == std::string::npos ? std::string::npos : dot - from));
    if (dot == std::string::npos) break;
    from = dot + 1;
  }
  if (seg.size() < 2) return std::nullopt;
  Place p;
  p.key = seg.back();
  std::string table;
  for (std::size_t i = 0; i + 1 < seg.size(); ++i) {
    std::string s = seg[i];
    if (const auto br = s.find('['); br != std::string::npos) {
      if (i + 2 != seg.size()) return std::nullopt;  // an index only on the table itself
      p.array = true;
      p.index = std::stoul(s.substr(br + 1));
      s = s.substr(0, br);
    }
    table += (table.empty() ? "" : ".") + s;
  }
  p.table = table;
  if (!p.array && seg.size() == 3 && !block(lines, p)) {
    // table.sub.key with no [table.sub] header: sub is taken as an inline table of [table].
    Place inline_place;
    inline_place.table = seg[0];
    inline_place.key = seg[1];
    inline_place.inner = seg[2];
    return inline_place;
  }
  return p;
}

}  // namespace

std::optional<std::string> substitute(const std::string& text, const std::vector<Substitution>& subs,
                                      std::optional<std::size_t> keep_sessions, std::string& why) {
  std::vector<std::string> lines = split_lines(text);
  if (keep_sessions) {
    std::vector<std::string> kept, trailing;  // a dropped block's last comments: the next table's
    std::size_t seen = 0;
    bool dropping = false, noted = false;
    for (const std::string& line : lines) {
      if (const auto h = header_of(line)) {
        dropping = h->array && h->name == "sessions.plan" && seen++ >= *keep_sessions;
        if (dropping && !noted) {
          kept.push_back("# outreach optimize: sessions.count = " + std::to_string(*keep_sessions) +
                         ", the later [[sessions.plan]] removed");
          noted = true;
        }
        if (!dropping) kept.insert(kept.end(), trailing.begin(), trailing.end());
        trailing.clear();
      }
      const std::string t = trim(line);
      if (!dropping) kept.push_back(line);
      else if (t.empty() || t[0] == '#') trailing.push_back(line);
      else trailing.clear();
    }
    kept.insert(kept.end(), trailing.begin(), trailing.end());
    lines = std::move(kept);
  }
  for (const Substitution& s : subs) {
    const auto p = place_of(s.key, lines);
    if (!p) {
      why = "cannot place the key '" + s.key + "' in the file's text";
      return std::nullopt;
    }
    if (!place_value(lines, *p, s.value, why)) return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() || text.ends_with('\n') ? "\n" : "");
  return out;
}

}  // namespace model
