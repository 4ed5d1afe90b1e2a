#pragma once
// The mean-field (expected-value) version of the model: the same scenario, no randomness.
// Expected contacts flow day by day into decisions, spread over the days they fall due by the
// decision-delay distribution (gamma CDF, exact for the contact's time of day), and become
// sign-ups at the mean conversion × class factor × season of the day they fall due; walk-ins
// join at their mean daily rate; each sign-up refers its mean number of people after the
// exponential delay; members lapse at their mean hazards. Stepped daily with Eigen arrays of
// expected sign-ups (day × commune × class) per channel.
//
// Where the model is linear (no quota reached, the eligible pool not depleted, parameters
// fixed), this is the expectation of the simulation's counts: the simulated means converge to
// it (tests/studies/mean_field/test_mean_field.cpp). Elsewhere it is an approximation, and `caveats` says
// which apply:
//   - quotas: the share of staff (agents) still under quota is P(N < quota), N Poisson with the
//     expected credit of one staff member (agent) working at full rate, so a quota's nonlinear
//     stop is only approximated;
//   - saturation and cool-off: a person asked again while deciding or within the cool-off
//     after a refusal starts no decision, and members are not asked again; the mean-field
//     treats every contact as a fresh person (a session's duplicate attendees are accounted
//     for exactly), so it runs high when a unit's contacts are a large share of its people
//     (the shipped plan: 336 expected against a simulated mean of 328, 2.4 %);
//   - word of mouth: linear in expectation (each new member tells Poisson(r) people of their
//     unit), so exact in a large pool; in a small one referrals hit the same depleted pool;
//   - uncertain parameters are set at their means: exact for a count linear in them (each a
//     product of independent parameters), not for word of mouth's chains in an uncertain
//     referral conversion, nor for quotas or costs that depend on when a quota is met.
// Discretisation (contacts of continuous processes at 4 points a day, a sign-up's referrals
// from the middle of its day, a same-day referral moved to the next day) moves the figures by
// far less than the tests' Monte Carlo error.
#include <array>
#include <string>
#include <vector>

#include "model/domain/channel.hpp"
#include "model/scenario/scenario.hpp"

namespace model {

struct MeanField {
  double initial = 0;         // members at the start (enrolled_at_start)
  double new_members = 0;     // expected sign-ups during the run
  std::array<double, new_member_channel_count> by_channel{};  // by new_member_channels order
  double lapsed = 0;          // expected lapses during the run
  double final_count = 0;     // by the scenario's metric
  double pending = 0;         // decisions still open at the deadline
  double cost = 0;            // expected cost, VND (as Costs: sessions, staff days, commissions, top-up)
  std::vector<double> cumulative;  // the metric's expected count at the end of each day
  std::vector<std::string> caveats;  // where, for this scenario, the values are approximate
};

MeanField mean_field(const Scenario& s);

// A few lines for `outreach check`: the expected final count against the target, by channel,
// the pending decisions, the cost and the caveats.
std::string describe_mean_field(const Scenario& s, const MeanField& m);

}  // namespace model
