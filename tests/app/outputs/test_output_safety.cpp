// What --out and `outreach plot` may replace, remove or write through (README.md, Reliability):
// only folders outreach wrote itself (their .outreach-output marker lists everything in them),
// never `.`, `..`, `/`, the home folder or a folder holding the scenario, never through a
// symbolic link. Each refusal exits 2 before any work, leaving everything as it was: no journal,
// no staging folder.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using test_support::names_in;
using test_support::read_file;
using test_support::run_outreach;
using test_support::TempDir;

namespace {

const std::string minimal = "scenarios/examples/minimal.toml";
const std::string quick = " -n 2 --events 0 --quiet";

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// A user's folder: a document and a file in a subfolder.
struct UserFolder {
  TempDir parent;
  fs::path dir = parent.path / "userdir";
  UserFolder() {
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "thesis.docx", std::ios::binary) << "chapter one\n";
    std::ofstream(dir / "sub" / "data.txt", std::ios::binary) << "1,2,3\n";
  }
  // Byte for byte as made, and nothing beside it: no journal, no staging folder.
  void require_untouched() const {
    CHECK(names_in(parent.path) == std::set<std::string>{"userdir"});
    CHECK(names_in(dir) == std::set<std::string>{"sub", "thesis.docx"});
    CHECK(read_file(dir / "thesis.docx") == "chapter one\n");
    CHECK(read_file(dir / "sub" / "data.txt") == "1,2,3\n");
  }
};

void require_refused(const test_support::CommandResult& r, const std::string& says) {
  INFO(r.err);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains(says));
}

}  // namespace

TEST_CASE("An --out naming a user's folder is refused with exit 2, and the folder is left byte for byte") {
  const UserFolder user;
  const TempDir console;
  const auto r = run_outreach("run " + minimal + quick + " --out " + q(user.dir), console.path);
  require_refused(r, "holds thesis.docx, which outreach did not write");
  CHECK_THAT(r.err, Contains(user.dir.string()) && Contains("choose another --out, or move it away"));
  CHECK_THAT(r.err, Contains("no .outreach-output marker"));
  CHECK(r.out.empty());
  user.require_untouched();
}

TEST_CASE("An --out naming a regular file is refused and the file is left as it was") {
  const TempDir dir, console;
  const std::string file = dir.write("notes.txt", "my notes\n");
  require_refused(run_outreach("run " + minimal + quick + " --out " + q(file), console.path), "is a regular file");
  CHECK(read_file(file) == "my notes\n");
  CHECK(names_in(dir.path) == std::set<std::string>{"notes.txt"});
}

TEST_CASE("An --out naming ., .., /, the home folder or the scenario's folder is always refused") {
  const TempDir dir, console;
  // The scenario two levels down, so that its folder's parent is not the current folder's
  // ancestor too, wherever the repository is (the messages say the first reason that holds).
  fs::create_directories(dir.path / "sub");
  const std::string scenario = dir.write("sub/s.toml", read_file(minimal));
  fs::create_directories(dir.path / "home");
  const std::string run = "run " + q(scenario) + quick + " --out ";
  const std::set<std::string> repo_before = names_in(".");
  require_refused(run_outreach(run + ".", console.path), "is the current folder");
  require_refused(run_outreach(run + "..", console.path), "holds the current folder");
  require_refused(run_outreach(run + "./", console.path), "is the current folder");
  require_refused(run_outreach(run + "/", console.path), "is the root folder");
  // A path ending in "." names the folder before it: refused, since it cannot be renamed into place.
  require_refused(run_outreach(run + q(dir.path / "new" / "."), console.path), "ends in .; name the folder itself");
  require_refused(run_outreach(run + q(dir.path / "sub"), console.path), "which this command reads");
  require_refused(run_outreach(run + q(dir.path), console.path), "which this command reads");
  require_refused(run_outreach("run " + minimal + quick + " --out scenarios", console.path),
                  "holds " + minimal + ", which this command reads");
  require_refused(run_outreach(run + q(dir.path / "home"), console.path, "env HOME=" + q(dir.path / "home")),
                  "is your home folder");
  // The folder a link to the scenario is in, as well as the folder of the file it points to.
  fs::create_directories(dir.path / "named");
  fs::create_symlink(scenario, dir.path / "named" / "link.toml");
  require_refused(run_outreach("run " + q(dir.path / "named" / "link.toml") + quick + " --out " + q(dir.path / "named"),
                               console.path),
                  "link.toml, which this command reads");
  CHECK(names_in(".") == repo_before);  // no journal, no staging folder in the current folder
  CHECK(names_in(dir.path) == std::set<std::string>{"home", "named", "sub"});
  CHECK(names_in(dir.path / "sub") == std::set<std::string>{"s.toml"});
  CHECK(names_in(dir.path / "named") == std::set<std::string>{"link.toml"});
}

