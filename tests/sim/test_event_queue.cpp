#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/simulator.hpp"

using sim::Duration;
using sim::EventQueue;
using sim::Time;

TEST_CASE("Events at the same time and priority fire in insertion order") {
  EventQueue<int> q;
  for (int i = 0; i < 100; ++i) q.push(Time{50}, 3, i);
  for (int i = 0; i < 100; ++i) REQUIRE(q.pop().event == i);
  REQUIRE(q.empty());
}

TEST_CASE("At equal times a lower priority number fires first, then time order rules") {
  EventQueue<int> q;
  q.push(Time{10}, 5, 1);
  q.push(Time{10}, 0, 2);
  q.push(Time{9}, 255, 3);
  q.push(Time{10}, 5, 4);
  std::vector<int> order;
  while (!q.empty()) order.push_back(q.pop().event);
  REQUIRE(order == std::vector<int>{3, 2, 1, 4});
}

TEST_CASE("A cancelled event never fires and its id cannot be cancelled twice") {
  EventQueue<int> q;
  q.push(Time{1}, 0, 1);
  const auto id = q.push(Time{2}, 0, 2);
  q.push(Time{3}, 0, 3);
  q.cancel(id);
  REQUIRE(q.size() == 2);
  REQUIRE(q.pop().event == 1);
  REQUIRE(q.pop().event == 3);
  REQUIRE(q.empty());
  REQUIRE_THROWS_AS(q.cancel(id), sim::UnknownEventError);
}

TEST_CASE("Cancelling an unknown or already fired event throws") {
  EventQueue<int> q;
  REQUIRE_THROWS_AS(q.cancel(sim::EventId{}), sim::UnknownEventError);
  const auto id = q.push(Time{1}, 0, 1);
  q.pop();
  REQUIRE_THROWS_AS(q.cancel(id), sim::UnknownEventError);
  // The slot is reused by a new event; the old id must still be unknown.
  q.push(Time{2}, 0, 2);
  REQUIRE_THROWS_AS(q.cancel(id), sim::UnknownEventError);
}

// A sorted vector is the obviously correct reference for the queue's order.
TEST_CASE("The queue matches a sorted-vector reference over 100000 random operations") {
  struct Ref {
    std::int64_t time;
    int priority;
    std::uint64_t seq;
    int value;
    sim::EventId id;
  };
  EventQueue<int> q;
  std::vector<Ref> ref;
  std::mt19937_64 rng(12345);
  std::uint64_t seq = 0;
  std::int64_t now = 0;
  int next_value = 0;
  for (int op = 0; op < 100000; ++op) {
    const auto r = rng() % 10;
    if (r < 5 || ref.empty()) {
      const std::int64_t t = now + static_cast<std::int64_t>(rng() % 20);  // many ties
      const int prio = static_cast<int>(rng() % 3);
      const auto id = q.push(Time{t}, static_cast<sim::Priority>(prio), next_value);
      ref.push_back({t, prio, seq++, next_value++, id});
    } else if (r < 7) {
      const auto k = rng() % ref.size();
      q.cancel(ref[k].id);
      ref.erase(ref.begin() + static_cast<std::ptrdiff_t>(k));
    } else {
      auto best = std::min_element(ref.begin(), ref.end(), [](const Ref& a, const Ref& b) {
        return std::tie(a.time, a.priority, a.seq) < std::tie(b.time, b.priority, b.seq);
      });
      REQUIRE(q.next_time().seconds == best->time);
      const auto p = q.pop();
      REQUIRE(p.event == best->value);
      REQUIRE(p.time.seconds == best->time);
      now = best->time;
      ref.erase(best);
    }
    REQUIRE(q.size() == ref.size());
  }
}

TEST_CASE("The simulator fires events in order and advances its clock") {
  sim::Simulator<int> s(Time{100});
  std::vector<std::pair<std::int64_t, int>> fired;
  s.schedule_at(Time{300}, 3);
  s.schedule_after(Duration{50}, 1);
  s.schedule_at(Time{150}, 2);
  auto handler = [&](int e) {
    fired.emplace_back(s.now().seconds, e);
    if (e == 1) s.schedule_after(Duration{0}, 10);  // same time, after the already pending 2
  };
  REQUIRE(s.run_until(Time{200}, handler) == 3);
  REQUIRE(fired == std::vector<std::pair<std::int64_t, int>>{{150, 1}, {150, 2}, {150, 10}});
  REQUIRE(s.now() == Time{200});
  REQUIRE(s.step(handler));
  REQUIRE(fired.back() == std::pair<std::int64_t, int>{300, 3});
  REQUIRE_FALSE(s.step(handler));
  REQUIRE(s.events_processed() == 4);
}

TEST_CASE("Scheduling in the past, at NaN or beyond the horizon throws in every build") {
  sim::Simulator<int> s(Time{1000});
  REQUIRE_THROWS_AS(s.schedule_at(Time{999}, 0), sim::SchedulingError);
  REQUIRE_THROWS_AS(s.schedule_after(Duration{-1}, 0), sim::SchedulingError);
  REQUIRE_THROWS_AS(s.schedule_after(Duration::days(std::nan("")), 0), std::domain_error);
  REQUIRE_THROWS_AS(s.schedule_after(Duration::days(INFINITY), 0), std::domain_error);
  REQUIRE_THROWS_AS(s.schedule_after(Duration::days(1e300), 0), std::domain_error);
  REQUIRE_THROWS_AS(s.schedule_at(Time{Time::max_seconds + 1}, 0), std::domain_error);
  REQUIRE_THROWS_AS(s.schedule_after(Duration{Time::max_seconds}, 0), std::domain_error);
  REQUIRE_THROWS_AS(s.run_until(Time{10}, [](int) {}), sim::SchedulingError);
  REQUIRE(s.pending() == 0);
}

