#pragma once
// The journal of a batch of replications (`run`, `compare`), which makes the batch resumable:
// killed at any point and started again with the same command, it reads back the replications
// already finished instead of re-running them, and ends with the same files.
//
// It is a WorkJournal (app/outputs/work_journal.hpp) whose records are finished replications
// (model/run/replication_record.hpp), appended in replication order as they are consumed. Its
// identity adds the seed, the batch plan (replications, --precision, --max-replications) and
// each plan's resolved scenario (model/scenario/scenario_digest.hpp, so --set overrides count). A record
// is trusted only if it decodes as the next replication of these plans.
//
// Across MPI ranks (sim/rank_group.hpp), rank 0 alone holds the file: it reads the journalled
// replications back (and re-runs those whose event logs it writes) and appends every new one,
// whichever rank ran it (sim::ResumableWork).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "app/batch/batches.hpp"
#include "app/outputs/work_journal.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/replication_runner.hpp"

namespace app {

class BatchJournal {
 public:
  // One result per plan, for one replication.
  using RunFn = std::function<std::vector<model::ReplicationResult>(std::uint64_t rep, bool keep_log)>;
  using ConsumeFn = std::function<void(std::uint64_t rep, std::vector<model::ReplicationResult>& results)>;

  // Opens (or starts) the journal of `command` ("run", "compare") writing to `out_dir`, and
  // writes what it found to `notes` (each line prefixed "outreach <command>: "). Throws
  // sim::JournalError when another process is writing to the same folder.
  BatchJournal(const std::string& command, const std::filesystem::path& out_dir,
               std::vector<const model::Scenario*> plans, const BatchPlan& plan, std::ostream& notes);

  const std::filesystem::path& path() const { return journal_.path(); }
  // Replications [0, done()) are in the journal and will not be simulated again.
  std::uint64_t done() const { return journal_.found(); }
  // Replications [0, recorded()) are in the journal now: those found plus those appended.
  std::uint64_t recorded() const { return journal_.recorded(); }

  // Runs replications [first, first + count) on the runner and hands each replication's
  // results to `consume` in order. Those in the journal are read back, except the first
  // `logged`, which are re-run for their event logs (they are deterministic); the others are
  // run and appended to the journal.
  void run_range(std::uint64_t first, std::uint64_t count, const sim::RunnerOptions& options,
                 std::uint64_t logged, const RunFn& run, const ConsumeFn& consume);

  // Makes the appended records durable; the batch's results are about to be written.
  void sync() { journal_.sync(); }
  // Removes the journal, once the output folder is committed.
  void finish() { journal_.finish(); }

 private:
  std::vector<const model::Scenario*> plans_;
  WorkJournal journal_;
};

}  // namespace app
