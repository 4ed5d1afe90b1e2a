#pragma once
// The consistency rules of an outreach event log: what a log written by a run always
// satisfies, so that a log which breaks one was damaged, edited or written by a bug. Checked
// by `outreach replay --verify`, and before each event a replay applies.
//
// The checker keeps the State the events build (through State::apply, whose own refusals -
// a second sign-up, a refusal without a decision, a lapse of a non-member - are reported as
// violations too) and, beside it, only what State does not hold: the contact that opened each
// pending decision, the last session held and staff day worked, the count of initial members.
#include <cstdint>
#include <string>

#include <absl/container/flat_hash_map.h>

#include "model/domain/event.hpp"
#include "model/population/state.hpp"
#include "model/run/compiled_scenario.hpp"
#include "sim/time.hpp"

namespace model {

class LogChecker {
 public:
  // `cs` (and its scenario) must outlive the checker.
  explicit LogChecker(const CompiledScenario& cs);

  // What is wrong with the next event, given those before it; "" when nothing is. Then the
  // event is applied (unless it is wrong), so call this once per event, in order.
  std::string check_and_apply(sim::Time t, const Event& e);
  // What is wrong with the log as a whole once every event has been checked ("" if nothing):
  // the initial members must number the scenario's enrolled_at_start.
  std::string check_end() const;

  // The state after the events applied so far.
  const State& state() const { return state_; }
  std::uint64_t events() const { return events_; }

 private:
  std::string check(sim::Time t, const Event& e) const;
  std::string check_when_and_where(sim::Time t, const Event& e) const;
  std::string check_session_held(sim::Time t, const Event& e, bool ledger_fact) const;
  std::string check_attended(sim::Time t, const Event& e, bool ledger_fact) const;
  std::string check_visited(sim::Time t, const Event& e) const;
  std::string check_agent_event(const Event& e) const;
  std::string check_referred(const Event& e) const;
  std::string check_enrolled(sim::Time t, const Event& e) const;
  std::size_t staff_count() const;
  std::string check_person(const Event& e) const;
  std::string check_decision(const Event& e) const;
  std::string check_ledger_session(sim::Time t, const Event& e) const;

  struct Opener {
    Channel channel;
    std::uint32_t actor;
  };

  const CompiledScenario& cs_;
  const Scenario& s_;
  sim::Time begin_, end_;
  State state_;
  absl::flat_hash_map<std::uint64_t, Opener> openers_;  // person -> contact that opened their decision
  std::uint64_t events_ = 0;
  std::int64_t initial_members_ = 0;
  bool beyond_initial_ = false;  // an event other than an initial sign-up was seen
  std::uint32_t last_session_ = no_actor;
  sim::Time last_session_time_{-1};
  std::int64_t last_staff_day_ = -1;
  sim::Time last_time_{-1};
};

}  // namespace model
