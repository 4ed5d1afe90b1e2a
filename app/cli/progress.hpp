#pragma once
// Progress of a batch on stderr, never stdout or the result files. On a terminal: one line
// rewritten in place, with a bar, the rate, the time left and the current estimate; otherwise
// (a log file, CI) a plain line every few seconds.
#include <chrono>
#include <string>

#include "sim/replication_runner.hpp"

namespace app {

class ProgressReporter {
 public:
  explicit ProgressReporter(bool quiet);
  // `estimate` describes the current result, e.g. "P(met) 0.873".
  void report(const sim::Progress& p, const std::string& estimate);
  void finish();
  std::chrono::milliseconds interval() const { return interval_; }

 private:
  bool quiet_, terminal_;
  std::chrono::milliseconds interval_;
  bool drawn_ = false;
};

}  // namespace app
