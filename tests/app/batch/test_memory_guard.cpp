// Resource guards: a run whose estimated memory exceeds the limit is refused before anything
// is written, with what it needs and how to override; an ordinary run passes; `check --time`
// measures how long a run will take.
#include <catch2/catch.hpp>

#include <filesystem>

#include "model/run/compiled_scenario.hpp"
#include "model/run/resource_estimate.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/scenario_builders.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using test_support::run_outreach;

namespace {

// One commune of 50 million people and a million walk-ins a day: tens of GiB per replication.
std::string huge_scenario(const test_support::TempDir& dir) {
  dir.write("big.csv",
            "name,households,poor_share,near_poor_share,eligible,urban\nBig,20000000,0.1,0.1,50000000,false\n");
  return dir.write("big.toml",
                   "[scenario]\nname = \"big\"\nstart = 2018-09-05\nend = 2018-12-31\ntarget = 100\n"
                   "[population]\nfile = \"big.csv\"\n[walk_in]\nper_day = 1000000\n");
}

}  // namespace

TEST_CASE("A run that cannot fit in memory is refused before it starts, saying how to override") {
  test_support::TempDir dir;
  const std::string scenario = huge_scenario(dir);
  const std::filesystem::path out = dir.path / "out";
  const auto r = run_outreach("run '" + scenario + "' -n 2 --threads 2 --events 0 --max-memory 1GiB --out '" +
                                  out.string() + "'",
                              dir.path / "console");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Contains("this run needs about"));
  CHECK_THAT(r.err, Contains("2 threads ×"));
  CHECK_THAT(r.err, Contains("more than --max-memory 1.0 GiB"));
  CHECK_THAT(r.err, Contains("Use fewer --threads"));
  CHECK_THAT(r.err, Contains("--max-memory SIZE"));
  // Refused before the journal or the staging folder exist.
  for (const auto& e : std::filesystem::directory_iterator(dir.path))
    CHECK((e.path().filename() == "big.csv" || e.path().filename() == "big.toml" ||
           e.path().filename() == "console"));

  const auto compare = run_outreach("compare '" + scenario + "' '" + scenario +
                                        "' -n 2 --max-memory 1GiB --out '" + out.string() + "'",
                                    dir.path / "console");
  CHECK(compare.status == 2);
  CHECK_THAT(compare.err, Contains("outreach compare: this run needs about"));
}

TEST_CASE("A study that cannot fit in memory is refused before it starts, saying how to override") {
  test_support::TempDir dir;
  const std::string scenario = huge_scenario(dir);
  const std::string observed = dir.write("observed.csv", "date,cumulative\n2018-10-01,20\n");
  const std::filesystem::path out = dir.path / "out";
  // Walk-ins uncertain, so that sensitivity has a parameter and calibrate one to fit.
  const std::string common = " '" + scenario + "' --set 'walk_in.per_day={ gamma = { mean = 1000000, sd = 1000 } }' "
                             "--threads 2 --max-memory 1GiB --out '" + out.string() + "'";
  for (const std::string& command :
       {"sweep" + common + " --vary scenario.target=100:200:100 -n 2", "sensitivity" + common + " -n 100",
        "optimize" + common + " --lever scenario.target=100:200:100 -n 2",
        "calibrate" + common + " --observed '" + observed + "' --fit walk_in.per_day --particles 10"}) {
    INFO(command);
    const auto r = run_outreach(command, dir.path / "console");
    CHECK(r.status == 2);
    const std::string name = command.substr(0, command.find(' '));
    CHECK_THAT(r.err, Contains("outreach " + name + ": this run needs about"));
    CHECK_THAT(r.err, Contains("2 threads ×"));
    CHECK_THAT(r.err, Contains("more than --max-memory 1.0 GiB"));
    CHECK_THAT(r.err, Contains("`outreach " + name + " ... --max-memory SIZE`"));
    // Refused before the journal or the staging folder exist.
    for (const auto& e : std::filesystem::directory_iterator(dir.path))
      CHECK((e.path().filename() == "big.csv" || e.path().filename() == "big.toml" ||
             e.path().filename() == "observed.csv" || e.path().filename() == "console"));
  }
}

TEST_CASE("An ordinary run passes the memory guard, and a bad --max-memory is an error") {
  test_support::TempDir dir;
  const auto ok = run_outreach("run scenarios/examples/minimal.toml -n 5 --quiet --max-memory 512MiB --out '" +
                                   (dir.path / "ok").string() + "'",
                               dir.path / "console");
  CHECK(ok.status == 0);
  const auto bad = run_outreach("run scenarios/examples/minimal.toml --max-memory 12XB --out '" +
                                    (dir.path / "bad").string() + "'",
                                dir.path / "console");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Contains("--max-memory: expected a size such as 6GiB, 800MiB or 1000000 (bytes), found \"12XB\""));
}

TEST_CASE("The memory estimate grows with contacts and stops at the population") {
  model::Scenario s = test_support::bare_scenario(100'000);
  s.walk_in.per_day = 10;
  const model::CompiledScenario few(s);
  const auto a = model::estimate_replication(few, false);
  CHECK(a.contacts == Approx(10.0 * (s.end - s.start)));
  s.walk_in.per_day = 100;
  const model::CompiledScenario more(s);
  const auto b = model::estimate_replication(more, false);
  CHECK(b.bytes > a.bytes);
  CHECK(model::estimate_replication(more, true).bytes > b.bytes);  // a kept log costs memory
  s.walk_in.per_day = 1e6;  // far more contacts than people: the people touched stop at 100,000
  const model::CompiledScenario saturated(s);
  CHECK(model::estimate_replication(saturated, false).people == Approx(100'000));
}

TEST_CASE("check --time measures the first replications and projects the scenario's, and check alone simulates nothing") {
  test_support::TempDir dir;
  for (const std::string scenario : {"scenarios/chi_lang_2018_plan.toml", "scenarios/lang_son_2018_province.toml"}) {
    INFO(scenario);
    const auto timed = run_outreach("check " + scenario + " --time", dir.path);
    INFO(timed.err);
    REQUIRE(timed.status == 0);
    const auto at = timed.out.find("Time (measured here): a replication took about ");
    REQUIRE(at != std::string::npos);
    const auto close = timed.out.find(" timed)", at);
    REQUIRE(close != std::string::npos);
    const auto open = timed.out.rfind(" (", close);
    const int n = std::stoi(timed.out.substr(open + 2, close - open - 2));
    CHECK(n >= 1);
    CHECK(n <= 100);
    CHECK_THAT(timed.out, Contains("the scenario's 1000 replications: about "));
    const auto plain = run_outreach("check " + scenario, dir.path);
    REQUIRE(plain.status == 0);
    CHECK(plain.out.find("Time (measured here)") == std::string::npos);
  }
}
