#include "sim/calendar.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <stdexcept>
#include <utility>

#include "sim/io/csv_reader.hpp"

namespace sim {

namespace {

constexpr std::array<std::pair<std::string_view, HolidayKind>, 4> kind_names = {{
    {"fixed", HolidayKind::fixed},
    {"lunar", HolidayKind::lunar},
    {"compensation", HolidayKind::compensation},
    {"break", HolidayKind::break_},
}};

bool by_date(const Holiday& h, Date d) { return h.date < d; }

}  // namespace

std::string_view to_string(HolidayKind kind) {
  for (const auto& [name, k] : kind_names)
    if (k == kind) return name;
  return "invalid holiday kind";
}

std::optional<HolidayKind> parse_holiday_kind(std::string_view text) {
  for (const auto& [name, k] : kind_names)
    if (name == text) return k;
  return std::nullopt;
}

WorkingCalendar::WorkingCalendar(std::vector<Holiday> holidays, WeekdaySet weekend)
    : weekend_(weekend), holidays_(std::move(holidays)) {
  if (weekend_.size() == 7)
    throw std::invalid_argument("calendar: every weekday is a weekend day");
  std::sort(holidays_.begin(), holidays_.end(),
            [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  const auto dup = std::adjacent_find(
      holidays_.begin(), holidays_.end(),
      [](const Holiday& x, const Holiday& y) { return x.date == y.date; });
  if (dup != holidays_.end())
    throw std::invalid_argument("calendar: two holidays on " + to_string(dup->date) + " (" +
                                dup->name + ", " + std::next(dup)->name + ")");
}

const Holiday* WorkingCalendar::holiday(Date d) const {
  const auto it = std::lower_bound(holidays_.begin(), holidays_.end(), d, by_date);
  return it != holidays_.end() && it->date == d ? &*it : nullptr;
}

Date WorkingCalendar::next_working_day(Date d) const {
  // Terminates: at least one weekday is a working weekday and the holiday list is finite.
  while (!is_working_day(d)) d = d + 1;
  return d;
}

Date WorkingCalendar::add_working_days(Date d, std::int32_t n) const {
  if (n < 0) throw std::invalid_argument("calendar: add_working_days needs n >= 0");
  d = next_working_day(d);
  for (std::int32_t i = 0; i < n; ++i) d = next_working_day(d + 1);
  return d;
}

std::int32_t WorkingCalendar::weekdays_between(Date a, Date b) const {
  const std::int32_t days = b - a + 1;
  std::int32_t count = days / 7 * (7 - weekend_.size());
  for (Date d = a + days / 7 * 7; d <= b; d = d + 1) count += is_weekend(d) ? 0 : 1;
  return count;
}

std::int32_t WorkingCalendar::working_days_between(Date a, Date b) const {
  if (b < a) return 0;
  std::int32_t count = weekdays_between(a, b);
  // Holidays on weekend days are already off; only those on weekdays reduce the count.
  const auto first = std::lower_bound(holidays_.begin(), holidays_.end(), a, by_date);
  for (auto it = first; it != holidays_.end() && it->date <= b; ++it)
    if (!is_weekend(it->date)) --count;
  return count;
}

namespace {

std::vector<Holiday> read_holidays(CsvReader& csv) {
  csv.expect_header({"date", "name", "kind"});
  std::vector<Holiday> holidays;
  std::map<Date, int> line_of;  // first line giving each date, for the duplicate message
  std::vector<std::string> f;
  while (csv.next(f)) {
    Holiday h;
    try {
      h.date = parse_date(f[0]);
    } catch (const DateError& e) {
      throw csv.error(0, e.what());
    }
    if (const auto [it, fresh] = line_of.emplace(h.date, csv.line()); !fresh)
      throw csv.error(0, "the date " + to_string(h.date) + " is listed twice (first on line " +
                             std::to_string(it->second) + ")");
    if (f[1].empty()) throw csv.error(1, "expected a holiday name, found an empty field");
    h.name = f[1];
    const auto kind = parse_holiday_kind(f[2]);
    if (!kind)
      throw csv.error(2, "expected fixed, lunar, compensation or break, found " +
                             quoted_excerpt(f[2]));
    h.kind = *kind;
    holidays.push_back(std::move(h));
  }
  std::sort(holidays.begin(), holidays.end(),
            [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return holidays;
}

}  // namespace

std::vector<Holiday> load_holidays_csv(std::istream& in, const std::string& source) {
  CsvReader csv(in, source);
  return read_holidays(csv);
}

std::vector<Holiday> load_holidays_csv(const std::filesystem::path& path) {
  CsvReader csv = CsvReader::open(path, holidays_cap);
  return read_holidays(csv);
}

}  // namespace sim
