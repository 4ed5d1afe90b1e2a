#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/same_result.hpp"

namespace {

model::Scenario shipped(const std::string& name) {
  return model::load_scenario((test_support::repo_root() / "scenarios" / name).string());
}

sim::Time at(const char* iso) { return sim::parse_iso_time(iso); }

}  // namespace

TEST_CASE("A replication checkpointed at any time and resumed ends exactly as an uninterrupted run") {
  for (const char* name : {"chi_lang_2018_plan.toml", "chi_lang_2018_ledger.toml"}) {
    const model::Scenario s = shipped(name);
    const model::CompiledScenario cs(s);
    const model::ReplicationOptions keep{true};
    for (const std::uint64_t rep : {7u}) {  // one: each costs 16 plan runs, slow under sanitizers
      const model::ReplicationResult whole = model::run_replication(cs, s.seed, rep, keep);
      // Before the first event, on a session's morning (a time with events), mid-run, after
      // the deadline.
      for (const char* t : {"2018-09-06T00:00:00", "2018-09-19T08:00:00", "2018-11-02T13:17:00",
                            "2018-12-31T23:59:59", "2019-03-01T00:00:00"}) {
        INFO(name << ", replication " << rep << ", checkpoint at " << t);
        const auto bytes = model::checkpoint_replication(cs, s.seed, rep, at(t), keep);
        CHECK(bytes == model::checkpoint_replication(cs, s.seed, rep, at(t), keep));
        const model::ReplicationResult resumed = model::resume_replication(cs, bytes);
        test_support::require_same_result(resumed, whole);
        REQUIRE(resumed.log == whole.log);
      }
    }
  }
}

TEST_CASE("A damaged checkpoint or one of another scenario is refused") {
  const model::Scenario plan = shipped("chi_lang_2018_plan.toml");
  const model::CompiledScenario cs(plan);
  const auto bytes = model::checkpoint_replication(cs, plan.seed, 0, at("2018-10-15T00:00:00"));
  for (const std::size_t i : {std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    auto damaged = bytes;
    damaged[i] ^= 0x10;
    CHECK_THROWS_AS(model::resume_replication(cs, damaged), sim::DecodeError);
  }
  CHECK_THROWS_AS(model::resume_replication(cs, std::span(bytes).first(bytes.size() / 2)), sim::DecodeError);

  const model::Scenario topup = shipped("chi_lang_2018_topup.toml");
  const model::CompiledScenario other(topup);
  CHECK_THROWS_WITH(model::resume_replication(other, bytes), Catch::Contains("another scenario"));
}
