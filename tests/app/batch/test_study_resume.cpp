// The studies (sweep, sensitivity, optimize, calibrate) stopped by SIGINT or SIGTERM part-way,
// then started again with the same command, end with the files of an uninterrupted study; a
// study that cannot fit in memory is refused before it writes anything.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/resume_support.hpp"
#include "tests/support/run_binary.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace test_support;

namespace {

// The shipped minimal scenario with its walk-ins uncertain, so that every study has a parameter
// to vary, fit or rank.
Args study(const std::string& command) {
  return {command, shipped("scenarios/examples/minimal.toml"), "--set",
          "walk_in.per_day={ gamma = { mean = 1, sd = 0.4 } }", "--threads", "2", "--quiet", "--out", "res"};
}

// Runs `args` uninterrupted in ref/, then in stopped/ interrupted by `signo` once its journal
// holds `records` results, then again to the end: it must say how far it got and how to resume,
// leave nothing but its journal, resume from it, and end with the reference's files.
void interrupt_and_resume(const Args& args, std::uint64_t records, int signo, bool same_stdout = true) {
  Scratch tmp;
  const std::string command = args[0];
  const auto ref = run_in(args, tmp.path / "ref");
  INFO(ref.out << ref.err);
  REQUIRE((ref.status == 0 || ref.status == 3));
  REQUIRE(ref.err.empty());  // a study that meets no journal says nothing about one

  const fs::path cwd = tmp.path / "stopped", journal = cwd / ".res.journal";
  const Interrupted stopped = interrupt_after(args, cwd, journal, records, signo);
  INFO(stopped.err);
  CHECK(stopped.status == 128 + signo);
  CHECK(stopped.seconds < 2.0);
  const std::string done = std::to_string(journal_records(journal));
  CHECK(journal_records(journal) >= records);
  CHECK_THAT(stopped.err, Contains("outreach " + command + ": interrupted (" +
                                   (signo == SIGINT ? "SIGINT" : "SIGTERM") + ") after " + done));
  CHECK_THAT(stopped.err, Contains("; the output folder was not written"));
  CHECK_THAT(stopped.err, Contains("outreach " + command + ": run the same command again to resume: the " + done +
                                   " simulations done are kept in .res.journal"));
  require_only_journal(cwd);

  const auto last = run_in(args, cwd);
  INFO(last.err);
  REQUIRE(last.status == ref.status);
  CHECK_THAT(last.err, Contains("outreach " + command + ": resuming from .res.journal: " + done +
                                " simulations already done"));
  if (same_stdout) CHECK(last.out == ref.out);
  require_same_results(tmp.path / "ref" / "res", cwd / "res");
  require_clean(cwd);
}

Args with(Args args, std::initializer_list<std::string> more) {
  args.insert(args.end(), more);
  return args;
}

}  // namespace

TEST_CASE("sweep: interrupted by SIGINT and run again, it ends with the files of an uninterrupted sweep") {
  // 4 points × 3,000 replications, one result each; stopped a twelfth of the way, which leaves the
  // child enough to do that it is still running when the signal comes, even on a busy machine.
  interrupt_and_resume(with(study("sweep"), {"--vary", "scenario.target=40:70:10", "-n", scaled_text(3000)}),
                       scaled(1000), SIGINT);
}

TEST_CASE("sensitivity: interrupted by SIGTERM and run again, it ends with the files of an uninterrupted one") {
  interrupt_and_resume(with(study("sensitivity"), {"-n", scaled_text(10000)}), scaled(800), SIGTERM);
}

TEST_CASE("optimize: interrupted in a later round and run again, it ends with the same choice and files") {
  // 6 candidates × 200 replications in the first round (1,200 results), then the one near the
  // confidence (P(met) about 0.57) doubled round after round up to the cap.
  interrupt_and_resume(with(study("optimize"), {"--lever", "walk_in.per_day=0.5:3:0.5", "--confidence", "0.55",
                                                "-n", scaled_text(200), "--max-replications", scaled_text(12800)}),
                       scaled(1200) + scaled(100), SIGINT);
}

TEST_CASE("calibrate: interrupted part-way through ABC-SMC and run again, it ends with the same posterior") {
  const fs::path observed = fs::absolute(fs::temp_directory_path() / ("outreach-observed-" + std::to_string(::getpid()) + ".csv"));
  std::ofstream(observed) << "date,cumulative\n2018-10-01,20\n2018-11-01,40\n2018-12-01,70\n";
  // Generation 0 is 300 simulations; the stop comes a few generations later, well before the
  // predictive's 6,000 simulations. stdout ends with the run's seconds, so only the files are compared.
  interrupt_and_resume(with(study("calibrate"), {"--observed", observed.string(), "--fit", "walk_in.per_day",
                                                 "--particles", scaled_text(300), "--generations", "4",
                                                 "--predictive", scaled_text(3000)}),
                       scaled(1500), SIGTERM, false);
  fs::remove(observed);
}

TEST_CASE("A journal of a study killed outright, under other options, is not reused, and the study says so") {
  Scratch tmp;
  const Args args = with(study("sweep"), {"--vary", "scenario.target=40:70:10", "-n", scaled_text(3000)});
  const fs::path cwd = tmp.path / "killed", journal = cwd / ".res.journal";
  const std::uint64_t left = kill_after(args, cwd, journal, scaled(2000));  // SIGKILL: no handler runs
  // The same study with fewer replications: the journal is not reused.
  const auto fewer = run_in(with(study("sweep"), {"--vary", "scenario.target=40:70:10", "-n", "10"}), cwd);
  INFO(fewer.err);
  CHECK(fewer.status == 0);
  CHECK_THAT(fewer.err, Contains(".res.journal holds " + std::to_string(left) + " simulations of another batch (--replications " +
                                 scaled_text(3000) + ", now 10); they are not reused: starting afresh"));
  require_clean(cwd);
}
