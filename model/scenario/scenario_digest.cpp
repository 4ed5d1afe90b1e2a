#include "model/scenario/scenario_digest.hpp"

#include <sstream>

#include "sim/io/number_text.hpp"
#include "sim/io/quoted_string.hpp"
#include "sim/io/sha256.hpp"

namespace model {
namespace {

// key=value lines; strings quoted, so no value can forge a line break or another key.
class Lines {
 public:
  void add(const std::string& key, double v) { line(key, sim::digits17_text(v)); }
  void add(const std::string& key, std::int64_t v) { line(key, std::to_string(v)); }
  void add(const std::string& key, std::uint64_t v) { line(key, std::to_string(v)); }
  void add(const std::string& key, int v) { line(key, std::to_string(v)); }
  void add(const std::string& key, bool v) { line(key, v ? "true" : "false"); }
  void add(const std::string& key, sim::Date d) { line(key, sim::to_string(d)); }
  void add(const std::string& key, const std::string& v) { line(key, sim::toml_quoted(v)); }
  template <class T>
  void add(const std::string& key, const PerClass<T>& v) {
    for (const PovertyClass k : all_poverty_classes) add(key + "." + std::string(to_string(k)), v[k]);
  }
  void add(const std::string& key, const std::vector<int>& v) {
    std::string text;
    for (const int i : v) text += (text.empty() ? "" : ",") + std::to_string(i);
    line(key, "[" + text + "]");
  }
  std::string str() const { return os_.str(); }

