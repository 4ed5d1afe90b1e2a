#include "model/scenario/grouped_number.hpp"

#include <cctype>
#include <vector>

namespace model {

namespace {

bool all_digits(std::string_view s) {
  for (const char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

// "3,500,000" -> {"3", "500", "000"} when split on `sep`.
std::vector<std::string_view> split_on(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (std::size_t from = 0;;) {
    const std::size_t at = s.find(sep, from);
    parts.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) return parts;
    from = at + 1;
  }
}

}  // namespace

std::optional<std::string> grouped_number_advice(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::string_view sign;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    sign = text.substr(0, 1);
    text.remove_prefix(1);
  }
  for (const char sep : {',', '.', ' '}) {
    const auto parts = split_on(text, sep);
    if (parts.size() < (sep == '.' ? 3u : 2u)) continue;
    bool grouped = parts.front().size() <= 3 && all_digits(parts.front());
    for (std::size_t i = 1; grouped && i < parts.size(); ++i) grouped = parts[i].size() == 3 && all_digits(parts[i]);
    if (!grouped) continue;
    std::string plain(sign), underscored(sign);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      plain += parts[i];
      underscored += (i ? "_" : "") + std::string(parts[i]);
    }
    return "write " + plain + " or " + underscored + " (TOML numbers take no thousands separators)";
  }
  return std::nullopt;
}

}  // namespace model
