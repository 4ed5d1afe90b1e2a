// PersonTable has two indexes (an array up to dense_limit people, a hash map beyond): both must
// hold the same records, and a table built after another on the same thread (which inherits its
// array) must start empty.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "model/population/person_table.hpp"

using model::PersonStatus;
using model::PersonTable;

namespace {

// Adds the same people in the same order and marks every second one a member.
std::vector<std::uint64_t> fill(PersonTable& t, std::uint64_t population) {
  const std::vector<std::uint64_t> ids = {population - 1, 0, 7, population / 2, 3};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto [record, added] = t.try_emplace(ids[i]);
    REQUIRE(added);
    if (i % 2 == 0) record->status = PersonStatus::member;
  }
  return ids;
}

}  // namespace

TEST_CASE("PersonTable: the array index and the hash map hold the same records") {
  for (const std::uint64_t population : {PersonTable::dense_limit, PersonTable::dense_limit + 1}) {
    INFO("population " << population);
    PersonTable t(population);
    const auto ids = fill(t, population);
    CHECK(t.size() == ids.size());
    CHECK(t.ids() == ids);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const model::PersonRecord* r = t.find(ids[i]);
      REQUIRE(r != nullptr);
      CHECK(r->status == (i % 2 == 0 ? PersonStatus::member : PersonStatus::aware));
      CHECK(r == &t.records()[i]);
    }
    CHECK(t.find(1) == nullptr);
    const auto [again, added] = t.try_emplace(ids[1]);
    CHECK_FALSE(added);
    CHECK(again == t.find(ids[1]));
    t.clear();
    CHECK(t.size() == 0);
    CHECK(t.find(ids[0]) == nullptr);
  }
}

TEST_CASE("PersonTable: a table that inherits the thread's array starts empty") {
  const std::uint64_t population = 1000;
  std::vector<std::uint64_t> used;
  {
    PersonTable first(population);
    used = fill(first, population);
  }
  PersonTable larger(2 * population);
  for (const std::uint64_t id : used) CHECK(larger.find(id) == nullptr);
  CHECK(larger.try_emplace(2 * population - 1).second);
  PersonTable smaller(population / 2);
  for (const std::uint64_t id : {std::uint64_t{0}, std::uint64_t{3}, std::uint64_t{7}})
    CHECK(smaller.find(id) == nullptr);
}
