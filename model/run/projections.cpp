#include "model/run/projections.hpp"

#include "model/population/agent_roster.hpp"
#include "model/scenario/agent_units.hpp"
#include "model/uptake/conversion.hpp"

namespace model {

DailySeries::DailySeries(const Scenario& s)
    : first_day(s.start + 1),
      new_members(static_cast<std::size_t>(s.end - s.start), 0),
      lapses(static_cast<std::size_t>(s.end - s.start), 0) {}

void DailySeries::apply(sim::Time t, const Event& e) {
  const bool joined = e.kind == EventKind::enrolled && e.channel != Channel::initial;
  if (!joined && e.kind != EventKind::lapsed) return;
  const std::int64_t i = t.day() - first_day.day;
  if (i < 0 || i >= static_cast<std::int64_t>(new_members.size())) return;
  ++(joined ? new_members : lapses)[static_cast<std::size_t>(i)];
}

Breakdown::Breakdown(const Scenario& s)
    : communes(static_cast<int>(s.communes.size())),
      counts(s.communes.size() * poverty_class_count * new_member_channel_count, 0) {}

void Breakdown::apply(sim::Time, const Event& e) {
  if (e.kind != EventKind::enrolled || e.channel == Channel::initial) return;
  ++counts[index(e.commune, e.klass, e.channel)];
}

void Funnel::apply(sim::Time, const Event& e) {
  auto stage = [&](Channel c) -> Stage& { return by_channel[static_cast<int>(c)]; };
  switch (e.kind) {
    case EventKind::attended: ++stage(Channel::session).contacts; break;
    case EventKind::visited: ++stage(Channel::door_to_door).contacts; break;
    case EventKind::agent_contacted: ++stage(Channel::agent).contacts; break;
    case EventKind::referred: ++stage(Channel::referral).contacts; break;
    case EventKind::enrolled:
      if (e.channel == Channel::initial) break;
      if (e.channel == Channel::walk_in) ++stage(Channel::walk_in).contacts;
      ++stage(e.channel).enrolled;
      break;
    case EventKind::declined: ++stage(e.channel).declined; break;
    default: break;
  }
}

Costs::Costs(const Scenario& s)
    : cost_per_session_(s.sessions.cost_per_session),
      cost_per_staff_day_(s.door_to_door ? s.door_to_door->cost_per_staff_day : 0.0) {
  for (const AgentGroup& g : s.agents) {
    agent_allowances += model::agent_allowances(g, s);
    agent_training += model::agent_training(g);
  }
  for (const AgentInfo& a : agent_roster(s))
    commission_by_agent_.push_back(s.agents[static_cast<std::size_t>(a.group)].commission);
  for (const PovertyClass k : all_poverty_classes)
    top_up_per_member_[k] = monthly_top_up(s.pricing, k) * s.pricing.subsidy_months;
}

void Costs::apply(sim::Time, const Event& e) {
  switch (e.kind) {
    case EventKind::session_held: sessions += cost_per_session_; break;
    case EventKind::staff_day_worked:
      staff_days += cost_per_staff_day_ * static_cast<double>(e.value);
      break;
    case EventKind::enrolled:
      if (e.channel == Channel::initial) break;
      if (e.channel == Channel::agent) commissions += commission_by_agent_.at(e.actor);
      top_up += top_up_per_member_[e.klass];
      break;
    default: break;
  }
}

namespace {

template <class T>
void save_counts(sim::ByteWriter& w, const std::vector<T>& v) {
  w.put<std::uint64_t>(v.size());
  for (const T x : v) w.put(x);
}
template <class T>
void restore_counts(sim::ByteReader& r, std::vector<T>& v) {
  if (r.get<std::uint64_t>() != v.size()) throw sim::DecodeError("projections of another scenario's shape");
  for (T& x : v) x = r.get<T>();
}

}  // namespace

void Projections::save(sim::ByteWriter& w) const {
  save_counts(w, daily.new_members);
  save_counts(w, daily.lapses);
  save_counts(w, breakdown.counts);
  for (const Funnel::Stage& st : funnel.by_channel)
    for (const std::int64_t v : {st.contacts, st.enrolled, st.declined}) w.put(v);
  for (const double v : {costs.sessions, costs.staff_days, costs.commissions, costs.top_up}) w.put(v);
}

void Projections::restore(sim::ByteReader& r) {
  restore_counts(r, daily.new_members);
  restore_counts(r, daily.lapses);
  restore_counts(r, breakdown.counts);
  for (Funnel::Stage& st : funnel.by_channel)
    for (std::int64_t* v : {&st.contacts, &st.enrolled, &st.declined}) *v = r.get<std::int64_t>();
  for (double* v : {&costs.sessions, &costs.staff_days, &costs.commissions, &costs.top_up}) *v = r.get<double>();
}

}  // namespace model
