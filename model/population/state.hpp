#pragma once
// The state of one replication: a fold over its events. Nothing else changes it, so replaying
// a log through `apply` rebuilds exactly the state the live run had.
#include <array>
#include <cstdint>
#include <vector>

#include "model/domain/event.hpp"
#include "model/population/person_table.hpp"
#include "model/scenario/scenario.hpp"
#include "sim/time.hpp"

namespace model {

class State {
 public:
  explicit State(const Scenario& s);

  void apply(sim::Time t, const Event& e);
  // Everything, for checkpoints; people in id order, so equal states save equal bytes.
  void save(sim::ByteWriter& w) const;
  // Throws sim::DecodeError for bytes that are not a state of this shape.
  void restore(sim::ByteReader& r);
  // Room for this many people without rehashing; speed only, results never depend on it.
  void reserve(std::size_t people) { people_.reserve(people); }

  // Whether a contact at time t starts a decision: not a member, not lapsed, not already
  // deciding, and not within the cool-off after declining.
  bool can_start_decision(std::uint64_t id, sim::Time t) const { return may_decide(person(id), t); }
  // The same for a record already looked up (nullptr: never contacted).
  static bool may_decide(const PersonRecord* p, sim::Time t);
  // Whether a person may be drawn as a new member at all (walk-ins, initial members).
  bool can_join(std::uint64_t person, sim::Time t) const { return can_start_decision(person, t); }
  // Valid until the next apply.
  const PersonRecord* person(std::uint64_t id) const { return people_.find(id); }
  std::uint8_t decisions_started(std::uint64_t person) const;

  std::int64_t new_members() const { return new_members_; }
  std::int64_t initial_members() const { return initial_members_; }
  std::int64_t lapsed() const { return lapsed_; }
  std::int64_t pending_decisions() const { return pending_decisions_; }
  // Decisions under way, by the channel of the contact that started them.
  std::int64_t pending_decisions(Channel c) const { return pending_by_channel_[static_cast<std::size_t>(c)]; }
  // Sign-ups credited to a staff member or an agent (enrolled through their contact).
  std::int64_t staff_credit(std::uint32_t staff) const { return staff_credit_[staff]; }
  std::int64_t agent_credit(std::uint32_t agent) const { return agent_credit_[agent]; }
  // The people who said yes to them at the contact: the credited sign-ups and the decisions to
  // join still under way. What a quota counts, as an officer counts a yes at the door.
  std::int64_t staff_yeses(std::uint32_t staff) const { return staff_yeses_[staff]; }
  std::int64_t agent_yeses(std::uint32_t agent) const { return agent_yeses_[agent]; }
  bool agent_working(std::uint32_t agent) const { return agent_working_[agent]; }
  std::size_t people_known() const { return people_.size(); }

 private:
  PersonRecord& record(std::uint64_t person);
  void apply_contact(sim::Time t, const Event& e);
  void apply_enrolled(const Event& e);
  void apply_declined(sim::Time t, const Event& e);
  void apply_lapsed(const Event& e);

  std::int64_t cool_off_seconds_;
  // Only people who were contacted are here.
  PersonTable people_;
  std::int64_t new_members_ = 0, initial_members_ = 0, lapsed_ = 0, pending_decisions_ = 0;
  std::array<std::int64_t, new_member_channel_count> pending_by_channel_{};
  std::vector<std::int64_t> staff_credit_;
  std::vector<std::int64_t> agent_credit_;
  std::vector<std::int64_t> staff_yeses_;
  std::vector<std::int64_t> agent_yeses_;
  std::vector<bool> agent_working_;
};

int total_agents(const Scenario& s);

}  // namespace model
