#include "model/scenario/scenario_keys.hpp"

#include <stdexcept>
#include <type_traits>
#include <utility>

namespace model {

namespace {

// Sources of the defaults, as `outreach check` prints them after "default: " and as
// scenarios/README.md lists them. Named when more than one key shares the words.
namespace key_source {
constexpr std::string_view not_sourced = "estimate, not sourced";
constexpr std::string_view no_cost = "not set (no sourced value)";
constexpr std::string_view lapse = "estimate [E9] (docs/sources.md: early-year falls of 7-10 %, [S5])";
}  // namespace key_source

// Where each section lives in a Scenario; `instance` picks one table of an array of tables.
Pricing& pricing_of(Scenario& s, std::size_t) { return s.pricing; }
Decisions& decisions_of(Scenario& s, std::size_t) { return s.decisions; }
Sessions& sessions_of(Scenario& s, std::size_t) { return s.sessions; }
Session& session_of(Scenario& s, std::size_t i) { return s.sessions.list[i]; }
DoorToDoor& door_to_door_of(Scenario& s, std::size_t) { return *s.door_to_door; }
AgentGroup& agent_group_of(Scenario& s, std::size_t i) { return s.agents[i]; }
WalkIn& walk_in_of(Scenario& s, std::size_t) { return s.walk_in; }
WordOfMouth& word_of_mouth_of(Scenario& s, std::size_t) { return s.word_of_mouth; }
Season& season_of(Scenario& s, std::size_t i) { return s.seasons[i]; }
Lapses& lapses_of(Scenario& s, std::size_t) { return s.lapses; }

template <auto Locate, auto Member>
double& field_in(Scenario& s, std::size_t instance) {
  return Locate(s, instance).*Member;
}

// An entry whose default is its member's initialiser in a default section.
template <auto Locate, auto Member>
ParameterKey optional_key(std::string_view name, const Bounds& b, std::string_view source) {
  using Section = std::remove_cvref_t<decltype(Locate(std::declval<Scenario&>(), 0))>;
  return {name, b, Section{}.*Member, source, false, &field_in<Locate, Member>};
}

template <auto Locate, auto Member>
ParameterKey required_key(std::string_view name, const Bounds& b, std::string_view why) {
  return {name, b, 0, why, true, &field_in<Locate, Member>};
}

std::vector<ParameterKey> declared_keys() {
  using namespace key_source;
  return {
      optional_key<pricing_of, &Pricing::contribution_rate>(
          "pricing.contribution_rate", any_share, "Law 58/2014/QH13 (22 % of the chosen monthly income)"),
      optional_key<pricing_of, &Pricing::reference_income>(
          "pricing.reference_income", positive_vnd,
          "rural poverty line 2016-2020, the lowest income that may be chosen (Decree 134/2015/NĐ-CP)"),
      optional_key<pricing_of, &Pricing::burden_elasticity>(
          "pricing.burden_elasticity", elasticity_range,
          "[S10] (docs/sources.md): income elasticity of voluntary uptake, two Hanoi districts, 2013, reused for price"),
      optional_key<pricing_of, &Pricing::reference_payment>(
          "pricing.reference.payment", positive_vnd,
          "the lowest net payment of a non-poor member in pricing.reference.year (docs/sources.md [S3], [S4])"),
      optional_key<pricing_of, &Pricing::subsidy_months>(
          "pricing.subsidy_months", month_count,
          "estimate, not sourced (one year of top-up counted per new member)"),
      optional_key<decisions_of, &Decisions::delay_mean_days>(
          "decisions.delay_mean_days", day_count,
          "estimate ([S1] A9: the August sign-ups came within days)"),
      optional_key<decisions_of, &Decisions::delay_shape>("decisions.delay_shape", gamma_shape_range, not_sourced),
      optional_key<decisions_of, &Decisions::cool_off_days>("decisions.cool_off_days", day_count, not_sourced),
      optional_key<sessions_of, &Sessions::conversion>(
          "sessions.conversion", any_probability, "estimate [E3] ([S1] A8/A9, D6: 6 per 100 attendees, an upper bound)"),
      // The default of every session's attendance, not a field: a draw of it goes to the sessions
      // that do not set their own (model/scenario/scenario_loader.cpp).
      {"sessions.attendance", event_rate, Session{}.attendance,
       "estimate [E2] ([S1] A8: 100 attendees at 2 conferences)", false, nullptr},
      optional_key<sessions_of, &Sessions::cost_per_session>("sessions.cost_per_session", money, no_cost),
      optional_key<session_of, &Session::attendance>("sessions.plan.attendance", event_rate, "sessions.attendance"),
      // A series' attendance, set on each of its sessions (model/scenario/session_series.cpp).
      optional_key<session_of, &Session::attendance>("sessions.series.attendance", event_rate, "sessions.attendance"),
      optional_key<door_to_door_of, &DoorToDoor::visits_per_staff_day>(
          "door_to_door.visits_per_staff_day", event_rate, not_sourced),
      optional_key<door_to_door_of, &DoorToDoor::reduced_share>("door_to_door.reduced_share", any_share, not_sourced),
      optional_key<door_to_door_of, &DoorToDoor::conversion>(
          "door_to_door.conversion", any_probability,
          "estimate [E4] (8 % per person asked, [S14]'s campaign-day yield of 13 % discounted "
          "for targeting)"),
      optional_key<door_to_door_of, &DoorToDoor::cost_per_staff_day>("door_to_door.cost_per_staff_day", money, no_cost),
      optional_key<agent_group_of, &AgentGroup::contacts_per_week>("agents.contacts_per_week", event_rate, not_sourced),
      optional_key<agent_group_of, &AgentGroup::reduced_share>("agents.reduced_share", any_share, not_sourced),
      optional_key<agent_group_of, &AgentGroup::conversion>(
          "agents.conversion", any_probability,
          "estimate [E6] (about 0.5 new participants per agent per month at 5 contacts a week)"),
      required_key<agent_group_of, &AgentGroup::commission>(
          "agents.commission", money,
          "required because no sourced value exists: agents' commission rates were not found (docs/sources.md [S17]); "
          "give VND per enrolment, or commission = 0 if unknown"),
      optional_key<walk_in_of, &WalkIn::per_day>(
          "walk_in.per_day", event_rate,
          "none unless set ([E7]: background intake of about 13 a month, walk-ins and existing agents "
          "together)"),
      optional_key<word_of_mouth_of, &WordOfMouth::referrals_per_member>(
          "word_of_mouth.referrals_per_member", referral_mean, "none unless set (not sourced)"),
      optional_key<word_of_mouth_of, &WordOfMouth::delay_mean_days>("word_of_mouth.delay_mean_days", day_count,
                                                                    not_sourced),
      optional_key<word_of_mouth_of, &WordOfMouth::conversion>("word_of_mouth.conversion", any_probability,
                                                               not_sourced),
      required_key<season_of, &Season::factor>("season.factor", factor_range, ""),
      optional_key<lapses_of, &Lapses::monthly_payer_share>("lapses.monthly_payer_share", any_share, not_sourced),
      optional_key<lapses_of, &Lapses::monthly_hazard>("lapses.monthly_hazard", any_probability, lapse),
      optional_key<lapses_of, &Lapses::yearly_renewal>("lapses.yearly_renewal", any_probability, lapse),
  };
}

// "decisions" for "decisions.delay_shape", "sessions.plan" for "sessions.plan.attendance".
std::string_view section_of_key(std::string_view name) { return name.substr(0, name.rfind('.')); }

}  // namespace

const std::vector<ParameterKey>& parameter_keys() {
  static const std::vector<ParameterKey> keys = declared_keys();
  return keys;
}

const ParameterKey& parameter_key(std::string_view name) {
  for (const ParameterKey& k : parameter_keys())
    if (k.name == name) return k;
  throw std::logic_error("no scenario key " + std::string(name) + " in model/scenario/scenario_keys.cpp");
}

double read_parameter(CheckedTable& t, std::string_view name, Scenario& s, std::size_t instance,
                      std::optional<double> default_value) {
  const ParameterKey& k = parameter_key(name);
  ParameterTarget target{&k, {instance}};
  const double value =
      k.required ? t.parameter(k.leaf(), k.bounds, Required{std::string(k.source)}, std::move(target))
                 : t.parameter(k.leaf(), k.bounds,
                               Default<double>{default_value.value_or(k.default_value), std::string(k.source)},
                               std::move(target));
  if (k.field) k.field(s, instance) = value;
  return value;
}

void read_section_parameters(CheckedTable& t, std::string_view section, Scenario& s) {
  for (const ParameterKey& k : parameter_keys())
    if (section_of_key(k.name) == section) read_parameter(t, k.name, s);
}

void read_parameter_section(CheckedTable& root, std::string_view section, Scenario& s) {
  std::vector<std::string_view> leaves;
  for (const ParameterKey& k : parameter_keys())
    if (section_of_key(k.name) == section) leaves.push_back(k.leaf());
  CheckedTable t = root.table_or_empty(section, std::move(leaves));
  read_section_parameters(t, section, s);
}

void set_parameter(Scenario& s, const ParameterTarget& target, double value) {
  // sessions.attendance has no field: the loader retargets its draw to the sessions it feeds.
  if (!target.key->field)
    throw std::logic_error("set_parameter: " + std::string(target.key->name) + " is not a field of a scenario");
  for (const std::size_t i : target.instances) target.key->field(s, i) = value;
}

}  // namespace model
