#include "model/population/state.hpp"

#include "model/population/agent_roster.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace model {

int total_agents(const Scenario& s) { return static_cast<int>(agent_roster(s).size()); }

namespace {

std::uint64_t population(const Scenario& s) {
  std::uint64_t n = 0;
  for (const Commune& c : s.communes) n += static_cast<std::uint64_t>(c.eligible);
  return n;
}

}  // namespace

State::State(const Scenario& s)
    : cool_off_seconds_(sim::Duration::days(s.decisions.cool_off_days).seconds),
      people_(population(s)),
      staff_credit_(s.door_to_door ? static_cast<std::size_t>(s.door_to_door->staff) : 0, 0),
      agent_credit_(static_cast<std::size_t>(total_agents(s)), 0),
      staff_yeses_(staff_credit_.size(), 0),
      agent_yeses_(agent_credit_.size(), 0),
      agent_working_(static_cast<std::size_t>(total_agents(s)), false) {}

// A walk-in or an initial member joins without a contact before: their record starts here.
PersonRecord& State::record(std::uint64_t id) { return *people_.try_emplace(id).first; }

std::uint8_t State::decisions_started(std::uint64_t id) const {
  const PersonRecord* p = person(id);
  return p ? p->decisions : 0;
}

void State::save(sim::ByteWriter& w) const {
  std::vector<std::uint64_t> ids = people_.ids();
  std::sort(ids.begin(), ids.end());
  w.put<std::uint64_t>(ids.size());
  for (const std::uint64_t id : ids) {
    const PersonRecord& p = *people_.find(id);
    w.put<std::uint64_t>(id);
    w.put<std::uint8_t>(static_cast<std::uint8_t>(p.status));
    w.put<std::uint8_t>(p.decisions);
    w.put<std::uint8_t>(p.new_member);
    w.put<std::int64_t>(p.cool_off_until);
  }
  for (const std::int64_t v : {new_members_, initial_members_, lapsed_, pending_decisions_}) w.put(v);
  for (const std::int64_t v : pending_by_channel_) w.put(v);
  for (const std::int64_t v : staff_credit_) w.put(v);
  for (const std::int64_t v : agent_credit_) w.put(v);
  for (const std::int64_t v : staff_yeses_) w.put(v);
  for (const std::int64_t v : agent_yeses_) w.put(v);
  for (const bool v : agent_working_) w.put<std::uint8_t>(v);
}

void State::restore(sim::ByteReader& r) {
  const auto n = r.get<std::uint64_t>();
  if (n > r.remaining() / 19) throw sim::DecodeError("more people than the checkpoint's bytes");
  people_.clear();
  people_.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    const auto id = r.get<std::uint64_t>();
    PersonRecord p;
    const auto status = r.get<std::uint8_t>();
    if (status > static_cast<std::uint8_t>(PersonStatus::lapsed)) throw sim::DecodeError("an unknown person status");
    p.status = static_cast<PersonStatus>(status);
    p.decisions = r.get<std::uint8_t>();
    p.new_member = r.get<std::uint8_t>() != 0;
    p.cool_off_until = r.get<std::int64_t>();
    const auto [record, added] = people_.try_emplace(id);
    if (!added) throw sim::DecodeError("a person saved twice");
    *record = p;
  }
  for (std::int64_t* v : {&new_members_, &initial_members_, &lapsed_, &pending_decisions_}) *v = r.get<std::int64_t>();
  for (std::int64_t& v : pending_by_channel_) v = r.get<std::int64_t>();
  for (std::int64_t& v : staff_credit_) v = r.get<std::int64_t>();
  for (std::int64_t& v : agent_credit_) v = r.get<std::int64_t>();
  for (std::int64_t& v : staff_yeses_) v = r.get<std::int64_t>();
  for (std::int64_t& v : agent_yeses_) v = r.get<std::int64_t>();
  for (std::size_t i = 0; i < agent_working_.size(); ++i) agent_working_[i] = r.get<std::uint8_t>() != 0;
}

bool State::may_decide(const PersonRecord* p, sim::Time t) {
  if (!p) return true;  // never contacted
  switch (p->status) {
    case PersonStatus::aware: return true;
    case PersonStatus::declined: return t.seconds >= p->cool_off_until;
    default: return false;
  }
}

void State::apply(sim::Time t, const Event& e) {
  switch (e.kind) {
    case EventKind::attended:
    case EventKind::visited:
    case EventKind::agent_contacted:
    case EventKind::referred: return apply_contact(t, e);
    case EventKind::enrolled: return apply_enrolled(e);
    case EventKind::declined: return apply_declined(t, e);
    case EventKind::lapsed: return apply_lapsed(e);
    case EventKind::agent_joined: agent_working_.at(e.actor) = true; return;
    case EventKind::session_held:
    case EventKind::staff_day_worked: return;
  }
}

// A contact starts a decision when the person may decide; a visit's or an agent's yes counts
// towards their quota either way (it is only ever 1 when a decision started).
void State::apply_contact(sim::Time t, const Event& e) {
  const auto [record, first_contact] = people_.try_emplace(e.person);
  PersonRecord& p = *record;
  if (e.kind == EventKind::visited && e.value == 1) ++staff_yeses_.at(e.actor);
  if (e.kind == EventKind::agent_contacted && e.value == 1) ++agent_yeses_.at(e.actor);
  if (!first_contact && !may_decide(&p, t)) return;
  p.status = PersonStatus::deciding;
  if (p.decisions == 255) throw std::runtime_error("a person decided 255 times");
  ++p.decisions;
  ++pending_decisions_;
  ++pending_by_channel_[static_cast<std::size_t>(e.channel)];
}

void State::apply_enrolled(const Event& e) {
  PersonRecord& p = record(e.person);
  if (p.status == PersonStatus::member || p.status == PersonStatus::lapsed)
    throw std::logic_error("person " + std::to_string(e.person) + " joined twice");
  if (p.status == PersonStatus::deciding) {
    --pending_decisions_;
    --pending_by_channel_[static_cast<std::size_t>(e.channel)];
  }
  p.status = PersonStatus::member;
  if (e.channel == Channel::initial) {
    ++initial_members_;
    return;
  }
  p.new_member = true;
  ++new_members_;
  if (e.channel == Channel::door_to_door) ++staff_credit_.at(e.actor);
  if (e.channel == Channel::agent) ++agent_credit_.at(e.actor);
}

void State::apply_declined(sim::Time t, const Event& e) {
  PersonRecord& p = record(e.person);
  if (p.status != PersonStatus::deciding)
    throw std::logic_error("person " + std::to_string(e.person) + " declined without deciding");
  --pending_decisions_;
  --pending_by_channel_[static_cast<std::size_t>(e.channel)];
  p.status = PersonStatus::declined;
  p.cool_off_until = t.seconds + cool_off_seconds_;
}

void State::apply_lapsed(const Event& e) {
  PersonRecord& p = record(e.person);
  if (p.status != PersonStatus::member)
    throw std::logic_error("person " + std::to_string(e.person) + " lapsed without being a member");
  p.status = PersonStatus::lapsed;
  ++lapsed_;
}

}  // namespace model
