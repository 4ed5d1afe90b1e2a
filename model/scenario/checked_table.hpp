#pragma once
// Reading one table of a scenario's TOML tree with every check the loader needs, so that
// nothing wrong is silently defaulted: a key the schema does not know is an error (with a
// "did you mean"), a value of the wrong type or out of range is an error that says what was
// expected and what was found, and every value read - from the file, from --set or from a
// default - is recorded with its source for `outreach check`.
//
// Keys are named by their dotted path from the root, arrays by a 0-based index:
// `sessions.plan[3].commune`. Values given with --set carry the location "--set".
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <toml.hpp>
#include <vector>

#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_error.hpp"
#include "sim/date.hpp"

namespace model {

// Where a value came from: the scenario file and line, or "--set" (line 0).
struct Where {
  std::string file;
  int line = 0;
};

// What the tables of one scenario share while it is read.
struct ReadContext {
  std::string file;                        // the scenario path as given
  std::vector<std::string> override_keys;  // the --set keys, to name them in errors
  std::vector<ResolvedValue> resolved;     // every value read, in reading order
  std::vector<UncertainParameter> uncertain;  // every distribution read, in reading order

  Where where(const toml::value& v) const;
  // "file:line" or "--set".
  std::string source(const toml::value& v) const;
};

// Range of a number, with the words an error message uses for it.
struct Bounds {
  double lo;
  double hi;
  bool lo_open;
  std::string_view expected;
};
inline constexpr Bounds any_probability{0, 1, false, "a probability in [0, 1]"};
inline constexpr Bounds any_share{0, 1, false, "a share in [0, 1]"};
// Finite ceilings, so that every quantity a run derives from a value stays finite and
// representable: a cost summed over every session, staff-day and replication, an expected count
// of events, a time. Without them 1e308, a number >= 0, would pass the check and then break
// the run; each is far above any real office's figure. scenarios/README.md lists them.
inline constexpr double max_vnd = 1e15;         // 10^15 VND: sums over 10^9 replications stay < 1e40
inline constexpr double max_rate = 1e6;         // events a day (or week) from one source
inline constexpr double max_days = 36'500;      // a century: delays and the cool-off
inline constexpr double max_factor = 1'000;     // season and class factors
inline constexpr Bounds money{0, max_vnd, false, "an amount in VND in [0, 1e15]"};
inline constexpr Bounds positive_vnd{0, max_vnd, true, "an amount in VND in (0, 1e15]"};
inline constexpr Bounds event_rate{0, max_rate, false, "a rate in [0, 1000000]"};
inline constexpr Bounds day_count{0, max_days, false, "a number of days in [0, 36500]"};
inline constexpr Bounds factor_range{0, max_factor, false, "a factor in [0, 1000]"};
inline constexpr Bounds elasticity_range{0, 10, false, "an elasticity in [0, 10]"};
inline constexpr Bounds gamma_shape_range{0, 1'000, true, "a gamma shape in (0, 1000]"};
inline constexpr Bounds month_count{0, 1'200, false, "a number of months in [0, 1200]"};
inline constexpr Bounds referral_mean{0, 255, false, "a mean number of referrals in [0, 255]"};

struct IntBounds {
  std::int64_t lo;
  std::int64_t hi;
  std::string_view expected;
};
inline constexpr std::int64_t int_max = std::numeric_limits<std::int64_t>::max();
inline constexpr IntBounds whole_count{0, int_max, "a whole number >= 0"};
inline constexpr IntBounds positive_count{1, int_max, "a whole number >= 1"};

// A key that must be given; `why` (optional) is added to the "missing" message.
struct Required {
  std::string why;
};
// The value used when a key is absent, and why: recorded as the source "default: <why>".
template <class T>
struct Default {
  T value;
  std::string why;
};

class CheckedTable {
 public:
  // `table` is null when the table is absent: getters then return their defaults. Throws
  // ScenarioError when the table holds a key not in `allowed` (`noun` names such keys in the
  // message: "key" or, at the root, "section").
  CheckedTable(ReadContext& ctx, const toml::value* table, std::string path,
               std::vector<std::string_view> allowed, std::string_view noun = "key");

  bool present() const { return table_ != nullptr; }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const;
  // The table's own location (its header line), for errors about the table as a whole.
  Where where() const;

  double number(std::string_view key, const Bounds& b, const Required& r = {});
  double number(std::string_view key, const Bounds& b, const Default<double>& d);
  // A number that may also be given as a distribution (model/scenario/uncertain_parameter.hpp):
  // returns the number or the distribution's mean; a distribution is also recorded in the
  // context's `uncertain` with `target`, where a replication's draw is set. The distribution's
  // values must all lie within `b`. The loader calls it through model/scenario/scenario_keys.hpp.
  double parameter(std::string_view key, const Bounds& b, const Default<double>& d, ParameterTarget target);
  double parameter(std::string_view key, const Bounds& b, const Required& r, ParameterTarget target);
  std::int64_t integer(std::string_view key, const IntBounds& b, const Required& r = {});
  std::int64_t integer(std::string_view key, const IntBounds& b, const Default<std::int64_t>& d);
  // A non-empty string without control characters, in Unicode NFC (model/scenario/names.hpp), so names
  // typed precomposed or decomposed are one name.
  std::string text(std::string_view key, const Required& r = {});
  std::string text(std::string_view key, const Default<std::string>& d);
  // The same, but kept byte for byte, as a file's name must be to open it.
  std::string file_path(std::string_view key);
  // One of `options`.
  std::string choice(std::string_view key, const std::vector<std::string>& options,
                     const Default<std::string>& d);
  // A TOML local date or a string YYYY-MM-DD.
  sim::Date date(std::string_view key, const Required& r = {});
  sim::Date date(std::string_view key, const Default<sim::Date>& d);
  bool boolean(std::string_view key, const Required& r = {});
  // An array of non-empty strings.
  std::vector<std::string> strings(std::string_view key,
                                   const Default<std::vector<std::string>>& d);

  // A sub-table (a [section.sub] or an inline table); nullopt when absent.
  std::optional<CheckedTable> table(std::string_view key, std::vector<std::string_view> allowed);
  // The same, but an absent table is returned as an empty one whose getters give defaults.
  CheckedTable table_or_empty(std::string_view key, std::vector<std::string_view> allowed);
  // An array of tables ([[key]]); empty when absent.
  std::vector<CheckedTable> tables(std::string_view key, std::vector<std::string_view> allowed);

  // An error about a key: at its value when present, else at this table.
  ScenarioError error(std::string_view key, std::string detail) const;
  // An error about element i of an array key.
  ScenarioError element_error(std::string_view key, std::size_t i, std::string detail) const;
  // Where a present key's value came from ("file:line" or "--set").
  std::string source(std::string_view key) const;
  // Records a value the loader derived or read itself.
  void record(std::string_view key, std::string text, std::string source);

 private:
  const toml::value* find(std::string_view key) const;  // null when absent
  ScenarioError missing(std::string_view key, std::string_view expected, const Required& r) const;
  void check_keys(std::string_view noun) const;
  double number_impl(std::string_view key, const Bounds& b, const Default<double>* d,
                     const Required* r);
  double parameter_impl(std::string_view key, const Bounds& b, const Default<double>* d,
                        const Required* r, ParameterTarget target);
  Distribution distribution(std::string_view key, const toml::value& v, const Bounds& b) const;
  std::int64_t integer_impl(std::string_view key, const IntBounds& b,
                            const Default<std::int64_t>* d, const Required* r);
  std::string text_impl(std::string_view key, const Default<std::string>* d, const Required* r,
                        bool as_name);
  sim::Date date_impl(std::string_view key, const Default<sim::Date>* d, const Required* r);
  template <class T, class Read>
  T read(std::string_view key, const Default<T>* d, const Required* r, std::string_view expected,
         Read read_present, std::string (*format)(const T&));

  ReadContext* ctx_;
  const toml::value* table_;
  std::string path_;
  std::vector<std::string_view> allowed_;
};

// Text for values in messages and listings.
std::string format_number(double x);       // shortest text that reads back the same: 0.06, 700000
std::string describe(const toml::value& v);  // what was found: 1.5, the string "x", an array, ...

}  // namespace model
