#pragma once
// A scenario: one office, its population, its plan and the model's parameters, fully resolved
// (every default filled in). Plain data; model/scenario/scenario_loader.* builds it from a TOML
// file and records where each value came from. Defaults and their sources are documented in
// scenarios/README.md; the numbers below are the defaults the loader fills in (the number keys
// that may be uncertain take theirs from here through model/scenario/scenario_keys.cpp).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/domain/channel.hpp"
#include "model/domain/poverty_class.hpp"
#include "model/scenario/ledger.hpp"
#include "model/scenario/uncertain_parameter.hpp"
#include "sim/calendar.hpp"
#include "sim/date.hpp"

namespace model {

struct Commune {
  std::string name;
  std::int64_t households = 0;
  double poor_share = 0;       // share of households, 0..1
  double near_poor_share = 0;  // share of households, 0..1
  std::int64_t eligible = 0;   // people who may join (aged 15+, not in compulsory insurance)
  bool urban = false;
  // Eligible people per class: eligible split by the class shares, rounded so they add up.
  PerClass<std::int64_t> eligible_by_class() const;
};

// Events carry a person's commune in 16 bits and scheduled work their id in 48
// (model/population/population.hpp): the loaders refuse a population beyond these.
inline constexpr std::size_t max_communes = 65'535;
inline constexpr std::int64_t max_eligible = (std::int64_t{1} << 48) - 1;  // all communes together

// What is done once a staff member's or an agent's quota is met.
enum class AfterQuota : std::uint8_t { stop, reduce, carry_on };

// Net price and uptake. The net monthly contribution of a class is
//   contribution_rate × reference_income × (1 − state_support − local_top_up);
// its burden is that price over the class's monthly income per person, and the class's uptake
// factor is (burden / reference burden)^(−burden_elasticity), the reference being a non-poor
// person with state support only. See model/uptake/conversion.hpp.
struct Pricing {
  double contribution_rate = 0.22;     // Law 58/2014/QH13
  double reference_income = 700'000;  // VND/month, rural poverty line 2016–2021
  PerClass<double> state_support{{0.30, 0.25, 0.10}};  // from 1 Jan 2018
  PerClass<double> local_top_up{{0, 0, 0}};            // a plan's lever, share of the same base
  PerClass<double> class_income{{550'000, 850'000, 2'000'000}};  // estimate, VND/person/month
  double burden_elasticity = 0.43;    // income elasticity of voluntary uptake (Hanoi, 2013)
  // The price the channels' conversions were estimated at: the net monthly payment of a
  // non-poor member in `reference_year` (VND). Uptake moves with each class's burden relative
  // to it, so a dearer scheme lowers every class's uptake (model/uptake/conversion.hpp).
  int reference_year = 2018;          // the shipped conversions' year ([S1]: Chi Lăng, 2018)
  double reference_payment = 138'600; // 22 % × 700,000 × (1 − 10 %) in 2018 ([S3])
  std::optional<PerClass<double>> pinned_factors;  // a planner's own factors, bypassing prices
  double subsidy_months = 12;         // months of top-up committed per new member, for costs
};

struct Decisions {
  double delay_mean_days = 10;  // estimate: the article's sign-ups came within days
  double delay_shape = 2;       // gamma shape: most decide within two to three weeks
  double cool_off_days = 60;    // estimate: a person who declined is not asked again before
};

struct Session {
  sim::Date date;
  int commune = 0;  // index into Scenario::communes
  double attendance = 50;
};
struct Sessions {
  std::vector<Session> list;
  double conversion = 0.06;      // per attendee of the reference class (article: 6 per 100)
  bool fixed_attendance = false; // false: attendance is Poisson around its expected value
  double cost_per_session = 0;   // VND
};

struct DoorToDoor {
  int staff = 0;
  sim::Date from, to;            // working days in [from, to]; default: the run's days
  double visits_per_staff_day = 4;
  int quota_per_staff = 3;       // article: each staff member recruits 3
  AfterQuota after_quota = AfterQuota::stop;
  double reduced_share = 0.25;   // visits kept, as a share, when after_quota = reduce
  std::vector<int> communes;     // the areas visited; default: the urban units
  double conversion = 0.08;      // per person asked (national campaign-day yield, discounted)
  double cost_per_staff_day = 0; // VND
};

struct AgentGroup {
  std::string name;
  int count = 0;
  sim::Date joins;               // when the group starts working
  double contacts_per_week = 5;
  int quota = 0;                 // per agent, new members over the run; 0 = no quota
  AfterQuota after_quota = AfterQuota::carry_on;
  double reduced_share = 0.25;
  std::vector<int> communes;     // agents are spread over these round-robin; default: all
  double conversion = 0.025;     // per contact of the reference class
  double commission = 0;         // VND per enrolment: no sourced value exists
  // Pay besides commissions (model/scenario/agent_units.hpp); 0 when not set, so costs count
  // commissions only, as before these keys existed.
  double monthly_allowance = 0;  // VND per agent per month, from joining to scenario.end
  double training_cost = 0;      // VND per agent, once, when the group joins
  bool pay_set = false;          // monthly_allowance or training_cost given
};

struct WalkIn {
  double per_day = 0;            // Poisson rate per calendar day, before seasonal factors
};

struct WordOfMouth {
  double referrals_per_member = 0;  // mean number of people a new member talks to
  double delay_mean_days = 30;
  double conversion = 0.10;
};

// The channels a season scales when its table does not name them: the background ones, walk-ins
// and word of mouth (docs/model.md, section 2.4). A plan's own sessions, visits and agents are
// modelled as channels, so a national year-end surge that already includes such campaigns
// ([S5], [E8]) must not raise them a second time.
inline constexpr std::array<Channel, 2> background_channels{Channel::walk_in, Channel::referral};

constexpr std::array<bool, channel_count> background_scales() {
  std::array<bool, channel_count> scales{};
  for (const Channel c : background_channels) scales[static_cast<std::size_t>(c)] = true;
  return scales;
}

struct Season {
  sim::Date from, to;  // inclusive
  double factor = 1;   // multiplies the join probabilities and rates of the channels it scales
  std::array<bool, channel_count> scales = background_scales();  // by Channel value

