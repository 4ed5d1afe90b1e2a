// Each channel on its own, in a context that records what it emits and fires its work one
// item at a time (whole runs of the channels are in tests/model/run/test_replication.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

#include "model/channels/agents.hpp"
#include "model/channels/door_to_door.hpp"
#include "model/channels/referrals.hpp"
#include "model/channels/sessions.hpp"
#include "model/channels/walk_ins.hpp"
#include "model/run/compiled_scenario.hpp"
#include "model/run/replication.hpp"
#include "model/uptake/conversion.hpp"
#include "tests/support/scenario_builders.hpp"

using namespace model;
using test_support::bare_scenario;

namespace {

class RecordingContext final : public ChannelContext {
 public:
  explicit RecordingContext(const ChannelInputs& in)
      : ChannelContext(in, 1, 0, run_begin(*in.scenario), run_end(*in.scenario)) {}
  void emit_at(sim::Time t, const Event& e) override {
    state_.apply(t, e);
    events.push_back(e);
  }
  std::size_t pending() const { return sim_.pending(); }
  // Fires the earliest pending item with `channel` and returns it.
  Pending fire_next(OutreachChannel& channel) {
    Pending fired;
    sim_.step([&](const Pending& p) {
      fired = p;
      channel.fire(*this, p);
    });
    return fired;
  }
  // Takes the pending work off the queue unfired, in order, with the time each was due.
  std::vector<std::pair<sim::Time, Pending>> take_pending() {
    std::vector<std::pair<sim::Time, Pending>> due;
    while (sim_.step([&](const Pending& p) { due.emplace_back(now(), p); })) {
    }
    return due;
  }
  std::size_t count(EventKind kind) const {
    return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const Event& e) { return e.kind == kind; }));
  }
  std::vector<Event> events;
};

}  // namespace

TEST_CASE("A session with fixed attendance is held on its date, and each attendee is contacted") {
  Scenario s = bare_scenario();
  s.sessions.fixed_attendance = true;
  s.sessions.list.push_back(Session{sim::parse_date("2018-09-20"), 0, 30});
  const CompiledScenario cs(s);
  RecordingContext cx(cs);
  SessionChannel sessions;
  sessions.start(cx);
  REQUIRE(cx.pending() == 1);
  const Pending held = cx.fire_next(sessions);
  CHECK(held.what == Due::session);
  CHECK(cx.now() == cx.at_work(sim::parse_date("2018-09-20")));
  REQUIRE(cx.count(EventKind::session_held) == 1);
  CHECK(cx.events.front().value == 30);
  CHECK(cx.count(EventKind::attended) == 30);  // 30 distinct people of 10,000
}

TEST_CASE("A staff day records who worked, visits, and schedules the next working day") {
  Scenario s = bare_scenario();
  s.door_to_door = DoorToDoor{};
  s.door_to_door->staff = 3;
  s.door_to_door->visits_per_staff_day = 2;
  s.door_to_door->from = sim::parse_date("2018-09-10");
  s.door_to_door->to = sim::parse_date("2018-09-30");
  s.door_to_door->communes = {0};
  const CompiledScenario cs(s);
  RecordingContext cx(cs);
  DoorToDoorChannel door_to_door;
  door_to_door.start(cx);
  REQUIRE(cx.pending() == 1);
  cx.fire_next(door_to_door);
  REQUIRE(cx.count(EventKind::staff_day_worked) == 1);
  CHECK(cx.events.front().value == 3);
  CHECK(cx.count(EventKind::visited) == 6);  // 2 visits each: stochastic rounding of 2 is 2
  // Left on the queue: the decisions the visits started (those due before the deadline) and
  // the next working day, 2018-09-11.
  const auto due = cx.take_pending();
  const auto staff_days = std::count_if(due.begin(), due.end(), [](const auto& d) { return d.second.what == Due::staff_day; });
  CHECK(staff_days == 1);
  CHECK(due.size() <= 7);
  for (const auto& [t, p] : due) {
    if (p.what == Due::staff_day) CHECK(t == cx.at_work(sim::parse_date("2018-09-11")));
    else CHECK((p.what == Due::join || p.what == Due::decline));
  }
}

TEST_CASE("An agent joins on the group's date, then contacts people of their commune") {
  Scenario s = bare_scenario();
  AgentGroup g;
  g.name = "collectors";
  g.count = 1;
  g.joins = sim::parse_date("2018-09-15");
  g.contacts_per_week = 14;
  s.agents.push_back(g);
  const CompiledScenario cs(s);
  RecordingContext cx(cs);
  AgentChannel agents(cs, 1, 0);
  agents.start(cx);
  REQUIRE(cx.pending() == 1);
  CHECK(cx.fire_next(agents).what == Due::agent_join);
  CHECK(cx.count(EventKind::agent_joined) == 1);
  REQUIRE(cx.pending() == 1);
  CHECK(cx.fire_next(agents).what == Due::agent_contact);
  CHECK(cx.count(EventKind::agent_contacted) == 1);
  CHECK(cx.pending() >= 1);  // the next contact, and the decision this one started
}

TEST_CASE("Walk-ins schedule nothing at a rate of zero, and join without a decision otherwise") {
  Scenario s = bare_scenario();
  const CompiledScenario none(s);
  RecordingContext quiet(none);
  WalkInChannel no_walk_ins(1, 0);
  no_walk_ins.start(quiet);
  CHECK(quiet.pending() == 0);

  s.walk_in.per_day = 5;
  const CompiledScenario cs(s);
  RecordingContext cx(cs);
  WalkInChannel walk_ins(1, 0);
  walk_ins.start(cx);
  REQUIRE(cx.pending() == 1);
  cx.fire_next(walk_ins);
  REQUIRE(cx.count(EventKind::enrolled) == 1);  // no season: every arrival joins
  CHECK(cx.events.front().channel == Channel::walk_in);
}

TEST_CASE("A referral contacts someone of the referrer's commune, naming the referrer") {
  Scenario s = bare_scenario();
  const CompiledScenario cs(s);
  RecordingContext cx(cs);
  ReferralChannel referrals;
  referrals.start(cx);
  CHECK(cx.pending() == 0);  // no work of its own until someone joins
  const Person referrer{17, cs.population.locate(17)};
  referrals.fire(cx, Pending{Due::referral, Channel::referral, 0, no_actor, referrer});
  REQUIRE(cx.count(EventKind::referred) == 1);
  CHECK(cx.events.front().value == 17);
  CHECK(cx.events.front().commune == referrer.place.commune);
}

TEST_CASE("The conversion probability is the channel's rate times the class and season factors, at most 1") {
  Scenario s = bare_scenario();
  s.sessions.conversion = 0.1;
  s.word_of_mouth.conversion = 0.5;
  s.seasons.push_back(Season{sim::parse_date("2018-12-01"), sim::parse_date("2018-12-31"), 3});
  const sim::Date october = sim::parse_date("2018-10-01"), december = sim::parse_date("2018-12-10");
  CHECK(conversion_probability(s, Channel::session, 0, 1.0, october) == Approx(0.1));
  // A season scales the background channels unless it names others: not the sessions here.
  CHECK(conversion_probability(s, Channel::session, 0, 2.0, december) == Approx(0.2));
  CHECK(conversion_probability(s, Channel::referral, 0, 1.0, december) == 1.0);
  CHECK(conversion_probability(s, Channel::walk_in, 0, 1.0, october) == 0.0);
  s.seasons.back().scales[static_cast<std::size_t>(Channel::session)] = true;
  CHECK(conversion_probability(s, Channel::session, 0, 2.0, december) == Approx(0.6));
}
