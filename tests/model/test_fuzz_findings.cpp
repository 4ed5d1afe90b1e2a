// Inputs that once crashed or misled outreach, found by the fuzz targets (fuzz/, scripts/fuzz.sh)
// or while writing them, kept in tests/fuzz_findings/ with what each must now give.
#include <catch2/catch.hpp>

#include <string>

#include "model/embedded_scenario.hpp"
#include "run_binary.hpp"
#include "temp_dir.hpp"

using Catch::Matchers::StartsWith;
using test_support::run_outreach;

// Found writing the event-log target: an event log's metadata names the scenario's path, which
// no digest covers. A path ending in ".." (scenario_path_dotdot.log) or a file name too long
// for the file system (scenario_path_too_long.log: 300 characters) named the temporary copy
// the log is replayed from, which could then not be written: exit 1, "cannot write". Both logs
// are fuzz/corpus/event_log/plain.log with that one metadata entry changed.
TEST_CASE("A log whose metadata names its scenario '..' or by an over-long name still verifies") {
  for (const std::string name : {"scenario_path_dotdot.log", "scenario_path_too_long.log"}) {
    DYNAMIC_SECTION(name) {
      const test_support::TempDir dir;
      const auto r = run_outreach("replay --verify tests/fuzz_findings/" + name, dir.path);
      INFO(r.err);
      CHECK(r.status == 0);
      CHECK_THAT(r.out, StartsWith("ok: "));
    }
  }
}

TEST_CASE("Files made from an embedded path are named by it only when it can name a file") {
  CHECK(model::embedded_file_name("scenarios/plan.toml", "scenario.toml") == "plan.toml");
  CHECK(model::embedded_file_name("plan.toml", "scenario.toml") == "plan.toml");
  CHECK(model::embedded_file_name("scenarios/..", "scenario.toml") == "scenario.toml");
  CHECK(model::embedded_file_name("scenarios/.", "scenario.toml") == "scenario.toml");
  CHECK(model::embedded_file_name("scenarios/", "scenario.toml") == "scenario.toml");
  CHECK(model::embedded_file_name("", "scenario.toml") == "scenario.toml");
  CHECK(model::embedded_file_name(std::string(201, 'a'), "scenario.toml") == "scenario.toml");
  CHECK(model::embedded_file_name(std::string(200, 'a'), "scenario.toml") == std::string(200, 'a'));
}
