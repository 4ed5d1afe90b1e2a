#include "model/scenario/scenario_rewrite.hpp"

#include <algorithm>
#include <stdexcept>

#include "model/scenario/scenario_file.hpp"
#include "sim/io/quoted_string.hpp"
#include "sim/io/text.hpp"

namespace model {
namespace {

using sim::trim;

// The lines of a scenario text with the dotted key each defines (a header's table path for a
// header line), as model::key_on_line reads them.
struct TextLines {
  std::vector<std::string> lines;
  std::vector<std::string> keys;

  explicit TextLines(const std::string& text) : lines(sim::split_lines(text)), keys(keys_on_lines(text)) {}
  bool is_header(std::size_t i) const { return trim(lines[i]).starts_with("["); }
  bool is_key(std::size_t i) const {
    const std::string t = trim(lines[i]);
    return !t.empty() && !t.starts_with("#") && !t.starts_with("[") && t.find('=') != std::string::npos;
  }
  // The line defining `key`, or the header of table `key`: its index, or nullopt.
  std::optional<std::size_t> key_line(const std::string& key) const {
    for (std::size_t i = lines.size(); i-- > 0;)
      if (keys[i] == key && is_key(i)) return i;
    return std::nullopt;
  }
  std::optional<std::size_t> header_line(const std::string& table) const {
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (keys[i] == table && is_header(i)) return i;
    return std::nullopt;
  }
};

// `lines` joined by newlines, with one after the last as well when `final_newline`.
std::string joined(const std::vector<std::string>& lines, bool final_newline) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() || final_newline ? "\n" : "");
  return out;
}

std::string indent_of(const std::string& line) { return line.substr(0, line.find_first_not_of(" \t")); }

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

// "  # comment" after a value, or "" when there is nothing to say.
std::string trailing_comment(const std::string& comment) { return comment.empty() ? "" : "  # " + comment; }

// One rewrite's placement in the lines of a text.
class Placer {
 public:
  Placer(TextLines& text, const KeyRewrite& r, const RewriteMarks& marks) : text_(text), r_(r), marks_(marks) {}

  // False, with the reason in `why`, when the key cannot be placed.
  bool place(std::string& why) {
    if (const auto i = text_.key_line(r_.key)) return replace_line(*i, why);
    const auto dot = r_.key.rfind('.');
    if (dot == std::string::npos) {
      why = "cannot place the key '" + r_.key + "' in the file's text";
      return false;
    }
    const std::string table = r_.key.substr(0, dot), leaf = r_.key.substr(dot + 1);
    if (!text_.header_line(table) && inline_candidate(table)) return place_inline(table, leaf, why);
    return add_key(table, leaf + " = " + r_.value, why);
  }

 private:
  std::string replaced_comment(const std::string& old_line) const {
    std::string c = r_.comment;
    if (marks_.old_line) c += " (was: " + trim(old_line) + ")";
    return trailing_comment(c);
  }

  std::vector<std::string> comments_above(const std::string& indent) const {
    std::vector<std::string> out;
    for (const std::string& c : r_.above) out.push_back(indent + "# " + c);
    return out;
  }

  bool replace_line(std::size_t i, std::string& why) {
    const std::string old = text_.lines[i];
    const std::string old_value = trim(old.substr(old.find('=') + 1));
    if (!one_line(old_value)) {
      why = "'" + trim(old.substr(0, old.find('='))) + "' spans several lines in the file";
      return false;
    }
    std::string lhs = old.substr(0, old.find('='));
    while (!lhs.empty() && (lhs.back() == ' ' || lhs.back() == '\t')) lhs.pop_back();
    text_.lines[i] = lhs + " = " + r_.value + replaced_comment(old);
    const auto above = comments_above(indent_of(old));
    text_.lines.insert(text_.lines.begin() + static_cast<std::ptrdiff_t>(i), above.begin(), above.end());
    return true;
  }

  // table.sub (one dot, no array index): `sub` may be an inline table of [table].
  static bool inline_candidate(const std::string& table) {
    return table.find('[') == std::string::npos && std::count(table.begin(), table.end(), '.') == 1;
  }

  // `leaf` of the one-line inline table written at `table` (table.sub), or the inline table added.
  bool place_inline(const std::string& table, const std::string& leaf, std::string& why) {
    const auto dot = table.find('.');
    const std::string outer = table.substr(0, dot), sub = table.substr(dot + 1);
    const auto i = text_.key_line(table);
    if (!i) return add_key(outer, sub + " = { " + leaf + " = " + r_.value + " }", why);
    const std::string old = text_.lines[*i];
    const std::string old_value = trim(old.substr(old.find('=') + 1));
    if (!one_line(old_value)) {
      why = "'" + sub + "' spans several lines in the file";
      return false;
    }
    if (old_value.empty() || old_value[0] != '{') {
      why = "'" + sub + "' is not an inline table";
      return false;
    }
    text_.lines[*i] = indent_of(old) + sub + " = { " + with_item(old_value, leaf) + " }" + replaced_comment(old);
    return true;
  }

