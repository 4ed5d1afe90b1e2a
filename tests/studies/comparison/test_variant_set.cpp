#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

#include "model/scenario/scenario_error.hpp"
#include "studies/comparison/variant_set.hpp"
#include "tests/support/run_binary.hpp"
#include "tests/support/variant_finals.hpp"

using namespace model;

namespace {

const std::string plan = (test_support::repo_root() / "scenarios/chi_lang_2018_plan.toml").string();

std::vector<std::pair<std::uint64_t, std::int64_t>> finals(const VariantSet& v, unsigned threads) {
  std::vector<std::pair<std::uint64_t, std::int64_t>> out;
  for (const auto& [rep, kept] : test_support::variant_finals(v, 6, threads))
    for (const std::int64_t f : kept) out.emplace_back(rep, f);
  return out;
}

}  // namespace

TEST_CASE("Variants run on common random numbers, in replication order, for any thread count") {
  const VariantSet v(plan, {"door_to_door.conversion=0.08"},
                     {{"sessions.conversion=0.05"}, {"sessions.conversion=0.05"}, {"sessions.conversion=0.09"}});
  REQUIRE(v.size() == 3);
  const auto one = finals(v, 1);
  REQUIRE(one == finals(v, 2));
  REQUIRE(one.size() == 18);
  bool higher_somewhere = false;
  for (std::size_t i = 0; i < one.size(); i += 3) {
    REQUIRE(one[i].first == i / 3);
    REQUIRE(one[i].second == one[i + 1].second);  // the same variant twice: the same draws
    higher_somewhere |= one[i + 2].second > one[i].second;
  }
  REQUIRE(higher_somewhere);
}

TEST_CASE("A variant that fails the scenario's checks is named in the error") {
  try {
    VariantSet(plan, {}, {{"sessions.conversion=0.05"}, {"sessions.conversion=1.5"}}, "sweep point");
    FAIL("no error");
  } catch (const ScenarioError& e) {
    REQUIRE(e.file == "--set");
    REQUIRE(e.key == "sessions.conversion");
    REQUIRE(e.detail.rfind("sweep point 2 (sessions.conversion=1.5): ", 0) == 0);
  }
}
