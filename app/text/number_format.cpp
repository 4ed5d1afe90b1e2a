#include "app/text/number_format.hpp"

#include <cmath>
#include <cstdio>

namespace app::text {
namespace {

bool plain_number(std::string_view s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0, digits = 0, points = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '.') ++points;
    else if (s[i] >= '0' && s[i] <= '9') ++digits;
    else return false;
  }
  return digits > 0 && points <= 1;
}

// Vietnamese groups every number of four digits or more: 1.234, 12.345.678.
std::string vietnamese(std::string_view plain) {
  const std::size_t sign = plain[0] == '-' ? 1 : 0;
  const std::size_t point = std::min(plain.find('.'), plain.size());
  const std::string_view digits = plain.substr(sign, point - sign);
  std::string out(plain.substr(0, sign));
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  if (point < plain.size()) out += "," + std::string(plain.substr(point + 1));
  return out;
}

}  // namespace

std::string fixed(double x, int decimals, Language language) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return localised_number(buf, language);
}

std::string percent(double share, Language language) {
  if (!std::isfinite(share)) return "–";
  return fixed(100 * share, 1, language) + " %";
}

std::string localised_number(std::string_view plain, Language language) {
  if (language == Language::en || !plain_number(plain)) return std::string(plain);
  return vietnamese(plain);
}

std::string date_text(sim::Date date, Language language) {
  if (language == Language::en) return sim::to_string(date);
  const auto ymd = date.ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", unsigned(ymd.day()), unsigned(ymd.month()), int(ymd.year()));
  return buf;
}

std::string localised_date(std::string_view iso, Language language) {
  if (language == Language::en) return std::string(iso);
  try {
    return date_text(sim::parse_date(iso), language);
  } catch (const std::exception&) {
    return std::string(iso);  // not a date: shown as it is
  }
}

}  // namespace app::text
