#include "model/run/state_files.hpp"

#include <stdexcept>

#include "sim/io/csv.hpp"
#include "sim/time.hpp"

namespace model {
namespace {


}  // namespace

std::string_view to_string(PersonStatus s) {
  switch (s) {
    case PersonStatus::aware: return "aware";
    case PersonStatus::deciding: return "deciding";
    case PersonStatus::declined: return "declined";
    case PersonStatus::member: return "member";
    case PersonStatus::lapsed: return "lapsed";
  }
  return "?";
}

void write_state_csv(std::ostream& os, const Scenario& s, const State& state,
                     const ReplicationResult& r, sim::Date as_of, std::uint64_t events) {
  os << "as_of,events,initial_members,new_members,lapsed,active_members,count,target,pending_decisions";
  for (const Channel c : new_member_channels) os << ",pending_" << to_string(c);
  os << ",people_known" << sim::csv_eol;
  os << sim::to_string(as_of) << ',' << events << ',' << state.initial_members() << ','
     << state.new_members() << ',' << state.lapsed() << ',' << r.active << ',' << r.final_count << ','
     << s.target << ',' << state.pending_decisions();
  for (const Channel c : new_member_channels) os << ',' << state.pending_decisions(c);
  os << ',' << state.people_known() << sim::csv_eol;
}

void write_people_csv(std::ostream& os, const CompiledScenario& cs, const State& state,
                      const std::vector<std::uint64_t>& people) {
  os << "person,commune,class,status,decisions,new_member,cool_off_until" << sim::csv_eol;
  for (const std::uint64_t id : people) {
    const PersonRecord* p = state.person(id);
    if (!p) throw std::logic_error("person " + std::to_string(id) + " is not in the state");
    const PersonPlace where = cs.population.locate(id);
    os << id << ',';
    sim::write_csv_field(os, cs.scenario->communes[where.commune].name);
    os << ',' << to_string(where.klass) << ',' << to_string(p->status) << ','
       << static_cast<int>(p->decisions) << ',' << (p->new_member ? 1 : 0) << ',';
    if (p->status == PersonStatus::declined) os << sim::to_iso(sim::Time{p->cool_off_until});
    os << sim::csv_eol;
  }
}

namespace {

// One actor's sign-ups credited, the yeses their quota counts (model/population/state.hpp) and
// whether the quota was met, ending the row.
void write_quota_columns(std::ostream& os, std::int64_t credited, std::int64_t yeses, int quota) {
  os << credited << ',' << yeses << ',' << quota << ',' << (quota > 0 && yeses >= quota ? 1 : 0) << sim::csv_eol;
}

}  // namespace

void write_actors_csv(std::ostream& os, const CompiledScenario& cs, const State& state) {
  const Scenario& s = *cs.scenario;
  os << "kind,index,group,commune,joined,credited_members,said_yes,quota,quota_met" << sim::csv_eol;
  if (s.door_to_door) {
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(s.door_to_door->staff); ++i) {
      os << "staff," << i << ",,,,";
      write_quota_columns(os, state.staff_credit(i), state.staff_yeses(i), s.door_to_door->quota_per_staff);
    }
  }
  for (std::uint32_t a = 0; a < static_cast<std::uint32_t>(cs.agents.size()); ++a) {
    const AgentInfo& info = cs.agents[a];
    const AgentGroup& g = s.agents[static_cast<std::size_t>(info.group)];
    os << "agent," << a << ',';
    sim::write_csv_field(os, g.name);
    os << ',';
    sim::write_csv_field(os, s.communes[static_cast<std::size_t>(info.commune)].name);
    os << ',' << (state.agent_working(a) ? 1 : 0) << ',';
    write_quota_columns(os, state.agent_credit(a), state.agent_yeses(a), g.quota);
  }
}

}  // namespace model