TEST_CASE("Cancelling through the simulator removes the event and rejects unknown ids") {
  sim::Simulator<int> s;
  const auto id = s.schedule_at(Time{5}, 7);
  s.cancel(id);
  int fired = 0;
  s.run_until(Time{10}, [&](int) { ++fired; });
  REQUIRE(fired == 0);
  REQUIRE_THROWS_AS(s.cancel(id), sim::UnknownEventError);
}

// The 4-ary heap's index arithmetic has edge cases at small sizes (a root with 1..3 children,
// a last group with fewer than four children); cover every size up to 20 with cancels at each
// position, then drain, interleaving pops and pushes so the hole at the root is exercised.
TEST_CASE("Every queue size up to 20 pops in order after cancelling any one event") {
  std::mt19937_64 rng(7);
  for (int n = 0; n <= 20; ++n) {
    for (int victim = -1; victim < n; ++victim) {
      EventQueue<int> q;
      std::vector<std::tuple<std::int64_t, int, int>> ref;  // (time, priority, value = seq)
      std::vector<sim::EventId> ids;
      for (int i = 0; i < n; ++i) {
        const auto t = static_cast<std::int64_t>(rng() % 6);
        const int prio = static_cast<int>(rng() % 2);
        ids.push_back(q.push(Time{t}, static_cast<sim::Priority>(prio), i));
        ref.emplace_back(t, prio, i);
      }
      if (victim >= 0) {
        q.cancel(ids[static_cast<std::size_t>(victim)]);
        ref.erase(ref.begin() + victim);
        REQUIRE_THROWS_AS(q.cancel(ids[static_cast<std::size_t>(victim)]), sim::UnknownEventError);
      }
      REQUIRE(q.size() == ref.size());
      std::sort(ref.begin(), ref.end());
      std::int64_t now = 0;
      int next_value = n;
      while (!ref.empty()) {
        const auto p = q.pop();
        REQUIRE(p.time.seconds == std::get<0>(ref.front()));
        REQUIRE(static_cast<int>(p.priority) == std::get<1>(ref.front()));
        REQUIRE(p.event == std::get<2>(ref.front()));
        now = p.time.seconds;
        ref.erase(ref.begin());
        if (rng() % 3 == 0) {  // fills the hole at the root
          const std::int64_t t = now + static_cast<std::int64_t>(rng() % 3);
          q.push(Time{t}, 0, next_value);
          ref.emplace_back(t, 0, next_value++);
          std::sort(ref.begin(), ref.end());
        }
        REQUIRE(q.size() == ref.size());
      }
      REQUIRE(q.empty());
      REQUIRE_THROWS_AS(q.pop(), std::logic_error);
    }
  }
}

// Above 2^14 entries the sift also prefetches; the order must be unaffected.
TEST_CASE("A queue of 40000 events keeps its order through holds and a full drain") {
  EventQueue<int> q;
  std::mt19937_64 rng(99);
  for (int i = 0; i < 40000; ++i) q.push(Time{static_cast<std::int64_t>(rng() % 1000)}, 0, i);
  // All priorities are equal, so the events must come out in (time, seq) order.
  std::pair<std::int64_t, std::uint64_t> last{-1, 0};
  const auto pop_in_order = [&] {
    const auto p = q.pop();
    const std::pair<std::int64_t, std::uint64_t> current{p.time.seconds, p.id.seq};
    REQUIRE(last < current);
    last = current;
    return p;
  };
  for (int i = 0; i < 100000; ++i) {  // the hold model: pop the earliest, push a later one
    const auto p = pop_in_order();
    q.push(Time{p.time.seconds + static_cast<std::int64_t>(rng() % 1000)}, 0, p.event);
  }
  REQUIRE(q.size() == 40000);
  while (!q.empty()) pop_in_order();
}

TEST_CASE("A saved queue restores to one that pops the same events, and a disordered one is refused") {
  sim::EventQueue<int> q;
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300; ++i) q.push(sim::Time{static_cast<std::int64_t>(rng() % 1000)}, static_cast<sim::Priority>(rng() % 3), i);
  for (int i = 0; i < 50; ++i) q.pop();  // leaves a hole at the root, which save settles
  std::vector<std::uint8_t> bytes;
  sim::ByteWriter w(bytes);
  q.save(w, [](int e, sim::ByteWriter& out) { out.put<std::int32_t>(e); });

  sim::EventQueue<int> copy;
  sim::ByteReader r(bytes);
  copy.restore(r, [](sim::ByteReader& in) { return static_cast<int>(in.get<std::int32_t>()); });
  REQUIRE(r.at_end());
  // New events take the same sequence numbers in both, so ties still break the same way.
  REQUIRE(q.push(sim::Time{500}, 0, -1) == copy.push(sim::Time{500}, 0, -1));
  while (!q.empty()) {
    const auto a = q.pop(), b = copy.pop();
    REQUIRE(a.time == b.time);
    REQUIRE(a.id == b.id);
    REQUIRE(a.event == b.event);
  }
  REQUIRE(copy.empty());

  // The root moved to the end of time: no longer a heap.
  auto bad = bytes;
  const std::int64_t late = sim::Time::max_seconds;
  std::memcpy(bad.data() + 16, &late, sizeof late);  // after next_seq and the count
  sim::EventQueue<int> refused;
  sim::ByteReader br(bad);
  CHECK_THROWS_AS(refused.restore(br, [](sim::ByteReader& in) { return static_cast<int>(in.get<std::int32_t>()); }),
                  sim::DecodeError);
}
