// The real binary under `mpirun -n K` (K = 1, 2, 3, oversubscribed on this machine; each launch
// costs about a second, so the rarer commands run with fewer K), against a single process: the same files byte for byte and the same printout, whatever K; a failing,
// crashed or interrupted rank fails the whole run, with one clear message and nothing written,
// and the rerun resumes. Built only with -DOUTREACH_MPI=ON.
//
// What may differ between the two runs, and only that (results/README.md): the manifests'
// "wall_seconds", and the time calibrate prints after its results folder.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/support/run_binary.hpp"

namespace {

namespace fs = std::filesystem;
using test_support::CommandResult;
using test_support::read_file;
using test_support::run_outreach;

// CI runs as root, which mpirun refuses unless told.
std::string mpirun(unsigned ranks) {
  return std::string("'") + OUTREACH_MPIEXEC + "' --oversubscribe --allow-run-as-root -n " + std::to_string(ranks);
}

std::string without_varying(const std::string& text) {
  static const std::regex wall("\"wall_seconds\": [0-9.]+"), printed_time(" \\([0-9.e-]+ s\\)\n");
  return std::regex_replace(std::regex_replace(text, wall, "\"wall_seconds\": _"), printed_time, " (_ s)\n");
}

// Every file under `dir`, by relative path, with the varying fields blanked.
std::vector<std::pair<std::string, std::string>> contents(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.emplace_back(fs::relative(e.path(), dir).string(), without_varying(read_file(e.path())));
  std::sort(out.begin(), out.end());
  return out;
}

void require_same_folders(const fs::path& a, const fs::path& b) {
  const auto ca = contents(a), cb = contents(b);
  REQUIRE(ca.size() == cb.size());
  REQUIRE(!ca.empty());
  for (std::size_t i = 0; i < ca.size(); ++i) {
    INFO(ca[i].first);
    REQUIRE(ca[i].first == cb[i].first);
    CHECK(ca[i].second == cb[i].second);
  }
}

using test_support::Scratch;

// Runs `args --out DIR` in one process, then under mpirun with each K into the same DIR (so the
// command lines recorded are the same), and requires the same files and printout each time.
void require_same_for_any_ranks(const std::string& args, std::vector<unsigned> ks = {1, 2, 3}) {
  Scratch tmp;
  const fs::path out = tmp.path / "out", single = tmp.path / "single";
  const std::string command = args + " -q --threads 1 --out '" + out.string() + "'";
  const CommandResult one = run_outreach(command, tmp.path / "run-1");
  INFO(one.err);
  REQUIRE(one.status == 0);
  fs::rename(out, single);
  for (const unsigned k : ks) {
    const CommandResult many = run_outreach(command, tmp.path / ("run-" + std::to_string(k)), mpirun(k));
    INFO(k << " ranks: " << many.err);
    REQUIRE(many.status == 0);
    CHECK(without_varying(many.out) == without_varying(one.out));
    require_same_folders(single, out);
    fs::remove_all(out);
  }
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const std::string plan = "scenarios/chi_lang_2018_plan.toml";

// Runs `args` in one process, then under `faulty` (mpirun with a fault injected), which must
// pass `check_faulted` and write nothing; then again under mpirun -n `rerun_ranks`, which must
// succeed, pass `check_rerun` and end with the single process's files.
void require_fault_then_resume(const std::string& args, const std::string& faulty, unsigned rerun_ranks,
                               const std::function<void(const CommandResult&)>& check_faulted,
                               const std::function<void(const CommandResult&)>& check_rerun) {
  Scratch tmp;
  const fs::path out = tmp.path / "out", single = tmp.path / "single";
  const std::string command = args + " -q --threads 1 --out '" + out.string() + "'";
  REQUIRE(run_outreach(command, tmp.path / "run-1").status == 0);
  fs::rename(out, single);

  const CommandResult faulted = run_outreach(command, tmp.path / "faulted", faulty);
  INFO(faulted.err);
  check_faulted(faulted);
  CHECK(!fs::exists(out));

  const CommandResult again = run_outreach(command, tmp.path / "again", mpirun(rerun_ranks));
  INFO(again.err);
  REQUIRE(again.status == 0);
  check_rerun(again);
  require_same_folders(single, out);
}

void says_resuming(const CommandResult& r) { CHECK(occurrences(r.err, "resuming from") == 1); }

// `args` under mpirun -n 3 with rank 1 sent SIGTERM at its 30th piece of work: every rank must
// stop, saying once how to resume, with nothing written; a rerun on 2 ranks must resume.
void require_sigterm_resumes(const std::string& command_name, const std::string& args) {
  require_fault_then_resume(
      args, "OUTREACH_FAIL_RANK=1:30:term " + mpirun(3), 2,
      [&](const CommandResult& stopped) {
        CHECK(stopped.status == 128 + 15);
        CHECK(occurrences(stopped.err, "outreach " + command_name + ": interrupted (SIGTERM to another rank) after ") == 1);
        CHECK(occurrences(stopped.err, "run the same command again to resume") == 1);
      },
      says_resuming);
}

}  // namespace

TEST_CASE("mpirun -n 1, 2, 3: run writes the same files as one process") {
  require_same_for_any_ranks("run " + plan + " -n 60 --events 2");
}

TEST_CASE("mpirun -n 3: run with --precision stops at the same batch as one process") {
  require_same_for_any_ranks("run " + plan + " -n 20 --precision 0.2 --max-replications 100", {3});
}

TEST_CASE("mpirun -n 2, 3: a scenario with offices writes the same files as one process") {
  require_same_for_any_ranks("run scenarios/lang_son_2018_province.toml -n 12", {2, 3});
}

TEST_CASE("mpirun -n 1, 2, 3: compare writes the same files as one process") {
  require_same_for_any_ranks("compare scenarios/chi_lang_2018_baseline.toml " + plan + " -n 40");
}

TEST_CASE("mpirun -n 1, 2, 3: sweep writes the same files as one process") {
  require_same_for_any_ranks("sweep " + plan + " --vary door_to_door.staff=6:18:4 -n 20");
}

TEST_CASE("mpirun -n 2, 3: sensitivity writes the same files as one process") {
  // 250 replications: with the two below the plan draws 20 parameters, and the rank regressions
  // want ten per coefficient.
  require_same_for_any_ranks("sensitivity " + plan +
                             " -n 250 --set 'walk_in.per_day={ gamma = { mean = 0.22, sd = 0.11 } }'"
                             " --set 'sessions.conversion={ uniform = [0.02, 0.08] }'",
                             {2, 3});
}

TEST_CASE("mpirun -n 1, 2, 3: optimize races to the same plan as one process") {
  // At a confidence of 0.5 a candidate is chosen (the plan's forecast is less sure than 0.9 at
  // 80 replications): the whole race, to its choice, must be the same for any ranks.
  require_same_for_any_ranks("optimize " + plan +
                             " --lever door_to_door.staff=1:12:3 -n 20 --max-replications 80 --confidence 0.5");
}

TEST_CASE("mpirun -n 3: calibrate fits the same posterior as one process") {
  require_same_for_any_ranks(
      "calibrate scenarios/chi_lang_2018_backcast.toml --observed scenarios/data/chi_lang_2018_article_counts.csv "
      "--fit sessions.conversion,walk_in.per_day --set 'walk_in.per_day={ gamma = { mean = 0.22, sd = 0.11 } }' "
      "--particles 30 --generations 2 --predictive 20",
      {3});
}

TEST_CASE("mpirun: bad input exits 2 with one message, not one per rank") {
  Scratch tmp;
  const CommandResult r = run_outreach("run scenarios/no_such_plan.toml -q", tmp.path / "run", mpirun(3));
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(occurrences(r.err, "no_such_plan.toml: cannot open") == 1);
  CHECK(r.out.empty());
}

TEST_CASE("mpirun: a user's folder as --out is refused once, with exit 2, and left as it was") {
  Scratch tmp;
  const fs::path user = tmp.path / "userdir";
  fs::create_directories(user);
  std::ofstream(user / "thesis.docx", std::ios::binary) << "chapter one\n";
  const CommandResult r = run_outreach("run " + plan + " -n 20 -q --out '" + user.string() + "'", tmp.path / "run", mpirun(3));
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK(occurrences(r.err, "holds thesis.docx, which outreach did not write") == 1);
  CHECK(test_support::files_in(user) == std::set<std::string>{"thesis.docx"});
  CHECK(test_support::read_file(user / "thesis.docx") == "chapter one\n");
  std::set<std::string> beside;
  for (const auto& e : fs::directory_iterator(tmp.path)) beside.insert(e.path().filename().string());
  CHECK(beside == std::set<std::string>{"run", "userdir"});  // no journal, no staging folder
}

TEST_CASE("mpirun: a rank whose replication fails fails the run, named, with nothing written, and the rerun resumes") {
  require_fault_then_resume(
      "run " + plan + " -n 80", "OUTREACH_FAIL_RANK=1:30 " + mpirun(2), 3,
      [](const CommandResult& failed) {
        CHECK(failed.status == 1);
        CHECK(occurrences(failed.err, "outreach: rank 1, replication ") == 1);
        CHECK(occurrences(failed.err, "failure injected by OUTREACH_FAIL_RANK") == 1);
        CHECK(failed.out.empty());
      },
      says_resuming);
}

TEST_CASE("mpirun: a crashed rank fails the run with nothing written, and the rerun resumes") {
  require_fault_then_resume(
      "run " + plan + " -n 80", "OUTREACH_FAIL_RANK=2:40:abort " + mpirun(3), 2,
      [](const CommandResult& crashed) { CHECK(crashed.status != 0); }, [](const CommandResult&) {});
}

TEST_CASE("mpirun: SIGTERM to one rank stops every rank, says how to resume, and the rerun ends the same") {
  require_sigterm_resumes("run", "run " + plan + " -n 80");
}

TEST_CASE("mpirun: SIGTERM to one rank stops a study on every rank, and the rerun on other ranks resumes to the same files") {
  // The sweep's pieces are its simulations (4 points x 20 replications).
  require_sigterm_resumes("sweep", "sweep " + plan + " --vary door_to_door.staff=6:18:4 -n 20");
}
