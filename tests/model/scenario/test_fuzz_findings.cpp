// Inputs that once crashed or misled outreach, found by the fuzz targets (fuzz/, scripts/fuzz.sh)
// or while writing them, kept in tests/fuzz_findings/ with what each must now give.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "model/scenario/embedded_scenario.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/temp_dir.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using test_support::run_outreach;

namespace {

// `outreach check tests/fuzz_findings/FILE` must exit 2 with the message, for each (FILE, message).
void require_check_refuses(const std::vector<std::pair<std::string, std::string>>& cases) {
  for (const auto& [file, expected] : cases) {
    DYNAMIC_SECTION(file) {
      const test_support::TempDir dir;
      const auto r = run_outreach("check tests/fuzz_findings/" + file, dir.path);
      CHECK(r.status == 2);
      CHECK_THAT(r.err, Contains(expected));
    }
  }
}

}  // namespace

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

// Found running the scenario target on hand-made populations (UBSan: signed integer overflow
// summing the communes' eligible people for a quota check), and by review next to it: more
// people than ids can number, and more initial members than eligible people, were accepted by
// the loader and failed later with exit 1.
TEST_CASE("Populations too large to number, and more initial members than people, exit 2 naming the key") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"eligible_total_overflow.toml",
       "eligible_total_overflow.toml:14: key 'population.commune[0].eligible': expected the communes' "
       "eligible people to total at most 281474976710655, found 9223372036854775806 more after 0"},
      {"eligible_total_overflow_csv.toml",
       "eligible_total_overflow.csv:3: column 'eligible': expected the communes' eligible people to "
       "total at most 281474976710655, found \"200000000000000\" more after 200000000000000"},
      {"more_initial_members_than_people.toml",
       "more_initial_members_than_people.toml:8: key 'scenario.enrolled_at_start': expected at most "
       "the population's 650 eligible people, found 1000"},
  };
  require_check_refuses(cases);
}

// Found by the scenario target: a byte that is not UTF-8 inside a literal string ('...' or
// '''...''') made toml11 3.7 read outside its buffer as it built its message (ASan:
// heap-buffer-overflow in toml::detail::location::reset). Text that is not UTF-8 is now refused
// before toml11 sees it, in a scenario file and in a --set value.
TEST_CASE("Bytes that are not UTF-8 in a literal string exit 2 naming the line, before the TOML parser") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"non_utf8_literal_string.toml", "non_utf8_literal_string.toml:4: not valid UTF-8 at byte 14 of the line (0xe3)"},
      {"non_utf8_multiline_literal_string.toml",
       "non_utf8_multiline_literal_string.toml:3: not valid UTF-8 at byte 16 of the line (0xe3)"},
  };
  require_check_refuses(cases);
  SECTION("in a --set value") {
    const test_support::TempDir dir;
    const auto r = run_outreach("check scenarios/examples/minimal.toml --set \"scenario.name='Chi L\xe3ng'\"", dir.path);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Contains("--set: key 'scenario.name': cannot read the value"));
  }
}

// Found by the event-log target: a scenario path whose file name starts with a NUL byte (the
// metadata is length-prefixed, so any byte fits) named the scenario's temporary folder itself,
// which could not be written: exit 1, "cannot write". The log is the target's input with its
// checksums recomputed (FUZZ_RESEALED, fuzz/fuzz_event_log.cpp); a mutated record then makes it
// fail verification, which must be reported as such.
TEST_CASE("A log whose metadata names its scenario with a NUL byte reports its real violation") {
  const test_support::TempDir dir;
  const auto r = run_outreach("replay --verify tests/fuzz_findings/scenario_path_nul.log", dir.path);
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("scenario_path_nul.log: record 1 (byte 2105, 2018-08-10 08:00:00): a session of -1 people "
                             "in commune 0 on 2018-08-10 that the scenario's ledger does not list"));
  CHECK(model::embedded_file_name(std::string("x/\0a.toml", 9), "scenario.toml") == "scenario.toml");
}
