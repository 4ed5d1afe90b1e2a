#include "sim/date.hpp"

#include <array>
#include <cstdio>
#include <ostream>

#include "sim/io/parse_error.hpp"

namespace sim {

namespace {

constexpr std::array<std::string_view, 12> month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

// Why y-m-d is not a date, or "" when it is one.
std::string invalid_reason(int y, int m, int d) {
  using namespace std::chrono;
  if (y < Date::min_year || y > Date::max_year)
    return "year " + std::to_string(y) + " is outside 0000..9999";
  if (m < 1 || m > 12) return "month " + std::to_string(m) + " is not 01..12";
  const year_month_day_last last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}};
  const int days_in_month = static_cast<int>(static_cast<unsigned>(last.day()));
  if (d < 1 || d > days_in_month)
    return std::string(month_names[static_cast<std::size_t>(m - 1)]) + " " + std::to_string(y) +
           " has " + std::to_string(days_in_month) + " days";
  return {};
}

Date make_date(int y, int m, int d) {
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  return Date{static_cast<std::int32_t>(sys_days{ymd}.time_since_epoch().count())};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits_value(std::string_view s) {
  int v = 0;
  for (const char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::string_view to_string(Weekday w) {
  static constexpr std::array<std::string_view, 7> names = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  const auto i = static_cast<unsigned>(w);
  return i >= 1 && i <= 7 ? names[i - 1] : std::string_view("invalid weekday");
}

Date Date::from_ymd(int year, int month, int day) {
  if (const std::string why = invalid_reason(year, month, day); !why.empty()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    throw DateError("no such date " + std::string(buf) + " (" + why + ")");
  }
  return make_date(year, month, day);
}

Date parse_date(std::string_view text) {
  const std::string expected = "expected YYYY-MM-DD, found " + quoted_excerpt(text);
  const bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
                        is_digit(text[3]) && is_digit(text[5]) && is_digit(text[6]) &&
                        is_digit(text[8]) && is_digit(text[9]);
  if (!shape_ok) throw DateError(expected);
  const int y = digits_value(text.substr(0, 4));
  const int m = digits_value(text.substr(5, 2));
  const int d = digits_value(text.substr(8, 2));
  if (const std::string why = invalid_reason(y, m, d); !why.empty())
    throw DateError(expected + " (" + why + ")");
  return make_date(y, m, d);
}

Time parse_iso_time(std::string_view text) {
  const std::string expected = "expected YYYY-MM-DDTHH:MM:SS, found " + quoted_excerpt(text);
  const auto two_digits = [&](std::size_t at) { return is_digit(text[at]) && is_digit(text[at + 1]); };
  if (text.size() != 19 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      !two_digits(11) || !two_digits(14) || !two_digits(17))
    throw DateError(expected);
  Date d;
  try {
    d = parse_date(text.substr(0, 10));
  } catch (const DateError& e) {
    throw DateError(expected + " (" + e.what() + ")");
  }
  const int h = digits_value(text.substr(11, 2)), m = digits_value(text.substr(14, 2)),
            s = digits_value(text.substr(17, 2));
  if (h > 23 || m > 59 || s > 59) throw DateError(expected + " (no such time of day)");
  if (d < Date{0}) throw DateError(expected + " (before 1970-01-01)");
  return Time{d.to_time().seconds + h * 3600 + m * 60 + s};
}

std::string to_string(Date d) {
  const auto ymd = d.ymd();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::ostream& operator<<(std::ostream& os, Date d) { return os << to_string(d); }

}  // namespace sim
