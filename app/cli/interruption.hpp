#pragma once
// Ctrl-C (SIGINT) and SIGTERM during a batch. The first signal asks the batch to stop: the
// replications running finish and go to the journal, nothing is written to the output folder,
// and the command says how to resume (run it again). A second signal ends the program at once,
// as it would have without this guard; the journal is consistent at any instant, so even then
// the rerun resumes.
//
// main() holds a guard for the whole command, so Ctrl-C also stops the phases before a batch
// (reading inputs, building a sweep design, loading a study's scenarios): they poll the same
// flag through sim/io/cancellation.hpp and throw sim::Cancelled. Guards nest: an inner one (a
// batch's) keeps the outer one's handler and flag, so a signal is never lost between them.
#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>

namespace app {

class InterruptionGuard {
 public:
  InterruptionGuard();   // catches SIGINT and SIGTERM until destroyed
  ~InterruptionGuard();  // restores what was there before
  InterruptionGuard(const InterruptionGuard&) = delete;
  InterruptionGuard& operator=(const InterruptionGuard&) = delete;

  // Becomes true on the first signal: give it to sim::RunnerOptions::stop.
  const std::atomic<bool>& requested() const;
  // The signal received (0 if none); the exit status after it is 128 + signal.
  int signal_number() const;

  // Says on `err` that `command` stopped after `done` of `total` replications and how to resume;
  // returns the exit status.
  int report(const std::string& command, std::uint64_t done, std::uint64_t total, std::ostream& err) const;
  // The same in general words: `command` stopped after `progress` ("812 of 4000 simulations");
  // `resume` says what the rerun starts from ("resume from replication 812").
  int report(const std::string& command, const std::string& progress, const std::string& resume,
             std::ostream& err) const;
  // After sim::Cancelled, before any output: says on `err` that `command` stopped and wrote
  // nothing, and for a journalled command how to resume; returns the exit status, 128 + the
  // signal.
  int report_cancelled(const std::string& command, std::ostream& err) const;
};

}  // namespace app
