#include "model/channels/agents.hpp"

#include <algorithm>

#include "model/channels/decision_step.hpp"
#include "sim/exponential.hpp"

namespace model {
namespace {

// Contacts per day the agent makes now: the group's rate, unless their quota is met.
double agent_rate_per_day(const ChannelContext& cx, std::uint32_t a) {
  const AgentGroup& g = cx.scenario().agents[static_cast<std::size_t>(cx.inputs().agents[a].group)];
  double rate = g.contacts_per_week / 7.0;
  if (g.quota > 0 && cx.state().agent_yeses(a) >= g.quota) {
    if (g.after_quota == AfterQuota::stop) return 0;
    if (g.after_quota == AfterQuota::reduce) rate *= g.reduced_share;
  }
  return rate;
}

}  // namespace

AgentChannel::AgentChannel(const ChannelInputs& in, std::uint64_t seed, std::uint64_t replication) {
  for (const AgentInfo& a : in.agents)
    streams_.emplace_back(sim::StreamKey{seed, replication, a.purpose, static_cast<std::uint64_t>(a.index_in_group)});
}

// The ledger's agents work from the start; the plan's join on their date.
void AgentChannel::start(ChannelContext& cx) {
  const std::vector<AgentInfo>& agents = cx.inputs().agents;
  for (std::size_t a = 0; a < agents.size(); ++a) {
    const auto agent = static_cast<std::uint32_t>(a);
    if (cx.state().agent_working(agent)) schedule_next_contact(cx, agent);
    else cx.schedule(std::max(cx.now(), cx.at_work(agents[a].joins)), Pending{Due::agent_join, Channel::agent, 0, agent});
  }
}

void AgentChannel::fire(ChannelContext& cx, const Pending& p) {
  const std::uint32_t a = p.actor;
  if (p.what == Due::agent_join) {
    Event e;
    e.kind = EventKind::agent_joined;
    e.actor = a;
    e.commune = static_cast<std::uint16_t>(cx.inputs().agents[a].commune);
    cx.emit(e);
  } else {
    if (agent_rate_per_day(cx, a) <= 0) return;  // the quota was met since this was scheduled
    const auto commune = static_cast<std::size_t>(cx.inputs().agents[a].commune);
    if (const auto who = draw_non_member(cx, cx.inputs().commune_areas[commune], streams_[a]))
      contact(cx, EventKind::agent_contacted, *who, Channel::agent, a);
  }
  schedule_next_contact(cx, a);
}

void AgentChannel::schedule_next_contact(ChannelContext& cx, std::uint32_t a) {
  const double rate = agent_rate_per_day(cx, a);
  if (rate <= 0) return;
  const sim::Exponential gap(rate);
  cx.schedule_after(gap(streams_[a]), Pending{Due::agent_contact, Channel::agent, 0, a});
}

void AgentChannel::save(sim::ByteWriter& w) const {
  for (const sim::RandomStream& s : streams_) s.save(w);
}

void AgentChannel::restore(sim::ByteReader& r) {
  for (sim::RandomStream& s : streams_) s = sim::RandomStream::restore(r);
}

}  // namespace model
