#include "model/state.hpp"

#include "model/agent_roster.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace model {

int total_agents(const Scenario& s) { return static_cast<int>(agent_roster(s).size()); }

State::State(const Scenario& s)
    : cool_off_seconds_(sim::Duration::days(s.decisions.cool_off_days).seconds),
      staff_credit_(s.door_to_door ? static_cast<std::size_t>(s.door_to_door->staff) : 0, 0),
      agent_credit_(static_cast<std::size_t>(total_agents(s)), 0),
      agent_working_(static_cast<std::size_t>(total_agents(s)), false) {}

const PersonRecord* State::person(std::uint64_t id) const {
  const auto it = people_.find(id);
  return it == people_.end() ? nullptr : &it->second;
}

std::uint8_t State::decisions_started(std::uint64_t id) const {
  const PersonRecord* p = person(id);
  return p ? p->decisions : 0;
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
    case EventKind::referred: {
      const auto [it, first_contact] = people_.try_emplace(e.person);
      PersonRecord& p = it->second;
      if (first_contact || may_decide(&p, t)) {
        p.status = PersonStatus::deciding;
        if (p.decisions == 255) throw std::runtime_error("a person decided 255 times");
        ++p.decisions;
        ++pending_decisions_;
        ++pending_by_channel_[static_cast<std::size_t>(e.channel)];
      }
      break;
    }
    case EventKind::enrolled: {
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
      } else {
        p.new_member = true;
        ++new_members_;
        if (e.channel == Channel::door_to_door) ++staff_credit_.at(e.actor);
        if (e.channel == Channel::agent) ++agent_credit_.at(e.actor);
      }
      break;
    }
    case EventKind::declined: {
      PersonRecord& p = record(e.person);
      if (p.status != PersonStatus::deciding)
        throw std::logic_error("person " + std::to_string(e.person) + " declined without deciding");
      --pending_decisions_;
      --pending_by_channel_[static_cast<std::size_t>(e.channel)];
      p.status = PersonStatus::declined;
      p.cool_off_until = t.seconds + cool_off_seconds_;
      break;
    }
    case EventKind::lapsed: {
      PersonRecord& p = record(e.person);
      if (p.status != PersonStatus::member)
        throw std::logic_error("person " + std::to_string(e.person) + " lapsed without being a member");
      p.status = PersonStatus::lapsed;
      ++lapsed_;
      break;
    }
    case EventKind::agent_joined: agent_working_.at(e.actor) = true; break;
    case EventKind::session_held:
    case EventKind::staff_day_worked: break;
  }
}

}  // namespace model
