#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/population/population.hpp"

namespace {

// Communes of varied sizes, some empty, so ids fall on every kind of boundary.
std::vector<model::Commune> communes(int n) {
  std::vector<model::Commune> cs;
  for (int i = 0; i < n; ++i) {
    model::Commune c;
    c.name = "c" + std::to_string(i);
    c.households = 10;
    c.poor_share = 0.2;
    c.near_poor_share = 0.1;
    c.eligible = (i % 4 == 2) ? 0 : 1 + (i * 7) % 13;
    cs.push_back(c);
  }
  return cs;
}

}  // namespace

TEST_CASE("Every person id maps to the commune and class block that holds it") {
  for (int n = 1; n <= 23; ++n) {
    const auto cs = communes(n);
    const model::PopulationIndex index(cs);
    std::uint64_t id = 0;
    for (int c = 0; c < n; ++c) {
      const auto by_class = cs[static_cast<std::size_t>(c)].eligible_by_class();
      for (const model::PovertyClass k : model::all_poverty_classes) {
        for (std::int64_t j = 0; j < by_class[k]; ++j, ++id) {
          const model::PersonPlace p = index.locate(id);
          INFO("communes " << n << ", person " << id);
          REQUIRE(p.commune == c);
          REQUIRE(p.klass == k);
        }
      }
    }
    REQUIRE(id == index.total());
    REQUIRE_THROWS_AS(index.locate(id), std::out_of_range);
  }
}
