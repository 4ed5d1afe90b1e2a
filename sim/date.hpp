#pragma once
// Civil dates in the proleptic Gregorian calendar, held as a day number: days since 1970-01-01,
// the same numbering as Time::day(), so converting between the two is exact and cheap. The
// arithmetic is delegated to std::chrono's calendar types rather than written by hand.
#include <chrono>
#include <compare>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace sim {

// Bad date text or a day that does not exist. The message says what was found and what was
// expected, e.g.  expected YYYY-MM-DD, found "2018-02-30" (February 2018 has 28 days)
struct DateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ISO 8601 numbering, Monday = 1 ... Sunday = 7, so weekday numbers in files read naturally.
enum class Weekday : std::uint8_t {
  monday = 1,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};
std::string_view to_string(Weekday w);  // "Monday" ... "Sunday"

struct Date {
  std::int32_t day = 0;  // days since 1970-01-01 (negative before it)

  // Dates are written as four-digit years, so only these years round-trip through text.
  static constexpr int min_year = 0;
  static constexpr int max_year = 9999;

  // Throws DateError unless year-month-day names a real day in min_year..max_year.
  static Date from_ymd(int year, int month, int day);
  // The day containing t.
  static Date from_time(Time t) { return Date{static_cast<std::int32_t>(t.day())}; }
  // Midnight starting the day. Throws std::domain_error (from Time) for days before 1970.
  Time to_time() const { return Time::from_day(day); }

  std::chrono::sys_days sys_days() const { return std::chrono::sys_days{std::chrono::days{day}}; }
  std::chrono::year_month_day ymd() const { return std::chrono::year_month_day{sys_days()}; }
  int year() const { return static_cast<int>(ymd().year()); }
  int month() const { return static_cast<int>(static_cast<unsigned>(ymd().month())); }
  int day_of_month() const { return static_cast<int>(static_cast<unsigned>(ymd().day())); }
  Weekday weekday() const {
    return static_cast<Weekday>(std::chrono::weekday{sys_days()}.iso_encoding());
  }

  auto operator<=>(const Date&) const = default;
};

inline Date operator+(Date d, std::int32_t days) { return Date{d.day + days}; }
inline Date operator-(Date d, std::int32_t days) { return Date{d.day - days}; }
inline std::int32_t operator-(Date a, Date b) { return a.day - b.day; }

// Accepts exactly YYYY-MM-DD (ten characters, no spaces, no time part); throws DateError
// for anything else, including days that do not exist such as 2018-02-30.
Date parse_date(std::string_view text);

// Accepts exactly YYYY-MM-DDTHH:MM:SS (hours 00..23), the form to_iso writes, and a date from
// 1970 on; throws DateError for anything else. Reads times back from CSV exports.
Time parse_iso_time(std::string_view text);

// "2018-09-05". Round-trips through parse_date for years 0000..9999.
std::string to_string(Date d);
std::ostream& operator<<(std::ostream& os, Date d);  // the same text, for test messages

}  // namespace sim
