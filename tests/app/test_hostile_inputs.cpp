// Inputs that are not regular files or far too big, and work that cannot fit, given to the real
// binary (issue 16, sections 3 and 4): each must end within seconds with exit status 2 and a
// message naming the file (or the key), and write nothing; Ctrl-C must work before any batch.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::read_file;
using test_support::run_outreach;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// A hang is killed (exit 137 from timeout(1)), which fails the status check instead of the run.
const std::string deadline = "timeout -s KILL 30";

// A scratch folder with a FIFO, a valid scenario and an output path that must stay absent.
struct Hostile {
  test_support::TempDir dir;
  fs::path fifo = dir.path / "pipe";
  fs::path out = dir.path / "out";
  std::string scenario = dir.write("s.toml", read_file(test_support::repo_root() / "scenarios/examples/minimal.toml"));
  Hostile() { REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0); }

  test_support::CommandResult run(const std::string& args) const {
    return run_outreach(args + " --out " + q(out), dir.path / "run", deadline);
  }
  test_support::CommandResult run_no_out(const std::string& args) const {
    return run_outreach(args, dir.path / "run", deadline);
  }
  void require_nothing_written() const {
    CHECK_FALSE(fs::exists(out));
    for (const auto& e : fs::directory_iterator(dir.path)) {
      const std::string name = e.path().filename().string();
      CHECK((name == "pipe" || name == "s.toml" || name == "run" || name == "big.csv" || name == "big.toml"));
    }
  }
};

// walk_in.per_day given a prior, so that calibrate may fit it and go on to read --observed.
const std::string uncertain_rate = " --set 'walk_in.per_day={ uniform = [0.1, 1] }' --quiet";

// `outreach args` and the peak resident memory (KiB) of the processes it ran as, measured in a
// fresh child of the test, so that no earlier test's runs count (RUSAGE_CHILDREN covers the
// descendants waited for). Not an address-space limit: a sanitizer build reserves terabytes.
struct Measured {
  test_support::CommandResult result;
  long peak_kib = 0;
};
Measured run_measured(const std::string& args, const fs::path& scratch) {
  fs::create_directories(scratch);
  const fs::path report = scratch / "measured.txt";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const auto r = run_outreach(args, scratch, deadline);
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);
    std::ofstream(report) << r.status << ' ' << usage.ru_maxrss << '\n';
    std::_Exit(0);  // not the test runner's exit handlers
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  Measured m;
  std::ifstream(report) >> m.result.status >> m.peak_kib;
  m.result.out = read_file(scratch / "stdout.txt");
  m.result.err = read_file(scratch / "stderr.txt");
  return m;
}

void require_refused(const test_support::CommandResult& r, const std::string& says) {
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains(says));
  CHECK(r.err.size() < 2000);
}

}  // namespace

TEST_CASE("A FIFO given as any input is refused at once, naming it") {
  const Hostile h;
  const std::string fifo = h.fifo.string();
  const std::string found = fifo + ": expected a regular file, found a FIFO";
  require_refused(h.run("run " + q(h.fifo) + " --quiet"), found);
  require_refused(h.run_no_out("check " + q(h.fifo)), found);
  require_refused(h.run("calibrate " + q(h.scenario) + " --observed " + q(h.fifo) + " --fit walk_in.per_day" + uncertain_rate),
                  found);
  require_refused(h.run("replay " + q(h.fifo)), found);
  require_refused(h.run_no_out("replay --verify " + q(h.fifo)), found);
  require_refused(h.run_no_out("diff " + q(h.fifo) + " " + q(h.fifo)), found);
  require_refused(h.run("compare " + q(h.scenario) + " " + q(h.fifo) + " -n 2 --quiet"), found);
  h.require_nothing_written();

  // The second of two logs, after the first was read whole.
  const fs::path made = h.dir.path / "run" / "made";
  REQUIRE(run_outreach("run " + q(h.scenario) + " -n 1 --quiet --out " + q(made), h.dir.path / "run").status == 0);
  require_refused(h.run_no_out("diff " + q(made / "events" / "replication-000000.log") + " " + q(h.fifo)), found);
}

