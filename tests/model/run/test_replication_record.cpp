#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <sstream>

#include "model/run/batch_summary.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/run/replication_record.hpp"
#include "model/run/run_outputs.hpp"
#include "model/run/scenario_runner.hpp"
#include "model/scenario/scenario_digest.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "tests/support/same_result.hpp"
#include "tests/support/scenario_builders.hpp"

using namespace model;
using Catch::Matchers::Contains;

namespace {

std::string all_outputs(const Scenario& s, const BatchSummary& b) {
  std::ostringstream os;
  write_summary_csv(os, s, b);
  write_replications_csv(os, b);
  write_daily_csv(os, s, b);
  write_breakdown_csv(os, s, b);
  write_funnel_csv(os, b);
  write_costs_csv(os, b);
  os << b.engine_events() << ' ' << b.events() << ' ' << b.fingerprint();
  return os.str();
}

}  // namespace

TEST_CASE("A replication's journal record decodes to the same result and the same summaries") {
  // The plan uses every costed channel, lapses and the active-members figures.
  Scenario s = load_scenario("scenarios/chi_lang_2018_plan.toml");
  s.metric = TargetMetric::active_members;  // the running count then falls with lapses
  const ScenarioRunner runner(s);  // its uncertain parameters' draws are part of the record
  BatchSummary live(s), decoded(s);
  std::size_t bytes = 0;
  for (std::uint64_t rep = 0; rep < 3; ++rep) {
    std::vector<ReplicationResult> results;
    results.push_back(runner.run(s.seed, rep));
    REQUIRE(results.back().parameters.size() == s.uncertain.size());
    const std::vector<std::uint8_t> record = encode_replication_record(rep, results);
    bytes += record.size();
    const auto back = decode_replication_record(record, rep, {&s});
    REQUIRE(back.size() == 1);
    test_support::require_same_result(back[0], results[0]);
    live.add(rep, results[0]);
    decoded.add(rep, back[0]);
  }
  CHECK(live.cost().mean() > 0);
  CHECK(all_outputs(s, decoded) == all_outputs(s, live));
  INFO("bytes per replication: " << bytes / 3);
  CHECK(bytes / 3 < 1000);  // compact: a few hundred bytes for 117 days and 315 cells
}

TEST_CASE("A journal record that does not fit the replication or the plans is refused") {
  const Scenario s = load_scenario("scenarios/examples/minimal.toml");
  const CompiledScenario cs(s);
  std::vector<ReplicationResult> results;
  results.push_back(run_replication(cs, s.seed, 4));
  std::vector<std::uint8_t> record = encode_replication_record(4, results);
  CHECK_THROWS_WITH(decode_replication_record(record, 5, {&s}), Contains("holds replication 4, expected 5"));
  CHECK_THROWS_WITH(decode_replication_record(record, 4, {&s, &s}), Contains("plans"));
  const Scenario other = test_support::bare_scenario();  // one commune, not 21
  CHECK_THROWS_WITH(decode_replication_record(record, 4, {&other}), Contains("breakdown cells"));
  CHECK_THROWS_AS(decode_replication_record(std::span(record).first(record.size() - 1), 4, {&s}),
                  sim::DecodeError);
  record.push_back(0);
  CHECK_THROWS_WITH(decode_replication_record(record, 4, {&s}), Contains("left over"));
}

TEST_CASE("The scenario digest follows every resolved value, --set and the data files, not the path or the sources") {
  const Scenario s = load_scenario("scenarios/examples/minimal.toml");
  const std::string d = scenario_digest(s);
  CHECK(d.size() == 64);
  CHECK(scenario_digest(load_scenario("scenarios/examples/minimal.toml")) == d);
  CHECK(scenario_digest(load_scenario("scenarios/examples/minimal.toml", {"walk_in.per_day=0.6"})) != d);
  CHECK(scenario_digest(load_scenario("scenarios/examples/minimal.toml", {"run.seed=7"})) != d);

  Scenario moved = s;
  moved.path = "elsewhere/minimal.toml";
  for (ResolvedValue& v : moved.resolved) v.source = "somewhere else";
  CHECK(scenario_digest(moved) == d);

  // A value changed without the loader's record of it still changes the digest.
  Scenario changed = s;
  changed.walk_in.per_day = std::nextafter(s.walk_in.per_day, 1.0);
  CHECK(scenario_digest(changed) != d);
  changed = s;
  changed.communes[3].eligible += 1;
  CHECK(scenario_digest(changed) != d);
  // So does a data file's content, even where no value shows it (a comment).
  changed = s;
  REQUIRE_FALSE(changed.sources.data_files.empty());
  changed.sources.data_files[0].text += "# a comment\n";
  CHECK(scenario_digest(changed) != d);
}