  bool applies_to(Channel c) const { return scales[static_cast<std::size_t>(c)]; }
};

struct Lapses {
  double monthly_payer_share = 0.5;  // estimate
  double monthly_hazard = 0.015;     // per month, for monthly payers
  double yearly_renewal = 0.75;      // at the anniversary, for the others
};

enum class TargetMetric : std::uint8_t { new_signups, active_members };

// One resolved value and where it came from, for `outreach check`.
struct ResolvedValue {
  std::string key;     // "sessions.conversion"
  std::string value;   // as text
  std::string source;  // "file.toml:12", "--set", or "default: <reason>"
  bool whole_number = false;  // the key takes whole numbers only (staff, counts, quotas)
};

// What a scenario was read from, byte for byte, so that an event log can carry it and a replay
// can rebuild the same Scenario through the loader (model/replay/log_metadata.hpp).
struct ScenarioSources {
  struct DataFile {
    std::string key;   // "population.file" or "calendar.holidays"
    std::string path;  // the file read
    std::string text;  // its bytes
  };
  std::string path;                    // as given to load_scenario
  std::string text;                    // the scenario file's bytes
  std::vector<std::string> overrides;  // --set key=value, in the order applied
  std::vector<DataFile> data_files;    // in the order read
};

struct Scenario {
  std::string name;
  std::string path;    // the file it was read from
  sim::Date start;     // as-of date: enrolled_at_start counts sign-ups up to and including it
  sim::Date end;       // deadline, inclusive
  std::int64_t target = 0;
  std::int64_t enrolled_at_start = 0;  // with a ledger: its sign-ups
  std::optional<Ledger> ledger;        // what happened up to start, folded into the initial state
  TargetMetric metric = TargetMetric::new_signups;

  std::uint64_t replications = 1000;
  std::uint64_t seed = 20180905;

  std::vector<Commune> communes;
  sim::WorkingCalendar calendar;

  Pricing pricing;
  Decisions decisions;
  Sessions sessions;
  std::optional<DoorToDoor> door_to_door;
  std::vector<AgentGroup> agents;
  WalkIn walk_in;
  WordOfMouth word_of_mouth;
  std::vector<Season> seasons;
  Lapses lapses;

  // Parameters given as distributions, in reading order. The fields above hold their means;
  // each replication runs on its own draws (model/scenario/uncertain_parameter.hpp).
  std::vector<UncertainParameter> uncertain;

  std::vector<ResolvedValue> resolved;
  ScenarioSources sources;

  int commune_index(const std::string& name) const;  // -1 when unknown
  // The product of the factors of the seasons that cover d and scale channel c.
  double season_factor(sim::Date d, Channel c) const;
  // The highest season factor of channel c on any date (1 when no season scales it).
  double max_season_factor(Channel c) const;
};

}  // namespace model
