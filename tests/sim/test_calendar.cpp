#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "sim/calendar.hpp"
#include "sim/date.hpp"
#include "sim/io/parse_error.hpp"
#include "tests/support/temp_dir.hpp"

using sim::Date;
using sim::Weekday;
using test_support::TempDir;

namespace {

Date d(std::string_view text) { return sim::parse_date(text); }

// The shipped list: the tests run from the source tree, but fall back to this file's location
// so they also work when run from a build directory.
std::filesystem::path shipped_holidays() {
  const std::filesystem::path rel = "scenarios/data/vn_holidays.csv";
  if (std::filesystem::exists(rel)) return rel;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / rel;
}

// The ParseError that loading `content` as a holiday file raises.
sim::ParseError load_error(const TempDir& dir, const std::string& content) {
  const auto p = dir.write("holidays.csv", content);
  try {
    sim::load_holidays_csv(p);
  } catch (const sim::ParseError& e) {
    return e;
  }
  FAIL("no ParseError for:\n" << content);
  throw std::logic_error("unreachable");
}

}  // namespace

// ---- dates -----------------------------------------------------------------------------------

TEST_CASE("parse_date reads YYYY-MM-DD and to_string writes it back", "[date]") {
  const Date x = d("2018-09-05");
  CHECK(x.year() == 2018);
  CHECK(x.month() == 9);
  CHECK(x.day_of_month() == 5);
  CHECK(sim::to_string(x) == "2018-09-05");
  CHECK(d("1970-01-01").day == 0);
  CHECK(d("1969-12-31").day == -1);
  CHECK(d("2000-02-29") == Date::from_ymd(2000, 2, 29));
  CHECK(d("2020-02-29").day_of_month() == 29);
  CHECK(sim::to_string(d("0000-01-01")) == "0000-01-01");
  CHECK(sim::to_string(d("9999-12-31")) == "9999-12-31");
}

TEST_CASE("parse_date rejects anything but a real YYYY-MM-DD date, saying what it found",
          "[date]") {
  const char* bad[] = {"2018-02-30", "2018-13-01", "18-1-1",      "2018-01-01x", "",
                       " 2018-01-01", "2018-01-01 ", "2018/01/01", "2018-1-01",   "2018-01-1",
                       "2018-00-10", "2018-01-00", "2019-02-29", "2100-02-29",  "2018-04-31",
                       "2018-01-01T00:00:00", "+018-01-01", "２０１８-01-01", "2018-0a-01"};
  for (const char* text : bad) {
    INFO("input: \"" << text << "\"");
    try {
      sim::parse_date(text);
      FAIL("accepted");
    } catch (const sim::DateError& e) {
      const std::string msg = e.what();
      CHECK(msg.find("expected YYYY-MM-DD") != std::string::npos);
      CHECK(msg.find("found \"") != std::string::npos);
    }
  }
  auto message = [](std::string_view text) {
    try {
      sim::parse_date(text);
    } catch (const sim::DateError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(message("2018-02-30") ==
        "expected YYYY-MM-DD, found \"2018-02-30\" (February 2018 has 28 days)");
  CHECK(message("2018-13-01") ==
        "expected YYYY-MM-DD, found \"2018-13-01\" (month 13 is not 01..12)");
  CHECK(message("18-1-1") == "expected YYYY-MM-DD, found \"18-1-1\"");
  CHECK(message("") == "expected YYYY-MM-DD, found \"\"");
  CHECK(message("2018-01-01\r") == "expected YYYY-MM-DD, found \"2018-01-01\\x0d\"");
}

TEST_CASE("from_ymd accepts real days and rejects the rest", "[date]") {
  CHECK(Date::from_ymd(1970, 1, 1).day == 0);
  CHECK(Date::from_ymd(2018, 2, 16) == d("2018-02-16"));
  CHECK_THROWS_AS(Date::from_ymd(2018, 2, 29), sim::DateError);
  CHECK_THROWS_AS(Date::from_ymd(2018, 0, 1), sim::DateError);
  CHECK_THROWS_AS(Date::from_ymd(2018, 1, 32), sim::DateError);
  CHECK_THROWS_AS(Date::from_ymd(10000, 1, 1), sim::DateError);
  CHECK_THROWS_AS(Date::from_ymd(-1, 1, 1), sim::DateError);
  CHECK_THROWS_WITH(Date::from_ymd(2019, 2, 29),
                    "no such date 2019-02-29 (February 2019 has 28 days)");
}

TEST_CASE("every day from 1970 to 2100 round-trips and agrees with std::chrono", "[date]") {
  // The expected calendar is built independently: a hand-counted day number and the
  // Gregorian leap rule, checked against std::chrono's own conversion.
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  const int month_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::int32_t n = 0;
  int failures = 0;
  for (int y = 1970; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      const int len = month_days[m - 1] + (m == 2 && leap(y) ? 1 : 0);
      for (int dd = 1; dd <= len; ++dd, ++n) {
        char text[48];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, dd);
        const Date x = sim::parse_date(text);
        const auto chrono_day = std::chrono::sys_days{std::chrono::year{y} /
                                                      std::chrono::month{unsigned(m)} /
                                                      std::chrono::day{unsigned(dd)}};
        const bool ok = x.day == n && chrono_day.time_since_epoch().count() == n &&
                        Date::from_ymd(y, m, dd) == x && sim::to_string(x) == text &&
                        x.year() == y && x.month() == m && x.day_of_month() == dd &&
                        // 1970-01-01 was a Thursday (ISO 4).
                        static_cast<int>(x.weekday()) == (n + 3) % 7 + 1 &&
                        Date::from_time(x.to_time()) == x &&
                        x.to_time().seconds == std::int64_t{n} * 86'400;
        if (!ok && ++failures <= 5) FAIL_CHECK("mismatch at " << text);
      }
    }
  }
  CHECK(failures == 0);
  CHECK(n == sim::parse_date("2101-01-01").day);
}

