#pragma once
// The classic hold model: a pending set of N events; repeatedly take the earliest and schedule
// one at now + Exp(1) day. Measures the engine's queue and its full simulator loop against a
// plain std::priority_queue loop with the same keys, payloads and draws.
#include <boost/random/exponential_distribution.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <queue>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/random_stream.hpp"
#include "sim/simulator.hpp"

namespace bench {


using Clock = std::chrono::steady_clock;

// The size of the outreach model's scheduled events (16 bytes).
struct Payload {
  std::uint64_t subject;
  std::uint64_t detail;
};

// The baseline orders by (time, insertion sequence), as the engine does.
struct PqEntry {
  std::int64_t time;
  std::uint64_t seq;
  Payload payload;
  bool operator>(const PqEntry& o) const {
    return time > o.time || (time == o.time && seq > o.seq);
  }
};

inline sim::Duration exp_delay(boost::random::exponential_distribution<double>& d,
                        sim::RandomStream& s) {
  return sim::Duration{static_cast<std::int64_t>(d(s) * sim::Duration::seconds_per_day)};
}

template <class F>
double best_rate(std::uint64_t ops, F&& f) {
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = Clock::now();
    f();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::max(best, double(ops) / s);
  }
  return best;
}

inline std::uint64_t sink = 0;  // keeps results alive so the loops are not optimised away

inline double priority_queue_holds(std::size_t n, std::uint64_t holds) {
  return best_rate(holds, [&] {
    sim::RandomStream s(1, n, "hold");
    boost::random::exponential_distribution<double> expo(1.0);
    std::priority_queue<PqEntry, std::vector<PqEntry>, std::greater<>> q;
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < n; ++i) q.push({exp_delay(expo, s).seconds, seq++, {i, 0}});
    for (std::uint64_t i = 0; i < holds; ++i) {
      const PqEntry top = q.top();
      q.pop();
      q.push({top.time + exp_delay(expo, s).seconds, seq++, top.payload});
    }
    sink += q.top().payload.subject;
  });
}

inline double engine_queue_holds(std::size_t n, std::uint64_t holds) {
  return best_rate(holds, [&] {
    sim::RandomStream s(1, n, "hold");
    boost::random::exponential_distribution<double> expo(1.0);
    sim::EventQueue<Payload> q;
    for (std::size_t i = 0; i < n; ++i) q.push(sim::Time{exp_delay(expo, s).seconds}, 0, {i, 0});
    for (std::uint64_t i = 0; i < holds; ++i) {
      const auto top = q.pop();
      q.push(sim::Time{top.time.seconds + exp_delay(expo, s).seconds}, 0, top.event);
    }
    sink += q.pop().event.subject;
  });
}

inline double simulator_loop_events(std::size_t n, std::uint64_t events) {
  return best_rate(events, [&] {
    sim::RandomStream s(1, n, "hold");
    boost::random::exponential_distribution<double> expo(1.0);
    sim::Simulator<Payload> simulator;
    for (std::size_t i = 0; i < n; ++i) simulator.schedule_after(exp_delay(expo, s), {i, 0});
    auto handler = [&](const Payload& p) { simulator.schedule_after(exp_delay(expo, s), p); };
    for (std::uint64_t i = 0; i < events; ++i) simulator.step(handler);
    sink += simulator.events_processed();
  });
}

}  // namespace bench
