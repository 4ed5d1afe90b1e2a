#include "sim/time.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace sim {

void Duration::out_of_horizon(double d) {
  if (std::isnan(d)) throw std::domain_error("time: a duration of NaN days");
  throw std::domain_error("time: a duration of " + std::to_string(d) +
                          " days is beyond the representable horizon");
}

void Time::out_of_horizon(std::int64_t seconds) {
  throw std::domain_error("time: " + std::to_string(seconds) +
                          " s is outside 1970-01-01 .. 9999-12-31");
}

std::string to_iso(Time t, bool date_only) {
  using namespace std::chrono;
  const auto day = sys_days{days{t.day()}};
  const year_month_day ymd{day};
  const std::int64_t rest = t.seconds - t.day() * Duration::seconds_per_day;
  char buf[32];
  if (date_only && rest == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", int(ymd.year()),
                  unsigned(ymd.month()), unsigned(ymd.day()), int(rest / 3600),
                  int(rest / 60 % 60), int(rest % 60));
  }
  return buf;
}

}  // namespace sim