TEST_CASE("a date converts to midnight and any time of day converts back to its date",
          "[date]") {
  const Date x = d("2018-09-05");
  CHECK(sim::to_iso(x.to_time()) == "2018-09-05T00:00:00");
  CHECK(Date::from_time(x.to_time() + sim::Duration{86'399}) == x);
  CHECK(Date::from_time(x.to_time() + sim::Duration{86'400}) == x + 1);
  CHECK_THROWS_AS(d("1969-12-31").to_time(), std::domain_error);
}

TEST_CASE("weekdays are numbered Monday 1 to Sunday 7", "[date]") {
  CHECK(d("1970-01-01").weekday() == Weekday::thursday);
  CHECK(d("2018-02-16").weekday() == Weekday::friday);
  CHECK(d("2018-09-02").weekday() == Weekday::sunday);
  CHECK(d("2018-09-03").weekday() == Weekday::monday);
  CHECK(static_cast<int>(d("2018-09-08").weekday()) == 6);
  CHECK(sim::to_string(Weekday::wednesday) == "Wednesday");
}

TEST_CASE("date arithmetic counts days", "[date]") {
  CHECK(d("2018-03-01") - d("2018-02-28") == 1);
  CHECK(d("2020-03-01") - d("2020-02-28") == 2);
  CHECK(d("2018-12-31") + 1 == d("2019-01-01"));
  CHECK(d("2019-01-01") - 1 == d("2018-12-31"));
  CHECK(d("2018-01-01") < d("2018-01-02"));
}

// ---- working calendar ------------------------------------------------------------------------

TEST_CASE("a calendar without holidays has Saturday and Sunday off", "[calendar]") {
  const sim::WorkingCalendar cal;
  CHECK(cal.is_working_day(d("2018-09-07")));   // Friday
  CHECK_FALSE(cal.is_working_day(d("2018-09-08")));  // Saturday
  CHECK_FALSE(cal.is_working_day(d("2018-09-09")));  // Sunday
  CHECK(cal.next_working_day(d("2018-09-08")) == d("2018-09-10"));
  CHECK(cal.next_working_day(d("2018-09-10")) == d("2018-09-10"));
}

TEST_CASE("working_days_between counts both ends of the range", "[calendar]") {
  const sim::WorkingCalendar cal;
  CHECK(cal.working_days_between(d("2018-09-03"), d("2018-09-07")) == 5);  // Mon..Fri
  CHECK(cal.working_days_between(d("2018-09-03"), d("2018-09-03")) == 1);
  CHECK(cal.working_days_between(d("2018-09-08"), d("2018-09-09")) == 0);  // a weekend
  CHECK(cal.working_days_between(d("2018-09-07"), d("2018-09-03")) == 0);  // reversed
  CHECK(cal.working_days_between(d("2018-01-01"), d("2018-12-31")) == 261);
}

TEST_CASE("working_days_between equals counting day by day", "[calendar]") {
  const sim::WorkingCalendar vn(sim::load_holidays_csv(shipped_holidays()));
  const sim::WorkingCalendar friday_off({{d("2018-09-05"), "x", sim::HolidayKind::fixed}},
                                        sim::WeekdaySet{Weekday::friday});
  for (const auto* cal : {&vn, &friday_off}) {
    for (Date a = d("2017-12-20"); a <= d("2018-03-10"); a = a + 3) {
      std::int32_t count = 0;
      for (Date b = a; b <= d("2018-12-31"); b = b + 1) {
        count += cal->is_working_day(b) ? 1 : 0;
        if (cal->working_days_between(a, b) != count)
          FAIL("from " << a << " to " << b << ": " << cal->working_days_between(a, b)
                       << " != " << count);
      }
    }
  }
}

TEST_CASE("the weekend can be configured", "[calendar]") {
  const sim::WorkingCalendar six_day_week({}, sim::WeekdaySet{Weekday::sunday});
  CHECK(six_day_week.is_working_day(d("2018-09-08")));  // Saturday
  CHECK_FALSE(six_day_week.is_working_day(d("2018-09-09")));
  CHECK(six_day_week.working_days_between(d("2018-09-03"), d("2018-09-09")) == 6);
  CHECK(six_day_week.weekend().size() == 1);
  const sim::WeekdaySet all{Weekday::monday, Weekday::tuesday, Weekday::wednesday,
                            Weekday::thursday, Weekday::friday, Weekday::saturday,
                            Weekday::sunday};
  CHECK_THROWS_AS(sim::WorkingCalendar({}, all), std::invalid_argument);
}

TEST_CASE("two holidays on one date are rejected", "[calendar]") {
  using K = sim::HolidayKind;
  CHECK_THROWS_AS(sim::WorkingCalendar({{d("2018-01-01"), "a", K::fixed},
                                        {d("2018-01-01"), "b", K::lunar}}),
                  std::invalid_argument);
}

TEST_CASE("working days are counted across the 2018 Tet break", "[calendar]") {
  // The official break, 14-20 Feb 2018 (Wed..Tue), given directly rather than from the file.
  std::vector<sim::Holiday> tet;
  for (Date x = d("2018-02-14"); x <= d("2018-02-20"); x = x + 1)
    tet.push_back({x, "Tet break", sim::HolidayKind::break_});
  const sim::WorkingCalendar cal(tet);
  CHECK(cal.is_working_day(d("2018-02-13")));
  CHECK_FALSE(cal.is_working_day(d("2018-02-14")));
  CHECK_FALSE(cal.is_working_day(d("2018-02-16")));
  CHECK_FALSE(cal.is_working_day(d("2018-02-20")));
  CHECK(cal.is_working_day(d("2018-02-21")));
  CHECK(cal.next_working_day(d("2018-02-14")) == d("2018-02-21"));
  // February 2018 has 20 weekdays; five of them fall in the break.
  CHECK(cal.working_days_between(d("2018-02-01"), d("2018-02-28")) == 15);
  CHECK(cal.working_days_between(d("2018-02-12"), d("2018-02-23")) == 5);
  CHECK(cal.add_working_days(d("2018-02-13"), 0) == d("2018-02-13"));
  CHECK(cal.add_working_days(d("2018-02-13"), 1) == d("2018-02-21"));
  CHECK(cal.add_working_days(d("2018-02-17"), 2) == d("2018-02-23"));
  CHECK_THROWS_AS(cal.add_working_days(d("2018-02-13"), -1), std::invalid_argument);
}

TEST_CASE("the shipped Vietnamese holiday list loads and follows its documented rules",
          "[calendar]") {
  const auto holidays = sim::load_holidays_csv(shipped_holidays());
  const sim::WorkingCalendar cal(holidays);
  REQUIRE(!holidays.empty());
  CHECK(holidays.front().date == d("2018-01-01"));
  CHECK(holidays.back().date.year() == 2026);

  const sim::Holiday* tet = cal.holiday(d("2018-02-16"));
  REQUIRE(tet != nullptr);
  CHECK(tet->kind == sim::HolidayKind::break_);
  CHECK(tet->name == "Tet, lunar new year's day");  // a quoted field with a comma
  CHECK(cal.holiday(d("2018-04-25"))->kind == sim::HolidayKind::lunar);
  // 2 Sep 2018 was a Sunday: Monday 3 Sep is its compensation day, Tuesday is worked.
  CHECK(cal.holiday(d("2018-09-03"))->kind == sim::HolidayKind::compensation);
  CHECK(cal.is_working_day(d("2018-09-04")));
  // From 2021 National Day has a second day: 3 Sep 2021 (a Friday), 1 Sep 2022.
  CHECK_FALSE(cal.is_working_day(d("2021-09-03")));
  CHECK_FALSE(cal.is_working_day(d("2022-09-01")));
  CHECK(cal.is_working_day(d("2019-09-03")));
  // 30 Apr and 1 May 2022 fell on a weekend: both compensated, on Monday and Tuesday.
  CHECK(cal.holiday(d("2022-05-02"))->kind == sim::HolidayKind::compensation);
  CHECK(cal.holiday(d("2022-05-03"))->kind == sim::HolidayKind::compensation);
  CHECK(cal.is_working_day(d("2022-05-04")));
  // Day swaps are not modelled: 31 Dec 2018 is an ordinary Monday here.
  CHECK(cal.is_working_day(d("2018-12-31")));

  // Each year's Tet break is seven consecutive days holding exactly five weekdays.
  for (int y = 2018; y <= 2026; ++y) {
    INFO("year " << y);
    std::vector<Date> brk;
    for (const auto& h : holidays)
      if (h.kind == sim::HolidayKind::break_ && h.date.year() == y) brk.push_back(h.date);
    REQUIRE(brk.size() == 7);
    CHECK(brk.back() - brk.front() == 6);
    CHECK(cal.working_days_between(brk.front(), brk.back()) == 0);
    CHECK(sim::WorkingCalendar().working_days_between(brk.front(), brk.back()) == 5);
  }

  // With every weekend holiday compensated, each year loses exactly its statutory days
  // off from its weekdays: 10 a year under the 2012 Labour Code, 11 from 2021.
  const sim::WorkingCalendar plain;
  for (int y = 2018; y <= 2026; ++y) {
    INFO("year " << y);
    const Date jan1 = Date::from_ymd(y, 1, 1), dec31 = Date::from_ymd(y, 12, 31);
    const int statutory = y >= 2021 ? 11 : 10;
    CHECK(cal.working_days_between(jan1, dec31) ==
          plain.working_days_between(jan1, dec31) - statutory);
  }
}

TEST_CASE("holiday kinds read and write as in the file", "[calendar]") {
  for (const auto k : {sim::HolidayKind::fixed, sim::HolidayKind::lunar,
                       sim::HolidayKind::compensation, sim::HolidayKind::break_})
    CHECK(sim::parse_holiday_kind(sim::to_string(k)) == k);
  CHECK(sim::to_string(sim::HolidayKind::break_) == "break");
  CHECK_FALSE(sim::parse_holiday_kind("Fixed").has_value());
}

TEST_CASE("a malformed holiday file is reported with its file, line and column",
          "[calendar]") {
  const TempDir dir;
  const std::string header = "# comment\ndate,name,kind\n";
  const std::string path = (dir.path / "holidays.csv").string();

  SECTION("an impossible date") {
    const auto e = load_error(dir, header + "2018-01-01,New Year,fixed\n"
                                            "2018-02-30,Bad,fixed\n");
    CHECK(e.file == path);
    CHECK(e.line == 4);
    CHECK(e.key == "date");
    CHECK(std::string(e.what()) ==
          path + ":4: column 'date': expected YYYY-MM-DD, found \"2018-02-30\" "
                 "(February 2018 has 28 days)");
  }
  SECTION("a repeated date") {
    const auto e = load_error(dir, header + "2018-01-01,New Year,fixed\n"
                                            "\n"
                                            "2018-01-01,Again,fixed\n");
    CHECK(e.line == 5);
    CHECK(e.key == "date");
    CHECK(e.detail == "the date 2018-01-01 is listed twice (first on line 3)");
  }
  SECTION("a wrong header") {
    const auto e = load_error(dir, "Date,Name,Kind\n2018-01-01,New Year,fixed\n");
    CHECK(e.line == 1);
    CHECK(e.key.empty());
    CHECK(std::string(e.what()) == path + ":1: expected the header \"date,name,kind\", "
                                          "found \"Date,Name,Kind\"");
  }
  SECTION("a missing header") {
    CHECK(load_error(dir, "2018-01-01,New Year,fixed\n").line == 1);
    CHECK(load_error(dir, "# only a comment\n").line == 0);
  }
  SECTION("an unknown kind") {
    const auto e = load_error(dir, header + "2018-01-01,New Year,holiday\n");
    CHECK(e.line == 3);
    CHECK(e.key == "kind");
    CHECK(e.detail == "expected fixed, lunar, compensation or break, found \"holiday\"");
  }
  SECTION("an empty name") {
    const auto e = load_error(dir, header + "2018-01-01,,fixed\n");
    CHECK(e.key == "name");
  }
  SECTION("a missing field") {
    const auto e = load_error(dir, header + "2018-01-01,New Year\n");
    CHECK(e.line == 3);
    CHECK(e.detail == "expected 3 fields (date,name,kind), found 2");
  }
  SECTION("a date after a multi-line quoted name") {
    const auto e = load_error(dir, header + "2018-01-01,\"New\nYear\",fixed\n"
                                            "2018-1-2,x,fixed\n");
    CHECK(e.line == 5);
  }
  SECTION("a file that cannot be opened") {
    try {
      sim::load_holidays_csv(dir.path / "missing.csv");
      FAIL("no error");
    } catch (const sim::ParseError& e) {
      CHECK(e.line == 0);
      CHECK(std::string(e.what()).find("cannot open") != std::string::npos);
    }
  }
}

TEST_CASE("a holiday file with a byte-order mark, CRLF line ends and UTF-8 names loads",
          "[calendar]") {
  const TempDir dir;
  const auto p = dir.write("holidays.csv",
                           "\xEF\xBB\xBF# T\xE1\xBA\xBFt\r\n"
                           "date,name,kind\r\n"
                           "2018-02-16,T\xE1\xBA\xBFt Nguy\xC3\xAAn \xC4\x90\xC3\xA1n,break\r\n"
                           "2018-01-01,\"New Year's Day, solar\",fixed\r\n");
  const auto holidays = sim::load_holidays_csv(p);
  REQUIRE(holidays.size() == 2);
  CHECK(holidays[0].date == d("2018-01-01"));  // sorted by date
  CHECK(holidays[0].name == "New Year's Day, solar");
  CHECK(holidays[1].name == "T\xE1\xBA\xBFt Nguy\xC3\xAAn \xC4\x90\xC3\xA1n");
  CHECK(holidays[1].kind == sim::HolidayKind::break_);
}
