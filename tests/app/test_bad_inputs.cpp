// The catalogue of bad inputs (tests/bad_inputs/catalogue.txt), plus damaged event logs and a
// 100 MB file made here: each must give exit status 2 and a message naming the file (and the
// line, where it has lines) and what was expected, and leave the output folder as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::read_file;
using test_support::run_outreach;

namespace {

struct BadInput {
  std::string file, arguments, expected;
};

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(' '), b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<BadInput> catalogue() {
  std::ifstream in(test_support::repo_root() / "tests/bad_inputs/catalogue.txt");
  std::vector<BadInput> entries;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto bar1 = line.find(" | "), bar2 = line.find(" | ", bar1 + 3);
    REQUIRE(bar2 != std::string::npos);
    entries.push_back({trimmed(line.substr(0, bar1)), trimmed(line.substr(bar1 + 3, bar2 - bar1 - 3)),
                       trimmed(line.substr(bar2 + 3))});
  }
  return entries;
}

// An output folder that already holds a result: a failed command must leave it exactly so.
struct GuardedOutput {
  test_support::TempDir dir;
  fs::path out = dir.path / "out";
  GuardedOutput() {
    fs::create_directories(out);
    std::ofstream(out / "summary.csv") << "an earlier result\n";
  }
  void require_untouched() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path)) names.push_back(e.path().filename().string());
    CHECK(names == std::vector<std::string>{"out"});  // no journal, no staging folder beside it
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(out)) inside.push_back(e.path().filename().string());
    CHECK(inside == std::vector<std::string>{"summary.csv"});
    CHECK(read_file(out / "summary.csv") == "an earlier result\n");
  }
};

test_support::CommandResult run_guarded(const std::string& arguments, const GuardedOutput& g,
                                        const test_support::TempDir& console) {
  return run_outreach(arguments + " --out '" + g.out.string() + "'", console.path);
}

}  // namespace

TEST_CASE("Every catalogued bad input exits 2, names the file, line and what was expected, and writes nothing") {
  const auto entries = catalogue();
  REQUIRE(entries.size() >= 40);
  for (const BadInput& b : entries) {
    DYNAMIC_SECTION(b.file) {
      const GuardedOutput g;
      const test_support::TempDir console;
      const auto r = run_guarded(b.arguments + " --quiet", g, console);
      INFO(b.arguments << "\n" << r.err);
      CHECK(r.status == 2);
      CHECK_THAT(r.err, Contains(b.expected));
      CHECK_THAT(r.err, Contains(b.file));
      CHECK(r.err.size() < 2000);  // a runaway or binary input cannot flood the terminal
      g.require_untouched();
    }
  }
}

TEST_CASE("A 100 MB file given as a scenario is refused before it is read") {
  const test_support::TempDir dir;
  const fs::path huge = dir.path / "huge.toml";
  std::ofstream(huge) << "[scenario]\n";
  fs::resize_file(huge, 100u << 20);  // sparse: no 100 MB written to the disk
  const GuardedOutput g;
  const auto r = run_guarded("run '" + huge.string() + "' --quiet", g, dir);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("huge.toml: expected a scenario file of at most 4 MiB, found 100 MiB"));
  g.require_untouched();
}

TEST_CASE("Damaged event logs are refused by replay with what is wrong, and nothing is written") {
  const test_support::TempDir dir;
  const auto made = run_outreach("run scenarios/examples/minimal.toml -n 1 --quiet --out '" +
                                     (dir.path / "run").string() + "'",
                                 dir.path);
  REQUIRE(made.status == 0);
  const std::string log = read_file(dir.path / "run/events/replication-000000.log");
  REQUIRE(log.size() > 4000);
  std::string flipped = log;
  flipped[log.size() / 2] = static_cast<char>(~flipped[log.size() / 2]);
  const std::vector<std::pair<std::string, std::string>> damaged{
      {"empty.log", ""},
      {"junk.log", std::string(3000, '\x9c')},
      {"cut_in_header.log", log.substr(0, 100)},
      {"torn_tail.log", log.substr(0, log.size() - 10)},
      {"flipped_byte.log", flipped},
  };
  for (const auto& [name, bytes] : damaged) {
    DYNAMIC_SECTION(name) {
      const fs::path path = dir.write(name, bytes);
      const GuardedOutput g;
      const auto r = run_guarded("replay '" + path.string() + "'", g, dir);
      INFO(r.err);
      CHECK(r.status == 2);
      CHECK_THAT(r.err, Contains(name + ": "));
      g.require_untouched();
    }
  }
}
