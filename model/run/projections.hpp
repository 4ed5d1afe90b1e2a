#pragma once
// Reports are folds over the events, like State. The live run and a replay of a saved log
// drive the same `apply`, so both produce the same reports.
#include <array>
#include <cstdint>
#include <vector>

#include "model/domain/event.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/time.hpp"

namespace model {

// New sign-ups and lapses per day, for the days after the start through the deadline.
struct DailySeries {
  sim::Date first_day;                  // the day after the start
  std::vector<std::int32_t> new_members;
  std::vector<std::int32_t> lapses;
  explicit DailySeries(const Scenario& s);
  static constexpr bool reads(EventKind k) { return k == EventKind::enrolled || k == EventKind::lapsed; }
  void apply(sim::Time t, const Event& e);
};

// New members by commune × poverty class × channel.
struct Breakdown {
  int communes = 0;
  std::vector<std::int32_t> counts;
  explicit Breakdown(const Scenario& s);
  static constexpr bool reads(EventKind k) { return k == EventKind::enrolled; }
  static std::size_t index(int commune, PovertyClass k, Channel c) {
    return (static_cast<std::size_t>(commune) * poverty_class_count + static_cast<int>(k)) *
               new_member_channel_count + static_cast<int>(c);
  }
  void apply(sim::Time t, const Event& e);
};

// Contacts and their outcomes, per channel.
struct Funnel {
  struct Stage {
    std::int64_t contacts = 0, enrolled = 0, declined = 0;
  };
  std::array<Stage, new_member_channel_count> by_channel{};
  static constexpr bool reads(EventKind k) {
    return k == EventKind::attended || k == EventKind::visited || k == EventKind::agent_contacted ||
           k == EventKind::referred || k == EventKind::enrolled || k == EventKind::declined;
  }
  void apply(sim::Time t, const Event& e);
};

// What the plan costs, in VND, by item.
struct Costs {
  double sessions = 0, staff_days = 0, commissions = 0, top_up = 0;
  // Agents' pay besides commissions, fixed by the scenario (model/scenario/agent_units.hpp): set
  // when constructed, never by events, so checkpoints and replication records need not hold it.
  double agent_allowances = 0, agent_training = 0;
  double total() const { return sessions + staff_days + commissions + top_up + agent_allowances + agent_training; }
  explicit Costs(const Scenario& s);
  static constexpr bool reads(EventKind k) {
    return k == EventKind::session_held || k == EventKind::staff_day_worked || k == EventKind::enrolled;
  }
  void apply(sim::Time t, const Event& e);

 private:
  double cost_per_session_, cost_per_staff_day_;
  std::vector<double> commission_by_agent_;
  PerClass<double> top_up_per_member_;
};

struct Projections {
  DailySeries daily;
  Breakdown breakdown;
  Funnel funnel;
  Costs costs;
  explicit Projections(const Scenario& s)
      : daily(s), breakdown(s), costs(s), begin_((s.start + 1).to_time()) {}
  // Every count and amount, for checkpoints (costs as the doubles' bits, so exactly).
  void save(sim::ByteWriter& w) const;
  // Throws sim::DecodeError for bytes that are not projections of this shape.
  void restore(sim::ByteReader& r);
  // Reports cover the run: a ledger's facts before it are state, not results of the plan.
  // Each report is called only for the kinds it reads (`reads`, beside its `apply`): most
  // events are contacts, which only the funnel counts.
  void apply(sim::Time t, const Event& e) {
    if (t < begin_) return;
    if (DailySeries::reads(e.kind)) daily.apply(t, e);
    if (Breakdown::reads(e.kind)) breakdown.apply(t, e);
    if (Funnel::reads(e.kind)) funnel.apply(t, e);
    if (Costs::reads(e.kind)) costs.apply(t, e);
  }

 private:
  sim::Time begin_;
};

}  // namespace model
