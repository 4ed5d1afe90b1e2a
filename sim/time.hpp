#pragma once
// Simulation time: whole seconds since 1970-01-01 00:00 (local civil time of the office).
// Integer ticks make time exact and totally ordered; a day is 86,400 ticks, so decision
// delays drawn in fractional days keep second resolution.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace sim {

struct Duration {
  std::int64_t seconds = 0;

  static constexpr std::int64_t seconds_per_day = 86'400;
  // Throws std::domain_error on NaN, infinity, or a value outside the representable horizon.
  static Duration days(double d) {
    const double s = d * seconds_per_day;
    // The negated test also catches NaN. Inline, and rounding half away from zero by hand
    // (std::round is a libm call): every scheduled delay comes through here.
    if (!(s > -horizon && s < horizon)) [[unlikely]] out_of_horizon(d);
    return Duration{static_cast<std::int64_t>(s >= 0 ? s + 0.5 : s - 0.5)};
  }
  // The same, but nullopt for a delay beyond the horizon (or NaN): a delay drawn that long, from a
  // tiny rate, means the event never happens within any run, which is not an error.
  static std::optional<Duration> days_if_representable(double d) {
    const double s = d * seconds_per_day;
    if (!(s > -horizon && s < horizon)) [[unlikely]] return std::nullopt;
    return days(d);
  }
  static constexpr Duration whole_days(std::int64_t d) { return Duration{d * seconds_per_day}; }
  double in_days() const { return static_cast<double>(seconds) / seconds_per_day; }
  auto operator<=>(const Duration&) const = default;

 private:
  static constexpr double horizon = 253'402'300'799.0;  // Time::max_seconds
  [[noreturn]] static void out_of_horizon(double days);
};

struct Time {
  std::int64_t seconds = 0;

  // The furthest time the engine accepts: year 9999, so any time can be written as a date.
  static constexpr std::int64_t max_seconds = 253'402'300'799;  // 9999-12-31T23:59:59
  static constexpr std::int64_t min_seconds = 0;                 // 1970-01-01T00:00:00

  // Throws std::domain_error outside [min_seconds, max_seconds].
  static Time checked(std::int64_t seconds) {
    if (seconds < min_seconds || seconds > max_seconds) [[unlikely]] out_of_horizon(seconds);
    return Time{seconds};
  }
  // Midnight starting the given day number (days since 1970-01-01).
  static Time from_day(std::int64_t day) { return checked(day * Duration::seconds_per_day); }
  std::int64_t day() const { return seconds / Duration::seconds_per_day; }
  auto operator<=>(const Time&) const = default;

 private:
  [[noreturn]] static void out_of_horizon(std::int64_t seconds);
};

// Throws std::domain_error when the sum leaves the representable horizon.
inline Time operator+(Time t, Duration d) {
  std::int64_t sum = 0;
  // An overflowing sum saturates, so checked() rejects it.
  if (__builtin_add_overflow(t.seconds, d.seconds, &sum)) [[unlikely]]
    sum = d.seconds > 0 ? INT64_MAX : INT64_MIN;
  return Time::checked(sum);
}
inline Duration operator-(Time a, Time b) { return Duration{a.seconds - b.seconds}; }

// "2018-09-05T08:30:00" (or "2018-09-05" when the time is exactly midnight and date_only is set).
std::string to_iso(Time t, bool date_only = false);

}  // namespace sim
