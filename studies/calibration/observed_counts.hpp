#pragma once
// What an office has seen, as cumulative sign-ups by date, for `outreach calibrate`. Read from
// either of two CSV files (results/README.md, "Calibration"):
//
//   date,cumulative            the count by the scenario's metric at the end of each date
//   2018-08-31,124
//   2018-09-05,130
//
// or an office's ledger (model/scenario/ledger.hpp), whose `enrolled` rows give the count of sign-ups
// up to each date: it is observed at the end of every calendar month of the run and on the
// ledger's last date (its latest row of any kind).
//
// Every date must fall in the run, (scenario.start, scenario.end]; dates strictly increase; a
// count is a whole number at least the scenario's count at the start and, for the metric "new",
// never below the previous one. Errors name the file, line and column (sim::ParseError).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/date.hpp"

namespace model {

struct Scenario;

struct Observation {
  sim::Date date;
  std::int64_t cumulative = 0;
  int line = 0;  // in the file, for messages (a ledger: the row of the last sign-up counted, or 0)
};

struct ObservedCounts {
  std::string source;      // the path as given
  std::string format;      // "counts" or "ledger"
  std::vector<Observation> points;  // by date

  // The index of `date` in ReplicationResult::cumulative (the count at the end of each day of
  // the run, day 0 being scenario.start + 1).
  static std::size_t day_index(const Scenario& s, sim::Date date);
};

// Reads `path`, choosing the format by its header. Throws sim::ParseError.
ObservedCounts load_observed_counts(const std::string& path, const Scenario& s);

}  // namespace model
