#include "model/uptake/conversion.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <algorithm>
#include <cmath>

#include "sim/exponential.hpp"

namespace model {

double net_monthly_contribution(const Pricing& p, PovertyClass c) {
  return p.contribution_rate * p.reference_income *
         (1.0 - p.state_support[c] - p.local_top_up[c]);
}

double monthly_top_up(const Pricing& p, PovertyClass c) {
  return p.contribution_rate * p.reference_income * p.local_top_up[c];
}

namespace {

// The isoelastic response to a burden `ratio` times the reference burden. A fully subsidised
// class pays nothing: its burden is zero and its factor unbounded; the ratio is floored where
// the price no longer matters (a hundredth of the reference burden).
double response(const Pricing& p, double ratio) { return std::pow(std::max(ratio, 0.01), -p.burden_elasticity); }

// The burden the conversions were estimated at: the reference payment over the income of the
// reference class (non-poor).
double reference_burden(const Pricing& p) { return p.reference_payment / p.class_income[PovertyClass::other]; }

}  // namespace

PerClass<double> uptake_factors(const Pricing& p) {
  if (p.pinned_factors) return *p.pinned_factors;
  PerClass<double> f;
  for (const PovertyClass c : all_poverty_classes)
    f[c] = response(p, net_monthly_contribution(p, c) / p.class_income[c] / reference_burden(p));
  return f;
}

double price_level_factor(const Pricing& p) {
  if (p.pinned_factors) return 1;
  const PovertyClass ref = PovertyClass::other;
  const double burden = p.contribution_rate * p.reference_income * (1.0 - p.state_support[ref]) / p.class_income[ref];
  return response(p, burden / reference_burden(p));
}

namespace {

// What a contact by the channel converts at, for the reference class in an ordinary season.
double channel_conversion(const Scenario& s, Channel c, int agent_group) {
  switch (c) {
    case Channel::session: return s.sessions.conversion;
    case Channel::door_to_door: return s.door_to_door->conversion;
    case Channel::agent: return s.agents[static_cast<std::size_t>(agent_group)].conversion;
    case Channel::referral: return s.word_of_mouth.conversion;
    default: return 0;
  }
}

// Gamma(shape, mean / shape) days. A whole-number shape is drawn as that many exponential
// phases (the Erlang law, the same distribution), several times faster than Boost's general
// gamma sampler, which costs a tan, a log and an exp per try.
double decision_delay(const Decisions& d, sim::RandomStream& s) {
  const double scale = d.delay_mean_days / d.delay_shape;
  if (d.delay_shape == std::floor(d.delay_shape) && d.delay_shape <= 16) {
    const sim::Exponential phase(1.0 / scale);
    double sum = 0;
    for (int i = 0; i < static_cast<int>(d.delay_shape); ++i) sum += phase(s);
    return sum;
  }
  return boost::random::gamma_distribution<double>(d.delay_shape, scale)(s);
}

}  // namespace

// The channel's own rate, scaled by the price (the person's class factor) and by the season
// factor of the day the person decides; capped at 1, as factors above 1 can push it past.
double conversion_probability(const Scenario& s, Channel c, int agent_group, double class_factor,
                              sim::Date decided_on) {
  return std::min(1.0, channel_conversion(s, c, agent_group) * class_factor * s.season_factor(decided_on, c));
}

DecisionDraw draw_decision(const Decisions& d, sim::RandomStream& s) {
  DecisionDraw draw;
  draw.u = s.uniform_open();  // first the uniform, then the delay: the order of the draws
  draw.delay_days = decision_delay(d, s);
  return draw;
}

}  // namespace model
