#pragma once
// The journal of a batch of replications (`run`, `compare`), which makes the batch resumable:
// killed at any point and started again with the same command, it reads back the replications
// already finished instead of re-running them, and ends with the same files.
//
// It is the hidden file `.<folder>.journal` beside the output folder, a sim::Journal whose
// records are finished replications (model/replication_record.hpp), appended in replication
// order as they are consumed. Its identity names all the results depend on: the command, this
// program (SHA-256 of its executable: another build may draw differently), the record and event
// schema versions, the seed, the batch plan (replications, --precision, --max-replications) and
// each plan's resolved scenario (model/scenario_digest.hpp, so --set overrides count). A journal
// with another identity, or a damaged header, is emptied and the batch starts afresh, with a
// note on stderr. A torn tail or a corrupted record ends what is reused (noted on stderr); the
// replications from there on are run again. The journal is removed once the output folder is
// committed.
//
// Across MPI ranks (sim/rank_group.hpp), rank 0 alone holds the file: it reads the journalled
// replications back and appends every new one, whichever rank ran it; the other ranks learn from
// it how many are done (and whether it could open the journal at all).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/batches.hpp"
#include "model/replication.hpp"
#include "model/scenario.hpp"
#include "sim/journal.hpp"
#include "sim/replication_runner.hpp"

namespace app {

// The journal's place for an output folder: `results/x` -> `results/.x.journal`.
std::filesystem::path journal_path(const std::filesystem::path& out_dir);

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

  // Replications [0, done()) are in the journal and will not be simulated again.
  std::uint64_t done() const { return done_; }
  // Replications [0, recorded()) are in the journal now: those found plus those appended.
  std::uint64_t recorded() const { return done_ + appended_; }

  // Runs replications [first, first + count) on the runner and hands each replication's
  // results to `consume` in order. Those in the journal are read back, except the first
  // `logged`, which are re-run for their event logs (they are deterministic); the others are
  // run and appended to the journal.
  void run_range(std::uint64_t first, std::uint64_t count, const sim::RunnerOptions& options,
                 std::uint64_t logged, const RunFn& run, const ConsumeFn& consume);

  // Makes the appended records durable; the batch's results are about to be written.
  void sync() {
    if (journal_) journal_->sync();
  }
  // Removes the journal, once the output folder is committed.
  void finish() {
    if (journal_) journal_->remove();
  }

 private:
  void open(const std::string& command, const std::filesystem::path& out_dir, const BatchPlan& plan,
            std::ostream& notes);
  // A replication's results for `run_range`: read back from the journal or run.
  struct Piece {
    std::vector<model::ReplicationResult> results;
    std::vector<std::uint8_t> record;  // the journal's bytes for it
  };
  Piece piece(std::uint64_t rep, std::uint64_t logged, const RunFn& run) const;
  void keep(std::uint64_t rep, const Piece& p);  // appends a new record, in order

  std::vector<const model::Scenario*> plans_;
  std::optional<sim::Journal> journal_;  // absent on MPI ranks other than 0
  std::uint64_t done_ = 0, appended_ = 0;
};

}  // namespace app
