#include "model/run/compiled_scenario.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace model {

// Initial members plus the expected contacts of every channel over the run.
double expected_contacts(const Scenario& s, double max_season) {
  const auto days = static_cast<double>(s.end - s.start);
  double n = static_cast<double>(s.enrolled_at_start) + s.walk_in.per_day * max_season * days;
  for (const Session& session : s.sessions.list) n += session.attendance;
  if (s.door_to_door)
    n += s.door_to_door->staff * s.door_to_door->visits_per_staff_day *
         static_cast<double>(std::max(0, s.door_to_door->to - s.door_to_door->from + 1));
  for (const AgentGroup& g : s.agents)
    n += g.count * g.contacts_per_week / 7 * static_cast<double>(std::max(0, s.end - g.joins));
  if (s.ledger) n += static_cast<double>(s.ledger->entries.size());
  return n;
}

namespace {

// The person standing for each ledger row's sign-up, in ledger order.
std::vector<Person> people_of_ledger(const Ledger& ledger, const PopulationIndex& population) {
  std::vector<Person> out;
  std::map<std::pair<int, PovertyClass>, std::uint64_t> taken;
  std::map<std::string, Person> by_record;
  for (const LedgerEntry& e : ledger.entries) {
    Person p{};
    if (e.kind == LedgerKind::enrolled) {
      const auto c = static_cast<std::uint16_t>(e.commune);
      p = Person{population.class_start(c, e.klass) + taken[{e.commune, e.klass}]++, PersonPlace{c, e.klass}};
      by_record.emplace(e.record, p);
    } else if (e.kind == LedgerKind::lapsed) {
      p = by_record.at(e.record);  // the loader checked that the sign-up comes first
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace

CompiledScenario::CompiledScenario(const Scenario& s)
    : CompiledScenario(std::make_shared<const ChannelLayout>(s), nullptr, s) {}

CompiledScenario::CompiledScenario(const CompiledScenario& base, const Scenario& drawn)
    : CompiledScenario(base.layout, base.ledger_members, drawn) {}

CompiledScenario::CompiledScenario(std::shared_ptr<const ChannelLayout> shared,
                                   std::shared_ptr<const std::vector<Person>> ledger, const Scenario& s)
    : ChannelInputs(std::move(shared), s),
      ledger_members(ledger ? std::move(ledger)
                            : std::make_shared<const std::vector<Person>>(
                                  s.ledger ? people_of_ledger(*s.ledger, population) : std::vector<Person>{})),
      ledger_people(*ledger_members) {
  // Capped so that a hint never reserves more than a few tens of megabytes.
  const double people = std::min({expected_contacts(s, max_season) * 1.25,
                                  static_cast<double>(population.total()), double{1 << 20}});
  expected_people = static_cast<std::size_t>(people);
}

}  // namespace model