TEST_CASE("A results folder (or an empty one) is replaced by the next run into it, and its marker lists what is in it") {
  const TempDir dir;
  const fs::path res = dir.path / "res";
  REQUIRE(run_outreach("run " + minimal + quick + " --out " + q(res), dir.path / "console").status == 0);
  const std::string marker = read_file(res / ".outreach-output");
  CHECK_THAT(marker, Contains("\nsummary.csv\n") && Contains("\nmanifest.json\n"));
  const auto again = run_outreach("run " + minimal + " -n 3 --events 1 --quiet --out " + q(res), dir.path / "console");
  INFO(again.err);
  REQUIRE(again.status == 0);
  CHECK(fs::exists(res / "events" / "replication-000000.log"));
  CHECK_THAT(read_file(res / ".outreach-output"), Contains("\nevents/\n") && Contains("\nevents/replication-000000.log\n"));
  CHECK(names_in(dir.path) == std::set<std::string>{"console", "res"});
  // An empty folder holds nothing to lose: it may be the output folder too.
  fs::create_directories(dir.path / "empty");
  REQUIRE(run_outreach("run " + minimal + quick + " --out " + q(dir.path / "empty"), dir.path / "console").status == 0);
  CHECK(fs::exists(dir.path / "empty" / "summary.csv"));
}

TEST_CASE("A file a user put into a results folder makes the next run refuse, and the file survives") {
  const TempDir dir;
  const fs::path res = dir.path / "res";
  REQUIRE(run_outreach("run " + minimal + quick + " --out " + q(res), dir.path / "console").status == 0);
  std::ofstream(res / "my-notes.txt") << "keep me\n";
  const std::string summary = read_file(res / "summary.csv");
  require_refused(run_outreach("run " + minimal + " -n 3 --events 0 --quiet --out " + q(res), dir.path / "console"),
                  "holds my-notes.txt, which outreach did not write");
  CHECK(read_file(res / "my-notes.txt") == "keep me\n");
  CHECK(read_file(res / "summary.csv") == summary);
  CHECK(names_in(dir.path) == std::set<std::string>{"console", "res"});
}

TEST_CASE("A symbolic link at the journal's name is refused and its target left untouched") {
  const TempDir dir, console;
  const std::string victim = dir.write("victim.txt", "precious\n");
  fs::create_symlink("victim.txt", dir.path / ".res.journal");
  require_refused(run_outreach("run " + minimal + quick + " --out " + q(dir.path / "res"), console.path),
                  "is a symbolic link");
  CHECK(read_file(victim) == "precious\n");
  CHECK(fs::is_symlink(dir.path / ".res.journal"));
  CHECK(names_in(dir.path) == std::set<std::string>{".res.journal", "victim.txt"});
}

TEST_CASE("A symbolic link as --out is refused, and the folder it points to left untouched") {
  const UserFolder user;
  const TempDir console;
  const fs::path link = user.parent.path.parent_path() / (user.parent.path.filename().string() + "-link");
  fs::create_symlink(user.dir, link);
  const auto r = run_outreach("run " + minimal + quick + " --out " + q(link), console.path);
  fs::remove(link);
  require_refused(r, "is a symbolic link");
  user.require_untouched();
}