 private:
  void line(const std::string& key, const std::string& value) { os_ << key << '=' << value << '\n'; }
  std::ostringstream os_;
};

// The run: its name, dates, target and replications.
void add_run(Lines& l, const Scenario& s) {
  l.add("name", s.name);
  l.add("start", s.start);
  l.add("end", s.end);
  l.add("target", s.target);
  l.add("enrolled_at_start", s.enrolled_at_start);
  l.add("metric", static_cast<int>(s.metric));
  l.add("replications", s.replications);
  l.add("seed", s.seed);
}

// The communes and their people.
void add_population(Lines& l, const Scenario& s) {
  for (std::size_t i = 0; i < s.communes.size(); ++i) {
    const Commune& c = s.communes[i];
    const std::string k = "commune." + std::to_string(i) + ".";
    l.add(k + "name", c.name);
    l.add(k + "households", c.households);
    l.add(k + "poor_share", c.poor_share);
    l.add(k + "near_poor_share", c.near_poor_share);
    l.add(k + "eligible", c.eligible);
    l.add(k + "urban", c.urban);
  }
}

// Weekend days and holidays.
void add_calendar(Lines& l, const Scenario& s) {
  std::string weekend;
  for (int d = 1; d <= 7; ++d)
    if (s.calendar.weekend().contains(static_cast<sim::Weekday>(d))) weekend += std::to_string(d);
  l.add("calendar.weekend", weekend);
  for (const sim::Holiday& h : s.calendar.holidays()) l.add("calendar.holiday", sim::to_string(h.date));
}

// Prices, support and the elasticity.
void add_pricing(Lines& l, const Scenario& s) {
  const Pricing& p = s.pricing;
  l.add("pricing.contribution_rate", p.contribution_rate);
  l.add("pricing.reference_income", p.reference_income);
  l.add("pricing.state_support", p.state_support);
  l.add("pricing.local_top_up", p.local_top_up);
  l.add("pricing.class_income", p.class_income);
  l.add("pricing.burden_elasticity", p.burden_elasticity);
  l.add("pricing.reference.year", p.reference_year);
  l.add("pricing.reference.payment", p.reference_payment);
  l.add("pricing.pinned", p.pinned_factors.has_value());
  if (p.pinned_factors) l.add("pricing.pinned_factors", *p.pinned_factors);
  l.add("pricing.subsidy_months", p.subsidy_months);
}

// Decisions and the sessions.
void add_sessions(Lines& l, const Scenario& s) {
  l.add("decisions.delay_mean_days", s.decisions.delay_mean_days);
  l.add("decisions.delay_shape", s.decisions.delay_shape);
  l.add("decisions.cool_off_days", s.decisions.cool_off_days);

  for (std::size_t i = 0; i < s.sessions.list.size(); ++i) {
    const Session& x = s.sessions.list[i];
    const std::string k = "session." + std::to_string(i) + ".";
    l.add(k + "date", x.date);
    l.add(k + "commune", x.commune);
    l.add(k + "attendance", x.attendance);
  }
  l.add("sessions.conversion", s.sessions.conversion);
  l.add("sessions.fixed_attendance", s.sessions.fixed_attendance);
  l.add("sessions.cost_per_session", s.sessions.cost_per_session);
}

// Door-to-door, when present.
void add_door_to_door(Lines& l, const Scenario& s) {
  l.add("door_to_door", s.door_to_door.has_value());
  if (const auto& d = s.door_to_door) {
    l.add("door_to_door.staff", d->staff);
    l.add("door_to_door.from", d->from);
    l.add("door_to_door.to", d->to);
    l.add("door_to_door.visits_per_staff_day", d->visits_per_staff_day);
    l.add("door_to_door.quota_per_staff", d->quota_per_staff);
    l.add("door_to_door.after_quota", static_cast<int>(d->after_quota));
    l.add("door_to_door.reduced_share", d->reduced_share);
    l.add("door_to_door.communes", d->communes);
    l.add("door_to_door.conversion", d->conversion);
    l.add("door_to_door.cost_per_staff_day", d->cost_per_staff_day);
  }
}

// Every group of collection agents.
void add_agents(Lines& l, const Scenario& s) {
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    const AgentGroup& g = s.agents[i];
    const std::string k = "agents." + std::to_string(i) + ".";
    l.add(k + "name", g.name);
    l.add(k + "count", g.count);
    l.add(k + "joins", g.joins);
    l.add(k + "contacts_per_week", g.contacts_per_week);
    l.add(k + "quota", g.quota);
    l.add(k + "after_quota", static_cast<int>(g.after_quota));
    l.add(k + "reduced_share", g.reduced_share);
    l.add(k + "communes", g.communes);
    l.add(k + "conversion", g.conversion);
    l.add(k + "commission", g.commission);
    // Only when given: a scenario without agents' pay keeps the digest it had before the keys.
    if (g.pay_set) {
      l.add(k + "monthly_allowance", g.monthly_allowance);
      l.add(k + "training_cost", g.training_cost);
    }
  }
}

// Walk-ins, word of mouth, seasons and lapses.
void add_background(Lines& l, const Scenario& s) {
  l.add("walk_in.per_day", s.walk_in.per_day);
  l.add("word_of_mouth.referrals_per_member", s.word_of_mouth.referrals_per_member);
  l.add("word_of_mouth.delay_mean_days", s.word_of_mouth.delay_mean_days);
  l.add("word_of_mouth.conversion", s.word_of_mouth.conversion);
  for (std::size_t i = 0; i < s.seasons.size(); ++i) {
    const std::string k = "season." + std::to_string(i) + ".";
    l.add(k + "from", s.seasons[i].from);
    l.add(k + "to", s.seasons[i].to);
    l.add(k + "factor", s.seasons[i].factor);
    for (const Channel c : new_member_channels)
      if (s.seasons[i].applies_to(c)) l.add(k + "channel", std::string(to_string(c)));
  }
  l.add("lapses.monthly_payer_share", s.lapses.monthly_payer_share);
  l.add("lapses.monthly_hazard", s.lapses.monthly_hazard);
  l.add("lapses.yearly_renewal", s.lapses.yearly_renewal);
}

// The ledger's rows, when there is one.
void add_ledger(Lines& l, const Scenario& s) {
  if (s.ledger) {
    for (std::size_t i = 0; i < s.ledger->entries.size(); ++i) {
      const LedgerEntry& e = s.ledger->entries[i];
      const std::string k = "ledger." + std::to_string(i) + ".";
      l.add(k + "date", e.date);
      l.add(k + "kind", static_cast<int>(e.kind));
      l.add(k + "record", e.record);
      l.add(k + "commune", e.commune);
      l.add(k + "class", static_cast<int>(e.klass));
      l.add(k + "channel", static_cast<int>(e.channel));
      l.add(k + "attendance", e.attendance);
      l.add(k + "agent_group", e.agent_group);
    }
  }
}

// Distributions, resolved sources and data files' bytes.
void add_provenance(Lines& l, const Scenario& s) {
  // Absent for a fixed scenario, so its digest (and a journal keyed by it) is unchanged.
  for (const UncertainParameter& u : s.uncertain) l.add("uncertain." + u.key, u.distribution.describe());
  for (const ResolvedValue& v : s.resolved) l.add("resolved." + v.key, v.value);
  // The data files' bytes too: whatever of them the values above might not show.
  for (const ScenarioSources::DataFile& f : s.sources.data_files) l.add("data." + f.key, f.text);
}

}  // namespace

// Section by section, in a fixed order: the order is part of the digest.
std::string canonical_scenario_text(const Scenario& s) {
  Lines l;
  add_run(l, s);
  add_population(l, s);
  add_calendar(l, s);
  add_pricing(l, s);
  add_sessions(l, s);
  add_door_to_door(l, s);
  add_agents(l, s);
  add_background(l, s);
  add_ledger(l, s);
  add_provenance(l, s);
  return l.str();
}

std::string scenario_digest(const Scenario& s) {
  return sha256_hex(canonical_scenario_text(s));
}

}  // namespace model
