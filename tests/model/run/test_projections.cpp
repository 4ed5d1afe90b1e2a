#include <catch2/catch.hpp>

#include <vector>

#include "model/run/projections.hpp"
#include "tests/support/scenario_builders.hpp"

using namespace model;

namespace {

std::vector<std::uint8_t> bytes_of(const Projections& p) {
  std::vector<std::uint8_t> out;
  sim::ByteWriter w(out);
  p.save(w);
  return out;
}

// Applies e to one report, if it says it does not read e's kind, and checks nothing changed:
// Projections::apply skips such calls.
template <class Report>
void check_ignored(Projections& p, Report& report, sim::Time t, const Event& e) {
  if (Report::reads(e.kind)) return;
  const auto before = bytes_of(p);
  report.apply(t, e);
  REQUIRE(bytes_of(p) == before);
}

}  // namespace

TEST_CASE("A report that does not read an event kind is unchanged by it") {
  const Scenario s = test_support::bare_scenario();
  Projections p(s);
  const sim::Time t = (s.start + 3).to_time();
  for (int k = 0; k < event_kind_count; ++k)
    for (int c = 0; c < channel_count; ++c) {
      Event e;
      e.kind = static_cast<EventKind>(k);
      e.channel = static_cast<Channel>(c);
      e.actor = 0;
      e.value = 3;
      check_ignored(p, p.daily, t, e);
      check_ignored(p, p.breakdown, t, e);
      check_ignored(p, p.funnel, t, e);
      check_ignored(p, p.costs, t, e);
    }
}