TEST_CASE("Endless devices given as inputs are refused without reading them") {
  const Hostile h;
  for (const std::string dev : {"/dev/zero", "/dev/urandom"}) {
    const std::string found = dev + ": expected a regular file, found a character device";
    require_refused(h.run("run " + dev + " --quiet"), found);
    require_refused(h.run("calibrate " + q(h.scenario) + " --observed " + dev + " --fit walk_in.per_day" + uncertain_rate),
                    found);
    require_refused(h.run("replay " + dev), found);
  }
  h.require_nothing_written();
}

TEST_CASE("A sparse 2 GB population CSV named in a scenario is refused by its cap, unread") {
  const Hostile h;
  const fs::path big = h.dir.path / "big.csv";
  std::ofstream(big) << "name,households,poor_share,near_poor_share,eligible\n";
  fs::resize_file(big, std::uint64_t{2} << 30);  // sparse: nothing written to the disk
  const std::string scenario = h.dir.write(
      "big.toml", read_file(h.scenario) + "\n[population]\nfile = \"big.csv\"\n");
  const auto start = std::chrono::steady_clock::now();
  require_refused(h.run("run " + q(scenario) + " --quiet"),
                  "key 'population.file': cannot open \"" + big.string() +
                      "\" (a relative path is taken from the scenario's folder): expected a population (commune "
                      "list) CSV of at most 16 MiB, found 2048 MiB");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  h.require_nothing_written();
}

TEST_CASE("A sweep design too large to hold is refused before it is built, naming the key") {
  const Hostile h;
  const auto start = std::chrono::steady_clock::now();
  // Bounded memory: were the design built, 10 million points would take gigabytes.
  const Measured m = run_measured("sweep " + q(h.scenario) +
                                      " --vary walk_in.per_day=0:1:0.0000001 --max-points 1000000000 --quiet --out " +
                                      q(h.out),
                                  h.dir.path / "run");
  const auto& r = m.result;
  require_refused(r, "the design's 10000001 points (walk_in.per_day)");
  CHECK(m.peak_kib > 0);  // measured at all
  CHECK(m.peak_kib < 512 * 1024);
  CHECK_THAT(r.err, Contains("--max-points") && Contains("--max-memory"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));

  // A grid whose point count overflows 64 bits is refused whatever --max-points says.
  const auto overflow = h.run("sweep " + q(h.scenario) + " --vary walk_in.per_day=0:1e300:1e-300" +
                              " --max-points 18446744073709551615 --quiet");
  INFO(overflow.err);
  CHECK(overflow.status == 2);
  CHECK_THAT(overflow.err, Contains("too many (more than 2^64) points (over 2^64) for walk_in.per_day"));
  h.require_nothing_written();
}

TEST_CASE("Ctrl-C while a sweep loads its design's points stops it with 128 + SIGINT, writing nothing") {
  const Hostile h;
  // 20,001 points, each its own loaded scenario (about half a millisecond each): seconds of
  // loading before any simulation.
  fs::create_directories(h.dir.path / "run");
  test_support::OutreachChild child({"sweep", h.scenario, "--vary", "walk_in.per_day=0:1:0.00005", "--max-points",
                                     "1000000", "--max-memory", "1TiB", "--quiet", "--out", h.out.string()},
                                    h.dir.path / "run");
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  REQUIRE(child.signal(SIGINT));
  const auto signalled = std::chrono::steady_clock::now();
  const int status = child.wait();
  const std::string err = read_file(child.stderr_path());
  INFO(err);
  CHECK(status == 128 + SIGINT);
  CHECK_THAT(err, Contains("outreach sweep: interrupted (SIGINT); nothing was written"));
  CHECK_THAT(err, Contains("outreach sweep: run the same command again to resume from what its journal holds"));
  CHECK(std::chrono::steady_clock::now() - signalled < std::chrono::seconds(5));
  h.require_nothing_written();
}
