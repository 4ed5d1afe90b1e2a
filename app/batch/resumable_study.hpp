#pragma once
// What makes a study (sweep, sensitivity, calibrate, optimize) stoppable and resumable, as
// `run` is: its simulations run as pieces of sim::ResumableWork, each result journalled beside
// the output folder (app/outputs/work_journal.hpp) as it is consumed; Ctrl-C or SIGTERM
// (app/cli/interruption.hpp) stops the pieces within a second or two, leaves the output folder as
// it was, and says how to resume; the same command started again reads the journalled results
// back and ends with the same files.
//
// The journal's identity is the study's command, this build, every option given that can
// change the results (all but --threads, --out, --quiet, --plot, --max-memory and --help, as
// typed), the SHA-256 of each resolved scenario it runs (model/scenario/scenario_digest.hpp; every point
// of a sweep, every candidate of an optimization) and the study's own lines (say, the observed
// counts a calibration fits).
//
//   ResumableStudy study(...);         // before the staging folder: the journal locks the folder
//   try {
//     ... run the pieces on study.work(), write and commit the output folder ...
//     study.finish();
//   } catch (const sim::Stopped&) {
//     return study.interrupted(total, std::cerr);
//   }
#include <boost/program_options.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/interruption.hpp"
#include "app/cli/progress.hpp"
#include "app/outputs/work_journal.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/resumable_work.hpp"

namespace app {

// The identity lines of a study: its options that change results, one `--name=value` a line
// (repeated options' values joined by a space), then the scenarios' digests (of several, the
// SHA-256 of all).
std::string study_identity(const boost::program_options::variables_map& vm,
                           const std::vector<const model::Scenario*>& scenarios);

class ResumableStudy {
 public:
  // Opens the journal of `command` for `out_dir` with the identity study_identity(vm,
  // scenarios) + `extra` lines, saying on `notes` what it found, and catches SIGINT and
  // SIGTERM until destroyed. Throws sim::JournalError when another process is writing to that
  // folder. Call it before making the staging folder.
  ResumableStudy(const std::string& command, const std::filesystem::path& out_dir,
                 const boost::program_options::variables_map& vm,
                 const std::vector<const model::Scenario*>& scenarios, const std::string& extra, unsigned threads,
                 bool quiet, std::ostream& notes);

  // Runs the study's pieces: on `threads` threads, stopped by an interruption, journalled.
  sim::ResumableWork& work() { return work_; }
  ProgressReporter& progress() { return progress_; }

  // After the work threw sim::Stopped: makes the journal durable, says on `err` how far the
  // study got (of `total` simulations, 0 when not known ahead) and how to resume, and returns
  // the exit status, 128 + the signal.
  int interrupted(std::uint64_t total, std::ostream& err);
  // Removes the journal, once the output folder is committed.
  void finish() { journal_.finish(); }

 private:
  std::string command_;
  WorkJournal journal_;
  InterruptionGuard interruption_;
  ProgressReporter progress_;
  sim::ResumableWork work_;
};

// How a study starts, once its options are parsed and its scenarios loaded.
struct StudyStart {
  std::string command;     // "sweep", ...
  std::string memory_why;  // memory_problem(...) for the study: "" when it fits
  std::string out_dir;
  std::vector<std::string> inputs;  // the files read, which the output folder must not hold
  const boost::program_options::variables_map* vm = nullptr;
  std::vector<const model::Scenario*> scenarios;
  std::string extra;  // the study's own identity lines
  unsigned threads = 1;
  bool quiet = false;
  std::uint64_t total = 0;  // simulations in all, for the interruption's note; 0 when not known
};

// What every study does between its plan and its work, in this order: refuses a study that
// cannot fit in memory (said on stderr, exit_invalid), refuses an unsafe output folder
// (guard_output_folder), opens the journal, and runs `body` on it. When the work is stopped
// (sim::Stopped) the journal is made durable and the note says how far it got.
int run_study(const StudyStart& start, const std::function<int(ResumableStudy&)>& body);

}  // namespace app
