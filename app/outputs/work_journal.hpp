#pragma once
// The journal beside an output folder that makes a command resumable: `run` and `compare`
// (app/batch/batch_journal.hpp) and the studies (app/batch/resumable_study.hpp). It is the hidden file
// `.<folder>.journal` beside the output folder, a sim::Journal whose identity names everything
// the results depend on: the command, this program (SHA-256 of its executable: another build
// may draw differently), the record and event schema versions, then the work's own lines. A
// journal with another identity, or a damaged header, is emptied and the work starts afresh,
// with a note on stderr; a torn tail or a corrupted record ends what is reused (noted too). The
// journal is removed once the output folder is committed.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "sim/journal.hpp"

namespace app {

// The journal's place for an output folder: `results/x` -> `results/.x.journal`.
std::filesystem::path journal_path(const std::filesystem::path& out_dir);

// The identity lines every journal starts with: its command and the build that draws.
std::string journal_identity_start(const std::string& command);

class WorkJournal {
 public:
  // Opens (or starts) the journal of `command` writing to `out_dir`, whose identity is
  // journal_identity_start(command) followed by the work's own `key=value` lines, and writes what
  // it found to `notes` (each line prefixed "outreach <command>: "), counting records as `unit`
  // ("replications"). Throws sim::JournalError when another process is writing to that folder.
  // Across MPI ranks (sim/rank_group.hpp) it is collective: rank 0 alone holds the file, and the
  // other ranks learn from it how many records it found (or, as sim::RankFailure, why it could
  // not open it).
  WorkJournal(const std::string& command, const std::filesystem::path& out_dir, const std::string& identity,
              const std::string& unit, std::ostream& notes, sim::JournalCheck accept = {});

  // The journal's file (on rank 0 only; the others know its name).
  const std::filesystem::path& path() const { return path_; }
  // The journal; null on MPI ranks other than 0.
  sim::Journal* journal() { return journal_ ? &*journal_ : nullptr; }
  // Records found on opening (on every rank): the work already done.
  std::uint64_t found() const { return found_; }
  // Records in the journal now: those found plus those appended (rank 0's count).
  std::uint64_t recorded() const { return found_ + (journal_ ? journal_->appended() : 0); }
  // Makes the appended records durable.
  void sync() {
    if (journal_) journal_->sync();
  }
  // Removes the journal, once the output folder is committed.
  void finish() {
    if (journal_) journal_->remove();
  }

 private:
  void open(const std::string& command, const std::string& unit,
            std::ostream& notes, sim::JournalCheck accept);

  std::string identity_;
  std::filesystem::path path_;
  std::optional<sim::Journal> journal_;  // absent on MPI ranks other than 0
  std::uint64_t found_ = 0;
};

}  // namespace app