TEST_CASE("Links and user folders named like staging leftovers are neither followed nor removed") {
  const UserFolder user;
  const TempDir dir;
  fs::create_symlink(user.dir, dir.path / ".res.partial-1234");
  fs::create_symlink(user.dir, dir.path / ".res.old-1234");  // would be renamed into place if it were ours
  fs::create_directories(dir.path / ".res.partial-mine");
  std::ofstream(dir.path / ".res.partial-mine" / "draft.txt") << "draft\n";
  const auto r = run_outreach("run " + minimal + quick + " --out " + q(dir.path / "res"), dir.path / "console");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(fs::is_directory(fs::symlink_status(dir.path / "res")));
  CHECK(fs::is_symlink(dir.path / ".res.partial-1234"));
  CHECK(fs::is_symlink(dir.path / ".res.old-1234"));
  CHECK(read_file(dir.path / ".res.partial-mine" / "draft.txt") == "draft\n");
  CHECK(names_in(user.dir) == std::set<std::string>{"sub", "thesis.docx"});
  CHECK(read_file(user.dir / "thesis.docx") == "chapter one\n");
}

TEST_CASE("outreach plot draws only into a folder outreach wrote, and never through a link") {
  const TempDir dir;
  const fs::path res = dir.path / "res";
  REQUIRE(run_outreach("run " + minimal + quick + " --out " + q(res), dir.path / "console").status == 0);
  SECTION("a folder without the marker") {
    fs::remove(res / ".outreach-output");
    const auto before = test_support::files_in(res);
    require_refused(run_outreach("plot " + q(res), dir.path / "console"), "carries no .outreach-output marker");
    CHECK(test_support::files_in(res) == before);
  }
  SECTION("a link to a results folder") {
    fs::create_symlink(res, dir.path / "link");
    require_refused(run_outreach("plot " + q(dir.path / "link"), dir.path / "console"), "is not a folder");
  }
  SECTION("a link where a chart goes") {
    const std::string victim = dir.write("victim.png", "precious\n");
    fs::create_symlink(victim, res / "fan.png");
    require_refused(run_outreach("plot " + q(res), dir.path / "console"), "fan.png is not a regular file");
    CHECK(read_file(victim) == "precious\n");
    CHECK(fs::is_symlink(res / "fan.png"));
  }
  SECTION("the charts drawn are added to the marker, and a second plot replaces them") {
    REQUIRE(run_outreach("plot " + q(res), dir.path / "console").status == 0);
    CHECK_THAT(read_file(res / ".outreach-output"), Contains("\nfan.png\n") && Contains("\nreport.html\n"));
    REQUIRE(run_outreach("plot " + q(res), dir.path / "console").status == 0);
    REQUIRE(run_outreach("run " + minimal + quick + " --out " + q(res), dir.path / "console").status == 0);
  }
}

TEST_CASE("Every command that writes a folder refuses a user's folder before any work") {
  const TempDir dir;
  const fs::path run = dir.path / "run";
  REQUIRE(run_outreach("run " + minimal + " -n 1 --quiet --out " + q(run), dir.path / "console").status == 0);
  const std::string observed = dir.write("observed.csv", "date,cumulative\n2018-10-01,20\n");
  const std::string uncertain = " --set 'walk_in.per_day={ gamma = { mean = 0.5, sd = 0.1 } }'";
  const std::vector<std::string> commands{
      "compare scenarios/chi_lang_2018_baseline.toml scenarios/chi_lang_2018_plan.toml" + quick,
      "sweep " + minimal + " --vary scenario.target=100:200:100 -n 2 --quiet",
      "sensitivity " + minimal + uncertain + " -n 100 --quiet",
      "optimize " + minimal + " --lever scenario.target=100:200:100 -n 2 --quiet",
      "calibrate " + minimal + uncertain + " --observed " + q(observed) + " --fit walk_in.per_day --particles 10 --quiet",
      "replay " + q(run / "events" / "replication-000000.log"),
  };
  for (const std::string& command : commands) {
    DYNAMIC_SECTION(command.substr(0, command.find(' '))) {
      const UserFolder user;
      const TempDir console;
      require_refused(run_outreach(command + " --out " + q(user.dir), console.path), "which outreach did not write");
      user.require_untouched();
    }
  }
}
