#pragma once
// A working-day calendar: which days an office works. A day is off when its weekday is in the
// weekend set (Saturday and Sunday unless configured) or when it is a listed holiday.
//
// Holidays are data, not rules: the calendar knows nothing of lunar dates or compensation
// days, it just takes the list (usually scenarios/data/vn_holidays.csv, loaded with
// load_holidays_csv). Days outside the years the list covers have weekends only; check
// holidays().front()/back() against the simulated period.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/date.hpp"
#include "sim/io/input_file.hpp"

namespace sim {

// Why a day is a holiday, as in the CSV column `kind`. Informational: every kind is a day off.
enum class HolidayKind : std::uint8_t {
  fixed,         // a solar-calendar date (1 Jan, 30 Apr, 1 May, 2 Sep, ...)
  lunar,         // a lunar-calendar date (Hung Kings' day)
  compensation,  // a working day given in place of a holiday that fell on a weekend
  break_,        // part of a declared break (the Tet break); written "break" in files
};
std::string_view to_string(HolidayKind kind);
std::optional<HolidayKind> parse_holiday_kind(std::string_view text);

struct Holiday {
  Date date;
  std::string name;
  HolidayKind kind = HolidayKind::fixed;
};

// A set of weekdays, e.g. the weekend.
class WeekdaySet {
 public:
  constexpr WeekdaySet() = default;
  constexpr WeekdaySet(std::initializer_list<Weekday> days) {
    for (const Weekday d : days) insert(d);
  }
  static constexpr WeekdaySet saturday_sunday() {
    return WeekdaySet{Weekday::saturday, Weekday::sunday};
  }
  constexpr void insert(Weekday d) { bits_ |= bit(d); }
  constexpr bool contains(Weekday d) const { return (bits_ & bit(d)) != 0; }
  constexpr int size() const {
    int n = 0;
    for (int i = 1; i <= 7; ++i) n += contains(static_cast<Weekday>(i)) ? 1 : 0;
    return n;
  }
  constexpr bool operator==(const WeekdaySet&) const = default;

 private:
  static constexpr std::uint8_t bit(Weekday d) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(d));
  }
  std::uint8_t bits_ = 0;
};

class WorkingCalendar {
 public:
  // Saturday and Sunday off, no holidays.
  WorkingCalendar() = default;
  // Throws std::invalid_argument when two holidays share a date or every weekday is weekend
  // (there would be no working day to find).
  explicit WorkingCalendar(std::vector<Holiday> holidays,
                           WeekdaySet weekend = WeekdaySet::saturday_sunday());

  bool is_weekend(Date d) const { return weekend_.contains(d.weekday()); }
  // The holiday on that date, or nullptr.
  const Holiday* holiday(Date d) const;
  bool is_holiday(Date d) const { return holiday(d) != nullptr; }
  bool is_working_day(Date d) const { return !is_weekend(d) && !is_holiday(d); }

  // The first working day on or after d.
  Date next_working_day(Date d) const;
  // The working day n working days after d (n >= 0), counting from next_working_day(d) as 0:
  // add_working_days(d, 0) == next_working_day(d).
  Date add_working_days(Date d, std::int32_t n) const;
  // The number of working days in the closed range [a, b], both ends included; 0 if b < a.
  // So a single working day counts 1, and [Mon, Fri] of an ordinary week counts 5.
  std::int32_t working_days_between(Date a, Date b) const;

  const WeekdaySet& weekend() const { return weekend_; }
  // Sorted by date.
  const std::vector<Holiday>& holidays() const { return holidays_; }

 private:
  std::int32_t weekdays_between(Date a, Date b) const;  // non-weekend days in [a, b]

  WeekdaySet weekend_ = WeekdaySet::saturday_sunday();
  std::vector<Holiday> holidays_;
};

// Reads a holiday list: a UTF-8 CSV with the header `date,name,kind`, one row per day off,
// dates as YYYY-MM-DD, kind one of fixed|lunar|compensation|break, names non-empty. '#' comment
// lines, blank lines, a byte-order mark and CRLF line ends are accepted. Throws ParseError with
// the file, line and column for a malformed row, a repeated date or a wrong header. The result
// is sorted by date. A file over holidays_cap is refused (sim/io/input_file.hpp).
std::vector<Holiday> load_holidays_csv(const std::filesystem::path& path);
// A holiday row is about 40 bytes: 1 MiB is centuries of holidays.
inline constexpr InputCap holidays_cap{"a holiday CSV", 1u << 20};
// The same from a stream; `source` names it in error messages.
std::vector<Holiday> load_holidays_csv(std::istream& in, const std::string& source);

}  // namespace sim