  // The items of the inline table `value` with `leaf` set, in their order (added last if new).
  std::string with_item(const std::string& value, const std::string& leaf) const {
    const std::string body = value.substr(1, value.find('}') - 1);
    std::string rebuilt;
    bool found = false;
    for (std::size_t from = 0; from <= body.size();) {
      const auto comma = body.find(',', from);
      std::string item = trim(body.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (!item.empty()) {
        if (trim(item.substr(0, item.find('='))) == leaf) {
          item = leaf + " = " + r_.value;
          found = true;
        }
        rebuilt += (rebuilt.empty() ? "" : ", ") + item;
      }
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    if (!found) rebuilt += (rebuilt.empty() ? "" : ", ") + leaf + " = " + r_.value;
    return rebuilt;
  }

  // `line` (leaf = value) added under the header of `table`, or in a new [table] at the end.
  bool add_key(const std::string& table, const std::string& line, std::string& why) {
    std::vector<std::string>& lines = text_.lines;
    if (const auto h = text_.header_line(table)) {
      std::vector<std::string> add = comments_above("");
      add.push_back(line + trailing_comment(r_.comment));
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(*h + 1), add.begin(), add.end());
      return true;
    }
    if (const auto br = table.find('['); br != std::string::npos) {
      if (!table.ends_with(']')) {  // an index only on the key's own table
        why = "cannot place the key '" + r_.key + "' in the file's text";
        return false;
      }
      why = "no [[" + table.substr(0, br) + "]] number " + table.substr(br + 1, table.find(']') - br - 1) +
            " in the file";
      return false;
    }
    const bool on_header = marks_.on_new_header;
    lines.push_back("");
    lines.push_back("[" + table + "]" + (on_header ? trailing_comment(r_.comment) : ""));
    for (const std::string& c : comments_above("")) lines.push_back(c);
    lines.push_back(line + (on_header ? "" : trailing_comment(r_.comment)));
    return true;
  }

  TextLines& text_;
  const KeyRewrite& r_;
  const RewriteMarks& marks_;
};

}  // namespace

// A JSON string literal is a TOML basic string: the same quotes and escapes.
std::string toml_string(const std::string& s) { return sim::toml_quoted(s); }

std::optional<std::string> rewrite_scenario_text(const std::string& text, const std::vector<KeyRewrite>& rewrites,
                                                 const RewriteMarks& marks, std::string& why) {
  std::string out = text;
  for (const KeyRewrite& r : rewrites) {
    // Keys are read afresh after each rewrite: one may add the header the next one needs.
    TextLines lines(out);
    if (!Placer(lines, r, marks).place(why)) return std::nullopt;
    out = joined(lines.lines, text.ends_with('\n'));
  }
  return out;
}

std::string rewrite_scenario_text(const std::string& text, const std::vector<KeyRewrite>& rewrites) {
  std::string why;
  auto out = rewrite_scenario_text(text, rewrites, {}, why);
  if (!out) throw std::invalid_argument("cannot place key in the scenario file: " + why);
  // Every rewritten line is followed by a newline, as the file's own lines are.
  if (!rewrites.empty() && !out->ends_with('\n')) *out += '\n';
  return *out;
}

std::string keep_first_sessions(const std::string& text, std::size_t kept, const std::string& who) {
  const TextLines in(text);
  std::vector<std::string> out;
  std::vector<std::string> trailing;  // a dropped table's last comments: the next table's
  std::size_t seen = 0;
  bool dropping = false, noted = false;
  for (std::size_t i = 0; i < in.lines.size(); ++i) {
    const std::string& line = in.lines[i];
    if (in.is_header(i)) {
      dropping = in.keys[i].starts_with("sessions.plan[") && seen++ >= kept;
      if (dropping && !noted) {
        out.push_back("# " + who + ": sessions.count = " + std::to_string(kept) +
                      ", the later [[sessions.plan]] removed");
        noted = true;
      }
      if (!dropping) out.insert(out.end(), trailing.begin(), trailing.end());
      trailing.clear();
    }
    const std::string t = trim(line);
    if (!dropping) out.push_back(line);
    else if (t.empty() || t[0] == '#') trailing.push_back(line);
    else trailing.clear();
  }
  out.insert(out.end(), trailing.begin(), trailing.end());
  return joined(out, text.ends_with('\n'));
}

}  // namespace model
